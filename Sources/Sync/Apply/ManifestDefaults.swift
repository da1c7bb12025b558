import Overlays

/// Small rewrites that make built manifests acceptable to server-side apply on every supported server,
/// without changing what they mean:
/// - ports without `protocol` get `TCP` (the server's default; before Kubernetes 1.21, apply rejects
///   list-map items that omit a key field, kubernetes#105610),
/// - numeric resource quantities (`cpu: 0.5`) become strings (`"0.5"`), as the typed schema wants.
public enum ManifestDefaults {
    static let quantityMaps: Set<String> = ["limits", "requests", "hard", "capacity", "overhead"]

    public static func apply(_ node: Node) -> Node {
        rewrite(node, field: "")
    }

    static func rewrite(_ node: Node, field: String) -> Node {
        switch node {
        case .mapping(let map):
            var out = Mapping()
            for entry in map {
                var value = rewrite(entry.value, field: entry.key)
                if quantityMaps.contains(field) || entry.key == "sizeLimit" { value = quantityString(value) }
                out[entry.key] = value
            }
            return .mapping(out)
        case .sequence(let items):
            var rewritten = items.map { rewrite($0, field: "") }
            if field == "ports" {
                for i in rewritten.indices {
                    guard var item = rewritten[i].mapping, item["protocol"] == nil,
                        item["containerPort"] != nil || item["port"] != nil
                    else { continue }
                    item["protocol"] = .string("TCP")
                    rewritten[i] = .mapping(item)
                }
            }
            return .sequence(rewritten)
        default:
            return node
        }
    }

    static func quantityString(_ node: Node) -> Node {
        switch node {
        case .int, .uint, .float: return .string(node.scalarText ?? "")
        default: return node
        }
    }
}
