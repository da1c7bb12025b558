import Foundation
import Overlays
import Testing

@testable import Sync

/// The platform's `environments/dev`, built by dlsync, synced into the test cluster.
@Suite(.serialized, .enabled(if: TestCluster.available, TestCluster.skipMessage))
struct EndToEndPlatformTests {
    @Test func devEnvironmentSyncsAndThenIsInSync() async throws {
        let directory = TestCluster.packageRoot + "/environments/dev"
        let inventory = Inventory(name: "e2e-platform-dev")
        let resources = try Kustomizer.build(directory: directory)
        let client = try TestCluster.client()
        let desired = try DesiredObject.prepare(resources, inventory: inventory)
        let detector = DriftDetector(api: client, inventory: inventory)
        let result = try await Syncer(api: client, inventory: inventory).sync(desired, options: .init())
        #expect(!result.failed, "\(result.entries.filter { $0.action == .failed }.prefix(5))")
        let reports = try await detector.detect(try await detector.resolve(desired))
        #expect(reports.filter { $0.state != .inSync }.map(\.ref) == [])
        // Copies hold their source's values.
        let copy = TestCluster.kubectl([
            "get", "secret", "-n", "datalyptica-analytics", "airflow-postgresql-credentials", "-o",
            "jsonpath={.data.airflow-password}",
        ])
        let source = TestCluster.kubectl([
            "get", "secret", "-n", "datalyptica-storage", "postgresql-credentials", "-o",
            "jsonpath={.data.airflow-password}",
        ])
        #expect(!copy.stdout.isEmpty && copy.stdout == source.stdout)
        // Prune the objects again; the platform's Namespaces stay, because the platform's API-server
        // dry-run test (run in parallel) needs them to exist.
        let cleanup = try await Syncer(api: client, inventory: inventory).sync(
            [], options: .init(prune: true, policy: .init(allowEmpty: true, pruneNamespaces: false, prunePVCs: true)))
        #expect(!cleanup.failed, "\(cleanup.errors)")
        #expect(TestCluster.kubectl(["get", "configmap", "-n", "kube-system", inventory.parentName]).status != 0)
        await client.shutdown()
    }
}
