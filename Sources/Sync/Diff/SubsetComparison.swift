import Overlays

/// The local drift check: is every field of the desired object present and equal in the live object?
/// Extra live fields (server defaults, other managers' fields, status) are not drift. Lists with merge
/// keys match items by key; other lists are atomic and must have the same length, item by item.
public enum SubsetComparison {
    /// Metadata the server owns; never compared.
    static let ignoredMetadata: Set<String> = [
        "managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ]

    /// The path of the first desired field that live lacks or holds differently, or nil when desired ⊆ live.
    public static func firstDifference(desired: Node, live: Node) -> String? {
        guard let d = secretStringDataAsData(desired).mapping, let l = live.mapping else { return "(object)" }
        for entry in d {
            switch entry.key {
            case "status": continue
            case "metadata":
                guard let dm = entry.value.mapping else { continue }
                let lm = l["metadata"]?.mapping ?? Mapping()
                for m in dm where !ignoredMetadata.contains(m.key) {
                    if let path = difference(m.value, lm[m.key], path: "metadata.\(m.key)", field: m.key) {
                        return path
                    }
                }
            default:
                if let path = difference(entry.value, l[entry.key], path: entry.key, field: entry.key) {
                    return path
                }
            }
        }
        return nil
    }

    static func difference(_ desired: Node, _ live: Node?, path: String, field: String) -> String? {
        switch desired {
        case .null:
            return nil  // an explicit null asks for nothing
        case .mapping(let dm):
            guard let live, !live.isNull else { return dm.isEmpty ? nil : path }
            guard let lm = live.mapping else { return path }
            for entry in dm {
                if let p = difference(entry.value, lm[entry.key], path: "\(path).\(entry.key)", field: entry.key) {
                    return p
                }
            }
            return nil
        case .sequence(let ds):
            guard let live, !live.isNull else { return ds.isEmpty ? nil : path }
            guard let ls = live.sequence else { return path }
            if let keys = MergeKeys.keys(forList: field, sample: ds.first), ds.allSatisfy({ $0.mapping != nil }) {
                for (i, item) in ds.enumerated() {
                    guard let match = ls.first(where: { MergeKeys.matches(item, $0, keys: keys) }) else {
                        return "\(path)[\(i)]"
                    }
                    if let p = difference(item, match, path: "\(path)[\(i)]", field: "") { return p }
                }
                return nil
            }
            guard ds.count == ls.count else { return path }
            for (i, item) in ds.enumerated() {
                if let p = difference(item, ls[i], path: "\(path)[\(i)]", field: "") { return p }
            }
            return nil
        default:
            guard let live, ScalarComparison.equal(desired, live) else { return path }
            return nil
        }
    }

    /// A Secret's `stringData` is write-only: the server merges it into `data` (base64). Compare it that way.
    static func secretStringDataAsData(_ node: Node) -> Node {
        guard node["kind"]?.string == "Secret", node["apiVersion"]?.string == "v1",
            let stringData = node["stringData"]?.mapping
        else { return node }
        var out = node
        var data = node["data"]?.mapping ?? Mapping()
        for entry in stringData {
            data[entry.key] = .string(Base64.encode(Array((entry.value.scalarText ?? "").utf8)))
        }
        out.set(.mapping(data), at: ["data"])
        out.set(nil, at: ["stringData"])
        return out
    }
}
