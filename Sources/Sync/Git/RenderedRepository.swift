import Foundation
import Overlays

/// The repository dlsync reads and writes rendered branches in, for a `GitLocation`:
///
/// - a local path is opened as it is (created bare with `create`); `remoteURL` is its `origin`, if any;
/// - a URL gets a bare cache clone (`<cache>/<sha256 of the URL>.git`), into which branches are fetched
///   before reading and on top of which renders are written and pushed.
///
/// Not `Sendable`, like `Repository`: use it from one task.
public final class RenderedRepository {
    public let address: GitLocation.Address
    public let repository: Repository
    /// Where pushes go and fetches come from: the URL, or a local repository's `origin`; nil for a local
    /// repository without one.
    public let remoteURL: String?
    public let credentials: GitCredentials

    private init(address: GitLocation.Address, repository: Repository, remoteURL: String?, credentials: GitCredentials)
    {
        self.address = address
        self.repository = repository
        self.remoteURL = remoteURL
        self.credentials = credentials
    }

    /// Opens the repository at `address`.
    ///
    /// - Parameters:
    ///   - cacheDirectory: where cache clones of remotes live; nil: `RenderedRepository.defaultCacheDirectory()`.
    ///   - create: create a missing local repository (bare) instead of failing.
    public static func open(
        _ address: GitLocation.Address, cacheDirectory: String? = nil, create: Bool = false,
        credentials: GitCredentials = .none
    ) throws(RenderError) -> RenderedRepository {
        switch address {
        case .path(let path):
            let exists = FileManager.default.fileExists(atPath: path)
            if !exists && !create {
                throw RenderError(
                    "open repository \(path): it does not exist; create it (git init --bare \(path)) or pass --init")
            }
            do {
                let repository = exists ? try Repository.open(at: path) : try Repository.create(at: path, bare: true)
                return RenderedRepository(
                    address: address, repository: repository, remoteURL: try repository.remoteURL(named: "origin"),
                    credentials: credentials)
            } catch {
                throw RenderError("open repository \(path): \(error); is it a Git repository?")
            }
        case .url(let url):
            let directory = cacheDirectory ?? defaultCacheDirectory()
            let path = directory + "/" + String(SHA256.hex(Array(url.utf8)).prefix(24)) + ".git"
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                let repository =
                    FileManager.default.fileExists(atPath: path)
                    ? try Repository.open(at: path) : try Repository.create(at: path, bare: true)
                return RenderedRepository(
                    address: address, repository: repository, remoteURL: url, credentials: credentials)
            } catch {
                throw RenderError(
                    "prepare the cache clone of \(url) in \(path): \(error); "
                        + "remove that directory or choose another with --workdir")
            }
        }
    }

    /// `$XDG_CACHE_HOME/dlsync/repos`, else `$HOME/.cache/dlsync/repos`, else under the temporary directory.
    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty { return cache + "/dlsync/repos" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/dlsync/repos" }
        return FileManager.default.temporaryDirectory.path + "/dlsync/repos"
    }

    /// Brings `branch` up to date from the remote when the address is a URL (a local repository is read
    /// as it is); returns the branch tip, nil when the branch does not exist.
    @discardableResult
    public func refresh(_ branch: String) throws(RenderError) -> ObjectID? {
        let reference = Repository.branchReference(branch)
        do {
            if case .url(let url) = address {
                let tip = try repository.fetch(
                    branch: branch, from: url, into: reference, credentials: credentials)
                // The remote lost the branch: forget the cached copy too.
                if tip == nil { try repository.deleteReference(reference) }
                return tip
            }
            return try repository.referenceTarget(reference)
        } catch {
            throw RenderError("fetch \(GitLocation(repository: address, branch: branch)): \(error)\(Self.hint(error))")
        }
    }

    /// Writes `tree` onto `branch`: locally, or — with `push` — on top of the remote's branch and pushed,
    /// retried when someone else pushed in between. A branch checked out in a local work tree is refused.
    public func write(
        _ tree: RenderedTree, to branch: String, message: String, adopt: Bool, push: Bool,
        signature: Signature? = nil
    ) throws(RenderError) -> RenderedBranchWriter.Outcome {
        let location = GitLocation(repository: address, branch: branch)
        do {
            if let workTree = repository.workTree,
                try repository.headReferenceName() == Repository.branchReference(branch)
            {
                throw RenderError(
                    "write \(location): \(branch) is checked out in the work tree \(workTree); "
                        + "render into a bare repository or another branch (--branch)")
            }
            if push {
                guard let remoteURL else {
                    throw RenderError(
                        "push \(location): the repository has no origin remote; add one "
                            + "(git -C \(address) remote add origin <url>) or pass the URL as the repository")
                }
                let publisher = RenderedBranchPublisher(
                    repository: repository, remoteURL: remoteURL, credentials: credentials, signature: signature)
                return try publisher.publish(tree, to: branch, message: message, adopt: adopt)
            }
            if case .url = address { try refresh(branch) }
            let writer = RenderedBranchWriter(repository: repository, signature: signature)
            return try writer.write(tree, to: branch, message: message, adopt: adopt)
        } catch let error as RenderError {
            throw error
        } catch {
            throw RenderError("write \(tree.environment) to \(location): \(error)\(Self.hint(error))")
        }
    }

    /// What to do about a Git failure, as a sentence to append to its message.
    static func hint(_ error: any Error) -> String {
        guard let error = error as? GitError else { return "" }
        switch error.code {
        case .network: return "; check the URL and that the server is reachable from here"
        case .authentication:
            return "; set DLSYNC_GIT_TOKEN (HTTPS) or DLSYNC_GIT_SSH_KEY, or load a key into ssh-agent"
        case .certificate: return "; add the server's host key to ~/.ssh/known_hosts"
        case .unmanagedBranch: return " (pass --adopt to take the branch over, or choose another with --branch)"
        case .nonFastForward, .referenceChanged: return "; others keep pushing to this branch: run again"
        case .pushRejected: return "; check the branch protection and the permissions of this identity"
        default: return ""
        }
    }
}

@available(*, unavailable, message: "holds a libgit2 repository handle, used by one thread at a time")
extension RenderedRepository: Sendable {}
