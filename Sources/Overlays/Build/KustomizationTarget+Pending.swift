// Steps whose engines land separately; until then a kustomization using them fails clearly.
extension KustomizationTarget {


    func applyReplacements(_ resources: inout ResourceMap) throws(BuildError) {
        if !kustomization.replacements.isEmpty {
            throw BuildError("\(kustomization.file): replacements are not supported yet")
        }
    }
}

extension Kustomizer {
    /// The steps kustomize runs once, at the top: hash suffixes, then references to renamed objects.
    static func finish(_ acc: inout Accumulator, kustomization: Kustomization) throws(BuildError) {
        try acc.resources.transform { (resource: inout Resource) throws(BuildError) in
            if resource.generator?.appendHashSuffix == true { try NameHash.appendSuffix(to: &resource) }
        }
        if !acc.vars.isEmpty { throw BuildError("\(kustomization.file): vars are not supported yet") }
    }
}
