/// The field spec lists kustomize's built-in transformers use (its TransformerConfig): where
/// prefixes, labels, annotations, namespaces, images and replicas go, which fields refer to other
/// objects by name, and where `$(VAR)` may appear. Built from the built-in defaults, `configurations:`
/// files and `crds:` files, merged with kustomize's dedup rules.
public struct TransformerConfig: Sendable, Equatable {
    public var namePrefix: [FieldSpec] = []
    public var nameSuffix: [FieldSpec] = []
    public var namespace: [FieldSpec] = []
    public var commonLabels: [FieldSpec] = []
    public var labels: [FieldSpec] = []
    public var templateLabels: [FieldSpec] = []
    public var commonAnnotations: [FieldSpec] = []
    public var nameReference: [NameBackReference] = []
    public var varReference: [FieldSpec] = []
    public var images: [FieldSpec] = []
    public var replicas: [FieldSpec] = []

    public init() {}

    static let fieldListKeys = [
        "namePrefix", "nameSuffix", "namespace", "commonLabels", "labels", "templateLabels",
        "commonAnnotations", "varReference", "images", "replicas",
    ]
    static let knownFields = fieldListKeys + ["nameReference"]

    /// Reads a `configurations:` file (already parsed), strictly as kustomize does: unknown keys
    /// are an error. The lists come out sorted by type, as kustomize sorts them.
    public init(node: Node, file: String) throws(BuildError) {
        let object = try StrictObject(
            node, known: Self.knownFields, structName: "TransformerConfig", path: "", context: .configFile)
        for key in Self.fieldListKeys {
            var specs: [FieldSpec] = []
            for item in try object.list(key, goType: "types.FsSlice") {
                let spec = try object.element(item, of: key, known: FieldSpec.knownFields, structName: "FieldSpec")
                specs.append(try FieldSpec(strict: spec))
            }
            self[list: key] = specs
        }
        for item in try object.list("nameReference", goType: "builtinconfig.nbrSlice") {
            let entry = try object.element(
                item, of: "nameReference", known: ["group", "version", "kind", "fieldSpecs"],
                structName: "NameBackReferences")
            var referrers: [FieldSpec] = []
            for spec in try entry.list("fieldSpecs", goType: "types.FsSlice") {
                let s = try entry.element(spec, of: "fieldSpecs", known: FieldSpec.knownFields, structName: "FieldSpec")
                referrers.append(try FieldSpec(strict: s))
            }
            let gvk = GroupVersionKind(
                group: try entry.string("group"), version: try entry.string("version"), kind: try entry.string("kind"))
            nameReference.append(NameBackReference(gvk: gvk, referrers: referrers))
        }
        sortFields()
    }

    /// Reads a `configurations:` file from its text.
    public init(yaml text: String, file: String) throws(BuildError) {
        let documents: [Node]
        do {
            documents = try YAMLParser.documents(text, file: file)
        } catch {
            throw error.buildError
        }
        try self.init(node: documents.first ?? .null, file: file)
    }

    /// kustomize's defaults (`MakeDefaultConfig`), parsed once.
    public static let builtin: TransformerConfig = {
        (try? TransformerConfig(yaml: BuiltinFieldSpecs.yaml, file: "builtin field specs")) ?? TransformerConfig()
    }()

    /// The defaults merged with `configurations:` files, in order (kustomize's `MakeTransformerConfig`).
    public static func makeConfig(files: [TransformerConfig]) throws(BuildError) -> TransformerConfig {
        guard !files.isEmpty else { return builtin }
        var loaded = TransformerConfig()
        for file in files { loaded = try loaded.merged(with: file) }
        return try builtin.merged(with: loaded)
    }

    /// kustomize's `Merge`: each incoming spec is added unless an effectively equal one is there
    /// (entries already in `self` are never deduplicated); the result is sorted by type.
    public func merged(with other: TransformerConfig) throws(BuildError) -> TransformerConfig {
        var result = TransformerConfig()
        for (key, label) in Self.mergeOrder {
            do {
                result[list: key] = try FieldSpecList.merge(self[list: key], other[list: key])
            } catch {
                throw error.wrapped("failed to merge \(label) fieldSpec")
            }
        }
        do {
            result.nameReference = try Self.mergeBackReferences(nameReference, other.nameReference)
        } catch {
            throw error.wrapped("failed to merge NameReference fieldSpec")
        }
        result.sortFields()
        return result
    }

    private static let mergeOrder: [(String, String)] = [
        ("namePrefix", "NamePrefix"), ("nameSuffix", "NameSuffix"), ("namespace", "NameSpace"),
        ("commonAnnotations", "CommonAnnotations"), ("commonLabels", "CommonLabels"), ("labels", "Labels"),
        ("templateLabels", "TemplateLabels"), ("varReference", "VarReference"), ("images", "Images"),
        ("replicas", "Replicas"),
    ]

    static func mergeBackReferences(
        _ base: [NameBackReference], _ incoming: [NameBackReference]
    ) throws(BuildError) -> [NameBackReference] {
        var result = base
        for other in incoming {
            var found = false
            for i in result.indices where result[i].gvk == other.gvk {
                result[i].referrers = try FieldSpecList.merge(result[i].referrers, other.referrers)
                found = true
            }
            if !found { result.append(other) }
        }
        return result
    }

    /// Adds one name reference (kustomize's `AddNamereferenceFieldSpec`).
    mutating func addNameReference(_ reference: NameBackReference) throws(BuildError) {
        nameReference = try Self.mergeBackReferences(nameReference, [reference])
    }

    mutating func add(_ spec: FieldSpec, to key: String) throws(BuildError) {
        self[list: key] = try FieldSpecList.merge(self[list: key], [spec])
    }

    mutating func sortFields() {
        for key in Self.fieldListKeys { self[list: key] = FieldSpecList.sorted(self[list: key]) }
        nameReference = FieldSpecList.stableSorted(nameReference) { GVKOrder.less($0.gvk, $1.gvk) }
    }

    subscript(list key: String) -> [FieldSpec] {
        get {
            switch key {
            case "namePrefix": return namePrefix
            case "nameSuffix": return nameSuffix
            case "namespace": return namespace
            case "commonLabels": return commonLabels
            case "labels": return labels
            case "templateLabels": return templateLabels
            case "commonAnnotations": return commonAnnotations
            case "varReference": return varReference
            case "images": return images
            case "replicas": return replicas
            default: return []
            }
        }
        set {
            switch key {
            case "namePrefix": namePrefix = newValue
            case "nameSuffix": nameSuffix = newValue
            case "namespace": namespace = newValue
            case "commonLabels": commonLabels = newValue
            case "labels": labels = newValue
            case "templateLabels": templateLabels = newValue
            case "commonAnnotations": commonAnnotations = newValue
            case "varReference": varReference = newValue
            case "images": images = newValue
            case "replicas": replicas = newValue
            default: break
            }
        }
    }
}
