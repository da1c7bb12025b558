/// One kustomization being built: kustomize's order of work — resources, generators, components,
/// then transformers — applied to everything accumulated below it.
struct KustomizationTarget {
    let root: KustomizationRoot
    let kustomization: Kustomization
    let session: BuildSession

    init(root: KustomizationRoot, session: BuildSession) throws(BuildError) {
        self.root = root
        self.kustomization = try root.loadKustomization()
        self.session = session
        try session.adoptSchema(of: kustomization, root: root)
    }

    func accumulate(into start: Accumulator = Accumulator()) throws(BuildError) -> Accumulator {
        var acc = start
        do {
            try accumulateResources(&acc)
        } catch {
            throw error.wrapped("accumulating resources")
        }
        try loadConfigurations(&acc)
        try runGenerators(&acc)
        do {
            try accumulateComponents(&acc)
        } catch {
            throw error.wrapped("accumulating components")
        }
        try runTransformers(&acc)
        try registerVars(&acc)
        return acc
    }

    private func accumulateResources(_ acc: inout Accumulator) throws(BuildError) {
        let parsedFiles = parseResourceFiles()
        for (position, entry) in kustomization.resources.enumerated() {
            if let parsed = parsedFiles[position] {
                try accumulate(parsed, from: entry, into: &acc)
                continue
            }
            if RemoteReference.isRemote(entry) {
                throw BuildError(
                    "resource '\(entry)' in \(kustomization.file) is a remote base; dlsync builds only local trees: vendor it into the repository and list its path"
                )
            }
            let joined = Paths.join(root.path, entry)
            if root.fs.exists(joined) && !root.fs.isDirectory(joined) {
                let file = try root.allowedFile(entry)
                try accumulate(Self.readResources(file, entry: entry, fs: root.fs), from: entry, into: &acc)
                continue
            }
            guard root.fs.isDirectory(joined) else {
                throw BuildError("accumulating resources from '\(entry)': '\(joined)' does not exist (listed in \(kustomization.file))")
            }
            let child = try root.child(entry)
            let target: KustomizationTarget
            do {
                target = try KustomizationTarget(root: child, session: session)
            } catch {
                throw error.wrapped("couldn't make target for path '\(child.path)'")
            }
            if target.kustomization.isComponent {
                throw BuildError(
                    "expected kind != 'Component' for path '\(child.path)': list components under components:, not resources:")
            }
            let sub: Accumulator
            do {
                sub = try target.accumulate()
            } catch {
                throw error.wrapped("recursed accumulation of path '\(child.path)'")
            }
            do {
                try acc.merge(sub, session: session)
            } catch {
                throw error.wrapped("recursed merging from path '\(child.path)'")
            }
        }
    }

    /// The objects of every plain file among the resources, by position, read and parsed on all cores first:
    /// parsing is most of the work of a large build. Entries that are not files, or whose path is refused,
    /// are left to the loop, so errors still come in the order of the list.
    private func parseResourceFiles() -> [Int: Result<[Resource], BuildError>] {
        let files = kustomization.resources.enumerated().compactMap { position, entry -> (Int, String, String)? in
            guard !RemoteReference.isRemote(entry) else { return nil }
            let joined = Paths.join(root.path, entry)
            guard root.fs.exists(joined), !root.fs.isDirectory(joined), let file = try? root.allowedFile(entry) else {
                return nil
            }
            return (position, entry, file)
        }
        let fs = root.fs
        let parsed = files.concurrentMap(minimumChunk: 1) { _, entry, file in
            Self.readResources(file, entry: entry, fs: fs)
        }
        return Dictionary(uniqueKeysWithValues: zip(files.map(\.0), parsed))
    }

    private static func readResources(_ file: String, entry: String, fs: any FileSystem)
        -> Result<[Resource], BuildError>
    {
        Result { () throws(BuildError) in try ResourceReader.resources(from: try fs.readFile(file), file: entry) }
    }

    private func accumulate(_ parsed: Result<[Resource], BuildError>, from entry: String, into acc: inout Accumulator)
        throws(BuildError)
    {
        let resources: [Resource]
        do {
            resources = try parsed.get()
        } catch {
            throw error.wrapped("accumulating resources from '\(entry)'")
        }
        for var resource in resources {
            if session.metadata.originAnnotations {
                resource.origin = Origin(path: session.relativePath(root.path, entry))
            }
            do {
                try acc.resources.append(resource)
            } catch {
                throw error.wrapped("merging resources from '\(entry)'")
            }
        }
    }

    private func accumulateComponents(_ acc: inout Accumulator) throws(BuildError) {
        for entry in kustomization.components {
            let child = try root.child(entry)
            let target = try KustomizationTarget(root: child, session: session)
            guard target.kustomization.isComponent else {
                throw BuildError("expected kind 'Component' for path '\(child.path)' but got 'Kustomization'")
            }
            acc = try target.accumulate(into: acc)
        }
    }

