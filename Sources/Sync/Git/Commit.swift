import CGit2
import Foundation

/// A commit copied out of libgit2 into a plain value; the C object is freed as soon as it is read.
public struct Commit: Hashable, Sendable {
    public struct Trailer: Hashable, Sendable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public let id: ObjectID
    public let treeID: ObjectID
    public let parents: [ObjectID]
    public let author: Signature
    public let committer: Signature
    /// The full message, exactly as stored.
    public let message: String
    /// The committer time.
    public let time: Date
    /// `Key: value` lines of the message's last paragraph, parsed the way `git interpret-trailers` does.
    public let trailers: [Trailer]

    /// The first line of the message.
    public var subject: String {
        String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// The values of every trailer named `key` (compared case-insensitively, as Git does).
    public func trailerValues(_ key: String) -> [String] {
        let wanted = key.lowercased()
        return trailers.filter { $0.key.lowercased() == wanted }.map(\.value)
    }

    /// Copies a looked-up `git_commit`; the caller still owns and frees it.
    init(_ commit: OpaquePointer) {
        id = ObjectID(git_commit_id(commit).pointee)
        treeID = ObjectID(git_commit_tree_id(commit).pointee)
        parents = (0..<git_commit_parentcount(commit)).compactMap { index in
            git_commit_parent_id(commit, index).map { ObjectID($0.pointee) }
        }
        author = Signature(git_commit_author(commit))
        committer = Signature(git_commit_committer(commit))
        message = git_commit_message(commit).map { String(cString: $0) } ?? ""
        time = Date(timeIntervalSince1970: TimeInterval(git_commit_time(commit)))
        trailers = Self.parseTrailers(message)
    }

    /// Trailers of `message` as libgit2 parses them; none when the message has no trailer paragraph.
    static func parseTrailers(_ message: String) -> [Trailer] {
        var array = git_message_trailer_array()
        guard git_message_trailers(&array, message) == 0 else { return [] }
        defer { git_message_trailer_array_free(&array) }
        guard let items = array.trailers else { return [] }
        return (0..<array.count).map { index in
            let item = items[index]
            return Trailer(
                key: item.key.map { String(cString: $0) } ?? "",
                value: item.value.map { String(cString: $0) } ?? "")
        }
    }
}
