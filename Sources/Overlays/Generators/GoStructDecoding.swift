/// Reading kustomization fields the way kustomize decodes a kustomization: `sigs.k8s.io/yaml`
/// turns the YAML into JSON (mapping keys come out sorted) and `encoding/json` fills the Go struct
/// with unknown fields disallowed. Field names match case-insensitively, a later key for the same
/// field wins, null clears lists, maps and options (strings and booleans keep their value), and
/// the first problem in key order is reported in Go's words, prefixed `invalid Kustomization: `.
public struct GoDecodePosition: Sendable, Equatable {
    /// The Go struct whose field holds the value, e.g. `Kustomization` or `ConfigMapArgs`.
    public var structName: String
    /// JSON field names from the kustomization root, e.g. `["configMapGenerator", "options"]`.
    public var path: [String]

    public init(structName: String, path: [String]) {
        self.structName = structName
        self.path = path
    }

    /// The position of a field of the kustomization itself.
    public static func kustomization(_ field: String) -> GoDecodePosition {
        GoDecodePosition(structName: "Kustomization", path: [field])
    }
}

public enum GoDecode {
    public static let errorPrefix = "invalid Kustomization: "

    public static func typeError(_ value: Node, at position: GoDecodePosition, goType: String) -> BuildError {
        BuildError(
            errorPrefix + "json: cannot unmarshal \(GoJSON.valueKind(value)) into Go struct field "
                + "\(position.structName).\(position.path.joined(separator: ".")) of type \(goType)")
    }

    /// A `string` field; nil when the value is null (the field keeps its zero value).
    public static func string(_ node: Node, at position: GoDecodePosition) throws(BuildError) -> String? {
        switch node {
        case .null: return nil
        case .string(let s): return s
        default: throw typeError(node, at: position, goType: "string")
        }
    }

    /// A `bool` field; nil when null.
    public static func bool(_ node: Node, at position: GoDecodePosition) throws(BuildError) -> Bool? {
        switch node {
        case .null: return nil
        case .bool(let b): return b
        default: throw typeError(node, at: position, goType: "bool")
        }
    }

    /// A `[]string` field; nil when null. Null elements become empty strings.
    public static func strings(_ node: Node, at position: GoDecodePosition) throws(BuildError) -> [String]? {
        switch node {
        case .null: return nil
        case .sequence(let items):
            var out: [String] = []
            for item in items { out.append(try string(item, at: position) ?? "") }
            return out
        default: throw typeError(node, at: position, goType: "[]string")
        }
    }

    /// A `map[string]string` field; nil when null. Null values become empty strings.
    public static func stringMap(_ node: Node, at position: GoDecodePosition) throws(BuildError) -> [String: String]? {
        switch node {
        case .null: return nil
        case .mapping(let map):
            var out: [String: String] = [:]
            for entry in map.entries.sorted(by: { GoJSON.keyLess($0.key, $1.key) }) {
                out[entry.key] = try string(entry.value, at: position) ?? ""
            }
            return out
        default: throw typeError(node, at: position, goType: "map[string]string")
        }
    }

    /// A list of structs (`[]types.X`); nil when null.
    public static func list<T>(
        _ node: Node, at position: GoDecodePosition, elementType: String,
        _ element: (Node) throws(BuildError) -> T
    ) throws(BuildError) -> [T]? {
        switch node {
        case .null: return nil
        case .sequence(let items):
            var out: [T] = []
            for item in items { out.append(try element(item)) }
            return out
        default: throw typeError(node, at: position, goType: "[]types.\(elementType)")
        }
    }

    /// Visits the fields of a struct value in decode order, giving each the canonical field name and
    /// the position of its value. Returns false when the value is null (nothing to decode).
    @discardableResult
    public static func fields(
        of node: Node, at position: GoDecodePosition, structName: String, known: [String],
        _ body: (_ field: String, _ value: Node, _ position: GoDecodePosition) throws(BuildError) -> Void
    ) throws(BuildError) -> Bool {
        switch node {
        case .null:
            return false
        case .mapping(let map):
            for entry in map.entries.sorted(by: { GoJSON.keyLess($0.key, $1.key) }) {
                guard let field = match(entry.key, known) else {
                    throw BuildError(errorPrefix + "json: unknown field \(GoSyntax.quote(entry.key))")
                }
                let child = GoDecodePosition(structName: structName, path: position.path + [field])
                try body(field, entry.value, child)
            }
            return true
        default:
            throw typeError(node, at: position, goType: "types.\(structName)")
        }
    }

    /// `encoding/json`'s field lookup: the exact name, else a case-insensitive match.
    static func match(_ key: String, _ known: [String]) -> String? {
        if known.contains(key) { return key }
        let folded = fold(key)
        return known.first { fold($0) == folded }
    }

    /// Go's `foldName`: ASCII upper-cased; `ſ` and the Kelvin sign fold to `S` and `K`.
    static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A: out.append(Unicode.Scalar(scalar.value - 0x20) ?? scalar)
            case 0x17F: out.append("S")
            case 0x212A: out.append("K")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
