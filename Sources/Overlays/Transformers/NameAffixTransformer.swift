/// `namePrefix:` and `nameSuffix:` — renames objects (except Namespaces, CRDs and APIServices) and
/// remembers the old id so references can follow.
enum NameAffixTransformer {
    enum Affix {
        case prefix(String)
        case suffix(String)
    }

    private static let skipped = [
        GroupVersionKind(kind: "CustomResourceDefinition"),
        GroupVersionKind(group: "apiregistration.k8s.io", kind: "APIService"),
        GroupVersionKind(kind: "Namespace"),
    ]

    static func apply(_ affix: Affix, specs: [FieldSpec], to map: inout ResourceMap) throws(BuildError) {
        try map.transform { (resource: inout Resource) throws(BuildError) in
            let original = resource.originalId.gvk
            if skipped.contains(where: { original.isSelected(by: $0) }) { return }
            for spec in specs where original.isSelected(by: spec.gvk) {
                if spec.path == "metadata/name" {
                    switch affix {
                    case .prefix(let p):
                        resource.namePrefixes.append(p)
                        if !p.isEmpty { resource.rememberCurrentId() }
                    case .suffix(let s):
                        resource.nameSuffixes.append(s)
                        if !s.isEmpty { resource.rememberCurrentId() }
                    }
                }
                try FieldPath.visit(&resource.node, segments: spec.segments[...], create: nil) {
                    (value: inout Node) throws(BuildError) in
                    guard let text = value.scalarText else { return }
                    switch affix {
                    case .prefix(let p): value = .string(p + text)
                    case .suffix(let s): value = .string(text + s)
                    }
                }
            }
        }
    }
}
