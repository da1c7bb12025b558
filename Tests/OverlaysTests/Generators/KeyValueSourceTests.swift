import Overlays
import Testing

struct KeyValueSourceTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func literalSplitsAtFirstEquals() throws {
        let pair = try KeyValueSources.parseLiteral("WITH_EQUALS=a=b=c")
        #expect(pair.key == "WITH_EQUALS")
        #expect(text(pair.value) == "a=b=c")
    }

    @Test func literalLosesOnePairOfMatchingQuotes() throws {
        #expect(text(try KeyValueSources.parseLiteral(#"A="hello world""#).value) == "hello world")
        #expect(text(try KeyValueSources.parseLiteral("A='x'").value) == "x")
        #expect(text(try KeyValueSources.parseLiteral(#"A=""x"""#).value) == #""x""#)
        #expect(text(try KeyValueSources.parseLiteral(#"A="x'"#).value) == #""x'"#)
        #expect(text(try KeyValueSources.parseLiteral(#"A=""#).value) == #"""#)
        #expect(text(try KeyValueSources.parseLiteral("A=  spaced  ").value) == "  spaced  ")
    }

    @Test func literalWithoutKeyOrEqualsIsError() {
        #expect(throws: BuildError("invalid literal source JUSTAKEY, expected key=value")) {
            try KeyValueSources.parseLiteral("JUSTAKEY")
        }
        #expect(throws: BuildError("invalid literal source =b, expected key=value")) {
            try KeyValueSources.parseLiteral("=b")
        }
    }

    @Test func fileSourceKeyDefaultsToBaseName() throws {
        #expect(try KeyValueSources.parseFileSource("./path/myfile") == ("myfile", "./path/myfile"))
        #expect(try KeyValueSources.parseFileSource("dir/sub/") == ("sub", "dir/sub/"))
        #expect(try KeyValueSources.parseFileSource("new.ini=old") == ("new.ini", "old"))
    }

    @Test func malformedFileSourcesAreErrors() {
        #expect(throws: BuildError(#"source "a=b=c" key name or file path contains '='"#)) {
            try KeyValueSources.parseFileSource("a=b=c")
        }
        #expect(throws: BuildError(#"missing key name for file path "b" in source "=b""#)) {
            try KeyValueSources.parseFileSource("=b")
        }
        #expect(throws: BuildError(#"missing file path for key name "b" in source "b=""#)) {
            try KeyValueSources.parseFileSource("b=")
        }
    }

    @Test func envFileQuirks() throws {
        let content: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("A=1\r\n  B = 2 \n=skipped\n\t# c\n\u{A0}C=3\nD\nexport E=\"q\"\n".utf8)
        let pairs = try EnvFile.parse(content)
        #expect(pairs.map(\.key) == ["A", "B ", "C", "D", "export E"])
        #expect(pairs.map { text($0.value) } == ["1", " 2 ", "3", "", #""q""#])
    }

    @Test func envFileByteOrderMarkIsDroppedOnFirstLineOnly() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let pairs = try EnvFile.parse(bom + Array("A=1\n".utf8) + bom + Array("B=2".utf8))
        #expect(pairs.map(\.key) == ["A", "\u{FEFF}B"])
    }

    @Test func envFileLineThatIsNotUTF8IsError() {
        #expect(throws: BuildError("line [66 61 255] has invalid utf8 bytes : B=\u{FFFD}")) {
            try EnvFile.parse(Array("A=1\n".utf8) + [66, 61, 255] + [10])
        }
    }

    @Test func envFileStopsSilentlyAtALineOf64KiB() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
        let pairs = try EnvFile.parse(Array("A=1\n".utf8) + long + Array("\nB=2\n".utf8))
        #expect(pairs.map(\.key) == ["A"])
        let fits = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024 - 1)
        #expect(try EnvFile.parse(fits + Array("\nB=2\n".utf8)).count == 2)
    }

    @Test func sourcesLoadInKustomizeOrder() throws {
        var args = GeneratorArgs(kind: .configMap, name: "mixed")
        args.literals = ["L=1"]
        args.files = ["settings.ini"]
        args.envs = ["vars.env"]
        let dir = GeneratorCaseSupport.caseDirectory("configmap-generator/mixed-sources/input")
        let pairs = try KeyValueLoader.load(args, fs: DiskFileSystem(), resolvePath: GeneratorCaseSupport.rootOnly(dir))
        #expect(pairs.map(\.key) == ["FROM_ENV", "L", "settings.ini"])
    }

    @Test func duplicateKeyAcrossSourcesIsError() {
        let pairs = [KeyValuePair(key: "A", value: "1"), KeyValuePair(key: "A", value: "2")]
        #expect(throws: BuildError("configmap dup illegally repeats the key `A`")) {
            try KeyValueLoader.dataMap(name: "dup", pairs: pairs)
        }
    }

    @Test func loadErrorsNameTheSourceList() {
        var args = GeneratorArgs(kind: .secret, name: "s")
        args.literals = ["a=b", ""]
        #expect(throws: BuildError("loading KV pairs: literal sources [a=b ]: invalid literal source , expected key=value")) {
            try KeyValueLoader.load(args, fs: DiskFileSystem(), resolvePath: { (p: String) throws(BuildError) -> String in p })
        }
    }
}
