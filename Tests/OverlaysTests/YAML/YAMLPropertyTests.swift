import Overlays
import Testing

/// The YAML layer never crashes on any input, and what it prints reads back as the same document.
@Suite struct YAMLPropertyTests {
    static let fragments = [
        "a", "key", "yes", "no", "on", "0755", "1e3", "-0", "1.0", ".5", "~", "null", "true", "2001-12-14",
        "12:30:00", "0x1F", "#c", "- ", ": ", "\"", "'", "|", ">", "&a", "*a", "!!str", "{", "}", "[", "]", ",",
        "\n", "  ", "\t", "é", "🚀", "---", "...", "<<", "%", "@", "`",
    ]

    @Test func arbitraryBytesNeverCrashTheParser() {
        var random = SeededRandom(state: 1)
        for _ in 0..<3000 {
            let bytes = (0..<random.below(64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            _ = try? YAMLParser.documents(bytes, file: "fuzz.yaml")
        }
    }

    @Test func yamlLookingTextNeverCrashesAndRoundTrips() throws {
        var random = SeededRandom(state: 2)
        for _ in 0..<3000 {
            let text = (0..<random.below(24)).map { _ in Self.fragments[random.below(Self.fragments.count)] }.joined()
            guard let documents = try? YAMLParser.documents(text, file: "fuzz.yaml") else { continue }
            for document in documents {
                guard let printed = try? YAMLEmitter.document(document) else { continue }
                let reread = try YAMLParser.documents(printed, file: "printed.yaml")
                #expect(reread.count == 1, "printed text of \(text.debugDescription) is one document")
                let again = try YAMLEmitter.document(reread[0]); #expect(again == printed, "printing is stable for \(text.debugDescription): \(printed.debugDescription) vs \(again.debugDescription)")
            }
        }
    }

    @Test func generatedDocumentsRoundTrip() throws {
        var random = SeededRandom(state: 3)
        func scalar() -> Node {
            switch random.below(6) {
            case 0: return .string(Self.fragments[random.below(Self.fragments.count)] + Self.fragments[random.below(Self.fragments.count)])
            case 1: return .int(Int64(bitPattern: random.next()) >> random.below(64))
            case 2: return .bool(random.below(2) == 0)
            case 3: return .null
            case 4: return .float(Double(random.below(100_000)) / 8)
            default: return .string(String(repeating: "word ", count: random.below(30)))
            }
        }
        func node(depth: Int) -> Node {
            guard depth > 0, random.below(3) != 0 else { return scalar() }
            if random.below(2) == 0 {
                return .sequence((0..<random.below(4)).map { _ in node(depth: depth - 1) })
            }
            var map = Mapping()
            for i in 0..<random.below(5) { map["k\(i)\(Self.fragments[random.below(Self.fragments.count)])"] = node(depth: depth - 1) }
            return .mapping(map)
        }
        for _ in 0..<1000 {
            let document = node(depth: 4)
            let printed = try YAMLEmitter.document(document)
            let reread = try YAMLParser.documents(printed, file: "printed.yaml")
            #expect(try YAMLEmitter.document(reread[0]) == printed)
        }
    }
}
