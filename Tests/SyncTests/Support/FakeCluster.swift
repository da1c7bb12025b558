import Overlays
import Sync

/// An in-memory API server for unit tests: known kinds, stored objects, server-side apply as a deep merge
/// (maps merge, lists replace) with `dlsync`'s managed fields recorded, an optional defaulting step, a
/// resourceVersion bumped on every write (checked by `replace`), an outage switch and a request log.
actor FakeCluster: KubernetesAPI {
    var resources: [GroupVersionKind: APIResource] = [:]
    var objects: [ObjectRef: Node] = [:]
    var requests: [String] = []
    /// Applied to every stored object, like API defaulting (e.g. fill `protocol: TCP`).
    var defaulter: @Sendable (Node) -> Node = { $0 }
    var failApplyFor: Set<String> = []
    /// When set, `get`, `create` and `replace` fail with it, like an unreachable API server.
    var outage: APIError?
    private var version = 0

    init(kinds: [APIResource] = FakeCluster.builtinKinds) {
        for kind in kinds { resources[kind.gvk] = kind }
    }

    static let builtinKinds: [APIResource] = [
        .init(group: "", version: "v1", kind: "Namespace", name: "namespaces", namespaced: false),
        .init(group: "", version: "v1", kind: "ConfigMap", name: "configmaps", namespaced: true),
        .init(group: "", version: "v1", kind: "Secret", name: "secrets", namespaced: true),
        .init(group: "", version: "v1", kind: "Service", name: "services", namespaced: true),
        .init(
            group: "", version: "v1", kind: "PersistentVolumeClaim", name: "persistentvolumeclaims", namespaced: true),
        .init(group: "", version: "v1", kind: "ServiceAccount", name: "serviceaccounts", namespaced: true),
        .init(group: "apps", version: "v1", kind: "Deployment", name: "deployments", namespaced: true),
        .init(
            group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", name: "clusterroles",
            namespaced: false),
    ]

    func setDefaulter(_ f: @escaping @Sendable (Node) -> Node) { defaulter = f }
    func setFailApply(_ names: Set<String>) { failApplyFor = names }
    func setOutage(_ error: APIError?) { outage = error }
    func clearRequests() { requests = [] }
    func count(_ verb: String) -> Int { requests.filter { $0.hasPrefix(verb + " ") }.count }

    func put(_ node: Node) {
        let ref = ObjectRef(node: node)
        objects[ref] = stored(node)
    }

    func object(_ kind: String, _ namespace: String, _ name: String, group: String = "") -> Node? {
        objects[ObjectRef(group: group, kind: kind, namespace: namespace, name: name)]
    }

    func remove(_ kind: String, _ namespace: String, _ name: String, group: String = "") {
        objects[ObjectRef(group: group, kind: kind, namespace: namespace, name: name)] = nil
    }

    private func stored(_ node: Node) -> Node {
        version += 1
        var n = defaulter(node)
        n.set(.string(String(version)), at: ["metadata", "resourceVersion"])
        if n["metadata", "uid"] == nil { n.set(.string("uid-\(version)"), at: ["metadata", "uid"]) }
        return n
    }

    // MARK: KubernetesAPI

    func resource(for gvk: GroupVersionKind) async throws(APIError) -> APIResource? {
        requests.append("discovery \(gvk.apiVersion)")
        return resources[gvk]
    }

    func resource(forGroupKind groupKind: String) async throws(APIError) -> APIResource? {
        resources.values.first { $0.groupKind == groupKind }
    }

    func invalidateDiscovery(groupVersion: String) async {}

    func list(_ resource: APIResource, namespace: String?, labelSelector: String?) async throws(APIError) -> [Node] {
        requests.append("list \(resource.groupKind)")
        let (key, value) =
            labelSelector.map { s -> (String, String) in
                let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
                return (parts[0], parts.count > 1 ? parts[1] : "")
            } ?? ("", "")
        return objects.filter { ref, node in
            ref.group == resource.group && ref.kind == resource.kind
                && (namespace == nil || ref.namespace == namespace)
                && (key.isEmpty || node["metadata", "labels", key]?.scalarText == value)
        }.sorted { $0.key < $1.key }.map(\.value)
    }

    func get(_ resource: APIResource, namespace: String?, name: String) async throws(APIError) -> Node? {
        requests.append("get \(resource.groupKind)/\(name)")
        if let outage { throw outage }
        return objects[
            ObjectRef(
                group: resource.group, kind: resource.kind, namespace: resource.namespaced ? namespace ?? "" : "",
                name: name)]
    }

    func apply(_ resource: APIResource, _ object: Node, dryRun: Bool) async throws(APIError) -> Node {
        requests.append(
            "\(dryRun ? "dry-run" : "apply") \(resource.groupKind)/\(object["metadata", "name"]?.scalarText ?? "")")
        var ref = ObjectRef(node: object)
        ref.group = resource.group
        if failApplyFor.contains(ref.name) {
            throw APIError(code: 422, reason: "Invalid", message: "\(ref.name) is invalid")
        }
        var merged = Self.merge(objects[ref] ?? .mapping(Mapping()), object)
        merged.set(.sequence([Self.managedEntry(for: object)]), at: ["metadata", "managedFields"])
        let result = defaulter(merged)
        if !dryRun { objects[ref] = stored(merged) }
        return dryRun ? result : objects[ref] ?? result
    }

    func create(_ resource: APIResource, _ object: Node, fieldManager: String, dryRun: Bool) async throws(APIError)
        -> Node
    {
        requests.append("create \(resource.groupKind)/\(object["metadata", "name"]?.scalarText ?? "")")
        if let outage { throw outage }
        var ref = ObjectRef(node: object)
        ref.group = resource.group
        guard objects[ref] == nil else { throw APIError(code: 409, reason: "AlreadyExists", message: "exists") }
        if dryRun { return object }
        let created = stored(object)
        objects[ref] = created
        return created
    }

    func replace(_ resource: APIResource, _ object: Node, fieldManager: String) async throws(APIError) -> Node {
        requests.append("update \(resource.groupKind)/\(object["metadata", "name"]?.scalarText ?? "")")
        if let outage { throw outage }
        var ref = ObjectRef(node: object)
        ref.group = resource.group
        guard let current = objects[ref] else { throw APIError(code: 404, reason: "NotFound", message: "not found") }
        // Like the API server: a resourceVersion in the body must match the stored one; none means unconditional.
        if let expected = object["metadata", "resourceVersion"]?.scalarText,
            expected != current["metadata", "resourceVersion"]?.scalarText
        {
            throw APIError(
                code: 409, reason: "Conflict",
                message: "the object has been modified; please apply your changes to the latest version and try again")
        }
        let updated = stored(object)
        objects[ref] = updated
        return updated
    }

    func delete(_ resource: APIResource, namespace: String?, name: String, propagation: PropagationPolicy, dryRun: Bool)
        async throws(APIError)
    {
        requests.append("delete \(resource.groupKind)/\(name)")
        if !dryRun {
            objects[
                ObjectRef(
                    group: resource.group, kind: resource.kind, namespace: resource.namespaced ? namespace ?? "" : "",
                    name: name)] = nil
        }
    }

    // MARK: helpers

    static func merge(_ base: Node, _ patch: Node) -> Node {
        guard var b = base.mapping, let p = patch.mapping else { return patch }
        for entry in p {
            if entry.key == "metadata", var meta = b["metadata"]?.mapping, let pm = entry.value.mapping {
                for m in pm { meta[m.key] = merge(meta[m.key] ?? .null, m.value) }
                b["metadata"] = .mapping(meta)
            } else {
                b[entry.key] = merge(b[entry.key] ?? .null, entry.value)
            }
        }
        return .mapping(b)
    }

    /// A `fieldsV1` entry owning every field of `object` (lists as whole fields).
    static func managedEntry(for object: Node) -> Node {
        func fields(_ node: Node) -> Node {
            guard let map = node.mapping else { return .mapping(Mapping()) }
            return .mapping(Mapping(map.entries.map { .init(key: "f:\($0.key)", value: fields($0.value)) }))
        }
        var owned = fields(object)
        owned.set(nil, at: ["f:apiVersion"])
        owned.set(nil, at: ["f:kind"])
        return .mapping(
            Mapping([
                "manager": .string("dlsync"), "operation": .string("Apply"), "apiVersion": .string("v1"),
                "fieldsType": .string("FieldsV1"), "fieldsV1": owned,
            ]))
    }
}

/// YAML text to a Node, for readable fixtures.
func yaml(_ text: String) -> Node {
    (try? YAMLParser.documents(text, file: "test.yaml").first) ?? .null
}

func yamlDocuments(_ text: String) -> [Node] {
    (try? YAMLParser.documents(text, file: "test.yaml")) ?? []
}
