// swift-format-ignore-file
// (catalog rows stay one per line)
// VMCB value tables: exit codes, intercept vectors, interrupt control, event injection and the
// exit information words. Source: AMD64 Architecture Programmer's Manual Vol. 2 (publication
// 24593, revision 3.42): Appendix B (VMCB layout, Table B-1), Appendix C (SVM intercept exit
// codes, Table C-1), section 15.7 (intercept operation, EXITINFO), 15.10 (I/O intercepts,
// Figure 15-2), 15.20 (event injection, Figure 15-4), 15.25.6 (nested page faults),
// 15.29 (AVIC) and 15.15.4 (VMCB clean bits).

/// VMCB value names and bit tables.
public enum AMDVMCBValues {
    // MARK: Exit codes (APM rev 3.42 Table C-1)

    static let generalExitCodes: [(UInt64, String)] = [
        (0x60, "INTR"), (0x61, "NMI"), (0x62, "SMI"), (0x63, "INIT"), (0x64, "VINTR"),
        (0x65, "CR0_SEL_WRITE"), (0x66, "IDTR_READ"), (0x67, "GDTR_READ"), (0x68, "LDTR_READ"),
        (0x69, "TR_READ"), (0x6a, "IDTR_WRITE"), (0x6b, "GDTR_WRITE"), (0x6c, "LDTR_WRITE"),
        (0x6d, "TR_WRITE"), (0x6e, "RDTSC"), (0x6f, "RDPMC"), (0x70, "PUSHF"), (0x71, "POPF"),
        (0x72, "CPUID"), (0x73, "RSM"), (0x74, "IRET"), (0x75, "SWINT"), (0x76, "INVD"),
        (0x77, "PAUSE"), (0x78, "HLT"), (0x79, "INVLPG"), (0x7a, "INVLPGA"), (0x7b, "IOIO"),
        (0x7c, "MSR"), (0x7d, "TASK_SWITCH"), (0x7e, "FERR_FREEZE"), (0x7f, "SHUTDOWN"),
        (0x80, "VMRUN"), (0x81, "VMMCALL"), (0x82, "VMLOAD"), (0x83, "VMSAVE"), (0x84, "STGI"),
        (0x85, "CLGI"), (0x86, "SKINIT"), (0x87, "RDTSCP"), (0x88, "ICEBP"), (0x89, "WBINVD"),
        (0x8a, "MONITOR"), (0x8b, "MWAIT"), (0x8c, "MWAIT_CONDITIONAL"), (0x8d, "XSETBV"),
        (0x8e, "RDPRU"), (0x8f, "EFER_WRITE_TRAP"),
        (0xa0, "INVLPGB"), (0xa1, "INVLPGB_ILLEGAL"), (0xa2, "INVPCID"), (0xa3, "MCOMMIT"),
        (0xa4, "TLBSYNC"), (0xa5, "BUSLOCK"), (0xa6, "IDLE_HLT"),
        (0x400, "NPF"), (0x401, "AVIC_INCOMPLETE_IPI"), (0x402, "AVIC_NOACCEL"), (0x403, "VMGEXIT"),
        (UInt64.max, "INVALID"), (UInt64.max - 1, "BUSY"), (UInt64.max - 2, "IDLE_REQUIRED"),
        // The same codes as 32-bit producers print them and 32-bit code writes them into the
        // page: EXITCODE's low half, sign to be extended (see `SVMExitCode`).
        (0xffff_ffff, "INVALID"), (0xffff_fffe, "BUSY"), (0xffff_fffd, "IDLE_REQUIRED"),
    ]

    /// Every SVM exit code by name: CR and DR accesses, exceptions, and Table C-1's rest.
    public static let exitCodes: ValueNames = {
        var pairs: [(UInt64, String)] = []
        for n in 0..<16 { pairs.append((UInt64(n), "CR\(n)_READ")) }
        for n in 0..<16 { pairs.append((UInt64(0x10 + n), "CR\(n)_WRITE")) }
        for n in 0..<16 { pairs.append((UInt64(0x20 + n), "DR\(n)_READ")) }
        for n in 0..<16 { pairs.append((UInt64(0x30 + n), "DR\(n)_WRITE")) }
        for n in 0..<32 {
            let mnemonic = Registers.exceptionMnemonics[UInt64(n)].map { " \($0)" } ?? ""
            pairs.append((UInt64(0x40 + n), "EXCP\(n)\(mnemonic)"))
        }
        for n in 0..<16 { pairs.append((UInt64(0x90 + n), "CR\(n)_WRITE_TRAP")) }
        return ValueNames(pairs + generalExitCodes)
    }()

    public static let exitCode = BitLayout(
        "svm.exit_code", reference: "APM Vol. 2 rev 3.42 Appendix C, Table C-1",
        [BitDefinition("code", "EXITCODE", BitRange(63, 0), .enumerated(exitCodes), "exit code")])

