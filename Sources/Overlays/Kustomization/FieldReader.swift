/// Strict reading of a kustomization's YAML into typed fields: unknown fields and wrong types are
/// errors naming the field, as kustomize's strict JSON decoding makes them.
struct FieldReader {
    let map: Mapping
    let file: String
    let context: String

    init(_ node: Node, file: String, context: String) throws(BuildError) {
        guard let map = node.mapping else {
            throw BuildError("\(file): \(context) must be a mapping, got \(GoJSON.valueKind(node))")
        }
        self.map = map
        self.file = file
        self.context = context
    }

    func rejectUnknown(allowed: Set<String>) throws(BuildError) {
        for key in map.keys where !allowed.contains(key) {
            throw BuildError("invalid \(context) in \(file): unknown field \"\(key)\"")
        }
    }

    private func mismatch(_ key: String, _ node: Node, _ expected: String) -> BuildError {
        BuildError(
            "invalid \(context) in \(file): field \(key) must be \(expected), got \(GoJSON.valueKind(node))")
    }

    func string(_ key: String) throws(BuildError) -> String? {
        guard let node = map[key], !node.isNull else { return nil }
        guard case .string(let s) = node else { throw mismatch(key, node, "a string") }
        return s
    }

    func bool(_ key: String) throws(BuildError) -> Bool? {
        guard let node = map[key], !node.isNull else { return nil }
        guard case .bool(let b) = node else { throw mismatch(key, node, "a boolean") }
        return b
    }

    func int(_ key: String) throws(BuildError) -> Int? {
        guard let node = map[key], !node.isNull else { return nil }
        guard case .int(let i) = node else { throw mismatch(key, node, "an integer") }
        return Int(i)
    }

    func strings(_ key: String) throws(BuildError) -> [String] {
        guard let node = map[key], !node.isNull else { return [] }
        guard case .sequence(let items) = node else { throw mismatch(key, node, "a list of strings") }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { throw mismatch(key, item, "a list of strings") }
            out.append(s)
        }
        return out
    }

    func stringMap(_ key: String) throws(BuildError) -> [(key: String, value: String)] {
        guard let node = map[key], !node.isNull else { return [] }
        guard case .mapping(let m) = node else { throw mismatch(key, node, "a map of strings") }
        var out: [(key: String, value: String)] = []
        for entry in m {
            switch entry.value {
            case .string(let s): out.append((entry.key, s))
            case .null: out.append((entry.key, ""))
            default: throw mismatch("\(key).\(entry.key)", entry.value, "a string")
            }
        }
        return out
    }

    func list(_ key: String) throws(BuildError) -> [Node] {
        guard let node = map[key], !node.isNull else { return [] }
        guard case .sequence(let items) = node else { throw mismatch(key, node, "a list") }
        return items
    }

    func node(_ key: String) -> Node? {
        guard let node = map[key], !node.isNull else { return nil }
        return node
    }
}
