/// An entry of `transformers:`: a configuration of one of kustomize's built-in transformers
/// (`apiVersion: builtin`), read from a file or inline. Exec and container plugins are refused.
struct BuiltinTransformerConfig {
    let kind: String
    let config: Mapping
    let file: String

    /// Reads every configuration an entry holds (a file may hold several documents).
    static func load(_ entry: String, root: KustomizationRoot) throws(BuildError) -> [BuiltinTransformerConfig] {
        let inline = entry.contains("\n") || entry.contains("kind:")
        let text: [UInt8] = inline ? Array(entry.utf8) : try root.readFile(entry)
        let documents: [Node]
        do {
            documents = try YAMLParser.documents(text, file: inline ? "inline transformer" : entry)
        } catch {
            throw error.buildError
        }
        var result: [BuiltinTransformerConfig] = []
        for document in documents where !document.isNull {
            guard let map = document.mapping else { throw BuildError("\(entry): a transformer config must be a mapping") }
            let apiVersion = map["apiVersion"]?.scalarText ?? ""
            let kind = map["kind"]?.scalarText ?? ""
            guard apiVersion == "builtin" else {
                throw BuildError(
                    "\(entry): transformer \(kind) (\(apiVersion)) is an exec or container plugin, which dlsync does not run; use a builtin transformer or kustomization fields"
                )
            }
            result.append(BuiltinTransformerConfig(kind: kind, config: map, file: entry))
        }
        return result
    }

    func apply(to resources: inout ResourceMap) throws(BuildError) {
        let r = try FieldReader(.mapping(config), file: file, context: kind)
        var specs: [FieldSpec] = []
        for spec in try r.list("fieldSpecs") { specs.append(try FieldSpec(node: spec, file: file)) }
        switch kind {
        case "AnnotationsTransformer":
            try MetadataMapTransformer.apply(try r.stringMap("annotations"), specs: specs, to: &resources)
        case "LabelTransformer":
            try MetadataMapTransformer.apply(try r.stringMap("labels"), specs: specs, to: &resources)
        case "NamespaceTransformer":
            let namespace = config["metadata"]?["namespace"]?.scalarText ?? ""
            guard !namespace.isEmpty else { return }
            try NamespaceTransformer.apply(namespace, specs: specs, unsetOnly: try r.bool("unsetOnly") ?? false, to: &resources)
        case "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer":
            if let prefix = try r.string("prefix"), !prefix.isEmpty {
                try NameAffixTransformer.apply(.prefix(prefix), specs: specs, to: &resources)
            }
            if let suffix = try r.string("suffix"), !suffix.isEmpty {
                try NameAffixTransformer.apply(.suffix(suffix), specs: specs, to: &resources)
            }
        case "ImageTagTransformer":
            guard let image = r.node("imageTag") else { return }
            try ImageTransformer.apply(try ImageSpec(node: image, file: file), specs: specs, to: &resources)
        case "ReplicaCountTransformer":
            guard let replica = r.node("replica") else { return }
            try ReplicaCountTransformer.apply([try ReplicaSpec(node: replica, file: file)], specs: specs, to: &resources)
        default:
            throw BuildError("\(file): unable to load builtin \(kind): dlsync supports the builtin Annotations, Label, Namespace, PrefixSuffix, ImageTag and ReplicaCount transformers here")
        }
    }
}
