/// What a kustomization and everything below it has produced so far: the objects, the field specs
/// extended by `configurations:`, and the declared `vars:`.
struct Accumulator: Sendable {
    var resources = ResourceMap()
    var fieldSpecs = TransformerFieldSpecs.builtin
    var configurationNodes: [Node] = []
    var vars: [Node] = []

    /// Absorbs a sub-build (a base): its objects must not collide with ours.
    mutating func merge(_ other: Accumulator) throws(BuildError) {
        try resources.append(contentsOf: other.resources)
        fieldSpecs.merge(other.fieldSpecs)
        configurationNodes += other.configurationNodes
        vars += other.vars
    }
}
