import Testing

@testable import VMCSInspect

/// Every VMRUN rule against a state that breaks it and one under which it holds, worked out by
/// hand from APM Vol. 2 (24593 rev 3.42) sections 15.5.1 and 15.20 and the feature sections.
@Suite struct SVMRuleTests {
    typealias H = RuleHarness

    /// A 64-bit guest a VMCB would run: EFER 0x1d01 = SCE LME LMA NXE SVME; CR0 0x80050033;
    /// CR4 0x6a0 = PAE PGE OSFXSR OSXMMEXCPT; DR6 0xffff0ff0 and DR7 0x400 (their reset values);
    /// CS attributes 0x29b = type 11, S, P, L (the VMCB's packed form); the VMRUN intercept
    /// (word 4, bit 0); ASID 1; the permission maps below 2^36, within every physical-address
    /// width; G_PAT Linux's 0x0007040600070406.
    static let base: [String: UInt64] = [
        "save.efer": 0x1d01, "save.cr0": 0x8005_0033, "save.cr3": 0x1000, "save.cr4": 0x6a0, "save.dr6": 0xffff_0ff0, "save.dr7": 0x400,
        "save.rflags": 0x2, "save.cs.attrib": 0x29b, "save.s_cet": 0, "save.g_pat": 0x0007_0406_0007_0406,
        "control.intercept_word3": 0, "control.intercept_word4": 0x1, "control.asid": 1, "control.event_inj": 0,
        "control.msrpm_base_pa": 0x1234_5000, "control.iopm_base_pa": 0x1234_8000, "control.nested_ctl": 0, "control.nested_cr3": 0x1_0000,
        "control.int_ctl": 0, "control.avic_backing_page": 0, "control.avic_logical_id": 0, "control.avic_physical_id": 0,
    ]

    /// Test data, not any real processor's: MAXPHYADDR 48; long mode (CPUID.80000001H:EDX[29]);
    /// SVM features nested paging (0), AVIC (13), vGIF (16), vNMI (25): 0x02012001.
    static let caps = H.cpu(
        cpuid: [CPUIDRegister(leaf: 0x8000_0001, .edx): 0x2000_0000, CPUIDRegister(leaf: 0x8000_000a, .edx): 0x0201_2001], maxphyaddr: 48)
    static func without(_ register: CPUIDRegister) -> CapabilityProfile { caps.with(cpuid: register, 0) }
    static let features = CPUIDRegister(leaf: 0x8000_000a, .edx)

