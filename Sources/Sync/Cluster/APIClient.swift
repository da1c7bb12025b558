import AsyncHTTPClient
import NIOHTTP1
import Overlays

/// A Kubernetes API client for one server: discovery (cached per run), get, paginated list, server-side
/// apply, create, replace, delete and watch. Counts every request by verb in `stats`.
public final class APIClient: KubernetesAPI {
    public let settings: ConnectionSettings
    public let stats = RequestStats()
    /// Objects per page when listing.
    public let pageSize: Int
    let transport: HTTPTransport
    let discovery = Discovery()

    public init(settings: ConnectionSettings, pageSize: Int = 500) throws(ClusterConfigError) {
        self.settings = settings
        self.pageSize = pageSize
        transport = try HTTPTransport(settings: settings)
    }

    /// Closes the connection pool; call once when done.
    public func shutdown() async {
        await transport.shutdown()
    }

    // MARK: discovery

    public func resource(for gvk: GroupVersionKind) async throws(APIError) -> APIResource? {
        let gv = gvk.apiVersion
        if let known = discovery.cached(gv) { return known[gvk.kind] }
        let path = gvk.group.isEmpty ? "/api/\(gvk.version)" : "/apis/\(gvk.group)/\(gvk.version)"
        let response = try await send("discovery", method: .GET, path: path)
        if response.status == 404 {
            discovery.store(gv, [:])
            return nil
        }
        let node = try decode(response, request: "GET \(path)")
        let resources = Discovery.parse(node, group: gvk.group, version: gvk.version)
        discovery.store(gv, resources)
        return resources[gvk.kind]
    }

    public func resource(forGroupKind groupKind: String) async throws(APIError) -> APIResource? {
        let kind: String
        let group: String
        if let dot = groupKind.firstIndex(of: ".") {
            kind = String(groupKind[..<dot])
            group = String(groupKind[groupKind.index(after: dot)...])
        } else {
            kind = groupKind
            group = ""
        }
        guard !group.isEmpty else {
            return try await resource(for: GroupVersionKind(group: "", version: "v1", kind: kind))
        }
        let version: String
        if let cached = discovery.preferredVersion(group) {
            version = cached
        } else {
            let response = try await send("discovery", method: .GET, path: "/apis/\(group)")
            if response.status == 404 { return nil }
            let node = try decode(response, request: "GET /apis/\(group)")
            guard let preferred = node["preferredVersion", "version"]?.string else { return nil }
            discovery.storePreferredVersion(group, preferred)
            version = preferred
        }
        return try await resource(for: GroupVersionKind(group: group, version: version, kind: kind))
    }

    public func invalidateDiscovery(groupVersion: String) async {
        discovery.invalidate(groupVersion)
    }

    // MARK: reads

    public func get(_ resource: APIResource, namespace: String?, name: String) async throws(APIError)
        -> Node?
    {
        let path = resource.objectPath(namespace: namespace, name: name)
        let response = try await send("get", method: .GET, path: path)
        if response.status == 404 { return nil }
        return try decode(response, request: "GET \(path)")
    }

    public func list(_ resource: APIResource, namespace: String?, labelSelector: String?)
        async throws(APIError)
        -> [Node]
    {
        let path = resource.collectionPath(namespace: namespace)
        var items: [Node] = []
        var continueToken: String?
        repeat {
            var query: [(String, String)] = [("limit", String(pageSize))]
            if let labelSelector { query.append(("labelSelector", labelSelector)) }
            if let continueToken { query.append(("continue", continueToken)) }
            let response = try await send("list", method: .GET, path: path, query: query)
            let page = try decode(response, request: "GET \(path)")
            for var item in page["items"]?.sequence ?? [] {
                // Items in a list carry no kind/apiVersion; restore them so they read like single objects.
                item.set(.string(resource.groupVersion), at: ["apiVersion"])
                item.set(.string(resource.kind), at: ["kind"])
                items.append(item)
            }
            continueToken = page["metadata", "continue"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        } while continueToken != nil
        return items
    }

    // MARK: writes

    public func apply(_ resource: APIResource, _ object: Node, dryRun: Bool) async throws(APIError)
        -> Node
    {
        let name = object["metadata", "name"]?.scalarText ?? ""
        let namespace = object["metadata", "namespace"]?.scalarText
        let path = resource.objectPath(namespace: namespace, name: name)
        var query = [("fieldManager", dlsyncFieldManager), ("force", "true")]
        if dryRun { query.append(("dryRun", "All")) }
        // JSON is YAML, so the apply-patch+yaml content type reads it.
        let response = try await send(
            dryRun ? "dry-run" : "apply", method: .PATCH, path: path, query: query,
            contentType: "application/apply-patch+yaml",
            body: JSONEncoding.bytes(object))
        return try decode(response, request: "PATCH \(path)")
    }

    public func create(_ resource: APIResource, _ object: Node, fieldManager: String, dryRun: Bool)
        async throws(APIError) -> Node
    {
        let namespace = object["metadata", "namespace"]?.scalarText
        let path = resource.collectionPath(
            namespace: resource.namespaced ? (namespace ?? "default") : nil)
        var query = [("fieldManager", fieldManager)]
        if dryRun { query.append(("dryRun", "All")) }
        let response = try await send(
            "create", method: .POST, path: path, query: query, contentType: "application/json",
            body: JSONEncoding.bytes(object))
        return try decode(response, request: "POST \(path)")
    }

    public func replace(_ resource: APIResource, _ object: Node, fieldManager: String) async throws(APIError)
        -> Node
    {
        let name = object["metadata", "name"]?.scalarText ?? ""
        let namespace = object["metadata", "namespace"]?.scalarText
        let path = resource.objectPath(namespace: namespace, name: name)
        let response = try await send(
            "update", method: .PUT, path: path, query: [("fieldManager", fieldManager)],
            contentType: "application/json", body: JSONEncoding.bytes(object))
        return try decode(response, request: "PUT \(path)")
    }

    public func delete(
        _ resource: APIResource, namespace: String?, name: String, propagation: PropagationPolicy,
        dryRun: Bool
    ) async throws(APIError) {
        let path = resource.objectPath(namespace: namespace, name: name)
        var options = Mapping([
            "apiVersion": .string("v1"), "kind": .string("DeleteOptions"),
            "propagationPolicy": .string(propagation.rawValue),
        ])
        if dryRun { options["dryRun"] = .sequence([.string("All")]) }
        let response = try await send(
            "delete", method: .DELETE, path: path, contentType: "application/json",
            body: JSONEncoding.bytes(.mapping(options)))
        if response.status == 404 { return }
        _ = try decode(response, request: "DELETE \(path)")
    }

    /// Sends one request, counting it by verb and answer in `stats`.
    func send(
        _ verb: String, method: HTTPMethod, path: String, query: [(String, String)] = [],
        contentType: String? = nil,
        body: [UInt8]? = nil
    ) async throws(APIError) -> HTTPTransport.Response {
        do {
            let response = try await transport.send(
                method: method, path: path, query: query, contentType: contentType, body: body)
            stats.record(verb, code: response.status)
            return response
        } catch {
            stats.record(verb, code: error.code)
            throw error
        }
    }

    func decode(_ response: HTTPTransport.Response, request: String) throws(APIError) -> Node {
        guard (200..<300).contains(response.status) else {
            throw APIError.from(status: response.status, body: response.body, request: request)
        }
        do {
            return try JSONDecoding.decode(response.body)
        } catch {
            throw APIError(
                code: response.status, reason: "BadResponse", message: error.description, request: request)
        }
    }
}
