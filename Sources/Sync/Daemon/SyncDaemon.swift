import Logging
import ServiceLifecycle

/// The daemon: reconciles while this replica leads, stands by otherwise, and on graceful shutdown abandons
/// the reconcile in flight and releases leadership so a standby takes over at once.
public actor SyncDaemon: Service {
    public let loop: ReconcileLoop
    let leadership: any Leadership
    let metrics: DaemonMetrics
    let logger: Logger
    private var reconciling: Task<Void, Never>?

    public init(
        loop: ReconcileLoop, leadership: any Leadership, metrics: DaemonMetrics, logger: Logger
    ) {
        self.loop = loop
        self.leadership = leadership
        self.metrics = metrics
        self.logger = logger
    }

    public var isLeading: Bool { reconciling != nil }

    public func run() async throws {
        metrics.setLeader(false)
        await cancelWhenGracefulShutdown { [leadership] in
            await leadership.run { leading in await self.lead(leading) }
        }
        logger.info("shutting down")
        await lead(false)
        await leadership.release()
        logger.info("stopped")
    }

    private func lead(_ leading: Bool) async {
        if leading, reconciling == nil {
            logger.info("leading: reconciling")
            metrics.setLeader(true)
            reconciling = Task { [loop] in await loop.run() }
        } else if !leading, let task = reconciling {
            logger.info("not leading: standing by")
            reconciling = nil
            metrics.setLeader(false)
            task.cancel()
            await task.value
        }
    }
}
