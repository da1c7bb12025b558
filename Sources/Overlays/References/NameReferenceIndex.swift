/// The objects a name reference may resolve to, indexed once per `NameReferences.fix` so each
/// reference looks its candidates up instead of scanning every object (kustomize scans, which makes
/// its name reference fixing quadratic).
///
/// kustomize only considers objects whose *previous* ids carry the referenced name, so the main
/// index is previous name → positions, in build order. All further sieves are per-candidate
/// predicates applied to that short list, which keeps kustomize's order and results.
struct NameReferenceIndex {
    struct Entry {
        var currentId: ResourceId
        var currentEffectiveNamespace: String
        var isClusterScoped: Bool
        /// kustomize's PrevIds: previous names, namespaces and kinds with the *current* group/version.
        var previousIds: [ResourceId]
        var originalEffectiveNamespace: String
        var kind: String
        var namePrefixes: [String]
        var nameSuffixes: [String]
        var name: String
        var namespace: String
        /// The object as it was when the index was built, for error details.
        var resource: Resource
    }

    private(set) var entries: [Entry] = []
    private var byPreviousName: [String: [Int]] = [:]
    /// Positions of namespaced objects by the effective namespace of their original id.
    private var byOriginalNamespace: [String: [Int]] = [:]

    init(_ map: ResourceMap) {
        entries.reserveCapacity(map.count)
        for (position, resource) in map.resources.enumerated() {
            let current = resource.id
            let gvk = current.gvk
            let previous = resource.previousIds.map { old in
                ResourceId(
                    gvk: GroupVersionKind(group: gvk.group, version: gvk.version, kind: old.gvk.kind),
                    name: old.name, namespace: old.namespace)
            }
            let original = previous.first ?? current
            let entry = Entry(
                currentId: current, currentEffectiveNamespace: current.effectiveNamespace,
                isClusterScoped: current.gvk.isClusterScoped, previousIds: previous,
                originalEffectiveNamespace: original.effectiveNamespace, kind: gvk.kind,
                namePrefixes: resource.namePrefixes, nameSuffixes: resource.nameSuffixes,
                name: resource.name, namespace: resource.namespace, resource: resource)
            entries.append(entry)
            var seen: Set<String> = []
            for id in previous where seen.insert(id.name).inserted {
                byPreviousName[id.name, default: []].append(position)
            }
            if !original.gvk.isClusterScoped {
                byOriginalNamespace[entry.originalEffectiveNamespace, default: []].append(position)
            }
        }
    }

    /// Objects that once had this name, in build order.
    func candidates(previouslyNamed name: String) -> [Int] {
        byPreviousName[name] ?? []
    }

    /// Whether some object the referrer may reference has this original (effective) namespace.
    func hasOriginalNamespace(_ namespace: String, within scope: ReferrerScope) -> Bool {
        guard let members = byOriginalNamespace[namespace] else { return false }
        return members.contains { scope.mayReference(entries[$0]) }
    }
}

/// What kustomize's `SubsetThatCouldBeReferencedByResource` and the namespace sieve need to know
/// about one referrer.
struct ReferrerScope {
    var id: ResourceId
    var isClusterScoped: Bool
    var effectiveNamespace: String
    /// For a RoleBinding: the namespaces its ServiceAccount subjects name.
    var roleBindingNamespaces: Set<String>
    var namePrefixes: [String]
    var nameSuffixes: [String]

    init(_ resource: Resource) throws(BuildError) {
        id = resource.id
        isClusterScoped = id.gvk.isClusterScoped
        effectiveNamespace = id.effectiveNamespace
        namePrefixes = resource.namePrefixes
        nameSuffixes = resource.nameSuffixes
        roleBindingNamespaces = []
        guard resource.kind == "RoleBinding", let subjects = resource.node["subjects"]?.sequence else { return }
        for subject in subjects {
            guard let map = subject.mapping, let namespace = map["namespace"],
                map["kind"]?.string == "ServiceAccount"
            else { continue }
            guard case .string(let ns) = namespace else {
                throw BuildError("Invalid Input: namespace is blank for resource \"\(id)\"\n")
            }
            roleBindingNamespaces.insert(ns)
        }
    }

    /// kustomize's subset of objects this referrer could refer to (by current ids).
    func mayReference(_ entry: NameReferenceIndex.Entry) -> Bool {
        if isClusterScoped || entry.isClusterScoped { return true }
        if entry.currentEffectiveNamespace == effectiveNamespace { return true }
        return roleBindingNamespaces.contains(entry.namespace)
    }

    /// kustomize's `sameCurrentNamespaceAsReferrer` sieve.
    func sharesNamespace(with entry: NameReferenceIndex.Entry) -> Bool {
        if isClusterScoped || entry.isClusterScoped || entry.kind == "ServiceAccount" { return true }
        return entry.currentEffectiveNamespace == effectiveNamespace
    }

    /// kustomize's `PrefixesSuffixesEquals`.
    func prefixesSuffixesEqual(_ entry: NameReferenceIndex.Entry, allowEmpty: Bool) -> Bool {
        if allowEmpty {
            let prefixesOK = entry.namePrefixes.isEmpty || namePrefixes.isEmpty
                || Self.sameEnding(entry.namePrefixes, namePrefixes)
            let suffixesOK = entry.nameSuffixes.isEmpty || nameSuffixes.isEmpty
                || Self.sameEnding(entry.nameSuffixes, nameSuffixes)
            return prefixesOK && suffixesOK
        }
        return Self.sameEnding(entry.namePrefixes, namePrefixes) && Self.sameEnding(entry.nameSuffixes, nameSuffixes)
    }

    /// kustomize's `SameEndingSubSlice`: the shorter list ends the longer one (two empties match).
    static func sameEnding(_ a: [String], _ b: [String]) -> Bool {
        let (shorter, longer) = a.count <= b.count ? (a, b) : (b, a)
        if shorter.isEmpty { return longer.isEmpty }
        return Array(longer.suffix(shorter.count)) == shorter
    }
}
