/// `namespace:` — puts every namespaced object into the namespace, renames a `v1` Namespace object,
/// and moves RoleBinding subjects named `default`, as kustomize's namespace transformer does.
enum NamespaceTransformer {
    static func apply(
        _ namespace: String, specs: [FieldSpec], unsetOnly: Bool = false, to map: inout ResourceMap
    ) throws(BuildError) {
        try map.transform { (resource: inout Resource) throws(BuildError) in
            guard resource.node.mapping.map({ !$0.isEmpty }) ?? false else { return }
            resource.rememberCurrentId()
            let gvk = resource.gvk
            let setter: (inout Node) throws(BuildError) -> Void = { value in
                if unsetOnly, let current = value.scalarText, !current.isEmpty { return }
                value = .string(namespace)
            }
            if !gvk.isClusterScoped {
                try FieldPath.visit(&resource.node, segments: ["metadata", "namespace"], create: .scalar, setter)
            }
            let isRoleBinding = gvk.kind == "RoleBinding" || gvk.kind == "ClusterRoleBinding"
            if isRoleBinding { try moveDefaultSubjects(of: &resource, to: namespace) }
            for spec in specs {
                if spec.path == "metadata/namespace" { continue }
                if spec.path == "metadata/name" && resource.apiVersion != "v1" { continue }
                if isRoleBinding && spec.path == "subjects/namespace" { continue }
                do throws(BuildError) {
                    try FieldPath.apply(spec, to: &resource, create: .scalar, setter)
                } catch {
                    throw error.wrapped("namespace transformation failed")
                }
            }
        }
        var seen: [ResourceId: Int] = [:]
        for resource in map.resources {
            let id = resource.id
            let key = ResourceId(gvk: id.gvk, name: id.name, namespace: id.effectiveNamespace)
            seen[key, default: 0] += 1
            if seen[key, default: 0] > 1 {
                throw BuildError("namespace transformation produces ID conflict: \(id) appears more than once")
            }
        }
    }

    private static func moveDefaultSubjects(of resource: inout Resource, to namespace: String) throws(BuildError) {
        guard var subjects = resource.node["subjects"]?.sequence else { return }
        for i in subjects.indices {
            guard var subject = subjects[i].mapping, subject["name"]?.scalarText == "default" else { continue }
            subject["namespace"] = .string(namespace)
            subjects[i] = .mapping(subject)
        }
        resource.node.set(.sequence(subjects), at: ["subjects"])
    }
}
