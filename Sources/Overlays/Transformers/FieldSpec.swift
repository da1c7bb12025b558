/// Where a transformer writes or reads in objects of a type: kustomize's `fieldSpecs` entry, e.g.
/// `{kind: Deployment, path: spec/template/metadata/labels, create: true}`.
public struct FieldSpec: Sendable, Equatable, Hashable {
    public var gvk: GroupVersionKind
    public var path: String {
        didSet { segments = FieldPath.split(path, on: "/") }
    }
    public var create: Bool
    /// Path segments split on `/` (a `\/` stays inside a segment); a leading `/` is ignored.
    public private(set) var segments: [String]

    public init(gvk: GroupVersionKind = GroupVersionKind(), path: String, create: Bool = false) {
        self.gvk = gvk
        self.path = path
        self.create = create
        self.segments = FieldPath.split(path, on: "/")
    }

    public static func == (a: FieldSpec, b: FieldSpec) -> Bool {
        a.gvk == b.gvk && a.path == b.path && a.create == b.create
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(gvk)
        hasher.combine(path)
        hasher.combine(create)
    }

    /// Reads `{group, version, kind, path, create}` as written in kustomizations and configurations.
    public init(node: Node, file: String) throws(BuildError) {
        guard let map = node.mapping else { throw BuildError("\(file): a fieldSpec must be a mapping") }
        gvk = GroupVersionKind(
            group: map["group"]?.scalarText ?? "", version: map["version"]?.scalarText ?? "",
            kind: map["kind"]?.scalarText ?? "")
        path = map["path"]?.scalarText ?? ""
        if case .bool(let b) = map["create"] { create = b } else { create = false }
        segments = FieldPath.split(path, on: "/")
    }

    public func applies(to resource: Resource) -> Bool {
        resource.gvk.isSelected(by: gvk)
    }

}

/// What to create at the end of a path that does not exist yet.
public enum CreatedNodeKind: Sendable {
    case scalar, mapping, sequence
}

public enum FieldPath {
    /// kustomize's PathSplitter: split on a delimiter, re-joining pieces whose predecessor ends in `\`.
    public static func split(_ path: String, on delimiter: Character) -> [String] {
        var parts = path.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, parts[0].isEmpty { parts.removeFirst() }
        var result: [String] = []
        for part in parts {
            if let last = result.last, last.hasSuffix("\\") {
                result[result.count - 1] = String(last.dropLast()) + String(delimiter) + part
            } else {
                result.append(part)
            }
        }
        return result
    }

    /// Visits every value a field spec path reaches in a node, descending into each element of the
    /// sequences it meets, and creating missing fields when `create` is given (kustomize's fieldspec filter).
    public static func visit(
        _ node: inout Node, segments: ArraySlice<String>, create: CreatedNodeKind?,
        _ body: (inout Node) throws(BuildError) -> Void
    ) throws(BuildError) {
        guard let head = segments.first else {
            try body(&node)
            return
        }
        switch node {
        case .null:
            return
        case .sequence(var items):
            for i in items.indices {
                try visit(&items[i], segments: segments, create: create, body)
            }
            node = .sequence(items)
        case .mapping(var map):
            let isSequenceField = head.hasSuffix("[]")
            let name = isSequenceField ? String(head.dropLast(2)) : head
            guard !name.isEmpty else { throw BuildError("cannot set or create an empty field name") }
            let rest = segments.dropFirst()
            var field: Node
            if let existing = map[name], !existing.isNull {
                field = existing
            } else if let create, !isSequenceField {
                let kind = rest.isEmpty ? create : .mapping
                switch kind {
                case .scalar: field = map[name] ?? .null
                case .mapping: field = .mapping(Mapping())
                case .sequence: field = .sequence([])
                }
                if rest.isEmpty, kind == .scalar {
                    try body(&field)
                    map[name] = field
                    node = .mapping(map)
                    return
                }
            } else {
                return
            }
            try visit(&field, segments: rest, create: create, body)
            map[name] = field
            node = .mapping(map)
        default:
            throw BuildError("expected sequence or mapping node")
        }
    }

    /// Reads every value a path reaches, descending into sequences, without creating anything.
    public static func forEachValue(in node: Node, segments: ArraySlice<String>, _ body: (Node) -> Void) {
        guard let head = segments.first else {
            body(node)
            return
        }
        switch node {
        case .sequence(let items):
            for item in items { forEachValue(in: item, segments: segments, body) }
        case .mapping(let map):
            let name = head.hasSuffix("[]") ? String(head.dropLast(2)) : head
            if let field = map[name] { forEachValue(in: field, segments: segments.dropFirst(), body) }
        default:
            return
        }
    }

    /// Applies a field spec to an object when its type matches; errors name the field and object.
    public static func apply(
        _ spec: FieldSpec, to resource: inout Resource, create: CreatedNodeKind?,
        _ body: (inout Node) throws(BuildError) -> Void
    ) throws(BuildError) {
        guard spec.applies(to: resource) else { return }
        let id = resource.id
        do {
            try visit(&resource.node, segments: spec.segments[...], create: spec.create ? create : nil, body)
        } catch {
            throw error.wrapped("considering field '\(spec.path)' of object \(id)")
        }
    }
}
