import Foundation
import Sync
import Testing

@Suite struct RepositoryRemoteTests {
    /// A bare repository `remote.git` next to the fixture's repository.
    private func makeRemote(_ fixture: RenderFixture) throws -> String {
        let remote = fixture.directory.sub("remote.git")
        try GitCLI.run(["init", "--quiet", "--bare", remote])
        return remote
    }

    @Test func pushToBareRepositoryOverFile() throws {
        let fixture = try RenderFixture()
        let remote = try makeRemote(fixture)
        try fixture.render(sampleFiles)
        try fixture.repository.push("rendered/dev", to: "file://" + remote)
        #expect(
            try GitCLI.text(["rev-parse", "rendered/dev"], in: remote)
                == (try fixture.git(["rev-parse", "rendered/dev"])))
        #expect(GitCLI.succeeds(["fsck", "--strict", "--no-dangling"], in: remote))
    }

    @Test func fetchFromBareRepositoryOverFile() throws {
        let fixture = try RenderFixture()
        let remote = try makeRemote(fixture)
        try fixture.render(sampleFiles)
        try fixture.repository.push("rendered/dev", to: "file://" + remote)

        let clone = try Repository.create(at: fixture.directory.sub("clone.git"), bare: true)
        let fetched = try clone.fetch(
            branch: "rendered/dev", from: "file://" + remote, into: "refs/remotes/origin/rendered/dev")
        let expected = try GitCLI.text(["rev-parse", "rendered/dev"], in: remote)
        #expect(fetched?.hex == expected)
        #expect(
            try GitCLI.text(["rev-parse", "refs/remotes/origin/rendered/dev"], in: fixture.directory.sub("clone.git"))
                == expected)
        let commit = try #require(try clone.commit(onBranch: "refs/remotes/origin/rendered/dev"))
        #expect(try clone.readTree(commit.treeID).count == sampleFiles.count)
    }

    @Test func fetchOfABranchTheRemoteLacksReturnsNil() throws {
        let fixture = try RenderFixture()
        let remote = try makeRemote(fixture)
        let fetched = try fixture.repository.fetch(
            branch: "rendered/none", from: "file://" + remote, into: "refs/remotes/origin/rendered/none")
        #expect(fetched == nil)
        #expect(try fixture.repository.referenceTarget("refs/remotes/origin/rendered/none") == nil)
    }

    @Test func pushOverGitDaemon() throws {
        let fixture = try RenderFixture()
        _ = try makeRemote(fixture)
        let daemon = try GitDaemon(basePath: fixture.directory.path)
        try fixture.render(sampleFiles)
        try fixture.repository.push("rendered/dev", to: daemon.url("remote.git"))
        let remoteTip = try GitCLI.text(["ls-remote", daemon.url("remote.git"), "refs/heads/rendered/dev"])
        #expect(remoteTip.hasPrefix(try fixture.git(["rev-parse", "rendered/dev"])))
        withExtendedLifetime(daemon) {}
    }

    @Test func concurrentPushMakesOurPushFailAsNonFastForward() throws {
        let fixture = try RenderFixture()
        _ = try makeRemote(fixture)
        let daemon = try GitDaemon(basePath: fixture.directory.path)
        let url = daemon.url("remote.git")
        try fixture.render(sampleFiles)
        try fixture.repository.push("rendered/dev", to: url)

        try pushFromAnotherClone(of: url, in: fixture)
        try fixture.render(["dlsync.json": "{\"objects\":0}\n"])
        #expect {
            try fixture.repository.push("rendered/dev", to: url)
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.isNonFastForward && error.isRetryable
                && error.description.hasPrefix("push rendered/dev to \(url) failed: ")
        }
        withExtendedLifetime(daemon) {}
    }

    @Test func pushSucceedsAfterFetchingAndRenderingAgain() throws {
        let fixture = try RenderFixture()
        _ = try makeRemote(fixture)
        let daemon = try GitDaemon(basePath: fixture.directory.path)
        let url = daemon.url("remote.git")
        try fixture.render(sampleFiles)
        try fixture.repository.push("rendered/dev", to: url)
        try pushFromAnotherClone(of: url, in: fixture)

        let theirs = try fixture.repository.fetch(branch: "rendered/dev", from: url, into: "refs/heads/rendered/dev")
        try fixture.render(["dlsync.json": "{\"objects\":0}\n"])
        try fixture.repository.push("rendered/dev", to: url)
        let remoteParent = try GitCLI.text(["rev-parse", "rendered/dev~1"], in: fixture.directory.sub("remote.git"))
        #expect(remoteParent == theirs?.hex)
        withExtendedLifetime(daemon) {}
    }

    @Test func pushRefusedByARemoteHookIsReportedAsRejected() throws {
        let fixture = try RenderFixture()
        let remote = try makeRemote(fixture)
        let hook = remote + "/hooks/pre-receive"
        try Data("#!/bin/sh\necho protected branch >&2\nexit 1\n".utf8).write(to: URL(fileURLWithPath: hook))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let daemon = try GitDaemon(basePath: fixture.directory.path)
        try fixture.render(sampleFiles)
        #expect {
            try fixture.repository.push("rendered/dev", to: daemon.url("remote.git"))
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.code == .pushRejected && !error.isRetryable && error.cause.contains("rendered/dev")
        }
        withExtendedLifetime(daemon) {}
    }

    @Test func unreachableRemoteGivesAClearError() throws {
        let fixture = try RenderFixture()
        let url = "git://127.0.0.1:1/nope.git"
        #expect {
            try fixture.repository.fetch(branch: "rendered/dev", from: url, into: "refs/remotes/origin/rendered/dev")
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.code == .network && !error.isRetryable
                && error.description.hasPrefix("fetch rendered/dev from \(url) failed: ")
                && error.description.contains("127.0.0.1")
        }
    }

    @Test func remoteAskingForCredentialsWithoutAnyFailsAsAuthentication() throws {
        // An HTTP server that always answers 401 is enough to make libgit2 ask for credentials.
        let fixture = try RenderFixture()
        let server = try UnauthorizedHTTPServer()
        let url = "http://127.0.0.1:\(server.port)/remote.git"
        #expect {
            try fixture.repository.fetch(
                branch: "rendered/dev", from: url, into: "refs/remotes/origin/rendered/dev",
                credentials: .token("not-a-real-token"))
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.code == .authentication && error.cause.contains("password for x-access-token")
                && !error.cause.contains("not-a-real-token")
        }
        withExtendedLifetime(server) {}
    }

    /// Another clone (plain git) pushes one more commit on `rendered/dev`.
    private func pushFromAnotherClone(of url: String, in fixture: RenderFixture) throws {
        let other = fixture.directory.sub("other")
        try GitCLI.run(["clone", "--quiet", "--branch", "rendered/dev", url, other])
        try Data("someone else\n".utf8).write(to: URL(fileURLWithPath: other + "/dev/other.yaml"))
        try GitCLI.run(["add", "."], in: other)
        try GitCLI.run(["commit", "--quiet", "-m", "concurrent render", "-m", "Rendered-By: dlsync other"], in: other)
        try GitCLI.run(["push", "--quiet", "origin", "rendered/dev"], in: other)
    }
}
