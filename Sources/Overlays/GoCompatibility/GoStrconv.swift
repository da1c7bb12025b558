/// The parts of Go's `strconv` that decide how kustomize's YAML libraries read a plain scalar.
enum GoStrconv {
    /// `strconv.ParseInt(s, 0, 64)`: optional sign, then 0x / 0o / 0b / leading-0 octal / decimal.
    static func parseInt(_ s: Substring) -> Int64? {
        var body = s
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard let magnitude = parseUint(body) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `strconv.ParseUint(s, 0, 64)`: no sign allowed.
    static func parseUint(_ s: Substring) -> UInt64? {
        var body = s
        var radix: UInt64 = 10
        // Every radix prefix starts with 0; most numbers do not, and lower-casing a copy costs.
        if body.utf8.first == UInt8(ascii: "0") {
            let lower = body.lowercased()
            if lower.hasPrefix("0x") {
                radix = 16
                body = body.dropFirst(2)
            } else if lower.hasPrefix("0o") {
                radix = 8
                body = body.dropFirst(2)
            } else if lower.hasPrefix("0b") {
                radix = 2
                body = body.dropFirst(2)
            } else if body.count > 1, body.first == "0" {
                radix = 8
                body = body.dropFirst()
            }
        }
        guard !body.isEmpty else { return nil }
        var value: UInt64 = 0
        for ch in body.unicodeScalars {
            guard let digit = hexDigit(ch),
                UInt64(digit) < radix
            else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: radix)
            let (plus, o2) = times.addingReportingOverflow(UInt64(digit))
            if o1 || o2 { return nil }
            value = plus
        }
        return value
    }

    private static func hexDigit(_ ch: Unicode.Scalar) -> Int? {
        switch ch {
        case "0"..."9": return Int(ch.value - 48)
        case "a"..."f": return Int(ch.value - 87)
        case "A"..."F": return Int(ch.value - 55)
        default: return nil
        }
    }

    /// Decimal float syntax that yaml.v2/v3 try for plain scalars starting with a digit or sign:
    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLStyleFloat(_ s: Substring) -> Bool {
        var bytes = s.utf8[...]
        if let f = bytes.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        var intDigits = 0
        while let b = bytes.first, isDigit(b) {
            intDigits += 1
            bytes = bytes.dropFirst()
        }
        var fracDigits = 0
        var hasPoint = false
        if let b = bytes.first, b == UInt8(ascii: ".") {
            hasPoint = true
            bytes = bytes.dropFirst()
            while let b = bytes.first, isDigit(b) {
                fracDigits += 1
                bytes = bytes.dropFirst()
            }
        }
        if intDigits == 0 && !(hasPoint && fracDigits > 0) { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let f = bytes.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            var expDigits = 0
            while let b = bytes.first, isDigit(b) {
                expDigits += 1
                bytes = bytes.dropFirst()
            }
            if expDigits == 0 { return false }
        }
        return bytes.isEmpty
    }

    /// `strconv.ParseFloat(s, 64)` for the decimal and special forms reachable from YAML resolution.
    static func parseFloat(_ s: Substring) -> Double? {
        let lower = s.lowercased()
        var unsigned = Substring(lower)
        var negative = false
        if let f = unsigned.first, f == "+" || f == "-" {
            negative = f == "-"
            unsigned = unsigned.dropFirst()
        }
        if unsigned == "inf" || unsigned == "infinity" { return negative ? -.infinity : .infinity }
        if unsigned == "nan" { return .nan }
        // Go reports overflow as an error, so "1e400" stays a string.
        guard isYAMLStyleFloat(s), let value = Double(String(s)), value.isFinite else { return nil }
        return value
    }
}
