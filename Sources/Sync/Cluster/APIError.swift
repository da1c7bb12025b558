import Overlays

/// A failed API request: the server's `Status` (code, reason, message) or a transport problem (code 0).
public struct APIError: Error, CustomStringConvertible, Sendable, Equatable {
    /// HTTP status code; 0 when no response arrived (connection, TLS, timeout).
    public var code: Int
    /// The Status `reason` (`NotFound`, `Conflict`, `Invalid`, `Forbidden`, …) or `Transport`.
    public var reason: String
    /// The server's message, or what went wrong on the way.
    public var message: String
    /// `VERB /path` of the request, for context.
    public var request: String

    public init(code: Int, reason: String, message: String, request: String = "") {
        self.code = code
        self.reason = reason
        self.message = message
        self.request = request
    }

    public var isNotFound: Bool { code == 404 }
    public var isConflict: Bool { code == 409 }

    public var description: String {
        let what = request.isEmpty ? "" : "\(request): "
        if code == 0 { return "\(what)\(message)" }
        return "\(what)\(message) (\(code) \(reason))"
    }

    /// Builds the error from a response body that may hold a `Status` object.
    static func from(status code: Int, body: [UInt8], request: String) -> APIError {
        if let node = try? JSONDecoding.decode(body), node["kind"]?.string == "Status" {
            return APIError(
                code: node["code"]?.scalarText.flatMap { Int($0) } ?? code,
                reason: node["reason"]?.string ?? "Unknown",
                message: node["message"]?.string ?? "request failed",
                request: request)
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return APIError(
            code: code, reason: "HTTP\(code)", message: text.isEmpty ? "HTTP \(code)" : text, request: request)
    }
}
