/// `dlsync rollback`: a new commit on the branch whose `<env>/` tree equals that of an earlier render.
///
/// History is never rewritten: the rollback is one more commit, `rollback(<env>): to <short sha>`, with the
/// trailers `Rollback-To: <sha>`, `Source-Commit:` (the source of the render restored) and `Rendered-By:`.
public struct RenderRollback: Sendable {
    public let environment: String
    public let branch: String
    /// The render commit whose `<environment>/` is restored.
    public let target: Commit
    /// `<environment>/` exactly as `target` holds it.
    public let tree: RenderedTree
    public let message: String

    /// Checks that `revision` names a dlsync render (or rollback) of `environment` reachable from the local
    /// `branch`, and reads its `<environment>/` tree.
    ///
    /// - Throws: `RenderError` naming the branch and the revision when it is not one.
    public static func prepare(
        environment: String, branch: String, to revision: String, in repository: Repository,
        repositoryName: String, version: String = DLSyncVersion.current
    ) throws(RenderError) -> RenderRollback {
        let location = "\(repositoryName)@\(branch)"
        let refuse = { (reason: String) in
            RenderError(
                "roll \(environment) back on \(location) to \(revision): \(reason); "
                    + "list the renders with dlsync history --git \(location) --env \(environment)")
        }
        do {
            guard let target = try repository.resolveCommit(revision) else {
                throw refuse("no such commit in the repository")
            }
            let onBranch = try repository.commits(onBranch: branch)
            guard onBranch.contains(where: { $0.id == target.id }) else {
                throw refuse("\(target.id.short) is not a commit of \(branch)")
            }
            guard let entry = RenderHistory.entry(for: target), entry.environment == environment else {
                throw refuse("\(target.id.short) (\"\(target.subject)\") is not a dlsync render of \(environment)")
            }
            let prefix = environment + "/"
            let files = try repository.readTree(target.treeID, under: environment)
            let relative = Dictionary(
                uniqueKeysWithValues: files.map { (String($0.key.dropFirst(prefix.count)), $0.value) })
            guard !relative.isEmpty else { throw refuse("\(target.id.short) holds no \(environment)/ folder") }
            let tree = try RenderedTree(
                environment: environment, files: relative, metadataFiles: [RenderMetadata.fileName])
            var trailers = ["\(RenderHistory.rollbackTrailer): \(target.id.hex)"]
            if let source = entry.sourceCommit { trailers.append("\(RenderHistory.sourceCommitTrailer): \(source)") }
            trailers.append("\(RenderedBranchWriter.trailerKey): dlsync \(version)")
            let message =
                "rollback(\(environment)): to \(target.id.short)\n\nRestores \(environment)/ as rendered by "
                + "\(target.id.short) (\(target.subject)).\n\n" + trailers.joined(separator: "\n") + "\n"
            return RenderRollback(
                environment: environment, branch: branch, target: target, tree: tree, message: message)
        } catch let error as RenderError {
            throw error
        } catch {
            throw RenderError("roll \(environment) back on \(location) to \(revision): \(error)")
        }
    }
}
