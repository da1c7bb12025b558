import Foundation

/// The parts of the process environment configuration loading reads: variables and files.
/// Tests pass their own to load kubeconfigs without touching the real home directory.
public struct ProcessEnvironment: Sendable {
    public var variables: [String: String]
    public var readFile: @Sendable (String) -> [UInt8]?

    public init(variables: [String: String], readFile: @escaping @Sendable (String) -> [UInt8]?) {
        self.variables = variables
        self.readFile = readFile
    }

    /// The real environment and file system.
    public static var current: ProcessEnvironment {
        ProcessEnvironment(variables: ProcessInfo.processInfo.environment) { path in
            FileManager.default.contents(atPath: path).map { Array($0) }
        }
    }

    static var home: String? { ProcessInfo.processInfo.environment["HOME"] }
}
