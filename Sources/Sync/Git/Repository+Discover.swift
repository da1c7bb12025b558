import CGit2

extension Repository {
    /// The repository whose work tree (or Git directory) contains `path`, searching parent directories as
    /// `git` does (`git_repository_discover` semantics, without crossing file systems); nil when `path` is
    /// in no repository.
    public static func discover(containing path: String) throws -> Repository? {
        LibGit2.ensureInitialized()
        var handle: OpaquePointer?
        let found = try LibGit2.lookup("find the Git repository containing", path) {
            git_repository_open_ext(&handle, path, 0, nil)
        }
        guard found, let handle else { return nil }
        return Repository(handle: handle)
    }

    /// The commit `HEAD` points to; nil on an unborn branch (a repository without commits).
    public func headCommit() throws -> Commit? {
        guard let id = try referenceTarget("HEAD") else { return nil }
        return try commit(id)
    }

    /// The branch `HEAD` is attached to (`refs/heads/main`), nil when `HEAD` is detached.
    public func headReferenceName() throws -> String? {
        var reference: OpaquePointer?
        guard try LibGit2.lookup("read HEAD of", gitDirectory, { git_reference_lookup(&reference, handle, "HEAD") })
        else { return nil }
        defer { git_reference_free(reference) }
        return git_reference_symbolic_target(reference).map { String(cString: $0) }
    }

    /// The commit a revision names (`abc1234`, a full id, `rendered/dev~2`, a reference); nil when it names
    /// nothing, or something that is not a commit.
    public func resolveCommit(_ revision: String) throws -> Commit? {
        var object: OpaquePointer?
        guard try LibGit2.lookup("resolve revision", revision, { git_revparse_single(&object, handle, revision) })
        else { return nil }
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        let isCommit = try LibGit2.lookup("resolve revision", revision) {
            let result = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT)
            // A tree or blob cannot be peeled to a commit: that is "not a commit", not a failure.
            return result == GIT_EINVALIDSPEC.rawValue || result == GIT_EPEEL.rawValue
                ? GIT_ENOTFOUND.rawValue : result
        }
        guard isCommit, let peeled else { return nil }
        defer { git_object_free(peeled) }
        return try commit(ObjectID(git_object_id(peeled).pointee))
    }

    /// The URL of the remote `name` (`origin`) in this repository's configuration, nil when there is none.
    public func remoteURL(named name: String) throws -> String? {
        var remote: OpaquePointer?
        guard try LibGit2.lookup("read remote", name, { git_remote_lookup(&remote, handle, name) }) else {
            return nil
        }
        defer { git_remote_free(remote) }
        return git_remote_url(remote).map { String(cString: $0) }
    }
}
