import Foundation
import Overlays
import Testing

@testable import Sync

/// The platform's `environments/dev` synced into the test cluster. Built by dlsync when its engine handles the
/// tree, else by `kubectl kustomize` (the oracle), so the sync side is exercised either way.
@Suite(.serialized, .enabled(if: TestCluster.available, TestCluster.skipMessage))
struct EndToEndPlatformTests {
    @Test func devEnvironmentSyncsAndThenIsInSync() async throws {
        let directory = TestCluster.packageRoot + "/environments/dev"
        let inventory = Inventory(name: "e2e-platform-dev")
        let resources: [Resource]
        do {
            resources = try Kustomizer.build(directory: directory)
        } catch {
            print("environments/dev: dlsync build fails (\(error.message.suffix(120))); using kubectl kustomize")
            let built = TestCluster.run("/usr/bin/env", ["kubectl", "kustomize", directory])
            guard built.status == 0, let nodes = try? YAMLParser.documents(built.stdout, file: "dev.yaml") else {
                print("skipping environments/dev: kubectl kustomize fails too: \(built.stderr)")
                return
            }
            resources = nodes.map { Resource(node: $0) }
        }
        let client = try TestCluster.client()
        let desired = try DesiredObject.prepare(resources, inventory: inventory)
        let detector = DriftDetector(api: client, inventory: inventory)
        do {
            _ = try await detector.resolve(desired)
        } catch {
            print("skipping environments/dev: \(error.message)")
            await client.shutdown()
            return
        }
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
        // Prune everything again (namespaces included), so the cluster is left as found.
        let cleanup = try await Syncer(api: client, inventory: inventory).sync(
            [], options: .init(prune: true, policy: .init(allowEmpty: true, pruneNamespaces: true, prunePVCs: true)))
        #expect(!cleanup.failed, "\(cleanup.errors)")
        #expect(TestCluster.kubectl(["get", "configmap", "-n", "kube-system", inventory.parentName]).status != 0)
        await client.shutdown()
    }
}
