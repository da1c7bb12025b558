/// The field specs kustomize's built-in transformers use by default (its `builtinpluginconsts`),
/// kept as YAML so they read like the configuration files users write to extend them.
enum DefaultFieldSpecs {
    static let yaml = """
        commonLabels:
        - path: spec/selector
          create: true
          version: v1
          kind: Service
        - path: spec/selector
          create: true
          version: v1
          kind: ReplicationController
        - path: spec/selector/matchLabels
          create: true
          kind: Deployment
        - path: spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels
          create: false
          group: apps
          kind: Deployment
        - path: spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels
          create: false
          group: apps
          kind: Deployment
        - path: spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels
          create: false
          group: apps
          kind: Deployment
        - path: spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels
          create: false
          group: apps
          kind: Deployment
        - path: spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels
          create: false
          group: apps
          kind: Deployment
        - path: spec/selector/matchLabels
          create: true
          kind: ReplicaSet
        - path: spec/selector/matchLabels
          create: true
          kind: DaemonSet
        - path: spec/selector/matchLabels
          create: true
          group: apps
          kind: StatefulSet
        - path: spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels
          create: false
          group: apps
          kind: StatefulSet
        - path: spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels
          create: false
          group: apps
          kind: StatefulSet
        - path: spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels
          create: false
          group: apps
          kind: StatefulSet
        - path: spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels
          create: false
          group: apps
          kind: StatefulSet
        - path: spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels
          create: false
          group: apps
          kind: StatefulSet
        - path: spec/selector/matchLabels
          create: false
          group: batch
          kind: Job
        - path: spec/jobTemplate/spec/selector/matchLabels
          create: false
          group: batch
          kind: CronJob
        - path: spec/selector/matchLabels
          create: false
          group: policy
          kind: PodDisruptionBudget
        - path: spec/podSelector/matchLabels
          create: false
          group: networking.k8s.io
          kind: NetworkPolicy
        - path: spec/ingress/from/podSelector/matchLabels
          create: false
          group: networking.k8s.io
          kind: NetworkPolicy
        - path: spec/egress/to/podSelector/matchLabels
          create: false
          group: networking.k8s.io
          kind: NetworkPolicy
        - path: metadata/labels
          create: true

        - path: spec/template/metadata/labels
          create: true
          version: v1
          kind: ReplicationController

        - path: spec/template/metadata/labels
          create: true
          kind: Deployment

        - path: spec/template/metadata/labels
          create: true
          kind: ReplicaSet

        - path: spec/template/metadata/labels
          create: true
          kind: DaemonSet

        - path: spec/template/metadata/labels
          create: true
          group: apps
          kind: StatefulSet

        - path: spec/volumeClaimTemplates[]/metadata/labels
          create: true
          group: apps
          kind: StatefulSet

        - path: spec/template/metadata/labels
          create: true
          group: batch
          kind: Job

        - path: spec/jobTemplate/metadata/labels
          create: true
          group: batch
          kind: CronJob

        - path: spec/jobTemplate/spec/template/metadata/labels
          create: true
          group: batch
          kind: CronJob
        commonAnnotations:
        - path: metadata/annotations
          create: true
        - path: spec/template/metadata/annotations
          create: true
          version: v1
          kind: ReplicationController
        - path: spec/template/metadata/annotations
          create: true
          kind: Deployment
        - path: spec/template/metadata/annotations
          create: true
          kind: ReplicaSet
        - path: spec/template/metadata/annotations
          create: true
          kind: DaemonSet
        - path: spec/template/metadata/annotations
          create: true
          kind: StatefulSet
        - path: spec/template/metadata/annotations
          create: true
          group: batch
          kind: Job
        - path: spec/jobTemplate/metadata/annotations
          create: true
          group: batch
          kind: CronJob
        - path: spec/jobTemplate/spec/template/metadata/annotations
          create: true
          group: batch
          kind: CronJob
        namePrefix:
        - path: metadata/name
        nameSuffix:
        - path: metadata/name
        namespace:
        - path: metadata/name
          kind: Namespace
          create: true
        - path: spec/service/namespace
          group: apiregistration.k8s.io
          kind: APIService
          create: true
        - path: spec/conversion/webhook/clientConfig/service/namespace
          group: apiextensions.k8s.io
          kind: CustomResourceDefinition
        images:
        - path: spec/containers[]/image
          create: true
        - path: spec/initContainers[]/image
          create: true
        - path: spec/template/spec/containers[]/image
          create: true
        - path: spec/template/spec/initContainers[]/image
          create: true
        replicas:
        - path: spec/replicas
          create: true
          kind: Deployment
        - path: spec/replicas
          create: true
          kind: ReplicationController
        - path: spec/replicas
          create: true
          kind: ReplicaSet
        - path: spec/replicas
          create: true
          kind: StatefulSet
        templateLabels:
        - path: metadata/labels
          create: true
        - path: spec/template/metadata/labels
          create: true
          version: v1
          kind: ReplicationController
        - path: spec/template/metadata/labels
          create: true
          kind: Deployment
        - path: spec/template/metadata/labels
          create: true
          kind: ReplicaSet
        - path: spec/template/metadata/labels
          create: true
          kind: DaemonSet
        - path: spec/template/metadata/labels
          create: true
          group: apps
          kind: StatefulSet
        - path: spec/volumeClaimTemplates[]/metadata/labels
          create: true
          group: apps
          kind: StatefulSet
        - path: spec/template/metadata/labels
          create: true
          group: batch
          kind: Job
        - path: spec/jobTemplate/metadata/labels
          create: true
          group: batch
          kind: CronJob
        - path: spec/jobTemplate/spec/template/metadata/labels
          create: true
          group: batch
          kind: CronJob
        """
}


