import Overlays
import Testing

/// The recommended labels (app.kubernetes.io/*) on every object.
@Suite struct LabelTests {
    @Test(arguments: Platform.workloadTargets)
    func everyObjectHasTheRecommendedLabels(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for object in env.resources {
            let labels = object.labels
            for label in ["app.kubernetes.io/name", "app.kubernetes.io/component"] where (labels[label] ?? "").isEmpty {
                violations.append("\(object.described): no \(label)")
            }
            if labels["app.kubernetes.io/part-of"] != "datalyptica" {
                violations.append("\(object.described): app.kubernetes.io/part-of is not datalyptica")
            }
        }
        expectNoViolations(violations, "objects without the recommended labels")
    }

    /// Pods carry their workload's name and component too, so that Services and budgets can select them.
    @Test(arguments: Platform.workloadTargets)
    func everyPodTemplateHasTheWorkloadsNameAndComponent(_ name: String) throws {
        let env = try Platform.built(name)
        var violations: [String] = []
        for w in env.workloads {
            for label in ["app.kubernetes.io/name", "app.kubernetes.io/component"]
            where w.podLabels[label] != w.resource.labels[label] {
                violations.append("\(w.description): pod template \(label) '\(w.podLabels[label] ?? "")'")
            }
        }
        expectNoViolations(violations, "pod templates without their workload's labels")
    }
}
