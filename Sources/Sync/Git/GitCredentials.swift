import Foundation

/// The credentials offered to a remote that asks for them (SSH or HTTPS), tried in order: when the remote
/// refuses one, libgit2 asks again and the next suitable source is offered. `file://` and `git://` remotes
/// never ask.
public struct GitCredentials: Sendable, Hashable, CustomStringConvertible {
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// Keys held by the SSH agent at `$SSH_AUTH_SOCK`.
        case sshAgent(username: String?)
        /// A private key file (and its public key, when libssh2 needs it), optionally with a passphrase.
        case sshKey(username: String?, privateKey: String, publicKey: String?, passphrase: String?)
        /// HTTPS basic authentication.
        case userPassword(username: String, password: String)

        /// Never shows a password, passphrase or token.
        public var description: String {
            switch self {
            case .sshAgent(let username): "ssh agent" + (username.map { " as \($0)" } ?? "")
            case .sshKey(let username, let privateKey, _, _):
                "ssh key \(privateKey)" + (username.map { " as \($0)" } ?? "")
            case .userPassword(let username, _): "password for \(username)"
            }
        }
    }

    public var sources: [Source]
    /// SSH host keys to trust. When nil, libgit2 1.5 accepts any SSH host key: set it for `ssh://` remotes.
    public var knownHosts: SSHKnownHosts?

    public init(_ sources: [Source], knownHosts: SSHKnownHosts? = nil) {
        self.sources = sources
        self.knownHosts = knownHosts
    }

    /// No credentials: a remote that asks for some fails with `GitError.Code.authentication`.
    public static let none = GitCredentials([])

    /// An HTTPS access token (GitHub, GitLab, Gitea…), sent as the password of `username`.
    public static func token(_ token: String, username: String = "x-access-token") -> GitCredentials {
        GitCredentials([.userPassword(username: username, password: token)])
    }

    /// The SSH agent only.
    public static func sshAgent(username: String? = nil) -> GitCredentials {
        GitCredentials([.sshAgent(username: username)])
    }

    /// One SSH key file; the public key defaults to `<privateKey>.pub` when that file exists.
    public static func sshKey(
        _ privateKey: String, username: String? = nil, passphrase: String? = nil
    ) -> GitCredentials {
        let publicKey = privateKey + ".pub"
        let hasPublicKey = FileManager.default.fileExists(atPath: publicKey)
        return GitCredentials([
            .sshKey(
                username: username, privateKey: privateKey, publicKey: hasPublicKey ? publicKey : nil,
                passphrase: passphrase)
        ])
    }

    /// What `ssh` itself would try: the agent (when `SSH_AUTH_SOCK` is set), then the usual key files in
    /// `<home>/.ssh` that exist.
    public static func standardSSH(home: String? = ProcessInfo.processInfo.environment["HOME"]) -> GitCredentials {
        var sources: [Source] = []
        if ProcessInfo.processInfo.environment["SSH_AUTH_SOCK"] != nil {
            sources.append(.sshAgent(username: nil))
        }
        if let home {
            for name in ["id_ed25519", "id_ecdsa", "id_rsa"] {
                let key = home + "/.ssh/" + name
                if FileManager.default.fileExists(atPath: key) {
                    sources += sshKey(key).sources
                }
            }
        }
        return GitCredentials(sources)
    }

    public var description: String {
        sources.isEmpty ? "no credentials" : sources.map(\.description).joined(separator: ", ")
    }
}
