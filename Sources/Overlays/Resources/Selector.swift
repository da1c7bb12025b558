/// Picks objects by type, name, namespace (regular expressions, anchored) and label or annotation
/// selectors — kustomize's patch `target` and replacement `select`.
public struct Selector: Sendable, CustomStringConvertible {
    public var group = ""
    public var version = ""
    public var kind = ""
    public var name = ""
    public var namespace = ""
    public var labelSelector = ""
    public var annotationSelector = ""

    public init() {}

    public init(node: Node, file: String) throws(BuildError) {
        let r = try FieldReader(node, file: file, context: "target")
        try r.rejectUnknown(allowed: [
            "group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector",
        ])
        group = try r.string("group") ?? ""
        version = try r.string("version") ?? ""
        kind = try r.string("kind") ?? ""
        name = try r.string("name") ?? ""
        namespace = try r.string("namespace") ?? ""
        labelSelector = try r.string("labelSelector") ?? ""
        annotationSelector = try r.string("annotationSelector") ?? ""
    }

    public var description: String {
        let gvk = GroupVersionKind(group: group, version: version, kind: kind)
        return "\(ResourceId(gvk: gvk, name: name, namespace: namespace)):a=\(annotationSelector):l=\(labelSelector)"
    }

    /// A compiled form, so regular expressions and selectors are parsed once per patch.
    public func compiled() throws(BuildError) -> CompiledSelector {
        try CompiledSelector(self)
    }
}

public struct CompiledSelector: @unchecked Sendable {
    // Regex is not Sendable in this toolchain; a compiled selector is only read after creation.
    private let group: Regex<AnyRegexOutput>?
    private let version: Regex<AnyRegexOutput>?
    private let kind: Regex<AnyRegexOutput>?
    private let name: Regex<AnyRegexOutput>?
    private let namespace: Regex<AnyRegexOutput>?
    private let labels: LabelSelector?
    private let annotations: LabelSelector?

    init(_ s: Selector) throws(BuildError) {
        group = try CompiledSelector.anchored(s.group)
        version = try CompiledSelector.anchored(s.version)
        kind = try CompiledSelector.anchored(s.kind)
        name = try CompiledSelector.anchored(s.name)
        namespace = try CompiledSelector.anchored(s.namespace)
        labels = s.labelSelector.isEmpty ? nil : try LabelSelector(s.labelSelector)
        annotations = s.annotationSelector.isEmpty ? nil : try LabelSelector(s.annotationSelector)
    }

    private static func anchored(_ pattern: String) throws(BuildError) -> Regex<AnyRegexOutput>? {
        guard !pattern.isEmpty else { return nil }
        do {
            return try Regex("^(?:\(pattern))$")
        } catch {
            throw BuildError("error parsing regexp in target '\(pattern)': \(error)")
        }
    }

    private static func matches(_ regex: Regex<AnyRegexOutput>?, _ value: String) -> Bool {
        guard let regex else { return true }
        return (try? regex.wholeMatch(in: value)) != nil
    }

    /// Name and namespace match either the object's original or its current id, as in kustomize.
    public func matches(_ resource: Resource) -> Bool {
        let current = resource.id
        let original = resource.originalId
        guard
            CompiledSelector.matches(namespace, original.effectiveNamespace)
                || CompiledSelector.matches(namespace, current.effectiveNamespace),
            CompiledSelector.matches(name, original.name) || CompiledSelector.matches(name, current.name)
        else { return false }
        let gvk = current.gvk
        guard CompiledSelector.matches(group, gvk.group), CompiledSelector.matches(version, gvk.version),
            CompiledSelector.matches(kind, gvk.kind)
        else { return false }
        if let labels, !labels.matches(resource.labels) { return false }
        if let annotations, !annotations.matches(resource.annotations) { return false }
        return true
    }
}
