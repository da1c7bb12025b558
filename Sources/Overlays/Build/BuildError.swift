/// A build failure with a message that says what is wrong and where, in kustomize's
/// "context: cause" style. Nothing is printed on stdout when one is thrown.
public struct BuildError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The same error with a context prefix, e.g. `accumulating resources: …`.
    public func wrapped(_ context: String) -> BuildError {
        BuildError("\(context): \(message)")
    }
}

extension YAMLError {
    var buildError: BuildError { BuildError(description) }
}
