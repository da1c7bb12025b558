import Overlays

/// Which live objects a sync may delete: those carrying this ApplySet's ownership label that the desired
/// set no longer holds — with the safety rules of the design.
public enum Pruner {
    public struct Policy: Sendable, Equatable {
        /// Allow pruning when the desired set is empty (which would delete everything).
        public var allowEmpty = false
        public var pruneNamespaces = false
        public var prunePVCs = false
        public init(allowEmpty: Bool = false, pruneNamespaces: Bool = false, prunePVCs: Bool = false) {
            self.allowEmpty = allowEmpty
            self.pruneNamespaces = pruneNamespaces
            self.prunePVCs = prunePVCs
        }
    }

    public struct Candidate: Sendable, Equatable {
        public var ref: ObjectRef
        public var resource: APIResource
    }

    public struct Plan: Sendable, Equatable {
        /// Objects to delete, in deletion order (workloads before the namespaces holding them).
        public var delete: [Candidate] = []
        /// Stale objects kept, and why (`Namespace needs --prune-namespaces`).
        public var kept: [(ref: ObjectRef, reason: String)] = []

        public static func == (a: Plan, b: Plan) -> Bool {
            a.delete == b.delete && a.kept.map(\.ref) == b.kept.map(\.ref)
                && a.kept.map(\.reason) == b.kept.map(\.reason)
        }
    }

    /// Plans the prune. Throws when pruning is not safe at all: an earlier failure (`failures` > 0) or an
    /// empty desired set without `allowEmpty`.
    public static func plan(
        live: [(resource: APIResource, object: Node)], desired: Set<ObjectRef>, inventory: Inventory,
        policy: Policy, failures: Int = 0
    ) throws(SyncError) -> Plan {
        guard failures == 0 else {
            throw SyncError("not pruning: \(failures) object(s) failed earlier in this run; fix them and sync again")
        }
        guard !desired.isEmpty || policy.allowEmpty else {
            throw SyncError(
                "not pruning: the desired set is empty, which would delete everything of \(inventory.parentName); pass --allow-empty if that is intended"
            )
        }
        var plan = Plan()
        var seen: Set<ObjectRef> = []
        var stale: [Candidate] = []
        for (resource, object) in live {
            let ref = ObjectRef(
                group: resource.group, kind: resource.kind,
                namespace: resource.namespaced ? object["metadata", "namespace"]?.scalarText ?? "" : "",
                name: object["metadata", "name"]?.scalarText ?? "")
            guard !desired.contains(ref), seen.insert(ref).inserted else { continue }
            guard object["metadata", "labels", Inventory.partOfLabel]?.scalarText == inventory.id else {
                plan.kept.append((ref, "it does not carry dlsync's ownership label"))
                continue
            }
            if object["metadata", "deletionTimestamp"] != nil { continue }  // already going
            if let owners = object["metadata", "ownerReferences"]?.sequence,
                owners.contains(where: { $0["controller"] == .bool(true) })
            {
                plan.kept.append((ref, "a controller owns it; it goes with its owner"))
                continue
            }
            if resource.group.isEmpty, resource.kind == "Namespace", !policy.pruneNamespaces {
                plan.kept.append((ref, "Namespaces are pruned only with --prune-namespaces"))
                continue
            }
            if resource.group.isEmpty, resource.kind == "PersistentVolumeClaim", !policy.prunePVCs {
                plan.kept.append((ref, "PersistentVolumeClaims are pruned only with --prune-pvcs"))
                continue
            }
            stale.append(Candidate(ref: ref, resource: resource))
        }
        let byRef = Dictionary(stale.map { ($0.ref, $0) }, uniquingKeysWith: { a, _ in a })
        plan.delete = ApplyOrder.pruneOrder(stale.map(\.ref)).compactMap { byRef[$0] }
        return plan
    }
}
