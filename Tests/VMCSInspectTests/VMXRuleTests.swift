import Testing

@testable import VMCSInspect

/// Every VMX rule against a state that breaks it and one under which it holds, each worked out
/// by hand from the words of SDM Vol. 3 (325384-084) chapter 27; the arithmetic is beside each
/// case. No expectation comes from the tool's output.
@Suite struct VMXRuleTests {
    typealias H = RuleHarness

    /// A 64-bit guest with EPT, VPID and unrestricted guest, as KVM enters one:
    /// pin-based 0x7f = external-interrupt exiting (0), default1 1, 2, 4, NMI exiting (3),
    /// virtual NMIs (5), preemption timer (6); primary 0x84006172 = default1 1, 4, 5, 6, 8, 13,
    /// 14, 26 and "activate secondary controls" (31); secondary 0xa2 = EPT (1), VPID (5),
    /// unrestricted guest (7); EPTP 0x12345605e = WB (bits 2:0 = 6), walk length − 1 = 3 (bits
    /// 5:3 = 011), A/D (6), PML4 at 0x123456000; exit 0x3fefff = bits 0-11 and 13-21 (save debug
    /// controls 2, host address-space size 9, acknowledge interrupt 15, save/load PAT and EFER
    /// 18-21); entry 0xd3ff = bits 0-9 (load debug controls 2, IA-32e mode guest 9), 12, load PAT
    /// (14), load EFER (15). CR0 0x80050033 = PE MP ET NE WP AM PG; CR4 0x26a0 = PAE PGE OSFXSR
    /// OSXMMEXCPT VMXE; EFER 0xd01 = SCE LME LMA NXE; CS 0xa09b = type 11, S, P, L, G; SS 0xc093
    /// = type 3, S, P, D/B, G; TR 0x8b = busy 64-bit TSS, P; data segments and LDTR unusable
    /// (bit 16). Bases above 2^47 are sign-extended (canonical for 48-bit linear addresses).
    static let base: [String: UInt64] = [
        "ctrl.pin_based": 0x7f, "ctrl.proc_based": 0x8400_6172, "ctrl.proc_based2": 0xa2, "ctrl.exit": 0x3f_efff, "ctrl.entry": 0xd3ff,
        "ctrl.vpid": 1, "ctrl.ept_pointer": 0x1_2345_605e, "ctrl.cr3_target_count": 0, "ctrl.tpr_threshold": 0,
        "ctrl.exit_msr_store_count": 0, "ctrl.exit_msr_load_count": 0, "ctrl.entry_msr_load_count": 0,
        "ctrl.entry_intr_info": 0, "ctrl.entry_exception_error_code": 0, "ctrl.entry_instruction_len": 0, "ctrl.executive_vmcs_pointer": 0,
        "guest.cr0": 0x8005_0033, "guest.cr3": 0x1_2345_6000, "guest.cr4": 0x26a0, "guest.dr7": 0x400, "guest.ia32_debugctl": 0,
        "guest.ia32_efer": 0xd01, "guest.ia32_pat": 0x0007_0406_0007_0406, "guest.rflags": 0x202, "guest.rip": 0xffff_ffff_8100_0000,
        "guest.sysenter_esp": 0, "guest.sysenter_eip": 0,
        "guest.cs.selector": 0x10, "guest.cs.base": 0, "guest.cs.limit": 0xffff_ffff, "guest.cs.ar": 0xa09b,
        "guest.ss.selector": 0x18, "guest.ss.base": 0, "guest.ss.limit": 0xffff_ffff, "guest.ss.ar": 0xc093,
        "guest.ds.selector": 0, "guest.ds.base": 0, "guest.ds.limit": 0, "guest.ds.ar": 0x1_c000,
        "guest.es.selector": 0, "guest.es.base": 0, "guest.es.limit": 0, "guest.es.ar": 0x1_c000,
        "guest.fs.selector": 0, "guest.fs.base": 0x7f4b_3c9f_f740, "guest.fs.limit": 0, "guest.fs.ar": 0x1_c000,
        "guest.gs.selector": 0, "guest.gs.base": 0xffff_8881_3bc0_0000, "guest.gs.limit": 0, "guest.gs.ar": 0x1_c000,
        "guest.tr.selector": 0x40, "guest.tr.base": 0xffff_fe00_0000_3000, "guest.tr.limit": 0x67, "guest.tr.ar": 0x8b,
        "guest.ldtr.selector": 0, "guest.ldtr.base": 0, "guest.ldtr.limit": 0, "guest.ldtr.ar": 0x1_0082,
        "guest.gdtr.base": 0xffff_fe00_0000_1000, "guest.gdtr.limit": 0x7f, "guest.idtr.base": 0xffff_fe00_0000_0000,
        "guest.idtr.limit": 0xfff,
        "guest.activity_state": 0, "guest.interruptibility": 0, "guest.pending_dbg_exceptions": 0, "guest.vmcs_link_pointer": ~0,
        "host.cr0": 0x8005_0033, "host.cr3": 0x2000, "host.cr4": 0x26a0, "host.rip": 0xffff_ffff_8100_0000,
        "host.cs.selector": 0x10, "host.ss.selector": 0x18, "host.ds.selector": 0, "host.es.selector": 0, "host.fs.selector": 0,
        "host.gs.selector": 0, "host.tr.selector": 0x40, "host.fs.base": 0, "host.gs.base": 0xffff_8888_5fc0_0000,
        "host.tr.base": 0xffff_fe00_0010_4000, "host.gdtr.base": 0xffff_fe00_0010_2000, "host.idtr.base": 0xffff_fe00_0000_0000,
        "host.sysenter_esp": 0, "host.sysenter_eip": 0, "host.ia32_efer": 0xd01, "host.ia32_pat": 0x0007_0406_0007_0406,
    ]

    /// Test data, worked out by hand so the base state passes every rule (no real processor's
    /// values): IA32_VMX_BASIC bit 55 (TRUE MSRs) set, bit 56 clear; TRUE pin-based allowed
    /// 0-settings 0x16 (bits 1, 2, 4 must be 1), 1-settings 0xff; TRUE primary 0x04006172 /
    /// 0xfffffffe; primary bit 59 (allowed 1-setting of MTF, bit 27) set; secondary 1-settings
    /// 0xff; TRUE exit 0x36dfb / 0x3fffffff; TRUE entry 0x11fb / 0xffffff; MISC: HLT, shutdown,
    /// wait-for-SIPI (bits 6-8), four CR3 targets (bits 24:16), no zero-length injection (bit
    /// 30); CR0 fixed 0x80000021 (PG NE PE) / all 32 bits; CR4 fixed 0x2000 / 0x3727ff; EPT:
    /// 4-level (6), WB (14), A/D (21); VMFUNC 1; tertiary 1; exit2 3; MAXPHYADDR 40; 48-bit
    /// linear addresses; SGX, RTM (leaf 7 EBX 2, 11); CET shadow stacks (leaf 7 ECX 7); LAM (leaf
    /// 7.1 EAX 26); 8 general-purpose and 3 fixed counters (leaf 0AH); VM entry outside SMM, in
    /// IA-32e mode.
    static let caps = H.cpu(
        msrs: [
            0x480: 0x0080_0000_0000_0001, 0x482: 0xfff9_fffe_0401_e172, 0x48d: 0x0000_00ff_0000_0016, 0x48e: 0xffff_fffe_0400_6172,
            0x48b: 0x0000_00ff_0000_0000, 0x48f: 0x3fff_ffff_0003_6dfb, 0x490: 0x00ff_ffff_0000_11fb, 0x485: 0x0004_01c0,
            0x486: 0x8000_0021, 0x487: 0xffff_ffff, 0x488: 0x2000, 0x489: 0x37_27ff, 0x48c: 0x20_4040, 0x491: 1, 0x492: 1, 0x493: 3,
        ],
        cpuid: [
            CPUIDRegister(leaf: 7, subleaf: 0, .ebx): 0x804, CPUIDRegister(leaf: 7, subleaf: 0, .ecx): 0x80,
            CPUIDRegister(leaf: 7, subleaf: 1, .eax): 0x400_0000, CPUIDRegister(leaf: 0x0a, .eax): 0x800,
            CPUIDRegister(leaf: 0x0a, .edx): 3,
        ], maxphyaddr: 40, linear: 48, smm: false, ia32e: true)

    /// Virtual-8086 mode outside IA-32e mode (SDM 27.3.1.2): base = selector × 16, limit 0xffff,
    /// access rights 0xf3; CR0 PG WP NE ET PE, CR4 PAE VMXE, EFER 0, RFLAGS VM and IF.
    static let v86: [String: UInt64] = [
        "ctrl.entry": 0xd1ff, "guest.ia32_efer": 0, "guest.cr0": 0x8001_0031, "guest.cr4": 0x2020, "guest.rflags": 0x2_0202,
        "guest.cs.selector": 0xffff, "guest.cs.base": 0xf_fff0, "guest.cs.limit": 0xffff, "guest.cs.ar": 0xf3,
        "guest.ss.selector": 0, "guest.ss.base": 0, "guest.ss.limit": 0xffff, "guest.ss.ar": 0xf3,
        "guest.ds.selector": 0x40, "guest.ds.base": 0x400, "guest.ds.limit": 0xffff, "guest.ds.ar": 0xf3,
        "guest.es.selector": 0, "guest.es.base": 0, "guest.es.limit": 0xffff, "guest.es.ar": 0xf3,
        "guest.fs.selector": 0, "guest.fs.base": 0, "guest.fs.limit": 0xffff, "guest.fs.ar": 0xf3,
        "guest.gs.selector": 0, "guest.gs.base": 0, "guest.gs.limit": 0xffff, "guest.gs.ar": 0xf3,
        "guest.tr.ar": 0x83,
    ]

    /// PAE paging outside IA-32e mode: entry control 9 clear (0xd1ff), EFER NXE only, CR0.PG and
    /// CR4.PAE set (SDM 27.3.1.6).
    static let pae: [String: UInt64] = ["ctrl.entry": 0xd1ff, "guest.ia32_efer": 0x800, "guest.tr.ar": 0x8b]

    static func with(_ changes: [String: UInt64], _ more: [String: UInt64] = [:]) -> [String: UInt64] {
        changes.merging(more) { $1 }
    }

