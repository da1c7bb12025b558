import CGit2

extension Repository {
    /// The commit a reference points to (symbolic references are followed), nil when it does not exist.
    public func referenceTarget(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let found = try LibGit2.lookup("resolve reference", name) { git_reference_name_to_id(&oid, handle, name) }
        return found ? ObjectID(oid) : nil
    }

    /// Points `name` at `id` only if it still points at `expected` (nil: only if it does not exist yet).
    /// Throws `GitError` with code `.referenceChanged` when someone moved the reference in between.
    public func updateReference(_ name: String, to id: ObjectID, expecting expected: ObjectID?, message: String)
        throws
    {
        var newOID = id.oid
        var reference: OpaquePointer?
        defer { git_reference_free(reference) }
        do {
            if var currentOID = expected?.oid {
                try LibGit2.call("update reference", name) {
                    git_reference_create_matching(&reference, handle, name, &newOID, 1, &currentOID, message)
                }
            } else {
                try LibGit2.call("create reference", name) {
                    git_reference_create(&reference, handle, name, &newOID, 0, message)
                }
            }
        } catch let error as GitError
            where error.code == .alreadyExists || error.code == .referenceChanged
            || error.code == .notFound
        {
            let expectation = expected.map { "expected it at \($0.short)" } ?? "expected it not to exist"
            throw GitError(
                code: .referenceChanged, operation: error.operation, object: name,
                cause: "reference moved concurrently (\(expectation)): \(error.cause)", libgit2Code: error.libgit2Code)
        }
    }

    /// Deletes the reference `name`; does nothing when it does not exist.
    public func deleteReference(_ name: String) throws {
        var reference: OpaquePointer?
        guard try LibGit2.lookup("delete reference", name, { git_reference_lookup(&reference, handle, name) }) else {
            return
        }
        defer { git_reference_free(reference) }
        try LibGit2.call("delete reference", name) { git_reference_delete(reference) }
    }
}
