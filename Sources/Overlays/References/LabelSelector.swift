/// A Kubernetes label selector string (`app=web,tier in (a,b),!legacy`) as apimachinery's
/// `labels.Parse` reads it (kyaml's copy), used by `labelSelector:` and `annotationSelector:`.
/// Parse errors carry apimachinery's messages, e.g. `unable to parse requirement: found '', expected: ',' or ')'`.
public struct LabelSelector: Sendable, Equatable {
    public enum Operator: String, Sendable {
        case equals = "=", doubleEquals = "==", notEquals = "!=", `in` = "in", notIn = "notin"
        case exists = "exists", doesNotExist = "!", greaterThan = "gt", lessThan = "lt"
    }

    public struct Requirement: Sendable, Equatable {
        public var key: String
        public var op: Operator
        public var values: [String]

        func matches(_ labels: [String: String]) -> Bool {
            switch op {
            case .in, .equals, .doubleEquals:
                guard let v = labels[key] else { return false }
                return values.contains(v)
            case .notIn, .notEquals:
                guard let v = labels[key] else { return true }
                return !values.contains(v)
            case .exists: return labels[key] != nil
            case .doesNotExist: return labels[key] == nil
            case .greaterThan, .lessThan:
                guard let v = labels[key], let have = Int64(v), values.count == 1, let want = Int64(values[0]) else {
                    return false
                }
                return op == .greaterThan ? have > want : have < want
            }
        }
    }

    public var requirements: [Requirement]

    /// Parses a selector; the empty string selects everything.
    public init(_ text: String) throws(BuildError) {
        var parser = SelectorParser(items: SelectorLexer.scan(text))
        requirements = try parser.parse().enumerated().sorted { a, b in
            a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
                || (a.element.key == b.element.key && a.offset < b.offset)
        }.map(\.element)
    }

    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// Parses and matches in one step; an empty selector matches.
    public static func matches(_ selector: String, _ labels: [String: String]) throws(BuildError) -> Bool {
        try LabelSelector(selector).matches(labels)
    }
}

enum SelectorToken: Equatable {
    case error, end, closedPar, comma, doesNotExist, doubleEquals, equals, greaterThan, identifier
    case inToken, lessThan, notEquals, notIn, openPar
}

enum SelectorLexer {
    static let keywords: [String: SelectorToken] = [
        ")": .closedPar, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals,
        ">": .greaterThan, "in": .inToken, "<": .lessThan, "!=": .notEquals, "notin": .notIn, "(": .openPar,
    ]

    static func isWhitespace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 13 || c == 10 }
    static func isSpecial(_ c: UInt8) -> Bool { "=!(),><".utf8.contains(c) }

    static func scan(_ text: String) -> [(SelectorToken, String)] {
        let s = Array(text.utf8)
        var pos = 0
        var items: [(SelectorToken, String)] = []
        while true {
            while pos < s.count, isWhitespace(s[pos]) { pos += 1 }
            guard pos < s.count else {
                items.append((.end, ""))
                return items
            }
            if isSpecial(s[pos]) {
                var buffer: [UInt8] = []
                var last: (SelectorToken, String)?
                while pos < s.count, isSpecial(s[pos]) {
                    buffer.append(s[pos])
                    let candidate = String(decoding: buffer, as: UTF8.self)
                    if let token = keywords[candidate] {
                        last = (token, candidate)
                        pos += 1
                    } else if last != nil {
                        break
                    } else {
                        pos += 1
                    }
                }
                items.append(last ?? (.error, "error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'"))
            } else {
                var buffer: [UInt8] = []
                while pos < s.count, !isSpecial(s[pos]), !isWhitespace(s[pos]) {
                    buffer.append(s[pos])
                    pos += 1
                }
                let word = String(decoding: buffer, as: UTF8.self)
                items.append((keywords[word] ?? .identifier, word))
            }
        }
    }
}
