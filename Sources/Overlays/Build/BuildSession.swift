/// State shared by every kustomization of one build. kustomize keeps the merge schema global: the
/// first kustomization with `openapi: {path: …}` (the root first, then in load order) sets it for
/// every patch that runs afterwards.
final class BuildSession {
    private(set) var schema: MergeSchema?
    /// The root kustomization's `buildMetadata`, and the root directory origins are relative to.
    var metadata = BuildMetadata()
    var rootPath = ""

    /// Merged transformer configurations already computed: a platform's hundreds of kustomizations
    /// merge the same few configurations over and over, and a merge sorts hundreds of field specs.
    private var merges: [(TransformerConfig, TransformerConfig, TransformerConfig)] = []

    func merge(_ a: TransformerConfig, _ b: TransformerConfig) throws(BuildError) -> TransformerConfig {
        if let known = merges.first(where: { $0.0 == a && $0.1 == b }) { return known.2 }
        let merged = try a.merged(with: b)
        if merges.count < 16 { merges.append((a, b, merged)) }
        return merged
    }

    /// A path under `directory` as the origin annotations write it: relative to the build root.
    func relativePath(_ directory: String, _ file: String) -> String {
        let full = Paths.join(directory, file)
        let root = Array(rootPath.split(separator: "/"))
        let parts = Array(full.split(separator: "/"))
        var common = 0
        while common < root.count, common < parts.count, root[common] == parts[common] { common += 1 }
        let up = Array(repeating: "..", count: root.count - common)
        return (up + parts[common...].map(String.init)).joined(separator: "/")
    }

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
