// swift-format-ignore-file
// (catalog rows stay one per line)
// Exit-reason names as KVM's trace events print them, one row per printed name. Sources:
// - Linux arch/x86/include/uapi/asm/vmx.h VMX_EXIT_REASONS and svm.h SVM_EXIT_REASONS, as the
//   kvm_exit format file of Linux 6.18 lists them (kvm_print_exit_reason() in
//   arch/x86/kvm/trace.h prints `exit_reason & 0xffff` through the VMX table since 5.7, the
//   whole value before; the SVM table takes the whole 32-bit code); `PENDING_INTERRUPT` is
//   reason 7 up to Linux 5.5 (renamed INTERRUPT_WINDOW by commit 9dadc2f918df).
// - libtraceevent plugins/plugin_kvm.c (trace-cmd report, perf with plugins): its own, older
//   VMX table and SVM names with an `EXIT_` prefix (EXIT_EXCP_BASE before the per-vector names
//   of 2020, EXIT_ERR for -1).
// A number no table names is printed as `0x%lx` by the kernel and as `UNKNOWN (%llu)` by the
// plugin; the reader parses those, they have no rows.

/// Who prints a trace's exit-reason names.
public struct KVMTracePrinters: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The kernel's TP_printk text (ftrace, trace_pipe, `trace-cmd report -N`, perf without plugins).
    public static let kernel = KVMTracePrinters(rawValue: 1)
    /// libtraceevent's plugin_kvm (`trace-cmd report`, perf when it finds the plugins).
    public static let plugin = KVMTracePrinters(rawValue: 2)
    public static let both: KVMTracePrinters = [.kernel, .plugin]
}

/// One exit-reason name as a trace prints it.
public struct KVMTraceExitName: Sendable {
    /// The name exactly as printed (case matters: VMX `HLT`, SVM `hlt`).
    public let name: String
    /// The basic VMX exit reason or the SVM exit code.
    public let value: UInt64
    public let architecture: Architecture
    public let printers: KVMTracePrinters
    /// Versions, when the name is not printed by every one.
    public let note: String

    init(_ name: String, _ value: UInt64, _ architecture: Architecture, _ printers: KVMTracePrinters, _ note: String = "") {
        self.name = name
        self.value = value
        self.architecture = architecture
        self.printers = printers
        self.note = note
    }
}

/// The exit-reason names of KVM's trace events (`kvm_exit`, `kvm_nested_vmexit`,
/// `kvm_nested_vmexit_inject`), and lookups by name.
public enum KVMTraceExitNames {
    // MARK: VMX (vmx.h VMX_EXIT_REASONS; plugin_kvm.c VMX_EXIT_REASONS)

