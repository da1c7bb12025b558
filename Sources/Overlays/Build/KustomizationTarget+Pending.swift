// Steps whose engines land separately; until then a kustomization using them fails clearly.
extension KustomizationTarget {
    func applyStrategicMergePatches(_ resources: inout ResourceMap) throws(BuildError) {
        if !kustomization.patchesStrategicMerge.isEmpty {
            throw BuildError("\(kustomization.file): patchesStrategicMerge is not supported yet")
        }
    }

    func applyPatches(_ resources: inout ResourceMap) throws(BuildError) {
        if !kustomization.patches.isEmpty { throw BuildError("\(kustomization.file): patches are not supported yet") }
    }

    func applyJSON6902Patches(_ resources: inout ResourceMap) throws(BuildError) {
        if !kustomization.patchesJson6902.isEmpty {
            throw BuildError("\(kustomization.file): patchesJson6902 is not supported yet")
        }
    }

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
