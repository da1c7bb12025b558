import Overlays

extension KubernetesAPI {
    /// Waits until a CustomResourceDefinition reports `Established=True`, then forgets cached discovery for
    /// its group-versions so its kinds resolve.
    func waitForEstablished(crd name: String, timeoutSeconds: Double = 60) async throws(SyncError) {
        let resource = APIResource(
            group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition",
            name: "customresourcedefinitions", namespaced: false)
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutSeconds * 1000))
        while true {
            let live: Node?
            do {
                live = try await get(resource, namespace: nil, name: name)
            } catch {
                throw SyncError("waiting for CRD \(name): \(error)")
            }
            let established = live?["status", "conditions"]?.sequence?.contains {
                $0["type"]?.string == "Established" && $0["status"]?.string == "True"
            }
            if established == true, let live {
                let group = live["spec", "group"]?.string ?? ""
                for version in live["spec", "versions"]?.sequence ?? [] {
                    if let v = version["name"]?.string { await invalidateDiscovery(groupVersion: "\(group)/\(v)") }
                }
                return
            }
            if ContinuousClock.now > deadline {
                throw SyncError(
                    "CRD \(name) is not Established after \(Int(timeoutSeconds))s; check `kubectl describe crd \(name)`"
                )
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
    }
}
