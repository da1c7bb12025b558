/// Renders onto the remote's branch and pushes, retrying when someone else pushed in between:
/// fetch the remote branch into the local branch → `RenderedBranchWriter` → push; on a non-fast-forward
/// (or a lost local compare-and-swap) start over from a fresh fetch, at most `maxAttempts` times.
///
/// The local branch mirrors the remote one: each attempt moves it to the remote tip first, so local commits
/// that were never pushed are replaced. When the remote has no such branch yet, the local one is kept.
public struct RenderedBranchPublisher {
    public let repository: Repository
    /// `file://`, `git://`, `ssh://` or `https://` URL of the repository holding the rendered branches.
    public let remoteURL: String
    public var credentials: GitCredentials
    public var maxAttempts: Int
    /// Author and committer of render commits; nil: `Repository.defaultSignature()`.
    public var signature: Signature?

    public init(
        repository: Repository, remoteURL: String, credentials: GitCredentials = .none, maxAttempts: Int = 3,
        signature: Signature? = nil
    ) {
        self.repository = repository
        self.remoteURL = remoteURL
        self.credentials = credentials
        self.maxAttempts = max(1, maxAttempts)
        self.signature = signature
    }

    /// Writes `tree` onto `branch` as the remote has it and pushes; returns the pushed tip, or `.unchanged`
    /// when the remote branch already holds exactly these files (nothing is pushed then).
    public func publish(_ tree: RenderedTree, to branch: String, message: String, adopt: Bool = false) throws
        -> RenderedBranchWriter.Outcome
    {
        let writer = RenderedBranchWriter(repository: repository, signature: signature)
        var attempt = 1
        while true {
            do {
                let reference = Repository.branchReference(branch)
                let remoteTip = try repository.fetch(
                    branch: branch, from: remoteURL, into: reference, credentials: credentials)
                _ = try writer.write(tree, to: branch, message: message, adopt: adopt)
                // Also pushes a local branch the remote never received (an earlier push failed).
                guard let localTip = try repository.referenceTarget(reference), localTip != remoteTip else {
                    return .unchanged
                }
                try repository.push(branch, to: remoteURL, credentials: credentials)
                return .committed(localTip)
            } catch let error as GitError where error.isRetryable && attempt < maxAttempts {
                attempt += 1
            }
        }
    }
}
