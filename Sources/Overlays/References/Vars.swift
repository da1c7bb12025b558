/// kustomize's legacy `vars:`: each kustomization registers its vars against the objects they name
/// (`register`, kustomize's MergeVars), and once, at the top of the build after name references
/// are fixed, every var is resolved and substituted into the varReference fields (`resolve`).
public enum Vars {
    /// Tags the object each var's objref names (by any id it ever had) and adds the vars to `set`.
    /// Errors carry kustomize's `merging vars [...]` context.
    public static func register(_ vars: [Var], in map: inout ResourceMap, set: inout VarSet) throws(BuildError) {
        do throws(BuildError) {
            for raw in vars {
                var v = raw
                let gvk = v.objRef.resolveGVK()
                let target = ResourceId(gvk: gvk, name: v.objRef.name, namespace: v.objRef.namespace)
                let exactNamespace = !target.namespace.isEmpty || gvk.isClusterScoped
                let matched = map.indices.filter { i in
                    let resource = map[i]
                    let current = resource.gvk
                    let ids = resource.previousIds.map { old in
                        ResourceId(
                            gvk: GroupVersionKind(group: current.group, version: current.version, kind: old.gvk.kind),
                            name: old.name, namespace: old.namespace)
                    } + [resource.id]
                    return ids.contains { id in
                        id.gvk == target.gvk && id.name == target.name
                            && (!exactNamespace || id.effectiveNamespace == target.effectiveNamespace)
                    }
                }
                if matched.count > 1 {
                    throw BuildError(
                        "found \(matched.count) resId matches for var \(v.goDescription) (unable to disambiguate)")
                }
                if let only = matched.first { map[only].refVarNames.append(v.name) }
            }
            try set.merge(vars)
        } catch {
            throw error.wrapped("merging vars \(Var.goDescription(of: vars))")
        }
    }

    /// Resolves every var of `set` and substitutes `$(NAME)` in the config's varReference fields.
    /// Returns the names of vars that were never used (kustomize logs them).
    @discardableResult
    public static func resolve(
        _ map: inout ResourceMap, set: VarSet, config: TransformerConfig
    ) throws(BuildError) -> [String] {
        var values: [String: VarValue] = [:]
        for v in set.sorted {
            values[v.name] = try value(of: v, in: map)
        }
        guard !values.isEmpty else { return [] }
        var uses: [String: Int] = [:]
        let lookup: (String) -> VarValue? = { name in
            guard let value = values[name], value != .unsupported else { return nil }
            uses[name, default: 0] += 1
            return value
        }
        for i in map.indices {
            var resource = map[i]
            for spec in config.varReference where spec.applies(to: resource) {
                let id = resource.id
                do {
                    try ReferenceFieldVisitor.visit(&resource.node, path: spec.segments[...]) {
                        (node: inout Node) throws(BuildError) in try substitute(&node, lookup)
                    }
                } catch {
                    throw error.wrapped("considering field '\(spec.path)' of object \(id)")
                }
            }
            map[i] = resource
        }
        return set.sorted.map(\.name).filter { uses[$0] == nil }
    }

    /// The value of a var: the field of the first object tagged with its name.
    static func value(of v: Var, in map: ResourceMap) throws(BuildError) -> VarValue {
        guard let resource = map.resources.first(where: { $0.refVarNames.contains(v.name) }) else {
            throw BuildError("var '\(v.goDescription)' cannot be mapped to a field in the set of known resources")
        }
        let notFound = BuildError("field specified in var '\(v.goDescription)' not found in corresponding resource")
        let path = FieldLookup.convertSliceIndex(FieldLookup.smarterSplit(v.fieldPath, on: "."))
        let found: Node?
        do {
            found = try FieldLookup.lookup(resource.node, path)
        } catch {
            throw notFound
        }
        switch found {
        case nil: throw notFound
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .uint: throw notFound
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .null: return .string("")
        case .sequence, .mapping: return .unsupported
        }
    }

    /// kustomize's refvar filter on one field: a string, the string values of a map, or a list
    /// of strings (anything else in a list is an error).
    static func substitute(_ node: inout Node, _ lookup: (String) -> VarValue?) throws(BuildError) {
        switch node {
        case .string(let s):
            node = expanded(s, lookup)
        case .mapping(var map):
            for entry in map {
                if case .string(let s) = entry.value { map[entry.key] = expanded(s, lookup) }
            }
            node = .mapping(map)
        case .sequence(var items):
            for i in items.indices {
                guard case .string(let s) = items[i] else { throw BuildError("invalid value type expect a string") }
                items[i] = expanded(s, lookup)
            }
            node = .sequence(items)
        default:
            return
        }
    }

    private static func expanded(_ s: String, _ lookup: (String) -> VarValue?) -> Node {
        switch VarExpansion.expand(s, lookup: lookup) {
        case .whole(let node): return node
        case .text(let text): return .string(text)
        }
    }
}
