import NIOConcurrencyHelpers
import Overlays

/// The kinds a server serves, fetched per group-version on first use and cached for the run
/// (`GET /api/v1`, `GET /apis/apps/v1`, …). A group-version the server does not know caches as empty.
final class Discovery: Sendable {
    private let cache = NIOLockedValueBox<[String: [String: APIResource]]>([:])

    func cached(_ groupVersion: String) -> [String: APIResource]? {
        cache.withLockedValue { $0[groupVersion] }
    }

    func store(_ groupVersion: String, _ resources: [String: APIResource]) {
        cache.withLockedValue { $0[groupVersion] = resources }
    }

    private let preferred = NIOLockedValueBox<[String: String]>([:])

    func preferredVersion(_ group: String) -> String? {
        preferred.withLockedValue { $0[group] }
    }

    func storePreferredVersion(_ group: String, _ version: String) {
        preferred.withLockedValue { $0[group] = version }
    }

    func invalidate(_ groupVersion: String) {
        cache.withLockedValue { _ = $0.removeValue(forKey: groupVersion) }
        let group = groupVersion.split(separator: "/").count == 2 ? String(groupVersion.split(separator: "/")[0]) : ""
        preferred.withLockedValue { _ = $0.removeValue(forKey: group) }
    }

    /// Reads an `APIResourceList` into kind → resource, skipping subresources (`deployments/status`).
    static func parse(_ list: Node, group: String, version: String) -> [String: APIResource] {
        var out: [String: APIResource] = [:]
        for item in list["resources"]?.sequence ?? [] {
            guard let name = item["name"]?.string, !name.contains("/"), let kind = item["kind"]?.string else {
                continue
            }
            let namespaced = item["namespaced"] == .bool(true)
            out[kind] = APIResource(group: group, version: version, kind: kind, name: name, namespaced: namespaced)
        }
        return out
    }
}
