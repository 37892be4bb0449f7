import ArgumentParser
import VMCSInspect

/// `vmcs-inspect show`: parses, calls `ShowCommand.run`, picks the renderer.
struct ShowSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", _superCommandName: "vmcs-inspect",
        abstract: "Decode and print VMCS or VMCB snapshots.",
        discussion: """
            Reads each FILE (or standard input for -), detects its format, and prints every field \
            the input holds, grouped as the manual groups them, with the decoded bits in words. \
            Fields the input did not contain are absent, never shown as zero; zero-valued \
            fields are folded away unless --all. Several inputs are shown in turn, each snapshot \
            under its own header.

            Field names may be given in any spelling: the Linux name, the manual's name, the VMCB \
            offset or the VMCS encoding (exit_info_1, EXITINFO1, exit-info1, 0x078; GUEST_RIP, \
            "Guest RIP", 0x681e); case, spaces, underscores and hyphens are ignored. FIELD.BIT \
            (guest.cr4.vmxe, GUEST_CR4.VMXE) shows the field with that bit beneath.

            FILE@N picks the Nth dump (from 0) of a log, as --index N does; -@N reads it from \
            standard input. A whole KVM trace is listed one row per event, with counts at the \
            end (--group or --field decode every exit instead).

            A raw page is read only when it shows what it is: a VMCB's marks (the VMRUN \
            intercept, an exit code the APM lists) or vmcs12's revision identifier. Any other \
            page is refused: --layout names a VMCS layout or vmsa (an SEV-ES save area), and \
            --format raw reads it as a VMCB anyway.

            EXAMPLES:
              vmcs-inspect show samples/vmcb-npf.bin
              vmcs-inspect show --offset 0x1000 memory.img
              vmcs-inspect show --group exit --group segments samples/vmcb-ioio.hexdump
              dmesg | vmcs-inspect show --field exit_code --field exit_info_1 -@0
              vmcs-inspect show --field guest.cr4.vmxe samples/vmcs-ept-violation.kvm-6.12.log
              vmcs-inspect show --json samples/vmcb-npf.kvm.log
              vmcs-inspect show --jsonl big.log | jq -c 'select(.type == "snapshot") | .reference'
              vmcs-inspect show a.log b.log
              vmcs-inspect show --layout hyperv-evmcs evmcs.bin

            EXIT STATUS:
              0 decoded; 2 an input could not be read or decoded; 64 wrong arguments (unknown \
            field or group, --index out of range).
            """
    )

    @OptionGroup var inputs: InputList
    @OptionGroup var settings: SettingsOptions

    @Option(name: .long, help: ArgumentHelp("Show only the dump at this index (from 0) of each log with several.", valueName: "N"))
    var index: Int?

    @Option(name: .long, help: ArgumentHelp("Show only this group of fields (repeatable).", valueName: "GROUP"), completion: .groupNames)
    var group: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("Show only this field, or FIELD.BIT (repeatable; any spelling).", valueName: "NAME"),
        completion: .fieldNames)
    var field: [String] = []

    @Flag(name: .long, help: "Show zero-valued fields too.")
    var all = false

    @Option(
        name: .long, help: ArgumentHelp("List bits beneath each field: none, set or all.", valueName: "WHICH"),
        completion: .list(BitDetailArgument.allValueStrings))
    var bits: BitDetailArgument = .none

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let index, index < 0 { throw ValidationError("--index must be 0 or more") }
        if inputs.files.isEmpty { throw ValidationError("give a FILE to show (- for standard input)") }
    }

    func run() throws {
        let request = ShowRequest(
            inputs: inputs.files, settings: settings.value, index: index, groups: group, fields: field, showAll: all, bits: bits.value)
        try Self.run(request, to: output.renderer())
    }

    /// Runs `request`, with the warnings and exit status every `show` ends with.
    static func run(_ request: ShowRequest, to renderer: any DocumentRenderer) throws {
        var request = request
        request.concurrent = !Terminal.oneThread
        try Terminal.finish(ShowCommand.run(request, to: renderer))
    }
}
