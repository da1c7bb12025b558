import ArgumentParser
import Foundation
import Sync

extension DLSync {
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Show how the cluster differs from a kustomization, as a unified diff per object.",
            discussion: """
                One LIST per kind and a local comparison; a server-side dry run confirms suspected drift, so \
                server defaults never show up. Secret values are never printed.

                Exit status: 0 in sync, 1 drift, 2 error.
                """)

        @OptionGroup var source: DesiredSource

        @OptionGroup var cluster: ClusterOptions

        @Flag(help: "Colour the diff (default: when stdout is a terminal).")
        var color = false

        @Flag(help: "Never colour the diff.")
        var noColor = false

        @Flag(help: "Print the request count on stderr.")
        var stats = false

        @Option(help: .hidden)
        var strategy: String = DriftDetector.Strategy.listAndCompare.rawValue

        func run() async throws {
            try await runReportingErrors {
                let clock = ContinuousClock()
                let started = clock.now
                let inventory = cluster.inventory(for: source.environment)
                let desired = try loadDesired(source, inventory: inventory)
                let built = clock.now
                guard let chosen = DriftDetector.Strategy(rawValue: strategy) else {
                    throw CommandFailure("unknown --strategy '\(self.strategy)'; use list or dry-run-each")
                }
                let (reports, requests) = try await cluster.withClient { client in
                    var detector = DriftDetector(
                        api: client, inventory: inventory, defaultNamespace: client.settings.namespace ?? "default",
                        progress: Console.progress)
                    detector.strategy = chosen
                    return (try await detector.detect(try await detector.resolve(desired)), client.stats.summary)
                }
                let useColor = !noColor && (color || Console.stdoutIsTerminal)
                var drifted = 0
                for report in reports where report.state != .inSync {
                    drifted += 1
                    Console.print(report.unifiedDiff(color: useColor))
                }
                Console.progress("\(drifted) of \(reports.count) objects differ")
                if stats {
                    let done = clock.now
                    Console.progress(
                        "build \(Console.seconds(built - started)), cluster \(Console.seconds(done - built)); \(requests)"
                    )
                }
                return drifted == 0 ? 0 : 1
            }
        }
    }
}
