import Foundation
import Overlays

/// `<env>/dlsync.json`: how a rendered environment was made. Keys are sorted and the file ends with a
/// newline, so equal metadata is equal bytes.
///
///     {
///       "digest" : "sha256:…",
///       "dlsyncVersion" : "0.1.0",
///       "environment" : "dev",
///       "objects" : 42,
///       "sourceCommit" : "0123…"
///     }
public struct RenderMetadata: Codable, Sendable, Hashable {
    /// The file's name under `<env>/`.
    public static let fileName = "dlsync.json"

    public var environment: String
    /// The commit of the source repository the environment was rendered from; nil when the environment
    /// directory was not inside a Git work tree.
    public var sourceCommit: String?
    public var dlsyncVersion: String
    /// The number of object files.
    public var objects: Int
    /// `sha256:<hex>` of the object files (`RenderDigest`), excluding `dlsync.json` itself.
    public var digest: String

    public init(environment: String, sourceCommit: String?, dlsyncVersion: String, objects: Int, digest: String) {
        self.environment = environment
        self.sourceCommit = sourceCommit
        self.dlsyncVersion = dlsyncVersion
        self.objects = objects
        self.digest = digest
    }

    /// The bytes written to Git.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0a]
    }

    public static func decode(_ bytes: [UInt8]) throws -> RenderMetadata {
        try JSONDecoder().decode(RenderMetadata.self, from: Data(bytes))
    }
}

/// The digest of a rendered environment's object files: SHA-256 over, for each file in byte order of its
/// path (relative to `<env>/`), the path, a NUL, the content's length in decimal, a NUL and the content.
/// Recomputable from a checkout: the paths and bytes are exactly those in Git.
public enum RenderDigest {
    public static func digest(_ files: [String: [UInt8]]) -> String {
        var hasher = SHA256()
        for (path, content) in files.sorted(by: { $0.key.precedesInByteOrder($1.key) }) {
            hasher.update("\(path)\0\(content.count)\0")
            hasher.update(content)
        }
        return "sha256:" + hasher.finalizeHex()
    }
}
