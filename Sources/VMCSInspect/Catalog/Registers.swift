// swift-format-ignore-file
// (catalog rows stay one per line)
// Architectural registers shared by the VMCS and the VMCB.
// Sources: AMD64 Architecture Programmer's Manual Vol. 2 (publication 24593, revision 3.42),
// sections 3.1 (CR0, CR3, CR4, EFER, RFLAGS), 4.7 (segment descriptors), 7.8 (PAT),
// 13.1 (debug registers), 8.2 and 8.4 (exception vectors and error codes); Intel SDM Vol. 3
// (order no. 325384-084) chapter 2 where the two agree.

/// Shared register layouts and value names.
public enum Registers {
    // MARK: Exceptions

    /// Exception and interrupt vector mnemonics 0–31 (APM Vol. 2 rev 3.42 Table 8-1).
    public static let exceptionMnemonics = ValueNames([
        (0, "#DE"), (1, "#DB"), (2, "NMI"), (3, "#BP"), (4, "#OF"), (5, "#BR"), (6, "#UD"),
        (7, "#NM"), (8, "#DF"), (9, "CSO"), (10, "#TS"), (11, "#NP"), (12, "#SS"), (13, "#GP"),
        (14, "#PF"), (16, "#MF"), (17, "#AC"), (18, "#MC"), (19, "#XF"), (20, "#VE"), (21, "#CP"),
        (28, "#HV"), (29, "#VC"), (30, "#SX"),
    ])

    /// A 32-bit word with one bit per exception vector (intercept and exception bitmaps).
    public static let exceptionBitmap = BitLayout(
        "exception_bitmap", reference: "APM Vol. 2 rev 3.42 Table B-1 (008h), Table 8-1",
        (0..<32).map { vector in
            let mnemonic = exceptionMnemonics[UInt64(vector)] ?? "vector \(vector)"
            return BitDefinition(
                "vector_\(vector)", mnemonic, BitRange(vector), .flag, "exception vector \(vector) (\(mnemonic))")
        })

    /// Page-fault error code (APM Vol. 2 rev 3.42 section 8.4.2, Figure 8-8).
    public static let pageFaultErrorCode = BitLayout(
        "page_fault_error_code", reference: "APM Vol. 2 rev 3.42 section 8.4.2",
        [
            BitDefinition("p", "P", BitRange(0), .flag, "fault on a present page (protection violation)", clear: "the page was not present"),
            BitDefinition("rw", "RW", BitRange(1), .flag, "the access was a write"),
            BitDefinition("us", "US", BitRange(2), .flag, "the access was a user-mode access"),
            BitDefinition("rsv", "RSV", BitRange(3), .flag, "a reserved bit was set in a paging-structure entry"),
            BitDefinition("id", "ID", BitRange(4), .flag, "the access was an instruction fetch"),
            BitDefinition("pk", "PK", BitRange(5), .flag, "protection-key violation"),
            BitDefinition("ss", "SS", BitRange(6), .flag, "the access was a shadow-stack access"),
            BitDefinition("rmp", "RMP", BitRange(31), .flag, "RMP check failed (SEV-SNP)"),
        ])

    /// Error code of exceptions that report a selector (#TS, #NP, #SS, #GP; APM rev 3.42 8.4.1).
    public static let selectorErrorCode = BitLayout(
        "selector_error_code", reference: "APM Vol. 2 rev 3.42 section 8.4.1",
        [
            BitDefinition("ext", "EXT", BitRange(0), .flag, "the event was external to the program"),
            BitDefinition("idt", "IDT", BitRange(1), .flag, "the index refers to an IDT gate"),
            BitDefinition("ti", "TI", BitRange(2), .flag, "the index refers to the LDT (else the GDT)"),
            BitDefinition("index", "INDEX", BitRange(15, 3), .number, "selector index"),
        ])

    /// General-purpose register numbers as instructions encode them (ModRM.reg with REX.R).
    public static let generalPurposeRegisters = ValueNames([
        (0, "RAX"), (1, "RCX"), (2, "RDX"), (3, "RBX"), (4, "RSP"), (5, "RBP"), (6, "RSI"), (7, "RDI"),
        (8, "R8"), (9, "R9"), (10, "R10"), (11, "R11"), (12, "R12"), (13, "R13"), (14, "R14"), (15, "R15"),
    ])

    /// Segment registers as instructions encode them (ES 0 ... GS 5), used by SVM IOIO and VMX instruction information.
    public static let segmentRegisters = ValueNames([(0, "ES"), (1, "CS"), (2, "SS"), (3, "DS"), (4, "FS"), (5, "GS")])

