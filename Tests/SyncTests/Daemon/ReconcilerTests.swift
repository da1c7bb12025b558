import Logging
import Overlays
import Testing

@testable import Sync

@Suite struct ReconcilerTests {
    static let inventory = Inventory(name: "dev")
    static let two = """
        {apiVersion: v1, kind: ConfigMap, metadata: {name: one, namespace: a}, data: {k: "1"}}
        ---
        {apiVersion: v1, kind: ConfigMap, metadata: {name: two, namespace: a}, data: {k: "2"}}
        """
    static let one = """
        {apiVersion: v1, kind: ConfigMap, metadata: {name: one, namespace: a}, data: {k: "1"}}
        """

    struct Harness {
        let cluster: FakeCluster
        let feed: MemoryFeed
        let metrics = DaemonMetrics()
        let reconciler: Reconciler

        /// A daemon; pass another's cluster and feed to restart it.
        init(cluster: FakeCluster = FakeCluster(), feed: MemoryFeed = MemoryFeed()) {
            self.cluster = cluster
            self.feed = feed
            let syncer = Syncer(api: cluster, inventory: ReconcilerTests.inventory)
            reconciler = Reconciler(
                feed: feed, syncer: syncer,
                status: DaemonStatus(environment: "dev", source: "memory@rendered/dev", identity: "test"),
                metrics: metrics, logger: Logger.quiet)
        }

        func configMap(_ name: String) async -> Node? { await cluster.object("ConfigMap", "a", name) }

        func metric(_ line: String) -> Bool {
            String(decoding: metrics.exposition(), as: UTF8.self).split(separator: "\n").contains { $0 == line }
        }
    }

    @Test func newestCommitIsAppliedAndRecorded() async throws {
        let h = Harness()
        try await h.feed.publish("c1", Self.two, inventory: Self.inventory)
        let outcome = await h.reconciler.reconcile()
        #expect(outcome.result == .success)
        #expect(outcome.commit == "c1")
        #expect(outcome.created == 2)
        #expect(await h.configMap("two") != nil)
        #expect(await h.reconciler.status.lastAppliedCommit == "c1")
        #expect(h.metric(#"dlsync_last_applied_commit_info{commit="c1"} 1.0"#))
        #expect(h.metric(#"dlsync_reconciles_total{result="success"} 1"#))
    }

    @Test func aCommitIsReadOnceNotOnEveryReconcile() async throws {
        let h = Harness()
        try await h.feed.publish("c1", Self.two, inventory: Self.inventory)
        _ = await h.reconciler.reconcile()
        _ = await h.reconciler.reconcile()
        #expect(await h.feed.reads == 1)
    }

    @Test func objectsRemovedFromTheNewestCommitArePruned() async throws {
        let h = Harness()
        try await h.feed.publish("c1", Self.two, inventory: Self.inventory)
        _ = await h.reconciler.reconcile()
        try await h.feed.publish("c2", Self.one, inventory: Self.inventory)
        let outcome = await h.reconciler.reconcile()
        #expect(outcome.pruned == 1)
        #expect(await h.configMap("two") == nil)
    }

    @Test func anUnreadableCommitIsRefusedAndNothingIsPruned() async throws {
        let h = Harness()
        try await h.feed.publish("c1", Self.two, inventory: Self.inventory)
        _ = await h.reconciler.reconcile()
        await h.feed.publishBroken("c2", reason: "two.yaml: did not find expected key")
        let outcome = await h.reconciler.reconcile()
        #expect(outcome.result == .refused)
        #expect(outcome.commit == "c1")
        #expect(outcome.message.contains("did not find expected key"))
        #expect(await h.configMap("two") != nil)
        let status = await h.reconciler.status
        #expect(status.refusedCommit == "c2")
        #expect(status.lastAppliedCommit == "c1")
        #expect(h.metric("dlsync_serving_last_good 1.0"))
        #expect(h.metric(#"dlsync_reconciles_total{result="refused"} 1"#))
    }

