import Testing

@testable import Overlays

@Suite struct PatchCorpusTests {
    @Test(arguments: PatchCorpus.names(in: ["patches-smp", "patches-json6902", "openapi", "patches-target"]))
    func corpusCase(_ name: String) throws {
        let actual: PatchCorpus.Expectation
        do {
            actual = try PatchCorpus.run(name)
        } catch is PatchCorpus.Skip {
            return
        }
        let expected = try PatchCorpus.expected(name)
        switch (expected, actual) {
        case (.output(let want), .output(let got)):
            #expect(got == want, "\(name)")
        case (.error(let want), .error(let got)):
            // Errors raised outside the patch operations carry kustomize's build context.
            #expect(want.hasSuffix(got) || want.contains(got), "\(name): \(got)")
        default:
            Issue.record("\(name): expected \(expected), got \(actual)")
        }
    }
}

@Suite struct RandomMergeTests {
    /// Random targets and patches, merged by kubectl when they were recorded.
    @Test(arguments: RandomMergeFixtures.names)
    func matchesKustomize(_ name: String) throws {
        let (actual, expected) = try RandomMergeFixtures.run(name)
        #expect(actual == expected, "\(name)")
    }
}

@Suite struct RandomJSONPatchTests {
    /// Random JSON 6902 operations, applied by kubectl when they were recorded (outputs and errors).
    @Test(arguments: RandomJSONPatchFixtures.names)
    func matchesKustomize(_ name: String) throws {
        let (actual, expected) = try RandomJSONPatchFixtures.run(name)
        #expect(actual == expected, "\(name)")
    }
}
