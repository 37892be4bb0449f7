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
            underscores, hyphens and dots ignored). JSON also lists each field's bit ids \
            (guest.cr4.vmxe), the names --field, diff --ignore and the shell take.

            EXAMPLES:
              vmcs-inspect fields
              vmcs-inspect fields --arch vmx cr4
              vmcs-inspect fields exitinfo
              vmcs-inspect fields --json 0x68

            EXIT STATUS:
              0 fields listed; 1 no field matches; 64 wrong arguments.
            """
    )

    @Argument(help: ArgumentHelp("Only fields whose names contain this.", valueName: "PATTERN"), completion: .fieldNames)
    var pattern: String?

    @Option(
        name: .long, help: ArgumentHelp("Only this architecture: vmx (VMCS) or svm (VMCB).", valueName: "ARCH"),
        completion: .list(ArchitectureArgument.allValueStrings))
    var arch: ArchitectureArgument?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let request = FieldsRequest(pattern: pattern, architectures: arch.map { [$0.value] } ?? [.vmx, .svm])
        let outcome = FieldsCommand.run(request, to: output.renderer())
        if outcome.answerIsNo, !output.json, !output.jsonl {
            Terminal.writeError("vmcs-inspect: no field matches '\(PrintableText.escaped(pattern ?? ""))'")
        }
        try Terminal.finish(outcome)
    }
}
