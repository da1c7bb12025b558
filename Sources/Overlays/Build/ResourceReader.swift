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
            var resource = Resource(node: node)
            resource.stringifyAnnotations()
            if resource.name.isEmpty {
                throw BuildError("missing metadata.name in object of kind \(kind) in \(file)")
            }
            result.append(resource)
        }
        return result
    }
}
