@testable import Overlays
import Testing

struct GoEncodingTests {
    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func jsonSortsKeysByBytes() throws {
        let node = Node.mapping(Mapping(["b": .int(1), "B": .int(2), "a": .sequence([.bool(true), .null])]))
        #expect(try GoJSON.encode(node) == #"{"B":2,"a":[true,null],"b":1}"#)
    }

    @Test func jsonEscapesControlAndHTMLCharacters() {
        #expect(GoJSON.quote("<a href=\"x\">&</a>") == #""\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e""#)
        #expect(GoJSON.quote("\u{00}\u{1F}\t\n\r\u{08}\u{0C}\u{7F}") == "\"\\u0000\\u001f\\t\\n\\r\\b\\f\u{7F}\"")
        #expect(GoJSON.quote("\u{2028}\u{2029}é🚀") == "\"\\u2028\\u2029é🚀\"")
    }

    @Test func jsonNumbersFollowGo() throws {
        #expect(try GoJSON.encode(.float(1.0)) == "1")
        #expect(try GoJSON.encode(.float(1e21)) == "1e+21")
        #expect(try GoJSON.encode(.float(0.000001)) == "0.000001")
        #expect(try GoJSON.encode(.int(12_345_678_901_234_567)) == "12345678901234567")
        #expect(try GoJSON.encode(.int(12_345_678_901_234_567), numbers: .float64) == "12345678901234568")
        #expect(throws: BuildError("json: unsupported value: NaN")) { try GoJSON.encode(.float(.nan)) }
    }

    @Test func goQuoteEscapesLikeStrconv() {
        #expect(GoSyntax.quote("a\"b\\c") == #""a\"b\\c""#)
        #expect(GoSyntax.quote("\u{07}\u{1B}\u{7F}\u{A0}é\u{10FFFF}") == #""\a\x1b\x7f\u00a0é\U0010ffff""#)
    }

    @Test func resIdPrintsAsGoSyntax() {
        let id = ResourceId(gvk: GroupVersionKind(version: "v1", kind: "ConfigMap"), name: "cfg")
        #expect(
            GoSyntax.resId(id)
                == #"resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"ConfigMap", isClusterScoped:false}, Name:"cfg", Namespace:""}"#
        )
    }

    @Test func base64WrapsAtSeventyCharactersOnceLong() {
        #expect(GeneratedObject.base64(Array("abc".utf8)) == "YWJj")
        let encoded = GeneratedObject.base64([UInt8](repeating: UInt8(ascii: "y"), count: 52))
        #expect(encoded == String(repeating: "eXl5", count: 17) + "eQ\n==\n")
    }
}
