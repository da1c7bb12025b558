import Overlays

extension ConnectionSettings {
    static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Resolves the connection the way kubectl does: an explicit `--kubeconfig` file, else the files in
    /// `KUBECONFIG` (merged, first wins), else `~/.kube/config`, else the in-cluster service account.
    public static func load(
        kubeconfig explicitPath: String? = nil, context: String? = nil,
        environment: ProcessEnvironment = .current
    ) throws(ClusterConfigError) -> ConnectionSettings {
        var paths: [String] = []
        if let explicitPath, !explicitPath.isEmpty {
            paths = [explicitPath]
        } else if let list = environment.variables["KUBECONFIG"], !list.isEmpty {
            paths = list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        } else if let home = environment.variables["HOME"] {
            let path = home + "/.kube/config"
            if environment.readFile(path) != nil { paths = [path] }
        }
        if paths.isEmpty {
            if let inCluster = try inCluster(environment: environment) { return inCluster }
            throw ClusterConfigError(
                "no kubeconfig found: pass --kubeconfig, set KUBECONFIG or create ~/.kube/config")
        }
        var merged = Kubeconfig()
        var readAny = false
        for path in paths {
            guard let bytes = environment.readFile(path) else {
                if explicitPath != nil { throw ClusterConfigError("cannot read kubeconfig \(path)") }
                continue  // kubectl ignores missing files in KUBECONFIG
            }
            readAny = true
            let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                .joined(separator: "/")
            merged.merge(
                try Kubeconfig.parse(String(decoding: bytes, as: UTF8.self), file: path, directory: directory))
        }
        guard readAny else {
            throw ClusterConfigError("none of the kubeconfig files exists: \(paths.joined(separator: ", "))")
        }
        return try merged.settings(context: context, environment: environment, source: paths.joined(separator: ":"))
    }

    /// The service-account configuration of a pod, or nil outside a cluster.
    public static func inCluster(environment: ProcessEnvironment) throws(ClusterConfigError) -> ConnectionSettings? {
        guard let host = environment.variables["KUBERNETES_SERVICE_HOST"], !host.isEmpty else { return nil }
        let port = environment.variables["KUBERNETES_SERVICE_PORT"] ?? "443"
        let hostPart = host.contains(":") ? "[\(host)]" : host
        var settings = ConnectionSettings(server: "https://\(hostPart):\(port)")
        let dir = serviceAccountDirectory
        guard let token = environment.readFile(dir + "/token") else {
            throw ClusterConfigError("in-cluster config: cannot read \(dir)/token (is a service account mounted?)")
        }
        settings.bearerToken = String(decoding: token, as: UTF8.self).trimmingWhitespace
        settings.caPEM = environment.readFile(dir + "/ca.crt")
        settings.namespace = environment.readFile(dir + "/namespace").map {
            String(decoding: $0, as: UTF8.self).trimmingWhitespace
        }
        settings.source = "in-cluster service account"
        return settings
    }
}

extension Kubeconfig {
    /// The settings of one context (the current one unless named).
    public func settings(
        context name: String? = nil, environment: ProcessEnvironment = .current, source: String = "kubeconfig"
    ) throws(ClusterConfigError) -> ConnectionSettings {
        guard let contextName = name ?? currentContext else {
            throw ClusterConfigError(
                "\(source): no current-context; pass --context (known: \(contexts.keys.sorted().joined(separator: ", ")))"
            )
        }
        guard let context = contexts[contextName] else {
            throw ClusterConfigError(
                "\(source): context '\(contextName)' not found (known: \(contexts.keys.sorted().joined(separator: ", ")))"
            )
        }
        guard let cluster = clusters[context.cluster] else {
            throw ClusterConfigError(
                "\(source): context '\(contextName)' names cluster '\(context.cluster)', which is not defined")
        }
        func file(_ path: String, _ what: String) throws(ClusterConfigError) -> [UInt8] {
            guard let bytes = environment.readFile(path) else {
                throw ClusterConfigError("\(source): cannot read \(what) \(path) (context '\(contextName)')")
            }
            return bytes
        }
        func data(_ base64: String, _ what: String) throws(ClusterConfigError) -> [UInt8] {
            guard let bytes = Base64.decode(base64.filter { !$0.isWhitespace }) else {
                throw ClusterConfigError("\(source): \(what) of context '\(contextName)' is not valid base64")
            }
            return bytes
        }
        var settings = ConnectionSettings(server: cluster.server)
        settings.source = "context '\(contextName)' in \(source)"
        settings.namespace = context.namespace
        settings.insecureSkipTLSVerify = cluster.insecureSkipTLSVerify
        settings.tlsServerName = cluster.tlsServerName
        if let d = cluster.certificateAuthorityData {
            settings.caPEM = try data(d, "certificate-authority-data")
        } else if let f = cluster.certificateAuthority {
            settings.caPEM = try file(f, "certificate-authority")
        }
        if !context.user.isEmpty {
            guard let user = users[context.user] else {
                throw ClusterConfigError(
                    "\(source): context '\(contextName)' names user '\(context.user)', which is not defined")
            }
            if let d = user.clientCertificateData {
                settings.clientCertificatePEM = try data(d, "client-certificate-data")
            } else if let f = user.clientCertificate {
                settings.clientCertificatePEM = try file(f, "client-certificate")
            }
            if let d = user.clientKeyData {
                settings.clientKeyPEM = try data(d, "client-key-data")
            } else if let f = user.clientKey {
                settings.clientKeyPEM = try file(f, "client-key")
            }
            if (settings.clientCertificatePEM == nil) != (settings.clientKeyPEM == nil) {
                throw ClusterConfigError(
                    "\(source): user '\(context.user)' needs both a client certificate and a client key")
            }
            if let token = user.token {
                settings.bearerToken = token
            } else if let f = user.tokenFile {
                settings.bearerToken = String(decoding: try file(f, "tokenFile"), as: UTF8.self).trimmingWhitespace
            }
            if let u = user.username { settings.basicAuth = (u, user.password ?? "") }
            if user.hasExec, settings.bearerToken == nil, settings.clientCertificatePEM == nil {
                throw ClusterConfigError(
                    "\(source): user '\(context.user)' uses an exec or auth-provider plugin, which dlsync does not run; use a token or client certificate"
                )
            }
        }
        return settings
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
