import Foundation
import Sync
import Testing

@Suite struct RenderedBranchPublisherTests {
    private struct Remote {
        let path: String
        let daemon: GitDaemon
        var url: String { daemon.url("remote.git") }
    }

    private func makeRemote(_ fixture: RenderFixture) throws -> Remote {
        let path = fixture.directory.sub("remote.git")
        try GitCLI.run(["init", "--quiet", "--bare", path])
        return Remote(path: path, daemon: try GitDaemon(basePath: fixture.directory.path))
    }

    private func publisher(_ fixture: RenderFixture, _ remote: Remote) -> RenderedBranchPublisher {
        RenderedBranchPublisher(
            repository: fixture.repository, remoteURL: remote.url, signature: RenderFixture.signature)
    }

    private func tree(_ files: [String: String]) throws -> RenderedTree {
        try RenderedTree(environment: "dev", files: RenderFixture.files(files))
    }

    @Test func firstPublishCreatesTheRemoteBranch() throws {
        let fixture = try RenderFixture()
        let remote = try makeRemote(fixture)
        let outcome = try publisher(fixture, remote).publish(
            try tree(sampleFiles), to: "rendered/dev", message: RenderFixture.message())
        let remoteTip = try GitCLI.text(["rev-parse", "rendered/dev"], in: remote.path)
        #expect(outcome == .committed(try #require(ObjectID(hex: remoteTip))))
    }

    @Test func publishingTheSameFilesAgainPushesNothing() throws {
        let fixture = try RenderFixture()
        let remote = try makeRemote(fixture)
        let publisher = publisher(fixture, remote)
        try publisher.publish(try tree(sampleFiles), to: "rendered/dev", message: RenderFixture.message())
        let before = try GitCLI.text(["rev-parse", "rendered/dev"], in: remote.path)
        let outcome = try publisher.publish(try tree(sampleFiles), to: "rendered/dev", message: RenderFixture.message())
        #expect(outcome == .unchanged)
        #expect(try GitCLI.text(["rev-parse", "rendered/dev"], in: remote.path) == before)
    }

    @Test func publishBuildsOnACommitSomeoneElsePushed() throws {
        let fixture = try RenderFixture()
        let remote = try makeRemote(fixture)
        let publisher = publisher(fixture, remote)
        try publisher.publish(try tree(sampleFiles), to: "rendered/dev", message: RenderFixture.message())
        let theirs = try pushRenderFromElsewhere(to: remote, in: fixture, files: ["x.yaml": "theirs\n"])
        try publisher.publish(try tree(["x.yaml": "ours\n"]), to: "rendered/dev", message: RenderFixture.message())
        #expect(try GitCLI.text(["rev-parse", "rendered/dev~1"], in: remote.path) == theirs.hex)
    }

    @Test func pushThatLosesARaceIsRetriedOnTheNewTip() throws {
        let fixture = try RenderFixture()
        let remote = try makeRemote(fixture)
        let publisher = publisher(fixture, remote)
        try publisher.publish(try tree(sampleFiles), to: "rendered/dev", message: RenderFixture.message())
        // Someone's commit waits on another branch; the remote's update hook moves rendered/dev to it while
        // our first push is in flight, so that push loses the race.
        let theirs = try pushRenderFromElsewhere(
            to: remote, in: fixture, files: ["x.yaml": "theirs\n"], as: "refs/heads/racer")
        let hook = remote.path + "/hooks/update"
        let script = """
            #!/bin/sh
            unset GIT_QUARANTINE_PATH
            if [ "$1" = refs/heads/rendered/dev ] && [ ! -e "$GIT_DIR/raced" ]; then
                touch "$GIT_DIR/raced"
                git update-ref refs/heads/rendered/dev refs/heads/racer
            fi
            exit 0

            """
        try installHook(script, at: hook)

        let outcome = try publisher.publish(
            try tree(["x.yaml": "ours\n"]), to: "rendered/dev", message: RenderFixture.message())
        #expect(FileManager.default.fileExists(atPath: remote.path + "/raced"))
        let remoteTip = try GitCLI.text(["rev-parse", "rendered/dev"], in: remote.path)
        #expect(outcome == .committed(try #require(ObjectID(hex: remoteTip))))
        #expect(try GitCLI.text(["rev-parse", "rendered/dev~1"], in: remote.path) == theirs.hex)
    }

    /// Another checkout renders `files` under `dev/` with plain git and pushes it as `target`.
    private func pushRenderFromElsewhere(
        to remote: Remote, in fixture: RenderFixture, files: [String: String],
        as target: String = "refs/heads/rendered/dev"
    ) throws -> ObjectID {
        let other = fixture.directory.sub("other-\(UUID().uuidString)")
        try GitCLI.run(["clone", "--quiet", "--branch", "rendered/dev", remote.url, other])
        try GitCLI.run(["rm", "-r", "--quiet", "dev"], in: other)
        for (path, content) in files {
            let url = URL(fileURLWithPath: other + "/dev/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        try GitCLI.run(["add", "."], in: other)
        try GitCLI.run(["commit", "--quiet", "-m", "render elsewhere", "-m", "Rendered-By: dlsync 0.0.9"], in: other)
        try GitCLI.run(["push", "--quiet", "origin", "HEAD:\(target)"], in: other)
        return try #require(ObjectID(hex: try GitCLI.text(["rev-parse", "HEAD"], in: other)))
    }
}
