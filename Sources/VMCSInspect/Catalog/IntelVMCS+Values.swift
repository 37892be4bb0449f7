// swift-format-ignore-file
// (catalog rows stay one per line)
// VMCS value tables. Source: Intel SDM Vol. 3 (order no. 325384-084, 2024): Appendix C (basic exit
// reasons), section 31.4 (VM-instruction error numbers), 25.4 (guest-state area: access rights,
// interruptibility, activity state, pending debug exceptions), 25.6.11 (EPTP), 25.8.3 (VM-entry
// interruption information), 25.9 and 28.2 (exit reason, exit qualification, interruption and
// IDT-vectoring information), 27.8 (VM-entry failures).

/// VMCS value names and bit tables.
public enum IntelVMCSValues {
    // MARK: Exit reasons (Appendix C)

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

    // MARK: Guest state (section 25.4)

    /// Segment access rights in the VMCS (section 25.4.1).
    public static let accessRights: BitLayout = {
        // An unusable segment's other bits mean nothing (SDM 25.4.1), so its rows apply only
        // to usable segments.
        let usable = BitCondition(BitRange(16), equals: 0)
        return BitLayout(
            "vmx.access_rights", reference: "SDM Vol. 3 (325384-084) section 25.4.1",
            [
                BitDefinition("type", "TYPE", BitRange(3, 0), .enumerated(Registers.dataCodeSegmentTypes), "segment type", when: BitCondition(BitRange(4), equals: 1), usable),
                BitDefinition("type", "TYPE", BitRange(3, 0), .enumerated(Registers.systemSegmentTypes), "system segment type", when: BitCondition(BitRange(4), equals: 0), usable),
                BitDefinition("s", "S", BitRange(4), .flag, "code or data segment (clear: system segment)", when: usable),
                BitDefinition("dpl", "DPL", BitRange(6, 5), .number, "descriptor privilege level", when: usable),
                BitDefinition("p", "P", BitRange(7), .flag, "present", when: usable),
                // SDM 27.3.1.2: bits 11:8 and 31:17 must be 0 (for CS, and for other usable segments).
                BitDefinition("reserved_11_8", "RSVD", BitRange(11, 8), .reserved(0), "reserved, must be zero", when: usable).checkedOnEntry,
                BitDefinition("avl", "AVL", BitRange(12), .flag, "available to software", when: usable),
                BitDefinition("l", "L", BitRange(13), .flag, "64-bit code segment", when: usable),
                BitDefinition("db", "D/B", BitRange(14), .flag, "default operand size 32 bits", when: usable),
                BitDefinition("g", "G", BitRange(15), .flag, "granularity: limit in 4 KiB units", when: usable),
                BitDefinition("ignored", "IGNORED", BitRange(15, 0), .number, "bits ignored while the segment is unusable", when: BitCondition(BitRange(16), equals: 1)),
                BitDefinition("unusable", "UNUSABLE", BitRange(16), .flag, "segment unusable (null)"),
                BitDefinition("reserved_31_17", "RSVD", BitRange(31, 17), .reserved(0), "reserved, must be zero").checkedOnEntry,
            ])
    }()

    public static let selector = BitLayout(
        "selector", reference: "SDM Vol. 3 (325384-084) section 3.4.2, Figure 3-6",
        [
            BitDefinition("rpl", "RPL", BitRange(1, 0), .number, "requested privilege level"),
            BitDefinition("ti", "TI", BitRange(2), .flag, "table indicator: LDT"),
            BitDefinition("index", "INDEX", BitRange(15, 3), .number, "descriptor index"),
        ])

