import CGit2
import Foundation

extension Repository {
    /// The commit `id`.
    public func commit(_ id: ObjectID) throws -> Commit {
        var oid = id.oid
        var commit: OpaquePointer?
        try LibGit2.call("read commit", id.hex) { git_commit_lookup(&commit, handle, &oid) }
        defer { git_commit_free(commit) }
        guard let commit else {
            throw GitError(code: .other, operation: "read commit", object: id.hex, cause: "libgit2 returned no commit")
        }
        return Commit(commit)
    }

    /// The commit at the tip of `branch` (`rendered/dev` or a full reference name such as
    /// `refs/remotes/origin/rendered/dev`), nil when the branch does not exist.
    public func commit(onBranch branch: String) throws -> Commit? {
        guard let id = try referenceTarget(Self.branchReference(branch)) else { return nil }
        return try commit(id)
    }

    /// The signature Git configuration gives (`user.name`, `user.email`, repository then global then system
    /// configuration), falling back to `dlsync <dlsync@localhost>` for what is not configured.
    public func defaultSignature() throws -> Signature {
        var config: OpaquePointer?
        try LibGit2.call("read configuration of", gitDirectory) { git_repository_config_snapshot(&config, handle) }
        defer { git_config_free(config) }
        func value(_ key: String) throws -> String? {
            var text: UnsafePointer<CChar>?
            let found = try LibGit2.lookup("read \(key) from configuration of", gitDirectory) {
                git_config_get_string(&text, config, key)
            }
            return found ? text.map { String(cString: $0) } : nil
        }
        return Signature.configured(name: try value("user.name"), email: try value("user.email"))
    }

    /// Writes a commit of `tree` with `parents` and returns its id; moves no reference (use
    /// `updateReference(_:to:expecting:message:)` for that). Author and committer default to
    /// `defaultSignature()`, the committer to the author.
    public func createCommit(
        tree treeID: ObjectID, parents: [ObjectID], message: String,
        author: Signature? = nil, committer: Signature? = nil
    ) throws -> ObjectID {
        let author = try author ?? defaultSignature()
        let committer = committer ?? author
        var parentCommits: [OpaquePointer?] = []
        defer { for commit in parentCommits { git_commit_free(commit) } }
        for parent in parents {
            var oid = parent.oid
            var commit: OpaquePointer?
            try LibGit2.call("read parent commit", parent.hex) { git_commit_lookup(&commit, handle, &oid) }
            parentCommits.append(commit)
        }
        return try withTree(treeID) { tree in
            try author.withGitSignature { authorSignature in
                try committer.withGitSignature { committerSignature in
                    var out = git_oid()
                    try parentCommits.withUnsafeMutableBufferPointer { buffer in
                        try LibGit2.call("create commit of tree", treeID.hex) {
                            git_commit_create(
                                &out, handle, nil, authorSignature, committerSignature, nil, message, tree,
                                buffer.count, buffer.baseAddress)
                        }
                    }
                    return ObjectID(out)
                }
            }
        }
    }

    /// The commits reachable from `branch`, newest first (topological, then by time), at most `limit`;
    /// empty when the branch does not exist.
    public func commits(onBranch branch: String, limit: Int? = nil) throws -> [Commit] {
        guard let tip = try referenceTarget(Self.branchReference(branch)) else { return [] }
        var walk: OpaquePointer?
        try LibGit2.call("walk history of", branch) { git_revwalk_new(&walk, handle) }
        defer { git_revwalk_free(walk) }
        try LibGit2.call("walk history of", branch) {
            git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
        }
        var tipOID = tip.oid
        try LibGit2.call("walk history of", branch) { git_revwalk_push(walk, &tipOID) }
        var ids: [ObjectID] = []
        var next = git_oid()
        while limit.map({ ids.count < $0 }) ?? true {
            var result: Int32 = 0
            try LibGit2.call("walk history of", branch) {
                result = git_revwalk_next(&next, walk)
                return result == GIT_ITEROVER.rawValue ? 0 : result
            }
            if result == GIT_ITEROVER.rawValue { break }
            ids.append(ObjectID(next))
        }
        return try ids.map { try commit($0) }
    }
}
