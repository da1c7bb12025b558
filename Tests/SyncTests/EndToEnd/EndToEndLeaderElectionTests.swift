import Foundation
import Logging
import Overlays
import Testing

@testable import Sync

/// Two replicas competing for one Lease on the real API server: one leads, and the other takes over at once
/// after a release, or once the lease expires after a crash. Short timings (3 s lease, 2 s renew deadline,
/// 0.5 s retry) keep the tests quick.
@Suite(.serialized, .enabled(if: TestCluster.available, TestCluster.skipMessage))
struct EndToEndLeaderElectionTests {
    /// One replica: its election and the task running it.
    struct Replica {
        let election: LeaderElection
        let running: Task<Void, Never>

        /// Stops renewing, as a shutdown (before `release`) or a crash (without it) would.
        func stop() async {
            running.cancel()
            await running.value
        }
    }

    func replica(_ identity: String, lease: String, client: APIClient) -> Replica {
        let settings = LeaseSettings(
            name: lease, namespace: "default", identity: identity, duration: .seconds(3), renewDeadline: .seconds(2),
            retryPeriod: .milliseconds(500))
        let election = LeaderElection(api: client, settings: settings, logger: Logger(label: "e2e-\(identity)"))
        return Replica(election: election, running: Task { await election.run { _ in } })
    }

    /// Waits until exactly one of `replicas` leads and returns its index.
    func soleLeader(_ replicas: [Replica], within timeout: Duration) async throws -> Int? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            let leading = replicas.indices.filter { replicas[$0].election.isLeader }
            #expect(leading.count <= 1, "two replicas lead at once")
            if leading.count == 1 { return leading[0] }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    func withTwoReplicas(_ body: (APIClient, String, [Replica]) async throws -> Void) async throws {
        let client = try TestCluster.client()
        let lease = TestCluster.uniqueNamespace("e2e-lease")
        let replicas = [
            replica("replica-a", lease: lease, client: client), replica("replica-b", lease: lease, client: client),
        ]
        var failure: (any Error)?
        do { try await body(client, lease, replicas) } catch { failure = error }
        for r in replicas { await r.stop() }
        try? await client.delete(
            LeaseRecord.resource, namespace: "default", name: lease, propagation: .background, dryRun: false)
        await client.shutdown()
        if let failure { throw failure }
    }

    @Test func exactlyOneReplicaLeads() async throws {
        try await withTwoReplicas { client, lease, replicas in
            let leader = try #require(try await soleLeader(replicas, within: .seconds(5)))
            // Several renewals later it is still the only one, and the Lease names it.
            try await Task.sleep(for: .seconds(2))
            #expect(try await soleLeader(replicas, within: .seconds(1)) == leader)
            let node = try await client.get(LeaseRecord.resource, namespace: "default", name: lease)
            #expect(node.map { LeaseRecord(lease: $0).holderIdentity } == ["replica-a", "replica-b"][leader])
        }
    }

    @Test func standbyLeadsAtOnceAfterTheLeaderReleases() async throws {
        try await withTwoReplicas { client, lease, replicas in
            let leader = try #require(try await soleLeader(replicas, within: .seconds(5)))
            await replicas[leader].stop()
            await replicas[leader].election.release()
            let released = ContinuousClock.now
            let standby = 1 - leader
            #expect(try await soleLeader(replicas, within: .seconds(2)) == standby)
            #expect(released.duration(to: .now) < .seconds(2))
            let node = try await client.get(LeaseRecord.resource, namespace: "default", name: lease)
            #expect(node.map { LeaseRecord(lease: $0).leaseTransitions } == 1)
        }
    }

    @Test func standbyLeadsAfterTheLeaseExpiresWhenTheLeaderCrashes() async throws {
        try await withTwoReplicas { _, _, replicas in
            let leader = try #require(try await soleLeader(replicas, within: .seconds(5)))
            await replicas[leader].stop()
            let crashed = ContinuousClock.now
            let standby = 1 - leader
            // Expiry is duration (3 s) after the standby last saw a renewal, which it checks every 0.5 s.
            #expect(try await soleLeader(replicas, within: .seconds(6)) == standby)
            let waited = crashed.duration(to: .now)
            #expect(waited >= .seconds(2), "took over after \(waited), before the lease could have expired")
            #expect(waited < .seconds(5), "took over after \(waited)")
        }
    }

    @Test func replaceWithAStaleResourceVersionConflicts() async throws {
        let client = try TestCluster.client()
        let name = TestCluster.uniqueNamespace("e2e-lease")
        let record = LeaseRecord(
            holderIdentity: "x", leaseDurationSeconds: 3, acquireTime: nil, renewTime: nil, leaseTransitions: 0)
        let created = try await client.create(
            LeaseRecord.resource, record.newLease(name: name, namespace: "default"), fieldManager: dlsyncFieldManager,
            dryRun: false)
        var renewed = record
        renewed.renewTime = MicroTime.format(Date())
        let updated = try await client.replace(
            LeaseRecord.resource, renewed.written(into: created), fieldManager: LeaseRecord.fieldManager)
        #expect(LeaseRecord(lease: updated) == renewed)
        #expect(client.stats.byVerb["update"] == 1)
        // `created` carries the resourceVersion from before the update.
        do {
            _ = try await client.replace(
                LeaseRecord.resource, record.written(into: created), fieldManager: LeaseRecord.fieldManager)
            Issue.record("a stale resourceVersion was accepted")
        } catch {
            #expect(error.isConflict, "\(error)")
        }
        try await client.delete(
            LeaseRecord.resource, namespace: "default", name: name, propagation: .background, dryRun: false)
        await client.shutdown()
    }
}
