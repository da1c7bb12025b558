import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Sync

/// A `dlsync daemon` started as a real process for end-to-end tests, listening on a free loopback port,
/// with its log in a file and helpers for its HTTP endpoint.
final class DaemonProcess {
    let pid: pid_t
    let logPath: String
    let port: Int
    private var exited: Int32?

    /// Starts `dlsync daemon <arguments> --listen 127.0.0.1:<port>` and waits until it listens.
    init(_ arguments: [String], log: String, environment: [String: String] = [:]) throws {
        guard let binary = TestCluster.dlsyncBinary else {
            throw DaemonTestError("no dlsync binary next to the tests; run swift build first")
        }
        port = Int(try GitDaemon.freeLoopbackPort())
        logPath = log
        pid = try SpawnedProcess.spawn(
            binary, [binary, "daemon"] + arguments + ["--listen", "127.0.0.1:\(port)"],
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new }, output: log)
        try waitUntil(timeout: .seconds(20), "listening on \(port)") { self.log.contains("address=127.0.0.1:\(port)") }
    }

    deinit {
        if exited == nil {
            kill(pid, SIGKILL)
            _ = SpawnedProcess.wait(pid)
        }
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM; the exit status and how long the process took to exit.
    func terminate() -> (status: Int32, seconds: Double) {
        let start = ContinuousClock.now
        kill(pid, SIGTERM)
        let status = SpawnedProcess.wait(pid)
        exited = status
        return (status, (ContinuousClock.now - start).inSeconds)
    }

    /// Kills the process at once, as a crash or an OOM kill would.
    func crash() {
        kill(pid, SIGKILL)
        exited = SpawnedProcess.wait(pid)
    }

    func request(_ method: HTTPMethod, _ path: String, headers: [String: String] = [:], body: [UInt8] = [])
        async throws -> (status: Int, body: String)
    {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    /// The value of one metric series (`dlsync_leader`, `dlsync_reconciles_total{result="refused"}`), nil
    /// when absent.
    func metric(_ series: String) async throws -> Double? {
        let text = try await request(.GET, "/metrics").body
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }
}

struct DaemonTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 100 ms until it holds; returns how long that took, or throws after `timeout`.
@discardableResult
func waitUntil(timeout: Duration, _ what: String, _ condition: () throws -> Bool) throws -> Double {
    let start = ContinuousClock.now
    while ContinuousClock.now - start < timeout {
        if try condition() { return (ContinuousClock.now - start).inSeconds }
        usleep(100_000)
    }
    throw DaemonTestError("timed out after \(timeout) waiting for \(what)")
}

/// The async form, for conditions that ask the daemon's endpoint.
@discardableResult
func waitUntil(timeout: Duration, _ what: String, _ condition: () async throws -> Bool) async throws -> Double {
    let start = ContinuousClock.now
    while ContinuousClock.now - start < timeout {
        if try await condition() { return (ContinuousClock.now - start).inSeconds }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw DaemonTestError("timed out after \(timeout) waiting for \(what)")
}
