/// One Kubernetes object flowing through a build, with the bookkeeping kustomize keeps beside it
/// (kustomize stores these as build annotations; here they are fields and never reach the output).
public struct Resource: Sendable, Equatable {
    public var node: Node

    /// Ids this object had before renames (name prefix/suffix, namespace, hash suffix), oldest first.
    public var previousIds: [ResourceId] = []
    /// Generator bookkeeping: set for ConfigMaps and Secrets made by generators.
    public var generator: GeneratorInfo?
    /// Name prefixes and suffixes applied so far, outermost last (name references compare them).
    public var namePrefixes: [String] = []
    public var nameSuffixes: [String] = []
    /// Where this object came from, for `buildMetadata: [originAnnotations]`.
    public var origin: Origin?
    /// Names of the `vars:` whose objref picked this object (kustomize's refVarNames); a var takes
    /// its value from the object that carries its name.
    public var refVarNames: [String] = []

    public init(node: Node) {
        self.node = node
    }

    public var apiVersion: String { node["apiVersion"]?.scalarText ?? "" }
    public var kind: String { node["kind"]?.scalarText ?? "" }
    public var gvk: GroupVersionKind { GroupVersionKind(apiVersion: apiVersion, kind: kind) }

    public var name: String {
        get { node["metadata", "name"]?.scalarText ?? "" }
        set { node.set(.string(newValue), at: ["metadata", "name"]) }
    }

    public var namespace: String {
        get { node["metadata", "namespace"]?.scalarText ?? "" }
        set { node.set(.string(newValue), at: ["metadata", "namespace"]) }
    }

    public var id: ResourceId { ResourceId(gvk: gvk, name: name, namespace: namespace) }

    /// The id the object had when it entered the build.
    public var originalId: ResourceId { previousIds.first ?? id }

    /// Every id the object has had, current one last.
    public var allIds: [ResourceId] { previousIds + [id] }

    public var labels: [String: String] { stringMap(at: ["metadata", "labels"]) }
    public var annotations: [String: String] { stringMap(at: ["metadata", "annotations"]) }

    private func stringMap(at path: [String]) -> [String: String] {
        guard let map = node[path: path]?.mapping else { return [:] }
        var out: [String: String] = [:]
        for entry in map { out[entry.key] = entry.value.scalarText ?? "" }
        return out
    }

    /// Records the current id before a rename so references to the old name can be found.
    public mutating func rememberCurrentId() {
        let current = id
        if previousIds.last != current { previousIds.append(current) }
    }
}

/// What a generator said about the object it made.
public struct GeneratorInfo: Sendable, Equatable {
    public enum Behavior: String, Sendable {
        case create, merge, replace
    }

    public var behavior: Behavior
    public var appendHashSuffix: Bool

    public init(behavior: Behavior = .create, appendHashSuffix: Bool = true) {
        self.behavior = behavior
        self.appendHashSuffix = appendHashSuffix
    }
}

/// Where an object was read or generated, as kustomize's `config.kubernetes.io/origin` annotation says.
public struct Origin: Sendable, Equatable {
    public var path: String
    public var configuredIn: String?
    public var configuredBy: String?

    public init(path: String, configuredIn: String? = nil, configuredBy: String? = nil) {
        self.path = path
        self.configuredIn = configuredIn
        self.configuredBy = configuredBy
    }
}
