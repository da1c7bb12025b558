import Foundation
import Overlays
import Testing

@testable import Sync

/// A CRD and an object of its kind in one sync: the CRD goes first, dlsync waits until it is Established,
/// discovers the new kind and then applies the object.
@Suite(.serialized, .enabled(if: TestCluster.available, TestCluster.skipMessage))
struct EndToEndCRDTests {
    @Test func newCRDAndItsObjectInOneSync() async throws {
        let id = UUID().uuidString.prefix(8).lowercased()
        let group = "e2e-\(id).dlsync.test"
        let namespace = "e2e-crd-\(id)"
        let manifests = """
            apiVersion: \(group)/v1
            kind: Widget
            metadata: {name: gear, namespace: \(namespace)}
            spec: {size: 3}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: \(namespace)}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.\(group)}
            spec:
              group: \(group)
              scope: Namespaced
              names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: integer}
            """
        let nodes = try YAMLParser.documents(manifests, file: "crd.yaml")
        let inventory = Inventory(name: namespace)
        let client = try TestCluster.client()
        let desired = try DesiredObject.prepare(nodes.map { Resource(node: $0) }, inventory: inventory)
        let syncer = Syncer(api: client, inventory: inventory)
        let result = try await syncer.sync(desired, options: .init())
        #expect(!result.failed, "\(result.entries.filter { $0.action == .failed })")
        #expect(result.entries.map(\.ref.kind) == ["Namespace", "CustomResourceDefinition", "Widget"])
        #expect(result.count(.created) == 3)
        let size = TestCluster.kubectl([
            "get", "widgets.\(group)", "gear", "-n", namespace, "-o", "jsonpath={.spec.size}",
        ])
        #expect(size.stdout == "3")
        let detector = DriftDetector(api: client, inventory: inventory)
        #expect(try await detector.detect(try await detector.resolve(desired)).allSatisfy { $0.state == .inSync })

        TestCluster.kubectl(["delete", "namespace", namespace, "--wait=false"])
        TestCluster.kubectl(["delete", "crd", "widgets.\(group)", "--wait=false"])
        TestCluster.kubectl(["delete", "configmap", "-n", "kube-system", inventory.parentName])
        await client.shutdown()
    }
}
