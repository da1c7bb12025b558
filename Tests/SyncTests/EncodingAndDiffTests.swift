import Foundation
import Overlays
import Testing

@testable import Sync

@Suite struct EncodingAndDiffTests {
    @Test func jsonRoundTripKeepsIntsFloatsAndOrder() throws {
        let text = #"{"b":1,"a":1.5,"c":[true,null,"x\"\n\u00e9"],"d":{},"big":18446744073709551615,"e":1e3}"#
        let node = try JSONDecoding.decode(text)
        #expect(node.mapping?.keys == ["b", "a", "c", "d", "big", "e"])
        #expect(node["b"] == .int(1))
        #expect(node["a"] == .float(1.5))
        #expect(node["big"] == .uint(UInt64.max))
        #expect(node["e"] == .float(1000))
        #expect(node["c"]?.sequence?[2] == .string("x\"\né"))
        // Integral floats print as Go prints them (`1000`), so compare without that one.
        var rest = node
        rest.set(nil, at: ["e"])
        #expect(try JSONDecoding.decode(JSONEncoding.encode(rest)) == rest)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc"])
    func invalidJSONIsAnError(text: String) {
        #expect(throws: JSONDecodingError.self) { try JSONDecoding.decode(text) }
    }

    @Test func unifiedDiffHunks() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        let diff = UnifiedDiff.diff(old: old, new: new, oldName: "a", newName: "b")
        #expect(
            diff == """
                --- a
                +++ b
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8

                """)
        #expect(UnifiedDiff.diff(old: old, new: old, oldName: "a", newName: "b") == "")
        #expect(UnifiedDiff.diff(old: "", new: "x\n", oldName: "a", newName: "b").contains("@@ -0,0 +1,1 @@\n+x"))
        #expect(
            UnifiedDiff.diff(old: old, new: new, oldName: "a", newName: "b", color: true).contains("\u{1B}[31m-line 5"))
    }
}
