extension Resource {
    /// kustomize re-writes `metadata.annotations` through its reader and again at the end of a build,
    /// which leaves every value a string (`1.5` becomes `"1.5"`, `null` becomes `"null"`) and drops an
    /// empty annotations map.
    public mutating func stringifyAnnotations() {
        guard let annotations = node["metadata", "annotations"]?.mapping,
            var metadata = node["metadata"]?.mapping
        else { return }
        if annotations.isEmpty {
            metadata.removeValue(forKey: "annotations")
        } else {
            var strings = Mapping()
            for entry in annotations {
                switch entry.value {
                case .null: strings[entry.key] = .string("null")
                case .string, .sequence, .mapping: strings[entry.key] = entry.value
                default: strings[entry.key] = .string(entry.value.scalarText ?? "")
                }
            }
            guard strings != annotations else { return }
            metadata["annotations"] = .mapping(strings)
        }
        node.set(.mapping(metadata), at: ["metadata"])
    }
}
