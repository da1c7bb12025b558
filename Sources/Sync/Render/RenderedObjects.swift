import Dispatch
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

    /// Relative path → file bytes, one file per object. Objects are emitted in parallel, one chunk per core.
    public static func files(for resources: [Resource]) throws(RenderError) -> [String: [UInt8]] {
        let placed = try paths(for: resources)
        let results = ParallelResults<Result<[UInt8], RenderError>>(count: placed.count)
        let chunkSize = max(64, placed.count / (ProcessInfo.processInfo.activeProcessorCount * 4) + 1)
        let chunks = (placed.count + chunkSize - 1) / chunkSize
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in (chunk * chunkSize)..<min(placed.count, (chunk + 1) * chunkSize) {
                let (path, resource) = placed[index]
                do {
                    results[index] = .success(Array(try Kustomizer.render([resource.withoutSecretValues]).utf8))
                } catch {
                    results[index] = .failure(RenderError("render \(resource.id) as \(path): \(error)"))
                }
            }
        }
        var files: [String: [UInt8]] = [:]
        files.reserveCapacity(placed.count)
        for (index, (path, _)) in placed.enumerated() {
            switch results[index] {
            case .success(let bytes): files[path] = bytes
            case .failure(let error): throw error
            case nil: throw RenderError("render \(path): no output")
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

/// Slots that `DispatchQueue.concurrentPerform` iterations fill, each index by exactly one iteration;
/// read only after all iterations returned.
private final class ParallelResults<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(index: Int) -> Value? {
        get { slots[index] }
        set { slots[index] = newValue }
    }
}
