import Foundation
import Overlays
import Testing

@testable import Sync

/// dlsync against a real kube-apiserver: sync into an empty namespace, compare with `kubectl diff`, hand edits,
/// prune, build errors and hand-filled Secrets. Each test works in its own namespace and inventory.
@Suite(.serialized, .enabled(if: TestCluster.available, TestCluster.skipMessage))
struct EndToEndSyncTests {
    struct Setup {
        var directory: String
        var namespace: String
        var inventory: Inventory
        var client: APIClient

        func desired() throws -> [DesiredObject] {
            try DesiredObject.prepare(try Kustomizer.build(directory: directory), inventory: inventory)
        }

        var syncer: Syncer { Syncer(api: client, inventory: inventory) }
        var detector: DriftDetector { DriftDetector(api: client, inventory: inventory) }

        func drift() async throws -> [DriftReport] {
            try await detector.detect(try await detector.resolve(try desired()))
        }

        func cleanUp() async {
            TestCluster.kubectl(["delete", "namespace", namespace, "--wait=false"])
            TestCluster.kubectl([
                "delete", "configmap", "-n", "kube-system", inventory.parentName, "--ignore-not-found",
            ])
            await client.shutdown()
        }
    }

    static func setUp(_ prefix: String) throws -> Setup {
        let namespace = TestCluster.uniqueNamespace(prefix)
        let directory = try TestCluster.copyFixture("shop", namespace: namespace)
        return Setup(
            directory: directory, namespace: namespace, inventory: Inventory(name: namespace),
            client: try TestCluster.client())
    }

    @Test func syncIntoEmptyClusterThenNothingDiffers() async throws {
        let s = try Self.setUp("e2e-sync")
        let result = try await s.syncer.sync(try s.desired(), options: .init())
        #expect(!result.failed, "\(result.entries.filter { $0.action == .failed })")
        #expect(result.count(.created) == 5)

        // A second look costs one LIST per kind and no dry run or write.
        let before = s.client.stats.byVerb
        let reports = try await s.drift()
        let after = s.client.stats.byVerb
        #expect(reports.filter { $0.state != .inSync }.map(\.ref) == [])
        #expect(after["list", default: 0] - before["list", default: 0] == 5)
        #expect(after["dry-run", default: 0] == before["dry-run", default: 0])
        #expect(after["apply", default: 0] == before["apply", default: 0])

        // kubectl agrees: a server-side diff with dlsync's field manager finds nothing.
        let manifests = try s.desired().map { try YAMLEmitter.document($0.manifest) }.joined(separator: "---\n")
        let diff = TestCluster.kubectl(
            ["diff", "--server-side", "--field-manager=dlsync", "--force-conflicts", "-f", "-"], input: manifests)
        #expect(diff.status == 0, "kubectl diff: \(diff.stdout)\(diff.stderr)")

        // The generated Secret has both keys; the fernet key decodes to 32 bytes.
        let password = TestCluster.kubectl([
            "get", "secret", "-n", s.namespace, "shop-db", "-o", "jsonpath={.data.password}",
        ])
        #expect(Base64.decode(password.stdout).map { $0.count } == 32)

        // The CLI says the same.
        if let dlsync = TestCluster.dlsyncBinary {
            let cli = TestCluster.run(
                dlsync, ["diff", s.directory, "--kubeconfig", TestCluster.kubeconfig, "--name", s.namespace])
            #expect(cli.status == 0, "dlsync diff: \(cli.stdout)\(cli.stderr)")
            #expect(cli.stdout.isEmpty)
        }
        await s.cleanUp()
    }

