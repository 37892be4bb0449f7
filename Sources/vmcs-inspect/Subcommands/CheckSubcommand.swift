import ArgumentParser
import VMCSInspect

/// `vmcs-inspect check`: parses, calls `CheckCommand.run`, picks the renderer.
struct CheckSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", _superCommandName: "vmcs-inspect",
        abstract: "Check snapshots against the VM-entry or VMRUN consistency rules.",
        discussion: """
            Runs every rule the manuals give for a VMCS to pass VM entry (Intel SDM Vol. 3 \
            sections 27.2 to 27.4: controls, host state, guest state) or for a VMCB to pass \
            VMRUN (AMD APM Vol. 2 sections 15.5.1 and 15.20) on every snapshot of each FILE. Each \
            rule holds, is broken, or is undecided: a rule is broken only when its fields prove \
            it on every processor; one that needs a field the input lacks, a capability of the \
            processor or memory the state points to is undecided, and a missing field is never \
            taken as zero. check prints the broken rules with their manual sections, the failure \
            the input records (exit reason 33 or 34, VM-instruction error 7 or 8, VMEXIT_INVALID, \
            VirtualBox's VERR_VMX_INVALID_GUEST_STATE with its HM error) with the rules that could \
            cause it, and a count of undecided rules; --unknown lists \
            what each needs (JSON always does). --cpu FILE gives the processor's capability MSRs \
            and CPUID leaves, one NAME = VALUE per line (see the man page), and --maxphyaddr BITS \
            its physical-address width; rules that need them are decided with them. Several \
            inputs are checked in turn, each snapshot under a header.

            EXAMPLES:
              vmcs-inspect check samples/vmcs-entry-failure.kvm-5.x.log
              vmcs-inspect check samples/vmcb-vmrun-failure.kvm.log
              vmcs-inspect check --unknown --maxphyaddr 46 samples/vmcs-entry-failure.kvm-5.x.log
              vmcs-inspect check --cpu host.profile vmcs.log
              dmesg | vmcs-inspect check -@0
              vmcs-inspect check --jsonl big.log | jq -c 'select(.counts.errors > 0) | .reference'
              vmcs-inspect check --list

            EXIT STATUS:
              0 no rule is broken (warnings and undecided rules may be printed); 1 a rule is \
            broken; 2 an input or the profile could not be read or decoded; 64 wrong arguments.
            """
    )

    @OptionGroup var settings: SettingsOptions
    @OptionGroup var inputs: InputList

    @Option(name: .long, help: ArgumentHelp("Check only the dump at this index (from 0) of each log with several.", valueName: "N"))
    var index: Int?

    @Flag(name: .long, help: "List every rule with its id, manual section and what it needs, and exit.")
    var list = false

    @Flag(name: .long, help: "List the undecided rules and what to capture to decide them.")
    var unknown = false

    @OptionGroup var processor: ProcessorOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let index, index < 0 { throw ValidationError("--index must be 0 or more") }
        if inputs.files.isEmpty && !list { throw ValidationError("give a FILE to check (or --list)") }
        if list, !inputs.files.isEmpty { throw ValidationError("--list lists the rules and reads no FILE: give one or the other") }
    }

    func run() throws {
        let renderer = output.renderer()
        guard !list else {
            CheckCommand.list(to: renderer)
            return
        }
        let profile = try processor.profile()
        try Self.run(CheckRequest(inputs: inputs.files, settings: settings.value, index: index, unknown: unknown, profile: profile), to: renderer)
    }

    /// Runs `request`, with the warnings and exit status every `check` ends with.
    static func run(_ request: CheckRequest, to renderer: any DocumentRenderer) throws {
        var request = request
        request.concurrent = !Terminal.oneThread
        try Terminal.finish(CheckCommand.run(request, to: renderer))
    }
}
