import AsyncHTTPClient
import NIOCore
import Overlays

/// One event of a watch stream.
public struct WatchEvent: Sendable {
    public enum Kind: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        case bookmark = "BOOKMARK"
        case error = "ERROR"
    }

    public var kind: Kind
    public var object: Node
}

extension APIClient {
    /// Watches a kind (optionally by label selector) from a resource version; events arrive until the server
    /// closes the stream (typically after a few minutes) or the task is cancelled.
    public func watch(
        _ resource: APIResource, namespace: String?, labelSelector: String?,
        resourceVersion: String? = nil
    ) -> AsyncThrowingStream<WatchEvent, any Error> {
        let path = resource.collectionPath(namespace: namespace)
        var parameters: [(String, String)] = [("watch", "1"), ("allowWatchBookmarks", "true")]
        if let labelSelector { parameters.append(("labelSelector", labelSelector)) }
        if let resourceVersion { parameters.append(("resourceVersion", resourceVersion)) }
        let transport = self.transport
        let query = parameters
        stats.record("watch")
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let response = try await transport.stream(path: path, query: query)
                    guard response.status.code == 200 else {
                        let body = try await response.body.collect(upTo: 1 << 20)
                        throw APIError.from(
                            status: Int(response.status.code), body: Array(body.readableBytesView),
                            request: "GET \(path)?watch=1")
                    }
                    var pending: [UInt8] = []
                    for try await chunk in response.body {
                        pending.append(contentsOf: chunk.readableBytesView)
                        while let newline = pending.firstIndex(of: 0x0A) {
                            let line = Array(pending[..<newline])
                            pending.removeSubrange(...newline)
                            guard !line.isEmpty else { continue }
                            let node = try JSONDecoding.decode(line)
                            let kind = WatchEvent.Kind(rawValue: node["type"]?.string ?? "") ?? .error
                            continuation.yield(WatchEvent(kind: kind, object: node["object"] ?? .null))
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension APIClient {
    /// The collection's current resource version (one small LIST), where a watch starts without first
    /// replaying every existing object as ADDED.
    public func collectionResourceVersion(_ resource: APIResource, labelSelector: String?)
        async throws(APIError)
        -> String
    {
        let path = resource.collectionPath(namespace: nil)
        var query: [(String, String)] = [("limit", "1")]
        if let labelSelector { query.append(("labelSelector", labelSelector)) }
        let response = try await send("list", method: .GET, path: path, query: query)
        let page = try decode(response, request: "GET \(path)")
        return page["metadata", "resourceVersion"]?.string ?? ""
    }
}
