import Foundation

/// What ConfigMap and Secret generation share: kustomize's `makeBaseNode`,
/// `copyLabelsAndAnnotations`, `setImmutable` and the resource's generator bookkeeping.
enum GeneratedObject {
    /// `apiVersion`, `kind` and `metadata` (name, and namespace when set). An empty name is an
    /// error that says "configmap" for Secrets too, as kustomize's does.
    static func base(kind: String, name: String, namespace: String) throws(BuildError) -> Mapping {
        guard !name.isEmpty else { throw BuildError("a configmap must have a name") }
        var metadata = Mapping()
        metadata["name"] = .string(name)
        if !namespace.isEmpty { metadata["namespace"] = .string(namespace) }
        var object = Mapping()
        object["apiVersion"] = .string("v1")
        object["kind"] = .string(kind)
        object["metadata"] = .mapping(metadata)
        return object
    }

    /// Labels and annotations of the options (sorted by key), then `immutable: true` when asked.
    static func applyOptions(_ options: GeneratorOptions?, to object: inout Mapping) {
        guard let options else { return }
        var metadata = object["metadata"]?.mapping ?? Mapping()
        if let map = stringMapping(options.labels) { metadata["labels"] = .mapping(map) }
        if let map = stringMapping(options.annotations) { metadata["annotations"] = .mapping(map) }
        object["metadata"] = .mapping(metadata)
        if options.immutable { object["immutable"] = .bool(true) }
    }

    private static func stringMapping(_ values: [String: String]?) -> Mapping? {
        guard let values, !values.isEmpty else { return nil }
        var map = Mapping()
        for key in values.keys.sorted(by: GoJSON.keyLess) { map[key] = .string(values[key] ?? "") }
        return map
    }

    /// The resource with kustomize's generator annotations as fields: behavior and whether the
    /// name gets the content hash.
    static func resource(_ object: Mapping, args: GeneratorArgs, options: GeneratorOptions?) -> Resource {
        var resource = Resource(node: .mapping(object))
        resource.generator = GeneratorInfo(
            behavior: args.generationBehavior,
            appendHashSuffix: !(options?.disableNameSuffixHash ?? false))
        return resource
    }

    /// kustomize's `encodeBase64`: standard base64 with padding, cut into 70-character lines each
    /// ending in a newline once the text is 70 characters or longer.
    static func base64(_ bytes: [UInt8]) -> String {
        let encoded = Data(bytes).base64EncodedString()
        let lineLength = 70
        guard encoded.utf8.count >= lineLength else { return encoded }
        var out = ""
        var rest = Substring(encoded)
        while !rest.isEmpty {
            out += rest.prefix(lineLength) + "\n"
            rest = rest.dropFirst(lineLength)
        }
        return out
    }
}
