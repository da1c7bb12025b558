import CGit2

/// The state behind libgit2's remote callbacks for one fetch or push: which credentials were offered,
/// and which references the remote refused. The callbacks are `@convention(c)` functions that find this
/// object through the callbacks' `payload`; keep it alive (`withExtendedLifetime`) while libgit2 runs.
final class RemoteSession {
    let credentials: GitCredentials
    private var nextSource = 0
    private(set) var offered: [String] = []
    /// `(reference, status)` for every reference the remote refused during a push.
    private(set) var rejections: [(reference: String, status: String)] = []

    init(credentials: GitCredentials) {
        self.credentials = credentials
    }

    /// Callbacks wired to this session; valid only while the session is alive.
    func callbacks() -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, url, usernameFromURL, allowedTypes, payload in
            guard let out, let payload else { return -1 }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            return session.acquireCredential(
                out, url: url.map { String(cString: $0) } ?? "",
                usernameFromURL: usernameFromURL.map { String(cString: $0) }, allowedTypes: allowedTypes)
        }
        callbacks.certificate_check = { certificate, valid, host, payload in
            guard let certificate, let payload else { return GIT_PASSTHROUGH.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            return session.checkCertificate(certificate, host: host.map { String(cString: $0) } ?? "")
        }
        callbacks.push_update_reference = { reference, status, payload in
            guard let payload, let status else { return 0 }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            session.rejections.append((reference.map { String(cString: $0) } ?? "", String(cString: status)))
            return 0
        }
        return callbacks
    }

    /// Offers the next source the remote accepts; once none is left, fails with `GIT_EAUTH` and a message
    /// naming what was tried.
    private func acquireCredential(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, url: String, usernameFromURL: String?,
        allowedTypes: UInt32
    ) -> Int32 {
        let allows = { (type: git_credential_t) in allowedTypes & type.rawValue != 0 }
        if allows(GIT_CREDENTIAL_USERNAME), !allows(GIT_CREDENTIAL_SSH_KEY) {
            return git_credential_username_new(out, username(nil, usernameFromURL))
        }
        while nextSource < credentials.sources.count {
            let source = credentials.sources[nextSource]
            nextSource += 1
            switch source {
            case .sshAgent(let user) where allows(GIT_CREDENTIAL_SSH_KEY):
                offered.append(source.description)
                return git_credential_ssh_key_from_agent(out, username(user, usernameFromURL))
            case .sshKey(let user, let privateKey, let publicKey, let passphrase) where allows(GIT_CREDENTIAL_SSH_KEY):
                offered.append(source.description)
                return git_credential_ssh_key_new(
                    out, username(user, usernameFromURL), publicKey, privateKey, passphrase)
            case .userPassword(let user, let password) where allows(GIT_CREDENTIAL_USERPASS_PLAINTEXT):
                offered.append(source.description)
                return git_credential_userpass_plaintext_new(out, user, password)
            default:
                continue
            }
        }
        let message =
            offered.isEmpty
            ? "\(url) asks for credentials and none that it accepts were configured"
            : "\(url) refused the credentials offered (\(offered.joined(separator: ", ")))"
        git_error_set_str(Int32(GIT_ERROR_CALLBACK.rawValue), message)
        return GIT_EAUTH.rawValue
    }

    /// TLS certificates: libgit2's own verdict. SSH host keys: `credentials.knownHosts` when set.
    private func checkCertificate(_ certificate: UnsafeMutablePointer<git_cert>, host: String) -> Int32 {
        guard certificate.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2, let knownHosts = credentials.knownHosts else {
            return GIT_PASSTHROUGH.rawValue
        }
        let hostKey = UnsafeRawPointer(certificate).assumingMemoryBound(to: git_cert_hostkey.self).pointee
        guard hostKey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostKey.hostkey else {
            git_error_set_str(Int32(GIT_ERROR_SSH.rawValue), "\(host) presented no raw host key to check")
            return GIT_ECERTIFICATE.rawValue
        }
        let key = Array(UnsafeRawBufferPointer(start: raw, count: hostKey.hostkey_len))
        if knownHosts.trusts(host: host, key: key) { return 0 }
        let reason = knownHosts.knows(host: host) ? "does not match the known hosts" : "is not in the known hosts"
        git_error_set_str(Int32(GIT_ERROR_SSH.rawValue), "the ssh host key of \(host) \(reason)")
        return GIT_ECERTIFICATE.rawValue
    }

    private func username(_ configured: String?, _ fromURL: String?) -> String {
        configured ?? fromURL ?? "git"
    }
}

@available(*, unavailable)
extension RemoteSession: Sendable {}
