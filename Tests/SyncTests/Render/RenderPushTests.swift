import Foundation
import Overlays
import Sync
import Testing

@Suite struct RenderPushTests {
    /// `remote.git` served by `git daemon` on loopback.
    private struct Served {
        let path: String
        let daemon: GitDaemon
        var url: String { daemon.url("remote.git") }
    }

    private func serve(_ scenario: RenderScenario) throws -> Served {
        let path = scenario.directory.sub("remote.git")
        try GitCLI.run(["init", "--quiet", "--bare", path])
        return Served(path: path, daemon: try GitDaemon(basePath: scenario.directory.path))
    }

    @Test func pushToABareRepositoryServedByGitDaemonWorks() throws {
        let scenario = try RenderScenario()
        let remote = try serve(scenario)
        let outcome = try scenario.render(into: .url(remote.url), push: true)
        let remoteTip = try GitCLI.text(["rev-parse", scenario.branch], in: remote.path)
        #expect(outcome == .committed(try #require(ObjectID(hex: remoteTip))))
        #expect(
            try GitCLI.text(["ls-tree", "--name-only", "\(scenario.branch):dev"], in: remote.path).contains(
                "dlsync.json"))
        #expect(GitCLI.succeeds(["fsck", "--strict", "--no-dangling"], in: remote.path))
    }

    @Test func concurrentPushFromAnotherCloneIsRetriedAndBothChangesSurvive() throws {
        let scenario = try RenderScenario()
        let remote = try serve(scenario)
        try scenario.render(into: .url(remote.url), push: true)

        // Another clone renders prod onto the same branch; its commit waits on `racer` and the remote's update
        // hook moves the branch to it while our next push is in flight, so that push loses the race.
        let clone = scenario.directory.sub("other-clone")
        try GitCLI.run(["clone", "--quiet", "--branch", scenario.branch, remote.path, clone])
        try FileManager.default.createDirectory(atPath: clone + "/prod/apps", withIntermediateDirectories: true)
        try Data("kind: ConfigMap\n".utf8).write(to: URL(fileURLWithPath: clone + "/prod/apps/configmap-x.yaml"))
        try GitCLI.run(["add", "-A"], in: clone)
        try GitCLI.run(
            [
                "commit", "--quiet", "-m", "render(prod): from the other clone", "--trailer",
                "Rendered-By: dlsync 0.1.0",
            ],
            in: clone)
        let theirs = try GitCLI.text(["rev-parse", "HEAD"], in: clone)
        try GitCLI.run(["push", "--quiet", "origin", "HEAD:refs/heads/racer"], in: clone)
        let hook = remote.path + "/hooks/update"
        try installHook(
            """
            #!/bin/sh
            unset GIT_QUARANTINE_PATH
            if [ "$1" = refs/heads/\(scenario.branch) ] && [ ! -e "$GIT_DIR/raced" ]; then
                touch "$GIT_DIR/raced"
                git update-ref refs/heads/\(scenario.branch) refs/heads/racer
            fi
            exit 0

            """, at: hook)

        try scenario.write(
            "worker.yaml", try scenario.read("worker.yaml").replacingOccurrences(of: "info", with: "debug"))
        try scenario.commitSource("Debug logs for the worker")
        try scenario.render(into: .url(remote.url), push: true)

        #expect(FileManager.default.fileExists(atPath: remote.path + "/raced"))
        #expect(try GitCLI.text(["rev-parse", "\(scenario.branch)~1"], in: remote.path) == theirs)
        let files = try GitCLI.text(["ls-tree", "-r", "--name-only", scenario.branch], in: remote.path)
        #expect(files.contains("prod/apps/configmap-x.yaml"))
        let worker = try GitCLI.text(
            ["show", "\(scenario.branch):dev/apps/configmap-worker-config.yaml"], in: remote.path)
        #expect(worker.contains("LOG_LEVEL: debug"))
    }

    @Test func unreachableRemoteGivesAClearError() throws {
        let scenario = try RenderScenario()
        let port = try GitDaemon.freeLoopbackPort()
        let url = "git://127.0.0.1:\(port)/nowhere.git"
        let error = #expect(throws: RenderError.self) { try scenario.render(into: .url(url), push: true) }
        #expect(error?.message.contains(url) == true)
        #expect(error?.message.contains("reachable") == true)
    }
}
