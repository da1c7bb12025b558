import Overlays

/// Everything needed to talk to one API server: the endpoint, how to trust it and how to authenticate.
/// PEM material is held as bytes; nothing here is printed.
public struct ConnectionSettings: Sendable, Equatable {
    public var server: String
    public var caPEM: [UInt8]?
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?
    public var bearerToken: String?
    public var basicAuth: (user: String, password: String)? {
        get { basicUser.map { ($0, basicPassword ?? "") } }
        set {
            basicUser = newValue?.user
            basicPassword = newValue?.password
        }
    }
    public var insecureSkipTLSVerify: Bool = false
    public var tlsServerName: String?
    /// The namespace of the context (or of the service account), used for namespaced objects without one.
    public var namespace: String?
    /// Where the settings came from, for messages (`context kind-dev in ~/.kube/config`).
    public var source: String = ""

    private var basicUser: String?
    private var basicPassword: String?

    public init(server: String) {
        self.server = server
    }

    public static func == (lhs: ConnectionSettings, rhs: ConnectionSettings) -> Bool {
        lhs.server == rhs.server && lhs.caPEM == rhs.caPEM && lhs.clientCertificatePEM == rhs.clientCertificatePEM
            && lhs.clientKeyPEM == rhs.clientKeyPEM && lhs.bearerToken == rhs.bearerToken
            && lhs.basicUser == rhs.basicUser && lhs.basicPassword == rhs.basicPassword
            && lhs.insecureSkipTLSVerify == rhs.insecureSkipTLSVerify && lhs.tlsServerName == rhs.tlsServerName
            && lhs.namespace == rhs.namespace
    }
}
