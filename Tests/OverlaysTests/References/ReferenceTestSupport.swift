import Foundation
import Testing

@testable import Overlays

/// Reads corpus cases and local fixtures, and simulates the renames the build pipeline makes,
/// so reference fixing can be tested on its own.
enum RefFixtures {
    static let referencesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let casesDirectory = referencesDirectory.deletingLastPathComponent().appendingPathComponent("Cases")
    static let fixturesDirectory = referencesDirectory.appendingPathComponent("Fixtures")

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func text(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Missing(description: "no file \(url.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func caseText(_ path: String) throws -> String {
        try text(casesDirectory.appendingPathComponent(path))
    }

    static func fixtureText(_ path: String) throws -> String {
        try text(fixturesDirectory.appendingPathComponent(path))
    }

    static func documents(_ text: String, file: String = "test.yaml") throws -> [Node] {
        try YAMLParser.documents(text, file: file).filter { !$0.isNull }
    }

    /// The objects of some files of a corpus case, in file order.
    static func caseResources(_ files: String...) throws -> ResourceMap {
        var map = ResourceMap()
        for file in files {
            for node in try documents(caseText(file), file: file) {
                try map.append(Resource(node: node))
            }
        }
        return map
    }

    static func fixtureResources(_ file: String) throws -> ResourceMap {
        var map = ResourceMap()
        for node in try documents(fixtureText(file), file: file) {
            try map.append(Resource(node: node))
        }
        return map
    }

    static func caseExpected(_ caseDirectory: String) throws -> [Node] {
        try documents(caseText("\(caseDirectory)/expected.yaml"))
    }

    static func caseError(_ caseDirectory: String) throws -> String {
        try caseText("\(caseDirectory)/expected-error.txt").trimmingCharacters(in: .newlines)
    }
}

/// What kustomize's prefix/suffix transformers do to names and build bookkeeping.
enum Renames {
    static func isSkippedByPrefix(_ r: Resource) -> Bool {
        let gvk = r.originalId.gvk
        return gvk.kind == "CustomResourceDefinition" || gvk.kind == "Namespace"
            || (gvk.kind == "APIService" && gvk.group == "apiregistration.k8s.io")
    }

    static func prefix(_ map: inout ResourceMap, _ prefix: String) {
        for i in map.indices where !isSkippedByPrefix(map[i]) {
            map[i].namePrefixes.append(prefix)
            map[i].rememberCurrentId()
            map[i].name = prefix + map[i].name
        }
    }

    static func suffix(_ map: inout ResourceMap, _ suffix: String) {
        for i in map.indices where !isSkippedByPrefix(map[i]) {
            map[i].nameSuffixes.append(suffix)
            map[i].rememberCurrentId()
            map[i].name = map[i].name + suffix
        }
    }

    /// A rename by a patch or the hash suffix of a generated object.
    static func rename(_ map: inout ResourceMap, kind: String, from old: String, to new: String, namespace: String? = nil) {
        for i in map.indices where map[i].kind == kind && map[i].name == old {
            if let namespace, map[i].namespace != namespace { continue }
            map[i].rememberCurrentId()
            map[i].name = new
        }
    }

    /// kustomize's last step rewrites every object's annotations as strings (removing its build
    /// annotations), so a number written into an annotation comes out quoted.
    static func finishAnnotations(_ map: inout ResourceMap) {
        for i in map.indices {
            guard let annotations = map[i].node["metadata", "annotations"]?.mapping, !annotations.isEmpty else { continue }
            var strings = Mapping()
            for entry in annotations { strings[entry.key] = .string(entry.value.scalarText ?? "") }
            map[i].node.set(.mapping(strings), at: ["metadata", "annotations"])
        }
    }

    /// The namespace transformer: every object remembers its id; namespaced ones move.
    static func namespace(_ map: inout ResourceMap, _ namespace: String) {
        for i in map.indices {
            map[i].rememberCurrentId()
            if !map[i].gvk.isClusterScoped { map[i].namespace = namespace }
        }
    }
}

/// Compares objects with the expected output, ignoring object order (kustomize sorts them on output).
func expectSameObjects(
    _ map: ResourceMap, _ expected: [Node], sourceLocation: SourceLocation = #_sourceLocation
) {
    func key(_ node: Node) -> String {
        let r = Resource(node: node)
        return "\(r.kind)|\(r.namespace)|\(r.name)"
    }
    let actual = map.resources.map(\.node).sorted { key($0) < key($1) }
    let wanted = expected.sorted { key($0) < key($1) }
    #expect(actual.count == wanted.count, sourceLocation: sourceLocation)
    for (a, w) in zip(actual, wanted) where a != w {
        let shownA = (try? YAMLEmitter.document(a)) ?? "\(a)"
        let shownW = (try? YAMLEmitter.document(w)) ?? "\(w)"
        Issue.record("object differs:\n--- actual\n\(shownA)--- expected\n\(shownW)", sourceLocation: sourceLocation)
    }
}

/// Runs a throwing build step and returns its error message, or nil when it succeeds.
func buildErrorMessage(_ body: () throws(BuildError) -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return error.message
    }
}
