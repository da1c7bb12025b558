extension KustomizationTarget {
    /// `replacements:`: copy fields from a source object into targets, after all other transformers.
    func applyReplacements(_ resources: inout ResourceMap) throws(BuildError) {
        guard !kustomization.replacements.isEmpty else { return }
        let root = self.root
        let replacements = try Replacements.parse(kustomization.replacements, file: kustomization.file) {
            path throws(BuildError) in String(decoding: try root.readFile(path), as: UTF8.self)
        }
        try Replacements.apply(replacements, to: &resources)
    }
}

extension Kustomizer {
    /// The steps kustomize runs once, at the top: hash suffixes, references to renamed objects,
    /// then `$(VAR)` expansion; annotations end up as strings.
    static func finish(_ acc: inout Accumulator) throws(BuildError) {
        try acc.resources.transform { (resource: inout Resource) throws(BuildError) in
            if resource.generator?.appendHashSuffix == true { try NameHash.appendSuffix(to: &resource) }
        }
        try NameReferences.fix(&acc.resources, config: acc.config)
        try Vars.resolve(&acc.resources, set: acc.vars, config: acc.config)
        try acc.resources.transform { (resource: inout Resource) in resource.stringifyAnnotations() }
    }
}
