/// A YAML document as kustomize sees it after its yaml.v3 decode: scalars already resolved to
/// null, booleans, numbers or strings; mappings keep their keys in document order.
public enum Node: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// Integers above `Int64.max` that still fit 64 bits, which kustomize keeps exact.
    case uint(UInt64)
    case float(Double)
    case string(String)
    case sequence([Node])
    case mapping(Mapping)

    public var mapping: Mapping? {
        if case .mapping(let m) = self { return m }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let s) = self { return s }
        return nil
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value at a path of mapping keys, or nil when any step is missing.
    public subscript(path: String...) -> Node? {
        self[path: path]
    }

    public subscript(path path: [String]) -> Node? {
        var current = self
        for key in path {
            guard let next = current.mapping?[key] else { return nil }
            current = next
        }
        return current
    }

    /// The text kustomize would use for this scalar when it reads it as a string (labels, names, images).
    public var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .bool(let b): return b ? "true" : "false"
        case .float(let d): return GoNumberFormat.jsonText(d)
        case .null, .sequence, .mapping: return nil
        }
    }
}

/// An ordered YAML mapping with string keys.
public struct Mapping: Sendable, Equatable, Sequence {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: Node
        public init(key: String, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var entries: [Entry]

    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    public init(_ pairs: KeyValuePairs<String, Node>) {
        self.entries = pairs.map { Entry(key: $0.key, value: $0.value) }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var keys: [String] { entries.map(\.key) }

    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    public func index(of key: String) -> Int? {
        entries.firstIndex { $0.key == key }
    }

    /// Reading returns the value; writing nil removes the key; writing a new key appends it.
    public subscript(key: String) -> Node? {
        get { index(of: key).map { entries[$0].value } }
        set {
            if let i = index(of: key) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
        }
    }

    /// Changes the value at `position` (from `index(of:)`) in place: unlike reading it out and writing
    /// it back, this copies neither the entries nor the value's own storage.
    public mutating func updateValue<E: Error>(at position: Int, _ body: (inout Node) throws(E) -> Void) throws(E) {
        try body(&entries[position].value)
    }

    public mutating func removeValue(forKey key: String) {
        self[key] = nil
    }

    /// Mappings are equal when they hold the same keys with equal values, whatever their order.
    public static func == (lhs: Mapping, rhs: Mapping) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for entry in lhs.entries where rhs[entry.key] != entry.value { return false }
        return true
    }
}

extension Node {
    /// Sets the value at a path of mapping keys, creating intermediate mappings.
    public mutating func set(_ value: Node?, at path: ArraySlice<String>) {
        guard let key = path.first else {
            if let value { self = value }
            return
        }
        var map = mapping ?? Mapping()
        var child = map[key] ?? .mapping(Mapping())
        if path.count == 1 {
            map[key] = value
        } else {
            child.set(value, at: path.dropFirst())
            map[key] = child
        }
        self = .mapping(map)
    }

    public mutating func set(_ value: Node?, at path: [String]) {
        set(value, at: path[...])
    }
}
