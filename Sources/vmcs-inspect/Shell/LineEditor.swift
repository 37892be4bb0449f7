import CReadline
import VMCSInspect

#if canImport(Glibc)
    import Glibc
#endif

/// GNU readline, loaded with dlopen (see CReadline). Every call into the shim is made from this
/// file: the shim keeps its table in static inline functions, of which each object file gets its
/// own copy, so calls from one file share one loaded table.
enum Readline {
    /// Loads the library; nil on success, else why it could not be loaded.
    static func load() -> String? { creadline_load().map { String(cString: $0) } }

    /// The version of the library loaded (`8.2`), or nil when it cannot be loaded.
    static var version: String? { creadline_library_version().map { String(cString: $0) } }
}

/// Where the shell's lines come from: GNU readline on a terminal, plain lines otherwise.
protocol LineSource {
    /// The next line, or nil at the end (Ctrl-D, end of input).
    mutating func next(prompt: String) -> String?
    /// Keeps a line in the history.
    func remember(_ line: String)
    /// Saves the history.
    func finish()
    /// Asked during a long command: true when the user pressed Ctrl-C since it began.
    var interruptCheck: InterruptCheck? { get }
}

/// Lines read without a prompt or editing, so scripts can drive the shell.
struct PlainLines: LineSource {
    mutating func next(prompt: String) -> String? { readLine(strippingNewline: true) }
    func remember(_ line: String) {}
    func finish() {}
    /// Without a terminal, Ctrl-C ends the process as usual.
    var interruptCheck: InterruptCheck? { nil }
}

/// GNU readline: editing, history kept across sessions, completion from the session.
final class ReadlineLines: LineSource {
    /// Readline calls back through C function pointers, which cannot capture: the session and
    /// the candidates of the completion under way live here.
    nonisolated(unsafe) static var session: ShellSession?
    nonisolated(unsafe) static var candidates: [String] = []
    nonisolated(unsafe) static var nextCandidate = 0
    /// The line readline handed back (nil at Ctrl-D), and whether it has.
    nonisolated(unsafe) static var line: String?
    nonisolated(unsafe) static var finished = false

    static let historyLimit: Int32 = 1000
    let historyPath: String?
    /// SIGINT stays blocked for the whole session and is read from this descriptor, so Ctrl-C
    /// is handled in order with the keys around it, instead of in a signal handler that would
    /// touch readline's state at an arbitrary moment (or end the session during a command).
    private let signals: Int32
    private var previousMask = sigset_t()

    init(session: ShellSession) {
        Self.session = session
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        sigprocmask(SIG_BLOCK, &interrupt, &previousMask)
        signals = signalfd(-1, &interrupt, Int32(SFD_CLOEXEC))
        historyPath = Self.historyFile()
        creadline_configure(strdup("vmcs-inspect"), readlineComplete)
        creadline_stifle_history(Self.historyLimit)
        if let historyPath { creadline_read_history(historyPath) }
    }

