import Overlays

/// What the sync logic needs from a cluster. `APIClient` talks to a real API server; tests use an
/// in-memory implementation.
public protocol KubernetesAPI: Sendable {
    /// The resource serving a kind, or nil when the server does not know it (e.g. its CRD is not established).
    func resource(for gvk: GroupVersionKind) async throws(APIError) -> APIResource?
    /// The resource of a group-kind (`Deployment.apps`) in the group's preferred version, or nil.
    func resource(forGroupKind groupKind: String) async throws(APIError) -> APIResource?
    /// Forgets cached discovery of one group-version (after a CRD was created).
    func invalidateDiscovery(groupVersion: String) async
    /// All objects of a kind (across namespaces when `namespace` is nil) matching a label selector.
    func list(_ resource: APIResource, namespace: String?, labelSelector: String?) async throws(APIError) -> [Node]
    /// One object, or nil when it does not exist.
    func get(_ resource: APIResource, namespace: String?, name: String) async throws(APIError) -> Node?
    /// Server-side apply as field manager `dlsync` with force; `dryRun` asks the server to only compute the result.
    func apply(_ resource: APIResource, _ object: Node, dryRun: Bool) async throws(APIError) -> Node
    /// Creates an object (POST) under the given field manager.
    func create(_ resource: APIResource, _ object: Node, fieldManager: String, dryRun: Bool) async throws(APIError)
        -> Node
    /// Replaces a whole object (PUT). Its `metadata.resourceVersion` makes the write conditional: the server
    /// answers 409 Conflict (`APIError.isConflict`) when the object changed since it was read.
    func replace(_ resource: APIResource, _ object: Node, fieldManager: String) async throws(APIError) -> Node
    func delete(
        _ resource: APIResource, namespace: String?, name: String, propagation: PropagationPolicy, dryRun: Bool
    ) async throws(APIError)
}

extension KubernetesAPI {
    /// The resource of a kind, or an error saying the server does not serve it.
    public func requireResource(for gvk: GroupVersionKind) async throws(APIError) -> APIResource {
        guard let r = try await resource(for: gvk) else {
            throw APIError(
                code: 404, reason: "NotFound",
                message: "the server does not serve \(gvk.kind) in \(gvk.apiVersion); is its CRD installed?")
        }
        return r
    }
}

/// The field manager dlsync applies with.
public let dlsyncFieldManager = "dlsync"
