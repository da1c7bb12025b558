/// The object and array primitives of evanphx/json-patch, with its index rules and error texts.
enum Containers {
    private static func invalidIndex(_ i: Int) -> BuildError {
        BuildError("Unable to access invalid index: \(i): invalid index referenced")
    }

    /// Resolves `path` to its container and last key and runs `body` there; `missing` is the
    /// operation's message for a path whose container does not exist.
    static func at(
        _ doc: inout Node, _ path: String, missing: String,
        _ body: (inout Node, String) throws(BuildError) -> Void
    ) throws(BuildError) {
        guard let pointer = JSONPointer(path) else { throw BuildError("\(missing): missing value") }
        let found = try JSONPointer.withContainer(&doc, pointer.parents[...]) { (container) throws(BuildError) in
            try body(&container, pointer.key)
        }
        if !found { throw BuildError("\(missing): missing value") }
    }

    /// The value at `key`: nil for a missing object key; an error for a bad array index.
    static func get(_ container: Node, _ key: String) -> Result<Node?, BuildError> {
        switch container {
        case .mapping(let map):
            return .success(map[key])
        case .sequence(let items):
            switch JSONPointer.index(key) {
            case .failure(let error): return .failure(error)
            case .success(var i):
                if i < 0 {
                    guard i >= -items.count else { return .failure(invalidIndex(i)) }
                    i += items.count
                }
                guard i < items.count else { return .failure(invalidIndex(i)) }
                return .success(items[i])
            }
        default:
            return .success(nil)
        }
    }

    /// Overwrites an existing element (replace).
    static func set(_ container: inout Node, _ key: String, _ value: Node) throws(BuildError) {
        switch container {
        case .mapping(var map):
            map[key] = value
            container = .mapping(map)
        case .sequence(var items):
            var i = try JSONPointer.index(key).get()
            if i < 0 {
                guard i >= -items.count else { throw invalidIndex(i) }
                i += items.count
            }
            guard i < items.count else { throw invalidIndex(i) }
            items[i] = value
            container = .sequence(items)
        default:
            break
        }
    }

    /// Sets an object key, or inserts into an array (`-` appends).
    static func add(_ container: inout Node, _ key: String, _ value: Node) throws(BuildError) {
        switch container {
        case .mapping(var map):
            map[key] = value
            container = .mapping(map)
        case .sequence(var items):
            if key == "-" {
                items.append(value)
                container = .sequence(items)
                return
            }
            var i: Int
            switch JSONPointer.index(key) {
            case .success(let index): i = index
            case .failure(let error): throw error.wrapped("value was not a proper array index: '\(key)'")
            }
            let size = items.count + 1
            guard i < size else { throw invalidIndex(i) }
            if i < 0 {
                guard i >= -size else { throw invalidIndex(i) }
                i += size
            }
            items.insert(value, at: i)
            container = .sequence(items)
        default:
            break
        }
    }

    /// Removes an object key or array element; returns what was removed.
    static func remove(_ container: inout Node, _ key: String) throws(BuildError) -> Node {
        switch container {
        case .mapping(var map):
            guard let old = map[key] else {
                throw BuildError("Unable to remove nonexistent key: \(key): missing value")
            }
            map[key] = nil
            container = .mapping(map)
            return old
        case .sequence(var items):
            var i = try JSONPointer.index(key).get()
            guard i < items.count else { throw invalidIndex(i) }
            if i < 0 {
                guard i >= -items.count else { throw invalidIndex(i) }
                i += items.count
            }
            let old = items.remove(at: i)
            container = .sequence(items)
            return old
        default:
            return .null
        }
    }
}

/// Structural equality of the `test` operation: objects by keys, arrays element-wise, scalars by
/// their JSON text (so 1 and 1.0 are equal, 1 and "1" are not).
enum JSONEquality {
    static func equal(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return false }
            return x.entries.allSatisfy { entry in y[entry.key].map { equal(entry.value, $0) } ?? false }
        case (.sequence(let x), .sequence(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.mapping, _), (.sequence, _), (_, .mapping), (_, .sequence):
            return false
        default:
            return text(a) == text(b)
        }
    }

    private static func text(_ scalar: Node) -> String {
        switch scalar {
        case .string(let s): return "\"" + s
        case .float(let d): return GoNumberFormat.jsonText(d)
        default: return scalar.scalarText ?? "null"
        }
    }
}

/// kustomize turns a JSON-patched object back into YAML by way of Go's `interface{}`: every number
/// becomes a float64 and is then printed with `%g` and read back, so `1.50` is `1.5`, `1e3` is
/// `1000` and integers beyond 2^53 lose precision.
enum JSONNumbers {
    static func roundTrip(_ node: Node) throws(BuildError) -> Node {
        switch node {
        case .int(let i): return try number(Double(i))
        case .uint(let u): return try number(Double(u))
        case .float(let d): return try number(d)
        case .sequence(let items):
            var out: [Node] = []
            for item in items { out.append(try roundTrip(item)) }
            return .sequence(out)
        case .mapping(let map):
            var out = Mapping()
            for entry in map { out[entry.key] = try roundTrip(entry.value) }
            return .mapping(out)
        default:
            return node
        }
    }

    private static func number(_ d: Double) throws(BuildError) -> Node {
        guard d.isFinite else { throw BuildError("json: unsupported value: \(GoNumberFormat.formatG(d))") }
        return ScalarResolution.resolvePlain(GoNumberFormat.formatG(d))
    }
}
