// swift-format-ignore-file
// (catalog rows stay one per line)
// VMCS exit information values. Source: Intel SDM Vol. 3 (order no. 325384-084, 2024): Appendix C
// (basic exit reasons), section 31.4 (VM-instruction error numbers), 25.8.3, 25.9.2 and 25.9.3
// (VM-entry and VM-exit interruption information, IDT-vectoring information), 25.9.1 (the exit
// reason's own bits).

/// VMCS value names and bit tables, one file per manual section: exit information here; guest
/// state and control values in `IntelVMCS+GuestState.swift`; exit qualifications in
/// `IntelVMCS+Qualifications.swift`; instruction information in
/// `IntelVMCS+InstructionInfo.swift`.
public enum IntelVMCSValues {
    // MARK: Exit reasons (Appendix C)

    /// Basic exit reasons (bits 15:0 of the exit reason) by number, as the SDM names them (Appendix C).
    public static let basicExitReasons = ValueNames([
        (0, "EXCEPTION_NMI"), (1, "EXTERNAL_INTERRUPT"), (2, "TRIPLE_FAULT"), (3, "INIT_SIGNAL"), (4, "SIPI_SIGNAL"),
        (5, "IO_SMI"), (6, "OTHER_SMI"), (7, "INTERRUPT_WINDOW"), (8, "NMI_WINDOW"), (9, "TASK_SWITCH"), (10, "CPUID"),
        (11, "GETSEC"), (12, "HLT"), (13, "INVD"), (14, "INVLPG"), (15, "RDPMC"), (16, "RDTSC"), (17, "RSM"),
        (18, "VMCALL"), (19, "VMCLEAR"), (20, "VMLAUNCH"), (21, "VMPTRLD"), (22, "VMPTRST"), (23, "VMREAD"),
        (24, "VMRESUME"), (25, "VMWRITE"), (26, "VMXOFF"), (27, "VMXON"), (28, "CR_ACCESS"), (29, "DR_ACCESS"),
        (30, "IO_INSTRUCTION"), (31, "MSR_READ"), (32, "MSR_WRITE"), (33, "INVALID_GUEST_STATE"), (34, "MSR_LOAD_FAIL"),
        (36, "MWAIT_INSTRUCTION"), (37, "MONITOR_TRAP_FLAG"), (39, "MONITOR_INSTRUCTION"), (40, "PAUSE_INSTRUCTION"),
        (41, "MCE_DURING_VMENTRY"), (43, "TPR_BELOW_THRESHOLD"), (44, "APIC_ACCESS"), (45, "EOI_INDUCED"),
        (46, "GDTR_IDTR"), (47, "LDTR_TR"), (48, "EPT_VIOLATION"), (49, "EPT_MISCONFIG"), (50, "INVEPT"),
        (51, "RDTSCP"), (52, "PREEMPTION_TIMER"), (53, "INVVPID"), (54, "WBINVD"), (55, "XSETBV"), (56, "APIC_WRITE"),
        (57, "RDRAND"), (58, "INVPCID"), (59, "VMFUNC"), (60, "ENCLS"), (61, "RDSEED"), (62, "PML_FULL"),
        (63, "XSAVES"), (64, "XRSTORS"), (65, "PCONFIG"), (66, "SPP"), (67, "UMWAIT"), (68, "TPAUSE"),
        (69, "LOADIWKEY"), (70, "ENCLV"), (72, "ENQCMD_PASID_FAIL"), (73, "ENQCMDS_PASID_FAIL"), (74, "BUS_LOCK"),
        (75, "NOTIFY"), (76, "SEAMCALL"), (77, "TDCALL"), (78, "RDMSRLIST"), (79, "WRMSRLIST"),
        // URDMSR and UWRMSR (SDM Appendix C, user-MSR instructions); 84 and 85 as Linux names them
        // (arch/x86/include/uapi/asm/vmx.h): RDMSR and WRMSRNS with an immediate MSR index.
        (80, "URDMSR"), (81, "UWRMSR"), (84, "MSR_READ_IMM"), (85, "MSR_WRITE_IMM"),
    ])

    /// The exit reason field: basic reason and flag bits (section 25.9.1).
    public static let exitReason = BitLayout(
        "vmx.exit_reason", reference: "SDM Vol. 3 (325384-084) section 25.9.1; Appendix C",
        [
            BitDefinition("basic", "BASIC", BitRange(15, 0), .enumerated(basicExitReasons), "basic exit reason"),
            BitDefinition("reserved_16", "RSVD16", BitRange(16), .reserved(0), "reserved, always cleared"),
            BitDefinition("bus_lock", "BUS_LOCK", BitRange(26), .flag, "a bus lock was asserted before the VM exit"),
            BitDefinition("enclave_mode", "ENCLAVE_MODE", BitRange(27), .flag, "the VM exit was incident to enclave mode"),
            BitDefinition("pending_mtf", "PENDING_MTF", BitRange(28), .flag, "a monitor trap flag VM exit was pending"),
            BitDefinition("from_vmx_root", "FROM_VMX_ROOT", BitRange(29), .flag, "the VM exit was from VMX root operation (SMM monitor)"),
            BitDefinition("entry_failure", "VM_ENTRY_FAILURE", BitRange(31), .flag, "VM-entry failure"),
        ])

