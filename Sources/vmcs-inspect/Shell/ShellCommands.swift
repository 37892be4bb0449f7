import ArgumentParser
import VMCSInspect

/// What a shell command does with the session.
enum ShellReply {
    case document(Document)
    case quit
}

/// A shell command that runs on the session.
protocol ShellAction {
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply
}

/// The shell's command language: one subcommand per command, parsed with parseAsRoot. The
/// commands and their abstracts are `ShellSession.commands`; a test keeps the two in step.
struct ShellRoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "",
        abstract: "vmcs-inspect shell commands",
        subcommands: [
            LoadCommand.self, SnapshotsCommand.self, UseCommand.self, ShowFieldsCommand.self, GetCommand.self, BitsCommand.self,
            FindCommand.self, ListFieldsCommand.self, SetCommand.self, ResetCommand.self, ShellDiffCommand.self,
            ShellExplainCommand.self, ShellCheckCommand.self, ExportCommand.self, HelpCommand.self, QuitCommand.self,
        ])

    /// The names a line may start with: every command and its aliases.
    static let commandNames: Set<String> = Set(ShellSession.commands.map(\.name) + ["exit"])

    /// The abstract of a command, from the session's list.
    static func abstract(_ name: String) -> String { ShellSession.commands.first { $0.name == name }?.abstract ?? "" }

    /// The command list `help` prints.
    static var summary: Document {
        let rows = ShellSession.commands.map { ($0.name == "quit" ? "quit, exit" : $0.name, $0.abstract) }
        let width = rows.map(\.0.count).max() ?? 0
        let text =
            "Commands (help COMMAND for more):\n" + rows.map { "  " + $0.0.padded(to: width + 2) + $0.1 }.joined(separator: "\n") + "\n"
            + "Fields take any spelling (Linux name, manual name, offset or encoding); FIELD.BIT names a bit (guest.cr4.vmxe).\n"
            + "Snapshots are named NAME@N for dump N of a file loaded as NAME; @N alone is dump N of the current file."
        return Document(.shell, [.message(text)])
    }
}

struct LoadCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "load", abstract: ShellRoot.abstract("load"))
    @Argument(help: "The input (FILE, FILE@N or FILE@0xADDR).") var file: String
    @Argument(help: "'as NAME' to name the snapshot.") var rest: [String] = []
    @Option(name: .long, help: ArgumentHelp("The page at this guest-physical address of a crash dump (or FILE@0xADDR).", valueName: "ADDR"))
    var phys: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("This input's format (raw reads a page that shows no kind as a VMCB).", valueName: "FORMAT"))
    var format: FormatArgument?
    @Option(name: .long, help: ArgumentHelp("How this page is laid out: kvm-vmcs12, hyperv-evmcs, vmsa or a layout file.", valueName: "LAYOUT"))
    var layout: String?

    func validate() throws {
        guard rest.isEmpty || (rest.count == 2 && rest[0] == "as") else { throw ValidationError("expected 'load FILE [as NAME]'") }
    }

    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply {
        .document(
            try session.load(
                file, as: rest.last, physicalAddress: phys?.value, format: format?.value, layout: layout, interrupt: interrupt))
    }
}

struct SnapshotsCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "snapshots", abstract: ShellRoot.abstract("snapshots"))
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply { .document(session.listSnapshots()) }
}

struct UseCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "use", abstract: ShellRoot.abstract("use"))
    @Argument(help: ArgumentHelp("A snapshot's name as 'snapshots' lists it (NAME@N), or @N for dump N of the current file.", valueName: "NAME"))
    var name: String
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply { .document(try session.use(name)) }
}

struct ShowFieldsCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "show", abstract: ShellRoot.abstract("show"))
    @Argument(help: ArgumentHelp("Groups (guest, exit, …) and fields in any spelling to show; none for the whole snapshot.", valueName: "GROUP|FIELD"))
    var names: [String] = []
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply { .document(try session.show(names)) }
}

