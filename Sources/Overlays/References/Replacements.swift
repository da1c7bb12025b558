/// kustomize's replacement transformer: for each replacement in order, read the source value and
/// write it into every selected target field.
public enum Replacements {
    /// Reads a kustomization's `replacements:` list. An entry is either inline or `path: file`
    /// (read with `load`, holding one replacement or a list, decoded leniently as kustomize does).
    public static func parse(
        _ entries: [Node], file: String, load: (String) throws(BuildError) -> String
    ) throws(BuildError) -> [Replacement] {
        var result: [Replacement] = []
        for entry in entries {
            let object = try StrictObject(
                entry, known: Replacement.knownFields + ["path"], structName: "ReplacementField",
                path: "replacements", context: .kustomization)
            let path = try object.string("path")
            let inline = try Replacement(object: object)
            guard !path.isEmpty else {
                result.append(inline)
                continue
            }
            if inline.source != nil || !inline.targets.isEmpty {
                throw BuildError("cannot specify both path and inline replacement")
            }
            result.append(contentsOf: try fromFile(load(path), file: path))
        }
        return result
    }

    /// The replacements of a `path:` file: one mapping or a list of them.
    public static func fromFile(_ text: String, file: String) throws(BuildError) -> [Replacement] {
        let document: Node
        do {
            document = try YAMLParser.documents(text, file: file).first ?? .null
        } catch {
            throw error.buildError
        }
        func decode(_ node: Node) throws(BuildError) -> Replacement {
            try Replacement(
                object: StrictObject(
                    node, known: Replacement.knownFields, structName: "Replacement", path: "", context: .lenientFile))
        }
        switch document {
        case .sequence(let items):
            var list: [Replacement] = []
            for item in items { list.append(try decode(item)) }
            return list
        case .mapping:
            return [try decode(document)]
        case .null:
            throw BuildError("unsupported replacement type encountered within replacement path: invalid")
        case .string:
            throw BuildError("unsupported replacement type encountered within replacement path: string")
        case .bool:
            throw BuildError("unsupported replacement type encountered within replacement path: bool")
        case .int, .uint, .float:
            throw BuildError("unsupported replacement type encountered within replacement path: float64")
        }
    }

    /// Applies replacements in order; each sees the result of the ones before.
    public static func apply(_ replacements: [Replacement], to map: inout ResourceMap) throws(BuildError) {
        for replacement in replacements {
            guard let source = replacement.source, !replacement.targets.isEmpty else {
                throw BuildError("replacements must specify a source and at least one target")
            }
            let value = try sourceValue(source, in: map)
            for target in replacement.targets {
                try write(value, to: target, in: &map)
            }
        }
    }

    /// Every id an object had (kustomize's MakeResIds: current id and previous ids).
    static func ids(_ resource: Resource) -> [ResourceId] {
        let gvk = resource.gvk
        return [resource.id] + resource.previousIds.map { old in
            ResourceId(
                gvk: GroupVersionKind(group: gvk.group, version: gvk.version, kind: old.gvk.kind),
                name: old.name, namespace: old.namespace)
        }
    }

    static func sourceValue(_ source: Replacement.Source, in map: ResourceMap) throws(BuildError) -> Node {
        var match: Resource?
        for resource in map.resources where ids(resource).contains(where: { $0.isSelected(by: source.selector) }) {
            if match != nil { throw BuildError("multiple matches for selector \(source.goDescription)") }
            match = resource
        }
        guard let match else { throw BuildError("nothing selected by \(source.goDescription)") }
        let fieldPath = source.fieldPath.isEmpty ? Var.defaultFieldPath : source.fieldPath
        let found: Node?
        do {
            found = try FieldLookup.lookup(match.node, FieldLookup.smarterSplit(fieldPath, on: "."))
        } catch {
            throw error.wrapped("error looking up replacement source")
        }
        guard let found, !found.isEmptyForReplacement else {
            throw BuildError("fieldPath `\(fieldPath)` is missing for replacement source \(source.selector)")
        }
        guard let options = source.options, !options.delimiter.isEmpty else { return found }
        guard let text = found.scalarText else {
            throw BuildError("delimiter option can only be used with scalar nodes")
        }
        let parts = text.components(separatedByGo: options.delimiter)
        guard options.index >= 0, options.index < parts.count else {
            throw BuildError("options.index \(options.index) is out of bounds for value \(text)")
        }
        return ScalarRetyping.retype(parts[options.index], like: found)
    }

    static func write(_ value: Node, to target: Replacement.Target, in map: inout ResourceMap) throws(BuildError) {
        guard let select = target.select else { throw BuildError("target must specify resources to select") }
        let fieldPaths = target.fieldPaths.isEmpty ? [Var.defaultFieldPath] : target.fieldPaths
        for i in map.indices {
            let resource = map[i]
            guard try selectedByAnnotationsAndLabels(resource, target) else { continue }
            let resourceIds = ids(resource)
            let rejected = target.reject.contains { reject in
                !reject.idIsEmpty && resourceIds.contains { $0.isSelected(by: reject.id) }
            }
            guard !rejected, resourceIds.contains(where: { $0.isSelected(by: select.id) }) else { continue }
            var node = resource.node
            for fieldPath in fieldPaths {
                try ReplacementTargetMatcher.write(value, into: &node, fieldPath: fieldPath, options: target.options)
            }
            map[i].node = node
        }
    }

    static func selectedByAnnotationsAndLabels(_ resource: Resource, _ target: Replacement.Target) throws(BuildError)
        -> Bool
    {
        guard let select = target.select, try matches(resource, select) else { return false }
        for reject in target.reject where !(reject.annotationSelector.isEmpty && reject.labelSelector.isEmpty) {
            if try matches(resource, reject) { return false }
        }
        return true
    }

    static func matches(_ resource: Resource, _ selector: Replacement.Selector) throws(BuildError) -> Bool {
        let annotations = try LabelSelector.matches(selector.annotationSelector, resource.annotations)
        let labels = try LabelSelector.matches(selector.labelSelector, resource.labels)
        return annotations && labels
    }
}

extension Node {
    /// kyaml's `IsNilOrEmpty` for a found node: null, `{}` and `[]` count as missing.
    var isEmptyForReplacement: Bool {
        switch self {
        case .null: return true
        case .mapping(let m): return m.isEmpty
        case .sequence(let s): return s.isEmpty
        default: return false
        }
    }
}

extension String {
    /// Go's `strings.Split` (a non-empty separator; an empty string gives one empty part).
    func components(separatedByGo separator: String) -> [String] {
        guard !separator.isEmpty else { return map(String.init) }
        let bytes = Array(utf8)
        let sep = Array(separator.utf8)
        var parts: [String] = []
        var start = 0
        var i = 0
        while i + sep.count <= bytes.count {
            if bytes[i..<(i + sep.count)].elementsEqual(sep) {
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += sep.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }
}
