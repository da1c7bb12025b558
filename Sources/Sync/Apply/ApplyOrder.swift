/// The order objects are applied in: what others depend on first. Within a phase the build order stays.
public enum ApplyOrder {
    public enum Phase: Int, Sendable, Comparable, CaseIterable {
        /// Namespaces and CRDs: everything else lives in or is typed by them.
        case foundation
        /// Identity, policy, configuration and networking that workloads reference.
        case configuration
        /// Workloads.
        case workloads
        /// Everything else (Ingress, Routes, autoscalers, custom resources, webhooks).
        case rest

        public static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
    }

    static let foundation: Set<String> = ["Namespace", "CustomResourceDefinition.apiextensions.k8s.io"]
    static let configuration: Set<String> = [
        "ServiceAccount", "Role.rbac.authorization.k8s.io", "ClusterRole.rbac.authorization.k8s.io",
        "RoleBinding.rbac.authorization.k8s.io", "ClusterRoleBinding.rbac.authorization.k8s.io", "ConfigMap", "Secret",
        "Service", "PersistentVolume", "PersistentVolumeClaim", "LimitRange", "ResourceQuota",
        "StorageClass.storage.k8s.io", "PriorityClass.scheduling.k8s.io", "NetworkPolicy.networking.k8s.io",
        "SecurityContextConstraints.security.openshift.io", "PodSecurityPolicy.policy",
    ]
    static let workloads: Set<String> = [
        "Deployment.apps", "StatefulSet.apps", "DaemonSet.apps", "ReplicaSet.apps", "Job.batch", "CronJob.batch",
        "Pod", "ReplicationController",
    ]

    public static func phase(ofGroupKind groupKind: String) -> Phase {
        if foundation.contains(groupKind) { return .foundation }
        if configuration.contains(groupKind) { return .configuration }
        if workloads.contains(groupKind) { return .workloads }
        return .rest
    }

    /// The objects sorted by phase; stable, so the build order decides within a phase.
    public static func sorted(_ objects: [DesiredObject]) -> [DesiredObject] {
        objects.enumerated()
            .sorted { a, b in
                let pa = phase(ofGroupKind: a.element.ref.groupKind)
                let pb = phase(ofGroupKind: b.element.ref.groupKind)
                return pa != pb ? pa < pb : a.offset < b.offset
            }
            .map(\.element)
    }

    /// Deletion order for pruning: the reverse (workloads before the namespaces that hold them).
    public static func pruneOrder(_ refs: [ObjectRef]) -> [ObjectRef] {
        refs.enumerated()
            .sorted { a, b in
                let pa = phase(ofGroupKind: a.element.groupKind)
                let pb = phase(ofGroupKind: b.element.groupKind)
                return pa != pb ? pa > pb : a.offset < b.offset
            }
            .map(\.element)
    }
}
