/// kustomize's strategic merge patch (kyaml `merge2.Merge` with list items prepended):
///
/// - maps merge field by field; a `null` in the patch deletes the field;
/// - lists whose schema has patch strategy `merge` are associative: items are matched by merge
///   key(s) and merged, items only in the patch come first (in patch order), then the target's
///   remaining items; primitive merge lists (e.g. `finalizers`) are unions;
/// - every other list, and every list of a type without schema (custom resources), is replaced;
/// - `$patch: delete | replace | merge` on a map, on a list (as an item holding only `$patch`)
///   and `$patch: delete` on a list item are honoured; `$setElementOrder/…`, `$retainKeys` and
///   `$deleteFromPrimitiveList/…` are not interpreted and end up in the result as plain fields.
public enum StrategicMerge {
    /// The target with the patch merged in, or nil when the patch deletes the whole object
    /// (`$patch: delete` at its top level). The schema is looked up by the target's apiVersion and
    /// kind (else the patch's), and again for nested objects that carry their own.
    public static func apply(patch: Node, to target: Node, schema: MergeSchema) throws(BuildError) -> Node? {
        let walker = MergeWalker(schema: schema)
        return try walker.walk(MergeTree(target), MergeTree(patch), nil)?.node
    }
}

/// One merge: visits target (`dest`) and patch (`origin`) together, as kyaml's walker does.
struct MergeWalker {
    let schema: MergeSchema

    func walk(_ dest: MergeTree?, _ origin: MergeTree?, _ field: MergeSchema.Field?) throws(BuildError)
        -> MergeTree?
    {
        let field = field ?? typeSchema(dest, origin)
        let present = [dest, origin].compactMap { $0 }.filter { !$0.isNull }
        guard let first = present.first else {
            // Only nulls or nothing: walked as a map.
            return try walkMap(dest, origin, field)
        }
        for other in present {
            switch (first.content, other.content) {
            case (.mapping, .mapping), (.sequence, .sequence), (.scalar, .scalar): continue
            default: throw other.wrongKind(expected: first.kindName)
            }
        }
        switch first.content {
        case .mapping:
            return try walkMap(dest, origin, field)
        case .sequence:
            if let field, field.isMergeList {
                return try walkAssociativeList(dest, origin, field)
            }
            return origin ?? dest
        case .scalar:
            return origin ?? dest
        }
    }

    /// With no schema from the parent, a node that names its own apiVersion and kind gets theirs.
    private func typeSchema(_ dest: MergeTree?, _ origin: MergeTree?) -> MergeSchema.Field? {
        for source in [dest, origin] {
            guard let source, !source.isNull else { continue }
            let apiVersion = source.field("apiVersion").map { $0.isNullOrEmpty ? "" : $0.valueText } ?? ""
            let kind = source.field("kind").map { $0.isNullOrEmpty ? "" : $0.valueText } ?? ""
            guard !apiVersion.isEmpty, !kind.isEmpty else { continue }
            if let found = schema.resource(apiVersion: apiVersion, kind: kind) { return found }
        }
        return nil
    }

    private func walkMap(_ dest: MergeTree?, _ origin: MergeTree?, _ field: MergeSchema.Field?)
        throws(BuildError) -> MergeTree?
    {
        guard let merged = try visitMap(dest, origin) else { return nil }
        var names = merged.fieldNames
        for name in origin?.fieldNames ?? [] where !names.contains(name) { names.append(name) }
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in names {
            let childField = field.flatMap { schema.child(of: $0, name) }
            let value = try walk(merged.field(name), origin?.field(name), childField)
            if let value, !value.isNull || value.keepNull {
                merged.setField(name, value)
            } else {
                merged.removeField(name)
            }
        }
        return merged
    }

    /// kyaml's `Merger.VisitMap`: which node the merged map starts from, or nil to drop it.
    private func visitMap(_ dest: MergeTree?, _ origin: MergeTree?) throws(BuildError) -> MergeTree? {
        guard let dest, !dest.isNull else {
            if let origin, origin.isMapping, (try? Directive.ofMapping(origin)) == .delete {
                return nil
            }
            if origin == nil, dest != nil {
                let kept = MergeTree(MergeTree.Content.scalar(.null))
                kept.keepNull = true
                return kept
            }
            return origin
        }
        if let origin, origin.isNull { return nil }
        guard let origin else { return dest }
        switch try Directive.ofMapping(origin) {
        case .delete: return nil
        case .replace: return origin
        case .merge: return dest
        }
    }
}
