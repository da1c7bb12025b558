import ArgumentParser
import Foundation
import Sync

extension DLSync {
    struct Rollback: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rollback",
            abstract: "Restore an environment on its rendered branch to an earlier render, as a new commit.",
            discussion: """
                Adds a commit whose <env>/ tree equals that of the render --to names; history is never \
                rewritten. --to must be a dlsync render (or rollback) commit of <env> on the branch (see \
                dlsync history). The next render from the source overwrites the rollback: revert the \
                source too.

                Examples:
                  dlsync rollback --git ../rendered.git@rendered/dev --env dev --to 3f2a9c1
                  dlsync rollback --git git@github.com:org/rendered.git@rendered/prod \\
                      --env prod --to 3f2a9c1 --push

                A URL is fetched into the cache clone first; --push publishes the commit (for a local \
                path: to its origin remote). Prints the new commit id on stdout. Exit status: 0 ok \
                (also when there is nothing to restore), 1 error.
                """)

        @Option(help: ArgumentHelp("The repository and branch.", valueName: "repo@branch"))
        var git: String

        @Option(help: "The environment to roll back.")
        var env: String

        @Option(help: ArgumentHelp("The render commit to restore (full or abbreviated id).", valueName: "commit"))
        var to: String

        @Flag(help: "Push the commit to the remote (the URL, or the local repository's origin).")
        var push = false

        @OptionGroup var options: GitOptions

        func run() throws {
            do {
                try rollback()
            } catch {
                throw fail(error.message)
            }
        }

        private func rollback() throws(RenderError) {
            let location = try resolvedLocation(git, environment: env)
            let branch = location.branch ?? GitLocation.defaultBranch(for: env)
            let rendered = try options.open(location.repository)
            try rendered.refresh(branch)
            let rollback = try RenderRollback.prepare(
                environment: env, branch: branch, to: to, in: rendered.repository,
                repositoryName: location.repository.description)
            let outcome = try rendered.write(
                rollback.tree, to: branch, message: rollback.message, adopt: false, push: push)
            switch outcome {
            case .unchanged:
                printError("\(env) on \(location) already equals \(rollback.target.id.short); no commit")
            case .committed(let id):
                print(id.hex)
                var note = "rolled \(env) back to \(rollback.target.id.short) on \(location): committed \(id.short)"
                if push {
                    note += ", pushed"
                } else if location.repository.isRemote {
                    note += " in the cache clone \(rendered.repository.gitDirectory); not pushed (pass --push)"
                }
                printError(note)
            }
        }
    }
}
