/// One key and value a generator reads. Values are bytes: files may hold anything, and a
/// ConfigMap puts values that are not UTF-8 in `binaryData`.
public struct KeyValuePair: Sendable, Equatable {
    public var key: String
    public var value: [UInt8]

    public init(key: String, value: [UInt8]) {
        self.key = key
        self.value = value
    }

    public init(key: String, value: String) {
        self.init(key: key, value: Array(value.utf8))
    }
}

/// The text forms of generator sources, parsed exactly as kustomize's kv loader does.
public enum KeyValueSources {
    /// A literal `key=value`: split at the first `=`; one pair of matching surrounding quotes
    /// (`"…"` or `'…'`) is removed from the value. No `=`, or a leading `=`, is an error.
    public static func parseLiteral(_ source: String) throws(BuildError) -> KeyValuePair {
        let bytes = Array(source.utf8)
        guard let eq = bytes.firstIndex(of: UInt8(ascii: "=")), eq != 0 else {
            throw BuildError("invalid literal source \(source), expected key=value")
        }
        let key = String(decoding: bytes[..<eq], as: UTF8.self)
        return KeyValuePair(key: key, value: removeQuotes(Array(bytes[(eq + 1)...])))
    }

    /// Go's `removeQuotes`, byte-wise: strips the first and last byte when they are the same quote.
    static func removeQuotes(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2, let first = bytes.first, first == bytes.last,
            first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")
        else { return bytes }
        return Array(bytes[1..<(bytes.count - 1)])
    }

    /// A file source `path` or `key=path`: the key defaults to the path's last element.
    public static func parseFileSource(_ source: String) throws(BuildError) -> (key: String, path: String) {
        let parts = source.unicodeScalars.split(separator: "=", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        switch parts.count {
        case 1:
            return (goPathBase(source), source)
        case 2 where parts[0].isEmpty:
            throw BuildError(
                "missing key name for file path \(GoSyntax.quote(parts[1])) in source \(GoSyntax.quote(source))")
        case 2 where parts[1].isEmpty:
            throw BuildError(
                "missing file path for key name \(GoSyntax.quote(parts[0])) in source \(GoSyntax.quote(source))")
        case 2:
            return (parts[0], parts[1])
        default:
            throw BuildError("source \(GoSyntax.quote(source)) key name or file path contains '='")
        }
    }

    /// Go's `path.Base`: the last slash-separated element, trailing slashes ignored.
    static func goPathBase(_ path: String) -> String {
        if path.isEmpty { return "." }
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed == "/" { return "/" }
        if let slash = trimmed.lastIndex(of: "/") { return String(trimmed[trimmed.index(after: slash)...]) }
        return String(trimmed)
    }
}
