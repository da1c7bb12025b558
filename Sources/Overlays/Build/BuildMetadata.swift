/// `buildMetadata:` of the root kustomization (kustomize hands the root's list to every kustomization
/// below it): origin annotations, transformer annotations and the managed-by label.
struct BuildMetadata: Sendable {
    var originAnnotations = false
    var transformerAnnotations = false
    var managedByLabel = false

    init(_ options: [String] = []) {
        originAnnotations = options.contains("originAnnotations")
        transformerAnnotations = options.contains("transformerAnnotations")
        managedByLabel = options.contains("managedByLabel")
    }

    /// Writes the requested annotations and label; kustomize prints its own version as `(devel)`
    /// when built into kubectl, and dlsync matches kubectl.
    func annotate(_ resource: inout Resource) {
        if originAnnotations, let origin = resource.origin {
            resource.node.set(.string(origin.yaml()), at: ["metadata", "annotations", "config.kubernetes.io/origin"])
        }
        if transformerAnnotations, !resource.transformations.isEmpty {
            let text = resource.transformations.map { "- " + $0.yaml(indent: "  ") }.joined()
            resource.node.set(.string(text), at: ["metadata", "annotations", "alpha.config.kubernetes.io/transformations"])
        }
        if managedByLabel {
            resource.node.set(.string("kustomize-(devel)"), at: ["metadata", "labels", "app.kubernetes.io/managed-by"])
        }
    }
}