    // MARK: Intercept vectors (APM rev 3.42 Table B-1, offsets 000h-014h)

    static func registerVector(_ prefix: String, _ what: String) -> BitLayout {
        BitLayout(
            "svm.intercept_\(prefix.lowercased())_\(what)", reference: "APM Vol. 2 rev 3.42 Table B-1 (000h, 004h)",
            (0..<16).map {
                BitDefinition("\(prefix.lowercased())\($0)", "\(prefix)\($0)", BitRange($0), .flag, "intercept \(what) of \(prefix)\($0)")
            })
    }

    public static let crReadIntercepts = registerVector("CR", "reads")
    public static let crWriteIntercepts = registerVector("CR", "writes")
    public static let drReadIntercepts = registerVector("DR", "reads")
    public static let drWriteIntercepts = registerVector("DR", "writes")

    public static let interceptWord3 = BitLayout(
        "svm.intercept_word3", reference: "APM Vol. 2 rev 3.42 Table B-1 (00Ch)",
        [
            BitDefinition("intr", "INTR", BitRange(0), .flag, "intercept physical INTR"),
            BitDefinition("nmi", "NMI", BitRange(1), .flag, "intercept NMI"),
            BitDefinition("smi", "SMI", BitRange(2), .flag, "intercept SMI"),
            BitDefinition("init", "INIT", BitRange(3), .flag, "intercept INIT"),
            BitDefinition("vintr", "VINTR", BitRange(4), .flag, "intercept virtual interrupt"),
            BitDefinition("cr0_sel_write", "CR0_SEL_WRITE", BitRange(5), .flag, "intercept CR0 writes that change bits other than TS or MP"),
            BitDefinition("idtr_read", "IDTR_READ", BitRange(6), .flag, "intercept reads of IDTR"),
            BitDefinition("gdtr_read", "GDTR_READ", BitRange(7), .flag, "intercept reads of GDTR"),
            BitDefinition("ldtr_read", "LDTR_READ", BitRange(8), .flag, "intercept reads of LDTR"),
            BitDefinition("tr_read", "TR_READ", BitRange(9), .flag, "intercept reads of TR"),
            BitDefinition("idtr_write", "IDTR_WRITE", BitRange(10), .flag, "intercept writes of IDTR"),
            BitDefinition("gdtr_write", "GDTR_WRITE", BitRange(11), .flag, "intercept writes of GDTR"),
            BitDefinition("ldtr_write", "LDTR_WRITE", BitRange(12), .flag, "intercept writes of LDTR"),
            BitDefinition("tr_write", "TR_WRITE", BitRange(13), .flag, "intercept writes of TR"),
            BitDefinition("rdtsc", "RDTSC", BitRange(14), .flag, "intercept RDTSC"),
            BitDefinition("rdpmc", "RDPMC", BitRange(15), .flag, "intercept RDPMC"),
            BitDefinition("pushf", "PUSHF", BitRange(16), .flag, "intercept PUSHF"),
            BitDefinition("popf", "POPF", BitRange(17), .flag, "intercept POPF"),
            BitDefinition("cpuid", "CPUID", BitRange(18), .flag, "intercept CPUID"),
            BitDefinition("rsm", "RSM", BitRange(19), .flag, "intercept RSM"),
            BitDefinition("iret", "IRET", BitRange(20), .flag, "intercept IRET"),
            BitDefinition("intn", "INTn", BitRange(21), .flag, "intercept software interrupts (INTn)"),
            BitDefinition("invd", "INVD", BitRange(22), .flag, "intercept INVD"),
            BitDefinition("pause", "PAUSE", BitRange(23), .flag, "intercept PAUSE"),
            BitDefinition("hlt", "HLT", BitRange(24), .flag, "intercept HLT"),
            BitDefinition("invlpg", "INVLPG", BitRange(25), .flag, "intercept INVLPG"),
            BitDefinition("invlpga", "INVLPGA", BitRange(26), .flag, "intercept INVLPGA"),
            BitDefinition("ioio_prot", "IOIO_PROT", BitRange(27), .flag, "intercept IN/OUT through the I/O permission map"),
            BitDefinition("msr_prot", "MSR_PROT", BitRange(28), .flag, "intercept RDMSR/WRMSR through the MSR permission map"),
            BitDefinition("task_switch", "TASK_SWITCH", BitRange(29), .flag, "intercept task switches"),
            BitDefinition("ferr_freeze", "FERR_FREEZE", BitRange(30), .flag, "intercept processor freezing during legacy FERR handling"),
            BitDefinition("shutdown", "SHUTDOWN", BitRange(31), .flag, "intercept shutdown events"),
        ])

