/// One `replacements:` entry: copy the value at a source object's field into fields of target objects.
public struct Replacement: Sendable, Equatable {
    /// Refines how a field is read or written (`delimiter` + `index` pick or set one part).
    public struct Options: Sendable, Equatable {
        public var delimiter = ""
        public var index = 0
        public var encoding = ""
        public var create = false

        public init(delimiter: String = "", index: Int = 0, encoding: String = "", create: Bool = false) {
            self.delimiter = delimiter
            self.index = index
            self.encoding = encoding
            self.create = create
        }

        /// kustomize's `FieldOptions.String()`.
        var goDescription: String {
            delimiter.isEmpty && !create ? "" : "\(delimiter)(\(index)), create=\(create)"
        }
    }

    public struct Source: Sendable, Equatable {
        /// Selects by group, version, kind, name, namespace (empty fields match anything).
        public var selector: ResourceId
        public var fieldPath: String
        public var options: Options?

        public init(selector: ResourceId, fieldPath: String = "", options: Options? = nil) {
            self.selector = selector
            self.fieldPath = fieldPath
            self.options = options
        }

        /// kustomize's `SourceSelector.String()`: `id[:fieldPath][:options]`.
        var goDescription: String {
            var parts = [selector.description]
            if !fieldPath.isEmpty { parts.append(fieldPath) }
            let options = options?.goDescription ?? ""
            if !options.isEmpty { parts.append(options) }
            return parts.joined(separator: ":")
        }
    }

    /// kustomize's `types.Selector`: an id selector plus label and annotation selectors.
    public struct Selector: Sendable, Equatable {
        public var id: ResourceId
        public var annotationSelector: String
        public var labelSelector: String

        public init(id: ResourceId, annotationSelector: String = "", labelSelector: String = "") {
            self.id = id
            self.annotationSelector = annotationSelector
            self.labelSelector = labelSelector
        }

        var idIsEmpty: Bool {
            id.name.isEmpty && id.namespace.isEmpty && id.gvk == GroupVersionKind()
        }
    }

    public struct Target: Sendable, Equatable {
        public var select: Selector?
        public var reject: [Selector]
        public var fieldPaths: [String]
        public var options: Options?

        public init(select: Selector?, reject: [Selector] = [], fieldPaths: [String] = [], options: Options? = nil) {
            self.select = select
            self.reject = reject
            self.fieldPaths = fieldPaths
            self.options = options
        }
    }

    public var source: Source?
    /// Empty means missing (kustomize drops an empty list when it re-reads its plugin config).
    public var targets: [Target]

    public init(source: Source?, targets: [Target]) {
        self.source = source
        self.targets = targets
    }

    static let knownFields = ["source", "targets"]

    /// Reads an inline replacement of a kustomization (strict: unknown keys are errors).
    public init(node: Node, file: String) throws(BuildError) {
        let object = try StrictObject(
            node, known: Self.knownFields, structName: "ReplacementField", path: "replacements",
            context: .kustomization)
        try self.init(object: object)
    }

    init(object: StrictObject) throws(BuildError) {
        if let source = try object.object(
            "source", known: ["group", "version", "kind", "name", "namespace", "fieldPath", "options"],
            structName: "SourceSelector")
        {
            self.source = Source(
                selector: try Self.id(source), fieldPath: try source.string("fieldPath"),
                options: try Self.options(source))
        } else {
            self.source = nil
        }
        var targets: [Target] = []
        for item in try object.list("targets", goType: "[]*types.TargetSelector") {
            let target = try object.element(
                item, of: "targets", known: ["select", "reject", "fieldPaths", "options"], structName: "TargetSelector")
            var rejects: [Selector] = []
            for reject in try target.list("reject", goType: "[]*types.Selector") {
                rejects.append(try Self.selector(target.element(reject, of: "reject", known: Self.selectorFields, structName: "Selector")))
            }
            let select = try target.object("select", known: Self.selectorFields, structName: "Selector")
            targets.append(
                Target(
                    select: try select.map { (s: StrictObject) throws(BuildError) in try Self.selector(s) },
                    reject: rejects, fieldPaths: try target.strings("fieldPaths"), options: try Self.options(target)))
        }
        self.targets = targets
    }

    static let selectorFields = ["group", "version", "kind", "name", "namespace", "annotationSelector", "labelSelector"]

    static func id(_ object: StrictObject) throws(BuildError) -> ResourceId {
        ResourceId(
            gvk: GroupVersionKind(
                group: try object.string("group"), version: try object.string("version"),
                kind: try object.string("kind")),
            name: try object.string("name"), namespace: try object.string("namespace"))
    }

    static func selector(_ object: StrictObject) throws(BuildError) -> Selector {
        Selector(
            id: try id(object), annotationSelector: try object.string("annotationSelector"),
            labelSelector: try object.string("labelSelector"))
    }

    static func options(_ object: StrictObject) throws(BuildError) -> Options? {
        guard let options = try object.object(
            "options", known: ["delimiter", "index", "encoding", "create"], structName: "FieldOptions")
        else { return nil }
        return Options(
            delimiter: try options.string("delimiter"), index: try options.int("index"),
            encoding: try options.string("encoding"), create: try options.bool("create"))
    }
}
