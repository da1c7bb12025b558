import Foundation
import Overlays
import Testing

/// Namespaces deny ingress by default; Services select pods; UIs are reachable through TLS Routes
/// (OpenShift) or nginx Ingresses (kind).
@Suite struct NetworkingTests {
    /// UIs exposed through Routes / Ingresses: name of the Route/Ingress and its Service -> layer.
    static let uis: [String: Layer] = [
        "grafana": .management, "trino": .data, "minio-console": .storage, "kafka-ui": .management,
        "jupyterhub": .analytics, "superset": .analytics, "airflow": .analytics, "keycloak": .infrastructure,
    ]

    static func policies(_ env: BuiltEnvironment, in namespace: String) -> [Resource] {
        env.objects("NetworkPolicy").filter { $0.namespace == namespace }
    }

    @Test(arguments: Platform.environments)
    func everyNamespaceHasADefaultDenyIngressPolicy(_ name: String) throws {
        let env = try Platform.built(name)
        let open = env.namespaces.sorted().filter { ns in
            !Self.policies(env, in: ns).contains { p in
                p.node["spec", "podSelector"]?.mapping?.isEmpty == true
                    && p.node["spec", "policyTypes"] == .sequence([.string("Ingress")])
                    && (p.node["spec", "ingress"]?.items ?? []).isEmpty
            }
        }
        expectNoViolations(open, "namespaces without a default-deny ingress NetworkPolicy")
    }

    @Test(arguments: Platform.environments)
    func everyNamespaceAllowsIntraNamespaceAndManagementTraffic(_ name: String) throws {
        let env = try Platform.built(name)
        var missing: [String] = []
        for ns in env.namespaces.sorted() {
            for required in ["allow-intra-namespace", "allow-from-management"] where !env.exists("NetworkPolicy", ns, required) {
                missing.append("\(ns)/\(required)")
            }
        }
        expectNoViolations(missing, "missing NetworkPolicies")
    }

    @Test(arguments: Platform.environments)
    func networkPoliciesAreNamedForTheirFlow(_ name: String) throws {
        let env = try Platform.built(name)
        let misnamed = env.objects("NetworkPolicy")
            .filter { $0.name != "default-deny-ingress" && !$0.name.hasPrefix("allow-") }.map(\.described)
        expectNoViolations(misnamed, "NetworkPolicies not named default-deny-ingress or allow-*")
    }

    /// The flows between layers that the services need (docs/networking.md).
    @Test(arguments: Platform.environments)
    func crossLayerFlowsAreAllowed(_ name: String) throws {
        let env = try Platform.built(name)
        let flows: [(to: Layer, from: Layer)] = [
            (.control, .storage), (.data, .control), (.storage, .data), (.data, .analytics),
        ]
        let missing = flows.filter { env.spec.layers.contains($0.to) && env.spec.layers.contains($0.from) }
            .filter { !env.exists("NetworkPolicy", $0.to.namespace, "allow-from-\($0.from.rawValue)") }
            .map { "\($0.to.namespace)/allow-from-\($0.from.rawValue)" }
        expectNoViolations(missing, "missing cross-layer NetworkPolicies")
    }

    @Test(arguments: Platform.environments)
    func everyServiceSelectsAPodTemplate(_ name: String) throws {
        let env = try Platform.built(name)
        let workloads = env.workloads
        var violations: [String] = []
        for svc in env.objects("Service") {
            let selector = Self.selector(of: svc)
            if !workloads.contains(where: { $0.namespace == svc.namespace && selects(selector, $0.podLabels) }) {
                violations.append("\(svc.described): selector \(selector.stringMap) matches no pod template")
            }
        }
        expectNoViolations(violations, "Services that select nothing")
    }

    @Test(arguments: Platform.environments)
    func serviceTargetPortsAreContainerPortsOfEverySelectedPod(_ name: String) throws {
        let env = try Platform.built(name)
        let workloads = env.workloads
        var violations: [String] = []
        for svc in env.objects("Service") {
            let selector = Self.selector(of: svc)
            let selected = workloads.filter { $0.namespace == svc.namespace && selects(selector, $0.podLabels) }
            for port in svc.node["spec", "ports"]?.items ?? [] {
                guard let target = (port["targetPort"] ?? port["port"])?.scalarText else { continue }
                for w in selected {
                    let ports = w.containers.filter { !$0.isInit }.flatMap { $0.node["ports"]?.items ?? [] }
                    let names = ports.flatMap { [$0["name"]?.scalarText, $0["containerPort"]?.scalarText] }.compactMap { $0 }
                    if !names.contains(target) {
                        violations.append("\(svc.described): targetPort \(target) is no container port of \(w.description)")
                    }
                }
            }
        }
        expectNoViolations(violations, "Service ports without a container port")
    }

    /// The selector a Service routes by, minus the per-pod label some headless Services add.
    static func selector(of service: Resource) -> Node {
        var selector = service.node["spec", "selector"]?.mapping ?? Mapping()
        selector.removeValue(forKey: "statefulset.kubernetes.io/pod-name")
        return .mapping(selector)
    }

    // MARK: OpenShift Routes

    @Test(arguments: Platform.openshiftEnvironments)
    func everyRouteIsEdgeTerminatedAndRedirectsHTTP(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for route in env.objects("Route") {
            let tls = route.node["spec", "tls"]
            if tls?["termination"]?.scalarText != "edge" { violations.append("\(route.described): TLS termination is not edge") }
            if tls?["insecureEdgeTerminationPolicy"]?.scalarText != "Redirect" {
                violations.append("\(route.described): insecureEdgeTerminationPolicy is not Redirect")
            }
        }
        expectNoViolations(violations, "Routes without edge TLS and Redirect")
    }

    @Test(arguments: Platform.openshiftEnvironments)
    func everyUIHasARoute(_ name: String) throws {
        let env = try Platform.built(name)
        let missing = Self.uis.filter { env.spec.layers.contains($0.value) }
            .filter { !env.exists("Route", $0.value.namespace, $0.key) }.map { "\($0.value.namespace)/\($0.key)" }.sorted()
        expectNoViolations(missing, "UIs without a Route")
    }

    @Test(arguments: Platform.openshiftEnvironments)
    func openshiftUsesRoutesNotIngresses(_ name: String) throws {
        let env = try Platform.built(name)
        expectNoViolations(env.objects("Ingress").map(\.described), "Ingresses on OpenShift")
    }

    // MARK: kind Ingresses

    @Test(arguments: Platform.kindEnvironments)
    func everyUIHasAnNginxIngress(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for (ui, layer) in Self.uis.sorted(by: { $0.key < $1.key }) where env.spec.layers.contains(layer) {
            guard let ingress = env.object("Ingress", layer.namespace, ui) else {
                violations.append("Ingress \(layer.namespace)/\(ui) is missing")
                continue
            }
            if ingress.node["spec", "ingressClassName"]?.scalarText != "nginx" {
                violations.append("\(ingress.described): ingressClassName is not nginx")
            }
        }
        expectNoViolations(violations, "UIs without an nginx Ingress")
    }

    @Test(arguments: Platform.kindEnvironments)
    func kindUsesIngressesNotRoutes(_ name: String) throws {
        let env = try Platform.built(name)
        expectNoViolations(env.objects("Route").map(\.described), "Routes on kind")
    }
}

extension NetworkingTests {
    /// The kind cluster the dev environment targets maps the ingress controller's ports.
    @Test func kindPlatformShipsItsClusterConfiguration() {
        #expect(FileManager.default.fileExists(atPath: "\(Platform.repositoryRoot)/platforms/kind/cluster.yaml"))
    }
}
