/// A Kubernetes label selector expression (`a=b,c!=d,e in (x,y),!f,g`), used against labels or annotations.
public struct LabelSelector: Sendable {
    enum Requirement: Sendable {
        case equals(String, String)
        case notEquals(String, String)
        case inSet(String, [String])
        case notInSet(String, [String])
        case exists(String)
        case doesNotExist(String)
    }

    let requirements: [Requirement]

    public init(parsing text: String) throws(BuildError) {
        var result: [Requirement] = []
        for clause in LabelSelector.splitClauses(text) {
            let c = clause.trimmingSpaces()
            guard !c.isEmpty else { throw BuildError("unable to parse requirement: empty clause in '\(text)'") }
            if c.hasPrefix("!") {
                result.append(.doesNotExist(String(c.dropFirst()).trimmingSpaces()))
            } else if let range = c.range(of: " notin ") {
                result.append(.notInSet(String(c[..<range.lowerBound]).trimmingSpaces(), try LabelSelector.set(c[range.upperBound...], text)))
            } else if let range = c.range(of: " in ") {
                result.append(.inSet(String(c[..<range.lowerBound]).trimmingSpaces(), try LabelSelector.set(c[range.upperBound...], text)))
            } else if let range = c.range(of: "!=") {
                result.append(.notEquals(String(c[..<range.lowerBound]).trimmingSpaces(), String(c[range.upperBound...]).trimmingSpaces()))
            } else if let range = c.range(of: "==") ?? c.range(of: "=") {
                result.append(.equals(String(c[..<range.lowerBound]).trimmingSpaces(), String(c[range.upperBound...]).trimmingSpaces()))
            } else {
                result.append(.exists(c))
            }
        }
        requirements = result
    }

    /// Splits on commas outside parentheses.
    private static func splitClauses(_ text: String) -> [String] {
        var clauses: [String] = []
        var current = ""
        var depth = 0
        for ch in text {
            if ch == "(" { depth += 1 }
            if ch == ")" { depth -= 1 }
            if ch == "," && depth == 0 {
                clauses.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        clauses.append(current)
        return clauses
    }

    private static func set(_ text: Substring, _ whole: String) throws(BuildError) -> [String] {
        let t = String(text).trimmingSpaces()
        guard t.hasPrefix("("), t.hasSuffix(")") else {
            throw BuildError("unable to parse requirement: expected a parenthesised set in '\(whole)'")
        }
        return t.dropFirst().dropLast().split(separator: ",").map { String($0).trimmingSpaces() }
    }

    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let k, let v): return labels[k] == v
            case .notEquals(let k, let v): return labels[k] != v
            case .inSet(let k, let values): return labels[k].map(values.contains) ?? false
            case .notInSet(let k, let values): return labels[k].map { !values.contains($0) } ?? true
            case .exists(let k): return labels[k] != nil
            case .doesNotExist(let k): return labels[k] == nil
            }
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
