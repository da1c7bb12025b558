import Testing

@testable import Overlays

/// Built-in field specs, `configurations:` and `crds:` files (corpus `crds-configurations/*`).
@Suite struct TransformerConfigTests {
    @Test func builtinConfigHasKustomizesLists() {
        let config = TransformerConfig.builtin
        #expect(config.namePrefix == [FieldSpec(path: "metadata/name")])
        #expect(config.nameReference.count == 16)
        #expect(config.nameReference.first?.gvk.kind == "StorageClass")
        #expect(config.varReference.count == 72)
        #expect(config.images.count == 4)
        #expect(config.replicas.count == 4)
        #expect(config.commonLabels.contains(FieldSpec(gvk: GroupVersionKind(version: "v1", kind: "Service"), path: "spec/selector", create: true)))
        #expect(config.templateLabels.count == 10)
    }

    @Test func builtinConfigKeepsEscapedSlashInAnnotationPath() throws {
        let configMap = try #require(TransformerConfig.builtin.nameReference.first { $0.gvk.kind == "ConfigMap" })
        let spec = try #require(configMap.referrers.first { $0.gvk.kind == "Ingress" })
        #expect(spec.segments == ["metadata", "annotations", "nginx.ingress.kubernetes.io/fastcgi-params-configmap"])
    }

    @Test func unknownFieldInConfigurationsFileIsAnError() throws {
        let directory = "crds-configurations/configurations-unknown-field-is-error"
        let message = buildErrorMessage { () throws(BuildError) in
            _ = try TransformerConfig(
                yaml: (try? RefFixtures.caseText("\(directory)/input/kustomizeconfig.yaml")) ?? "", file: "kustomizeconfig.yaml")
        }
        #expect(message == (try RefFixtures.caseError(directory)))
    }

