import CReadline
import Foundation
import VMCSInspect

/// Where the shell's lines come from: GNU readline on a terminal, plain lines otherwise.
protocol LineSource {
    /// The next line, or nil at the end (Ctrl-D, end of input).
    mutating func next(prompt: String) -> String?
    func remember(_ line: String)
    func finish()
}

/// Lines read without a prompt or editing, so scripts can drive the shell.
struct PlainLines: LineSource {
    mutating func next(prompt: String) -> String? { readLine(strippingNewline: true) }
    func remember(_ line: String) {}
    func finish() {}
}

/// GNU readline: editing, history kept across sessions, completion from the session.
final class ReadlineLines: LineSource {
    /// Readline calls back through C function pointers, which cannot capture: the session and
    /// the candidates of the completion under way live here.
    nonisolated(unsafe) static var session: ShellSession?
    nonisolated(unsafe) static var candidates: [String] = []
    nonisolated(unsafe) static var nextCandidate = 0

    static let historyLimit: Int32 = 1000
    let historyPath: String?

    init(session: ShellSession) {
        Self.session = session
        historyPath = Self.historyFile()
        creadline_configure(strdup("vmcs-inspect"), readlineComplete)
        creadline_install_interrupt_handler()
        stifle_history(Self.historyLimit)
        if let historyPath { read_history(historyPath) }
    }

    /// `$XDG_STATE_HOME/vmcs-inspect/history`, or `~/.local/state/vmcs-inspect/history`.
    static func historyFile() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let base: String
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            base = state
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state"
        } else {
            return nil
        }
        let folder = base + "/vmcs-inspect"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/history"
    }

    func next(prompt: String) -> String? {
        guard let line = readline(prompt) else { return nil }
        defer { free(line) }
        return String(cString: line)
    }

    func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(line)
    }

    func finish() {
        guard let historyPath else { return }
        write_history(historyPath)
        history_truncate_file(historyPath, Self.historyLimit)
    }
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
    return rl_completion_matches(text, readlineCandidate)
}

/// Readline's generator: the candidates one by one, as strings it frees.
private func readlineCandidate(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    if state == 0 { ReadlineLines.nextCandidate = 0 }
    guard ReadlineLines.candidates.indices.contains(ReadlineLines.nextCandidate) else { return nil }
    let candidate = ReadlineLines.candidates[ReadlineLines.nextCandidate]
    ReadlineLines.nextCandidate += 1
    return strdup(candidate)
}
