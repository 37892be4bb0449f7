// swift-format-ignore-file
// (catalog rows stay one per line)
// What each exit means, in words, with where the manual says so. Sources: Intel SDM Vol. 3
// (325384-084) Appendix C and chapter 27 to 28; AMD APM Vol. 2 (24593 rev 3.42) Appendix C and
// chapter 15. The sentences are written for this tool from those sections.

/// A description of an exit and the manual section it comes from.
public struct ExitDescription: Sendable {
    public let text: String
    public let reference: String

    init(_ text: String, _ reference: String) {
        self.text = text
        self.reference = reference
    }
}

/// Descriptions of VMX exit reasons and SVM exit codes.
public enum Explanations {
    static let appendixC = "SDM Vol. 3 Appendix C"

    /// Basic VMX exit reasons.
    public static let vmx: [UInt64: ExitDescription] = [
        0: ExitDescription("an exception or NMI that the exception bitmap or NMI exiting intercepts", "SDM Vol. 3 section 26.2, Appendix C"),
        1: ExitDescription("an external interrupt (external-interrupt exiting is on)", "SDM Vol. 3 section 26.2, Appendix C"),
        2: ExitDescription("a triple fault in the guest", "SDM Vol. 3 section 26.2, Appendix C"),
        3: ExitDescription("an INIT signal", "SDM Vol. 3 section 26.2, Appendix C"),
        4: ExitDescription("a start-up IPI (SIPI) in wait-for-SIPI state", "SDM Vol. 3 section 26.2, Appendix C"),
        5: ExitDescription("an SMI right after an I/O instruction (I/O SMI)", appendixC),
        6: ExitDescription("an SMI not related to I/O (other SMI)", appendixC),
        7: ExitDescription("the opening of an interrupt window (interrupt-window exiting is on)", "SDM Vol. 3 section 26.2, Appendix C"),
        8: ExitDescription("the end of virtual-NMI blocking (NMI-window exiting is on)", "SDM Vol. 3 section 26.2, Appendix C"),
        9: ExitDescription("a task switch in the guest", "SDM Vol. 3 section 26.4.2, Appendix C"),
        10: ExitDescription("the guest\'s CPUID (always intercepted)", "SDM Vol. 3 section 26.1.2, Appendix C"),
        11: ExitDescription("the guest\'s GETSEC", "SDM Vol. 3 section 26.1.2, Appendix C"),
        12: ExitDescription("the guest\'s HLT (HLT exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        13: ExitDescription("the guest\'s INVD (always intercepted)", "SDM Vol. 3 section 26.1.2, Appendix C"),
        14: ExitDescription("the guest\'s INVLPG (INVLPG exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        15: ExitDescription("the guest\'s RDPMC (RDPMC exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        16: ExitDescription("the guest\'s RDTSC (RDTSC exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        17: ExitDescription("the guest\'s RSM in SMM", "SDM Vol. 3 section 26.1.3, Appendix C"),
        18: ExitDescription("the guest\'s VMCALL", "SDM Vol. 3 section 26.1.2, Appendix C"),
        19: ExitDescription("the guest\'s VMCLEAR", "SDM Vol. 3 section 26.1.2, Appendix C"),
        20: ExitDescription("the guest\'s VMLAUNCH", "SDM Vol. 3 section 26.1.2, Appendix C"),
        21: ExitDescription("the guest\'s VMPTRLD", "SDM Vol. 3 section 26.1.2, Appendix C"),
        22: ExitDescription("the guest\'s VMPTRST", "SDM Vol. 3 section 26.1.2, Appendix C"),
        23: ExitDescription("the guest\'s VMREAD", "SDM Vol. 3 section 26.1.3, Appendix C"),
        24: ExitDescription("the guest\'s VMRESUME", "SDM Vol. 3 section 26.1.2, Appendix C"),
        25: ExitDescription("the guest\'s VMWRITE", "SDM Vol. 3 section 26.1.3, Appendix C"),
        26: ExitDescription("the guest\'s VMXOFF", "SDM Vol. 3 section 26.1.2, Appendix C"),
        27: ExitDescription("the guest\'s VMXON", "SDM Vol. 3 section 26.1.2, Appendix C"),
        28: ExitDescription("a control-register access (MOV to/from CR0, CR3, CR4 or CR8, CLTS or LMSW) the controls intercept", "SDM Vol. 3 section 26.1.3, Appendix C"),
        29: ExitDescription("a MOV to or from a debug register (MOV-DR exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        30: ExitDescription("an I/O instruction the I/O bitmaps or unconditional I/O exiting intercept", "SDM Vol. 3 section 26.1.3, Appendix C"),
        31: ExitDescription("an RDMSR the MSR bitmaps intercept", "SDM Vol. 3 section 26.1.3, Appendix C"),
        32: ExitDescription("a WRMSR the MSR bitmaps intercept", "SDM Vol. 3 section 26.1.3, Appendix C"),
        33: ExitDescription("invalid guest state: the guest-state area failed the VM-entry checks", "SDM Vol. 3 sections 27.3.1 and 27.8"),
        34: ExitDescription("an MSR-loading failure: an entry of the VM-entry MSR-load area could not be loaded", "SDM Vol. 3 sections 27.4 and 27.8"),
        36: ExitDescription("the guest\'s MWAIT (MWAIT exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        37: ExitDescription("a monitor trap flag exit (single step for the hypervisor)", "SDM Vol. 3 section 26.5.2, Appendix C"),
        39: ExitDescription("the guest\'s MONITOR (MONITOR exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        40: ExitDescription("the guest's PAUSE (PAUSE exiting or PAUSE-loop exiting)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        41: ExitDescription("a machine-check event during VM entry", "SDM Vol. 3 sections 27.9 and 27.8"),
        43: ExitDescription("the virtual TPR dropping below the TPR threshold", "SDM Vol. 3 section 30.1.2, Appendix C"),
        44: ExitDescription("an access to the APIC-access page that is not virtualized", "SDM Vol. 3 section 30.4, Appendix C"),
        45: ExitDescription("a virtualized EOI for a vector set in the EOI-exit bitmap", "SDM Vol. 3 section 30.1.4, Appendix C"),
        46: ExitDescription("the guest's LGDT, LIDT, SGDT or SIDT (descriptor-table exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        47: ExitDescription("the guest's LLDT, LTR, SLDT or STR (descriptor-table exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        48: ExitDescription("an EPT violation: a guest-physical access the EPT paging structures do not allow", "SDM Vol. 3 section 29.3.3.2, Appendix C"),
        49: ExitDescription("an EPT misconfiguration: an EPT paging-structure entry is invalid", "SDM Vol. 3 section 29.3.3.1, Appendix C"),
        50: ExitDescription("the guest\'s INVEPT", "SDM Vol. 3 section 26.1.2, Appendix C"),
        51: ExitDescription("the guest\'s RDTSCP (RDTSC exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        52: ExitDescription("the VMX-preemption timer reaching zero", "SDM Vol. 3 section 26.5.1, Appendix C"),
        53: ExitDescription("the guest\'s INVVPID", "SDM Vol. 3 section 26.1.2, Appendix C"),
        54: ExitDescription("the guest\'s WBINVD or WBNOINVD (WBINVD exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        55: ExitDescription("the guest\'s XSETBV (always intercepted)", "SDM Vol. 3 section 26.1.2, Appendix C"),
        56: ExitDescription("an APIC write that needs the hypervisor to complete its virtualization", "SDM Vol. 3 section 30.4.3.3, Appendix C"),
        57: ExitDescription("the guest\'s RDRAND (RDRAND exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        58: ExitDescription("the guest\'s INVPCID (INVLPG exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        59: ExitDescription("a VMFUNC that failed or asked for a function not enabled", "SDM Vol. 3 section 26.5.6, Appendix C"),
        60: ExitDescription("the guest\'s ENCLS and the ENCLS-exiting bitmap intercepts that leaf", "SDM Vol. 3 section 26.1.3, Appendix C"),
        61: ExitDescription("the guest\'s RDSEED (RDSEED exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        62: ExitDescription("a full page-modification log", "SDM Vol. 3 section 29.3.6, Appendix C"),
        63: ExitDescription("the guest's XSAVES of a component set in the XSS-exiting bitmap", "SDM Vol. 3 section 26.1.3, Appendix C"),
        64: ExitDescription("the guest's XRSTORS of a component set in the XSS-exiting bitmap", "SDM Vol. 3 section 26.1.3, Appendix C"),
        65: ExitDescription("the guest\'s PCONFIG", "SDM Vol. 3 section 26.1.3, Appendix C"),
        66: ExitDescription("an event related to sub-page write permissions", "SDM Vol. 3 section 29.3.4, Appendix C"),
        67: ExitDescription("the guest\'s UMWAIT", "SDM Vol. 3 section 26.1.3, Appendix C"),
        68: ExitDescription("the guest\'s TPAUSE", "SDM Vol. 3 section 26.1.3, Appendix C"),
        69: ExitDescription("the guest\'s LOADIWKEY (LOADIWKEY exiting is on)", "SDM Vol. 3 section 26.1.3, Appendix C"),
        70: ExitDescription("the guest\'s ENCLV and the ENCLV-exiting bitmap intercepts that leaf", "SDM Vol. 3 section 26.1.3, Appendix C"),
        72: ExitDescription("an ENQCMD whose PASID could not be translated", "SDM Vol. 3 section 26.5.8, Appendix C"),
        73: ExitDescription("an ENQCMDS whose PASID could not be translated", "SDM Vol. 3 section 26.5.8, Appendix C"),
        74: ExitDescription("a bus lock, with VMM bus-lock detection on", "SDM Vol. 3 section 26.2, Appendix C"),
        75: ExitDescription("an instruction timeout: no instruction boundary within the notify window", "SDM Vol. 3 section 26.2, Appendix C"),
        76: ExitDescription("the guest\'s SEAMCALL", appendixC),
        77: ExitDescription("the guest\'s TDCALL", appendixC),
        78: ExitDescription("the guest\'s RDMSRLIST", appendixC),
        79: ExitDescription("the guest\'s WRMSRLIST", appendixC),
        80: ExitDescription("the guest\'s URDMSR (user-mode RDMSR)", appendixC),
        81: ExitDescription("the guest\'s UWRMSR (user-mode WRMSR)", appendixC),
        84: ExitDescription("the guest\'s RDMSR with an immediate operand, which the MSR bitmaps intercept", appendixC),
        85: ExitDescription("the guest\'s WRMSRNS with an immediate operand, which the MSR bitmaps intercept", appendixC),
    ]

    static let tableC1 = "APM Vol. 2 Appendix C, Table C-1"

    /// SVM exit codes outside the numbered ranges.
    static let svmCodes: [UInt64: ExitDescription] = [
        0x60: ExitDescription("a physical interrupt (INTR)", tableC1),
        0x61: ExitDescription("a non-maskable interrupt", tableC1),
        0x62: ExitDescription("a system-management interrupt", tableC1),
        0x63: ExitDescription("an INIT signal", tableC1),
        0x64: ExitDescription("a virtual interrupt (VINTR) became deliverable", tableC1),
        0x65: ExitDescription("a write of CR0 that changed bits other than CR0.TS or CR0.MP", tableC1),
        0x66: ExitDescription("a read of IDTR", tableC1), 0x67: ExitDescription("a read of GDTR", tableC1),
        0x68: ExitDescription("a read of LDTR", tableC1), 0x69: ExitDescription("a read of TR", tableC1),
        0x6a: ExitDescription("a write of IDTR", tableC1), 0x6b: ExitDescription("a write of GDTR", tableC1),
        0x6c: ExitDescription("a write of LDTR", tableC1), 0x6d: ExitDescription("a write of TR", tableC1),
        0x6e: ExitDescription("the guest\'s RDTSC", tableC1), 0x6f: ExitDescription("the guest\'s RDPMC", tableC1),
        0x70: ExitDescription("the guest\'s PUSHF", tableC1), 0x71: ExitDescription("the guest\'s POPF", tableC1),
        0x72: ExitDescription("the guest\'s CPUID", tableC1), 0x73: ExitDescription("the guest\'s RSM", tableC1),
        0x74: ExitDescription("the guest\'s IRET", tableC1), 0x75: ExitDescription("the guest\'s INTn (a software interrupt)", tableC1),
        0x76: ExitDescription("the guest\'s INVD", tableC1), 0x77: ExitDescription("the guest\'s PAUSE (past the pause filter)", tableC1),
        0x78: ExitDescription("the guest\'s HLT", tableC1), 0x79: ExitDescription("the guest\'s INVLPG", tableC1),
        0x7a: ExitDescription("the guest\'s INVLPGA", tableC1),
        0x7b: ExitDescription("an IN or OUT the I/O permission map intercepts", "APM Vol. 2 section 15.10.2, Table C-1"),
        0x7c: ExitDescription("an RDMSR or WRMSR the MSR permission map intercepts", "APM Vol. 2 section 15.11, Table C-1"),
        0x7d: ExitDescription("a task switch", tableC1),
        0x7e: ExitDescription("a processor freeze for legacy FERR handling", tableC1),
        0x7f: ExitDescription("a shutdown (triple fault) in the guest", tableC1),
        0x80: ExitDescription("the guest\'s VMRUN", tableC1), 0x81: ExitDescription("the guest\'s VMMCALL", tableC1),
        0x82: ExitDescription("the guest\'s VMLOAD", tableC1), 0x83: ExitDescription("the guest\'s VMSAVE", tableC1),
        0x84: ExitDescription("the guest\'s STGI", tableC1), 0x85: ExitDescription("the guest\'s CLGI", tableC1),
        0x86: ExitDescription("the guest\'s SKINIT", tableC1), 0x87: ExitDescription("the guest\'s RDTSCP", tableC1),
        0x88: ExitDescription("the guest\'s ICEBP", tableC1), 0x89: ExitDescription("the guest\'s WBINVD or WBNOINVD", tableC1),
        0x8a: ExitDescription("the guest\'s MONITOR or MONITORX", tableC1),
        0x8b: ExitDescription("the guest\'s MWAIT or MWAITX", tableC1),
        0x8c: ExitDescription("the guest\'s MWAIT or MWAITX with the monitor armed", tableC1),
        0x8d: ExitDescription("the guest\'s XSETBV", tableC1), 0x8e: ExitDescription("the guest\'s RDPRU", tableC1),
        0x8f: ExitDescription("a write of EFER, trapped after it completed (EXITINFO1 holds the new value)", tableC1),
        0xa0: ExitDescription("the guest\'s INVLPGB", tableC1),
        0xa1: ExitDescription("the guest\'s an illegally specified INVLPGB", tableC1),
        0xa2: ExitDescription("the guest\'s INVPCID", tableC1), 0xa3: ExitDescription("the guest\'s MCOMMIT", tableC1),
        0xa4: ExitDescription("the guest\'s TLBSYNC", tableC1), 0xa5: ExitDescription("the bus-lock threshold being reached", tableC1),
        0xa6: ExitDescription("the guest\'s HLT with no virtual interrupt pending", tableC1),
        0x400: ExitDescription("a nested page fault: the nested page tables do not allow this guest-physical access", "APM Vol. 2 section 15.25.6, Table C-1"),
        0x401: ExitDescription("an IPI that AVIC could not complete", "APM Vol. 2 section 15.29 (AVIC), Table C-1"),
        0x402: ExitDescription("an access to an APIC register AVIC does not accelerate", "APM Vol. 2 section 15.29 (AVIC), Table C-1"),
        0x403: ExitDescription("the SEV-ES guest's VMGEXIT", tableC1),
        UInt64.max: ExitDescription("invalid guest state: the VMCB did not pass VMRUN's consistency checks", "APM Vol. 2 section 15.5.1, Table C-1"),
        UInt64.max - 1: ExitDescription("a busy VMSA", tableC1),
        UInt64.max - 2: ExitDescription("a processor that must first be idle", tableC1),
    ]

    /// SVM exit codes, the numbered ranges included.
    public static func svm(_ code: UInt64) -> ExitDescription? {
        switch code {
        case 0x00...0x0f: return ExitDescription("a read of CR\(code)", tableC1)
        case 0x10...0x1f: return ExitDescription("a write of CR\(code - 0x10)", tableC1)
        case 0x20...0x2f: return ExitDescription("a read of DR\(code - 0x20)", tableC1)
        case 0x30...0x3f: return ExitDescription("a write of DR\(code - 0x30)", tableC1)
        case 0x40...0x5f:
            let vector = code - 0x40
            let mnemonic = Registers.exceptionMnemonics[vector].map { " (\($0))" } ?? ""
            return ExitDescription(
                "exception vector \(vector)\(mnemonic), which the exception intercepts catch", "APM Vol. 2 section 15.12, Table C-1")
        case 0x90...0x9f:
            return ExitDescription("a write of CR\(code - 0x90), trapped after it completed (EXITINFO1 holds the new value)", tableC1)
        default: return svmCodes[code]
        }
    }
}
