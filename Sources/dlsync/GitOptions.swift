import ArgumentParser
import Foundation
import Sync

/// Options shared by the commands that read or write rendered branches.
struct GitOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Where cache clones of remote repositories live.", discussion: "Default: ~/.cache/dlsync/repos.",
            valueName: "dir"))
    var workdir: String?

    /// Credentials for remotes, from the environment: `DLSYNC_GIT_TOKEN` (HTTPS token, sent as the password
    /// of `DLSYNC_GIT_USERNAME`, default `x-access-token`), `DLSYNC_GIT_SSH_KEY` (a private key file), else
    /// the SSH agent and `~/.ssh/id_*`; SSH host keys are checked against `~/.ssh/known_hosts` when it exists.
    func credentials(environment: [String: String] = ProcessInfo.processInfo.environment) -> GitCredentials {
        var sources: [GitCredentials.Source] = []
        if let token = environment["DLSYNC_GIT_TOKEN"], !token.isEmpty {
            sources +=
                GitCredentials.token(token, username: environment["DLSYNC_GIT_USERNAME"] ?? "x-access-token")
                .sources
        }
        if let key = environment["DLSYNC_GIT_SSH_KEY"], !key.isEmpty {
            sources += GitCredentials.sshKey(key).sources
        } else {
            sources += GitCredentials.standardSSH(home: environment["HOME"]).sources
        }
        let knownHostsPath = (environment["HOME"] ?? "") + "/.ssh/known_hosts"
        let knownHosts = try? SSHKnownHosts(contentsOf: knownHostsPath)
        return GitCredentials(sources, knownHosts: knownHosts)
    }

    func open(_ address: GitLocation.Address, create: Bool = false) throws(RenderError) -> RenderedRepository {
        try RenderedRepository.open(address, cacheDirectory: workdir, create: create, credentials: credentials())
    }
}

/// Writes `message` and a newline to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Prints `Error: <message>` on standard error and exits with status 1.
func fail(_ message: String) -> ExitCode {
    printError("Error: \(message)")
    return ExitCode.failure
}
