/// Transformer config derived from `crds:` files (kustomize's LoadConfigFromCRDs): OpenAPI
/// definitions keyed by Go type name (`github.com/…/v1beta1.MyKind`), whose properties may carry
/// `x-kubernetes-annotation`, `x-kubernetes-label-selector`, `x-kubernetes-identity` and
/// `x-kubernetes-object-ref-api-version` + `x-kubernetes-object-ref-kind` (+ `-name-key`).
extension TransformerConfig {
    /// The config of several `crds:` files, merged in order.
    public static func fromCRDs(_ files: [(path: String, text: String)]) throws(BuildError) -> TransformerConfig {
        var config = TransformerConfig()
        for file in files {
            config = try config.merged(with: TransformerConfig(crdText: file.text, file: file.path))
        }
        return config
    }

    /// The config one `crds:` file (JSON or YAML) implies.
    public init(crdText text: String, file: String) throws(BuildError) {
        let definitions: Mapping
        do {
            let documents = try YAMLParser.documents(text, file: file)
            switch documents.first ?? .null {
            case .mapping(let m): definitions = m
            case .null: definitions = Mapping()
            default:
                throw BuildError("json: cannot unmarshal array into Go value of type accumulator.nameToApiMap")
            }
        } catch let error as YAMLError {
            throw error.buildError.wrapped("unable to parse open API definition from '\(file)'")
        } catch let error as BuildError {
            throw error.wrapped("unable to parse open API definition from '\(file)'")
        } catch {
            throw BuildError("unable to parse open API definition from '\(file)'")
        }
        var types: [String: Node] = [:]
        for entry in definitions {
            let schemaKey = entry.value.mapping.flatMap { m in m.keys.last { $0.lowercased() == "schema" } }
            types[entry.key] = schemaKey.flatMap { entry.value.mapping?[$0] } ?? .null
        }
        var result = TransformerConfig()
        for entry in definitions {
            guard let schema = types[entry.key], Self.looksLikeKubernetesType(schema) else { continue }
            let kind = entry.key.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            var config = TransformerConfig()
            try config.loadCRDProperties(
                gvk: GroupVersionKind(kind: kind), types: types, typeName: entry.key, path: [], depth: 0)
            result = try result.merged(with: config)
        }
        self = result
    }

    private static func looksLikeKubernetesType(_ schema: Node) -> Bool {
        guard let properties = schema["properties"]?.mapping else { return false }
        return properties["kind"] != nil && properties["apiVersion"] != nil && properties["metadata"] != nil
    }

    private mutating func loadCRDProperties(
        gvk: GroupVersionKind, types: [String: Node], typeName: String, path: [String], depth: Int
    ) throws(BuildError) {
        // kustomize recurses without a bound; a self-referencing schema would never end there.
        guard depth < 64, let schema = types[typeName], let properties = schema["properties"]?.mapping else {
            return
        }
        for property in properties {
            let here = path + [property.key]
            let spec = FieldSpec(gvk: gvk, path: here.joined(separator: "/"))
            let ext = property.value.mapping ?? Mapping()
            func string(_ key: String) -> String? { ext[key]?.string }
            if string("x-kubernetes-annotation") != nil { try add(spec, to: "commonAnnotations") }
            if string("x-kubernetes-label-selector") != nil { try add(spec, to: "commonLabels") }
            if string("x-kubernetes-identity") != nil { try add(spec, to: "namePrefix") }
            if let version = string("x-kubernetes-object-ref-api-version"),
                let kind = string("x-kubernetes-object-ref-kind")
            {
                let nameKey = string("x-kubernetes-object-ref-name-key") ?? "name"
                try addNameReference(
                    NameBackReference(
                        gvk: GroupVersionKind(version: version, kind: kind),
                        referrers: [FieldSpec(gvk: gvk, path: (here + [nameKey]).joined(separator: "/"))]))
            }
            if let ref = ext["$ref"]?.string, !ref.isEmpty {
                try loadCRDProperties(gvk: gvk, types: types, typeName: ref, path: here, depth: depth + 1)
            }
        }
    }
}
