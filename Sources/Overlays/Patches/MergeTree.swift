/// A mutable, shared-reference copy of a `Node` that strategic merge works on. kyaml merges in
/// place on yaml.Node pointers, and some of its observable behaviour (patched list items moving to
/// the front, `$patch: replace` on a list item being undone, directives vanishing from a patch that
/// is merged with itself) follows from that sharing, so the merge keeps it.
final class MergeTree {
    enum Content {
        case scalar(Node)
        case mapping([(key: String, value: MergeTree)])
        case sequence([MergeTree])
    }

    var content: Content
    /// A null kept in the result: a `null` already in the target that the patch does not mention.
    var keepNull = false

    init(_ content: Content) {
        self.content = content
    }

    convenience init(_ node: Node) {
        switch node {
        case .mapping(let map):
            self.init(.mapping(map.entries.map { ($0.key, MergeTree($0.value)) }))
        case .sequence(let items):
            self.init(.sequence(items.map { MergeTree($0) }))
        default:
            self.init(.scalar(node))
        }
    }

    var node: Node {
        switch content {
        case .scalar(let value):
            return value
        case .mapping(let entries):
            return .mapping(Mapping(entries.map { Mapping.Entry(key: $0.key, value: $0.value.node) }))
        case .sequence(let items):
            return .sequence(items.map(\.node))
        }
    }

    var isNull: Bool {
        if case .scalar(.null) = content { return true }
        return false
    }

    var isMapping: Bool {
        if case .mapping = content { return true }
        return false
    }

    var isSequence: Bool {
        if case .sequence = content { return true }
        return false
    }

    var isEmptyMapping: Bool {
        if case .mapping(let entries) = content { return entries.isEmpty }
        return false
    }

    /// yaml.Node's `Value`: the text of a scalar, empty for collections.
    var valueText: String {
        guard case .scalar(let value) = content else { return "" }
        if case .null = value { return "null" }
        return value.scalarText ?? ""
    }

    /// The value of a mapping field; nil for a missing field or a non-mapping node.
    func field(_ key: String) -> MergeTree? {
        guard case .mapping(let entries) = content else { return nil }
        return entries.first { $0.key == key }?.value
    }

    var fieldNames: [String] {
        guard case .mapping(let entries) = content else { return [] }
        return entries.map(\.key)
    }

    var items: [MergeTree] {
        get {
            if case .sequence(let items) = content { return items }
            return []
        }
        set { content = .sequence(newValue) }
    }

    /// Sets (or appends) a mapping field.
    func setField(_ key: String, _ value: MergeTree) {
        guard case .mapping(var entries) = content else { return }
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i].value = value
        } else {
            entries.append((key, value))
        }
        content = .mapping(entries)
    }

    func removeField(_ key: String) {
        guard case .mapping(var entries) = content else { return }
        entries.removeAll { $0.key == key }
        content = .mapping(entries)
    }

    /// kyaml's `IsNilOrEmpty` for a field value: null, an empty map or an empty list.
    var isNullOrEmpty: Bool {
        switch content {
        case .scalar(let value): return value.isNull
        case .mapping(let entries): return entries.isEmpty
        case .sequence(let items): return items.isEmpty
        }
    }

    var kindName: String {
        switch content {
        case .scalar: return "ScalarNode"
        case .mapping: return "MappingNode"
        case .sequence: return "SequenceNode"
        }
    }
}

extension MergeTree {
    /// kyaml's error for a node of the wrong kind.
    func wrongKind(expected: String) -> BuildError {
        var message = "wrong node kind: expected \(expected) but got \(kindName)"
        if let text = try? YAMLEmitter.document(node) {
            message += ": node contents:\n\(text)"
        }
        return BuildError(message)
    }
}
