import CGit2

extension Repository {
    /// Writes `bytes` as a blob into the object database and returns its id (idempotent).
    public func createBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try LibGit2.call("write blob into", gitDirectory) {
                git_blob_create_from_buffer(&oid, handle, buffer.baseAddress, buffer.count)
            }
        }
        return ObjectID(oid)
    }

    /// The id `bytes` have as a blob, computed without writing anything (`git hash-object`).
    public static func blobID(for bytes: [UInt8]) throws -> ObjectID {
        LibGit2.ensureInitialized()
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try LibGit2.call("hash blob", "\(bytes.count) bytes") {
                git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB)
            }
        }
        return ObjectID(oid)
    }

    /// The bytes of the blob `id`.
    public func blob(_ id: ObjectID) throws -> [UInt8] {
        var oid = id.oid
        var blob: OpaquePointer?
        try LibGit2.call("read blob", id.hex) { git_blob_lookup(&blob, handle, &oid) }
        defer { git_blob_free(blob) }
        return Self.copyContent(of: blob)
    }

    /// The bytes of the file at `path` in tree `treeID`, nil when there is no file there.
    public func blob(at path: String, inTree treeID: ObjectID) throws -> [UInt8]? {
        guard let entry = try treeEntry(at: path, inTree: treeID), entry.mode.isFile else { return nil }
        return try blob(entry.id)
    }

    static func copyContent(of blob: OpaquePointer?) -> [UInt8] {
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }
}
