import Foundation

/// The renders and rollbacks dlsync committed on a branch, newest first, for `dlsync history`.
public struct RenderHistory {
    public struct Entry: Sendable, Hashable, Codable {
        public enum Action: String, Sendable, Hashable, Codable {
            case render, rollback
        }

        public var commit: String
        public var time: Date
        public var action: Action
        public var environment: String
        /// The source commit rendered (for a rollback: the one of the render rolled back to).
        public var sourceCommit: String?
        /// For a rollback, the render commit whose tree it restored.
        public var rolledBackTo: String?
        /// The commit's first line.
        public var subject: String
        public var renderedBy: String?
    }

    /// `render(<env>): …` or `rollback(<env>): …` → (action, env).
    public static func parseSubject(_ subject: String) -> (action: Entry.Action, environment: String)? {
        for action in [Entry.Action.render, .rollback] {
            let prefix = action.rawValue + "("
            guard subject.hasPrefix(prefix), let close = subject.firstIndex(of: ")") else { continue }
            let environment = String(subject[subject.index(subject.startIndex, offsetBy: prefix.count)..<close])
            let rest = subject[close...].dropFirst()
            guard !environment.isEmpty, rest.isEmpty || rest.hasPrefix(":") else { continue }
            return (action, environment)
        }
        return nil
    }

    /// The entry `commit` makes, nil when dlsync did not write it as a render or rollback.
    public static func entry(for commit: Commit) -> Entry? {
        guard RenderedBranchWriter.isWrittenByDlsync(commit), let parsed = parseSubject(commit.subject) else {
            return nil
        }
        return Entry(
            commit: commit.id.hex, time: commit.time, action: parsed.action, environment: parsed.environment,
            sourceCommit: commit.trailerValues(sourceCommitTrailer).first,
            rolledBackTo: commit.trailerValues(rollbackTrailer).first, subject: commit.subject,
            renderedBy: commit.trailerValues(RenderedBranchWriter.trailerKey).first)
    }

    public static let sourceCommitTrailer = "Source-Commit"
    public static let rollbackTrailer = "Rollback-To"

    /// The renders and rollbacks on the local `branch` (of `environment` when given), newest first, at
    /// most `limit`; commits dlsync did not write are skipped.
    public static func entries(
        in repository: Repository, branch: String, environment: String? = nil, limit: Int? = nil
    ) throws -> [Entry] {
        var result: [Entry] = []
        for commit in try repository.commits(onBranch: branch) {
            guard let entry = entry(for: commit) else { continue }
            if let environment, entry.environment != environment { continue }
            result.append(entry)
            if let limit, result.count >= limit { break }
        }
        return result
    }
}