    // MARK: VM-instruction errors (section 31.4, Table 31-1)

    /// VM-instruction error numbers in the SDM's words (section 31.4, Table 31-1).
    public static let instructionErrors = ValueNames([
        (1, "VMCALL executed in VMX root operation"),
        (2, "VMCLEAR with invalid physical address"),
        (3, "VMCLEAR with VMXON pointer"),
        (4, "VMLAUNCH with non-clear VMCS"),
        (5, "VMRESUME with non-launched VMCS"),
        (6, "VMRESUME after VMXOFF (VMXOFF and VMXON between VMLAUNCH and VMRESUME)"),
        (7, "VM entry with invalid control field(s)"),
        (8, "VM entry with invalid host-state field(s)"),
        (9, "VMPTRLD with invalid physical address"),
        (10, "VMPTRLD with VMXON pointer"),
        (11, "VMPTRLD with incorrect VMCS revision identifier"),
        (12, "VMREAD/VMWRITE from/to unsupported VMCS component"),
        (13, "VMWRITE to read-only VMCS component"),
        (15, "VMXON executed in VMX root operation"),
        (16, "VM entry with invalid executive-VMCS pointer"),
        (17, "VM entry with non-launched executive VMCS"),
        (18, "VM entry with executive-VMCS pointer not VMXON pointer"),
        (19, "VMCALL with non-clear VMCS"),
        (20, "VMCALL with invalid VM-exit control fields"),
        (22, "VMCALL with incorrect MSEG revision identifier"),
        (23, "VMXOFF under dual-monitor treatment of SMIs and SMM"),
        (24, "VMCALL with invalid SMM-monitor features"),
        (25, "VM entry with invalid VM-execution control fields in executive VMCS"),
        (26, "VM entry with events blocked by MOV SS"),
        (28, "Invalid operand to INVEPT/INVVPID"),
    ])

    /// The VM-instruction error field as one named number.
    public static let instructionError = BitLayout(
        "vmx.instruction_error", reference: "SDM Vol. 3 (325384-084) section 31.4",
        [BitDefinition("error", "ERROR", BitRange(31, 0), .enumerated(instructionErrors), "VM-instruction error number")])

    // MARK: Event information (sections 25.8.3, 25.9.2, 25.9.3)

    static let eventTypes = ValueNames([
        (0, "EXTERNAL_INTERRUPT"), (2, "NMI"), (3, "HARDWARE_EXCEPTION"), (4, "SOFTWARE_INTERRUPT"),
        (5, "PRIVILEGED_SOFTWARE_EXCEPTION"), (6, "SOFTWARE_EXCEPTION"), (7, "OTHER_EVENT"),
    ])

    static func eventRows(nmiUnblocking: Bool, checked: Bool = false) -> [BitDefinition] {
        var rows = [
            BitDefinition("vector", "VECTOR", BitRange(7, 0), .enumerated(Registers.exceptionMnemonics), "exception vector", when: BitCondition(BitRange(10, 8), in: [3, 5, 6])),
            BitDefinition("vector", "VECTOR", BitRange(7, 0), .number, "vector", when: BitCondition(BitRange(10, 8), in: [0, 1, 2, 4, 7])),
            BitDefinition("type", "TYPE", BitRange(10, 8), .enumerated(eventTypes), "interruption type"),
            BitDefinition("error_code_valid", "ERROR_CODE_VALID", BitRange(11), .flag, "an error code is delivered"),
        ]
        if nmiUnblocking {
            rows.append(BitDefinition("nmi_unblocking", "NMI_UNBLOCKING", BitRange(12), .flag, "NMI unblocking due to IRET"))
            rows.append(BitDefinition("reserved_30_13", "RSVD", BitRange(30, 13), .reserved(0), "reserved, cleared"))
        } else {
            let reserved = BitDefinition("reserved_30_12", "RSVD", BitRange(30, 12), .reserved(0), "reserved, must be zero")
            rows.append(checked ? reserved.checkedOnEntry : reserved)
        }
        rows.append(BitDefinition("valid", "VALID", BitRange(31), .flag, "valid"))
        return rows
    }

    /// VM-exit interruption information (section 25.9.2).
    public static let exitInterruptionInfo = BitLayout(
        "vmx.exit_intr_info", reference: "SDM Vol. 3 (325384-084) section 25.9.2", eventRows(nmiUnblocking: true))

    /// Bit 12 of IDT-vectoring information is undefined, so it has no row.
    public static let idtVectoringInfo = BitLayout(
        "vmx.idt_vectoring_info", reference: "SDM Vol. 3 (325384-084) section 25.9.3",
        eventRows(nmiUnblocking: false).filter { $0.id != "reserved_30_12" } + [
            BitDefinition("reserved_30_13", "RSVD", BitRange(30, 13), .reserved(0), "reserved, cleared")
        ])

    /// SDM 27.2.1.3: reserved bits 30:12 must be 0 when the valid bit is 1.
    public static let entryInterruptionInfo = BitLayout(
        "vmx.entry_intr_info", reference: "SDM Vol. 3 (325384-084) section 25.8.3", eventRows(nmiUnblocking: false, checked: true))
}
