import Dispatch

/// The engine's entry point: `dlsync build <dir>` — the equivalent of `kustomize build`.
public enum Kustomizer {
    /// Builds the kustomization in a directory into its final, ordered objects.
    public static func build(directory: String, fs: any FileSystem = DiskFileSystem()) throws(BuildError) -> [Resource] {
        // The built-in transformer configuration, parsed from YAML once per process, is needed after the
        // resource files are read: prepare it on another thread meanwhile.
        DispatchQueue.global().async { _ = TransformerConfig.builtin }
        let root = try KustomizationRoot(fs: fs, path: directory)
        let session = BuildSession()
        session.rootPath = root.path
        let target = try KustomizationTarget(root: root, session: session)
        session.metadata = BuildMetadata(target.kustomization.buildMetadata)
        var acc = try target.accumulate()
        try finish(&acc)
        var resources = acc.resources.resources
        for i in resources.indices { session.metadata.annotate(&resources[i]) }
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
