/// The desired state of one environment on a rendered branch, fetched into the cache clone (a URL) or read
/// from a local repository. An actor because the libgit2 handle is used by one task at a time.
public actor RenderedBranchFeed: DesiredStateFeed {
    public let location: GitLocation
    public let branch: String
    public let environment: String
    public let inventory: Inventory
    let cacheDirectory: String?
    let credentials: GitCredentials
    private var repository: RenderedRepository?

    public init(
        location: GitLocation, environment: String, inventory: Inventory, cacheDirectory: String? = nil,
        credentials: GitCredentials = .none
    ) {
        self.location = location
        self.branch = location.branch ?? GitLocation.defaultBranch(for: environment)
        self.environment = environment
        self.inventory = inventory
        self.cacheDirectory = cacheDirectory
        self.credentials = credentials
    }

    public func fetch() async throws(FeedError) -> String {
        do {
            let repository = try opened()
            guard let tip = try repository.refresh(branch) else {
                throw FeedError(
                    .fetch,
                    "fetch \(location.on(branch)): the branch does not exist; render \(environment) first "
                        + "(dlsync render <env-dir> --repo \(location.repository) --push)")
            }
            return tip.hex
        } catch let error as FeedError {
            throw error
        } catch {
            throw FeedError(.fetch, "\(error)")
        }
    }

    public func read(commit: String) async throws(FeedError) -> DesiredRevision {
        guard let id = ObjectID(hex: commit) else { throw FeedError(.invalid, "\(commit) is not a commit id") }
        let rendered: RenderedEnvironment
        do {
            let repository = try opened()
            rendered = try RenderedBranchReader(
                repository: repository.repository, repositoryName: repository.address.description
            ).read(environment: environment, branch: branch, at: id)
        } catch {
            throw FeedError(.invalid, "\(error)")
        }
        do {
            let objects = try DesiredObject.prepare(rendered.resources, inventory: inventory)
            return DesiredRevision(commit: commit, subject: rendered.commit.subject, objects: objects)
        } catch {
            throw FeedError(.invalid, "\(location.on(branch)) at \(rendered.commit.id.short): \(error)")
        }
    }

    private func opened() throws(RenderError) -> RenderedRepository {
        if let repository { return repository }
        let opened = try RenderedRepository.open(
            location.repository, cacheDirectory: cacheDirectory, credentials: credentials)
        repository = opened
        return opened
    }
}
