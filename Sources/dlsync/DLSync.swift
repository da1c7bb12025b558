import ArgumentParser

@main
struct DLSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlsync",
        abstract: "GitOps synchroniser of the Datalyptica data platform.")
}
