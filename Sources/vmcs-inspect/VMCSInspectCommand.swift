import ArgumentParser
import VMCSInspect

#if canImport(Glibc)
    import Glibc
#endif

@main
struct VMCSInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vmcs-inspect",
        abstract: "Decode Intel VMCS and AMD VMCB state from pages, hex dumps and hypervisor logs.",
        discussion: """
            Reads raw 4 KiB pages, hex dumps of them (xxd, hexdump -C, od, gdb x/gx, crash rd), \
            KVM's dump_vmcs()/dump_vmcb() and Xen's VMCS dumps from logs, and plain field lists, \
            and decodes every field into named bits.

            EXAMPLES:
              vmcs-inspect show samples/vmcb-npf.bin
              dmesg | vmcs-inspect show --field exit_code --field exit_info_1 -
              vmcs-inspect diff kvm.log@0 kvm.log@1
              vmcs-inspect explain vmx --reason EPT_VIOLATION
              vmcs-inspect check --json kvm.log
              vmcs-inspect fields cr4

            EXIT STATUS:
              0 success; 1 the answer is "no" (diff: the snapshots differ; check: a rule is \
            broken; fields: no match); 2 an input could not be read or decoded; 64 wrong \
            arguments. Every error is one line on standard error, 'vmcs-inspect: error: …'.
            """,
        // `--version` alone is answered in main() with Version.text, which loads readline to
        // name its version; the root configuration is built for help and completions too.
        version: "vmcs-inspect \(Version.number)",
        subcommands: [
            ShowSubcommand.self, DiffSubcommand.self, ExplainSubcommand.self, CheckSubcommand.self, FieldsSubcommand.self,
            ShellSubcommand.self, ScanSubcommand.self,
        ]
    )

    /// The subcommand a name selects. A plain switch: building every subcommand's
    /// configuration to look the name up costs more start-up time than the lookup saves.
    static func subcommand(named name: String) -> (any ParsableCommand.Type)? {
        switch name {
        case "show": return ShowSubcommand.self
        case "diff": return DiffSubcommand.self
        case "explain": return ExplainSubcommand.self
        case "check": return CheckSubcommand.self
        case "fields": return FieldsSubcommand.self
        case "shell": return ShellSubcommand.self
        case "scan": return ScanSubcommand.self
        default: return nil
        }
    }

    static func main() {
        Terminal.preparePipes()
        let arguments = Array(CommandLine.arguments.dropFirst())
        // `--version` alone is answered here: its text names the readline the shell loads, and
        // loading it for the root's configuration would cost every help and completion.
        if arguments == ["--version"] {
            Terminal.write(Version.text + "\n")
            Terminal.flush()
            return
        }
        // `show FILE…` and `check FILE…` with nothing but inputs skip the argument parser
        // (PlainInvocation). Any other subcommand line is parsed by that subcommand alone: the
        // argument parser then reflects only its options, not the whole command tree. Everything
        // else (--help, completion scripts) goes through the root.
        if let name = arguments.first, let command = subcommand(named: name) {
            do {
                if try PlainInvocation.run(name, Array(arguments.dropFirst())) {
                    Terminal.flush()
                    return
                }
                var rest = OptionValues.joiningNegativeNumbers(Array(arguments.dropFirst()))
                if name == "fields" { rest = OptionValues.joined(rest, options: ["--input"], when: FieldsSubcommand.isStandardInputDump) }
                var parsed = try command.parseAsRoot(rest)
                try parsed.run()
                Terminal.flush()
            } catch {
                report(error, of: command)
            }
            return
        }
        // The argument parser answers `help NAME` for a NAME that is no sub-command with the
        // top-level help and status 0: a typo would pass for an answer.
        if arguments.count >= 2, arguments[0] == "help", !arguments[1].hasPrefix("-"), arguments[1] != "help",
            subcommand(named: arguments[1]) == nil
        {
            Terminal.writeError(
                "vmcs-inspect: error: no sub-command '\(PrintableText.escaped(arguments[1]))': the sub-commands are show, diff, explain, check, fields, shell and scan (see 'vmcs-inspect --help')"
            )
            Glibc.exit(64)
        }
        do {
            var command = try parseAsRoot(OptionValues.joiningNegativeNumbers(arguments))
            try command.run()
            Terminal.flush()
        } catch {
            report(error, of: Self.self)
        }
    }

    /// Errors as one line, `vmcs-inspect: error: …`, with the documented exit status; help,
    /// version and clean exits as the argument parser prints them.
    static func report(_ error: any Error, of command: any ParsableCommand.Type) -> Never {
        if let error = error as? InspectError {
            Terminal.writeError("vmcs-inspect: error: " + PrintableText.escaped(error.description))
            Glibc.exit(error.isUsage ? 64 : 2)
        }
        let code = command.exitCode(for: error)
        if code == .success || error is ExitCode {
            if command == VMCSInspectCommand.self, let help = CompletionInstall.topLevelHelp(for: error) {
                Terminal.write(help + "\n")
                Terminal.flush()
                Glibc.exit(0)
            }
            Terminal.flush()
            command.exit(withError: error)
        }
        // The argument parser's own message, in this tool's form, on one line.
        let name = ([command.configuration._superCommandName, command.configuration.commandName].compactMap { $0 }).joined(separator: " ")
        // Its list of allowed values, printed as `  - name` lines after the first, joins it.
        let lines = command.message(for: error).split(separator: "\n")
        let allowed = lines.dropFirst().prefix { $0.hasPrefix("  - ") }.map { $0.dropFirst(4) }
        var message = lines.first.map(String.init) ?? "\(error)"
        if !allowed.isEmpty { message += " " + allowed.joined(separator: ", ") }
        if message.hasPrefix("Error: ") { message = String(message.dropFirst(7)) }
        if let first = message.first, first.isUppercase, message.dropFirst().first?.isLowercase == true {
            message = first.lowercased() + message.dropFirst()
        }
        Terminal.writeError("vmcs-inspect: error: " + PrintableText.escaped(message) + " (see '\(name) --help')")
        Glibc.exit(code.rawValue)
    }
}

enum Version {
    static let number = "0.1.0"
    /// The version line, with the version of the readline the shell loads (proof that it can).
    static var text: String {
        guard let readline = Readline.version else {
            let failure = Readline.load() ?? "unknown error"
            return "vmcs-inspect \(number) (GNU readline could not be loaded: \(failure))"
        }
        return "vmcs-inspect \(number) (GNU readline \(readline))"
    }
}