    static let tertiary: [String: UInt64] = ["ctrl.proc_based": 0x8402_6172]  // bit 17: activate tertiary controls
    static let loadCET: [String: UInt64] = ["ctrl.exit": 0x103f_efff]  // exit bit 28: load CET state
    static let guestCET: [String: UInt64] = ["ctrl.entry": 0x10_d3ff]  // entry bit 20: load CET state
    static let exit2: [String: UInt64] = ["ctrl.exit": 0x803f_efff]  // exit bit 31: activate secondary controls
    static let hostFRED: [String: UInt64] = [
        "ctrl.exit": 0x803f_efff, "ctrl.exit2": 0x2, "host.ia32_fred_config": 0xffff_ffff_8100_0000,
        "host.ia32_fred_rsp1": 0xffff_c900_0000_1000, "host.ia32_fred_rsp2": 0xffff_c900_0000_1000,
        "host.ia32_fred_rsp3": 0xffff_c900_0000_1000,
        "host.ia32_fred_ssp1": 0xffff_c900_0000_2000, "host.ia32_fred_ssp2": 0xffff_c900_0000_2000,
        "host.ia32_fred_ssp3": 0xffff_c900_0000_2000,
    ]
    static let guestFRED: [String: UInt64] = [
        "ctrl.entry": 0x80_d3ff, "guest.ia32_fred_config": 0xffff_ffff_8100_0000,
        "guest.ia32_fred_rsp1": 0xffff_c900_0000_1000, "guest.ia32_fred_rsp2": 0xffff_c900_0000_1000,
        "guest.ia32_fred_rsp3": 0xffff_c900_0000_1000,
        "guest.ia32_fred_ssp1": 0xffff_c900_0000_2000, "guest.ia32_fred_ssp2": 0xffff_c900_0000_2008,
        "guest.ia32_fred_ssp3": 0xffff_c900_0000_2000,
    ]
    static let host32: [String: UInt64] = ["ctrl.exit": 0x3f_edff]  // exit bit 9 clear: a 32-bit host
    static let fred: UInt64 = 0x1_0000_26a0  // CR4 0x26a0 with FRED (bit 32)

