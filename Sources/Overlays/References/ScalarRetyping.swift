/// kyaml keeps a scalar's tag when only its text changes (replacements write the source's text into
/// the target node). Our nodes carry resolved values, so the new text is re-read as the old type.
enum ScalarRetyping {
    /// `text` as a scalar of `like`'s type; a node without a type yet (`.null`, e.g. just created)
    /// reads it as a plain YAML scalar.
    static func retype(_ text: String, like node: Node) -> Node {
        switch node {
        case .string:
            return .string(text)
        case .null:
            return ScalarResolution.resolvePlain(text)
        case .int, .uint:
            let resolved = ScalarResolution.resolvePlain(text)
            switch resolved {
            case .int, .uint: return resolved
            default: return .string(text)
            }
        case .float:
            let resolved = ScalarResolution.resolvePlain(text)
            switch resolved {
            case .float: return resolved
            case .int(let i): return .float(Double(i))
            default: return .string(text)
            }
        case .bool:
            let resolved = ScalarResolution.resolvePlain(text)
            if case .bool = resolved { return resolved }
            return .string(text)
        case .mapping, .sequence:
            return .string(text)
        }
    }
}

/// A Go regular expression matched anywhere in a string (`regexp.MatchString`), as kyaml uses for
/// `[key=value]` target path parts. Plain text patterns are a substring test.
struct UnanchoredPattern {
    private let literal: String?
    private let regex: Regex<AnyRegexOutput>?

    init(_ pattern: String) throws(BuildError) {
        let meta: Set<Character> = ["\\", ".", "+", "*", "?", "(", ")", "|", "[", "]", "{", "}", "^", "$"]
        if !pattern.contains(where: { meta.contains($0) }) {
            literal = pattern
            regex = nil
            return
        }
        literal = nil
        do {
            regex = try Regex(pattern)
        } catch {
            throw BuildError("error parsing regexp: invalid pattern: `\(pattern)`")
        }
    }

    func matches(_ text: String) -> Bool {
        if let literal {
            if literal.isEmpty { return true }
            let t = Array(text.utf8)
            let l = Array(literal.utf8)
            guard l.count <= t.count else { return false }
            for start in 0...(t.count - l.count) where t[start..<(start + l.count)].elementsEqual(l) {
                return true
            }
            return false
        }
        guard let regex else { return false }
        return (try? regex.firstMatch(in: text)) != nil
    }
}
