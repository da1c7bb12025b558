/// A `kustomization.yaml` (or `kind: Component`) as kustomize v5 reads it, with deprecated fields
/// folded into their successors the way kustomize folds them.
public struct Kustomization: Sendable {
    public var file: String
    public var isComponent: Bool
    public var resources: [String] = []
    public var components: [String] = []
    public var crds: [String] = []
    public var namespace: String?
    public var namePrefix: String?
    public var nameSuffix: String?
    public var labels: [LabelSpec] = []
    /// Labels also written into selectors; kustomize applies them after `labels:`.
    public var commonLabels: [(key: String, value: String)] = []
    public var commonAnnotations: [(key: String, value: String)] = []
    public var patches: [PatchSpec] = []
    /// `patchesJson6902:` runs later than `patches:`, after labels and annotations.
    public var patchesJson6902: [PatchSpec] = []
    /// Entries of `patchesStrategicMerge`: a file path or an inline patch.
    public var patchesStrategicMerge: [String] = []
    public var images: [ImageSpec] = []
    public var replicas: [ReplicaSpec] = []
    public var configMapGenerator: [Node] = []
    public var secretGenerator: [Node] = []
    public var generatorOptions: Node?
    public var replacements: [Node] = []
    public var vars: [Node] = []
    public var sortOptions: SortOptions?
    public var buildMetadata: [String] = []
    public var openAPIPath: String?
    public var configurations: [String] = []
    public var transformers: [String] = []
    public var generators: [String] = []
    public var validators: [String] = []

    static let knownFields: Set<String> = [
        "apiVersion", "kind", "metadata", "openapi", "namePrefix", "nameSuffix", "namespace", "commonLabels",
        "labels", "commonAnnotations", "patchesStrategicMerge", "patchesJson6902", "patches", "images",
        "imageTags", "replacements", "replicas", "vars", "sortOptions", "resources", "components", "crds",
        "bases", "configMapGenerator", "secretGenerator", "helmGlobals", "helmCharts",
        "helmChartInflationGenerator", "generatorOptions", "configurations", "generators", "transformers",
        "validators", "buildMetadata",
    ]

    public init(node: Node, file: String) throws(BuildError) {
        self.file = file
        if case .null = node { throw BuildError("kustomization.yaml is empty") }
        let r: FieldReader
        do {
            r = try FieldReader(node, file: file, context: "Kustomization")
        } catch {
            throw BuildError("invalid Kustomization in \(file): expected a mapping of kustomization fields")
        }
        try r.rejectUnknown(allowed: Kustomization.knownFields)
        if r.map.isEmpty { throw BuildError("kustomization.yaml is empty") }

        let kind = try r.string("kind") ?? ""
        let apiVersion = try r.string("apiVersion") ?? ""
        guard kind.isEmpty || kind == "Kustomization" || kind == "Component" else {
            throw BuildError("failed to read kustomization file \(file): kind should be Kustomization or Component")
        }
        isComponent = kind == "Component"
        let required = isComponent ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1"
        guard apiVersion.isEmpty || apiVersion == required else {
            throw BuildError(
                "failed to read kustomization file \(file): apiVersion for \(isComponent ? "Component" : "Kustomization") should be \(required)"
            )
        }
        for unsupported in ["helmCharts", "helmGlobals", "helmChartInflationGenerator"] where r.node(unsupported) != nil {
            throw BuildError(
                "\(file): \(unsupported) is not supported by dlsync; render the chart with `helm template` and list the output under resources"
            )
        }

        resources = try r.strings("resources") + r.strings("bases")
        components = try r.strings("components")
        crds = try r.strings("crds")
        namespace = try r.string("namespace")
        namePrefix = try r.string("namePrefix")
        nameSuffix = try r.string("nameSuffix")
        commonAnnotations = try r.stringMap("commonAnnotations")
        for label in try r.list("labels") { labels.append(try LabelSpec(node: label, file: file)) }
        commonLabels = try r.stringMap("commonLabels")
        for patch in try r.list("patches") { patches.append(try PatchSpec(node: patch, file: file)) }
        for patch in try r.list("patchesJson6902") { patchesJson6902.append(try PatchSpec(node: patch, file: file)) }
        patchesStrategicMerge = try r.strings("patchesStrategicMerge")
        for image in try r.list("images") + r.list("imageTags") { images.append(try ImageSpec(node: image, file: file)) }
        for replica in try r.list("replicas") { replicas.append(try ReplicaSpec(node: replica, file: file)) }
        configMapGenerator = try r.list("configMapGenerator")
        secretGenerator = try r.list("secretGenerator")
        generatorOptions = r.node("generatorOptions")
        replacements = try r.list("replacements")
        vars = try r.list("vars")
        if let sort = r.node("sortOptions") { sortOptions = try SortOptions(node: sort, file: file) }
        buildMetadata = try r.strings("buildMetadata")
        let openapi = try r.stringMap("openapi")
        openAPIPath = openapi.first(where: { $0.key == "path" })?.value
        configurations = try r.strings("configurations")
        transformers = try r.strings("transformers")
        generators = try r.strings("generators")
        validators = try r.strings("validators")
    }
}
