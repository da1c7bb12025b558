/// Which Lease a daemon replica competes for, under which identity, and its timing.
///
/// `renewDeadline` must be shorter than `duration`: a leader that could not renew for `renewDeadline` stops
/// acting before any standby may consider the lease expired.
public struct LeaseSettings: Sendable {
    public var name: String
    public var namespace: String
    /// Unique per replica (e.g. the pod name); written to the Lease's `holderIdentity`.
    public var identity: String
    /// How long a standby waits after the lease last changed before it takes it over (`leaseDurationSeconds`).
    public var duration: Duration = .seconds(15)
    /// The leader gives up if it cannot renew for this long.
    public var renewDeadline: Duration = .seconds(10)
    /// How often to try to acquire or renew.
    public var retryPeriod: Duration = .seconds(2)

    public init(
        name: String, namespace: String, identity: String, duration: Duration = .seconds(15),
        renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2)
    ) {
        self.name = name
        self.namespace = namespace
        self.identity = identity
        self.duration = duration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
    }

    /// `leaseDurationSeconds`: whole seconds, rounded up, at least 1.
    var durationSeconds: Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }
}
