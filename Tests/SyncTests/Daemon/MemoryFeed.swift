import Logging
import Overlays

@testable import Sync

/// A desired-state feed held in memory: commits by id, a movable tip, and a switch that makes fetches fail.
actor MemoryFeed: DesiredStateFeed {
    private var commits: [String: Result<[DesiredObject], FeedError>] = [:]
    private var tip = ""
    private var unreachable = false
    private(set) var reads = 0

    /// Makes `id` the tip, holding the objects of `yaml` (a multi-document stream).
    func publish(_ id: String, _ yaml: String, inventory: Inventory) throws {
        let objects = try DesiredObject.prepare(yamlDocuments(yaml).map { Resource(node: $0) }, inventory: inventory)
        commits[id] = .success(objects)
        tip = id
    }

    /// Makes `id` the tip, a commit that cannot be read.
    func publishBroken(_ id: String, reason: String) {
        commits[id] = .failure(FeedError(.invalid, reason))
        tip = id
    }

    func setUnreachable(_ value: Bool) { unreachable = value }

    func fetch() async throws(FeedError) -> String {
        if unreachable { throw FeedError(.fetch, "fetch memory@rendered/dev: connection refused") }
        return tip
    }

    func read(commit: String) async throws(FeedError) -> DesiredRevision {
        reads += 1
        switch commits[commit] {
        case .success(let objects): return DesiredRevision(commit: commit, objects: objects)
        case .failure(let error): throw error
        case nil: throw FeedError(.invalid, "no commit \(commit)")
        }
    }
}

extension Logger {
    /// A logger that prints nothing, for tests whose failures are expected.
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
}
