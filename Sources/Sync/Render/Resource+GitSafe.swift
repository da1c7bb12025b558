import Overlays

extension Resource {
    /// Annotations that can hold a Secret's values (kubectl keeps the whole applied object in one).
    static let valueCarryingAnnotations = ["kubectl.kubernetes.io/last-applied-configuration"]

    /// Whether this is a core `v1` Secret, whose values must never reach Git.
    public var isSecret: Bool { kind == "Secret" && apiVersion == "v1" }

    /// The object as it may be written into Git: a Secret loses `data`, `stringData` and annotations that
    /// can carry its values; its metadata (including `dlsync.io/generate`), `type` and `immutable` stay.
    /// Every other object is returned unchanged.
    public var withoutSecretValues: Resource {
        guard isSecret else { return self }
        var copy = self
        copy.node.set(nil, at: ["data"])
        copy.node.set(nil, at: ["stringData"])
        if var annotations = copy.node["metadata", "annotations"]?.mapping {
            for key in Self.valueCarryingAnnotations { annotations.removeValue(forKey: key) }
            copy.node.set(annotations.isEmpty ? nil : .mapping(annotations), at: ["metadata", "annotations"])
        }
        return copy
    }
}
