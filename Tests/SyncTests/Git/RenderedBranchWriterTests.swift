import Foundation
import Sync
import Testing

@Suite struct RenderedBranchWriterTests {
    @Test func renderCommitPassesGitFsckStrict() throws {
        let fixture = try RenderFixture()
        try fixture.render(sampleFiles)
        try fixture.render(["apps/service-api.yaml": "changed\n"])
        #expect(GitCLI.succeeds(["fsck", "--strict", "--no-dangling"], in: fixture.path))
    }

    @Test func renderCommitCarriesMessageAndTrailers() throws {
        let fixture = try RenderFixture()
        try fixture.render(sampleFiles, subject: "Bump trino to 455")
        let body = try fixture.git(["log", "-1", "--format=%B", "rendered/dev"])
        #expect(
            body == """
                render(dev): 0123456 Bump trino to 455

                Source-Commit: 0123456789abcdef0123456789abcdef01234567
                Rendered-By: dlsync 0.1.0
                """)
        let trailers = try fixture.git(["log", "-1", "--format=%(trailers:key=Rendered-By,valueonly)", "rendered/dev"])
        #expect(trailers == "dlsync 0.1.0")
    }

    @Test func renderedFileHoldsExactlyTheBytesWritten() throws {
        let fixture = try RenderFixture()
        let bytes: [UInt8] = Array("kind: ConfigMap\ndata:\n  x: \"é\"\n".utf8) + [0xff, 0x00, 0x0a]
        let tree = try RenderedTree(environment: "dev", files: ["apps/configmap-x.yaml": bytes])
        _ = try fixture.writer.write(tree, to: "rendered/dev", message: RenderFixture.message())
        let shown = try GitCLI.run(["show", "rendered/dev:dev/apps/configmap-x.yaml"], in: fixture.path)
        #expect(Array(shown) == bytes)
    }

    @Test func firstRenderReturnsTheNewBranchTip() throws {
        let fixture = try RenderFixture()
        let outcome = try fixture.render(sampleFiles)
        let tip = try fixture.git(["rev-parse", "rendered/dev"])
        #expect(outcome == .committed(try #require(ObjectID(hex: tip))))
        #expect(try fixture.git(["rev-list", "--count", "rendered/dev"]) == "1")
    }

    @Test func writingTheSameFilesAgainMakesNoCommit() throws {
        let fixture = try RenderFixture()
        try fixture.render(sampleFiles)
        let before = try fixture.git(["rev-parse", "rendered/dev"])
        let outcome = try fixture.render(sampleFiles, subject: "another source commit")
        #expect(outcome == .unchanged)
        #expect(try fixture.git(["rev-parse", "rendered/dev"]) == before)
    }

    @Test func removingOneFileDeletesExactlyIt() throws {
        let fixture = try RenderFixture()
        try fixture.render(sampleFiles)
        var fewer = sampleFiles
        fewer["apps/service-api.yaml"] = nil
        try fixture.render(fewer)
        #expect(try fixture.paths() == fewer.keys.map { "dev/" + $0 }.sorted())
        let changed = try fixture.git(["diff", "--name-status", "rendered/dev~1", "rendered/dev"])
        #expect(changed == "D\tdev/apps/service-api.yaml")
    }

    @Test func otherEnvironmentsOnTheSameBranchAreUntouched() throws {
        let fixture = try RenderFixture()
        try fixture.render(["a.yaml": "dev a\n"], environment: "dev", branch: "rendered/all")
        try fixture.render(["b.yaml": "staging b\n"], environment: "staging", branch: "rendered/all")
        try fixture.render(["c.yaml": "dev c\n"], environment: "dev", branch: "rendered/all")
        #expect(try fixture.paths(on: "rendered/all") == ["dev/c.yaml", "staging/b.yaml"])
    }

    @Test func emptiedEnvironmentFolderDisappears() throws {
        let fixture = try RenderFixture()
        try fixture.render(sampleFiles, branch: "rendered/all")
        try fixture.render(["b.yaml": "staging b\n"], environment: "staging", branch: "rendered/all")
        try fixture.render([:], environment: "dev", branch: "rendered/all")
        #expect(try fixture.paths(on: "rendered/all") == ["staging/b.yaml"])
    }

    @Test func fileReplacedByDirectoryOfTheSameName() throws {
        let fixture = try RenderFixture()
        try fixture.render(["apps": "a file\n", "x.yaml": "x\n"])
        try fixture.render(["apps/deployment-api.yaml": "a directory now\n", "x.yaml": "x\n"])
        #expect(try fixture.paths() == ["dev/apps/deployment-api.yaml", "dev/x.yaml"])
        try fixture.render(["apps": "a file again\n", "x.yaml": "x\n"])
        #expect(try fixture.paths() == ["dev/apps", "dev/x.yaml"])
        #expect(GitCLI.succeeds(["fsck", "--strict", "--no-dangling"], in: fixture.path))
    }

    @Test func branchCreatedByPlainGitIsRefusedWithoutAdopt() throws {
        let fixture = try RenderFixture()
        try createPlainGitBranch(in: fixture)
        let before = try fixture.git(["rev-parse", "rendered/dev"])
        #expect {
            try fixture.render(sampleFiles)
        } throws: { error in
            (error as? GitError)?.code == .unmanagedBranch
        }
        #expect(try fixture.git(["rev-parse", "rendered/dev"]) == before)
    }

    @Test func adoptTakesOverABranchCreatedByPlainGit() throws {
        let fixture = try RenderFixture()
        try createPlainGitBranch(in: fixture)
        let before = try fixture.git(["rev-parse", "rendered/dev"])
        try fixture.render(sampleFiles, adopt: true)
        #expect(try fixture.git(["rev-parse", "rendered/dev~1"]) == before)
        #expect(try fixture.paths().contains("README.md"))
        try fixture.render(["dlsync.json": "{}\n"])  // managed from now on, no adopt needed
    }

    @Test func messageWithoutTrailerGetsRenderedByDlsync() throws {
        let fixture = try RenderFixture()
        let tree = try RenderedTree(environment: "dev", files: RenderFixture.files(sampleFiles))
        _ = try fixture.writer.write(tree, to: "rendered/dev", message: "hand-written message")
        let trailers = try fixture.git(["log", "-1", "--format=%(trailers:key=Rendered-By,valueonly)", "rendered/dev"])
        #expect(trailers == "dlsync")
    }

    @Test func renderLosesToAConcurrentBranchUpdate() throws {
        let fixture = try RenderFixture()
        try fixture.render(sampleFiles)
        let parent = try #require(try fixture.repository.commit(onBranch: "rendered/dev"))
        let otherTree = try fixture.repository.updatedTree(parent.treeID, applying: [.remove(path: "dev/dlsync.json")])
        let other = try fixture.repository.createCommit(
            tree: otherTree, parents: [parent.id], message: RenderFixture.message(), author: RenderFixture.signature)
        try fixture.repository.updateReference(
            "refs/heads/rendered/dev", to: other, expecting: parent.id, message: "concurrent")
        let ours = try fixture.repository.createCommit(
            tree: parent.treeID, parents: [parent.id], message: RenderFixture.message(),
            author: RenderFixture.signature)
        #expect {
            try fixture.repository.updateReference(
                "refs/heads/rendered/dev", to: ours, expecting: parent.id, message: "stale")
        } throws: { error in
            (error as? GitError)?.code == .referenceChanged && (error as? GitError)?.isRetryable == true
        }
        #expect(try fixture.git(["rev-parse", "rendered/dev"]) == other.hex)
    }

    @Test func commitMessageHelperFormatsSubjectAndTrailers() {
        let message = RenderedBranchWriter.commitMessage(
            environment: "prod", sourceCommit: "89abcdef0123456789abcdef0123456789abcdef",
            sourceSubject: "  Add keycloak HA\n\nlong body", version: "1.2.3")
        #expect(
            message
                == "render(prod): 89abcde Add keycloak HA\n\nSource-Commit: 89abcdef0123456789abcdef0123456789abcdef\n"
                + "Rendered-By: dlsync 1.2.3\n")
    }

    private func createPlainGitBranch(in fixture: RenderFixture) throws {
        let work = fixture.directory.sub("plain")
        try GitCLI.run(["init", "--quiet", work])
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: work + "/README.md"))
        try GitCLI.run(["add", "README.md"], in: work)
        try GitCLI.run(["commit", "--quiet", "-m", "hand-made"], in: work)
        try GitCLI.run(["push", "--quiet", fixture.path, "HEAD:refs/heads/rendered/dev"], in: work)
    }
}
