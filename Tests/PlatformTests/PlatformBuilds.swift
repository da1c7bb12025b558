import Foundation
import Overlays
import Testing

/// The platform tree shipped with dlsync: every environment builds.
enum Platform {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let environments = ["dev", "staging", "prod", "edge"]

    static func build(_ environment: String) throws -> [Resource] {
        try Kustomizer.build(directory: "\(repositoryRoot)/environments/\(environment)")
    }
}

@Suite struct PlatformBuilds {
    @Test(arguments: Platform.environments)
    func environmentBuilds(_ environment: String) throws {
        let resources = try Platform.build(environment)
        #expect(!resources.isEmpty)
    }
}
