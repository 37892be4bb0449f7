import ArgumentParser
import VMCSInspect

struct FieldsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields", _superCommandName: "vmcs-inspect",
        abstract: "List the catalog of VMCS and VMCB fields.",
        discussion: """
            Lists every field the tool knows: for the VMCS its encoding, Linux name, width, type \
            and SDM name; for the VMCB its offset, size, Linux name, group and APM name. PATTERN \
            keeps the fields whose id, names, title, offset or encoding contain it (case, spaces, \
            underscores, hyphens and dots ignored).

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

    @Flag(name: .long, help: "Print JSON (schema vmcs-inspect/fields/1) instead of text.")
    var json = false

    func run() throws {
        let architectures = arch.map { [$0.value] } ?? [.vmx, .svm]
        let matches = architectures.compactMap(Catalog.forArchitecture).flatMap { FieldList.matching(pattern, in: $0) }
        Terminal.write(FieldList.run(pattern: pattern, architectures: architectures, json: json))
        if matches.isEmpty {
            if !json { Terminal.writeError("vmcs-inspect: no field matches '\(pattern ?? "")'") }
            throw ExitCode(1)
        }
    }
}
