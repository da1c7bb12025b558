import Foundation
import Sync
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh directory under the system temporary directory, removed when the test's scope ends.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("dlsync-git-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func sub(_ name: String) -> String { path + "/" + name }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

struct GitCLIError: Error, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let stderr: String
    var description: String { "git \(arguments.joined(separator: " ")) exited \(status): \(stderr)" }
}

/// The real `git` command line, isolated from the machine's configuration.
enum GitCLI {
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "Plain Git"
        environment["GIT_AUTHOR_EMAIL"] = "plain@example.com"
        environment["GIT_COMMITTER_NAME"] = "Plain Git"
        environment["GIT_COMMITTER_EMAIL"] = "plain@example.com"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        return environment
    }()

    static let executable: URL = {
        for directory in ["/usr/bin", "/usr/local/bin", "/bin"]
        where FileManager.default.isExecutableFile(
            atPath: directory + "/git")
        {
            return URL(fileURLWithPath: directory + "/git")
        }
        return URL(fileURLWithPath: "/usr/bin/git")
    }()

    /// Runs `git <arguments>` and returns its standard output; throws when it exits non-zero.
    @discardableResult
    static func run(_ arguments: [String], in directory: String? = nil) throws -> Data {
        let result = try ChildProcess.run(
            executable.path, (directory.map { ["-C", $0] } ?? []) + arguments, environment: environment)
        guard result.status == 0 else {
            throw GitCLIError(arguments: arguments, status: result.status, stderr: result.stderr)
        }
        return result.stdoutData
    }

    /// Standard output as text, without the trailing newline.
    static func text(_ arguments: [String], in directory: String? = nil) throws -> String {
        var text = String(decoding: try run(arguments, in: directory), as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Whether `git <arguments>` exits zero.
    static func succeeds(_ arguments: [String], in directory: String? = nil) -> Bool {
        (try? run(arguments, in: directory)) != nil
    }
}

/// `git daemon` serving every repository under `basePath` over git:// on a free loopback port, with pushes
/// enabled; stopped (SIGTERM, then reaped) when released.
///
final class GitDaemon {
    let port: UInt16
    private let pid: pid_t

    init(basePath: String) throws {
        port = try Self.freeLoopbackPort()
        let executable = try GitCLI.text(["--exec-path"]) + "/git-daemon"
        pid = try SpawnedProcess.spawn(
            executable,
            [
                executable, "--export-all", "--enable=receive-pack", "--informative-errors", "--reuseaddr",
                "--base-path=\(basePath)", "--port=\(port)", "--listen=127.0.0.1", basePath,
            ], environment: GitCLI.environment)
        do {
            try waitUntilListening()
        } catch {
            stop()
            throw error
        }
    }

    func url(_ repository: String) -> String { "git://127.0.0.1:\(port)/\(repository)" }

    deinit {
        stop()
    }

    private var stopped = false

    /// Stops serving (the remote becomes unreachable); also done when the daemon is released.
    func stop() {
        guard !stopped else { return }
        stopped = true
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    private func waitUntilListening() throws {
        for _ in 0..<100 {
            if Self.canConnect(port: port) { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { break }
            usleep(50_000)
        }
        throw GitCLIError(arguments: ["daemon"], status: -1, stderr: "never listened on port \(port)")
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func canConnect(port: UInt16) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }

    static func freeLoopbackPort() throws -> UInt16 {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(socketFD) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socketFD, pointer, length) == 0 && getsockname(socketFD, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// A dlsync working repository (bare, no work tree) plus helpers shared by the Git tests.
struct RenderFixture {
    let directory: TemporaryDirectory
    let path: String
    let repository: Repository
    static let signature = Signature(name: "dlsync test", email: "dlsync-test@example.com")

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.sub("rendered.git")
        repository = try Repository.create(at: path, bare: true)
    }

    var writer: RenderedBranchWriter { RenderedBranchWriter(repository: repository, signature: Self.signature) }

    static func message(_ environment: String = "dev", subject: String = "update services") -> String {
        RenderedBranchWriter.commitMessage(
            environment: environment, sourceCommit: "0123456789abcdef0123456789abcdef01234567",
            sourceSubject: subject, version: "0.1.0")
    }

    static func files(_ files: [String: String]) -> [String: [UInt8]] {
        files.mapValues { Array($0.utf8) }
    }

    @discardableResult
    func render(
        _ files: [String: String], environment: String = "dev", branch: String = "rendered/dev",
        subject: String = "update services", adopt: Bool = false
    ) throws -> RenderedBranchWriter.Outcome {
        let tree = try RenderedTree(environment: environment, files: Self.files(files))
        return try writer.write(tree, to: branch, message: Self.message(environment, subject: subject), adopt: adopt)
    }

    func git(_ arguments: [String]) throws -> String {
        try GitCLI.text(arguments, in: path)
    }

    func paths(on branch: String = "rendered/dev") throws -> [String] {
        try git(["ls-tree", "-r", "--name-only", branch]).split(separator: "\n").map(String.init)
    }
}

let sampleFiles = [
    "apps/deployment-api.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n",
    "apps/service-api.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n",
    "_cluster/namespace-apps.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n",
    "dlsync.json": "{\"objects\":3}\n",
]

/// Installs an executable hook script at `path`. The file is written by a child process (`cp`), never
/// opened for writing in this process: a file descriptor open for writing that a concurrently spawned
/// process inherits makes executing the hook fail with ETXTBSY ("hook declined") in parallel tests.
func installHook(_ script: String, at path: String) throws {
    let source = path + ".source"
    try Data(script.utf8).write(to: URL(fileURLWithPath: source))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "cp \"$1\" \"$2\" && chmod 755 \"$2\"", "sh", source, path]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw GitCLIError(arguments: ["install hook", path], status: process.terminationStatus, stderr: "")
    }
}
