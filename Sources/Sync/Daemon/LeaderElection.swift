import Foundation
import Logging
import NIOConcurrencyHelpers
import Overlays

/// Leader election on a `coordination.k8s.io/v1` Lease, with client-go's semantics, so that of several daemon
/// replicas only one applies at a time and a standby takes over when the leader dies.
///
/// A lease held by another replica counts as expired only once its record has not changed for
/// `settings.duration` as measured on this replica's clock, so clock skew between replicas does not matter.
/// Every write is a PUT carrying the resourceVersion that was read: of two replicas racing, one gets 409.
public final class LeaderElection: Sendable {
    let api: any KubernetesAPI
    let settings: LeaseSettings
    let logger: Logger
    /// Monotonic time for expiry and deadlines; tests substitute a clock they move by hand.
    let now: @Sendable () -> ContinuousClock.Instant
    private let state = NIOLockedValueBox(State())

    struct State {
        /// The last record read or written, and when (our clock) it was first seen with these values.
        var observed: LeaseRecord?
        var observedAt: ContinuousClock.Instant?
        var leading = false
        /// When the last successful acquire or renew was sent.
        var lastRenewal: ContinuousClock.Instant?
    }

    public convenience init(api: any KubernetesAPI, settings: LeaseSettings, logger: Logger) {
        self.init(api: api, settings: settings, logger: logger, now: { ContinuousClock.now })
    }

    init(
        api: any KubernetesAPI, settings: LeaseSettings, logger: Logger,
        now: @escaping @Sendable () -> ContinuousClock.Instant
    ) {
        self.api = api
        self.settings = settings
        var logger = logger
        logger[metadataKey: "lease"] = "\(settings.namespace)/\(settings.name)"
        logger[metadataKey: "identity"] = "\(settings.identity)"
        self.logger = logger
        self.now = now
    }

    /// Whether this replica currently holds the lease (and renewed it within the renew deadline). Check it
    /// right before acting as leader: it turns false at the deadline even while a renewal request hangs.
    public var isLeader: Bool {
        let instant = now()
        return state.withLockedValue { s in
            guard s.leading, let last = s.lastRenewal else { return false }
            return last.duration(to: instant) < settings.renewDeadline
        }
    }

    /// Acquires and renews the Lease until the calling task is cancelled. `onChange(true)` when this
    /// replica becomes leader, `onChange(false)` when it loses or gives up leadership (renew failed past the
    /// renew deadline, someone else holds it, or `run` ends). Never returns early on API errors: logs, retries.
    /// `onChange` is awaited between attempts, so it should only start or stop work, not do it.
    public func run(onChange: @escaping @Sendable (Bool) async -> Void) async {
        logger.info("joining leader election")
        while !Task.isCancelled {
            if let change = await attempt() { await onChange(change) }
            try? await Task.sleep(for: settings.retryPeriod)
        }
        // No one renews any more: stop acting as leader now rather than at the renew deadline.
        let wasLeading = state.withLockedValue { s in
            defer { s.leading = false }
            return s.leading
        }
        if wasLeading {
            logger.info("stopped leading: leader election ended")
            await onChange(false)
        }
    }

    /// Gives the lease up if held (clears holderIdentity, sets leaseDurationSeconds 1 and renewTime now) so a
    /// standby takes over at once; call after cancelling `run` on shutdown. Quick: one GET + one PUT.
    public func release() async {
        // In a task of its own: the caller's task is often the cancelled one, and cancelled requests fail.
        await Task { await self.giveUp() }.value
    }

    // MARK: steps

    /// One acquire-or-renew attempt; returns the leadership change it caused, if any.
    func attempt() async -> Bool? {
        let started = now()
        let renewed = await tryAcquireOrRenewWithinDeadline(at: started)
        let finished = now()
        let (change, holder) = state.withLockedValue { s -> (Bool?, String) in
            let holder = s.observed?.holderIdentity ?? ""
            if renewed {
                s.lastRenewal = started
                defer { s.leading = true }
                return (s.leading ? nil : true, holder)
            }
            guard s.leading else { return (nil, holder) }
            let pastDeadline = s.lastRenewal.map { $0.duration(to: finished) >= settings.renewDeadline } ?? true
            guard takenByOther(holder) || pastDeadline else { return (nil, holder) }
            s.leading = false
            return (false, holder)
        }
        switch change {
        case true?: logger.info("became leader")
        case false? where takenByOther(holder):
            logger.warning("stopped leading: another replica holds the lease", metadata: ["holder": "\(holder)"])
        case false?: logger.warning("stopped leading: could not renew the lease within the renew deadline")
        case nil: break
        }
        return change
    }

