import Sync
import Testing

@Suite struct RenderedTreeTests {
    @Test(arguments: ["../escape.yaml", "/absolute.yaml", "a//b.yaml", "a/./b.yaml", ".git/config", "a\\b", ""])
    func pathThatLeavesTheEnvironmentFolderIsRejected(path: String) {
        #expect {
            try RenderedTree(environment: "dev", files: [path: []])
        } throws: { error in
            (error as? GitError)?.code == .invalidPath
        }
    }

    @Test(arguments: ["", "..", "dev/x", ".git"])
    func environmentThatIsNotOneFolderNameIsRejected(environment: String) {
        #expect(throws: GitError.self) {
            try RenderedTree(environment: environment, files: [:])
        }
    }

    @Test func pathUsedAsFileAndDirectoryIsRejected() {
        #expect(throws: GitError.self) {
            try RenderedTree(environment: "dev", files: ["apps": [], "apps/x.yaml": []])
        }
    }
}
