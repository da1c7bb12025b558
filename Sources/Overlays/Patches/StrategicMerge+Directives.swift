/// A `$patch` directive. Reading one removes it from the patch, as kyaml does; only these three
/// are known, and `$setElementOrder`, `$retainKeys` and `$deleteFromPrimitiveList` are not
/// directives to kustomize at all.
enum Directive: String {
    case merge
    case replace
    case delete

    static let key = "$patch"

    /// The directive of a patch map: its `$patch` field, removed once read. No field means merge.
    static func ofMapping(_ patch: MergeTree) throws(BuildError) -> Directive {
        guard let value = patch.field(key) else { return .merge }
        let directive = try parse(value.valueText)
        patch.removeField(key)
        return directive
    }

    /// The directive of a patch list: an item that is a map holding only `$patch`, removed once
    /// read (together with any null or empty-map items). Other lists merge.
    static func ofSequence(_ patch: MergeTree) throws(BuildError) -> Directive {
        guard let item = patch.items.first(where: { $0.isMapping && $0.field(key) != nil }),
            item.fieldNames.count == 1, let value = item.field(key)
        else { return .merge }
        let text = value.valueText
        let directive = try parse(text)
        try ListOps.set(nil, in: patch, keys: [key], values: [text])
        return directive
    }

    private static func parse(_ text: String) throws(BuildError) -> Directive {
        guard let directive = Directive(rawValue: text) else {
            throw BuildError("unknown patch strategy '\(text)'")
        }
        return directive
    }
}
