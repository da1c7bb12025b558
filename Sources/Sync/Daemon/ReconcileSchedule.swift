/// When the next periodic reconcile is due: every `interval`, moved by up to ±`jitter` of it so that many
/// daemons started together do not fetch from the same Git server in the same second.
public struct ReconcileSchedule: Sendable, Equatable {
    public var interval: Duration
    /// A fraction of the interval, 0...1.
    public var jitter: Double

    public init(interval: Duration, jitter: Double = 0.1) {
        self.interval = interval
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The wait before the next periodic reconcile, given a random number in 0...1.
    public func nextDelay(random: Double = Double.random(in: 0...1)) -> Duration {
        let factor = 1 + jitter * (2 * random - 1)
        return .milliseconds(Int64((Double(interval.milliseconds) * factor).rounded()))
    }
}
