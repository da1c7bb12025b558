// Steps whose engines land separately; until then a kustomization using them fails clearly.
extension KustomizationTarget {
    func runGenerators(_ acc: inout Accumulator) throws(BuildError) {
        if !kustomization.configMapGenerator.isEmpty || !kustomization.secretGenerator.isEmpty {
            throw BuildError("\(kustomization.file): configMapGenerator and secretGenerator are not supported yet")
        }
    }

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
    static func finish(_ acc: inout Accumulator, kustomization: Kustomization) throws(BuildError) {
        if !acc.vars.isEmpty { throw BuildError("\(kustomization.file): vars are not supported yet") }
    }
}
