import Overlays
import Testing

/// Decoding generator entries as kustomize decodes a kustomization (messages checked with kubectl).
struct GeneratorArgsTests {
    func entry(_ yaml: String, kind: GeneratorKind = .configMap) throws -> GeneratorArgs {
        let node = try YAMLParser.documents(yaml, file: "kustomization.yaml").first ?? .null
        return try GeneratorArgs(node: node, file: "kustomization.yaml", kind: kind)
    }

    func decodeError(_ yaml: String, kind: GeneratorKind = .configMap) -> String? {
        do {
            _ = try entry(yaml, kind: kind)
            return nil
        } catch let error as BuildError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func readsAllFields() throws {
        let args = try entry(
            """
            name: cfg
            namespace: ns
            behavior: merge
            literals: [A=1]
            files: [f.txt, k=g.txt]
            envs: [a.env]
            options: {labels: {l: v}, annotations: {a: b}, disableNameSuffixHash: true, immutable: true}
            """)
        #expect(args.name == "cfg")
        #expect(args.namespace == "ns")
        #expect(args.generationBehavior == .merge)
        #expect(args.literals == ["A=1"])
        #expect(args.files == ["f.txt", "k=g.txt"])
        #expect(args.envs == ["a.env"])
        #expect(args.options == GeneratorOptions(labels: ["l": "v"], annotations: ["a": "b"], disableNameSuffixHash: true, immutable: true))
    }

    @Test func legacyEnvIsAppendedAfterEnvs() throws {
        let args = try entry("name: x\nenv: legacy.env\nenvs: [a.env]")
        #expect(args.envs == ["a.env", "legacy.env"])
    }

    @Test func unknownBehaviorActsAsCreate() throws {
        #expect(try entry("name: x\nbehavior: upsert").generationBehavior == .create)
    }

    @Test func unknownFieldIsRejected() {
        #expect(decodeError("name: x\nfoo: 1") == #"invalid Kustomization: json: unknown field "foo""#)
    }

    @Test func secretTypeIsUnknownOnConfigMapEntries() throws {
        #expect(decodeError("name: x\ntype: foo") == #"invalid Kustomization: json: unknown field "type""#)
        #expect(try entry("name: x\ntype: foo", kind: .secret).type == "foo")
    }

    @Test func fieldNamesMatchCaseInsensitively() throws {
        let args = try entry("NAME: x\nLiterals: [a=b]\nOptions: {DisableNameSuffixHash: true}")
        #expect(args.name == "x")
        #expect(args.literals == ["a=b"])
        #expect(args.options?.disableNameSuffixHash == true)
    }

    @Test func laterKeyInSortedOrderWins() throws {
        // sigs.k8s.io/yaml sorts keys: "Name" comes before "name", so "name" is decoded last.
        #expect(try entry("name: aa\nName: bb").name == "aa")
    }

    @Test func wrongTypeNamesGoStructAndFieldPath() {
        #expect(
            decodeError("name: x\nliterals: abc")
                == "invalid Kustomization: json: cannot unmarshal string into Go struct field ConfigMapArgs.configMapGenerator.literals of type []string"
        )
        #expect(
            decodeError("name: x\nenvs: {a: b}", kind: .secret)
                == "invalid Kustomization: json: cannot unmarshal object into Go struct field SecretArgs.secretGenerator.envs of type []string"
        )
        #expect(
            decodeError("name: x\nenv: [a]")
                == "invalid Kustomization: json: cannot unmarshal array into Go struct field ConfigMapArgs.configMapGenerator.env of type string"
        )
        #expect(
            decodeError("name: x\nliterals: [a=b, 3]")
                == "invalid Kustomization: json: cannot unmarshal number into Go struct field ConfigMapArgs.configMapGenerator.literals of type string"
        )
    }

    @Test func wrongOptionTypesNameGeneratorOptions() {
        #expect(
            decodeError("name: x\noptions: abc")
                == "invalid Kustomization: json: cannot unmarshal string into Go struct field ConfigMapArgs.configMapGenerator.options of type types.GeneratorOptions"
        )
        #expect(
            decodeError("name: x\noptions: {labels: {a: 1}}")
                == "invalid Kustomization: json: cannot unmarshal number into Go struct field GeneratorOptions.configMapGenerator.options.labels of type string"
        )
        #expect(
            decodeError("name: x\noptions: {labels: [a]}")
                == "invalid Kustomization: json: cannot unmarshal array into Go struct field GeneratorOptions.configMapGenerator.options.labels of type map[string]string"
        )
        #expect(
            decodeError("name: x\noptions: {disableNameSuffixHash: \"true\"}")
                == "invalid Kustomization: json: cannot unmarshal string into Go struct field GeneratorOptions.configMapGenerator.options.disableNameSuffixHash of type bool"
        )
    }

    @Test func firstProblemInSortedKeyOrderIsReported() {
        #expect(
            decodeError("name: x\nzeta: 1\nbehavior: [1]")
                == "invalid Kustomization: json: cannot unmarshal array into Go struct field ConfigMapArgs.configMapGenerator.behavior of type string"
        )
    }

    @Test func nullValuesDecodeToZeroValues() throws {
        let args = try entry("name: x\nliterals: [a=b, null]\noptions: {labels: {a: null}}\nbehavior: null")
        #expect(args.literals == ["a=b", ""])
        #expect(args.options?.labels == ["a": ""])
        #expect(args.behavior == "")
    }

    @Test func entryThatIsNotAMappingIsRejected() throws {
        let node = try YAMLParser.documents("- abc", file: "k").first ?? .null
        #expect(throws: BuildError(
            "invalid Kustomization: json: cannot unmarshal string into Go struct field Kustomization.configMapGenerator of type types.ConfigMapArgs"
        )) {
            try GeneratorArgs.list(node: node, file: "k", kind: .configMap)
        }
    }

    @Test func generatorListThatIsNotASequenceIsRejected() throws {
        #expect(throws: BuildError(
            "invalid Kustomization: json: cannot unmarshal object into Go struct field Kustomization.secretGenerator of type []types.SecretArgs"
        )) {
            try GeneratorArgs.list(node: .mapping(Mapping()), file: "k", kind: .secret)
        }
    }
}
