import Overlays
import Testing

@testable import Sync

@Suite struct HealthTests {
    @Test(arguments: [
        (
            "{apiVersion: apps/v1, kind: Deployment, metadata: {generation: 2}, spec: {replicas: 2}, status: {observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2}}",
            Health.State.healthy
        ),
        (
            "{apiVersion: apps/v1, kind: Deployment, metadata: {generation: 3}, spec: {replicas: 2}, status: {observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2}}",
            .progressing
        ),
        (
            "{apiVersion: apps/v1, kind: Deployment, metadata: {generation: 2}, spec: {replicas: 2}, status: {observedGeneration: 2, replicas: 3, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2}}",
            .progressing
        ),
        (
            "{apiVersion: apps/v1, kind: Deployment, metadata: {generation: 1}, spec: {}, status: {observedGeneration: 1, conditions: [{type: Progressing, status: 'False', reason: ProgressDeadlineExceeded}]}}",
            .degraded
        ),
        (
            "{apiVersion: apps/v1, kind: StatefulSet, metadata: {generation: 1}, spec: {replicas: 3}, status: {observedGeneration: 1, readyReplicas: 1, updatedReplicas: 3}}",
            .progressing
        ),
        (
            "{apiVersion: apps/v1, kind: DaemonSet, metadata: {generation: 1}, status: {observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2}}",
            .healthy
        ),
        ("{apiVersion: batch/v1, kind: Job, status: {conditions: [{type: Complete, status: 'True'}]}}", .healthy),
        (
            "{apiVersion: batch/v1, kind: Job, status: {conditions: [{type: Failed, status: 'True', message: BackoffLimitExceeded}]}}",
            .degraded
        ),
        ("{apiVersion: batch/v1, kind: Job, status: {active: 1}}", .progressing),
        ("{apiVersion: batch/v1beta1, kind: CronJob, spec: {suspend: true}}", .healthy),
        ("{apiVersion: v1, kind: PersistentVolumeClaim, status: {phase: Bound}}", .healthy),
        ("{apiVersion: v1, kind: PersistentVolumeClaim, status: {phase: Pending}}", .progressing),
        ("{apiVersion: v1, kind: Service, spec: {type: LoadBalancer}}", .progressing),
        ("{apiVersion: v1, kind: Service, spec: {type: ExternalName}}", .healthy),
        (
            "{apiVersion: example.com/v1, kind: Widget, status: {conditions: [{type: Ready, status: 'False', message: broken}]}}",
            .degraded
        ),
        ("{apiVersion: v1, kind: ConfigMap}", .healthy),
    ])
    func rules(object: String, expected: Health.State) {
        #expect(HealthCheck.evaluate(yaml(object)).state == expected)
    }

    @Test func servicesNeedReadyEndpoints() {
        let service = yaml("{apiVersion: v1, kind: Service, spec: {selector: {app: a}}}")
        #expect(HealthCheck.service(service, endpoints: nil).state == .progressing)
        let endpoints = yaml("{subsets: [{addresses: [{ip: 10.0.0.1}]}]}")
        #expect(HealthCheck.service(service, endpoints: endpoints).state == .healthy)
    }

    @Test func reportGroupsByServiceWorstFirst() {
        func object(_ name: String, _ service: String, _ state: Health.State) -> HealthReport.Object {
            .init(
                ref: ObjectRef(group: "apps", kind: "Deployment", namespace: "n", name: name), service: service,
                health: Health(state))
        }
        let report = HealthReport(objects: [
            object("a", "web", .healthy), object("b", HealthReport.noService, .healthy),
            object("c", "web", .progressing),
            object("d", "api", .healthy),
        ])
        #expect(report.services.map(\.name) == ["api", "web", HealthReport.noService])
        #expect(report.services[1].state == .progressing)
        #expect(report.state == .progressing)
        #expect(report.table().contains("web  progressing"))
        #expect(report.json()["services"]?.sequence?.count == 3)
    }
}
