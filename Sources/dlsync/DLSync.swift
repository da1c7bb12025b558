import ArgumentParser

@main
struct DLSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlsync",
        abstract: "GitOps synchroniser of the Datalyptica data platform.",
        discussion: """
            dlsync builds the platform's Kustomize tree exactly as `kubectl kustomize` does, renders it into
            Git for review, and keeps clusters equal to the rendered branches.

            Exit status: 0 success, 1 failure or drift, 2 cluster command error (the message on stderr says what and where).
            """,
        // Every subcommand sets its commandName: deriving it from the type name is a reflection lookup per
        // command at every start, which a quick render notices.
        subcommands: [
            Build.self, Render.self, Diff.self, SyncCommand.self, Status.self, History.self, Rollback.self,
            DaemonCommand.self,
        ])
}
