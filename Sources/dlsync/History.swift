import ArgumentParser
import Foundation
import Sync

extension DLSync {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "List the renders and rollbacks on a rendered branch, newest first.",
            discussion: """
                Examples:
                  dlsync history --git ../rendered.git@rendered/dev
                  dlsync history --git https://git.example.com/rendered.git --env prod -o json
                  dlsync history --git /srv/rendered.git@rendered/all --env dev --limit 5

                Without @<branch>, --env picks rendered/<env>. A URL is fetched into the cache clone \
                first. Exit status: 0 ok, 1 error.
                """)

        @Option(help: ArgumentHelp("The repository and branch.", valueName: "repo@branch"))
        var git: String

        @Option(help: "Only this environment's renders; also picks the branch when --git names none.")
        var env: String?

        @Option(name: [.short, .customLong("output")], help: "Output format: table or json.")
        var output: OutputFormat = .table

        @Option(help: "Show at most this many.")
        var limit: Int?

        @OptionGroup var options: GitOptions

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case table, json
        }

        func run() throws {
            do {
                try list()
            } catch {
                throw fail(error.message)
            }
        }

        private func list() throws(RenderError) {
            let location = try resolvedLocation(git, environment: env)
            let branch = location.branch ?? ""
            let rendered = try options.open(location.repository)
            guard try rendered.refresh(branch) != nil else {
                throw RenderError("list renders of \(location): the branch does not exist")
            }
            let entries: [RenderHistory.Entry]
            do {
                entries = try RenderHistory.entries(
                    in: rendered.repository, branch: branch, environment: env, limit: limit)
            } catch {
                throw RenderError("list renders of \(location): \(error)")
            }
            switch output {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                let data = (try? encoder.encode(entries)) ?? Data("[]".utf8)
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            case .table:
                print(Self.table(entries))
            }
        }

        static func table(_ entries: [RenderHistory.Entry]) -> String {
            let formatter = ISO8601DateFormatter()
            var rows = [["COMMIT", "TIME", "ENV", "SOURCE", "SUBJECT"]]
            for entry in entries {
                rows.append([
                    String(entry.commit.prefix(7)), formatter.string(from: entry.time), entry.environment,
                    entry.sourceCommit.map { String($0.prefix(7)) } ?? "-", entry.subject,
                ])
            }
            let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
            return rows.map { row in
                row.enumerated().map { index, cell in
                    index < widths.count ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
                }.joined(separator: "  ")
            }.joined(separator: "\n")
        }
    }
}

/// `--git <repo>@<branch>` with the branch defaulting to `rendered/<env>`.
func resolvedLocation(_ text: String, environment: String?) throws(RenderError) -> GitLocation {
    let location = GitLocation.parse(text)
    if location.branch != nil { return location }
    guard let environment else {
        throw RenderError("\(text): name the branch (--git <repo>@<branch>) or the environment (--env <env>)")
    }
    return location.on(GitLocation.defaultBranch(for: environment))
}
