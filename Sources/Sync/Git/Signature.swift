import CGit2
import Foundation

/// Who made a commit and when, copied out of libgit2's `git_signature`.
public struct Signature: Hashable, Sendable {
    public var name: String
    public var email: String
    /// Whole seconds; Git stores no fraction.
    public var time: Date
    /// Offset of the author's time zone from UTC, in minutes.
    public var timeZoneOffsetMinutes: Int

    public init(name: String, email: String, time: Date = Date(), timeZoneOffsetMinutes: Int = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
    }

    /// The identity used when Git configuration has no `user.name` / `user.email`.
    public static let fallbackName = "dlsync"
    public static let fallbackEmail = "dlsync@localhost"

    /// A signature from configured values, falling back to `dlsync <dlsync@localhost>` for what is missing
    /// or empty.
    public static func configured(name: String?, email: String?, time: Date = Date()) -> Signature {
        let name = name.flatMap { $0.isEmpty ? nil : $0 } ?? fallbackName
        let email = email.flatMap { $0.isEmpty ? nil : $0 } ?? fallbackEmail
        return Signature(name: name, email: email, time: time, timeZoneOffsetMinutes: 0)
    }

    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = value.name.map { String(cString: $0) } ?? ""
        email = value.email.map { String(cString: $0) } ?? ""
        time = Date(timeIntervalSince1970: TimeInterval(value.when.time))
        timeZoneOffsetMinutes = Int(value.when.offset)
    }

    /// Runs `body` with a libgit2 copy of this signature, freed right after.
    func withGitSignature<R>(_ body: (UnsafePointer<git_signature>) throws -> R) throws -> R {
        var signature: UnsafeMutablePointer<git_signature>?
        let seconds = git_time_t(time.timeIntervalSince1970.rounded(.down))
        try LibGit2.call("make signature for", "\(name) <\(email)>") {
            git_signature_new(&signature, name, email, seconds, Int32(timeZoneOffsetMinutes))
        }
        defer { git_signature_free(signature) }
        guard let signature else {
            throw GitError(
                code: .other, operation: "make signature for", object: "\(name) <\(email)>",
                cause: "libgit2 returned no signature")
        }
        return try body(signature)
    }
}
