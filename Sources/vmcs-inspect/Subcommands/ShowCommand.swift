import ArgumentParser
import VMCSInspect

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", _superCommandName: "vmcs-inspect",
        abstract: "Decode and print VMCS or VMCB snapshots.",
        discussion: """
            Reads FILE (or standard input for -), detects its format, and prints every field the \
            input holds, grouped as the manual groups them, with the decoded bits in words. \
            Fields the input did not contain are absent, never shown as zero; zero-valued \
            fields are folded away unless --all.

            Field names may be given in any spelling: the Linux name, the manual's name, the VMCB \
            offset or the VMCS encoding (exit_info_1, EXITINFO1, exit-info1, 0x078; GUEST_RIP, \
            "Guest RIP", 0x681e); case, spaces, underscores and hyphens are ignored.

            FILE@N picks the Nth dump (from 0) of a log, as --index N does.

            A raw page is a VMCB unless it starts with KVM's vmcs12 revision identifier or \
            --layout says how a VMCS is laid out in it.

            EXAMPLES:
              vmcs-inspect show samples/vmcb-npf.bin
              vmcs-inspect show --offset 0x1000 memory.img
              vmcs-inspect show --group exit --group segments samples/vmcb-ioio.hexdump
              dmesg | vmcs-inspect show --index 0 --field exit_code --field exit_info_1 -
              vmcs-inspect show --json samples/vmcb-npf.kvm.log
              vmcs-inspect show --group exit_info samples/vmcs-entry-failure.kvm-5.x.log
              vmcs-inspect show --layout hyperv-evmcs evmcs.bin

            EXIT STATUS:
              0 decoded; 2 the input could not be read or decoded; 64 wrong arguments \
            (unknown field or group, --index out of range).
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("Show only the dump at this index (from 0) of a log with several.", valueName: "N"))
    var index: Int?

    @Flag(name: .long, help: "Print JSON (schema vmcs-inspect/show/1) instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Show only this group of fields (repeatable).", valueName: "GROUP"), completion: .groupNames)
    var group: [String] = []

    @Option(name: .long, help: ArgumentHelp("Show only this field (repeatable; any spelling).", valueName: "NAME"), completion: .fieldNames)
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
    }

    func run() throws {
        let request = ShowRequest(
            path: input.file, settings: input.settings.value, index: index, json: json,
            groups: group, fields: field,
            options: RenderOptions(color: !json && output.useColor(), showAll: all, bits: bits.value))
        let result = try Show.run(request) { Terminal.write($0) }
        Terminal.report(result.warnings)
    }
}
