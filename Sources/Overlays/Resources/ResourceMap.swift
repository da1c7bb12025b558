/// The ordered set of objects of a build (kustomize's ResMap): insertion order is kept, because
/// `sortOptions: fifo` prints it as is, and ids are unique.
public struct ResourceMap: Sendable, Equatable {
    public private(set) var resources: [Resource] = []
    /// Current ids (effective namespace) of all objects, so appends check uniqueness in O(1).
    private var idIndex: Set<ResourceId>?
    /// Positions of objects by every name they have had, so id lookups need not scan the map.
    private var nameIndex: [String: [Int]]?

    public init(_ resources: [Resource] = []) {
        self.resources = resources
    }

    public static func == (a: ResourceMap, b: ResourceMap) -> Bool { a.resources == b.resources }

    private static func key(_ id: ResourceId) -> ResourceId {
        ResourceId(gvk: id.gvk, name: id.name, namespace: id.effectiveNamespace)
    }

    private static func names(of resource: Resource) -> Set<String> {
        var names = Set(resource.previousIds.map(\.name))
        names.insert(resource.name)
        return names
    }

    /// Drops the indexes after a change they cannot follow; the next lookup rebuilds them.
    private mutating func invalidate() {
        idIndex = nil
        nameIndex = nil
    }

    public var count: Int { resources.count }
    public var isEmpty: Bool { resources.isEmpty }

    /// Adds an object; an object with the same id already present is an error.
    public mutating func append(_ resource: Resource) throws(BuildError) {
        let id = resource.id
        if idIndex == nil { idIndex = Set(resources.map { ResourceMap.key($0.id) }) }
        guard idIndex?.insert(ResourceMap.key(id)).inserted == true else {
            throw BuildError("may not add resource with an already registered id: \(id)")
        }
        store(resource)
    }

    public mutating func append(contentsOf other: ResourceMap) throws(BuildError) {
        for resource in other.resources { try append(resource) }
    }

    /// Appends and keeps the name index current (`append` keeps the id index).
    private mutating func store(_ resource: Resource) {
        for name in ResourceMap.names(of: resource) { nameIndex?[name, default: []].append(resources.count) }
        resources.append(resource)
    }

    /// Replacing an object keeps the indexes when its names and id stay the same (patches, labels).
    public subscript(index: Int) -> Resource {
        get { resources[index] }
        set {
            let old = resources[index]
            if old.previousIds != newValue.previousIds || old.name != newValue.name
                || old.namespace != newValue.namespace || old.kind != newValue.kind
                || old.apiVersion != newValue.apiVersion
            {
                invalidate()
            }
            resources[index] = newValue
        }
    }

    public var indices: Range<Int> { resources.indices }

    public mutating func remove(at index: Int) {
        invalidate()
        resources.remove(at: index)
    }

    /// Positions of objects that have ever had an id matching this one.
    public mutating func indices(matchingAnyId id: ResourceId) -> [Int] {
        if nameIndex == nil { nameIndex = indicesByAnyName() }
        return (nameIndex?[id.name] ?? []).filter { i in
            let resource = resources[i]
            let current = resource.name == id.name && resource.id.matches(id)
            return current || resource.previousIds.contains { $0.name == id.name && $0.matches(id) }
        }
    }

    /// Positions of objects by every name they have had, for lookups repeated over one map.
    public func indicesByAnyName() -> [String: [Int]] {
        var index: [String: [Int]] = [:]
        for i in resources.indices {
            for name in ResourceMap.names(of: resources[i]) { index[name, default: []].append(i) }
        }
        return index
    }

    /// Applies a change to every object in order, stopping at the first error.
    public mutating func transform(_ body: (inout Resource) throws(BuildError) -> Void) throws(BuildError) {
        invalidate()
        for i in resources.indices { try body(&resources[i]) }
    }
}
