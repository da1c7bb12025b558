import CGit2
import Overlays

/// A Git object id (SHA-1), kept as 40 lowercase hex digits so it is a plain `Sendable` value.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 40 lowercase hex digits.
    public let hex: String

    /// Parses 40 hex digits; nil for anything else (abbreviations are not object ids).
    public init?(hex: String) {
        guard hex.utf8.count == Int(GIT_OID_HEXSZ), hex.utf8.allSatisfy({ $0.isHexDigit }) else { return nil }
        self.hex = hex.lowercased()
    }

    init(_ oid: git_oid) {
        hex = withUnsafeBytes(of: oid.id) { SHA256.hexText(Array($0)) }
    }

    /// The id as libgit2's struct; `hex` was validated at construction, so parsing cannot fail.
    var oid: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstr(&oid, hex)
        return oid
    }

    /// The first seven hex digits, as `git log --oneline` shows them.
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
