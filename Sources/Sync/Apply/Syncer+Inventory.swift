import Overlays

extension Syncer {
    /// The live ApplySet parent, or nil before the first sync.
    func readParent() async throws(SyncError) -> Node? {
        do {
            return try await api.get(
                Inventory.parentResource, namespace: inventory.parentNamespace, name: inventory.parentName)
        } catch {
            throw SyncError(
                "reading the inventory ConfigMap \(inventory.parentNamespace)/\(inventory.parentName): \(error)")
        }
    }

    /// Applies the parent listing `groupKinds` and `namespaces`, unless `current` (the live parent) already
    /// says exactly that; returns the parent as it now is.
    func writeParent(groupKinds: Set<String>, namespaces: Set<String>, unless current: Node? = nil)
        async throws(SyncError) -> Node
    {
        let parent = inventory.parent(groupKinds: groupKinds, namespaces: namespaces)
        if let current, SubsetComparison.firstDifference(desired: parent, live: current) == nil { return current }
        do {
            return try await api.apply(Inventory.parentResource, parent, dryRun: false)
        } catch {
            throw SyncError(
                "writing the inventory ConfigMap \(inventory.parentNamespace)/\(inventory.parentName) (does namespace \(inventory.parentNamespace) exist? see --inventory-namespace): \(error)"
            )
        }
    }

    func deleteParent() async throws(SyncError) {
        do {
            try await api.delete(
                Inventory.parentResource, namespace: inventory.parentNamespace, name: inventory.parentName,
                propagation: .background, dryRun: false)
        } catch {
            throw SyncError(
                "deleting the inventory ConfigMap \(inventory.parentNamespace)/\(inventory.parentName): \(error)")
        }
    }

    /// Lists everything carrying the ownership label in the given group-kinds (reusing what the drift check
    /// listed) and deletes what is stale.
    func prune(
        desired: Set<ObjectRef>, groupKinds: Set<String>, listed: DriftDetector.LiveObjects = [:], options: Options,
        failures: Int
    ) async throws(SyncError) -> [SyncResult.Entry] {
        // Check the cheap rules before listing anything.
        _ = try Pruner.plan(
            live: [], desired: desired, inventory: inventory, policy: options.policy, failures: failures)
        var live: [(resource: APIResource, object: Node)] = []
        for groupKind in groupKinds.sorted() {
            let resource: APIResource?
            do {
                resource = try await api.resource(forGroupKind: groupKind)
            } catch {
                throw SyncError("not pruning: cannot discover \(groupKind): \(error)")
            }
            guard let resource else { continue }  // the kind is gone (its CRD was deleted), so are its objects
            if let items = listed[resource] {
                live += items.values.map { (resource, $0) }
                continue
            }
            do {
                for item in try await api.list(resource, namespace: nil, labelSelector: inventory.selector) {
                    live.append((resource, item))
                }
            } catch {
                throw SyncError("not pruning: listing \(groupKind): \(error)")
            }
        }
        let plan = try Pruner.plan(
            live: live, desired: desired, inventory: inventory, policy: options.policy, failures: failures)
        var entries = plan.kept.map { SyncResult.Entry(ref: $0.ref, action: .kept, detail: $0.reason) }
        // Phase by phase in reverse apply order (workloads before their namespaces), in parallel within one.
        let api = self.api
        let dryRun = options.dryRun
        for phase in ApplyOrder.Phase.allCases.reversed() {
            let batch = plan.delete.filter { ApplyOrder.phase(ofGroupKind: $0.ref.groupKind) == phase }
            guard !batch.isEmpty else { continue }
            progress("pruning \(batch.count) object(s)")
            let done =
                (try? await boundedMap(batch, limit: concurrency) { candidate -> SyncResult.Entry in
                    do {
                        try await api.delete(
                            candidate.resource, namespace: candidate.ref.namespace, name: candidate.ref.name,
                            propagation: .background, dryRun: dryRun)
                        return .init(ref: candidate.ref, action: .pruned, detail: "")
                    } catch {
                        return .init(ref: candidate.ref, action: .failed, detail: "deleting: \(error)")
                    }
                }) ?? []
            entries += done
        }
        return entries
    }
}
