/// apimachinery's label selector parser with its error messages.
struct SelectorParser {
    let items: [(SelectorToken, String)]
    var position = 0

    init(items: [(SelectorToken, String)]) {
        self.items = items
    }

    private func lookahead(values: Bool) -> (SelectorToken, String) {
        let item = items[min(position, items.count - 1)]
        return values && (item.0 == .inToken || item.0 == .notIn) ? (.identifier, item.1) : item
    }

    private mutating func consume(values: Bool) -> (SelectorToken, String) {
        let item = lookahead(values: values)
        position += 1
        return item
    }

    mutating func parse() throws(BuildError) -> [LabelSelector.Requirement] {
        var requirements: [LabelSelector.Requirement] = []
        while true {
            let (token, literal) = lookahead(values: true)
            switch token {
            case .identifier, .doesNotExist:
                do {
                    requirements.append(try parseRequirement())
                } catch {
                    throw error.wrapped("unable to parse requirement")
                }
                let (next, nextLiteral) = consume(values: true)
                switch next {
                case .end:
                    return requirements
                case .comma:
                    let (after, afterLiteral) = lookahead(values: true)
                    if after != .identifier && after != .doesNotExist {
                        throw BuildError("found '\(afterLiteral)', expected: identifier after ','")
                    }
                default:
                    throw BuildError("found '\(nextLiteral)', expected: ',' or 'end of string'")
                }
            case .end:
                return requirements
            default:
                throw BuildError("found '\(literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws(BuildError) -> LabelSelector.Requirement {
        var op: LabelSelector.Operator?
        var (token, literal) = consume(values: true)
        if token == .doesNotExist {
            op = .doesNotExist
            (token, literal) = consume(values: true)
        }
        guard token == .identifier else { throw BuildError("found '\(literal)', expected: identifier") }
        try LabelValidation.validateKey(literal)
        let (next, _) = lookahead(values: true)
        if next == .end || next == .comma {
            return LabelSelector.Requirement(key: literal, op: op ?? .exists, values: [])
        }
        if op == .doesNotExist {
            return LabelSelector.Requirement(key: literal, op: .doesNotExist, values: [])
        }
        let (opToken, opLiteral) = consume(values: false)
        let parsed: LabelSelector.Operator
        switch opToken {
        case .inToken: parsed = .in
        case .equals: parsed = .equals
        case .doubleEquals: parsed = .doubleEquals
        case .greaterThan: parsed = .greaterThan
        case .lessThan: parsed = .lessThan
        case .notIn: parsed = .notIn
        case .notEquals: parsed = .notEquals
        default: throw BuildError("found '\(opLiteral)', expected: '=', '!=', '==', 'in', notin'")
        }
        let values = parsed == .in || parsed == .notIn ? try parseValues() : try parseExactValue()
        let sorted = Array(Set(values)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return try LabelValidation.requirement(key: literal, op: parsed, values: sorted)
    }

    private mutating func parseValues() throws(BuildError) -> [String] {
        let (token, literal) = consume(values: true)
        guard token == .openPar else { throw BuildError("found '\(literal)' expected: '('") }
        let (next, nextLiteral) = lookahead(values: true)
        switch next {
        case .identifier, .comma:
            let values = try parseIdentifiers()
            let (close, _) = consume(values: true)
            if close != .closedPar { throw BuildError("found '\(nextLiteral)', expected: ')'") }
            return values
        case .closedPar:
            _ = consume(values: true)
            return [""]
        default:
            throw BuildError("found '\(nextLiteral)', expected: ',', ')' or identifier")
        }
    }

    private mutating func parseIdentifiers() throws(BuildError) -> [String] {
        var values: [String] = []
        while true {
            let (token, literal) = consume(values: true)
            switch token {
            case .identifier:
                values.append(literal)
                let (next, nextLiteral) = lookahead(values: true)
                switch next {
                case .comma: continue
                case .closedPar: return values
                default: throw BuildError("found '\(nextLiteral)', expected: ',' or ')'")
                }
            case .comma:
                if values.isEmpty { values.append("") }
                let (next, _) = lookahead(values: true)
                if next == .closedPar {
                    values.append("")
                    return values
                }
                if next == .comma {
                    _ = consume(values: true)
                    values.append("")
                }
            default:
                throw BuildError("found '\(literal)', expected: ',', or identifier")
            }
        }
    }

    private mutating func parseExactValue() throws(BuildError) -> [String] {
        let (next, _) = lookahead(values: true)
        if next == .end || next == .comma { return [""] }
        let (token, literal) = consume(values: true)
        if token == .identifier { return [literal] }
        throw BuildError("found '\(literal)', expected: identifier")
    }
}

/// apimachinery's label key and value validation, with its messages.
enum LabelValidation {
    static func requirement(
        key: String, op: LabelSelector.Operator, values: [String]
    ) throws(BuildError) -> LabelSelector.Requirement {
        try validateKey(key)
        switch op {
        case .in, .notIn:
            if values.isEmpty { throw BuildError("for 'in', 'notin' operators, values set can't be empty") }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 { throw BuildError("exact-match compatibility requires one single value") }
        case .greaterThan, .lessThan:
            if values.count != 1 { throw BuildError("for 'Gt', 'Lt' operators, exactly one value is required") }
            if values.contains(where: { Int64($0) == nil }) {
                throw BuildError("for 'Gt', 'Lt' operators, the value must be an integer")
            }
        case .exists, .doesNotExist:
            if !values.isEmpty { throw BuildError("values set must be empty for exists and does not exist") }
        }
        for value in values { try validateValue(key: key, value) }
        return LabelSelector.Requirement(key: key, op: op, values: values)
    }

    static let nameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let nameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let nameExamples = "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '\(nameFormat)')"

    static func isAlnum(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }

    static func isQualifiedNamePart(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first, let last = b.last, isAlnum(first), isAlnum(last) else { return false }
        return b.allSatisfy { isAlnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }

    static func isDNSSubdomain(_ s: String) -> Bool {
        guard s.utf8.count <= 253 else { return false }
        return s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let b = Array(label.utf8)
            guard let f = b.first, let l = b.last else { return false }
            func ok(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 97 && c <= 122) }
            return ok(f) && ok(l) && b.allSatisfy { ok($0) || $0 == 45 }
        }
    }

    static func validateKey(_ key: String) throws(BuildError) {
        var errors: [String] = []
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var name = key
        if parts.count > 2 {
            errors.append(
                "a qualified name \(nameMessage) \(nameExamples) with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")
        } else {
            if parts.count == 2 {
                name = parts[1]
                if parts[0].isEmpty {
                    errors.append("prefix part must be non-empty")
                } else if !isDNSSubdomain(parts[0]) {
                    if parts[0].utf8.count > 253 { errors.append("prefix part must be no more than 253 characters") }
                    errors.append(
                        "prefix part a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
                }
            }
            if name.isEmpty {
                errors.append("name part must be non-empty")
            } else if name.utf8.count > 63 {
                errors.append("name part must be no more than 63 characters")
            }
            if !isQualifiedNamePart(name) { errors.append("name part \(nameMessage) \(nameExamples)") }
        }
        if !errors.isEmpty {
            throw BuildError("invalid label key \"\(key)\": \(errors.joined(separator: "; "))")
        }
    }

    static func validateValue(key: String, _ value: String) throws(BuildError) {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append("must be no more than 63 characters") }
        if !value.isEmpty && !isQualifiedNamePart(value) {
            errors.append(
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
        }
        if !errors.isEmpty {
            throw BuildError("invalid label value: \"\(value)\": at key: \"\(key)\": \(errors.joined(separator: "; "))")
        }
    }
}
