import Logging

/// When to reconcile, while this replica leads: at once, then every interval (with jitter); sooner on a
/// request (`POST /reconcile`) or a change to a managed object; later after failures (exponential backoff).
/// Requests that arrive during a reconcile are coalesced into one more.
public actor ReconcileLoop {
    enum Wake: Sendable {
        case timer, request, drift
    }

    public let reconciler: Reconciler
    let schedule: ReconcileSchedule
    let watch: DriftWatch?
    let logger: Logger
    /// How long a burst of watch events may settle before the reconcile they trigger.
    let settle: Duration
    var backoff: Backoff
    private var wake: AsyncStream<Wake>.Continuation?
    private var started = 0
    private var waiters: [(after: Int, continuation: CheckedContinuation<ReconcileOutcome?, Never>)] =
        []

    public init(
        reconciler: Reconciler, schedule: ReconcileSchedule, backoff: Backoff = .init(),
        watch: DriftWatch?,
        settle: Duration = .milliseconds(200), logger: Logger
    ) {
        self.reconciler = reconciler
        self.schedule = schedule
        self.backoff = backoff
        self.watch = watch
        self.settle = settle
        self.logger = logger
    }

    /// Whether the loop is running (this replica leads).
    public var isRunning: Bool { wake != nil }

    /// Asks for a reconcile soon; false when the loop is not running.
    @discardableResult
    public func request() -> Bool {
        guard let wake else { return false }
        wake.yield(.request)
        return true
    }

    /// Asks for a reconcile and waits for one that starts after this call; nil when the loop is not running
    /// or stops first.
    public func requestAndWait() async -> ReconcileOutcome? {
        guard let wake else { return nil }
        let after = started
        return await withCheckedContinuation { continuation in
            waiters.append((after, continuation))
            wake.yield(.request)
        }
    }

    /// Reconciles until the calling task is cancelled (leadership lost, shutdown). A reconcile in flight is
    /// abandoned: server-side apply is idempotent and nothing is pruned before every apply succeeded.
    public func run() async {
        let (stream, continuation) = AsyncStream.makeStream(
            of: Wake.self, bufferingPolicy: .bufferingNewest(1))
        wake = continuation
        continuation.yield(.request)
        var timer: Task<Void, Never>?
        var watchTask: Task<Void, Never>?
        var watchedKinds: Set<String> = []
        defer {
            timer?.cancel()
            watchTask?.cancel()
        }
        for await reason in stream {
            if reason == .drift { try? await Task.sleep(for: settle) }
            if Task.isCancelled { break }
            timer?.cancel()
            started += 1
            let sequence = started
            let outcome = await reconciler.reconcile()
            if Task.isCancelled { break }
            resumeWaiters(upTo: sequence, with: outcome)
            if outcome.result == .failure { backoff.recordFailure() } else { backoff.recordSuccess() }

            let kinds = await reconciler.managedGroupKinds
            if let watch, kinds != watchedKinds {
                watchTask?.cancel()
                watchedKinds = kinds
                watchTask = Task { await watch.run(groupKinds: kinds) { continuation.yield(.drift) } }
            }
            let delay = backoff.delay ?? schedule.nextDelay()
            if backoff.delay != nil {
                logger.info("retrying after failure", metadata: ["in": "\(DurationText.format(delay))"])
            }
            timer = Task {
                try? await Task.sleep(for: delay)
                if !Task.isCancelled { continuation.yield(.timer) }
            }
        }
        wake = nil
        continuation.finish()
        resumeWaiters(upTo: Int.max, with: nil)
    }

    private func resumeWaiters(upTo sequence: Int, with outcome: ReconcileOutcome?) {
        var remaining: [(after: Int, continuation: CheckedContinuation<ReconcileOutcome?, Never>)] = []
        for waiter in waiters {
            if waiter.after < sequence {
                waiter.continuation.resume(returning: outcome)
            } else {
                remaining.append(waiter)
            }
        }
        waiters = remaining
    }
}
