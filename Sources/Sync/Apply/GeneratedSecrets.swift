import Overlays

/// Secrets whose values dlsync makes in the cluster instead of reading them from Git: generated with random
/// values (`dlsync.io/generate`) or copied from another Secret (`dlsync.io/copy-from`). Only created when
/// absent; an existing Secret's values are never changed, compared or printed.
public enum GeneratedSecrets {
    /// The field manager that creates these Secrets (so dlsync's apply manager never owns their data).
    public static let fieldManager = "dlsync-secrets"

    static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// A fresh value for a key: 32 random alphanumerics, or for Fernet keys (`fernet-key`) the URL-safe
    /// base64 of 32 random bytes, as Fernet requires.
    public static func randomValue(forKey key: String) -> String {
        var rng = SystemRandomNumberGenerator()
        if key.lowercased().contains("fernet") {
            let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
            return Base64.encode(bytes).map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }.reduce(into: "") {
                $0.append($1)
            }
        }
        return String((0..<32).map { _ in alphanumerics.randomElement(using: &rng) ?? "x" })
    }

    /// The Secret to create for a `generate` object: the built object with random values for the listed
    /// keys (keys the manifest already fills keep their value).
    public static func generated(_ object: DesiredObject, keys: [String]) -> Node {
        var node = object.built
        var data = node["data"]?.mapping ?? Mapping()
        let stringData = node["stringData"]?.mapping ?? Mapping()
        for key in keys where data[key] == nil && stringData[key] == nil {
            data[key] = .string(Base64.encode(Array(randomValue(forKey: key).utf8)))
        }
        node.set(.mapping(data), at: ["data"])
        return node
    }

    /// The Secret to create for a `copy` object: the built object with the source Secret's data (only `keys`
    /// when given). Throws when the source lacks one of them.
    public static func copied(_ object: DesiredObject, from source: Node, keys: [String]?) throws(SyncError) -> Node {
        var node = object.built
        node.set(nil, at: ["stringData"])
        let all = source["data"]?.mapping ?? Mapping()
        var data = all
        if let keys {
            data = Mapping()
            for key in keys {
                guard let value = all[key] else {
                    let from =
                        "\(source["metadata", "namespace"]?.scalarText ?? "")/\(source["metadata", "name"]?.scalarText ?? "")"
                    throw SyncError(
                        "\(object.ref): source Secret \(from) has no key '\(key)' to copy; add it there (dlsync.io/generate)"
                    )
                }
                data[key] = value
            }
        }
        node.set(.mapping(data), at: ["data"])
        if node["type"] == nil, let type = source["type"] { node.set(type, at: ["type"]) }
        return node
    }
}
