/// Go's `fmt` renderings that show up verbatim in kustomize's error messages.
public enum GoSyntax {
    /// What Go prints for a pointer. Real kustomize prints an address that changes on every run;
    /// any `0xc…` value reads the same once messages are normalised.
    public static let pointer = "0xc000010000"

    /// `strconv.Quote` (also `%q` and strings inside `%#v`): double quotes, Go escapes,
    /// printable Unicode kept as is.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if isPrint(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if scalar.value < 0x10000 {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out += "\\U" + hex(scalar.value, width: 8)
                }
            }
        }
        return out + "\""
    }

    /// `%v` of a `[]string`: `[a b c]`.
    public static func list(_ items: [String]) -> String {
        "[" + items.joined(separator: " ") + "]"
    }

    /// `%#v` of kustomize's `resid.ResId`.
    public static func resId(_ id: ResourceId) -> String {
        "resid.ResId{Gvk:resid.Gvk{Group:\(quote(id.gvk.group)), Version:\(quote(id.gvk.version)), "
            + "Kind:\(quote(id.gvk.kind)), isClusterScoped:\(id.gvk.isClusterScoped)}, "
            + "Name:\(quote(id.name)), Namespace:\(quote(id.namespace))}"
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
