/// The engine's entry point: `dlsync build <dir>` — the equivalent of `kustomize build`.
public enum Kustomizer {
    /// Builds the kustomization in a directory into its final, ordered objects.
    public static func build(directory: String, fs: any FileSystem = DiskFileSystem()) throws(BuildError) -> [Resource] {
        let root = try KustomizationRoot(fs: fs, path: directory)
        let target = try KustomizationTarget(root: root, session: BuildSession())
        var acc = try target.accumulate()
        try finish(&acc)
        var resources = acc.resources.resources
        let options = target.kustomization.sortOptions
        if options?.order != .fifo {
            LegacyOrder.sort(&resources, orderFirst: options?.orderFirst, orderLast: options?.orderLast)
        }
        return resources
    }

    /// The YAML stream `kustomize build` prints.
    public static func render(_ resources: [Resource]) throws(BuildError) -> String {
        do {
            return try YAMLEmitter.stream(resources.map(\.node))
        } catch {
            throw BuildError(error.description)
        }
    }
}
