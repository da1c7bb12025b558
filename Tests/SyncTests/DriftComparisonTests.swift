import Overlays
import Testing

@testable import Sync

@Suite struct DriftComparisonTests {
    static let desired = yaml(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec:
          replicas: 2
          template:
            spec:
              containers:
              - name: web
                image: nginx:1.25
                ports: [{containerPort: 80}]
                resources: {limits: {cpu: 0.5, memory: 1Gi}}
                volumeMounts: [{name: data, mountPath: /data}]
        """)

    /// The same object as the server returns it: defaults filled in, a sidecar injected by someone else,
    /// items in another order, status and metadata the server owns.
    static let live = yaml(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          labels: {app: web, injected: "true"}
          uid: abc
          resourceVersion: "42"
          generation: 3
          creationTimestamp: "2024-01-01T00:00:00Z"
        spec:
          replicas: 2
          progressDeadlineSeconds: 600
          strategy: {type: RollingUpdate}
          template:
            spec:
              containers:
              - name: sidecar
                image: envoy
              - name: web
                image: nginx:1.25
                imagePullPolicy: IfNotPresent
                ports: [{containerPort: 80, protocol: TCP}]
                resources: {limits: {cpu: 500m, memory: 1024Mi}}
                volumeMounts: [{name: data, mountPath: /data}]
                terminationMessagePath: /dev/termination-log
        status: {replicas: 2}
        """)

    @Test func defaultsAndOtherManagersFieldsAreNotDrift() {
        #expect(SubsetComparison.firstDifference(desired: Self.desired, live: Self.live) == nil)
    }

    @Test(arguments: [
        (["spec", "replicas"], Node.int(3), "spec.replicas"),
        (["metadata", "labels", "app"], Node.string("other"), "metadata.labels.app"),
    ])
    func changedScalarsAreDrift(path: [String], value: Node, expected: String) {
        var live = Self.live
        live.set(value, at: path)
        #expect(SubsetComparison.firstDifference(desired: Self.desired, live: live) == expected)
    }

