/// What a sync did (or, with `--dry-run`, would do) to each object.
public struct SyncResult: Sendable {
    public enum Action: String, Sendable {
        case created, configured, unchanged, pruned
        /// Stale but kept by a prune rule, or not pruned because pruning was not asked for.
        case kept
        case failed
    }

    public struct Entry: Sendable {
        public var ref: ObjectRef
        public var action: Action
        /// Why (the drifted field, the prune rule, the error).
        public var detail: String
    }

    public var entries: [Entry] = []
    public var dryRun = false
    /// Errors that stopped the run or prevented pruning.
    public var errors: [String] = []
    /// The live objects the drift check read (before anything was applied), for health without listing again.
    public var observed: DriftDetector.LiveObjects = [:]

    public var failed: Bool { !errors.isEmpty || entries.contains { $0.action == .failed } }

    public func count(_ action: Action) -> Int { entries.filter { $0.action == action }.count }

    /// `3 created, 1 configured, 0 pruned, 12 unchanged` (plus failures and a dry-run note).
    public var summary: String {
        var parts = [
            "\(count(.created)) created", "\(count(.configured)) configured", "\(count(.pruned)) pruned",
            "\(count(.unchanged)) unchanged",
        ]
        if count(.failed) > 0 { parts.append("\(count(.failed)) failed") }
        return parts.joined(separator: ", ") + (dryRun ? " (dry run)" : "")
    }
}
