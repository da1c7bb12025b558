import Testing

@testable import Overlays

/// Name references across bases, namespaces and ambiguous candidates (corpus `prefix-suffix/*` and
/// fixtures whose expected output came from `kubectl kustomize`).
@Suite struct NameReferenceEdgeTests {
    let config = TransformerConfig.builtin

    @Test func siblingBasePrefixIsFollowedInOverlay() throws {
        let directory = "prefix-suffix/cross-base-reference-updated-by-sibling-prefix"
        var config = try RefFixtures.caseResources("\(directory)/input/config/cm.yaml")
        Renames.prefix(&config, "shared-")
        var map = config
        try map.append(contentsOf: try RefFixtures.caseResources("\(directory)/input/app/deploy.yaml"))
        try NameReferences.fix(&map, config: self.config)
        expectSameObjects(map, try RefFixtures.caseExpected(directory))
    }

    @Test func prefixAndNamespaceUpdateIngressBackend() throws {
        let directory = "prefix-suffix/prefix-with-namespace-service-reference"
        var map = try RefFixtures.caseResources("\(directory)/input/svc.yaml", "\(directory)/input/ingress.yaml")
        Renames.prefix(&map, "blue-")
        Renames.namespace(&map, "web")
        try NameReferences.fix(&map, config: config)
        expectSameObjects(map, try RefFixtures.caseExpected(directory))
    }

    @Test func serviceAccountSubjectsTakeNewNameAndNamespace() throws {
        var map = try RefFixtures.fixtureResources("rbac-subjects.yaml")
        Renames.prefix(&map, "p-")
        Renames.namespace(&map, "prod")
        // The namespace transformer also moves ServiceAccount subjects that named "default".
        for i in map.indices where map[i].kind.hasSuffix("RoleBinding") {
            guard var subjects = map[i].node["subjects"]?.sequence else { continue }
            for j in subjects.indices where subjects[j]["namespace"]?.string == "default" {
                subjects[j].set(.string("prod"), at: ["namespace"])
            }
            map[i].node.set(.sequence(subjects), at: ["subjects"])
        }
        try NameReferences.fix(&map, config: config)
        expectSameObjects(map, try RefFixtures.documents(RefFixtures.fixtureText("rbac-subjects-expected.yaml")))
    }

    @Test func candidatesWithDifferentNamesAreAmbiguous() throws {
        var map = try RefFixtures.fixtureResources("ambiguous-referral.yaml")
        Renames.rename(&map, kind: "ConfigMap", from: "cfg", to: "cfg-x", namespace: "nsx")
        Renames.rename(&map, kind: "ConfigMap", from: "cfg", to: "cfg-y", namespace: "nsy")
        let message = buildErrorMessage { () throws(BuildError) in try NameReferences.fix(&map, config: config) }
        let expected = try RefFixtures.fixtureText("ambiguous-referral-error.txt")
        #expect(message?.trimmingTrailingNewlines == expected.trimmingTrailingNewlines)
    }

    @Test func candidatesWithTheSameNewNameAreOne() throws {
        var map = try RefFixtures.fixtureResources("ambiguous-referral.yaml")
        Renames.prefix(&map, "p-")
        try NameReferences.fix(&map, config: config)
        let role = try #require(map.resources.first { $0.kind == "ClusterRole" })
        #expect(role.node["rules"]?.sequence?.first?["resourceNames"] == .sequence([.string("p-cfg")]))
    }

    @Test func referrerPrefersCandidateWithItsOwnPrefixes() throws {
        var a = try RefFixtures.fixtureResources("configmap-and-pod.yaml")
        Renames.prefix(&a, "a-")
        var b = try RefFixtures.fixtureResources("configmap-and-pod.yaml")
        Renames.prefix(&b, "b-")
        var map = a
        try map.append(contentsOf: b)
        try NameReferences.fix(&map, config: config)
        for resource in map.resources where resource.kind == "Pod" {
            let name = resource.node["spec", "volumes"]?.sequence?.first?["configMap", "name"]
            #expect(name == .string(resource.namePrefixes == ["a-"] ? "a-cfg" : "b-cfg"))
        }
    }

    @Test func unrenamedObjectsAreNeverCandidates() throws {
        var map = try RefFixtures.fixtureResources("configmap-and-pod.yaml")
        try NameReferences.fix(&map, config: config)
        #expect(map == (try RefFixtures.fixtureResources("configmap-and-pod.yaml")))
    }

    @Test func roleRefOnlyFollowsTheNamedKind() throws {
        var map = try RefFixtures.fixtureResources("role-and-clusterrole.yaml")
        Renames.rename(&map, kind: "ClusterRole", from: "reader", to: "cluster-reader")
        Renames.rename(&map, kind: "Role", from: "reader", to: "ns-reader")
        try NameReferences.fix(&map, config: config)
        let binding = try #require(map.resources.first { $0.kind == "RoleBinding" })
        #expect(binding.node["roleRef", "name"] == .string("ns-reader"))
    }

    @Test func mappingReferenceWithoutNameIsAConfigError() throws {
        var map = try RefFixtures.fixtureResources("configmap-and-pod.yaml")
        Renames.prefix(&map, "p-")
        let custom = try TransformerConfig(
            yaml: "nameReference:\n- kind: ConfigMap\n  fieldSpecs:\n  - kind: Pod\n    path: spec\n", file: "c.yaml")
        let message = buildErrorMessage { () throws(BuildError) in try NameReferences.fix(&map, config: custom) }
        #expect(
            message
                == "updating name reference in 'spec' field of 'Pod.v1.[noGrp]/p-pod.[noNs]': considering field 'spec' of object Pod.v1.[noGrp]/p-pod.[noNs]: path config error; no 'name' field in node"
        )
    }

    @Test func manyObjectsAreFixedQuickly() throws {
        var resources: [Resource] = []
        for i in 0..<2000 {
            resources.append(
                Resource(node: .mapping(Mapping([
                    "apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                    "metadata": .mapping(Mapping(["name": .string("cfg-\(i)")])),
                ]))))
            let volume = Node.mapping(Mapping(["name": .string("v"), "configMap": .mapping(Mapping(["name": .string("cfg-\(i)")]))]))
            resources.append(
                Resource(node: .mapping(Mapping([
                    "apiVersion": .string("v1"), "kind": .string("Pod"),
                    "metadata": .mapping(Mapping(["name": .string("pod-\(i)")])),
                    "spec": .mapping(Mapping(["volumes": .sequence([volume])])),
                ]))))
        }
        var map = ResourceMap(resources)
        Renames.prefix(&map, "x-")
        let clock = ContinuousClock()
        let elapsed = try clock.measure { try NameReferences.fix(&map, config: config) }
        #expect(elapsed < .seconds(10), "fixing 4,000 objects took \(elapsed)")
        #expect(map[1].node["spec", "volumes"]?.sequence?.first?["configMap", "name"] == .string("x-cfg-0"))
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