    @Test func wrongTypeInConfigurationsFileNamesTheField() {
        let message = buildErrorMessage { () throws(BuildError) in
            _ = try TransformerConfig(yaml: "namePrefix:\n- path: x\n  create: yes-please\n", file: "c.yaml")
        }
        #expect(
            message
                == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field FieldSpec.namePrefix.create of type bool"
        )
    }

    @Test func configurationsKeysMatchCaseInsensitively() throws {
        let config = try TransformerConfig(yaml: "NamePrefix:\n- Path: spec/x\n  KIND: App\n", file: "c.yaml")
        #expect(config.namePrefix == [FieldSpec(gvk: GroupVersionKind(kind: "App"), path: "spec/x")])
    }

    @Test func mergeAddsOnlySpecsNotEffectivelyPresent() throws {
        let extra = try TransformerConfig(
            yaml: "namePrefix:\n- path: metadata/name\n  kind: App\n- path: spec/serviceName\n  kind: App\n", file: "c.yaml")
        let merged = try TransformerConfig.builtin.merged(with: extra)
        // Incoming specs are dropped when an existing one is picked by their type: the built-in
        // wildcard does not pick up {kind: App}, but {kind: App} is picked by the incoming wildcard.
        #expect(merged.namePrefix.count == 3)
        let again = try extra.merged(with: TransformerConfig.builtin)
        #expect(again.namePrefix.count == 2)
    }

    @Test func mergeWithConflictingCreateIsAnError() throws {
        let a = try TransformerConfig(yaml: "images:\n- path: spec/x\n  create: true\n", file: "a.yaml")
        let b = try TransformerConfig(yaml: "images:\n- path: spec/x\n", file: "b.yaml")
        let message = buildErrorMessage { () throws(BuildError) in _ = try a.merged(with: b) }
        #expect(message == "failed to merge Images fieldSpec: conflicting fieldspecs")
    }

    @Test func nameReferenceEntriesOfOneTypeMerge() throws {
        let extra = try TransformerConfig(
            yaml: "nameReference:\n- kind: ConfigMap\n  version: v1\n  fieldSpecs:\n  - kind: App\n    path: spec/cm\n",
            file: "c.yaml")
        let merged = try TransformerConfig.makeConfig(files: [extra])
        #expect(merged.nameReference.count == TransformerConfig.builtin.nameReference.count)
        let configMap = try #require(merged.nameReference.first { $0.gvk.kind == "ConfigMap" })
        #expect(configMap.referrers.last == FieldSpec(gvk: GroupVersionKind(kind: "App"), path: "spec/cm"))
    }

    @Test func configurationsNameReferenceFollowsHashedConfigMap() throws {
        let directory = "crds-configurations/configurations-name-reference-for-crd-field"
        let extra = try TransformerConfig(
            yaml: RefFixtures.caseText("\(directory)/input/kustomizeconfig.yaml"), file: "kustomizeconfig.yaml")
        var map = try RefFixtures.caseResources("\(directory)/input/app.yaml")
        try map.append(
            Resource(node: .mapping(Mapping([
                "apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                "metadata": .mapping(Mapping(["name": .string("app-settings")])),
                "data": .mapping(Mapping(["A": .string("1")])),
            ]))))
        Renames.rename(&map, kind: "ConfigMap", from: "app-settings", to: "app-settings-89g4tffbfk")
        try NameReferences.fix(&map, config: try TransformerConfig.makeConfig(files: [extra]))
        expectSameObjects(map, try RefFixtures.caseExpected(directory))
    }

    @Test func baseConfigurationsApplyToOverlayRenames() throws {
        let directory = "crds-configurations/configurations-in-base-apply-in-overlay"
        let extra = try TransformerConfig(
            yaml: RefFixtures.caseText("\(directory)/input/base/kustomizeconfig.yaml"), file: "kustomizeconfig.yaml")
        // The overlay's accumulated config: the base's (defaults + file), then the overlay's defaults.
        let accumulated = try TransformerConfig().merged(with: TransformerConfig.makeConfig(files: [extra]))
            .merged(with: .builtin)
        var map = try RefFixtures.caseResources("\(directory)/input/base/all.yaml")
        Renames.prefix(&map, "ov-")
        try NameReferences.fix(&map, config: accumulated)
        expectSameObjects(map, try RefFixtures.caseExpected(directory))
    }

    @Test func crdObjectRefAnnotationsMakeNameReferences() throws {
        let directory = "crds-configurations/crds-field-name-reference-to-secret"
        let crds = try TransformerConfig.fromCRDs([
            (path: "mykind-openapi.json", text: try RefFixtures.caseText("\(directory)/input/mykind-openapi.json"))
        ])
        #expect(crds.nameReference == [
            NameBackReference(
                gvk: GroupVersionKind(version: "v1", kind: "Secret"),
                referrers: [FieldSpec(gvk: GroupVersionKind(kind: "MyKind"), path: "spec/secretRef/name")])
        ])
        let config = try TransformerConfig.builtin.merged(with: crds)
        var map = try RefFixtures.caseResources("\(directory)/input/all.yaml")
        Renames.prefix(&map, "test-")
        try NameReferences.fix(&map, config: config)
        expectSameObjects(map, try RefFixtures.caseExpected(directory))
    }

    @Test func crdIdentityLabelAndAnnotationMarkersAddFieldSpecs() throws {
        let config = try TransformerConfig(crdText: try RefFixtures.fixtureText("crd-markers.yaml"), file: "crd-markers.yaml")
        let app = GroupVersionKind(kind: "App")
        #expect(config.namePrefix == [FieldSpec(gvk: app, path: "spec/identity")])
        #expect(config.commonLabels == [FieldSpec(gvk: app, path: "spec/selector")])
        #expect(config.commonAnnotations == [FieldSpec(gvk: app, path: "spec/notes")])
        #expect(config.nameReference.first?.referrers == [FieldSpec(gvk: app, path: "spec/config/cmName")])
    }
}
