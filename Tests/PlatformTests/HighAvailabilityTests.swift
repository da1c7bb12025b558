import Overlays
import Testing

/// HA sizes in prod, one replica everywhere else, PodDisruptionBudgets and spreading in HA only.
@Suite struct HighAvailabilityTests {
    /// Replicas of each HA workload (the list; Loki has three components, ClickHouse
    /// adds its Keeper ensemble in HA).
    static let haReplicas: [String: Int64] = [
        "postgresql": 3, "minio": 4, "kafka": 3, "schema-registry": 3, "kafka-connect": 2,
        "nessie": 3, "trino-coordinator": 1, "trino-worker": 3, "spark-master": 1, "spark-worker": 3,
        "flink-jobmanager": 3, "flink-taskmanager": 3, "clickhouse": 3, "clickhouse-keeper": 3,
        "airflow-webserver": 2, "airflow-scheduler": 2, "airflow-worker": 3,
        "jupyterhub": 2, "mlflow": 2, "superset": 2, "great-expectations": 2,
        "prometheus": 2, "grafana": 2, "loki-read": 3, "loki-write": 3, "loki-backend": 3,
        "alertmanager": 3, "kafka-ui": 2, "dlsync": 2, "keycloak": 2, "redis": 3,
    ]
    static let haWorkloads = haReplicas.keys.sorted()

    static func scalable(_ env: BuiltEnvironment) -> [Workload] {
        env.workloads.filter { $0.kind == "Deployment" || $0.kind == "StatefulSet" }
    }

    @Test(arguments: haWorkloads)
    func prodRunsTheHASizeOf(_ workload: String) throws {
        let prod = try Platform.built("prod")
        let found = Self.scalable(prod).filter { $0.name == workload }
        try #require(found.count == 1, "prod has \(found.count) Deployments/StatefulSets named \(workload)")
        #expect(found[0].replicas == Self.haReplicas[workload], "\(found[0].description)")
    }

    @Test(arguments: Platform.standaloneEnvironments)
    func standaloneRunsOneReplicaOfEveryWorkload(_ name: String) throws {
        let env = try Platform.built(name)
        let scaled = Self.scalable(env).filter { $0.replicas != 1 }
            .map { "\($0.description): \($0.replicas) replicas" }
        expectNoViolations(scaled, "standalone workloads with more than one replica")
    }

    @Test(arguments: Platform.standaloneEnvironments)
    func standaloneHasNoPodDisruptionBudgets(_ name: String) throws {
        let env = try Platform.built(name)
        expectNoViolations(env.objects("PodDisruptionBudget").map(\.described), "PDBs in a standalone environment")
    }

    @Test(arguments: Platform.haEnvironments)
    func everyReplicatedWorkloadHasAPodDisruptionBudget(_ name: String) throws {
        let env = try Platform.built(name)
        let pdbs = env.objects("PodDisruptionBudget")
        let unprotected = Self.scalable(env).filter { $0.replicas >= 2 }.filter { w in
            !pdbs.contains { $0.namespace == w.namespace && selects($0.node["spec", "selector", "matchLabels"], w.podLabels) }
        }.map(\.description)
        expectNoViolations(unprotected, "replicated workloads without a PodDisruptionBudget")
    }

    @Test(arguments: Platform.haEnvironments)
    func everyPodDisruptionBudgetSelectsAWorkload(_ name: String) throws {
        let env = try Platform.built(name)
        let workloads = env.workloads
        let idle = env.objects("PodDisruptionBudget").filter { pdb in
            !workloads.contains { $0.namespace == pdb.namespace && selects(pdb.node["spec", "selector", "matchLabels"], $0.podLabels) }
        }.map(\.described)
        expectNoViolations(idle, "PodDisruptionBudgets that select no pod template")
    }

    @Test(arguments: Platform.haEnvironments)
    func replicatedWorkloadsSpreadAcrossNodes(_ name: String) throws {
        let env = try Platform.built(name)
        let packed = Self.scalable(env).filter { $0.replicas > 1 }.filter { w in
            w.podSpec["affinity", "podAntiAffinity"] == nil && (w.podSpec["topologySpreadConstraints"]?.items ?? []).isEmpty
        }.map(\.description)
        expectNoViolations(packed, "replicated workloads without anti-affinity or topology spread")
    }

    @Test(arguments: Platform.standaloneEnvironments)
    func standaloneWorkloadsDoNotSpread(_ name: String) throws {
        let env = try Platform.built(name)
        let spread = Self.scalable(env).filter { w in
            w.podSpec["affinity", "podAntiAffinity"] != nil || !(w.podSpec["topologySpreadConstraints"]?.items ?? []).isEmpty
        }.map(\.description)
        expectNoViolations(spread, "standalone workloads with anti-affinity or topology spread")
    }
}

/// A non-empty `matchLabels`-style selector whose every label the pod carries.
func selects(_ selector: Node?, _ labels: [String: String]) -> Bool {
    let wanted = selector?.stringMap ?? [:]
    return !wanted.isEmpty && wanted.allSatisfy { labels[$0.key] == $0.value }
}
