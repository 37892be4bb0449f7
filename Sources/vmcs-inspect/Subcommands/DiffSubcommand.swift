import ArgumentParser
import VMCSInspect

/// `vmcs-inspect diff`: parses, calls `DiffCommand.run`, picks the renderer.
struct DiffSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", _superCommandName: "vmcs-inspect",
        abstract: "Compare two snapshots field by field and bit by bit.",
        discussion: """
            Compares A and B, any two inputs of the same architecture in any formats (a raw \
            VMCB page against a dump_vmcb log of the same state is fine). FILE@N picks the Nth \
            dump (from 0) of a log holding several; with one FILE, its consecutive dumps are \
            compared. Fields are matched by identity, never by position. For each changed field \
            the old and new values are shown with the change in words: bits set (+NAME) and \
            cleared (-NAME), sub-fields changed (TYPE code XR→data RW), and the exit reason or \
            qualification decoded on both sides when the exit changed. Fields present on one \
            side only are listed as such. --ignore takes one name per flag or a comma list; a \
            FIELD.BIT ignores that bit alone.

            EXAMPLES:
              vmcs-inspect diff good.log bad.log
              vmcs-inspect diff samples/vmcs-several.kvm-4.x.log
              vmcs-inspect diff kvm.log@0 kvm.log@2 --group guest
              vmcs-inspect diff --ignore TSC_OFFSET,guest.rip --json a.bin b.log
              vmcs-inspect diff --ignore guest.cr4.vmxe a.log b.log

            EXIT STATUS:
              0 no differences; 1 differences; 2 an input could not be read or decoded, or the \
            inputs are of different architectures; 64 wrong arguments.
            """
    )

    @OptionGroup var inputs: InputList

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Leave these fields (FIELD) or bits (FIELD.BIT) out of the comparison (repeatable, or a comma list; any spelling).",
            valueName: "NAMES"),
        completion: .fieldNames)
    var ignore: [String] = []

    @Option(name: .long, help: ArgumentHelp("Compare only this group of fields (repeatable).", valueName: "GROUP"), completion: .groupNames)
    var group: [String] = []

    @Flag(name: .long, help: "Show unchanged fields too.")
    var all = false

    @OptionGroup var settings: SettingsOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...2).contains(inputs.files.count) else { throw ValidationError("give one input (to compare its dumps) or two") }
    }

    func run() throws {
        let request = DiffRequest(
            inputs: inputs.files.map(InputReference.parse), settings: settings.value, ignore: ignore, groups: group, showAll: all)
        try Terminal.finish(DiffCommand.run(request, to: output.renderer()))
    }
}
