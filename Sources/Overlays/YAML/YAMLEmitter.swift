import CYAML

/// Writes a `Node` as kustomize prints a resource: sorted keys, sequences flush with their key,
/// yaml.v2's quoting, `|` blocks for multi-line strings and 80-column folding. libyaml's emitter is
/// the C original that yaml.v2 was ported from, so it formats identically once given the same styles.
public enum YAMLEmitter {
    /// One document's text, ending in a newline, without a leading `---`.
    public static func document(_ node: Node) throws(YAMLEmitError) -> String {
        let session = EmitSession()
        try session.emitDocument(node)
        var bytes = session.output.bytes
        // libyaml closes a document that ends in a `|+` block with `...`; yaml.v2 does not.
        if bytes.count >= 5, bytes.suffix(5).elementsEqual("\n...\n".utf8) { bytes.removeLast(4) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Documents joined by `---` lines, as `kustomize build` prints a resource list.
    public static func stream(_ nodes: [Node]) throws(YAMLEmitError) -> String {
        var out = ""
        for (i, node) in nodes.enumerated() {
            if i > 0 { out += "---\n" }
            out += try document(node)
        }
        return out
    }
}

public struct YAMLEmitError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

private final class OutputBuffer {
    var bytes: [UInt8] = []
}

/// One libyaml emitter, kept on the heap because it points at itself.
private final class EmitSession {
    let output = OutputBuffer()
    private let emitter: UnsafeMutablePointer<yaml_emitter_t>

    init() {
        emitter = .allocate(capacity: 1)
        yaml_emitter_initialize(emitter)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_output(
            emitter,
            { data, buffer, size in
                guard let data, let buffer else { return 0 }
                let out = Unmanaged<OutputBuffer>.fromOpaque(data).takeUnretainedValue()
                out.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                return 1
            }, Unmanaged.passUnretained(output).toOpaque())
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
    }

    func emitDocument(_ node: Node) throws(YAMLEmitError) {
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        try send(&event)
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        try send(&event)
        try emit(node)
        yaml_document_end_event_initialize(&event, 1)
        try send(&event)
        yaml_stream_end_event_initialize(&event)
        try send(&event)
    }

    private func emit(_ node: Node) throws(YAMLEmitError) {
        switch node {
        case .null: try scalar("null", YAML_PLAIN_SCALAR_STYLE)
        case .bool(let b): try scalar(b ? "true" : "false", YAML_PLAIN_SCALAR_STYLE)
        case .int(let i): try scalar(String(i), YAML_PLAIN_SCALAR_STYLE)
        case .uint(let u): try scalar(String(u), YAML_PLAIN_SCALAR_STYLE)
        case .float(let d):
            guard d.isFinite else {
                throw YAMLEmitError(description: "json: unsupported value: \(GoNumberFormat.formatG(d))")
            }
            try scalar(GoNumberFormat.yamlText(d), YAML_PLAIN_SCALAR_STYLE)
        case .string(let s): try string(s)
        case .sequence(let items):
            var event = yaml_event_t()
            yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
            try send(&event)
            for item in items { try emit(item) }
            yaml_sequence_end_event_initialize(&event)
            try send(&event)
        case .mapping(let map):
            var event = yaml_event_t()
            yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
            try send(&event)
            for entry in map.entries.sorted(by: { KeyOrder.less($0.key, $1.key) }) {
                try string(entry.key)
                try emit(entry.value)
            }
            yaml_mapping_end_event_initialize(&event)
            try send(&event)
        }
    }

    /// yaml.v2's choice: literal block when multi-line, plain when it reads back as a string,
    /// double-quoted otherwise (libyaml may still fall back to single quotes for plain).
    private func string(_ s: String) throws(YAMLEmitError) {
        let style: yaml_scalar_style_t
        // The string's own bytes when it has them: a generic walk over `utf8` costs more than the emitting.
        let multiLine =
            s.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "\n")) }
            ?? s.utf8.contains(UInt8(ascii: "\n"))
        if multiLine {
            style = YAML_LITERAL_SCALAR_STYLE
        } else if ScalarResolution.yamlV2ReadsAsString(s) {
            style = YAML_PLAIN_SCALAR_STYLE
        } else {
            style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
        }
        try scalar(s, style)
    }

    private func scalar(_ text: String, _ style: yaml_scalar_style_t) throws(YAMLEmitError) {
        var event = yaml_event_t()
        var text = text
        // libyaml copies the value, so the string's own bytes will do; it wants a pointer even for "".
        text.withUTF8 { buffer in
            withUnsafePointer(to: UInt8(0)) { empty in
                _ = yaml_scalar_event_initialize(
                    &event, nil, nil, buffer.baseAddress ?? empty, Int32(buffer.count), 1, 1, style)
            }
        }
        try send(&event)
    }

    private func send(_ event: inout yaml_event_t) throws(YAMLEmitError) {
        guard yaml_emitter_emit(emitter, &event) == 1 else {
            let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown error"
            throw YAMLEmitError(description: "cannot write YAML: \(problem)")
        }
    }
}
