import Foundation
import Sync
import Testing

@Suite struct RepositoryTests {
    @Test(arguments: [true, false])
    func createdRepositoryIsBareOnlyWhenAsked(bare: Bool) throws {
        let directory = try TemporaryDirectory()
        let repository = try Repository.create(at: directory.sub("x"), bare: bare)
        #expect(repository.isBare == bare)
        #expect(try GitCLI.text(["rev-parse", "--is-bare-repository"], in: directory.sub("x")) == String(bare))
        #expect(try Repository.open(at: directory.sub("x")).isBare == bare)
    }

    @Test func openingAMissingRepositoryNamesThePath() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.sub("nope")
        #expect {
            try Repository.open(at: missing)
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.code == .notFound && error.description.hasPrefix("open repository at \(missing) failed: ")
        }
    }

    @Test func blobRoundTripsThroughTheObjectDatabase() throws {
        let fixture = try RenderFixture()
        let bytes: [UInt8] = [0, 1, 2, 0xfe, 0xff]
        let id = try fixture.repository.createBlob(bytes)
        #expect(try fixture.repository.blob(id) == bytes)
        #expect(Array(try GitCLI.run(["cat-file", "blob", id.hex], in: fixture.path)) == bytes)
    }

    @Test func treeReadsBackAsTheFilesWritten() throws {
        let fixture = try RenderFixture()
        try fixture.render(sampleFiles)
        let commit = try #require(try fixture.repository.commit(onBranch: "rendered/dev"))
        let files = try fixture.repository.readTree(commit.treeID)
        #expect(files == Dictionary(uniqueKeysWithValues: sampleFiles.map { ("dev/" + $0.key, Array($0.value.utf8)) }))
        let apps = try fixture.repository.readTree(commit.treeID, under: "dev/apps")
        #expect(apps.keys.sorted() == ["dev/apps/deployment-api.yaml", "dev/apps/service-api.yaml"])
        #expect(
            try fixture.repository.blob(at: "dev/dlsync.json", inTree: commit.treeID) == Array("{\"objects\":3}\n".utf8)
        )
        #expect(try fixture.repository.blob(at: "dev/missing.yaml", inTree: commit.treeID) == nil)
    }

    @Test func resolvedCommitMatchesGitLog() throws {
        let fixture = try RenderFixture()
        try fixture.render(sampleFiles)
        let commit = try #require(try fixture.repository.commit(onBranch: "rendered/dev"))
        let fields = try fixture.git(["log", "-1", "--format=%H%n%T%n%an%n%ae%n%ct", "rendered/dev"])
            .split(separator: "\n").map(String.init)
        #expect(
            fields == [
                commit.id.hex, commit.treeID.hex, commit.author.name, commit.author.email,
                String(Int(commit.time.timeIntervalSince1970)),
            ])
        #expect(commit.parents.isEmpty)
        #expect(commit.trailerValues("source-commit") == ["0123456789abcdef0123456789abcdef01234567"])
        #expect(try fixture.repository.commit(onBranch: "rendered/missing") == nil)
    }

    @Test func branchHistoryIsListedNewestFirst() throws {
        let fixture = try RenderFixture()
        try fixture.render(["a.yaml": "1\n"], subject: "first")
        try fixture.render(["a.yaml": "2\n"], subject: "second")
        try fixture.render(["a.yaml": "3\n"], subject: "third")
        let history = try fixture.repository.commits(onBranch: "rendered/dev")
        #expect(
            history.map(\.id.hex)
                == (try fixture.git(["rev-list", "rendered/dev"])).split(separator: "\n").map(String.init))
        #expect(
            history.map(\.subject) == [
                "render(dev): 0123456 third", "render(dev): 0123456 second", "render(dev): 0123456 first",
            ])
        #expect(try fixture.repository.commits(onBranch: "rendered/dev", limit: 2).count == 2)
        #expect(try fixture.repository.commits(onBranch: "rendered/none").isEmpty)
    }

    @Test func commitSignatureComesFromRepositoryConfiguration() throws {
        let fixture = try RenderFixture()
        _ = try fixture.git(["config", "user.name", "Config User"])
        _ = try fixture.git(["config", "user.email", "config@example.com"])
        let tree = try RenderedTree(environment: "dev", files: RenderFixture.files(sampleFiles))
        _ = try RenderedBranchWriter(repository: fixture.repository).write(
            tree, to: "rendered/dev", message: RenderFixture.message())
        #expect(
            try fixture.git(["log", "-1", "--format=%an <%ae>|%cn <%ce>", "rendered/dev"])
                == "Config User <config@example.com>|Config User <config@example.com>")
    }

    @Test func signatureFallsBackToDlsyncWhenGitHasNoUser() {
        let signature = Signature.configured(name: nil, email: nil)
        #expect(signature.name == "dlsync")
        #expect(signature.email == "dlsync@localhost")
        #expect(Signature.configured(name: "Ops", email: "").email == "dlsync@localhost")
    }

    @Test func objectIDAcceptsOnlyFortyHexDigits() {
        #expect(
            ObjectID(hex: "0123456789ABCDEF0123456789abcdef01234567")?.hex == "0123456789abcdef0123456789abcdef01234567"
        )
        #expect(ObjectID(hex: "0123456") == nil)
        #expect(ObjectID(hex: "zz23456789abcdef0123456789abcdef01234567") == nil)
    }
}
