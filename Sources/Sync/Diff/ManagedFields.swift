import Overlays

/// The fields a manager owns in a live object, from `metadata.managedFields[].fieldsV1`
/// (`f:spec` → field, `k:{"name":"app"}` → list item by key, `v:"x"` → set item, `.` → the item itself).
public enum ManagedFields {
    /// The merged `fieldsV1` trees of `manager`'s Apply entries, or nil when it owns nothing.
    public static func owned(by manager: String, in live: Node) -> [Mapping] {
        var out: [Mapping] = []
        for entry in live["metadata", "managedFields"]?.sequence ?? [] {
            guard entry["manager"]?.string == manager, entry["operation"]?.string == "Apply",
                let fields = entry["fieldsV1"]?.mapping
            else { continue }
            out.append(fields)
        }
        return out
    }

    /// The first field `manager` applied earlier that the desired object no longer holds (applying would
    /// remove it from the live object), or nil.
    public static func firstRemoved(desired: Node, live: Node, manager: String = dlsyncFieldManager) -> String? {
        for tree in owned(by: manager, in: live) {
            if let path = missing(tree, in: desired, path: "") { return path }
        }
        return nil
    }

    static func missing(_ owned: Mapping, in desired: Node?, path: String) -> String? {
        for entry in owned {
            let key = entry.key
            if key == "." { continue }
            let sub = entry.value.mapping ?? Mapping()
            if key.hasPrefix("f:") {
                let name = String(key.dropFirst(2))
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                guard let child = desired?.mapping?[name] else { return childPath }
                if let p = missing(sub, in: child, path: childPath) { return p }
            } else if key.hasPrefix("k:") {
                guard let keyObject = try? JSONDecoding.decode(String(key.dropFirst(2))), let fields = keyObject.mapping
                else { continue }
                let items = desired?.sequence ?? []
                // Absent desired key fields match (the server filled them in, e.g. protocol: TCP).
                let match = items.first { item in
                    fields.allSatisfy { f in item[f.key].map { ScalarComparison.equal($0, f.value) } ?? true }
                }
                let itemPath = "\(path)[\(JSONEncoding.encode(keyObject))]"
                guard let match else { return itemPath }
                if let p = missing(sub, in: match, path: itemPath) { return p }
            } else if key.hasPrefix("v:") {
                guard let value = try? JSONDecoding.decode(String(key.dropFirst(2))) else { continue }
                let items = desired?.sequence ?? []
                if !items.contains(where: { ScalarComparison.equal($0, value) }) {
                    return "\(path)[\(JSONEncoding.encode(value))]"
                }
            }
            // `i:` (positional items of atomic lists) are covered by comparing the list itself.
        }
        return nil
    }
}
