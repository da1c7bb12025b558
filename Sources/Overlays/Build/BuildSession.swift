/// State shared by every kustomization of one build. kustomize keeps the merge schema global: the
/// first kustomization with `openapi: {path: …}` (the root first, then in load order) sets it for
/// every patch that runs afterwards.
final class BuildSession {
    private(set) var schema: MergeSchema?

    func adoptSchema(of kustomization: Kustomization, root: KustomizationRoot) throws(BuildError) {
        guard schema == nil, let path = kustomization.openAPIPath else { return }
        let documents: [Node]
        do {
            documents = try YAMLParser.documents(try root.readFile(path), file: path)
        } catch let error as YAMLError {
            throw error.buildError
        } catch {
            throw error as? BuildError ?? BuildError("\(path): \(error)")
        }
        schema = MergeSchema(openAPIDocument: documents.first ?? .null)
    }
}
