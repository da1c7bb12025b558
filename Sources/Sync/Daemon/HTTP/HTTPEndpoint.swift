/// A request to the daemon's HTTP endpoint, reduced to what its routes read.
public struct HTTPEndpointRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [String: String]
    /// Header values by lowercased name.
    public var headers: [String: String] = [:]
    public var body: [UInt8] = []

    public init(method: String, path: String, query: [String: String] = [:]) {
        self.method = method
        self.path = path
        self.query = query
    }

    /// Splits `/reconcile?wait=true` into path and query.
    public init(method: String, uri: String) {
        guard let mark = uri.firstIndex(of: "?") else {
            self.init(method: method, path: uri)
            return
        }
        var query: [String: String] = [:]
        for pair in uri[uri.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            query[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        self.init(method: method, path: String(uri[..<mark]), query: query)
    }
}

public struct HTTPEndpointResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    public static func text(_ status: Int, _ text: String) -> HTTPEndpointResponse {
        HTTPEndpointResponse(status: status, body: Array((text + "\n").utf8))
    }

    public static func json(_ status: Int, _ json: String) -> HTTPEndpointResponse {
        HTTPEndpointResponse(
            status: status, contentType: "application/json", body: Array((json + "\n").utf8))
    }
}

/// Answers one request.
public typealias HTTPEndpointHandler = @Sendable (HTTPEndpointRequest) async -> HTTPEndpointResponse
