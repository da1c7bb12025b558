/// One `nameReference:` entry: objects of type `gvk` are referred to by name from the `referrers`
/// fields (kustomize's NameBackReferences; its YAML key for the referrers is `fieldSpecs`).
public struct NameBackReference: Sendable, Equatable {
    public var gvk: GroupVersionKind
    public var referrers: [FieldSpec]

    public init(gvk: GroupVersionKind, referrers: [FieldSpec]) {
        self.gvk = gvk
        self.referrers = referrers
    }
}

extension FieldSpec {
    static let knownFields = ["group", "version", "kind", "path", "create"]

    /// Reads a field spec strictly (unknown keys and wrong types are errors).
    init(strict object: StrictObject) throws(BuildError) {
        self.init(
            gvk: GroupVersionKind(
                group: try object.string("group"), version: try object.string("version"),
                kind: try object.string("kind")),
            path: try object.string("path"), create: try object.bool("create"))
    }

    /// kustomize's `effectivelyEquals`: same path, and this spec's type is picked by the other's.
    func effectivelyEquals(_ other: FieldSpec) -> Bool {
        gvk.isSelected(by: other.gvk) && path == other.path
    }
}

/// kustomize's FsSlice operations: merging dedups by `effectivelyEquals` and sorting orders by type.
enum FieldSpecList {
    /// Adds the incoming specs not already present; the same spec with another `create` is an error.
    static func merge(_ base: [FieldSpec], _ incoming: [FieldSpec]) throws(BuildError) -> [FieldSpec] {
        var result = base
        for spec in incoming {
            if let existing = result.first(where: { $0.effectivelyEquals(spec) }) {
                if existing.create != spec.create { throw BuildError("conflicting fieldspecs") }
                continue
            }
            result.append(spec)
        }
        return result
    }

    /// Orders specs by type the way kustomize's `Gvk.IsLessThan` does (stable for equal types).
    static func sorted(_ specs: [FieldSpec]) -> [FieldSpec] {
        stableSorted(specs) { GVKOrder.less($0.gvk, $1.gvk) }
    }

    static func stableSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
        items.enumerated().sorted { a, b in
            if less(a.element, b.element) { return true }
            if less(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }
}

/// kustomize's type order (`Gvk.IsLessThan`): some kinds first, webhooks last, then `group_version_kind`.
enum GVKOrder {
    private static let first = [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
        "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap",
        "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume",
        "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
    ]
    private static let last = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

    private static let rank: [String: Int] = {
        var m: [String: Int] = [:]
        for (i, k) in first.enumerated() { m[k] = -first.count + i }
        for (i, k) in last.enumerated() { m[k] = 1 + i }
        return m
    }()

    static func less(_ a: GroupVersionKind, _ b: GroupVersionKind) -> Bool {
        let ra = rank[a.kind] ?? 0
        let rb = rank[b.kind] ?? 0
        if ra != rb { return ra < rb }
        return sortKey(a).utf8.lexicographicallyPrecedes(sortKey(b).utf8)
    }

    private static func sortKey(_ g: GroupVersionKind) -> String {
        "\(g.group.isEmpty ? "~G" : g.group)_\(g.version.isEmpty ? "~V" : g.version)_\(g.kind.isEmpty ? "~K" : g.kind)"
    }
}
