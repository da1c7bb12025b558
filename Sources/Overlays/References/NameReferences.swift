/// kustomize's name reference transformer: after objects were renamed (prefix, suffix, hash suffix,
/// namespace, patches — each recorded with `Resource.rememberCurrentId()`), every field that refers
/// to another object by name (the config's `nameReference` lists) is updated to the new name.
///
/// Candidates come from a `NameReferenceIndex` built once, so the work is linear in the number of
/// references rather than references × objects.
public enum NameReferences {
    public static func fix(_ map: inout ResourceMap, config: TransformerConfig) throws(BuildError) {
        guard !config.nameReference.isEmpty else { return }
        let index = NameReferenceIndex(map)
        // The fields to visit depend only on the type, and a build has few types but many objects.
        var filtersByType: [GroupVersionKind: [(spec: FieldSpec, target: GroupVersionKind)]] = [:]
        for position in map.indices {
            let entry = index.entries[position]
            let originalGVK = entry.previousIds.first?.gvk ?? entry.currentId.gvk
            let filters: [(spec: FieldSpec, target: GroupVersionKind)]
            if let known = filtersByType[originalGVK] {
                filters = known
            } else {
                filters = referenceFields(of: originalGVK, config: config)
                filtersByType[originalGVK] = filters
            }
            guard !filters.isEmpty else { continue }
            var resource = map[position]
            let scope = try ReferrerScope(resource)
            for (spec, target) in filters {
                let segments = spec.segments[...]
                // Most candidate fields are absent; finding that out copies nothing, unlike a visit.
                guard ReferenceFieldVisitor.mayReach(resource.node, path: segments) else { continue }
                let updater = ReferenceUpdater(
                    index: index, scope: scope, referrer: resource, target: target, path: spec.path,
                    roleRef: roleRefGVK(resource, path: spec.path))
                do {
                    try ReferenceFieldVisitor.visit(&resource.node, path: segments) {
                        (node: inout Node) throws(BuildError) in try updater.update(&node)
                    }
                } catch {
                    throw error
                        .wrapped("considering field '\(spec.path)' of object \(scope.id)")
                        .wrapped("updating name reference in '\(spec.path)' field of '\(scope.id)'")
                }
            }
            map[position] = resource
        }
    }

    /// The fields of an object of type `gvk` that may name another object, and the type they name.
    private static func referenceFields(of gvk: GroupVersionKind, config: TransformerConfig)
        -> [(spec: FieldSpec, target: GroupVersionKind)]
    {
        var filters: [(spec: FieldSpec, target: GroupVersionKind)] = []
        for backReference in config.nameReference {
            for spec in backReference.referrers where gvk.isSelected(by: spec.gvk) {
                filters.append((spec, backReference.gvk))
            }
        }
        return filters
    }

    /// For `…roleRef/name` fields: the type the roleRef names (apiGroup and kind), when both are there.
    private static func roleRefGVK(_ resource: Resource, path: String) -> GroupVersionKind? {
        guard path.hasSuffix("roleRef/name"), let roleRef = resource.node["roleRef"]?.mapping,
            let group = roleRef["apiGroup"], let kind = roleRef["kind"], !group.isNull, !kind.isNull
        else { return nil }
        return GroupVersionKind(group: group.scalarText ?? "", kind: kind.scalarText ?? "")
    }
}

/// Walks a field spec path without creating anything (kustomize's fieldspec filter), wrapping
/// errors met inside sequences the way kustomize does.
enum ReferenceFieldVisitor {
    /// False when `visit` would neither call its body nor fail: the path leads nowhere in `node`.
    static func mayReach(_ node: Node, path: ArraySlice<String>) -> Bool {
        guard let head = path.first else { return true }
        switch node {
        case .null:
            return false
        case .sequence(let items):
            return items.contains { mayReach($0, path: path) }
        case .mapping(let map):
            let name = fieldName(head)
            guard !name.isEmpty else { return true }
            guard let field = map[name] else { return false }
            return mayReach(field, path: path.dropFirst())
        default:
            return true
        }
    }

    /// The field a path segment names: `containers[]` → `containers`. Looks at the last byte first, as
    /// `hasSuffix` is slow for the few segments it would find.
    private static func fieldName(_ segment: String) -> String {
        segment.utf8.last == UInt8(ascii: "]") && segment.hasSuffix("[]") ? String(segment.dropLast(2)) : segment
    }

    static func visit(
        _ node: inout Node, path: ArraySlice<String>, _ body: (inout Node) throws(BuildError) -> Void
    ) throws(BuildError) {
        guard let head = path.first else {
            try body(&node)
            return
        }
        switch node {
        case .null:
            return
        case .sequence(var items):
            // Out of `node` while visiting, so changes go to the only copy instead of copying it first.
            node = .null
            defer { node = .sequence(items) }
            for i in items.indices {
                do {
                    try visit(&items[i], path: path, body)
                } catch {
                    throw error.wrapped("visit traversal on path: [\(path.joined(separator: " "))]")
                }
            }
        case .mapping(var map):
            let name = fieldName(head)
            guard !name.isEmpty else { throw BuildError("cannot set or create an empty field name") }
            guard let position = map.index(of: name) else { return }
            node = .null
            defer { node = .mapping(map) }
            try map.updateValue(at: position) { (field: inout Node) throws(BuildError) in
                try visit(&field, path: path.dropFirst(), body)
            }
        default:
            throw BuildError("expected sequence or mapping node")
        }
    }
}
