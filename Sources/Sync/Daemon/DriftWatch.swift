import Logging
import Overlays

/// Watches every managed kind by the inventory's label and reports each change to a managed object, so a
/// hand edit is put back within seconds instead of at the next interval.
public struct DriftWatch: Sendable {
    let client: APIClient
    let selector: String
    let logger: Logger

    public init(client: APIClient, inventory: Inventory, logger: Logger) {
        self.client = client
        self.selector = inventory.selector
        self.logger = logger
    }

    /// Watches `groupKinds` until cancelled, calling `onChange` for every change to a managed
    /// object other than its status.
    public func run(groupKinds: Set<String>, onChange: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            for groupKind in groupKinds.sorted() {
                group.addTask { await self.watch(groupKind, onChange: onChange) }
            }
        }
    }

    private func watch(_ groupKind: String, onChange: @escaping @Sendable () async -> Void) async {
        var backoff = Backoff(initial: .seconds(1), maximum: .seconds(30))
        var resourceVersion: String?
        var resource: APIResource?
        var fingerprints: [String: [UInt8]] = [:]
        while !Task.isCancelled {
            do {
                if resource == nil { resource = try await client.resource(forGroupKind: groupKind) }
                guard let resource else {
                    // Not served yet (its CRD is being established): look again after a while.
                    backoff.recordFailure()
                    if let delay = backoff.delay { try? await Task.sleep(for: delay) }
                    continue
                }
                if resourceVersion == nil {
                    resourceVersion = try await client.collectionResourceVersion(
                        resource, labelSelector: selector)
                }
                let events = client.watch(
                    resource, namespace: nil, labelSelector: selector, resourceVersion: resourceVersion)
                var received = false
                for try await event in events {
                    received = true
                    backoff.recordSuccess()
                    if let version = event.object["metadata", "resourceVersion"]?.string {
                        resourceVersion = version
                    }
                    switch event.kind {
                    case .bookmark:
                        continue
                    case .error:
                        // Usually 410 Gone: the version is too old. Start afresh and check, since events were lost.
                        resourceVersion = nil
                        await onChange()
                    case .deleted:
                        fingerprints[DriftDetector.key(event.object)] = nil
                        await onChange()
                    case .added, .modified:
                        let fingerprint = ObjectFingerprint.of(event.object)
                        let key = DriftDetector.key(event.object)
                        guard fingerprints.updateValue(fingerprint, forKey: key) != fingerprint else {
                            continue
                        }
                        await onChange()
                    }
                }
                // A stream the server ends at once (it is shutting down) must not become a tight loop.
                if !received { backoff.recordFailure() }
            } catch {
                if Task.isCancelled { return }
                backoff.recordFailure()
                logger.debug("watch interrupted", metadata: ["kind": "\(groupKind)", "error": "\(error)"])
            }
            if let delay = backoff.delay { try? await Task.sleep(for: delay) }
        }
    }
}
