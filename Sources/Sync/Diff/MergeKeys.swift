import Overlays

/// How the items of a list are matched between desired and live objects: by merge key (the Kubernetes
/// list-map keys: containers by `name`, ports by `containerPort`+`protocol`, …) or by position (atomic lists).
enum MergeKeys {
    /// A key field and the value the server fills in when it is absent.
    struct KeyField {
        var name: String
        var defaultValue: Node?
    }

    static let byName: Set<String> = [
        "containers", "initContainers", "ephemeralContainers", "volumes", "env", "imagePullSecrets",
        "volumeClaimTemplates",
    ]

    /// The key fields of a list called `field`, judged from its first item; nil for atomic lists.
    static func keys(forList field: String, sample: Node?) -> [KeyField]? {
        if byName.contains(field) {
            return field == "volumeClaimTemplates" ? nil : [KeyField(name: "name")]
        }
        switch field {
        case "ports":
            let tcp = Node.string("TCP")
            if sample?["containerPort"] != nil {
                return [KeyField(name: "containerPort"), KeyField(name: "protocol", defaultValue: tcp)]
            }
            if sample?["port"] != nil {
                return [KeyField(name: "port"), KeyField(name: "protocol", defaultValue: tcp)]
            }
            return nil
        case "volumeMounts": return [KeyField(name: "mountPath")]
        case "volumeDevices": return [KeyField(name: "devicePath")]
        case "hostAliases": return [KeyField(name: "ip")]
        case "topologySpreadConstraints":
            return [KeyField(name: "topologyKey"), KeyField(name: "whenUnsatisfiable")]
        case "conditions": return [KeyField(name: "type")]
        default: return nil
        }
    }

    /// Whether `candidate` is the item `item` names by its key fields (defaults fill absent keys).
    static func matches(_ item: Node, _ candidate: Node, keys: [KeyField]) -> Bool {
        for key in keys {
            let a = item[key.name] ?? key.defaultValue
            let b = candidate[key.name] ?? key.defaultValue
            if a == nil && b == nil { continue }
            guard let a, let b, ScalarComparison.equal(a, b) else { return false }
        }
        return true
    }
}
