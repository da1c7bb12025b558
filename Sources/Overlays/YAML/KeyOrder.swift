/// yaml.v2's key order: letters compare by code point, runs of digits compare as numbers, so
/// `key9` sorts before `key10` and `a` before `B`'s digits-led cousins — kustomize output relies on it.
enum KeyOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        if let decided = asciiLess(a, b) { return decided }
        let ar = Array(a.unicodeScalars)
        let br = Array(b.unicodeScalars)
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                i += 1
                continue
            }
            let al = isLetter(ar[i])
            let bl = isLetter(br[i])
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return bl }
            var an: Int64 = 0
            var bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ Int64(ar[ai].value) &- 48
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ Int64(br[bi].value) &- 48
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    /// `less` for the usual case, without decoding: the first difference is between two ASCII characters, at
    /// least one of them not a digit, after an all-ASCII common prefix (or one key is a prefix of the other).
    /// Nil when digits or non-ASCII text decide, which needs the full comparison.
    private static func asciiLess(_ a: String, _ b: String) -> Bool? {
        var ai = a.utf8.makeIterator()
        var bi = b.utf8.makeIterator()
        while true {
            switch (ai.next(), bi.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?):
                guard x < 0x80, y < 0x80 else { return nil }
                if x == y { continue }
                let (xl, yl) = (isASCIILetter(x), isASCIILetter(y))
                if xl && yl { return x < y }
                if xl || yl { return yl }
                if isASCIIDigit(x) || isASCIIDigit(y) { return nil }
                return x < y
            }
        }
    }

    private static func isASCIILetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    private static func isASCIIDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return c >= "0" && c <= "9" }
        return c.properties.generalCategory == .decimalNumber
    }
}
