import Dispatch

/// What `scan` is asked to look for.
public struct ScanOptions: Sendable {
    /// Only these kinds (all when empty).
    public var kinds: Set<CandidateKind>
    /// Candidates scored below this are left out.
    public var minimumConfidence: Int
    /// Only pages between these addresses (inclusive).
    public var lowest: UInt64
    public var highest: UInt64
    /// How hardware VMCS regions are laid out (`--layout`), for those whose revision it names.
    public var layout: VMCSLayout?

    public init(
        kinds: Set<CandidateKind> = [], minimumConfidence: Int = ScanOptions.defaultMinimumConfidence, lowest: UInt64 = 0,
        highest: UInt64 = .max, layout: VMCSLayout? = nil
    ) {
        self.kinds = kinds
        self.minimumConfidence = minimumConfidence
        self.lowest = lowest
        self.highest = highest
        self.layout = layout
    }

    public static let defaultMinimumConfidence = 50
}

/// What a scan found.
public struct ScanResult: Sendable {
    public var name: String
    public var formatName: String
    public var candidates: [ScanCandidate]
    public var pagesScanned: Int
}

/// Walks every present page of a dump and scores it (`PageClassifier`).
public enum Scanner {
    /// Hardware VMCS regions whose revision this many pages share score higher.
    static let sharedRevisionPages = 2

    /// Scans `memory`; `progress` is called now and then with the bytes scanned so far.
    public static func scan(_ memory: any PhysicalMemory, options: ScanOptions = ScanOptions(), progress: ((UInt64) -> Void)? = nil)
        throws -> ScanResult
    {
        let found = Found()
        var pages = 0
        var bytes: UInt64 = 0
        let layout = options.layout
        try memory.walk(from: options.lowest, through: options.highest) { address, run in
            let count = run.count / dumpPageSize
            guard let base = run.baseAddress, count > 0 else { return }
            // The run stays valid until `walk` calls again: the workers finish before this returns.
            let start = UInt(bitPattern: base)
            // Two workers when the run is large: scoring is cheap but not free.
            let workers = count >= 64 ? 2 : 1
            let share = (count + workers - 1) / workers
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                guard let pointer = UnsafeRawPointer(bitPattern: start) else { return }
                var local: [ScanCandidate] = []
                let first = worker * share
                let last = min(count, first + share)
                guard first < last else { return }
                for index in first..<last {
                    let page = UnsafeRawBufferPointer(start: pointer + index * dumpPageSize, count: dumpPageSize)
                    guard PageClassifier.mayBeCandidate(page) else { continue }
                    let pageAddress = address &+ UInt64(index * dumpPageSize)
                    if let best = PageClassifier.classify(page, address: pageAddress, layout: layout).first {
                        local.append(best)
                    }
                }
                found.add(local)
            }
            pages += count
            bytes &+= UInt64(run.count)
            progress?(bytes)
        }
        var candidates = rankSharedRevisions(found.all, layout: options.layout)
        candidates = candidates.filter { candidate in
            candidate.confidence >= options.minimumConfidence && (options.kinds.isEmpty || options.kinds.contains(candidate.kind))
        }
        candidates.sort { $0.address < $1.address }
        return ScanResult(name: memory.name, formatName: memory.formatName, candidates: candidates, pagesScanned: pages)
    }

    /// A processor writes its own revision identifier into every VMCS region it uses: a revision
    /// many candidate pages share is more likely a VMCS revision than chance.
    static func rankSharedRevisions(_ candidates: [ScanCandidate], layout: VMCSLayout?) -> [ScanCandidate] {
        var counts: [UInt32: Int] = [:]
        for candidate in candidates where candidate.kind == .vmcsRegion {
            counts[(candidate.revision ?? 0) & 0x7fff_ffff, default: 0] += 1
        }
        return candidates.map { candidate in
            guard candidate.kind == .vmcsRegion, candidate.layout == nil else { return candidate }
            var ranked = candidate
            let shared = counts[(candidate.revision ?? 0) & 0x7fff_ffff] ?? 0
            if shared >= sharedRevisionPages {
                ranked.confidence = min(100, ranked.confidence + 30)
                ranked.reasons.append("\(shared) pages share the revision identifier")
            } else {
                ranked.reasons.append("against: no other page has the revision identifier")
            }
            return ranked
        }
    }
}

/// Candidates gathered by concurrent workers.
final class Found: @unchecked Sendable {
    private let lock = Mutex()
    private var candidates: [ScanCandidate] = []

    func add(_ more: [ScanCandidate]) {
        guard !more.isEmpty else { return }
        lock.locked { candidates += more }
    }

    var all: [ScanCandidate] { lock.locked { candidates } }
}
