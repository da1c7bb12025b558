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
        var directories: Set<String> = []
        for path in files.keys {
            let (problem, ancestors) = Self.check(path)
            if let problem {
                throw GitError(
                    code: .invalidPath, operation: "render \(environment) file", object: path,
                    cause: "not a clean relative path: \(problem)")
            }
            directories.formUnion(ancestors)
        }
        if let clash = files.keys.first(where: directories.contains) {
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
        onBytes(of: path) { bytes in
            bytes.indices.filter { bytes[$0] == UInt8(ascii: "/") }.map { prefix(bytes, upTo: $0) }
        }
    }

    /// One pass over a path: the first problem of its components, else its ancestors (`a/b/c.yaml` → `a`, `a/b`).
    private static func check(_ path: String) -> (problem: String?, ancestors: [String]) {
        onBytes(of: path) { bytes in
            var ancestors: [String] = []
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                if let problem = problem(inComponent: UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                    return (problem, [])
                }
                if end < bytes.count { ancestors.append(prefix(bytes, upTo: end)) }
                start = end + 1
            }
            return (nil, ancestors)
        }
    }

    /// Runs `body` on the UTF-8 bytes of `path`: a Git path separates at every `/` byte, and bytes need no
    /// grapheme breaking (the `String` views do, which made checking thousands of paths slow).
    private static func onBytes<R>(of path: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        path.utf8.withContiguousStorageIfAvailable(body) ?? Array(path.utf8).withUnsafeBufferPointer(body)
    }

    private static func prefix(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
    }

    private static func problem(inComponent component: String) -> String? {
        problem(inComponent: component.utf8)
    }

    private static func problem(inComponent component: some Collection<UInt8>) -> String? {
        if component.isEmpty { return "empty path component" }
        if component.elementsEqual(".".utf8) { return "'.' component" }
        if component.elementsEqual("..".utf8) { return "'..' component" }
        // Only ASCII letters lower-case to the letters of `.git`.
        let lowercased = component.lazy.map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }
        if lowercased.elementsEqual(".git".utf8) { return "'.git' component" }
        if component.contains(UInt8(ascii: "/")) { return "contains '/'" }
        if component.contains(UInt8(ascii: "\\")) { return "contains a backslash" }
        if component.contains(0) { return "contains a NUL byte" }
        return nil
    }
}
