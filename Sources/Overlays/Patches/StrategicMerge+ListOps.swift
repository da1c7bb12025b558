/// The list primitives associative merging is built from, with kyaml's matching rules: items are
/// compared by the text of their key fields (`8080` and `"8080"` match), null and empty-map items
/// are dropped whenever a list is rewritten, and a key whose wanted value is empty matches any
/// value.
enum ListOps {
    /// The field `name` of a map item if its text equals `value` (any value when `value` is
    /// empty); with an empty `name`, the scalar item itself if its text equals `value`.
    static func matchField(_ item: MergeTree, name: String, value: String) throws(BuildError) -> MergeTree? {
        if item.isNull { return nil }
        if name.isEmpty {
            guard case .scalar = item.content else { throw item.wrongKind(expected: "ScalarNode") }
            return item.valueText == value ? item : nil
        }
        guard item.isMapping else { throw item.wrongKind(expected: "MappingNode") }
        guard let field = item.field(name) else { return nil }
        return value.isEmpty || field.valueText == value ? field : nil
    }

    /// Replaces the items matching every key/value pair with `element`, or removes them when
    /// `element` is nil; appends `element` when nothing matched (kyaml's `ElementSetter`).
    static func set(_ element: MergeTree?, in list: MergeTree, keys: [String], values: [String]) throws(BuildError) {
        let keys = keys.isEmpty ? [""] : keys
        let matchesMappings = !keys[0].isEmpty && !(values.first ?? "").isEmpty
        var result: [MergeTree] = []
        var matched = false
        for item in list.items {
            if item.isNull || item.isEmptyMapping { continue }
            if !item.isMapping && matchesMappings {
                result.append(item)
                continue
            }
            var found = true
            var last: MergeTree?
            for j in keys.indices {
                if j < values.count { last = try matchField(item, name: keys[j], value: values[j]) }
                if last == nil {
                    found = false
                    break
                }
            }
            guard found else {
                if !values.isEmpty { result.append(item) }
                continue
            }
            matched = true
            if let element { result.append(element) }
        }
        list.items = result
        guard let element, !element.isNull else { return }
        if !matched { list.items.append(element) }
    }

    /// The first item whose key fields have exactly these texts (kyaml's `ElementList`); with an
    /// empty first key, the first item whose own text is `values[0]`.
    static func find(in list: MergeTree?, keys: [String], values: [String]) -> MergeTree? {
        guard let list, list.isSequence else { return nil }
        let keys = keys.isEmpty ? [""] : keys
        let values = values.isEmpty ? [""] : values
        if keys[0].isEmpty {
            return list.items.first { $0.valueText == values[0] }
        }
        guard keys.count == values.count else { return nil }
        return list.items.first { item in
            item.isMapping
                && keys.indices.allSatisfy { i in item.field(keys[i]).map { $0.valueText == values[i] } ?? false }
        }
    }

    /// Adds the items of `source` to `list` by key: an item replaces the one with the same key
    /// values, else is appended; an item lacking a key is appended as is (kyaml's `appendListNode`).
    static func append(itemsOf source: MergeTree, to list: MergeTree, keys: [String]) throws(BuildError) {
        for item in source.items {
            guard let firstKey = keys.first, !firstKey.isEmpty else {
                try set(item, in: list, keys: [""], values: [item.valueText])
                continue
            }
            var values: [String] = []
            for key in keys {
                guard let value = try matchField(item, name: key, value: "") else {
                    list.items.append(item)
                    continue
                }
                values.append(value.valueText)
            }
            if keys.count > 1 {
                try set(nil, in: list, keys: keys, values: values)
            }
            try set(item, in: list, keys: keys, values: values)
        }
    }
}
