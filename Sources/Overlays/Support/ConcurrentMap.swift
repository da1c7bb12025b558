import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` on all cores, in chunks (elements of a chunk run in order on one thread); results keep
    /// the input order. For CPU-bound work: up to `minimumChunk` elements it runs on the caller, so pass a
    /// smaller one when each element is a lot of work. Shared by the modules of this package.
    package func concurrentMap<T>(minimumChunk: Int = 64, _ transform: @Sendable (Element) -> T) -> [T] {
        // Many small chunks: a thread that finishes early takes more, rather than waiting for a slow one.
        let chunkSize = Swift.max(minimumChunk, count / (ProcessInfo.processInfo.activeProcessorCount * 16) + 1)
        guard count > chunkSize else { return map(transform) }
        let results = ParallelResults<T>(count: count)
        let chunks = (count + chunkSize - 1) / chunkSize
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in (chunk * chunkSize)..<Swift.min(count, (chunk + 1) * chunkSize) {
                results[index] = transform(self[index])
            }
        }
        // Every slot was filled by exactly one iteration.
        return (0..<count).compactMap { results[$0] }
    }
}

/// Slots that `DispatchQueue.concurrentPerform` iterations fill, each index by exactly one iteration;
/// read only after all iterations returned.
private final class ParallelResults<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(index: Int) -> Value? {
        get { slots[index] }
        set { slots[index] = newValue }
    }
}