    static let cases: [RuleCase] = [
        // MARK: 27.2.1.1
        // Bit 2 of 0x7f cleared is 0x7b; the TRUE MSR's allowed 0-settings 0x16 need bit 2.
        RuleCase(rule: "ctrl-pin-based-reserved", breaks: ["ctrl.pin_based": 0x7b], holds: [:], breakProfile: caps, holdProfile: caps),
        // Bit 1 cleared: 0x84006170; the allowed 0-settings 0x04006172 need it.
        RuleCase(
            rule: "ctrl-proc-based-reserved", breaks: ["ctrl.proc_based": 0x8400_6170], holds: [:], breakProfile: caps, holdProfile: caps),
        // 0x1a2 sets bit 8, outside the secondary 1-settings 0xff.
        RuleCase(rule: "ctrl-proc-based2-reserved", breaks: ["ctrl.proc_based2": 0x1a2], holds: [:], breakProfile: caps, holdProfile: caps),
        // Tertiary control 1 (HLAT) where IA32_VMX_PROCBASED_CTLS3 is 1 (only bit 0 allowed).
        RuleCase(
            rule: "ctrl-proc-based3-reserved", breaks: with(tertiary, ["ctrl.proc_based3": 0x2]),
            holds: with(tertiary, ["ctrl.proc_based3": 0x1]),
            breakProfile: caps, holdProfile: caps),
        // Five targets, IA32_VMX_MISC[24:16] = 4; four is within "not greater than 4".
        RuleCase(
            rule: "ctrl-cr3-target-count", breaks: ["ctrl.cr3_target_count": 5], holds: ["ctrl.cr3_target_count": 4], breakProfile: caps),
        // IA32_VMX_MISC[24:16] is 9 bits: 512 is more than any processor allows, known without
        // the MSR; 0x100 there (0x0100_0000) allows 256.
        RuleCase(rule: "ctrl-cr3-target-count", breaks: ["ctrl.cr3_target_count": 512], holds: ["ctrl.cr3_target_count": 4]),
        RuleCase(
            rule: "ctrl-cr3-target-count", breaks: ["ctrl.cr3_target_count": 257], holds: ["ctrl.cr3_target_count": 256],
            breakProfile: caps.with(msr: 0x485, 0x0100_0000), holdProfile: caps.with(msr: 0x485, 0x0100_0000)),
        // "use I/O bitmaps" is bit 25: 0x84006172 | 0x02000000; bitmap A 0x1001 sets bit 0 of 11:0.
        RuleCase(
            rule: "ctrl-io-bitmaps", breaks: ["ctrl.proc_based": 0x8600_6172, "ctrl.io_bitmap_a": 0x1001, "ctrl.io_bitmap_b": 0x2000],
            holds: ["ctrl.proc_based": 0x8600_6172, "ctrl.io_bitmap_a": 0x1000, "ctrl.io_bitmap_b": 0x2000]),
        // "use MSR bitmaps" is bit 28; 2^52 is beyond any physical-address width.
        RuleCase(
            rule: "ctrl-msr-bitmap", breaks: ["ctrl.proc_based": 0x9400_6172, "ctrl.msr_bitmap": 0x10_0000_0000_0000],
            holds: ["ctrl.proc_based": 0x9400_6172, "ctrl.msr_bitmap": 0x5000]),
        // "use TPR shadow" is bit 21; 0x100000800 has 0x800 in bits 11:0.
        RuleCase(
            rule: "ctrl-virtual-apic-address", breaks: ["ctrl.proc_based": 0x8420_6172, "ctrl.virtual_apic_page_addr": 0x1_0000_0800],
            holds: ["ctrl.proc_based": 0x8420_6172, "ctrl.virtual_apic_page_addr": 0x1_0000_0000]),
        // TPR shadow without virtual-interrupt delivery: threshold 0x10 sets bit 4.
        RuleCase(
            rule: "ctrl-tpr-threshold-reserved", breaks: ["ctrl.proc_based": 0x8420_6172, "ctrl.tpr_threshold": 0x10],
            holds: ["ctrl.proc_based": 0x8420_6172, "ctrl.tpr_threshold": 0xf]),
        // Secondary 0x2a2 = 0xa2 | virtual-interrupt delivery (9), without the TPR shadow (21).
        RuleCase(
            rule: "ctrl-apic-virtualization-requires-tpr-shadow", breaks: ["ctrl.proc_based2": 0x2a2],
            holds: ["ctrl.proc_based": 0x8420_6172, "ctrl.proc_based2": 0x2a2]),
        // 0x7f without NMI exiting (bit 3) is 0x77; virtual NMIs (bit 5) stays.
        RuleCase(rule: "ctrl-virtual-nmis-require-nmi-exiting", breaks: ["ctrl.pin_based": 0x77], holds: [:]),
        // 0x7f without virtual NMIs (5) is 0x5f; NMI-window exiting is primary bit 22.
        RuleCase(
            rule: "ctrl-nmi-window-requires-virtual-nmis", breaks: ["ctrl.pin_based": 0x5f, "ctrl.proc_based": 0x8440_6172],
            holds: ["ctrl.proc_based": 0x8440_6172]),
        // "virtualize APIC accesses" is secondary bit 0: 0xa3; 0xfee00080 has 0x80 in 11:0.
        RuleCase(
            rule: "ctrl-apic-access-address", breaks: ["ctrl.proc_based2": 0xa3, "ctrl.apic_access_addr": 0xfee0_0080],
            holds: ["ctrl.proc_based2": 0xa3, "ctrl.apic_access_addr": 0xfee0_0000]),
        // 0xb3 = 0xa2 | x2APIC mode (4) | APIC accesses (0); 0xb2 has x2APIC mode alone.
        RuleCase(rule: "ctrl-x2apic-excludes-apic-accesses", breaks: ["ctrl.proc_based2": 0xb3], holds: ["ctrl.proc_based2": 0xb2]),
        // Virtual-interrupt delivery (0x2a2) with pin-based 0x7e (bit 0 clear).
        RuleCase(
            rule: "ctrl-vid-requires-interrupt-exiting", breaks: ["ctrl.pin_based": 0x7e, "ctrl.proc_based2": 0x2a2],
            holds: ["ctrl.proc_based2": 0x2a2]),
        // Posted interrupts are pin-based bit 7: 0xff.
        RuleCase(
            rule: "ctrl-posted-interrupts-require-vid", breaks: ["ctrl.pin_based": 0xff],
            holds: ["ctrl.pin_based": 0xff, "ctrl.proc_based2": 0x2a2]),
        // Exit 0x3fefff without "acknowledge interrupt on exit" (15) is 0x3f6fff.
        RuleCase(
            rule: "ctrl-posted-interrupts-require-ack", breaks: ["ctrl.pin_based": 0xff, "ctrl.exit": 0x3f_6fff],
            holds: ["ctrl.pin_based": 0xff]),
        // Vector 0x1f2 sets bit 8.
        RuleCase(
            rule: "ctrl-posted-interrupt-vector", breaks: ["ctrl.pin_based": 0xff, "ctrl.posted_intr_nv": 0x1f2],
            holds: ["ctrl.pin_based": 0xff, "ctrl.posted_intr_nv": 0xf2]),
        // 0x100000020 has bit 5 set; 0x100000040 is 64-byte aligned.
        RuleCase(
            rule: "ctrl-posted-interrupt-descriptor", breaks: ["ctrl.pin_based": 0xff, "ctrl.posted_intr_desc_addr": 0x1_0000_0020],
            holds: ["ctrl.pin_based": 0xff, "ctrl.posted_intr_desc_addr": 0x1_0000_0040]),
        RuleCase(rule: "ctrl-vpid-nonzero", breaks: ["ctrl.vpid": 0], holds: [:]),
        // 0x...5d: bits 2:0 = 101 = 5, neither UC (0) nor WB (6); the base's 6 is WB, EPT_VPID_CAP[14].
        RuleCase(rule: "ctrl-eptp-memory-type", breaks: ["ctrl.ept_pointer": 0x1_2345_605d], holds: [:], holdProfile: caps),
        // 0x...66: bits 5:3 = 100 (a 5-level walk); EPT_VPID_CAP 0x204040 lacks bit 7.
        RuleCase(
            rule: "ctrl-eptp-walk-length", breaks: ["ctrl.ept_pointer": 0x1_2345_6066], holds: [:], breakProfile: caps, holdProfile: caps),
        // A/D (bit 6) set where EPT_VPID_CAP lacks bit 21: 0x204040 − 0x200000 = 0x4040.
        RuleCase(rule: "ctrl-eptp-accessed-dirty", breaks: [:], holds: [:], breakProfile: caps.with(msr: 0x48c, 0x4040), holdProfile: caps),
        // Bit 7 set (0x...de) where CPUID.(EAX=07H,ECX=0):ECX[7] is 0.
        RuleCase(
            rule: "ctrl-eptp-supervisor-shadow-stack", breaks: ["ctrl.ept_pointer": 0x1_2345_60de],
            holds: ["ctrl.ept_pointer": 0x1_2345_60de],
            breakProfile: caps.with(cpuid: CPUIDRegister(leaf: 7, subleaf: 0, .ecx), 0), holdProfile: caps),
        // 0x...15e sets bit 8, in the reserved range 11:8.
        RuleCase(rule: "ctrl-eptp-reserved", breaks: ["ctrl.ept_pointer": 0x1_2345_615e], holds: [:]),
        // PML is secondary bit 17: 0x20020 = PML + VPID, no EPT; 0x200a2 with EPT.
        RuleCase(rule: "ctrl-pml-requires-ept", breaks: ["ctrl.proc_based2": 0x2_0020], holds: ["ctrl.proc_based2": 0x2_00a2]),
        RuleCase(
            rule: "ctrl-pml-address", breaks: ["ctrl.proc_based2": 0x2_00a2, "ctrl.pml_address": 0x1_0000_0004],
            holds: ["ctrl.proc_based2": 0x2_00a2, "ctrl.pml_address": 0x1_0000_0000]),
        // 0xa0 = unrestricted guest and VPID without EPT (bit 1).
        RuleCase(rule: "ctrl-unrestricted-guest-requires-ept", breaks: ["ctrl.proc_based2": 0xa0], holds: [:]),
        // Mode-based execute control is secondary bit 22.
        RuleCase(
            rule: "ctrl-mode-based-execute-requires-ept", breaks: ["ctrl.proc_based2": 0x40_0020], holds: ["ctrl.proc_based2": 0x40_00a2]),
        // Sub-page write permissions are secondary bit 23.
        RuleCase(rule: "ctrl-sub-page-write-requires-ept", breaks: ["ctrl.proc_based2": 0x80_0020], holds: ["ctrl.proc_based2": 0x80_00a2]),
        RuleCase(
            rule: "ctrl-sppt-pointer", breaks: ["ctrl.proc_based2": 0x80_00a2, "ctrl.sppt_pointer": 0x1_0000_0fff],
            holds: ["ctrl.proc_based2": 0x80_00a2, "ctrl.sppt_pointer": 0x1_0000_0000]),
        // PT uses GPA is secondary bit 24; entry bit 18 (0x4d3ff) and exit bit 25 (0x23fefff).
        RuleCase(
            rule: "ctrl-pt-guest-physical", breaks: ["ctrl.proc_based2": 0x100_00a2],
            holds: ["ctrl.proc_based2": 0x100_00a2, "ctrl.entry": 0x4_d3ff, "ctrl.exit": 0x23f_efff]),
        // Tertiary bit 1 (HLAT) with secondary 0x20 (no EPT).
        RuleCase(
            rule: "ctrl-hlat-requires-ept", breaks: with(tertiary, ["ctrl.proc_based3": 0x2, "ctrl.proc_based2": 0x20]),
            holds: with(tertiary, ["ctrl.proc_based3": 0x2])),
        // HLATP at 2^53, beyond any width.
        RuleCase(
            rule: "ctrl-hlat-pointer", breaks: with(tertiary, ["ctrl.proc_based3": 0x2, "ctrl.hlatp": 0x20_0000_0000_0000]),
            holds: with(tertiary, ["ctrl.proc_based3": 0x2, "ctrl.hlatp": 0x1000])),
        // Tertiary bit 2 (EPT paging-write) with secondary 0x20.
        RuleCase(
            rule: "ctrl-paging-write-requires-ept", breaks: with(tertiary, ["ctrl.proc_based3": 0x4, "ctrl.proc_based2": 0x20]),
            holds: with(tertiary, ["ctrl.proc_based3": 0x4])),
        // VM functions are secondary bit 13 (0x20a2); function 1 is in the reserved range 63:1.
        RuleCase(
            rule: "ctrl-vmfunc-reserved", breaks: ["ctrl.proc_based2": 0x20a2, "ctrl.vm_function_control": 0x2],
            holds: ["ctrl.proc_based2": 0x20a2, "ctrl.vm_function_control": 0x1, "ctrl.eptp_list_address": 0x3000], holdProfile: caps),
        // EPTP switching (function 0) with secondary 0x2020 (VM functions, VPID, no EPT).
        RuleCase(
            rule: "ctrl-eptp-switching-requires-ept", breaks: ["ctrl.proc_based2": 0x2020, "ctrl.vm_function_control": 1],
            holds: ["ctrl.proc_based2": 0x20a2, "ctrl.vm_function_control": 1]),
        RuleCase(
            rule: "ctrl-eptp-list-address",
            breaks: ["ctrl.proc_based2": 0x20a2, "ctrl.vm_function_control": 1, "ctrl.eptp_list_address": 0x3008],
            holds: ["ctrl.proc_based2": 0x20a2, "ctrl.vm_function_control": 1, "ctrl.eptp_list_address": 0x3000]),
        // VMCS shadowing is secondary bit 14 (0x40a2); the VMWRITE bitmap at 0x4010.
        RuleCase(
            rule: "ctrl-vmcs-shadowing-bitmaps",
            breaks: ["ctrl.proc_based2": 0x40a2, "ctrl.vmread_bitmap": 0x4000, "ctrl.vmwrite_bitmap": 0x4010],
            holds: ["ctrl.proc_based2": 0x40a2, "ctrl.vmread_bitmap": 0x4000, "ctrl.vmwrite_bitmap": 0x5000]),
        // EPT-violation #VE is secondary bit 18.
        RuleCase(
            rule: "ctrl-ve-information-address", breaks: ["ctrl.proc_based2": 0x4_00a2, "ctrl.ve_information_address": 0x6004],
            holds: ["ctrl.proc_based2": 0x4_00a2, "ctrl.ve_information_address": 0x6000]),
        // MARK: 27.2.1.2
        // Exit 0x3fefff without bit 0 (0x3feffe); the TRUE allowed 0-settings 0x36dfb need it.
        RuleCase(rule: "ctrl-exit-reserved", breaks: ["ctrl.exit": 0x3f_effe], holds: [:], breakProfile: caps, holdProfile: caps),
        // Secondary exit control 2 where IA32_VMX_EXIT_CTLS2 is 3.
        RuleCase(
            rule: "ctrl-exit2-reserved", breaks: with(exit2, ["ctrl.exit2": 0x4]), holds: with(exit2, ["ctrl.exit2": 0x1]),
            breakProfile: caps, holdProfile: caps),
        // Pin-based 0x3f (timer bit 6 clear) with exit bit 22: 0x7fefff.
        RuleCase(
            rule: "ctrl-preemption-timer-save-requires-timer", breaks: ["ctrl.pin_based": 0x3f, "ctrl.exit": 0x7f_efff],
            holds: ["ctrl.exit": 0x7f_efff]),
        // Two entries at 0x100000008: bits 3:0 = 8.
        RuleCase(
            rule: "ctrl-exit-msr-store-area", breaks: ["ctrl.exit_msr_store_count": 2, "ctrl.exit_msr_store_addr": 0x1_0000_0008],
            holds: ["ctrl.exit_msr_store_count": 2, "ctrl.exit_msr_store_addr": 0x1_0000_0010]),
        // Two entries at 0xffffffff0 end at 0xffffffff0 + 32 − 1 = 0x100000000f, above 2^36 − 1
        // (MAXPHYADDR 36); one entry ends at 0xfffffffff, within it.
        RuleCase(
            rule: "ctrl-exit-msr-store-area", breaks: ["ctrl.exit_msr_store_count": 2, "ctrl.exit_msr_store_addr": 0xf_ffff_fff0],
            holds: ["ctrl.exit_msr_store_count": 1, "ctrl.exit_msr_store_addr": 0xf_ffff_fff0],
            breakProfile: H.cpu(maxphyaddr: 36), holdProfile: H.cpu(maxphyaddr: 36)),
        RuleCase(
            rule: "ctrl-exit-msr-load-area", breaks: ["ctrl.exit_msr_load_count": 1, "ctrl.exit_msr_load_addr": 0x10_0000_0000_0000],
            holds: ["ctrl.exit_msr_load_count": 1, "ctrl.exit_msr_load_addr": 0x2000]),
        // MARK: 27.2.1.3
        RuleCase(rule: "ctrl-entry-reserved", breaks: ["ctrl.entry": 0xd3fe], holds: [:], breakProfile: caps, holdProfile: caps),
        // "entry to SMM" is entry bit 10: 0xd3ff | 0x400 = 0xd7ff.
        RuleCase(
            rule: "ctrl-entry-to-smm-outside-smm", breaks: ["ctrl.entry": 0xd7ff], holds: ["ctrl.entry": 0xd7ff],
            breakProfile: caps.with(smm: false),
            holdProfile: caps.with(smm: true)),
        // "deactivate dual-monitor treatment" is bit 11: 0xdbff.
        RuleCase(
            rule: "ctrl-deactivate-dual-monitor-outside-smm", breaks: ["ctrl.entry": 0xdbff], holds: ["ctrl.entry": 0xdbff],
            breakProfile: caps.with(smm: false), holdProfile: caps.with(smm: true)),
        RuleCase(rule: "ctrl-entry-to-smm-and-deactivate", breaks: ["ctrl.entry": 0xdfff], holds: ["ctrl.entry": 0xd7ff]),
        RuleCase(
            rule: "ctrl-entry-msr-load-area", breaks: ["ctrl.entry_msr_load_count": 1, "ctrl.entry_msr_load_addr": 0x7],
            holds: ["ctrl.entry_msr_load_count": 1, "ctrl.entry_msr_load_addr": 0x10]),
        // Interruption information: vector 7:0, type 10:8, deliver error code 11, valid 31.
        RuleCase(
            rule: "entry-event-type-reserved", breaks: ["ctrl.entry_intr_info": 0x8000_0130], holds: ["ctrl.entry_intr_info": 0x8000_0030]),
        // Type 7 vector 0 where IA32_VMX_PROCBASED_CTLS bit 59 (MTF's allowed 1-setting) is clear.
        RuleCase(
            rule: "entry-event-other-requires-mtf", breaks: ["ctrl.entry_intr_info": 0x8000_0700],
            holds: ["ctrl.entry_intr_info": 0x8000_0700],
            breakProfile: caps.with(msr: 0x482, 0xf7f9_fffe_0401_e172), holdProfile: caps),
        RuleCase(
            rule: "entry-event-nmi-vector", breaks: ["ctrl.entry_intr_info": 0x8000_0203], holds: ["ctrl.entry_intr_info": 0x8000_0202]),
        // Vector 32 (0x20) is past 31; vector 31 (0x1f) is allowed.
        RuleCase(
            rule: "entry-event-exception-vector", breaks: ["ctrl.entry_intr_info": 0x8000_0320],
            holds: ["ctrl.entry_intr_info": 0x8000_031f]),
        RuleCase(
            rule: "entry-event-other-vector", breaks: ["ctrl.entry_intr_info": 0x8000_0701], holds: ["ctrl.entry_intr_info": 0x8000_0700]),
        // An external interrupt (type 0) with bit 11: 0x80000830.
        RuleCase(
            rule: "entry-event-error-code-type", breaks: ["ctrl.entry_intr_info": 0x8000_0830], holds: ["ctrl.entry_intr_info": 0x8000_0b0e]
        ),
        // An unrestricted guest in real mode (CR0 0x30: PE and PG clear; entry 0xd1ff, EFER 0)
        // gets #GP (13) with an error code (0x80000b0d); without it, 0x8000030d.
        RuleCase(
            rule: "entry-event-error-code-real-mode",
            breaks: ["ctrl.entry": 0xd1ff, "guest.ia32_efer": 0, "guest.cr0": 0x30, "ctrl.entry_intr_info": 0x8000_0b0d],
            holds: ["ctrl.entry": 0xd1ff, "guest.ia32_efer": 0, "guest.cr0": 0x30, "ctrl.entry_intr_info": 0x8000_030d]),
        // #PF (14) without its error code, IA32_VMX_BASIC[56] = 0.
        RuleCase(
            rule: "entry-event-error-code-required", breaks: ["ctrl.entry_intr_info": 0x8000_030e],
            holds: ["ctrl.entry_intr_info": 0x8000_0b0e],
            breakProfile: caps, holdProfile: caps),
        // #UD (6) with an error code, IA32_VMX_BASIC[56] = 0.
        RuleCase(
            rule: "entry-event-error-code-forbidden", breaks: ["ctrl.entry_intr_info": 0x8000_0b06],
            holds: ["ctrl.entry_intr_info": 0x8000_0306],
            breakProfile: caps, holdProfile: caps),
        // Bit 12, in reserved 30:12.
        RuleCase(rule: "entry-event-reserved", breaks: ["ctrl.entry_intr_info": 0x8000_1030], holds: ["ctrl.entry_intr_info": 0x8000_0030]),
        // #GP with error code 0x10000 (bit 16) or 0xffff (bits 15:0 only).
        RuleCase(
            rule: "entry-event-error-code-high",
            breaks: ["ctrl.entry_intr_info": 0x8000_0b0d, "ctrl.entry_exception_error_code": 0x1_0000],
            holds: ["ctrl.entry_intr_info": 0x8000_0b0d, "ctrl.entry_exception_error_code": 0xffff]),
        // Software interrupt (type 4) with a length of 16.
        RuleCase(
            rule: "entry-event-instruction-length", breaks: ["ctrl.entry_intr_info": 0x8000_0403, "ctrl.entry_instruction_len": 16],
            holds: ["ctrl.entry_intr_info": 0x8000_0403, "ctrl.entry_instruction_len": 1]),
        // INT 0x80 with length 0 where IA32_VMX_MISC[30] is 0.
        RuleCase(
            rule: "entry-event-instruction-length-zero", breaks: ["ctrl.entry_intr_info": 0x8000_0480, "ctrl.entry_instruction_len": 0],
            holds: ["ctrl.entry_intr_info": 0x8000_0480, "ctrl.entry_instruction_len": 2], breakProfile: caps, holdProfile: caps),
        // MARK: 27.2.2
        // 0x80050033 without NE (bit 5) is 0x80050013; CR0_FIXED0 0x80000021 needs NE.
        RuleCase(rule: "host-cr0-fixed", breaks: ["host.cr0": 0x8005_0013], holds: [:], breakProfile: caps, holdProfile: caps),
        RuleCase(rule: "host-cr0-reserved", breaks: ["host.cr0": 0x1_8005_0033], holds: [:]),
        // 0x26a0 without VMXE (13) is 0x6a0; CR4_FIXED0 0x2000 needs it.
        RuleCase(rule: "host-cr4-fixed", breaks: ["host.cr4": 0x6a0], holds: [:], breakProfile: caps, holdProfile: caps),
        RuleCase(rule: "host-cr4-reserved", breaks: ["host.cr4": 0x2_0000_26a0], holds: [:]),
        // CET is CR4 bit 23 (0x8026a0); 0x80050033 without WP (16) is 0x80040033.
        RuleCase(
            rule: "host-cet-requires-wp", breaks: ["host.cr4": 0x80_26a0, "host.cr0": 0x8004_0033], holds: ["host.cr4": 0x80_26a0]),
        RuleCase(rule: "host-cr3-reserved", breaks: ["host.cr3": 0x0010_0000_0000_2000], holds: [:]),
        // Bit 40 with MAXPHYADDR 40; 0xfffffff000 uses bits 39:12 only.
        RuleCase(
            rule: "host-cr3-width", breaks: ["host.cr3": 0x100_0000_2000], holds: ["host.cr3": 0xff_ffff_f000], breakProfile: caps,
            holdProfile: caps),
        // LAM_U48 (62) where CPUID.(EAX=07H,ECX=1):EAX[26] is 0.
        RuleCase(
            rule: "host-cr3-lam", breaks: ["host.cr3": 0x4000_0000_0000_2000], holds: ["host.cr3": 0x4000_0000_0000_2000],
            breakProfile: caps.with(cpuid: CPUIDRegister(leaf: 7, subleaf: 1, .eax), 0), holdProfile: caps),
        // Bit 56 set, 63:57 clear: not canonical even for 57-bit addresses.
        RuleCase(
            rule: "host-sysenter-canonical", breaks: ["host.sysenter_eip": 0x0100_0000_0000_0000],
            holds: ["host.sysenter_eip": 0xffff_ffff_8100_0000]),
        // Load PERF_GLOBAL_CTRL is exit bit 12 (0x3fffff); bit 8 is a ninth GP counter (8 exist),
        // 0x7000000ff enables counters 0-7 and fixed 0-2.
        RuleCase(
            rule: "host-perf-global-ctrl-reserved", breaks: ["ctrl.exit": 0x3f_ffff, "host.ia32_perf_global_ctrl": 0x1_0000_0100],
            holds: ["ctrl.exit": 0x3f_ffff, "host.ia32_perf_global_ctrl": 0x7_0000_00ff], breakProfile: caps, holdProfile: caps),
        // PA0 = 2, a reserved memory type.
        RuleCase(rule: "host-pat", breaks: ["host.ia32_pat": 0x0007_0406_0007_0402], holds: [:]),
        // Bit 12 (AMD's SVME) is reserved in Intel's IA32_EFER.
        RuleCase(rule: "host-efer-reserved", breaks: ["host.ia32_efer": 0x1d01], holds: [:]),
        // 0x101: LME without LMA, for a 64-bit host.
        RuleCase(rule: "host-efer-address-space", breaks: ["host.ia32_efer": 0x101], holds: [:]),
        RuleCase(
            rule: "host-s-cet-canonical", breaks: with(loadCET, ["host.s_cet": 0x0100_0000_0000_0000]),
            holds: with(loadCET, ["host.s_cet": 0x1])),
        RuleCase(rule: "host-s-cet-reserved", breaks: with(loadCET, ["host.s_cet": 0x40]), holds: with(loadCET, ["host.s_cet": 0x1])),
        // SUPPRESS (10) and TRACKER (11): 0xc00.
        RuleCase(
            rule: "host-s-cet-suppress-tracker", breaks: with(loadCET, ["host.s_cet": 0xc00]), holds: with(loadCET, ["host.s_cet": 0x400])),
        RuleCase(
            rule: "host-isst-canonical", breaks: with(loadCET, ["host.intr_ssp_table": 0x0100_0000_0000_0000]),
            holds: with(loadCET, ["host.intr_ssp_table": 0xffff_fe00_0000_8000])),
        RuleCase(
            rule: "host-ssp-alignment", breaks: with(loadCET, ["host.ssp": 0xffff_c900_0000_1002]),
            holds: with(loadCET, ["host.ssp": 0xffff_c900_0000_1008])),
        RuleCase(
            rule: "host-ssp-address-space", breaks: with(loadCET, ["host.ssp": 0x0100_0000_0000_0000]),
            holds: with(loadCET, ["host.ssp": 0xffff_c900_0000_1008])),
        // Load PKRS is exit bit 29 (0x203fefff); bit 32 of PKRS is reserved.
        RuleCase(
            rule: "host-pkrs", breaks: ["ctrl.exit": 0x203f_efff, "host.ia32_pkrs": 0x1_0000_0000],
            holds: ["ctrl.exit": 0x203f_efff, "host.ia32_pkrs": 0x4]),
        // Secondary exit bit 2; IA32_SPEC_CTRL bit 9 is reserved, 0x401 is IBRS and BHI_DIS_S.
        RuleCase(
            rule: "host-spec-ctrl-reserved", breaks: with(exit2, ["ctrl.exit2": 0x4, "host.ia32_spec_ctrl": 0x200]),
            holds: with(exit2, ["ctrl.exit2": 0x4, "host.ia32_spec_ctrl": 0x401])),
        RuleCase(rule: "host-fred-config-reserved", breaks: with(hostFRED, ["host.ia32_fred_config": 0x4]), holds: hostFRED),
        // RSP1 0x...0020 has bit 5 set; 0x...0040 is 64-byte aligned.
        RuleCase(
            rule: "host-fred-stacks", breaks: with(hostFRED, ["host.ia32_fred_rsp1": 0xffff_c900_0000_0020]),
            holds: with(hostFRED, ["host.ia32_fred_rsp1": 0xffff_c900_0000_0040])),
        // MARK: 27.2.3
        RuleCase(rule: "host-selector-rpl-ti", breaks: ["host.cs.selector": 0x13], holds: [:]),
        RuleCase(rule: "host-cs-selector-nonzero", breaks: ["host.cs.selector": 0], holds: [:]),
        RuleCase(rule: "host-tr-selector-nonzero", breaks: ["host.tr.selector": 0], holds: [:]),
        RuleCase(rule: "host-ss-selector-nonzero", breaks: with(host32, ["host.ss.selector": 0]), holds: host32),
        // Bit 63 alone: not canonical for 48 or 57 bits.
        RuleCase(rule: "host-bases-canonical", breaks: ["host.gdtr.base": 0x8000_0000_0000_0000], holds: [:]),
        // MARK: 27.2.4
        RuleCase(rule: "host-outside-ia32e-mode", breaks: [:], holds: [:], breakProfile: caps.with(ia32e: false), holdProfile: caps),
        RuleCase(rule: "host-inside-ia32e-mode", breaks: host32, holds: host32, breakProfile: caps, holdProfile: caps.with(ia32e: false)),
        // A 32-bit host (exit 0x3fedff) with the base's IA-32e mode guest; entry 0xd1ff has none.
        RuleCase(rule: "host-32bit-no-ia32e-guest", breaks: host32, holds: with(host32, ["ctrl.entry": 0xd1ff])),
        RuleCase(rule: "host-32bit-no-pcide", breaks: with(host32, ["host.cr4": 0x2_26a0]), holds: host32),
        // The base's host RIP 0xffffffff81000000 sets bits 63:32.
        RuleCase(rule: "host-32bit-rip", breaks: host32, holds: with(host32, ["host.rip": 0xc100_0000])),
        RuleCase(rule: "host-64bit-pae", breaks: ["host.cr4": 0x2680], holds: [:]),
        RuleCase(rule: "host-64bit-rip-canonical", breaks: ["host.rip": 0x0100_0000_0000_0000], holds: [:]),
        // MARK: VM entries that return from SMM (VM entry in SMM, "entry to SMM" 0)
        RuleCase(
            rule: "smm-executive-vmcs-alignment", breaks: ["ctrl.executive_vmcs_pointer": 0x1234],
            holds: ["ctrl.executive_vmcs_pointer": 0x2000],
            breakProfile: caps.with(smm: true), holdProfile: caps.with(smm: true)),
        RuleCase(
            rule: "smm-executive-vmcs-width", breaks: ["ctrl.executive_vmcs_pointer": 0x10_0000_0000_0000],
            holds: ["ctrl.executive_vmcs_pointer": 0x2000],
            breakProfile: caps.with(smm: true), holdProfile: caps.with(smm: true)),
        // MARK: 27.3.1.1
        // NE cleared (0x80050013) breaks FIXED0 even for an unrestricted guest; CR0 0x30 (PE and PG
        // clear, NE set) passes because the unrestricted guest (secondary bit 7) exempts PE and PG.
        RuleCase(
            rule: "guest-cr0-fixed", breaks: ["guest.cr0": 0x8005_0013], holds: ["guest.cr0": 0x30], breakProfile: caps, holdProfile: caps),
        RuleCase(rule: "guest-cr0-reserved", breaks: ["guest.cr0": 0x1_8005_0033], holds: [:]),
        // PG (31) with NE ET but not PE: 0x80000030; with PE: 0x80000031.
        RuleCase(rule: "guest-cr0-pg-requires-pe", breaks: ["guest.cr0": 0x8000_0030], holds: ["guest.cr0": 0x8000_0031]),
        RuleCase(rule: "guest-cr4-fixed", breaks: ["guest.cr4": 0x6a0], holds: [:], breakProfile: caps, holdProfile: caps),
        // Bit 15 (0x8000 | 0x26a0 = 0xa6a0).
        RuleCase(rule: "guest-cr4-reserved", breaks: ["guest.cr4": 0xa6a0], holds: [:]),
        RuleCase(
            rule: "guest-cet-requires-wp", breaks: ["guest.cr4": 0x80_26a0, "guest.cr0": 0x8004_0033], holds: ["guest.cr4": 0x80_26a0]),
        // Bit 3 of IA32_DEBUGCTL is in reserved 5:3; LBR and BTF (0x3) are defined.
        RuleCase(rule: "guest-debugctl-reserved", breaks: ["guest.ia32_debugctl": 0x8], holds: ["guest.ia32_debugctl": 0x3]),
        RuleCase(rule: "guest-ia32e-requires-pg", breaks: ["guest.cr0": 0x5_0033], holds: [:]),
        RuleCase(rule: "guest-ia32e-requires-pae", breaks: ["guest.cr4": 0x2680], holds: [:]),
        // PCIDE is CR4 bit 17 (0x226a0), in a guest outside IA-32e mode (entry 0xd1ff, EFER SCE).
        RuleCase(
            rule: "guest-pcide-requires-ia32e", breaks: ["ctrl.entry": 0xd1ff, "guest.ia32_efer": 0x1, "guest.cr4": 0x2_26a0],
            holds: ["ctrl.entry": 0xd1ff, "guest.ia32_efer": 0x1]),
        RuleCase(rule: "guest-cr3-reserved", breaks: ["guest.cr3": 0x8000_0000_1234_5000], holds: [:]),
        RuleCase(
            rule: "guest-cr3-width", breaks: ["guest.cr3": 0x100_0000_0000], holds: ["guest.cr3": 0xff_ffff_f000], breakProfile: caps,
            holdProfile: caps),
        // LAM_U57 (61) where LAM is not supported.
        RuleCase(
            rule: "guest-cr3-lam", breaks: ["guest.cr3": 0x2000_0000_0000_1000], holds: ["guest.cr3": 0x2000_0000_0000_1000],
            breakProfile: caps.with(cpuid: CPUIDRegister(leaf: 7, subleaf: 1, .eax), 0), holdProfile: caps),
        RuleCase(rule: "guest-dr7-upper", breaks: ["guest.dr7": 0x1_0000_0400], holds: [:]),
        RuleCase(
            rule: "guest-sysenter-canonical", breaks: ["guest.sysenter_esp": 0x0200_0000_0000_0000],
            holds: ["guest.sysenter_esp": 0xffff_fe00_0000_3000]),
        // Entry bit 13 (0xf3ff); bit 35 is a fourth fixed counter, three exist (32-34).
        RuleCase(
            rule: "guest-perf-global-ctrl-reserved", breaks: ["ctrl.entry": 0xf3ff, "guest.ia32_perf_global_ctrl": 0x8_0000_0000],
            holds: ["ctrl.entry": 0xf3ff, "guest.ia32_perf_global_ctrl": 0x7_0000_00ff], breakProfile: caps, holdProfile: caps),
        // PA0 = 3, a reserved memory type.
        RuleCase(rule: "guest-pat", breaks: ["guest.ia32_pat": 0x0007_0406_0007_0403], holds: [:]),
        RuleCase(rule: "guest-efer-reserved", breaks: ["guest.ia32_efer": 0x1d01], holds: [:]),
        // 0xd01 without LMA (10) is 0x901, in an IA-32e mode guest.
        RuleCase(rule: "guest-efer-lma", breaks: ["guest.ia32_efer": 0x901], holds: [:]),
        // 0xd01 without LME (8) is 0xc01, with CR0.PG set.
        RuleCase(rule: "guest-efer-lme", breaks: ["guest.ia32_efer": 0xc01], holds: [:]),
        // Load BNDCFGS is entry bit 16 (0x1d3ff); bit 2 is in reserved 11:2.
        RuleCase(
            rule: "guest-bndcfgs-reserved", breaks: ["ctrl.entry": 0x1_d3ff, "guest.bndcfgs": 0x4],
            holds: ["ctrl.entry": 0x1_d3ff, "guest.bndcfgs": 0xffff_c900_0010_0001]),
        RuleCase(
            rule: "guest-bndcfgs-canonical", breaks: ["ctrl.entry": 0x1_d3ff, "guest.bndcfgs": 0x0100_0000_0000_1001],
            holds: ["ctrl.entry": 0x1_d3ff, "guest.bndcfgs": 0xffff_c900_0010_0001]),
        // "load IA32_LBR_CTL" is entry bit 21: 0xd3ff | 0x20_0000 = 0x20_d3ff. 0x10 is bit 4, inside
        // reserved 15:4; 0x7f_000f is LBREn, OS, USR, CALL_STACK and the branch types 22:16, all defined.
        RuleCase(
            rule: "guest-lbr-ctl-reserved", breaks: ["ctrl.entry": 0x20_d3ff, "guest.ia32_lbr_ctl": 0x10],
            holds: ["ctrl.entry": 0x20_d3ff, "guest.ia32_lbr_ctl": 0x7f_000f]),
        RuleCase(
            rule: "guest-s-cet-canonical", breaks: with(guestCET, ["guest.s_cet": 0x0100_0000_0000_0001]),
            holds: with(guestCET, ["guest.s_cet": 0x1])),
        // Outside IA-32e mode (entry 0x10d1ff, EFER SCE): bits 63:32 of S_CET must be 0.
        RuleCase(
            rule: "guest-s-cet-canonical", breaks: ["ctrl.entry": 0x10_d1ff, "guest.ia32_efer": 1, "guest.s_cet": 0x1_0000_0001],
            holds: ["ctrl.entry": 0x10_d1ff, "guest.ia32_efer": 1, "guest.s_cet": 0x1]),
        RuleCase(rule: "guest-s-cet-reserved", breaks: with(guestCET, ["guest.s_cet": 0x200]), holds: with(guestCET, ["guest.s_cet": 0x1])),
        RuleCase(
            rule: "guest-s-cet-suppress-tracker", breaks: with(guestCET, ["guest.s_cet": 0xc00]),
            holds: with(guestCET, ["guest.s_cet": 0x800])),
        RuleCase(
            rule: "guest-isst-canonical", breaks: with(guestCET, ["guest.intr_ssp_table": 0x0100_0000_0000_0000]),
            holds: with(guestCET, ["guest.intr_ssp_table": 0xffff_fe00_0000_8000])),
        // Load PKRS is entry bit 22 (0x40d3ff).
        RuleCase(
            rule: "guest-pkrs", breaks: ["ctrl.entry": 0x40_d3ff, "guest.ia32_pkrs": 0x8000_0000_0000_0000],
            holds: ["ctrl.entry": 0x40_d3ff, "guest.ia32_pkrs": 0x1]),
        // Load IA32_SPEC_CTRL is entry bit 24 (0x100d3ff); bit 11 is reserved.
        RuleCase(
            rule: "guest-spec-ctrl-reserved", breaks: ["ctrl.entry": 0x100_d3ff, "guest.ia32_spec_ctrl": 0x800],
            holds: ["ctrl.entry": 0x100_d3ff, "guest.ia32_spec_ctrl": 0x7]),
        // Load FRED is entry bit 23; FRED_CONFIG bit 11 is reserved.
        RuleCase(rule: "guest-fred-config-reserved", breaks: with(guestFRED, ["guest.ia32_fred_config": 0x800]), holds: guestFRED),
        // SSP2 0x...2004 sets bit 2 of 2:0.
        RuleCase(
            rule: "guest-fred-stacks", breaks: with(guestFRED, ["guest.ia32_fred_ssp2": 0xffff_c900_0000_2004]), holds: guestFRED),
        RuleCase(rule: "guest-fred-requires-ia32e", breaks: ["guest.cr4": fred, "ctrl.entry": 0xd1ff], holds: ["guest.cr4": fred]),
        // SS 0xc093 | DPL 1 (0x20) = 0xc0b3.
        RuleCase(rule: "guest-fred-ss-dpl", breaks: ["guest.cr4": fred, "guest.ss.ar": 0xc0b3], holds: ["guest.cr4": fred]),
        // CS 0xc09b: L clear, D/B set, at CPL 0.
        RuleCase(rule: "guest-fred-cpl0-64bit", breaks: ["guest.cr4": fred, "guest.cs.ar": 0xc09b], holds: ["guest.cr4": fred]),
        // MARK: 27.3.1.2
        RuleCase(rule: "guest-tr-ti", breaks: ["guest.tr.selector": 0x44], holds: [:]),
        // A usable LDT (0x82) with selector 0x4c (TI, bit 2) or 0x48.
        RuleCase(
            rule: "guest-ldtr-ti", breaks: ["guest.ldtr.ar": 0x82, "guest.ldtr.selector": 0x4c],
            holds: ["guest.ldtr.ar": 0x82, "guest.ldtr.selector": 0x48]),
        // Without unrestricted guest (secondary 0x22), SS selector 0x1b (RPL 3) against CS 0x10.
        RuleCase(
            rule: "guest-ss-rpl-cs-rpl", breaks: ["ctrl.proc_based2": 0x22, "guest.ss.selector": 0x1b], holds: ["ctrl.proc_based2": 0x22]),
        // DS selector 0x40 × 16 = 0x400, not 0x410.
        RuleCase(rule: "guest-v86-bases", breaks: with(v86, ["guest.ds.base": 0x410]), holds: v86),
        // Bit 57: bits 63:56 are not all equal, not canonical for 57 bits.
        RuleCase(rule: "guest-tr-fs-gs-base-canonical", breaks: ["guest.fs.base": 0x0200_0000_0000_0000], holds: [:]),
        RuleCase(
            rule: "guest-ldtr-base-canonical", breaks: ["guest.ldtr.ar": 0x82, "guest.ldtr.base": 0x8000_0000_0000_0000],
            holds: ["guest.ldtr.ar": 0x82, "guest.ldtr.base": 0xffff_fe00_0000_4000]),
        RuleCase(rule: "guest-cs-base-upper", breaks: ["guest.cs.base": 0x1_0000_0000], holds: [:]),
        RuleCase(
            rule: "guest-ss-ds-es-base-upper", breaks: ["guest.ds.ar": 0xc093, "guest.ds.base": 0x1_0000_0000],
            holds: ["guest.ds.ar": 0xc093, "guest.ds.base": 0x1000]),
        RuleCase(rule: "guest-v86-limits", breaks: with(v86, ["guest.gs.limit": 0xf_ffff]), holds: v86),
        // 0xf1: type 1 (read-only) instead of 3.
        RuleCase(rule: "guest-v86-access-rights", breaks: with(v86, ["guest.es.ar": 0xf1]), holds: v86),
        // CS 0xa09a: type 10, code not accessed; 0xa093 (type 3) is allowed for an unrestricted guest.
        RuleCase(rule: "guest-cs-type", breaks: ["guest.cs.ar": 0xa09a], holds: ["guest.cs.ar": 0xa093]),
        RuleCase(rule: "guest-cs-type", breaks: ["ctrl.proc_based2": 0x22, "guest.cs.ar": 0xa093], holds: ["ctrl.proc_based2": 0x22]),
        // SS type 1 (read-only); type 7 (expand-down read/write accessed) is allowed.
        RuleCase(rule: "guest-ss-type", breaks: ["guest.ss.ar": 0xc091], holds: ["guest.ss.ar": 0xc097]),
        // A usable DS of code type 10 (not accessed), or 9 (execute-only); type 11 is readable.
        RuleCase(rule: "guest-data-segment-type", breaks: ["guest.ds.ar": 0xc09a], holds: ["guest.ds.ar": 0xc09b]),
        RuleCase(rule: "guest-data-segment-type", breaks: ["guest.ds.ar": 0xc099], holds: ["guest.ds.ar": 0xc093]),
        // ES 0xc093 without S (bit 4) is 0xc083.
        RuleCase(rule: "guest-segment-s", breaks: ["guest.es.ar": 0xc083], holds: ["guest.es.ar": 0xc093]),
        // CS type 3 with DPL 1 (0xa0b3).
        RuleCase(rule: "guest-cs-dpl-type3", breaks: ["guest.cs.ar": 0xa0b3], holds: ["guest.cs.ar": 0xa093]),
        // Non-conforming CS (type 11) at DPL 3 (0xa0fb), SS at 0.
        RuleCase(rule: "guest-cs-dpl-nonconforming", breaks: ["guest.cs.ar": 0xa0fb], holds: [:]),
        // Conforming CS (type 15) at DPL 3 (0xa0ff) above SS's 0; at DPL 0 (0xa09f) it is not.
        RuleCase(rule: "guest-cs-dpl-conforming", breaks: ["guest.cs.ar": 0xa0ff], holds: ["guest.cs.ar": 0xa09f]),
        RuleCase(rule: "guest-ss-dpl-rpl", breaks: ["ctrl.proc_based2": 0x22, "guest.ss.ar": 0xc0f3], holds: ["ctrl.proc_based2": 0x22]),
        // CS type 3 (0xa093) with SS.DPL 3 (0xc0f3).
        RuleCase(rule: "guest-ss-dpl-real-mode", breaks: ["guest.cs.ar": 0xa093, "guest.ss.ar": 0xc0f3], holds: ["guest.cs.ar": 0xa093]),
        // DS selector 0x2b (RPL 3) with DPL 0 (0xc093) or DPL 3 (0xc0f3), no unrestricted guest.
        RuleCase(
            rule: "guest-data-segment-dpl", breaks: ["ctrl.proc_based2": 0x22, "guest.ds.ar": 0xc093, "guest.ds.selector": 0x2b],
            holds: ["ctrl.proc_based2": 0x22, "guest.ds.ar": 0xc0f3, "guest.ds.selector": 0x2b]),
        // GS 0xc093 without P (bit 7) is 0xc013.
        RuleCase(rule: "guest-segment-present", breaks: ["guest.gs.ar": 0xc013], holds: ["guest.gs.ar": 0xc093]),
        // CS with bit 8 (reserved 11:8): 0xa19b.
        RuleCase(rule: "guest-segment-reserved", breaks: ["guest.cs.ar": 0xa19b], holds: [:]),
        // 27.3.1.2 checks CS "if the register is CS or if the register is usable": with bit 16
        // set (unusable), 0x1_a09a still has type 10 (not accessed) and 0x1_a19b reserved bit 8;
        // 0x1_a09b (type 11, bits 11:8 clear) passes both.
        RuleCase(rule: "guest-cs-type", breaks: ["guest.cs.ar": 0x1_a09a], holds: ["guest.cs.ar": 0x1_a09b]),
        RuleCase(rule: "guest-segment-reserved", breaks: ["guest.cs.ar": 0x1_a19b], holds: ["guest.cs.ar": 0x1_a09b]),
        // L (13) and D/B (14) together: 0xe09b.
        RuleCase(rule: "guest-cs-long-mode-db", breaks: ["guest.cs.ar": 0xe09b], holds: [:]),
        // G = 1 with limit 0xffff0000 (bits 11:0 zero).
        RuleCase(rule: "guest-segment-granularity", breaks: ["guest.cs.limit": 0xffff_0000], holds: [:]),
        // TR type 9 (available) instead of 11 (busy).
        RuleCase(rule: "guest-tr-type", breaks: ["guest.tr.ar": 0x89], holds: [:]),
        RuleCase(rule: "guest-tr-s", breaks: ["guest.tr.ar": 0x9b], holds: [:]),
        RuleCase(rule: "guest-tr-present", breaks: ["guest.tr.ar": 0x0b], holds: [:]),
        RuleCase(rule: "guest-tr-reserved", breaks: ["guest.tr.ar": 0x2_008b], holds: [:]),
        // G = 0 with limit 0x100067 (bit 20 set).
        RuleCase(rule: "guest-tr-granularity", breaks: ["guest.tr.limit": 0x10_0067], holds: [:]),
        RuleCase(rule: "guest-tr-usable", breaks: ["guest.tr.ar": 0x1_008b], holds: [:]),
        // "use TSC scaling" is secondary bit 25: 0x200_0000; with primary bit 31 (activate
        // secondary) set in the base state. Multiplier 0 stops the TSC; 0x1_0000_0000_0000 is 1.0
        // (the multiplier is a 16.48 fixed-point ratio, SDM 25.6.5).
        RuleCase(
            rule: "ctrl-tsc-multiplier-zero", breaks: ["ctrl.proc_based2": 0x200_0000, "ctrl.tsc_multiplier": 0],
            holds: ["ctrl.proc_based2": 0x200_0000, "ctrl.tsc_multiplier": 0x1_0000_0000_0000]),
        // In SMM (ENTRY_FROM_SMM = 1) with "entry to SMM" (entry bit 10) 0, as in 0xd3ff: a link
        // pointer 0x5000 equal to the executive-VMCS pointer breaks; 0x6000 differs.
        RuleCase(
            rule: "guest-vmcs-link-not-executive", breaks: ["guest.vmcs_link_pointer": 0x5000, "ctrl.executive_vmcs_pointer": 0x5000],
            holds: ["guest.vmcs_link_pointer": 0x5000, "ctrl.executive_vmcs_pointer": 0x6000], breakProfile: caps.with(smm: true),
            holdProfile: caps.with(smm: true)),
        // 27.3.1.2 checks TR's sub-fields separately, unusable or not: 0x1_0083 is unusable (bit 16)
        // with type 3, a 16-bit TSS, in the base state's IA-32e mode guest; 0x1_008b has type 11.
        RuleCase(rule: "guest-tr-type", breaks: ["guest.tr.ar": 0x1_0083], holds: ["guest.tr.ar": 0x1_008b]),
        // 0x1_028b: unusable, and reserved bit 9 set; 0x1_008b has none of 11:8 or 31:17.
        RuleCase(rule: "guest-tr-reserved", breaks: ["guest.tr.ar": 0x1_028b], holds: ["guest.tr.ar": 0x1_008b]),
        RuleCase(rule: "guest-ldtr-type", breaks: ["guest.ldtr.ar": 0x83], holds: ["guest.ldtr.ar": 0x82]),
        RuleCase(rule: "guest-ldtr-s", breaks: ["guest.ldtr.ar": 0x92], holds: ["guest.ldtr.ar": 0x82]),
        RuleCase(rule: "guest-ldtr-present", breaks: ["guest.ldtr.ar": 0x02], holds: ["guest.ldtr.ar": 0x82]),
        RuleCase(rule: "guest-ldtr-reserved", breaks: ["guest.ldtr.ar": 0x482], holds: ["guest.ldtr.ar": 0x82]),
        // G = 1 (0x8082) with limit 0x1000: bits 11:0 zero.
        RuleCase(
            rule: "guest-ldtr-granularity", breaks: ["guest.ldtr.ar": 0x8082, "guest.ldtr.limit": 0x1000],
            holds: ["guest.ldtr.ar": 0x82, "guest.ldtr.limit": 0xffff]),
        // MARK: 27.3.1.3
        RuleCase(rule: "guest-gdtr-idtr-base-canonical", breaks: ["guest.gdtr.base": 0x0400_0000_0000_0000], holds: [:]),
        RuleCase(rule: "guest-gdtr-idtr-limit", breaks: ["guest.idtr.limit": 0x1_0000], holds: ["guest.idtr.limit": 0xffff]),
        // MARK: 27.3.1.4
        RuleCase(
            rule: "guest-rip-upper", breaks: ["ctrl.entry": 0xd1ff, "guest.ia32_efer": 1, "guest.rip": 0x1_0000_0000],
            holds: ["ctrl.entry": 0xd1ff, "guest.ia32_efer": 1, "guest.rip": 0xffff_f000]),
        // Bit 47 alone: canonical for 57 bits, not for 48.
        RuleCase(
            rule: "guest-rip-canonical", breaks: ["guest.rip": 0x0000_8000_0000_0000], holds: [:], breakProfile: H.cpu(linear: 48),
            holdProfile: H.cpu(linear: 48)),
        RuleCase(rule: "guest-rflags-reserved", breaks: ["guest.rflags": 0x20a], holds: [:]),
        RuleCase(rule: "guest-rflags-vm", breaks: ["guest.rflags": 0x2_0202], holds: v86),
        RuleCase(
            rule: "guest-rflags-if-injection", breaks: ["ctrl.entry_intr_info": 0x8000_0030, "guest.rflags": 0x2],
            holds: ["ctrl.entry_intr_info": 0x8000_0030]),
        RuleCase(
            rule: "guest-ssp-alignment", breaks: with(guestCET, ["guest.ssp": 0xffff_c900_0000_1001]),
            holds: with(guestCET, ["guest.ssp": 0xffff_c900_0000_1008])),
        // Bits 63:N identical: bit 63 alone breaks it for any width; bit 47 alone (not canonical
        // with 48 bits) keeps it, as bits 63:32 set outside IA-32e mode do.
        RuleCase(
            rule: "guest-ssp-upper", breaks: with(guestCET, ["guest.ssp": 0x8000_0000_0000_1000]),
            holds: with(guestCET, ["guest.ssp": 0x0000_8000_0000_1000])),
        RuleCase(
            rule: "guest-ssp-upper", breaks: ["ctrl.entry": 0x10_d1ff, "guest.ia32_efer": 1, "guest.ssp": 0x4000_0000_0000_1000],
            holds: ["ctrl.entry": 0x10_d1ff, "guest.ia32_efer": 1, "guest.ssp": 0x1_0000_1000]),
        // Bit 55 alone: bits 63:48 differ, 63:57 do not; the linear-address width decides.
        RuleCase(
            rule: "guest-ssp-upper", breaks: with(guestCET, ["guest.ssp": 0x0080_0000_0000_1000]),
            holds: with(guestCET, ["guest.ssp": 0x0080_0000_0000_1000]), breakProfile: H.cpu(linear: 48), holdProfile: H.cpu(linear: 57)),
        RuleCase(
            rule: "guest-ssp-early-cet", breaks: ["ctrl.entry": 0x10_d1ff, "guest.ia32_efer": 1, "guest.ssp": 0x1_0000_1000],
            holds: ["ctrl.entry": 0x10_d1ff, "guest.ia32_efer": 1, "guest.ssp": 0x1000]),
        RuleCase(
            rule: "guest-ssp-early-cet", breaks: with(guestCET, ["guest.ssp": 0x0000_8000_0000_1000]),
            holds: with(guestCET, ["guest.ssp": 0xffff_c900_0000_1008]), breakProfile: H.cpu(linear: 48)),
        // MARK: 27.3.1.5
        RuleCase(rule: "guest-activity-state-range", breaks: ["guest.activity_state": 4], holds: ["guest.activity_state": 1]),
        // Shutdown (2) where IA32_VMX_MISC lacks bit 7: 0x401c0 − 0x80 = 0x40140.
        RuleCase(
            rule: "guest-activity-state-supported", breaks: ["guest.activity_state": 2], holds: ["guest.activity_state": 2],
            breakProfile: caps.with(msr: 0x485, 0x4_0140), holdProfile: caps),
        RuleCase(rule: "guest-hlt-ss-dpl", breaks: ["guest.activity_state": 1, "guest.ss.ar": 0xc0f3], holds: ["guest.activity_state": 1]),
        RuleCase(
            rule: "guest-inactive-no-sti-movss", breaks: ["guest.activity_state": 1, "guest.interruptibility": 2],
            holds: ["guest.activity_state": 1]),
        // HLT takes #MC (type 3, vector 18: 0x80000312) but not #GP with its error code.
        RuleCase(
            rule: "guest-activity-injection", breaks: ["guest.activity_state": 1, "ctrl.entry_intr_info": 0x8000_0b0d],
            holds: ["guest.activity_state": 1, "ctrl.entry_intr_info": 0x8000_0312]),
        RuleCase(
            rule: "guest-activity-sipi-smm", breaks: ["ctrl.entry": 0xd7ff, "guest.activity_state": 3], holds: ["ctrl.entry": 0xd7ff]),
        RuleCase(rule: "guest-interruptibility-reserved", breaks: ["guest.interruptibility": 0x20], holds: ["guest.interruptibility": 1]),
        RuleCase(rule: "guest-sti-and-movss", breaks: ["guest.interruptibility": 3], holds: ["guest.interruptibility": 1]),
        RuleCase(
            rule: "guest-sti-requires-if", breaks: ["guest.interruptibility": 1, "guest.rflags": 0x2], holds: ["guest.interruptibility": 1]),
        RuleCase(
            rule: "guest-external-interrupt-blocking", breaks: ["ctrl.entry_intr_info": 0x8000_0030, "guest.interruptibility": 1],
            holds: ["ctrl.entry_intr_info": 0x8000_0030]),
        RuleCase(
            rule: "guest-nmi-injection-movss", breaks: ["ctrl.entry_intr_info": 0x8000_0202, "guest.interruptibility": 2],
            holds: ["ctrl.entry_intr_info": 0x8000_0202]),
        RuleCase(
            rule: "guest-nmi-injection-sti", breaks: ["ctrl.entry_intr_info": 0x8000_0202, "guest.interruptibility": 1],
            holds: ["ctrl.entry_intr_info": 0x8000_0202]),
        RuleCase(
            rule: "guest-smi-blocking-outside-smm", breaks: ["guest.interruptibility": 4], holds: ["guest.interruptibility": 4],
            breakProfile: caps.with(smm: false), holdProfile: caps.with(smm: true)),
        RuleCase(
            rule: "guest-smi-blocking-entry-to-smm", breaks: ["ctrl.entry": 0xd7ff],
            holds: ["ctrl.entry": 0xd7ff, "guest.interruptibility": 4]),
        RuleCase(
            rule: "guest-nmi-blocking-virtual-nmi", breaks: ["ctrl.entry_intr_info": 0x8000_0202, "guest.interruptibility": 8],
            holds: ["ctrl.entry_intr_info": 0x8000_0202]),
        // Enclave interruption (bit 4) where CPUID.(EAX=07H,ECX=0):EBX[2] is 0: 0x804 − 4 = 0x800.
        RuleCase(
            rule: "guest-enclave-interruption-sgx", breaks: ["guest.interruptibility": 0x10], holds: ["guest.interruptibility": 0x10],
            breakProfile: caps.with(cpuid: CPUIDRegister(leaf: 7, subleaf: 0, .ebx), 0x800), holdProfile: caps),
        RuleCase(
            rule: "guest-enclave-interruption-movss", breaks: ["guest.interruptibility": 0x12], holds: ["guest.interruptibility": 0x10]),
        // CPL 3 (SS 0xc0f3, CS 0xa0fb) under FRED with blocking by STI.
        RuleCase(
            rule: "guest-fred-sti-user",
            breaks: ["guest.cr4": fred, "guest.ss.ar": 0xc0f3, "guest.cs.ar": 0xa0fb, "guest.interruptibility": 1],
            holds: ["guest.cr4": fred, "guest.ss.ar": 0xc0f3, "guest.cs.ar": 0xa0fb]),
        // Bit 4 is in reserved 10:4; B0 (bit 0) is defined.
        RuleCase(
            rule: "guest-pending-debug-reserved", breaks: ["guest.pending_dbg_exceptions": 0x10],
            holds: ["guest.pending_dbg_exceptions": 0x1]),
        // MOV-SS blocking, RFLAGS 0x302 (TF, IF), BTF 0: BS (0x4000) must be set.
        RuleCase(
            rule: "guest-pending-bs-set", breaks: ["guest.interruptibility": 2, "guest.rflags": 0x302],
            holds: ["guest.interruptibility": 2, "guest.rflags": 0x302, "guest.pending_dbg_exceptions": 0x4000]),
        // MOV-SS blocking, TF clear: BS must be clear.
        RuleCase(
            rule: "guest-pending-bs-clear", breaks: ["guest.interruptibility": 2, "guest.pending_dbg_exceptions": 0x4000],
            holds: ["guest.interruptibility": 2]),
        // RTM (bit 16) without bit 12: 0x10000; with it: 0x11000.
        RuleCase(
            rule: "guest-pending-rtm-bits", breaks: ["guest.pending_dbg_exceptions": 0x1_0000],
            holds: ["guest.pending_dbg_exceptions": 0x1_1000]),
        // CPUID.(EAX=07H,ECX=0):EBX[11] clear: 0x804 − 0x800 = 0x4.
        RuleCase(
            rule: "guest-pending-rtm-support", breaks: ["guest.pending_dbg_exceptions": 0x1_1000],
            holds: ["guest.pending_dbg_exceptions": 0x1_1000],
            breakProfile: caps.with(cpuid: CPUIDRegister(leaf: 7, subleaf: 0, .ebx), 0x4), holdProfile: caps),
        RuleCase(
            rule: "guest-pending-rtm-movss", breaks: ["guest.pending_dbg_exceptions": 0x1_1000, "guest.interruptibility": 2],
            holds: ["guest.pending_dbg_exceptions": 0x1_1000]),
        RuleCase(
            rule: "guest-vmcs-link-alignment", breaks: ["guest.vmcs_link_pointer": 0x1234], holds: ["guest.vmcs_link_pointer": 0x5000]),
        RuleCase(
            rule: "guest-vmcs-link-width", breaks: ["guest.vmcs_link_pointer": 0x10_0000_0000_0000],
            holds: ["guest.vmcs_link_pointer": 0x5000]),
        // Load UINV is entry bit 19 (0x8d3ff); 0x1ec sets bit 8.
        RuleCase(
            rule: "guest-uinv", breaks: ["ctrl.entry": 0x8_d3ff, "guest.uinv": 0x1ec], holds: ["ctrl.entry": 0x8_d3ff, "guest.uinv": 0xec]),
        // MARK: 27.3.1.6
        // PAE paging with EPT: PDPTE0 0x123456003 is present with bit 1 (reserved 2:1) set.
        RuleCase(
            rule: "guest-pdpte-reserved",
            breaks: with(pae, ["guest.pdptr0": 0x1_2345_6003, "guest.pdptr1": 0, "guest.pdptr2": 0, "guest.pdptr3": 0]),
            holds: with(pae, ["guest.pdptr0": 0x1_2345_6001, "guest.pdptr1": 0, "guest.pdptr2": 0, "guest.pdptr3": 0])),
        // MARK: 27.4, from the MSR a producer recorded beside exit reason 34
        RuleCase(
            rule: "msr-load-x2apic", breaks: ["ctrl.entry_msr_load_count": 1], holds: ["ctrl.entry_msr_load_count": 1],
            breakFailure: H.msrLoadFailure(0x808), holdFailure: H.msrLoadFailure(0x10)),
        RuleCase(
            rule: "msr-load-smm-only", breaks: ["ctrl.entry_msr_load_count": 1],
            holds: ["ctrl.entry_msr_load_count": 1, "ctrl.entry": 0xd7ff],
            breakFailure: H.msrLoadFailure(0x9e), holdFailure: H.msrLoadFailure(0x9e)),
        RuleCase(
            rule: "msr-load-fs-gs-base", breaks: ["ctrl.entry_msr_load_count": 1], holds: ["ctrl.entry_msr_load_count": 1],
            breakFailure: H.msrLoadFailure(0xc000_0100, value: 0x0100_0000_0000_0000),
            holdFailure: H.msrLoadFailure(0xc000_0100, value: 0x7f00_0000_0000)),
        RuleCase(
            rule: "msr-load-microcode-trigger", breaks: ["ctrl.entry_msr_load_count": 1], holds: ["ctrl.entry_msr_load_count": 1],
            breakFailure: H.msrLoadFailure(0x79), holdFailure: H.msrLoadFailure(0x10)),
        // The generic reserved-bit warning: CR0 bit 7 is in the architecturally reserved 15:6.
        RuleCase(rule: "reserved-bits", breaks: ["guest.cr0": 0x8005_00b3], holds: [:]),
    ]

