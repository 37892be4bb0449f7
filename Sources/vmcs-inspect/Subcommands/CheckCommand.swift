import ArgumentParser
import VMCSInspect

struct ConsistencyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", _superCommandName: "vmcs-inspect",
        abstract: "Check a snapshot against the VM-entry or VMRUN consistency rules.",
        discussion: """
            Runs the rules the manuals give for a VMCS guest state to pass VM entry (Intel SDM \
            Vol. 3 section 27.2 and 27.3) or for a VMCB to pass VMRUN (AMD APM Vol. 2 section \
            15.5.1) on every snapshot in FILE, and prints each broken rule as a line with the \
            check's id, then the manual section. A rule whose fields the input does not hold \
            is not run, and a note says so: a missing field is never taken as zero. Rules that \
            depend on the processor (capability MSRs, physical-address width) are checked only \
            as far as a snapshot allows, so a clean result is not a promise that VM entry works.

            EXAMPLES:
              vmcs-inspect check samples/vmcs-entry-failure.kvm-5.x.log
              vmcs-inspect check samples/vmcb-vmrun-failure.kvm.log
              dmesg | vmcs-inspect check --index 0 -
              vmcs-inspect check --list

            EXIT STATUS:
              0 no errors (warnings may be printed); 1 a rule is broken; 2 the input could not \
            be read or decoded; 64 wrong arguments.
            """
    )

    @OptionGroup var settings: SettingsOptions

    @Argument(help: ArgumentHelp("The input file (FILE@N: only its Nth dump), or - for standard input.", valueName: "FILE"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("Check only the dump at this index (from 0) of a log with several.", valueName: "N"))
    var index: Int?

    @Flag(name: .long, help: "Print JSON (schema vmcs-inspect/check/1) instead of text.")
    var json = false

    @Flag(name: .long, help: "List the checks with the manual section each comes from, and exit.")
    var list = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let index, index < 0 { throw ValidationError("--index must be 0 or more") }
        if file == nil && !list { throw ValidationError("give a FILE to check (or --list)") }
    }

    func run() throws {
        guard let file, !list else {
            Terminal.write(CheckCommand.list())
            return
        }
        let request = CheckRequest(
            path: file, settings: settings.value, index: index, json: json, options: RenderOptions(color: !json && output.useColor()))
        let result = try CheckCommand.run(request)
        Terminal.write(result.output)
        Terminal.report(result.warnings)
        if result.hasErrors { throw ExitCode(1) }
    }
}
