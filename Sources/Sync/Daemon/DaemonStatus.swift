import Foundation
import Overlays

/// What the daemon last did, kept in a ConfigMap next to the inventory (`dlsync-<env>-status`) so that
/// `dlsync status`, `kubectl get` and people see it without reaching the daemon.
public struct DaemonStatus: Sendable, Codable, Equatable {
    public struct ServiceHealth: Sendable, Codable, Equatable {
        public var name: String
        public var state: String
    }

    public var environment: String
    /// `<repo>@<branch>` the daemon follows.
    public var source: String
    /// The replica that wrote this (its Lease identity).
    public var identity: String
    /// The commit the cluster was last fully reconciled to, and when.
    public var lastAppliedCommit: String?
    public var lastAppliedTime: Date?
    /// The last reconcile, whatever its result.
    public var lastReconcile: ReconcileOutcome?
    /// Set while the remote cannot be fetched: the cluster stays on the last good commit.
    public var fetchError: String?
    /// The newest commit when it cannot be applied, and why: the last good commit is served instead.
    public var refusedCommit: String?
    public var refusedReason: String?
    public var services: [ServiceHealth] = []

    public init(environment: String, source: String, identity: String) {
        self.environment = environment
        self.source = source
        self.identity = identity
    }

    /// The ConfigMap's name for an inventory.
    public static func objectName(for inventory: Inventory) -> String {
        inventory.parentName + "-status"
    }

    static let dataKey = "status.json"

    /// The ConfigMap: the whole status as JSON, plus flat keys for `kubectl get -o yaml` readers.
    public func configMap(for inventory: Inventory) -> Node {
        var data = Mapping([DaemonStatus.dataKey: .string(json)])
        data["commit"] = .string(lastAppliedCommit ?? "")
        data["result"] = .string(lastReconcile?.result.rawValue ?? "")
        data["message"] = .string(lastReconcile?.message ?? "")
        data["time"] = .string(lastReconcile.map { DaemonStatus.timestamp($0.started) } ?? "")
        return .mapping(
            Mapping([
                "apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                "metadata": .mapping(
                    Mapping([
                        "name": .string(DaemonStatus.objectName(for: inventory)),
                        "namespace": .string(inventory.parentNamespace),
                        "labels": .mapping(Mapping(["app.kubernetes.io/managed-by": .string("dlsync")])),
                    ])),
                "data": .mapping(data),
            ]))
    }

    /// The status a ConfigMap holds, nil when it holds none.
    public static func decode(configMap: Node) -> DaemonStatus? {
        guard let text = configMap["data", dataKey]?.string else { return nil }
        return try? decoder.decode(DaemonStatus.self, from: Data(text.utf8))
    }

    public var json: String { DaemonStatus.jsonText(self, pretty: true) }

    /// The daemon's JSON: sorted keys, ISO 8601 times; pretty for people, compact for HTTP answers.
    static func jsonText(_ value: some Encodable, pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
