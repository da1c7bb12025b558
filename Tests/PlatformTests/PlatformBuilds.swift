import Foundation
import Overlays
import Testing

/// The platform tree shipped with dlsync (`base/`, `overlays/`, `platforms/`, `environments/`).
///
/// Every test checks the BUILT output of an environment, as `dlsync build` produces it. Each
/// environment is built once per test run (`built`), whatever the number of tests that read it.
enum Platform {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let environments = ["dev", "staging", "prod", "edge"]

    /// What each environment is made of (`environments/<env>/kustomization.yaml`).
    static let specs: [String: EnvironmentSpec] = [
        "dev": EnvironmentSpec(platform: .kind, mode: .standalone, layers: Layer.allCases),
        "staging": EnvironmentSpec(platform: .openshift, mode: .standalone, layers: Layer.allCases),
        "prod": EnvironmentSpec(platform: .openshift, mode: .ha, layers: Layer.allCases),
        "edge": EnvironmentSpec(platform: .plain, mode: .standalone, layers: Layer.allCases.filter { $0 != .analytics }),
    ]

    static let standaloneEnvironments = environments.filter { specs[$0]!.mode == .standalone }
    static let haEnvironments = environments.filter { specs[$0]!.mode == .ha }
    static let openshiftEnvironments = environments.filter { specs[$0]!.platform == .openshift }
    static let kindEnvironments = environments.filter { specs[$0]!.platform == .kind }

    /// The restore Jobs (`base/restore`) are applied by hand into a running prod: workload and
    /// reference rules check them together with prod under this name.
    static let prodWithRestore = "prod+restore"
    /// Every environment, plus prod with the restore Jobs: what the workload rules check.
    static let workloadTargets = environments + [prodWithRestore]

    /// The cluster-scoped kinds the platform uses.
    static let clusterScopedKinds: Set<String> = [
        "Namespace", "ClusterRole", "ClusterRoleBinding", "SecurityContextConstraints",
    ]

    static func build(_ environment: String) throws -> [Resource] {
        try Kustomizer.build(directory: "\(repositoryRoot)/environments/\(environment)")
    }

    /// Every environment and `base/restore`, built once.
    private static let builds: [String: Result<[Resource], BuildError>] = {
        var out: [String: Result<[Resource], BuildError>] = [:]
        for environment in environments {
            out[environment] = Result { () throws(BuildError) in
                try Kustomizer.build(directory: "\(repositoryRoot)/environments/\(environment)")
            }
        }
        out["restore"] = Result { () throws(BuildError) in
            try Kustomizer.build(directory: "\(repositoryRoot)/base/restore")
        }
        return out
    }()

    /// The built output of an environment (or of `prodWithRestore`), indexed for the rules.
    static func built(_ target: String) throws -> BuiltEnvironment {
        if target == prodWithRestore {
            let prod = try builds["prod"]!.get()
            let restore = try builds["restore"]!.get()
            return BuiltEnvironment(name: target, spec: specs["prod"]!, resources: prod + restore)
        }
        guard let result = builds[target], let spec = specs[target] else {
            throw BuildError("no environment named \(target)")
        }
        return BuiltEnvironment(name: target, spec: spec, resources: try result.get())
    }
}

/// The six layers, one namespace each, and the 26 services they run.
enum Layer: String, CaseIterable, Sendable {
    case storage, control, data, analytics, management, infrastructure

    var namespace: String { "datalyptica-\(rawValue)" }

    /// The services of the layer (docs/service-catalog.md).
    var services: [String] {
        switch self {
        case .storage: ["postgresql", "minio"]
        case .control: ["kafka", "schema-registry", "kafka-connect"]
        case .data: ["nessie", "trino", "spark", "flink", "clickhouse", "dbt"]
        case .analytics: ["great-expectations", "airflow", "jupyterhub", "jupyterlab", "mlflow", "superset"]
        case .management: ["prometheus", "grafana", "loki", "alertmanager", "alloy", "kafka-ui", "gitops"]
        case .infrastructure: ["keycloak", "redis"]
        }
    }

    static let allServices = allCases.flatMap(\.services)
}

struct EnvironmentSpec: Sendable {
    enum PlatformKind: Sendable { case kind, openshift, plain }
    enum Mode: Sendable { case standalone, ha }
    let platform: PlatformKind
    let mode: Mode
    let layers: [Layer]

    var services: [String] { layers.flatMap(\.services) }
    var namespaces: Set<String> { Set(layers.map(\.namespace)) }
}

/// One environment's built objects with the look-ups the rules need.
struct BuiltEnvironment {
    let name: String
    let spec: EnvironmentSpec
    let resources: [Resource]
    private let index: [String: Resource]

    init(name: String, spec: EnvironmentSpec, resources: [Resource]) {
        self.name = name
        self.spec = spec
        self.resources = resources
        var index: [String: Resource] = [:]
        for r in resources { index[Self.key(r.kind, r.namespace, r.name)] = r }
        self.index = index
    }

    private static func key(_ kind: String, _ namespace: String, _ name: String) -> String {
        "\(kind)/\(namespace)/\(name)"
    }

    func object(_ kind: String, _ namespace: String, _ name: String) -> Resource? {
        index[Self.key(kind, namespace, name)]
    }

    func exists(_ kind: String, _ namespace: String, _ name: String) -> Bool {
        object(kind, namespace, name) != nil
    }

    func objects(_ kind: String) -> [Resource] { resources.filter { $0.kind == kind } }

    var namespaces: Set<String> { Set(objects("Namespace").map(\.name)) }

    var workloads: [Workload] { resources.compactMap(Workload.init) }
}