    public static let vmx: [KVMTraceExitName] = [
        KVMTraceExitName("EXCEPTION_NMI", 0, .vmx, .both),
        KVMTraceExitName("EXTERNAL_INTERRUPT", 1, .vmx, .both),
        KVMTraceExitName("TRIPLE_FAULT", 2, .vmx, .both),
        KVMTraceExitName("INIT_SIGNAL", 3, .vmx, .kernel),
        KVMTraceExitName("SIPI_SIGNAL", 4, .vmx, .kernel),
        KVMTraceExitName("PENDING_INTERRUPT", 7, .vmx, .both, "kernel up to Linux 5.5"),
        KVMTraceExitName("INTERRUPT_WINDOW", 7, .vmx, .kernel, "Linux 5.6 and later (back-ported to 5.4.y)"),
        KVMTraceExitName("NMI_WINDOW", 8, .vmx, .both),
        KVMTraceExitName("TASK_SWITCH", 9, .vmx, .both),
        KVMTraceExitName("CPUID", 10, .vmx, .both),
        KVMTraceExitName("HLT", 12, .vmx, .both),
        KVMTraceExitName("INVD", 13, .vmx, .both),
        KVMTraceExitName("INVLPG", 14, .vmx, .both),
        KVMTraceExitName("RDPMC", 15, .vmx, .both),
        KVMTraceExitName("RDTSC", 16, .vmx, .both),
        KVMTraceExitName("VMCALL", 18, .vmx, .both),
        KVMTraceExitName("VMCLEAR", 19, .vmx, .both),
        KVMTraceExitName("VMLAUNCH", 20, .vmx, .both),
        KVMTraceExitName("VMPTRLD", 21, .vmx, .both),
        KVMTraceExitName("VMPTRST", 22, .vmx, .both),
        KVMTraceExitName("VMREAD", 23, .vmx, .both),
        KVMTraceExitName("VMRESUME", 24, .vmx, .both),
        KVMTraceExitName("VMWRITE", 25, .vmx, .both),
        KVMTraceExitName("VMOFF", 26, .vmx, .both),
        KVMTraceExitName("VMON", 27, .vmx, .both),
        KVMTraceExitName("CR_ACCESS", 28, .vmx, .both),
        KVMTraceExitName("DR_ACCESS", 29, .vmx, .both),
        KVMTraceExitName("IO_INSTRUCTION", 30, .vmx, .both),
        KVMTraceExitName("MSR_READ", 31, .vmx, .both),
        KVMTraceExitName("MSR_WRITE", 32, .vmx, .both),
        KVMTraceExitName("INVALID_STATE", 33, .vmx, .kernel),
        KVMTraceExitName("MSR_LOAD_FAIL", 34, .vmx, .kernel),
        KVMTraceExitName("MWAIT_INSTRUCTION", 36, .vmx, .both),
        KVMTraceExitName("MONITOR_TRAP_FLAG", 37, .vmx, .kernel),
        KVMTraceExitName("MONITOR_INSTRUCTION", 39, .vmx, .both),
        KVMTraceExitName("PAUSE_INSTRUCTION", 40, .vmx, .both),
        KVMTraceExitName("MCE_DURING_VMENTRY", 41, .vmx, .both),
        KVMTraceExitName("TPR_BELOW_THRESHOLD", 43, .vmx, .both),
        KVMTraceExitName("APIC_ACCESS", 44, .vmx, .both),
        KVMTraceExitName("EOI_INDUCED", 45, .vmx, .both),
        KVMTraceExitName("GDTR_IDTR", 46, .vmx, .kernel),
        KVMTraceExitName("LDTR_TR", 47, .vmx, .kernel),
        KVMTraceExitName("EPT_VIOLATION", 48, .vmx, .both),
        KVMTraceExitName("EPT_MISCONFIG", 49, .vmx, .both),
        KVMTraceExitName("INVEPT", 50, .vmx, .both),
        KVMTraceExitName("RDTSCP", 51, .vmx, .kernel),
        KVMTraceExitName("PREEMPTION_TIMER", 52, .vmx, .both),
        KVMTraceExitName("INVVPID", 53, .vmx, .kernel),
        KVMTraceExitName("WBINVD", 54, .vmx, .both),
        KVMTraceExitName("XSETBV", 55, .vmx, .both),
        KVMTraceExitName("APIC_WRITE", 56, .vmx, .both),
        KVMTraceExitName("RDRAND", 57, .vmx, .kernel),
        KVMTraceExitName("INVPCID", 58, .vmx, .both),
        KVMTraceExitName("VMFUNC", 59, .vmx, .kernel),
        KVMTraceExitName("ENCLS", 60, .vmx, .kernel),
        KVMTraceExitName("RDSEED", 61, .vmx, .kernel),
        KVMTraceExitName("PML_FULL", 62, .vmx, .both),
        KVMTraceExitName("XSAVES", 63, .vmx, .both),
        KVMTraceExitName("XRSTORS", 64, .vmx, .both),
        KVMTraceExitName("UMWAIT", 67, .vmx, .kernel),
        KVMTraceExitName("TPAUSE", 68, .vmx, .kernel),
        KVMTraceExitName("BUS_LOCK", 74, .vmx, .kernel, "Linux 5.12 and later"),
        KVMTraceExitName("NOTIFY", 75, .vmx, .kernel, "Linux 5.19 and later"),
        KVMTraceExitName("TDCALL", 77, .vmx, .kernel, "Linux 6.16 and later"),
        KVMTraceExitName("MSR_READ_IMM", 84, .vmx, .kernel, "Linux 6.17 and later"),
        KVMTraceExitName("MSR_WRITE_IMM", 85, .vmx, .kernel, "Linux 6.17 and later"),
    ]

