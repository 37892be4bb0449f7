import ArgumentParser
import VMCSInspect

/// What a shell command does with the session.
enum ShellReply {
    case text(String)
    case quit
}

protocol ShellAction {
    func perform(_ session: ShellSession) throws -> ShellReply
}

/// The shell's command language: one subcommand per command, parsed with parseAsRoot.
struct ShellRoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "",
        abstract: "vmcs-inspect shell commands",
        subcommands: [
            LoadCommand.self, SnapshotsCommand.self, UseCommand.self, ShowFieldsCommand.self, GetCommand.self, BitsCommand.self,
            FindCommand.self, ListFieldsCommand.self, SetCommand.self, ResetCommand.self, ShellDiffCommand.self,
            ShellExplainCommand.self, ShellCheckCommand.self, ExportCommand.self, HelpCommand.self, QuitCommand.self,
        ])

    /// The command list `help` prints.
    static var summary: String {
        let rows: [(String, String)] = configuration.subcommands.map { command in
            let configuration = command.configuration
            return (([configuration.commandName ?? ""] + configuration.aliases).joined(separator: ", "), configuration.abstract)
        }
        let width = rows.map(\.0.count).max() ?? 0
        return "Commands (help COMMAND for more):\n"
            + rows.map { "  " + $0.0.padded(to: width + 2) + $0.1 }.joined(separator: "\n") + "\n"
            + "Fields take any spelling (Linux name, manual name, offset or encoding); FIELD.BIT names a bit.\n"
    }
}

struct LoadCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(
        commandName: "load", abstract: "Load FILE (every dump, FILE@N, or a crash dump's page as FILE@0xADDR), optionally 'as NAME'.")
    @Argument(help: "The input (FILE or FILE@N).") var file: String
    @Argument(help: "'as NAME' to name the snapshot.") var rest: [String] = []
    @Option(name: .long, help: ArgumentHelp("The page at this guest-physical address of a crash dump (or FILE@0xADDR).", valueName: "ADDR"))
    var phys: NumberArgument?

    func validate() throws {
        guard rest.isEmpty || (rest.count == 2 && rest[0] == "as") else { throw ValidationError("expected 'load FILE [as NAME]'") }
    }

    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.load(file, as: rest.last, physicalAddress: phys?.value)) }
}

struct SnapshotsCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(
        commandName: "snapshots", abstract: "List the loaded snapshots; * marks the current one.")
    func perform(_ session: ShellSession) throws -> ShellReply { .text(session.listSnapshots()) }
}

struct UseCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "use", abstract: "Make snapshot NAME the current one.")
    @Argument var name: String
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.use(name)) }
}

struct ShowFieldsCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the current snapshot, or only these groups and fields.")
    @Argument var names: [String] = []
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.show(names)) }
}

struct GetCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one field: its value and decoded bits.")
    @Argument var field: String
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.get(field)) }
}

struct BitsCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "bits", abstract: "Show every bit of a field, set or not, with its name.")
    @Argument var field: String
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.get(field, allBits: true)) }
}

struct FindCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(
        commandName: "find", abstract: "Find fields and bits whose name or description matches.")
    @Argument var pattern: [String]
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.find(pattern.joined(separator: " "))) }
}

struct ListFieldsCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(
        commandName: "fields", abstract: "List the catalog for the current snapshot's architecture.")
    @Argument var pattern: String?
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.fields(pattern)) }
}

struct SetCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "What-if edit: set FIELD VALUE, or FIELD.BIT VALUE (0|1, a number or a value name).")
    @Argument var target: String
    @Argument var value: String
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.set(target, value)) }
}

struct ResetCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "reset", abstract: "Undo every edit of the current snapshot.")
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.reset()) }
}

struct ShellDiffCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Compare the current snapshot with B, or A with B.")
    @Argument var names: [String]
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.diff(names).output) }
}

struct ShellExplainCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain why the current snapshot's vCPU exited.")
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.explain()) }
}

struct ShellCheckCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Run the VM-entry or VMRUN consistency rules on the current snapshot, edits included.")
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.check()) }
}

struct ExportCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the current snapshot to FILE as a field log (or --json).")
    @Argument var file: String
    @Flag(name: .long) var json = false
    func perform(_ session: ShellSession) throws -> ShellReply { .text(try session.export(to: file, json: json)) }
}

struct HelpCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "help", abstract: "List the commands, or describe one.")
    @Argument var command: String?

    func perform(_ session: ShellSession) throws -> ShellReply {
        guard let command else { return .text(ShellRoot.summary) }
        guard
            let type = ShellRoot.configuration.subcommands.first(where: {
                $0.configuration.commandName == command || $0.configuration.aliases.contains(command)
            })
        else {
            throw InspectError.usage("no command '\(command)' (help lists them)")
        }
        return .text(ShellRoot.helpMessage(for: type, columns: 100) + "\n")
    }
}

struct QuitCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "quit", abstract: "Leave the shell (Ctrl-D too).", aliases: ["exit"])
    func perform(_ session: ShellSession) throws -> ShellReply { .quit }
}

/// Splits a command line into words: spaces separate, quotes group, backslash escapes.
enum ShellWords {
    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if character == "\\" && quote != "'" {
                escaped = true
                inWord = true
                continue
            }
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quote != nil { throw InspectError.usage("unterminated quote") }
        if inWord { words.append(current) }
        return words
    }
}
