/// A var's value as kustomize reads it from a field: a string, a number or a boolean; anything else
/// (maps, lists) cannot be substituted and leaves `$(NAME)` in place.
public enum VarValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case unsupported

    /// The value as a node, keeping its type (kustomize's `updateNodeValue`).
    var node: Node? {
        switch self {
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .unsupported: return nil
        }
    }

    /// The value as Go's `%v` prints it inside a longer string.
    var text: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .float(let d): return GoNumberFormat.jsonText(d)
        case .bool(let b): return b ? "true" : "false"
        case .unsupported: return nil
        }
    }
}

/// kustomize's `$(VAR)` expansion (refvar's DoReplacements): `$$` escapes a `$`, `$(NAME)` is
/// replaced when the var is known and left as is otherwise, an unclosed `$(` is kept.
enum VarExpansion {
    enum Result: Equatable {
        /// The whole input was one `$(NAME)`: the var's value with its own type.
        case whole(Node)
        case text(String)
    }

    /// Expands `input`; `lookup` gives a var's value (nil when unknown) and counts its uses.
    static func expand(_ input: String, lookup: (String) -> VarValue?) -> Result {
        let bytes = Array(input.utf8)
        var out: [UInt8] = []
        var checkpoint = 0
        var cursor = 0
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: "$"), cursor + 1 < bytes.count {
                out.append(contentsOf: bytes[checkpoint..<cursor])
                let next = bytes[cursor + 1]
                var advance = 1
                if next == UInt8(ascii: "$") {
                    out.append(UInt8(ascii: "$"))
                } else if next == UInt8(ascii: "(") {
                    if let close = bytes[(cursor + 2)...].firstIndex(of: UInt8(ascii: ")")) {
                        let name = String(decoding: bytes[(cursor + 2)..<close], as: UTF8.self)
                        advance = close - cursor
                        let value = lookup(name)
                        let mappedText = value?.text ?? "$(\(name))"
                        if close - cursor + 1 == bytes.count, cursor == 0 {
                            if let node = value?.node { return .whole(node) }
                            return .text(mappedText)
                        }
                        out.append(contentsOf: Array(mappedText.utf8))
                    } else {
                        out.append(contentsOf: [UInt8(ascii: "$"), UInt8(ascii: "(")])
                    }
                } else {
                    out.append(UInt8(ascii: "$"))
                    out.append(next)
                }
                cursor += advance
                checkpoint = cursor + 1
            }
            cursor += 1
        }
        out.append(contentsOf: bytes[min(checkpoint, bytes.count)...])
        return .text(String(decoding: out, as: UTF8.self))
    }
}
