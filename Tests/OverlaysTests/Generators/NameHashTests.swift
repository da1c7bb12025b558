import Overlays
import Testing

struct NameHashTests {
    func configMap(name: String, data: KeyValuePairs<String, Node>, extra: KeyValuePairs<String, Node> = [:]) -> Node {
        var object = Mapping(["apiVersion": .string("v1"), "kind": .string("ConfigMap")])
        object["metadata"] = .mapping(Mapping(["name": .string(name)]))
        object["data"] = .mapping(Mapping(data))
        for (key, value) in extra { object[key] = value }
        return .mapping(object)
    }

    @Test func hashSuffixIgnoresName() throws {
        let one = try NameHash.suffix(for: configMap(name: "one", data: ["K": .string("V1")]))
        let three = try NameHash.suffix(for: configMap(name: "three", data: ["K": .string("V1")]))
        #expect(one == "4cmtm4t2fc")
        #expect(three == one)
    }

    @Test func hashSuffixChangesWithData() throws {
        #expect(try NameHash.suffix(for: configMap(name: "two", data: ["K": .string("V2")])) == "8d5gdbdc62")
    }

    @Test func hashSuffixIgnoresLabelsAnnotationsAndImmutable() throws {
        var node = configMap(name: "cfg", data: ["A": .string("1")], extra: ["immutable": .bool(true)])
        node.set(.string("x"), at: ["metadata", "labels", "l"])
        node.set(.string("y"), at: ["metadata", "annotations", "a"])
        #expect(try NameHash.suffix(for: node) == "89g4tffbfk")
    }

    @Test func configMapWithoutDataHashesDataAsEmptyString() throws {
        let node = Node.mapping(Mapping(["kind": .string("ConfigMap"), "metadata": .mapping(Mapping(["name": .string("aa")]))]))
        #expect(try NameHash.hashedJSON(for: node) == #"{"data":"","kind":"ConfigMap","name":""}"#)
        #expect(try NameHash.suffix(for: node) == "6ct58987ht")
    }

    @Test func secretTypeChangesHash() throws {
        func secret(_ type: String) -> Node {
            .mapping(Mapping([
                "kind": .string("Secret"), "type": .string(type),
                "data": .mapping(Mapping(["k": .string("dg==")])),
            ]))
        }
        #expect(try NameHash.suffix(for: secret("Opaque")) == "ftgtgc4t9f")
        #expect(try NameHash.suffix(for: secret("example.com/custom")) == "hfkk6g8tbh")
    }

    @Test func hashedJSONEscapesLikeGo() throws {
        // kubectl named this ConfigMap esc-bb8c7df5t6 (and then refused to print the control characters).
        let node = configMap(name: "esc", data: [
            "html": .string("<b>&amp;</b>"),
            "special.txt": .string("a<&>b\n\u{01}\u{08}\u{0C}\u{7F} \u{2028}\u{2029} \"q\" \\ é\n"),
        ])
        let json = try NameHash.hashedJSON(for: node)
        #expect(json.contains(#"\u003cb\u003e\u0026amp;\u003c/b\u003e"#))
        #expect(json.contains(#"\n\u0001\b\f"#))
        #expect(json.contains(#"\u2028\u2029 \"q\" \\ é"#))
        #expect(try NameHash.suffix(for: node) == "bb8c7df5t6")
    }

    @Test func otherKindsAreNotSupported() {
        #expect(throws: BuildError.self) {
            try NameHash.suffix(for: .mapping(Mapping(["kind": .string("Deployment")])))
        }
    }

    @Test func appendSuffixRemembersThePreviousId() throws {
        var resource = Resource(node: configMap(name: "cfg", data: ["A": .string("1")]))
        try NameHash.appendSuffix(to: &resource)
        #expect(resource.name == "cfg-89g4tffbfk")
        #expect(resource.previousIds.map(\.name) == ["cfg"])
    }
}
