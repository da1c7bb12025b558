/// One commit of the desired state, read and prepared for the cluster.
public struct DesiredRevision: Sendable {
    /// The rendered commit (hex id).
    public var commit: String
    /// Its subject line (`render(prod): 1a2b3c4 Add trino workers`).
    public var subject: String
    public var objects: [DesiredObject]

    public init(commit: String, subject: String = "", objects: [DesiredObject]) {
        self.commit = commit
        self.subject = subject
        self.objects = objects
    }
}

/// Why the desired state could not be had: the remote was unreachable (`fetch`), or the commit cannot be
/// applied as it is (`invalid`: unparsable YAML, a missing environment folder, an object dlsync refuses).
public struct FeedError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case fetch, invalid
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Where the daemon gets its desired state: a rendered branch in production, an in-memory list in tests.
public protocol DesiredStateFeed: Sendable {
    /// Brings the source up to date and returns the id of its newest commit.
    func fetch() async throws(FeedError) -> String
    /// Reads and prepares the objects of `commit`: the one the last `fetch` returned, or an earlier one of the
    /// branch (the last applied, after a restart).
    func read(commit: String) async throws(FeedError) -> DesiredRevision
}
