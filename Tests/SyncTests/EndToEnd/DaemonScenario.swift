import Foundation

@testable import Sync

/// The shop fixture in its own namespace (which is also the environment and inventory name), rendered by
/// `dlsync render` into a bare repository served by `git daemon` on loopback, ready for daemons to follow.
final class DaemonScenario {
    let namespace: String
    let source: String
    let root: TemporaryDirectory
    let gitDaemon: GitDaemon
    var rendered: String { root.sub("rendered.git") }
    var branch: String { "rendered/\(namespace)" }
    var gitURL: String { gitDaemon.url("rendered.git") + "@" + branch }

    init(_ prefix: String) throws {
        namespace = TestCluster.uniqueNamespace(prefix)
        source = try TestCluster.copyFixture("shop", namespace: namespace)
        root = try TemporaryDirectory()
        try GitCLI.run(["init", "--quiet", "--bare", root.sub("rendered.git")])
        gitDaemon = try GitDaemon(basePath: root.path)
        try render()
    }

    deinit {
        TestCluster.kubectl(["delete", "namespace", namespace, "--wait=false", "--ignore-not-found"])
        TestCluster.kubectl([
            "delete", "-n", "kube-system", "--ignore-not-found", "configmap/dlsync-\(namespace)",
            "configmap/dlsync-\(namespace)-status", "lease.coordination.k8s.io/dlsync-\(namespace)",
        ])
    }

    /// Renders the source (as edited so far) onto the branch; returns the new commit.
    @discardableResult
    func render() throws -> String {
        let result = TestCluster.run(
            TestCluster.dlsyncBinary ?? "dlsync", ["render", source, "--repo", rendered, "--branch", branch])
        guard result.status == 0 else { throw DaemonTestError("dlsync render: \(result.stderr)") }
        return try GitCLI.text(["--git-dir", rendered, "rev-parse", branch])
    }

    /// Replaces `old` with `new` in a source file.
    func edit(_ file: String, _ old: String, _ new: String) throws {
        let path = source + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Pushes a broken commit to the rendered branch, as someone bypassing `dlsync render` might: the
    /// Service's file removed and the ConfigMap's unparsable. Returns the commit.
    @discardableResult
    func pushBrokenCommit() throws -> String {
        let clone = root.sub("clone-\(UUID().uuidString.prefix(8))")
        try GitCLI.run(["clone", "--quiet", "--branch", branch, rendered, clone])
        let folder = clone + "/" + namespace + "/" + namespace
        try GitCLI.run(["rm", "--quiet", "service-shop.yaml"], in: folder)
        try "data: [unclosed\n".write(
            toFile: folder + "/configmap-shop-settings.yaml", atomically: true, encoding: .utf8)
        try GitCLI.run(["commit", "--quiet", "-am", "hand edit"], in: clone)
        try GitCLI.run(["push", "--quiet", "origin", branch], in: clone)
        return try GitCLI.text(["rev-parse", "HEAD"], in: clone)
    }

    /// Starts a daemon following the branch; short interval and Lease so tests stay quick.
    func startDaemon(identity: String = "replica-a", interval: String = "3s", environment: [String: String] = [:])
        throws -> DaemonProcess
    {
        try DaemonProcess(
            [
                "--git", gitURL, "--kubeconfig", TestCluster.kubeconfig, "--interval", interval,
                "--workdir", root.sub("cache-\(identity)"), "--identity", identity, "--lease-duration", "4s",
            ], log: root.sub("\(identity).log"), environment: environment)
    }

    /// A field of a live object, by kubectl's jsonpath; nil when the object does not exist.
    func live(_ object: String, _ jsonPath: String, namespace: String? = nil) -> String? {
        let result = TestCluster.kubectl([
            "get", object, "-n", namespace ?? self.namespace, "-o", "jsonpath=\(jsonPath)",
        ])
        return result.status == 0 ? result.stdout : nil
    }

    /// The Lease's holder ("" when released).
    var leaseHolder: String? {
        live("lease.coordination.k8s.io/dlsync-\(namespace)", "{.spec.holderIdentity}", namespace: "kube-system")
    }

    /// The daemon's status object, decoded.
    var status: DaemonStatus? {
        let result = TestCluster.kubectl([
            "get", "configmap", "dlsync-\(namespace)-status", "-n", "kube-system", "-o", "json",
        ])
        guard result.status == 0, let node = try? JSONDecoding.decode(Array(result.stdout.utf8)) else { return nil }
        return DaemonStatus.decode(configMap: node)
    }
}
