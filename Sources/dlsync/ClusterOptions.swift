import ArgumentParser
import Foundation
import Overlays
import Sync

/// Options every cluster command shares: how to reach the cluster and where the inventory lives.
struct ClusterOptions: ParsableArguments {
    @Option(help: "Path to a kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use (default: its current-context).")
    var context: String?

    @Option(help: "Namespace of the inventory (ApplySet parent ConfigMap).")
    var inventoryNamespace: String = "kube-system"

    @Option(help: "Name of the inventory (default: the environment's name, e.g. `dev` for environments/dev).")
    var name: String?

    func inventory(for environment: String) -> Inventory {
        Inventory(name: name ?? environment, namespace: inventoryNamespace)
    }

    /// Runs `body` with a connected client, closed afterwards however `body` ends.
    func withClient<T>(_ body: (APIClient) async throws -> T) async throws -> T {
        let client = try connect()
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    func connect() throws -> APIClient {
        do {
            let settings = try ConnectionSettings.load(kubeconfig: kubeconfig, context: context)
            return try APIClient(settings: settings)
        } catch {
            throw CommandFailure(error.message)
        }
    }
}

/// A failure already explained on stderr; exits with status 2.
struct CommandFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data("Error: \(text)\n".utf8))
    }

    static func progress(_ text: String) {
        FileHandle.standardError.write(Data("dlsync: \(text)\n".utf8))
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// `1.234s`.
    static func seconds(_ duration: Duration) -> String {
        String(format: "%.3fs", duration.inSeconds)
    }
}

/// Builds or reads the desired state and prepares it for the cluster; fails before any API request.
func loadDesired(_ source: DesiredSource, inventory: Inventory) throws -> [DesiredObject] {
    let resources = try source.resources()
    do {
        return try DesiredObject.prepare(resources, inventory: inventory)
    } catch {
        throw CommandFailure(error.message)
    }
}

/// Runs a command body, turning failures into a message on stderr and exit status 2.
func runReportingErrors(_ body: () async throws -> Int32) async throws {
    let status: Int32
    do {
        status = try await body()
    } catch let failure as CommandFailure {
        Console.error(failure.message)
        throw ExitCode(2)
    } catch let error as SyncError {
        Console.error(error.message)
        throw ExitCode(2)
    }
    if status != 0 { throw ExitCode(status) }
}
