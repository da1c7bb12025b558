/// kustomize's content hash for generated names (`api/hasher`): `name-<hash>`.
public enum NameHash {
    /// The 10-character suffix for a ConfigMap or Secret.
    ///
    /// kustomize hashes the JSON (Go `encoding/json`: sorted keys, HTML-safe escapes) of
    /// `{kind, name, data[, binaryData]}` for a ConfigMap and `{kind, type, name, data[, stringData]}`
    /// for a Secret, takes the first 10 hex digits of its SHA-256 and swaps `0 1 3 a e` for
    /// `g h k m t`. Quirk: it looks the name up as one field called `metadata/name`, which never
    /// exists, so `name` is always "" and the hash does not depend on the name. Labels,
    /// annotations and `immutable` do not count either. Other kinds are not supported (kustomize
    /// hashes its internal YAML node structure for them).
    public static func suffix(for node: Node) throws(BuildError) -> String {
        try encode(hex: SHA256.hex(Array(hashedJSON(for: node).utf8)))
    }

    /// The object's name with the suffix, remembering the previous id, as kustomize's
    /// HashTransformer does for objects that need it.
    public static func appendSuffix(to resource: inout Resource) throws(BuildError) {
        let suffix = try suffix(for: resource.node)
        resource.rememberCurrentId()
        resource.name = "\(resource.name)-\(suffix)"
    }

    /// The text that is hashed.
    public static func hashedJSON(for node: Node) throws(BuildError) -> String {
        let kind = node["kind"]?.scalarText ?? ""
        var object = Mapping()
        object["kind"] = .string(kind)
        object["name"] = .string("")
        switch kind {
        case "ConfigMap":
            object["data"] = fieldValue(node["data"])
            if let binary = node["binaryData"], isMapValue(binary) { object["binaryData"] = fieldValue(binary) }
        case "Secret":
            object["type"] = fieldValue(node["type"])
            object["data"] = fieldValue(node["data"])
            if let stringData = node["stringData"], isMapValue(stringData) {
                object["stringData"] = fieldValue(stringData)
            }
        default:
            throw BuildError("cannot compute a content hash for kind \(GoSyntax.quote(kind)): only ConfigMap and Secret are supported")
        }
        do {
            return try GoJSON.encode(.mapping(object), numbers: .float64)
        } catch {
            throw error.wrapped("hashing \(kind)")
        }
    }

    /// kustomize's `getNodeValues`: absent fields and scalars are their text; a mapping goes through
    /// JSON into a Go map (numbers become float64); a sequence fails that decode and becomes null.
    private static func fieldValue(_ node: Node?) -> Node {
        guard let node else { return .string("") }
        switch node {
        case .mapping: return node
        case .sequence: return .null
        case .null: return .string("")
        default: return .string(node.scalarText ?? "")
        }
    }

    /// Whether kustomize's `.(map[string]interface{})` check passes: for mappings, and for
    /// sequences, whose failed decode leaves a nil map of that type.
    private static func isMapValue(_ node: Node) -> Bool {
        switch node {
        case .mapping, .sequence: return true
        default: return false
        }
    }

    /// kustomize's `encode`: the first 10 hex digits with `0 1 3 a e` replaced by `g h k m t`
    /// (so the suffix never looks like a number or contains a vowel).
    static func encode(hex: String) throws(BuildError) -> String {
        guard hex.utf8.count >= 10 else { throw BuildError("input length must be at least 10") }
        return String(
            hex.prefix(10).map { c -> Character in
                switch c {
                case "0": return "g"
                case "1": return "h"
                case "3": return "k"
                case "a": return "m"
                case "e": return "t"
                default: return c
                }
            })
    }
}
