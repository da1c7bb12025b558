import Overlays
import Testing

/// Pods run as non-root without privilege; Secrets carry no values; OpenShift SCCs.
@Suite struct SecurityTests {
    /// UIDs fixed by the seed spec (long-running workloads of these services).
    static let specUIDs: [String: Int64] = [
        "postgresql": 999, "redis": 999, "minio": 1000, "nessie": 1000, "trino": 1000,
        "flink": 9999, "kafka": 1000, "schema-registry": 1000, "spark": 1000,
        "clickhouse": 101, "airflow": 50000, "superset": 1000,
    ]

    // MARK: pods

    @Test(arguments: Platform.workloadTargets)
    func everyWorkloadRunsAsNonRoot(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for w in env.workloads {
            let psc = w.podSpec["securityContext"]
            if psc?["runAsNonRoot"]?.boolean != true { violations.append("\(w.description): runAsNonRoot is not true") }
            let uid = psc?["runAsUser"]?.integer ?? 0
            if uid <= 0 { violations.append("\(w.description): no explicit non-zero runAsUser") }
        }
        expectNoViolations(violations, "workloads that may run as root")
    }

    @Test(arguments: Platform.workloadTargets)
    func everyWorkloadSetsItsFSGroup(_ name: String) throws {
        let env = try Platform.built(name)
        let missing = env.workloads.filter { $0.podSpec["securityContext", "fsGroup"]?.integer == nil }.map(\.description)
        expectNoViolations(missing, "workloads without an explicit fsGroup")
    }

    @Test(arguments: Platform.environments)
    func servicesRunWithTheSpecUIDs(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for w in env.workloads where w.isLongRunning {
            guard let uid = Self.specUIDs[w.app] else { continue }
            let actual = w.podSpec["securityContext", "runAsUser"]?.integer
            if actual != uid { violations.append("\(w.description): runAsUser \(actual.map(String.init) ?? "unset") != \(uid)") }
        }
        expectNoViolations(violations, "workloads not running with the spec's UID")
    }

    @Test(arguments: Platform.workloadTargets)
    func noContainerRunsAsRoot(_ name: String) throws {
        let env = try Platform.built(name)
        let root = env.workloads.flatMap(\.containers).filter { $0.node["securityContext", "runAsUser"]?.integer == 0 }
            .map(\.description)
        expectNoViolations(root, "containers with runAsUser 0")
    }

    @Test(arguments: Platform.workloadTargets)
    func noContainerIsPrivileged(_ name: String) throws {
        let env = try Platform.built(name)
        let privileged = env.workloads.flatMap(\.containers)
            .filter { $0.node["securityContext", "privileged"]?.boolean == true }.map(\.description)
        expectNoViolations(privileged, "privileged containers")
    }

    /// Not only never `true`: every container says `false` explicitly.
    @Test(arguments: Platform.workloadTargets)
    func noContainerAllowsPrivilegeEscalation(_ name: String) throws {
        let env = try Platform.built(name)
        let escalating = env.workloads.flatMap(\.containers)
            .filter { $0.node["securityContext", "allowPrivilegeEscalation"]?.boolean != false }.map(\.description)
        expectNoViolations(escalating, "containers without allowPrivilegeEscalation: false")
    }

    @Test(arguments: Platform.workloadTargets)
    func noWorkloadUsesHostNamespaces(_ name: String) throws {
        let env = try Platform.built(name)
        let host = env.workloads.filter { w in
            ["hostNetwork", "hostPID", "hostIPC"].contains { w.podSpec[$0]?.boolean == true }
        }.map(\.description)
        expectNoViolations(host, "workloads in host namespaces")
    }

    @Test(arguments: Platform.workloadTargets)
    func onlyAlloyMountsHostPaths(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for w in env.workloads where w.app != "alloy" {
            for v in w.volumes where v["hostPath"] != nil {
                violations.append("\(w.description): hostPath volume \(v["name"]?.scalarText ?? "")")
            }
        }
        expectNoViolations(violations, "hostPath volumes outside Alloy")
    }

    // MARK: Secrets

    /// Secrets whose values may live in Git. None: every credential is generated in the cluster.
    static let secretsAllowedToCarryData: Set<String> = []

