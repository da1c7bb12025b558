import Foundation
import Overlays
import Sync
import Testing

/// A source work tree holding one environment copied from `Tests/SyncTests/Fixtures/render/<fixture>`,
/// committed with the real `git`, plus a bare repository for the rendered branches.
struct RenderScenario {
    let directory: TemporaryDirectory
    /// The source repository's work tree.
    let source: String
    /// `<source>/environments/<environment>`.
    let environmentDirectory: String
    let environment: String
    /// The bare repository receiving rendered branches.
    let renderedPath: String
    var branch: String { "rendered/\(environment)" }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/render").path

    init(fixture: String = "dev", environment: String = "dev", subject: String = "Bump api to 1.4.2") throws {
        directory = try TemporaryDirectory()
        source = directory.sub("source")
        self.environment = environment
        environmentDirectory = source + "/environments/" + environment
        try FileManager.default.createDirectory(
            atPath: source + "/environments", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.fixtures + "/" + fixture, toPath: environmentDirectory)
        renderedPath = directory.sub("rendered.git")
        try GitCLI.run(["init", "--quiet", "--initial-branch=main", source])
        try commitSource(subject)
        try GitCLI.run(["init", "--quiet", "--bare", renderedPath])
    }

    /// Commits everything in the source work tree; returns the new HEAD.
    @discardableResult
    func commitSource(_ subject: String) throws -> String {
        try GitCLI.run(["add", "-A"], in: source)
        try GitCLI.run(["commit", "--quiet", "--allow-empty", "-m", subject], in: source)
        return try GitCLI.text(["rev-parse", "HEAD"], in: source)
    }

    func write(_ relativePath: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: environmentDirectory + "/" + relativePath))
    }

    func read(_ relativePath: String) throws -> String {
        try String(contentsOfFile: environmentDirectory + "/" + relativePath, encoding: .utf8)
    }

    /// Renders through the library into `rendered.git` (or `address`).
    @discardableResult
    func render(
        into address: GitLocation.Address? = nil, push: Bool = false, cache: String? = nil
    ) throws -> RenderedBranchWriter.Outcome {
        let render = try EnvironmentRender.build(directory: environmentDirectory, version: "0.1.0")
        let rendered = try RenderedRepository.open(
            address ?? .path(renderedPath), cacheDirectory: cache ?? directory.sub("cache"))
        return try rendered.write(
            render.tree, to: branch, message: render.commitMessage(), adopt: false, push: push,
            signature: RenderFixture.signature)
    }

    func git(_ arguments: [String]) throws -> String {
        try GitCLI.text(arguments, in: renderedPath)
    }

    func tip() throws -> String {
        try git(["rev-parse", branch])
    }

    /// Paths on the branch under `<environment>/`, relative to it.
    func paths() throws -> [String] {
        try git(["ls-tree", "-r", "--name-only", branch]).split(separator: "\n")
            .map { String($0.dropFirst(environment.count + 1)) }
    }
}

/// The built `dlsync` executable, next to the test bundle in the scratch path (or `$DLSYNC_BINARY`).
enum DLSyncBinary {
    typealias Result = ProcessOutput

    static var path: String {
        if let path = ProcessInfo.processInfo.environment["DLSYNC_BINARY"] { return path }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // macOS: …/debug/dlsyncPackageTests.xctest/Contents/MacOS/dlsyncPackageTests
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("dlsync").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return executable.deletingLastPathComponent().appendingPathComponent("dlsync").path
    }

    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws
        -> Result
    {
        try ChildProcess.run(
            path, arguments, environment: GitCLI.environment.merging(environment) { $1 }, directory: directory)
    }
}
