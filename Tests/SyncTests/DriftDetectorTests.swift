import Overlays
import Testing

@testable import Sync

@Suite struct DriftDetectorTests {
    static let inventory = Inventory(name: "dev")

    static func desired(_ text: String) throws -> [DesiredObject] {
        try DesiredObject.prepare(yamlDocuments(text).map { Resource(node: $0) }, inventory: inventory)
    }

    static let manifests = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: shop}
        data: {mode: fast}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 1
          template: {spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}}
        """

    /// Syncs into a fake cluster whose defaulting fills ports' protocol, then checks again.
    @Test func inSyncCostsOneListPerKindAndNoWrites() async throws {
        let cluster = FakeCluster()
        await cluster.setDefaulter(Self.fillProtocol)
        let syncer = Syncer(api: cluster, inventory: Self.inventory)
        let first = try await syncer.sync(try Self.desired(Self.manifests), options: .init())
        #expect(first.count(.created) == 2)
        await cluster.clearRequests()
        let detector = DriftDetector(api: cluster, inventory: Self.inventory)
        let reports = try await detector.detect(try await detector.resolve(try Self.desired(Self.manifests)))
        #expect(reports.map(\.state) == [.inSync, .inSync])
        #expect(await cluster.count("list") == 2)
        #expect(await cluster.count("dry-run") == 0)
        #expect(await cluster.count("apply") == 0)
        #expect(await cluster.count("get") == 0)
    }

    @Test func suspectedDriftThatTheServerNormalisesIsNotDrift() async throws {
        let cluster = FakeCluster()
        // The server upper-cases this value: locally it looks different, the dry run says it is the same.
        await cluster.setDefaulter { node in
            var n = node
            if let v = n["data", "mode"]?.string { n.set(.string(v.uppercased()), at: ["data", "mode"]) }
            return n
        }
        let syncer = Syncer(api: cluster, inventory: Self.inventory)
        _ = try await syncer.sync(try Self.desired(Self.manifests), options: .init())
        await cluster.clearRequests()
        let detector = DriftDetector(api: cluster, inventory: Self.inventory)
        let reports = try await detector.detect(try await detector.resolve(try Self.desired(Self.manifests)))
        #expect(reports[0].state == .inSync)
        #expect(reports[0].reason == "equal after server defaults")
        #expect(await cluster.count("dry-run") == 1)
        #expect(await cluster.count("apply") == 0)
    }

    @Test func handEditsAreDriftAndSyncPutsThemBack() async throws {
        let cluster = FakeCluster()
        let syncer = Syncer(api: cluster, inventory: Self.inventory)
        _ = try await syncer.sync(try Self.desired(Self.manifests), options: .init())
        var deployment = try #require(await cluster.object("Deployment", "shop", "web", group: "apps"))
        deployment.set(.int(5), at: ["spec", "replicas"])
        await cluster.put(deployment)
        await cluster.remove("ConfigMap", "shop", "settings")
        let detector = DriftDetector(api: cluster, inventory: Self.inventory)
        let reports = try await detector.detect(try await detector.resolve(try Self.desired(Self.manifests)))
        #expect(reports.map(\.state) == [.missing, .drifted])
        #expect(reports[1].unifiedDiff().contains("-  replicas: 5\n+  replicas: 1"))
        let result = try await syncer.sync(try Self.desired(Self.manifests), options: .init())
        #expect(result.entries.map(\.action) == [.created, .configured])
        #expect(await cluster.object("Deployment", "shop", "web", group: "apps")?["spec", "replicas"] == .int(1))
    }

    @Test func unlabelledExistingObjectIsFoundWithAGet() async throws {
        let cluster = FakeCluster()
        await cluster.put(
            yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: shop}, data: {mode: fast}}"))
        let detector = DriftDetector(api: cluster, inventory: Self.inventory)
        let reports = try await detector.detect(try await detector.resolve(try Self.desired(Self.manifests)))
        #expect(reports[0].state == .drifted)
        #expect(reports[0].reason == "exists without dlsync's ownership label")
    }

    @Test func aFirstSyncListsOnceInsteadOfReadingEachObject() async throws {
        let cluster = FakeCluster()
        await cluster.put(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: cm-3, namespace: a}}"))
        let text = (0..<25).map { "{apiVersion: v1, kind: ConfigMap, metadata: {name: cm-\($0), namespace: a}}" }
            .joined(separator: "\n---\n")
        let detector = DriftDetector(api: cluster, inventory: Self.inventory)
        let reports = try await detector.detect(try await detector.resolve(try Self.desired(text)))
        #expect(reports.filter { $0.state == .missing }.count == 24)
        #expect(reports[3].reason == "exists without dlsync's ownership label")
        #expect(await cluster.count("list") == 2)
        #expect(await cluster.count("get") == 0)
    }

    @Test func unknownKindWithoutCRDIsAnError() async throws {
        let cluster = FakeCluster()
        let detector = DriftDetector(api: cluster, inventory: Self.inventory)
        let objects = try Self.desired("{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}}")
        await #expect(throws: SyncError.self) { try await detector.resolve(objects) }
    }

    @Test func secretValuesAreNeverPrinted() throws {
        let objects = try Self.desired(
            "{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: a}, data: {password: aHVudGVyMg==}}")
        let report = DriftReport(object: objects[0], state: .missing, reason: "")
        let text = report.unifiedDiff()
        #expect(!text.contains("aHVudGVyMg=="))
        #expect(text.contains("(secret data hidden)"))
    }

    static let fillProtocol: @Sendable (Node) -> Node = { node in
        var n = node
        guard var containers = n["spec", "template", "spec", "containers"]?.sequence else { return n }
        for i in containers.indices {
            guard var ports = containers[i]["ports"]?.sequence else { continue }
            for j in ports.indices where ports[j]["protocol"] == nil { ports[j].set(.string("TCP"), at: ["protocol"]) }
            containers[i].set(.sequence(ports), at: ["ports"])
        }
        n.set(.sequence(containers), at: ["spec", "template", "spec", "containers"])
        return n
    }
}
