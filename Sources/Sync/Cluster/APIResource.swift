import Overlays

/// One kind the server serves: where its objects live (`/apis/apps/v1/namespaces/x/deployments`).
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String
    /// The plural resource name in URLs (`deployments`).
    public var name: String
    public var namespaced: Bool

    public init(group: String, version: String, kind: String, name: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.kind = kind
        self.name = name
        self.namespaced = namespaced
    }

    public var gvk: GroupVersionKind { GroupVersionKind(group: group, version: version, kind: kind) }
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// `Deployment.apps` — the group-kind as the ApplySet annotations spell it.
    public var groupKind: String { group.isEmpty ? kind : "\(kind).\(group)" }
    public var description: String { groupKind }

    /// The URL path of the collection; `namespace` nil lists across all namespaces.
    public func collectionPath(namespace: String?) -> String {
        let root = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace, !namespace.isEmpty {
            return "\(root)/namespaces/\(namespace)/\(name)"
        }
        return "\(root)/\(name)"
    }

    public func objectPath(namespace: String?, name objectName: String) -> String {
        "\(collectionPath(namespace: namespaced ? (namespace ?? "default") : nil))/\(objectName)"
    }
}

/// Whether dependents are deleted with their owner: in the background, in the foreground or left behind.
public enum PropagationPolicy: String, Sendable {
    case background = "Background"
    case foreground = "Foreground"
    case orphan = "Orphan"
}
