import Foundation
import Overlays
import Testing

/// One folder of the kustomize compatibility corpus (see Cases/README.md).
struct CompatibilityCase: CustomTestStringConvertible, Sendable {
    static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Cases").path

    let name: String

    var directory: String { "\(CompatibilityCase.casesDirectory)/\(name)" }
    var testDescription: String { name }

    /// The build root: `input/` unless a `root` file names another path.
    var root: String {
        guard let text = try? String(contentsOfFile: "\(directory)/root", encoding: .utf8) else {
            return "\(directory)/input"
        }
        let line = text.split(separator: "\n").first.map(String.init) ?? "input"
        return "\(directory)/\(line.trimmingCharacters(in: .whitespaces))"
    }

    var expectedOutput: String? { try? String(contentsOfFile: "\(directory)/expected.yaml", encoding: .utf8) }
    var expectsError: Bool { FileManager.default.fileExists(atPath: "\(directory)/expected-error.txt") }

    /// Every `<area>/<case>` folder holding an expectation.
    static var all: [CompatibilityCase] {
        let fm = FileManager.default
        var result: [CompatibilityCase] = []
        for area in (try? fm.contentsOfDirectory(atPath: casesDirectory).sorted()) ?? [] {
            for name in (try? fm.contentsOfDirectory(atPath: "\(casesDirectory)/\(area)").sorted()) ?? [] {
                let dir = "\(casesDirectory)/\(area)/\(name)"
                if fm.fileExists(atPath: "\(dir)/expected.yaml") || fm.fileExists(atPath: "\(dir)/expected-error.txt") {
                    result.append(CompatibilityCase(name: "\(area)/\(name)"))
                }
            }
        }
        return result
    }

    /// Cases listed in known-gaps.txt (`<area>/<case>  # reason`): features not implemented yet.
    static let knownGaps: Set<String> = {
        guard let text = try? String(contentsOfFile: "\(casesDirectory)/known-gaps.txt", encoding: .utf8) else {
            return []
        }
        return Set(
            text.split(separator: "\n").compactMap { line in
                let name = line.split(separator: "#").first.map { String($0).trimmingCharacters(in: .whitespaces) }
                return (name?.isEmpty ?? true) ? nil : name
            })
    }()
}
