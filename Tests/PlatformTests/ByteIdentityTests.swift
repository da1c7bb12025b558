import Foundation
import Overlays
import Testing

/// `dlsync build` of each environment prints exactly what `kubectl kustomize` prints
/// (`Expected/<env>.yaml`, written by scripts/regen-platform-expected.sh).
@Suite struct ByteIdentityTests {
    @Test(arguments: Platform.environments)
    func renderedEnvironmentMatchesKubectlKustomize(_ env: String) throws {
        let rendered = try Kustomizer.render(Platform.built(env).resources)
        let path = "\(Platform.repositoryRoot)/Tests/PlatformTests/Expected/\(env).yaml"
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if rendered == expected { return }
        // Name the first differing line rather than dumping two 2,000-line streams.
        let got = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let common = min(got.count, want.count)
        let line = (0..<common).first { got[$0] != want[$0] } ?? common
        let context = { (lines: [Substring]) in
            lines[max(0, line - 3)..<min(lines.count, line + 4)].joined(separator: "\n")
        }
        Issue.record(
            """
            dlsync build environments/\(env) differs from Expected/\(env).yaml at line \(line + 1) \
            (\(got.count) vs \(want.count) lines); regenerate with scripts/regen-platform-expected.sh \
            if the platform changed.
            dlsync:
            \(context(got))
            kubectl kustomize:
            \(context(want))
            """)
    }
}