    // MARK: Control registers

    /// CR0 (APM Vol. 2 rev 3.42 section 3.1.1).
    public static let cr0 = BitLayout(
        "cr0", reference: "APM Vol. 2 rev 3.42 section 3.1.1, Figure 3-1",
        [
            BitDefinition("pe", "PE", BitRange(0), .flag, "protection enabled"),
            BitDefinition("mp", "MP", BitRange(1), .flag, "monitor coprocessor"),
            BitDefinition("em", "EM", BitRange(2), .flag, "emulate coprocessor"),
            BitDefinition("ts", "TS", BitRange(3), .flag, "task switched"),
            BitDefinition("et", "ET", BitRange(4), .flag, "extension type (reads as 1)"),
            BitDefinition("ne", "NE", BitRange(5), .flag, "numeric error"),
            BitDefinition("reserved_15_6", "RSVD", BitRange(15, 6), .reserved(0), "reserved"),
            BitDefinition("wp", "WP", BitRange(16), .flag, "write protect"),
            BitDefinition("reserved_17", "RSVD17", BitRange(17), .reserved(0), "reserved"),
            BitDefinition("am", "AM", BitRange(18), .flag, "alignment mask"),
            BitDefinition("reserved_28_19", "RSVD", BitRange(28, 19), .reserved(0), "reserved"),
            BitDefinition("nw", "NW", BitRange(29), .flag, "not writethrough"),
            BitDefinition("cd", "CD", BitRange(30), .flag, "cache disable"),
            BitDefinition("pg", "PG", BitRange(31), .flag, "paging"),
            // APM 15.5.1 "CR0[63:32] are not zero"; SDM 27.3.1.1 by IA32_VMX_CR0_FIXED1, whose
            // bits 63:32 are 0 on every processor (MOV to CR0 faults on them).
            BitDefinition("reserved_63_32", "RSVD", BitRange(63, 32), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// CR3 bits 63:52 as the SDM draws them: LAM_U57 (61) and LAM_U48 (62) on processors with
    /// linear-address masking, the rest reserved (SDM Vol. 3 (325384-084) sections 4.5 and
    /// 27.3.1.1: bits 63:52 must be 0, the LAM bits where LAM is supported).
    static let cr3HighIntel: [BitDefinition] = [
        BitDefinition("reserved_60_52", "RSVD", BitRange(60, 52), .reserved(0), "reserved, must be zero").checkedOnEntry,
        BitDefinition("lam_u57", "LAM_U57", BitRange(61), .flag, "LAM for user pointers, 57-bit (Intel)"),
        BitDefinition("lam_u48", "LAM_U48", BitRange(62), .flag, "LAM for user pointers, 48-bit (Intel)"),
        BitDefinition("reserved_63", "RSVD63", BitRange(63), .reserved(0), "reserved, must be zero").checkedOnEntry,
    ]

    /// CR3 without PCIDs, as the VMCS holds it: table base, cache controls and Intel's LAM bits
    /// (APM Vol. 2 rev 3.42 section 3.1.2, Figure 3-5; SDM Vol. 3 section 4.5). The VMCB's CR3
    /// is `AMDVMCBValues.cr3`.
    public static let cr3 = BitLayout(
        "cr3", reference: "APM Vol. 2 rev 3.42 section 3.1.2, Figure 3-5; SDM Vol. 3 (325384-084) section 4.5",
        [
            BitDefinition("pwt", "PWT", BitRange(3), .flag, "page-level writethrough (ignored as such when CR4.PCIDE=1)"),
            BitDefinition("pcd", "PCD", BitRange(4), .flag, "page-level cache disable (ignored as such when CR4.PCIDE=1)"),
            BitDefinition("base", "BASE", BitRange(51, 12), .address, "physical address of the top-level page table"),
        ] + cr3HighIntel)

    /// CR4 (APM Vol. 2 rev 3.42 section 3.1.3; SDM Vol. 3 section 2.5 for Intel-only bits).
    public static let cr4 = BitLayout(
        "cr4", reference: "APM Vol. 2 rev 3.42 section 3.1.3, Figure 3-7; SDM Vol. 3 section 2.5",
        [
            BitDefinition("vme", "VME", BitRange(0), .flag, "virtual-8086 mode extensions"),
            BitDefinition("pvi", "PVI", BitRange(1), .flag, "protected-mode virtual interrupts"),
            BitDefinition("tsd", "TSD", BitRange(2), .flag, "time stamp disable"),
            BitDefinition("de", "DE", BitRange(3), .flag, "debugging extensions"),
            BitDefinition("pse", "PSE", BitRange(4), .flag, "page size extensions"),
            BitDefinition("pae", "PAE", BitRange(5), .flag, "physical address extension"),
            BitDefinition("mce", "MCE", BitRange(6), .flag, "machine check enable"),
            BitDefinition("pge", "PGE", BitRange(7), .flag, "page global enable"),
            BitDefinition("pce", "PCE", BitRange(8), .flag, "performance counter enable"),
            BitDefinition("osfxsr", "OSFXSR", BitRange(9), .flag, "FXSAVE/FXRSTOR support"),
            BitDefinition("osxmmexcpt", "OSXMMEXCPT", BitRange(10), .flag, "unmasked SIMD exception support"),
            BitDefinition("umip", "UMIP", BitRange(11), .flag, "user-mode instruction prevention"),
            BitDefinition("la57", "LA57", BitRange(12), .flag, "5-level paging"),
            BitDefinition("vmxe", "VMXE", BitRange(13), .flag, "VMX enable (Intel)"),
            BitDefinition("smxe", "SMXE", BitRange(14), .flag, "SMX enable (Intel)"),
            BitDefinition("reserved_15", "RSVD15", BitRange(15), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("fsgsbase", "FSGSBASE", BitRange(16), .flag, "RDFSBASE/WRFSBASE and friends enabled"),
            BitDefinition("pcide", "PCIDE", BitRange(17), .flag, "process-context identifiers"),
            BitDefinition("osxsave", "OSXSAVE", BitRange(18), .flag, "XSAVE and extended states enabled"),
            BitDefinition("kl", "KL", BitRange(19), .flag, "Key Locker enable (Intel)"),
            BitDefinition("smep", "SMEP", BitRange(20), .flag, "supervisor-mode execution prevention"),
            BitDefinition("smap", "SMAP", BitRange(21), .flag, "supervisor-mode access prevention"),
            BitDefinition("pke", "PKE", BitRange(22), .flag, "protection keys for user pages"),
            BitDefinition("cet", "CET", BitRange(23), .flag, "control-flow enforcement technology"),
            BitDefinition("pks", "PKS", BitRange(24), .flag, "protection keys for supervisor pages"),
            BitDefinition("uintr", "UINTR", BitRange(25), .flag, "user interrupts (Intel)"),
            BitDefinition("reserved_26", "RSVD26", BitRange(26), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("lass", "LASS", BitRange(27), .flag, "linear-address space separation (Intel)"),
            BitDefinition("lam_sup", "LAM_SUP", BitRange(28), .flag, "linear-address masking for supervisor pointers (Intel)"),
            BitDefinition("reserved_31_29", "RSVD", BitRange(31, 29), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("fred", "FRED", BitRange(32), .flag, "flexible return and event delivery (Intel, FRED specification 346446)"),
            BitDefinition("reserved_63_33", "RSVD", BitRange(63, 33), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// EFER, MSR C000_0080h, as AMD defines it (APM Vol. 2 rev 3.42 section 3.1.7, Figure 3-9):
    /// bits 7:1 read as zero, bits 9, 16, 19 and 63:22 must be zero (VMRUN fails on them: APM
    /// section 15.5.1, "any MBZ bit of EFER"; kvm-unit-tests' svm_tests.c finds the same mask,
    /// 0xffff_ffff_ffff_0200 less the bits later defined). Intel's IA32_EFER is
    /// `IntelVMCSValues.efer`.
    public static let efer = BitLayout(
        "efer", reference: "APM Vol. 2 rev 3.42 section 3.1.7, Figure 3-9",
        [
            BitDefinition("sce", "SCE", BitRange(0), .flag, "system call extensions (SYSCALL/SYSRET)"),
            BitDefinition("reserved_7_1", "RAZ", BitRange(7, 1), .reserved(0), "reserved, read as zero"),
            BitDefinition("lme", "LME", BitRange(8), .flag, "long mode enable"),
            BitDefinition("reserved_9", "MBZ9", BitRange(9), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("lma", "LMA", BitRange(10), .flag, "long mode active"),
            BitDefinition("nxe", "NXE", BitRange(11), .flag, "no-execute enable"),
            BitDefinition("svme", "SVME", BitRange(12), .flag, "secure virtual machine enable"),
            BitDefinition("lmsle", "LMSLE", BitRange(13), .flag, "long mode segment limit enable"),
            BitDefinition("ffxsr", "FFXSR", BitRange(14), .flag, "fast FXSAVE/FXRSTOR"),
            BitDefinition("tce", "TCE", BitRange(15), .flag, "translation cache extension"),
            BitDefinition("reserved_16", "MBZ16", BitRange(16), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("mcommit", "MCOMMIT", BitRange(17), .flag, "MCOMMIT instruction enable"),
            BitDefinition("intwb", "INTWB", BitRange(18), .flag, "interruptible WBINVD/WBNOINVD enable"),
            BitDefinition("reserved_19", "MBZ19", BitRange(19), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("uaie", "UAIE", BitRange(20), .flag, "upper address ignore enable"),
            BitDefinition("aibrse", "AIBRSE", BitRange(21), .flag, "automatic IBRS enable"),
            BitDefinition("reserved_63_22", "MBZ", BitRange(63, 22), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// RFLAGS (APM Vol. 2 rev 3.42 section 3.1.6, Figure 3-10).
    public static let rflags = BitLayout(
        "rflags", reference: "APM Vol. 2 rev 3.42 section 3.1.6, Figure 3-10",
        [
            BitDefinition("cf", "CF", BitRange(0), .flag, "carry"),
            // SDM 27.3.1.4: bits 63:22, 15, 5 and 3 must be 0 and bit 1 must be 1 in the RFLAGS field.
            BitDefinition("reserved_1", "RSVD1", BitRange(1), .reserved(1), "reserved, reads as one").checkedOnEntry,
            BitDefinition("pf", "PF", BitRange(2), .flag, "parity"),
            BitDefinition("reserved_3", "RSVD3", BitRange(3), .reserved(0), "reserved, reads as zero").checkedOnEntry,
            BitDefinition("af", "AF", BitRange(4), .flag, "auxiliary carry"),
            BitDefinition("reserved_5", "RSVD5", BitRange(5), .reserved(0), "reserved, reads as zero").checkedOnEntry,
            BitDefinition("zf", "ZF", BitRange(6), .flag, "zero"),
            BitDefinition("sf", "SF", BitRange(7), .flag, "sign"),
            BitDefinition("tf", "TF", BitRange(8), .flag, "trap (single step)"),
            BitDefinition("if", "IF", BitRange(9), .flag, "interrupts enabled"),
            BitDefinition("df", "DF", BitRange(10), .flag, "direction"),
            BitDefinition("of", "OF", BitRange(11), .flag, "overflow"),
            BitDefinition("iopl", "IOPL", BitRange(13, 12), .number, "I/O privilege level"),
            BitDefinition("nt", "NT", BitRange(14), .flag, "nested task"),
            BitDefinition("reserved_15", "RSVD15", BitRange(15), .reserved(0), "reserved, reads as zero").checkedOnEntry,
            BitDefinition("rf", "RF", BitRange(16), .flag, "resume"),
            BitDefinition("vm", "VM", BitRange(17), .flag, "virtual-8086 mode"),
            BitDefinition("ac", "AC", BitRange(18), .flag, "alignment check"),
            BitDefinition("vif", "VIF", BitRange(19), .flag, "virtual interrupt"),
            BitDefinition("vip", "VIP", BitRange(20), .flag, "virtual interrupt pending"),
            BitDefinition("id", "ID", BitRange(21), .flag, "CPUID available"),
            BitDefinition("reserved_63_22", "RSVD", BitRange(63, 22), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// CR3 with CR4.PCIDE = 1: bits 11:0 are the PCID (APM Vol. 2 rev 3.42 section 3.1.2, Figure 3-6).
    public static let cr3WithPCID = BitLayout(
        "cr3_pcid", reference: "APM Vol. 2 rev 3.42 section 3.1.2, Figure 3-6; SDM Vol. 3 section 4.10.1",
        [
            BitDefinition("pcid", "PCID", BitRange(11, 0), .number, "process-context identifier"),
            BitDefinition("base", "BASE", BitRange(51, 12), .address, "physical address of the top-level page table"),
        ] + cr3HighIntel)

    /// CR3 read by CR4.PCIDE (bit 17) of the CR4 field named.
    public static func cr3(pcideFrom cr4: String) -> LayoutRule {
        .keyed(by: [SelectorKey(cr4, mask: 1 << 17, shift: 0)], [LayoutCase(0, cr3), LayoutCase(1 << 17, cr3WithPCID)])
    }

    /// Guest/host masks of CR0 and CR4: a set bit is owned by the host; the registers' own
    /// fixed bits do not apply to a mask.
    public static let cr0Mask = BitLayout("cr0_mask", reference: cr0.reference, cr0.bits.filter { !$0.isReserved })
    public static let cr4Mask = BitLayout("cr4_mask", reference: cr4.reference, cr4.bits.filter { !$0.isReserved })

    /// SFMASK: RFLAGS bits cleared on SYSCALL, so RFLAGS' names without its fixed bits.
    public static let rflagsMask = BitLayout(
        "rflags_mask", reference: "APM Vol. 2 rev 3.42 section 6.1.1 (SFMASK), Figure 3-10",
        rflags.bits.filter { !$0.isReserved })

    /// A plain count or number over the whole field, shown in decimal.
    public static func count(bits width: Int) -> BitLayout {
        BitLayout("count\(width)", reference: "", [BitDefinition("value", "VALUE", BitRange(width - 1, 0), .number, "value")])
    }

    // MARK: Debug registers

    static let breakpointCondition = ValueNames([(0, "exec"), (1, "write"), (2, "io"), (3, "rw")])
    static let breakpointLength = ValueNames([(0, "1 byte"), (1, "2 bytes"), (2, "8 bytes"), (3, "4 bytes")])

    /// DR7 (APM Vol. 2 rev 3.42 section 13.1.1.5, Figure 13-5).
    public static let dr7 = BitLayout(
        "dr7", reference: "APM Vol. 2 rev 3.42 section 13.1.1.5, Figure 13-5",
        [
            BitDefinition("l0", "L0", BitRange(0), .flag, "local enable, breakpoint 0"),
            BitDefinition("g0", "G0", BitRange(1), .flag, "global enable, breakpoint 0"),
            BitDefinition("l1", "L1", BitRange(2), .flag, "local enable, breakpoint 1"),
            BitDefinition("g1", "G1", BitRange(3), .flag, "global enable, breakpoint 1"),
            BitDefinition("l2", "L2", BitRange(4), .flag, "local enable, breakpoint 2"),
            BitDefinition("g2", "G2", BitRange(5), .flag, "global enable, breakpoint 2"),
            BitDefinition("l3", "L3", BitRange(6), .flag, "local enable, breakpoint 3"),
            BitDefinition("g3", "G3", BitRange(7), .flag, "global enable, breakpoint 3"),
            BitDefinition("le", "LE", BitRange(8), .flag, "local exact breakpoint"),
            BitDefinition("ge", "GE", BitRange(9), .flag, "global exact breakpoint"),
            BitDefinition("reserved_10", "RSVD10", BitRange(10), .reserved(1), "reserved, reads as one"),
            BitDefinition("rtm", "RTM", BitRange(11), .flag, "restricted transactional memory debugging (Intel)"),
            BitDefinition("reserved_12", "RSVD12", BitRange(12), .reserved(0), "reserved, reads as zero"),
            BitDefinition("gd", "GD", BitRange(13), .flag, "general detect"),
            BitDefinition("reserved_15_14", "RSVD", BitRange(15, 14), .reserved(0), "reserved, reads as zero"),
            BitDefinition("rw0", "RW0", BitRange(17, 16), .enumerated(breakpointCondition), "breakpoint 0 condition", when: BitCondition(BitRange(1, 0), in: [1, 2, 3])),
            BitDefinition("len0", "LEN0", BitRange(19, 18), .enumerated(breakpointLength), "breakpoint 0 length", when: BitCondition(BitRange(1, 0), in: [1, 2, 3])),
            BitDefinition("rw1", "RW1", BitRange(21, 20), .enumerated(breakpointCondition), "breakpoint 1 condition", when: BitCondition(BitRange(3, 2), in: [1, 2, 3])),
            BitDefinition("len1", "LEN1", BitRange(23, 22), .enumerated(breakpointLength), "breakpoint 1 length", when: BitCondition(BitRange(3, 2), in: [1, 2, 3])),
            BitDefinition("rw2", "RW2", BitRange(25, 24), .enumerated(breakpointCondition), "breakpoint 2 condition", when: BitCondition(BitRange(5, 4), in: [1, 2, 3])),
            BitDefinition("len2", "LEN2", BitRange(27, 26), .enumerated(breakpointLength), "breakpoint 2 length", when: BitCondition(BitRange(5, 4), in: [1, 2, 3])),
            BitDefinition("rw3", "RW3", BitRange(29, 28), .enumerated(breakpointCondition), "breakpoint 3 condition", when: BitCondition(BitRange(7, 6), in: [1, 2, 3])),
            BitDefinition("len3", "LEN3", BitRange(31, 30), .enumerated(breakpointLength), "breakpoint 3 length", when: BitCondition(BitRange(7, 6), in: [1, 2, 3])),
            // APM 15.5.1 "DR7[63:32] are not zero"; SDM 27.3.1.1 with "load debug controls".
            BitDefinition("reserved_63_32", "RSVD", BitRange(63, 32), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// DR6 (APM Vol. 2 rev 3.42 section 13.1.1.4, Figure 13-4). BLD (11) and RTM (16) are active
    /// low: each reads as 1 until its event is detected, so a clear bit is the news. The 1 is
    /// a fixed-value row (never reported, as 1 is what it must hold) and the 0 a named value.
    public static let dr6 = BitLayout(
        "dr6", reference: "APM Vol. 2 rev 3.42 section 13.1.1.4, Figure 13-4; SDM Vol. 3 section 18.2.3",
        [
            BitDefinition("b0", "B0", BitRange(0), .flag, "breakpoint 0 condition detected"),
            BitDefinition("b1", "B1", BitRange(1), .flag, "breakpoint 1 condition detected"),
            BitDefinition("b2", "B2", BitRange(2), .flag, "breakpoint 2 condition detected"),
            BitDefinition("b3", "B3", BitRange(3), .flag, "breakpoint 3 condition detected"),
            BitDefinition("reserved_10_4", "RSVD", BitRange(10, 4), .reserved(0x7f), "reserved, reads as ones"),
            BitDefinition("bld", "BLD", BitRange(11), .enumerated(ValueNames([(0, "detected")])), "bus lock detected (BLD is active low)", when: BitCondition(BitRange(11), equals: 0)),
            BitDefinition("bld_idle", "BLD", BitRange(11), .reserved(1), "no bus lock detected (BLD reads as 1)", when: BitCondition(BitRange(11), equals: 1)),
            BitDefinition("reserved_12", "RSVD12", BitRange(12), .reserved(0), "reserved, reads as zero"),
            BitDefinition("bd", "BD", BitRange(13), .flag, "debug-register access detected"),
            BitDefinition("bs", "BS", BitRange(14), .flag, "single step"),
            BitDefinition("bt", "BT", BitRange(15), .flag, "task switch"),
            BitDefinition("rtm", "RTM", BitRange(16), .enumerated(ValueNames([(0, "in RTM region")])), "debug exception inside an RTM region (Intel; RTM is active low)", when: BitCondition(BitRange(16), equals: 0)),
            BitDefinition("rtm_idle", "RTM", BitRange(16), .reserved(1), "no RTM debug event (RTM reads as 1)", when: BitCondition(BitRange(16), equals: 1)),
            BitDefinition("reserved_31_17", "RSVD", BitRange(31, 17), .reserved(0x7fff), "reserved, reads as ones"),
            // APM 15.5.1 "DR6[63:32] are not zero".
            BitDefinition("reserved_63_32", "RSVD", BitRange(63, 32), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])

    /// DebugCtl MSR, AMD form (APM Vol. 2 rev 3.42 section 13.1.1.6, Figure 13-6).
    public static let amdDebugCtl = BitLayout(
        "debugctl_amd", reference: "APM Vol. 2 rev 3.42 section 13.1.1.6, Figure 13-6",
        [
            BitDefinition("lbr", "LBR", BitRange(0), .flag, "last-branch record"),
            BitDefinition("btf", "BTF", BitRange(1), .flag, "branch single step"),
            BitDefinition("pb0", "PB0", BitRange(2), .flag, "performance-monitoring pin control 0"),
            BitDefinition("pb1", "PB1", BitRange(3), .flag, "performance-monitoring pin control 1"),
            BitDefinition("pb2", "PB2", BitRange(4), .flag, "performance-monitoring pin control 2"),
            BitDefinition("pb3", "PB3", BitRange(5), .flag, "performance-monitoring pin control 3"),
        ])

    // MARK: Segments

    public static let dataCodeSegmentTypes = ValueNames([
        (0x0, "data RO"), (0x1, "data RO accessed"), (0x2, "data RW"), (0x3, "data RW accessed"),
        (0x4, "data RO expand-down"), (0x5, "data RO expand-down accessed"),
        (0x6, "data RW expand-down"), (0x7, "data RW expand-down accessed"),
        (0x8, "code XO"), (0x9, "code XO accessed"), (0xa, "code XR"), (0xb, "code XR accessed"),
        (0xc, "code XO conforming"), (0xd, "code XO conforming accessed"),
        (0xe, "code XR conforming"), (0xf, "code XR conforming accessed"),
    ])

    public static let systemSegmentTypes = ValueNames([
        (0x1, "16-bit TSS available"), (0x2, "LDT"), (0x3, "16-bit TSS busy"), (0x4, "16-bit call gate"),
        (0x5, "task gate"), (0x6, "16-bit interrupt gate"), (0x7, "16-bit trap gate"),
        (0x9, "32/64-bit TSS available"), (0xb, "32/64-bit TSS busy"), (0xc, "32/64-bit call gate"),
        (0xe, "32/64-bit interrupt gate"), (0xf, "32/64-bit trap gate"),
    ])

    /// The VMCB's 12-bit packed segment attributes: descriptor bits 47:40 and 55:52
    /// (APM Vol. 2 rev 3.42 Table B-2 note on segment attributes, and section 4.7).
    public static let vmcbSegmentAttributes = BitLayout(
        "segment_attrib_vmcb", reference: "APM Vol. 2 rev 3.42 Appendix B (segment attributes), section 4.7",
        [
            BitDefinition("type", "TYPE", BitRange(3, 0), .enumerated(dataCodeSegmentTypes), "segment type", when: BitCondition(BitRange(4), equals: 1)),
            BitDefinition("type", "TYPE", BitRange(3, 0), .enumerated(systemSegmentTypes), "system segment type", when: BitCondition(BitRange(4), equals: 0)),
            BitDefinition("s", "S", BitRange(4), .flag, "code or data segment (clear: system segment)"),
            BitDefinition("dpl", "DPL", BitRange(6, 5), .number, "descriptor privilege level"),
            BitDefinition("p", "P", BitRange(7), .flag, "present"),
            BitDefinition("avl", "AVL", BitRange(8), .flag, "available to software"),
            BitDefinition("l", "L", BitRange(9), .flag, "64-bit code segment"),
            BitDefinition("db", "D/B", BitRange(10), .flag, "default operand size 32 bits"),
            BitDefinition("g", "G", BitRange(11), .flag, "granularity: limit in 4 KiB units"),
            BitDefinition("reserved_15_12", "RSVD", BitRange(15, 12), .reserved(0), "reserved, must be zero"),
        ])

    // MARK: Memory types

    static let memoryTypes = ValueNames([(0, "UC"), (1, "WC"), (4, "WT"), (5, "WP"), (6, "WB"), (7, "UC-")])

    /// PAT MSR: eight entries of one byte (APM Vol. 2 rev 3.42 section 7.8.1, Figure 7-9).
    public static let pat = BitLayout(
        "pat", reference: "APM Vol. 2 rev 3.42 section 7.8.1, Table 7-9",
        (0..<8).flatMap { entry -> [BitDefinition] in
            let low = entry * 8
            return [
                BitDefinition("pa\(entry)", "PA\(entry)", BitRange(low + 2, low), .enumerated(memoryTypes), "memory type of PAT entry \(entry)"),
                // SDM 27.2.2 and 27.3.1.1 (with "load IA32_PAT"): bits 7:3 of every byte must be 0.
                BitDefinition("reserved_pa\(entry)", "RSVD", BitRange(low + 7, low + 3), .reserved(0), "reserved bits of PAT entry \(entry)").checkedOnEntry,
            ]
        })

    // MARK: Extended state and CET

    /// XCR0 (APM Vol. 2 rev 3.42 chapter 11, XSAVE state components; SDM Vol. 1 chapter 13).
    public static let xcr0 = BitLayout(
        "xcr0", reference: "APM Vol. 2 rev 3.42 chapter 11, XSAVE state components",
        [
            BitDefinition("x87", "X87", BitRange(0), .flag, "x87 state (must be one)"),
            BitDefinition("sse", "SSE", BitRange(1), .flag, "SSE state"),
            BitDefinition("avx", "AVX", BitRange(2), .flag, "AVX (YMM upper halves) state"),
            BitDefinition("bndreg", "BNDREG", BitRange(3), .flag, "MPX bound registers (Intel)"),
            BitDefinition("bndcsr", "BNDCSR", BitRange(4), .flag, "MPX configuration (Intel)"),
            BitDefinition("opmask", "OPMASK", BitRange(5), .flag, "AVX-512 opmask registers"),
            BitDefinition("zmm_hi256", "ZMM_HI256", BitRange(6), .flag, "AVX-512 upper halves of ZMM0-15"),
            BitDefinition("hi16_zmm", "HI16_ZMM", BitRange(7), .flag, "AVX-512 ZMM16-31"),
            BitDefinition("pkru", "PKRU", BitRange(9), .flag, "protection-key rights register"),
            BitDefinition("tilecfg", "TILECFG", BitRange(17), .flag, "AMX tile configuration (Intel)"),
            BitDefinition("tiledata", "TILEDATA", BitRange(18), .flag, "AMX tile data (Intel)"),
        ])

    /// IA32_XSS (APM Vol. 2 rev 3.42 chapter 11, XSAVE state components; SDM Vol. 1 chapter 13).
    public static let xss = BitLayout(
        "xss", reference: "APM Vol. 2 rev 3.42 chapter 11, XSAVE state components; SDM Vol. 1 chapter 13",
        [
            BitDefinition("pt", "PT", BitRange(8), .flag, "processor trace state (Intel)"),
            BitDefinition("pasid", "PASID", BitRange(10), .flag, "PASID state (Intel)"),
            BitDefinition("cet_u", "CET_U", BitRange(11), .flag, "user-mode CET state"),
            BitDefinition("cet_s", "CET_S", BitRange(12), .flag, "supervisor-mode CET state"),
            BitDefinition("hdc", "HDC", BitRange(13), .flag, "hardware duty cycling state (Intel)"),
            BitDefinition("uintr", "UINTR", BitRange(14), .flag, "user-interrupt state (Intel)"),
            BitDefinition("lbr", "LBR", BitRange(15), .flag, "last-branch record state"),
            BitDefinition("hwp", "HWP", BitRange(16), .flag, "hardware P-state state (Intel)"),
        ])

    /// S_CET / U_CET MSRs (APM Vol. 2 rev 3.42 chapter 18, shadow-stack MSRs).
    public static let cet = BitLayout(
        "cet", reference: "APM Vol. 2 rev 3.42 chapter 18, shadow-stack MSRs",
        [
            BitDefinition("sh_stk_en", "SH_STK_EN", BitRange(0), .flag, "shadow stacks enabled"),
            BitDefinition("wr_shstk_en", "WR_SHSTK_EN", BitRange(1), .flag, "WRSS instructions enabled"),
            BitDefinition("endbr_en", "ENDBR_EN", BitRange(2), .flag, "indirect-branch tracking enabled (Intel)"),
            BitDefinition("leg_iw_en", "LEG_IW_EN", BitRange(3), .flag, "legacy compatibility for indirect branches (Intel)"),
            BitDefinition("no_track_en", "NO_TRACK_EN", BitRange(4), .flag, "no-track prefix allowed (Intel)"),
            BitDefinition("suppress_dis", "SUPPRESS_DIS", BitRange(5), .flag, "suppression disabled (Intel)"),
            // SDM 27.2.2 and 27.3.1.1 (with "load CET state"): bits 9:6 of IA32_S_CET must be 0.
            BitDefinition("reserved_9_6", "RSVD", BitRange(9, 6), .reserved(0), "reserved, must be zero").checkedOnEntry,
            BitDefinition("suppress", "SUPPRESS", BitRange(10), .flag, "indirect-branch tracking suppressed (Intel)"),
            BitDefinition("tracker", "TRACKER", BitRange(11), .flag, "WAIT_FOR_ENDBRANCH state (Intel)"),
            BitDefinition("eb_leg_bitmap_base", "EB_LEG_BITMAP_BASE", BitRange(63, 12), .address, "legacy code-page bitmap base (Intel)"),
        ])

    /// SPEC_CTRL MSR 48h, AMD form (APM Vol. 2 rev 3.42 chapter 3, speculation control MSRs).
    public static let amdSpecCtrl = BitLayout(
        "spec_ctrl_amd", reference: "APM Vol. 2 rev 3.42 chapter 3, speculation control MSRs",
        [
            BitDefinition("ibrs", "IBRS", BitRange(0), .flag, "indirect branch restricted speculation"),
            BitDefinition("stibp", "STIBP", BitRange(1), .flag, "single-thread indirect branch predictors"),
            BitDefinition("ssbd", "SSBD", BitRange(2), .flag, "speculative store bypass disable"),
            BitDefinition("psfd", "PSFD", BitRange(7), .flag, "predictive store forwarding disable"),
        ])
}