    static let cases: [RuleCase] = [
        RuleCase(rule: "svm-efer-svme", breaks: ["save.efer": 0xd01], holds: [:]),
        // NW (29) without CD (30): 0xa0050033; with both: 0xe0050033.
        RuleCase(rule: "svm-cr0-cd-nw", breaks: ["save.cr0": 0xa005_0033], holds: ["save.cr0": 0xe005_0033]),
        RuleCase(rule: "svm-cr0-reserved", breaks: ["save.cr0": 0x1_8005_0033], holds: [:]),
        RuleCase(rule: "svm-cr3-reserved", breaks: ["save.cr3": 0x0010_0000_0000_1000], holds: [:]),
        // Bit 48 at MAXPHYADDR 48; 0xfffffffff000 uses bits 47:12.
        RuleCase(rule: "svm-cr3-width", breaks: ["save.cr3": 0x1_0000_0000_1000], holds: ["save.cr3": 0xffff_ffff_f000], breakProfile: caps, holdProfile: caps),
        // Bit 15 (0x86a0), and Intel's VMXE (bit 13: 0x26a0), are must-be-zero on AMD.
        RuleCase(rule: "svm-cr4-reserved", breaks: ["save.cr4": 0x86a0], holds: [:]),
        RuleCase(rule: "svm-cr4-reserved", breaks: ["save.cr4": 0x26a0], holds: ["save.cr4": 0x1006a0]),
        RuleCase(rule: "svm-dr6-reserved", breaks: ["save.dr6": 0x1_ffff_0ff0], holds: [:]),
        RuleCase(rule: "svm-dr7-reserved", breaks: ["save.dr7": 0x1_0000_0400], holds: [:]),
        // Bit 9 (0x1d01 | 0x200 = 0x1f01), must be zero.
        RuleCase(rule: "svm-efer-reserved", breaks: ["save.efer": 0x1f01], holds: [:]),
        RuleCase(rule: "svm-efer-reserved", breaks: ["save.efer": 0x40_1d01], holds: ["save.efer": 0x2_1d01]),
        RuleCase(
            rule: "svm-long-mode-supported", breaks: [:], holds: [:], breakProfile: without(CPUIDRegister(leaf: 0x8000_0001, .edx)),
            holdProfile: caps),
        // 0x6a0 without PAE (bit 5) is 0x680.
        RuleCase(rule: "svm-long-mode-pae", breaks: ["save.cr4": 0x680], holds: [:]),
        RuleCase(rule: "svm-long-mode-pe", breaks: ["save.cr0": 0x8005_0032], holds: [:]),
        // L (9) and D (10): 0x69b.
        RuleCase(rule: "svm-long-mode-cs", breaks: ["save.cs.attrib": 0x69b], holds: [:]),
        RuleCase(rule: "svm-vmrun-intercept", breaks: ["control.intercept_word4": 0], holds: [:]),
        // The 8 KiB map at 0xffffffffe000 ends at 0xffffffffffff = 2^48 − 1, the maximum physical
        // address at MAXPHYADDR 48; at 0xffffffffd000 it ends at 0xffffffffefff.
        RuleCase(
            rule: "svm-msrpm-range", breaks: ["control.msrpm_base_pa": 0xffff_ffff_e000], holds: ["control.msrpm_base_pa": 0xffff_ffff_d000],
            breakProfile: caps, holdProfile: caps),
        // Without a profile: at 0xffffffffff000 (bits 51:12) the map ends past 2^52 − 1.
        RuleCase(rule: "svm-msrpm-range", breaks: ["control.msrpm_base_pa": 0xf_ffff_ffff_f000], holds: [:]),
        // The IOPM's last byte is base + 0x2000: at 0xffffffffe000 that is 2^48; at 0xffffffffc000,
        // 0xffffffffe000; bits 11:0 of the base are ignored (0xffffffffc123).
        RuleCase(
            rule: "svm-iopm-range", breaks: ["control.iopm_base_pa": 0xffff_ffff_e000], holds: ["control.iopm_base_pa": 0xffff_ffff_c123],
            breakProfile: caps, holdProfile: caps),
        RuleCase(rule: "svm-asid-nonzero", breaks: ["control.asid": 0], holds: [:]),
        // CET is CR4 bit 23 (0x8006a0); 0x80050033 without WP (16) is 0x80040033.
        RuleCase(rule: "svm-cet-requires-wp", breaks: ["save.cr4": 0x80_06a0, "save.cr0": 0x8004_0033], holds: ["save.cr4": 0x80_06a0]),
        // An SEV-ES guest (nested_ctl bit 2) in virtual-8086 mode (RFLAGS.VM, bit 17) with CR4.CET
        // and U_CET.SH_STK_EN.
        RuleCase(
            rule: "svm-u-cet-v86", breaks: ["control.nested_ctl": 0x4, "save.cr4": 0x80_06a0, "save.rflags": 0x2_0002, "save.u_cet": 0x1],
            holds: ["control.nested_ctl": 0x4, "save.cr4": 0x80_06a0, "save.rflags": 0x2_0002, "save.u_cet": 0]),
        // S_CET bit 7 is in reserved 9:6.
        RuleCase(rule: "svm-s-cet-reserved", breaks: ["save.s_cet": 0x80], holds: ["save.s_cet": 0x1]),
        // EVENTINJ: vector 7:0, type 10:8, EV 11, V 31.
        RuleCase(rule: "svm-event-type", breaks: ["control.event_inj": 0x8000_0130], holds: ["control.event_inj": 0x8000_0030]),
        RuleCase(rule: "svm-event-type", breaks: ["control.event_inj": 0x8000_0530], holds: ["control.event_inj": 0x8000_0480]),
        RuleCase(rule: "svm-event-exception-nmi-vector", breaks: ["control.event_inj": 0x8000_0302], holds: ["control.event_inj": 0x8000_0b0e]),
        // Vector 31 (0x1f) is the last exception vector; 32 is past it.
        RuleCase(rule: "svm-event-exception-vector", breaks: ["control.event_inj": 0x8000_0320], holds: ["control.event_inj": 0x8000_031f]),
        // Bit 12 of EVENTINJ, in reserved 30:12.
        RuleCase(rule: "svm-event-reserved", breaks: ["control.event_inj": 0x8000_1030], holds: ["control.event_inj": 0x8000_0030]),
        // #BR (5) into 64-bit mode; CS 0x49b (D, no L) is compatibility mode, where BOUND exists.
        RuleCase(
            rule: "svm-event-impossible-in-64bit", breaks: ["control.event_inj": 0x8000_0305],
            holds: ["control.event_inj": 0x8000_0305, "save.cs.attrib": 0x49b]),
        RuleCase(
            rule: "svm-nested-paging-supported", breaks: ["control.nested_ctl": 1], holds: ["control.nested_ctl": 1], breakProfile: without(features),
            holdProfile: caps),
        RuleCase(
            rule: "svm-ncr3-width", breaks: ["control.nested_ctl": 1, "control.nested_cr3": 0x1_0000_0000_0000],
            holds: ["control.nested_ctl": 1, "control.nested_cr3": 0xffff_ffff_f000], breakProfile: caps, holdProfile: caps),
        RuleCase(rule: "svm-gpat", breaks: ["control.nested_ctl": 1, "save.g_pat": 0x0007_0406_0007_0402], holds: ["control.nested_ctl": 1]),
        // V_NMI_ENABLE is int_ctl bit 26; the NMI intercept is word 3 bit 1.
        RuleCase(
            rule: "svm-vnmi-supported", breaks: ["control.int_ctl": 0x400_0000, "control.intercept_word3": 0x2],
            holds: ["control.int_ctl": 0x400_0000, "control.intercept_word3": 0x2], breakProfile: without(features), holdProfile: caps),
        RuleCase(
            rule: "svm-vnmi-requires-nmi-intercept", breaks: ["control.int_ctl": 0x400_0000],
            holds: ["control.int_ctl": 0x400_0000, "control.intercept_word3": 0x2]),
        // V_GIF_ENABLE is int_ctl bit 25.
        RuleCase(
            rule: "svm-vgif-supported", breaks: ["control.int_ctl": 0x200_0000], holds: ["control.int_ctl": 0x200_0000], breakProfile: without(features),
            holdProfile: caps),
        // AVIC_ENABLE is int_ctl bit 31, X2AVIC_ENABLE bit 30.
        RuleCase(
            rule: "svm-avic-supported", breaks: ["control.int_ctl": 0x8000_0000], holds: ["control.int_ctl": 0x8000_0000], breakProfile: without(features),
            holdProfile: caps),
        RuleCase(rule: "svm-x2avic-requires-avic", breaks: ["control.int_ctl": 0x4000_0000], holds: ["control.int_ctl": 0xc000_0000]),
        RuleCase(
            rule: "svm-avic-addresses", breaks: ["control.int_ctl": 0x8000_0000, "control.avic_backing_page": 0x10_0000_0000_0000],
            holds: ["control.int_ctl": 0x8000_0000, "control.avic_backing_page": 0x1_0000]),
        // The generic warning: EFER bit 1 is in the read-as-zero range 7:1, which VMRUN does not check.
        RuleCase(rule: "reserved-bits", breaks: ["save.efer": 0x1d03], holds: [:]),
    ]

