import Foundation
import Logging
import Overlays
import Testing

@testable import Sync

/// Leader election against the in-memory cluster. Time is a hand-moved clock and each step is one
/// `attempt()`, so expiry and deadlines are exact; only the `run` loop test sleeps for real.
@Suite struct LeaderElectionTests {
    let cluster = FakeCluster()
    private let clock = ManualClock()

    func election(_ identity: String, retryPeriod: Duration = .seconds(2)) -> LeaderElection {
        let settings = LeaseSettings(
            name: "dlsync", namespace: "ops", identity: identity, duration: .seconds(15), renewDeadline: .seconds(10),
            retryPeriod: retryPeriod)
        let clock = clock
        return LeaderElection(api: cluster, settings: settings, logger: quietLogger, now: { clock.now })
    }

    func lease() async -> LeaseRecord? {
        await cluster.object("Lease", "ops", "dlsync", group: "coordination.k8s.io").map { LeaseRecord(lease: $0) }
    }

    /// Stores a Lease as another replica would have written it.
    func putLease(holder: String, renewTime: String = "2024-01-01T00:00:00.000000Z", transitions: Int = 0) async {
        let record = LeaseRecord(
            holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: "2024-01-01T00:00:00.000000Z",
            renewTime: renewTime, leaseTransitions: transitions)
        await cluster.put(record.newLease(name: "dlsync", namespace: "ops"))
    }

    @Test func acquiresAnAbsentLease() async {
        let a = election("a")
        #expect(await a.attempt() == true)
        #expect(a.isLeader)
        let record = await lease()
        #expect(record?.holderIdentity == "a")
        #expect(record?.leaseDurationSeconds == 15)
        #expect(record?.leaseTransitions == 0)
        #expect(record?.acquireTime != nil && record?.renewTime != nil)
    }

    @Test func acquiresAFreeLeaseAtOnce() async {
        await putLease(holder: "", transitions: 3)
        let a = election("a")
        #expect(await a.attempt() == true)
        #expect(await lease()?.holderIdentity == "a")
        #expect(await lease()?.leaseTransitions == 4)
    }

    @Test func doesNotTakeALeaseRenewedByAnother() async {
        await putLease(holder: "b", renewTime: "2024-01-01T00:00:00.000000Z")
        let a = election("a")
        #expect(await a.attempt() == nil)
        clock.advance(by: .seconds(10))
        await putLease(holder: "b", renewTime: "2024-01-01T00:00:10.000000Z")
        #expect(await a.attempt() == nil)
        // 20 s after the first look but only 10 s after the last renewal was seen: still b's.
        clock.advance(by: .seconds(10))
        #expect(await a.attempt() == nil)
        #expect(!a.isLeader)
        #expect(await lease()?.holderIdentity == "b")
        #expect(await cluster.count("update") == 0)
    }

    @Test func takesOverAnExpiredLeaseAndIncrementsTransitions() async {
        await putLease(holder: "b", transitions: 2)
        let a = election("a")
        #expect(await a.attempt() == nil)
        clock.advance(by: .seconds(14))
        #expect(await a.attempt() == nil)
        clock.advance(by: .seconds(1))
        #expect(await a.attempt() == true)
        #expect(a.isLeader)
        let record = await lease()
        #expect(record?.holderIdentity == "a")
        #expect(record?.leaseTransitions == 3)
        #expect(record?.acquireTime != "2024-01-01T00:00:00.000000Z")
    }

    @Test func continuesHoldingALeaseItsIdentityHolds() async {
        // E.g. this replica restarted: the lease still names it, so it renews at once without a transition.
        await putLease(holder: "a", transitions: 5)
        let a = election("a")
        #expect(await a.attempt() == true)
        #expect(await lease()?.leaseTransitions == 5)
        #expect(await lease()?.acquireTime == "2024-01-01T00:00:00.000000Z")
    }

