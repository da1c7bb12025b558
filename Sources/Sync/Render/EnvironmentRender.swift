import Foundation
import Overlays

/// One environment built and laid out for Git, before anything is written: the object files, `dlsync.json`
/// and the commit message. Building fails as a whole, so a broken tree never reaches a branch.
public struct EnvironmentRender: Sendable {
    /// The last path component of the environment directory.
    public let environment: String
    /// The object files and `dlsync.json`, under `<environment>/`.
    public let tree: RenderedTree
    public let metadata: RenderMetadata
    /// `HEAD` of the work tree holding the environment directory, nil when there is none.
    public let source: SourceCommit?
    public let version: String

    /// Builds the kustomization in `directory` and lays it out.
    ///
    /// - Parameter source: the source commit; by default `HEAD` of the repository containing `directory`.
    public static func build(
        directory: String, version: String = DLSyncVersion.current, source: SourceCommit?? = nil
    ) throws(RenderError) -> EnvironmentRender {
        let environment = environmentName(of: directory)
        // libgit2's start-up overlaps the build: both the source commit and the branch need it next.
        LibGit2.initializeInBackground()
        let resources: [Resource]
        do {
            resources = try Kustomizer.build(directory: directory)
        } catch {
            throw RenderError("build \(directory): \(error.message); nothing was written")
        }
        let sourceCommit: SourceCommit?
        if let source {
            sourceCommit = source
        } else {
            do {
                sourceCommit = try SourceCommit.containing(directory)
            } catch {
                throw RenderError("read the source commit of \(directory): \(error)")
            }
        }
        return try layout(resources, environment: environment, source: sourceCommit, version: version)
    }

    /// Lays out already built objects.
    public static func layout(
        _ resources: [Resource], environment: String, source: SourceCommit?, version: String = DLSyncVersion.current
    ) throws(RenderError) -> EnvironmentRender {
        var files = try RenderedObjects.files(for: resources)
        let metadata = RenderMetadata(
            environment: environment, sourceCommit: source?.id.hex, dlsyncVersion: version, objects: files.count,
            digest: RenderDigest.digest(files))
        do {
            files[RenderMetadata.fileName] = try metadata.encoded()
            let tree = try RenderedTree(
                environment: environment, files: files, metadataFiles: [RenderMetadata.fileName])
            return EnvironmentRender(
                environment: environment, tree: tree, metadata: metadata, source: source, version: version)
        } catch {
            throw RenderError("lay out \(environment): \(error)")
        }
    }

    /// The name of the environment in `directory`: its last path component (`environments/dev` → `dev`).
    public static func environmentName(of directory: String) -> String {
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL
        return absolute.resolvingSymlinksInPath().lastPathComponent
    }

    /// The commit message:
    ///
    ///     render(<env>): <source short sha> <source subject>      (or: render(<env>): <first line of custom>)
    ///
    ///     [the rest of `custom`]
    ///
    ///     Source-Commit: <source sha>
    ///     Rendered-By: dlsync <version>
    public func commitMessage(custom: String? = nil) -> String {
        let trailerKey = RenderedBranchWriter.trailerKey
        let custom = custom?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !custom.isEmpty {
            let lines = custom.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let body = lines.count > 1 ? lines[1].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            var trailers = source.map { ["Source-Commit: \($0.id.hex)"] } ?? []
            trailers.append("\(trailerKey): dlsync \(version)")
            return "render(\(environment)): \(lines[0])\n\n" + (body.isEmpty ? "" : body + "\n\n")
                + trailers.joined(separator: "\n") + "\n"
        }
        if let source {
            return RenderedBranchWriter.commitMessage(
                environment: environment, sourceCommit: source.id.hex, sourceSubject: source.subject,
                version: version)
        }
        return """
            render(\(environment)): not from a Git work tree

            \(trailerKey): dlsync \(version)

            """
    }
}
