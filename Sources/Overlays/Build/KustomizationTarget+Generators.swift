extension KustomizationTarget {
    /// `configMapGenerator:` and `secretGenerator:`: objects made from literals, files and env files,
    /// absorbed by behavior (create, merge into, or replace an object from below).
    func runGenerators(_ acc: inout Accumulator) throws(BuildError) {
        let k = kustomization
        guard !k.configMapGenerator.isEmpty || !k.secretGenerator.isEmpty else { return }
        let options = try k.generatorOptions.map { node throws(BuildError) in try GeneratorOptions(node: node, file: k.file) }
        let root = self.root
        let resolve: GeneratorPathResolver = { path throws(BuildError) in try root.allowedFile(path) }
        var generated: [Resource] = []
        let entries: [(GeneratorKind, [Node])] = [(.configMap, k.configMapGenerator), (.secret, k.secretGenerator)]
        for (kind, nodes) in entries where !nodes.isEmpty {
            for args in try GeneratorArgs.list(node: .sequence(nodes), file: k.file, kind: kind) {
                var resource = try args.generate(options: options, fs: root.fs, resolvePath: resolve)
                if session.metadata.originAnnotations {
                    resource.origin = Origin(
                        configuredIn: session.relativePath(root.path, Paths.lastComponent(k.file)),
                        configuredBy: kind == .configMap ? "ConfigMapGenerator" : "SecretGenerator")
                }
                generated.append(resource)
            }
        }
        try GeneratorMerge.absorb(generated, into: &acc.resources)
    }
}
