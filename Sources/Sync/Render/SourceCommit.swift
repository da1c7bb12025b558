/// The commit of the source repository an environment is rendered from: `HEAD` of the Git work tree that
/// contains the environment directory.
public struct SourceCommit: Sendable, Hashable {
    public var id: ObjectID
    /// The first line of its message.
    public var subject: String

    public init(id: ObjectID, subject: String) {
        self.id = id
        self.subject = subject
    }

    /// `HEAD` of the repository containing `directory`; nil when the directory is in no repository or the
    /// repository has no commit yet.
    public static func containing(_ directory: String) throws -> SourceCommit? {
        guard let repository = try Repository.discover(containing: directory),
            let head = try repository.headCommit()
        else { return nil }
        return SourceCommit(id: head.id, subject: head.subject)
    }
}
