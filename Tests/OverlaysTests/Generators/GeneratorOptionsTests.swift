import Overlays
import Testing

struct GeneratorOptionsTests {
    @Test func perGeneratorFalseDoesNotReenableHash() {
        let merged = GeneratorOptions.merged(
            local: GeneratorOptions(disableNameSuffixHash: false),
            global: GeneratorOptions(disableNameSuffixHash: true))
        #expect(merged?.disableNameSuffixHash == true)
    }

    @Test func perGeneratorLabelsWinOverGlobalOnes() {
        let merged = GeneratorOptions.merged(
            local: GeneratorOptions(labels: ["local": "yes", "shared": "local"]),
            global: GeneratorOptions(labels: ["global": "yes", "shared": "global"], annotations: ["a": "g"]))
        #expect(merged?.labels == ["local": "yes", "shared": "local", "global": "yes"])
        #expect(merged?.annotations == ["a": "g"])
    }

    @Test func globalImmutableApplies() {
        #expect(GeneratorOptions.merged(local: nil, global: GeneratorOptions(immutable: true))?.immutable == true)
    }

    @Test func withoutGlobalOptionsLocalOnesStand() {
        #expect(GeneratorOptions.merged(local: nil, global: nil) == nil)
        let local = GeneratorOptions(labels: ["a": "b"])
        #expect(GeneratorOptions.merged(local: local, global: nil) == local)
    }

    @Test func unknownGeneratorOptionsFieldIsRejected() throws {
        let node = try YAMLParser.documents("foo: 1", file: "k").first ?? .null
        #expect(throws: BuildError(#"invalid Kustomization: json: unknown field "foo""#)) {
            try GeneratorOptions(node: node, file: "k")
        }
    }

    @Test func wrongTypeInGeneratorOptionsNamesTheTopLevelField() throws {
        let node = try YAMLParser.documents("immutable: yes please", file: "k").first ?? .null
        #expect(throws: BuildError(
            "invalid Kustomization: json: cannot unmarshal string into Go struct field GeneratorOptions.generatorOptions.immutable of type bool"
        )) {
            try GeneratorOptions(node: node, file: "k")
        }
    }
}