    private func takenByOther(_ holder: String) -> Bool {
        !holder.isEmpty && holder != settings.identity
    }

    /// `tryAcquireOrRenew`, abandoned after the renew deadline: a hung request must not keep a leader that
    /// can no longer renew from stepping down. API errors count as a failed attempt.
    private func tryAcquireOrRenewWithinDeadline(at instant: ContinuousClock.Instant) async -> Bool {
        await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                do {
                    return try await self.tryAcquireOrRenew(at: instant)
                } catch {
                    self.logger.warning("cannot acquire or renew the lease", metadata: ["error": "\(error)"])
                    return false
                }
            }
            group.addTask {
                try? await Task.sleep(for: self.settings.renewDeadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            if first == nil, !Task.isCancelled {
                logger.warning("acquiring or renewing the lease took longer than the renew deadline")
            }
            return first ?? false
        }
    }

    /// Reads the lease; creates it when absent, renews it when ours, takes it over when free or expired.
    /// True when this replica holds it afterwards; false when someone else does or won a race (409).
    func tryAcquireOrRenew(at instant: ContinuousClock.Instant) async throws(APIError) -> Bool {
        let resource = LeaseRecord.resource
        let wallTime = MicroTime.format(Date())
        guard let lease = try await api.get(resource, namespace: settings.namespace, name: settings.name) else {
            let record = LeaseRecord(
                holderIdentity: settings.identity, leaseDurationSeconds: settings.durationSeconds,
                acquireTime: wallTime, renewTime: wallTime, leaseTransitions: 0)
            let created: Node
            do throws(APIError) {
                created = try await api.create(
                    resource, record.newLease(name: settings.name, namespace: settings.namespace),
                    fieldManager: dlsyncFieldManager, dryRun: false)
            } catch  where error.isConflict {
                logger.debug("another replica created the lease first")
                return false
            }
            observe(LeaseRecord(lease: created), at: instant)
            return true
        }
        let current = LeaseRecord(lease: lease)
        let observedAt = observe(current, at: instant)
        let ours = current.holderIdentity == settings.identity
        if !current.holderIdentity.isEmpty, !ours, instant < observedAt.advanced(by: settings.duration) {
            logger.debug("lease is held by another replica", metadata: ["holder": "\(current.holderIdentity)"])
            return false
        }
        var next = current
        next.holderIdentity = settings.identity
        next.leaseDurationSeconds = settings.durationSeconds
        next.renewTime = wallTime
        if !ours {
            next.acquireTime = wallTime
            next.leaseTransitions = current.leaseTransitions + 1
        } else if next.acquireTime == nil {
            next.acquireTime = wallTime
        }
        let updated: Node
        do throws(APIError) {
            updated = try await api.replace(resource, next.written(into: lease), fieldManager: LeaseRecord.fieldManager)
        } catch  where error.isConflict {
            logger.debug("the lease changed while acquiring or renewing it")
            return false
        }
        if !ours {
            logger.info(
                "took over the lease",
                metadata: ["previousHolder": "\(current.holderIdentity)", "transitions": "\(next.leaseTransitions)"])
        }
        observe(LeaseRecord(lease: updated), at: instant)
        return true
    }

    /// Remembers `record` and returns when it was first seen with these values.
    @discardableResult
    private func observe(_ record: LeaseRecord, at instant: ContinuousClock.Instant) -> ContinuousClock.Instant {
        state.withLockedValue { s in
            if s.observed != record || s.observedAt == nil {
                s.observed = record
                s.observedAt = instant
            }
            return s.observedAt ?? instant
        }
    }

    private func giveUp() async {
        // Stop acting as leader before the lease is free for others.
        state.withLockedValue { $0.leading = false }
        do throws(APIError) {
            guard
                let lease = try await api.get(LeaseRecord.resource, namespace: settings.namespace, name: settings.name)
            else { return }
            var record = LeaseRecord(lease: lease)
            guard record.holderIdentity == settings.identity else { return }
            record.holderIdentity = ""
            record.leaseDurationSeconds = 1
            record.renewTime = MicroTime.format(Date())
            let updated = try await api.replace(
                LeaseRecord.resource, record.written(into: lease), fieldManager: LeaseRecord.fieldManager)
            observe(LeaseRecord(lease: updated), at: now())
            logger.info("released the lease")
        } catch {
            logger.warning(
                "cannot release the lease; a standby takes over when it expires", metadata: ["error": "\(error)"])
        }
    }
}

extension LeaderElection: Leadership {}