    /// Ctrl-C pressed while a command runs arrives on the signalfd: the command's reads ask
    /// here and stop.
    var interruptCheck: InterruptCheck? {
        let descriptor = signals
        guard descriptor >= 0 else { return nil }
        return {
            var watched = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&watched, 1, 0) > 0, watched.revents & Int16(POLLIN) != 0 else { return false }
            var info = signalfd_siginfo()
            _ = read(descriptor, &info, MemoryLayout<signalfd_siginfo>.size)
            return true
        }
    }

    /// `$XDG_STATE_HOME/vmcs-inspect/history`, or `~/.local/state/vmcs-inspect/history`; nil,
    /// after one warning, when that folder cannot be made or written.
    static func historyFile() -> String? {
        let base: String
        if let state = Terminal.environment("XDG_STATE_HOME"), !state.isEmpty {
            base = state
        } else if let home = Terminal.environment("HOME"), !home.isEmpty {
            base = home + "/.local/state"
        } else {
            return nil
        }
        // mkdir -p: each component in turn; an existing one is fine.
        var folder = ""
        for component in (base + "/vmcs-inspect").split(separator: "/", omittingEmptySubsequences: true) {
            folder += "/" + component
            _ = mkdir(folder, 0o755)
        }
        let path = folder + "/history"
        // The folder must exist and be writable, and so must the file if it exists already.
        if access(folder, W_OK) != 0 || (access(path, F_OK) == 0 && access(path, W_OK) != 0) {
            let reason = strerror(errno).map { String(cString: $0).lowercased() } ?? "not writable"
            Terminal.report([
                InputWarning(SourceLocation(file: folder), "cannot keep the shell's history here (\(reason)); it is not saved")
            ])
            return nil
        }
        return path
    }

    /// Reads one line through readline's callback interface, taking Ctrl-C from the signalfd
    /// between keys.
    func next(prompt: String) -> String? {
        Self.finished = false
        Self.line = nil
        creadline_callback_handler_install(prompt, readlineAcceptLine)
        defer { creadline_callback_handler_remove() }
        while !Self.finished {
            var watched = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
            if signals >= 0 { watched.append(pollfd(fd: signals, events: Int16(POLLIN), revents: 0)) }
            if poll(&watched, nfds_t(watched.count), -1) < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if watched.count > 1, watched[1].revents & Int16(POLLIN) != 0 {
                var info = signalfd_siginfo()
                _ = read(signals, &info, MemoryLayout<signalfd_siginfo>.size)
                abandonLine()
                continue
            }
            if watched[0].revents != 0 { creadline_callback_read_char() }
        }
        return Self.line
    }

    /// Ctrl-C: the half-typed line is dropped, not kept in history, and a fresh prompt shown.
    private func abandonLine() {
        creadline_abandon_line()
    }

    /// Adds the line to history, without the space TAB completion leaves behind, and not again
    /// when it repeats the newest entry (as bash's ignoredups).
    func remember(_ line: String) {
        let entry = String(line.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
        guard !entry.isEmpty else { return }
        if let newest = creadline_last_history_line(), String(cString: newest) == entry { return }
        creadline_add_history(entry)
    }

    func finish() {
        if signals >= 0 { close(signals) }
        sigprocmask(SIG_SETMASK, &previousMask, nil)
        guard let historyPath else { return }
        creadline_write_history(historyPath)
        creadline_history_truncate_file(historyPath, Self.historyLimit)
    }
}

/// Readline's line handler: keeps the line (nil at end of input) for `ReadlineLines.next`.
private func readlineAcceptLine(_ line: UnsafeMutablePointer<CChar>?) {
    ReadlineLines.line = line.map { String(cString: $0) }
    ReadlineLines.finished = true
    free(line)
    // Removing the handler here stops readline from showing the prompt again before the
    // command has run.
    creadline_callback_handler_remove()
}

/// Readline's completion hook: the session says what may follow the words before the cursor.
private func readlineComplete(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    let line = creadline_line_buffer().map { String(cString: $0) } ?? ""
    let before = String(decoding: line.utf8.prefix(Int(max(0, start))), as: UTF8.self)
    let words = (try? ShellWords.split(before)) ?? []
    let partial = text.map { String(cString: $0) } ?? ""
    guard let list = ReadlineLines.session?.completions(words: words, partial: partial) else {
        return nil  // readline completes a file name
    }
    creadline_completion_over()
    ReadlineLines.candidates = list
    ReadlineLines.nextCandidate = 0
    return creadline_completion_matches(text, readlineCandidate)
}

/// Readline's generator: the candidates one by one, as strings it frees.
private func readlineCandidate(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    if state == 0 { ReadlineLines.nextCandidate = 0 }
    guard ReadlineLines.candidates.indices.contains(ReadlineLines.nextCandidate) else { return nil }
    let candidate = ReadlineLines.candidates[ReadlineLines.nextCandidate]
    ReadlineLines.nextCandidate += 1
    return strdup(candidate)
}
