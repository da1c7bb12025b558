import Overlays
import Testing

/// Containers are probed, sized and pinned; StatefulSets claim storage.
@Suite struct WorkloadTests {
    @Test(arguments: Platform.workloadTargets)
    func everyLongRunningContainerHasLivenessAndReadinessProbes(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for w in env.workloads where w.isLongRunning {
            for c in w.containers where !c.isInit {
                for probe in ["livenessProbe", "readinessProbe"] where c.node[probe] == nil {
                    violations.append("\(c.description): no \(probe)")
                }
            }
        }
        expectNoViolations(violations, "containers without probes")
    }

    /// A probe that names its port (`port: http`) names one the container declares.
    @Test(arguments: Platform.workloadTargets)
    func probesNameDeclaredContainerPorts(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for c in env.workloads.flatMap(\.containers) {
            let declared = Set((c.node["ports"]?.items ?? []).compactMap { $0["name"]?.string })
            for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
                let handler = c.node[probe, "httpGet"] ?? c.node[probe, "tcpSocket"]
                if let port = handler?["port"]?.string, !declared.contains(port) {
                    violations.append("\(c.description): \(probe) uses port '\(port)', which the container does not name")
                }
            }
        }
        expectNoViolations(violations, "probes on undeclared ports")
    }

    /// Every container, init containers and Jobs included.
    @Test(arguments: Platform.workloadTargets)
    func everyContainerHasResourceRequestsAndLimits(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for c in env.workloads.flatMap(\.containers) {
            for part in ["requests", "limits"] {
                let keys = Set(c.node["resources", part]?.mapping?.keys ?? [])
                if !keys.isSuperset(of: ["cpu", "memory"]) {
                    violations.append("\(c.description): resources.\(part) needs cpu and memory (has \(keys.sorted()))")
                }
            }
        }
        expectNoViolations(violations, "containers without requests and limits")
    }

    /// The tag of an image reference (`registry:5000/repo/name:tag@digest` -> `tag`), or nil.
    static func tag(of image: String) -> String? {
        let withoutDigest = image.split(separator: "@", maxSplits: 1).first.map(String.init) ?? image
        let last = withoutDigest.split(separator: "/").last.map(String.init) ?? withoutDigest
        guard let colon = last.lastIndex(of: ":") else { return nil }
        return String(last[last.index(after: colon)...])
    }

    @Test func tagParsing() {
        #expect(Self.tag(of: "postgres:16.4") == "16.4")
        #expect(Self.tag(of: "registry.local:5000/org/minio") == nil)
        #expect(Self.tag(of: "registry.local:5000/org/minio:RELEASE.2024") == "RELEASE.2024")
        #expect(Self.tag(of: "trinodb/trino") == nil)
    }

    @Test(arguments: Platform.workloadTargets)
    func everyImageIsPinnedToAVersionTag(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for c in env.workloads.flatMap(\.containers) {
            let image = c.node["image"]?.scalarText ?? ""
            let tag = Self.tag(of: image)
            if tag == nil || tag == "" || tag == "latest" {
                violations.append("\(c.description): image '\(image)' is not pinned")
            }
        }
        expectNoViolations(violations, "unpinned images")
    }

    @Test(arguments: Platform.workloadTargets)
    func everyVolumeMountHasAVolume(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for w in env.workloads {
            let volumes = Set((w.volumes + w.volumeClaimTemplates).compactMap { $0["name"]?.scalarText ?? $0["metadata", "name"]?.scalarText })
            for c in w.containers {
                for m in c.node["volumeMounts"]?.items ?? [] {
                    let volume = m["name"]?.scalarText ?? ""
                    if !volumes.contains(volume) { violations.append("\(c.description): volumeMount \(volume) has no volume") }
                }
            }
        }
        expectNoViolations(violations, "volume mounts without volumes")
    }

    @Test(arguments: Platform.environments)
    func everyStatefulSetClaimsStorage(_ name: String) throws {
        let env = try Platform.built(name)
        let diskless = env.workloads.filter { $0.kind == "StatefulSet" && $0.volumeClaimTemplates.isEmpty }.map(\.description)
        expectNoViolations(diskless, "StatefulSets without volumeClaimTemplates")
    }

    @Test(arguments: Platform.kindEnvironments)
    func kindClaimsUseTheStandardStorageClass(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for w in env.workloads {
            for t in w.volumeClaimTemplates where t["spec", "storageClassName"]?.scalarText != "standard" {
                violations.append("\(w.description): volumeClaimTemplate \(t["metadata", "name"]?.scalarText ?? "")")
            }
        }
        expectNoViolations(violations, "claims not on the kind storage class 'standard'")
    }
}
