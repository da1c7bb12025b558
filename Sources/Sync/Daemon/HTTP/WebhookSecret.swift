import Overlays

/// The shared secret that `POST /reconcile` requires when set (`--webhook-secret-file`), as Git servers send
/// it: GitHub and Gitea sign the body (`X-Hub-Signature-256: sha256=<hmac>`, `X-Gitea-Signature: <hmac>`),
/// GitLab sends the token itself (`X-Gitlab-Token`), scripts send `Authorization: Bearer <secret>`.
public struct WebhookSecret: Sendable {
    let secret: [UInt8]

    public init(_ secret: String) {
        self.secret = Array(secret.utf8)
    }

    /// Whether the request proves it knows the secret.
    public func admits(_ request: HTTPEndpointRequest) -> Bool {
        let signature = SHA256.hexText(Self.hmacSHA256(key: secret, message: request.body))
        if let header = request.headers["x-hub-signature-256"] {
            return Self.equal(Array(header.utf8), Array(("sha256=" + signature).utf8))
        }
        if let header = request.headers["x-gitea-signature"] {
            return Self.equal(Array(header.utf8), Array(signature.utf8))
        }
        if let token = request.headers["x-gitlab-token"] { return Self.equal(Array(token.utf8), secret) }
        if let authorization = request.headers["authorization"], authorization.hasPrefix("Bearer ") {
            return Self.equal(Array(authorization.utf8.dropFirst(7)), secret)
        }
        return false
    }

    /// HMAC-SHA256 (RFC 2104).
    static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        let blockSize = 64
        var block = key.count > blockSize ? SHA256.digest(key) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let inner = SHA256.digest(block.map { $0 ^ 0x36 } + message)
        return SHA256.digest(block.map { $0 ^ 0x5c } + inner)
    }

    /// Compares without stopping at the first difference, so timing tells nothing about the secret.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
