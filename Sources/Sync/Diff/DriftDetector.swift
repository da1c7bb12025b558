import Overlays

/// Finds which desired objects differ from the cluster, cheaply: one LIST per kind (by the ownership label),
/// a local comparison (desired ⊆ live under merge keys, nothing dlsync applied earlier now missing), and a
/// server-side dry-run apply only for objects the local check suspects — so server defaults never count as
/// drift and an object in sync costs no write.
public struct DriftDetector: Sendable {
    public let api: any KubernetesAPI
    public let inventory: Inventory
    /// The namespace for namespaced objects that name none (the kubeconfig context's).
    public var defaultNamespace: String
    /// Requests in flight at once.
    public var concurrency: Int
    public var progress: @Sendable (String) -> Void
    /// How objects are checked; the per-object dry run exists to compare against (it is what Flux does).
    public var strategy: Strategy = .listAndCompare

    public enum Strategy: String, Sendable, CaseIterable {
        /// One LIST per kind, local comparison, dry run only for suspected drift.
        case listAndCompare = "list"
        /// A GET and a server-side dry-run apply for every object.
        case perObjectDryRun = "dry-run-each"
    }

    public init(
        api: any KubernetesAPI, inventory: Inventory, defaultNamespace: String = "default", concurrency: Int = 8,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.api = api
        self.inventory = inventory
        self.defaultNamespace = defaultNamespace
        self.concurrency = concurrency
        self.progress = progress
    }

    /// Looks up every kind with discovery. Kinds the server does not serve are allowed only when a CRD in
    /// the same set defines them (they stay unresolved until that CRD is established).
    public func resolve(_ objects: [DesiredObject]) async throws(SyncError) -> [DesiredObject] {
        let crdKinds = Set(objects.compactMap(Self.definedGroupKind))
        var known: [GroupVersionKind: APIResource?] = [:]
        var out = objects
        for i in out.indices {
            let gvk = GroupVersionKind(
                apiVersion: out[i].built["apiVersion"]?.scalarText ?? "", kind: out[i].ref.kind)
            let resource: APIResource?
            if let cached = known[gvk] {
                resource = cached
            } else {
                do {
                    resource = try await api.resource(for: gvk)
                } catch {
                    throw SyncError("discovering \(gvk.kind) in \(gvk.apiVersion) for \(out[i].ref): \(error)")
                }
                known[gvk] = resource
            }
            if let resource {
                out[i].resolve(resource, defaultNamespace: defaultNamespace)
            } else if !crdKinds.contains(out[i].ref.groupKind) {
                throw SyncError(
                    "\(out[i].ref): the cluster does not serve \(gvk.kind) in \(gvk.apiVersion); install its CRD or fix apiVersion"
                )
            }
        }
        return out
    }

    /// The group-kind a CustomResourceDefinition defines (`Route.route.openshift.io`), nil for other objects.
    static func definedGroupKind(_ object: DesiredObject) -> String? {
        guard object.ref.kind == "CustomResourceDefinition", let group = object.built["spec", "group"]?.string,
            let kind = object.built["spec", "names", "kind"]?.string
        else { return nil }
        return group.isEmpty ? kind : "\(kind).\(group)"
    }

    /// Lists the live objects of every kind in use, by the ownership label: (resource → "ns/name" → object).
    public func listLive(_ resources: Set<APIResource>) async throws(SyncError) -> [APIResource: [String: Node]] {
        let api = self.api
        let selector = inventory.selector
        do {
            let lists = try await boundedMap(Array(resources), limit: concurrency) { resource in
                (resource, try await api.list(resource, namespace: nil, labelSelector: selector))
            }
            var out: [APIResource: [String: Node]] = [:]
            for (resource, items) in lists {
                var byKey: [String: Node] = [:]
                for item in items { byKey[Self.key(item)] = item }
                out[resource] = byKey
            }
            return out
        } catch {
            throw SyncError("listing live objects: \(error)")
        }
    }

    static func key(_ node: Node) -> String {
        "\(node["metadata", "namespace"]?.scalarText ?? "")/\(node["metadata", "name"]?.scalarText ?? "")"
    }

    static func key(_ ref: ObjectRef) -> String { "\(ref.namespace)/\(ref.name)" }

    /// Live objects by resource, then by `namespace/name`.
    public typealias LiveObjects = [APIResource: [String: Node]]

    /// Checks every (resolved) desired object against the cluster.
    public func detect(_ objects: [DesiredObject]) async throws(SyncError) -> [DriftReport] {
        try await detectListing(objects).reports
    }