    /// The flag bits of a VMX exit reason the kernel prints after the name since Linux 5.7
    /// (`VMX_EXIT_REASON_FLAGS`): `INVALID_STATE FAILED_VMENTRY` is 0x80000021.
    public static let vmxFlags: [(name: String, bits: UInt64)] = [("FAILED_VMENTRY", 0x8000_0000)]

    // MARK: SVM (svm.h SVM_EXIT_REASONS; plugin_kvm.c SVM_EXIT_REASONS)

    public static let svm: [KVMTraceExitName] = [
        KVMTraceExitName("read_cr0", 0x000, .svm, .kernel), KVMTraceExitName("read_cr2", 0x002, .svm, .kernel),
        KVMTraceExitName("read_cr3", 0x003, .svm, .kernel), KVMTraceExitName("read_cr4", 0x004, .svm, .kernel),
        KVMTraceExitName("read_cr8", 0x008, .svm, .kernel), KVMTraceExitName("write_cr0", 0x010, .svm, .kernel),
        KVMTraceExitName("write_cr2", 0x012, .svm, .kernel), KVMTraceExitName("write_cr3", 0x013, .svm, .kernel),
        KVMTraceExitName("write_cr4", 0x014, .svm, .kernel), KVMTraceExitName("write_cr8", 0x018, .svm, .kernel),
        KVMTraceExitName("read_dr0", 0x020, .svm, .kernel), KVMTraceExitName("read_dr1", 0x021, .svm, .kernel),
        KVMTraceExitName("read_dr2", 0x022, .svm, .kernel), KVMTraceExitName("read_dr3", 0x023, .svm, .kernel),
        KVMTraceExitName("read_dr4", 0x024, .svm, .kernel), KVMTraceExitName("read_dr5", 0x025, .svm, .kernel),
        KVMTraceExitName("read_dr6", 0x026, .svm, .kernel), KVMTraceExitName("read_dr7", 0x027, .svm, .kernel),
        KVMTraceExitName("write_dr0", 0x030, .svm, .kernel), KVMTraceExitName("write_dr1", 0x031, .svm, .kernel),
        KVMTraceExitName("write_dr2", 0x032, .svm, .kernel), KVMTraceExitName("write_dr3", 0x033, .svm, .kernel),
        KVMTraceExitName("write_dr4", 0x034, .svm, .kernel), KVMTraceExitName("write_dr5", 0x035, .svm, .kernel),
        KVMTraceExitName("write_dr6", 0x036, .svm, .kernel), KVMTraceExitName("write_dr7", 0x037, .svm, .kernel),
        KVMTraceExitName("DE excp", 0x040, .svm, .kernel), KVMTraceExitName("DB excp", 0x041, .svm, .kernel),
        KVMTraceExitName("BP excp", 0x043, .svm, .kernel), KVMTraceExitName("OF excp", 0x044, .svm, .kernel),
        KVMTraceExitName("BR excp", 0x045, .svm, .kernel), KVMTraceExitName("UD excp", 0x046, .svm, .kernel),
        KVMTraceExitName("NM excp", 0x047, .svm, .kernel), KVMTraceExitName("DF excp", 0x048, .svm, .kernel),
        KVMTraceExitName("TS excp", 0x04a, .svm, .kernel), KVMTraceExitName("NP excp", 0x04b, .svm, .kernel),
        KVMTraceExitName("SS excp", 0x04c, .svm, .kernel), KVMTraceExitName("GP excp", 0x04d, .svm, .kernel),
        KVMTraceExitName("PF excp", 0x04e, .svm, .kernel), KVMTraceExitName("MF excp", 0x050, .svm, .kernel),
        KVMTraceExitName("AC excp", 0x051, .svm, .kernel), KVMTraceExitName("MC excp", 0x052, .svm, .kernel),
        KVMTraceExitName("XF excp", 0x053, .svm, .kernel),
        KVMTraceExitName("interrupt", 0x060, .svm, .kernel), KVMTraceExitName("nmi", 0x061, .svm, .kernel),
        KVMTraceExitName("smi", 0x062, .svm, .kernel), KVMTraceExitName("init", 0x063, .svm, .kernel),
        KVMTraceExitName("vintr", 0x064, .svm, .kernel), KVMTraceExitName("cr0_sel_write", 0x065, .svm, .kernel),
        KVMTraceExitName("read_idtr", 0x066, .svm, .kernel), KVMTraceExitName("read_gdtr", 0x067, .svm, .kernel),
        KVMTraceExitName("read_ldtr", 0x068, .svm, .kernel), KVMTraceExitName("read_rt", 0x069, .svm, .kernel, "the kernel's spelling of TR"),
        KVMTraceExitName("write_idtr", 0x06a, .svm, .kernel), KVMTraceExitName("write_gdtr", 0x06b, .svm, .kernel),
        KVMTraceExitName("write_ldtr", 0x06c, .svm, .kernel), KVMTraceExitName("write_rt", 0x06d, .svm, .kernel, "the kernel's spelling of TR"),
        KVMTraceExitName("rdtsc", 0x06e, .svm, .kernel), KVMTraceExitName("rdpmc", 0x06f, .svm, .kernel),
        KVMTraceExitName("pushf", 0x070, .svm, .kernel), KVMTraceExitName("popf", 0x071, .svm, .kernel),
        KVMTraceExitName("cpuid", 0x072, .svm, .kernel), KVMTraceExitName("rsm", 0x073, .svm, .kernel),
        KVMTraceExitName("iret", 0x074, .svm, .kernel), KVMTraceExitName("swint", 0x075, .svm, .kernel),
        KVMTraceExitName("invd", 0x076, .svm, .kernel), KVMTraceExitName("pause", 0x077, .svm, .kernel),
        KVMTraceExitName("hlt", 0x078, .svm, .kernel), KVMTraceExitName("invlpg", 0x079, .svm, .kernel),
        KVMTraceExitName("invlpga", 0x07a, .svm, .kernel), KVMTraceExitName("io", 0x07b, .svm, .kernel),
        KVMTraceExitName("msr", 0x07c, .svm, .kernel), KVMTraceExitName("task_switch", 0x07d, .svm, .kernel),
        KVMTraceExitName("ferr_freeze", 0x07e, .svm, .kernel), KVMTraceExitName("shutdown", 0x07f, .svm, .kernel),
        KVMTraceExitName("vmrun", 0x080, .svm, .kernel), KVMTraceExitName("hypercall", 0x081, .svm, .kernel, "VMMCALL"),
        KVMTraceExitName("vmload", 0x082, .svm, .kernel), KVMTraceExitName("vmsave", 0x083, .svm, .kernel),
        KVMTraceExitName("stgi", 0x084, .svm, .kernel), KVMTraceExitName("clgi", 0x085, .svm, .kernel),
        KVMTraceExitName("skinit", 0x086, .svm, .kernel), KVMTraceExitName("rdtscp", 0x087, .svm, .kernel),
        KVMTraceExitName("icebp", 0x088, .svm, .kernel), KVMTraceExitName("wbinvd", 0x089, .svm, .kernel),
        KVMTraceExitName("monitor", 0x08a, .svm, .kernel), KVMTraceExitName("mwait", 0x08b, .svm, .kernel),
        KVMTraceExitName("xsetbv", 0x08d, .svm, .kernel), KVMTraceExitName("write_efer_trap", 0x08f, .svm, .kernel),
        KVMTraceExitName("write_cr0_trap", 0x090, .svm, .kernel), KVMTraceExitName("write_cr4_trap", 0x094, .svm, .kernel),
        KVMTraceExitName("write_cr8_trap", 0x098, .svm, .kernel), KVMTraceExitName("invpcid", 0x0a2, .svm, .kernel),
        KVMTraceExitName("buslock", 0x0a5, .svm, .kernel, "Linux 6.15 and later"), KVMTraceExitName("idle-halt", 0x0a6, .svm, .kernel, "Linux 6.15 and later"),
        KVMTraceExitName("npf", 0x400, .svm, .kernel), KVMTraceExitName("avic_incomplete_ipi", 0x401, .svm, .kernel),
        KVMTraceExitName("avic_unaccelerated_access", 0x402, .svm, .kernel), KVMTraceExitName("vmgexit", 0x403, .svm, .kernel),
        KVMTraceExitName("vmgexit_mmio_read", 0x8000_0001, .svm, .kernel, "SEV-ES GHCB exit code"),
        KVMTraceExitName("vmgexit_mmio_write", 0x8000_0002, .svm, .kernel, "SEV-ES GHCB exit code"),
        KVMTraceExitName("vmgexit_nmi_complete", 0x8000_0003, .svm, .kernel, "SEV-ES GHCB exit code"),
        KVMTraceExitName("vmgexit_ap_hlt_loop", 0x8000_0004, .svm, .kernel, "SEV-ES GHCB exit code"),
        KVMTraceExitName("vmgexit_ap_jump_table", 0x8000_0005, .svm, .kernel, "SEV-ES GHCB exit code"),
        KVMTraceExitName("vmgexit_page_state_change", 0x8000_0010, .svm, .kernel, "SEV-SNP GHCB exit code"),
        KVMTraceExitName("vmgexit_guest_request", 0x8000_0011, .svm, .kernel, "SEV-SNP GHCB exit code"),
        KVMTraceExitName("vmgexit_ext_guest_request", 0x8000_0012, .svm, .kernel, "SEV-SNP GHCB exit code"),
        KVMTraceExitName("vmgexit_ap_creation", 0x8000_0013, .svm, .kernel, "SEV-SNP GHCB exit code"),
        KVMTraceExitName("vmgexit_hypervisor_feature", 0x8000_fffd, .svm, .kernel, "SEV-ES GHCB exit code"),
        // The kernel table's -1 entry never matches the 32-bit field, so it prints 0xffffffff.
        KVMTraceExitName("invalid_guest_state", UInt64.max, .svm, .kernel, "in the table, never printed"),
        KVMTraceExitName("EXIT_READ_CR0", 0x000, .svm, .plugin), KVMTraceExitName("EXIT_READ_CR3", 0x003, .svm, .plugin),
        KVMTraceExitName("EXIT_READ_CR4", 0x004, .svm, .plugin), KVMTraceExitName("EXIT_READ_CR8", 0x008, .svm, .plugin),
        KVMTraceExitName("EXIT_WRITE_CR0", 0x010, .svm, .plugin), KVMTraceExitName("EXIT_WRITE_CR3", 0x013, .svm, .plugin),
        KVMTraceExitName("EXIT_WRITE_CR4", 0x014, .svm, .plugin), KVMTraceExitName("EXIT_WRITE_CR8", 0x018, .svm, .plugin),
        KVMTraceExitName("EXIT_READ_DR0", 0x020, .svm, .plugin), KVMTraceExitName("EXIT_READ_DR1", 0x021, .svm, .plugin),
        KVMTraceExitName("EXIT_READ_DR2", 0x022, .svm, .plugin), KVMTraceExitName("EXIT_READ_DR3", 0x023, .svm, .plugin),
        KVMTraceExitName("EXIT_READ_DR4", 0x024, .svm, .plugin), KVMTraceExitName("EXIT_READ_DR5", 0x025, .svm, .plugin),
        KVMTraceExitName("EXIT_READ_DR6", 0x026, .svm, .plugin), KVMTraceExitName("EXIT_READ_DR7", 0x027, .svm, .plugin),
        KVMTraceExitName("EXIT_WRITE_DR0", 0x030, .svm, .plugin), KVMTraceExitName("EXIT_WRITE_DR1", 0x031, .svm, .plugin),
        KVMTraceExitName("EXIT_WRITE_DR2", 0x032, .svm, .plugin), KVMTraceExitName("EXIT_WRITE_DR3", 0x033, .svm, .plugin),
        KVMTraceExitName("EXIT_WRITE_DR4", 0x034, .svm, .plugin), KVMTraceExitName("EXIT_WRITE_DR5", 0x035, .svm, .plugin),
        KVMTraceExitName("EXIT_WRITE_DR6", 0x036, .svm, .plugin), KVMTraceExitName("EXIT_WRITE_DR7", 0x037, .svm, .plugin),
        KVMTraceExitName("EXIT_EXCP_BASE", 0x040, .svm, .plugin, "before the per-vector names of 2020"),
        KVMTraceExitName("EXIT_EXCP_DE", 0x040, .svm, .plugin), KVMTraceExitName("EXIT_EXCP_DB", 0x041, .svm, .plugin),
        KVMTraceExitName("EXIT_EXCP_BP", 0x043, .svm, .plugin), KVMTraceExitName("EXIT_EXCP_OF", 0x044, .svm, .plugin),
        KVMTraceExitName("EXIT_EXCP_BR", 0x045, .svm, .plugin), KVMTraceExitName("EXIT_EXCP_UD", 0x046, .svm, .plugin),
        KVMTraceExitName("EXIT_EXCP_NM", 0x047, .svm, .plugin), KVMTraceExitName("EXIT_EXCP_DF", 0x048, .svm, .plugin),
        KVMTraceExitName("EXIT_EXCP_TS", 0x04a, .svm, .plugin), KVMTraceExitName("EXIT_EXCP_NP", 0x04b, .svm, .plugin),
        KVMTraceExitName("EXIT_EXCP_SS", 0x04c, .svm, .plugin), KVMTraceExitName("EXIT_EXCP_GP", 0x04d, .svm, .plugin),
        KVMTraceExitName("EXIT_EXCP_PF", 0x04e, .svm, .plugin), KVMTraceExitName("EXIT_EXCP_MF", 0x050, .svm, .plugin),
        KVMTraceExitName("EXIT_EXCP_AC", 0x051, .svm, .plugin), KVMTraceExitName("EXIT_EXCP_MC", 0x052, .svm, .plugin),
        KVMTraceExitName("EXIT_EXCP_XF", 0x053, .svm, .plugin),
        KVMTraceExitName("EXIT_INTR", 0x060, .svm, .plugin), KVMTraceExitName("EXIT_NMI", 0x061, .svm, .plugin),
        KVMTraceExitName("EXIT_SMI", 0x062, .svm, .plugin), KVMTraceExitName("EXIT_INIT", 0x063, .svm, .plugin),
        KVMTraceExitName("EXIT_VINTR", 0x064, .svm, .plugin), KVMTraceExitName("EXIT_CR0_SEL_WRITE", 0x065, .svm, .plugin),
        KVMTraceExitName("EXIT_IDTR_READ", 0x066, .svm, .plugin), KVMTraceExitName("EXIT_GDTR_READ", 0x067, .svm, .plugin),
        KVMTraceExitName("EXIT_LDTR_READ", 0x068, .svm, .plugin), KVMTraceExitName("EXIT_TR_READ", 0x069, .svm, .plugin),
        KVMTraceExitName("EXIT_IDTR_WRITE", 0x06a, .svm, .plugin), KVMTraceExitName("EXIT_GDTR_WRITE", 0x06b, .svm, .plugin),
        KVMTraceExitName("EXIT_LDTR_WRITE", 0x06c, .svm, .plugin), KVMTraceExitName("EXIT_TR_WRITE", 0x06d, .svm, .plugin),
        KVMTraceExitName("EXIT_RDTSC", 0x06e, .svm, .plugin), KVMTraceExitName("EXIT_RDPMC", 0x06f, .svm, .plugin),
        KVMTraceExitName("EXIT_PUSHF", 0x070, .svm, .plugin), KVMTraceExitName("EXIT_POPF", 0x071, .svm, .plugin),
        KVMTraceExitName("EXIT_CPUID", 0x072, .svm, .plugin), KVMTraceExitName("EXIT_RSM", 0x073, .svm, .plugin),
        KVMTraceExitName("EXIT_IRET", 0x074, .svm, .plugin), KVMTraceExitName("EXIT_SWINT", 0x075, .svm, .plugin),
        KVMTraceExitName("EXIT_INVD", 0x076, .svm, .plugin), KVMTraceExitName("EXIT_PAUSE", 0x077, .svm, .plugin),
        KVMTraceExitName("EXIT_HLT", 0x078, .svm, .plugin), KVMTraceExitName("EXIT_INVLPG", 0x079, .svm, .plugin),
        KVMTraceExitName("EXIT_INVLPGA", 0x07a, .svm, .plugin), KVMTraceExitName("EXIT_IOIO", 0x07b, .svm, .plugin),
        KVMTraceExitName("EXIT_MSR", 0x07c, .svm, .plugin), KVMTraceExitName("EXIT_TASK_SWITCH", 0x07d, .svm, .plugin),
        KVMTraceExitName("EXIT_FERR_FREEZE", 0x07e, .svm, .plugin), KVMTraceExitName("EXIT_SHUTDOWN", 0x07f, .svm, .plugin),
        KVMTraceExitName("EXIT_VMRUN", 0x080, .svm, .plugin), KVMTraceExitName("EXIT_VMMCALL", 0x081, .svm, .plugin),
        KVMTraceExitName("EXIT_VMLOAD", 0x082, .svm, .plugin), KVMTraceExitName("EXIT_VMSAVE", 0x083, .svm, .plugin),
        KVMTraceExitName("EXIT_STGI", 0x084, .svm, .plugin), KVMTraceExitName("EXIT_CLGI", 0x085, .svm, .plugin),
        KVMTraceExitName("EXIT_SKINIT", 0x086, .svm, .plugin), KVMTraceExitName("EXIT_RDTSCP", 0x087, .svm, .plugin),
        KVMTraceExitName("EXIT_ICEBP", 0x088, .svm, .plugin), KVMTraceExitName("EXIT_WBINVD", 0x089, .svm, .plugin),
        KVMTraceExitName("EXIT_MONITOR", 0x08a, .svm, .plugin), KVMTraceExitName("EXIT_MWAIT", 0x08b, .svm, .plugin),
        KVMTraceExitName("EXIT_MWAIT_COND", 0x08c, .svm, .plugin), KVMTraceExitName("EXIT_XSETBV", 0x08d, .svm, .plugin),
        KVMTraceExitName("EXIT_NPF", 0x400, .svm, .plugin),
        KVMTraceExitName("EXIT_AVIC_INCOMPLETE_IPI", 0x401, .svm, .plugin), KVMTraceExitName("EXIT_AVIC_UNACCELERATED_ACCESS", 0x402, .svm, .plugin),
        KVMTraceExitName("EXIT_ERR", UInt64.max, .svm, .plugin, "VMEXIT_INVALID (-1)"),
    ]

