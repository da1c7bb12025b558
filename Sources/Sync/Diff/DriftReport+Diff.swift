import Overlays

extension DriftReport {
    /// The unified diff of this object, live → what applying would make of it; "" when in sync.
    /// Secret values are never printed.
    public func unifiedDiff(color: Bool = false) -> String {
        let name = "\(ref.groupKind)/\(ref.namespace.isEmpty ? "" : ref.namespace + "/")\(ref.name)"
        switch state {
        case .inSync:
            return ""
        case .missing:
            let shown = ObjectNormalizer.redactingSecret(object.manifest, comparedWith: object.manifest)
            return UnifiedDiff.diff(
                old: "", new: Self.yaml(shown), oldName: "/dev/null", newName: "desired/\(name)", color: color)
        case .drifted:
            let old = ObjectNormalizer.normalized(live ?? .null)
            let new = ObjectNormalizer.normalized(predicted ?? object.manifest)
            let oldShown = ObjectNormalizer.redactingSecret(old, comparedWith: new)
            let newShown = ObjectNormalizer.redactingSecret(new, comparedWith: old)
            return UnifiedDiff.diff(
                old: Self.yaml(oldShown), new: Self.yaml(newShown), oldName: "live/\(name)",
                newName: "desired/\(name)", color: color)
        }
    }

    static func yaml(_ node: Node) -> String {
        (try? YAMLEmitter.document(node)) ?? JSONEncoding.encode(node) + "\n"
    }
}
