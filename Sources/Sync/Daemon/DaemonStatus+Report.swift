extension DaemonStatus {
    /// The status the daemon of `inventory` last wrote, nil when no daemon follows it (or it never wrote).
    public static func read(from api: any KubernetesAPI, inventory: Inventory) async throws(APIError)
        -> DaemonStatus?
    {
        let object = try await api.get(
            Inventory.parentResource, namespace: inventory.parentNamespace, name: objectName(for: inventory))
        return object.flatMap { decode(configMap: $0) }
    }

    /// A few lines for people: what is applied, how the last reconcile went, what is held back and why.
    public var summary: String {
        var lines: [String] = []
        let applied = lastAppliedCommit.map { "\($0.prefix(12))" } ?? "nothing yet"
        let when = lastAppliedTime.map { " at \(DaemonStatus.timestamp($0))" } ?? ""
        lines.append("daemon \(identity) follows \(source): applied \(applied)\(when)")
        if let last = lastReconcile {
            lines.append("  last reconcile \(DaemonStatus.timestamp(last.started)): \(last.result.rawValue), \(last.message)")
        }
        if let refusedCommit {
            lines.append("  newest commit \(refusedCommit.prefix(12)) refused: \(refusedReason ?? "")")
        }
        if let fetchError { lines.append("  fetch failing: \(fetchError)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
