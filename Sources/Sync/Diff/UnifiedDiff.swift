/// Line diffs in unified format (`--- a`, `+++ b`, `@@ -l,n +l,n @@`), optionally coloured for a terminal.
public enum UnifiedDiff {
    enum Edit: Equatable {
        case same(String), removed(String), added(String)
    }

    /// The unified diff of two texts with `context` lines around changes; "" when they are equal.
    public static func diff(
        old: String, new: String, oldName: String, newName: String, context: Int = 3, color: Bool = false
    ) -> String {
        let a = lines(old)
        let b = lines(new)
        let edits = self.edits(a, b)
        guard edits.contains(where: { if case .same = $0 { return false } else { return true } }) else { return "" }
        let red = color ? "\u{1B}[31m" : ""
        let green = color ? "\u{1B}[32m" : ""
        let cyan = color ? "\u{1B}[36m" : ""
        let bold = color ? "\u{1B}[1m" : ""
        let reset = color ? "\u{1B}[0m" : ""
        var out = "\(bold)--- \(oldName)\(reset)\n\(bold)+++ \(newName)\(reset)\n"
        // Group edits into hunks.
        var index = 0
        var oldLine = 1
        var newLine = 1
        var positions: [(old: Int, new: Int)] = []
        for edit in edits {
            positions.append((oldLine, newLine))
            switch edit {
            case .same:
                oldLine += 1
                newLine += 1
            case .removed: oldLine += 1
            case .added: newLine += 1
            }
        }
        let changed = edits.indices.filter { if case .same = edits[$0] { return false } else { return true } }
        while index < changed.count {
            let start = max(0, changed[index] - context)
            var end = min(edits.count - 1, changed[index] + context)
            index += 1
            while index < changed.count, changed[index] - context <= end + 1 {
                end = min(edits.count - 1, changed[index] + context)
                index += 1
            }
            var oldCount = 0
            var newCount = 0
            var body = ""
            for edit in edits[start...end] {
                switch edit {
                case .same(let l):
                    oldCount += 1
                    newCount += 1
                    body += " \(l)\n"
                case .removed(let l):
                    oldCount += 1
                    body += "\(red)-\(l)\(reset)\n"
                case .added(let l):
                    newCount += 1
                    body += "\(green)+\(l)\(reset)\n"
                }
            }
            let oldStart = oldCount == 0 ? positions[start].old - 1 : positions[start].old
            let newStart = newCount == 0 ? positions[start].new - 1 : positions[start].new
            out += "\(cyan)@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\(reset)\n" + body
        }
        return out
    }

    static func lines(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    /// A shortest edit script (LCS over the lines between the common prefix and suffix).
    static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let x = Array(a[prefix..<(a.count - suffix)])
        let y = Array(b[prefix..<(b.count - suffix)])
        var result = a[..<prefix].map { Edit.same($0) }
        let n = x.count
        let m = y.count
        // lcs[i][j] = LCS length of x[i...] and y[j...], in one flat array.
        var lcs = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        if n > 0, m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i * (m + 1) + j] =
                        x[i] == y[j]
                        ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                        : max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1])
                }
            }
        }
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, x[i] == y[j] {
                result.append(.same(x[i]))
                i += 1
                j += 1
            } else if i < n, j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1] {
                result.append(.removed(x[i]))
                i += 1
            } else {
                result.append(.added(y[j]))
                j += 1
            }
        }
        result += a[(a.count - suffix)...].map { Edit.same($0) }
        return result
    }
}
