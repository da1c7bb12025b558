/// `Node` as Go's `encoding/json` marshals the equivalent Go value: mapping keys sorted by bytes,
/// no spaces, strings escaped with HTML-safe escapes (`<` `>` `&` become `\u003c` `\u003e`
/// `\u0026`, U+2028 and U+2029 become `\u2028` `\u2029`), floats in Go's shortest form.
public enum GoJSON {
    /// What `encoding/json` calls a JSON value in its messages (`cannot unmarshal array into …`).
    public static func valueKind(_ node: Node) -> String {
        switch node {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .uint, .float: return "number"
        case .string: return "string"
        case .sequence: return "array"
        case .mapping: return "object"
        }
    }

    /// How numbers are written.
    public enum Numbers: Sendable {
        /// Integers stay exact, floats use Go's float64 text.
        case exact
        /// Every number is a float64 first, as after Go decodes JSON into `interface{}`
        /// (`12345678901234567` becomes `12345678901234568`).
        case float64
    }

    public static func encode(_ node: Node, numbers: Numbers = .exact) throws(BuildError) -> String {
        var out: [UInt8] = []
        try write(node, numbers: numbers, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A string as a JSON string literal, quotes included.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        writeString(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's byte-wise string order, which `encoding/json` uses for map keys.
    public static func keyLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static func write(_ node: Node, numbers: Numbers, into out: inout [UInt8]) throws(BuildError) {
        switch node {
        case .null:
            out += Array("null".utf8)
        case .bool(let b):
            out += Array((b ? "true" : "false").utf8)
        case .int(let i):
            out += Array((numbers == .exact ? String(i) : try floatText(Double(i))).utf8)
        case .uint(let u):
            out += Array((numbers == .exact ? String(u) : try floatText(Double(u))).utf8)
        case .float(let d):
            out += Array(try floatText(d).utf8)
        case .string(let s):
            writeString(s, into: &out)
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                try write(item, numbers: numbers, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .mapping(let map):
            out.append(UInt8(ascii: "{"))
            for (i, entry) in map.entries.sorted(by: { keyLess($0.key, $1.key) }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(entry.key, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(entry.value, numbers: numbers, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func floatText(_ d: Double) throws(BuildError) -> String {
        if d.isNaN { throw BuildError("json: unsupported value: NaN") }
        if d.isInfinite { throw BuildError("json: unsupported value: \(d < 0 ? "-Inf" : "+Inf")") }
        return GoNumberFormat.jsonText(d)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case 0x5C: out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20, 0x3C, 0x3E, 0x26, 0x2028, 0x2029:
                let v = scalar.value
                out += Array("\\u".utf8)
                out += [hex[Int(v >> 12 & 0xF)], hex[Int(v >> 8 & 0xF)], hex[Int(v >> 4 & 0xF)], hex[Int(v & 0xF)]]
            default:
                out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
