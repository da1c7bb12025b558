import Testing

@testable import Overlays

/// apimachinery label selector syntax and errors, used by replacement target selection.
@Suite struct LabelSelectorTests {
    let labels = ["app": "web", "tier": "front", "replicas": "3"]

    @Test func emptySelectorMatchesEverything() throws {
        #expect(try LabelSelector.matches("", [:]))
    }

    @Test func equalityAndInequality() throws {
        #expect(try LabelSelector.matches("app=web", labels))
        #expect(try LabelSelector.matches("app==web,tier!=back", labels))
        #expect(try !LabelSelector.matches("app=api", labels))
        #expect(try LabelSelector.matches("missing!=x", labels))
    }

    @Test func setOperators() throws {
        #expect(try LabelSelector.matches("tier in (front, back)", labels))
        #expect(try !LabelSelector.matches("tier notin (front)", labels))
        #expect(try LabelSelector.matches("other notin (front)", labels))
    }

    @Test func existenceOperators() throws {
        #expect(try LabelSelector.matches("app", labels))
        #expect(try LabelSelector.matches("!legacy", labels))
        #expect(try !LabelSelector.matches("!app", labels))
    }

    @Test func numericComparisons() throws {
        #expect(try LabelSelector.matches("replicas>2", labels))
        #expect(try !LabelSelector.matches("replicas<2", labels))
    }

    @Test func unclosedSetIsTheCorpusError() throws {
        let message = buildErrorMessage { () throws(BuildError) in _ = try LabelSelector("app in (a") }
        #expect(message == (try RefFixtures.caseError("errors/invalid-label-selector-in-target")))
    }

    @Test func invalidKeyIsReported() {
        let message = buildErrorMessage { () throws(BuildError) in _ = try LabelSelector("-bad=x") }
        #expect(
            message
                == "unable to parse requirement: invalid label key \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        )
    }

    @Test func trailingCommaIsReported() {
        let message = buildErrorMessage { () throws(BuildError) in _ = try LabelSelector("app=web,") }
        #expect(message == "found '', expected: identifier after ','")
    }
}
