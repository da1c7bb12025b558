import Overlays
import Testing

/// Nothing names a ConfigMap, Secret, ServiceAccount, PVC, Service or role that the environment
/// does not contain, and every ServiceAccount is used. Names are the built ones: a generated
/// ConfigMap's hash suffix must have reached every object that names it.
@Suite struct ReferenceTests {
    // MARK: workloads

    @Test(arguments: Platform.workloadTargets)
    func everyConfigMapAWorkloadNamesExists(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for w in env.workloads {
            for ref in w.references(to: .configMap) where !ref.optional {
                guard let configMap = env.object("ConfigMap", w.namespace, ref.name) else {
                    violations.append("\(ref.place): ConfigMap \(ref.name)")
                    continue
                }
                if let key = ref.key, configMap.node["data", key] == nil, configMap.node["binaryData", key] == nil {
                    violations.append("\(ref.place): ConfigMap \(ref.name) has no key \(key)")
                }
            }
        }
        expectNoViolations(violations, "ConfigMaps named but not in the build")
    }

    @Test(arguments: Platform.workloadTargets)
    func everySecretAWorkloadNamesExists(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for w in env.workloads {
            for ref in w.references(to: .secret) {
                guard let secret = env.object("Secret", w.namespace, ref.name) else {
                    violations.append("\(ref.place): Secret \(ref.name)")
                    continue
                }
                if let key = ref.key, !secret.generatedKeys.contains(key) {
                    violations.append("\(ref.place): Secret \(ref.name) generates no key \(key)")
                }
            }
        }
        expectNoViolations(violations, "Secrets named but not in the build")
    }

    @Test(arguments: Platform.workloadTargets)
    func everyWorkloadRunsAsAServiceAccountOfTheBuild(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for w in env.workloads {
            guard let sa = w.podSpec["serviceAccountName"]?.scalarText, !sa.isEmpty else {
                violations.append("\(w.description): serviceAccountName not set")
                continue
            }
            if !env.exists("ServiceAccount", w.namespace, sa) { violations.append("\(w.description): ServiceAccount \(sa)") }
        }
        expectNoViolations(violations, "ServiceAccounts named but not in the build")
    }

    @Test(arguments: Platform.workloadTargets)
    func everyClaimedPersistentVolumeClaimExists(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for w in env.workloads {
            for v in w.volumes {
                if let claim = v["persistentVolumeClaim", "claimName"]?.scalarText,
                    !env.exists("PersistentVolumeClaim", w.namespace, claim)
                {
                    violations.append("\(w.description): volume \(v["name"]?.scalarText ?? ""): PVC \(claim)")
                }
            }
        }
        expectNoViolations(violations, "PVCs claimed but not in the build")
    }

    // MARK: RBAC

    @Test(arguments: Platform.environments)
    func everyBindingNamesExistingRolesAndServiceAccounts(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for b in env.objects("RoleBinding") + env.objects("ClusterRoleBinding") {
            let roleKind = b.node["roleRef", "kind"]?.scalarText ?? ""
            let role = b.node["roleRef", "name"]?.scalarText ?? ""
            if roleKind == "Role", !env.exists("Role", b.namespace, role) {
                violations.append("\(b.described): Role \(role)")
            } else if roleKind == "ClusterRole", !role.hasPrefix("system:"), !env.exists("ClusterRole", "", role) {
                violations.append("\(b.described): ClusterRole \(role)")
            }
            for s in b.node["subjects"]?.items ?? [] where s["kind"]?.scalarText == "ServiceAccount" {
                let ns = s["namespace"]?.scalarText ?? b.namespace
                let sa = s["name"]?.scalarText ?? ""
                if !env.exists("ServiceAccount", ns, sa) { violations.append("\(b.described): ServiceAccount \(ns)/\(sa)") }
            }
        }
        expectNoViolations(violations, "bindings that name missing roles or ServiceAccounts")
    }

    /// Used by a workload, a binding, or the JupyterHub spawner (`c.KubeSpawner.service_account = "…"`).
    @Test(arguments: Platform.environments)
    func everyServiceAccountIsUsed(_ name: String) throws {
        let env = try Platform.built(name)
        var used = Set(env.workloads.compactMap { w in w.podSpec["serviceAccountName"]?.scalarText.map { "\(w.namespace)/\($0)" } })
        for b in env.objects("RoleBinding") + env.objects("ClusterRoleBinding") {
            for s in b.node["subjects"]?.items ?? [] where s["kind"]?.scalarText == "ServiceAccount" {
                used.insert("\(s["namespace"]?.scalarText ?? b.namespace)/\(s["name"]?.scalarText ?? "")")
            }
        }
        let spawner = #/service_account\s*=\s*["']([a-z0-9-]+)["']/#
        for cm in env.objects("ConfigMap") {
            for text in cm.node["data"]?.allStrings ?? [] {
                for match in text.matches(of: spawner) { used.insert("\(cm.namespace)/\(match.1)") }
            }
        }
        let idle = env.objects("ServiceAccount").map { "\($0.namespace)/\($0.name)" }.filter { !used.contains($0) }
        expectNoViolations(idle, "ServiceAccounts nothing uses")
    }

    // MARK: Services

    /// A Service's port by name or number.
    static func service(_ env: BuiltEnvironment, _ namespace: String, _ name: String, hasPort port: String?) -> String? {
        guard let svc = env.object("Service", namespace, name) else { return "Service \(namespace)/\(name) is missing" }
        guard let port else { return nil }
        let ports = (svc.node["spec", "ports"]?.items ?? []).flatMap { [$0["name"]?.scalarText, $0["port"]?.scalarText] }
        return ports.contains(port) ? nil : "Service \(namespace)/\(name) has no port \(port)"
    }

    @Test(arguments: Platform.environments)
    func everyRouteAndIngressBackendExists(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for route in env.objects("Route") {
            let target = route.node["spec", "to", "name"]?.scalarText ?? ""
            if let problem = Self.service(env, route.namespace, target, hasPort: route.node["spec", "port", "targetPort"]?.scalarText) {
                violations.append("\(route.described): \(problem)")
            }
        }
        for ingress in env.objects("Ingress") {
            var backends = (ingress.node["spec", "rules"]?.items ?? []).flatMap { $0["http", "paths"]?.items ?? [] }
                .compactMap { $0["backend", "service"] }
            if let fallback = ingress.node["spec", "defaultBackend", "service"] { backends.append(fallback) }
            for b in backends {
                let port = b["port", "name"]?.scalarText ?? b["port", "number"]?.scalarText
                if let problem = Self.service(env, ingress.namespace, b["name"]?.scalarText ?? "", hasPort: port) {
                    violations.append("\(ingress.described): \(problem)")
                }
            }
        }
        expectNoViolations(violations, "Route/Ingress backends not in the build")
    }

    /// `<service>.<namespace>.svc.cluster.local` in any value of any object but Secrets (env values,
    /// configuration files, ...).
    @Test(arguments: Platform.environments)
    func everyClusterLocalHostnameNamesAService(_ name: String) throws {
        let env = try Platform.built(name)
        let hostname = #/([a-z0-9]([a-z0-9-]*[a-z0-9])?)\.(datalyptica-[a-z]+)\.svc\.cluster\.local/#
        var violations: Set<String> = []
        for object in env.resources where object.kind != "Secret" {
            for text in object.node.allStrings {
                for match in text.matches(of: hostname) where !env.exists("Service", String(match.3), String(match.1)) {
                    violations.insert("\(object.described): \(match.0) names no Service")
                }
            }
        }
        expectNoViolations(violations.sorted(), "cluster-local hostnames without a Service")
    }
}
