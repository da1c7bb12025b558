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

    /// Relative path → file bytes, one file per object.
    public static func files(for resources: [Resource]) throws(RenderError) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for (path, resource) in try paths(for: resources) {
            do {
                files[path] = Array(try Kustomizer.render([resource.withoutSecretValues]).utf8)
            } catch {
                throw RenderError("render \(resource.id) as \(path): \(error.message)")
            }
        }
        return files
    }

    /// Relative path → object, in build order.
    public static func paths(for resources: [Resource]) throws(RenderError) -> [(path: String, resource: Resource)] {
        let plain = resources.map { path(for: $0, qualified: false) }
        var counts: [String: Int] = [:]
        for path in plain { counts[path, default: 0] += 1 }
        var result: [(path: String, resource: Resource)] = []
        var taken: [String: Resource] = [:]
        for (index, resource) in resources.enumerated() {
            let path = counts[plain[index], default: 0] > 1 ? self.path(for: resource, qualified: true) : plain[index]
            if let other = taken[path] {
                throw RenderError(
                    "render \(resource.id): it would be written to \(path), as \(other.id) is; "
                        + "two objects with the same kind, name and namespace cannot both be rendered")
            }
            taken[path] = resource
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
        let cleaned = String(
            component.map { character -> Character in
                character == "/" || character == "\\" || character == "\0" ? "_" : character
            })
        if cleaned.isEmpty { return "_" }
        if cleaned == "." || cleaned == ".." { return cleaned.replacingDots() }
        return cleaned
    }
}

extension String {
    fileprivate func replacingDots() -> String { String(map { $0 == "." ? "_" : $0 }) }
}
