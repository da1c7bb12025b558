import CGit2

/// An error from the Git layer: what was attempted, on what, and why — `push to file:///x failed: <cause>`.
///
/// `code` lets a caller react without parsing text; `isRetryable` says whether fetching again and
/// re-rendering can succeed (the remote or the local branch moved under us).
public struct GitError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case notFound = "not found"
            case alreadyExists = "already exists"
            case nonFastForward = "non-fast-forward"
            case pushRejected = "push rejected"
            case referenceChanged = "reference changed"
            case authentication
            case certificate
            case network
            case invalidPath = "invalid path"
            case unmanagedBranch = "unmanaged branch"
            case other
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The object, reference, path or remote branch does not exist.
        public static let notFound = Code(.notFound)
        /// Something that had to be created is already there.
        public static let alreadyExists = Code(.alreadyExists)
        /// The remote branch holds commits we do not have: fetch, re-render on top, push again.
        public static let nonFastForward = Code(.nonFastForward)
        /// The remote refused the update for another reason (hook, protected branch, permissions).
        public static let pushRejected = Code(.pushRejected)
        /// A compare-and-swap on a local reference lost: the reference no longer holds the expected commit.
        public static let referenceChanged = Code(.referenceChanged)
        /// The remote asked for credentials and none of those offered were accepted.
        public static let authentication = Code(.authentication)
        /// The server's TLS or SSH host certificate was refused.
        public static let certificate = Code(.certificate)
        /// The remote could not be reached or the connection broke.
        public static let network = Code(.network)
        /// A path given to the Git layer is not a clean relative path.
        public static let invalidPath = Code(.invalidPath)
        /// The branch has history that dlsync did not write.
        public static let unmanagedBranch = Code(.unmanagedBranch)
        /// Any other libgit2 failure.
        public static let other = Code(.other)

        public var description: String { base.rawValue }

        init(libgit2Code: Int32, errorClass: Int32, remote: Bool = false) {
            switch libgit2Code {
            case GIT_ENOTFOUND.rawValue: self = .notFound
            case GIT_EEXISTS.rawValue: self = .alreadyExists
            case GIT_ENONFASTFORWARD.rawValue: self = .nonFastForward
            case GIT_EMODIFIED.rawValue: self = .referenceChanged
            case GIT_EAUTH.rawValue: self = .authentication
            case GIT_ECERTIFICATE.rawValue: self = .certificate
            default:
                switch errorClass {
                case Int32(GIT_ERROR_NET.rawValue), Int32(GIT_ERROR_SSH.rawValue), Int32(GIT_ERROR_HTTP.rawValue),
                    Int32(GIT_ERROR_SSL.rawValue):
                    self = .network
                case Int32(GIT_ERROR_OS.rawValue) where remote:
                    self = .network
                default: self = .other
                }
            }
        }
    }

    public let code: Code
    /// What was attempted, phrased to read before `object`: `"push to"`, `"open repository at"`.
    public let operation: String
    /// The repository path, URL, reference, object id or file path the operation was about.
    public let object: String
    /// Why it failed: libgit2's message, or dlsync's own reason.
    public let cause: String
    /// libgit2's return code (`GIT_ENONFASTFORWARD` is -11), nil when the error did not come from libgit2.
    public let libgit2Code: Int32?

    public init(code: Code, operation: String, object: String, cause: String, libgit2Code: Int32? = nil) {
        self.code = code
        self.operation = operation
        self.object = object
        self.cause = cause
        self.libgit2Code = libgit2Code
    }

    public var description: String {
        let context = object.isEmpty ? operation : "\(operation) \(object)"
        return "\(context) failed: \(Self.lowercasingFirst(cause))"
    }

    /// The remote branch moved under us: fetch, render again on the new tip and push again.
    public var isNonFastForward: Bool { code == .nonFastForward }

    /// Fetching again and retrying can succeed (remote branch or local reference moved concurrently).
    public var isRetryable: Bool { code == .nonFastForward || code == .referenceChanged }

    private static func lowercasingFirst(_ text: String) -> String {
        let trimmed = text.trimmingSuffix(while: { $0 == "\n" || $0 == "." || $0 == " " })
        guard let first = trimmed.first, first.isUppercase,
            trimmed.dropFirst().first.map({ !$0.isUppercase }) ?? true
        else { return trimmed }
        return first.lowercased() + trimmed.dropFirst()
    }
}

extension String {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var result = Substring(self)
        while let last = result.last, predicate(last) { result = result.dropLast() }
        return String(result)
    }
}
