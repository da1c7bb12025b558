import Foundation
import Overlays
import Testing

@testable import Sync

/// `dlsync daemon` as a real process against the real API server and a `git daemon` remote.
@Suite(.serialized, .enabled(if: TestCluster.available && TestCluster.dlsyncBinary != nil, TestCluster.skipMessage))
struct EndToEndDaemonTests {
    @Test func aNewCommitReachesTheClusterWithinOneInterval() async throws {
        let scenario = try DaemonScenario("daemon-commit")
        let daemon = try scenario.startDaemon(interval: "3s")
        try waitUntil(timeout: .seconds(30), "the first commit applied") {
            scenario.live("configmap/shop-settings", "{.data.mode}") == "fast"
        }
        try scenario.edit("configmap.yaml", "mode: fast", "mode: careful")
        try scenario.render()
        // One interval (3 s, up to 10% jitter) plus the reconcile itself.
        let seconds = try waitUntil(timeout: .seconds(5), "the new commit applied") {
            scenario.live("configmap/shop-settings", "{.data.mode}") == "careful"
        }
        #expect(seconds < 4.5, "applied after \(seconds) s; log:\n\(daemon.log)")
    }

    @Test func aHandEditIsPutBackWithinFiveSeconds() async throws {
        let scenario = try DaemonScenario("daemon-heal")
        // A long interval: only the watch can put the edit back in time.
        let daemon = try scenario.startDaemon(interval: "10m")
        try waitUntil(timeout: .seconds(30), "the first commit applied") {
            scenario.live("deployment/shop", "{.spec.replicas}") == "2"
        }
        try await Task.sleep(for: .seconds(1))
        let scale = TestCluster.kubectl(["scale", "deployment/shop", "--replicas=5", "-n", scenario.namespace])
        try #require(scale.status == 0, "\(scale.stderr)")
        let seconds = try waitUntil(timeout: .seconds(5), "the hand edit put back") {
            scenario.live("deployment/shop", "{.spec.replicas}") == "2"
        }
        #expect(seconds < 5, "put back after \(seconds) s; log:\n\(daemon.log)")
        try await waitUntil(timeout: .seconds(5), "the correction counted") {
            try await daemon.metric("dlsync_drift_corrections_total") ?? 0 >= 1
        }
    }