struct GetCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "get", abstract: ShellRoot.abstract("get"))
    @Argument(help: ArgumentHelp("A field in any spelling (Linux name, manual name, offset or encoding), or a bit as FIELD.BIT.", valueName: "FIELD"))
    var field: String
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply { .document(try session.get(field)) }
}

struct BitsCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "bits", abstract: ShellRoot.abstract("bits"))
    @Argument(help: ArgumentHelp("A field in any spelling (Linux name, manual name, offset or encoding).", valueName: "FIELD"))
    var field: String
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply {
        .document(try session.get(field, allBits: true))
    }
}

struct FindCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "find", abstract: ShellRoot.abstract("find"))
    @Argument(help: ArgumentHelp("Text to look for in the names and titles of fields and bits.", valueName: "PATTERN"))
    var pattern: [String]
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply {
        .document(try session.find(pattern.joined(separator: " ")))
    }
}

struct ListFieldsCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "fields", abstract: ShellRoot.abstract("fields"))
    @Argument(help: ArgumentHelp("Only fields whose id, names, title, offset or encoding contain this, or the field of a bit id (guest.cr4.vmxe).", valueName: "PATTERN"))
    var pattern: String?
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply { .document(try session.fields(pattern)) }
}

struct SetCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "set", abstract: ShellRoot.abstract("set"))
    @Argument(help: ArgumentHelp("The field to change (any spelling), or one bit of it as FIELD.BIT.", valueName: "FIELD[.BIT]"))
    var target: String
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("The new value: a number (0x hex or decimal), or a value name where the field or bit has them; a flag takes 0 or 1.", valueName: "VALUE"))
    var value: [String] = []

    func validate() throws {
        guard value.count == 1 else { throw ValidationError("expected 'set FIELD VALUE' or 'set FIELD.BIT VALUE'") }
    }

    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply {
        .document(try session.set(target, value.first ?? ""))
    }
}

struct ResetCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "reset", abstract: ShellRoot.abstract("reset"))
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply { .document(try session.reset()) }
}

struct ShellDiffCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: ShellRoot.abstract("diff"))
    @Argument(help: ArgumentHelp("One snapshot (B) to compare with the current one, or two (A B), named as 'use' takes them.", valueName: "NAME"))
    var names: [String]
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply { .document(try session.diff(names).document) }
}

struct ShellExplainCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: ShellRoot.abstract("explain"))
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply { .document(try session.explain()) }
}

struct ShellCheckCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "check", abstract: ShellRoot.abstract("check"))
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply { .document(try session.check()) }
}

struct ExportCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "export", abstract: ShellRoot.abstract("export"))
    @Argument(help: ArgumentHelp("The file to write.", valueName: "FILE")) var file: String
    @Flag(name: .long, help: "Write the snapshot as show --all --json writes it, not as a field log.") var json = false
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply {
        .document(try session.export(to: file, json: json))
    }
}

struct HelpCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "help", abstract: ShellRoot.abstract("help"))
    @Argument(help: ArgumentHelp("The command to describe.", valueName: "COMMAND")) var command: String?

    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply {
        guard let command else { return .document(ShellRoot.summary) }
        guard
            let type = ShellRoot.configuration.subcommands.first(where: {
                $0.configuration.commandName == command || $0.configuration.aliases.contains(command)
            })
        else {
            throw InspectError.usage("unknown command '\(PrintableText.escaped(command))' (help lists them)")
        }
        return .document(Document(.shell, [.message(ShellRoot.helpMessage(for: type, columns: 100))]))
    }
}

struct QuitCommand: ParsableCommand, ShellAction {
    static let configuration = CommandConfiguration(commandName: "quit", abstract: ShellRoot.abstract("quit"), aliases: ["exit"])
    func perform(_ session: ShellSession, interrupt: InterruptCheck?) throws -> ShellReply { .quit }
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
