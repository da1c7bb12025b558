/// Who may apply: a Lease election among replicas (`LeaderElection`), or this process alone
/// (`SoleReplica`, for `--no-leader-election` and tests).
public protocol Leadership: Sendable {
    /// Runs until the calling task is cancelled, telling `onChange` when this replica starts and stops leading.
    func run(onChange: @escaping @Sendable (Bool) async -> Void) async
    /// Gives leadership up at once (on shutdown), so a standby takes over without waiting for expiry.
    func release() async
}

/// Leads from the start, alone.
public struct SoleReplica: Leadership {
    public init() {}

    public func run(onChange: @escaping @Sendable (Bool) async -> Void) async {
        await onChange(true)
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
    }

    public func release() async {}
}
