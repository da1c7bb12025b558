/// The three ways a kustomization patches objects, run where kustomize runs them:
/// `patchesStrategicMerge:` and `patches:` first, `patchesJson6902:` after labels and annotations.
extension KustomizationTarget {
    func applyStrategicMergePatches(_ resources: inout ResourceMap) throws(BuildError) {
        for entry in kustomization.patchesStrategicMerge {
            let isFile = !entry.contains("\n") && root.fs.exists(Paths.join(root.path, entry))
            let text = isFile ? String(decoding: try root.readFile(entry), as: UTF8.self) : entry
            for patch in try strategicMergePatches(text, source: isFile ? entry : "inline patch") {
                let index = try uniqueTarget(of: patch, in: &resources)
                try applyStrategicMerge(patch, at: [index], in: &resources, allowNameChange: false, allowKindChange: false)
            }
        }
    }

    func applyPatches(_ resources: inout ResourceMap) throws(BuildError) {
        for spec in kustomization.patches {
            let (text, source) = try patchText(spec)
            switch try PatchKind.detect(text, source: source) {
            case .strategicMerge:
                let patches = try strategicMergePatches(text, source: source)
                if let target = spec.target {
                    guard patches.count == 1 else {
                        throw BuildError(
                            "Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field: \(source)"
                        )
                    }
                    let selected = try select(target, in: resources)
                    try applyStrategicMerge(
                        patches[0], at: selected, in: &resources, allowNameChange: spec.allowNameChange,
                        allowKindChange: spec.allowKindChange, takeTargetType: true)
                } else {
                    for patch in patches {
                        let index: Int
                        do {
                            index = try uniqueTarget(of: patch, in: &resources)
                        } catch {
                            throw error.wrapped("no resource matches strategic merge patch \"\(patch.id)\"")
                        }
                        try applyStrategicMerge(
                            patch, at: [index], in: &resources, allowNameChange: spec.allowNameChange,
                            allowKindChange: spec.allowKindChange)
                    }
                }
            case .json6902:
                guard let target = spec.target else { throw BuildError("must specify a target for JSON patch \(source)") }
                try applyJSONPatch(text, to: try select(target, in: resources), in: &resources)
            }
        }
    }

    func applyJSON6902Patches(_ resources: inout ResourceMap) throws(BuildError) {
        for spec in kustomization.patchesJson6902 {
            guard let target = spec.target, !target.name.isEmpty else {
                throw BuildError("\(kustomization.file): a patchesJson6902 entry must specify the target name")
            }
            let (text, _) = try patchText(spec)
            try applyJSONPatch(text, to: try select(target, in: resources), in: &resources)
        }
    }

    // MARK: - Shared steps

    private func patchText(_ spec: PatchSpec) throws(BuildError) -> (text: String, source: String) {
        if let path = spec.path {
            do {
                let bytes = try root.readFile(path)
                return (String(decoding: bytes, as: UTF8.self), PatchKind.source(path: path))
            } catch {
                throw error.wrapped("failed to get the patch file from path(\(path))")
            }
        }
        // Go's strings.TrimSpace, as kustomize applies it to inline patches.
        var inline = Substring(spec.patch ?? "")
        while let first = inline.first, first.isWhitespace { inline = inline.dropFirst() }
        while let last = inline.last, last.isWhitespace { inline = inline.dropLast() }
        return (String(inline), PatchKind.source(patch: String(inline)))
    }

    private func strategicMergePatches(_ text: String, source: String) throws(BuildError) -> [Resource] {
        do {
            return try ResourceReader.resources(from: Array(text.utf8), file: source)
        } catch {
            throw error.wrapped("reading strategic merge patch \(source)")
        }
    }

    /// The one object that has ever had the patch's id (kustomize's GetById).
    private func uniqueTarget(of patch: Resource, in resources: inout ResourceMap) throws(BuildError) -> Int {
        let id = patch.id
        let matches = resources.indices(matchingAnyId: id)
        guard matches.count == 1 else {
            let problem = matches.isEmpty ? "no matches for Id \(id)" : "multiple matches for Id \(id)"
            throw BuildError("\(problem); failed to find unique target for patch \(id)")
        }
        return matches[0]
    }

    private func select(_ selector: Selector, in resources: ResourceMap) throws(BuildError) -> [Int] {
        let compiled = try selector.compiled()
        return resources.indices.filter { compiled.matches(resources[$0]) }
    }

    /// Merges a patch into the chosen objects. Name, kind and namespace stay unless the options
    /// allow a change; an object the patch deletes leaves the build.
    private func applyStrategicMerge(
        _ patch: Resource, at indices: [Int], in resources: inout ResourceMap, allowNameChange: Bool,
        allowKindChange: Bool, takeTargetType: Bool = false
    ) throws(BuildError) {
        var deleted: [Int] = []
        for index in indices {
            var target = resources[index]
            var patchNode = patch.node
            if takeTargetType { patchNode.set(.string(target.apiVersion), at: ["apiVersion"]) }
            let (name, namespace, kind) = (target.name, target.namespace, target.kind)
            if allowNameChange || allowKindChange { target.rememberCurrentId() }
            guard let merged = try StrategicMerge.apply(patch: patchNode, to: target.node, schema: schema) else {
                deleted.append(index)
                continue
            }
            target.node = merged
            if !allowKindChange { target.node.set(.string(kind), at: ["kind"]) }
            if !allowNameChange { target.name = name }
            if namespace.isEmpty {
                if var metadata = target.node["metadata"]?.mapping {
                    metadata.removeValue(forKey: "namespace")
                    target.node.set(.mapping(metadata), at: ["metadata"])
                }
            } else {
                target.namespace = namespace
            }
            resources[index] = target
        }
        for index in deleted.reversed() { resources.remove(at: index) }
    }

    private func applyJSONPatch(_ text: String, to indices: [Int], in resources: inout ResourceMap) throws(BuildError) {
        let operations: Node
        do {
            let documents = try YAMLParser.documents(text, file: "json patch")
            operations = documents.first ?? .null
        } catch {
            throw BuildError("decoding JSON patch: \(error.problem)")
        }
        for index in indices {
            var target = resources[index]
            target.rememberCurrentId()
            target.node = try JSONPatch.apply(operations, to: target.node)
            resources[index] = target
        }
    }

    /// Merge keys for patches: the built-in Kubernetes schema, or the kustomization's `openapi:` file.
    var schema: MergeSchema {
        session.schema ?? MergeSchema.builtin
    }
}
