import Overlays

/// A digest of what a person or dlsync can change in an object: everything but `status` and the fields the
/// server keeps moving. Watch events whose fingerprint did not change (a controller updating status) are
/// not drift and trigger nothing.
enum ObjectFingerprint {
    static let volatileMetadata = [
        "resourceVersion", "managedFields", "generation", "uid", "creationTimestamp",
    ]

    static func of(_ object: Node) -> [UInt8] {
        var stable = object
        stable.set(nil, at: ["status"])
        for key in volatileMetadata { stable.set(nil, at: ["metadata", key]) }
        return SHA256.digest(JSONEncoding.bytes(stable))
    }
}
