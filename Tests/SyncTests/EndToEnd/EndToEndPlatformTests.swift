import Foundation
import Overlays
import Testing

@testable import Sync

/// The platform's environments, built by dlsync, synced into the test cluster: afterwards dlsync and
/// `kubectl diff --server-side` both find nothing to change. The environments share namespaces, so the
/// tests run one after the other and each prunes its objects at the end (Namespaces stay: the platform's
/// API-server dry-run test needs them).
@Suite(.serialized, .enabled(if: TestCluster.available, TestCluster.skipMessage))
struct EndToEndPlatformTests {
    @Test func devEnvironmentSyncsAndThenIsInSync() async throws {
        try await syncAndVerify("dev")
    }

    @Test func prodEnvironmentSyncsAndThenIsInSync() async throws {
        let crds = TestCluster.packageRoot + "/Tests/Fixtures/openshift-crds.yaml"
        let installed = TestCluster.kubectl(["apply", "--server-side", "--force-conflicts", "-f", crds])
        try #require(installed.status == 0, "installing the OpenShift CRDs: \(installed.stderr)")
        let established = TestCluster.kubectl([
            "wait", "--for", "condition=Established", "--timeout=60s",
            "crd/routes.route.openshift.io", "crd/securitycontextconstraints.security.openshift.io",
        ])
        try #require(established.status == 0, "the OpenShift CRDs are not Established: \(established.stderr)")
        try await syncAndVerify("prod")
    }

    private func syncAndVerify(_ environment: String) async throws {
        let resources = try Kustomizer.build(directory: TestCluster.packageRoot + "/environments/" + environment)
        let inventory = Inventory(name: "e2e-platform-\(environment)")
        let client = try TestCluster.client()
        let desired = try DesiredObject.prepare(resources, inventory: inventory)
        let detector = DriftDetector(api: client, inventory: inventory)
        let result = try await Syncer(api: client, inventory: inventory).sync(desired, options: .init())
        #expect(!result.failed, "\(environment): \(result.entries.filter { $0.action == .failed }.prefix(5))")

        let reports = try await detector.detect(try await detector.resolve(desired))
        #expect(reports.filter { $0.state != .inSync }.map(\.ref) == [], "\(environment): dlsync finds drift")

        let manifests = try desired.map { try YAMLEmitter.document($0.manifest) }.joined(separator: "---\n")
        // kubectl reads the live object and the dry-run result one after the other; a controller writing in
        // between (a new Deployment's revision and status) shows as a difference, so a real one must persist.
        var kubectlDiff = TestCluster.kubectl(
            ["diff", "--server-side", "--field-manager=dlsync", "--force-conflicts", "-f", "-"], input: manifests)
        for _ in 0..<3 where kubectlDiff.status == 1 {
            try await Task.sleep(for: .seconds(1))
            kubectlDiff = TestCluster.kubectl(
                ["diff", "--server-side", "--field-manager=dlsync", "--force-conflicts", "-f", "-"], input: manifests)
        }
        #expect(kubectlDiff.status == 0, "\(environment): kubectl diff: \(kubectlDiff.stdout.prefix(2000))\(kubectlDiff.stderr)")

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

        let cleanup = try await Syncer(api: client, inventory: inventory).sync(
            [], options: .init(prune: true, policy: .init(allowEmpty: true, pruneNamespaces: false, prunePVCs: true)))
        #expect(!cleanup.failed, "\(cleanup.errors)")
        await client.shutdown()
    }
}
