import Overlays
import Testing

@testable import Sync

@Suite struct KubeconfigTests {
    static let first = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev
          cluster:
            server: https://dev.example:6443
            certificate-authority: pki/ca.crt
        - name: shared
          cluster:
            server: https://first.example
        users:
        - name: alice
          user:
            tokenFile: token
        contexts:
        - name: dev
          context: {cluster: dev, user: alice, namespace: shop}
        """

    static let second = """
        current-context: other
        clusters:
        - name: shared
          cluster:
            server: https://second.example
            insecure-skip-tls-verify: true
        - name: prod
          cluster:
            server: https://prod.example
            certificate-authority-data: \(Base64.encode(Array("CA-PEM".utf8)))
        users:
        - name: bob
          user:
            client-certificate-data: \(Base64.encode(Array("CERT".utf8)))
            client-key: /keys/bob.key
        contexts:
        - name: prod
          context: {cluster: prod, user: bob}
        - name: shared
          context: {cluster: shared, user: bob}
        """

    static func environment(_ variables: [String: String], files: [String: String]) -> ProcessEnvironment {
        ProcessEnvironment(variables: variables) { path in files[path].map { Array($0.utf8) } }
    }

    static let files = [
        "/home/a/.kube/config": first, "/etc/k/second": second, "/home/a/.kube/pki/ca.crt": "FILE-CA",
        "/home/a/.kube/token": "secret-token\n", "/keys/bob.key": "KEY",
    ]

    @Test func homeConfigWithRelativeFilesAndTokenFile() throws {
        let env = Self.environment(["HOME": "/home/a"], files: Self.files)
        let s = try ConnectionSettings.load(environment: env)
        #expect(s.server == "https://dev.example:6443")
        #expect(s.caPEM == Array("FILE-CA".utf8))
        #expect(s.bearerToken == "secret-token")
        #expect(s.namespace == "shop")
    }

    @Test func kubeconfigVariableMergesFirstWins() throws {
        let env = Self.environment(
            ["KUBECONFIG": "/home/a/.kube/config:/etc/k/second", "HOME": "/x"], files: Self.files)
        // current-context comes from the first file that sets one.
        #expect(try ConnectionSettings.load(environment: env).server == "https://dev.example:6443")
        // `shared` is defined in both: the first file's definition wins.
        let shared = try ConnectionSettings.load(context: "shared", environment: env)
        #expect(shared.server == "https://first.example")
        #expect(shared.insecureSkipTLSVerify == false)
        let prod = try ConnectionSettings.load(context: "prod", environment: env)
        #expect(prod.caPEM == Array("CA-PEM".utf8))
        #expect(prod.clientCertificatePEM == Array("CERT".utf8))
        #expect(prod.clientKeyPEM == Array("KEY".utf8))
        #expect(prod.bearerToken == nil)
    }

    @Test func insecureSkipVerify() throws {
        let env = Self.environment([:], files: Self.files)
        let s = try ConnectionSettings.load(kubeconfig: "/etc/k/second", context: "shared", environment: env)
        #expect(s.insecureSkipTLSVerify)
    }

    @Test func unknownContextNamesTheKnownOnes() {
        let env = Self.environment(["HOME": "/home/a"], files: Self.files)
        #expect(throws: ClusterConfigError.self) { try ConnectionSettings.load(context: "nope", environment: env) }
        do {
            _ = try ConnectionSettings.load(context: "nope", environment: env)
        } catch {
            #expect(error.message.contains("context 'nope' not found (known: dev)"))
        }
    }

    @Test func missingKeyFileIsAnError() {
        let env = Self.environment([:], files: ["/c": Self.second])
        #expect(throws: ClusterConfigError.self) {
            try ConnectionSettings.load(kubeconfig: "/c", context: "prod", environment: env)
        }
    }

    @Test func inClusterServiceAccount() throws {
        let dir = "/var/run/secrets/kubernetes.io/serviceaccount"
        let env = Self.environment(
            ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"],
            files: ["\(dir)/token": "sa-token", "\(dir)/ca.crt": "SA-CA", "\(dir)/namespace": "dlsync\n"])
        let s = try ConnectionSettings.load(environment: env)
        #expect(s.server == "https://10.0.0.1:443")
        #expect(s.bearerToken == "sa-token")
        #expect(s.caPEM == Array("SA-CA".utf8))
        #expect(s.namespace == "dlsync")
    }

    @Test func noConfigAtAll() {
        let env = Self.environment(["HOME": "/nowhere"], files: [:])
        #expect(throws: ClusterConfigError.self) { try ConnectionSettings.load(environment: env) }
    }

    @Test func execPluginsAreRefusedWithAMessage() {
        let text = """
            current-context: c
            clusters: [{name: c, cluster: {server: "https://x"}}]
            users: [{name: u, user: {exec: {command: aws}}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            """
        let env = Self.environment([:], files: ["/k": text])
        #expect(throws: ClusterConfigError.self) { try ConnectionSettings.load(kubeconfig: "/k", environment: env) }
    }
}
