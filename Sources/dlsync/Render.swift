import ArgumentParser
import Foundation
import Sync

extension DLSync {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Build an environment and commit it to its rendered branch, one file per object.",
            discussion: """
                The branch (rendered/<env> by default, <env> being the directory's last path component) gets \
                one commit per render holding <env>/<namespace or _cluster>/<kind>-<name>.yaml for every \
                object and <env>/dlsync.json (source commit, dlsync version, object count, sha256 digest). \
                Files of objects that are gone are removed. When nothing changed no commit is made (exit 0). \
                A failed build writes nothing. Secrets are written without their values (data and \
                stringData are removed).

                The repository is a local path, or a URL (https://, ssh://, git://, file://, \
                user@host:path) rendered into a cache clone (--workdir) after fetching the branch. --push \
                publishes the commit, fetching and re-rendering on top when someone else pushed first; for \
                a local path it pushes to the origin remote.

                Examples:
                  dlsync render environments/dev --repo ../rendered.git
                  dlsync render environments/dev --repo /srv/rendered.git --init
                  dlsync render environments/prod --push \\
                      --repo git@github.com:org/rendered.git
                  dlsync render environments/prod --push \\
                      --repo https://git.example.com/rendered.git \\
                      --branch rendered/prod-eu --message "Raise trino memory"

                Credentials: DLSYNC_GIT_TOKEN (HTTPS), DLSYNC_GIT_SSH_KEY, or ssh-agent and ~/.ssh/id_*. \
                Prints the new commit id on stdout and the outcome on stderr. Exit status: 0 ok \
                (also when nothing changed), 1 error.
                """)

        @Argument(help: "The environment directory (holding kustomization.yaml).", completion: .directory)
        var environmentDirectory: String

        @Option(help: ArgumentHelp("The repository holding the rendered branches.", valueName: "path|url"))
        var repo: String

        @Option(help: ArgumentHelp("The branch to write. Default: rendered/<env>.", valueName: "branch"))
        var branch: String?

        @Flag(help: "Push the commit to the remote (the URL, or the local repository's origin).")
        var push = false

        @Option(help: "Commit subject (and body) instead of the source commit's; trailers are kept.")
        var message: String?

        @Flag(help: "Write even though the branch has commits dlsync did not make.")
        var adopt = false

        @Flag(name: .customLong("init"), help: "Create the local repository (bare) when it does not exist.")
        var initialize = false

        @OptionGroup var git: GitOptions

        func run() throws {
            do {
                try render()
            } catch {
                throw fail(error.message)
            }
        }

        private func render() throws(RenderError) {
            let render = try EnvironmentRender.build(directory: environmentDirectory)
            let branch = branch ?? GitLocation.defaultBranch(for: render.environment)
            let address = GitLocation.Address(repo)
            let rendered = try git.open(address, create: initialize)
            let outcome = try rendered.write(
                render.tree, to: branch, message: render.commitMessage(custom: message), adopt: adopt, push: push)
            let location = GitLocation(repository: address, branch: branch)
            let summary = "rendered \(render.environment) (\(render.metadata.objects) objects)"
            switch outcome {
            case .unchanged:
                printError("\(summary): \(location) is already up to date; no commit")
            case .committed(let id):
                print(id.hex)
                var note = "\(summary) to \(location): committed \(id.short)"
                if push {
                    note += ", pushed"
                } else if address.isRemote {
                    note += " in the cache clone \(rendered.repository.gitDirectory); not pushed (pass --push)"
                }
                printError(note)
            }
        }
    }
}
