/// `replicas:` — sets the replica count of workloads with that name (current or earlier name).
enum ReplicaCountTransformer {
    static func apply(_ replicas: [ReplicaSpec], specs: [FieldSpec], to map: inout ResourceMap) throws(BuildError) {
        guard !replicas.isEmpty else { return }
        // Replica counts never rename objects, so one index serves every entry.
        let byName = map.indicesByAnyName()
        for replica in replicas { try apply(replica, specs: specs, to: &map, candidates: byName[replica.name] ?? []) }
    }

    private static func apply(
        _ replica: ReplicaSpec, specs: [FieldSpec], to map: inout ResourceMap, candidates: [Int]
    ) throws(BuildError) {
        var found = false
        for spec in specs {
            for i in candidates {
                let resource = map[i]
                guard resource.allIds.contains(where: { $0.name == replica.name && $0.gvk.isSelected(by: spec.gvk) })
                else { continue }
                found = true
                try FieldPath.apply(spec, to: &map[i], create: .scalar) { $0 = .int(replica.count) }
            }
        }
        if !found {
            let kinds = specs.map { $0.gvk.description }.joined(separator: " ")
            throw BuildError(
                "replicas: no object named '\(replica.name)' of a kind that has replicas [\(kinds)]; check the name in the replicas entry"
            )
        }
    }
}