    /// `detect`, also returning the labelled LISTs it read: every object of this inventory in those kinds,
    /// which pruning needs too.
    func detectListing(_ objects: [DesiredObject]) async throws(SyncError) -> (reports: [DriftReport], listed: LiveObjects) {
        if strategy == .perObjectDryRun { return (try await detectByDryRun(objects), [:]) }
        let resources = Set(objects.compactMap(\.resource))
        progress("listing \(resources.count) kinds")
        let live = try await listLive(resources)
        // Objects the labelled LIST lacks may exist unlabelled. A few are looked up one by one (GET); for a
        // kind with many (a first sync), one unfiltered LIST is cheaper.
        var unlabelledKinds: [APIResource] = []
        for resource in resources {
            let known = live[resource] ?? [:]
            let absent = objects.filter { $0.resource == resource && known[Self.key($0.ref)] == nil }.count
            if absent > Self.listInsteadOfGetThreshold { unlabelledKinds.append(resource) }
        }
        var everything: [APIResource: [String: Node]] = [:]
        if !unlabelledKinds.isEmpty {
            let api = self.api
            do {
                let lists = try await boundedMap(unlabelledKinds, limit: concurrency) { resource in
                    (resource, try await api.list(resource, namespace: nil, labelSelector: nil))
                }
                for (resource, items) in lists {
                    everything[resource] = Dictionary(items.map { (Self.key($0), $0) }, uniquingKeysWith: { a, _ in a })
                }
            } catch {
                throw SyncError("listing live objects: \(error)")
            }
        }
        let detector = self
        let all = everything
        do {
            let reports = try await boundedMap(objects, limit: concurrency) { object in
                let key = Self.key(object.ref)
                if let found = object.resource.flatMap({ live[$0]?[key] }) {
                    return try await detector.check(object, listed: found)
                }
                if let resource = object.resource, let listed = all[resource] {
                    return try await detector.check(object, unlabelled: listed[key])
                }
                return try await detector.check(object, listed: nil)
            }
            return (reports, live)
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError("checking drift: \(error)")
        }
    }

    /// Above this many desired objects of one kind missing from the labelled LIST, the kind is listed once
    /// more without a selector instead of reading each object.
    static let listInsteadOfGetThreshold = 20

    /// Checks an object the labelled LIST lacked, knowing from an unfiltered LIST whether it exists.
    func check(_ object: DesiredObject, unlabelled: Node?) async throws(SyncError) -> DriftReport {
        guard let unlabelled else { return DriftReport(object: object, state: .missing, reason: "not found") }
        return try await check(object, listed: unlabelled, reason: "exists without dlsync's ownership label")
    }

    /// Checks one object; `listed` is its live version from the LIST (nil when the LIST did not have it).
    public func check(_ object: DesiredObject, listed: Node?, reason known: String = "") async throws(SyncError)
        -> DriftReport
    {
        guard let resource = object.resource else {
            return DriftReport(object: object, state: .missing, reason: "its kind is defined by a CRD in this set")
        }
        var live = listed
        var reason = known
        if live == nil {
            // Not labelled as ours: it may still exist (created by hand, or by an older tool).
            do {
                live = try await api.get(resource, namespace: object.ref.namespace, name: object.ref.name)
            } catch {
                throw SyncError("reading \(object.ref): \(error)")
            }
            guard live != nil else { return DriftReport(object: object, state: .missing, reason: "not found") }
            reason = "exists without dlsync's ownership label"
        }
        guard let live else { return DriftReport(object: object, state: .missing, reason: "not found") }
        let suspect =
            SubsetComparison.firstDifference(desired: object.manifest, live: live).map { "\($0) differs" }
            ?? ManagedFields.firstRemoved(desired: object.manifest, live: live).map { "\($0) removed from desired" }
        guard let suspect else {
            return DriftReport(object: object, state: .inSync, live: live, reason: "equal")
        }
        let predicted: Node
        do {
            predicted = try await api.apply(resource, object.manifest, dryRun: true)
        } catch {
            throw SyncError("dry-run apply of \(object.ref): \(error.message) (\(error.code) \(error.reason))")
        }
        if ObjectNormalizer.normalized(predicted) == ObjectNormalizer.normalized(live) {
            return DriftReport(object: object, state: .inSync, live: live, reason: "equal after server defaults")
        }
        return DriftReport(
            object: object, state: .drifted, live: live, predicted: predicted, reason: reason.isEmpty ? suspect : reason
        )
    }

    /// The baseline: every object is read and dry-run applied, whatever the local state.
    func detectByDryRun(_ objects: [DesiredObject]) async throws(SyncError) -> [DriftReport] {
        let api = self.api
        do {
            return try await boundedMap(objects, limit: concurrency) { object in
                guard let resource = object.resource,
                    let live = try await api.get(resource, namespace: object.ref.namespace, name: object.ref.name)
                else { return DriftReport(object: object, state: .missing, reason: "not found") }
                let predicted = try await api.apply(resource, object.manifest, dryRun: true)
                if ObjectNormalizer.normalized(predicted) == ObjectNormalizer.normalized(live) {
                    return DriftReport(object: object, state: .inSync, live: live, reason: "equal")
                }
                return DriftReport(
                    object: object, state: .drifted, live: live, predicted: predicted, reason: "dry run differs")
            }
        } catch {
            throw SyncError("checking drift by dry run: \(error)")
        }
    }
}
