import Testing

@testable import Overlays

/// Merges YAML texts with the built-in schema and returns kustomize-style YAML (nil: deleted).
private func merge(_ target: String, _ patch: String, schema: MergeSchema = .builtin) throws -> String? {
    let t = try YAMLParser.documents(target, file: "target")[0]
    let p = try YAMLParser.documents(patch, file: "patch")[0]
    return try StrategicMerge.apply(patch: p, to: t, schema: schema).map { try YAMLEmitter.document($0) }
}

private let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        spec:
          containers:
          - {name: web, image: nginx, args: [--a, --b], env: [{name: A, value: "1"}, {name: B, value: "2"}]}
          - {name: side, image: envoy}

    """

private func deploymentPatch(_ spec: String) -> String {
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n" + spec
}

@Test func containersMergeByName() throws {
    let out = try #require(try merge(deployment, deploymentPatch("      containers: [{name: side, image: envoy:2}]")))
    #expect(out.contains("- image: envoy:2\n        name: side\n      - args:"))
}

@Test func newContainerIsPrepended() throws {
    let out = try #require(try merge(deployment, deploymentPatch("      containers: [{name: log, image: fluent}]")))
    #expect(out.contains("containers:\n      - image: fluent\n        name: log\n      - args:"))
}

@Test func envMergesByNamePatchedFirst() throws {
    let out = try #require(
        try merge(deployment, deploymentPatch("      containers: [{name: web, env: [{name: B, value: x}]}]")))
    #expect(out.contains("env:\n        - name: B\n          value: x\n        - name: A\n          value: \"1\""))
}

@Test func argsListIsReplaced() throws {
    let out = try #require(try merge(deployment, deploymentPatch("      containers: [{name: web, args: [--c]}]")))
    #expect(out.contains("args:\n        - --c\n        env:"))
}

@Test func nullDeletesField() throws {
    let out = try #require(try merge(deployment, deploymentPatch("      containers: [{name: web, args: null}]")))
    #expect(!out.contains("--a"))
}

@Test func deleteDirectiveRemovesListItem() throws {
    let out = try #require(
        try merge(deployment, deploymentPatch("      containers: [{name: side, $patch: delete}]")))
    #expect(!out.contains("side"))
}

@Test func replaceDirectiveOnListReplacesIt() throws {
    let out = try #require(
        try merge(deployment, deploymentPatch("      containers: [{$patch: replace}, {name: only, image: x}]")))
    #expect(out.contains("containers:\n      - image: x\n        name: only\n"))
    #expect(!out.contains("nginx"))
}

@Test func replaceDirectiveOnListItemIsUndone() throws {
    // kyaml re-adds the target's own item after merging, so the replacement is lost.
    let out = try #require(
        try merge(deployment, deploymentPatch("      containers: [{name: web, $patch: replace, image: other}]")))
    #expect(out.contains("image: nginx"))
    #expect(!out.contains("other"))
}

@Test func deleteDirectiveOnMapRemovesIt() throws {
    let target = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"
    let out = try #require(try merge(target, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {$patch: delete}\n"))
    #expect(!out.contains("\ndata"))
}

@Test func topLevelDeleteDirectiveDeletesObject() throws {
    let target = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"
    #expect(try merge(target, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n$patch: delete\n") == nil)
}

@Test func unknownDirectiveIsAnError() throws {
    let target = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"
    #expect(throws: BuildError("unknown patch strategy 'bogus'")) {
        try merge(target, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {$patch: bogus}\n")
    }
}

@Test func retainKeysIsCopiedVerbatim() throws {
    let target = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"
    let out = try #require(try merge(target, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {$retainKeys: [a]}\n"))
    #expect(out.contains("$retainKeys:\n  - a\n  a: b"))
}

@Test func finalizersAreAUnionPatchFirst() throws {
    let target = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: [a, b, c]}\n"
    let out = try #require(try merge(target, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: [d, b]}\n"))
    #expect(out.contains("finalizers:\n  - d\n  - b\n  - a\n  - c\n"))
}

@Test func portsMatchByPortAndProtocol() throws {
    let target = deploymentPatch(
        "      containers:\n      - name: web\n        ports: [{containerPort: 80, protocol: TCP, name: t}, {containerPort: 80, protocol: UDP, name: u}]\n")
    let out = try #require(
        try merge(target, deploymentPatch("      containers: [{name: web, ports: [{containerPort: 80, protocol: UDP, name: x}, {containerPort: 90}]}]")))
    #expect(out.contains("- containerPort: 90\n        - containerPort: 80\n          name: t\n          protocol: TCP\n        - containerPort: 80\n          name: x\n          protocol: UDP"))
}

@Test func customResourceListsAreReplaced() throws {
    let target = "apiVersion: x.io/v1\nkind: W\nmetadata: {name: w}\nspec: {items: [{name: a}, {name: b}], m: {a: 1}}\n"
    let out = try #require(try merge(target, "apiVersion: x.io/v1\nkind: W\nmetadata: {name: w}\nspec: {items: [{name: b, v: 2}], m: {b: 2}}\n"))
    #expect(out.contains("items:\n  - name: b\n    v: 2\n  m:\n    a: 1\n    b: 2"))
}

@Test func embeddedBuiltinObjectInCustomResourceUsesItsSchema() throws {
    let target = "apiVersion: x.io/v1\nkind: W\nmetadata: {name: w}\nspec: {apiVersion: v1, kind: ConfigMap, metadata: {name: n, finalizers: [a]}}\n"
    let out = try #require(try merge(target, "apiVersion: x.io/v1\nkind: W\nmetadata: {name: w}\nspec: {metadata: {finalizers: [b]}}\n"))
    #expect(out.contains("finalizers:\n    - b\n    - a"))
}

@Test func customSchemaGivesMergeKey() throws {
    let schemaDoc = try YAMLParser.documents("""
        definitions:
          w:
            x-kubernetes-group-version-kind: [{group: x.io, version: v1, kind: W}]
            properties:
              spec:
                properties:
                  items: {type: array, x-kubernetes-patch-strategy: merge, x-kubernetes-patch-merge-key: name}
        """, file: "schema")[0]
    let target = "apiVersion: x.io/v1\nkind: W\nmetadata: {name: w}\nspec: {items: [{name: a}, {name: b}]}\n"
    let out = try #require(
        try merge(target, "apiVersion: x.io/v1\nkind: W\nmetadata: {name: w}\nspec: {items: [{name: b, v: 2}]}\n",
            schema: MergeSchema(openAPIDocument: schemaDoc)))
    #expect(out.contains("items:\n  - name: b\n    v: 2\n  - name: a\n"))
}

@Test func customSchemaReplacesBuiltinOne() throws {
    let custom = MergeSchema(openAPIDocument: .mapping(Mapping(["definitions": .mapping(Mapping())])))
    let out = try #require(try merge(deployment, deploymentPatch("      containers: [{name: log, image: fluent}]"), schema: custom))
    #expect(!out.contains("nginx"))
}

@Test func kindClashIsAnError() throws {
    let target = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"
    #expect(throws: BuildError.self) {
        try merge(target, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: [1]\n")
    }
}

@Test func builtinSchemaKnowsWorkloadLists() {
    let schema = MergeSchema.builtin
    let deploymentField = schema.resource(apiVersion: "apps/v1", kind: "Deployment")
    let path = ["spec", "template", "spec", "containers"]
    var field = deploymentField
    for key in path { field = field.flatMap { schema.child(of: $0, key) } }
    #expect(field?.isMergeList == true)
    #expect(field?.keys == ["name"])
    let ports = field.flatMap { schema.elements(of: $0) }.flatMap { schema.child(of: $0, "ports") }
    #expect(ports?.keys == ["containerPort", "protocol"])
    #expect(schema.resource(apiVersion: "example.com/v1", kind: "Widget") == nil)
}
