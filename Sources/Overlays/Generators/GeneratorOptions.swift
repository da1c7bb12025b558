/// Options for generated ConfigMaps and Secrets: the kustomization's `generatorOptions`, or a
/// generator entry's `options`.
public struct GeneratorOptions: Sendable, Equatable {
    /// Labels to add; nil when the field is absent (kustomize tells absent from empty when merging).
    public var labels: [String: String]?
    public var annotations: [String: String]?
    /// Turns the content-hash name suffix off.
    public var disableNameSuffixHash: Bool
    /// Adds `immutable: true`.
    public var immutable: Bool

    public init(
        labels: [String: String]? = nil, annotations: [String: String]? = nil,
        disableNameSuffixHash: Bool = false, immutable: Bool = false
    ) {
        self.labels = labels
        self.annotations = annotations
        self.disableNameSuffixHash = disableNameSuffixHash
        self.immutable = immutable
    }

    static let fieldNames = ["labels", "annotations", "disableNameSuffixHash", "immutable"]

    /// The kustomization-level `generatorOptions` value. Unknown fields and wrong types are
    /// rejected with kustomize's messages. `file` is where it was read; kustomize's messages do not
    /// name it.
    public init(node: Node, file: String) throws(BuildError) {
        try self.init(node: node, at: .kustomization("generatorOptions"))
    }

    /// Options found at any position of a kustomization (e.g. `configMapGenerator.options`).
    init(node: Node, at position: GoDecodePosition) throws(BuildError) {
        self.init()
        try GoDecode.fields(of: node, at: position, structName: "GeneratorOptions", known: Self.fieldNames) {
            (field, value, at) throws(BuildError) in
            switch field {
            case "labels":
                labels = try GoDecode.stringMap(value, at: at)
            case "annotations":
                annotations = try GoDecode.stringMap(value, at: at)
            case "disableNameSuffixHash":
                if let b = try GoDecode.bool(value, at: at) { disableNameSuffixHash = b }
            default:
                if let b = try GoDecode.bool(value, at: at) { immutable = b }
            }
        }
    }

    /// kustomize's `MergeGlobalOptionsIntoLocal`: per-generator labels and annotations win over
    /// global ones with the same key; a global `disableNameSuffixHash: true` or `immutable: true`
    /// cannot be switched off per generator (`false` is Go's zero value, so it never overrides).
    public static func merged(local: GeneratorOptions?, global: GeneratorOptions?) -> GeneratorOptions? {
        guard let global else { return local }
        var result = local ?? GeneratorOptions()
        result.labels = mergeMap(local: result.labels, global: global.labels)
        result.annotations = mergeMap(local: result.annotations, global: global.annotations)
        if global.disableNameSuffixHash { result.disableNameSuffixHash = true }
        if global.immutable { result.immutable = true }
        return result
    }

    private static func mergeMap(local: [String: String]?, global: [String: String]?) -> [String: String]? {
        guard var local else { return global }
        for (key, value) in global ?? [:] where local[key] == nil {
            local[key] = value
        }
        return local
    }
}
