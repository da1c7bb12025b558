import Overlays

/// Writes one environment's rendered files onto a branch (`rendered/<env>`) as one commit, without a work
/// tree: blobs → `git_tree_create_updated` on the parent's tree → no commit when the tree is unchanged →
/// commit → compare-and-swap of the branch.
///
/// Only `<environment>/` is replaced; other environments' folders and files at the root stay as they were.
/// The branch must be one dlsync manages — its tip commit carries the `Rendered-By: dlsync` trailer —
/// unless `adopt` is set.
public struct RenderedBranchWriter {
    public enum Outcome: Hashable, Sendable {
        /// The branch already held exactly these files; nothing was written.
        case unchanged
        /// A new commit was written and the branch moved to it.
        case committed(ObjectID)
    }

    /// The trailer every dlsync commit carries; its value starts with `dlsync`.
    public static let trailerKey = "Rendered-By"

    public let repository: Repository
    /// Author and committer of render commits; nil: `Repository.defaultSignature()`.
    public var signature: Signature?

    public init(repository: Repository, signature: Signature? = nil) {
        self.repository = repository
        self.signature = signature
    }

    /// Replaces `<tree.environment>/` on `branch` with `tree.files`.
    ///
    /// - Parameters:
    ///   - message: the commit message, usually from `commitMessage(environment:sourceCommit:sourceSubject:version:)`;
    ///     a `Rendered-By: dlsync` trailer is added when it has none.
    ///   - adopt: write even though the branch's tip was not written by dlsync.
    /// - Throws: `GitError` — `.unmanagedBranch` when the branch is not dlsync's; `.referenceChanged` when
    ///   the branch moved while writing (retry).
    public func write(_ tree: RenderedTree, to branch: String, message: String, adopt: Bool = false) throws
        -> Outcome
    {
        let reference = Repository.branchReference(branch)
        let parent = try repository.commit(onBranch: reference)
        if let parent, !adopt, !Self.isWrittenByDlsync(parent) {
            throw GitError(
                code: .unmanagedBranch, operation: "render \(tree.environment) to", object: branch,
                cause: "its tip \(parent.id.short) (\"\(parent.subject)\") was not written by dlsync "
                    + "(no \(Self.trailerKey): dlsync trailer); pass adopt to take the branch over")
        }

        // New objects collect in memory and reach the repository as one pack, before the branch moves.
        let session = try PackedObjectSession(on: repository)
        guard let newTree = try buildTree(tree, on: parent?.treeID, in: session.repository) else { return .unchanged }
        if let parent, newTree == parent.treeID { return .unchanged }

        let signature = try signature ?? repository.defaultSignature()
        let commit = try session.repository.createCommit(
            tree: newTree, parents: parent.map { [$0.id] } ?? [], message: Self.ensuringTrailer(message),
            author: signature, committer: signature)
        try session.flush(commit: commit, parent: parent?.id)
        try repository.updateReference(
            reference, to: commit, expecting: parent?.id, message: "dlsync: render \(tree.environment)")
        return .committed(commit)
    }

    /// Replaces `<environment>/` on `branch` with `files` (paths relative to `<environment>/`).
    public func write(
        environment: String, files: [String: [UInt8]], to branch: String, message: String, adopt: Bool = false
    ) throws -> Outcome {
        try write(RenderedTree(environment: environment, files: files), to: branch, message: message, adopt: adopt)
    }

    /// Whether `commit` carries the `Rendered-By: dlsync …` trailer.
    public static func isWrittenByDlsync(_ commit: Commit) -> Bool {
        commit.trailerValues(trailerKey).contains { $0 == "dlsync" || $0.hasPrefix("dlsync ") }
    }

    /// The tree of `base` with `<environment>/` holding exactly `tree.files`. Only files whose content
    /// changed are written as blobs and only changed paths are updated, so an incremental render of a large
    /// environment costs a hash per file and a write per change. Nil when nothing but metadata files changed.
    private func buildTree(_ tree: RenderedTree, on base: ObjectID?, in repository: Repository) throws -> ObjectID? {
        let existing = try base.map { try repository.fileEntries(inTree: $0, under: tree.environment) } ?? [:]
        var upserts: [TreeUpdate] = []
        var changed: [TreeUpdate] = []
        var contentChanged = false
        let metadataPaths = Set(tree.metadataFiles.map { tree.environment + "/" + $0 })
        let files = tree.fullPaths.sorted { $0.key.precedesInByteOrder($1.key) }
        // Hashing every file is most of the work when little changed: on all cores.
        let ids = try files.concurrentMap { file in Result { try Repository.blobID(for: file.value) } }
            .map { try $0.get() }
        for ((path, bytes), id) in zip(files, ids) {
            let current = existing[path]
            if current?.id != id { _ = try repository.createBlob(bytes) }
            let update = TreeUpdate.upsert(path: path, blob: id, mode: .regular)
            upserts.append(update)
            if current?.id != id || current?.mode != .regular {
                changed.append(update)
                if current == nil || !metadataPaths.contains(path) { contentChanged = true }
            }
        }
        let wanted = Set(upserts.map(\.path))

        // libgit2 cannot turn a file into a directory (or back) in one update: clear the folder first then.
        let wantedDirectories = Set(wanted.flatMap(RenderedTree.ancestors(of:)))
        let existingDirectories = Set(existing.keys.flatMap(RenderedTree.ancestors(of:)))
        let fileBecomesDirectory = existing.keys.contains { wantedDirectories.contains($0) }
        let directoryBecomesFile = wanted.contains { existingDirectories.contains($0) }
        if let base, fileBecomesDirectory || directoryBecomesFile || existing[tree.environment] != nil {
            let cleared = try repository.updatedTree(base, applying: [.remove(path: tree.environment)])
            return try repository.updatedTree(cleared, applying: upserts)
        }

        let removals = existing.keys.filter { !wanted.contains($0) }.sorted().map { TreeUpdate.remove(path: $0) }
        guard let base else { return try repository.updatedTree(nil, applying: upserts) }
        if removals.isEmpty && !contentChanged { return nil }
        return try repository.updatedTree(base, applying: removals + changed)
    }

    private static func ensuringTrailer(_ message: String) -> String {
        var message = message.hasSuffix("\n") ? message : message + "\n"
        let trailers = Commit.parseTrailers(message)
        let hasTrailer = trailers.contains { trailer in
            trailer.key.lowercased() == trailerKey.lowercased()
                && (trailer.value == "dlsync" || trailer.value.hasPrefix("dlsync "))
        }
        if !hasTrailer {
            message += (trailers.isEmpty ? "\n" : "") + "\(trailerKey): dlsync\n"
        }
        return message
    }
}
