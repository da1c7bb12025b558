import Overlays
import Testing

struct GeneratorMergeTests {
    let cmId = ResourceId(gvk: GroupVersionKind(version: "v1", kind: "ConfigMap"), name: "cfg")

    func configMap(
        _ name: String, data: KeyValuePairs<String, Node>, labels: KeyValuePairs<String, Node> = [:],
        behavior: GeneratorInfo.Behavior? = .create, hash: Bool = true
    ) -> Resource {
        var metadata = Mapping(["name": .string(name)])
        if labels.count > 0 { metadata["labels"] = .mapping(Mapping(labels)) }
        var resource = Resource(node: .mapping(Mapping([
            "apiVersion": .string("v1"), "kind": .string("ConfigMap"),
            "metadata": .mapping(metadata), "data": .mapping(Mapping(data)),
        ])))
        resource.generator = behavior.map { GeneratorInfo(behavior: $0, appendHashSuffix: hash) }
        return resource
    }

    @Test func createAppendsANewObject() throws {
        var map = ResourceMap()
        try GeneratorMerge.apply(generated: configMap("cfg", data: ["A": .string("1")]), into: &map)
        #expect(map.count == 1)
    }

    @Test func createOnAnExistingIdIsError() throws {
        var map = ResourceMap([configMap("cfg", data: ["A": .string("base")])])
        let message = "id \(GoSyntax.resId(cmId)) exists; behavior must be merge or replace"
        #expect(throws: BuildError(message)) {
            try GeneratorMerge.apply(generated: configMap("cfg", data: ["A": .string("overlay")]), into: &map)
        }
    }

    @Test func mergeOrReplaceWithoutAnExistingObjectIsError() {
        for behavior in [GeneratorInfo.Behavior.merge, .replace] {
            var map = ResourceMap()
            let message = "id \(GoSyntax.resId(cmId)) does not exist; cannot merge or replace"
            #expect(throws: BuildError(message)) {
                try GeneratorMerge.apply(generated: configMap("cfg", data: [:], behavior: behavior), into: &map)
            }
        }
    }

    @Test func absorbPrefixesKustomizesGeneratorContext() {
        var map = ResourceMap()
        do {
            try GeneratorMerge.absorb([configMap("cfg", data: [:], behavior: .merge)], into: &map)
        } catch {
            #expect(error.message.hasPrefix("merging from generator &{0xc000010000 <nil>}: id resid.ResId{"))
        }
    }

    @Test func mergeLaysNewDataOverOldAndKeepsOldLabels() throws {
        var map = ResourceMap([configMap("cfg", data: ["A": .string("base"), "B": .string("base")], labels: ["from": .string("base")])])
        try GeneratorMerge.apply(
            generated: configMap("cfg", data: ["B": .string("overlay"), "C": .string("new")], labels: ["o": .string("1")], behavior: .merge),
            into: &map)
        let merged = map[0]
        #expect(merged.node["data"] == .mapping(Mapping(["A": .string("base"), "B": .string("overlay"), "C": .string("new")])))
        #expect(merged.labels == ["from": "base", "o": "1"])
    }

    @Test func replaceDropsOldDataButKeepsOldLabels() throws {
        var map = ResourceMap([configMap("cfg", data: ["A": .string("base")], labels: ["from": .string("base")])])
        try GeneratorMerge.apply(generated: configMap("cfg", data: ["ONLY": .string("overlay")], behavior: .replace), into: &map)
        #expect(map[0].node["data"] == .mapping(Mapping(["ONLY": .string("overlay")])))
        #expect(map[0].labels == ["from": "base"])
    }

    @Test func mergeMatchesAnObjectRenamedByAPrefixAndKeepsItsName() throws {
        var base = configMap("cfg", data: ["A": .string("1")])
        base.rememberCurrentId()
        base.name = "base-cfg"
        base.namePrefixes = ["base-"]
        var map = ResourceMap([base])
        try GeneratorMerge.apply(generated: configMap("cfg", data: ["B": .string("2")], behavior: .merge), into: &map)
        #expect(map[0].name == "base-cfg")
        #expect(map[0].previousIds.map(\.name) == ["cfg"])
        #expect(map[0].namePrefixes == ["base-"])
    }

    @Test func mergedObjectIsHashedOnlyWhenBothAskForIt() throws {
        for (old, new) in [(true, true), (true, false), (false, true)] {
            var map = ResourceMap([configMap("cfg", data: [:], hash: old)])
            try GeneratorMerge.apply(generated: configMap("cfg", data: [:], behavior: .merge, hash: new), into: &map)
            #expect(map[0].generator?.appendHashSuffix == (old && new))
        }
    }

    @Test func mergeIntoAPlainResourceIsNeverHashed() throws {
        var map = ResourceMap([configMap("cfg", data: ["A": .int(1)], behavior: nil)])
        try GeneratorMerge.apply(generated: configMap("cfg", data: ["B": .string("2")], behavior: .merge), into: &map)
        #expect(map[0].generator == nil)
        // kustomize reads the old values as text.
        #expect(map[0].node["data", "A"] == .string("1"))
    }

    @Test func severalCandidatesAreAnError() throws {
        var a = configMap("cfg", data: ["A": .string("1")])
        a.rememberCurrentId()
        a.name = "a-cfg"
        a.namePrefixes = ["a-"]
        var b = configMap("cfg", data: ["B": .string("2")], behavior: nil)
        b.rememberCurrentId()
        b.name = "b-cfg"
        b.namePrefixes = ["b-"]
        var map = ResourceMap([a, b])
        // kubectl: found multiple objects [{"apiVersion":"v1","data":{"A":"1"},...,"name":"a-cfg"}} {...}] that could accept merge of ...
        let expected = #"found multiple objects [{"apiVersion":"v1","data":{"A":"1"},"kind":"ConfigMap","metadata":{"annotations":{"internal.config.kubernetes.io/generatorBehavior":"unspecified","internal.config.kubernetes.io/needsHashSuffix":"enabled","internal.config.kubernetes.io/prefixes":"a-","internal.config.kubernetes.io/previousKinds":"ConfigMap","internal.config.kubernetes.io/previousNames":"cfg","internal.config.kubernetes.io/previousNamespaces":"default"},"name":"a-cfg"}} {"apiVersion":"v1","data":{"B":"2"},"kind":"ConfigMap","metadata":{"annotations":{"internal.config.kubernetes.io/prefixes":"b-","internal.config.kubernetes.io/previousKinds":"ConfigMap","internal.config.kubernetes.io/previousNames":"cfg","internal.config.kubernetes.io/previousNamespaces":"default"},"name":"b-cfg"}}] that could accept merge of ConfigMap.v1.[noGrp]/cfg.[noNs]"#
        #expect(throws: BuildError(expected)) {
            try GeneratorMerge.apply(generated: configMap("cfg", data: [:], behavior: .merge), into: &map)
        }
    }
}
