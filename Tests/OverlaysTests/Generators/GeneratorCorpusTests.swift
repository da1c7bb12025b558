import Foundation
import Overlays
import Testing

/// The generator cases of the corpus: every ConfigMap and Secret a case expects is generated
/// byte-for-byte (name with hash, data, binaryData, labels, annotations, type, immutable), and every
/// error case fails with kubectl's message.
struct GeneratorCorpusTests {
    static let areas = ["configmap-generator", "secret-generator", "generator-options"]
    static let extraErrorCases = [
        "errors/configmap-generator-merge-without-existing",
        "errors/generated-name-conflicts-with-resource",
        "errors/generator-file-outside-root-load-restriction",
    ]

    static func cases(withFile file: String) -> [String] {
        var names: [String] = []
        for area in areas {
            let dir = GeneratorCaseSupport.casesDirectory + "/" + area
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for entry in entries.sorted() where FileManager.default.fileExists(atPath: "\(dir)/\(entry)/\(file)") {
                names.append("\(area)/\(entry)")
            }
        }
        return names
    }

    @Test(arguments: cases(withFile: "expected.yaml"))
    func generatedObjectsPrintAsKubectlDoes(_ name: String) throws {
        let generated = try GeneratorCaseSupport.build(case: name).map(GeneratorCaseSupport.yaml)
        let expected = GeneratorCaseSupport.expectedGeneratorDocuments(case: name)
        #expect(!expected.isEmpty)
        #expect(generated.sorted() == expected.sorted())
    }

    @Test(arguments: cases(withFile: "expected-error.txt") + extraErrorCases)
    func failingCasesFailWithKubectlsMessage(_ name: String) {
        do {
            _ = try GeneratorCaseSupport.build(case: name)
            Issue.record("\(name) built without error")
        } catch let error as BuildError {
            #expect(GeneratorCaseSupport.normalized(error.message, case: name) == GeneratorCaseSupport.expectedError(case: name))
        } catch {
            Issue.record("\(name): unexpected \(error)")
        }
    }
}
