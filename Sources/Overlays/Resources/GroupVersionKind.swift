/// A Kubernetes type: group, version and kind, as kustomize identifies it (`apps/v1` → group `apps`).
public struct GroupVersionKind: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String = "", version: String = "", kind: String = "") {
        self.group = group
        self.version = version
        self.kind = kind
    }

    public init(apiVersion: String, kind: String) {
        if let slash = apiVersion.firstIndex(of: "/") {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
        self.kind = kind
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// kustomize's `Gvk.String()`: `Kind.version.group` with placeholders for empty parts.
    public var description: String {
        "\(kind.isEmpty ? "[noKind]" : kind).\(version.isEmpty ? "[noVer]" : version).\(group.isEmpty ? "[noGrp]" : group)"
    }

    /// Whether this type matches a selector whose empty fields are wildcards.
    public func isSelected(by selector: GroupVersionKind) -> Bool {
        (selector.group.isEmpty || selector.group == group)
            && (selector.version.isEmpty || selector.version == version)
            && (selector.kind.isEmpty || selector.kind == kind)
    }

    public var isClusterScoped: Bool {
        KubernetesSchema.isClusterScoped(self)
    }
}