    // MARK: Lookups

    static let vmxExact: [String: KVMTraceExitName] = Dictionary(vmx.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    static let svmExact: [String: KVMTraceExitName] = Dictionary(svm.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The row of a name exactly as a trace prints it, of either vendor (the vendors' names
    /// never coincide when case is kept: VMX `HLT`, SVM `hlt` and `EXIT_HLT`).
    public static func row(printed name: some StringProtocol) -> KVMTraceExitName? {
        let key = String(name)
        return vmxExact[key] ?? svmExact[key]
    }
}

extension IntelVMCSValues {
    static let exitReasonsByName: [String: UInt64] = {
        var table: [String: UInt64] = [:]
        for row in KVMTraceExitNames.vmx { table[KVMTraceExitNames.folded(row.name)] = row.value }
        for (value, name) in basicExitReasons.entries where table[KVMTraceExitNames.folded(name)] == nil {
            table[KVMTraceExitNames.folded(name)] = value
        }
        return table
    }()

    /// The full exit reason a name stands for: a name as KVM's traces print it
    /// (`EPT_VIOLATION`, `PENDING_INTERRUPT`, `INVALID_STATE FAILED_VMENTRY` with bit 31 set),
    /// an SDM name from `basicExitReasons` (`INVALID_GUEST_STATE`), or Linux's
    /// `EXIT_REASON_EPT_VIOLATION`; case, hyphens and spaces around the words do not matter.
    /// Nil for a name no table knows (numbers are not names).
    public static func exitReason(named name: String) -> UInt32? {
        var words = name.split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        words.removeFirst()
        var key = KVMTraceExitNames.folded(first)
        if key.hasPrefix("EXIT_REASON_") { key.removeFirst("EXIT_REASON_".count) }
        guard let basic = exitReasonsByName[key] else { return nil }
        var reason = UInt32(truncatingIfNeeded: basic)
        for word in words {
            guard let flag = KVMTraceExitNames.vmxFlags.first(where: { $0.name == KVMTraceExitNames.folded(word) }) else { return nil }
            reason |= UInt32(truncatingIfNeeded: flag.bits)
        }
        return reason
    }
}

extension AMDVMCBValues {
    static let exitCodesByName: [String: UInt64] = {
        var table: [String: UInt64] = [:]
        for row in KVMTraceExitNames.svm { table[KVMTraceExitNames.folded(row.name)] = row.value }
        for (value, name) in exitCodes.entries {
            // The 32-bit copies of VMEXIT_INVALID and its neighbours: the name stands for the
            // 64-bit code the APM gives.
            if value >> 32 == 0, exitCodes.entries[value | 0xffff_ffff_0000_0000] == name { continue }
            // `EXCP14 #PF`: the number and the mnemonic each name the code.
            for word in name.split(separator: " ") where table[KVMTraceExitNames.folded(String(word))] == nil {
                table[KVMTraceExitNames.folded(String(word))] = value
            }
        }
        return table
    }()

    /// The exit code a name stands for: a name as KVM's traces print it (`npf`, `io`,
    /// `hypercall`, `PF excp`) or libtraceevent's plugin does (`EXIT_NPF`, `EXIT_ERR`), an APM
    /// name from `exitCodes` (`NPF`, `IOIO`, `VMEXIT_NPF`, `EXCP14`), or Linux's
    /// `SVM_EXIT_NPF`; case does not matter. VMEXIT_INVALID is -1 (all ones). Nil for a name no
    /// table knows.
    public static func exitCode(named name: String) -> UInt64? {
        var key = KVMTraceExitNames.folded(name.split(separator: " ").joined(separator: " "))
        for prefix in ["SVM_EXIT_", "VMEXIT_"] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
            if let value = exitCodesByName[key] ?? exitCodesByName["EXIT_" + key] { return value }
            return nil
        }
        return exitCodesByName[key]
    }
}

extension KVMTraceExitNames {
    /// Upper case, hyphens as underscores: how names are compared when case does not matter.
    static func folded(_ name: String) -> String {
        String(name.uppercased().map { $0 == "-" ? "_" : $0 })
    }
}
