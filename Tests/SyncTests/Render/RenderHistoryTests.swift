import Foundation
import Sync
import Testing

@Suite struct RenderHistoryTests {
    @Test func historyListsRendersNewestFirst() throws {
        let scenario = try RenderScenario(subject: "First")
        try scenario.render()
        try scenario.write(
            "worker.yaml", try scenario.read("worker.yaml").replacingOccurrences(of: "info", with: "debug"))
        let second = try scenario.commitSource("Second")
        try scenario.render()

        let repository = try Repository.open(at: scenario.renderedPath)
        let entries = try RenderHistory.entries(in: repository, branch: scenario.branch, environment: "dev")
        #expect(entries.map(\.subject) == ["render(dev): \(second.prefix(7)) Second", entries.last?.subject ?? ""])
        #expect(entries.count == 2)
        #expect(entries.first?.sourceCommit == second)
        #expect(entries.first?.commit == (try scenario.tip()))
        #expect(entries.allSatisfy { $0.action == .render && $0.environment == "dev" })
    }

    @Test func historySkipsCommitsOfOtherEnvironments() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        let repository = try Repository.open(at: scenario.renderedPath)
        #expect(try RenderHistory.entries(in: repository, branch: scenario.branch, environment: "prod").isEmpty)
    }

    @Test func subjectParsingNamesActionAndEnvironment() {
        #expect(RenderHistory.parseSubject("render(dev): abc1234 x")?.environment == "dev")
        #expect(RenderHistory.parseSubject("rollback(prod): to abc1234")?.action == .rollback)
        #expect(RenderHistory.parseSubject("rendered(dev): x") == nil)
        #expect(RenderHistory.parseSubject("Merge branch 'x'") == nil)
    }
}

@Suite struct RenderRollbackTests {
    /// Two renders: the first with LOG_LEVEL info, the second with debug; returns the first render commit.
    private func twoRenders(_ scenario: RenderScenario) throws -> String {
        try scenario.render()
        let first = try scenario.tip()
        try scenario.write(
            "worker.yaml", try scenario.read("worker.yaml").replacingOccurrences(of: "info", with: "debug"))
        try scenario.write(
            "kustomization.yaml",
            try scenario.read("kustomization.yaml").replacingOccurrences(of: "- rbac.yaml\n", with: ""))
        try scenario.commitSource("Debug logs, no RBAC")
        try scenario.render()
        return first
    }

    private func rollback(_ scenario: RenderScenario, to revision: String) throws -> RenderedBranchWriter.Outcome {
        let rendered = try RenderedRepository.open(.path(scenario.renderedPath))
        let rollback = try RenderRollback.prepare(
            environment: "dev", branch: scenario.branch, to: revision, in: rendered.repository,
            repositoryName: scenario.renderedPath, version: "0.1.0")
        return try rendered.write(
            rollback.tree, to: scenario.branch, message: rollback.message, adopt: false, push: false,
            signature: RenderFixture.signature)
    }

    @Test func rollbackRestoresTheOldTree() throws {
        let scenario = try RenderScenario()
        let first = try twoRenders(scenario)
        let outcome = try rollback(scenario, to: String(first.prefix(7)))
        #expect(outcome != .unchanged)
        #expect(
            try scenario.git(["rev-parse", "\(scenario.branch):dev"])
                == (try scenario.git(["rev-parse", "\(first):dev"])))
        #expect(try scenario.git(["rev-list", "--count", scenario.branch]) == "3")
        #expect(GitCLI.succeeds(["fsck", "--strict", "--no-dangling"], in: scenario.renderedPath))
    }

    @Test func rollbackCommitNamesTheRenderItRestores() throws {
        let scenario = try RenderScenario()
        let first = try twoRenders(scenario)
        _ = try rollback(scenario, to: first)
        #expect(
            try scenario.git(["log", "-1", "--format=%s", scenario.branch]) == "rollback(dev): to \(first.prefix(7))")
        #expect(
            try scenario.git(["log", "-1", "--format=%(trailers:key=Rollback-To,valueonly)", scenario.branch]) == first)
        let entries = try RenderHistory.entries(
            in: try Repository.open(at: scenario.renderedPath), branch: scenario.branch)
        #expect(entries.first?.action == .rollback)
        #expect(entries.first?.rolledBackTo == first)
    }

    @Test func rollbackToTheCurrentStateMakesNoCommit() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        #expect(try rollback(scenario, to: try scenario.tip()) == .unchanged)
    }

    @Test func rollbackRefusesACommitThatIsNotADlsyncRender() throws {
        let scenario = try RenderScenario()
        _ = try twoRenders(scenario)
        let tree = try scenario.git(["rev-parse", "\(scenario.branch)^{tree}"])
        let foreign = try scenario.git(["commit-tree", tree, "-p", scenario.branch, "-m", "hand made"])
        _ = try scenario.git(["update-ref", "refs/heads/\(scenario.branch)", foreign])
        let error = #expect(throws: RenderError.self) { try rollback(scenario, to: foreign) }
        #expect(error?.message.contains("not a dlsync render of dev") == true)
    }

    @Test func rollbackRefusesACommitOfAnotherBranch() throws {
        let scenario = try RenderScenario()
        try scenario.render()
        _ = try scenario.git(["branch", "elsewhere", scenario.branch])
        let tree = try scenario.git(["rev-parse", "\(scenario.branch)^{tree}"])
        let other = try scenario.git([
            "commit-tree", tree, "-m", "render(dev): other\n\nRendered-By: dlsync 0.1.0",
        ])
        let error = #expect(throws: RenderError.self) { try rollback(scenario, to: other) }
        #expect(error?.message.contains("is not a commit of \(scenario.branch)") == true)
    }
}
