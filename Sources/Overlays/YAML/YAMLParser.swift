import CYAML

/// Reads YAML text into `Node` documents with libyaml, resolving scalars the way kustomize's
/// yaml.v3 does. The only place that sees libyaml's parser.
public enum YAMLParser {
    /// Every document of a (possibly multi-document) YAML text. Empty documents come back as `.null`.
    public static func documents(_ text: [UInt8], file: String) throws(YAMLError) -> [Node] {
        let session = ParseSession(text, file: file)
        return try session.run()
    }

    public static func documents(_ text: String, file: String) throws(YAMLError) -> [Node] {
        try documents(Array(text.utf8), file: file)
    }
}

/// One libyaml parse: the parser keeps pointers to itself and to the input, so both live on the
/// heap for the whole parse and are released together.
private final class ParseSession {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let file: String
    private var anchors: [String: Node] = [:]

    private enum Frame {
        case sequence(items: [Node], anchor: String?)
        case mapping(Mapping, key: String?, merges: [Node], anchor: String?, line: Int)
    }

    init(_ text: [UInt8], file: String) {
        self.file = file
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: max(text.count, 1))
        _ = input.initialize(from: text)
        yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, input.baseAddress, text.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    func run() throws(YAMLError) -> [Node] {
        var documents: [Node] = []
        var stack: [Frame] = []
        var root: Node?
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else { throw parserError() }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return documents
            case YAML_DOCUMENT_START_EVENT:
                root = nil
                anchors = [:]
            case YAML_DOCUMENT_END_EVENT:
                documents.append(root ?? .null)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = string(scalar.value, Int(scalar.length))
                let node = try resolve(value, tag: cString(scalar.tag), style: scalar.style, line: line)
                if let anchor = cString(scalar.anchor) { anchors[anchor] = node }
                try attach(node, scalarKey: value, to: &stack, root: &root, line: line)
            case YAML_ALIAS_EVENT:
                let name = cString(event.data.alias.anchor) ?? ""
                guard let node = anchors[name] else {
                    throw YAMLError(file: file, line: line, problem: "unknown anchor '\(name)' referenced")
                }
                try attach(node, scalarKey: nil, to: &stack, root: &root, line: line)
            case YAML_SEQUENCE_START_EVENT:
                stack.append(.sequence(items: [], anchor: cString(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                stack.append(
                    .mapping(
                        Mapping(), key: nil, merges: [], anchor: cString(event.data.mapping_start.anchor), line: line))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { continue }
                let (node, anchor) = try close(frame)
                if let anchor { anchors[anchor] = node }
                try attach(node, scalarKey: nil, to: &stack, root: &root, line: line)
            default:
                continue
            }
        }
    }

    private func close(_ frame: Frame) throws(YAMLError) -> (Node, String?) {
        switch frame {
        case .sequence(let items, let anchor):
            return (.sequence(items), anchor)
        case .mapping(var map, _, let merges, let anchor, let line):
            // Keys written in the mapping win over merged ones; earlier merge sources win over later.
            for source in merges {
                let maps: [Node] = source.sequence ?? [source]
                for merged in maps {
                    guard let m = merged.mapping else {
                        throw YAMLError(
                            file: file, line: line, problem: "map merge requires map or sequence of maps as the value")
                    }
                    for entry in m where map[entry.key] == nil { map[entry.key] = entry.value }
                }
            }
            return (.mapping(map), anchor)
        }
    }

    private func attach(_ node: Node, scalarKey: String?, to stack: inout [Frame], root: inout Node?, line: Int)
        throws(YAMLError)
    {
        guard let top = stack.popLast() else {
            root = node
            return
        }
        switch top {
        case .sequence(var items, let anchor):
            items.append(node)
            stack.append(.sequence(items: items, anchor: anchor))
        case .mapping(var map, let key, var merges, let anchor, let mapLine):
            if let key {
                if key == "<<" {
                    merges.append(node)
                } else {
                    map[key] = node
                }
                stack.append(.mapping(map, key: nil, merges: merges, anchor: anchor, line: mapLine))
            } else {
                guard let text = node.scalarText ?? (node.isNull ? (scalarKey ?? "") : nil) else {
                    throw YAMLError(file: file, line: line, problem: "mapping keys must be scalars")
                }
                let keyText = scalarKey ?? text
                if map[keyText] != nil {
                    throw YAMLError(file: file, line: line, problem: "mapping key \"\(keyText)\" already defined")
                }
                stack.append(.mapping(map, key: keyText, merges: merges, anchor: anchor, line: mapLine))
            }
        }
    }

    private func resolve(_ value: String, tag: String?, style: yaml_scalar_style_t, line: Int) throws(YAMLError)
        -> Node
    {
        let yamlTag = "tag:yaml.org,2002:"
        guard let tag, tag != "!" else {
            return style == YAML_PLAIN_SCALAR_STYLE ? ScalarResolution.resolvePlain(value) : .string(value)
        }
        guard tag.hasPrefix(yamlTag) else { return .string(value) }
        let resolved = ScalarResolution.resolvePlain(value)
        switch tag.dropFirst(yamlTag.count) {
        case "str":
            return .string(value)
        case "binary":
            return .string(Base64.decodeToText(value) ?? value)
        case "int":
            if case .int = resolved { return resolved }
            if case .uint = resolved { return resolved }
        case "float":
            if case .float = resolved { return resolved }
            if case .int(let i) = resolved { return .float(Double(i)) }
        case "bool":
            if case .bool = resolved { return resolved }
        case "null":
            if case .null = resolved { return resolved }
        case "timestamp":
            if let stamp = YAMLTimestamp.rfc3339(Substring(value)) { return .string(stamp) }
        default:
            return style == YAML_PLAIN_SCALAR_STYLE ? resolved : .string(value)
        }
        throw YAMLError(file: file, line: line, problem: "cannot decode `\(value)` as a !!\(tag.dropFirst(yamlTag.count))")
    }

    private func parserError() -> YAMLError {
        let p = parser.pointee
        var problem = cString(p.problem) ?? "unknown error"
        if let context = cString(p.context) { problem = "\(context), \(problem)" }
        let mark = p.problem_mark
        return YAMLError(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1, problem: problem)
    }

    private func string(_ bytes: UnsafeMutablePointer<UInt8>?, _ count: Int) -> String {
        guard let bytes else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private func cString(_ bytes: UnsafeMutablePointer<UInt8>?) -> String? {
        guard let bytes else { return nil }
        return String(cString: bytes)
    }

    private func cString(_ chars: UnsafePointer<CChar>?) -> String? {
        guard let chars else { return nil }
        return String(cString: chars)
    }
}
