/// kustomize's default output order: Namespaces, CRDs, RBAC and config first, workloads after,
/// webhooks last, then by type, namespace and name (Go byte order, not Unicode collation).
enum LegacyOrder {
    static let defaultFirst = [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
        "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret",
        "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim",
        "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
    ]
    static let defaultLast = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

    static func sort(_ resources: inout [Resource], orderFirst: [String]?, orderLast: [String]?) {
        let first = orderFirst ?? defaultFirst
        let last = orderLast ?? defaultLast
        var rank: [String: Int] = [:]
        for (i, kind) in first.enumerated() { rank[kind] = -first.count + i }
        for (i, kind) in last.enumerated() { rank[kind] = 1 + i }
        // Keys computed once per object (on all cores), not once per comparison.
        let ranks = rank
        let keys = resources.concurrentMap { resource in
            let id = resource.id
            return SortKey(gvk: id.gvk, rank: ranks[id.gvk.kind] ?? 0, gvkKey: gvkKey(id.gvk), idKey: idKey(id))
        }
        let order = resources.indices.sorted { a, b in
            let (x, y) = (keys[a], keys[b])
            if x.gvk != y.gvk {
                if x.rank != y.rank { return x.rank < y.rank }
                if x.gvk.kind == "Namespace" && y.gvk.kind == "Namespace" && (x.gvk.group.isEmpty || y.gvk.group.isEmpty) {
                    return y.gvkKey.lexicographicallyPrecedes(x.gvkKey)
                }
                return x.gvkKey.lexicographicallyPrecedes(y.gvkKey)
            }
            return x.idKey.lexicographicallyPrecedes(y.idKey)
        }
        resources = order.map { resources[$0] }
    }

    private struct SortKey {
        let gvk: GroupVersionKind
        let rank: Int
        let gvkKey: [UInt8]
        let idKey: [UInt8]
    }

    private static func gvkKey(_ gvk: GroupVersionKind) -> [UInt8] {
        let g = gvk.group.isEmpty ? "~G" : gvk.group
        let v = gvk.version.isEmpty ? "~V" : gvk.version
        let k = gvk.kind.isEmpty ? "~K" : gvk.kind
        return Array("\(g)_\(v)_\(k)".utf8)
    }

    private static func idKey(_ id: ResourceId) -> [UInt8] {
        let ns = id.namespace.isEmpty ? "~X" : id.namespace
        let name = id.name.isEmpty ? "~N" : id.name
        return Array("\(id.gvk)|\(ns)|\(name)".utf8)
    }
}
