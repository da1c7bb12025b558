extension MergeSchema {
    /// A schema read from a custom OpenAPI (swagger 2) document, as a kustomization's
    /// `openapi: path:` names it (already parsed from JSON or YAML). Like kustomize, it replaces the
    /// built-in Kubernetes schema entirely; only the kustomization API's own types stay known.
    /// Types come from each definition's `x-kubernetes-group-version-kind`, list behaviour from
    /// `x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key` and
    /// `x-kubernetes-list-map-keys`.
    public init(openAPIDocument: Node) {
        var definitions: [String: Field] = [:]
        var types: [String: String] = [:]
        for entry in openAPIDocument["definitions"]?.mapping ?? Mapping() {
            definitions[entry.key] = Self.field(from: entry.value)
            for gvk in entry.value["x-kubernetes-group-version-kind"]?.sequence ?? [] {
                guard let version = gvk["version"]?.string, let kind = gvk["kind"]?.string else { continue }
                let group = gvk["group"]?.string ?? ""
                types["\(group.isEmpty ? version : "\(group)/\(version)") \(kind)"] = entry.key
            }
        }
        // kustomize always adds its kustomization API schema after the chosen one.
        let builtin = MergeSchema.builtin
        for (type, name) in builtin.types where type.hasPrefix("kustomize.config.k8s.io/") {
            if let definition = builtin.definitions[name] {
                definitions[name] = definition
                types[type] = name
            }
        }
        self.init(definitions: definitions, types: types)
    }

    static func field(from schema: Node) -> Field {
        var field = Field()
        if let ref = schema["$ref"]?.string, !ref.isEmpty {
            let prefix = "#/definitions/"
            // An unresolvable reference stays unresolvable.
            field.ref = ref.hasPrefix(prefix) ? String(ref.dropFirst(prefix.count)) : "\u{0}\(ref)"
            return field
        }
        switch schema["type"] {
        case .string(let type)?: field.isArray = type == "array"
        case .sequence(let types)?: field.isArray = types.count == 1 && types[0] == .string("array")
        default: break
        }
        if let strategy = schema["x-kubernetes-patch-strategy"]?.string {
            field.strategy = strategy
            if let keys = schema["x-kubernetes-list-map-keys"]?.sequence {
                field.keys = keys.compactMap(\.string)
            } else if let key = schema["x-kubernetes-patch-merge-key"]?.string {
                field.keys = [key]
            }
        }
        if let items = schema["items"], items.mapping != nil {
            field.items = [Self.field(from: items)]
        }
        for property in schema["properties"]?.mapping ?? Mapping() {
            field.properties[property.key] = Self.field(from: property.value)
        }
        if let additional = schema["additionalProperties"], additional.mapping != nil {
            field.additionalProperties = [Self.field(from: additional)]
        }
        return field
    }
}
