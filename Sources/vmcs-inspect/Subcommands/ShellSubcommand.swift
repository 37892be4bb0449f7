import ArgumentParser
import VMCSInspect

#if canImport(Glibc)
    import Glibc
#endif

/// `vmcs-inspect shell`: reads command lines, parses each with the shell's own parser
/// (`ShellRoot`), runs it on the library's `ShellSession` and prints the reply through the text
/// renderer.
struct ShellSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell", _superCommandName: "vmcs-inspect",
        abstract: "Query, edit and compare snapshots interactively (GNU readline).",
        discussion: """
            Loads the files and reads commands: \(ShellSession.commands.map(\.name).joined(separator: ", ")). \
            A file gets a name (a, b, …, or 'load FILE as NAME'), and each of its dumps FILE@N \
            is NAME@N (a@0, a@1); @N alone is dump N of the current snapshot's file. -x FILE runs \
            the commands in FILE and -c CMD runs one command, in the order given, before reading \
            more, as gdb does; an error in them names the file and line. On a terminal, lines are \
            edited with GNU readline, with history kept in $XDG_STATE_HOME/vmcs-inspect/history \
            (or ~/.local/state/vmcs-inspect/history) and TAB completing commands, fields, bits \
            (after FIELD.), groups, snapshot names and file names; Ctrl-C abandons the line or \
            stops a long load, Ctrl-D leaves. Otherwise commands are read line by line with no \
            prompt, so scripts can drive it.

            EXAMPLES:
              vmcs-inspect shell samples/vmcs-several.kvm-4.x.log
              vmcs-inspect shell dump.log < queries.txt
              vmcs-inspect shell -c 'get VM_EXIT_REASON' -c quit samples/vmcs-several.kvm-4.x.log
              vmcs-inspect shell -x queries.txt dump.log

            EXIT STATUS:
              0 every command worked; 1 a command failed (scripts); 2 a file given on the \
            command line could not be read; 64 wrong arguments.
            """
    )

    @OptionGroup var inputs: InputList
    @OptionGroup var settings: SettingsOptions

    @Option(
        name: [.customShort("x"), .customLong("command")],
        help: ArgumentHelp("Run the commands in FILE first (repeatable).", valueName: "FILE"))
    var scripts: [String] = []

    @Option(
        name: [.customShort("c"), .customLong("eval-command")], parsing: .unconditionalSingleValue,
        help: ArgumentHelp("Run this command first (repeatable).", valueName: "CMD"))
    var commands: [String] = []

    @OptionGroup var colors: ColorOptions

    /// Where a command line came from, for error messages.
    enum Origin {
        case terminal
        case script(String, Int)
        case command(String)
    }

    func run() throws {
        let interactive = isatty(STDIN_FILENO) == 1
        // Readline is loaded only here, for a terminal (it is not linked: see CReadline).
        if interactive, let failure = Readline.load() {
            throw InspectError(nil, "the shell edits lines with GNU readline, which could not be loaded: " + failure)
        }
        let session = ShellSession(settings: settings.value)
        let renderer = TextRenderer(options: RenderOptions(color: colors.useColor())) { Terminal.write($0) }
        var source: LineSource = interactive ? ReadlineLines(session: session) : PlainLines()
        let interrupt = source.interruptCheck
        for file in inputs.files {
            let reply = try session.load(file, interrupt: interrupt)
            if interactive { reply.render(to: renderer) }
            Terminal.report(session.takeWarnings())
        }
        var failed = false
        // -x and -c in the order given, as gdb runs them.
        for item in startupItems() {
            switch item {
            case .script(let path):
                let lines = try ScriptFile.lines(path)
                for (number, line) in lines.enumerated() {
                    switch execute(line, in: session, renderer: renderer, origin: .script(path, number + 1), interrupt: interrupt) {
                    case .quit:
                        source.finish()
                        if failed { throw ExitCode(1) } else { return }
                    case .ok: break
                    case .failed: failed = true
                    }
                }
            case .command(let line):
                switch execute(line, in: session, renderer: renderer, origin: .command(line), interrupt: interrupt) {
                case .quit:
                    source.finish()
                    if failed { throw ExitCode(1) } else { return }
                case .ok: break
                case .failed: failed = true
                }
            }
        }
        var number = 0
        while true {
            // Whatever the last command printed reaches the terminal before the next prompt.
            Terminal.flush()
            guard let line = source.next(prompt: prompt(session)) else { break }
            number += 1
            source.remember(line)
            let origin: Origin = interactive ? .terminal : .script("<stdin>", number)
            switch execute(line, in: session, renderer: renderer, origin: origin, interrupt: interrupt) {
            case .quit:
                source.finish()
                if failed && !interactive { throw ExitCode(1) } else { return }
            case .ok: break
            case .failed: failed = true
            }
        }
        source.finish()
        if interactive { Terminal.write("\n") }
        if failed && !interactive { throw ExitCode(1) }
    }

    enum StartupItem {
        case script(String)
        case command(String)
    }

    /// `-x` scripts and `-c` commands in the order the command line gives them (the parser
    /// keeps each kind's order; the raw arguments tell how the two interleave).
    func startupItems() -> [StartupItem] {
        var scripts = self.scripts[...]
        var commands = self.commands[...]
        var items: [StartupItem] = []
        for argument in CommandLine.arguments.dropFirst() {
            if ["-x", "--command"].contains(argument) || argument.hasPrefix("--command=")
                || (argument.hasPrefix("-x") && argument.count > 2)
            {
                if let next = scripts.popFirst() { items.append(.script(next)) }
            } else if ["-c", "--eval-command"].contains(argument) || argument.hasPrefix("--eval-command=") {
                if let next = commands.popFirst() { items.append(.command(next)) }
            }
        }
        return items + scripts.map { .script($0) } + commands.map { .command($0) }
    }

    func prompt(_ session: ShellSession) -> String {
        guard let current = session.current else { return "vmcs-inspect> " }
        return "\(current.snapshot.architecture.structureName.lowercased()):\(current.name)\(current.isModified ? "*" : "")> "
    }

    enum Outcome { case ok, failed, quit }

    /// Runs one line; errors are reported and leave the session running.
    func execute(_ line: String, in session: ShellSession, renderer: TextRenderer, origin: Origin, interrupt: InterruptCheck?) -> Outcome {
        let words: [String]
        do {
            words = try ShellWords.split(line)
        } catch {
            report(error, origin)
            return .failed
        }
        guard let first = words.first, !first.hasPrefix("#") else { return .ok }
        guard ShellRoot.commandNames.contains(first) else {
            report(InspectError.usage("unknown command '\(PrintableText.escaped(first))' (help lists them)"), origin)
            return .failed
        }
        do {
            let command = try ShellRoot.parseAsRoot(OptionValues.joiningNegativeNumbers(words))
            guard let action = command as? ShellAction else {
                ShellRoot.summary.render(to: renderer)
                return .ok
            }
            let reply = try action.perform(session, interrupt: interrupt)
            Terminal.report(session.takeWarnings())
            switch reply {
            case .quit: return .quit
            case .document(let document): document.render(to: renderer)
            }
            return .ok
        } catch {
            Terminal.report(session.takeWarnings())
            report(error, origin)
            return .failed
        }
    }

    /// `vmcs-inspect: error: FILE:LINE: …` for a script's line, the message alone at a terminal.
    func report(_ error: Error, _ origin: Origin) {
        var message: String
        if let error = error as? InspectError {
            message = error.description
        } else {
            let text = ShellRoot.message(for: error)
            message = text.split(separator: "\n").first.map(String.init) ?? text
            if message.hasPrefix("Error: ") { message = String(message.dropFirst(7)) }
        }
        switch origin {
        case .terminal: break
        case .script(let file, let line): message = "\(file):\(line): " + message
        case .command(let command): message = "-c '\(command)': " + message
        }
        Terminal.writeError("vmcs-inspect: error: " + PrintableText.escaped(message))
    }
}

/// A `-x` script read whole (scripts are small), split into lines.
enum ScriptFile {
    static func lines(_ path: String) throws -> [String] {
        let reader = try FileSource(path: path, name: path)
        let bytes = try reader.readAll(limit: 16 << 20, what: "a script")
        var lines = LogLine.split(String(decoding: bytes, as: UTF8.self)).map { String($0) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