/// A Deployment, StatefulSet, DaemonSet, Job or CronJob and its pod template.
struct Workload {
    static let kinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]

    let resource: Resource
    let template: Node

    init?(_ resource: Resource) {
        guard Self.kinds.contains(resource.kind) else { return nil }
        self.resource = resource
        let path = resource.kind == "CronJob"
            ? ["spec", "jobTemplate", "spec", "template"] : ["spec", "template"]
        template = resource.node[path: path] ?? .null
    }

    var kind: String { resource.kind }
    var namespace: String { resource.namespace }
    var name: String { resource.name }
    var app: String { resource.labels["app.kubernetes.io/name"] ?? "" }
    var podSpec: Node { template["spec"] ?? .null }
    var podLabels: [String: String] { template["metadata", "labels"]?.stringMap ?? [:] }
    /// Runs until stopped (not a Job or CronJob).
    var isLongRunning: Bool { kind != "Job" && kind != "CronJob" }
    var replicas: Int64 { resource.node["spec", "replicas"]?.integer ?? 1 }

    var containers: [Container] {
        (podSpec["containers"]?.items ?? []).map { Container(node: $0, isInit: false, workload: self) }
            + (podSpec["initContainers"]?.items ?? []).map { Container(node: $0, isInit: true, workload: self) }
    }

    var volumes: [Node] { podSpec["volumes"]?.items ?? [] }
    var volumeClaimTemplates: [Node] { resource.node["spec", "volumeClaimTemplates"]?.items ?? [] }

    var description: String { "\(kind) \(namespace)/\(name)" }
}

/// Where a workload names a ConfigMap or Secret: a volume (plain or projected), `envFrom`, or one
/// `env` value (with its key).
struct ConfigReference {
    enum Kind: String {
        case configMap = "ConfigMap"
        case secret = "Secret"

        /// The field names that differ between the two kinds.
        var volume: [String] { self == .configMap ? ["configMap", "name"] : ["secret", "secretName"] }
        var projection: [String] { self == .configMap ? ["configMap", "name"] : ["secret", "name"] }
        var envFrom: String { self == .configMap ? "configMapRef" : "secretRef" }
        var keyRef: String { self == .configMap ? "configMapKeyRef" : "secretKeyRef" }
    }

    /// The workload or container and the field, for messages.
    var place: String
    var name: String
    /// The key an `env` value reads; nil for volumes and `envFrom`.
    var key: String?
    /// An `envFrom` marked `optional: true`: the pod starts without it.
    var optional = false
}

extension Workload {
    func references(to kind: ConfigReference.Kind) -> [ConfigReference] {
        var out: [ConfigReference] = []
        for v in volumes {
            let place = "\(description): volume \(v["name"]?.scalarText ?? "")"
            let named = [v[path: kind.volume]] + (v["projected", "sources"]?.items ?? []).map { $0[path: kind.projection] }
            out += named.compactMap { $0?.scalarText }.map { ConfigReference(place: place, name: $0) }
        }
        for c in containers {
            for ef in c.node["envFrom"]?.items ?? [] {
                guard let name = ef[kind.envFrom, "name"]?.scalarText else { continue }
                out.append(
                    ConfigReference(
                        place: "\(c.description): envFrom", name: name,
                        optional: ef[kind.envFrom, "optional"]?.boolean == true))
            }
            for e in c.node["env"]?.items ?? [] {
                guard let ref = e["valueFrom", kind.keyRef], let name = ref["name"]?.scalarText else { continue }
                out.append(
                    ConfigReference(
                        place: "\(c.description): env \(e["name"]?.scalarText ?? "")", name: name,
                        key: ref["key"]?.scalarText ?? ""))
            }
        }
        return out
    }
}

struct Container {
    let node: Node
    let isInit: Bool
    let workload: Workload

    var name: String { node["name"]?.scalarText ?? "" }
    var description: String { "\(workload.description) \(isInit ? "init container" : "container") \(name)" }
}

extension Node {
    var items: [Node] { sequence ?? [] }

    var integer: Int64? {
        switch self {
        case .int(let i): i
        case .uint(let u): Int64(exactly: u)
        default: nil
        }
    }

    var boolean: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    var stringMap: [String: String] {
        var out: [String: String] = [:]
        for entry in mapping ?? Mapping() { out[entry.key] = entry.value.scalarText ?? "" }
        return out
    }

    /// Every string scalar in the tree.
    var allStrings: [String] {
        switch self {
        case .string(let s): [s]
        case .sequence(let items): items.flatMap(\.allStrings)
        case .mapping(let m): m.flatMap { $0.value.allStrings }
        default: []
        }
    }
}

extension Resource {
    var described: String { namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)" }

    /// The keys a credential Secret declares: `dlsync.io/generate: "k1,k2"`.
    var generatedKeys: Set<String> {
        Set((annotations["dlsync.io/generate"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}

/// Expects a rule to find nothing wrong, printing every violation at once.
func expectNoViolations(
    _ violations: [String], _ rule: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        violations.isEmpty,
        "\(rule): \(violations.count) violation(s)\n  \(violations.joined(separator: "\n  "))",
        sourceLocation: sourceLocation)
}

@Suite struct PlatformBuilds {
    @Test(arguments: Platform.environments)
    func environmentBuilds(_ environment: String) throws {
        let resources = try Platform.built(environment).resources
        #expect(!resources.isEmpty)
    }

    @Test func restoreJobsBuild() throws {
        let restore = try Platform.built(Platform.prodWithRestore)
        #expect(restore.resources.count > (try Platform.built("prod").resources.count))
    }
}
