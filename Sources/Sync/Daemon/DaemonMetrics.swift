import NIOConcurrencyHelpers
import Prometheus

/// The daemon's Prometheus metrics (`/metrics`). Names are part of the interface: the Grafana dashboard in
/// `base/management/gitops` reads them.
public final class DaemonMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    let reconcileDuration: DurationHistogram
    let reconciles: [ReconcileOutcome.Result: Counter]
    let objectsBySync: [String: Gauge]
    let objectsByHealth: [Health.State: Gauge]
    let driftCorrections: Counter
    let gitFetchDuration: DurationHistogram
    let gitFetchFailures: Counter
    let leader: Gauge
    let servingLastGood: Gauge
    private let apiRequests = NIOLockedValueBox<[String: Counter]>([:])
    private let lastApplied = NIOLockedValueBox<(commit: String, gauge: Gauge)?>(nil)

    /// The sync states counted in `dlsync_objects`.
    public static let syncStates = ["in-sync", "drifted", "missing"]

    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        let seconds: [Duration] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300].map {
            .milliseconds($0 * 1000)
        }
        reconcileDuration = registry.makeDurationHistogram(
            name: "dlsync_reconcile_duration_seconds", buckets: seconds,
            help: "Time of one reconcile: fetch, drift check, apply, prune, health.")
        reconciles = Dictionary(
            uniqueKeysWithValues: ReconcileOutcome.Result.allCases.map {
                (
                    $0,
                    registry.makeCounter(
                        name: "dlsync_reconciles_total", labels: [("result", $0.rawValue)],
                        help:
                            "Reconciles by result: success, failure (retried with backoff), refused (commit not applied)."
                    )
                )
            })
        objectsBySync = Dictionary(
            uniqueKeysWithValues: DaemonMetrics.syncStates.map {
                (
                    $0,
                    registry.makeGauge(
                        name: "dlsync_objects", labels: [("sync", $0)],
                        help: "Desired objects by what the last reconcile found.")
                )
            })
        objectsByHealth = Dictionary(
            uniqueKeysWithValues: Health.State.allCases.map {
                (
                    $0,
                    registry.makeGauge(
                        name: "dlsync_objects_health", labels: [("health", $0.rawValue)],
                        help: "Desired objects by health after the last reconcile.")
                )
            })
        driftCorrections = registry.makeCounter(
            name: "dlsync_drift_corrections_total",
            help: "Objects put back after a change made outside Git.")
        gitFetchDuration = registry.makeDurationHistogram(
            name: "dlsync_git_fetch_duration_seconds", buckets: seconds,
            help: "Time to fetch the rendered branch.")
        gitFetchFailures = registry.makeCounter(
            name: "dlsync_git_fetch_failures_total", help: "Fetches of the rendered branch that failed.")
        leader = registry.makeGauge(
            name: "dlsync_leader", help: "1 while this replica holds the Lease and applies.")
        servingLastGood = registry.makeGauge(
            name: "dlsync_serving_last_good",
            help:
                "1 while the newest commit is refused or cannot be fetched and the last good one is served."
        )
    }

    public func record(_ outcome: ReconcileOutcome, health: [Health.State: Int]?) {
        reconciles[outcome.result]?.increment()
        reconcileDuration.record(.milliseconds(Int64(outcome.seconds * 1000)))
        driftCorrections.increment(by: Int64(outcome.driftCorrections))
        // Only a reconcile that reached the drift check knows the objects' states.
        if outcome.unchanged + outcome.configured + outcome.created + outcome.failed > 0 {
            objectsBySync["in-sync"]?.set(Double(outcome.unchanged))
            objectsBySync["drifted"]?.set(Double(outcome.configured + outcome.failed))
            objectsBySync["missing"]?.set(Double(outcome.created))
        }
        if let health {
            for (state, gauge) in objectsByHealth { gauge.set(Double(health[state] ?? 0)) }
        }
    }

    public func recordFetch(_ duration: Duration, failed: Bool) {
        gitFetchDuration.record(duration)
        if failed { gitFetchFailures.increment() }
    }

    /// Counts one API request; `code` 0 means no answer (connection refused, timeout).
    public func recordAPIRequest(verb: String, code: Int) {
        let key = "\(verb) \(code)"
        let counter = apiRequests.withLockedValue { counters in
            if let existing = counters[key] { return existing }
            let made = registry.makeCounter(
                name: "dlsync_api_requests_total", labels: [("verb", verb), ("code", String(code))],
                help: "Kubernetes API requests by verb and HTTP status (0: no answer).")
            counters[key] = made
            return made
        }
        counter.increment()
    }

    /// `dlsync_last_applied_commit_info{commit="…"} 1`: one series, moved when the commit changes.
    public func setLastApplied(commit: String) {
        lastApplied.withLockedValue { current in
            if current?.commit == commit { return }
            if let old = current { registry.unregisterGauge(old.gauge) }
            let gauge = registry.makeGauge(
                name: "dlsync_last_applied_commit_info", labels: [("commit", commit)],
                help: "The commit the cluster was last fully reconciled to (value 1).")
            gauge.set(Double(1))
            current = (commit, gauge)
        }
    }

    public func setLeader(_ leading: Bool) { leader.set(leading ? 1.0 : 0.0) }
    public func setServingLastGood(_ serving: Bool) { servingLastGood.set(serving ? 1.0 : 0.0) }

    /// The Prometheus text exposition.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
