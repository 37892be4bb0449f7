import ArgumentParser
import VMCSInspect

#if canImport(Glibc)
    import Glibc
#endif

/// Everything that touches the terminal and the standard streams. Standard output is buffered
/// (streamed output of large logs would otherwise cost a system call a line) and flushed before
/// anything is written to standard error, so the two never interleave out of order.
enum Terminal {
    /// Writing into a closed pipe (`| head`) ends the program quietly.
    static func preparePipes() {
        signal(SIGPIPE, SIG_DFL)
    }

    /// An environment variable, or nil.
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static func colorByDefault() -> Bool {
        if let noColor = environment("NO_COLOR"), !noColor.isEmpty { return false }
        if environment("TERM") == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    nonisolated(unsafe) private static var buffer: [UInt8] = {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        return bytes
    }()

    static func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes what standard output holds.
    static func flush() {
        guard !buffer.isEmpty else { return }
        writeAll(STDOUT_FILENO, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// A line on standard error, standard output flushed first.
    static func writeError(_ line: String) {
        flush()
        writeAll(STDERR_FILENO, Array((line + "\n").utf8))
    }

    /// Raw bytes on standard error, unbuffered (progress lines).
    static func writeErrorRaw(_ text: String) {
        writeAll(STDERR_FILENO, Array(text.utf8))
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
        var done = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while done < raw.count {
                let count = Glibc.write(descriptor, base + done, raw.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    return
                }
                done += count
            }
        }
    }

    /// Each distinct warning once, its control characters escaped (a warning quotes input).
    static func report(_ warnings: [InputWarning]) {
        var seen = Set<String>()
        for warning in warnings where seen.insert(warning.description).inserted {
            writeError("vmcs-inspect: warning: " + PrintableText.escaped(warning.description))
        }
    }

    /// The end of a command: its warnings on standard error, and exit status 1 when the answer
    /// is "no".
    static func finish(_ outcome: CommandOutcome) throws {
        report(outcome.warnings)
        if outcome.answerIsNo { throw ExitCode(1) }
    }
}
