import NIOConcurrencyHelpers

/// Counts API requests by verb (`list`, `get`, `apply`, `dry-run`, `create`, `delete`, `discovery`, `watch`),
/// so commands and benchmarks can say what a run cost.
public final class RequestStats: Sendable {
    private let counts = NIOLockedValueBox<[String: Int]>([:])

    public init() {}

    public func record(_ verb: String) {
        counts.withLockedValue { $0[verb, default: 0] += 1 }
    }

    public var byVerb: [String: Int] { counts.withLockedValue { $0 } }
    public var total: Int { counts.withLockedValue { $0.values.reduce(0, +) } }

    /// `12 requests (discovery 3, list 9)`.
    public var summary: String {
        let c = byVerb
        let parts = c.keys.sorted().map { "\($0) \(c[$0] ?? 0)" }
        return "\(total) requests (\(parts.joined(separator: ", ")))"
    }
}
