/// Which generator an entry belongs to.
public enum GeneratorKind: Sendable, Equatable {
    case configMap, secret

    /// The kustomization field listing the entries.
    public var fieldName: String { self == .configMap ? "configMapGenerator" : "secretGenerator" }
    /// kustomize's Go type for an entry.
    var structName: String { self == .configMap ? "ConfigMapArgs" : "SecretArgs" }
}

/// One `configMapGenerator` or `secretGenerator` entry of a kustomization.
public struct GeneratorArgs: Sendable, Equatable {
    public var kind: GeneratorKind
    public var name: String = ""
    public var namespace: String = ""
    /// As written. kustomize acts on `merge` and `replace`; anything else (even a typo) means create.
    public var behavior: String = ""
    /// `key=value` sources.
    public var literals: [String] = []
    /// `path` or `key=path` sources.
    public var files: [String] = []
    /// Env files: `envs`, then the legacy singular `env` when set (kustomize appends it there).
    public var envs: [String] = []
    public var options: GeneratorOptions?
    /// The Secret `type`; empty means `Opaque`. Only secretGenerator entries accept the field.
    public var type: String = ""

    public init(kind: GeneratorKind, name: String = "") {
        self.kind = kind
        self.name = name
    }

    /// What the generated object asks of the objects already built.
    public var generationBehavior: GeneratorInfo.Behavior {
        switch behavior {
        case "merge": return .merge
        case "replace": return .replace
        default: return .create
        }
    }

    private static let commonFields = [
        "namespace", "name", "behavior", "literals", "files", "envs", "env", "options",
    ]

    /// Reads one entry as kustomize decodes it, rejecting unknown fields and wrong types with
    /// kustomize's messages (`invalid Kustomization: json: unknown field "x"`). `file` is where the
    /// entry was read; kustomize's messages do not name it.
    public init(node: Node, file: String, kind: GeneratorKind = .configMap) throws(BuildError) {
        try self.init(node: node, kind: kind, at: .kustomization(kind.fieldName))
    }

    init(node: Node, kind: GeneratorKind, at position: GoDecodePosition) throws(BuildError) {
        self.init(kind: kind)
        var env = ""
        let known = kind == .secret ? Self.commonFields + ["type"] : Self.commonFields
        try GoDecode.fields(of: node, at: position, structName: kind.structName, known: known) {
            (field, value, at) throws(BuildError) in
            switch field {
            case "namespace": if let s = try GoDecode.string(value, at: at) { namespace = s }
            case "name": if let s = try GoDecode.string(value, at: at) { name = s }
            case "behavior": if let s = try GoDecode.string(value, at: at) { behavior = s }
            case "type": if let s = try GoDecode.string(value, at: at) { type = s }
            case "env": if let s = try GoDecode.string(value, at: at) { env = s }
            case "literals": literals = try GoDecode.strings(value, at: at) ?? []
            case "files": files = try GoDecode.strings(value, at: at) ?? []
            case "envs": envs = try GoDecode.strings(value, at: at) ?? []
            default:
                // null resets the pointer, as in Go
                options = value.isNull ? nil : try GeneratorOptions(node: value, at: at)
            }
        }
        if !env.isEmpty { envs.append(env) }
    }

    /// All entries of a `configMapGenerator` or `secretGenerator` field.
    public static func list(node: Node, file: String, kind: GeneratorKind) throws(BuildError) -> [GeneratorArgs] {
        let position = GoDecodePosition.kustomization(kind.fieldName)
        let entries = try GoDecode.list(node, at: position, elementType: kind.structName) {
            (item) throws(BuildError) -> GeneratorArgs in
            try GeneratorArgs(node: item, kind: kind, at: position)
        }
        return entries ?? []
    }
}
