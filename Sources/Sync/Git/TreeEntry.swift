/// The mode Git records for a tree entry.
public struct FileMode: Hashable, Sendable, CustomStringConvertible {
    /// The octal mode as Git writes it (`0o100644`).
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let regular = FileMode(rawValue: 0o100644)
    public static let executable = FileMode(rawValue: 0o100755)
    public static let symlink = FileMode(rawValue: 0o120000)
    public static let tree = FileMode(rawValue: 0o040000)
    /// A submodule (gitlink).
    public static let commit = FileMode(rawValue: 0o160000)

    /// A blob entry: regular, executable or symlink.
    public var isFile: Bool { self == .regular || self == .executable || self == .symlink }

    public var description: String { String(rawValue, radix: 8) }
}

/// One entry of a tree, with its full path from the root tree.
public struct TreeEntry: Hashable, Sendable {
    public let path: String
    public let id: ObjectID
    public let mode: FileMode

    public init(path: String, id: ObjectID, mode: FileMode) {
        self.path = path
        self.id = id
        self.mode = mode
    }
}

/// One change applied by `Repository.updatedTree(_:applying:)`.
public enum TreeUpdate: Hashable, Sendable {
    /// Add or replace the file at `path` (intermediate directories are created).
    case upsert(path: String, blob: ObjectID, mode: FileMode = .regular)
    /// Remove the file or directory at `path`; directories left empty disappear.
    case remove(path: String)

    public var path: String {
        switch self {
        case .upsert(let path, _, _), .remove(let path): path
        }
    }
}
