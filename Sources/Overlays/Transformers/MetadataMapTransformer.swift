/// `labels:`, `commonLabels:` and `commonAnnotations:` — writes string pairs into every map a field
/// spec reaches, creating the map where the spec says so.
enum MetadataMapTransformer {
    static func apply(
        _ pairs: [(key: String, value: String)], specs: [FieldSpec], to map: inout ResourceMap
    ) throws(BuildError) {
        guard !pairs.isEmpty else { return }
        // kustomize writes keys in sorted order; the result is the same map either way.
        try map.transform { (resource: inout Resource) throws(BuildError) in
            for spec in specs {
                try FieldPath.apply(spec, to: &resource, create: .mapping) { (target: inout Node) throws(BuildError) in
                    var entries: Mapping
                    switch target {
                    case .mapping(let m): entries = m
                    case .null: entries = Mapping()
                    default: throw BuildError("expected a map at '\(spec.path)'")
                    }
                    for pair in pairs { entries[pair.key] = .string(pair.value) }
                    target = .mapping(entries)
                }
            }
        }
    }

    /// Field specs for one `labels:` entry, merged the way kustomize merges them.
    static func labelSpecs(for label: LabelSpec, config: TransformerConfig) -> [FieldSpec] {
        var specs = label.fields
        for spec in config.labels where !specs.contains(spec) { specs.append(spec) }
        func add(_ more: [FieldSpec]) {
            for spec in more where !specs.contains(spec) { specs.append(spec) }
        }
        if label.includeSelectors {
            add(config.commonLabels)
        } else {
            if label.includeTemplates { add(config.templateLabels) }
            add([FieldSpec(path: "metadata/labels", create: true)])
        }
        return specs
    }
}
