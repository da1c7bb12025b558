import Foundation

/// SSH host keys to trust, in OpenSSH `known_hosts` format (as Flux keeps them in a secret's `known_hosts`).
///
/// Supported: plain host names, comma-separated, `[host]:port` (matched on the host), `*` and `?`
/// wildcards and `!` negations. Hashed host names (`|1|…`) and `@cert-authority` lines are not supported
/// and never match; `@revoked` keys are refused.
public struct SSHKnownHosts: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var patterns: [String]
        var key: [UInt8]
        var revoked: Bool
    }

    let entries: [Entry]

    public init(_ text: String) {
        entries = text.split(whereSeparator: \.isNewline).compactMap { Self.parse(String($0)) }
    }

    /// Reads a `known_hosts` file.
    public init(contentsOf path: String) throws {
        do {
            self.init(try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw GitError(
                code: .notFound, operation: "read known hosts from", object: path,
                cause: error.localizedDescription)
        }
    }

    /// Whether `key` (the SSH key blob the server presented) is trusted for `host`.
    public func trusts(host: String, key: [UInt8]) -> Bool {
        let matching = entries.filter { $0.key == key && Self.matches(host: host, patterns: $0.patterns) }
        return !matching.isEmpty && !matching.contains(where: \.revoked)
    }

    /// Whether any entry names `host`, whatever its key.
    public func knows(host: String) -> Bool {
        entries.contains { Self.matches(host: host, patterns: $0.patterns) }
    }

    private static func parse(_ line: String) -> Entry? {
        var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = fields.first, !first.hasPrefix("#") else { return nil }
        var revoked = false
        if first.hasPrefix("@") {
            guard first == "@revoked" else { return nil }
            revoked = true
            fields.removeFirst()
        }
        guard fields.count >= 3, !fields[0].hasPrefix("|"), let key = Data(base64Encoded: fields[2]) else {
            return nil
        }
        return Entry(patterns: fields[0].split(separator: ",").map(String.init), key: Array(key), revoked: revoked)
    }

    private static func matches(host: String, patterns: [String]) -> Bool {
        let host = host.lowercased()
        var matched = false
        for pattern in patterns {
            let negated = pattern.hasPrefix("!")
            var name = negated ? String(pattern.dropFirst()) : pattern
            if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
                name = String(name[name.index(after: name.startIndex)..<close])
            }
            if wildcardMatch(Array(name.lowercased()), Array(host)) {
                if negated { return false }
                matched = true
            }
        }
        return matched
    }

    private static func wildcardMatch(_ pattern: [Character], _ text: [Character]) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        switch head {
        case "*":
            return (0...text.count).contains { wildcardMatch(Array(pattern.dropFirst()), Array(text.dropFirst($0))) }
        case "?":
            return !text.isEmpty && wildcardMatch(Array(pattern.dropFirst()), Array(text.dropFirst()))
        default:
            return text.first == head && wildcardMatch(Array(pattern.dropFirst()), Array(text.dropFirst()))
        }
    }
}
