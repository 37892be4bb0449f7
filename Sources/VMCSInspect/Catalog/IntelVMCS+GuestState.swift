// swift-format-ignore-file
// (catalog rows stay one per line)
// VMCS guest-state and control values. Source: Intel SDM Vol. 3 (order no. 325384-084, 2024):
// section 25.4 (guest-state area: access rights, interruptibility, activity state, pending debug
// exceptions), 25.6 (controls: the EPTP, the TPR threshold, posted-interrupt vectors), and the MSRs
// the guest state holds (chapters 2, 4, 17, 18, 20; the FRED specification, 346446).

extension IntelVMCSValues {
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

    /// A segment selector: RPL, TI and index.
    public static let selector = BitLayout(
        "selector", reference: "SDM Vol. 3 (325384-084) section 3.4.2, Figure 3-6",
        [
            BitDefinition("rpl", "RPL", BitRange(1, 0), .number, "requested privilege level"),
            BitDefinition("ti", "TI", BitRange(2), .flag, "table indicator: LDT"),
            BitDefinition("index", "INDEX", BitRange(15, 3), .number, "descriptor index"),
        ])

    /// Guest interruptibility state (section 25.4.2, Table 25-3).
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

    /// Guest activity state (section 25.4.2).
    public static let activityState = BitLayout(
        "vmx.activity_state", reference: "SDM Vol. 3 (325384-084) section 25.4.2",
        [
            BitDefinition("state", "STATE", BitRange(31, 0), .enumerated(ValueNames([(0, "ACTIVE"), (1, "HLT"), (2, "SHUTDOWN"), (3, "WAIT_FOR_SIPI")])), "activity state")
        ])

    /// Guest pending debug exceptions (section 25.4.2, Table 25-4).
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

    /// Guest interrupt status: RVI and SVI (section 25.4.2).
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
            BitDefinition("p", "P", BitRange(0), .flag, "protection violation (page present)", clear: "the page was not present"),
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
}
