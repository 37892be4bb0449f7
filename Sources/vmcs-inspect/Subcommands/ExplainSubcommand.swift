import ArgumentParser
import VMCSInspect

/// `vmcs-inspect explain`: parses, calls `ExplainCommand.run`, picks the renderer.
struct ExplainSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", _superCommandName: "vmcs-inspect",
        abstract: "Explain an exit in sentences, from dumps or from bare numbers.",
        discussion: """
            With FILE (or FILE@N, or several), tells why each vCPU exited: the exit reason or \
            code, the qualification or EXITINFO decoded, the event being delivered at the time, \
            the instruction length and RIP, the failure the producer printed beside the dump, and \
            VirtualBox's HM error. With 'vmx' or 'svm' and numbers, does the same from a line \
            like 'KVM: entry failed, hardware error 0x80000021' or a trace event. Each sentence \
            ends with the manual section it comes from. Numbers are decimal, hex with 0x, or \
            negative; exit reasons and exit codes may also be given by name, as the manuals, \
            Linux or KVM's traces spell them (--reason EPT_VIOLATION, --exit-code npf, \
            --exit-code VMEXIT_NPF); '--reason list' and '--exit-code list' list the names. The \
            SVM exit code -1 (VMEXIT_INVALID) may be given as -1, as 0xffffffffffffffff, or as \
            0xffffffff as 32-bit logs print it: a 32-bit exit code with bit 31 set is \
            sign-extended, as everywhere else. When a dump records a failed VM entry or VMRUN, the \
            rules that could cause it follow, broken ones by name; --cpu FILE and --maxphyaddr \
            BITS decide the rules that need the processor's capabilities, as for check.

            EXAMPLES:
              vmcs-inspect explain vmx --reason 0x80000021
              vmcs-inspect explain vmx --reason EPT_VIOLATION --qualification 0x181 --guest-physical 0xfebf1000
              vmcs-inspect explain vmx --instruction-error 8
              vmcs-inspect explain vmx --reason 0 --intr-info 0x80000b0e --error-code 2
              vmcs-inspect explain svm --exit-code npf --info1 0x100000004 --info2 0xfee00000
              vmcs-inspect explain svm --exit-code -1
              vmcs-inspect explain samples/vmcb-npf.kvm.log samples/vmcs-several.kvm-4.x.log@1

            EXIT STATUS:
              0 explained; 2 an input could not be read or decoded; 64 wrong arguments (an \
            unknown exit name, a number that does not parse).
            """
    )

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Dumps (FILE, FILE@N, several), or 'vmx' or 'svm' followed by numbers.", valueName: "FILE|vmx|svm"),
        completion: .architectureOrFiles)
    var arguments: [String] = []

    /// The targets as an input list, which knows `-@N`, `--` and options the command lacks.
    var targets: InputList {
        var list = InputList()
        list.arguments = arguments
        return list
    }

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("VMX: the exit reason (VM_EXIT_REASON), a number or a name.", valueName: "N|NAME"))
    var reason: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("VMX: the exit qualification.", valueName: "N")) var qualification:
        String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("VMX: VM-exit interruption information.", valueName: "N"))
    var intrInfo: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("VMX: VM-exit interruption error code.", valueName: "N"))
    var errorCode: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("VMX: IDT-vectoring information.", valueName: "N"))
    var idtVectoringInfo: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("VMX: IDT-vectoring error code.", valueName: "N")) var idtErrorCode:
        String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("VMX: the VM-instruction error number.", valueName: "N"))
    var instructionError: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("VMX: the VM-exit instruction length.", valueName: "N"))
    var instructionLength: String?
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("VMX: the VM-exit instruction information (VMX_INSTRUCTION_INFO).", valueName: "N"))
    var instructionInfo: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("VMX: the guest-linear address.", valueName: "ADDR")) var guestLinear:
        String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("VMX: the guest-physical address.", valueName: "ADDR"))
    var guestPhysical: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("SVM: EXITCODE, a number or a name.", valueName: "N|NAME"))
    var exitCode: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("SVM: EXITINFO1.", valueName: "N")) var info1: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("SVM: EXITINFO2.", valueName: "N")) var info2: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("SVM: EXITINTINFO (bits 31:0).", valueName: "N")) var exitIntInfo:
        String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("SVM: EXITINTINFO's error code.", valueName: "N")) var exitIntInfoErr:
        String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("SVM: EVENTINJ (bits 31:0).", valueName: "N")) var eventInj: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("SVM: EVENTINJ's error code.", valueName: "N")) var eventInjErr:
        String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The guest RIP.", valueName: "ADDR")) var rip: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("SVM: nRIP, the next RIP.", valueName: "ADDR")) var nextRip: String?

    @OptionGroup var settings: SettingsOptions

    @OptionGroup var processor: ProcessorOptions

    @OptionGroup var output: OutputOptions

    /// The numbers given, by what they are.
    var values: [ExitValue: String] {
        let all: [(ExitValue, String?)] = [
            (.reason, reason), (.qualification, qualification), (.intrInfo, intrInfo), (.errorCode, errorCode),
            (.idtVectoringInfo, idtVectoringInfo), (.idtErrorCode, idtErrorCode), (.instructionError, instructionError),
            (.instructionLength, instructionLength), (.instructionInfo, instructionInfo), (.guestLinear, guestLinear),
            (.guestPhysical, guestPhysical), (.exitCode, exitCode), (.info1, info1), (.info2, info2), (.exitIntInfo, exitIntInfo),
            (.exitIntInfoErr, exitIntInfoErr), (.eventInj, eventInj), (.eventInjErr, eventInjErr), (.rip, rip), (.nextRip, nextRip),
        ]
        return Dictionary(all.compactMap { key, text in text.map { (key, $0) } }, uniquingKeysWith: { $1 })
    }

    /// `vmx` or `svm` when the first target names an architecture rather than a file.
    var architecture: Architecture? { targets.files.count == 1 ? targets.files.first.flatMap(Architecture.named) : nil }

    func validate() throws {
        try targets.validate()
        if targets.files.isEmpty { throw ValidationError("give a FILE to explain, or 'vmx' or 'svm' followed by numbers") }
        if targets.files.count > 1, let first = targets.files.first, Architecture.named(first) != nil {
            throw ValidationError(
                "'\(first)' takes numbers, not files: to explain a file, give it alone (a file named '\(first)' as ./\(first))")
        }
        if architecture == nil, !values.isEmpty { throw ValidationError("numbers go with 'vmx' or 'svm', not with a file") }
        // Bare numbers are no input and no guest state: what reads an input or checks a rule
        // would be ignored, so it is refused.
        if architecture != nil {
            let ignored = [
                ("--cpu", processor.cpu != nil), ("--maxphyaddr", processor.maxphyaddr != nil), ("--format", settings.format != nil),
                ("--offset", settings.offset != nil), ("--layout", settings.layout != nil), ("--radix", settings.radix != nil),
                ("--phys", settings.phys != nil),
            ].filter(\.1).map(\.0)
            if !ignored.isEmpty {
                throw ValidationError(
                    "\(ignored.joined(separator: ", ")) go\(ignored.count == 1 ? "es" : "") with a FILE: bare numbers are no input and no guest state")
            }
        }
    }

    func run() throws {
        let renderer = output.renderer()
        if let architecture {
            try Terminal.finish(ExplainCommand.run(ExplainRequest(source: .numbers(architecture, values)), to: renderer))
            return
        }
        let profile = try processor.profile()
        let request = ExplainRequest(source: .inputs(targets.files, settings.value), profile: profile)
        try Terminal.finish(ExplainCommand.run(request, to: renderer))
    }
}
