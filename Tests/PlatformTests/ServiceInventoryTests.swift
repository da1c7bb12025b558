import Overlays
import Testing

/// The 26 services are all there in each environment that enables their layer, and only there.
@Suite struct ServiceInventoryTests {
    /// The services that run as workloads labelled with their name.
    /// JupyterLab has no workload of its own: the hub spawns its pods (KubeSpawner).
    static func servicesWithWorkloads(in env: BuiltEnvironment) -> Set<String> {
        Set(env.workloads.map(\.app))
    }

    static func spawnsJupyterLab(_ env: BuiltEnvironment) -> Bool {
        let hubConfig = env.objects("ConfigMap").filter {
            $0.namespace == Layer.analytics.namespace && $0.name.hasPrefix("jupyterhub-config")
        }
        let spawns = hubConfig.contains { ($0.node["data"]?.allStrings ?? []).contains { $0.contains("KubeSpawner") } }
        return spawns && env.exists("ServiceAccount", Layer.analytics.namespace, "jupyterlab")
    }

    @Test func theCatalogHas26Services() {
        #expect(Layer.allServices.count == 26)
        #expect(Set(Layer.allServices).count == 26)
    }

    @Test(arguments: Platform.environments)
    func everyEnabledServiceIsDeployed(_ name: String) throws {
        let env = try Platform.built(name)
        let running = Self.servicesWithWorkloads(in: env)
        var missing: [String] = []
        for service in env.spec.services {
            let present = service == "jupyterlab" ? Self.spawnsJupyterLab(env) : running.contains(service)
            if !present { missing.append(service) }
        }
        expectNoViolations(missing, "enabled services without a workload")
    }

    @Test(arguments: Platform.environments)
    func servicesOfDisabledLayersAreAbsent(_ name: String) throws {
        let env = try Platform.built(name)
        let disabled = Layer.allCases.filter { !env.spec.layers.contains($0) }
        let running = Self.servicesWithWorkloads(in: env)
        var present: [String] = []
        for layer in disabled {
            for service in layer.services where running.contains(service) { present.append(service) }
            present += env.resources.filter { $0.namespace == layer.namespace || $0.name == layer.namespace }
                .map(\.described)
        }
        expectNoViolations(present, "objects of turned-off layers")
    }

    @Test func edgeHasNoAnalyticsLayer() throws {
        let edge = try Platform.built("edge")
        #expect(!edge.namespaces.contains(Layer.analytics.namespace))
        #expect(Self.servicesWithWorkloads(in: edge).isDisjoint(with: Layer.analytics.services))
    }

    @Test(arguments: Platform.environments)
    func namespacesAreExactlyTheEnabledLayers(_ name: String) throws {
        let env = try Platform.built(name)
        #expect(env.namespaces == env.spec.namespaces)
    }

    @Test(arguments: Platform.workloadTargets)
    func everyNamespacedObjectIsInANamespaceOfTheBuild(_ name: String) throws {
        let env = try Platform.built(name)
        let namespaces = env.namespaces
        let strays = env.resources.filter { !Platform.clusterScopedKinds.contains($0.kind) && !namespaces.contains($0.namespace) }
            .map { "\($0.described): namespace '\($0.namespace)' is not part of the build" }
        expectNoViolations(strays, "objects outside the platform's namespaces")
    }

    /// Every workload of a service is labelled with the name of one of the 26 services.
    @Test(arguments: Platform.workloadTargets)
    func everyWorkloadBelongsToACatalogService(_ name: String) throws {
        let env = try Platform.built(name)
        let unknown = env.workloads.filter { !Layer.allServices.contains($0.app) }
            .map { "\($0.description): app.kubernetes.io/name '\($0.app)'" }
        expectNoViolations(unknown, "workloads of no catalog service")
    }
}
