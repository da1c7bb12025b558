import Overlays

/// A kubeconfig file (or several merged): clusters, users and contexts by name, and the current context.
/// File paths inside are already resolved against the directory of the file that named them.
public struct Kubeconfig: Sendable, Equatable {
    public struct Cluster: Sendable, Equatable {
        public var server: String
        public var certificateAuthority: String?
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool = false
        public var tlsServerName: String?
    }

    public struct User: Sendable, Equatable {
        public var token: String?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
        public var username: String?
        public var password: String?
        public var hasExec: Bool = false
    }

    public struct Context: Sendable, Equatable {
        public var cluster: String
        public var user: String
        public var namespace: String?
    }

    public var clusters: [String: Cluster] = [:]
    public var users: [String: User] = [:]
    public var contexts: [String: Context] = [:]
    public var currentContext: String?

    public init() {}

    /// Parses one kubeconfig document; `directory` resolves relative file paths.
    public static func parse(_ text: String, file: String, directory: String) throws(ClusterConfigError) -> Kubeconfig {
        let docs: [Node]
        do {
            docs = try YAMLParser.documents(text, file: file)
        } catch {
            throw ClusterConfigError("reading kubeconfig \(file): \(error.description)")
        }
        var config = Kubeconfig()
        guard let root = docs.first, let map = root.mapping else { return config }
        func path(_ value: String?) -> String? {
            guard let value, !value.isEmpty else { return nil }
            if value.hasPrefix("/") || directory.isEmpty { return value }
            if value.hasPrefix("~/"), let home = ProcessEnvironment.home { return home + value.dropFirst(1) }
            return directory + "/" + value
        }
        func field(_ node: Node?, _ key: String) -> String? {
            guard let value = node?[key]?.scalarText, !value.isEmpty else { return nil }
            return value
        }
        for item in map["clusters"]?.sequence ?? [] {
            guard let name = field(item, "name"), let c = item["cluster"] else { continue }
            guard let server = field(c, "server") else {
                throw ClusterConfigError("kubeconfig \(file): cluster '\(name)' has no server")
            }
            var cluster = Cluster(server: server)
            cluster.certificateAuthority = path(field(c, "certificate-authority"))
            cluster.certificateAuthorityData = field(c, "certificate-authority-data")
            cluster.insecureSkipTLSVerify = c["insecure-skip-tls-verify"] == .bool(true)
            cluster.tlsServerName = field(c, "tls-server-name")
            config.clusters[name] = cluster
        }
        for item in map["users"]?.sequence ?? [] {
            guard let name = field(item, "name") else { continue }
            let u = item["user"]
            var user = User()
            user.token = field(u, "token")
            user.tokenFile = path(field(u, "tokenFile"))
            user.clientCertificate = path(field(u, "client-certificate"))
            user.clientCertificateData = field(u, "client-certificate-data")
            user.clientKey = path(field(u, "client-key"))
            user.clientKeyData = field(u, "client-key-data")
            user.username = field(u, "username")
            user.password = field(u, "password")
            user.hasExec = u?["exec"]?.mapping != nil || u?["auth-provider"]?.mapping != nil
            config.users[name] = user
        }
        for item in map["contexts"]?.sequence ?? [] {
            guard let name = field(item, "name"), let c = item["context"] else { continue }
            config.contexts[name] = Context(
                cluster: field(c, "cluster") ?? "", user: field(c, "user") ?? "", namespace: field(c, "namespace"))
        }
        config.currentContext = field(root, "current-context")
        return config
    }

    /// Merges another file in the way kubectl does for `KUBECONFIG=a:b`: the first definition of a name wins,
    /// and the first non-empty current-context wins.
    public mutating func merge(_ other: Kubeconfig) {
        clusters.merge(other.clusters) { first, _ in first }
        users.merge(other.users) { first, _ in first }
        contexts.merge(other.contexts) { first, _ in first }
        if currentContext == nil { currentContext = other.currentContext }
    }
}

/// A kubeconfig or in-cluster configuration that cannot be used, with what to fix.
public struct ClusterConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
