import Overlays

/// Health of every desired object, grouped per service (label `app.kubernetes.io/name`).
public struct HealthReport: Sendable {
    public struct Object: Sendable {
        public var ref: ObjectRef
        public var service: String
        public var health: Health
    }

    public struct Service: Sendable {
        public var name: String
        public var objects: [Object]
        /// The worst state among its objects.
        public var state: Health.State { objects.map(\.health.state).max() ?? .unknown }
    }

    public static let serviceLabel = "app.kubernetes.io/name"
    /// The group of objects without the service label.
    public static let noService = "(no service)"

    public var services: [Service]

    public var state: Health.State { services.map(\.state).max() ?? .healthy }

    public init(objects: [Object]) {
        var order: [String] = []
        var groups: [String: [Object]] = [:]
        for object in objects {
            if groups[object.service] == nil { order.append(object.service) }
            groups[object.service, default: []].append(object)
        }
        services = order.sorted { a, b in
            (a == Self.noService ? 1 : 0, a) < (b == Self.noService ? 1 : 0, b)
        }.map { Service(name: $0, objects: groups[$0] ?? []) }
    }

    /// A plain table: one header line per service (with its worst state), one aligned line per object.
    public func table() -> String {
        let rows = services.map { s in
            s.objects.map { o in
                [
                    "\(o.ref.groupKind)/\(o.ref.name)", o.ref.namespace.isEmpty ? "-" : o.ref.namespace,
                    o.health.state.rawValue, o.health.message,
                ]
            }
        }
        var widths = [0, 0, 0]
        for row in rows.joined() {
            for i in 0..<3 { widths[i] = max(widths[i], row[i].count) }
        }
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        var out = ""
        for (service, serviceRows) in zip(services, rows) {
            out += "\(service.name)  \(service.state.rawValue)\n"
            for row in serviceRows {
                let line =
                    "  \(pad(row[0], widths[0]))  \(pad(row[1], widths[1]))  \(pad(row[2], widths[2]))  \(row[3])"
                out += line.trimmingWhitespaceAtEnd + "\n"
            }
        }
        return out
    }

    /// `{"state": …, "services": [{"name", "state", "objects": [{"group","kind","namespace","name","state","message"}]}]}`
    public func json() -> Node {
        .mapping(
            Mapping([
                "state": .string(state.rawValue),
                "services": .sequence(
                    services.map { s in
                        .mapping(
                            Mapping([
                                "name": .string(s.name), "state": .string(s.state.rawValue),
                                "objects": .sequence(
                                    s.objects.map { o in
                                        .mapping(
                                            Mapping([
                                                "group": .string(o.ref.group), "kind": .string(o.ref.kind),
                                                "namespace": .string(o.ref.namespace), "name": .string(o.ref.name),
                                                "state": .string(o.health.state.rawValue),
                                                "message": .string(o.health.message),
                                            ]))
                                    }),
                            ]))
                    }),
            ]))
    }
}

/// Reads the live state of a desired set (one LIST per kind) and judges each object's health.
public struct HealthChecker: Sendable {
    public let detector: DriftDetector

    public init(detector: DriftDetector) {
        self.detector = detector
    }

    /// - Parameter observed: live objects read moments ago (a sync's drift check); listed anew when nil.
    public func report(_ objects: [DesiredObject], observed: DriftDetector.LiveObjects? = nil) async throws(SyncError)
        -> HealthReport
    {
        let resolved = try await detector.resolve(objects)
        let resources = Set(resolved.compactMap(\.resource))
        let endpointsResource = APIResource(
            group: "", version: "v1", kind: "Endpoints", name: "endpoints", namespaced: true)
        let hasServices = resolved.contains { $0.ref.kind == "Service" && $0.ref.group.isEmpty }
        var live: DriftDetector.LiveObjects
        if let observed {
            live = observed
            // Objects created since (a first sync) are absent from it: kinds with many such are listed again.
            var absent: [APIResource: Int] = [:]
            for object in resolved {
                guard let resource = object.resource, observed[resource]?[DriftDetector.key(object.ref)] == nil
                else { continue }
                absent[resource, default: 0] += 1
            }
            let stale = absent.filter { $0.value > DriftDetector.listInsteadOfGetThreshold }.keys
            if !stale.isEmpty { live.merge(try await detector.listLive(Set(stale))) { _, listed in listed } }
        } else {
            live = try await detector.listLive(resources)
        }
        var endpoints: [String: Node] = [:]
        if hasServices {
            do {
                for e in try await detector.api.list(endpointsResource, namespace: nil, labelSelector: nil) {
                    endpoints[DriftDetector.key(e)] = e
                }
            } catch {
                throw SyncError("listing Endpoints for Service health: \(error)")
            }
        }
        var out: [HealthReport.Object] = []
        for object in resolved {
            let service =
                object.built["metadata", "labels", HealthReport.serviceLabel]?.scalarText ?? HealthReport.noService
            let key = DriftDetector.key(object.ref)
            var found = object.resource.flatMap { live[$0]?[key] }
            if found == nil, let resource = object.resource {
                found = try? await detector.api.get(resource, namespace: object.ref.namespace, name: object.ref.name)
                if let found { live[resource, default: [:]][key] = found }
            }
            let health: Health
            if let found {
                if object.ref.kind == "Service", object.ref.group.isEmpty {
                    health = HealthCheck.service(found, endpoints: endpoints[key])
                } else {
                    health = HealthCheck.evaluate(found)
                }
            } else {
                health = Health(.missing, "not in the cluster; run dlsync sync")
            }
            out.append(.init(ref: object.ref, service: service, health: health))
        }
        return HealthReport(objects: out)
    }
}

extension String {
    var trimmingWhitespaceAtEnd: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
