import Foundation
import Testing

/// Help, version and completion scripts.
@Suite struct HelpEndToEndTests {
    @Test func helpAndVersion() throws {
        let help = try Binary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("show"))
        #expect(help.stdout.contains("EXIT STATUS"))
        let showHelp = try Binary.run(["show", "--help"])
        #expect(showHelp.status == 0)
        for option in ["--format", "--offset", "--index", "--json", "--group", "--field", "--all", "--bits", "--color", "EXAMPLES"] {
            #expect(showHelp.stdout.contains(option), "\(option)")
        }
        let version = try Binary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.contains("GNU readline"))
    }
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) throws {
        let result = try Binary.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.stdout.contains("vmcs-inspect"))
        #expect(result.stdout.contains("explain"))
    }
}

/// The hand-written man page keeps up with --help.
@Suite struct ManPageTests {
    static func longOptions(in help: String) -> Set<String> {
        var options = Set<String>()
        for token in help.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
        where token.hasPrefix("--") && token.count > 2 {
            options.insert(String(token.dropFirst(2)))
        }
        return options
    }

    @Test func everySubcommandAndOptionInHelpIsInTheManPage() throws {
        let page = try String(contentsOf: Binary.root.appendingPathComponent("man/vmcs-inspect.1"), encoding: .utf8)
        let root = try Binary.run(["--help"])
        // Subcommand lines are indented by two spaces; wrapped abstracts by more.
        let subcommands =
            root.stdout.components(separatedBy: "SUBCOMMANDS:").last?
            .split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { !$0.isEmpty && $0 != "See" } ?? []
        #expect(subcommands == ["show", "diff", "explain", "check", "fields", "shell", "scan"])
        var options = Self.longOptions(in: root.stdout)
        for subcommand in subcommands {
            #expect(page.contains(".Ss \(subcommand)") || page.contains(".Cm \(subcommand)"), "subcommand \(subcommand)")
            options.formUnion(Self.longOptions(in: try Binary.run([subcommand, "--help"]).stdout))
        }
        #expect(options.contains("format"))
        for option in options {
            #expect(page.contains("Fl -\(option)"), "--\(option) is in --help but not in man/vmcs-inspect.1")
        }
    }

    /// An option value the tool does not know is answered with the values it knows, on the
    /// one error line (the argument parser prints a long list on lines of their own).
    @Test func anUnknownValueListsTheKnownOnes() throws {
        let format = try Binary.run(["show", "--format", "nosuch", "samples/vmcb-npf.bin"])
        #expect(format.status == 64)
        #expect(format.stderr.split(separator: "\n").count == 1, "\(format.stderr)")
        #expect(format.stderr.contains("Please provide one of the following: "), "\(format.stderr)")
        #expect(format.stderr.contains("following: xxd, hexdump, od, "), "\(format.stderr)")
        let kind = try Binary.run(["scan", "--kind", "nope", "samples/cores/core.kdump"])
        #expect(kind.stderr.split(separator: "\n").count == 1, "\(kind.stderr)")
        #expect(kind.stderr.contains("vmcb, "), "\(kind.stderr)")
    }

    /// Standard input's dumps are named `-@N`, as the error that asks for one says, and
    /// `fields --input -@1` takes that as the value it is.
    @Test func standardInputsDumpsAreNamedAsTheErrorSays() throws {
        let log = try Data(contentsOf: Binary.root.appendingPathComponent("samples/vmcs-several.kvm-4.x.log"))
        let ambiguous = try Binary.run(["diff", "-", "samples/vmcs-several.kvm-4.x.log@0"], stdin: log)
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("<stdin> holds 3 dumps: name one as -@N (from 0)"), "\(ambiguous.stderr)")
        let second = try Binary.run(["fields", "--input", "-@1", "exit"], stdin: log)
        #expect(second.status == 0, "\(second.stderr)")
        let named = try Binary.run(["fields", "--input", "samples/vmcs-several.kvm-4.x.log@1", "exit"])
        #expect(second.stdout == named.stdout.replacingOccurrences(of: "samples/vmcs-several.kvm-4.x.log", with: "<stdin>"))
    }

    /// `help NAME` for a NAME that is no sub-command is a mistake, not a request for the
    /// top-level help; `check --list` with a FILE would ignore the FILE. Both are refused.
    @Test func mistakesThatLookedLikeAnswersAreRefused() throws {
        let help = try Binary.run(["help", "shwo"])
        #expect(help.status == 64)
        #expect(help.stdout == "")
        #expect(help.stderr.hasPrefix("vmcs-inspect: error: no sub-command 'shwo': the sub-commands are show, diff"), "\(help.stderr)")
        let known = try Binary.run(["help", "show"])
        #expect(known.status == 0)
        #expect(known.stdout.hasPrefix("OVERVIEW: Decode and print VMCS or VMCB snapshots."))
        let list = try Binary.run(["check", "--list", "samples/vmcb-npf.bin"])
        #expect(list.status == 64)
        #expect(list.stdout == "")
        #expect(list.stderr.contains("--list lists the rules and reads no FILE"), "\(list.stderr)")
    }
}
