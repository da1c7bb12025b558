/// The ordered set of objects of a build (kustomize's ResMap): insertion order is kept, because
/// `sortOptions: fifo` prints it as is, and ids are unique.
public struct ResourceMap: Sendable, Equatable {
    public private(set) var resources: [Resource] = [] {
        didSet { knownIds = nil }
    }

    /// The ids of `resources` as `ResourceId.matches` compares them, so that appending n objects costs
    /// O(n) rather than O(n²) id computations; nil after any change other than an append (ids may have
    /// changed), rebuilt by the next append.
    private var knownIds: Set<IdKey>?

    private struct IdKey: Hashable, Sendable {
        let name: String
        let gvk: GroupVersionKind
        let namespace: String

        init(_ id: ResourceId) {
            name = id.name
            gvk = id.gvk
            namespace = id.effectiveNamespace
        }
    }

    public init(_ resources: [Resource] = []) {
        self.resources = resources
    }

    public static func == (lhs: ResourceMap, rhs: ResourceMap) -> Bool {
        lhs.resources == rhs.resources
    }

    public var count: Int { resources.count }
    public var isEmpty: Bool { resources.isEmpty }

    /// Adds an object; an object with the same id already present is an error.
    public mutating func append(_ resource: Resource) throws(BuildError) {
        let id = resource.id
        var known = knownIds ?? Set(resources.map { IdKey($0.id) })
        knownIds = nil  // `known` is the set's only owner, so inserting does not copy it
        guard known.insert(IdKey(id)).inserted else {
            knownIds = known
            throw BuildError("may not add resource with an already registered id: \(id)")
        }
        resources.append(resource)
        knownIds = known
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
        resources.indices.filter { i in resources[i].allIds.contains { $0.matches(id) } }
    }

    /// Applies a change to every object in order, stopping at the first error.
    public mutating func transform(_ body: (inout Resource) throws(BuildError) -> Void) throws(BuildError) {
        for i in resources.indices { try body(&resources[i]) }
    }
}
