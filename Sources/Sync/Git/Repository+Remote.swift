import CGit2

extension Repository {
    /// Fetches `branch` from the remote at `url` (`file://`, `git://`, `ssh://`, `https://` or a path) into
    /// the local reference `localReference` (moved even when that is not a fast-forward, as a tracking
    /// reference is), and returns the fetched commit; nil when the remote has no such branch, in which
    /// case `localReference` is left alone.
    @discardableResult
    public func fetch(
        branch: String, from url: String, into localReference: String, credentials: GitCredentials = .none
    ) throws -> ObjectID? {
        let remoteReference = Self.branchReference(branch)
        let operation = "fetch \(branch) from"
        let session = RemoteSession(credentials: credentials)
        return try withExtendedLifetime(session) {
            try withAnonymousRemote(url, operation) { remote in
                var callbacks = session.callbacks()
                var proxy = Self.proxyOptions()
                try LibGit2.call(operation, url, remote: true) {
                    git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, &proxy, nil)
                }
                guard try Self.advertisedTarget(of: remoteReference, on: remote, operation, url) != nil else {
                    return nil
                }
                var options = git_fetch_options()
                try LibGit2.call(operation, url, remote: true) {
                    git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
                }
                options.callbacks = callbacks
                options.proxy_opts = proxy
                options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
                options.update_fetchhead = 0
                try LibGit2.withStrArray(["+\(remoteReference):\(localReference)"]) { refspecs in
                    try LibGit2.call(operation, url, remote: true) {
                        git_remote_fetch(remote, &refspecs, &options, "dlsync: fetch \(branch) from \(url)")
                    }
                }
                return try referenceTarget(localReference)
            }
        }
    }

    /// Pushes the local branch `branch` to `remoteBranch` (default: the same name) on the remote at `url`.
    /// Never forces: when the remote branch holds commits we do not have, throws a `GitError` whose code
    /// is `.nonFastForward` (`isRetryable`), whether libgit2 noticed before sending or the remote refused.
    public func push(
        _ branch: String, to url: String, as remoteBranch: String? = nil, credentials: GitCredentials = .none
    ) throws {
        let localReference = Self.branchReference(branch)
        let remoteReference = Self.branchReference(remoteBranch ?? branch)
        let operation = "push \(branch) to"
        let session = RemoteSession(credentials: credentials)
        try withExtendedLifetime(session) {
            try withAnonymousRemote(url, operation) { remote in
                var options = git_push_options()
                try LibGit2.call(operation, url, remote: true) {
                    git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION))
                }
                options.callbacks = session.callbacks()
                options.proxy_opts = Self.proxyOptions()
                try LibGit2.withStrArray(["\(localReference):\(remoteReference)"]) { refspecs in
                    try LibGit2.call(operation, url, remote: true) { git_remote_push(remote, &refspecs, &options) }
                }
            }
        }
        if let rejection = session.rejections.first {
            throw GitError(
                code: Self.isNonFastForward(rejection.status) ? .nonFastForward : .pushRejected,
                operation: operation, object: url,
                cause: "the remote rejected \(rejection.reference): \(rejection.status)")
        }
    }

    /// Statuses a receive-pack sends when the branch moved under us; fetching and retrying can succeed.
    private static func isNonFastForward(_ status: String) -> Bool {
        let status = status.lowercased()
        return ["non-fast-forward", "fetch first", "stale info", "failed to lock", "cannot lock", "failed to update"]
            .contains { status.contains($0) }
    }

    /// Runs `body` with the anonymous remote of `url` (made on first use, kept for later fetches and pushes),
    /// disconnected afterwards whatever `body` did.
    private func withAnonymousRemote<R>(
        _ url: String, _ operation: String, _ body: (OpaquePointer?) throws -> R
    ) throws -> R {
        let remote: OpaquePointer?
        if let made = anonymousRemotes[url] {
            remote = made
        } else {
            var made: OpaquePointer?
            try LibGit2.call(operation, url, remote: true) { git_remote_create_anonymous(&made, handle, url) }
            anonymousRemotes[url] = made
            remote = made
        }
        defer { git_remote_disconnect(remote) }
        return try body(remote)
    }

    private static func advertisedTarget(
        of reference: String, on remote: OpaquePointer?, _ operation: String, _ url: String
    ) throws -> ObjectID? {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try LibGit2.call(operation, url, remote: true) { git_remote_ls(&heads, &count, remote) }
        guard let heads else { return nil }
        for index in 0..<count {
            guard let head = heads[index], let name = head.pointee.name else { continue }
            if String(cString: name) == reference { return ObjectID(head.pointee.oid) }
        }
        return nil
    }

    /// Proxy settings from Git configuration and the usual environment variables.
    private static func proxyOptions() -> git_proxy_options {
        var proxy = git_proxy_options()
        git_proxy_options_init(&proxy, UInt32(GIT_PROXY_OPTIONS_VERSION))
        proxy.type = GIT_PROXY_AUTO
        return proxy
    }
}
