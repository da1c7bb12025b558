/// Which kind of patch a `patches:` entry holds. kustomize tries both readings of the text and
/// insists that exactly one succeeds: as strategic-merge patches (YAML documents that are
/// Kubernetes objects) and as a JSON 6902 operation list (JSON, or YAML whose first document is a
/// list of maps). `[]` reads as both (no objects, no operations) and is an error.
public enum PatchKind: Sendable, Equatable {
    case strategicMerge
    case json6902

    /// `source` names the patch in messages: see `source(patch:)` and `source(path:)`.
    public static func detect(_ text: String, source: String) throws(BuildError) -> PatchKind {
        let smp = readsAsStrategicMerge(text)
        let json = readsAsJSONPatch(text)
        switch (smp, json) {
        case (true, true):
            throw BuildError("illegally qualifies as both an SM and JSON patch: \(source)")
        case (false, false):
            throw BuildError("unable to parse SM or JSON patch from \(source)")
        case (true, false):
            return .strategicMerge
        case (false, true):
            return .json6902
        }
    }

    /// `[patch: "<inline text>"]`, as kustomize quotes it.
    public static func source(patch: String) -> String {
        "[patch: \(GoSyntax.quote(patch))]"
    }

    /// `[path: "<file>"]`.
    public static func source(path: String) -> String {
        "[path: \(GoSyntax.quote(path))]"
    }

    /// Every non-empty document is a map with a kind and (unless a List) a metadata.name, and no
    /// list anywhere holds a null.
    static func readsAsStrategicMerge(_ text: String) -> Bool {
        guard let documents = try? YAMLParser.documents(text, file: "patch") else { return false }
        for document in documents {
            switch document {
            case .null: continue
            case .mapping(let map) where map.isEmpty: continue
            case .sequence(let items) where items.isEmpty: continue
            case .mapping: break
            default: return false
            }
            let kind = document["kind"]?.scalarText ?? ""
            guard !kind.isEmpty else { return false }
            if !kind.hasSuffix("List") && (document["metadata", "name"]?.scalarText ?? "").isEmpty {
                return false
            }
            if hasNullListItem(document) { return false }
        }
        return true
    }

    /// A JSON array, or YAML whose first document is a list, of maps (or nulls).
    static func readsAsJSONPatch(_ text: String) -> Bool {
        guard !text.isEmpty, let documents = try? YAMLParser.documents(text, file: "patch"),
            let first = documents.first, case .sequence(let ops) = first
        else { return false }
        if text.hasPrefix("["), documents.count != 1 { return false }
        return ops.allSatisfy { $0.isNull || $0.mapping != nil }
    }

    private static func hasNullListItem(_ node: Node) -> Bool {
        switch node {
        case .sequence(let items): return items.contains { $0.isNull || hasNullListItem($0) }
        case .mapping(let map): return map.contains { hasNullListItem($0.value) }
        default: return false
        }
    }
}