/// The field specs of each built-in transformer, extended by `configurations:` files.
public struct TransformerFieldSpecs: Sendable {
    public var commonLabels: [FieldSpec] = []
    public var templateLabels: [FieldSpec] = []
    public var commonAnnotations: [FieldSpec] = []
    public var namePrefix: [FieldSpec] = []
    public var nameSuffix: [FieldSpec] = []
    public var namespace: [FieldSpec] = []
    public var images: [FieldSpec] = []
    public var replicas: [FieldSpec] = []

    public init() {}

    /// Reads a configuration document with lists keyed like `commonLabels:` or `images:`.
    public init(node: Node, file: String) throws(BuildError) {
        guard let map = node.mapping else { return }
        func specs(_ key: String) throws(BuildError) -> [FieldSpec] {
            var out: [FieldSpec] = []
            for item in map[key]?.sequence ?? [] { out.append(try FieldSpec(node: item, file: file)) }
            return out
        }
        commonLabels = try specs("commonLabels")
        templateLabels = try specs("templateLabels")
        commonAnnotations = try specs("commonAnnotations")
        namePrefix = try specs("namePrefix")
        nameSuffix = try specs("nameSuffix")
        namespace = try specs("namespace")
        images = try specs("images")
        replicas = try specs("replicas")
    }

    public static let builtin: TransformerFieldSpecs = {
        guard let doc = try? YAMLParser.documents(DefaultFieldSpecs.yaml, file: "builtin field specs").first,
            let specs = try? TransformerFieldSpecs(node: doc, file: "builtin field specs")
        else { return TransformerFieldSpecs() }
        return specs
    }()

    /// Adds specs not already present, keeping order (kustomize merges configurations this way).
    public mutating func merge(_ other: TransformerFieldSpecs) {
        func union(_ a: inout [FieldSpec], _ b: [FieldSpec]) {
            for spec in b where !a.contains(spec) { a.append(spec) }
        }
        union(&commonLabels, other.commonLabels)
        union(&templateLabels, other.templateLabels)
        union(&commonAnnotations, other.commonAnnotations)
        union(&namePrefix, other.namePrefix)
        union(&nameSuffix, other.nameSuffix)
        union(&namespace, other.namespace)
        union(&images, other.images)
        union(&replicas, other.replicas)
    }
}
