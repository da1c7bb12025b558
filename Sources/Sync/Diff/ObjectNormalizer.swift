import Overlays

/// Strips what the server owns (status, managedFields, resourceVersion, generation, uid, timestamps)
/// so that two server views of one object compare by content and print as a readable diff.
public enum ObjectNormalizer {
    public static func normalized(_ node: Node) -> Node {
        guard var map = node.mapping else { return node }
        map["status"] = nil
        if var meta = map["metadata"]?.mapping {
            for key in SubsetComparison.ignoredMetadata { meta[key] = nil }
            if var annotations = meta["annotations"]?.mapping {
                annotations["deployment.kubernetes.io/revision"] = nil
                annotations["kubectl.kubernetes.io/last-applied-configuration"] = nil
                meta["annotations"] = annotations.isEmpty ? nil : .mapping(annotations)
            }
            map["metadata"] = .mapping(meta)
        }
        return .mapping(map)
    }

    /// Replaces Secret values with a placeholder: values are never printed. Keys stay visible, and a key
    /// whose value changed says so.
    public static func redactingSecret(_ node: Node, comparedWith other: Node?) -> Node {
        guard node["kind"]?.string == "Secret", node["apiVersion"]?.string == "v1", var map = node.mapping else {
            return node
        }
        for field in ["data", "stringData"] {
            guard let data = map[field]?.mapping else { continue }
            var redacted = Mapping()
            for entry in data {
                let same = other?[field, entry.key] == entry.value
                redacted[entry.key] = .string(same ? "(secret data hidden)" : "(secret data hidden, differs)")
            }
            map[field] = .mapping(redacted)
        }
        return .mapping(map)
    }
}