    public static let interruptibility = BitLayout(
        "vmx.interruptibility", reference: "SDM Vol. 3 (325384-084) section 25.4.2",
        [
            BitDefinition("blocking_by_sti", "BLOCKING_BY_STI", BitRange(0), .flag, "blocking by STI"),
            BitDefinition("blocking_by_mov_ss", "BLOCKING_BY_MOV_SS", BitRange(1), .flag, "blocking by MOV SS or POP SS"),
            BitDefinition("blocking_by_smi", "BLOCKING_BY_SMI", BitRange(2), .flag, "blocking by SMI"),
            BitDefinition("blocking_by_nmi", "BLOCKING_BY_NMI", BitRange(3), .flag, "blocking by NMI"),
            BitDefinition("enclave_interruption", "ENCLAVE_INTERRUPTION", BitRange(4), .flag, "the VM exit interrupted an enclave"),
            // SDM 27.3.1.5: bits 31:5 must be 0.
            BitDefinition("reserved_31_5", "RSVD", BitRange(31, 5), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    public static let activityState = BitLayout(
        "vmx.activity_state", reference: "SDM Vol. 3 (325384-084) section 25.4.2",
        [
            BitDefinition("state", "STATE", BitRange(31, 0), .enumerated(ValueNames([(0, "ACTIVE"), (1, "HLT"), (2, "SHUTDOWN"), (3, "WAIT_FOR_SIPI")])), "activity state")
        ])

    public static let pendingDebugExceptions = BitLayout(
        "vmx.pending_dbg_exceptions", reference: "SDM Vol. 3 (325384-084) section 25.4.2",
        [
            BitDefinition("b0", "B0", BitRange(0), .flag, "breakpoint 0 condition met"),
            BitDefinition("b1", "B1", BitRange(1), .flag, "breakpoint 1 condition met"),
            BitDefinition("b2", "B2", BitRange(2), .flag, "breakpoint 2 condition met"),
            BitDefinition("b3", "B3", BitRange(3), .flag, "breakpoint 3 condition met"),
            // SDM 27.3.1.5: bits 10:4, 13, 15 and 63:17 must be 0 (11 and 16 only where bus-lock
            // detection and RTM are supported).
            BitDefinition("reserved_10_4", "RSVD", BitRange(10, 4), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("bld", "BLD", BitRange(11), .flag, "bus lock detected"),
            BitDefinition("enabled_breakpoint", "ENABLED_BP", BitRange(12), .flag, "at least one enabled breakpoint condition met"),
            BitDefinition("reserved_13", "RSVD13", BitRange(13), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("bs", "BS", BitRange(14), .flag, "single-step trap pending"),
            BitDefinition("reserved_15", "RSVD15", BitRange(15), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("rtm", "RTM", BitRange(16), .flag, "debug exception in an RTM region"),
            BitDefinition("reserved_63_17", "RSVD", BitRange(63, 17), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    public static let guestInterruptStatus = BitLayout(
        "vmx.guest_interrupt_status", reference: "SDM Vol. 3 (325384-084) section 25.4.2",
        [
            BitDefinition("rvi", "RVI", BitRange(7, 0), .number, "requesting virtual interrupt"),
            BitDefinition("svi", "SVI", BitRange(15, 8), .number, "servicing virtual interrupt"),
        ])

    /// IA32_DEBUGCTL, Intel form (SDM Vol. 3 section 18.4.1, Figure 18-3).
    public static let debugCtl = BitLayout(
        "debugctl_intel", reference: "SDM Vol. 3 (325384-084) section 18.4.1",
        [
            BitDefinition("lbr", "LBR", BitRange(0), .flag, "last-branch record"),
            BitDefinition("btf", "BTF", BitRange(1), .flag, "single step on branches"),
            BitDefinition("bld", "BLD", BitRange(2), .flag, "bus-lock detection"),
            // SDM 27.3.1.1 (with "load debug controls"): bits reserved in IA32_DEBUGCTL must be 0.
            BitDefinition("reserved_5_3", "RSVD", BitRange(5, 3), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("tr", "TR", BitRange(6), .flag, "branch trace messages"),
            BitDefinition("bts", "BTS", BitRange(7), .flag, "branch trace store"),
            BitDefinition("btint", "BTINT", BitRange(8), .flag, "branch trace interrupt"),
            BitDefinition("bts_off_os", "BTS_OFF_OS", BitRange(9), .flag, "no BTS at CPL 0"),
            BitDefinition("bts_off_usr", "BTS_OFF_USR", BitRange(10), .flag, "no BTS above CPL 0"),
            BitDefinition("freeze_lbrs_on_pmi", "FREEZE_LBRS_ON_PMI", BitRange(11), .flag, "freeze LBRs on PMI"),
            BitDefinition("freeze_perfmon_on_pmi", "FREEZE_PERFMON_ON_PMI", BitRange(12), .flag, "freeze performance counters on PMI"),
            BitDefinition("enable_uncore_pmi", "ENABLE_UNCORE_PMI", BitRange(13), .flag, "uncore PMI"),
            BitDefinition("freeze_while_smm", "FREEZE_WHILE_SMM", BitRange(14), .flag, "freeze counters and LBRs in SMM"),
            BitDefinition("rtm_debug", "RTM_DEBUG", BitRange(15), .flag, "RTM debugging"),
            BitDefinition("reserved_63_16", "RSVD", BitRange(63, 16), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// IA32_BNDCFGS (SDM Vol. 1 section 17.3).
    public static let bndcfgs = BitLayout(
        "bndcfgs", reference: "SDM Vol. 1 section 17.3.3",
        [
            BitDefinition("en", "EN", BitRange(0), .flag, "MPX enabled in supervisor mode"),
            BitDefinition("bndpreserve", "BNDPRESERVE", BitRange(1), .flag, "preserve bounds on branches"),
            // SDM 27.3.1.1 (with "load IA32_BNDCFGS"): reserved bits 11:2 must be 0.
            BitDefinition("reserved_11_2", "RSVD", BitRange(11, 2), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("base", "BASE", BitRange(63, 12), .address, "bound directory base"),
        ])

    /// IA32_LBR_CTL, the architectural-LBR control MSR 14CEH (SDM Vol. 3 (325384-084) section
    /// 20.1.2.1, Table 20-2). Bits 15:4 and 63:23 are reserved on every processor, so with "load
    /// IA32_LBR_CTL" VM entry fails on them (section 27.3.1.1). Which of bits 3 and 22:16 exist,
    /// CPUID leaf 1CH enumerates; they are rows here, not reserved ones.
    public static let lbrCtl = BitLayout(
        "lbr_ctl", reference: "SDM Vol. 3 (325384-084) section 20.1.2.1",
        [
            BitDefinition("lbren", "LBREn", BitRange(0), .flag, "record branches"),
            BitDefinition("os", "OS", BitRange(1), .flag, "record at CPL 0"),
            BitDefinition("usr", "USR", BitRange(2), .flag, "record above CPL 0"),
            BitDefinition("call_stack", "CALL_STACK", BitRange(3), .flag, "call-stack mode"),
            BitDefinition("reserved_15_4", "RSVD", BitRange(15, 4), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("cond", "COND", BitRange(16), .flag, "record conditional branches"),
            BitDefinition("near_rel_jmp", "NEAR_REL_JMP", BitRange(17), .flag, "record near relative jumps"),
            BitDefinition("near_ind_jmp", "NEAR_IND_JMP", BitRange(18), .flag, "record near indirect jumps"),
            BitDefinition("near_rel_call", "NEAR_REL_CALL", BitRange(19), .flag, "record near relative calls"),
            BitDefinition("near_ind_call", "NEAR_IND_CALL", BitRange(20), .flag, "record near indirect calls"),
            BitDefinition("near_ret", "NEAR_RET", BitRange(21), .flag, "record near returns"),
            BitDefinition("other_branch", "OTHER_BRANCH", BitRange(22), .flag, "record other branches"),
            BitDefinition("reserved_63_23", "RSVD", BitRange(63, 23), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// IA32_EFER as Intel defines it (SDM Vol. 3 (325384-084) section 2.2.1, Table 2-1): only SCE,
    /// LME, LMA and NXE; every other bit is reserved, and with "load IA32_EFER" VM entry fails on
    /// any of them (sections 27.2.2 and 27.3.1.1). AMD's EFER is `Registers.efer`.
    public static let efer = BitLayout(
        "efer_intel", reference: "SDM Vol. 3 (325384-084) section 2.2.1, Table 2-1",
        [
            BitDefinition("sce", "SCE", BitRange(0), .flag, "SYSCALL enable"),
            BitDefinition("reserved_7_1", "RSVD", BitRange(7, 1), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("lme", "LME", BitRange(8), .flag, "IA-32e mode enable"),
            BitDefinition("reserved_9", "RSVD9", BitRange(9), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("lma", "LMA", BitRange(10), .flag, "IA-32e mode active"),
            BitDefinition("nxe", "NXE", BitRange(11), .flag, "execute-disable bit enable"),
            BitDefinition("reserved_63_12", "RSVD", BitRange(63, 12), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// A PAE page-directory-pointer-table entry (SDM Vol. 3 (325384-084) section 4.4.1, Table
    /// 4-8). With P = 1, bits 2:1, 8:5 and 63:MAXPHYADDR are reserved; VM entry checks them in
    /// the PDPTE fields when EPT is on (section 27.3.1.6).
    public static let pdpte: BitLayout = {
        let present = BitCondition(BitRange(0), equals: 1)
        return BitLayout(
            "vmx.pdpte", reference: "SDM Vol. 3 (325384-084) section 4.4.1, Table 4-8",
            [
                BitDefinition("p", "P", BitRange(0), .flag, "present"),
                BitDefinition("reserved_2_1", "RSVD", BitRange(2, 1), .reserved(0), "reserved, must be zero", when: present).checkedOnEntry,
                BitDefinition("pwt", "PWT", BitRange(3), .flag, "page-level writethrough", when: present),
                BitDefinition("pcd", "PCD", BitRange(4), .flag, "page-level cache disable", when: present),
                BitDefinition("reserved_8_5", "RSVD", BitRange(8, 5), .reserved(0), "reserved, must be zero", when: present).checkedOnEntry,
                BitDefinition("address", "ADDRESS", BitRange(51, 12), .address, "physical address of the page directory", when: present),
                BitDefinition("reserved_63_52", "RSVD", BitRange(63, 52), .reserved(0), "reserved, must be zero", when: present).checkedOnEntry,
            ])
    }()

    /// IA32_SPEC_CTRL, Intel form (SDM Vol. 4, MSR 48H). Bits no processor defines are reserved;
    /// with "load IA32_SPEC_CTRL" VM entry fails on them.
    public static let specCtrl = BitLayout(
        "spec_ctrl_intel", reference: "SDM Vol. 4 (335592), MSR 48H IA32_SPEC_CTRL",
        [
            BitDefinition("ibrs", "IBRS", BitRange(0), .flag, "indirect branch restricted speculation"),
            BitDefinition("stibp", "STIBP", BitRange(1), .flag, "single-thread indirect branch predictors"),
            BitDefinition("ssbd", "SSBD", BitRange(2), .flag, "speculative store bypass disable"),
            BitDefinition("ipred_dis_u", "IPRED_DIS_U", BitRange(3), .flag, "IPRED_DIS at CPL 3"),
            BitDefinition("ipred_dis_s", "IPRED_DIS_S", BitRange(4), .flag, "IPRED_DIS at CPL 0 to 2"),
            BitDefinition("rrsba_dis_u", "RRSBA_DIS_U", BitRange(5), .flag, "RRSBA_DIS at CPL 3"),
            BitDefinition("rrsba_dis_s", "RRSBA_DIS_S", BitRange(6), .flag, "RRSBA_DIS at CPL 0 to 2"),
            BitDefinition("psfd", "PSFD", BitRange(7), .flag, "fast store forwarding predictor disable"),
            BitDefinition("ddpd_u", "DDPD_U", BitRange(8), .flag, "data dependent prefetcher disable at CPL 3"),
            BitDefinition("reserved_9", "RSVD9", BitRange(9), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("bhi_dis_s", "BHI_DIS_S", BitRange(10), .flag, "BHI_DIS_S behaviour"),
            BitDefinition("reserved_63_11", "RSVD", BitRange(63, 11), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// IA32_PKRS: two bits per protection key in bits 31:0; bits 63:32 must be 0 (SDM 27.2.2 and
    /// 27.3.1.1 with "load PKRS").
    public static let pkrs = BitLayout(
        "pkrs", reference: "SDM Vol. 3 (325384-084) section 4.6.2",
        (0..<16).flatMap { key -> [BitDefinition] in
            [
                BitDefinition("ad\(key)", "AD\(key)", BitRange(key * 2), .flag, "access disable, key \(key)"),
                BitDefinition("wd\(key)", "WD\(key)", BitRange(key * 2 + 1), .flag, "write disable, key \(key)"),
            ]
        } + [BitDefinition("reserved_63_32", "RSVD", BitRange(63, 32), .reserved(0), "reserved, must be zero").checkedOnEntry])

    /// A 16-bit field holding an 8-bit vector: bits 15:8 must be 0 (the posted-interrupt
    /// notification vector, SDM 27.2.1.1; the guest UINV, SDM 27.3.1.5).
    public static let vector16 = BitLayout(
        "vmx.vector16", reference: "SDM Vol. 3 (325384-084) sections 27.2.1.1 and 27.3.1.5",
        [
            BitDefinition("vector", "VECTOR", BitRange(7, 0), .number, "vector"),
            BitDefinition("reserved_15_8", "RSVD", BitRange(15, 8), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// The TPR threshold: bits 3:0; bits 31:4 must be 0 when "use TPR shadow" is 1 and
    /// "virtual-interrupt delivery" is 0 (SDM 27.2.1.1).
    public static let tprThreshold = BitLayout(
        "vmx.tpr_threshold", reference: "SDM Vol. 3 (325384-084) section 25.6.8",
        [
            BitDefinition("threshold", "THRESHOLD", BitRange(3, 0), .number, "TPR threshold"),
            BitDefinition("reserved_31_4", "RSVD", BitRange(31, 4), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// IA32_FRED_CONFIG (FRED specification, Intel 346446, section 4.1): bits 2, 4, 5 and 11 are
    /// reserved; VM entry with "load FRED" and VM exit with the secondary "load FRED" fail on them.
    public static let fredConfig = BitLayout(
        "fred_config", reference: "FRED specification (346446) section 4.1, IA32_FRED_CONFIG",
        [
            BitDefinition("sl_csl", "CSL", BitRange(1, 0), .number, "current stack level when the event is delivered"),
            BitDefinition("reserved_2", "RSVD2", BitRange(2), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("shadow_stack_switch", "SSS", BitRange(3), .flag, "shadow-stack switch enable"),
            BitDefinition("reserved_5_4", "RSVD", BitRange(5, 4), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("stack_frame_reserve", "REDZONE", BitRange(8, 6), .number, "reserved stack-frame area in 64-byte units"),
            BitDefinition("interrupt_stack_level", "INT_SL", BitRange(10, 9), .number, "stack level for maskable interrupts"),
            BitDefinition("reserved_11", "RSVD11", BitRange(11), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("entrypoint", "ENTRYPOINT", BitRange(63, 12), .address, "linear address of the event handlers' page"),
        ])

    /// Page-fault error code, Intel form, for the PFEC mask and match (SDM Vol. 3 section 4.7).
    public static let pageFaultErrorCode = BitLayout(
        "page_fault_error_code_intel", reference: "SDM Vol. 3 (325384-084) section 4.7, Figure 4-12",
        [
            BitDefinition("p", "P", BitRange(0), .flag, "protection violation (page present)"),
            BitDefinition("wr", "W/R", BitRange(1), .flag, "write access"),
            BitDefinition("us", "U/S", BitRange(2), .flag, "user-mode access"),
            BitDefinition("rsvd", "RSVD", BitRange(3), .flag, "reserved bit set in a paging entry"),
            BitDefinition("id", "I/D", BitRange(4), .flag, "instruction fetch"),
            BitDefinition("pk", "PK", BitRange(5), .flag, "protection-key violation"),
            BitDefinition("ss", "SS", BitRange(6), .flag, "shadow-stack access"),
            BitDefinition("hlat", "HLAT", BitRange(7), .flag, "fault during HLAT paging"),
            BitDefinition("sgx", "SGX", BitRange(15), .flag, "SGX access-control violation"),
        ])

    /// The EPT pointer (section 25.6.11).
    public static let eptPointer = BitLayout(
        "vmx.eptp", reference: "SDM Vol. 3 (325384-084) section 25.6.11",
        [
            BitDefinition("memory_type", "MEMORY_TYPE", BitRange(2, 0), .enumerated(ValueNames([(0, "UC"), (6, "WB")])), "memory type of the EPT paging structures"),
            BitDefinition("page_walk_length", "PAGE_WALK_LENGTH_MINUS_1", BitRange(5, 3), .number, "EPT page-walk length minus 1 (3: 4 levels, 4: 5 levels)"),
            BitDefinition("ad_enable", "AD_ENABLE", BitRange(6), .flag, "accessed and dirty flags for EPT"),
            BitDefinition("sss_enforce", "SSS_ENFORCE", BitRange(7), .flag, "enforce access rights for supervisor shadow-stack pages"),
            // SDM 27.2.1.1: bits 11:8 and bits beyond the physical-address width (at most 52) must be 0.
            BitDefinition("reserved_11_8", "RSVD", BitRange(11, 8), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("pml4_address", "PML4", BitRange(51, 12), .address, "physical address of the EPT PML4 (or PML5) table"),
            BitDefinition("reserved_63_52", "RSVD", BitRange(63, 52), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    // MARK: Exit qualification by exit reason (section 28.2.1)

    public static let debugExceptionQualification = BitLayout(
        "vmx.qualification.debug_exception", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("b0", "B0", BitRange(0), .flag, "breakpoint 0 condition met"),
            BitDefinition("b1", "B1", BitRange(1), .flag, "breakpoint 1 condition met"),
            BitDefinition("b2", "B2", BitRange(2), .flag, "breakpoint 2 condition met"),
            BitDefinition("b3", "B3", BitRange(3), .flag, "breakpoint 3 condition met"),
            BitDefinition("bld", "BLD", BitRange(11), .flag, "bus lock detected"),
            BitDefinition("bd", "BD", BitRange(13), .flag, "debug-register access detected"),
            BitDefinition("bs", "BS", BitRange(14), .flag, "single step"),
            BitDefinition("rtm", "RTM", BitRange(16), .flag, "debug exception in an RTM region"),
        ])

    public static let linearAddressQualification = BitLayout(
        "vmx.qualification.linear_address", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("linear_address", "LINEAR_ADDRESS", BitRange(63, 0), .address, "linear address (faulting address or INVLPG operand)")
        ])

    public static let displacementQualification = BitLayout(
        "vmx.qualification.displacement", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [BitDefinition("displacement", "DISPLACEMENT", BitRange(63, 0), .address, "displacement of the instruction's memory operand")])

    public static let sipiQualification = BitLayout(
        "vmx.qualification.sipi", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [BitDefinition("vector", "VECTOR", BitRange(7, 0), .number, "SIPI vector")])

    public static let ioQualification = BitLayout(
        "vmx.qualification.io", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("size", "SIZE", BitRange(2, 0), .enumerated(ValueNames([(0, "1 byte"), (1, "2 bytes"), (3, "4 bytes")])), "size of access"),
            BitDefinition("direction", "DIRECTION", BitRange(3), .enumerated(ValueNames([(0, "OUT"), (1, "IN")])), "direction"),
            BitDefinition("string", "STRING", BitRange(4), .flag, "string instruction"),
            BitDefinition("rep", "REP", BitRange(5), .flag, "REP prefixed"),
            BitDefinition("operand", "OPERAND", BitRange(6), .enumerated(ValueNames([(0, "DX"), (1, "immediate")])), "port operand encoding"),
            BitDefinition("port", "PORT", BitRange(31, 16), .number, "port number"),
        ])

    public static let taskSwitchQualification = BitLayout(
        "vmx.qualification.task_switch", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("selector", "SELECTOR", BitRange(15, 0), .number, "selector of the task-state segment"),
            BitDefinition("source", "SOURCE", BitRange(31, 30), .enumerated(ValueNames([(0, "CALL"), (1, "IRET"), (2, "JMP"), (3, "IDT task gate")])), "source of the task switch"),
        ])

    public static let crAccessQualification = BitLayout(
        "vmx.qualification.cr_access", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("cr", "CR", BitRange(3, 0), .number, "control register number"),
            BitDefinition("access_type", "ACCESS_TYPE", BitRange(5, 4), .enumerated(ValueNames([(0, "MOV to CR"), (1, "MOV from CR"), (2, "CLTS"), (3, "LMSW")])), "access type"),
            BitDefinition("lmsw_operand", "LMSW_OPERAND", BitRange(6), .enumerated(ValueNames([(0, "register"), (1, "memory")])), "LMSW operand type", when: BitCondition(BitRange(5, 4), equals: 3)),
            BitDefinition("gpr", "GPR", BitRange(11, 8), .enumerated(Registers.generalPurposeRegisters), "general-purpose register", when: BitCondition(BitRange(5, 4), in: [0, 1])),
            BitDefinition("lmsw_source", "LMSW_SOURCE", BitRange(31, 16), .number, "LMSW source data", when: BitCondition(BitRange(5, 4), equals: 3)),
        ])

    public static let movDRQualification = BitLayout(
        "vmx.qualification.mov_dr", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("dr", "DR", BitRange(2, 0), .number, "debug register number"),
            BitDefinition("direction", "DIRECTION", BitRange(4), .enumerated(ValueNames([(0, "MOV to DR"), (1, "MOV from DR")])), "direction of access"),
            BitDefinition("gpr", "GPR", BitRange(11, 8), .enumerated(Registers.generalPurposeRegisters), "general-purpose register"),
        ])

    public static let apicAccessQualification = BitLayout(
        "vmx.qualification.apic_access", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("offset", "OFFSET", BitRange(11, 0), .address, "offset of the access within the APIC page"),
            BitDefinition("access_type", "ACCESS_TYPE", BitRange(15, 12), .enumerated(ValueNames([(0, "linear read"), (1, "linear write"), (2, "linear fetch"), (3, "linear during event delivery"), (10, "guest-physical during event delivery"), (15, "guest-physical fetch"), ])), "access type"),
            BitDefinition("asynchronous", "ASYNC", BitRange(16), .flag, "the access was asynchronous to instruction execution"),
        ])

    public static let eptViolationQualification = BitLayout(
        "vmx.qualification.ept_violation", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("read", "READ", BitRange(0), .flag, "the access was a data read"),
            BitDefinition("write", "WRITE", BitRange(1), .flag, "the access was a data write"),
            BitDefinition("fetch", "FETCH", BitRange(2), .flag, "the access was an instruction fetch"),
            BitDefinition("readable", "READABLE", BitRange(3), .flag, "the guest-physical address was readable"),
            BitDefinition("writable", "WRITABLE", BitRange(4), .flag, "the guest-physical address was writable"),
            BitDefinition("executable", "EXECUTABLE", BitRange(5), .flag, "the guest-physical address was executable (for supervisor mode, with mode-based execute control)"),
            BitDefinition("user_executable", "USER_EXECUTABLE", BitRange(6), .flag, "the guest-physical address was executable for user mode"),
            BitDefinition("gla_valid", "GLA_VALID", BitRange(7), .flag, "the guest-linear address field is valid"),
            BitDefinition("gla_translated", "GLA_TRANSLATED", BitRange(8), .flag, "the access was to the translation of the linear address (else to a paging-structure entry)", when: BitCondition(BitRange(7), equals: 1)),
            BitDefinition("user_mode", "USER_MODE", BitRange(9), .flag, "user-mode linear address (advanced VM-exit information)"),
            BitDefinition("rw_page", "RW_PAGE", BitRange(10), .flag, "the page was read/write in the guest paging structures"),
            BitDefinition("nx_page", "NX_PAGE", BitRange(11), .flag, "the page was execute-disable"),
            BitDefinition("nmi_unblocking", "NMI_UNBLOCKING", BitRange(12), .flag, "NMI unblocking due to IRET"),
            BitDefinition("shadow_stack", "SHADOW_STACK", BitRange(13), .flag, "the access was a shadow-stack access"),
            BitDefinition("supervisor_shadow_stack", "SSS", BitRange(14), .flag, "the page was a supervisor shadow-stack page"),
            BitDefinition("guest_paging_verification", "GUEST_PAGING_VERIFY", BitRange(15), .flag, "guest-paging verification failed"),
            BitDefinition("asynchronous", "ASYNC", BitRange(16), .flag, "the access was asynchronous to instruction execution"),
        ])

    public static let nmiUnblockingQualification = BitLayout(
        "vmx.qualification.nmi_unblocking", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("vm_context_invalid", "VM_CONTEXT_INVALID", BitRange(0), .flag, "the VM context is invalid (instruction timeout)"),
            BitDefinition("nmi_unblocking", "NMI_UNBLOCKING", BitRange(12), .flag, "NMI unblocking due to IRET"),
        ])

    public static let eoiQualification = BitLayout(
        "vmx.qualification.eoi", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [BitDefinition("vector", "VECTOR", BitRange(7, 0), .number, "vector of the virtualized EOI")])

    public static let apicWriteQualification = BitLayout(
        "vmx.qualification.apic_write", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [BitDefinition("offset", "OFFSET", BitRange(11, 0), .address, "offset of the APIC register written")])

    /// The exit qualification of a VM entry that failed on guest state, in the SDM's words
    /// (section 27.8; 1 is not used).
    public static let invalidGuestStateCauses = ValueNames([
        (0, "no further information (the default)"),
        (2, "failure was due to a problem loading the PDPTRs"),
        (3, "failure was due to an attempt to inject a non-maskable interrupt (NMI) into a guest that is blocking events through the STI blocking bit in the interruptibility-state field"),
        (4, "failure was due to an invalid VMCS link pointer"),
    ])

    public static let invalidGuestStateQualification = BitLayout(
        "vmx.qualification.invalid_guest_state", reference: "SDM Vol. 3 (325384-084) section 27.8",
        [
            BitDefinition("cause", "CAUSE", BitRange(63, 0), .enumerated(invalidGuestStateCauses), "what the check found")
        ])

    public static let msrLoadQualification = BitLayout(
        "vmx.qualification.msr_load", reference: "SDM Vol. 3 (325384-084) section 27.8",
        [BitDefinition("entry", "ENTRY", BitRange(63, 0), .number, "which MSR-load entry failed, counting from 1")])

    // MARK: VM-exit instruction information

    // SDM Vol. 3 (325384-084) section 28.2.5, the tables of the VM-exit instruction-information
    // field for each instruction class. Bits a table leaves undefined have no row and show as
    // unnamed; so do the address parts the table calls undefined (an index register marked
    // invalid, the memory operand of a register form).
    static let instructionInfoReference = "SDM Vol. 3 (325384-084) section 28.2.5 (instruction information)"
    static let scalings = ValueNames([(0, "none"), (1, "x2"), (2, "x4"), (3, "x8")])
    /// Address and operand sizes, as the instruction-information tables encode both.
    static let sizes = ValueNames([(0, "16-bit"), (1, "32-bit"), (2, "64-bit")])
    static let memoryForm = BitCondition(BitRange(10), equals: 0)
    static let registerForm = BitCondition(BitRange(10), equals: 1)

    /// Scaling, address size, segment, index and base of a memory operand; `conditions` says when
    /// the operand is in memory at all.
    static func memoryOperandRows(_ conditions: [BitCondition] = []) -> [BitDefinition] {
        let indexValid = conditions + [BitCondition(BitRange(22), equals: 0)]
        let baseValid = conditions + [BitCondition(BitRange(27), equals: 0)]
        let gpr = BitKind.enumerated(Registers.generalPurposeRegisters)
        return [
            BitDefinition("scaling", "SCALING", BitRange(1, 0), .enumerated(scalings), "scale applied to the index register", conditions: indexValid),
            BitDefinition("address_size", "ADDRESS_SIZE", BitRange(9, 7), .enumerated(sizes), "address size of the memory operand", conditions: conditions),
            BitDefinition("segment", "SEGMENT", BitRange(17, 15), .enumerated(Registers.segmentRegisters), "segment register of the memory operand", conditions: conditions),
            BitDefinition("index", "INDEX", BitRange(21, 18), gpr, "index register", conditions: indexValid),
            BitDefinition("index_invalid", "NO_INDEX", BitRange(22), .flag, "the operand has no index register", conditions: conditions),
            BitDefinition("base", "BASE", BitRange(26, 23), gpr, "base register", conditions: baseValid),
            BitDefinition("base_invalid", "NO_BASE", BitRange(27), .flag, "the operand has no base register", conditions: conditions),
        ]
    }

    /// A table built from shared rows, in bit order as the manual draws it.
    static func instructionInfoLayout(_ name: String, _ rows: [BitDefinition]) -> BitLayout {
        BitLayout("vmx.instruction_info.\(name)", reference: instructionInfoReference, rows.sorted { $0.range.lsb < $1.range.lsb })
    }

    /// VMCLEAR, VMPTRLD, VMPTRST, VMXON, XSAVES, XRSTORS: one memory operand.
    public static let memoryInstructionInfo = instructionInfoLayout("memory", memoryOperandRows())

    /// INVEPT, INVVPID, INVPCID: the descriptor in memory, the type in a register.
    public static let invalidationInstructionInfo = instructionInfoLayout(
        "invalidation",
        memoryOperandRows() + [
            BitDefinition("reg2", "REG2", BitRange(31, 28), .enumerated(Registers.generalPurposeRegisters), "register operand (the invalidation type)"),
        ])

    /// LGDT, LIDT, SGDT, SIDT.
    public static let descriptorTableInstructionInfo = instructionInfoLayout(
        "descriptor_table",
        memoryOperandRows() + [
            BitDefinition("operand_size", "OPERAND_SIZE", BitRange(11), .enumerated(ValueNames([(0, "16-bit"), (1, "32-bit")])), "operand size (undefined for exits from 64-bit mode)"),
            BitDefinition("instruction", "INSTRUCTION", BitRange(29, 28), .enumerated(ValueNames([(0, "SGDT"), (1, "SIDT"), (2, "LGDT"), (3, "LIDT")])), "which instruction"),
        ])

    /// LLDT, LTR, SLDT, STR: a register or a memory operand.
    public static let segmentTableInstructionInfo = instructionInfoLayout(
        "ldtr_tr",
        [
            BitDefinition("reg1", "REG1", BitRange(6, 3), .enumerated(Registers.generalPurposeRegisters), "register operand", when: registerForm),
            BitDefinition("register_form", "MEM_REG", BitRange(10), .enumerated(ValueNames([(0, "memory"), (1, "register")])), "operand in memory or in a register"),
        ] + memoryOperandRows([memoryForm]) + [
            BitDefinition("instruction", "INSTRUCTION", BitRange(29, 28), .enumerated(ValueNames([(0, "SLDT"), (1, "STR"), (2, "LLDT"), (3, "LTR")])), "which instruction"),
        ])

    /// VMREAD, VMWRITE: REG2 holds the field encoding; the other operand is REG1 or memory.
    public static let vmreadInstructionInfo = instructionInfoLayout(
        "vmread_vmwrite",
        [
            BitDefinition("reg1", "REG1", BitRange(6, 3), .enumerated(Registers.generalPurposeRegisters), "register operand (VMREAD destination, VMWRITE source)", when: registerForm),
            BitDefinition("register_form", "MEM_REG", BitRange(10), .enumerated(ValueNames([(0, "memory"), (1, "register")])), "operand in memory or in a register"),
        ] + memoryOperandRows([memoryForm]) + [
            BitDefinition("reg2", "REG2", BitRange(31, 28), .enumerated(Registers.generalPurposeRegisters), "register holding the VMCS field encoding"),
        ])

    /// RDRAND, RDSEED, TPAUSE, UMWAIT: one register operand.
    public static let registerInstructionInfo = instructionInfoLayout(
        "register",
        [
            BitDefinition("operand", "OPERAND", BitRange(6, 3), .enumerated(Registers.generalPurposeRegisters), "register operand (RDRAND/RDSEED destination, TPAUSE/UMWAIT source)"),
            BitDefinition("operand_size", "OPERAND_SIZE", BitRange(12, 11), .enumerated(sizes), "operand size"),
        ])

    /// OUTS: address size and the source segment (only on processors that report INS/OUTS
    /// instruction information in IA32_VMX_BASIC bit 54).
    public static let outsInstructionInfo = instructionInfoLayout(
        "outs",
        [
            BitDefinition("address_size", "ADDRESS_SIZE", BitRange(9, 7), .enumerated(sizes), "address size of the string operand"),
            BitDefinition("segment", "SEGMENT", BitRange(17, 15), .enumerated(Registers.segmentRegisters), "segment register of the source operand"),
        ])

    /// INS: the address size only (the destination is always ES).
    public static let insInstructionInfo = instructionInfoLayout(
        "ins",
        [BitDefinition("address_size", "ADDRESS_SIZE", BitRange(9, 7), .enumerated(sizes), "address size of the string operand")])

    /// Instruction-information key: the basic exit reason in bits 23:8 and, for I/O exits, the
    /// qualification's string (4) and direction (3) bits, which tell OUTS and INS from other I/O.
    public static let instructionInfoKey = [
        SelectorKey("exit.reason", mask: 0xffff, shift: 8),
        SelectorKey("exit.qualification", mask: 0x18, shift: 0, ifAbsent: 0),
    ]

    /// Which table describes the instruction information, by basic exit reason.
    public static let instructionInfoCases: [LayoutCase] = [
        reason(19, memoryInstructionInfo),  // VMCLEAR
        reason(21, memoryInstructionInfo),  // VMPTRLD
        reason(22, memoryInstructionInfo),  // VMPTRST
        reason(23, vmreadInstructionInfo),  // VMREAD
        reason(25, vmreadInstructionInfo),  // VMWRITE
        reason(27, memoryInstructionInfo),  // VMXON
        LayoutCase(30 << 8 | 0x10, outsInstructionInfo),  // I/O exit: string, out
        LayoutCase(30 << 8 | 0x18, insInstructionInfo),  // I/O exit: string, in
        reason(46, descriptorTableInstructionInfo),  // GDTR/IDTR access
        reason(47, segmentTableInstructionInfo),  // LDTR/TR access
        reason(50, invalidationInstructionInfo),  // INVEPT
        reason(53, invalidationInstructionInfo),  // INVVPID
        reason(57, registerInstructionInfo),  // RDRAND
        reason(58, invalidationInstructionInfo),  // INVPCID
        reason(61, registerInstructionInfo),  // RDSEED
        reason(63, memoryInstructionInfo),  // XSAVES
        reason(64, memoryInstructionInfo),  // XRSTORS
        reason(67, registerInstructionInfo),  // UMWAIT
        reason(68, registerInstructionInfo),  // TPAUSE
    ]

    /// Qualification key: the basic exit reason in bits 23:8 and, for exceptions, the vector in 7:0.
    /// Only exit reason 0 looks at the vector, so an input without the interruption information
    /// still decodes every other reason's qualification.
    public static let qualificationKey = [
        SelectorKey("exit.reason", mask: 0xffff, shift: 8),
        SelectorKey("exit.intr_info", mask: 0xff, shift: 0, ifAbsent: 0),
    ]

    static func reason(_ basic: UInt64, _ layout: BitLayout) -> LayoutCase {
        LayoutCase((basic << 8)...(basic << 8 | 0xff), layout)
    }

    public static let qualificationCases: [LayoutCase] =
        [
            LayoutCase(1, debugExceptionQualification),  // exception or NMI, vector 1 (#DB)
            LayoutCase(14, linearAddressQualification),  // exception or NMI, vector 14 (#PF)
            reason(4, sipiQualification),
            reason(5, ioQualification),  // I/O SMI
            reason(9, taskSwitchQualification),
            reason(14, linearAddressQualification),  // INVLPG
        ] + (19...27).map { reason(UInt64($0), displacementQualification) } + [  // VMCLEAR ... VMXON
            reason(28, crAccessQualification),
            reason(29, movDRQualification),
            reason(30, ioQualification),
            reason(33, invalidGuestStateQualification),
            reason(34, msrLoadQualification),
            reason(44, apicAccessQualification),
            reason(45, eoiQualification),
            reason(46, displacementQualification),
            reason(47, displacementQualification),
            reason(48, eptViolationQualification),
            reason(50, displacementQualification),
            reason(53, displacementQualification),
            reason(56, apicWriteQualification),
            reason(58, displacementQualification),
            reason(62, nmiUnblockingQualification),
            reason(63, displacementQualification),
            reason(64, displacementQualification),
            reason(75, nmiUnblockingQualification),
        ]
}
