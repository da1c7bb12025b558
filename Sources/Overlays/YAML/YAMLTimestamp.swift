/// YAML timestamps as yaml.v3 recognises them (Go layouts `2006-1-2T15:4:5.999999999Z07:00`,
/// the lower-case `t` variant, `2006-1-2 15:4:5.999999999` and `2006-1-2`), printed back the way
/// `encoding/json` prints a `time.Time`: RFC 3339 with nanoseconds trimmed.
enum YAMLTimestamp {
    static func rfc3339(_ s: Substring) -> String? {
        // Fast rejection exactly like yaml.v3, before copying the bytes: four digits, then '-'.
        guard s.utf8.count > 4, s.utf8.prefix(4).allSatisfy(isDigit), s.utf8.dropFirst(4).first == UInt8(ascii: "-")
        else { return nil }
        let b = Array(s.utf8)
        var i = 5
        guard let month = number(b, &i, maxDigits: 2), expect(b, &i, "-"),
            let day = number(b, &i, maxDigits: 2)
        else { return nil }
        let year = b[0...3].reduce(0) { $0 * 10 + Int($1 - 48) }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction: [UInt8] = []
        var offset: Int? = 0
        if i < b.count {
            let separator = b[i]
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
            else { return nil }
            i += 1
            guard let h = number(b, &i, maxDigits: 2), expect(b, &i, ":"),
                let m = number(b, &i, maxDigits: 2), expect(b, &i, ":"),
                let sec = number(b, &i, maxDigits: 2)
            else { return nil }
            guard h < 24, m < 60, sec < 60 else { return nil }
            (hour, minute, second) = (h, m, sec)
            if i + 1 < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ","), isDigit(b[i + 1]) {
                i += 1
                while i < b.count, isDigit(b[i]) {
                    fraction.append(b[i])
                    i += 1
                }
            }
            if separator == UInt8(ascii: " ") {
                offset = 0
            } else {
                guard i < b.count else { return nil }
                if b[i] == UInt8(ascii: "Z") {
                    i += 1
                    offset = 0
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    guard i + 6 == b.count, isDigit(b[i + 1]), isDigit(b[i + 2]), b[i + 3] == UInt8(ascii: ":"),
                        isDigit(b[i + 4]), isDigit(b[i + 5])
                    else { return nil }
                    let hh = Int(b[i + 1] - 48) * 10 + Int(b[i + 2] - 48)
                    let mm = Int(b[i + 4] - 48) * 10 + Int(b[i + 5] - 48)
                    guard hh < 24, mm < 60 else { return nil }
                    offset = sign * (hh * 60 + mm)
                    i += 6
                } else {
                    return nil
                }
            }
        }
        guard i == b.count, let offset else { return nil }
        var nanos = Array(fraction.prefix(9))
        while nanos.last == UInt8(ascii: "0") { nanos.removeLast() }
        var out = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        out += pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
        if !nanos.isEmpty { out += "." + String(decoding: nanos, as: UTF8.self) }
        if offset == 0 {
            out += "Z"
        } else {
            out += (offset < 0 ? "-" : "+") + pad(abs(offset) / 60, 2) + ":" + pad(abs(offset) % 60, 2)
        }
        return out
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private static func number(_ b: [UInt8], _ i: inout Int, maxDigits: Int) -> Int? {
        var value = 0
        var count = 0
        while i < b.count, count < maxDigits, isDigit(b[i]) {
            value = value * 10 + Int(b[i] - 48)
            i += 1
            count += 1
        }
        return count == 0 ? nil : value
    }

    private static func expect(_ b: [UInt8], _ i: inout Int, _ c: Unicode.Scalar) -> Bool {
        guard i < b.count, b[i] == UInt8(c.value) else { return false }
        i += 1
        return true
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
