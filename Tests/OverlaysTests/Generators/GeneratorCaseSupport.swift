import Foundation
import Overlays

/// Test-side stand-ins for the parts of a build the generators need: reading a corpus case's
/// kustomizations, kustomize's root-only load restriction, and the few name transforms that run
/// between generation and hashing. Only generator output is compared with the corpus.
enum GeneratorCaseSupport {
    static let casesDirectory: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return here.appendingPathComponent("Cases").path
    }()

    static let fixturesDirectory: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    static func text(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// The absolute folder of a case, e.g. `configmap-generator/literals`.
    static func caseDirectory(_ name: String) -> String {
        casesDirectory + "/" + name
    }

    /// The build root of a case (its `root` file, else `input`).
    static func root(ofCase name: String) -> String {
        let dir = caseDirectory(name)
        let rootFile = text(dir + "/root").split(separator: "\n").first.map(String.init)
        return Paths.join(dir, rootFile ?? "input")
    }

    static func kustomization(in dir: String) throws -> Node {
        let path = dir + "/kustomization.yaml"
        return try YAMLParser.documents(text(path), file: path).first ?? .null
    }

    /// kustomize's `RestrictionRootOnly` over the disk, with its messages.
    static func rootOnly(_ root: String) -> GeneratorPathResolver {
        let fs = DiskFileSystem()
        let realRoot = fs.resolvedPath(root) ?? root
        return { (path: String) throws(BuildError) -> String in
            let joined = path.hasPrefix("/") ? Paths.normalize(path) : Paths.join(root, path)
            guard let resolved = fs.resolvedPath(joined) else {
                throw BuildError("evalsymlink failure on '\(joined)' : lstat \(joined): no such file or directory")
            }
            if fs.isDirectory(resolved) { throw BuildError("'\(joined)' must resolve to a file") }
            guard Paths.isWithin(Paths.directory(of: resolved), root: realRoot) else {
                throw BuildError("security; file '\(joined)' is not in or below '\(root)'")
            }
            return resolved
        }
    }

    /// The generator part of a build of `dir`: bases first, then this kustomization's resources
    /// files, its generators absorbed in kustomize's order, then its namespace, name prefix/suffix
    /// and commonLabels on the ConfigMaps and Secrets.
    static func accumulate(_ dir: String) throws -> ResourceMap {
        let k = try kustomization(in: dir)
        var map = ResourceMap()
        for entry in k["resources"]?.sequence ?? [] {
            let path = Paths.join(dir, entry.scalarText ?? "")
            if DiskFileSystem().isDirectory(path) {
                try map.append(contentsOf: accumulate(path))
            } else {
                for doc in try YAMLParser.documents(text(path), file: path) {
                    try map.append(Resource(node: doc))
                }
            }
        }
        let global = try k["generatorOptions"].map { try GeneratorOptions(node: $0, file: dir) }
        var generated: [Resource] = []
        for kind in [GeneratorKind.configMap, .secret] {
            guard let entries = k[kind.fieldName] else { continue }
            for args in try GeneratorArgs.list(node: entries, file: dir, kind: kind) {
                generated.append(try args.generate(options: global, fs: DiskFileSystem(), resolvePath: rootOnly(dir)))
            }
        }
        for resource in generated {
            try GeneratorMerge.absorb([resource], into: &map)
        }
        try map.transform { (resource: inout Resource) throws(BuildError) in
            guard resource.kind == "ConfigMap" || resource.kind == "Secret" else { return }
            let prefix = k["namePrefix"]?.scalarText ?? ""
            let suffix = k["nameSuffix"]?.scalarText ?? ""
            if !prefix.isEmpty || !suffix.isEmpty {
                resource.rememberCurrentId()
                resource.name = prefix + resource.name + suffix
                if !prefix.isEmpty { resource.namePrefixes.append(prefix) }
                if !suffix.isEmpty { resource.nameSuffixes.append(suffix) }
            }
            if let namespace = k["namespace"]?.scalarText {
                resource.rememberCurrentId()
                resource.namespace = namespace
            }
            for entry in k["commonLabels"]?.mapping ?? Mapping() {
                resource.node.set(entry.value, at: ["metadata", "labels", entry.key])
            }
        }
        return map
    }

    /// A whole case's generated ConfigMaps and Secrets, hashed, as kustomize would print them.
    static func build(case name: String) throws -> [Resource] {
        var map = try accumulate(root(ofCase: name))
        try map.transform { (resource: inout Resource) throws(BuildError) in
            if resource.generator?.appendHashSuffix == true { try NameHash.appendSuffix(to: &resource) }
        }
        return map.resources.filter { $0.kind == "ConfigMap" || $0.kind == "Secret" }
    }

    /// The ConfigMap and Secret documents of a case's `expected.yaml`, as printed.
    static func expectedGeneratorDocuments(case name: String) -> [String] {
        let text = text(caseDirectory(name) + "/expected.yaml")
        return text.components(separatedBy: "---\n").filter {
            $0.contains("\nkind: ConfigMap\n") || $0.contains("\nkind: Secret\n")
        }
    }

    /// The case's expected error as our message would read after the corpus normalisation.
    static func expectedError(case name: String) -> String {
        text(caseDirectory(name) + "/expected-error.txt").trimmingCharacters(in: .newlines)
    }

    static func normalized(_ message: String, case name: String) -> String {
        let dir = caseDirectory(name)
        var out = message.replacingOccurrences(of: DiskFileSystem().resolvedPath(dir) ?? dir, with: "$CASE")
        out = out.replacingOccurrences(of: dir, with: "$CASE")
        return out.replacingOccurrences(of: #"0xc[0-9a-f]{6,}"#, with: "0xADDR", options: .regularExpression)
    }

    /// Generates one entry of a fixture kustomization in `Fixtures/<name>`.
    static func generateFixture(_ name: String, kind: GeneratorKind = .configMap, entry: Int = 0) throws -> Resource {
        let dir = fixturesDirectory + "/" + name
        let k = try kustomization(in: dir)
        let all = try GeneratorArgs.list(node: k[kind.fieldName] ?? .null, file: dir, kind: kind)
        let global = try k["generatorOptions"].map { try GeneratorOptions(node: $0, file: dir) }
        return try all[entry].generate(options: global, fs: DiskFileSystem(), resolvePath: rootOnly(dir))
    }

    static func yaml(_ resource: Resource) throws -> String {
        try YAMLEmitter.document(resource.node)
    }
}
