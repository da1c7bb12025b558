import Foundation
import Overlays
import Testing

@testable import Sync

/// The real control plane of `scripts/test-cluster.sh` (etcd + kube-apiserver + controller-manager).
/// Tests skip when it is not running, except under CI (`CI` set), where `clusterIsRunningUnderCI` fails.
enum TestCluster {
    static let stateDirectory =
        ProcessInfo.processInfo.environment["DLSYNC_TEST_CLUSTER_DIR"] ?? "/tmp/dlsync-test-cluster"
    static var kubeconfig: String { stateDirectory + "/kubeconfig" }
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        .path

    /// Whether cluster.json exists and the API server answers.
    static let available: Bool = {
        guard FileManager.default.fileExists(atPath: stateDirectory + "/cluster.json") else { return false }
        return kubectl(["get", "--raw", "/readyz"]).status == 0
    }()

    static var skipMessage: Comment {
        "no test cluster at \(stateDirectory); start one with scripts/test-cluster.sh up"
    }

    static func client() throws -> APIClient {
        try APIClient(settings: try ConnectionSettings.load(kubeconfig: kubeconfig))
    }

    typealias Output = ProcessOutput

    /// Runs a command; a command that cannot be started reads as status -1 with the reason on stderr.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) -> Output {
        do {
            return try ChildProcess.run(executable, arguments, input: input)
        } catch {
            return Output(status: -1, stdout: "", stderr: "cannot run \(executable): \(error)", stdoutData: Data())
        }
    }

    @discardableResult
    static func kubectl(_ arguments: [String], input: String? = nil) -> Output {
        run("/usr/bin/env", ["kubectl", "--kubeconfig", kubeconfig] + arguments, input: input)
    }

    /// The `dlsync` binary built next to the tests, if there is one.
    static var dlsyncBinary: String? {
        FileManager.default.isExecutableFile(atPath: DLSyncBinary.path) ? DLSyncBinary.path : nil
    }

    /// A copy of a fixture in a fresh directory, with its namespace renamed so tests never share objects.
    static func copyFixture(_ name: String, namespace: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dlsync-e2e-\(UUID().uuidString)")
            .appendingPathComponent(namespace)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: fixtures).appendingPathComponent(name)
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let text = try String(contentsOf: source.appendingPathComponent(file), encoding: .utf8)
            try text.replacingOccurrences(of: "dlsync-e2e", with: namespace)
                .write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    static func uniqueNamespace(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}

@Suite struct TestClusterPresence {
    @Test func clusterIsRunningUnderCI() {
        if ProcessInfo.processInfo.environment["CI"] != nil, !TestCluster.available {
            Issue.record("CI is set but the test cluster is not running: \(TestCluster.skipMessage)")
        }
    }
}
