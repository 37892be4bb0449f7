import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Work on a stream of items that divides: items are read in batches on the calling thread,
/// each full batch is handed to a worker thread (split over the cores) while the next one is
/// read, and the results come back in the order the items were read. At most two batches are
/// held, so memory stays bounded by the batch, not the input.
///
/// A stream that ends within its first batch (one dump, `FILE@N`, a raw page) is worked on the
/// calling thread: no thread is started for it.
///
/// The order of everything `emit` sees is the sequential order, including when reading fails:
/// the results of the items read before the failure are emitted, then the error is thrown, as
/// a loop that reads, works and emits one item at a time would do.
enum OrderedBatches {
    /// Items per batch: enough to keep a worker busy while the next batch is read, few enough
    /// that two batches of decoded snapshots stay small.
    static let batchSize = 16

    /// The cores a batch is split over (those online, at most 8).
    static let cores = min(max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1), 8)

    /// Reads items with `next` until it returns nil, turns each into a result with `work` and
    /// hands the results to `emit` in reading order; `concurrent: false` does it all on the
    /// calling thread, one item at a time.
    static func run<Item: Sendable, Result: Sendable>(
        concurrent: Bool = true, batchSize: Int = OrderedBatches.batchSize, next: () throws -> Item?,
        work: @escaping @Sendable (Item) -> Result, emit: (Result) throws -> Void
    ) throws {
        guard concurrent, batchSize > 1 else {
            while let item = try next() { try emit(work(item)) }
            return
        }
        var pending: Pending<Result>?
        var failure: (any Error)?
        while failure == nil {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            do {
                while batch.count < batchSize, let item = try next() { batch.append(item) }
            } catch {
                failure = error
            }
            let full = batch.count == batchSize && failure == nil
            if pending == nil, !full {
                // The whole input in one batch: no thread for it.
                for item in batch { try emit(work(item)) }
                break
            }
            let submitted = batch.isEmpty ? nil : Pending(batch, work: work)
            if let pending { for result in pending.wait() { try emit(result) } }
            pending = submitted
            if !full { break }
        }
        if let pending { for result in pending.wait() { try emit(result) } }
        if let failure { throw failure }
    }

    /// One batch being worked on, its items split over the cores.
    private final class Pending<Result: Sendable>: @unchecked Sendable {
        private let group = DispatchGroup()
        // Written by the workers, each to its own slots, before `group` is left; read only after
        // `wait()` has seen it left.
        private var results: [Result?]

        init<Item: Sendable>(_ items: [Item], work: @escaping @Sendable (Item) -> Result) {
            results = [Result?](repeating: nil, count: items.count)
            let count = items.count
            group.enter()
            DispatchQueue.global().async { [self] in
                results.withUnsafeMutableBufferPointer { slots in
                    let base = UnsafeSendable(slots)
                    // Items are taken in stripes, so neighbours (which cost about the same) go to
                    // different cores.
                    let stripes = min(OrderedBatches.cores, count)
                    DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
                        var index = stripe
                        while index < count {
                            base.value[index] = work(items[index])
                            index += stripes
                        }
                    }
                }
                group.leave()
            }
        }

        /// The results, in the items' order, once the batch is done.
        func wait() -> [Result] {
            group.wait()
            return results.compactMap { $0 }
        }
    }

    /// A buffer whose disjoint slots the workers fill.
    private struct UnsafeSendable<T>: @unchecked Sendable {
        let value: UnsafeMutableBufferPointer<T>
        init(_ value: UnsafeMutableBufferPointer<T>) { self.value = value }
    }
}
