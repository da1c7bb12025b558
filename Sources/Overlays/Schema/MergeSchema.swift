/// What strategic merge needs to know about resource types: which lists are associative (patch
/// strategy `merge`) and by which keys their elements are matched. kustomize reads this from an
/// OpenAPI document: its embedded Kubernetes 1.21.2 schema (`MergeSchema.builtin`), or instead a
/// custom one named by a kustomization's `openapi: path:` (`MergeSchema(openAPIDocument:)`).
public struct MergeSchema: Sendable {
    /// One schema position, as kyaml's `ResourceSchema` sees it: an object with properties, a map
    /// with a value schema, an array with an element schema and maybe a patch strategy, or a
    /// reference to a named definition.
    public struct Field: Sendable {
        var ref: String?
        var isArray = false
        /// `x-kubernetes-patch-strategy`, e.g. `merge` or `merge,retainKeys`.
        var strategy: String?
        /// `x-kubernetes-list-map-keys`, else `[x-kubernetes-patch-merge-key]`, else empty.
        var keys: [String] = []
        var items: [Field] = []
        var properties: [String: Field] = [:]
        var additionalProperties: [Field] = []
        /// Set for the built-in table, which keeps only merge-relevant fields: a field it does not
        /// list is still known to exist, just without merge behaviour.
        var unlistedFieldsKnown = false

        /// A reference to a named definition.
        static func ref(_ name: String) -> Field {
            Field(ref: name)
        }

        /// A built-in list with patch strategy `merge`, its merge keys and element schema.
        static func list(keys: [String], items: Field? = nil) -> Field {
            Field(isArray: true, strategy: "merge", keys: keys, items: [items ?? .known])
        }

        /// A built-in position with nothing merge-relevant below it.
        static let known = Field(unlistedFieldsKnown: true)

        /// Whether a list here is associative: its strategy includes `merge`.
        var isMergeList: Bool {
            guard let strategy else { return false }
            return strategy.split(separator: ",").contains("merge")
        }
    }

    let definitions: [String: Field]
    /// Definition name by `"apiVersion kind"`.
    let types: [String: String]

    init(definitions: [String: Field], types: [String: String]) {
        self.definitions = definitions
        self.types = types
    }

    /// kustomize's embedded schema: Kubernetes 1.21.2 built-in types plus the kustomization API.
    public static let builtin = MergeSchema(
        definitions: KubernetesSchema.mergeDefinitions.mapValues {
            Field(properties: $0, unlistedFieldsKnown: true)
        },
        types: KubernetesSchema.definitionsByType)

    /// The schema of a resource type, or nil when the type is unknown (a custom resource).
    func resource(apiVersion: String, kind: String) -> Field? {
        guard let name = types["\(apiVersion) \(kind)"] else { return nil }
        return resolve(.ref(name))
    }

    /// Follows references; nil when one cannot be resolved.
    func resolve(_ field: Field) -> Field? {
        var current = field
        var hops = 0
        while let ref = current.ref {
            hops += 1
            guard hops < 100, let next = definitions[ref] else { return nil }
            current = next
        }
        return current
    }

    /// The schema of a map field, as kyaml's `Field`: a property, else the map value schema.
    func child(of field: Field, _ key: String) -> Field? {
        if let property = field.properties[key] { return resolve(property) }
        if let value = field.additionalProperties.first { return resolve(value) }
        return field.unlistedFieldsKnown ? .known : nil
    }

    /// The schema of a list's elements, as kyaml's `Elements`: only for `type: array`.
    func elements(of field: Field) -> Field? {
        guard field.isArray, let items = field.items.first else { return nil }
        return resolve(items)
    }
}
