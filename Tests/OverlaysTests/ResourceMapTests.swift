import Overlays
import Testing

struct ResourceMapTests {
    private func configMap(_ name: String, namespace: String? = nil) throws -> Resource {
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\n"
        if let namespace { yaml += "  namespace: \(namespace)\n" }
        return Resource(node: try #require(try YAMLParser.documents(yaml, file: "t.yaml").first))
    }

    @Test func appendingAnIdAlreadyPresentIsAnError() throws {
        var map = ResourceMap()
        try map.append(try configMap("a"))
        #expect(throws: BuildError.self) { try map.append(try configMap("a", namespace: "default")) }
        try map.append(try configMap("a", namespace: "other"))
        #expect(map.count == 2)
    }

    @Test func renamingAnObjectFreesItsOldId() throws {
        var map = ResourceMap()
        try map.append(try configMap("a"))
        try map.append(try configMap("b"))
        try map.transform { $0.name = "c" }
        try map.append(try configMap("a"))
        #expect(throws: BuildError.self) { try map.append(try configMap("c")) }
    }
}
