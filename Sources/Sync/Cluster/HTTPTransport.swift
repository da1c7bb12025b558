import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL
import Overlays

/// The HTTPS connection to one API server: TLS trust and client identity from `ConnectionSettings`,
/// bearer token or basic auth on every request.
final class HTTPTransport: Sendable {
    let client: HTTPClient
    let baseURL: String
    let authorization: String?

    init(settings: ConnectionSettings) throws(ClusterConfigError) {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let ca = settings.caPEM {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca))
            }
            if let cert = settings.clientCertificatePEM, let key = settings.clientKeyPEM {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(cert).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
            }
        } catch {
            throw ClusterConfigError("\(settings.source): cannot load TLS material: \(error)")
        }
        if settings.insecureSkipTLSVerify { tls.certificateVerification = .none }
        var config = HTTPClient.Configuration(tlsConfiguration: tls)
        config.timeout = .init(connect: .seconds(10), read: .seconds(120))
        config.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        var server = settings.server
        while server.hasSuffix("/") { server.removeLast() }
        baseURL = server
        if let token = settings.bearerToken {
            authorization = "Bearer \(token)"
        } else if let basic = settings.basicAuth {
            authorization = "Basic \(Base64Text.encode(Array("\(basic.user):\(basic.password)".utf8)))"
        } else {
            authorization = nil
        }
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    struct Response {
        var status: Int
        var body: [UInt8]
    }

    /// Sends one request and collects the whole response body (up to 256 MiB).
    func send(
        method: HTTPMethod, path: String, query: [(String, String)] = [], contentType: String? = nil,
        body: [UInt8]? = nil
    ) async throws(APIError) -> Response {
        let request = makeRequest(method: method, path: path, query: query, contentType: contentType, body: body)
        do {
            let response = try await client.execute(request, timeout: .seconds(120))
            let buffer = try await response.body.collect(upTo: 256 << 20)
            return Response(status: Int(response.status.code), body: Array(buffer.readableBytesView))
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(
                code: 0, reason: "Transport", message: "cannot reach the API server at \(baseURL): \(error)",
                request: "\(method.rawValue) \(path)")
        }
    }

    /// Sends a request whose response is streamed (watch); returns status and the body stream.
    func stream(path: String, query: [(String, String)]) async throws(APIError) -> HTTPClientResponse {
        let request = makeRequest(method: .GET, path: path, query: query, contentType: nil, body: nil)
        do {
            return try await client.execute(request, timeout: .hours(24))
        } catch {
            throw APIError(code: 0, reason: "Transport", message: "watch \(path): \(error)", request: "GET \(path)")
        }
    }

    private func makeRequest(
        method: HTTPMethod, path: String, query: [(String, String)], contentType: String?, body: [UInt8]?
    ) -> HTTPClientRequest {
        var url = baseURL + path
        if !query.isEmpty {
            url += "?" + query.map { "\($0.0)=\(Self.percentEncode($0.1))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "dlsync/0.1")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        return request
    }

    static func percentEncode(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        return out
    }
}

enum Base64Text {
    static func encode(_ bytes: [UInt8]) -> String {
        Base64.encode(bytes)
    }
}