    @Test(arguments: cases)
    func ruleBreaksAndHolds(_ item: RuleCase) throws {
        let broken = H.report(.svm, Self.base.merging(item.breaks) { $1 }, profile: item.breakProfile)
        let brokenVerdict = try #require(H.result(broken, item.rule), "no rule \(item.rule)").verdict
        #expect(brokenVerdict.isBroken, "\(item.rule) should be broken by \(item.breaks), is \(H.verdictName(brokenVerdict))")
        let kept = H.report(.svm, Self.base.merging(item.holds) { $1 }, profile: item.holdProfile)
        let keptResult = try #require(H.result(kept, item.rule))
        #expect(
            H.verdictName(keptResult.verdict) == "holds",
            "\(item.rule) should hold with \(item.holds), is \(H.verdictName(keptResult.verdict)) \(keptResult.missing)")
    }

    @Test func baseStateKeepsEveryRule() {
        let report = H.report(.svm, Self.base, profile: Self.caps)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.unknown.isEmpty, "\(report.unknown.map { "\($0.check.id): \($0.missing)" })")
    }

    @Test func everyRuleHasCases() {
        let covered = Set(Self.cases.map(\.rule))
        #expect(Checker.rules(for: .svm).map(\.id).filter { !covered.contains($0) } == [])
    }

    /// The VMCBs the issue found VMRUN refusing, and check passing: a reserved low CR4 bit (15),
    /// a must-be-zero EFER bit (9), and permission maps ending beyond the physical-address width.
    @Test func refusedVMCBsAreFlagged() {
        let states: [([String: UInt64], String, CapabilityProfile)] = [
            (["save.cr4": 0x86a0], "svm-cr4-reserved", .empty),
            (["save.efer": 0x1f01], "svm-efer-reserved", .empty),
            (["control.msrpm_base_pa": 0xffff_ffff_f000], "svm-msrpm-range", Self.caps),
            (["control.iopm_base_pa": 0xffff_ffff_f000], "svm-iopm-range", Self.caps),
        ]
        for (change, rule, profile) in states {
            let report = H.report(.svm, Self.base.merging(change) { $1 }, profile: profile)
            #expect(report.findings.filter { $0.severity == .error }.map(\.check) == [rule], "\(change)")
        }
    }
}
