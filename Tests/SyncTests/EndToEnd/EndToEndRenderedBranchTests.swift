import Foundation
import Testing

@testable import Sync

/// The GitOps path end to end: `dlsync render` writes a rendered branch, and `dlsync sync --git` and
/// `dlsync diff --git` read the desired state from that branch, not from the source tree.
@Suite(.serialized, .enabled(if: TestCluster.available && TestCluster.dlsyncBinary != nil, TestCluster.skipMessage))
struct EndToEndRenderedBranchTests {
    @Test func syncFromARenderedBranchLeavesTheClusterInSync() throws {
        let namespace = TestCluster.uniqueNamespace("e2e-git")
        let source = try TestCluster.copyFixture("shop", namespace: namespace)
        let environment = URL(fileURLWithPath: source).lastPathComponent
        let repository = FileManager.default.temporaryDirectory.appendingPathComponent("dlsync-e2e-git-\(UUID())").path
        defer {
            try? FileManager.default.removeItem(atPath: repository)
            TestCluster.kubectl(["delete", "namespace", namespace, "--wait=false"])
        }
        let dlsync = TestCluster.dlsyncBinary ?? "dlsync"
        let cluster = ["--kubeconfig", TestCluster.kubeconfig, "--name", namespace]
        let location = "\(repository)@rendered/\(environment)"

        let render = TestCluster.run(dlsync, ["render", source, "--repo", repository, "--init"])
        try #require(render.status == 0, "dlsync render: \(render.stderr)")

        let sync = TestCluster.run(dlsync, ["sync", "--git", location] + cluster)
        #expect(sync.status == 0, "dlsync sync --git: \(sync.stdout)\(sync.stderr)")
        #expect(sync.stdout.contains("created"))

        let diff = TestCluster.run(dlsync, ["diff", "--git", location] + cluster)
        #expect(diff.status == 0, "dlsync diff --git: \(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout.isEmpty)

        // A hand edit shows up against the branch, too.
        #expect(TestCluster.kubectl(["scale", "deployment/shop", "--replicas=4", "-n", namespace]).status == 0)
        let drift = TestCluster.run(dlsync, ["diff", "--git", location] + cluster)
        #expect(drift.status == 1, "dlsync diff --git after a hand edit: \(drift.stdout)\(drift.stderr)")
    }

    @Test func aMissingRenderedBranchIsAClearError() throws {
        let repository = FileManager.default.temporaryDirectory.appendingPathComponent("dlsync-e2e-git-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: repository) }
        _ = try Repository.create(at: repository, bare: true)
        let diff = TestCluster.run(
            TestCluster.dlsyncBinary ?? "dlsync",
            ["diff", "--git", "\(repository)@rendered/nope", "--kubeconfig", TestCluster.kubeconfig])
        #expect(diff.status == 2)
        #expect(diff.stderr.contains("rendered/nope"))
    }
}
