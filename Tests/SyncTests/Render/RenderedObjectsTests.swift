import Overlays
import Sync
import Testing

@Suite struct RenderedObjectsTests {
    private func resource(_ yaml: String) throws -> Resource {
        Resource(node: try #require(try YAMLParser.documents(yaml, file: "test.yaml").first))
    }

    @Test func namespacedObjectGoesUnderItsNamespaceWithLowerCaseKind() throws {
        let object = try resource(
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: Trino\n  namespace: data\n")
        #expect(try RenderedObjects.paths(for: [object]).map(\.path) == ["data/statefulset-Trino.yaml"])
    }

    @Test func clusterScopedAndNamespacelessObjectsGoUnderCluster() throws {
        let namespace = try resource("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: data\n")
        let issuer = try resource("apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: ca\n")
        #expect(
            try RenderedObjects.paths(for: [namespace, issuer]).map(\.path)
                == ["_cluster/namespace-data.yaml", "_cluster/clusterissuer-ca.yaml"])
    }

    @Test func sameKindAndNameInTwoGroupsAreQualifiedByGroup() throws {
        let first = try resource(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: a\n")
        let second = try resource(
            "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: a\n")
        #expect(
            try RenderedObjects.paths(for: [first, second]).map(\.path)
                == ["a/ingress.networking.k8s.io-web.yaml", "a/ingress.extensions-web.yaml"])
    }

    @Test func slashInANameNeverMakesADirectory() throws {
        let object = try resource("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a/b\n  namespace: x\n")
        #expect(try RenderedObjects.paths(for: [object]).map(\.path) == ["x/configmap-a_b.yaml"])
    }

    @Test func secretLosesValuesButKeepsMetadataAndType() throws {
        let secret = try resource(
            """
            apiVersion: v1
            kind: Secret
            metadata:
              name: s
              annotations:
                dlsync.io/generate: password
                kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"c2VjcmV0"}}'
            type: Opaque
            immutable: true
            data:
              password: c2VjcmV0
            stringData:
              token: plain
            """)
        let safe = secret.withoutSecretValues
        #expect(safe.node["data"] == nil)
        #expect(safe.node["stringData"] == nil)
        #expect(safe.annotations == ["dlsync.io/generate": "password"])
        #expect(safe.node["type"] == .string("Opaque"))
        #expect(safe.node["immutable"] == .bool(true))
    }

    @Test func objectsOtherThanSecretsAreWrittenUnchanged() throws {
        let config = try resource("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n")
        #expect(config.withoutSecretValues == config)
    }
}

@Suite struct GitLocationTests {
    @Test(
        arguments: [
            ("/srv/rendered.git@rendered/dev", "/srv/rendered.git", "rendered/dev", false),
            ("git@github.com:org/rendered.git@rendered/prod", "git@github.com:org/rendered.git", "rendered/prod", true),
            ("git@github.com:org/rendered.git", "git@github.com:org/rendered.git", nil, true),
            ("https://git.example.com/r.git@main", "https://git.example.com/r.git", "main", true),
            ("../rendered", "../rendered", nil, false),
        ] as [(String, String, String?, Bool)])
    func parsesRepositoryAndBranch(text: String, repository: String, branch: String?, remote: Bool) {
        let location = GitLocation.parse(text)
        #expect(location.repository.description == repository)
        #expect(location.branch == branch)
        #expect(location.repository.isRemote == remote)
    }
}
