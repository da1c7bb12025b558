/// How plain scalars read and write: kustomize reads YAML with yaml.v3 (YAML 1.2 core: only
/// true/false are booleans) and writes it with yaml.v2 (YAML 1.1: yes/no/on/off are booleans too),
/// so a string such as `yes` goes in plain and must come out quoted.
enum ScalarResolution {
    /// The longest of the special words below (`false`, `+.inf`, …), in UTF-8 bytes: longer scalars skip the
    /// word comparisons, which cost more than everything else for the names and values most scalars are.
    private static let longestWord = 5

    /// Whether a special word may start with `byte`; scalars starting otherwise skip the comparisons too.
    private static func mayStartWord(_ byte: UInt8) -> Bool {
        switch Unicode.Scalar(byte) {
        case "y", "Y", "o", "O", "t", "T", "n", "N", "f", "F", "~", ".", "+", "-", "<": return true
        default: return false
        }
    }

    /// yaml.v3's resolution of an untagged plain scalar.
    static func resolvePlain(_ s: String) -> Node {
        if s.utf8.count <= longestWord, let word = resolveWord(s) { return word }
        guard let first = s.utf8.first else { return .string(s) }
        if first == UInt8(ascii: ".") {
            if let d = GoStrconv.parseFloat(Substring(s)) { return .float(d) }
            return .string(s)
        }
        let isDigit = first >= 48 && first <= 57
        guard isDigit || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return .string(s) }
        if let stamp = YAMLTimestamp.rfc3339(Substring(s)) { return .string(stamp) }
        return resolveNumber(s) ?? .string(s)
    }

    /// The special words yaml.v3 resolves to booleans, null or infinite and NaN floats.
    private static func resolveWord(_ s: String) -> Node? {
        if let first = s.utf8.first, !mayStartWord(first) { return nil }
        switch s {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "", "~", "null", "Null", "NULL": return .null
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        default: return nil
        }
    }

    /// The integer or float a digit- or sign-led scalar denotes, as both yaml versions read it.
    private static func resolveNumber(_ s: String) -> Node? {
        // Go's underscores between digits; most numbers have none, and filtering characters costs.
        let plain = s.utf8.contains(UInt8(ascii: "_")) ? Substring(s.filter { $0 != "_" }) : Substring(s)
        if let i = GoStrconv.parseInt(plain) { return .int(i) }
        if let u = GoStrconv.parseUint(plain) { return .uint(u) }
        if GoStrconv.isYAMLStyleFloat(plain), let d = GoStrconv.parseFloat(plain) { return .float(d) }
        return nil
    }

    /// Whether yaml.v2 may write `s` as a plain scalar: it must read back as a string under YAML 1.1
    /// rules and not look like a base-60 number.
    static func yamlV2ReadsAsString(_ s: String) -> Bool {
        if s.utf8.count <= longestWord, isYAMLV1Word(s) { return false }
        guard let first = s.utf8.first else { return false }
        if first == UInt8(ascii: ".") { return GoStrconv.parseFloat(Substring(s)) == nil }
        let isDigit = first >= 48 && first <= 57
        guard isDigit || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return true }
        if YAMLTimestamp.rfc3339(Substring(s)) != nil { return false }
        if resolveNumber(s) != nil { return false }
        return !isBase60Float(s)
    }

    /// The words YAML 1.1 reads as booleans, null, infinite and NaN floats, or a merge key.
    private static func isYAMLV1Word(_ s: String) -> Bool {
        if let first = s.utf8.first, !mayStartWord(first) { return false }
        switch s {
        case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE",
            "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE",
            "", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
            "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<":
            return true
        default: return false
        }
    }

    /// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`
    private static func isBase60Float(_ s: String) -> Bool {
        guard s.utf8.contains(UInt8(ascii: ":")) else { return false }
        var b = s.utf8[...]
        func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        if let f = b.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { b = b.dropFirst() }
        guard let f = b.first, digit(f) else { return false }
        b = b.dropFirst()
        while let c = b.first, digit(c) || c == UInt8(ascii: "_") { b = b.dropFirst() }
        var groups = 0
        while let c = b.first, c == UInt8(ascii: ":") {
            b = b.dropFirst()
            var run: [UInt8] = []
            while let d = b.first, digit(d), run.count < 2 {
                run.append(d)
                b = b.dropFirst()
            }
            // [0-5]?[0-9]: one digit, or two with the first at most 5.
            guard !run.isEmpty, run.count == 1 || run[0] <= UInt8(ascii: "5") else { return false }
            groups += 1
        }
        guard groups > 0 else { return false }
        if let c = b.first, c == UInt8(ascii: ".") {
            b = b.dropFirst()
            while let d = b.first, digit(d) || d == UInt8(ascii: "_") { b = b.dropFirst() }
        }
        return b.isEmpty
    }
}
