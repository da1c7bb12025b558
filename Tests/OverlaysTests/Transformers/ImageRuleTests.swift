import Testing

@testable import Overlays

/// An `images:` name is a regular expression in kustomize; the direct matcher for simple names must
/// agree with that expression on every image.
@Suite struct ImageRuleTests {
    static let names = ["nginx", "registry.example.com/app", "localhost:5000/app", "a.b"]
    static let images = [
        "nginx", "nginx:1.27", "nginx:1.27@sha256:abc", "nginx@sha256:abc", "nginx:", "nginx:1/2", "nginxx",
        "nginx@md5:abc", "registry.example.com/app:1", "registryXexampleYcom/app:2", "localhost:5000/app:3",
        "localhost:5000/app", "a.b", "axb:1", "ab", "nginx:{{tag}}", "nginx:1.0@sha256:",
    ]

    @Test(arguments: names)
    func directMatchAgreesWithTheRegularExpression(_ name: String) throws {
        let rule = ImageRules.Rule(try Self.image(named: name))
        let pattern = try Regex("^\(name)(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$")
        for image in Self.images {
            #expect(rule.matches(image) == ((try? pattern.wholeMatch(in: image)) != nil), "\(name) vs \(image)")
        }
    }

    static func image(named name: String) throws -> ImageSpec {
        let node = try YAMLParser.documents("name: \"\(name)\"\nnewTag: x\n", file: "images")[0]
        return try ImageSpec(node: node, file: "images")
    }
}
