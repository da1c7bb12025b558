import Overlays

/// One environment as a rendered branch holds it: the objects of `<env>/**.yaml` at the branch tip and
/// `<env>/dlsync.json`.
public struct RenderedEnvironment: Sendable {
    public let environment: String
    public let branch: String
    /// The branch tip the files were read from.
    public let commit: Commit
    /// Every object, in order of file path (then of document within a file).
    public let resources: [Resource]
    /// The object files (`.yaml`), by path relative to `<env>/`.
    public let files: [String: [UInt8]]
    /// `dlsync.json`, nil when the branch has none.
    public let metadata: RenderMetadata?

    /// Whether the object files are exactly those `dlsync.json` describes (nil without metadata): false
    /// means someone edited the branch by hand.
    public var digestMatches: Bool? {
        metadata.map { $0.digest == RenderDigest.digest(files) && $0.objects == files.count }
    }
}

/// Reads rendered environments back from a branch, for `dlsync diff|sync|status --git <repo>@<branch>`.
///
///     let rendered = try RenderedRepository.open(.url("https://git.example.com/platform-rendered.git"))
///     let dev = try RenderedBranchReader.read(environment: "dev", branch: "rendered/dev", from: rendered)
///
/// Reading never writes to the branch; for a URL the branch is fetched into the cache clone first.
public struct RenderedBranchReader {
    public let repository: Repository
    /// How messages name the repository (its path or URL).
    public var repositoryName: String

    public init(repository: Repository, repositoryName: String? = nil) {
        self.repository = repository
        self.repositoryName = repositoryName ?? repository.workTree ?? repository.gitDirectory
    }

    /// Fetches `branch` when `rendered` is a remote, then reads `<environment>/` at its tip.
    public static func read(
        environment: String, branch: String, from rendered: RenderedRepository
    ) throws(RenderError) -> RenderedEnvironment {
        try rendered.refresh(branch)
        return try RenderedBranchReader(repository: rendered.repository, repositoryName: rendered.address.description)
            .read(environment: environment, branch: branch)
    }

    /// Reads `<environment>/` at the tip of the local `branch`.
    public func read(environment: String, branch: String) throws(RenderError) -> RenderedEnvironment {
        let location = "\(repositoryName)@\(branch)"
        let tip: Commit?
        do {
            tip = try repository.commit(onBranch: branch)
        } catch {
            throw RenderError("read \(location): \(error)")
        }
        guard let tip else {
            throw RenderError(
                "read \(location): the branch does not exist; render \(environment) first "
                    + "(dlsync render <env-dir> --repo \(repositoryName) --branch \(branch))")
        }
        return try read(environment: environment, branch: branch, commit: tip)
    }

    /// Reads `<environment>/` at an earlier commit of `branch` (one it fetched), such as the last one applied.
    public func read(environment: String, branch: String, at id: ObjectID) throws(RenderError) -> RenderedEnvironment {
        do {
            return try read(environment: environment, branch: branch, commit: try repository.commit(id))
        } catch let error as RenderError {
            throw error
        } catch {
            throw RenderError("read \(repositoryName)@\(branch) at \(id.short): \(error)")
        }
    }

    private func read(environment: String, branch: String, commit tip: Commit) throws(RenderError)
        -> RenderedEnvironment
    {
        let location = "\(repositoryName)@\(branch)"
        let entries: [String: TreeEntry]
        do {
            entries = try repository.fileEntries(inTree: tip.treeID, under: environment)
        } catch {
            throw RenderError("read \(location): \(error)")
        }
        guard !entries.isEmpty else {
            throw RenderError(
                "read \(location): its tip \(tip.id.short) has no \(environment)/ folder; "
                    + "is \(environment) rendered to another branch?")
        }

        let prefix = environment + "/"
        var files: [String: [UInt8]] = [:]
        var metadata: RenderMetadata?
        var resources: [Resource] = []
        for (fullPath, entry) in entries.sorted(by: { $0.key < $1.key }) {
            let path = String(fullPath.dropFirst(prefix.count))
            let bytes: [UInt8]
            do {
                bytes = try repository.blob(entry.id)
            } catch {
                throw RenderError("read \(location):\(fullPath): \(error)")
            }
            if path == RenderMetadata.fileName {
                do {
                    metadata = try RenderMetadata.decode(bytes)
                } catch {
                    throw RenderError(
                        "read \(location):\(fullPath): not dlsync metadata (\(error)); render \(environment) again")
                }
                continue
            }
            guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { continue }
            files[path] = bytes
            do {
                let documents = try YAMLParser.documents(bytes, file: "\(location):\(fullPath)")
                resources += documents.filter { !$0.isNull }.map { Resource(node: $0) }
            } catch {
                throw RenderError("read \(location): \(error); fix the branch or render \(environment) again")
            }
        }
        return RenderedEnvironment(
            environment: environment, branch: branch, commit: tip, resources: resources, files: files,
            metadata: metadata)
    }
}
