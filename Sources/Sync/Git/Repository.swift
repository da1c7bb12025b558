import CGit2

/// An open Git repository: the one owner of a libgit2 `git_repository` handle, freed on deinit.
///
/// libgit2 lets one thread at a time use a handle, so `Repository` is deliberately not `Sendable`: keep it
/// inside one actor (or one task) and hand out values (`Commit`, `ObjectID`, bytes), never the handle.
/// Every method is synchronous and throws `GitError`.
public final class Repository {
    let handle: OpaquePointer

    /// The path of the Git directory (`.../repo.git/` or `.../repo/.git/`).
    public let gitDirectory: String
    /// The work tree, nil for a bare repository.
    public let workTree: String?

    public var isBare: Bool { workTree == nil }

    /// Anonymous remotes by URL, made once per handle: libgit2 1.5 with PCRE2 leaks the regex match data of
    /// every config entry it checks for `url.*.insteadOf` when it makes a remote (~17 KB each), which a
    /// daemon fetching every minute would turn into steady growth.
    var anonymousRemotes: [String: OpaquePointer] = [:]

    init(handle: OpaquePointer) {
        self.handle = handle
        gitDirectory = git_repository_path(handle).map { String(cString: $0) } ?? ""
        workTree = git_repository_workdir(handle).map { String(cString: $0) }
    }

    deinit {
        for remote in anonymousRemotes.values { git_remote_free(remote) }
        git_repository_free(handle)
    }

    /// Opens the repository at `path` (a work tree, a `.git` directory or a bare repository); does not
    /// search parent directories.
    public static func open(at path: String) throws -> Repository {
        LibGit2.ensureInitialized()
        var handle: OpaquePointer?
        try LibGit2.call("open repository at", path) {
            git_repository_open_ext(&handle, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        }
        return try wrap(handle, "open repository at", path)
    }

    /// Creates an empty repository at `path` (creating missing directories); re-initialising an existing
    /// repository is harmless, as with `git init`.
    public static func create(at path: String, bare: Bool = false) throws -> Repository {
        LibGit2.ensureInitialized()
        var handle: OpaquePointer?
        try LibGit2.call("create repository at", path) {
            git_repository_init(&handle, path, bare ? 1 : 0)
        }
        return try wrap(handle, "create repository at", path)
    }

    private static func wrap(_ handle: OpaquePointer?, _ operation: String, _ path: String) throws -> Repository {
        guard let handle else {
            throw GitError(code: .other, operation: operation, object: path, cause: "libgit2 returned no repository")
        }
        return Repository(handle: handle)
    }

    /// The full reference name of a branch: `rendered/dev` → `refs/heads/rendered/dev`; full names pass through.
    public static func branchReference(_ branch: String) -> String {
        branch.hasPrefix("refs/") ? branch : "refs/heads/" + branch
    }
}

@available(*, unavailable, message: "a libgit2 repository handle is used by one thread at a time")
extension Repository: Sendable {}
