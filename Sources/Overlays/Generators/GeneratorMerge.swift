/// How a generated object joins the objects already built (kustomize's `appendReplaceOrMerge`,
/// used when generator output is absorbed into a kustomization's resources).
public enum GeneratorMerge {
    /// The context kustomize puts in front of these errors: `merging from generator &{0x… <nil>}`
    /// (a Go pointer; the second field is the origin, set under `buildMetadata: [originAnnotations]`).
    public static func errorContext(hasOrigin: Bool = false) -> String {
        "merging from generator &{\(GoSyntax.pointer) \(hasOrigin ? GoSyntax.pointer : "<nil>")}"
    }

    /// Adds every generated object in order, errors wrapped with `errorContext`.
    public static func absorb(
        _ generated: [Resource], into map: inout ResourceMap, hasOrigin: Bool = false
    ) throws(BuildError) {
        do {
            for resource in generated { try apply(generated: resource, into: &map) }
        } catch {
            throw error.wrapped(errorContext(hasOrigin: hasOrigin))
        }
    }

    /// Looks for an object that has ever had the generated object's id (so a base's object renamed
    /// by a prefix still matches), then:
    /// - none: `create` appends; `merge` and `replace` fail (`id … does not exist; cannot merge or replace`);
    /// - one: `create` fails (`id … exists; behavior must be merge or replace`); `replace` puts the
    ///   generated object in its place; `merge` does too, with the old `data` and `binaryData`
    ///   entries under the new ones. Both keep the old name and namespace, merge labels and
    ///   annotations (new values win), keep the old object's rename history, and hash the name
    ///   only if both the old and the new object asked for it;
    /// - several: an error.
    public static func apply(generated: Resource, into map: inout ResourceMap) throws(BuildError) {
        let id = generated.id
        let behavior = generated.generator?.behavior ?? .create
        let matches = map.indices(matchingAnyId: id)
        switch matches.count {
        case 0:
            if behavior == .create {
                try map.append(generated)
            } else {
                throw BuildError("id \(GoSyntax.resId(id)) does not exist; cannot merge or replace")
            }
        case 1:
            let index = matches[0]
            let old = map[index]
            var merged = generated
            switch behavior {
            case .create:
                throw BuildError("id \(GoSyntax.resId(id)) exists; behavior must be merge or replace")
            case .replace:
                copyMetadata(from: old, into: &merged)
                merged.origin = generated.origin ?? old.origin
            case .merge:
                copyMetadata(from: old, into: &merged)
                mergeStringMap(field: "data", from: old, into: &merged)
                mergeStringMap(field: "binaryData", from: old, into: &merged)
                merged.origin = old.origin ?? generated.origin
            }
            map[index] = merged
        default:
            let objects = matches.map { debugJSON(map[$0]) }
            throw BuildError("found multiple objects \(GoSyntax.list(objects)) that could accept merge of \(id)")
        }
    }

    /// kustomize's `CopyMergeMetaDataFieldsFrom`.
    private static func copyMetadata(from old: Resource, into new: inout Resource) {
        setStringMap(old.labels.merging(new.labels) { $1 }, at: "labels", in: &new)
        setStringMap(old.annotations.merging(new.annotations) { $1 }, at: "annotations", in: &new)
        new.name = old.name
        if old.namespace.isEmpty {
            var metadata = new.node["metadata"]?.mapping ?? Mapping()
            metadata.removeValue(forKey: "namespace")
            new.node.set(.mapping(metadata), at: ["metadata"])
        } else {
            new.namespace = old.namespace
        }
        // kustomize keeps the old object's build annotations: rename history, prefixes, suffixes,
        // behavior; the hash flag survives only when the new object has it too.
        new.previousIds = old.previousIds
        new.namePrefixes = old.namePrefixes
        new.nameSuffixes = old.nameSuffixes
        let appendHash = (old.generator?.appendHashSuffix ?? false) && (new.generator?.appendHashSuffix ?? false)
        new.generator = old.generator.map { GeneratorInfo(behavior: $0.behavior, appendHashSuffix: appendHash) }
    }

    /// Old entries, then new ones over them; the field disappears when the result is empty. Values
    /// are read as text, as kustomize's `GetDataMap` does.
    private static func mergeStringMap(field: String, from old: Resource, into new: inout Resource) {
        let merged = textMap(old.node[field]).merging(textMap(new.node[field])) { $1 }
        guard var object = new.node.mapping else { return }
        object[field] = merged.isEmpty ? nil : .mapping(sortedMapping(merged))
        new.node = .mapping(object)
    }

    /// kustomize's `SetLabels`/`SetAnnotations`: replaces the map, removing it when empty.
    private static func setStringMap(_ values: [String: String], at field: String, in resource: inout Resource) {
        var metadata = resource.node["metadata"]?.mapping ?? Mapping()
        metadata[field] = values.isEmpty ? nil : .mapping(sortedMapping(values))
        resource.node.set(.mapping(metadata), at: ["metadata"])
    }

    private static func textMap(_ node: Node?) -> [String: String] {
        guard let map = node?.mapping else { return [:] }
        var out: [String: String] = [:]
        for entry in map { out[entry.key] = entry.value.scalarText ?? "" }
        return out
    }

    private static func sortedMapping(_ values: [String: String]) -> Mapping {
        var map = Mapping()
        for key in values.keys.sorted(by: GoJSON.keyLess) { map[key] = .string(values[key] ?? "") }
        return map
    }

    /// kustomize's `Resource.String()`: the object as JSON with its build annotations, which here
    /// are fields. A generator entry without a known behavior shows as `unspecified`.
    static func debugJSON(_ resource: Resource) -> String {
        var annotations = resource.node["metadata", "annotations"]?.mapping ?? Mapping()
        let domain = "internal.config.kubernetes.io/"
        if let generator = resource.generator {
            let behavior = generator.behavior == .create ? "unspecified" : generator.behavior.rawValue
            annotations[domain + "generatorBehavior"] = .string(behavior)
            if generator.appendHashSuffix { annotations[domain + "needsHashSuffix"] = .string("enabled") }
        }
        if !resource.namePrefixes.isEmpty {
            annotations[domain + "prefixes"] = .string(resource.namePrefixes.joined(separator: ","))
        }
        if !resource.nameSuffixes.isEmpty {
            annotations[domain + "suffixes"] = .string(resource.nameSuffixes.joined(separator: ","))
        }
        if !resource.previousIds.isEmpty {
            let ids = resource.previousIds
            annotations[domain + "previousKinds"] = .string(ids.map(\.gvk.kind).joined(separator: ","))
            annotations[domain + "previousNames"] = .string(ids.map(\.name).joined(separator: ","))
            annotations[domain + "previousNamespaces"] = .string(ids.map(\.effectiveNamespace).joined(separator: ","))
        }
        var node = resource.node
        if !annotations.isEmpty { node.set(.mapping(annotations), at: ["metadata", "annotations"]) }
        do {
            return try GoJSON.encode(node)
        } catch {
            return "<\(error.message)>"
        }
    }
}