    public static let interceptWord4 = BitLayout(
        "svm.intercept_word4", reference: "APM Vol. 2 rev 3.42 Table B-1 (010h)",
        [
            BitDefinition("vmrun", "VMRUN", BitRange(0), .flag, "intercept VMRUN"),
            BitDefinition("vmmcall", "VMMCALL", BitRange(1), .flag, "intercept VMMCALL"),
            BitDefinition("vmload", "VMLOAD", BitRange(2), .flag, "intercept VMLOAD"),
            BitDefinition("vmsave", "VMSAVE", BitRange(3), .flag, "intercept VMSAVE"),
            BitDefinition("stgi", "STGI", BitRange(4), .flag, "intercept STGI"),
            BitDefinition("clgi", "CLGI", BitRange(5), .flag, "intercept CLGI"),
            BitDefinition("skinit", "SKINIT", BitRange(6), .flag, "intercept SKINIT"),
            BitDefinition("rdtscp", "RDTSCP", BitRange(7), .flag, "intercept RDTSCP"),
            BitDefinition("icebp", "ICEBP", BitRange(8), .flag, "intercept ICEBP"),
            BitDefinition("wbinvd", "WBINVD", BitRange(9), .flag, "intercept WBINVD and WBNOINVD"),
            BitDefinition("monitor", "MONITOR", BitRange(10), .flag, "intercept MONITOR and MONITORX"),
            BitDefinition("mwait", "MWAIT", BitRange(11), .flag, "intercept MWAIT and MWAITX unconditionally"),
            BitDefinition("mwait_conditional", "MWAIT_CONDITIONAL", BitRange(12), .flag, "intercept MWAIT and MWAITX if the monitor hardware is armed" ),
            BitDefinition("xsetbv", "XSETBV", BitRange(13), .flag, "intercept XSETBV"),
            BitDefinition("rdpru", "RDPRU", BitRange(14), .flag, "intercept RDPRU"),
            BitDefinition("efer_write_trap", "EFER_WRITE_TRAP", BitRange(15), .flag, "trap writes of EFER after the guest instruction completes"),
        ]
            + (0..<16).map {
                BitDefinition("cr\($0)_write_trap", "CR\($0)_WRITE_TRAP", BitRange(16 + $0), .flag, "trap writes of CR\($0) after the guest instruction completes")
            })

    public static let interceptWord5 = BitLayout(
        "svm.intercept_word5", reference: "APM Vol. 2 rev 3.42 Table B-1 (014h)",
        [
            BitDefinition("invlpgb", "INVLPGB", BitRange(0), .flag, "intercept all INVLPGB instructions"),
            BitDefinition("invlpgb_illegal", "INVLPGB_ILLEGAL", BitRange(1), .flag, "intercept only illegally specified INVLPGB"),
            BitDefinition("invpcid", "INVPCID", BitRange(2), .flag, "intercept INVPCID"),
            BitDefinition("mcommit", "MCOMMIT", BitRange(3), .flag, "intercept MCOMMIT"),
            BitDefinition("tlbsync", "TLBSYNC", BitRange(4), .flag, "intercept TLBSYNC"),
            BitDefinition("buslock", "BUSLOCK", BitRange(5), .flag, "intercept bus-lock operations"),
            BitDefinition("idle_hlt", "IDLE_HLT", BitRange(6), .flag, "intercept HLT if no virtual interrupt is pending"),
        ])

    // MARK: Control registers as AMD defines them

    /// CR3 bits 63:52 must be zero on AMD processors (APM Vol. 2 rev 3.42 section 3.1.2, Figure
    /// 3-6; VMRUN fails on them, section 15.5.1 "any MBZ bit of CR3").
    static let cr3High = [
        BitDefinition("reserved_63_52", "MBZ", BitRange(63, 52), .reserved(0), "reserved, must be zero").checkedOnEntry
    ]

    /// CR3 as the VMCB holds it (APM Vol. 2 rev 3.42 section 3.1.2, Figures 3-5 and 3-6).
    public static let cr3 = BitLayout(
        "cr3_amd", reference: "APM Vol. 2 rev 3.42 section 3.1.2, Figure 3-5",
        [
            BitDefinition("pwt", "PWT", BitRange(3), .flag, "page-level writethrough (ignored as such when CR4.PCIDE=1)"),
            BitDefinition("pcd", "PCD", BitRange(4), .flag, "page-level cache disable (ignored as such when CR4.PCIDE=1)"),
            BitDefinition("base", "BASE", BitRange(51, 12), .address, "physical address of the top-level page table"),
        ] + cr3High)

    /// CR3 with CR4.PCIDE = 1 (APM Vol. 2 rev 3.42 section 3.1.2, Figure 3-6).
    public static let cr3WithPCID = BitLayout(
        "cr3_pcid_amd", reference: "APM Vol. 2 rev 3.42 section 3.1.2, Figure 3-6",
        [
            BitDefinition("pcid", "PCID", BitRange(11, 0), .number, "process-context identifier"),
            BitDefinition("base", "BASE", BitRange(51, 12), .address, "physical address of the top-level page table"),
        ] + cr3High)

