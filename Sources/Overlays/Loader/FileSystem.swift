import Foundation

/// The engine's only window on files, so builds can run on disk or in memory.
public protocol FileSystem: Sendable {
    func readFile(_ path: String) throws(BuildError) -> [UInt8]
    func isDirectory(_ path: String) -> Bool
    func exists(_ path: String) -> Bool
    /// The absolute path with symbolic links resolved, or nil when the path does not exist.
    func resolvedPath(_ path: String) -> String?
    /// Entry names of a directory, sorted.
    func contentsOfDirectory(_ path: String) throws(BuildError) -> [String]
}

/// Files on the local disk.
public struct DiskFileSystem: FileSystem {
    public init() {}

    public func readFile(_ path: String) throws(BuildError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BuildError("cannot read file '\(path)'")
        }
        return [UInt8](data)
    }

    public func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    public func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func contentsOfDirectory(_ path: String) throws(BuildError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw BuildError("cannot list directory '\(path)': \(error.localizedDescription)")
        }
    }
}

/// Path arithmetic on plain strings ('/'-separated, no Foundation URL surprises).
public enum Paths {
    public static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        return normalize(base + "/" + relative)
    }

    /// Removes `.` and `..` segments and duplicate slashes.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        // Split on `/` bytes: splitting characters breaks graphemes, which made this a cost per file read.
        let split = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
        for part in split.map(Substring.init) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", path.hasPrefix("/") { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    public static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Whether `path` is `root` or lies beneath it.
    public static func isWithin(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}
