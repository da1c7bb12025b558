import Overlays

/// The health of one live object, judged by kind.
public struct Health: Sendable, Equatable {
    public enum State: String, Sendable, Comparable, CaseIterable {
        case healthy, progressing, degraded, missing, unknown

        /// Worse states sort later: a service is as healthy as its worst object.
        var severity: Int {
            switch self {
            case .healthy: return 0
            case .unknown: return 1
            case .progressing: return 2
            case .degraded: return 3
            case .missing: return 4
            }
        }

        public static func < (a: State, b: State) -> Bool { a.severity < b.severity }
    }

    public var state: State
    public var message: String

    public init(_ state: State, _ message: String = "") {
        self.state = state
        self.message = message
    }
}

/// Per-kind health rules: rollouts of Deployments, StatefulSets and DaemonSets, Jobs, CronJobs, PVCs,
/// Services, then `status.conditions` (Ready / Available), else healthy when the object simply exists.
public enum HealthCheck {
    public static func evaluate(_ object: Node) -> Health {
        let apiVersion = object["apiVersion"]?.string ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        switch (group, object["kind"]?.string ?? "") {
        case ("apps", "Deployment"): return deployment(object)
        case ("apps", "StatefulSet"): return statefulSet(object)
        case ("apps", "DaemonSet"): return daemonSet(object)
        case ("batch", "Job"): return job(object)
        case ("batch", "CronJob"): return cronJob(object)
        case ("", "PersistentVolumeClaim"): return pvc(object)
        case ("", "Service"): return service(object)
        default: return conditions(object) ?? Health(.healthy, "exists")
        }
    }

    static func int(_ node: Node?) -> Int64? {
        switch node {
        case .int(let i): return i
        case .uint(let u): return Int64(clamping: u)
        case .float(let d): return Int64(d)
        default: return nil
        }
    }

    /// A controller that has not seen the latest spec yet is progressing whatever its counters say.
    static func observedLatest(_ o: Node) -> Bool {
        guard let generation = int(o["metadata", "generation"]) else { return true }
        return (int(o["status", "observedGeneration"]) ?? 0) >= generation
    }

    static func deployment(_ o: Node) -> Health {
        guard observedLatest(o) else {
            return Health(.progressing, "waiting for the controller to observe the new spec")
        }
        for c in o["status", "conditions"]?.sequence ?? [] where c["type"]?.string == "Progressing" {
            if c["reason"]?.string == "ProgressDeadlineExceeded" {
                return Health(.degraded, "rollout exceeded its progress deadline")
            }
        }
        let desired = int(o["spec", "replicas"]) ?? 1
        let updated = int(o["status", "updatedReplicas"]) ?? 0
        let ready = int(o["status", "readyReplicas"]) ?? 0
        let available = int(o["status", "availableReplicas"]) ?? 0
        let total = int(o["status", "replicas"]) ?? 0
        if updated < desired { return Health(.progressing, "\(updated)/\(desired) replicas updated") }
        if total > updated { return Health(.progressing, "\(total - updated) old replicas pending termination") }
        if available < desired || ready < desired { return Health(.progressing, "\(ready)/\(desired) replicas ready") }
        return Health(.healthy, "\(ready)/\(desired) ready")
    }

    static func statefulSet(_ o: Node) -> Health {
        guard observedLatest(o) else {
            return Health(.progressing, "waiting for the controller to observe the new spec")
        }
        let desired = int(o["spec", "replicas"]) ?? 1
        let ready = int(o["status", "readyReplicas"]) ?? 0
        let updated = int(o["status", "updatedReplicas"]) ?? 0
        let updateStrategy = o["spec", "updateStrategy", "type"]?.string ?? "RollingUpdate"
        if updateStrategy == "RollingUpdate", updated < desired {
            return Health(.progressing, "\(updated)/\(desired) replicas updated")
        }
        if ready < desired { return Health(.progressing, "\(ready)/\(desired) replicas ready") }
        if let current = o["status", "currentRevision"]?.string, let update = o["status", "updateRevision"]?.string,
            current != update, updateStrategy == "RollingUpdate"
        {
            return Health(.progressing, "rolling out revision \(update)")
        }
        return Health(.healthy, "\(ready)/\(desired) ready")
    }

