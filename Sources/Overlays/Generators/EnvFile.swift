/// kustomize's reading of an env file (`envs:`): one `KEY=VALUE` per line.
///
/// Lines are split like Go's `bufio.Scanner` (on `\n`, one trailing `\r` dropped); a UTF-8 byte
/// order mark is dropped from the first line only; leading white space is trimmed; blank lines and
/// lines starting with `#` are skipped. The key is everything before the first `=` (trailing
/// spaces and an `export ` prefix stay part of it); the value is everything after it, quotes and
/// trailing spaces kept. A line without `=` is a key with an empty value, and a line starting with
/// `=` (empty key) is skipped. A line that is not UTF-8 is an error. A line longer than 64 KiB
/// stops the scanner, and kustomize silently ignores it and everything after it.
public enum EnvFile {
    /// bufio.MaxScanTokenSize: a line (without its `\n`) must be shorter than this.
    static let maxLineLength = 64 * 1024

    public static func parse(_ content: [UInt8]) throws(BuildError) -> [KeyValuePair] {
        var pairs: [KeyValuePair] = []
        var lineNumber = 0
        for var line in lines(content) {
            guard isValidUTF8(line) else {
                let numbers = line.map { String($0) }.joined(separator: " ")
                throw BuildError(
                    "line [\(numbers)] has invalid utf8 bytes : \(String(decoding: line, as: UTF8.self))")
            }
            if lineNumber == 0, line.starts(with: [0xEF, 0xBB, 0xBF]) {
                line.removeFirst(3)
            }
            lineNumber += 1
            let trimmed = trimLeadingSpace(String(decoding: line, as: UTF8.self))
            guard let first = trimmed.utf8.first, first != UInt8(ascii: "#") else { continue }
            let bytes = Array(trimmed.utf8)
            if let eq = bytes.firstIndex(of: UInt8(ascii: "=")) {
                guard eq > 0 else { continue }
                let key = String(decoding: bytes[..<eq], as: UTF8.self)
                pairs.append(KeyValuePair(key: key, value: Array(bytes[(eq + 1)...])))
            } else {
                pairs.append(KeyValuePair(key: trimmed, value: []))
            }
        }
        return pairs
    }

    /// Go's `bufio.ScanLines` over the whole content, stopping where the scanner would fail.
    static func lines(_ content: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var start = 0
        while start < content.count {
            let newline = content[start...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? content.count
            if end - start >= maxLineLength { break }
            var line = Array(content[start..<end])
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            result.append(line)
            start = end + 1
        }
        return result
    }

    /// Go's `bytes.TrimLeftFunc(line, unicode.IsSpace)`.
    static func trimLeadingSpace(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.drop(while: isGoSpace)))
    }

    /// Go's `unicode.IsSpace`.
    static func isGoSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}

/// Go's `utf8.Valid`: decoding replaces each bad sequence, so the bytes survive a round trip only
/// when they were valid.
func isValidUTF8<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes)
}
