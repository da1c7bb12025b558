extension RenderedBranchWriter {
    /// The message of a render commit:
    ///
    ///     render(<environment>): <source short sha> <source subject>
    ///
    ///     Source-Commit: <source sha>
    ///     Rendered-By: dlsync <version>
    ///
    /// Only the first line of `sourceSubject` is used.
    public static func commitMessage(
        environment: String, sourceCommit: String, sourceSubject: String, version: String
    ) -> String {
        let subjectLine =
            sourceSubject.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let subject = subjectLine.trimmingCharacters(in: " \t\r")
        let shortSHA = String(sourceCommit.prefix(7))
        let title = ["render(\(environment)):", shortSHA, subject].filter { !$0.isEmpty }.joined(separator: " ")
        return """
            \(title)

            Source-Commit: \(sourceCommit)
            \(trailerKey): dlsync \(version)

            """
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        var result = self
        while let first = result.first, characters.contains(first) { result = result.dropFirst() }
        while let last = result.last, characters.contains(last) { result = result.dropLast() }
        return String(result)
    }
}
