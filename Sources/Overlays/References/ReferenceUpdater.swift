/// Updates one name reference field of one referrer (kustomize's nameref filter `set`): a scalar
/// holds a name; a mapping holds `name` and maybe `namespace` (RBAC subjects, webhook services); a
/// sequence holds either.
///
/// A class: the field visitor passes it along at every step of a path, and copying the referrer there
/// cost more than the updates.
final class ReferenceUpdater {
    let index: NameReferenceIndex
    let scope: ReferrerScope
    /// The referrer as it is when this field's update starts, for error details.
    let referrer: Resource
    /// The type the field refers to (the `nameReference` entry's kind).
    let target: GroupVersionKind
    let path: String
    /// For `roleRef/name`: the roleRef's apiGroup and kind, which the referral must match.
    let roleRef: GroupVersionKind?

    init(
        index: NameReferenceIndex, scope: ReferrerScope, referrer: Resource, target: GroupVersionKind, path: String,
        roleRef: GroupVersionKind?
    ) {
        self.index = index
        self.scope = scope
        self.referrer = referrer
        self.target = target
        self.path = path
        self.roleRef = roleRef
    }

    func update(_ node: inout Node) throws(BuildError) {
        switch node {
        case .null:
            return
        case .mapping:
            try updateMapping(&node)
        case .sequence(var items):
            node = .null  // out of `node`, so the items change in place
            defer { node = .sequence(items) }
            for i in items.indices {
                switch items[i] {
                case .null: continue
                case .mapping: try updateMapping(&items[i])
                case .sequence:
                    throw BuildError("\(items[i]) is expected to be either a string or a map of string")
                default: try updateScalar(&items[i])
                }
            }
        default:
            try updateScalar(&node)
        }
    }

    private func updateScalar(_ node: inout Node) throws(BuildError) {
        let oldName = node.scalarText ?? ""
        let candidates = index.candidates(previouslyNamed: oldName).filter { scope.mayReference(index.entries[$0]) }
        guard let referral = try select(oldName, candidates, compareNamespaces: false) else { return }
        let newName = index.entries[referral].name
        if newName != oldName { node = .string(newName) }
    }

    private func updateMapping(_ node: inout Node) throws(BuildError) {
        guard var map = node.mapping else { throw BuildError("expect a mapping node") }
        guard let nameNode = map["name"] else { throw BuildError("path config error; no 'name' field in node") }
        let oldName = nameNode.scalarText ?? ""
        var candidates = index.candidates(previouslyNamed: oldName).filter { scope.mayReference(index.entries[$0]) }
        if let namespaceNode = map["namespace"] {
            // kustomize groups the candidates by original namespace when any has the one written
            // here, else by current namespace; "" names no group.
            let namespace = namespaceNode.scalarText ?? ""
            if index.hasOriginalNamespace(namespace, within: scope) {
                candidates = candidates.filter {
                    let e = index.entries[$0]
                    return !e.isClusterScopedOriginally && e.originalEffectiveNamespace == namespace
                }
            } else {
                candidates = candidates.filter {
                    let e = index.entries[$0]
                    return !e.isClusterScoped && e.currentEffectiveNamespace == namespace
                }
            }
        }
        guard let referral = try select(oldName, candidates, compareNamespaces: true) else { return }
        let entry = index.entries[referral]
        if entry.name == oldName && entry.namespace.isEmpty { return }
        map["name"] = .string(entry.name)
        if !entry.namespace.isEmpty { map["namespace"] = .string(entry.namespace) }
        node = .mapping(map)
    }

    /// kustomize's `selectReferral`: sieve by type, roleRef and namespace; when several remain,
    /// prefer those whose prefixes/suffixes match the referrer's; equal names (and namespaces)
    /// count as one; otherwise the reference is ambiguous.
    private func select(_ oldName: String, _ candidates: [Int], compareNamespaces: Bool) throws(BuildError) -> Int? {
        var remaining = candidates.filter { i in
            let entry = index.entries[i]
            guard entry.previousIds.contains(where: { $0.gvk.isSelected(by: target) }) else { return false }
            if let roleRef, !entry.previousIds.contains(where: { $0.gvk.isSelected(by: roleRef) }) { return false }
            return scope.sharesNamespace(with: entry)
        }
        if remaining.count == 1 { return remaining[0] }
        remaining = remaining.filter { scope.prefixesSuffixesEqual(index.entries[$0], allowEmpty: true) }
        if remaining.count > 1 {
            remaining = remaining.filter { scope.prefixesSuffixesEqual(index.entries[$0], allowEmpty: false) }
        }
        guard let first = remaining.first else { return nil }
        if remaining.count == 1 { return first }
        let head = index.entries[first]
        let identical = remaining.allSatisfy { i in
            let e = index.entries[i]
            return e.name == head.name && (!compareNamespaces || e.namespace == head.namespace)
        }
        if identical { return first }
        let ids = remaining.map { index.entries[$0].currentId.description }.joined(separator: ", ")
        var details = "\n**** Too many possible referral targets to referrer:\n\(Self.debugYAML(referrer))\n"
        for (n, i) in remaining.enumerated() {
            details += "--- possible referral \(n):\n\(Self.debugYAML(index.entries[i].resource))\n"
        }
        throw BuildError("found multiple possible referrals: \(ids)\n\(details)")
    }
}

extension ReferenceUpdater {
    /// An object as kustomize prints it in errors: with its build bookkeeping as annotations.
    static func debugYAML(_ resource: Resource) -> String {
        var node = resource.node
        var annotations = node["metadata", "annotations"]?.mapping ?? Mapping()
        let previous = resource.previousIds
        if !previous.isEmpty {
            annotations["internal.config.kubernetes.io/previousKinds"] =
                .string(previous.map(\.gvk.kind).joined(separator: ","))
            annotations["internal.config.kubernetes.io/previousNames"] = .string(previous.map(\.name).joined(separator: ","))
            annotations["internal.config.kubernetes.io/previousNamespaces"] =
                .string(previous.map(\.effectiveNamespace).joined(separator: ","))
        }
        if !resource.namePrefixes.isEmpty {
            annotations["internal.config.kubernetes.io/prefixes"] = .string(resource.namePrefixes.joined(separator: ","))
        }
        if !resource.nameSuffixes.isEmpty {
            annotations["internal.config.kubernetes.io/suffixes"] = .string(resource.nameSuffixes.joined(separator: ","))
        }
        if !annotations.isEmpty { node.set(.mapping(annotations), at: ["metadata", "annotations"]) }
        return (try? YAMLEmitter.document(node)) ?? "\(resource.id)\n"
    }
}

extension NameReferenceIndex.Entry {
    /// Whether the object's original type is cluster-scoped (kustomize groups by original id).
    var isClusterScopedOriginally: Bool {
        (previousIds.first?.gvk ?? currentId.gvk).isClusterScoped
    }
}
