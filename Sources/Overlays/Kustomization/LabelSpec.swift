/// An entry of `labels:` (and `commonLabels:`, which is one with selectors included).
public struct LabelSpec: Sendable {
    public var pairs: [(key: String, value: String)]
    public var includeSelectors: Bool
    public var includeTemplates: Bool
    public var fields: [FieldSpec]

    public init(
        pairs: [(key: String, value: String)], includeSelectors: Bool, includeTemplates: Bool, fields: [FieldSpec]
    ) {
        self.pairs = pairs
        self.includeSelectors = includeSelectors
        self.includeTemplates = includeTemplates
        self.fields = fields
    }

    init(node: Node, file: String) throws(BuildError) {
        let r = try FieldReader(node, file: file, context: "labels entry")
        try r.rejectUnknown(allowed: ["pairs", "includeSelectors", "includeTemplates", "fields"])
        pairs = try r.stringMap("pairs")
        includeSelectors = try r.bool("includeSelectors") ?? false
        includeTemplates = try r.bool("includeTemplates") ?? false
        var specs: [FieldSpec] = []
        for field in try r.list("fields") { specs.append(try FieldSpec(node: field, file: file)) }
        fields = specs
    }
}

/// An entry of `images:`.
public struct ImageSpec: Sendable {
    public var name: String
    public var newName: String?
    public var newTag: String?
    public var digest: String?
    public var tagSuffix: String?

    init(node: Node, file: String) throws(BuildError) {
        let r = try FieldReader(node, file: file, context: "images entry")
        try r.rejectUnknown(allowed: ["name", "newName", "newTag", "digest", "tagSuffix"])
        name = try r.string("name") ?? ""
        newName = try r.string("newName")
        newTag = try r.string("newTag")
        digest = try r.string("digest")
        tagSuffix = try r.string("tagSuffix")
    }
}

/// An entry of `replicas:`.
public struct ReplicaSpec: Sendable {
    public var name: String
    public var count: Int64

    init(node: Node, file: String) throws(BuildError) {
        let r = try FieldReader(node, file: file, context: "replicas entry")
        try r.rejectUnknown(allowed: ["name", "count"])
        name = try r.string("name") ?? ""
        count = Int64(try r.int("count") ?? 0)
    }
}

/// `sortOptions:`: legacy (kustomize's kind order, the default) or fifo (input order).
public struct SortOptions: Sendable {
    public enum Order: String, Sendable {
        case legacy, fifo
    }

    public var order: Order
    public var orderFirst: [String]?
    public var orderLast: [String]?

    init(node: Node, file: String) throws(BuildError) {
        let r = try FieldReader(node, file: file, context: "sortOptions")
        try r.rejectUnknown(allowed: ["order", "legacySortOptions"])
        let text = try r.string("order") ?? "legacy"
        guard let order = Order(rawValue: text) else {
            throw BuildError("\(file): sortOptions.order must be legacy or fifo, got '\(text)'")
        }
        self.order = order
        if let legacy = r.node("legacySortOptions") {
            guard order == .legacy else {
                throw BuildError("\(file): legacySortOptions is only valid with sortOptions.order legacy")
            }
            let l = try FieldReader(legacy, file: file, context: "legacySortOptions")
            try l.rejectUnknown(allowed: ["orderFirst", "orderLast"])
            orderFirst = try l.strings("orderFirst")
            orderLast = try l.strings("orderLast")
        }
    }
}
