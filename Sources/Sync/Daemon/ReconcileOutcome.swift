import Foundation

/// What one reconcile did, for logs, metrics, `POST /reconcile?wait=true` and the status object.
public struct ReconcileOutcome: Sendable, Codable, Equatable {
    public enum Result: String, Sendable, Codable, CaseIterable {
        /// The cluster equals the newest commit.
        case success
        /// Something failed (fetch, API, an object); retried with backoff.
        case failure
        /// The newest commit cannot be applied; the last good one is served.
        case refused
    }

    public var result: Result
    /// The commit the cluster was reconciled against (nil when there is no good commit yet).
    public var commit: String?
    /// One line on what happened and, on failure, what to do.
    public var message: String
    public var started: Date
    public var seconds: Double
    public var created = 0
    public var configured = 0
    public var pruned = 0
    public var unchanged = 0
    public var failed = 0
    /// Objects put back because they drifted from a commit already applied (hand edits, deletions).
    public var driftCorrections = 0
    /// API requests the reconcile made.
    public var apiRequests = 0

    public init(result: Result, commit: String?, message: String, started: Date, seconds: Double = 0) {
        self.result = result
        self.commit = commit
        self.message = message
        self.started = started
        self.seconds = seconds
    }
}
