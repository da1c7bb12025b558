import Overlays
import Testing

/// `dlsync build` must print exactly what `kubectl kustomize` printed for every case of the corpus,
/// and fail (printing nothing) wherever kustomize failed.
@Suite struct CompatibilityTests {
    @Test(arguments: CompatibilityCase.all)
    func buildMatchesKustomize(_ testCase: CompatibilityCase) {
        if CompatibilityCase.knownGaps.contains(testCase.name) {
            withKnownIssue("listed in Cases/known-gaps.txt") { check(testCase) }
        } else {
            check(testCase)
        }
    }

    private func check(_ testCase: CompatibilityCase) {
        let result: Result<String, BuildError> = Result { () throws(BuildError) -> String in
            try Kustomizer.render(try Kustomizer.build(directory: testCase.root))
        }
        switch (result, testCase.expectedOutput) {
        case (.success(let output), .some(let expected)):
            #expect(output == expected)
        case (.failure(let error), .some):
            Issue.record("build failed where kustomize succeeded: \(error.message)")
        case (.success, .none):
            #expect(testCase.expectsError, "kustomize failed on this case but the build succeeded")
        case (.failure, .none):
            #expect(testCase.expectsError)
        }
    }
}
