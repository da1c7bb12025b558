/// What a kustomization and everything below it has produced so far: the objects, the field specs
/// of the transformers (extended by `configurations:` and `crds:`), and the declared `vars:`.
struct Accumulator: Sendable {
    var resources = ResourceMap()
    var config = TransformerConfig()
    var vars = VarSet()

    /// Absorbs a sub-build (a base): its objects must not collide with ours.
    mutating func merge(_ other: Accumulator, session: BuildSession) throws(BuildError) {
        try resources.append(contentsOf: other.resources)
        config = try session.merge(config, other.config)
        try vars.merge(other.vars)
    }
}
