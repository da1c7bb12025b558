import Overlays

/// The leader-election fields of a `coordination.k8s.io/v1` Lease's spec. Standbys compare whole records:
/// any change means the holder is alive, whatever the clocks say.
struct LeaseRecord: Equatable, Sendable {
    var holderIdentity = ""
    var leaseDurationSeconds: Int?
    var acquireTime: String?
    var renewTime: String?
    var leaseTransitions = 0

    /// Who renewals are recorded as in `managedFields`: not `dlsync`, whose applies of a Lease kept in Git
    /// must not look as if they owned the holder.
    static let fieldManager = "dlsync-leader-election"

    static let resource = APIResource(
        group: "coordination.k8s.io", version: "v1", kind: "Lease", name: "leases", namespaced: true)

    init(
        holderIdentity: String, leaseDurationSeconds: Int?, acquireTime: String?, renewTime: String?,
        leaseTransitions: Int
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }

    /// The record of a Lease object; missing fields read as a free lease.
    init(lease: Node) {
        let spec = lease["spec"]
        holderIdentity = spec?["holderIdentity"]?.string ?? ""
        leaseDurationSeconds = spec?["leaseDurationSeconds"]?.scalarText.flatMap { Int($0) }
        acquireTime = spec?["acquireTime"]?.string
        renewTime = spec?["renewTime"]?.string
        leaseTransitions = spec?["leaseTransitions"]?.scalarText.flatMap { Int($0) } ?? 0
    }

    /// A new Lease object holding this record.
    func newLease(name: String, namespace: String) -> Node {
        let lease: Node = .mapping(
            Mapping([
                "apiVersion": .string(Self.resource.groupVersion), "kind": .string(Self.resource.kind),
                "metadata": .mapping(Mapping(["name": .string(name), "namespace": .string(namespace)])),
            ]))
        return written(into: lease)
    }

    /// `lease` with this record in its spec; metadata (and its resourceVersion) and other spec fields stay.
    func written(into lease: Node) -> Node {
        var lease = lease
        lease.set(.string(holderIdentity), at: ["spec", "holderIdentity"])
        lease.set(leaseDurationSeconds.map { .int(Int64($0)) }, at: ["spec", "leaseDurationSeconds"])
        lease.set(acquireTime.map { .string($0) }, at: ["spec", "acquireTime"])
        lease.set(renewTime.map { .string($0) }, at: ["spec", "renewTime"])
        lease.set(.int(Int64(leaseTransitions)), at: ["spec", "leaseTransitions"])
        return lease
    }
}
