/// Associative lists (patch strategy `merge`): items are merged by key. The order of the result
/// is kyaml's, with list growth towards the front as kustomize asks for it: every key value the
/// patch mentions comes first, in patch order, then the target's other items in their order.
/// Lists with several keys (container ports: `containerPort`, `protocol`) match an item that
/// lacks a key by the keys it has, which can reorder the target's items further.
extension MergeWalker {
    func walkAssociativeList(_ dest: MergeTree?, _ origin: MergeTree?, _ field: MergeSchema.Field)
        throws(BuildError) -> MergeTree?
    {
        guard let start = try visitList(dest, origin) else { return nil }
        let keys = field.keys
        let values = Self.keyValues(of: [origin, start], keys: keys)
        if !values.isEmpty || !keys.isEmpty {
            return try mergeItems(values, keys: keys, dest: start, origin: origin, field: field)
        }
        // A merge list without keys holds primitives (finalizers): a union by value.
        var seen: Set<String> = []
        var primitives: [[String]] = []
        for source in [origin, start] {
            for item in source?.items ?? [] where seen.insert(item.valueText).inserted {
                primitives.append([item.valueText])
            }
        }
        return try mergeItems(primitives, keys: [""], dest: start, origin: origin, field: field)
    }

    /// kyaml's `Merger.VisitList` for associative lists: which list the result starts from.
    private func visitList(_ dest: MergeTree?, _ origin: MergeTree?) throws(BuildError) -> MergeTree? {
        guard let dest, !dest.isNull else { return origin }
        if let origin, origin.isNull { return nil }
        guard let origin else { return dest }
        switch try Directive.ofSequence(origin) {
        case .delete: return nil
        case .replace: return origin
        case .merge: return dest
        }
    }

    /// The distinct key values of all items, patch items first. A missing or empty key is "".
    static func keyValues(of sources: [MergeTree?], keys: [String]) -> [[String]] {
        var seen: Set<[String]> = []
        var result: [[String]] = []
        for source in sources {
            for item in source?.items ?? [] {
                let values = keys.map { key in
                    guard let value = item.field(key), !value.isNullOrEmpty else { return "" }
                    return value.valueText
                }
                if values.isEmpty || !seen.insert(values).inserted { continue }
                result.append(values)
            }
        }
        return result
    }

    private func mergeItems(
        _ valuesList: [[String]], keys: [String], dest: MergeTree, origin: MergeTree?, field: MergeSchema.Field
    ) throws(BuildError) -> MergeTree {
        let added = MergeTree(MergeTree.Content.sequence([]))
        let elementField = schema.elements(of: field)
        let valuesList = keys.count > 1 ? Self.unifyPartialMatches(valuesList) : valuesList
        var validKeys: [String] = []
        for values in valuesList where !values.isEmpty {
            let (itemKeys, itemValues) = Self.usableKeys(valuesList, values, keys)
            validKeys = itemKeys
            let (lookupKeys, lookupValues) = Self.usableKeys([itemValues], itemValues, itemKeys)
            let merged = try walk(
                ListOps.find(in: dest, keys: lookupKeys, values: lookupValues),
                ListOps.find(in: origin, keys: lookupKeys, values: lookupValues),
                elementField)
            guard let merged, !merged.isNull, !merged.isEmptyMapping else {
                try ListOps.set(nil, in: dest, keys: itemKeys, values: itemValues)
                continue
            }
            for (key, value) in zip(itemKeys, itemValues) where !key.isEmpty && !value.isEmpty {
                if merged.isMapping, merged.field(key) == nil {
                    merged.setField(key, MergeTree(ScalarResolution.resolvePlain(value)))
                }
            }
            try ListOps.set(merged, in: added, keys: itemKeys, values: itemValues)
        }
        guard !valuesList.isEmpty else { return dest }
        try ListOps.append(itemsOf: dest, to: added, keys: validKeys)
        return added
    }

    /// kyaml's `mergeValues`: key tuples that agree wherever both have a value (8080/"" and
    /// 8080/TCP) become the same, fuller tuple.
    static func unifyPartialMatches(_ list: [[String]]) -> [[String]] {
        var list = list
        for i in list.indices {
            let first = list[i]
            for j in list.indices {
                guard first.count == list[j].count else { continue }
                var common = false
                var unified: [String] = []
                var compatible = true
                for (a, b) in zip(first, list[j]) {
                    if a == b {
                        common = true
                        unified.append(a)
                    } else if !a.isEmpty && !b.isEmpty {
                        compatible = false
                        break
                    } else {
                        unified.append(a.isEmpty ? b : a)
                    }
                }
                if compatible && common {
                    list[i] = unified
                    list[j] = unified
                }
            }
        }
        return list
    }

    /// kyaml's `validateKeys`: the keys that have a value in some tuple of `all` (all keys when
    /// none has), and the matching values of `values`.
    static func usableKeys(_ all: [[String]], _ values: [String], _ keys: [String]) -> ([String], [String]) {
        var used: Set<String> = []
        for tuple in all {
            for (i, value) in tuple.enumerated() where !value.isEmpty && i < keys.count {
                used.insert(keys[i])
            }
        }
        if used.isEmpty { return (keys, values) }
        let usableKeys = keys.filter { used.contains($0) }
        var usableValues: [String] = []
        for (i, value) in values.enumerated() where i < keys.count && (!value.isEmpty || used.contains(keys[i])) {
            usableValues.append(value)
        }
        return (usableKeys, usableValues)
    }
}
