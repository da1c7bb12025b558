import Foundation

/// The daemon's HTTP routes: `/healthz`, `/readyz`, `/metrics`, `/status` and `POST /reconcile` (webhooks;
/// `?wait=true` answers with the reconcile's outcome as JSON).
public struct DaemonEndpoints: Sendable {
    let daemon: SyncDaemon
    let metrics: DaemonMetrics
    /// When set, `POST /reconcile` must prove it knows this secret.
    let webhookSecret: WebhookSecret?

    public init(daemon: SyncDaemon, metrics: DaemonMetrics, webhookSecret: WebhookSecret? = nil) {
        self.daemon = daemon
        self.metrics = metrics
        self.webhookSecret = webhookSecret
    }

    public func handle(_ request: HTTPEndpointRequest) async -> HTTPEndpointResponse {
        switch (request.method, request.path) {
        case ("GET", "/healthz"):
            return .text(200, "ok")
        case ("GET", "/readyz"):
            return await readiness()
        case ("GET", "/metrics"):
            return HTTPEndpointResponse(
                status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                body: metrics.exposition())
        case ("GET", "/status"):
            return .json(200, await daemon.loop.reconciler.status.json)
        case ("POST", "/reconcile"):
            if let webhookSecret, !webhookSecret.admits(request) {
                return .json(
                    401, #"{"error": "sign the request with the webhook secret (X-Hub-Signature-256, X-Gitlab-Token or Authorization: Bearer)"}"#)
            }
            return await reconcile(wait: request.query["wait"] == "true")
        case (_, "/healthz"), (_, "/readyz"), (_, "/metrics"), (_, "/status"), (_, "/reconcile"):
            return .text(405, "method \(request.method) not allowed on \(request.path)")
        default:
            return .text(
                404,
                "no such endpoint: \(request.path) (try /healthz, /readyz, /metrics, /status, POST /reconcile)"
            )
        }
    }

    /// Ready when standing by, or when leading and a commit was applied at least once.
    func readiness() async -> HTTPEndpointResponse {
        guard await daemon.isLeading else { return .text(200, "standing by") }
        guard await daemon.loop.reconciler.status.lastAppliedCommit != nil else {
            return .text(503, "no commit applied yet; see /status")
        }
        return .text(200, "ok")
    }

    func reconcile(wait: Bool) async -> HTTPEndpointResponse {
        let notLeading = HTTPEndpointResponse.json(
            503, #"{"error": "this replica is not the leader; send the request to the Lease holder"}"#)
        guard wait else {
            return await daemon.loop.request() ? .json(202, #"{"queued": true}"#) : notLeading
        }
        guard let outcome = await daemon.loop.requestAndWait() else { return notLeading }
        return .json(outcome.result == .failure ? 500 : 200, DaemonStatus.jsonText(outcome, pretty: false))
    }
}