    @Test func changedImageIsFoundByContainerName() {
        var live = Self.live
        var containers = live["spec", "template", "spec", "containers"]?.sequence ?? []
        containers[1].set(.string("nginx:1.26"), at: ["image"])
        live.set(.sequence(containers), at: ["spec", "template", "spec", "containers"])
        #expect(
            SubsetComparison.firstDifference(desired: Self.desired, live: live)
                == "spec.template.spec.containers[0].image")
    }

    @Test func missingContainerIsDrift() {
        var live = Self.live
        live.set(.sequence([yaml("{name: sidecar, image: envoy}")]), at: ["spec", "template", "spec", "containers"])
        #expect(
            SubsetComparison.firstDifference(desired: Self.desired, live: live) == "spec.template.spec.containers[0]")
    }

    @Test func portsMatchByPortAndDefaultProtocol() {
        let desired = yaml("{kind: Service, spec: {ports: [{port: 53, protocol: UDP}, {port: 80}]}}")
        let live = yaml(
            "{kind: Service, spec: {ports: [{port: 80, protocol: TCP, targetPort: 80}, {port: 53, protocol: UDP}]}}")
        #expect(SubsetComparison.firstDifference(desired: desired, live: live) == nil)
        let udpOnly = yaml("{kind: Service, spec: {ports: [{port: 80, protocol: UDP}, {port: 53, protocol: UDP}]}}")
        #expect(SubsetComparison.firstDifference(desired: desired, live: udpOnly) == "spec.ports[1]")
    }

    @Test func atomicListsCompareWhole() {
        let desired = yaml("{kind: Role, rules: [{verbs: [get]}]}")
        #expect(
            SubsetComparison.firstDifference(
                desired: desired, live: yaml("{kind: Role, rules: [{verbs: [get]}, {verbs: [list]}]}")) == "rules")
        #expect(
            SubsetComparison.firstDifference(desired: desired, live: yaml("{kind: Role, rules: [{verbs: [get]}]}"))
                == nil)
    }

    @Test(arguments: [("0.5", "500m"), ("1Gi", "1024Mi"), ("1", "1000m"), ("2k", "2000")])
    func quantitiesCompareByValue(a: String, b: String) {
        #expect(ScalarComparison.equal(.string(a), .string(b)))
    }

    @Test func intAndStringOfSameTextAreEqual() {
        #expect(ScalarComparison.equal(.int(1), .string("1")))
        #expect(!ScalarComparison.equal(.string("a"), .string("b")))
    }

    @Test func statusAndServerMetadataAreNeverCompared() {
        let desired = yaml("{kind: X, metadata: {name: a, resourceVersion: '1', uid: u}, status: {phase: Done}}")
        let live = yaml("{kind: X, metadata: {name: a, resourceVersion: '9', uid: v}, status: {phase: Running}}")
        #expect(SubsetComparison.firstDifference(desired: desired, live: live) == nil)
    }

    @Test func fieldOwnedByDlsyncButNoLongerDesiredIsDrift() throws {
        let live = try JSONDecoding.decode(
            #"""
            {"kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web", "tier": "front"},
              "managedFields": [
                {"manager": "dlsync", "operation": "Apply", "fieldsV1": {
                  "f:metadata": {"f:labels": {"f:app": {}, "f:tier": {}}},
                  "f:spec": {"f:template": {"f:spec": {"f:containers": {
                    "k:{\"name\":\"web\"}": {".": {}, "f:image": {},
                      "f:ports": {"k:{\"containerPort\":80,\"protocol\":\"TCP\"}": {".": {}, "f:containerPort": {}}}}}}}}}},
                {"manager": "kubectl-edit", "operation": "Update", "fieldsV1": {"f:metadata": {"f:labels": {"f:extra": {}}}}}
              ]}}
            """#)
        let desired = yaml(
            """
            kind: Deployment
            metadata: {name: web, labels: {app: web}}
            spec: {template: {spec: {containers: [{name: web, image: x, ports: [{containerPort: 80}]}]}}}
            """)
        #expect(ManagedFields.firstRemoved(desired: desired, live: live) == "metadata.labels.tier")
        var both = desired
        both.set(.string("front"), at: ["metadata", "labels", "tier"])
        #expect(ManagedFields.firstRemoved(desired: both, live: live) == nil)
        var noContainer = both
        noContainer.set(.sequence([yaml("{name: other}")]), at: ["spec", "template", "spec", "containers"])
        #expect(
            ManagedFields.firstRemoved(desired: noContainer, live: live)
                == #"spec.template.spec.containers[{"name":"web"}]"#)
    }
}

@Suite struct ManifestDefaultsTests {
    @Test func portsGetTCPAndQuantitiesBecomeStrings() {
        let node = ManifestDefaults.apply(
            yaml(
                """
                spec:
                  ports: [{port: 80}, {port: 53, protocol: UDP}]
                  template: {spec: {containers: [{name: a, ports: [{containerPort: 8080}], resources: {limits: {cpu: 0.5, memory: 1Gi}, requests: {cpu: 1}}}]}}
                  hard: {pods: 10}
                """))
        #expect(node["spec", "ports"] == yaml("[{port: 80, protocol: TCP}, {port: 53, protocol: UDP}]"))
        let container = node["spec", "template", "spec", "containers"]?.sequence?.first
        #expect(container?["ports"] == yaml("[{containerPort: 8080, protocol: TCP}]"))
        #expect(container?["resources", "limits", "cpu"] == .string("0.5"))
        #expect(container?["resources", "requests", "cpu"] == .string("1"))
        #expect(node["spec", "hard", "pods"] == .string("10"))
    }
}

@Suite struct SecretComparisonTests {
    @Test func stringDataComparesWithTheStoredData() {
        let desired = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s}, stringData: {token: abc}}")
        let live = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s}, data: {token: YWJj}, type: Opaque}")
        #expect(SubsetComparison.firstDifference(desired: desired, live: live) == nil)
        let changed = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s}, data: {token: eHl6}}")
        #expect(SubsetComparison.firstDifference(desired: desired, live: changed) == "data.token")
    }
}