    @Test func handEditsAreReportedAndPutBack() async throws {
        let s = try Self.setUp("e2e-drift")
        _ = try await s.syncer.sync(try s.desired(), options: .init())
        let ns = ["-n", s.namespace]
        #expect(TestCluster.kubectl(["scale", "deployment/shop", "--replicas=5"] + ns).status == 0)
        #expect(TestCluster.kubectl(["set", "image", "deployment/shop", "web=nginx:1.26"] + ns).status == 0)
        #expect(TestCluster.kubectl(["label", "service/shop", "tier=back", "--overwrite"] + ns).status == 0)
        #expect(TestCluster.kubectl(["delete", "configmap/shop-settings"] + ns).status == 0)

        let reports = try await s.drift()
        let changed = Dictionary(uniqueKeysWithValues: reports.filter { $0.state != .inSync }.map { ($0.ref.kind, $0) })
        #expect(Set(changed.keys) == ["Deployment", "Service", "ConfigMap"])
        #expect(changed["ConfigMap"]?.state == .missing)
        let deploymentDiff = changed["Deployment"]?.unifiedDiff() ?? ""
        #expect(deploymentDiff.contains("-  replicas: 5\n+  replicas: 2"), "\(deploymentDiff)")
        #expect(deploymentDiff.contains("-        image: nginx:1.26\n+        image: nginx:1.25"))
        #expect(changed["Service"]?.unifiedDiff().contains("+    tier: front") == true)

        if let dlsync = TestCluster.dlsyncBinary {
            let cli = TestCluster.run(
                dlsync, ["diff", s.directory, "--kubeconfig", TestCluster.kubeconfig, "--name", s.namespace])
            #expect(cli.status == 1)
            #expect(cli.stdout.contains("+  replicas: 2"))
            #expect(!cli.stdout.contains("\u{1B}["), "piped output is plain")
        }

        let result = try await s.syncer.sync(try s.desired(), options: .init())
        #expect(result.count(.configured) == 2)
        #expect(result.count(.created) == 1)
        #expect(try await s.drift().allSatisfy { $0.state == .inSync })
        #expect(
            TestCluster.kubectl(
                ["get", "deployment/shop", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}"]
                    + ns
            ).stdout == "2 nginx:1.25")
        #expect(
            TestCluster.kubectl(["get", "service/shop", "-o", "jsonpath={.metadata.labels.tier}"] + ns).stdout
                == "front")
        await s.cleanUp()
    }

    @Test func pruneDeletesTheRemovedObjectAndNothingElse() async throws {
        let s = try Self.setUp("e2e-prune")
        _ = try await s.syncer.sync(try s.desired(), options: .init())
        let ns = ["-n", s.namespace]
        TestCluster.kubectl(["create", "configmap", "handmade", "--from-literal=a=b"] + ns)
        let kustomization = s.directory + "/kustomization.yaml"
        let text = try String(contentsOfFile: kustomization, encoding: .utf8)
        try text.replacingOccurrences(of: "- service.yaml\n", with: "").write(
            toFile: kustomization, atomically: true, encoding: .utf8)

        let result = try await s.syncer.sync(try s.desired(), options: .init(prune: true))
        #expect(
            result.entries.filter { $0.action == .pruned }.map(\.ref.description) == ["Service/shop -n \(s.namespace)"])
        #expect(result.count(.unchanged) == 4)
        #expect(TestCluster.kubectl(["get", "service/shop"] + ns).status != 0)
        for kept in ["configmap/handmade", "configmap/shop-settings", "deployment/shop", "secret/shop-db"] {
            #expect(TestCluster.kubectl(["get", kept] + ns).status == 0, "\(kept) must survive the prune")
        }
        await s.cleanUp()
    }

    @Test func invalidYAMLFailsBeforeTouchingTheCluster() async throws {
        let s = try Self.setUp("e2e-invalid")
        try "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: broken\ndata: [\n".write(
            toFile: s.directory + "/configmap.yaml", atomically: true, encoding: .utf8)
        #expect(throws: BuildError.self) { try s.desired() }
        if let dlsync = TestCluster.dlsyncBinary {
            let cli = TestCluster.run(
                dlsync, ["sync", s.directory, "--kubeconfig", TestCluster.kubeconfig, "--name", s.namespace])
            #expect(cli.status == 2)
            #expect(cli.stderr.contains("configmap.yaml"))
        }
        #expect(TestCluster.kubectl(["get", "namespace", s.namespace]).status != 0)
        #expect(TestCluster.kubectl(["get", "configmap", "-n", "kube-system", s.inventory.parentName]).status != 0)
        await s.client.shutdown()
    }

    @Test func secretFilledByHandIsNeverOverwritten() async throws {
        let s = try Self.setUp("e2e-secret")
        let ns = ["-n", s.namespace]
        #expect(TestCluster.kubectl(["create", "namespace", s.namespace]).status == 0)
        #expect(
            TestCluster.kubectl(["create", "secret", "generic", "shop-db", "--from-literal=password=mine"] + ns).status
                == 0)
        let result = try await s.syncer.sync(try s.desired(), options: .init())
        #expect(!result.failed)
        let value = TestCluster.kubectl(["get", "secret/shop-db", "-o", "jsonpath={.data.password}"] + ns).stdout
        #expect(Base64.decode(value) == Array("mine".utf8))
        // It is ours now (labelled), still holds only the hand-made key, and a second sync leaves it alone.
        let label = TestCluster.kubectl(
            ["get", "secret/shop-db", "-o", "jsonpath={.metadata.labels.applyset\\.kubernetes\\.io/part-of}"] + ns)
        #expect(label.stdout == s.inventory.id)
        let again = try await s.syncer.sync(try s.desired(), options: .init())
        #expect(again.count(.unchanged) == 5)
        #expect(TestCluster.kubectl(["get", "secret/shop-db", "-o", "jsonpath={.data.password}"] + ns).stdout == value)
        await s.cleanUp()
    }
}
