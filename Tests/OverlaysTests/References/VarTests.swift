import Testing

@testable import Overlays

/// Corpus `vars/*` and var errors: vars are registered per kustomization, then resolved once.
@Suite struct VarTests {
    private func vars(_ kustomization: String) throws -> [Var] {
        let node = try #require(try RefFixtures.documents(RefFixtures.caseText(kustomization)).first)
        var result: [Var] = []
        for item in node["vars"]?.sequence ?? [] { result.append(try Var(node: item, file: kustomization)) }
        return result
    }

    /// One kustomization: resources, optional renames, vars registered, references fixed, vars resolved.
    private func run(
        _ caseName: String, files: [String] = ["all.yaml"], config: TransformerConfig = .builtin,
        rename: (inout ResourceMap) -> Void = { _ in }
    ) throws -> ResourceMap {
        let directory = "vars/\(caseName)"
        var map = ResourceMap()
        for file in files {
            for node in try RefFixtures.documents(RefFixtures.caseText("\(directory)/input/\(file)")) {
                try map.append(Resource(node: node))
            }
        }
        rename(&map)
        var set = VarSet()
        try Vars.register(try vars("\(directory)/input/kustomization.yaml"), in: &map, set: &set)
        try NameReferences.fix(&map, config: config)
        try Vars.resolve(&map, set: set, config: config)
        return map
    }

    @Test func varInArgsTakesServiceNameAndUnknownVarsStay() throws {
        expectSameObjects(try run("var-in-command-args"), try RefFixtures.caseExpected("vars/var-in-command-args"))
    }

    @Test func doubleDollarEscapesAVar() throws {
        expectSameObjects(try run("var-escaped-double-dollar"), try RefFixtures.caseExpected("vars/var-escaped-double-dollar"))
    }

    @Test func varFollowsPrefixedName() throws {
        let map = try run("var-follows-prefix") { Renames.prefix(&$0, "dev-") }
        expectSameObjects(map, try RefFixtures.caseExpected("vars/var-follows-prefix"))
    }

    @Test func varWithNamespaceFieldRef() throws {
        let map = try run("var-metadata-namespace-fieldref") { Renames.namespace(&$0, "prod") }
        expectSameObjects(map, try RefFixtures.caseExpected("vars/var-metadata-namespace-fieldref"))
    }

    @Test func wholeValueVarKeepsItsIntType() throws {
        let map = try run("var-with-fieldref-in-env-value")
        expectSameObjects(map, try RefFixtures.caseExpected("vars/var-with-fieldref-in-env-value"))
    }

    @Test func varOutsideVarReferenceFieldsIsLeftAlone() throws {
        let map = try run("var-not-in-default-fieldspec-left-alone")
        expectSameObjects(map, try RefFixtures.caseExpected("vars/var-not-in-default-fieldspec-left-alone"))
    }

    @Test func configurationsAddVarReferenceFields() throws {
        let extra = try TransformerConfig(
            yaml: RefFixtures.caseText("vars/var-custom-configuration-fieldspec/input/varref.yaml"), file: "varref.yaml")
        let config = try TransformerConfig.makeConfig(files: [extra])
        let map = try run("var-custom-configuration-fieldspec", config: config)
        expectSameObjects(map, try RefFixtures.caseExpected("vars/var-custom-configuration-fieldspec"))
    }

    @Test func varDefinedInBaseIsUsedInOverlay() throws {
        let directory = "vars/var-defined-in-base-used-in-overlay/input"
        var base = try RefFixtures.caseResources("\(directory)/base/svc.yaml")
        var baseVars = VarSet()
        try Vars.register(try vars("\(directory)/base/kustomization.yaml"), in: &base, set: &baseVars)
        var overlay = ResourceMap()
        try overlay.append(contentsOf: base)
        try overlay.append(contentsOf: try RefFixtures.caseResources("\(directory)/overlay/pod.yaml"))
        var set = VarSet()
        try set.merge(baseVars)
        try Vars.register([], in: &overlay, set: &set)
        try Vars.resolve(&overlay, set: set, config: .builtin)
        expectSameObjects(overlay, try RefFixtures.caseExpected("vars/var-defined-in-base-used-in-overlay"))
    }

    @Test func objrefMatchingNothingIsAnError() throws {
        var message: String?
        do {
            _ = try run("var-objref-not-found-is-error", files: ["pod.yaml"])
        } catch let error as BuildError {
            message = error.message
        }
        #expect(message == (try RefFixtures.caseError("vars/var-objref-not-found-is-error")))
    }

    @Test func duplicateVarNameIsAnError() throws {
        var map = try RefFixtures.caseResources("errors/vars-duplicate-name/input/svc.yaml")
        var set = VarSet()
        let list = try vars("errors/vars-duplicate-name/input/kustomization.yaml")
        let message = buildErrorMessage { () throws(BuildError) in try Vars.register(list, in: &map, set: &set) }
        #expect(message == (try RefFixtures.caseError("errors/vars-duplicate-name")))
    }

    @Test func twoObjectsMatchingAVarIsAnError() throws {
        var map = try RefFixtures.fixtureResources("two-services-in-namespaces.yaml")
        var set = VarSet()
        let v = Var(name: "SVC", objRef: .init(apiVersion: "v1", gvk: GroupVersionKind(kind: "Service"), name: "api"))
        let message = buildErrorMessage { () throws(BuildError) in try Vars.register([v], in: &map, set: &set) }
        #expect(
            message
                == "merging vars [{SVC Service.[noVer].[noGrp] {}}]: found 2 resId matches for var {SVC Service.v1.[noGrp] {}} (unable to disambiguate)"
        )
    }

    @Test func nonStringListItemInVarFieldIsAnError() throws {
        var map = try RefFixtures.fixtureResources("pod-with-int-arg.yaml")
        var set = VarSet()
        let v = Var(name: "SVC", objRef: .init(apiVersion: "v1", gvk: GroupVersionKind(kind: "Service"), name: "api"))
        try Vars.register([v], in: &map, set: &set)
        let message = buildErrorMessage { () throws(BuildError) in try Vars.resolve(&map, set: set, config: .builtin) }
        #expect(
            message
                == "considering field 'spec/containers/args' of object Pod.v1.[noGrp]/client.[noNs]: visit traversal on path: [args]: invalid value type expect a string"
        )
    }

    @Test func unknownFieldInVarIsAnError() throws {
        let node = try #require(try RefFixtures.documents("name: X\nobjref: {kind: Service, name: a}\nextra: 1\n").first)
        let message = buildErrorMessage { () throws(BuildError) in _ = try Var(node: node, file: "k.yaml") }
        #expect(message == "json: unknown field \"extra\"")
    }

    @Test func expansionHandlesEscapesAndUnclosedReferences() {
        let values: [String: VarValue] = ["A": .string("x"), "N": .int(3)]
        func run(_ s: String) -> VarExpansion.Result { VarExpansion.expand(s) { values[$0] } }
        #expect(run("$(A)-$(N)") == .text("x-3"))
        #expect(run("$(N)") == .whole(.int(3)))
        #expect(run("$$(A)") == .text("$(A)"))
        #expect(run("$(B)") == .text("$(B)"))
        #expect(run("a$(A") == .text("a$(A"))
        #expect(run("$x$") == .text("$x$"))
    }
}
