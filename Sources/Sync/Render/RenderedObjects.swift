import Foundation
import Overlays

/// Where each object of a build goes in a rendered branch and what bytes it is:
/// `<namespace or _cluster>/<kind>-<name>.yaml` (kind lower-cased) holding exactly what
/// `Kustomizer.render([object])` prints, with Secret values removed (`Resource.withoutSecretValues`).
///
/// Cluster-scoped objects, and objects without a namespace, go under `_cluster/`. When two objects of
/// different API groups would share a file (same kind, name and namespace), both are named
/// `<kind>.<group>-<name>.yaml`.
public enum RenderedObjects {
    /// The folder of objects without a namespace.
    public static let clusterFolder = "_cluster"

    /// Relative path → file bytes, one file per object. Objects are emitted on all cores.
    public static func files(for resources: [Resource]) throws(RenderError) -> [String: [UInt8]] {
        let placed = try paths(for: resources)
        let results = placed.concurrentMap { path, resource -> Result<[UInt8], RenderError> in
            do {
                return .success(Array(try Kustomizer.render([resource.withoutSecretValues]).utf8))
            } catch {
                return .failure(RenderError("render \(resource.id) as \(path): \(error)"))
            }
        }
        var files: [String: [UInt8]] = [:]
        files.reserveCapacity(placed.count)
        for (index, (path, _)) in placed.enumerated() {
            switch results[index] {
            case .success(let bytes): files[path] = bytes
            case .failure(let error): throw error
            }
        }
        return files
    }

    /// Relative path → object, in build order.
    public static func paths(for resources: [Resource]) throws(RenderError) -> [(path: String, resource: Resource)] {
        let plain = resources.concurrentMap { path(for: $0, qualified: false) }
        var counts: [String: Int] = [:]
        for path in plain { counts[path, default: 0] += 1 }
        var result: [(path: String, resource: Resource)] = []
        var taken: [String: Int] = [:]
        for (index, resource) in resources.enumerated() {
            let path = counts[plain[index], default: 0] > 1 ? self.path(for: resource, qualified: true) : plain[index]
            if let other = taken[path] {
                throw RenderError(
                    "render \(resource.id): it would be written to \(path), as \(resources[other].id) is; "
                        + "two objects with the same kind, name and namespace cannot both be rendered")
            }
            taken[path] = index
            result.append((path, resource))
        }
        return result
    }

    static func path(for resource: Resource, qualified: Bool) -> String {
        let folder = resource.gvk.isClusterScoped || resource.namespace.isEmpty ? clusterFolder : resource.namespace
        var kind = resource.kind.lowercased()
        if qualified, !resource.gvk.group.isEmpty { kind += "." + resource.gvk.group.lowercased() }
        return safe(folder) + "/" + safe(kind) + "-" + safe(resource.name) + ".yaml"
    }

    /// One clean path component: no `/`, `\`, NUL; never empty, `.` or `..`.
    private static func safe(_ component: String) -> String {
        // On UTF-8 bytes, as Git sees the path; names rarely need a change, so they are only copied then.
        if component.isEmpty { return "_" }
        if component == "." || component == ".." { return String(repeating: "_", count: component.utf8.count) }
        let unsafe: (UInt8) -> Bool = { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == 0 }
        guard component.utf8.contains(where: unsafe) else { return component }
        return String(decoding: component.utf8.map { unsafe($0) ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
    }
}
