import ArgumentParser
import Foundation
import Sync

extension DLSync {
    struct SyncCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Apply a kustomization to the cluster with server-side apply; optionally prune.",
            discussion: """
                Objects are checked for drift first; only drifted or missing objects are written, in dependency \
                order (Namespaces and CRDs, then RBAC and configuration, then workloads, then the rest). \
                Secrets annotated dlsync.io/generate or dlsync.io/copy-from are created when absent and never \
                overwritten. Pruning deletes only objects carrying this inventory's ownership label, never after \
                a failure, never everything (unless --allow-empty), and Namespaces and PVCs only when asked.

                Exit status: 0 success, 2 error.
                """)

        @OptionGroup var source: DesiredSource

        @OptionGroup var cluster: ClusterOptions

        @Flag(help: "Delete objects of this inventory that the kustomization no longer holds.")
        var prune = false

        @Flag(help: "Only report what would change; write nothing.")
        var dryRun = false

        @Flag(help: "Allow an empty kustomization (with --prune: delete everything of this inventory).")
        var allowEmpty = false

        @OptionGroup var pruning: PruneOptions

        @Flag(help: "Print the request count on stderr.")
        var stats = false

        func run() async throws {
            try await runReportingErrors {
                let inventory = cluster.inventory(for: source.environment)
                let desired = try loadDesired(source, inventory: inventory)
                let options = Syncer.Options(
                    prune: prune, dryRun: dryRun, policy: pruning.policy(allowEmpty: allowEmpty))
                let (result, requests) = try await cluster.withClient { client in
                    let syncer = Syncer(
                        api: client, inventory: inventory, defaultNamespace: client.settings.namespace ?? "default",
                        progress: Console.progress)
                    return (try await syncer.sync(desired, options: options), client.stats.summary)
                }
                let suffix = dryRun ? " (dry run)" : ""
                for entry in result.entries {
                    let detail = entry.detail.isEmpty ? "" : " (\(entry.detail))"
                    Console.print("\(entry.ref) \(entry.action.rawValue)\(suffix)\(detail)\n")
                }
                for error in result.errors { Console.error(error) }
                Console.print(result.summary + "\n")
                if stats { Console.progress(requests) }
                return result.failed ? 2 : 0
            }
        }
    }
}
