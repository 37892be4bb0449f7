import ArgumentParser
#if canImport(Glibc)
    import Glibc
#endif
import VMCSInspect

struct InteractiveShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell", _superCommandName: "vmcs-inspect",
        abstract: "Query, edit and compare snapshots interactively (GNU readline).",
        discussion: """
            Loads the files (each dump of a log becomes its own snapshot, named a, b, …) and \
            reads commands: load, snapshots, use, show, get, bits, find, fields, set, reset, \
            diff, explain, check, export, help, quit. On a terminal, lines are edited with GNU \
            readline, with history kept in $XDG_STATE_HOME/vmcs-inspect/history (or \
            ~/.local/state/vmcs-inspect/history) and TAB completing commands, fields, bits \
            (after FIELD.), groups, snapshot names and file names; Ctrl-C abandons the line, \
            Ctrl-D leaves. Otherwise commands are read line by line with no prompt, so scripts \
            can drive it.

            EXAMPLES:
              vmcs-inspect shell samples/vmcs-several.kvm-4.x.log
              vmcs-inspect shell dump.log < queries.txt

            EXIT STATUS:
              0 every command worked; 1 a command failed (scripts); 2 a file given on the \
            command line could not be read; 64 wrong arguments.
            """
    )

    @Argument(help: ArgumentHelp("Inputs to load (FILE or FILE@N).", valueName: "FILE"), completion: .file())
    var files: [String] = []

    @OptionGroup var settings: SettingsOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let interactive = isatty(STDIN_FILENO) == 1
        let session = ShellSession(options: RenderOptions(color: output.useColor()), settings: settings.value)
        for file in files {
            let text = try session.load(file)
            if interactive { Terminal.write(text) }
            Terminal.report(session.takeWarnings())
        }
        var source: LineSource = interactive ? ReadlineLines(session: session) : PlainLines()
        var failed = false
        while true {
            // Whatever the last command printed reaches the terminal before the next prompt.
            Terminal.flush()
            guard let line = source.next(prompt: prompt(session)) else { break }
            source.remember(line)
            switch execute(line, in: session) {
            case .quit: source.finish(); if failed { throw ExitCode(1) } else { return }
            case .ok: break
            case .failed: failed = true
            }
        }
        source.finish()
        if interactive { Terminal.write("\n") }
        if failed && !interactive { throw ExitCode(1) }
    }

    func prompt(_ session: ShellSession) -> String {
        guard let name = session.currentName, let entry = session.entries.first(where: { $0.name == name }) else { return "vmcs-inspect> " }
        return "\(entry.snapshot.architecture.structureName.lowercased()):\(name)\(entry.isModified ? "*" : "")> "
    }

    enum Outcome { case ok, failed, quit }

    /// Runs one line; errors are reported and leave the session running.
    func execute(_ line: String, in session: ShellSession) -> Outcome {
        let words: [String]
        do {
            words = try ShellWords.split(line)
        } catch {
            report(error)
            return .failed
        }
        guard !words.isEmpty, words.first?.hasPrefix("#") == false else { return .ok }
        do {
            let command = try ShellRoot.parseAsRoot(words)
            guard let action = command as? ShellAction else {
                Terminal.write(ShellRoot.summary)
                return .ok
            }
            let reply = try action.perform(session)
            Terminal.report(session.takeWarnings())
            switch reply {
            case .quit: return .quit
            case .text(let text): Terminal.write(text)
            }
            return .ok
        } catch {
            report(error)
            return .failed
        }
    }

    func report(_ error: Error) {
        if let error = error as? InspectError {
            Terminal.writeError("error: \(error)")
        } else {
            let message = ShellRoot.message(for: error)
            let firstLine = message.split(separator: "\n").first.map(String.init) ?? message
            Terminal.writeError("error: " + (firstLine.hasPrefix("Error: ") ? String(firstLine.dropFirst(7)) : firstLine))
        }
    }
}
