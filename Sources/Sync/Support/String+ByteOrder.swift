#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// Whether this string sorts before `other` by UTF-8 bytes: Git's order of paths, and the digest's.
    /// Compares the strings' own bytes with `memcmp`; a generic walk over both `utf8` views costs far more
    /// in a sort of thousands of paths.
    func precedesInByteOrder(_ other: String) -> Bool {
        let compared = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b -> Bool in
                let common = Swift.min(a.count, b.count)
                guard common > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return a.count < b.count }
                let order = memcmp(pa, pb, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        return (compared ?? nil) ?? utf8.lexicographicallyPrecedes(other.utf8)
    }
}
