import Overlays
import Testing

@testable import Sync

@Suite struct ApplyAndPruneTests {
    static let inventory = Inventory(name: "dev")

    static func desired(_ text: String) throws -> [DesiredObject] {
        try DesiredObject.prepare(yamlDocuments(text).map { Resource(node: $0) }, inventory: inventory)
    }

    @Test func applyOrderPutsFoundationsFirstAndKeepsBuildOrderWithinAPhase() throws {
        let objects = try Self.desired(
            """
            {apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: i}}
            ---
            {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}}
            ---
            {apiVersion: v1, kind: ConfigMap, metadata: {name: c2}}
            ---
            {apiVersion: v1, kind: ServiceAccount, metadata: {name: sa}}
            ---
            {apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, metadata: {name: crd}}
            ---
            {apiVersion: v1, kind: Namespace, metadata: {name: ns}}
            ---
            {apiVersion: example.com/v1, kind: Widget, metadata: {name: w}}
            """)
        #expect(ApplyOrder.sorted(objects).map(\.ref.name) == ["crd", "ns", "c2", "sa", "d", "i", "w"])
        #expect(ApplyOrder.pruneOrder(objects.map(\.ref)).map(\.name) == ["i", "w", "d", "c2", "sa", "crd", "ns"])
    }

    static func live(_ kind: String, _ name: String, namespace: String = "a", labelled: Bool = true) -> (
        resource: APIResource, object: Node
    ) {
        let resource = FakeCluster.builtinKinds.first { $0.kind == kind }!
        var node = yaml("{metadata: {name: \(name)}}")
        if resource.namespaced { node.set(.string(namespace), at: ["metadata", "namespace"]) }
        if labelled { node.set(.string(inventory.id), at: ["metadata", "labels", Inventory.partOfLabel]) }
        return (resource, node)
    }

    static let keep: Set<ObjectRef> = [ObjectRef(group: "", kind: "ConfigMap", namespace: "a", name: "keep")]

    @Test func staleLabelledObjectsArePruned() throws {
        let plan = try Pruner.plan(
            live: [Self.live("ConfigMap", "keep"), Self.live("ConfigMap", "old"), Self.live("Deployment", "gone")],
            desired: Self.keep, inventory: Self.inventory, policy: .init())
        #expect(plan.delete.map(\.ref.name) == ["gone", "old"])
    }

    @Test func objectsWithoutOurLabelAreNeverPruned() throws {
        var foreign = Self.live("ConfigMap", "foreign")
        foreign.object.set(.string("applyset-other-v1"), at: ["metadata", "labels", Inventory.partOfLabel])
        let plan = try Pruner.plan(
            live: [foreign, Self.live("ConfigMap", "bare", labelled: false)], desired: Self.keep,
            inventory: Self.inventory, policy: .init())
        #expect(plan.delete.isEmpty)
        #expect(plan.kept.count == 2)
    }

    @Test func namespacesAndPVCsNeedOptIn() throws {
        let live = [Self.live("Namespace", "ns"), Self.live("PersistentVolumeClaim", "data")]
        let cautious = try Pruner.plan(live: live, desired: Self.keep, inventory: Self.inventory, policy: .init())
        #expect(cautious.delete.isEmpty)
        #expect(cautious.kept.map(\.reason).contains("Namespaces are pruned only with --prune-namespaces"))
        let bold = try Pruner.plan(
            live: live, desired: Self.keep, inventory: Self.inventory,
            policy: .init(pruneNamespaces: true, prunePVCs: true))
        #expect(bold.delete.map(\.ref.name) == ["data", "ns"])
    }

    @Test func noPruneAfterFailureOrForAnEmptySet() throws {
        #expect(throws: SyncError.self) {
            try Pruner.plan(live: [], desired: Self.keep, inventory: Self.inventory, policy: .init(), failures: 1)
        }
        #expect(throws: SyncError.self) {
            try Pruner.plan(live: [], desired: [], inventory: Self.inventory, policy: .init())
        }
        #expect(throws: Never.self) {
            try Pruner.plan(live: [], desired: [], inventory: Self.inventory, policy: .init(allowEmpty: true))
        }
    }

    @Test func failedApplyStopsThePrune() async throws {
        let cluster = FakeCluster()
        let syncer = Syncer(api: cluster, inventory: Self.inventory)
        _ = try await syncer.sync(
            try Self.desired(
                """
                {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: x}}
                ---
                {apiVersion: v1, kind: ConfigMap, metadata: {name: b, namespace: x}}
                """), options: .init())
        await cluster.setFailApply(["c"])
        let result = try await syncer.sync(
            try Self.desired(
                """
                {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: x}}
                ---
                {apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: x}}
                """), options: .init(prune: true))
        #expect(result.failed)
        #expect(result.errors.first?.contains("not pruning") == true)
        #expect(await cluster.object("ConfigMap", "x", "b") != nil)
    }

    @Test func pruneDeletesOnlyWhatLeftTheSet() async throws {
        let cluster = FakeCluster()
        let syncer = Syncer(api: cluster, inventory: Self.inventory)
        let both = """
            {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: x}}
            ---
            {apiVersion: v1, kind: ConfigMap, metadata: {name: b, namespace: x}}
            """
        _ = try await syncer.sync(try Self.desired(both), options: .init())
        await cluster.put(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: handmade, namespace: x}}"))
        let result = try await syncer.sync(
            try Self.desired("{apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: x}}"),
            options: .init(prune: true))
        #expect(result.entries.filter { $0.action == .pruned }.map(\.ref.name) == ["b"])
        #expect(await cluster.object("ConfigMap", "x", "b") == nil)
        #expect(await cluster.object("ConfigMap", "x", "handmade") != nil)
        #expect(
            await cluster.object("ConfigMap", "kube-system", Self.inventory.parentName)?[
                "metadata", "annotations", Inventory.groupKindsAnnotation] == .string("ConfigMap"))
    }

    @Test func inventoryIdFollowsTheApplySetSpec() {
        // printf 'dlsync-dev.kube-system.ConfigMap.' | sha256sum → base64url without padding
        #expect(Self.inventory.id == "applyset-BOO7cSIYSVfMskXt3w1aMUHErjKbRtwihtU2Phhvie4-v1")
        #expect(Inventory.base64URL(SHA256.digest(Array("abc".utf8))) == "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0")
    }
}
