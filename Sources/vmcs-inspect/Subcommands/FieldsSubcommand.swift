import ArgumentParser
import VMCSInspect

/// `vmcs-inspect fields`: parses, calls `FieldsCommand.run`, picks the renderer.
struct FieldsSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields", _superCommandName: "vmcs-inspect",
        abstract: "List the catalog of VMCS and VMCB fields.",
        discussion: """
            Lists every field the tool knows: for the VMCS its encoding, Linux name, width, type \
            and SDM name; for the VMCB its offset, size, Linux name, group and APM name. PATTERN \
            keeps the fields whose id, names, title, offset or encoding contain it (case, spaces, \
            underscores, hyphens and dots ignored); a bit id such as guest.cr4.vmxe keeps the \
            field that holds the bit. JSON also lists each field's bit ids (guest.cr4.vmxe), \
            the names --field, diff --ignore and the shell take.

            With --input, the catalog of that input's structure, each field with the value the \
            input holds or 'absent' where it lacked the field (absent is not zero): what a \
            dump captured and what it did not. The input is named as everywhere else \
            (FILE@N, FILE@0xADDR or --phys ADDR for a crash dump's page, - for standard input).

            EXAMPLES:
              vmcs-inspect fields
              vmcs-inspect fields --arch vmx cr4
              vmcs-inspect fields exitinfo
              vmcs-inspect fields --json 0x68
              vmcs-inspect fields --input samples/vmcs-ept-violation.kvm-6.12.log guest_cr
              vmcs-inspect fields --input samples/cores/core.elf.gz --phys 0x100000 exit

            EXIT STATUS:
              0 fields listed; 1 no field matches; 2 the input could not be read or decoded; \
            64 wrong arguments.
            """
    )

    @Argument(help: ArgumentHelp("Only fields whose names contain this.", valueName: "PATTERN"), completion: .fieldNames)
    var pattern: String?

    @Option(
        name: .long, help: ArgumentHelp("Only this architecture: vmx (VMCS) or svm (VMCB).", valueName: "ARCH"),
        completion: .list(ArchitectureArgument.allValueStrings))
    var arch: ArchitectureArgument?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Show each field's value in this input (FILE, FILE@N, FILE@0xADDR, - for standard input), or 'absent'.",
            valueName: "FILE"),
        completion: .file())
    var input: String?

    @OptionGroup var settings: SettingsOptions

    @Option(name: .long, help: ArgumentHelp("With --input, the dump at this index (from 0) of a log with several.", valueName: "N"))
    var index: Int?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let index, index < 0 { throw ValidationError("--index must be 0 or more") }
        if input == nil {
            let given = settings.value
            if index != nil || given.format != nil || given.offset != nil || given.layout != nil || given.radix != nil
                || given.physicalAddress != nil
            {
                throw ValidationError("--index, --format, --offset, --layout, --radix and --phys describe an input: give it with --input FILE")
            }
        }
    }

    func run() throws {
        let request = FieldsRequest(
            pattern: pattern, architectures: arch.map { [$0.value] }, input: input, settings: settings.value, index: index)
        let outcome = try FieldsCommand.run(request, to: output.renderer())
        if outcome.answerIsNo, !output.json, !output.jsonl {
            Terminal.writeError("vmcs-inspect: no field matches '\(PrintableText.escaped(pattern ?? ""))'")
        }
        try Terminal.finish(outcome)
    }
}

extension FieldsSubcommand {
    /// `-@N` or `-@0xADDR`: standard input's dump N or page ADDR, which `--input` takes
    /// (joined as `--input=-@1`, see OptionValues).
    static func isStandardInputDump(_ word: String) -> Bool {
        word.hasPrefix("-@") && word.count > 2 && word.dropFirst(2).allSatisfy { $0.isHexDigit || $0 == "x" }
    }
}