    @Test func keepsRenewingWhileLeader() async {
        let a = election("a")
        #expect(await a.attempt() == true)
        for _ in 0..<3 {
            clock.advance(by: .seconds(2))
            let before = await cluster.object("Lease", "ops", "dlsync", group: "coordination.k8s.io")
            #expect(await a.attempt() == nil)
            let after = await cluster.object("Lease", "ops", "dlsync", group: "coordination.k8s.io")
            #expect(after?["metadata", "resourceVersion"] != before?["metadata", "resourceVersion"])
            #expect(a.isLeader)
        }
        #expect(await cluster.count("update") == 3)
        #expect(await lease()?.leaseTransitions == 0)
    }

    @Test func runReportsLeadershipAndKeepsRenewing() async throws {
        let a = LeaderElection(
            api: cluster,
            settings: LeaseSettings(
                name: "dlsync", namespace: "ops", identity: "a", retryPeriod: .milliseconds(20)),
            logger: quietLogger)
        let changes = Changes()
        let running = Task { await a.run { await changes.append($0) } }
        try await eventually { await cluster.count("update") >= 3 }
        #expect(a.isLeader)
        running.cancel()
        await running.value
        #expect(await changes.values == [true, false])
        #expect(!a.isLeader)
    }

    @Test func stepsDownWhenRenewalsFailPastTheDeadline() async {
        let a = election("a")
        #expect(await a.attempt() == true)
        await cluster.setOutage(APIError(code: 0, reason: "Transport", message: "connection refused"))
        clock.advance(by: .seconds(5))
        #expect(await a.attempt() == nil)
        #expect(a.isLeader)
        clock.advance(by: .seconds(5))
        #expect(await a.attempt() == false)
        #expect(!a.isLeader)
    }

    @Test func isNotLeaderPastTheRenewDeadlineEvenBeforeTheNextAttempt() async {
        let a = election("a")
        #expect(await a.attempt() == true)
        clock.advance(by: .seconds(10))
        #expect(!a.isLeader)
    }

    @Test func stepsDownWhenAnotherTookTheLease() async {
        let a = election("a")
        #expect(await a.attempt() == true)
        await putLease(holder: "b", transitions: 1)
        #expect(await a.attempt() == false)
        #expect(!a.isLeader)
    }

    @Test func releaseClearsTheHolder() async {
        let a = election("a")
        #expect(await a.attempt() == true)
        await a.release()
        #expect(!a.isLeader)
        let record = await lease()
        #expect(record?.holderIdentity == "")
        #expect(record?.leaseDurationSeconds == 1)
        // A standby takes the released lease at once, without waiting for it to expire.
        let b = election("b")
        #expect(await b.attempt() == true)
        #expect(await lease()?.holderIdentity == "b")
        #expect(await lease()?.leaseTransitions == 1)
    }

    @Test func releaseLeavesAnotherHoldersLeaseAlone() async {
        await putLease(holder: "b")
        await election("a").release()
        #expect(await lease()?.holderIdentity == "b")
        #expect(await cluster.count("update") == 0)
    }

    @Test func renewTimeIsWrittenAsMicroTime() {
        #expect(MicroTime.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000Z")
        #expect(MicroTime.format(Date(timeIntervalSince1970: 1_136_214_245.123456)) == "2006-01-02T15:04:05.123456Z")
        #expect(MicroTime.format(Date(timeIntervalSince1970: 951_825_600.5)) == "2000-02-29T12:00:00.500000Z")
    }
}

private let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// A monotonic clock that only moves when a test says so.
private final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var instant = ContinuousClock.now

    var now: ContinuousClock.Instant { lock.withLock { instant } }

    func advance(by duration: Duration) {
        lock.withLock { instant = instant.advanced(by: duration) }
    }
}

/// Leadership changes in the order `onChange` reported them.
private actor Changes {
    var values: [Bool] = []
    func append(_ value: Bool) { values.append(value) }
}

/// Polls `condition` until it holds, failing the test after `timeout`.
private func eventually(
    timeout: Duration = .seconds(5), _ condition: @Sendable () async -> Bool,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("condition not met within \(timeout)", sourceLocation: sourceLocation)
}
