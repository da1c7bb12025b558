import Overlays

/// A JSON text the decoder could not read, with the byte offset of the problem.
public struct JSONDecodingError: Error, CustomStringConvertible, Sendable {
    public var offset: Int
    public var problem: String
    public var description: String { "invalid JSON at byte \(offset): \(problem)" }
}

/// Decodes JSON into a `Node`, keeping integers (`1`) apart from floats (`1.0`, `1e3`) and object key order.
public enum JSONDecoding {
    public static func decode(_ text: String) throws(JSONDecodingError) -> Node {
        try decode(Array(text.utf8))
    }

    public static func decode(_ bytes: [UInt8]) throws(JSONDecodingError) -> Node {
        var parser = Parser(bytes: bytes)
        parser.skipSpace()
        let node = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.pos == bytes.count else { throw parser.fail("trailing characters") }
        return node
    }

    struct Parser {
        let bytes: [UInt8]
        var pos = 0

        func fail(_ problem: String) -> JSONDecodingError {
            JSONDecodingError(offset: pos, problem: problem)
        }

        mutating func skipSpace() {
            while pos < bytes.count {
                switch bytes[pos] {
                case 0x20, 0x09, 0x0A, 0x0D: pos += 1
                default: return
                }
            }
        }

        mutating func expect(_ word: String, _ node: Node) throws(JSONDecodingError) -> Node {
            let w = Array(word.utf8)
            guard pos + w.count <= bytes.count, Array(bytes[pos..<pos + w.count]) == w else {
                throw fail("unexpected literal")
            }
            pos += w.count
            return node
        }

        mutating func value(depth: Int) throws(JSONDecodingError) -> Node {
            guard depth < 512 else { throw fail("nesting too deep") }
            guard pos < bytes.count else { throw fail("unexpected end of input") }
            switch bytes[pos] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try expect("true", .bool(true))
            case UInt8(ascii: "f"): return try expect("false", .bool(false))
            case UInt8(ascii: "n"): return try expect("null", .null)
            default: return try number()
            }
        }

        mutating func object(depth: Int) throws(JSONDecodingError) -> Node {
            pos += 1
            var entries: [Mapping.Entry] = []
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                pos += 1
                return .mapping(Mapping(entries))
            }
            while true {
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail("expected object key") }
                let key = try string()
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                pos += 1
                skipSpace()
                entries.append(Mapping.Entry(key: key, value: try value(depth: depth + 1)))
                skipSpace()
                guard pos < bytes.count else { throw fail("unterminated object") }
                if bytes[pos] == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                guard bytes[pos] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
                pos += 1
                return .mapping(Mapping(entries))
            }
        }

        mutating func array(depth: Int) throws(JSONDecodingError) -> Node {
            pos += 1
            var items: [Node] = []
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
                pos += 1
                return .sequence(items)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard pos < bytes.count else { throw fail("unterminated array") }
                if bytes[pos] == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                guard bytes[pos] == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
                pos += 1
                return .sequence(items)
            }
        }

        mutating func string() throws(JSONDecodingError) -> String {
            pos += 1
            let start = pos
            // Fast path: no escapes.
            while pos < bytes.count, bytes[pos] != UInt8(ascii: "\""), bytes[pos] != UInt8(ascii: "\\") { pos += 1 }
            guard pos < bytes.count else { throw fail("unterminated string") }
            if bytes[pos] == UInt8(ascii: "\"") {
                let s = String(decoding: bytes[start..<pos], as: UTF8.self)
                pos += 1
                return s
            }
            var out = Array(bytes[start..<pos])
            while pos < bytes.count {
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") {
                    pos += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b != UInt8(ascii: "\\") {
                    out.append(b)
                    pos += 1
                    continue
                }
                pos += 1
                guard pos < bytes.count else { break }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), pos + 1 < bytes.count, bytes[pos] == 92,
                        bytes[pos + 1] == UInt8(ascii: "u")
                    {
                        pos += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default: out.append(e)
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws(JSONDecodingError) -> UInt32 {
            guard pos + 4 <= bytes.count else { throw fail("short \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[pos]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 97...102: d = UInt32(c - 87)
                case 65...70: d = UInt32(c - 55)
                default: throw fail("bad \\u escape")
                }
                v = v * 16 + d
                pos += 1
            }
            return v
        }

        mutating func number() throws(JSONDecodingError) -> Node {
            let start = pos
            var isFloat = false
            while pos < bytes.count {
                switch bytes[pos] {
                case 48...57, UInt8(ascii: "-"), UInt8(ascii: "+"): pos += 1
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                    isFloat = true
                    pos += 1
                default:
                    break
                }
                if pos < bytes.count, !Self.isNumberByte(bytes[pos]) { break }
            }
            let text = String(decoding: bytes[start..<pos], as: UTF8.self)
            guard !text.isEmpty else { throw fail("unexpected character") }
            if !isFloat {
                if let i = Int64(text) { return .int(i) }
                if let u = UInt64(text) { return .uint(u) }
            }
            guard let d = Double(text) else { throw fail("bad number '\(text)'") }
            return .float(d)
        }

        static func isNumberByte(_ b: UInt8) -> Bool {
            switch b {
            case 48...57, UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                return true
            default: return false
            }
        }
    }
}
