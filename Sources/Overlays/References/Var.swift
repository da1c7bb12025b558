/// One `vars:` entry: `$(NAME)` in the varReference fields becomes the value at `fieldPath`
/// (default `metadata.name`) of the object `objRef` names (by its name before any rename).
public struct Var: Sendable, Equatable {
    /// kustomize's types.Target: an apiVersion that, once defaulted, overrides group and version.
    public struct Target: Sendable, Equatable {
        public var apiVersion: String
        public var gvk: GroupVersionKind
        public var name: String
        public var namespace: String

        public init(apiVersion: String = "", gvk: GroupVersionKind, name: String, namespace: String = "") {
            self.apiVersion = apiVersion
            self.gvk = gvk
            self.name = name
            self.namespace = namespace
        }

        /// kustomize's `Target.GVK()`, which also stores the result.
        mutating func resolveGVK() -> GroupVersionKind {
            guard !apiVersion.isEmpty else { return gvk }
            let parts = apiVersion.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2 {
                gvk.group = parts[0]
                gvk.version = parts[1]
            } else if parts.count == 1 {
                gvk.version = parts[0]
            }
            return gvk
        }
    }

    public static let defaultFieldPath = "metadata.name"

    public var name: String
    public var objRef: Target
    /// Empty until defaulted.
    public var fieldPath: String

    public init(name: String, objRef: Target, fieldPath: String = "") {
        self.name = name
        self.objRef = objRef
        self.fieldPath = fieldPath
    }

    /// Reads one `vars:` entry of a kustomization; unknown keys and wrong types are errors (the
    /// caller adds kustomize's `invalid Kustomization: `).
    public init(node: Node, file: String) throws(BuildError) {
        let object = try StrictObject(
            node, known: ["name", "objref", "fieldref"], structName: "Var", path: "vars", context: .kustomization)
        name = try object.string("name")
        let ref = try object.object(
            "objref", known: ["apiVersion", "group", "version", "kind", "name", "namespace"], structName: "Target")
        objRef = Target(
            apiVersion: try ref?.string("apiVersion") ?? "",
            gvk: GroupVersionKind(
                group: try ref?.string("group") ?? "", version: try ref?.string("version") ?? "",
                kind: try ref?.string("kind") ?? ""),
            name: try ref?.string("name") ?? "", namespace: try ref?.string("namespace") ?? "")
        let field = try object.object("fieldref", known: ["fieldPath"], structName: "FieldSelector")
        fieldPath = try field?.string("fieldPath") ?? ""
    }

    /// kustomize's `Defaulting`: the default field path and the apiVersion split into the type.
    public func defaulted() -> Var {
        var v = self
        if v.fieldPath.isEmpty { v.fieldPath = Self.defaultFieldPath }
        _ = v.objRef.resolveGVK()
        return v
    }

    /// How kustomize prints a var with `%v`: `{SVC Service.v1.[noGrp] {metadata.name}}`.
    public var goDescription: String {
        "{\(name) \(objRef.gvk) {\(fieldPath)}}"
    }

    /// How kustomize prints a list of vars with `%v`.
    public static func goDescription(of vars: [Var]) -> String {
        "[" + vars.map(\.goDescription).joined(separator: " ") + "]"
    }
}

/// The vars known to a build, by name (kustomize's VarSet); each is stored defaulted.
public struct VarSet: Sendable, Equatable {
    public private(set) var byName: [String: Var] = [:]

    public init() {}

    public var isEmpty: Bool { byName.isEmpty }

    /// The vars sorted by name, as kustomize lists them.
    public var sorted: [Var] { byName.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) } }

    /// Adds vars; a name already present is an error.
    public mutating func merge(_ vars: [Var]) throws(BuildError) {
        for v in vars {
            if byName[v.name] != nil { throw BuildError("var '\(v.name)' already encountered") }
            byName[v.name] = v.defaulted()
        }
    }

    /// Adds the vars of a base (kustomize's MergeSet; a name in both is an error).
    public mutating func merge(_ other: VarSet) throws(BuildError) {
        try merge(other.sorted)
    }
}