    /// Rules that need memory no dump holds.
    static let undecidable: [UndecidableCase] = [
        UndecidableCase(
            rule: "ctrl-tpr-threshold-vtpr", unknown: ["ctrl.proc_based": 0x8420_6172, "ctrl.tpr_threshold": 3],
            holds: ["ctrl.proc_based": 0x8420_6172, "ctrl.tpr_threshold": 0], needs: "VTPR"),
        UndecidableCase(rule: "guest-vmcs-link-revision", unknown: ["guest.vmcs_link_pointer": 0x5000], holds: [:], needs: "link pointer"),
        // Outside SMM (the test profile's ENTRY_FROM_SMM = 0) the link pointer must not be the
        // current VMCS, which no dump records.
        UndecidableCase(
            rule: "guest-vmcs-link-not-current", unknown: ["guest.vmcs_link_pointer": 0x5000], holds: [:], needs: "current-VMCS",
            profile: caps),
        UndecidableCase(
            rule: "guest-pdpte-memory", unknown: with(pae, ["ctrl.proc_based2": 0x20]), holds: [:], needs: "PDPTEs at CR3"),
        UndecidableCase(
            rule: "smm-executive-vmcs-revision", unknown: ["ctrl.executive_vmcs_pointer": 0x2000],
            holds: ["ctrl.executive_vmcs_pointer": 0x2000, "ctrl.entry": 0xd7ff], needs: "executive VMCS",
            profile: caps.with(smm: true)),
        UndecidableCase(
            rule: "guest-rtit-ctl-reserved", unknown: ["ctrl.entry": 0x4_d3ff, "guest.ia32_rtit_ctl": 1],
            holds: ["ctrl.entry": 0x4_d3ff, "guest.ia32_rtit_ctl": 0], needs: "CPUID.(EAX=14H"),
        UndecidableCase(
            rule: "msr-load-x2apic", unknown: ["ctrl.entry_msr_load_count": 1], holds: ["ctrl.entry_msr_load_count": 0],
            needs: "MSR-load area"),
        // Whether WRMSR faults is the processor's own; with an entry to load and none recorded, the
        // area is what is missing first; with no entries (count 0) nothing is loaded and the rule holds.
        UndecidableCase(
            rule: "msr-load-wrmsr-faults", unknown: ["ctrl.entry_msr_load_count": 1], holds: ["ctrl.entry_msr_load_count": 0],
            needs: "MSR-load area"),
    ]

