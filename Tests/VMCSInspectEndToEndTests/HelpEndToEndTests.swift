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
}
