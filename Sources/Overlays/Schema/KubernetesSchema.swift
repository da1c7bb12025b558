/// Facts about built-in Kubernetes types that kustomize reads from its embedded OpenAPI document
/// (Kubernetes 1.21.2): which kinds are cluster-scoped.
public enum KubernetesSchema {
    /// Whether kustomize knows this type to be cluster-scoped. Unknown types count as namespaced.
    public static func isClusterScoped(_ gvk: GroupVersionKind) -> Bool {
        clusterScoped.contains(ClusterScopedKey(apiVersion: gvk.apiVersion, kind: gvk.kind))
    }

    struct ClusterScopedKey: Hashable {
        var apiVersion: String
        var kind: String
    }

    private static let clusterScoped: Set<ClusterScopedKey> = Set(
        clusterScopedTypes.map { ClusterScopedKey(apiVersion: $0.0, kind: $0.1) })
}

/// Cluster-scoped (apiVersion, kind) pairs of kustomize's built-in schema: the types whose API paths
/// in the embedded swagger never contain `namespaces/{namespace}` (the same 36 entries as kyaml's
/// precomputed table; `scripts/gen-merge-keys.py` prints them). Types without a GET path there,
/// such as TokenReview or v1alpha1 kinds, are unknown to kustomize and so count as namespaced.
private let clusterScopedTypes: [(String, String)] = [
    ("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"),
    ("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"),
    ("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration"),
    ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration"),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
    ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"),
    ("apiregistration.k8s.io/v1", "APIService"),
    ("apiregistration.k8s.io/v1beta1", "APIService"),
    ("certificates.k8s.io/v1", "CertificateSigningRequest"),
    ("certificates.k8s.io/v1beta1", "CertificateSigningRequest"),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema"),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration"),
    ("networking.k8s.io/v1", "IngressClass"),
    ("networking.k8s.io/v1beta1", "IngressClass"),
    ("node.k8s.io/v1", "RuntimeClass"),
    ("node.k8s.io/v1beta1", "RuntimeClass"),
    ("policy/v1beta1", "PodSecurityPolicy"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding"),
    ("scheduling.k8s.io/v1", "PriorityClass"),
    ("scheduling.k8s.io/v1beta1", "PriorityClass"),
    ("storage.k8s.io/v1", "CSIDriver"),
    ("storage.k8s.io/v1", "CSINode"),
    ("storage.k8s.io/v1", "StorageClass"),
    ("storage.k8s.io/v1", "VolumeAttachment"),
    ("storage.k8s.io/v1beta1", "CSIDriver"),
    ("storage.k8s.io/v1beta1", "CSINode"),
    ("storage.k8s.io/v1beta1", "StorageClass"),
    ("storage.k8s.io/v1beta1", "VolumeAttachment"),
    ("v1", "ComponentStatus"),
    ("v1", "Namespace"),
    ("v1", "Node"),
    ("v1", "NodeProxyOptions"),
    ("v1", "PersistentVolume"),
]
