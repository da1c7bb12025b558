import ArgumentParser
import Foundation
import Sync

extension DLSync {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Report the health of a kustomization's objects in the cluster, per service.",
            discussion: """
                Services are grouped by the label app.kubernetes.io/name. When a `dlsync daemon` follows this \
                inventory, what it last applied and how its last reconcile went come first (from the ConfigMap \
                dlsync-<env>-status). With -o json the report is a JSON document for machines.

                Exit status: 0 all healthy, 1 something is not healthy, 2 error.
                """)

        enum Format: String, ExpressibleByArgument {
            case table, json
        }

        @OptionGroup var source: DesiredSource

        @OptionGroup var cluster: ClusterOptions

        @Option(name: [.short, .customLong("output")], help: "Output format: table or json.")
        var output: Format = .table

        func run() async throws {
            try await runReportingErrors {
                let inventory = cluster.inventory(for: source.environment)
                let desired = try loadDesired(source, inventory: inventory)
                let (report, daemon) = try await cluster.withClient { client in
                    let detector = DriftDetector(
                        api: client, inventory: inventory, defaultNamespace: client.settings.namespace ?? "default",
                        progress: Console.progress)
                    let report = try await HealthChecker(detector: detector).report(desired)
                    return (report, try? await DaemonStatus.read(from: client, inventory: inventory))
                }
                switch output {
                case .table:
                    if let daemon { Console.print(daemon.summary + "\n") }
                    Console.print(report.table())
                case .json:
                    var json = report.json()
                    if let daemon, let node = try? JSONDecoding.decode(Array(daemon.json.utf8)) {
                        json.set(node, at: ["daemon"])
                    }
                    Console.print(JSONEncoding.encode(json) + "\n")
                }
                return report.state == .healthy ? 0 : 1
            }
        }
    }
}
