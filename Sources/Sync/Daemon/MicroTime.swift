import Foundation

/// Kubernetes `MicroTime` text (`2006-01-02T15:04:05.000000Z`), as a Lease's `acquireTime` and `renewTime`
/// are written. Computed from the Unix time directly so no calendar or locale is involved.
enum MicroTime {
    static func format(_ date: Date) -> String {
        let perDay: Int64 = 86_400_000_000
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var (days, inDay) = micros.quotientAndRemainder(dividingBy: perDay)
        if inDay < 0 {
            days -= 1
            inDay += perDay
        }
        let (year, month, day) = civil(daysSinceEpoch: days)
        let seconds = inDay / 1_000_000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2))"
            + ":\(pad(seconds % 60, 2)).\(pad(inDay % 1_000_000, 6))Z"
    }

    /// Year, month and day of the proleptic Gregorian calendar (Howard Hinnant's `civil_from_days`).
    private static func civil(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