    @Test func anUnreachableRemoteKeepsTheLastGoodCommitAndSaysSo() async throws {
        let scenario = try DaemonScenario("daemon-remote")
        let daemon = try scenario.startDaemon(interval: "10m")
        try waitUntil(timeout: .seconds(30), "the first commit applied") {
            scenario.live("configmap/shop-settings", "{.data.mode}") == "fast"
        }
        scenario.gitDaemon.stop()
        let answer = try await daemon.request(.POST, "/reconcile?wait=true")
        #expect(answer.status == 500)
        #expect(answer.body.contains(#""result":"failure""#))
        #expect(scenario.live("configmap/shop-settings", "{.data.mode}") == "fast")
        #expect(try await daemon.metric("dlsync_git_fetch_failures_total") ?? 0 >= 1)
        #expect(try await daemon.metric("dlsync_serving_last_good") == 1)
        let status = try #require(scenario.status)
        #expect(status.fetchError != nil)
        #expect(
            status.lastAppliedCommit
                == (try GitCLI.text(["--git-dir", scenario.rendered, "rev-parse", scenario.branch])))
        // `dlsync status` tells people the same.
        let report = TestCluster.run(
            TestCluster.dlsyncBinary ?? "dlsync",
            ["status", "--git", "\(scenario.rendered)@\(scenario.branch)", "--kubeconfig", TestCluster.kubeconfig])
        #expect(report.stdout.contains("daemon replica-a follows"), "\(report.stdout)\(report.stderr)")
        #expect(report.stdout.contains("fetch failing"), "\(report.stdout)")
    }

    @Test func aCommitWithInvalidYAMLIsRefusedWithoutPruning() async throws {
        let scenario = try DaemonScenario("daemon-invalid")
        let daemon = try scenario.startDaemon(interval: "10m")
        try waitUntil(timeout: .seconds(30), "the first commit applied") {
            scenario.live("service/shop", "{.metadata.name}") == "shop"
        }
        let broken = try scenario.pushBrokenCommit()

        let answer = try await daemon.request(.POST, "/reconcile?wait=true")
        #expect(answer.status == 200)
        #expect(answer.body.contains(#""result":"refused""#), "\(answer.body)")
        #expect(scenario.live("service/shop", "{.metadata.name}") == "shop", "the Service was pruned")
        #expect(try await daemon.metric(#"dlsync_reconciles_total{result="refused"}"#) ?? 0 >= 1)
        #expect(scenario.status?.refusedCommit == broken)
    }

    @Test func sigtermExitsZeroWithinTenSecondsAndReleasesTheLease() async throws {
        let scenario = try DaemonScenario("daemon-stop")
        let daemon = try scenario.startDaemon()
        try waitUntil(timeout: .seconds(30), "the Lease held") { scenario.leaseHolder == "replica-a" }
        let (status, seconds) = daemon.terminate()
        #expect(status == 0, "log:\n\(daemon.log)")
        #expect(seconds < 10)
        #expect(scenario.leaseHolder == "")
    }

    @Test func onlyTheLeaseHolderAppliesAndAStandbyTakesOverWhenItDies() async throws {
        let scenario = try DaemonScenario("daemon-lease")
        let first = try scenario.startDaemon(identity: "replica-a", interval: "2s")
        try waitUntil(timeout: .seconds(30), "replica-a leading") { scenario.leaseHolder == "replica-a" }
        let second = try scenario.startDaemon(identity: "replica-b", interval: "2s")
        try await Task.sleep(for: .seconds(5))
        #expect(try await first.metric("dlsync_leader") == 1)
        #expect(try await second.metric("dlsync_leader") == 0)
        #expect(try await second.metric("dlsync_reconcile_duration_seconds_count") == 0, "the standby reconciled")
        #expect(try await second.request(.POST, "/reconcile").status == 503)

        first.crash()
        let seconds = try await waitUntil(timeout: .seconds(15), "replica-b leading") {
            try await second.metric("dlsync_leader") == 1
        }
        #expect(seconds < 10, "took over after \(seconds) s")
        #expect(scenario.leaseHolder == "replica-b")
        // The new leader heals, too.
        try await Task.sleep(for: .seconds(1))
        #expect(
            TestCluster.kubectl(["scale", "deployment/shop", "--replicas=3", "-n", scenario.namespace]).status == 0)
        try waitUntil(timeout: .seconds(5), "replica-b puts the edit back") {
            scenario.live("deployment/shop", "{.spec.replicas}") == "2"
        }
    }

    @Test func anAPIServerOutageMidReconcileEndsConvergedWithNothingLostOrDuplicated() async throws {
        let scenario = try DaemonScenario("daemon-outage")
        let daemon = try scenario.startDaemon(interval: "2s")
        try waitUntil(timeout: .seconds(30), "the first commit applied") {
            scenario.live("secret/shop-db", "{.data.password}")?.isEmpty == false
        }
        let password = scenario.live("secret/shop-db", "{.data.password}")

        // A commit with many objects, so that the API server dies while they are being applied.
        let count = 150
        let many = (0..<count).map { "{apiVersion: v1, kind: ConfigMap, metadata: {name: bulk-\($0)}, data: {n: '\($0)'}}" }
        try many.joined(separator: "\n---\n").write(toFile: scenario.source + "/bulk.yaml", atomically: true, encoding: .utf8)
        try scenario.edit("kustomization.yaml", "- service.yaml", "- service.yaml\n- bulk.yaml")
        let commit = try scenario.render()
        try waitUntil(timeout: .seconds(10), "the daemon reading the new commit") {
            daemon.log.contains("new commit commit=\(commit.prefix(12))")
        }
        // Spawned and reaped directly: Foundation's Process can miss the exit of a script whose child lives on.
        let script = TestCluster.packageRoot + "/scripts/test-cluster.sh"
        let restartLog = scenario.root.sub("restart.log")
        let restart = try SpawnedProcess.spawn(
            "/bin/bash", ["bash", script, "restart-apiserver", "2"], environment: ProcessInfo.processInfo.environment,
            output: restartLog)
        let restarted = SpawnedProcess.wait(restart)
        try #require(restarted == 0, "restarting the API server: \((try? String(contentsOfFile: restartLog, encoding: .utf8)) ?? "")")

        try await waitUntil(timeout: .seconds(90), "the cluster converged on \(commit.prefix(12))") {
            let status = scenario.status
            return status?.lastAppliedCommit == commit && status?.lastReconcile?.result == .success
        }
        let labelled = TestCluster.kubectl([
            "get", "configmaps", "-n", scenario.namespace, "-l", Inventory(name: scenario.namespace).selector,
            "-o", "name",
        ])
        #expect(labelled.stdout.split(separator: "\n").count == count + 1, "\(labelled.stdout)")
        #expect(scenario.live("secret/shop-db", "{.data.password}") == password, "the generated Secret was replaced")
        let diff = TestCluster.run(
            TestCluster.dlsyncBinary ?? "dlsync",
            ["diff", "--git", "\(scenario.rendered)@\(scenario.branch)", "--kubeconfig", TestCluster.kubeconfig])
        #expect(diff.status == 0, "drift after the outage: \(diff.stdout)\(diff.stderr)\nlog:\n\(daemon.log)")
    }

    @Test func aRestartedDaemonServesTheLastAppliedCommitWhileTheNewestIsRefused() async throws {
        let scenario = try DaemonScenario("daemon-restart")
        let first = try scenario.startDaemon(interval: "10m")
        try waitUntil(timeout: .seconds(30), "the first commit applied") {
            scenario.live("deployment/shop", "{.spec.replicas}") == "2"
        }
        first.crash()
        try scenario.pushBrokenCommit()

        let second = try scenario.startDaemon(interval: "10m")
        try await waitUntil(timeout: .seconds(30), "the restarted daemon leading") {
            try await second.metric(#"dlsync_reconciles_total{result="refused"}"#) ?? 0 >= 1
        }
        #expect(scenario.live("service/shop", "{.metadata.name}") == "shop", "the Service was pruned")
        #expect(TestCluster.kubectl(["scale", "deployment/shop", "--replicas=4", "-n", scenario.namespace]).status == 0)
        try waitUntil(timeout: .seconds(5), "the hand edit put back from the last applied commit") {
            scenario.live("deployment/shop", "{.spec.replicas}") == "2"
        }
    }

    @Test func withAWebhookSecretOnlySignedReconcileRequestsAreServed() async throws {
        let scenario = try DaemonScenario("daemon-webhook")
        let daemon = try scenario.startDaemon(interval: "10m", environment: ["DLSYNC_WEBHOOK_SECRET": "s3cret"])
        try await waitUntil(timeout: .seconds(30), "the daemon leading") {
            try await daemon.metric("dlsync_leader") == 1
        }
        #expect(try await daemon.request(.POST, "/reconcile").status == 401)
        let payload = Array(#"{"ref": "refs/heads/\#(scenario.branch)"}"#.utf8)
        let signature = SHA256.hexText(WebhookSecret.hmacSHA256(key: Array("s3cret".utf8), message: payload))
        let signed = try await daemon.request(
            .POST, "/reconcile?wait=true", headers: ["X-Hub-Signature-256": "sha256=" + signature], body: payload)
        #expect(signed.status == 200, "\(signed.body)")
        #expect(signed.body.contains(#""result":"success""#))
    }
}
