import Overlays
import Testing

/// The synchroniser the platform deploys (base/management/gitops) may write every kind the platform
/// contains, and its ClusterRole names no kind that no environment contains.
@Suite struct SyncRBACTests {
    static let clusterRole = "datalyptica-dlsync"
    static let syncVerbs: Set<String> = ["get", "list", "watch", "create", "patch", "delete"]

    /// `group/resource` as RBAC rules name an object's kind (`apps/deployments`, `/namespaces`).
    static func apiResource(_ r: Resource) -> String {
        let group = r.apiVersion.contains("/") ? String(r.apiVersion.split(separator: "/")[0]) : ""
        let kind = r.kind.lowercased()
        let plural: String
        if kind.hasSuffix("constraints") {
            plural = kind
        } else if kind.hasSuffix("y") {
            plural = kind.dropLast() + "ies"
        } else if kind.hasSuffix("s") {
            plural = kind + "es"
        } else {
            plural = kind + "s"
        }
        return "\(group)/\(plural)"
    }

    /// Every `group/resource` a ClusterRole grants all of `verbs` on.
    static func granted(by role: Resource, _ verbs: Set<String>) -> Set<String> {
        var out: Set<String> = []
        for rule in role.node["rules"]?.items ?? [] {
            let ruleVerbs = Set((rule["verbs"]?.items ?? []).compactMap(\.scalarText))
            guard verbs.isSubset(of: ruleVerbs) else { continue }
            for group in (rule["apiGroups"]?.items ?? []).compactMap(\.scalarText) {
                for resource in (rule["resources"]?.items ?? []).compactMap(\.scalarText) {
                    out.insert("\(group)/\(resource)")
                }
            }
        }
        return out
    }

    static func role(_ env: BuiltEnvironment) throws -> Resource {
        try #require(env.object("ClusterRole", "", clusterRole), "\(env.name): ClusterRole \(clusterRole) is missing")
    }

    @Test(arguments: Platform.environments)
    func theSynchroniserMayWriteEveryKindOfTheBuild(_ name: String) throws {
        let env = try Platform.built(name)
        let granted = Self.granted(by: try Self.role(env), Self.syncVerbs)
        let missing = Set(env.resources.map(Self.apiResource)).subtracting(granted).sorted()
        expectNoViolations(
            missing, "kinds of the build that \(Self.clusterRole) may not get/list/watch/create/patch/delete")
    }

    /// The platform's own roles grant what dlsync does not hold (nodes/proxy, pods/log, `use` of SCCs):
    /// writing them and their bindings needs `escalate` and `bind`.
    @Test(arguments: Platform.environments)
    func theSynchroniserMayWriteThePlatformsRBAC(_ name: String) throws {
        let env = try Platform.built(name)
        let role = try Self.role(env)
        for verb in ["bind", "escalate"] {
            let granted = Self.granted(by: role, [verb])
            #expect(
                granted.isSuperset(of: ["rbac.authorization.k8s.io/roles", "rbac.authorization.k8s.io/clusterroles"]),
                "\(verb) on roles and clusterroles")
        }
    }

    /// Least privilege: every resource of the ClusterRole (subresources aside) is in some environment.
    @Test func theSynchroniserHoldsNoRuleForAKindNoEnvironmentContains() throws {
        var contained: Set<String> = []
        for name in Platform.environments {
            contained.formUnion(try Platform.built(name).resources.map(Self.apiResource))
        }
        let role = try Self.role(try Platform.built("prod"))
        let isSubresource = { (id: String) in id.split(separator: "/", omittingEmptySubsequences: false).count > 2 }
        let extra = Self.granted(by: role, []).filter { !isSubresource($0) }.subtracting(contained).sorted()
        expectNoViolations(extra, "resources \(Self.clusterRole) names that no environment contains")
    }
}
