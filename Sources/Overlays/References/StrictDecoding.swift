/// Reads kustomize's configuration structs out of `Node`s the way Go's `encoding/json` decodes
/// them after sigs.k8s.io/yaml turned the YAML into JSON: keys match field names exactly or, failing
/// that, case-insensitively; unknown keys are an error when decoding strictly; a value of the wrong
/// JSON type is an error naming the Go struct field; null leaves the zero value.
struct StrictObject {
    /// How the decode started: its error prefix and whether scalars may fill string fields.
    struct Context {
        /// Whether unknown keys are errors (`UnmarshalStrict`, `DisallowUnknownFields`).
        var strict: Bool
        /// Whether numbers and booleans may fill string fields: true when sigs.k8s.io/yaml decodes
        /// into a typed target (it converts them), false for a plain YAML-to-JSON conversion.
        var scalarsAsStrings: Bool
        /// Put before every message, e.g. `error unmarshaling JSON: while decoding JSON: `.
        var prefix: String

        static let configFile = Context(
            strict: true, scalarsAsStrings: true, prefix: "error unmarshaling JSON: while decoding JSON: ")
        static let lenientFile = Context(
            strict: false, scalarsAsStrings: true, prefix: "error unmarshaling JSON: while decoding JSON: ")
        /// Inside a kustomization: the caller adds `invalid Kustomization: `.
        static let kustomization = Context(strict: true, scalarsAsStrings: false, prefix: "")
    }

    let context: Context
    /// The Go struct type name, used in type errors.
    let structName: String
    /// Dotted JSON path of this object from the decode root ("" at the root).
    let path: String
    private let fields: [String: Node]

    /// Decodes a mapping (or null, which gives an empty object) whose fields are `known`.
    init(
        _ node: Node, known: [String], structName: String, path: String, context: Context
    ) throws(BuildError) {
        self.context = context
        self.structName = structName
        self.path = path
        var fields: [String: Node] = [:]
        switch node {
        case .null:
            break
        case .mapping(let map):
            for entry in map {
                guard let field = StrictObject.field(named: entry.key, in: known) else {
                    if context.strict {
                        throw BuildError("\(context.prefix)json: unknown field \"\(entry.key)\"")
                    }
                    continue
                }
                fields[field] = entry.value
            }
        default:
            throw BuildError(
                "\(context.prefix)json: cannot unmarshal \(GoJSON.valueKind(node)) into Go "
                    + (path.isEmpty ? "value" : "struct field \(structName).\(path)")
                    + " of type \(structName)")
        }
        self.fields = fields
    }

    static func field(named key: String, in known: [String]) -> String? {
        if known.contains(key) { return key }
        let folded = key.lowercased()
        return known.first { $0.lowercased() == folded }
    }

    func fieldPath(_ field: String) -> String {
        path.isEmpty ? field : "\(path).\(field)"
    }

    func typeError(_ node: Node, field: String, goType: String) -> BuildError {
        BuildError(
            "\(context.prefix)json: cannot unmarshal \(GoJSON.valueKind(node)) into Go struct field "
                + "\(structName).\(fieldPath(field)) of type \(goType)")
    }

    func value(_ field: String) -> Node? {
        guard let node = fields[field], !node.isNull else { return nil }
        return node
    }

    func has(_ field: String) -> Bool { value(field) != nil }

    func string(_ field: String) throws(BuildError) -> String {
        guard let node = value(field) else { return "" }
        if case .string(let s) = node { return s }
        if context.scalarsAsStrings, let text = node.scalarText { return text }
        throw typeError(node, field: field, goType: "string")
    }

    func bool(_ field: String) throws(BuildError) -> Bool {
        guard let node = value(field) else { return false }
        if case .bool(let b) = node { return b }
        throw typeError(node, field: field, goType: "bool")
    }

    func int(_ field: String) throws(BuildError) -> Int {
        guard let node = value(field) else { return 0 }
        switch node {
        case .int(let i): return Int(i)
        case .float(let d) where d == d.rounded() && abs(d) < 1e18: return Int(d)
        default: throw typeError(node, field: field, goType: "int")
        }
    }

    func strings(_ field: String) throws(BuildError) -> [String] {
        guard let node = value(field) else { return [] }
        guard case .sequence(let items) = node else { throw typeError(node, field: field, goType: "[]string") }
        var out: [String] = []
        for item in items {
            switch item {
            case .string(let s): out.append(s)
            case .null: out.append("")
            default:
                if context.scalarsAsStrings, let text = item.scalarText {
                    out.append(text)
                } else {
                    throw typeError(item, field: field, goType: "string")
                }
            }
        }
        return out
    }

    /// The elements of a list field; a non-list is a type error naming `goType`.
    func list(_ field: String, goType: String) throws(BuildError) -> [Node] {
        guard let node = value(field) else { return [] }
        guard case .sequence(let items) = node else { throw typeError(node, field: field, goType: goType) }
        return items
    }

    /// A nested object field, decoded with its own known fields.
    func object(_ field: String, known: [String], structName: String) throws(BuildError) -> StrictObject? {
        guard let node = value(field) else { return nil }
        return try StrictObject(node, known: known, structName: structName, path: fieldPath(field), context: context)
    }

    /// An element of a list field decoded as an object.
    func element(_ node: Node, of field: String, known: [String], structName: String) throws(BuildError)
        -> StrictObject
    {
        if case .mapping = node {
            return try StrictObject(node, known: known, structName: structName, path: fieldPath(field), context: context)
        }
        if node.isNull {
            return try StrictObject(.null, known: known, structName: structName, path: fieldPath(field), context: context)
        }
        throw typeError(node, field: field, goType: structName)
    }
}
