import CGit2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension Repository {
    /// Builds a new tree from `base` (nil: the empty tree) with `updates` applied, without a work tree or
    /// an index (`git_tree_create_updated`). Removing and upserting the same path in one call, or turning a
    /// file into a directory (or back), is not supported by libgit2: apply such changes in two calls.
    public func updatedTree(_ base: ObjectID?, applying updates: [TreeUpdate]) throws -> ObjectID {
        let object = base?.hex ?? "empty tree"
        var baseline: OpaquePointer?
        if var baseOID = base?.oid {
            try LibGit2.call("read tree", object) { git_tree_lookup(&baseline, handle, &baseOID) }
        }
        defer { git_tree_free(baseline) }

        let paths: [UnsafeMutablePointer<CChar>?] = updates.map { strdup($0.path) }
        defer { for path in paths { free(path) } }
        let gitUpdates: [git_tree_update] = zip(updates, paths).map { update, path in
            switch update {
            case .upsert(_, let blob, let mode):
                git_tree_update(
                    action: GIT_TREE_UPDATE_UPSERT, id: blob.oid, filemode: git_filemode_t(mode.rawValue),
                    path: path)
            case .remove:
                git_tree_update(action: GIT_TREE_UPDATE_REMOVE, id: git_oid(), filemode: git_filemode_t(0), path: path)
            }
        }
        var out = git_oid()
        try gitUpdates.withUnsafeBufferPointer { buffer in
            try LibGit2.call("update tree", object) {
                git_tree_create_updated(&out, handle, baseline, buffer.count, buffer.baseAddress)
            }
        }
        return ObjectID(out)
    }

    /// The entry at `path` (a file or a directory) in tree `treeID`, nil when there is none.
    public func treeEntry(at path: String, inTree treeID: ObjectID) throws -> TreeEntry? {
        try withTree(treeID) { tree in
            var entry: OpaquePointer?
            let found = try LibGit2.lookup("find \(path) in tree", treeID.hex) {
                git_tree_entry_bypath(&entry, tree, path)
            }
            guard found else { return nil }
            defer { git_tree_entry_free(entry) }
            return TreeEntry(
                path: path, id: ObjectID(git_tree_entry_id(entry).pointee),
                mode: FileMode(rawValue: UInt32(git_tree_entry_filemode_raw(entry).rawValue)))
        }
    }

    /// Every file (blob entry) of tree `treeID`, recursively, by full path; only those at or below
    /// `directory` when one is given. Submodule entries are skipped.
    public func fileEntries(inTree treeID: ObjectID, under directory: String? = nil) throws -> [String: TreeEntry] {
        var files: [String: TreeEntry] = [:]
        guard let directory, !directory.isEmpty else {
            try collectFiles(treeID, prefix: "", into: &files)
            return files
        }
        guard let entry = try treeEntry(at: directory, inTree: treeID) else { return [:] }
        if entry.mode == .tree {
            try collectFiles(entry.id, prefix: directory, into: &files)
        } else if entry.mode.isFile {
            files[directory] = entry
        }
        return files
    }

    /// Reads tree `treeID` recursively into `[path: bytes]` (only below `directory` when given).
    public func readTree(_ treeID: ObjectID, under directory: String? = nil) throws -> [String: [UInt8]] {
        try fileEntries(inTree: treeID, under: directory).mapValues { try blob($0.id) }
    }

    private func collectFiles(_ treeID: ObjectID, prefix: String, into files: inout [String: TreeEntry]) throws {
        let entries = try withTree(treeID) { tree in
            (0..<git_tree_entrycount(tree)).compactMap { index -> TreeEntry? in
                guard let entry = git_tree_entry_byindex(tree, index), let cName = git_tree_entry_name(entry) else {
                    return nil
                }
                let name = String(cString: cName)
                return TreeEntry(
                    path: prefix.isEmpty ? name : prefix + "/" + name,
                    id: ObjectID(git_tree_entry_id(entry).pointee),
                    mode: FileMode(rawValue: UInt32(git_tree_entry_filemode_raw(entry).rawValue)))
            }
        }
        for entry in entries {
            if entry.mode == .tree {
                try collectFiles(entry.id, prefix: entry.path, into: &files)
            } else if entry.mode.isFile {
                files[entry.path] = entry
            }
        }
    }

    /// Looks up tree `treeID`, runs `body` with it and frees it.
    func withTree<R>(_ treeID: ObjectID, _ body: (OpaquePointer?) throws -> R) throws -> R {
        var oid = treeID.oid
        var tree: OpaquePointer?
        try LibGit2.call("read tree", treeID.hex) { git_tree_lookup(&tree, handle, &oid) }
        defer { git_tree_free(tree) }
        return try body(tree)
    }
}
