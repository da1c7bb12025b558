import Overlays
import Testing

/// Generators run on the kustomizations under `Fixtures/`, compared with what kubectl printed
/// for them (`expected.yaml` beside each).
struct GeneratorFixtureTests {
    func hashed(_ resource: Resource) throws -> Resource {
        var resource = resource
        if resource.generator?.appendHashSuffix == true { try NameHash.appendSuffix(to: &resource) }
        return resource
    }

    func expected(_ fixture: String) -> [String] {
        GeneratorCaseSupport.text(GeneratorCaseSupport.fixturesDirectory + "/\(fixture)/expected.yaml")
            .components(separatedBy: "---\n")
    }

    @Test func envFileQuirksMatchKubectl() throws {
        let generated = try hashed(GeneratorCaseSupport.generateFixture("env-quirks"))
        #expect(try GeneratorCaseSupport.yaml(generated) == expected("env-quirks")[0])
    }

    @Test func longBase64ValuesAreCutIntoLines() throws {
        let configMap = try hashed(GeneratorCaseSupport.generateFixture("long-values"))
        let secret = try hashed(GeneratorCaseSupport.generateFixture("long-values", kind: .secret))
        #expect(try [GeneratorCaseSupport.yaml(configMap), GeneratorCaseSupport.yaml(secret)] == expected("long-values"))
    }

    @Test func emptyConfigMapHasNoDataField() throws {
        let resource = try ConfigMapGenerator.make(
            GeneratorArgs(kind: .configMap, name: "aa"), options: nil, fs: DiskFileSystem(),
            resolvePath: { (p: String) throws(BuildError) -> String in p })
        #expect(resource.node["data"] == nil)
        #expect(try hashed(resource).name == "aa-6ct58987ht")
    }

    @Test func missingNameIsErrorForSecretsToo() {
        #expect(throws: BuildError("a configmap must have a name")) {
            try SecretGenerator.make(
                GeneratorArgs(kind: .secret), options: nil, fs: DiskFileSystem(),
                resolvePath: { (p: String) throws(BuildError) -> String in p })
        }
    }

    @Test func generatedObjectCarriesBehaviorAndHashFlag() throws {
        var args = GeneratorArgs(kind: .configMap, name: "cfg")
        args.behavior = "replace"
        let resource = try ConfigMapGenerator.make(
            args, options: GeneratorOptions(disableNameSuffixHash: true), fs: DiskFileSystem(),
            resolvePath: { (p: String) throws(BuildError) -> String in p })
        #expect(resource.generator == GeneratorInfo(behavior: .replace, appendHashSuffix: false))
    }
}
