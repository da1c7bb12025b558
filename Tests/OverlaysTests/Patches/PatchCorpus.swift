import Foundation

@testable import Overlays

/// Runs the patch-related cases of the kustomize corpus (`Cases/`) with only resource loading and
/// the patch transformers, for the cases that need nothing else. The full build will replace this.
enum PatchCorpus {
    static let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Cases")

    struct Skip: Error { var reason: String }

    enum Expectation: Equatable {
        case output([String])
        case error(String)
    }

    /// Case names (area/name) of the given areas.
    static func names(in areas: [String]) -> [String] {
        areas.flatMap { area in
            ((try? FileManager.default.contentsOfDirectory(atPath: cases.appendingPathComponent(area).path)) ?? [])
                .sorted().map { "\(area)/\($0)" }
        }
    }

    static func expected(_ name: String) throws -> Expectation {
        let dir = cases.appendingPathComponent(name)
        if let error = try? String(contentsOf: dir.appendingPathComponent("expected-error.txt"), encoding: .utf8) {
            return .error(error.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let text = try String(contentsOf: dir.appendingPathComponent("expected.yaml"), encoding: .utf8)
        return .output(split(text))
    }

    static func split(_ stream: String) -> [String] {
        stream.components(separatedBy: "\n---\n").map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.sorted()
    }

    /// The case's documents after patching, or the error; throws `Skip` for unsupported cases.
    static func run(_ name: String) throws -> Expectation {
        let dir = cases.appendingPathComponent(name)
        if name.hasSuffix("updates-references") { throw Skip(reason: "needs name references") }
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent("root").path) {
            throw Skip(reason: "overlay root")
        }
        let root = dir.appendingPathComponent("input")
        let kustomization = try load(root.appendingPathComponent("kustomization.yaml"))[0]
        let supported: Set<String> = ["resources", "patches", "patchesStrategicMerge", "patchesJson6902", "openapi"]
        for key in kustomization.mapping?.keys ?? [] where !supported.contains(key) {
            throw Skip(reason: "uses \(key)")
        }
        var resources: [Node] = []
        for entry in kustomization["resources"]?.sequence ?? [] {
            guard let file = entry.string else { throw Skip(reason: "odd resource") }
            var isDir: ObjCBool = false
            let url = root.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else {
                throw Skip(reason: "resource directory or missing")
            }
            resources += try load(url).filter { !$0.isNull }
        }
        var schema = MergeSchema.builtin
        if let path = kustomization["openapi", "path"]?.string {
            let url = root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { throw Skip(reason: "missing schema") }
            schema = MergeSchema(openAPIDocument: try load(url)[0])
        }
        do {
            for entry in kustomization["patchesStrategicMerge"]?.sequence ?? [] {
                guard let text = entry.string else { continue }
                let url = root.appendingPathComponent(text)
                let body = FileManager.default.fileExists(atPath: url.path) ? try String(contentsOf: url, encoding: .utf8) : text
                for patch in try YAMLParser.documents(body, file: "patch") where !patch.isNull {
                    try applyById(patch, &resources, schema: schema)
                }
            }
            for entry in kustomization["patches"]?.sequence ?? [] {
                try applyEntry(entry, root: root, &resources, schema: schema, legacyJSON: false)
            }
            for entry in kustomization["patchesJson6902"]?.sequence ?? [] {
                try applyEntry(entry, root: root, &resources, schema: schema, legacyJSON: true)
            }
        } catch let error as BuildError {
            return .error(error.message)
        }
        return .output(try resources.map { try YAMLEmitter.document($0) }.sorted())
    }

    /// What kubectl made of a recorded case: `expected.yaml`, or `error: <expected-error.txt>`.
    static func expectation(in dir: URL) throws -> String {
        if let error = try? String(contentsOf: dir.appendingPathComponent("expected-error.txt"), encoding: .utf8) {
            return "error: " + error.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return try String(contentsOf: dir.appendingPathComponent("expected.yaml"), encoding: .utf8)
    }

    static func load(_ url: URL) throws -> [Node] {
        try YAMLParser.documents(String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }

    static func applyEntry(_ entry: Node, root: URL, _ resources: inout [Node], schema: MergeSchema, legacyJSON: Bool) throws {
        let text: String
        let source: String
        if let path = entry["path"]?.string {
            text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            source = PatchKind.source(path: path)
        } else if let inline = entry["patch"]?.string {
            text = inline.trimmingCharacters(in: .whitespacesAndNewlines)
            source = PatchKind.source(patch: text)
        } else {
            throw Skip(reason: "patch without text")
        }
        let target = entry["target"]
        let kind = legacyJSON ? .json6902 : try PatchKind.detect(text, source: source)
        switch kind {
        case .json6902:
            guard let target else { throw BuildError("must specify a target for JSON patch \(source)") }
            let ops = try YAMLParser.documents(text, file: "patch").first ?? .null
            for i in resources.indices where try selects(target, resources[i]) {
                resources[i] = try JSONPatch.apply(ops, to: resources[i])
            }
        case .strategicMerge:
            let patches = try YAMLParser.documents(text, file: "patch").filter { !$0.isNull }
            guard let target else {
                for patch in patches { try applyById(patch, &resources, schema: schema) }
                return
            }
            let options = entry["options"]
            for patch in patches {
                var kept: [Node] = []
                for resource in resources {
                    guard try selects(target, resource) else {
                        kept.append(resource)
                        continue
                    }
                    var copy = patch
                    copy.set(resource["apiVersion"], at: ["apiVersion"])
                    if let merged = try apply(copy, to: resource, schema: schema, options: options) {
                        kept.append(merged)
                    }
                }
                resources = kept
            }
        }
    }

    static func applyById(_ patch: Node, _ resources: inout [Node], schema: MergeSchema) throws {
        let matches = resources.indices.filter { i in
            resources[i]["kind"] == patch["kind"] && resources[i]["apiVersion"] == patch["apiVersion"]
                && resources[i]["metadata", "name"] == patch["metadata", "name"]
                && (resources[i]["metadata", "namespace"] ?? .string("default")) == (patch["metadata", "namespace"] ?? .string("default"))
        }
        guard let i = matches.first else { throw BuildError("no resource matches strategic merge patch") }
        if let merged = try apply(patch, to: resources[i], schema: schema, options: nil) {
            resources[i] = merged
        } else {
            resources.remove(at: i)
        }
    }

    /// kustomize's `Resource.ApplySmPatch`: kind, name and namespace survive unless allowed.
    static func apply(_ patch: Node, to resource: Node, schema: MergeSchema, options: Node?) throws -> Node? {
        guard var merged = try StrategicMerge.apply(patch: patch, to: resource, schema: schema) else { return nil }
        if merged.mapping?.isEmpty ?? true { return nil }
        if options?["allowKindChange"] != .bool(true) { merged.set(resource["kind"], at: ["kind"]) }
        if options?["allowNameChange"] != .bool(true) { merged.set(resource["metadata", "name"], at: ["metadata", "name"]) }
        merged.set(resource["metadata", "namespace"], at: ["metadata", "namespace"])
        return merged
    }

    static func selects(_ target: Node, _ resource: Node) throws -> Bool {
        if target["labelSelector"] != nil || target["annotationSelector"] != nil { throw Skip(reason: "selector") }
        let gvk = GroupVersionKind(apiVersion: resource["apiVersion"]?.string ?? "", kind: resource["kind"]?.string ?? "")
        if let kind = target["kind"]?.string, kind != gvk.kind { return false }
        if let group = target["group"]?.string, group != gvk.group { return false }
        if let version = target["version"]?.string, version != gvk.version { return false }
        if let ns = target["namespace"]?.string, ns != (resource["metadata", "namespace"]?.string ?? "") { return false }
        if let name = target["name"]?.string {
            let actual = resource["metadata", "name"]?.string ?? ""
            guard let regex = try? Regex("^(?:\(name))$") else { return name == actual }
            return actual.wholeMatch(of: regex) != nil
        }
        return true
    }
}

/// The recorded random strategic-merge cases in `Fixtures/smp-random` and `Fixtures/smp-edge`
/// (see scripts/gen-smp-diff-fixtures.py): target, patch, and kubectl's result. Errors are
/// compared by their first line: kyaml prints the offending node in its original style.
enum RandomMergeFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static var names: [String] {
        ["smp-random", "smp-edge"].flatMap { set in
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(set).path)) ?? [])
                .sorted().map { "\(set)/\($0)" }
        }
    }

    static func firstLine(_ text: String) -> String {
        text.hasPrefix("error: ") ? String(text.prefix { $0 != "\n" }) : text
    }

    /// (actual, expected) output or error text of one case.
    static func run(_ name: String) throws -> (actual: String, expected: String) {
        let (actual, expected) = try runFull(name)
        return (firstLine(actual), firstLine(expected))
    }

    static func runFull(_ name: String) throws -> (actual: String, expected: String) {
        let dir = directory.appendingPathComponent(name)
        let target = try PatchCorpus.load(dir.appendingPathComponent("target.yaml"))[0]
        let patch = try PatchCorpus.load(dir.appendingPathComponent("patch.yaml"))[0]
        let expected = try PatchCorpus.expectation(in: dir)
        do {
            let merged = try PatchCorpus.apply(patch, to: target, schema: .builtin, options: nil)
            return (try merged.map { try YAMLEmitter.document($0) } ?? "", expected)
        } catch let error as BuildError {
            return ("error: " + error.message, expected)
        }
    }
}

/// The recorded random JSON patches in `Fixtures/json6902-random` (see
/// scripts/gen-json6902-diff-fixtures.py).
enum RandomJSONPatchFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/json6902-random")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    static func run(_ name: String) throws -> (actual: String, expected: String) {
        let dir = directory.appendingPathComponent(name)
        let target = try PatchCorpus.load(dir.appendingPathComponent("target.yaml"))[0]
        let ops = try PatchCorpus.load(dir.appendingPathComponent("patch.json"))[0]
        let expected = try PatchCorpus.expectation(in: dir)
        do {
            return (try YAMLEmitter.document(try JSONPatch.apply(ops, to: target)), expected)
        } catch let error as BuildError {
            return ("error: " + error.message, expected)
        }
    }
}
