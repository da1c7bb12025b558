/// Number text exactly as Go prints it on kustomize's way out: `encoding/json` first, then
/// yaml.v2 re-reading that JSON and printing it again. The round trip is why `1.0` comes out as `1`
/// and `1234567.5` as `1.2345675e+06`.
enum GoNumberFormat {
    /// Shortest round-trip decimal digits of a finite, non-zero magnitude and the position of the
    /// decimal point (value = 0.digits × 10^decimalPoint), as Go's `strconv` computes them.
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], decimalPoint: Int) {
        // Swift's description also prints the shortest round-trip digits; re-read them.
        let text = String(describing: abs(value))
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var pointAt = 0
        var sawPoint = false
        for ch in mantissa.utf8 {
            if ch == UInt8(ascii: ".") {
                sawPoint = true
                continue
            }
            digits.append(ch - UInt8(ascii: "0"))
            if !sawPoint { pointAt += 1 }
        }
        while let first = digits.first, first == 0, digits.count > 1 {
            digits.removeFirst()
            pointAt -= 1
        }
        while let last = digits.last, last == 0, digits.count > 1 {
            digits.removeLast()
        }
        return (digits, pointAt + exponent)
    }

    private static func digitText(_ digits: ArraySlice<UInt8>) -> String {
        String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
    }

    /// Go's `%e` with shortest precision: d.ddde±XX (at least two exponent digits).
    private static func formatE(_ negative: Bool, _ digits: [UInt8], _ decimalPoint: Int) -> String {
        var s = negative ? "-" : ""
        s += digitText(digits[..<1])
        if digits.count > 1 { s += "." + digitText(digits[1...]) }
        let exp = decimalPoint - 1
        s += exp < 0 ? "e-" : "e+"
        let magnitude = abs(exp)
        s += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
        return s
    }

    /// Go's `%f` with shortest precision.
    private static func formatF(_ negative: Bool, _ digits: [UInt8], _ decimalPoint: Int) -> String {
        var s = negative ? "-" : ""
        if decimalPoint <= 0 {
            s += "0." + String(repeating: "0", count: -decimalPoint) + digitText(digits[...])
        } else if decimalPoint >= digits.count {
            s += digitText(digits[...]) + String(repeating: "0", count: decimalPoint - digits.count)
        } else {
            s += digitText(digits[..<decimalPoint]) + "." + digitText(digits[decimalPoint...])
        }
        return s
    }

    /// `encoding/json`'s text for a float64 (non-finite values are rejected by the caller).
    static func jsonText(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (digits, point) = shortestDigits(value)
        let magnitude = abs(value)
        if magnitude < 1e-6 || magnitude >= 1e21 {
            var s = formatE(value < 0, digits, point)
            // encoding/json trims "e-09" to "e-9".
            let bytes = Array(s.utf8)
            let n = bytes.count
            if n >= 4, bytes[n - 4] == UInt8(ascii: "e"), bytes[n - 3] == UInt8(ascii: "-"),
                bytes[n - 2] == UInt8(ascii: "0")
            {
                s = String(decoding: bytes[..<(n - 2)] + [bytes[n - 1]], as: UTF8.self)
            }
            return s
        }
        return formatF(value < 0, digits, point)
    }

    /// Go's `strconv.FormatFloat(f, 'g', -1, 64)` as yaml.v2 prints floats.
    static func formatG(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (digits, point) = shortestDigits(value)
        // With shortest precision Go switches to the exponent form from 1e+06 on.
        let exp = point - 1
        if exp < -4 || exp >= 6 { return formatE(value < 0, digits, point) }
        return formatF(value < 0, digits, point)
    }

    /// The YAML text kustomize prints for a float that went through JSON and back.
    static func yamlText(_ value: Double) -> String {
        let json = jsonText(value)
        if !json.contains(where: { $0 == "." || $0 == "e" }) {
            if let i = Int64(json) { return String(i) }
            if let u = UInt64(json) { return String(u) }
        }
        return formatG(Double(json) ?? value)
    }
}
