import Overlays

/// An object as dlsync applies it: the built manifest plus the ownership label, its namespace filled in,
/// and how Secrets marked for generation or copying are treated.
public struct DesiredObject: Sendable {
    public enum SecretSource: Sendable, Equatable {
        /// An ordinary object: applied as built.
        case manifest
        /// `dlsync.io/generate: "k1,k2"`: created with random values for these keys when absent.
        case generate([String])
        /// `dlsync.io/copy-from: ns/name`: created with that Secret's data when absent — only the keys
        /// `dlsync.io/generate` lists when both annotations are present, else all of them.
        case copy(namespace: String, name: String, keys: [String]?)
    }

    public var ref: ObjectRef
    /// What is sent with server-side apply. For generated and copied Secrets, metadata (and type) only.
    public var manifest: Node
    /// The whole built object (for generated Secrets, with any non-generated data to create it with).
    public var built: Node
    public var secretSource: SecretSource
    /// Resolved by discovery; nil while the kind is unknown to the server (its CRD is applied in this run).
    public var resource: APIResource?

    public var isSecretManagedByDlsync: Bool { secretSource != .manifest }
}

/// Type, namespace and name of an object — `Deployment.apps ns/name` in messages.
public struct ObjectRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var group: String
    public var kind: String
    public var namespace: String
    public var name: String

    public init(group: String, kind: String, namespace: String, name: String) {
        self.group = group
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public init(node: Node) {
        let gvk = GroupVersionKind(
            apiVersion: node["apiVersion"]?.scalarText ?? "", kind: node["kind"]?.scalarText ?? "")
        self.init(
            group: gvk.group, kind: gvk.kind, namespace: node["metadata", "namespace"]?.scalarText ?? "",
            name: node["metadata", "name"]?.scalarText ?? "")
    }

    public var groupKind: String { group.isEmpty ? kind : "\(kind).\(group)" }

    /// `Deployment/web -n shop` style, as kubectl prints it (`deployment.apps/web` there).
    public var description: String {
        namespace.isEmpty ? "\(groupKind)/\(name)" : "\(groupKind)/\(name) -n \(namespace)"
    }

    public static func < (a: ObjectRef, b: ObjectRef) -> Bool {
        (a.groupKind, a.namespace, a.name) < (b.groupKind, b.namespace, b.name)
    }
}

extension DesiredObject {
    public static let generateAnnotation = "dlsync.io/generate"
    public static let copyFromAnnotation = "dlsync.io/copy-from"

    /// Prepares built resources for applying: adds the ownership label and reads the Secret annotations.
    /// Namespaces are filled in later, once discovery says which kinds are namespaced.
    public static func prepare(_ resources: [Resource], inventory: Inventory) throws(SyncError) -> [DesiredObject] {
        var out: [DesiredObject] = []
        var seen: Set<ObjectRef> = []
        for resource in resources {
            var node = ManifestDefaults.apply(resource.node)
            node.set(.string(inventory.id), at: ["metadata", "labels", Inventory.partOfLabel])
            let ref = ObjectRef(node: node)
            guard !ref.name.isEmpty, !ref.kind.isEmpty else {
                throw SyncError("object without kind or name in the build: \(resource.id)")
            }
            guard seen.insert(ref).inserted else { throw SyncError("\(ref) appears twice in the build") }
            var source = SecretSource.manifest
            var manifest = node
            if ref.group.isEmpty, ref.kind == "Secret" {
                let annotations = resource.annotations
                var generated: [String]?
                if let keys = annotations[generateAnnotation] {
                    let list = keys.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
                    guard !list.isEmpty else {
                        throw SyncError("\(ref): annotation \(generateAnnotation) names no keys; write \"key1,key2\"")
                    }
                    generated = list
                    source = .generate(list)
                }
                // A copy holds the source's values; with both annotations, the generate list says which keys.
                if let from = annotations[copyFromAnnotation] {
                    let parts = from.split(separator: "/").map(String.init)
                    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                        throw SyncError(
                            "\(ref): annotation \(copyFromAnnotation) must be <namespace>/<name>, not '\(from)'")
                    }
                    source = .copy(namespace: parts[0], name: parts[1], keys: generated)
                }
                if source != .manifest { manifest = metadataOnly(node) }
            }
            out.append(DesiredObject(ref: ref, manifest: manifest, built: node, secretSource: source))
        }
        return out
    }

    /// apiVersion, kind, name, namespace, labels and annotations (and a Secret's type): what dlsync applies
    /// to a Secret whose values it must never change.
    static func metadataOnly(_ node: Node) -> Node {
        var meta = Mapping()
        for key in ["name", "namespace", "labels", "annotations"] {
            if let v = node["metadata", key] { meta[key] = v }
        }
        var out = Mapping([
            "apiVersion": node["apiVersion"] ?? .string("v1"), "kind": node["kind"] ?? .string("Secret"),
            "metadata": .mapping(meta),
        ])
        if let type = node["type"] { out["type"] = type }
        return .mapping(out)
    }

    /// Fills in the resource and, for namespaced kinds without one, the namespace.
    mutating func resolve(_ resource: APIResource, defaultNamespace: String) {
        self.resource = resource
        if resource.namespaced, ref.namespace.isEmpty {
            ref.namespace = defaultNamespace
            manifest.set(.string(defaultNamespace), at: ["metadata", "namespace"])
            built.set(.string(defaultNamespace), at: ["metadata", "namespace"])
        } else if !resource.namespaced, !ref.namespace.isEmpty {
            ref.namespace = ""
            manifest.set(nil, at: ["metadata", "namespace"])
            built.set(nil, at: ["metadata", "namespace"])
        }
    }
}

/// A sync, diff or status failure with a message naming the object and what to do.
public struct SyncError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
