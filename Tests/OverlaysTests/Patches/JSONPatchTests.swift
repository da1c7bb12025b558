import Testing

@testable import Overlays

private func patch(_ ops: String, _ doc: String = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\nl: [p, q]\n") throws -> String {
    let o = try YAMLParser.documents(ops, file: "ops")[0]
    let d = try YAMLParser.documents(doc, file: "doc")[0]
    return try YAMLEmitter.document(try JSONPatch.apply(o, to: d))
}

@Test func addAppendsWithDash() throws {
    #expect(try patch(#"[{"op": "add", "path": "/l/-", "value": z}]"#).contains("l:\n- p\n- q\n- z\n"))
}

@Test func addNegativeIndexCountsFromEnd() throws {
    #expect(try patch(#"[{"op": "add", "path": "/l/-1", "value": z}]"#).contains("l:\n- p\n- q\n- z\n"))
}

@Test func replaceOfMissingMapKeyAddsIt() throws {
    #expect(try patch(#"[{"op": "replace", "path": "/data/new", "value": 1}]"#).contains("new: 1"))
}

@Test func pointerEscapesDecode() throws {
    #expect(try patch(#"[{"op": "add", "path": "/data/a~1b~0c", "value": v}]"#).contains("a/b~c: v"))
}

@Test func missingParentIsAnError() throws {
    #expect(throws: BuildError("replace operation does not apply: doc is missing path: /data/x/y: missing value")) {
        try patch(#"[{"op": "replace", "path": "/data/x/y", "value": 1}]"#)
    }
}

@Test func removeMissingKeyIsAnError() throws {
    #expect(throws: BuildError("error in remove for path: '/data/zz': Unable to remove nonexistent key: zz: missing value")) {
        try patch(#"[{"op": "remove", "path": "/data/zz"}]"#)
    }
}

@Test func indexOutOfRangeIsAnError() throws {
    #expect(throws: BuildError("error in add for path: '/l/5': Unable to access invalid index: 5: invalid index referenced")) {
        try patch(#"[{"op": "add", "path": "/l/5", "value": 1}]"#)
    }
}

@Test func failedTestStopsThePatch() throws {
    #expect(throws: BuildError("testing value /data/a failed: test failed")) {
        try patch(#"[{"op": "test", "path": "/data/a", "value": c}, {"op": "remove", "path": "/data/a"}]"#)
    }
}

@Test func unknownOpIsAnError() throws {
    #expect(throws: BuildError("Unexpected kind: upsert")) { try patch(#"[{"op": "upsert", "path": "/a"}]"#) }
}

@Test func moveAndCopy() throws {
    let out = try patch(#"[{"op": "copy", "from": "/data/a", "path": "/data/c"}, {"op": "move", "from": "/data/a", "path": "/data/m"}]"#)
    #expect(out.contains("data:\n  c: b\n  m: b\n"))
}

@Test func numbersComeBackThroughFloat64() throws {
    let out = try patch(#"[{"op": "add", "path": "/num", "value": 1.50}]"#, "apiVersion: v1\nkind: X\nmetadata: {name: c}\nbig: 18446744073709551615\n")
    #expect(out.contains("big: 1.8446744073709552e+19"))
    #expect(out.contains("num: 1.5"))
}

@Test func emptyListIsBothKindsOfPatch() {
    #expect(throws: BuildError(#"illegally qualifies as both an SM and JSON patch: [patch: "[]"]"#)) {
        try PatchKind.detect("[]", source: PatchKind.source(patch: "[]"))
    }
}

@Test func patchKindDetection() throws {
    #expect(try PatchKind.detect("- op: add\n  path: /a\n  value: 1", source: "") == .json6902)
    #expect(try PatchKind.detect("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}", source: "") == .strategicMerge)
    #expect(throws: BuildError("unable to parse SM or JSON patch from [patch: \"just a string\"]")) {
        try PatchKind.detect("just a string", source: PatchKind.source(patch: "just a string"))
    }
}