    @Test func theLastGoodCommitIsStillDriftCorrectedWhileANewerOneIsRefused() async throws {
        let h = Harness()
        try await h.feed.publish("c1", Self.two, inventory: Self.inventory)
        _ = await h.reconciler.reconcile()
        await h.feed.publishBroken("c2", reason: "broken")
        await h.cluster.remove("ConfigMap", "a", "one")
        let outcome = await h.reconciler.reconcile()
        #expect(outcome.created == 1)
        #expect(outcome.driftCorrections == 1)
        #expect(await h.configMap("one") != nil)
    }

    @Test func anUnreachableRemoteKeepsTheClusterOnTheLastGoodCommitWithoutPruning() async throws {
        let h = Harness()
        try await h.feed.publish("c1", Self.two, inventory: Self.inventory)
        _ = await h.reconciler.reconcile()
        try await h.feed.publish("c2", Self.one, inventory: Self.inventory)
        await h.feed.setUnreachable(true)
        let outcome = await h.reconciler.reconcile()
        #expect(outcome.result == .failure)
        #expect(outcome.commit == "c1")
        #expect(await h.configMap("two") != nil)
        #expect(await h.reconciler.status.fetchError?.contains("connection refused") == true)
        #expect(h.metric("dlsync_git_fetch_failures_total 1"))
        #expect(h.metric("dlsync_serving_last_good 1.0"))
    }

    @Test func withoutAnyGoodCommitNothingIsApplied() async throws {
        let h = Harness()
        await h.feed.publishBroken("c1", reason: "broken")
        let outcome = await h.reconciler.reconcile()
        #expect(outcome.result == .failure)
        #expect(outcome.commit == nil)
        #expect(await h.cluster.objects.keys.allSatisfy { $0.kind == "ConfigMap" && $0.name.hasSuffix("-status") })
    }

    @Test func handEditsOfAnAppliedCommitCountAsDriftCorrections() async throws {
        let h = Harness()
        try await h.feed.publish("c1", Self.two, inventory: Self.inventory)
        _ = await h.reconciler.reconcile()
        var edited = try #require(await h.configMap("one"))
        edited.set(.string("hand"), at: ["data", "k"])
        await h.cluster.put(edited)
        let outcome = await h.reconciler.reconcile()
        #expect(outcome.configured == 1)
        #expect(outcome.driftCorrections == 1)
        #expect(h.metric("dlsync_drift_corrections_total 1"))
    }

    @Test func theStatusObjectHoldsTheLastOutcome() async throws {
        let h = Harness()
        try await h.feed.publish("c1", Self.two, inventory: Self.inventory)
        _ = await h.reconciler.reconcile()
        let object = try #require(await h.cluster.object("ConfigMap", "kube-system", "dlsync-dev-status"))
        #expect(object["data", "commit"]?.string == "c1")
        #expect(object["data", "result"]?.string == "success")
        let status = try #require(DaemonStatus.decode(configMap: object))
        #expect(status.lastReconcile?.created == 2)
        #expect(status.identity == "test")
    }

    @Test func aReconcileInSyncListsEachKindOnceAndWritesOnlyTheStatusObject() async throws {
        let h = Harness()
        try await h.feed.publish("c1", Self.two, inventory: Self.inventory)
        _ = await h.reconciler.reconcile()
        await h.cluster.clearRequests()
        let outcome = await h.reconciler.reconcile()
        #expect(outcome.unchanged == 2)
        let requests = await h.cluster.requests
        #expect(requests.filter { $0 == "list ConfigMap" }.count == 1, "\(requests)")
        #expect(requests.filter { $0.hasPrefix("apply ") } == ["apply ConfigMap/dlsync-dev-status"], "\(requests)")
    }

    @Test func afterARestartTheLastAppliedCommitIsServedWhileTheNewestIsRefused() async throws {
        let before = Harness()
        try await before.feed.publish("c1", Self.two, inventory: Self.inventory)
        _ = await before.reconciler.reconcile()
        await before.feed.publishBroken("c2", reason: "broken")
        await before.cluster.remove("ConfigMap", "a", "one")

        let after = Harness(cluster: before.cluster, feed: before.feed)
        let outcome = await after.reconciler.reconcile()
        #expect(outcome.result == .refused)
        #expect(outcome.commit == "c1")
        #expect(outcome.driftCorrections == 1)
        #expect(await after.configMap("one") != nil)
        #expect(await after.configMap("two") != nil)
    }
}
