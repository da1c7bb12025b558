import Foundation
import Overlays
import Sync
import Testing

@Suite struct RenderedBranchReaderTests {
    private func read(_ scenario: RenderScenario) throws -> RenderedEnvironment {
        let rendered = try RenderedRepository.open(.path(scenario.renderedPath))
        return try RenderedBranchReader.read(environment: "dev", branch: scenario.branch, from: rendered)
    }

    @Test func readerReturnsTheRenderedObjects() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        let built = try Kustomizer.build(directory: scenario.environmentDirectory)
        let read = try read(scenario)
        #expect(Set(read.resources.map(\.id)) == Set(built.map(\.id)))
        #expect(read.resources.count == built.count)
        let deployment = try #require(read.resources.first { $0.kind == "Deployment" })
        #expect(deployment.node == built.first { $0.kind == "Deployment" }?.node)
        #expect(read.commit.id.hex == (try scenario.tip()))
    }

    @Test func readerReturnsTheMetadataAndChecksTheDigest() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        let read = try read(scenario)
        #expect(read.metadata?.objects == 6)
        #expect(read.metadata?.sourceCommit == (try GitCLI.text(["rev-parse", "HEAD"], in: scenario.source)))
        #expect(read.digestMatches == true)
    }

    @Test func readerNoticesAHandEditedBranch() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        let clone = scenario.directory.sub("clone")
        try GitCLI.run(["clone", "--quiet", "--branch", scenario.branch, scenario.renderedPath, clone])
        let path = clone + "/dev/apps/configmap-worker-config.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "info", with: "trace")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try GitCLI.run(["commit", "--quiet", "-am", "hand edit"], in: clone)
        try GitCLI.run(["push", "--quiet", "origin", scenario.branch], in: clone)
        let read = try read(scenario)
        #expect(read.digestMatches == false)
        #expect(read.resources.contains { $0.node["data", "LOG_LEVEL"] == .string("trace") })
    }

    @Test func readerFetchesTheBranchFromAURL() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        let daemon = try GitDaemon(basePath: scenario.directory.path)
        let rendered = try RenderedRepository.open(
            .url(daemon.url("rendered.git")), cacheDirectory: scenario.directory.sub("reader-cache"))
        let read = try RenderedBranchReader.read(environment: "dev", branch: scenario.branch, from: rendered)
        #expect(read.commit.id.hex == (try scenario.tip()))
        #expect(read.resources.count == 6)
    }

    @Test func readingAMissingBranchSaysHowToRenderIt() throws {
        let scenario = try RenderScenario()
        let error = #expect(throws: RenderError.self) { try read(scenario) }
        #expect(error?.message.contains("the branch does not exist") == true)
        #expect(error?.message.contains(scenario.branch) == true)
    }

    @Test func invalidYAMLOnTheBranchNamesTheFile() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        let repository = try Repository.open(at: scenario.renderedPath)
        let writer = RenderedBranchWriter(repository: repository, signature: RenderFixture.signature)
        _ = try writer.write(
            environment: "dev", files: ["apps/broken.yaml": Array("a: [unclosed\n".utf8)], to: scenario.branch,
            message: RenderFixture.message())
        let error = #expect(throws: RenderError.self) { try read(scenario) }
        #expect(error?.message.contains("dev/apps/broken.yaml") == true)
    }
}
