/// A directory holding a kustomization, with kustomize's load restrictions: files it reads must stay
/// inside it (after following symbolic links); directories it composes may lie anywhere but must not
/// form a cycle.
public struct KustomizationRoot: Sendable {
    public static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    public let fs: any FileSystem
    /// The directory, absolute and with symbolic links resolved.
    public let path: String
    /// Roots being built above this one, outermost first, for cycle detection.
    let ancestors: [String]

    public init(fs: any FileSystem, path: String) throws(BuildError) {
        try self.init(fs: fs, path: path, ancestors: [])
    }

    private init(fs: any FileSystem, path: String, ancestors: [String]) throws(BuildError) {
        guard let resolved = fs.resolvedPath(path), fs.isDirectory(resolved) else {
            throw BuildError("must build at directory: '\(path)' is not a directory that exists")
        }
        for visited in ancestors where Paths.isWithin(visited, root: resolved) {
            throw BuildError("cycle detected: candidate root '\(resolved)' contains visited root '\(visited)'")
        }
        self.fs = fs
        self.path = resolved
        self.ancestors = ancestors
    }

    /// A root for a directory named relative to this one (a base, a component).
    public func child(_ relative: String) throws(BuildError) -> KustomizationRoot {
        if relative.hasPrefix("/") { throw BuildError("new root '\(relative)' cannot be absolute") }
        return try KustomizationRoot(fs: fs, path: Paths.join(path, relative), ancestors: ancestors + [path])
    }

    /// The absolute path of a file this kustomization may read, or an error naming the restriction.
    public func allowedFile(_ relative: String) throws(BuildError) -> String {
        let joined = Paths.join(path, relative)
        guard let resolved = fs.resolvedPath(joined) else {
            throw BuildError("file '\(joined)' does not exist")
        }
        guard Paths.isWithin(resolved, root: path) else {
            throw BuildError("security; file '\(resolved)' is not in or below '\(path)'")
        }
        return resolved
    }

    public func readFile(_ relative: String) throws(BuildError) -> [UInt8] {
        try fs.readFile(try allowedFile(relative))
    }

    /// Finds and reads the kustomization file: exactly one of the recognised names must exist.
    public func loadKustomization() throws(BuildError) -> Kustomization {
        let present = KustomizationRoot.fileNames.filter { fs.exists(Paths.join(path, $0)) && !fs.isDirectory(Paths.join(path, $0)) }
        guard let name = present.first else {
            throw BuildError(
                "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '\(path)'"
            )
        }
        guard present.count == 1 else { throw BuildError("Found multiple kustomization files under: \(path)") }
        let file = Paths.join(path, name)
        let documents: [Node]
        do {
            documents = try YAMLParser.documents(try fs.readFile(file), file: file)
        } catch {
            throw BuildError("invalid Kustomization: \(error)")
        }
        let content = documents.first(where: { !$0.isNull }) ?? .null
        return try Kustomization(node: content, file: file)
    }
}
