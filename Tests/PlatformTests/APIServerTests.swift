import Foundation
import Overlays
import Testing

/// The throwaway Kubernetes 1.20 control plane of scripts/test-cluster.sh.
enum TestCluster {
    static let stateDirectory =
        ProcessInfo.processInfo.environment["DLSYNC_TEST_CLUSTER_DIR"] ?? "/tmp/dlsync-test-cluster"
    static let kubeconfig = "\(stateDirectory)/kubeconfig"
    static let isCI = ProcessInfo.processInfo.environment["CI"] != nil
    /// kubectl's discovery cache for this test run only: a cache from before the CRDs were
    /// installed would not know Routes.
    static let cacheDirectory = FileManager.default.temporaryDirectory
        .appendingPathComponent("dlsync-platform-tests-kube-cache-\(ProcessInfo.processInfo.processIdentifier)").path

    /// `scripts/test-cluster.sh up` has run and the API server answers /readyz.
    static let isReachable: Bool = {
        guard FileManager.default.fileExists(atPath: kubeconfig) else { return false }
        return (try? kubectl(["get", "--raw", "/readyz"]))?.status == 0
    }()

    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Runs kubectl against the test cluster, with `input` on its standard input.
    static func kubectl(_ arguments: [String], input: String? = nil) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dlsync-kubectl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Files rather than pipes: nothing can block on a full pipe buffer.
        let stdin = scratch.appendingPathComponent("stdin"), stdout = scratch.appendingPathComponent("stdout")
        try Data((input ?? "").utf8).write(to: stdin)
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["kubectl", "--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory, "--request-timeout=60s"]
            + arguments
        process.standardInput = try FileHandle(forReadingFrom: stdin)
        let out = try FileHandle(forWritingTo: stdout)
        process.standardOutput = out
        process.standardError = out
        try process.run()
        process.waitUntilExit()
        try out.close()
        let output = String(decoding: try Data(contentsOf: stdout), as: UTF8.self)
        return Outcome(status: process.terminationStatus, output: output)
    }
}

/// Every environment, as dlsync builds it, passes a server-side dry run on a real kube-apiserver
/// (1.20, the oldest the platform supports): API versions served, fields valid, schemas of the
/// OpenShift kinds (Tests/Fixtures/openshift-crds.yaml stand-ins) respected.
@Suite struct APIServerTests {
    static let fieldManager = "dlsync-platform-tests"

    @Test(
        .enabled(
            if: TestCluster.isReachable || TestCluster.isCI,
            "no test cluster: run scripts/test-cluster.sh up (this test fails instead when CI is set)"),
        .timeLimit(.minutes(5)))
    func everyEnvironmentIsAcceptedByTheAPIServer() throws {
        // Under CI the cluster is part of the test set-up: its absence is a failure, not a skip.
        try #require(
            TestCluster.isReachable,
            "CI is set but the test cluster at \(TestCluster.kubeconfig) is not reachable (scripts/test-cluster.sh up)")

        let crds = "\(Platform.repositoryRoot)/Tests/Fixtures/openshift-crds.yaml"
        let installed = try TestCluster.kubectl(["apply", "--server-side", "--field-manager", Self.fieldManager, "-f", crds])
        try #require(installed.status == 0, "installing the OpenShift CRDs failed:\n\(installed.output)")
        let established = try TestCluster.kubectl([
            "wait", "--for", "condition=Established", "--timeout=60s",
            "crd/routes.route.openshift.io", "crd/securitycontextconstraints.security.openshift.io",
        ])
        try #require(established.status == 0, "the OpenShift CRDs are not Established:\n\(established.output)")

        for env in Platform.environments {
            let resources = try Platform.built(env).resources
            // A namespaced dry run needs its namespace to exist: create the Namespaces for real.
            let namespaces = try Kustomizer.render(resources.filter { $0.kind == "Namespace" })
            let created = try TestCluster.kubectl(
                ["apply", "--server-side", "--force-conflicts", "--field-manager", Self.fieldManager, "-f", "-"],
                input: namespaces)
            #expect(created.status == 0, "\(env): creating the Namespaces failed:\n\(created.output)")
            guard created.status == 0 else { continue }

            let dryRun = try TestCluster.kubectl(
                [
                    "apply", "--server-side", "--force-conflicts", "--dry-run=server", "--field-manager",
                    Self.fieldManager, "-f", "-",
                ],
                input: try Kustomizer.render(resources))
            let lines = dryRun.output.split(separator: "\n")
            let applied = lines.filter { $0.hasSuffix("(server dry run)") }.count
            let complaints = lines.filter { !$0.hasSuffix("(server dry run)") }.joined(separator: "\n")
            #expect(dryRun.status == 0, "\(env): the API server rejected the build:\n\(complaints)")
            #expect(applied == resources.count, "\(env): \(applied) of \(resources.count) objects dry-run applied")
        }
    }
}

/// The same promise without a cluster: every kind is written in an API version that a
/// Kubernetes 1.20 API server serves (the OpenShift kinds in the versions OpenShift serves).
@Suite struct APIVersionTests {
    static let servedBy120: [String: Set<String>] = [
        "Namespace": ["v1"], "Service": ["v1"], "ServiceAccount": ["v1"], "Secret": ["v1"],
        "ConfigMap": ["v1"], "PersistentVolumeClaim": ["v1"],
        "Deployment": ["apps/v1"], "StatefulSet": ["apps/v1"], "DaemonSet": ["apps/v1"],
        "Job": ["batch/v1"], "CronJob": ["batch/v1beta1"],
        "PodDisruptionBudget": ["policy/v1beta1"],
        "NetworkPolicy": ["networking.k8s.io/v1"], "Ingress": ["networking.k8s.io/v1"],
        "Role": ["rbac.authorization.k8s.io/v1"], "RoleBinding": ["rbac.authorization.k8s.io/v1"],
        "Lease": ["coordination.k8s.io/v1"],
        "ClusterRole": ["rbac.authorization.k8s.io/v1"], "ClusterRoleBinding": ["rbac.authorization.k8s.io/v1"],
        "Route": ["route.openshift.io/v1"], "SecurityContextConstraints": ["security.openshift.io/v1"],
    ]

    @Test(arguments: Platform.workloadTargets)
    func everyObjectUsesAnAPIVersionKubernetes120Serves(_ name: String) throws {
        let env = try Platform.built(name)
        let unserved = env.resources.filter { Self.servedBy120[$0.kind]?.contains($0.apiVersion) != true }
            .map { "\($0.described): \($0.apiVersion)" }
        expectNoViolations(unserved, "objects in API versions Kubernetes 1.20 does not serve")
    }
}
