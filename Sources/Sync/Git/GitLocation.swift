/// Where rendered branches live: a repository (local path or remote URL) and, optionally, a branch —
/// parsed from `--repo <path|url>` or `--git <repo>@<branch>`.
public struct GitLocation: Sendable, Hashable, CustomStringConvertible {
    public enum Address: Sendable, Hashable, CustomStringConvertible {
        /// A repository on this machine (work tree, `.git` directory or bare repository).
        case path(String)
        /// A remote: `https://`, `ssh://`, `git://`, `file://`, or scp-like `user@host:path`.
        case url(String)

        /// A URL when `text` has a scheme (`://`) or is scp-like (`host:path` with no `/` before the `:`),
        /// a path otherwise.
        public init(_ text: String) {
            self = Self.isURL(text) ? .url(text) : .path(text)
        }

        public var description: String {
            switch self {
            case .path(let path): path
            case .url(let url): url
            }
        }

        public var isRemote: Bool {
            if case .url = self { return true }
            return false
        }

        static func isURL(_ text: String) -> Bool {
            if text.contains("://") { return true }
            guard let colon = text.firstIndex(of: ":") else { return false }
            let host = text[..<colon]
            return !host.isEmpty && !host.contains("/") && host.count > 1  // `C:` style drive letters stay paths
        }
    }

    public var repository: Address
    public var branch: String?

    public init(repository: Address, branch: String? = nil) {
        self.repository = repository
        self.branch = branch
    }

    /// Parses `<repo>@<branch>`; the branch is what follows the last `@`, unless that part looks like a
    /// host (`git@github.com:org/repo`), in which case there is no branch.
    public static func parse(_ text: String) -> GitLocation {
        guard let at = text.lastIndex(of: "@") else { return GitLocation(repository: Address(text)) }
        let branch = String(text[text.index(after: at)...])
        let repository = String(text[..<at])
        if repository.isEmpty || branch.isEmpty || branch.contains(":") {
            return GitLocation(repository: Address(text))
        }
        return GitLocation(repository: Address(repository), branch: branch)
    }

    /// The branch a render of `environment` uses by default.
    public static func defaultBranch(for environment: String) -> String { "rendered/\(environment)" }

    /// The environment a default branch renders (`rendered/prod` → `prod`); nil for other branch names.
    public var renderedEnvironment: String? {
        guard let branch, branch.hasPrefix("rendered/") else { return nil }
        return String(branch.dropFirst("rendered/".count))
    }

    /// `<repo>@<branch>`, as messages name it.
    public var description: String {
        branch.map { "\(repository)@\($0)" } ?? repository.description
    }

    /// This location with `branch` set.
    public func on(_ branch: String) -> GitLocation {
        GitLocation(repository: repository, branch: branch)
    }
}
