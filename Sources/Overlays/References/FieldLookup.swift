/// kyaml's dotted field paths as vars and replacement sources read them (`SmarterPathSplitter` +
/// `PathGetter` without creation): `spec.ports.0.port`, `spec.containers.[name=app].image`,
/// `metadata.annotations.[a.b/c]` style keys stay whole inside brackets.
enum FieldLookup {
    /// kyaml's `SmarterPathSplitter`: split on the delimiter, but keep `[…]` groups together (and
    /// drop their brackets unless they hold `=`).
    static func smarterSplit(_ path: String, on delimiter: Character) -> [String] {
        let parts = FieldPath.split(path, on: delimiter)
        var result: [String] = []
        var i = 0
        while i < parts.count {
            let element = parts[i]
            if element.hasPrefix("["), !element.hasSuffix("]") {
                var bracketed = [element]
                while i < parts.count - 1 {
                    i += 1
                    bracketed.append(parts[i])
                    if parts[i].hasSuffix("]") { break }
                }
                let joined = bracketed.joined(separator: String(delimiter))
                if joined.contains("=") {
                    result.append(joined)
                } else {
                    result.append(String(joined.drop { $0 == "[" }.reversed().drop { $0 == "]" }.reversed()))
                }
            } else {
                result.append(element)
            }
            i += 1
        }
        return result
    }

    /// kyaml's `convertSliceIndex`, used by `GetFieldValue`: `ports[0]` becomes `ports`, `0`.
    static func convertSliceIndex(_ fields: [String]) -> [String] {
        var result: [String] = []
        for field in fields {
            guard field.hasSuffix("]"), let open = field.lastIndex(of: "[") else {
                result.append(field)
                continue
            }
            let digits = field[field.index(after: open)..<field.index(before: field.endIndex)]
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                result.append(field)
                continue
            }
            let head = String(field[..<open])
            if !head.isEmpty { result.append(head) }
            result.append(String(digits))
        }
        return result
    }

    /// Go's `strconv.Atoi` on a path part.
    static func integer(_ part: String) -> Int? {
        GoStrconv.parseInt(Substring(part)).flatMap { Int(exactly: $0) }.flatMap { value in
            // Atoi takes only decimal digits with an optional sign.
            let body = part.hasPrefix("+") || part.hasPrefix("-") ? part.dropFirst() : Substring(part)
            return !body.isEmpty && body.allSatisfy({ $0.isASCII && $0.isNumber }) ? value : nil
        }
    }

    static func isListIndex(_ part: String) -> Bool { part.hasPrefix("[") && part.hasSuffix("]") }

    /// `[name=value]` → ("name", "value"); a part without `=` is an error.
    static func splitIndexNameValue(_ part: String) throws(BuildError) -> (String, String) {
        var inner = Substring(part)
        if inner.hasSuffix("]") { inner = inner.dropLast() }
        if inner.hasPrefix("[") { inner = inner.dropFirst() }
        guard let eq = inner.firstIndex(of: "=") else {
            throw BuildError("list path element must contain fieldName=fieldValue for element to match")
        }
        return (String(inner[..<eq]), String(inner[inner.index(after: eq)...]))
    }

    /// Go's `strings.TrimSpace` for the ASCII whitespace paths can hold.
    static func trimmed(_ s: String) -> String {
        let ws: Set<Character> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
        return String(s.drop { ws.contains($0) }.reversed().drop { ws.contains($0) }.reversed())
    }

    static func kindName(_ node: Node) -> String {
        switch node {
        case .sequence: return "SequenceNode"
        case .mapping: return "MappingNode"
        default: return "ScalarNode"
        }
    }

    /// kyaml's `Lookup`: the node at the path, nil when some step is missing.
    static func lookup(_ root: Node, _ path: [String]) throws(BuildError) -> Node? {
        var current = root
        for raw in path {
            let part = trimmed(raw)
            if part.isEmpty { continue }
            if current.isNull { return nil }
            if let index = integer(part) {
                guard index >= 0 else { throw BuildError("array index \(index) cannot be negative") }
                guard case .sequence(let items) = current else { throw wrongKind(current, expected: "SequenceNode") }
                guard index < items.count else { return nil }
                current = items[index]
            } else if part == "-" {
                guard case .sequence(let items) = current else { throw wrongKind(current, expected: "SequenceNode") }
                guard let last = items.last else { return nil }
                current = last
            } else if part == "*" {
                throw BuildError("wildcard is not supported in PathGetter")
            } else if isListIndex(part) {
                let (key, value) = try splitIndexNameValue(part)
                guard case .sequence(let items) = current else { throw wrongKind(current, expected: "SequenceNode") }
                let match: Node?
                if key.isEmpty {
                    match = items.first { ($0.scalarText ?? "") == value }
                } else {
                    match = items.first { item in
                        guard let field = item.mapping?[key] else { return false }
                        return (field.scalarText ?? "") == value
                    }
                }
                guard let match else { return nil }
                current = match
            } else {
                guard case .mapping(let map) = current else { throw wrongKind(current, expected: "MappingNode") }
                guard let field = map[part] else { return nil }
                current = field
            }
        }
        return current
    }

    static func wrongKind(_ node: Node, expected: String) -> BuildError {
        BuildError("wrong node kind: expected \(expected) but got \(kindName(node))")
    }
}
