import ArgumentParser
import Foundation
import Overlays

extension DLSync {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Print the manifests of a kustomization directory, byte for byte as `kubectl kustomize`.",
            discussion: """
                Examples:
                  dlsync build environments/dev
                  dlsync build environments/prod -o rendered/prod

                On any error nothing is printed on stdout and the exit status is 1.
                """)

        @Argument(help: "Directory holding kustomization.yaml.", completion: .directory)
        var directory: String = "."

        @Option(name: [.short, .customLong("output")], help: "Write one file per object into this directory instead of stdout.")
        var output: String?

        func run() throws {
            do {
                let resources = try Kustomizer.build(directory: directory)
                if let output {
                    try writeFiles(resources, to: output)
                } else {
                    let text = try Kustomizer.render(resources)
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            } catch {
                FileHandle.standardError.write(Data("Error: \(error.message)\n".utf8))
                throw ExitCode.failure
            }
        }

        private func writeFiles(_ resources: [Resource], to directory: String) throws(BuildError) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else { throw BuildError("output directory '\(directory)' does not exist; create it first") }
            // Render everything (on all cores) before writing anything, so a failure leaves no partial output.
            let rendered = ObjectFiles.names(for: resources).concurrentMap { name, resource in
                (name, Result { () throws(BuildError) in try Kustomizer.render([resource]) })
            }
            var files: [(String, String)] = []
            for (name, text) in rendered { files.append((name, try text.get())) }
            for (name, text) in files {
                let path = (directory as NSString).appendingPathComponent(name)
                guard Self.writePlainly(text, to: path) else { throw BuildError("cannot write '\(path)'") }
            }
        }

        /// Creates or truncates `path` and writes `text`, as `kustomize build -o` does. Foundation's writes
        /// sync every file to disk (and createFile renames it too), which took seconds for a few thousand objects.
        private static func writePlainly(_ text: String, to path: String) -> Bool {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else { return false }
            var text = text
            let written = text.withUTF8 { buffer -> Bool in
                guard var next = buffer.baseAddress else { return true }
                var remaining = buffer.count
                while remaining > 0 {
                    let count = write(descriptor, next, remaining)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { return false }
                    next += count
                    remaining -= count
                }
                return true
            }
            return close(descriptor) == 0 && written
        }
    }
}
