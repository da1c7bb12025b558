import Testing

@testable import Overlays

/// Corpus `replacements/*`: the kustomization's replacements applied to its resources.
@Suite struct ReplacementTests {
    private func replacements(_ directory: String) throws -> [Replacement] {
        let node = try #require(
            try RefFixtures.documents(RefFixtures.caseText("\(directory)/kustomization.yaml")).first)
        return try Replacements.parse(node["replacements"]?.sequence ?? [], file: "kustomization.yaml") {
            (path: String) throws(BuildError) -> String in
            do {
                return try RefFixtures.caseText("\(directory)/\(path)")
            } catch {
                throw BuildError("cannot read \(path)")
            }
        }
    }

    private func run(_ caseName: String, files: [String] = ["all.yaml"]) throws -> Result<ResourceMap, BuildError> {
        let directory = "replacements/\(caseName)/input"
        var map = ResourceMap()
        for file in files {
            for node in try RefFixtures.documents(RefFixtures.caseText("\(directory)/\(file)")) {
                try map.append(Resource(node: node))
            }
        }
        let list = try replacements(directory)
        do {
            try Replacements.apply(list, to: &map)
            return .success(map)
        } catch {
            return .failure(error)
        }
    }

    private func expectOutput(_ caseName: String, files: [String] = ["all.yaml"]) throws {
        switch try run(caseName, files: files) {
        case .success(var map):
            Renames.finishAnnotations(&map)
            expectSameObjects(map, try RefFixtures.caseExpected("replacements/\(caseName)"))
        case .failure(let error): Issue.record("unexpected error: \(error)")
        }
    }

    private func expectError(_ caseName: String) throws {
        switch try run(caseName) {
        case .success: Issue.record("expected an error")
        case .failure(let error): #expect(error.message == (try RefFixtures.caseError("replacements/\(caseName)")))
        }
    }

    @Test func listSelectorMatchingNothingIsAnError() throws { try expectError("list-selector-no-match-is-error") }
    @Test func mapValueReplacesTargetField() throws { try expectOutput("map-source-into-target") }
    @Test func missingTargetFieldWithoutCreateIsAnError() throws {
        try expectError("missing-target-field-without-create-is-error")
    }
    @Test func createAddsMissingFieldsTypedByText() throws { try expectOutput("options-create-missing-field") }
    @Test func targetDelimiterReplacesOnePart() throws { try expectOutput("options-delimiter-index") }
    @Test func rejectByNameExcludesTarget() throws { try expectOutput("reject-by-name") }
    @Test func replacementLoadedFromPath() throws { try expectOutput("replacement-from-file-path") }
    @Test func targetSelectedByAnnotationSelector() throws { try expectOutput("select-target-by-annotation-selector") }
    @Test func sourceFieldPathDefaultsToName() throws { try expectOutput("source-default-fieldpath-metadata-name") }
    @Test func sourceDelimiterPicksOnePart() throws { try expectOutput("source-delimiter-index") }
    @Test func missingSourceFieldIsAnError() throws { try expectError("source-field-missing-is-error") }
    @Test func listSelectorTargetsEveryDeployment() throws {
        try expectOutput("source-fieldpath-to-list-selector-target")
    }
    @Test func sourceNotFoundIsAnError() throws { try expectError("source-not-found-is-error") }
    @Test func stringSourceIntoIntFieldStaysInt() throws {
        try expectOutput("string-into-int-field", files: ["all.yaml", "svc.yaml"])
    }
    @Test func rejectByLabelSelector() throws { try expectOutput("target-select-by-name-reject-by-label") }
    @Test func wildcardTargetsEveryElement() throws { try expectOutput("wildcard-list-target") }

    @Test func generatedSourceIsSeenBeforeItsHash() throws {
        var map = try RefFixtures.caseResources("replacements/source-generated-configmap-name-is-unhashed/input/cm.yaml")
        try map.append(
            Resource(node: .mapping(Mapping([
                "apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                "metadata": .mapping(Mapping(["name": .string("gen")])), "data": .mapping(Mapping(["A": .string("1")])),
            ]))))
        try Replacements.apply(try replacements("replacements/source-generated-configmap-name-is-unhashed/input"), to: &map)
        Renames.rename(&map, kind: "ConfigMap", from: "gen", to: "gen-89g4tffbfk")
        expectSameObjects(map, try RefFixtures.caseExpected("replacements/source-generated-configmap-name-is-unhashed"))
    }

    @Test func sourceSelectedByOriginalNameAfterPrefix() throws {
        let directory = "replacements/source-in-base-target-in-overlay-after-prefix/input"
        var map = try RefFixtures.caseResources("\(directory)/base/all.yaml")
        Renames.prefix(&map, "ov-")
        try Replacements.apply(try replacements("\(directory)/overlay"), to: &map)
        expectSameObjects(map, try RefFixtures.caseExpected("replacements/source-in-base-target-in-overlay-after-prefix"))
    }

    @Test func pathAndInlineTogetherIsAnError() throws {
        let node = try #require(try RefFixtures.documents("path: r.yaml\nsource: {kind: A}\n").first)
        let message = buildErrorMessage { () throws(BuildError) in
            _ = try Replacements.parse([node], file: "k.yaml") { (_: String) throws(BuildError) in "" }
        }
        #expect(message == "cannot specify both path and inline replacement")
    }

    @Test func replacementWithoutTargetsIsAnError() throws {
        var map = try RefFixtures.fixtureResources("two-services-in-namespaces.yaml")
        let r = Replacement(source: .init(selector: ResourceId(gvk: GroupVersionKind(kind: "Service"), name: "api")), targets: [])
        let message = buildErrorMessage { () throws(BuildError) in try Replacements.apply([r], to: &map) }
        #expect(message == "replacements must specify a source and at least one target")
    }

    @Test func twoSourcesMatchingIsAnError() throws {
        var map = try RefFixtures.fixtureResources("two-services-in-namespaces.yaml")
        let r = Replacement(
            source: .init(selector: ResourceId(gvk: GroupVersionKind(kind: "Service"), name: "api")),
            targets: [.init(select: .init(id: ResourceId(gvk: GroupVersionKind(kind: "Service"), name: "")))])
        let message = buildErrorMessage { () throws(BuildError) in try Replacements.apply([r], to: &map) }
        #expect(message == "multiple matches for selector Service.[noVer].[noGrp]/api.[noNs]")
    }

    @Test func unknownInlineFieldIsAnError() throws {
        let node = try #require(try RefFixtures.documents("source: {kind: A, fieldpath: x, nope: 1}\n").first)
        let message = buildErrorMessage { () throws(BuildError) in _ = try Replacement(node: node, file: "k.yaml") }
        #expect(message == "json: unknown field \"nope\"")
    }
}
