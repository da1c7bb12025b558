/// The `images:` entries of one kustomization, compiled once and indexed so that an object only
/// considers the entries whose name can match one of its images.
///
/// kustomize reads an entry's name as a regular expression anchored at the start of the image. A
/// name made of literal characters and `.` (which matches any one character) can only match an
/// image whose first characters agree with it; such names are indexed by that prefix, with the
/// `.` positions masked. Other names are tried on every object.
final class ImageRules {
    final class Rule {
        let image: ImageSpec
        /// The name's bytes when it is literal apart from `.`, else nil.
        let prefix: [UInt8]?
        private let source: String
        private lazy var pattern: Regex<AnyRegexOutput>? = try? Regex(source)

        init(_ image: ImageSpec) {
            self.image = image
            let special = Set("\\^$|?*+()[]{}")
            let simple = image.name.allSatisfy { $0.isASCII && !special.contains($0) }
            prefix = simple ? Array(image.name.utf8) : nil
            source = "^\(image.name)(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$"
        }

        /// Whether the entry rewrites this image. Simple names on ASCII images are matched directly
        /// (the expression then means: the prefix, an optional `:tag`, an optional `@sha256:digest`);
        /// anything else runs the expression, compiled on first need.
        func matches(_ value: String) -> Bool {
            let bytes = Array(value.utf8)
            if let prefix, bytes.allSatisfy({ $0 < 0x80 }) {
                return Rule.matchesSimple(prefix, bytes)
            }
            guard let pattern else { return false }
            return (try? pattern.wholeMatch(in: value)) != nil
        }

        private static func matchesSimple(_ prefix: [UInt8], _ value: [UInt8]) -> Bool {
            guard value.count >= prefix.count else { return false }
            for (expected, actual) in zip(prefix, value) where expected != UInt8(ascii: ".") && expected != actual {
                return false
            }
            var rest = value[prefix.count...]
            func isTagByte(_ b: UInt8) -> Bool {
                (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || "_.{}-".utf8.contains(b)
            }
            if rest.first == UInt8(ascii: ":") {
                rest = rest.dropFirst()
                while let b = rest.first, isTagByte(b) { rest = rest.dropFirst() }
            }
            if rest.starts(with: "@sha256:".utf8) {
                rest = rest.dropFirst(8)
                while let b = rest.first, isTagByte(b) { rest = rest.dropFirst() }
            }
            return rest.isEmpty
        }
    }

    /// Entries whose prefixes have the same length and `.` positions, by masked prefix.
    private struct Group {
        let length: Int
        let dots: [Int]
        var rules: [[UInt8]: [Int]] = [:]
    }

    let rules: [Rule]
    private var groups: [Group] = []
    private var unindexed: [Int] = []

    init(_ images: [ImageSpec]) {
        rules = images.map(Rule.init)
        for (i, rule) in rules.enumerated() {
            guard let prefix = rule.prefix else {
                unindexed.append(i)
                continue
            }
            let dots = prefix.indices.filter { prefix[$0] == UInt8(ascii: ".") }
            if let g = groups.firstIndex(where: { $0.length == prefix.count && $0.dots == dots }) {
                groups[g].rules[prefix, default: []].append(i)
            } else {
                var group = Group(length: prefix.count, dots: dots)
                group.rules[prefix] = [i]
                groups.append(group)
            }
        }
    }

    /// The first entry at or after `start` that may match one of `images`, in kustomization order.
    func firstCandidate(from start: Int, for images: Set<String>) -> Int? {
        var best = unindexed.first { $0 >= start }
        func consider(_ candidates: [Int]?) {
            guard let candidate = candidates?.first(where: { $0 >= start }) else { return }
            if let current = best, current <= candidate { return }
            best = candidate
        }
        for image in images {
            let bytes = Array(image.utf8)
            for group in groups where bytes.count >= group.length {
                var key = Array(bytes[..<group.length])
                // `.` matches one character, which is one byte only for ASCII: otherwise try the whole group.
                if key.contains(where: { $0 >= 0x80 }) {
                    for rules in group.rules.values { consider(rules) }
                    continue
                }
                for dot in group.dots { key[dot] = UInt8(ascii: ".") }
                consider(group.rules[key])
            }
        }
        return best
    }
}
