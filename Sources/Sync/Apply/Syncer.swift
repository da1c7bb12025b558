import Overlays

/// One sync run: discovery, drift check, apply in dependency order (waiting for new CRDs), generated
/// Secrets, prune, and the ApplySet parent's bookkeeping.
public struct Syncer: Sendable {
    public struct Options: Sendable {
        public var prune = false
        public var dryRun = false
        public var policy = Pruner.Policy()
        public init(prune: Bool = false, dryRun: Bool = false, policy: Pruner.Policy = .init()) {
            self.prune = prune
            self.dryRun = dryRun
            self.policy = policy
        }
    }

    public let api: any KubernetesAPI
    public let inventory: Inventory
    public var defaultNamespace: String
    public var concurrency: Int
    public var progress: @Sendable (String) -> Void

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

    var detector: DriftDetector {
        DriftDetector(
            api: api, inventory: inventory, defaultNamespace: defaultNamespace, concurrency: concurrency,
            progress: progress)
    }

    /// Brings the cluster to the desired set. Errors of single objects are recorded in the result (and stop
    /// pruning); errors that make the whole run meaningless are thrown.
    public func sync(_ objects: [DesiredObject], options: Options) async throws(SyncError) -> SyncResult {
        var result = SyncResult()
        result.dryRun = options.dryRun
        if objects.isEmpty, !options.policy.allowEmpty {
            throw SyncError("the desired set is empty; refusing to sync (pass --allow-empty if that is intended)")
        }
        progress("discovering \(Set(objects.map(\.ref.groupKind)).count) kinds")
        var resolved = try await detector.resolve(objects)
        var parent = try await readParent()
        let groupKinds = Set(resolved.map(\.ref.groupKind))
        let namespaces = Set(resolved.map(\.ref.namespace))
        if !options.dryRun {
            // Record the union first, so a run cut short still lets a later prune find everything.
            parent = try await writeParent(
                groupKinds: groupKinds.union(Inventory.groupKinds(ofParent: parent)), namespaces: namespaces,
                unless: parent)
        }
        progress("checking \(resolved.count) objects for drift")
        var (reports, listed) = try await detector.detectListing(resolved)

        var failures = 0
        for phase in ApplyOrder.Phase.allCases {
            let indices = reports.indices.filter { ApplyOrder.phase(ofGroupKind: reports[$0].ref.groupKind) == phase }
            // Copies read Secrets generated in the same phase, so they go last.
            let ordered =
                indices.filter { !Self.isCopy(reports[$0].object) } + indices.filter { Self.isCopy(reports[$0].object) }
            let entries = await applyAll(ordered.map { reports[$0] }, dryRun: options.dryRun)
            failures += entries.filter { $0.action == .failed }.count
            result.entries += entries
            if phase == .foundation {
                let appliedCRDs = zip(ordered, entries).filter { index, entry in
                    reports[index].ref.kind == "CustomResourceDefinition"
                        && (entry.action == .created || entry.action == .configured)
                }
                if !options.dryRun {
                    for (index, _) in appliedCRDs {
                        progress("waiting for CRD \(reports[index].ref.name) to be established")
                        try await api.waitForEstablished(crd: reports[index].ref.name)
                    }
                }
                // Objects of kinds defined by CRDs in this set: resolve and check them now.
                let pending = reports.indices.filter { reports[$0].object.resource == nil }
                if !pending.isEmpty, !options.dryRun {
                    resolved = try await detector.resolve(pending.map { reports[$0].object })
                    let (rechecked, more) = try await detector.detectListing(resolved)
                    for (i, report) in zip(pending, rechecked) { reports[i] = report }
                    listed.merge(more) { old, _ in old }
                }
            }
        }
        if options.prune {
            do {
                result.entries += try await prune(
                    desired: Set(reports.map(\.ref)),
                    groupKinds: groupKinds.union(Inventory.groupKinds(ofParent: parent)), listed: listed,
                    options: options, failures: failures)
                if !options.dryRun {
                    // An emptied set leaves no inventory behind; otherwise the parent now lists what remains.
                    if objects.isEmpty {
                        try await deleteParent()
                    } else {
                        _ = try await writeParent(groupKinds: groupKinds, namespaces: namespaces, unless: parent)
                    }
                }
            } catch {
                result.errors.append(error.message)
            }
        }
        for report in reports {
            guard let live = report.live, let resource = report.object.resource else { continue }
            result.observed[resource, default: [:]][DriftDetector.key(report.ref)] = live
        }
        return result
    }

    static func isCopy(_ object: DesiredObject) -> Bool {
        if case .copy = object.secretSource { return true }
        return false
    }

    /// Applies a phase with bounded concurrency; Secret copies after everything else (they read the Secrets
    /// generated just before). Entries come back in the order of `reports` with copies last.
    func applyAll(_ reports: [DriftReport], dryRun: Bool) async -> [SyncResult.Entry] {
        let syncer = self
        var entries: [SyncResult.Entry] = []
        let groups = [reports.filter { !Self.isCopy($0.object) }, reports.filter { Self.isCopy($0.object) }]
        for group in groups where !group.isEmpty {
            entries +=
                (try? await boundedMap(group, limit: concurrency) { await syncer.applyOne($0, dryRun: dryRun) }) ?? []
        }
        return entries
    }

    func applyOne(_ report: DriftReport, dryRun: Bool) async -> SyncResult.Entry {
        let ref = report.ref
        do {
            switch report.state {
            case .inSync:
                return .init(ref: ref, action: .unchanged, detail: "")
            case .drifted:
                if !dryRun, let resource = report.object.resource {
                    _ = try await api.apply(resource, report.object.manifest, dryRun: false)
                }
                return .init(ref: ref, action: .configured, detail: report.reason)
            case .missing:
                if dryRun { return .init(ref: ref, action: .created, detail: report.reason) }
                let resource = try await api.requireResource(
                    for: GroupVersionKind(
                        apiVersion: report.object.built["apiVersion"]?.scalarText ?? "", kind: ref.kind))
                switch report.object.secretSource {
                case .manifest:
                    _ = try await api.apply(resource, report.object.manifest, dryRun: false)
                    return .init(ref: ref, action: .created, detail: "")
                case .generate(let keys):
                    let secret = GeneratedSecrets.generated(report.object, keys: keys)
                    _ = try await api.create(
                        resource, secret, fieldManager: GeneratedSecrets.fieldManager, dryRun: false)
                    _ = try await api.apply(resource, report.object.manifest, dryRun: false)
                    return .init(ref: ref, action: .created, detail: "generated \(keys.joined(separator: ", "))")
                case .copy(let namespace, let name, let keys):
                    guard let source = try await api.get(resource, namespace: namespace, name: name) else {
                        return .init(
                            ref: ref, action: .failed,
                            detail:
                                "source Secret \(namespace)/\(name) of \(DesiredObject.copyFromAnnotation) does not exist; create it or mark it \(DesiredObject.generateAnnotation)"
                        )
                    }
                    _ = try await api.create(
                        resource, try GeneratedSecrets.copied(report.object, from: source, keys: keys),
                        fieldManager: GeneratedSecrets.fieldManager, dryRun: false)
                    _ = try await api.apply(resource, report.object.manifest, dryRun: false)
                    return .init(ref: ref, action: .created, detail: "copied from \(namespace)/\(name)")
                }
            }
        } catch {
            return .init(ref: ref, action: .failed, detail: "\(error)")
        }
    }
}
