import ArgumentParser
import Foundation
import Overlays
import Sync

/// Where `diff`, `sync` and `status` read the desired state: a kustomization directory (built here) or,
/// with `--git`, an environment folder of a rendered branch (what reviewers approved).
struct DesiredSource: ParsableArguments {
    @Argument(help: "Directory holding kustomization.yaml (ignored with --git).", completion: .directory)
    var directory: String = "."

    @Option(
        help: ArgumentHelp(
            "Read the desired state from a rendered branch instead of building the directory.",
            discussion: "A repository path or URL, and optionally @<branch> (default rendered/<env>).",
            valueName: "repo@branch"))
    var git: String?

    @Option(help: "Environment folder on the rendered branch (default: the <env> of rendered/<env>, else the directory's name).")
    var env: String?

    @OptionGroup var repositories: GitOptions

    /// The environment's name: it names the inventory and, with --git, the folder on the branch.
    var environment: String {
        if let env { return env }
        if let git, let environment = GitLocation.parse(git).renderedEnvironment { return environment }
        return URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
    }

    /// The objects to sync; a build or read error fails before any API request.
    func resources() throws -> [Resource] {
        guard let git else {
            do {
                return try Kustomizer.build(directory: directory)
            } catch {
                throw CommandFailure("building \(directory): \(error.message)")
            }
        }
        let location = GitLocation.parse(git)
        let branch = location.branch ?? GitLocation.defaultBranch(for: environment)
        do {
            let rendered = try repositories.open(location.repository)
            return try RenderedBranchReader.read(environment: environment, branch: branch, from: rendered).resources
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
