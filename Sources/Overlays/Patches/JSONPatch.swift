/// RFC 6902 JSON patch as kustomize applies it (evanphx/json-patch v4.12), with its error texts
/// and quirks: `replace` of a missing map key adds it, `copy` of a missing map key copies null,
/// negative array indices count from the end, a pointer's first segment is ignored. The result
/// went through JSON, so every number comes back as Go's float64 would print it.
public enum JSONPatch {
    /// Applies the operations (a list of maps, as decoded from the patch's YAML or JSON) in order.
    public static func apply(_ operations: Node, to document: Node) throws(BuildError) -> Node {
        guard case .sequence(let ops) = operations else {
            throw BuildError("json: cannot unmarshal \(GoJSON.valueKind(operations)) into Go value of type jsonpatch.Patch")
        }
        var doc = document
        for op in ops {
            guard op.isNull || op.mapping != nil else {
                throw BuildError(
                    "json: cannot unmarshal \(GoJSON.valueKind(op)) into Go value of type jsonpatch.Operation")
            }
            try Operation(op).apply(to: &doc)
        }
        guard doc.mapping != nil else {
            throw BuildError("json: cannot unmarshal \(GoJSON.valueKind(doc)) into Go value of type map[string]interface {}")
        }
        return try JSONNumbers.roundTrip(doc)
    }

}

/// One operation. Fields are read lazily, as the Go library does, so a malformed field only
/// matters to operations that read it.
private struct Operation {
    let fields: Mapping

    init(_ node: Node) {
        fields = node.mapping ?? Mapping()
    }

    var kind: String {
        guard let op = fields["op"], case .string(let text) = op else { return "unknown" }
        return text
    }

    /// `path` or `from`: nil when missing or null; an error text when not a string.
    func pointer(_ name: String) -> Result<String, BuildError>? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard case .string(let text) = value else {
            return .failure(
                BuildError("json: cannot unmarshal \(GoJSON.valueKind(value)) into Go value of type string"))
        }
        return .success(text)
    }

    /// The `value` field: nil when absent; JSON null when null.
    var value: Node? { fields["value"] }

    func apply(to doc: inout Node) throws(BuildError) {
        switch kind {
        case "add": try add(&doc)
        case "remove": try remove(&doc)
        case "replace": try replace(&doc)
        case "move": try move(&doc)
        case "copy": try copy(&doc)
        case "test": try test(doc)
        default: throw BuildError("Unexpected kind: \(kind)")
        }
    }

    private static let missingValue = "missing value"

    /// The path, with the Go library's per-operation wording for a missing or non-string one.
    private func path(_ op: String, plainWhenMissing: Bool, field: String = "path") throws(BuildError) -> String {
        switch pointer(field) {
        case .success(let text)?:
            return text
        case .failure(let error)?:
            if plainWhenMissing { throw BuildError("\(op) operation failed to decode \(field): missing value") }
            throw error.wrapped("\(op) operation failed to decode \(field)")
        case nil:
            if plainWhenMissing { throw BuildError("\(op) operation failed to decode \(field): missing value") }
            let detail = field == "from" ? "operation, missing from field" : "operation missing path field"
            throw BuildError("\(op) operation failed to decode \(field): \(detail): missing value")
        }
    }

    private func add(_ doc: inout Node) throws(BuildError) {
        let path = try path("add", plainWhenMissing: true)
        let element = value ?? .null
        try Containers.at(&doc, path, missing: "add operation does not apply: doc is missing path: \"\(path)\"") {
            (container, key) throws(BuildError) in
            do throws(BuildError) { try Containers.add(&container, key, element) } catch {
                throw error.wrapped("error in add for path: '\(path)'")
            }
        }
    }

    private func remove(_ doc: inout Node) throws(BuildError) {
        let path = try path("remove", plainWhenMissing: true)
        try Containers.at(&doc, path, missing: "remove operation does not apply: doc is missing path: \"\(path)\"") {
            (container, key) throws(BuildError) in
            do throws(BuildError) { _ = try Containers.remove(&container, key) } catch {
                throw error.wrapped("error in remove for path: '\(path)'")
            }
        }
    }

    private func replace(_ doc: inout Node) throws(BuildError) {
        let path = try path("replace", plainWhenMissing: false)
        if path.isEmpty {
            // Only an object or array replaces the whole document; anything else is ignored.
            if let value, value.mapping != nil || value.sequence != nil { doc = value }
            return
        }
        let element = value ?? .null
        try Containers.at(&doc, path, missing: "replace operation does not apply: doc is missing path: \(path)") {
            (container, key) throws(BuildError) in
            guard case .success = Containers.get(container, key) else {
                throw BuildError("replace operation does not apply: doc is missing key: \(path): missing value")
            }
            try Containers.set(&container, key, element)
        }
    }

    private func move(_ doc: inout Node) throws(BuildError) {
        let from = try path("move", plainWhenMissing: false, field: "from")
        var moved: Node = .null
        try Containers.at(&doc, from, missing: "move operation does not apply: doc is missing from path: \(from)") {
            (container, key) throws(BuildError) in
            do throws(BuildError) {
                moved = try Containers.get(container, key).get() ?? .null
                _ = try Containers.remove(&container, key)
            } catch {
                throw error.wrapped("error in move for path: '\(key)'")
            }
        }
        let path = try path("move", plainWhenMissing: false)
        try Containers.at(
            &doc, path, missing: "move operation does not apply: doc is missing destination path: \(path)"
        ) { (container, key) throws(BuildError) in
            do throws(BuildError) { try Containers.add(&container, key, moved) } catch {
                throw error.wrapped("error in move for path: '\(path)'")
            }
        }
    }

    private func copy(_ doc: inout Node) throws(BuildError) {
        let from = try path("copy", plainWhenMissing: false, field: "from")
        var copied: Node = .null
        try Containers.at(&doc, from, missing: "copy operation does not apply: doc is missing from path: \(from)") {
            (container, key) throws(BuildError) in
            do throws(BuildError) { copied = try Containers.get(container, key).get() ?? .null } catch {
                throw error.wrapped("error in copy for from: '\(from)'")
            }
        }
        let path = try path("copy", plainWhenMissing: true)
        try Containers.at(
            &doc, path, missing: "copy operation does not apply: doc is missing destination path: \(path)"
        ) { (container, key) throws(BuildError) in
            do throws(BuildError) { try Containers.add(&container, key, copied) } catch {
                throw error.wrapped("error while adding value during copy")
            }
        }
    }

    private func test(_ doc: Node) throws(BuildError) {
        let path = try path("test", plainWhenMissing: false)
        let failed = BuildError("testing value \(path) failed: test failed")
        if path.isEmpty {
            guard let value, JSONEquality.equal(doc, value) else { throw failed }
            return
        }
        var copy = doc
        try Containers.at(&copy, path, missing: "test operation does not apply: is missing path: \(path)") {
            (container, key) throws(BuildError) in
            let found: Node?
            do throws(BuildError) { found = try Containers.get(container, key).get() } catch {
                throw error.wrapped("error in test for path: '\(path)'")
            }
            guard let found, !found.isNull else {
                if let value, value.isNull { return }
                throw failed
            }
            guard let value, JSONEquality.equal(found, value) else { throw failed }
        }
    }
}
