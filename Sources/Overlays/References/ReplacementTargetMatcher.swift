/// Writes a replacement value into the target fields a dotted path reaches (kyaml's PathMatcher,
/// then kustomize's `setFieldValue`). Path parts: field names, list indexes (`0`), `*` for every
/// element, and `[key=regex]` for elements whose `key` matches the unanchored regex.
enum ReplacementTargetMatcher {
    static func write(
        _ value: Node, into node: inout Node, fieldPath: String, options: Replacement.Options?
    ) throws(BuildError) {
        let create = options?.create == true ? CreatedNodeKind(of: value) : nil
        let path = FieldLookup.smarterSplit(fieldPath, on: ".")
        var matched = 0
        var setFailure: BuildError?
        let retrieval = create == nil
            ? "unable to find field \"\(fieldPath)\" in replacement target"
            : "unable to find or create field \"\(fieldPath)\" in replacement target"
        do throws(BuildError) {
            try match(&node, path[...], create: create) { (target: inout Node) throws(BuildError) in
                matched += 1
                do throws(BuildError) {
                    try setFieldValue(&target, value, options)
                } catch {
                    setFailure = error
                    throw error
                }
            }
        } catch {
            if let setFailure { throw setFailure }
            throw error.wrapped(retrieval)
        }
        if matched == 0 { throw BuildError(retrieval) }
    }

    private static func match(
        _ node: inout Node, _ path: ArraySlice<String>, create: CreatedNodeKind?,
        _ body: (inout Node) throws(BuildError) -> Void
    ) throws(BuildError) {
        guard let part = path.first else {
            try body(&node)
            return
        }
        let rest = path.dropFirst()
        if let index = FieldLookup.integer(part), index >= 0 {
            var items = try elements(node)
            if items.count == index, let create {
                items.append(fresh(kind(forNext: rest.first, create)))
            }
            guard index < items.count else {
                throw BuildError("index \(index) specified but only \(items.count) elements found")
            }
            try match(&items[index], rest, create: create, body)
            node = .sequence(items)
        } else if FieldLookup.isListIndex(part) {
            try matchElements(&node, part: part, rest: rest, create: create, body)
        } else if part == "*" {
            var items = try elements(node)
            for i in items.indices { try match(&items[i], rest, create: create, body) }
            node = .sequence(items)
        } else {
            var map: Mapping
            switch node {
            case .mapping(let m): map = m
            case .null:
                guard create != nil else { return }
                map = Mapping()
            default:
                throw FieldLookup.wrongKind(node, expected: "MappingNode")
            }
            var field: Node
            if let existing = map[part] {
                field = existing
            } else if let create {
                field = fresh(kind(forNext: rest.first, create))
            } else {
                return
            }
            try match(&field, rest, create: create, body)
            map[part] = field
            node = .mapping(map)
        }
    }

    private static func matchElements(
        _ node: inout Node, part: String, rest: ArraySlice<String>, create: CreatedNodeKind?,
        _ body: (inout Node) throws(BuildError) -> Void
    ) throws(BuildError) {
        let (key, pattern) = try FieldLookup.splitIndexNameValue(part)
        let regex = try UnanchoredPattern(pattern)
        var items = try elements(node)
        for attempt in 0..<2 {
            var found = false
            for i in items.indices {
                if key.isEmpty {
                    // kyaml matches the element itself here and ignores the rest of the path.
                    guard let text = items[i].scalarText, regex.matches(text) else { continue }
                    found = true
                    try body(&items[i])
                } else {
                    guard let field = items[i].mapping?[key], !field.isNull, let text = field.scalarText,
                        regex.matches(text)
                    else { continue }
                    var matchedHere = false
                    try match(&items[i], rest, create: create) { (target: inout Node) throws(BuildError) in
                        matchedHere = true
                        try body(&target)
                    }
                    found = found || matchedHere
                }
            }
            guard !found, create != nil, attempt == 0 else { break }
            let created = ScalarRetyping.retype(pattern, like: .null)
            items.append(key.isEmpty ? created : .mapping(Mapping([Mapping.Entry(key: key, value: created)])))
        }
        node = .sequence(items)
    }

    private static func elements(_ node: Node) throws(BuildError) -> [Node] {
        switch node {
        case .sequence(let items): return items
        case .null: return []
        default: throw FieldLookup.wrongKind(node, expected: "SequenceNode")
        }
    }

    /// kyaml's `getPathPartKind`: what to create for a missing part, given the part after it.
    private static func kind(forNext next: String?, _ create: CreatedNodeKind) -> CreatedNodeKind {
        guard let next else { return create }
        if FieldLookup.isListIndex(next) { return .sequence }
        if let i = FieldLookup.integer(next), i >= 0 { return .sequence }
        return .mapping
    }

    /// A created node; a created scalar has no type yet (`.null` until a value is written).
    private static func fresh(_ kind: CreatedNodeKind) -> Node {
        switch kind {
        case .scalar: return .null
        case .mapping: return .mapping(Mapping())
        case .sequence: return .sequence([])
        }
    }

    /// kustomize's `setFieldValue`: a scalar target keeps its type and takes the value's text;
    /// any other target is replaced by the value.
    static func setFieldValue(_ target: inout Node, _ value: Node, _ options: Replacement.Options?) throws(BuildError) {
        var value = value
        if let options, !options.delimiter.isEmpty {
            guard target.isScalarOrNull else { throw BuildError("delimiter option can only be used with scalar nodes") }
            var parts = (target.scalarText ?? "").components(separatedByGo: options.delimiter)
            let part = value.scalarText ?? ""
            if options.index < 0 {
                parts.insert(part, at: 0)
            } else if options.index >= parts.count {
                parts.append(part)
            } else {
                parts[options.index] = part
            }
            value = ScalarRetyping.retype(parts.joined(separator: options.delimiter), like: value)
        }
        if target.isScalarOrNull {
            target = ScalarRetyping.retype(value.scalarText ?? "", like: target)
        } else {
            target = value
        }
    }
}

extension CreatedNodeKind {
    init(of node: Node) {
        switch node {
        case .mapping: self = .mapping
        case .sequence: self = .sequence
        default: self = .scalar
        }
    }
}

extension Node {
    var isScalarOrNull: Bool {
        switch self {
        case .mapping, .sequence: return false
        default: return true
        }
    }
}
