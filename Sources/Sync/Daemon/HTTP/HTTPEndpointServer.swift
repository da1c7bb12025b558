import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// A small HTTP/1.1 server for the daemon's probes, metrics and webhook (`--listen`). One request per
/// connection is plenty for scrapers and probes; it stops accepting on graceful shutdown.
public final class HTTPEndpointServer: Service {
    public let host: String
    public let port: Int
    let handler: HTTPEndpointHandler
    let logger: Logger
    let onBound: @Sendable (String, Int) -> Void

    /// - Parameter onBound: told the bound host and port (the real one when `port` is 0).
    public init(
        host: String, port: Int, logger: Logger,
        onBound: @escaping @Sendable (String, Int) -> Void = { _, _ in },
        handler: @escaping HTTPEndpointHandler
    ) {
        self.host = host
        self.port = port
        self.logger = logger
        self.onBound = onBound
        self.handler = handler
    }

    /// Parses `:9090`, `127.0.0.1:9090` or `[::1]:9090`; an empty host means every interface.
    /// The largest request body read (a webhook payload); larger requests are dropped.
    static let maximumBody = 1 << 20

    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    public func run() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        let boundPort = server.channel.localAddress?.port ?? port
        logger.info("listening", metadata: ["address": "\(host):\(boundPort)"])
        onBound(host, boundPort)
        let handler = self.handler
        let logger = self.logger
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await Self.serve(connection, handler: handler, logger: logger) }
                    }
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
    }

    static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
        handler: HTTPEndpointHandler, logger: Logger
    ) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var request: HTTPEndpointRequest?
                for try await part in inbound {
                    switch part {
                    case .head(let head):
                        request = HTTPEndpointRequest(method: head.method.rawValue, uri: head.uri)
                        for (name, value) in head.headers { request?.headers[name.lowercased()] = value }
                    case .body(var chunk):
                        // Webhook payloads are small; only their signature is checked.
                        guard (request?.body.count ?? 0) + chunk.readableBytes <= Self.maximumBody else { return }
                        request?.body += chunk.readBytes(length: chunk.readableBytes) ?? []
                    case .end:
                        guard let current = request else { return }
                        let response = await handler(current)
                        var headers = HTTPHeaders()
                        headers.add(name: "Content-Type", value: response.contentType)
                        headers.add(name: "Content-Length", value: String(response.body.count))
                        headers.add(name: "Connection", value: "close")
                        let head = HTTPResponseHead(
                            version: .http1_1, status: .init(statusCode: response.status), headers: headers)
                        try await outbound.write(
                            contentsOf: [
                                .head(head), .body(.byteBuffer(ByteBuffer(bytes: response.body))), .end(nil),
                            ])
                        return
                    }
                }
            }
        } catch {
            logger.debug("connection ended", metadata: ["error": "\(error)"])
        }
    }
}
