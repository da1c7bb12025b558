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
        let keyed = resources.map { resource -> (Resource, ResourceId) in (resource, resource.id) }
        let sorted = keyed.sorted { a, b in
            let (x, y) = (a.1, b.1)
            if x.gvk != y.gvk {
                let (rx, ry) = (rank[x.gvk.kind] ?? 0, rank[y.gvk.kind] ?? 0)
                if rx != ry { return rx < ry }
                let (sx, sy) = (gvkKey(x.gvk), gvkKey(y.gvk))
                if x.gvk.kind == "Namespace" && y.gvk.kind == "Namespace" && (x.gvk.group.isEmpty || y.gvk.group.isEmpty) {
                    return sy.lexicographicallyPrecedes(sx)
                }
                return sx.lexicographicallyPrecedes(sy)
            }
            return idKey(x).lexicographicallyPrecedes(idKey(y))
        }
        resources = sorted.map(\.0)
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
