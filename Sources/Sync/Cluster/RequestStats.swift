import NIOConcurrencyHelpers

/// Counts API requests by verb (`list`, `get`, `apply`, `dry-run`, `create`, `update`, `delete`, `discovery`,
/// `watch`), so commands and benchmarks can say what a run cost; an observer (the daemon's metrics) also sees each
/// answer's HTTP status.
public final class RequestStats: Sendable {
    public typealias Observer = @Sendable (_ verb: String, _ code: Int) -> Void

    private let counts = NIOLockedValueBox<[String: Int]>([:])
    private let observer = NIOLockedValueBox<Observer?>(nil)

    public init() {}

    /// Counts a request whose answer is not known here (a watch stream).
    public func record(_ verb: String) {
        counts.withLockedValue { $0[verb, default: 0] += 1 }
    }

    /// Counts a request and its answer; `code` 0 means none arrived.
    public func record(_ verb: String, code: Int) {
        record(verb)
        observer.withLockedValue { $0 }?(verb, code)
    }

    /// Calls `observer` for every answered request from now on.
    public func observe(_ observer: @escaping Observer) {
        self.observer.withLockedValue { $0 = observer }
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
