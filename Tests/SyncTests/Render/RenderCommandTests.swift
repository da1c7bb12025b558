import Foundation
import Sync
import Testing

/// The `dlsync` executable's exit codes and messages for render, history and rollback.
@Suite struct RenderCommandTests {
    private func render(_ scenario: RenderScenario, _ extra: [String] = []) throws -> DLSyncBinary.Result {
        try DLSyncBinary.run(
            [
                "render", scenario.environmentDirectory, "--repo", scenario.renderedPath, "--workdir",
                scenario.directory.sub("cache"),
            ]
                + extra)
    }

    @Test func renderExitsZeroAndPrintsTheCommit() throws {
        let scenario = try RenderScenario()
        let result = try render(scenario)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try scenario.tip()) + "\n")
        #expect(result.stderr.contains("committed"))
    }

    @Test func renderWithNothingChangedExitsZeroAndSaysSo() throws {
        let scenario = try RenderScenario()
        _ = try render(scenario)
        let result = try render(scenario)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no commit"))
    }

    @Test func failedBuildExitsOneNamingTheFileAndLeavesTheBranch() throws {
        let scenario = try RenderScenario()
        _ = try render(scenario)
        let before = try scenario.tip()
        try scenario.write("worker.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n")
        let result = try render(scenario)
        #expect(result.status == 1)
        #expect(result.stderr.contains("worker.yaml"))
        #expect(result.stderr.contains("nothing was written"))
        #expect(try scenario.tip() == before)
    }

    @Test func unreachableRemoteExitsOneWithAClearError() throws {
        let scenario = try RenderScenario()
        let url = "git://127.0.0.1:\(try GitDaemon.freeLoopbackPort())/rendered.git"
        let result = try DLSyncBinary.run([
            "render", scenario.environmentDirectory, "--repo", url, "--push", "--workdir",
            scenario.directory.sub("cache"),
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: "))
        #expect(result.stderr.contains(url))
        #expect(result.stderr.contains("reachable"))
    }

    @Test func missingLocalRepositoryExitsOneAndSuggestsInit() throws {
        let scenario = try RenderScenario()
        let missing = scenario.directory.sub("missing.git")
        let result = try DLSyncBinary.run(["render", scenario.environmentDirectory, "--repo", missing])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--init"))
        let created = try DLSyncBinary.run(["render", scenario.environmentDirectory, "--repo", missing, "--init"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(GitCLI.succeeds(["fsck", "--strict"], in: missing))
    }

    @Test func historyPrintsRendersAsJSON() throws {
        let scenario = try RenderScenario(subject: "Bump api")
        _ = try render(scenario)
        let result = try DLSyncBinary.run([
            "history", "--git", "\(scenario.renderedPath)@\(scenario.branch)", "-o", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.count == 1)
        #expect(entries?.first?["commit"] as? String == (try scenario.tip()))
        #expect((entries?.first?["subject"] as? String)?.hasSuffix("Bump api") == true)
    }

    @Test func historyTableFindsTheBranchFromTheEnvironment() throws {
        let scenario = try RenderScenario(subject: "Bump api")
        _ = try render(scenario)
        let result = try DLSyncBinary.run(["history", "--git", scenario.renderedPath, "--env", "dev"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("COMMIT"))
        #expect(result.stdout.contains(String(try scenario.tip().prefix(7))))
    }

    @Test func rollbackRestoresTheTreeAndRefusesOtherCommits() throws {
        let scenario = try RenderScenario()
        _ = try render(scenario)
        let first = try scenario.tip()
        try scenario.write(
            "worker.yaml", try scenario.read("worker.yaml").replacingOccurrences(of: "info", with: "debug"))
        try scenario.commitSource("Debug")
        _ = try render(scenario)
        let location = "\(scenario.renderedPath)@\(scenario.branch)"

        let refused = try DLSyncBinary.run(["rollback", "--git", location, "--env", "dev", "--to", "0000000"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("dlsync history"))

        let result = try DLSyncBinary.run([
            "rollback", "--git", location, "--env", "dev", "--to", String(first.prefix(8)),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try scenario.git(["rev-parse", "\(scenario.branch):dev"])
                == (try scenario.git(["rev-parse", "\(first):dev"])))
    }

    @Test(arguments: ["render", "history", "rollback"])
    func helpShowsExamples(command: String) throws {
        let result = try DLSyncBinary.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("dlsync \(command) "))
    }
}
