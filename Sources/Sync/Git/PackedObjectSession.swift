import CGit2

/// A second handle on a repository whose new objects (blobs, trees, commits) stay in memory until
/// `flush(commit:parent:)` writes them as one pack — two files instead of one loose file per object, which
/// is what makes rendering thousands of objects fast. Objects never flushed (a render that changed nothing) are
/// simply dropped with the session. Reads see both the memory and the repository's objects.
///
/// Flush before pointing a reference at any of the new objects.
final class PackedObjectSession {
    /// Write through this handle; its object database has the in-memory backend first.
    let repository: Repository
    /// Owned by the object database of `repository`, valid while `repository` is alive.
    private let backend: UnsafeMutablePointer<git_odb_backend>

    init(on base: Repository) throws {
        let session = try Repository.open(at: base.gitDirectory)
        repository = session
        var odb: OpaquePointer?
        try LibGit2.call("open object database of", base.gitDirectory) { git_repository_odb(&odb, session.handle) }
        defer { git_odb_free(odb) }
        var memory: UnsafeMutablePointer<git_odb_backend>?
        try LibGit2.call("create in-memory object store for", base.gitDirectory) { git_mempack_new(&memory) }
        guard let memory else {
            throw GitError(
                code: .other, operation: "create in-memory object store for", object: base.gitDirectory,
                cause: "libgit2 returned no backend")
        }
        // Highest priority: new objects go to memory; on failure the odb does not own it yet, so free it.
        do {
            try LibGit2.call("add in-memory object store to", base.gitDirectory) {
                git_odb_add_backend(odb, memory, 1000)
            }
        } catch {
            memory.pointee.free?(memory)
            throw error
        }
        backend = memory
    }

    /// Writes the objects `commit` needs that `parent` does not have into the repository as one pack (with
    /// its index), then empties the memory. (`git_mempack_dump` would pack the commit's whole tree again.)
    func flush(commit: ObjectID, parent: ObjectID?) throws {
        let directory = repository.gitDirectory
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try packObjects(of: commit, excluding: parent, into: &buffer)
        // A pack starts "PACK", version, object count (big-endian 32 bits).
        guard let bytes = buffer.ptr, buffer.size >= 12 else { return }
        let raw = UnsafeRawPointer(bytes)
        let count = (8..<12).reduce(UInt32(0)) { $0 << 8 | UInt32(raw.load(fromByteOffset: $1, as: UInt8.self)) }
        guard count > 0 else { return }

        var odb: OpaquePointer?
        try LibGit2.call("open object database of", directory) { git_repository_odb(&odb, repository.handle) }
        defer { git_odb_free(odb) }
        var writepack: UnsafeMutablePointer<git_odb_writepack>?
        try LibGit2.call("write pack into", directory) { git_odb_write_pack(&writepack, odb, nil, nil) }
        guard let writepack else {
            throw GitError(
                code: .other, operation: "write pack into", object: directory, cause: "libgit2 returned no writer")
        }
        defer { writepack.pointee.free?(writepack) }
        var progress = git_indexer_progress()
        try LibGit2.call("write pack into", directory) {
            writepack.pointee.append?(writepack, bytes, buffer.size, &progress) ?? -1
        }
        try LibGit2.call("index pack in", directory) { writepack.pointee.commit?(writepack, &progress) ?? -1 }
        try LibGit2.call("empty in-memory object store of", directory) { git_mempack_reset(backend) }
    }

    /// The objects reachable from `commit` and not from `parent`, as a pack in `buffer`.
    private func packObjects(of commit: ObjectID, excluding parent: ObjectID?, into buffer: inout git_buf) throws {
        let directory = repository.gitDirectory
        var builder: OpaquePointer?
        try LibGit2.call("pack new objects of", directory) { git_packbuilder_new(&builder, repository.handle) }
        defer { git_packbuilder_free(builder) }
        var walk: OpaquePointer?
        try LibGit2.call("pack new objects of", directory) { git_revwalk_new(&walk, repository.handle) }
        defer { git_revwalk_free(walk) }
        var commitOID = commit.oid
        try LibGit2.call("pack new objects of", directory) { git_revwalk_push(walk, &commitOID) }
        if var parentOID = parent?.oid {
            try LibGit2.call("pack new objects of", directory) { git_revwalk_hide(walk, &parentOID) }
        }
        try LibGit2.call("pack new objects of", directory) { git_packbuilder_insert_walk(builder, walk) }
        try LibGit2.call("pack new objects of", directory) { git_packbuilder_write_buf(&buffer, builder) }
    }
}

@available(*, unavailable)
extension PackedObjectSession: Sendable {}
