import Foundation
import Logging

/// One reconcile at a time against the newest good commit: fetch, read (only when the commit changed), sync
/// with prune, health, then the status object and metrics. Keeps the last good commit, so an unreachable
/// remote or a broken commit leaves the cluster where it is — applied, never pruned.
public actor Reconciler {
    public struct Options: Sendable {
        public var prune = true
        public var policy = Pruner.Policy()
        public init(prune: Bool = true, policy: Pruner.Policy = .init()) {
            self.prune = prune
            self.policy = policy
        }
    }

    let feed: any DesiredStateFeed
    let syncer: Syncer
    let options: Options
    let metrics: DaemonMetrics
    let logger: Logger
    /// API requests made so far, to count a reconcile's share.
    let requestCount: @Sendable () -> Int

    public private(set) var lastGood: DesiredRevision?
    public private(set) var status: DaemonStatus
    private var refused: (commit: String, reason: String)?
    /// What the last sync's drift check read, so health needs no second round of LISTs.
    private var observed: DriftDetector.LiveObjects?
    /// Whether the status object of a previous run was read.
    private var resumed = false

    public init(
        feed: any DesiredStateFeed, syncer: Syncer, options: Options = .init(), status: DaemonStatus,
        metrics: DaemonMetrics, logger: Logger, requestCount: @escaping @Sendable () -> Int = { 0 }
    ) {
        self.feed = feed
        self.syncer = syncer
        self.options = options
        self.status = status
        self.metrics = metrics
        self.logger = logger
        self.requestCount = requestCount
    }

    /// The kinds of the last good commit (`Deployment.apps`), which the drift watch follows.
    public var managedGroupKinds: Set<String> { Set(lastGood?.objects.map(\.ref.groupKind) ?? []) }

    public func reconcile() async -> ReconcileOutcome {
        let started = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let requestsBefore = requestCount()
        var outcome = await reconcileOnce(started: started)
        let health = await assessHealth(after: outcome)
        outcome.seconds = (clock.now - start).inSeconds
        // Everything this reconcile asks of the API server, the status object written below included.
        outcome.apiRequests = requestCount() - requestsBefore + 1
        await record(outcome, health: health)
        return outcome
    }

    private func reconcileOnce(started: Date) async -> ReconcileOutcome {
        let fetchedNewest = await refreshDesired()
        guard let desired = lastGood else {
            let why = status.fetchError ?? refused?.reason ?? "no commit yet"
            return ReconcileOutcome(
                result: .failure, commit: nil, message: "nothing to apply: \(why)", started: started)
        }
        // Prune only what the newest commit no longer holds, never after a failed fetch or a refused commit.
        let prune = options.prune && fetchedNewest
        var log = logger
        log[metadataKey: "commit"] = "\(desired.commit.prefix(12))"
        let result: SyncResult
        observed = nil
        do {
            result = try await syncer.sync(
                desired.objects, options: .init(prune: prune, policy: options.policy))
            observed = result.observed
        } catch {
            log.error("reconcile failed", metadata: ["error": "\(error)"])
            return ReconcileOutcome(
                result: .failure, commit: desired.commit,
                message: "sync \(desired.commit.prefix(12)): \(error)",
                started: started)
        }
        for entry in result.entries where entry.action != .unchanged && entry.action != .kept {
            let level: Logger.Level = entry.action == .failed ? .error : .info
            log.log(
                level: level, "\(entry.action.rawValue)",
                metadata: ["object": "\(entry.ref)", "detail": "\(entry.detail)"])
        }
        var outcome = ReconcileOutcome(
            result: .success, commit: desired.commit, message: result.summary, started: started)
        outcome.created = result.count(.created)
        outcome.configured = result.count(.configured)
        outcome.pruned = result.count(.pruned)
        outcome.unchanged = result.count(.unchanged)
        outcome.failed = result.count(.failed)
        if status.lastAppliedCommit == desired.commit {
            outcome.driftCorrections = outcome.created + outcome.configured
        }
        if result.failed {
            outcome.result = .failure
            let firstError =
                result.errors.first
                ?? result.entries.first { $0.action == .failed }.map { "\($0.ref): \($0.detail)" }
            outcome.message = "\(result.summary); \(firstError ?? "")"
        } else if let refused {
            outcome.result = .refused
            outcome.message =
                "serving \(desired.commit.prefix(12)) (not pruned): newest commit \(refused.commit.prefix(12)) refused: \(refused.reason)"
        } else if let fetchError = status.fetchError {
            outcome.result = .failure
            outcome.message = "serving \(desired.commit.prefix(12)) (not pruned): \(fetchError)"
        }
        return outcome
    }

    /// Fetches the newest commit and, when it is new, reads it; returns whether the cluster may be pruned
    /// to the last good commit (it is the newest, fetched just now).
    private func refreshDesired() async -> Bool {
        await resumeFromStatusObject()
        let newest = await fetchAndRead()
        if !newest { await fallBackToLastApplied() }
        return newest
    }

    private func fetchAndRead() async -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        let tip: String
        do {
            tip = try await feed.fetch()
            metrics.recordFetch(clock.now - start, failed: false)
            status.fetchError = nil
        } catch {
            metrics.recordFetch(clock.now - start, failed: true)
            logger.error(
                "fetch failed; the cluster stays on the last good commit", metadata: ["error": "\(error)"])
            status.fetchError = error.message
            return false
        }
        if tip == lastGood?.commit {
            // The branch is back on the last good commit (a revert): nothing is refused any more.
            refused = nil
            return true
        }
        if tip == refused?.commit { return false }
        do {
            let revision = try await feed.read(commit: tip)
            lastGood = revision
            refused = nil
            logger.info(
                "new commit",
                metadata: [
                    "commit": "\(tip.prefix(12))", "subject": "\(revision.subject)",
                    "objects": "\(revision.objects.count)",
                ])
            return true
        } catch {
            if error.kind == .invalid {
                refused = (tip, error.message)
                logger.error(
                    "commit refused; serving the last good one",
                    metadata: [
                        "commit": "\(tip.prefix(12))",
                        "error": "\(error)", "serving": "\(lastGood?.commit.prefix(12) ?? "nothing")",
                    ])
            } else {
                status.fetchError = error.message
            }
            return false
        }
    }

    /// Objects by health state, and each service's health in the status; nil when the cluster was not reached.
    private func assessHealth(after outcome: ReconcileOutcome) async -> [Health.State: Int]? {
        guard outcome.result != .failure || outcome.failed > 0, let desired = lastGood,
            let report = try? await HealthChecker(detector: syncer.detector).report(
                desired.objects, observed: observed)
        else { return nil }
        status.services = report.services.map { .init(name: $0.name, state: $0.state.rawValue) }
        return Dictionary(grouping: report.services.flatMap(\.objects), by: \.health.state).mapValues(\.count)
    }

    /// After a restart, takes over what the previous run recorded in the cluster: the commit it last applied.
    private func resumeFromStatusObject() async {
        guard !resumed else { return }
        let previous: DaemonStatus?
        do {
            previous = try await DaemonStatus.read(from: syncer.api, inventory: syncer.inventory)
        } catch {
            return  // the API server is unreachable: try again next time
        }
        resumed = true
        guard let previous, status.lastAppliedCommit == nil else { return }
        status.lastAppliedCommit = previous.lastAppliedCommit
        status.lastAppliedTime = previous.lastAppliedTime
    }

    /// With no good commit in memory (just restarted) and the newest one unavailable, serves the commit last
    /// applied before the restart, so a broken or unreachable branch still leaves drift corrected.
    private func fallBackToLastApplied() async {
        guard lastGood == nil, let commit = status.lastAppliedCommit, commit != refused?.commit,
            let revision = try? await feed.read(commit: commit)
        else { return }
        lastGood = revision
        logger.warning("serving the commit applied before the restart", metadata: ["commit": "\(commit.prefix(12))"])
    }

    /// Records the outcome in the status, the metrics, the status object in the cluster and the log.
    private func record(_ outcome: ReconcileOutcome, health: [Health.State: Int]?) async {
        status.lastReconcile = outcome
        status.refusedCommit = refused?.commit
        status.refusedReason = refused?.reason
        if outcome.result != .failure, let commit = outcome.commit {
            status.lastAppliedCommit = commit
            status.lastAppliedTime = outcome.started
            metrics.setLastApplied(commit: commit)
        }
        metrics.record(outcome, health: health)
        metrics.setServingLastGood(refused != nil || status.fetchError != nil)
        do {
            _ = try await syncer.api.apply(
                Inventory.parentResource, status.configMap(for: syncer.inventory), dryRun: false)
        } catch {
            logger.warning("cannot write the status object", metadata: ["error": "\(error)"])
        }
        let level: Logger.Level = outcome.result == .success ? .info : .warning
        logger.log(
            level: level, "reconciled",
            metadata: [
                "result": "\(outcome.result.rawValue)", "commit": "\(outcome.commit?.prefix(12) ?? "-")",
                "seconds": "\(String(format: "%.3f", outcome.seconds))",
                "requests": "\(outcome.apiRequests)",
                "message": "\(outcome.message)",
            ])
    }
}