    /// CR3 read by CR4.PCIDE (bit 17) of the CR4 field named.
    public static func cr3(pcideFrom cr4: String) -> LayoutRule {
        .keyed(by: [SelectorKey(cr4, mask: 1 << 17, shift: 0)], [LayoutCase(0, cr3), LayoutCase(1 << 17, cr3WithPCID)])
    }

    /// CR4 as AMD defines it (APM Vol. 2 rev 3.42 section 3.1.3, Figure 3-7): the bits only Intel
    /// defines (VMXE, SMXE, KL, UINTR, LASS, LAM_SUP, FRED) are reserved and must be zero, and VMRUN
    /// fails on any of them (section 15.5.1 "any MBZ bit of CR4"; kvm-unit-tests' svm_tests.c
    /// finds the mask 0xffff_ffff_fe08_e000).
    public static let cr4 = BitLayout(
        "cr4_amd", reference: "APM Vol. 2 rev 3.42 section 3.1.3, Figure 3-7",
        Registers.cr4.bits.filter { [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17, 18, 20, 21, 22, 23, 24].contains($0.range.lsb) && !$0.isReserved } + [
            BitDefinition("reserved_15_13", "MBZ", BitRange(15, 13), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("reserved_19", "MBZ19", BitRange(19), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("reserved_63_25", "MBZ", BitRange(63, 25), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    // MARK: Control fields

    public static let tlbControl = BitLayout(
        "svm.tlb_control", reference: "APM Vol. 2 rev 3.42 Table B-1 (058h bits 39:32), chapter 15, TLB control",
        [
            BitDefinition("tlb_control", "TLB_CONTROL", BitRange(7, 0), .enumerated(ValueNames([(0, "DO_NOTHING"), (1, "FLUSH_ALL"), (3, "FLUSH_GUEST"), (7, "FLUSH_GUEST_NONGLOBAL"), ])), "TLB flush on VMRUN")
        ])

    public static let interruptControl = BitLayout(
        "svm.int_ctl", reference: "APM Vol. 2 rev 3.42 Table B-1 (060h), chapter 15, interrupt virtualization and AVIC",
        [
            BitDefinition("v_tpr", "V_TPR", BitRange(3, 0), .number, "virtual TPR (CR8)"),
            BitDefinition("reserved_7_4", "RSVD", BitRange(7, 4), .reserved(0), "reserved, should be zero"),
            BitDefinition("v_irq", "V_IRQ", BitRange(8), .flag, "virtual interrupt pending"),
            BitDefinition("v_gif", "V_GIF", BitRange(9), .flag, "virtual GIF value"),
            BitDefinition("v_nmi", "V_NMI", BitRange(11), .flag, "virtual NMI pending"),
            BitDefinition("v_nmi_mask", "V_NMI_MASK", BitRange(12), .flag, "virtual NMI masked (being serviced)"),
            BitDefinition("v_intr_prio", "V_INTR_PRIO", BitRange(19, 16), .number, "priority of the virtual interrupt"),
            BitDefinition("v_ign_tpr", "V_IGN_TPR", BitRange(20), .flag, "virtual interrupt ignores the virtual TPR"),
            BitDefinition("v_intr_masking", "V_INTR_MASKING", BitRange(24), .flag, "virtualize interrupt masking (EFLAGS.IF and TPR)"),
            BitDefinition("v_gif_enable", "V_GIF_ENABLE", BitRange(25), .flag, "virtual GIF enabled"),
            BitDefinition("v_nmi_enable", "V_NMI_ENABLE", BitRange(26), .flag, "virtual NMI enabled"),
            BitDefinition("x2avic_enable", "X2AVIC_ENABLE", BitRange(30), .flag, "x2APIC mode AVIC enabled"),
            BitDefinition("avic_enable", "AVIC_ENABLE", BitRange(31), .flag, "AVIC enabled"),
        ])

    public static let interruptVector = BitLayout(
        "svm.int_vector", reference: "APM Vol. 2 rev 3.42 Table B-1 (060h bits 39:32)",
        [BitDefinition("v_intr_vector", "V_INTR_VECTOR", BitRange(7, 0), .number, "vector of the virtual interrupt")])

    /// Hyper-V's enlightenments control word in the software-use part of the VMCB (3E0h);
    /// Linux `struct hv_vmcb_enlightenments`.
    public static let hypervEnlightenments = BitLayout(
        "svm.hv_enlightenments", reference: "Linux arch/x86/include/asm/hyperv-tlfs.h, struct hv_vmcb_enlightenments",
        [
            BitDefinition("nested_flush_hypercall", "NESTED_FLUSH_HYPERCALL", BitRange(0), .flag, "direct virtual flush hypercalls"),
            BitDefinition("msr_bitmap", "MSR_BITMAP", BitRange(1), .flag, "enlightened MSR bitmap"),
            BitDefinition("enlightened_npt_tlb", "ENLIGHTENED_NPT_TLB", BitRange(2), .flag, "enlightened nested page table TLB flushes"),
        ])

    public static let interruptState = BitLayout(
        "svm.int_state", reference: "APM Vol. 2 rev 3.42 Table B-1 (068h)",
        [
            BitDefinition("interrupt_shadow", "INTERRUPT_SHADOW", BitRange(0), .flag, "guest is in an interrupt shadow"),
            BitDefinition("guest_interrupt_mask", "GUEST_INTERRUPT_MASK", BitRange(1), .flag, "value of the guest's EFLAGS.IF (SEV-ES guests)"),
        ])

    static let eventTypes = ValueNames([(0, "INTR"), (2, "NMI"), (3, "EXCEPTION"), (4, "SOFT_INT")])

    /// EVENTINJ and EXITINTINFO, bits 31:0 (APM rev 3.42 section 15.20, Figure 15-4); the error
    /// code (bits 63:32 in the manual) is Linux's separate `*_err` field.
    public static let eventInjection = BitLayout(
        "svm.event", reference: "APM Vol. 2 rev 3.42 section 15.20 (event injection); section 15.7.2",
        [
            BitDefinition("vector", "VECTOR", BitRange(7, 0), .enumerated(Registers.exceptionMnemonics), "exception vector", when: BitCondition(BitRange(10, 8), equals: 3)),
            BitDefinition("vector", "VECTOR", BitRange(7, 0), .number, "interrupt vector", when: BitCondition(BitRange(10, 8), equals: 0)),
            BitDefinition("vector", "VECTOR", BitRange(7, 0), .number, "vector (ignored for NMI)", when: BitCondition(BitRange(10, 8), equals: 2)),
            BitDefinition("vector", "VECTOR", BitRange(7, 0), .number, "software interrupt vector", when: BitCondition(BitRange(10, 8), equals: 4)),
            BitDefinition("type", "TYPE", BitRange(10, 8), .enumerated(eventTypes), "event type"),
            BitDefinition("ev", "EV", BitRange(11), .flag, "error code valid"),
            // APM 15.20: VMRUN refuses an EVENTINJ with reserved bits set (illegal event injection).
            BitDefinition("reserved_30_12", "RSVD", BitRange(30, 12), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("v", "V", BitRange(31), .flag, "valid"),
        ])

    public static let nestedControl = BitLayout(
        "svm.nested_ctl", reference: "APM Vol. 2 rev 3.42 Table B-1 (090h)",
        [
            BitDefinition("np_enable", "NP_ENABLE", BitRange(0), .flag, "nested paging enabled"),
            BitDefinition("sev_enable", "SEV_ENABLE", BitRange(1), .flag, "secure encrypted virtualization enabled"),
            BitDefinition("sev_es_enable", "SEV_ES_ENABLE", BitRange(2), .flag, "encrypted state (SEV-ES) enabled"),
            BitDefinition("gmet", "GMET", BitRange(3), .flag, "guest-mode execute trap enabled"),
            BitDefinition("sss_check_en", "SSSCHECKEN", BitRange(4), .flag, "supervisor shadow-stack restrictions in nested page tables"),
            BitDefinition("vte", "VTE", BitRange(5), .flag, "virtual transparent encryption enabled"),
            BitDefinition("ro_gpt_en", "ROGPT", BitRange(6), .flag, "read-only guest page tables enabled"),
            BitDefinition("invlpgb_tlbsync_en", "INVLPGB_TLBSYNC", BitRange(7), .flag, "INVLPGB and TLBSYNC enabled in the guest"),
        ])

    public static let virtualizationExtensions = BitLayout(
        "svm.virt_ext", reference: "APM Vol. 2 rev 3.42 Table B-1 (0B8h)",
        [
            BitDefinition("lbr_virtualization", "LBR_VIRTUALIZATION_ENABLE", BitRange(0), .flag, "LBR virtualization enabled"),
            BitDefinition("virtual_vmload_vmsave", "VIRTUALIZED_VMSAVE_VMLOAD", BitRange(1), .flag, "virtualized VMSAVE/VMLOAD enabled"),
            BitDefinition("ibs_virtualization", "IBS_VIRTUALIZATION", BitRange(2), .flag, "instruction-based sampling virtualization enabled"),
        ])

    public static let cleanBits = BitLayout(
        "svm.clean", reference: "APM Vol. 2 rev 3.42 chapter 15, VMCB clean bits",
        [
            BitDefinition("i", "I", BitRange(0), .flag, "intercepts, TSC offset, pause filter count unchanged"),
            BitDefinition("iopm", "IOPM", BitRange(1), .flag, "IOPM_BASE and MSRPM_BASE unchanged"),
            BitDefinition("asid", "ASID", BitRange(2), .flag, "ASID unchanged"),
            BitDefinition("tpr", "TPR", BitRange(3), .flag, "V_TPR, V_IRQ, V_INTR_PRIO, V_IGN_TPR, V_INTR_MASKING, V_INTR_VECTOR unchanged"),
            BitDefinition("np", "NP", BitRange(4), .flag, "nested paging: NCR3, G_PAT unchanged"),
            BitDefinition("crx", "CRx", BitRange(5), .flag, "CR0, CR3, CR4, EFER unchanged"),
            BitDefinition("drx", "DRx", BitRange(6), .flag, "DR6, DR7 unchanged"),
            BitDefinition("dt", "DT", BitRange(7), .flag, "GDT and IDT base and limit unchanged"),
            BitDefinition("seg", "SEG", BitRange(8), .flag, "CS, DS, SS, ES, CPL unchanged"),
            BitDefinition("cr2", "CR2", BitRange(9), .flag, "CR2 unchanged"),
            BitDefinition("lbr", "LBR", BitRange(10), .flag, "DbgCtlMsr, br_from/to, lastint_from/to unchanged"),
            BitDefinition("avic", "AVIC", BitRange(11), .flag, "AVIC backing page, logical and physical table pointers unchanged"),
            BitDefinition("cet", "CET", BitRange(12), .flag, "S_CET, SSP, ISST_ADDR unchanged"),
        ])

    public static let avicPhysicalTable = BitLayout(
        "svm.avic_physical_id", reference: "APM Vol. 2 rev 3.42 Table B-1 (0F8h), chapter 15, AVIC",
        [
            BitDefinition("max_index", "AVIC_PHYSICAL_MAX_INDEX", BitRange(8, 0), .number, "highest index in the physical APIC ID table"),
            BitDefinition("table", "AVIC_PHYSICAL_TABLE", BitRange(51, 12), .address, "physical APIC ID table address"),
        ])

    public static let pageAddress = BitLayout(
        "svm.page_pointer", reference: "APM Vol. 2 rev 3.42 Table B-1",
        [BitDefinition("address", "ADDRESS", BitRange(51, 12), .address, "page-aligned physical address")])

    public static let sevFeatures = BitLayout(
        "svm.sev_features", reference: "APM Vol. 2 rev 3.42 chapter 15, SEV_FEATURES; Table B-4",
        [
            BitDefinition("snp_active", "SNPACTIVE", BitRange(0), .flag, "SEV-SNP is active"),
            BitDefinition("virtual_tom", "VTOM", BitRange(1), .flag, "virtual top of memory enabled"),
            BitDefinition("reflect_vc", "REFLECTVC", BitRange(2), .flag, "#VC exceptions reflected to the hypervisor"),
            BitDefinition("restricted_injection", "RESTRICTEDINJECTION", BitRange(3), .flag, "restricted injection enabled"),
            BitDefinition("alternate_injection", "ALTERNATEINJECTION", BitRange(4), .flag, "alternate injection enabled"),
            BitDefinition("debug_swap", "DEBUGSWAP", BitRange(5), .flag, "debug registers swapped on world switch"),
            BitDefinition("prevent_host_ibs", "PREVENTHOSTIBS", BitRange(6), .flag, "host IBS prevented while the guest runs"),
            BitDefinition("btb_isolation", "BTBISOLATION", BitRange(7), .flag, "branch target buffer isolation"),
            BitDefinition("vmpl_sss", "VMPLSSS", BitRange(8), .flag, "VMPL supervisor shadow-stack enforcement"),
            BitDefinition("secure_tsc", "SECURETSC", BitRange(9), .flag, "secure TSC enabled"),
        ])

    public static let allowedSEVFeatures = BitLayout(
        "svm.allowed_sev_features", reference: "APM Vol. 2 rev 3.42 Table B-1 (138h)",
        sevFeatures.bits + [
            BitDefinition("enable", "ALLOWED_SEV_FEATURES_EN", BitRange(63), .flag, "the allowed-features check is enabled")
        ])

    // MARK: EXITINFO1 and EXITINFO2 by exit code

    public static let crAccessInfo1 = BitLayout(
        "svm.exitinfo1.cr_access", reference: "APM Vol. 2 rev 3.42 chapter 15, decode assists",
        [
            BitDefinition("gpr", "GPR", BitRange(3, 0), .enumerated(Registers.generalPurposeRegisters), "general-purpose register of a MOV CRx"),
            BitDefinition("mov", "MOV", BitRange(63), .flag, "the access was a MOV CRx instruction (else LMSW, CLTS or SMSW)"),
        ])

    public static let drAccessInfo1 = BitLayout(
        "svm.exitinfo1.dr_access", reference: "APM Vol. 2 rev 3.42 chapter 15, decode assists",
        [
            BitDefinition("gpr", "GPR", BitRange(3, 0), .enumerated(Registers.generalPurposeRegisters), "general-purpose register of the MOV DRx")
        ])


    public static let ioioInfo1 = BitLayout(
        "svm.exitinfo1.ioio", reference: "APM Vol. 2 rev 3.42 section 15.10.2, Figure 15-2",
        [
            BitDefinition("type", "TYPE", BitRange(0), .enumerated(ValueNames([(0, "OUT"), (1, "IN")])), "direction"),
            BitDefinition("str", "STR", BitRange(2), .flag, "string instruction (INS/OUTS)"),
            BitDefinition("rep", "REP", BitRange(3), .flag, "repeated string instruction"),
            BitDefinition("sz8", "SZ8", BitRange(4), .flag, "8-bit operand"),
            BitDefinition("sz16", "SZ16", BitRange(5), .flag, "16-bit operand"),
            BitDefinition("sz32", "SZ32", BitRange(6), .flag, "32-bit operand"),
            BitDefinition("a16", "A16", BitRange(7), .flag, "16-bit address size"),
            BitDefinition("a32", "A32", BitRange(8), .flag, "32-bit address size"),
            BitDefinition("a64", "A64", BitRange(9), .flag, "64-bit address size"),
            BitDefinition("seg", "SEG", BitRange(12, 10), .enumerated(Registers.segmentRegisters), "effective segment of a string instruction", when: BitCondition(BitRange(2), equals: 1)),
            BitDefinition("port", "PORT", BitRange(31, 16), .number, "I/O port"),
        ])

    public static let nextRIPInfo2 = BitLayout(
        "svm.exitinfo2.next_rip", reference: "APM Vol. 2 rev 3.42 section 15.10.2",
        [BitDefinition("next_rip", "NEXT_RIP", BitRange(63, 0), .address, "RIP of the instruction after the IN/OUT")])

    public static let msrInfo1 = BitLayout(
        "svm.exitinfo1.msr", reference: "APM Vol. 2 rev 3.42 section 15.11",
        [BitDefinition("access", "ACCESS", BitRange(0), .enumerated(ValueNames([(0, "RDMSR"), (1, "WRMSR")])), "which instruction")])

    public static let nestedPageFaultInfo1 = BitLayout(
        "svm.exitinfo1.npf", reference: "APM Vol. 2 rev 3.42 section 15.25.6; chapter 15, SEV-SNP RMP checks",
        [
            BitDefinition("p", "P", BitRange(0), .flag, "the nested page was present (protection violation)", clear: "the nested page was not present"),
            BitDefinition("rw", "RW", BitRange(1), .flag, "the access was a write"),
            BitDefinition("us", "US", BitRange(2), .flag, "the access was a user access (always one for guest accesses)"),
            BitDefinition("rsv", "RSV", BitRange(3), .flag, "a reserved bit was set in a nested page-table entry"),
            BitDefinition("id", "ID", BitRange(4), .flag, "the access was an instruction fetch"),
            BitDefinition("ss", "SS", BitRange(6), .flag, "the access was a shadow-stack access"),
            BitDefinition("rmp", "RMP", BitRange(31), .flag, "RMP check failed (SEV-SNP)"),
            BitDefinition("final", "GUEST_FINAL", BitRange(32), .flag, "fault on the final guest physical address translation"),
            BitDefinition("gpt", "GUEST_PAGE_TABLE", BitRange(33), .flag, "fault while walking the guest page tables"),
            BitDefinition("enc", "ENC", BitRange(34), .flag, "the access was to encrypted memory (SEV-SNP)"),
            BitDefinition("sizem", "SIZEM", BitRange(35), .flag, "page size mismatch between nested page table and RMP (SEV-SNP)"),
            BitDefinition("vmpl", "VMPL", BitRange(36), .flag, "VMPL permission check failed (SEV-SNP)"),
        ])

    public static let guestPhysicalInfo2 = BitLayout(
        "svm.exitinfo2.gpa", reference: "APM Vol. 2 rev 3.42 section 15.25.6",
        [BitDefinition("gpa", "GPA", BitRange(63, 0), .address, "faulting guest physical address")])

    public static let faultAddressInfo2 = BitLayout(
        "svm.exitinfo2.fault_address", reference: "APM Vol. 2 rev 3.42 section 15.12",
        [BitDefinition("address", "ADDRESS", BitRange(63, 0), .address, "faulting linear address (the value CR2 would take)")])

    public static let linearAddressInfo1 = BitLayout(
        "svm.exitinfo1.linear_address", reference: "APM Vol. 2 rev 3.42 chapter 15, decode assists (INVLPG)",
        [BitDefinition("address", "ADDRESS", BitRange(63, 0), .address, "linear address operand")])

    public static let softwareInterruptInfo1 = BitLayout(
        "svm.exitinfo1.swint", reference: "APM Vol. 2 rev 3.42 chapter 15, decode assists (INTn)",
        [BitDefinition("vector", "VECTOR", BitRange(7, 0), .number, "software interrupt number")])

    public static let taskSwitchInfo1 = BitLayout(
        "svm.exitinfo1.task_switch", reference: "APM Vol. 2 rev 3.42 chapter 15, task-switch intercept",
        [BitDefinition("selector", "SELECTOR", BitRange(15, 0), .number, "selector of the target TSS")])

    public static let taskSwitchInfo2 = BitLayout(
        "svm.exitinfo2.task_switch", reference: "APM Vol. 2 rev 3.42 chapter 15, task-switch intercept",
        [
            BitDefinition("error_code", "ERROR_CODE", BitRange(31, 0), .number, "error code to push, if EV"),
            BitDefinition("iret", "IRET", BitRange(36), .flag, "the task switch was caused by IRET"),
            BitDefinition("jmp", "JMP", BitRange(38), .flag, "the task switch was caused by a far JMP"),
            BitDefinition("ev", "EV", BitRange(44), .flag, "an error code is to be pushed"),
            BitDefinition("rf", "RF", BitRange(48), .flag, "value of EFLAGS.RF saved in the outgoing TSS"),
        ])

    static let avicIPIFailures = ValueNames([
        (0, "INVALID_INT_TYPE"), (1, "TARGET_NOT_RUNNING"), (2, "INVALID_TARGET"),
        (3, "INVALID_BACKING_PAGE"), (4, "INVALID_IPI_VECTOR"),
    ])

    public static let avicIncompleteIPIInfo1 = BitLayout(
        "svm.exitinfo1.avic_ipi", reference: "APM Vol. 2 rev 3.42 chapter 15, AVIC exits (incomplete IPI)",
        [
            BitDefinition("icr_low", "ICRL", BitRange(31, 0), .number, "low half of the ICR written"),
            BitDefinition("icr_high", "ICRH", BitRange(63, 32), .number, "high half of the ICR written"),
        ])

    public static let avicIncompleteIPIInfo2 = BitLayout(
        "svm.exitinfo2.avic_ipi", reference: "APM Vol. 2 rev 3.42 chapter 15, AVIC exits (incomplete IPI)",
        [
            BitDefinition("index", "INDEX", BitRange(8, 0), .number, "index of the target in the physical APIC ID table"),
            BitDefinition("id", "ID", BitRange(63, 32), .enumerated(avicIPIFailures), "why the IPI could not be delivered"),
        ])

    public static let avicNoAccelInfo1 = BitLayout(
        "svm.exitinfo1.avic_noaccel", reference: "APM Vol. 2 rev 3.42 chapter 15, AVIC exits (unaccelerated access)",
        [
            BitDefinition("offset", "OFFSET", BitRange(11, 4), .address, "APIC register offset"),
            BitDefinition("write", "WRITE", BitRange(32), .flag, "the access was a write"),
        ])

    public static let avicNoAccelInfo2 = BitLayout(
        "svm.exitinfo2.avic_noaccel", reference: "APM Vol. 2 rev 3.42 chapter 15, AVIC exits (unaccelerated access)",
        [BitDefinition("vector", "VECTOR", BitRange(31, 0), .number, "vector, for an EOI of a level-triggered interrupt")])

    /// EXITINFO1 tables keyed by exit code.
    public static let exitInfo1Cases: [LayoutCase] = [
        LayoutCase(0x00...0x1f, crAccessInfo1),
        LayoutCase(0x20...0x3f, drAccessInfo1),
        LayoutCase(0x4a...0x4d, Registers.selectorErrorCode),  // #TS, #NP, #SS, #GP
        LayoutCase(0x4e, Registers.pageFaultErrorCode),
        LayoutCase(0x75, softwareInterruptInfo1),
        LayoutCase(0x79, linearAddressInfo1),
        LayoutCase(0x7b, ioioInfo1),
        LayoutCase(0x7c, msrInfo1),
        LayoutCase(0x7d, taskSwitchInfo1),
        LayoutCase(0x8f, Registers.efer),  // EFER write trap: the new value
        LayoutCase(0x90, Registers.cr0),  // CR0 write trap: the new value
        LayoutCase(0x93, cr3),
        LayoutCase(0x94, cr4),
        LayoutCase(0x400, nestedPageFaultInfo1),
        LayoutCase(0x401, avicIncompleteIPIInfo1),
        LayoutCase(0x402, avicNoAccelInfo1),
    ]

    /// EXITINFO2 tables keyed by exit code.
    public static let exitInfo2Cases: [LayoutCase] = [
        LayoutCase(0x4e, faultAddressInfo2),
        LayoutCase(0x7b, nextRIPInfo2),
        LayoutCase(0x7d, taskSwitchInfo2),
        LayoutCase(0x400, guestPhysicalInfo2),
        LayoutCase(0x401, avicIncompleteIPIInfo2),
        LayoutCase(0x402, avicNoAccelInfo2),
    ]
}
