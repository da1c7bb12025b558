import CGit2
import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process-wide libgit2 runtime, and the one place where a failing libgit2 call becomes a `GitError`.
enum LibGit2 {
    /// `git_libgit2_init()` runs once, the first time a wrapper touches libgit2; libgit2 is never shut down.
    private static let initialized: Bool = git_libgit2_init() > 0

    static func ensureInitialized() {
        _ = initialized
    }

    /// Starts `git_libgit2_init()` on another thread, for a caller with other work to do first: it loads the
    /// TLS certificates, a noticeable part of a quick render. The first libgit2 call waits for it to finish.
    static func initializeInBackground() {
        DispatchQueue.global().async { ensureInitialized() }
    }

    /// Runs one libgit2 call and, when it fails, reads `git_error_last()` at once, in this same synchronous
    /// function and on the same thread as the call (libgit2 keeps the last error per thread).
    ///
    /// - Parameters:
    ///   - operation: what was attempted, phrased to read before `object`, e.g. `"push to"`.
    ///   - object: the repository path, URL, reference or object id the operation was about.
    ///   - remote: the call talks to a remote, so an operating-system error (refused connection, unknown
    ///     host) is a network error.
    static func call(_ operation: String, _ object: String, remote: Bool = false, _ body: () -> Int32) throws {
        let result = body()
        guard result < 0 else { return }
        var cause = "libgit2 error \(result)"
        var errorClass: Int32 = 0
        if let last = git_error_last(), let message = last.pointee.message {
            cause = String(cString: message)
            errorClass = last.pointee.klass
        }
        throw GitError(
            code: GitError.Code(libgit2Code: result, errorClass: errorClass, remote: remote),
            operation: operation, object: object, cause: cause, libgit2Code: result)
    }

    /// Like `call`, for a lookup: returns false when libgit2 answers `GIT_ENOTFOUND`, throws other failures.
    static func lookup(_ operation: String, _ object: String, _ body: () -> Int32) throws -> Bool {
        let result = body()
        if result == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return false
        }
        try call(operation, object) { result }
        return true
    }

    /// Runs `body` with NUL-terminated copies of `strings` laid out as a `git_strarray`.
    static func withStrArray<R>(_ strings: [String], _ body: (inout git_strarray) throws -> R) rethrows -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { for pointer in pointers { free(pointer) } }
        return try pointers.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return try body(&array)
        }
    }
}
