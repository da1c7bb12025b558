/// The files of one environment as a render produced them: paths relative to `<environment>/`, bytes as
/// they go into Git. Paths are validated on construction so that nothing can escape `<environment>/`.
public struct RenderedTree: Sendable, Hashable {
    /// One directory name: the environment's folder at the root of the rendered branch.
    public let environment: String
    /// Relative path under `<environment>/` → file content.
    public let files: [String: [UInt8]]
    /// Files (relative paths, a subset of `files`) that record how the render was made, like `dlsync.json`:
    /// written along with any other change, but a change in them alone makes no commit (a new source
    /// commit that renders the same objects leaves the branch alone). A missing one is still a change.
    public let metadataFiles: Set<String>

    /// - Throws: `GitError` with code `.invalidPath` when the environment is not a single directory name or
    ///   a path is not a clean relative path (empty component, `.`, `..`, `.git`, NUL, backslash).
    public init(environment: String, files: [String: [UInt8]], metadataFiles: Set<String> = []) throws {
        if let problem = Self.problem(inComponent: environment) {
            throw GitError(code: .invalidPath, operation: "render environment", object: environment, cause: problem)
        }
        for path in files.keys {
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            if let problem = components.lazy.compactMap({ Self.problem(inComponent: String($0)) }).first {
                throw GitError(
                    code: .invalidPath, operation: "render \(environment) file", object: path,
                    cause: "not a clean relative path: \(problem)")
            }
        }
        let paths = Set(files.keys)
        if let clash = paths.first(where: { path in Self.ancestors(of: path).contains { paths.contains($0) } }) {
            throw GitError(
                code: .invalidPath, operation: "render \(environment) file", object: clash,
                cause: "a file is also used as a directory")
        }
        self.environment = environment
        self.files = files
        self.metadataFiles = metadataFiles.intersection(files.keys)
    }

    /// Full paths in the branch: `<environment>/<path>`.
    public var fullPaths: [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: files.map { (environment + "/" + $0.key, $0.value) })
    }

    /// `a/b/c.yaml` → `["a", "a/b"]`.
    static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var index = path.startIndex
        while let slash = path[index...].firstIndex(of: "/") {
            result.append(String(path[..<slash]))
            index = path.index(after: slash)
        }
        return result
    }

    private static func problem(inComponent component: String) -> String? {
        if component.isEmpty { return "empty path component" }
        if component == "." || component == ".." { return "'\(component)' component" }
        if component.lowercased() == ".git" { return "'.git' component" }
        if component.contains("/") { return "contains '/'" }
        if component.contains("\\") { return "contains a backslash" }
        if component.utf8.contains(0) { return "contains a NUL byte" }
        return nil
    }
}
