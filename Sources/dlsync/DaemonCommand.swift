import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import Sync

extension DLSync {
    struct DaemonCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "daemon",
            abstract:
                "Keep a cluster equal to a rendered branch: fetch, apply, prune, put back hand edits.",
            discussion: """
                Fetches the branch every --interval (with jitter) and on POST /reconcile, reconciles when the \
                commit changed or an object drifted, and watches the managed kinds so a hand edit is put back \
                within seconds. A commit that cannot be read is refused: the last good one keeps being served \
                and nothing is pruned. Failures are retried with exponential backoff (1s doubling to 5m).

                Replicas elect a leader with a coordination.k8s.io Lease (--lease-name in --lease-namespace); \
                only the holder applies. SIGTERM or SIGINT abandons the reconcile in flight, releases the Lease \
                and exits 0.

                HTTP on --listen: GET /healthz, GET /readyz (503 until a good commit was applied, when leading), \
                GET /metrics (Prometheus), GET /status (JSON), POST /reconcile (?wait=true answers with the \
                outcome). The last outcome is also written to the ConfigMap dlsync-<env>-status next to the \
                inventory, which `dlsync status` shows.

                Exit status: 0 after a graceful shutdown, 2 on a configuration error.
                """)

        @Option(
            help: ArgumentHelp(
                "The rendered branch to follow: a repository path or URL and @<branch> (default rendered/<env>).",
                valueName: "repo@branch"))
        var git: String

        @Option(help: "Environment folder on the branch (default: the <env> of rendered/<env>).")
        var env: String?

        @OptionGroup var cluster: ClusterOptions

        @OptionGroup var repositories: GitOptions

        @Option(help: "How often to fetch and reconcile (e.g. 30s, 5m).")
        var interval = "60s"

        @Option(help: "Random spread of the interval, as a fraction of it (0 to 1).")
        var jitter = 0.1

        @Option(
            help: "Address of the HTTP endpoint (/healthz, /readyz, /metrics, /status, /reconcile).")
        var listen = ":9090"

        @Option(
            help: ArgumentHelp(
                "A file holding the secret POST /reconcile must be signed with (else $DLSYNC_WEBHOOK_SECRET).",
                discussion: "GitHub/Gitea HMAC signatures, GitLab's X-Gitlab-Token and Authorization: Bearer.",
                valueName: "path"))
        var webhookSecretFile: String?

        @Option(help: "Name of the coordination.k8s.io Lease (default: dlsync-<env>).")
        var leaseName: String?

        @Option(help: "Namespace of the Lease (default: the inventory namespace).")
        var leaseNamespace: String?

        @Option(
            help:
                "This replica's name in the Lease (default: $POD_NAME, else the host name and process id).")
        var identity: String?

        @Option(help: "How long a Lease stays held without renewal before a standby takes over.")
        var leaseDuration = "15s"

        @Flag(help: "Apply without a Lease (only when exactly one daemon follows this cluster).")
        var noLeaderElection = false

        @Flag(help: "Never delete objects the branch no longer holds.")
        var noPrune = false

        @OptionGroup var pruning: PruneOptions

        @Option(help: "Log format: text or json.")
        var logFormat: String = "text"

        @Option(help: "Least severe log level: trace, debug, info, notice, warning, error.")
        var logLevel: String = "info"

        var environment: String {
            if let env { return env }
            return GitLocation.parse(git).renderedEnvironment ?? "default"
        }

        func validate() throws {
            guard DurationText.parse(interval).map({ $0 > .zero }) == true else {
                throw ValidationError("--interval \(interval) is not a duration like 30s or 5m")
            }
            guard DurationText.parse(leaseDuration).map({ $0 >= .seconds(2) }) == true else {
                throw ValidationError("--lease-duration \(leaseDuration) is not a duration of at least 2s")
            }
            guard HTTPEndpointServer.parseListen(listen) != nil else {
                throw ValidationError("--listen \(listen) is not an address like :9090 or 127.0.0.1:9090")
            }
            guard LogOutput.Format(rawValue: logFormat) != nil, Logger.Level(rawValue: logLevel) != nil
            else {
                throw ValidationError("--log-format must be text or json, --log-level one of trace … error")
            }
            if env == nil, GitLocation.parse(git).renderedEnvironment == nil {
                throw ValidationError(
                    "name the environment with --env, or follow a branch named rendered/<env>")
            }
        }

        func run() async throws {
            let format = LogOutput.Format(rawValue: logFormat) ?? .text
            let level = Logger.Level(rawValue: logLevel) ?? .info
            LoggingSystem.bootstrap { label in LogOutput(format: format, logLevel: level, label: label) }
            var logger = Logger(label: "dlsync.daemon")
            logger[metadataKey: "env"] = "\(environment)"
            try await runReportingErrors {
                try await serve(logger: logger)
                return 0
            }
        }

        func serve(logger: Logger) async throws {
            let inventory = cluster.inventory(for: environment)
            let location = GitLocation.parse(git)
            let branch = location.branch ?? GitLocation.defaultBranch(for: environment)
            let client = try cluster.connect()
            let metrics = DaemonMetrics()
            client.stats.observe { verb, code in metrics.recordAPIRequest(verb: verb, code: code) }
            let me = identity ?? Self.defaultIdentity()

            let feed = RenderedBranchFeed(
                location: location.on(branch), environment: environment, inventory: inventory,
                cacheDirectory: repositories.workdir, credentials: repositories.credentials())
            let syncer = Syncer(
                api: client, inventory: inventory, defaultNamespace: client.settings.namespace ?? "default",
                progress: { logger.debug("\($0)") })
            let options = Reconciler.Options(
                prune: !noPrune, policy: pruning.policy())
            let reconciler = Reconciler(
                feed: feed, syncer: syncer, options: options,
                status: DaemonStatus(
                    environment: environment, source: "\(location.on(branch))", identity: me),
                metrics: metrics, logger: logger, requestCount: { client.stats.total })
            let loop = ReconcileLoop(
                reconciler: reconciler,
                schedule: ReconcileSchedule(
                    interval: DurationText.parse(interval) ?? .seconds(60), jitter: jitter),
                watch: DriftWatch(client: client, inventory: inventory, logger: logger), logger: logger)
            let leadership: any Leadership
            if noLeaderElection {
                leadership = SoleReplica()
            } else {
                let duration = DurationText.parse(leaseDuration) ?? .seconds(15)
                var lease = LeaseSettings(
                    name: leaseName ?? inventory.parentName,
                    namespace: leaseNamespace ?? inventory.parentNamespace,
                    identity: me)
                lease.duration = duration
                lease.renewDeadline = duration * 2 / 3
                lease.retryPeriod = duration / 7.5
                leadership = LeaderElection(api: client, settings: lease, logger: logger)
            }
            let daemon = SyncDaemon(loop: loop, leadership: leadership, metrics: metrics, logger: logger)
            let endpoints = DaemonEndpoints(daemon: daemon, metrics: metrics, webhookSecret: try webhookSecret())
            let address = HTTPEndpointServer.parseListen(listen) ?? ("0.0.0.0", 9090)
            let server = HTTPEndpointServer(host: address.host, port: address.port, logger: logger) {
                await endpoints.handle($0)
            }
            logger.info(
                "starting",
                metadata: [
                    "source": "\(location.on(branch))", "identity": "\(me)",
                    "inventory": "\(inventory.parentNamespace)/\(inventory.parentName)",
                ])
            var configuration = ServiceGroupConfiguration(
                services: [.init(service: daemon), .init(service: server)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            // Kubernetes waits 30 s before SIGKILL; finish well within it (and within 10 s).
            configuration.maximumGracefulShutdownDuration = .seconds(8)
            do {
                try await ServiceGroup(configuration: configuration).run()
            } catch {
                await client.shutdown()
                throw CommandFailure("daemon: \(error)")
            }
            await client.shutdown()
        }

        /// The webhook secret from --webhook-secret-file or $DLSYNC_WEBHOOK_SECRET; nil: POST /reconcile is open.
        func webhookSecret() throws -> WebhookSecret? {
            guard let path = webhookSecretFile else {
                let value = ProcessInfo.processInfo.environment["DLSYNC_WEBHOOK_SECRET"] ?? ""
                return value.isEmpty ? nil : WebhookSecret(value)
            }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                case let secret = text.trimmingCharacters(in: .whitespacesAndNewlines), !secret.isEmpty
            else {
                throw CommandFailure("--webhook-secret-file \(path): cannot read a secret from it; check the path")
            }
            return WebhookSecret(secret)
        }

        static func defaultIdentity() -> String {
            if let pod = ProcessInfo.processInfo.environment["POD_NAME"], !pod.isEmpty { return pod }
            return "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        }
    }
}
