import Foundation
import Overlays
import Sync
import Testing

@Suite struct RenderCommitTests {
    @Test func renderCommitPassesGitFsck() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        try scenario.write(
            "worker.yaml", try scenario.read("worker.yaml").replacingOccurrences(of: "info", with: "debug"))
        try scenario.render()
        #expect(GitCLI.succeeds(["fsck", "--strict", "--no-dangling"], in: scenario.renderedPath))
    }

    @Test func gitLogShowsTheRenderMessageAndTrailers() throws {
        let scenario = try RenderScenario(subject: "Bump api to 1.4.2")
        let sourceHead = try GitCLI.text(["rev-parse", "HEAD"], in: scenario.source)
        try scenario.render()
        let body = try scenario.git(["log", "-1", "--format=%B", scenario.branch])
        #expect(
            body == """
                render(dev): \(sourceHead.prefix(7)) Bump api to 1.4.2

                Source-Commit: \(sourceHead)
                Rendered-By: dlsync 0.1.0
                """)
        let trailer = try scenario.git([
            "log", "-1", "--format=%(trailers:key=Source-Commit,valueonly)", scenario.branch,
        ])
        #expect(trailer == sourceHead)
    }

    @Test func everyFileEqualsThePerObjectBuildOutput() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        let resources = try Kustomizer.build(directory: scenario.environmentDirectory)
        let expected: [String: String] = [
            "_cluster/namespace-apps.yaml": try Kustomizer.render([resources[0]]),
            "_cluster/clusterrole-api-reader.yaml": try Kustomizer.render(
                resources.filter { $0.kind == "ClusterRole" }),
            "apps/deployment-api.yaml": try Kustomizer.render(resources.filter { $0.kind == "Deployment" }),
            "apps/service-api.yaml": try Kustomizer.render(resources.filter { $0.kind == "Service" }),
            "apps/configmap-worker-config.yaml": try Kustomizer.render(resources.filter { $0.kind == "ConfigMap" }),
            "apps/secret-api-credentials.yaml": try Kustomizer.render(
                resources.filter { $0.kind == "Secret" }.map(\.withoutSecretValues)),
        ]
        #expect(try scenario.paths().sorted() == (Array(expected.keys) + ["dlsync.json"]).sorted())
        for (path, text) in expected {
            let shown = try scenario.git(["show", "\(scenario.branch):dev/\(path)"]) + "\n"
            #expect(shown == text, "\(path)")
        }
    }

    @Test func dlsyncJSONRecordsSourceVersionCountAndDigest() throws {
        let scenario = try RenderScenario()
        let sourceHead = try GitCLI.text(["rev-parse", "HEAD"], in: scenario.source)
        try scenario.render()
        let json = try GitCLI.run(["show", "\(scenario.branch):dev/dlsync.json"], in: scenario.renderedPath)
        let metadata = try RenderMetadata.decode(Array(json))
        #expect(metadata.sourceCommit == sourceHead)
        #expect(metadata.dlsyncVersion == "0.1.0")
        #expect(metadata.objects == 6)
        #expect(metadata.environment == "dev")
        // Recompute the digest from what git shows: path NUL length NUL content, in path order.
        var files: [String: [UInt8]] = [:]
        for path in try scenario.paths() where path != "dlsync.json" {
            files[path] = Array(try GitCLI.run(["show", "\(scenario.branch):dev/\(path)"], in: scenario.renderedPath))
        }
        #expect(metadata.digest == RenderDigest.digest(files))
    }

    @Test func secondRenderOfTheSameTreeMakesNoCommit() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        let before = try scenario.tip()
        #expect(try scenario.render() == .unchanged)
        #expect(try scenario.tip() == before)
    }

    @Test func newSourceCommitRenderingTheSameObjectsMakesNoCommit() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        let before = try scenario.tip()
        try Data("docs\n".utf8).write(to: URL(fileURLWithPath: scenario.source + "/README.md"))
        try scenario.commitSource("Docs only")
        #expect(try scenario.render() == .unchanged)
        #expect(try scenario.tip() == before)
    }

    @Test func removingAResourceDeletesExactlyItsFile() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        let before = Set(try scenario.paths())
        try scenario.write(
            "kustomization.yaml",
            try scenario.read("kustomization.yaml").replacingOccurrences(of: "- worker.yaml\n", with: ""))
        try scenario.commitSource("Drop the worker config")
        try scenario.render()
        let after = Set(try scenario.paths())
        #expect(before.subtracting(after) == ["apps/configmap-worker-config.yaml"])
        #expect(after.subtracting(before).isEmpty)
        let changed = try scenario.git(["diff", "--name-only", "\(scenario.branch)~1", scenario.branch])
        #expect(changed == "dev/apps/configmap-worker-config.yaml\ndev/dlsync.json")
    }

    @Test func secretValuesNeverReachTheBranch() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        try scenario.write("credentials.yaml", try scenario.read("credentials.yaml") + "  extra: more-secret-7781\n")
        try scenario.render()
        // Every blob of every commit, as git stores them.
        let everything = try scenario.git(["log", "-p", "--all", "--format=%B"])
        for value in ["hunter2-secret-value-5521", "YWRtaW4tdmFsdWUtOTQxNw==", "admin-value-9417", "more-secret-7781"] {
            #expect(!everything.contains(value), "\(value) reached Git")
        }
        let secret = try scenario.git(["show", "\(scenario.branch):dev/apps/secret-api-credentials.yaml"])
        #expect(secret.contains("dlsync.io/generate: password,token"))
        #expect(secret.contains("type: Opaque"))
        #expect(!secret.contains("\ndata:") && !secret.contains("stringData"))
    }

    @Test func failedBuildLeavesTheBranchUntouched() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        let before = try scenario.tip()
        try scenario.write("worker.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n")
        #expect(throws: RenderError.self) { try scenario.render() }
        #expect(try scenario.tip() == before)
        #expect(try scenario.git(["for-each-ref", "--format=%(refname)"]) == "refs/heads/\(scenario.branch)")
    }

    @Test func branchWithHistoryDlsyncDidNotWriteIsRefused() throws {
        let scenario = try RenderScenario()
        let clone = scenario.directory.sub("clone")
        try GitCLI.run(["clone", "--quiet", scenario.renderedPath, clone])
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: clone + "/README"))
        try GitCLI.run(["add", "-A"], in: clone)
        try GitCLI.run(["commit", "--quiet", "-m", "hand made"], in: clone)
        try GitCLI.run(["push", "--quiet", "origin", "HEAD:refs/heads/\(scenario.branch)"], in: clone)
        let error = #expect(throws: RenderError.self) { try scenario.render() }
        #expect(error?.message.contains("--adopt") == true)
    }
}
