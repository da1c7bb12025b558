import Foundation
import Overlays
import Testing

@testable import Sync

@Suite struct GeneratedSecretsTests {
    static let inventory = Inventory(name: "dev")
    static let manifests = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
          namespace: data
          annotations: {dlsync.io/generate: "password, fernet-key"}
        stringData: {user: admin}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: db-copy
          namespace: apps
          annotations: {dlsync.io/copy-from: data/db}
        """

    static func desired() throws -> [DesiredObject] {
        try DesiredObject.prepare(yamlDocuments(manifests).map { Resource(node: $0) }, inventory: inventory)
    }

    @Test func randomValues() {
        let password = GeneratedSecrets.randomValue(forKey: "password")
        #expect(password.count == 32)
        #expect(password.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(password != GeneratedSecrets.randomValue(forKey: "password"))
        let fernet = GeneratedSecrets.randomValue(forKey: "fernet-key")
        #expect(fernet.count == 44)
        #expect(
            Base64.decode(fernet.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/"))?
                .count == 32)
    }

    @Test func appliedManifestHoldsNoData() throws {
        let objects = try Self.desired()
        #expect(objects[0].secretSource == .generate(["password", "fernet-key"]))
        #expect(objects[0].manifest["stringData"] == nil)
        #expect(objects[0].manifest["data"] == nil)
        #expect(objects[1].secretSource == .copy(namespace: "data", name: "db", keys: nil))
    }

    @Test func generatedOnceCopiedAfterAndNeverOverwritten() async throws {
        let cluster = FakeCluster()
        let syncer = Syncer(api: cluster, inventory: Self.inventory)
        let first = try await syncer.sync(try Self.desired(), options: .init())
        #expect(first.entries.map(\.action) == [.created, .created])
        let db = try #require(await cluster.object("Secret", "data", "db"))
        let data = try #require(db["data"]?.mapping)
        #expect(Set(data.keys) == ["password", "fernet-key"])
        #expect(db["stringData", "user"] == .string("admin"))
        #expect(await cluster.object("Secret", "apps", "db-copy")?["data"] == db["data"])

        // Someone rotates the password by hand: dlsync never puts a value back.
        var edited = db
        edited.set(.string("aGFuZG1hZGU="), at: ["data", "password"])
        await cluster.put(edited)
        let second = try await syncer.sync(try Self.desired(), options: .init())
        #expect(second.entries.map(\.action) == [.unchanged, .unchanged])
        #expect(await cluster.object("Secret", "data", "db")?["data", "password"] == .string("aGFuZG1hZGU="))
        #expect(await cluster.count("create") == 2)
    }

    @Test func handFilledSecretIsNotOverwritten() async throws {
        let cluster = FakeCluster()
        await cluster.put(
            yaml("{apiVersion: v1, kind: Secret, metadata: {name: db, namespace: data}, data: {password: bWluZQ==}}"))
        let syncer = Syncer(api: cluster, inventory: Self.inventory)
        let result = try await syncer.sync(try Self.desired(), options: .init())
        #expect(result.entries.first?.action == .configured)  // labels adopted, values untouched
        let db = try #require(await cluster.object("Secret", "data", "db"))
        #expect(db["data"] == yaml("{password: bWluZQ==}"))
        #expect(db["metadata", "labels", Inventory.partOfLabel] == .string(Self.inventory.id))
    }

    @Test func copyWithGenerateListCopiesOnlyThoseKeys() async throws {
        let cluster = FakeCluster()
        await cluster.put(
            yaml("{apiVersion: v1, kind: Secret, metadata: {name: pg, namespace: data}, data: {a: YQ==, b: Yg==}}"))
        let objects = try DesiredObject.prepare(
            yamlDocuments(
                """
                {apiVersion: v1, kind: Secret, metadata: {name: pg-b, namespace: app, annotations: {dlsync.io/generate: b, dlsync.io/copy-from: data/pg}}}
                ---
                {apiVersion: v1, kind: Secret, metadata: {name: pg-c, namespace: app, annotations: {dlsync.io/generate: c, dlsync.io/copy-from: data/pg}}}
                """
            ).map { Resource(node: $0) }, inventory: Self.inventory)
        let result = try await Syncer(api: cluster, inventory: Self.inventory).sync(objects, options: .init())
        #expect(result.entries.map(\.action) == [.created, .failed])
        #expect(await cluster.object("Secret", "app", "pg-b")?["data"] == yaml("{b: Yg==}"))
        #expect(result.entries[1].detail.contains("has no key 'c'"))
    }

    @Test func copyWithoutSourceFails() async throws {
        let cluster = FakeCluster()
        let syncer = Syncer(api: cluster, inventory: Self.inventory)
        let objects = try Self.desired().filter { $0.ref.name == "db-copy" }
        let result = try await syncer.sync(objects, options: .init())
        #expect(result.entries.first?.action == .failed)
        #expect(result.entries.first?.detail.contains("source Secret data/db") == true)
    }
}