    @Test(arguments: Platform.environments)
    func generatedSecretsCarryNoValues(_ name: String) throws {
        let env = try Platform.built(name)
        let leaking = env.objects("Secret").filter { !$0.generatedKeys.isEmpty }
            .filter { $0.node["data"] != nil || $0.node["stringData"] != nil }.map(\.described)
        expectNoViolations(leaking, "Secrets annotated dlsync.io/generate that carry data/stringData")
    }

    @Test(arguments: Platform.environments)
    func noSecretCarriesValuesUnlessAllowed(_ name: String) throws {
        let env = try Platform.built(name)
        let leaking = env.objects("Secret")
            .filter { $0.node["data"] != nil || $0.node["stringData"] != nil }
            .filter { !Self.secretsAllowedToCarryData.contains("\($0.namespace)/\($0.name)") }.map(\.described)
        expectNoViolations(leaking, "Secrets with values in Git")
    }

    @Test(arguments: Platform.environments)
    func everySecretDeclaresTheKeysToGenerate(_ name: String) throws {
        let env = try Platform.built(name)
        let undeclared = env.objects("Secret").filter { $0.generatedKeys.isEmpty }.map(\.described)
        expectNoViolations(undeclared, "Secrets without a dlsync.io/generate annotation")
    }

    @Test(arguments: Platform.environments)
    func everySecretIsOpaque(_ name: String) throws {
        let env = try Platform.built(name)
        let typed = env.objects("Secret").filter { $0.node["type"]?.scalarText != "Opaque" }.map(\.described)
        expectNoViolations(typed, "Secrets whose type is not Opaque")
    }

    /// Secret keys fixed by the seed spec (a Secret may carry more).
    static let specSecretKeys: [String: Set<String>] = [
        "datalyptica-storage/postgresql-credentials": [
            "postgres-password", "nessie-password", "airflow-password", "superset-password", "mlflow-password",
        ],
        "datalyptica-infrastructure/redis-credentials": ["redis-password"],
        "datalyptica-storage/minio-credentials": ["root-user", "root-password", "access-key", "secret-key"],
        "datalyptica-data/clickhouse-credentials": ["default-password"],
        "datalyptica-analytics/airflow-credentials": ["fernet-key"],
        "datalyptica-analytics/superset-credentials": ["secret-key", "admin-password"],
        "datalyptica-management/grafana-credentials": ["admin-password"],
    ]

    @Test(arguments: Platform.environments)
    func specSecretsDeclareTheSpecKeys(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for (id, keys) in Self.specSecretKeys.sorted(by: { $0.key < $1.key }) {
            let parts = id.split(separator: "/").map(String.init)
            guard env.namespaces.contains(parts[0]) else { continue }
            guard let secret = env.object("Secret", parts[0], parts[1]) else {
                violations.append("Secret \(id) is missing")
                continue
            }
            let absent = keys.subtracting(secret.generatedKeys)
            if !absent.isEmpty { violations.append("Secret \(id): keys \(absent.sorted()) not generated") }
        }
        expectNoViolations(violations, "spec Secrets")
    }

    // MARK: OpenShift

    @Test(arguments: Platform.openshiftEnvironments)
    func securityContextConstraintsForbidPrivilegedContainers(_ name: String) throws {
        let env = try Platform.built(name)
        let sccs = env.objects("SecurityContextConstraints")
        #expect(sccs.count >= 2, "SCCs for stateful services and Alloy expected")
        let privileged = sccs.filter { $0.node["allowPrivilegedContainer"]?.boolean != false }.map(\.described)
        expectNoViolations(privileged, "SCCs that allow privileged containers")
    }

    @Test(arguments: Platform.openshiftEnvironments)
    func everyWorkloadServiceAccountIsBoundToAnSCC(_ name: String) throws {
        let env = try Platform.built(name)
        var bound = Set<String>()
        for b in env.objects("RoleBinding")
        where (b.node["roleRef", "name"]?.scalarText ?? "").hasPrefix("system:openshift:scc:") {
            for s in b.node["subjects"]?.items ?? [] {
                bound.insert("\(s["namespace"]?.scalarText ?? b.namespace)/\(s["name"]?.scalarText ?? "")")
            }
        }
        let unbound = Set(env.workloads.compactMap { w in
            w.podSpec["serviceAccountName"]?.scalarText.map { "\(w.namespace)/\($0)" }
        }).subtracting(bound).sorted()
        expectNoViolations(unbound, "ServiceAccounts bound to no SCC")
    }
}
