import Foundation
import Testing

/// Runs the built `vmcs-inspect` as a user would and checks stdout, stderr and exit status.
enum Binary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable beside the test bundle, in the same build folder.
    static var url: URL? {
        var candidates: [URL] = []
        if let argument = CommandLine.arguments.first {
            var folder = URL(fileURLWithPath: argument).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("vmcs-inspect"))
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(root.appendingPathComponent(".build/debug/vmcs-inspect"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the tool, or with `shell` set, `/bin/sh` with `arguments` (for README pipelines).
    static func run(_ arguments: [String], stdin: Data? = nil, shell: Bool = false, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = shell ? URL(fileURLWithPath: "/bin/sh") : try #require(url, "vmcs-inspect was not built")
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Output of a process gathered as it arrives, for tests that wait on it.
final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    func wait(for expected: String, occurrences: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if text.components(separatedBy: expected).count - 1 >= occurrences { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}

/// The tool on a real pseudo-terminal, through script(1): keys typed in, the screen read back.
final class PseudoTerminal {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    let transcript = Transcript()

    /// Starts `vmcs-inspect` with `arguments` (shell-quoted here) on a terminal.
    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        let binary = try #require(Binary.url).path
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // script(1) runs the command through $SHELL. `exec` leaves the shell out of the terminal's
        // process group: a shell that stayed (dash does) would itself die of a Ctrl-C, and
        // script would report 130 for it.
        let command = (["exec", binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        process.arguments = ["-qfec", command.joined(separator: " "), "/dev/null"]
        process.currentDirectoryURL = Binary.root
        var environment = ProcessInfo.processInfo.environment
        environment["SHELL"] = "/bin/sh"  // CI may have none set, or one that is not a shell
        environment["TERM"] = "xterm"
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let transcript = self.transcript
        output.fileHandleForReading.readabilityHandler = { handle in transcript.append(handle.availableData) }
        try process.run()
    }

    /// What the terminal has shown, for failure messages.
    func screen() -> Comment { "terminal so far:\n\(transcript.text.debugDescription)" }

    /// Types keys, then waits (up to 20 s) until the screen shows `expected` that many times:
    /// a slow machine makes the test slower, not wrong.
    func type(_ keys: String, thenWaitFor expected: String, occurrences: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) {
        // Typing into a terminal whose program has ended would end the test process with
        // SIGPIPE (ignoring it process-wide would reach every child the tests start).
        guard process.isRunning else {
            Issue.record("the terminal's program has ended; \(screen())", sourceLocation: sourceLocation)
            return
        }
        try? input.fileHandleForWriting.write(contentsOf: Data(keys.utf8))
        #expect(
            transcript.wait(for: expected, occurrences: occurrences, seconds: 20), "waiting for \(expected); \(screen())",
            sourceLocation: sourceLocation)
    }

    /// Sends Ctrl-D and waits for the end; the exit status.
    func finish() -> Int32 {
        if process.isRunning { try? input.fileHandleForWriting.write(contentsOf: Data("\u{04}".utf8)) }
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        try? input.fileHandleForWriting.close()
        return process.terminationStatus
    }

    /// True when script(1) is there to run the test (util-linux's bsdutils).
    static var available: Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("script(1) is missing: install util-linux's bsdutils")
            return false
        }
        return true
    }
}
