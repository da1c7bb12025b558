/// JSON pointers as kustomize's JSON patch library (evanphx/json-patch v4) resolves them: the
/// text is split at `/`, the first segment is ignored (it is normally the empty string before the
/// leading slash), every segment but the last must lead to an object or array, and the last one
/// names the key or index the operation works on. `~1` decodes to `/`, then `~0` to `~`.
struct JSONPointer {
    /// Decoded segments leading to the container.
    var parents: [String]
    /// The decoded last segment.
    var key: String

    /// Nil for a pointer with no `/` at all (such as the empty pointer).
    init?(_ text: String) {
        let segments = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 2, let last = segments.last else { return nil }
        parents = segments[1..<(segments.count - 1)].map(Self.decode)
        key = Self.decode(last)
    }

    static func decode(_ segment: String) -> String {
        // Go's strings.Replacer scans left to right, trying "~1" then "~0" at each position.
        var result = ""
        var chars = Substring(segment)
        while let c = chars.first {
            if c == "~", chars.dropFirst().first == "1" {
                result.append("/")
                chars = chars.dropFirst(2)
            } else if c == "~", chars.dropFirst().first == "0" {
                result.append("~")
                chars = chars.dropFirst(2)
            } else {
                result.append(c)
                chars = chars.dropFirst()
            }
        }
        return result
    }

    /// Go's `strconv.Atoi`: optional sign, decimal digits, within Int64.
    static func index(_ text: String) -> Result<Int, BuildError> {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(BuildError("strconv.Atoi: parsing \(GoSyntax.quote(text)): invalid syntax"))
        }
        guard let magnitude = Int(digits) else {
            return .failure(BuildError("strconv.Atoi: parsing \(GoSyntax.quote(text)): value out of range"))
        }
        return .success(negative ? -magnitude : magnitude)
    }

    /// Calls `body` on the container the pointer's parents lead to, writing back any change.
    /// Returns false when a parent is missing, null, a scalar or an index that does not resolve.
    static func withContainer(
        _ root: inout Node, _ parents: ArraySlice<String>, _ body: (inout Node) throws(BuildError) -> Void
    ) throws(BuildError) -> Bool {
        guard let first = parents.first else {
            guard root.mapping != nil || root.sequence != nil else { return false }
            try body(&root)
            return true
        }
        switch root {
        case .mapping(var map):
            guard var child = map[first], !child.isNull else { return false }
            let found = try withContainer(&child, parents.dropFirst(), body)
            if found { map[first] = child }
            root = .mapping(map)
            return found
        case .sequence(var items):
            guard case .success(var i) = index(first) else { return false }
            if i < 0 {
                guard i >= -items.count else { return false }
                i += items.count
            }
            guard i < items.count, !items[i].isNull else { return false }
            let found = try withContainer(&items[i], parents.dropFirst(), body)
            root = .sequence(items)
            return found
        default:
            return false
        }
    }
}
