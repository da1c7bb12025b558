import Logging
import Testing

@testable import Sync

@Suite struct DaemonEndpointsTests {
    static func endpoints(webhookSecret: WebhookSecret? = nil) -> DaemonEndpoints {
        let metrics = DaemonMetrics()
        let reconciler = Reconciler(
            feed: MemoryFeed(), syncer: Syncer(api: FakeCluster(), inventory: Inventory(name: "dev")),
            status: DaemonStatus(environment: "dev", source: "memory", identity: "test"), metrics: metrics,
            logger: Logger.quiet)
        let loop = ReconcileLoop(
            reconciler: reconciler, schedule: .init(interval: .seconds(60)), watch: nil, logger: Logger.quiet)
        let daemon = SyncDaemon(loop: loop, leadership: SoleReplica(), metrics: metrics, logger: Logger.quiet)
        return DaemonEndpoints(daemon: daemon, metrics: metrics, webhookSecret: webhookSecret)
    }

    static func body(_ response: HTTPEndpointResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func metricsArePrometheusText() async {
        let response = await Self.endpoints().handle(.init(method: "GET", path: "/metrics"))
        #expect(response.status == 200)
        #expect(response.contentType.hasPrefix("text/plain; version=0.0.4"))
        #expect(Self.body(response).contains("# TYPE dlsync_reconcile_duration_seconds histogram"))
    }

    @Test func aStandbyIsReadyButDoesNotReconcile() async {
        let endpoints = Self.endpoints()
        #expect(await endpoints.handle(.init(method: "GET", path: "/readyz")).status == 200)
        let response = await endpoints.handle(.init(method: "POST", path: "/reconcile"))
        #expect(response.status == 503)
        #expect(Self.body(response).contains("not the leader"))
    }

    @Test func withAWebhookSecretAnUnsignedReconcileIsRefused() async {
        let endpoints = Self.endpoints(webhookSecret: WebhookSecret("s3cret"))
        let response = await endpoints.handle(.init(method: "POST", path: "/reconcile"))
        #expect(response.status == 401)
        #expect(Self.body(response).contains("X-Hub-Signature-256"))
    }

    @Test func unknownPathsAndMethodsAreRefusedWithAHint() async {
        let endpoints = Self.endpoints()
        let missing = await endpoints.handle(.init(method: "GET", path: "/nope"))
        #expect(missing.status == 404)
        #expect(Self.body(missing).contains("/healthz"))
        #expect(await endpoints.handle(.init(method: "GET", path: "/reconcile")).status == 405)
    }

    @Test func queryParametersAreSplitFromThePath() {
        let request = HTTPEndpointRequest(method: "POST", uri: "/reconcile?wait=true&x")
        #expect(request.path == "/reconcile")
        #expect(request.query == ["wait": "true", "x": ""])
    }
}

@Suite struct WebhookSecretTests {
    static let secret = WebhookSecret("It's a Secret to Everybody")
    static func request(_ headers: [String: String]) -> HTTPEndpointRequest {
        var request = HTTPEndpointRequest(method: "POST", path: "/reconcile")
        request.headers = headers
        request.body = Array("Hello, World!".utf8)
        return request
    }

    @Test func aGitHubSignatureOfTheBodyIsAdmitted() {
        // The example from GitHub's documentation on validating webhook deliveries.
        let signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        #expect(Self.secret.admits(Self.request(["x-hub-signature-256": signature])))
    }

    @Test func aSignatureOfAnotherBodyIsRefused() {
        let signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18"
        #expect(!Self.secret.admits(Self.request(["x-hub-signature-256": signature])))
    }

    @Test func theTokenItselfIsAdmittedAsGitLabAndScriptsSendIt() {
        #expect(Self.secret.admits(Self.request(["x-gitlab-token": "It's a Secret to Everybody"])))
        #expect(Self.secret.admits(Self.request(["authorization": "Bearer It's a Secret to Everybody"])))
        #expect(!Self.secret.admits(Self.request(["authorization": "Bearer guess"])))
    }

    @Test func anUnsignedRequestIsRefused() {
        #expect(!Self.secret.admits(Self.request([:])))
    }
}
