/// Turns the text of a manifest file into objects: every non-empty document, with `…List` kinds
/// expanded into their items, each checked to be a Kubernetes object with a name.
enum ResourceReader {
    static func resources(from bytes: [UInt8], file: String) throws(BuildError) -> [Resource] {
        let documents: [Node]
        do {
            documents = try YAMLParser.documents(bytes, file: file)
        } catch {
            throw BuildError("MalformedYAMLError: \(error.problem) in File: \(file)\(error.line.map { " (line \($0))" } ?? "")")
        }
        var queue = documents[...]
        var result: [Resource] = []
        while let node = queue.popFirst() {
            if node.isNull { continue }
            guard let map = node.mapping else { throw BuildError("missing Resource metadata in \(file): a document is not a mapping") }
            if map.isEmpty { continue }
            let kind = map["kind"]?.scalarText ?? ""
            if kind.hasSuffix("List"), let items = map["items"] {
                switch items {
                case .sequence(let list): queue.append(contentsOf: list)
                case .null: continue
                default: throw BuildError("expected array in \(kind)/items in \(file)")
                }
                continue
            }
            guard !kind.isEmpty, map["metadata"]?.mapping != nil || map["apiVersion"] != nil else {
                throw BuildError("missing Resource metadata in \(file): every object needs apiVersion, kind and metadata")
            }
            let resource = Resource(node: stringifyingAnnotations(node))
            if resource.name.isEmpty {
                throw BuildError("missing metadata.name in object of kind \(kind) in \(file)")
            }
            result.append(resource)
        }
        return result
    }

    /// kustomize re-writes `metadata.annotations` through its reader, which leaves every value a string
    /// (`1.5` becomes `"1.5"`, `null` becomes `"null"`).
    private static func stringifyingAnnotations(_ node: Node) -> Node {
        guard let annotations = node["metadata", "annotations"]?.mapping else { return node }
        var copy = node
        if annotations.isEmpty {
            // An empty annotations map does not survive kustomize's reader either.
            if var metadata = node["metadata"]?.mapping {
                metadata.removeValue(forKey: "annotations")
                copy.set(.mapping(metadata), at: ["metadata"])
            }
            return copy
        }
        var changed = Mapping()
        for entry in annotations {
            switch entry.value {
            case .null: changed[entry.key] = .string("null")
            case .string, .sequence, .mapping: changed[entry.key] = entry.value
            default: changed[entry.key] = .string(entry.value.scalarText ?? "")
            }
        }
        copy.set(.mapping(changed), at: ["metadata", "annotations"])
        return copy
    }
}
