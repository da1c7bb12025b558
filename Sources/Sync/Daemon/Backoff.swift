/// How long to wait before retrying after consecutive failures: doubling from `initial` up to `maximum`, so
/// a broken cluster or remote is retried soon at first and never in a tight loop.
public struct Backoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    /// Failures since the last success.
    public private(set) var failures = 0

    public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(300)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait after the failures so far; `nil` after a success (no backoff).
    public var delay: Duration? {
        guard failures > 0 else { return nil }
        var delay = initial
        for _ in 1..<min(failures, 32) {
            delay = delay * 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }

    public mutating func recordFailure() { failures += 1 }
    public mutating func recordSuccess() { failures = 0 }
}
