import ArgumentParser
import VMCSInspect

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", _superCommandName: "vmcs-inspect",
        abstract: "Explain an exit in sentences, from a dump or from bare numbers.",
        discussion: """
            With FILE (or FILE@N), tells why that vCPU exited: the exit reason or code, the \
            qualification or EXITINFO decoded, the event being delivered at the time, the \
            instruction length and RIP. With 'vmx' or 'svm' and numbers, does the same from a \
            line like 'KVM: entry failed, hardware error 0x80000021' or a trace event. Each \
            sentence ends with the manual section it comes from. Numbers are decimal, or hex \
            with 0x. The SVM exit code -1 (VMEXIT_INVALID) may be given as --exit-code=-1, as \
            0xffffffffffffffff, or as 0xffffffff as 32-bit logs print it: a 32-bit exit code \
            with bit 31 set is sign-extended, as everywhere else. When the dump records a \
            failed VM entry or VMRUN, the rules that could cause it follow, broken ones by name; \
            --cpu FILE and --maxphyaddr BITS decide the rules that need the processor's \
            capabilities, as for check.

            EXAMPLES:
              vmcs-inspect explain vmx --reason 0x80000021
              vmcs-inspect explain vmx --reason 48 --qualification 0x181 --guest-physical 0xfebf1000
              vmcs-inspect explain vmx --instruction-error 8
              vmcs-inspect explain vmx --reason 0 --intr-info 0x80000b0e --error-code 2
              vmcs-inspect explain svm --exit-code 0x400 --info1 0x100000004 --info2 0xfee00000
              vmcs-inspect explain svm --exit-code 0x7b --info1 0x3f80210
              vmcs-inspect explain samples/vmcb-npf.kvm.log

            EXIT STATUS:
              0 explained; 2 the input could not be read or decoded; 64 wrong arguments.
            """
    )

    @Argument(
        help: ArgumentHelp("A dump (FILE or FILE@N), or 'vmx' or 'svm' followed by numbers.", valueName: "FILE|vmx|svm"),
        completion: .architectureOrFiles)
    var target: String

    @Option(name: .long, help: ArgumentHelp("VMX: the exit reason (VM_EXIT_REASON).", valueName: "N")) var reason: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("VMX: the exit qualification.", valueName: "N")) var qualification: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("VMX: VM-exit interruption information.", valueName: "N")) var intrInfo: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("VMX: VM-exit interruption error code.", valueName: "N")) var errorCode: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("VMX: IDT-vectoring information.", valueName: "N")) var idtVectoringInfo: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("VMX: IDT-vectoring error code.", valueName: "N")) var idtErrorCode: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("VMX: the VM-instruction error number.", valueName: "N")) var instructionError: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("VMX: the VM-exit instruction length.", valueName: "N")) var instructionLength: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("VMX: the VM-exit instruction information (VMX_INSTRUCTION_INFO).", valueName: "N"))
    var instructionInfo: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("VMX: the guest-linear address.", valueName: "ADDR")) var guestLinear: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("VMX: the guest-physical address.", valueName: "ADDR")) var guestPhysical: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("SVM: EXITCODE.", valueName: "N")) var exitCode: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("SVM: EXITINFO1.", valueName: "N")) var info1: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("SVM: EXITINFO2.", valueName: "N")) var info2: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("SVM: EXITINTINFO (bits 31:0).", valueName: "N")) var exitIntInfo: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("SVM: EXITINTINFO's error code.", valueName: "N")) var exitIntInfoErr: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("SVM: EVENTINJ (bits 31:0).", valueName: "N")) var eventInj: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("SVM: EVENTINJ's error code.", valueName: "N")) var eventInjErr: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("The guest RIP.", valueName: "ADDR")) var rip: NumberArgument?
    @Option(name: .long, help: ArgumentHelp("SVM: nRIP, the next RIP.", valueName: "ADDR")) var nextRip: NumberArgument?

    @OptionGroup var settings: SettingsOptions

    @Option(
        name: .long, help: ArgumentHelp("A processor profile for the rules a recorded failure points to (see check).", valueName: "FILE"),
        completion: .file())
    var cpu: String?

    @Option(name: .long, help: ArgumentHelp("The processor's physical-address width, 32 to 52.", valueName: "BITS"))
    var maxphyaddr: Int?

    var vmxValues: [String: UInt64?] {
        [
            "exit.reason": reason?.value, "exit.qualification": qualification?.value, "exit.intr_info": intrInfo?.value,
            "exit.intr_error_code": errorCode?.value, "exit.idt_vectoring_info": idtVectoringInfo?.value,
            "exit.idt_vectoring_error_code": idtErrorCode?.value, "exit.instruction_error": instructionError?.value,
            "exit.instruction_len": instructionLength?.value, "exit.instruction_info": instructionInfo?.value,
            "exit.guest_linear_address": guestLinear?.value,
            "exit.guest_physical_address": guestPhysical?.value,
        ]
    }

    var svmValues: [String: UInt64?] {
        [
            // 32-bit exit codes are sign-extended by the library (SVMExitCode), as in every input.
            "control.exit_code": exitCode?.value, "control.exit_info_1": info1?.value, "control.exit_info_2": info2?.value,
            "control.exit_int_info": exitIntInfo?.value, "control.exit_int_info_err": exitIntInfoErr?.value,
            "control.event_inj": eventInj?.value, "control.event_inj_err": eventInjErr?.value, "control.next_rip": nextRip?.value,
        ]
    }

    func validate() throws {
        let vmxGiven = vmxValues.values.contains { $0 != nil }
        let svmGiven = svmValues.values.contains { $0 != nil }
        switch target.lowercased() {
        case "vmx", "vmcs":
            if svmGiven { throw ValidationError("SVM options (--exit-code, --info1, …) do not go with 'vmx'") }
            if !vmxGiven { throw ValidationError("give at least one VMX number, such as --reason 0x80000021") }
        case "svm", "vmcb":
            if vmxGiven { throw ValidationError("VMX options (--reason, --qualification, …) do not go with 'svm'") }
            if !svmGiven { throw ValidationError("give at least one SVM number, such as --exit-code 0x400") }
        default:
            if vmxGiven || svmGiven || rip != nil { throw ValidationError("numbers go with 'vmx' or 'svm', not with a file") }
        }
        if let maxphyaddr, !(32...52).contains(maxphyaddr) { throw ValidationError("--maxphyaddr must be 32 to 52") }
    }

    func run() throws {
        let source: ExplainRequest.Source
        switch target.lowercased() {
        case "vmx", "vmcs":
            var values = vmxValues.compactMapValues { $0 }
            if let rip = rip?.value { values["guest.rip"] = rip }
            source = .numbers(.vmx, values)
        case "svm", "vmcb":
            var values = svmValues.compactMapValues { $0 }
            if let rip = rip?.value { values["save.rip"] = rip }
            source = .numbers(.svm, values)
        default:
            source = .input(InputReference.parse(target), settings.value)
        }
        let profile = try CheckCommand.profile(file: cpu, maxPhysicalAddress: maxphyaddr)
        let result = try Explain.run(ExplainRequest(source: source, profile: profile))
        Terminal.write(result.output)
        Terminal.report(result.warnings)
    }
}