    /// `configurations:` extend the built-in field specs; `crds:` add the references their schemas declare.
    private func loadConfigurations(_ acc: inout Accumulator) throws(BuildError) {
        var files: [TransformerConfig] = []
        for entry in kustomization.configurations {
            let text = String(decoding: try root.readFile(entry), as: UTF8.self)
            files.append(try TransformerConfig(yaml: text, file: entry))
        }
        acc.config = try session.merge(acc.config, try TransformerConfig.makeConfig(files: files))
        guard !kustomization.crds.isEmpty else { return }
        var crds: [(path: String, text: String)] = []
        for entry in kustomization.crds {
            crds.append((entry, String(decoding: try root.readFile(entry), as: UTF8.self)))
        }
        do {
            acc.config = try acc.config.merged(with: try TransformerConfig.fromCRDs(crds))
        } catch {
            throw error.wrapped("loading CRDs \(kustomization.crds)")
        }
    }

    private func registerVars(_ acc: inout Accumulator) throws(BuildError) {
        guard !kustomization.vars.isEmpty else { return }
        var vars: [Var] = []
        for node in kustomization.vars { vars.append(try Var(node: node, file: kustomization.file)) }
        try Vars.register(vars, in: &acc.resources, set: &acc.vars)
    }

    private func runTransformers(_ acc: inout Accumulator) throws(BuildError) {
        let k = kustomization
        let specs = acc.config
        try track("PatchStrategicMergeTransformer", &acc.resources) { (r: inout ResourceMap) throws(BuildError) in
            try applyStrategicMergePatches(&r)
        }
        try track("PatchTransformer", &acc.resources) { (r: inout ResourceMap) throws(BuildError) in try applyPatches(&r) }
        if let namespace = k.namespace, !namespace.isEmpty {
            try track("NamespaceTransformer", &acc.resources) { (r: inout ResourceMap) throws(BuildError) in
                try NamespaceTransformer.apply(namespace, specs: specs.namespace, to: &r)
            }
        }
        if let prefix = k.namePrefix, !prefix.isEmpty {
            try track("PrefixTransformer", &acc.resources) { (r: inout ResourceMap) throws(BuildError) in
                try NameAffixTransformer.apply(.prefix(prefix), specs: specs.namePrefix, to: &r)
            }
        }
        if let suffix = k.nameSuffix, !suffix.isEmpty {
            try track("SuffixTransformer", &acc.resources) { (r: inout ResourceMap) throws(BuildError) in
                try NameAffixTransformer.apply(.suffix(suffix), specs: specs.nameSuffix, to: &r)
            }
        }
        try track("LabelTransformer", &acc.resources) { (r: inout ResourceMap) throws(BuildError) in
            for label in k.labels {
                let labelSpecs = MetadataMapTransformer.labelSpecs(for: label, config: specs)
                try MetadataMapTransformer.apply(label.pairs, specs: labelSpecs, to: &r)
            }
            try MetadataMapTransformer.apply(k.commonLabels, specs: specs.commonLabels, to: &r)
        }
        try track("AnnotationsTransformer", &acc.resources) { (r: inout ResourceMap) throws(BuildError) in
            try MetadataMapTransformer.apply(k.commonAnnotations, specs: specs.commonAnnotations, to: &r)
        }
        try track("PatchJson6902Transformer", &acc.resources) { (r: inout ResourceMap) throws(BuildError) in
            try applyJSON6902Patches(&r)
        }
        try track("ReplicaCountTransformer", &acc.resources) { (r: inout ResourceMap) throws(BuildError) in
            try ReplicaCountTransformer.apply(k.replicas, specs: specs.replicas, to: &r)
        }
        try track("ImageTagTransformer", &acc.resources) { (r: inout ResourceMap) throws(BuildError) in
            try ImageTransformer.apply(k.images, specs: specs.images, to: &r)
        }
        try track("ReplacementTransformer", &acc.resources) { (r: inout ResourceMap) throws(BuildError) in
            try applyReplacements(&r)
        }
        for entry in k.transformers {
            for config in try BuiltinTransformerConfig.load(entry, root: root) {
                try track(config.kind, &acc.resources) { (r: inout ResourceMap) throws(BuildError) in try config.apply(to: &r) }
            }
        }
        if !k.generators.isEmpty || !k.validators.isEmpty {
            throw BuildError(
                "\(k.file): generator and validator plugins are not supported by dlsync; use configMapGenerator / secretGenerator"
            )
        }
    }

    /// Runs one built-in transformer; under `buildMetadata: [transformerAnnotations]` records it on
    /// every object it changed.
    private func track(
        _ kind: String, _ resources: inout ResourceMap, _ step: (inout ResourceMap) throws(BuildError) -> Void
    ) throws(BuildError) {
        guard session.metadata.transformerAnnotations else { return try step(&resources) }
        let before = resources.resources
        try step(&resources)
        let origin = Origin(
            configuredIn: session.relativePath(root.path, Paths.lastComponent(kustomization.file)), configuredBy: kind)
        for i in resources.indices {
            let old = before.first { $0.originalId == resources[i].originalId }
            if old?.node != resources[i].node { resources[i].transformations.append(origin) }
        }
    }
}

/// Remote bases (git and http URLs) are out of scope: they make a build depend on the network.
enum RemoteReference {
    static func isRemote(_ entry: String) -> Bool {
        entry.contains("://") || entry.hasPrefix("git@") || entry.hasPrefix("github.com/")
            || entry.hasPrefix("gitlab.com/") || entry.hasPrefix("bitbucket.org/")
    }
}
