/// An entry of `patches:` or `patchesJson6902:`: a patch file or inline text, the objects it targets
/// and whether it may rename them.
public struct PatchSpec: Sendable {
    public var path: String?
    public var patch: String?
    public var target: Selector?
    public var allowNameChange: Bool
    public var allowKindChange: Bool

    init(node: Node, file: String) throws(BuildError) {
        let r = try FieldReader(node, file: file, context: "patches entry")
        try r.rejectUnknown(allowed: ["path", "patch", "target", "options"])
        path = try r.string("path")
        patch = try r.string("patch")
        if let t = r.node("target") { target = try Selector(node: t, file: file) }
        var allowName = false
        var allowKind = false
        if let options = r.node("options") {
            let o = try FieldReader(options, file: file, context: "patch options")
            allowName = try o.bool("allowNameChange") ?? false
            allowKind = try o.bool("allowKindChange") ?? false
        }
        allowNameChange = allowName
        allowKindChange = allowKind
        if path != nil && patch != nil { throw BuildError("\(file): a patch may not set both path and patch") }
        if path == nil && patch == nil { throw BuildError("\(file): a patch must specify one of patch and path") }
    }
}
