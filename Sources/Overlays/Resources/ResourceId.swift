/// The identity of an object in a build: type, name and namespace. Two objects with equal ids in
/// one build are an error, as in kustomize.
public struct ResourceId: Hashable, Sendable, CustomStringConvertible {
    public var gvk: GroupVersionKind
    public var name: String
    public var namespace: String

    public init(gvk: GroupVersionKind, name: String, namespace: String = "") {
        self.gvk = gvk
        self.name = name
        self.namespace = namespace
    }

    /// Cluster-scoped objects have no namespace; "" and "default" are the same namespace.
    public var effectiveNamespace: String {
        if gvk.isClusterScoped { return "_non_namespaceable_" }
        return namespace.isEmpty ? "default" : namespace
    }

    /// Equality as kustomize decides it: same type and name, same effective namespace.
    public func matches(_ other: ResourceId) -> Bool {
        name == other.name && gvk == other.gvk && effectiveNamespace == other.effectiveNamespace
    }

    /// Whether a selector id (empty fields are wildcards) picks this id.
    public func isSelected(by selector: ResourceId) -> Bool {
        (selector.name.isEmpty || selector.name == name)
            && (selector.namespace.isEmpty || selector.effectiveNamespace == effectiveNamespace)
            && gvk.isSelected(by: selector.gvk)
    }

    /// kustomize's `ResId.String()`, used in its messages: `Kind.version.group/name.namespace`.
    public var description: String {
        "\(gvk)/\(name.isEmpty ? "[noName]" : name).\(namespace.isEmpty ? "[noNs]" : namespace)"
    }
}
