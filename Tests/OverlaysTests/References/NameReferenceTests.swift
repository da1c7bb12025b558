import Testing

@testable import Overlays

/// Corpus `name-references/*`: renames are simulated, then references are fixed with the built-in config.
@Suite struct NameReferenceTests {
    let config = TransformerConfig.builtin

    private func run(
        _ caseName: String, files: [String] = ["all.yaml"], rename: (inout ResourceMap) -> Void
    ) throws {
        let directory = "name-references/\(caseName)"
        var map = ResourceMap()
        for file in files {
            for node in try RefFixtures.documents(RefFixtures.caseText("\(directory)/input/\(file)")) {
                try map.append(Resource(node: node))
            }
        }
        rename(&map)
        try NameReferences.fix(&map, config: config)
        expectSameObjects(map, try RefFixtures.caseExpected(directory))
    }

    @Test func apiServiceFollowsServicePrefix() throws {
        try run("apiservice-service-reference") { Renames.prefix(&$0, "m-") }
    }

    @Test func roleRefToClusterRoleFollowsPrefix() throws {
        try run("clusterrolebinding-roleref-clusterrole", files: ["rbac.yaml"]) { Renames.prefix(&$0, "team-") }
    }

    @Test func referenceResolvesInsideItsNamespace() throws {
        try run("configmap-references-across-namespaces") {
            Renames.rename(&$0, kind: "ConfigMap", from: "cfg", to: "cfg-a", namespace: "a")
        }
    }

    @Test func hashedConfigMapFollowedInCronJob() throws {
        try run("hashed-configmap-in-cronjob-and-init-container", files: ["cronjob.yaml"]) { map in
            try? map.append(
                Resource(node: .mapping(Mapping([
                    "apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                    "metadata": .mapping(Mapping(["name": .string("job-config")])),
                    "data": .mapping(Mapping(["A": .string("1")])),
                ]))))
            Renames.rename(&map, kind: "ConfigMap", from: "job-config", to: "job-config-89g4tffbfk")
        }
    }

    @Test func imagePullSecretsFollowHashButServiceAccountSecretsDoNot() throws {
        try run("hashed-secret-in-service-account-pull-secrets-not-secrets", files: ["sa.yaml"]) { map in
            try? map.append(
                Resource(node: .mapping(Mapping([
                    "apiVersion": .string("v1"), "kind": .string("Secret"),
                    "metadata": .mapping(Mapping(["name": .string("pull")])),
                    "type": .string("kubernetes.io/dockerconfigjson"),
                    "data": .mapping(Mapping([".dockerconfigjson": .string("e30=")])),
                ]))))
            Renames.rename(&map, kind: "Secret", from: "pull", to: "pull-9fdfh69d2f")
        }
    }

    @Test func hpaScaleTargetFollowsSuffix() throws {
        try run("hpa-scale-target-ref") { Renames.suffix(&$0, "-canary") }
    }

    @Test func hpaScaleTargetUsesOnlyTheNamedKind() throws {
        try run("hpa-scale-target-ref-kind-mismatch") {
            Renames.rename(&$0, kind: "StatefulSet", from: "web", to: "web-sts-renamed")
        }
    }

    @Test func ingressBackendsAndTLSSecretFollowRenames() throws {
        try run("ingress-backend-and-tls-secret") { map in
            try? map.append(
                Resource(node: .mapping(Mapping([
                    "apiVersion": .string("v1"), "kind": .string("Secret"),
                    "metadata": .mapping(Mapping(["name": .string("tls")])),
                    "type": .string("kubernetes.io/tls"),
                    "data": .mapping(Mapping(["tls.crt": .string("Q0VSVA=="), "tls.key": .string("S0VZ")])),
                ]))))
            Renames.prefix(&map, "web-")
            Renames.rename(&map, kind: "Secret", from: "web-tls", to: "web-tls-4b255hm948")
        }
    }

    @Test func networkPolicyHoldsNoReferences() throws {
        try run("network-policy-not-name-reference", files: ["np.yaml"]) { Renames.prefix(&$0, "np-") }
    }

    @Test func podDisruptionBudgetHoldsNoReferences() throws {
        try run("pdb-not-referencing-by-name") { Renames.prefix(&$0, "p-") }
    }

    @Test func priorityClassNameFollowsPrefix() throws {
        try run("priority-class-name") { Renames.prefix(&$0, "x-") }
    }

    @Test func projectedVolumeSourcesFollowSuffix() throws {
        try run("projected-volume-configmap-and-secret") { Renames.suffix(&$0, "-x") }
    }

    @Test func persistentVolumeNameInClaimFollowsSuffix() throws {
        try run("pv-volume-name-in-pvc") { Renames.suffix(&$0, "-1") }
    }

    @Test func claimNameInVolumeFollowsPrefix() throws {
        try run("pvc-claim-name-in-volume") { Renames.prefix(&$0, "prod-") }
    }

    @Test func roleBindingSubjectsAreRenamedWhateverTheirKind() throws {
        try run("rolebinding-roleref-and-subjects-user-subject-also-renamed", files: ["rbac.yaml"]) {
            Renames.prefix(&$0, "team-")
            Renames.suffix(&$0, "-v1")
        }
    }

    @Test func serviceAccountNameFollowsButDeprecatedFieldDoesNot() throws {
        try run("service-account-name-in-deployment-and-pod") { Renames.prefix(&$0, "p-") }
    }

    @Test func plainEnvValueIsNotAReference() throws {
        try run("service-referenced-by-name-in-env-is-not-updated") { Renames.prefix(&$0, "p-") }
    }

    @Test func statefulSetServiceNameFollowsPrefix() throws {
        try run("statefulset-service-name") { Renames.prefix(&$0, "prod-") }
    }

    @Test func storageClassNameFollowsPrefix() throws {
        try run("storageclass-in-pvc") { Renames.prefix(&$0, "x-") }
    }

    @Test func webhookServiceReferenceFollowsPrefix() throws {
        try run("validating-webhook-service-reference") { Renames.prefix(&$0, "sys-") }
    }
}
