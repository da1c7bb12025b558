/// The ordered set of objects of a build (kustomize's ResMap): insertion order is kept, because
/// `sortOptions: fifo` prints it as is, and ids are unique.
public struct ResourceMap: Sendable, Equatable {
    public private(set) var resources: [Resource] = [] {
        didSet { idIndex = nil }
    }
    /// Current ids (effective namespace) of all objects, so appends check uniqueness in O(1);
    /// dropped whenever objects change and rebuilt on the next append.
    private var idIndex: Set<ResourceId>?

    public init(_ resources: [Resource] = []) {
        self.resources = resources
    }

    public static func == (a: ResourceMap, b: ResourceMap) -> Bool { a.resources == b.resources }

    private static func key(_ id: ResourceId) -> ResourceId {
        ResourceId(gvk: id.gvk, name: id.name, namespace: id.effectiveNamespace)
    }

    public var count: Int { resources.count }
    public var isEmpty: Bool { resources.isEmpty }

    /// Adds an object; an object with the same id already present is an error.
    public mutating func append(_ resource: Resource) throws(BuildError) {
        let id = resource.id
        var index = idIndex ?? Set(resources.map { ResourceMap.key($0.id) })
        guard index.insert(ResourceMap.key(id)).inserted else {
            throw BuildError("may not add resource with an already registered id: \(id)")
        }
        resources.append(resource)
        idIndex = index
    }

    public mutating func append(contentsOf other: ResourceMap) throws(BuildError) {
        for resource in other.resources { try append(resource) }
    }

    /// Adds objects without the uniqueness check, for callers that checked already.
    mutating func appendUnchecked(_ resource: Resource) {
        resources.append(resource)
    }

    public subscript(index: Int) -> Resource {
        get { resources[index] }
        set { resources[index] = newValue }
    }

    public var indices: Range<Int> { resources.indices }

    public mutating func remove(at index: Int) {
        resources.remove(at: index)
    }

    public mutating func replaceAll(_ resources: [Resource]) {
        self.resources = resources
    }

    /// Positions of objects whose current id matches.
    public func indices(matching id: ResourceId) -> [Int] {
        resources.indices.filter { resources[$0].id.matches(id) }
    }

    /// Positions of objects that have ever had an id matching this one.
    public func indices(matchingAnyId id: ResourceId) -> [Int] {
        resources.indices.filter { i in
            let resource = resources[i]
            let current = resource.name == id.name && resource.id.matches(id)
            return current || resource.previousIds.contains { $0.name == id.name && $0.matches(id) }
        }
    }

    /// Positions of objects by every name they have had, for lookups repeated over one map.
    public func indicesByAnyName() -> [String: [Int]] {
        var index: [String: [Int]] = [:]
        for i in resources.indices {
            var names = Set(resources[i].previousIds.map(\.name))
            names.insert(resources[i].name)
            for name in names { index[name, default: []].append(i) }
        }
        return index
    }

    /// Applies a change to every object in order, stopping at the first error.
    public mutating func transform(_ body: (inout Resource) throws(BuildError) -> Void) throws(BuildError) {
        for i in resources.indices { try body(&resources[i]) }
    }
}