    @Test(arguments: cases)
    func ruleBreaksAndHolds(_ item: RuleCase) throws {
        let broken = H.report(.vmx, Self.base.merging(item.breaks) { $1 }, profile: item.breakProfile, failure: item.breakFailure)
        let brokenVerdict = try #require(H.result(broken, item.rule), "no rule \(item.rule)").verdict
        #expect(brokenVerdict.isBroken, "\(item.rule) should be broken by \(item.breaks), is \(H.verdictName(brokenVerdict))")
        let kept = H.report(.vmx, Self.base.merging(item.holds) { $1 }, profile: item.holdProfile, failure: item.holdFailure)
        let keptResult = try #require(H.result(kept, item.rule))
        #expect(
            H.verdictName(keptResult.verdict) == "holds",
            "\(item.rule) should hold with \(item.holds), is \(H.verdictName(keptResult.verdict)) \(keptResult.missing) \(kept.findings.filter { $0.check == item.rule }.map(\.message))"
        )
    }

    @Test(arguments: undecidable)
    func ruleNeedsMemory(_ item: UndecidableCase) throws {
        let report = H.report(.vmx, Self.base.merging(item.unknown) { $1 }, profile: item.profile)
        let result = try #require(H.result(report, item.rule))
        #expect(H.verdictName(result.verdict) == "unknown")
        #expect(result.missing.contains { $0.description.contains(item.needs) }, "\(result.missing)")
        let kept = H.report(.vmx, Self.base.merging(item.holds) { $1 }, profile: item.profile)
        #expect(H.verdictName(H.result(kept, item.rule)?.verdict) == "holds")
    }

    /// The base state with the test profile keeps every VMX rule: no rule is broken or undecided.
    @Test func baseStateKeepsEveryRule() {
        let report = H.report(.vmx, Self.base, profile: Self.caps)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.unknown.isEmpty, "\(report.unknown.map { "\($0.check.id): \($0.missing)" })")
    }

    /// Without a profile, only rules that need a capability are undecided, and each names one.
    @Test func withoutAProfileOnlyCapabilityRulesAreUndecided() {
        let report = H.report(.vmx, Self.base)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        for result in report.unknown {
            #expect(!result.check.needs.isEmpty, "\(result.check.id) is undecided but needs no capability")
            #expect(
                result.missing.allSatisfy { if case .capability = $0 { return true } else { return false } },
                "\(result.check.id): \(result.missing.map(\.description))")
        }
    }

    /// Every VMX rule has a case that breaks it and one where it holds, or is a memory rule.
    @Test func everyRuleHasCases() {
        let covered = Set(Self.cases.map(\.rule) + Self.undecidable.map(\.rule))
        let rules = Checker.rules(for: .vmx).map(\.id)
        #expect(rules.filter { !covered.contains($0) } == [])
    }
}