    static func daemonSet(_ o: Node) -> Health {
        guard observedLatest(o) else {
            return Health(.progressing, "waiting for the controller to observe the new spec")
        }
        let desired = int(o["status", "desiredNumberScheduled"]) ?? 0
        let updated = int(o["status", "updatedNumberScheduled"]) ?? 0
        let available = int(o["status", "numberAvailable"]) ?? 0
        if updated < desired { return Health(.progressing, "\(updated)/\(desired) pods updated") }
        if available < desired { return Health(.progressing, "\(available)/\(desired) pods available") }
        return Health(.healthy, "\(available)/\(desired) available")
    }

    static func job(_ o: Node) -> Health {
        for c in o["status", "conditions"]?.sequence ?? [] where c["status"]?.string == "True" {
            if c["type"]?.string == "Complete" { return Health(.healthy, "complete") }
            if c["type"]?.string == "Failed" {
                return Health(.degraded, "failed: \(c["message"]?.string ?? c["reason"]?.string ?? "")")
            }
        }
        if o["spec", "suspend"] == .bool(true) { return Health(.healthy, "suspended") }
        let active = int(o["status", "active"]) ?? 0
        return Health(.progressing, active > 0 ? "\(active) pod(s) running" : "waiting to start")
    }

    static func cronJob(_ o: Node) -> Health {
        if o["spec", "suspend"] == .bool(true) { return Health(.healthy, "suspended") }
        if let last = o["status", "lastScheduleTime"]?.scalarText { return Health(.healthy, "last scheduled \(last)") }
        return Health(.healthy, "not scheduled yet")
    }

    static func pvc(_ o: Node) -> Health {
        switch o["status", "phase"]?.string {
        case "Bound": return Health(.healthy, "bound")
        case "Lost": return Health(.degraded, "lost its volume")
        default: return Health(.progressing, "waiting for a volume (\(o["status", "phase"]?.string ?? "Pending"))")
        }
    }

    /// Services: ExternalName is always fine; LoadBalancers need an ingress address. Endpoints are not read
    /// here (that is one more request per Service); `status` can pass them in with `serviceEndpoints`.
    static func service(_ o: Node) -> Health {
        switch o["spec", "type"]?.string {
        case "ExternalName": return Health(.healthy, "external name")
        case "LoadBalancer":
            if let ingress = o["status", "loadBalancer", "ingress"]?.sequence, !ingress.isEmpty {
                return Health(.healthy, "load balancer ready")
            }
            return Health(.progressing, "waiting for a load balancer address")
        default: return Health(.healthy, "")
        }
    }

    /// Adds the endpoint rule to a Service's health: no ready addresses means nothing serves it.
    public static func service(_ service: Node, endpoints: Node?) -> Health {
        let base = HealthCheck.service(service)
        guard base.state == .healthy, service["spec", "type"]?.string != "ExternalName" else { return base }
        if service["spec", "selector"] == nil { return base }  // endpoints managed by hand
        let ready = (endpoints?["subsets"]?.sequence ?? []).contains { !($0["addresses"]?.sequence ?? []).isEmpty }
        return ready ? Health(.healthy, "has endpoints") : Health(.progressing, "no ready endpoints")
    }

    /// The generic rule: a `Ready` or `Available` condition decides; nil when there is none.
    static func conditions(_ o: Node) -> Health? {
        for c in o["status", "conditions"]?.sequence ?? [] {
            guard let type = c["type"]?.string, type == "Ready" || type == "Available" else { continue }
            if c["status"]?.string == "True" { return Health(.healthy, type.lowercased()) }
            let why = c["message"]?.string ?? c["reason"]?.string ?? ""
            return Health(
                c["status"]?.string == "False" ? .degraded : .progressing,
                "\(type) is \(c["status"]?.string ?? "?"): \(why)")
        }
        return nil
    }
}
