import Overlays

/// Scalar equality as the API server sees it: `1` equals `"1"`, and resource quantities compare by value
/// (`0.5` and `500m`, `1Gi` and `1024Mi`).
enum ScalarComparison {
    static func equal(_ a: Node, _ b: Node) -> Bool {
        if a == b { return true }
        guard let x = a.scalarText, let y = b.scalarText else { return false }
        if x == y { return true }
        guard let qx = quantity(x), let qy = quantity(y) else { return false }
        return abs(qx - qy) <= max(abs(qx), abs(qy)) * 1e-12
    }

    static let binary: [String: Double] = [
        "Ki": 1024, "Mi": 1_048_576, "Gi": 1_073_741_824, "Ti": 1_099_511_627_776, "Pi": 1_125_899_906_842_624,
        "Ei": 1_152_921_504_606_846_976,
    ]
    static let decimal: [String: Double] = [
        "n": 1e-9, "u": 1e-6, "m": 1e-3, "": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
    ]

    /// The value of a Kubernetes quantity (`100m`, `1.5Gi`, `2e3`), or nil.
    static func quantity(_ text: String) -> Double? {
        var number = Substring(text)
        var suffix = ""
        while let last = number.last, last.isLetter {
            suffix = String(last) + suffix
            number.removeLast()
        }
        if let multiplier = binary[suffix] ?? decimal[suffix], let value = Double(number), !number.isEmpty {
            return value * multiplier
        }
        return nil
    }
}
