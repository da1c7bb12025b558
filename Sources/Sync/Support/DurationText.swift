/// Durations as people write them on command lines and in manifests: `500ms`, `30s`, `5m`, `1h`, `1m30s`.
public enum DurationText {
    /// The duration `text` spells, or nil when it is not one (a bare number is seconds).
    public static func parse(_ text: String) -> Duration? {
        if let seconds = Double(text), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        var total: Duration = .zero
        var number = ""
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while let c = rest.first {
            if c.isNumber || c == "." {
                number.append(c)
                rest = rest.dropFirst()
                continue
            }
            guard let value = Double(number) else { return nil }
            let unit: Duration
            if rest.hasPrefix("ms") {
                unit = .milliseconds(1)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("s") {
                unit = .seconds(1)
                rest = rest.dropFirst()
            } else if rest.hasPrefix("m") {
                unit = .seconds(60)
                rest = rest.dropFirst()
            } else if rest.hasPrefix("h") {
                unit = .seconds(3600)
                rest = rest.dropFirst()
            } else {
                return nil
            }
            total += unit * value
            number = ""
        }
        return number.isEmpty ? total : nil
    }

    /// `1.5s`, `60s`, `250ms`.
    public static func format(_ duration: Duration) -> String {
        let ms = duration.milliseconds
        if ms < 1000 { return "\(ms)ms" }
        if ms % 1000 == 0 { return "\(ms / 1000)s" }
        return "\(Double(ms) / 1000)s"
    }
}

extension Duration {
    /// Whole milliseconds.
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Seconds as a floating-point number.
    public var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
