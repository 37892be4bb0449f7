/// What a command's run came to besides its document: the answer, and the readers' warnings
/// for the executable to write on standard error.
public struct CommandOutcome: Sendable {
    /// The readers' warnings, each once, in the order met.
    public var warnings: [InputWarning] = []
    /// True when the answer is "no": a rule is broken (`check`), the snapshots differ (`diff`),
    /// no field matches (`fields`). The executable exits 1.
    public var answerIsNo = false

    /// No warnings, a "yes".
    public init() {}
}

/// Hands the warnings a reader has met to the renderer as they appear (JSON Lines writes each
/// at once), and keeps them, each once, for the outcome.
struct WarningRelay {
    private(set) var warnings: [InputWarning] = []
    private var seen = Set<String>()
    private var forwarded: [ObjectIdentifier: Int] = [:]

    /// Forwards what `reader` has met since the last call.
    mutating func relay(_ reader: SnapshotReader, to renderer: any DocumentRenderer) {
        let key = ObjectIdentifier(reader)
        let all = reader.warnings
        let start = min(forwarded[key] ?? 0, all.count)
        for warning in all[start...] { relay(warning, to: renderer) }
        forwarded[key] = all.count
    }

    /// Forwards one warning.
    mutating func relay(_ warning: InputWarning, to renderer: any DocumentRenderer) {
        guard seen.insert(warning.description).inserted else { return }
        warnings.append(warning)
        renderer.warn(warning)
    }
}

/// Asked between reads: true stops the command with `InspectError.interrupted` (the shell's
/// Ctrl-C during a long `load`).
public typealias InterruptCheck = @Sendable () -> Bool

extension InspectError {
    /// The user interrupted the work (Ctrl-C).
    public static let interrupted = InspectError(nil, "interrupted", isUsage: false)
}

/// A byte source that asks `interrupt` before every read, so a long read can be stopped.
final class InterruptibleSource: ByteSource {
    let base: any ByteSource
    let interrupt: InterruptCheck
    var name: String { base.name }

    init(_ base: any ByteSource, interrupt: @escaping InterruptCheck) {
        self.base = base
        self.interrupt = interrupt
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if interrupt() { throw InspectError.interrupted }
        return try base.read(into: buffer)
    }
}
