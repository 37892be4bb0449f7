import Foundation
import Testing

@testable import VMCSInspect

/// Each check on states worked out by hand from the manuals: a good 64-bit guest passes every
/// check, and each single change below breaks exactly the rule named beside it.
@Suite struct CheckTests {
    /// A 64-bit guest as KVM enters it (SDM Vol. 3 sections 25.6 to 25.8, 27.2, 27.3):
    /// pin-based 0x7f: external-interrupt and NMI exiting, virtual NMIs, the preemption timer and
    /// default1 bits 1, 2, 4; secondary 0xa2: enable EPT (1), VPID (5), unrestricted guest (7);
    /// EPTP 0x...05e: WB (6), page-walk length − 1 = 3 (bits 5:3), A/D (6); exit controls
    /// 0x3fefff: default1 bits, save debug controls, host address-space size (9), acknowledge
    /// interrupt (15), save/load PAT and EFER (18-21); a 64-bit host with selectors 0x10, 0x18, 0x40;
    /// entry controls: default1 bits 0-8 and 12, IA-32e mode guest (9), load debug controls (2),
    /// load PAT (14), load EFER (15) = 0xd3ff; CR0 PG|AM|WP|NE|ET|MP|PE = 0x80050033;
    /// CR4 PAE|PGE|OSFXSR|OSXMMEXCPT|VMXE = 0x26a0; EFER SCE|LME|LMA|NXE = 0xd01;
    /// CS: type 11, S, P, L, G = 0xa09b; SS: type 3, S, P, D/B, G = 0xc093; TR: busy 64-bit TSS
    /// (type 11), P = 0x8b; the data segments and LDTR unusable (bit 16).
    static let goodVMX: [String: UInt64] = [
        "ctrl.entry": 0xd3ff, "ctrl.proc_based": 0x8400_6172, "ctrl.proc_based2": 0xa2, "ctrl.pin_based": 0x7f, "ctrl.exit": 0x3f_efff,
        "ctrl.vpid": 1, "ctrl.ept_pointer": 0x1_2345_605e,
        "ctrl.entry_intr_info": 0, "ctrl.entry_exception_error_code": 0, "ctrl.entry_instruction_len": 0,
        "guest.cr0": 0x8005_0033, "guest.cr3": 0x1_2345_6000, "guest.cr4": 0x26a0, "guest.dr7": 0x400,
        "guest.ia32_efer": 0xd01, "guest.ia32_pat": 0x0007_0406_0007_0406, "guest.rflags": 0x202,
        "guest.cs.ar": 0xa09b, "guest.cs.limit": 0xffff_ffff, "guest.ss.ar": 0xc093, "guest.ss.limit": 0xffff_ffff,
        "guest.ds.ar": 0x1_c000, "guest.es.ar": 0x1_c000, "guest.fs.ar": 0x1_c000, "guest.gs.ar": 0x1_c000,
        "guest.tr.ar": 0x8b, "guest.tr.limit": 0x67, "guest.tr.selector": 0x40,
        "guest.ldtr.ar": 0x1_0082, "guest.ldtr.selector": 0,
        "guest.activity_state": 0, "guest.interruptibility": 0, "guest.vmcs_link_pointer": ~0,
        "host.cs.selector": 0x10, "host.ss.selector": 0x18, "host.ds.selector": 0, "host.es.selector": 0, "host.fs.selector": 0,
        "host.gs.selector": 0, "host.tr.selector": 0x40, "host.cr4": 0x26a0, "host.rip": 0xffff_ffff_8100_0000, "host.ia32_efer": 0xd01,
        "host.ia32_pat": 0x0007_0406_0007_0406,
    ]

    /// A 64-bit guest a VMCB would run (APM Vol. 2 section 15.5.1): EFER SCE|LME|LMA|NXE|SVME =
    /// 0x1d01; CS attributes type 11, S, P, L = 0x29b (the VMCB's packed form); VMRUN intercept
    /// (word 4 bit 0); ASID 1.
    static let goodSVM: [String: UInt64] = [
        "save.efer": 0x1d01, "save.cr0": 0x8005_0033, "save.cr3": 0x1000, "save.cr4": 0x6a0,
        "save.dr6": 0xffff_0ff0, "save.dr7": 0x400, "save.cs.attrib": 0x29b,
        "control.intercept_word4": 0x1, "control.asid": 1, "control.event_inj": 0,
    ]

    static func report(_ architecture: Architecture, _ values: [String: UInt64]) -> CheckReport {
        var snapshot = Snapshot(architecture: architecture, source: "t", format: .fields, location: SourceLocation(file: "t"))
        snapshot.values = values.mapValues { .integer($0) }
        guard let decoded = Decoder.decode(snapshot) else { preconditionFailure("no catalog for \(architecture)") }
        return Checker.run(decoded)
    }

    @Test func goodStatesPassEveryCheck() {
        for (architecture, values) in [(Architecture.vmx, Self.goodVMX), (.svm, Self.goodSVM)] {
            let report = Self.report(architecture, values)
            #expect(report.findings.isEmpty, "\(report.findings)")
            #expect(report.skipped.isEmpty, "\(report.skipped.map(\.check))")
        }
    }

    /// One change each, and the checks that must report it (errors unless marked).
    static let vmxBreaks: [(change: [String: UInt64], expected: [String])] = [
        (["guest.cr0": 0x8000_0030], ["guest-cr0-pg-requires-pe"]),  // PG without PE
        (["guest.cr4": 0x2680], ["guest-ia32e-mode-paging"]),  // 64-bit guest without PAE
        // Not IA-32e mode, yet PCIDE set, and EFER.LMA and LME still say long mode.
        (["ctrl.entry": 0xd1ff, "guest.cr4": 0x2_26a0], ["guest-ia32e-mode-paging", "guest-efer-long-mode", "guest-efer-long-mode"]),
        (["guest.cr3": 0x8000_0000_1a02_f080], ["guest-cr3-reserved", "reserved-bits"]),  // bit 63, which the CR3 table marks too
        (["guest.dr7": 0x1_0000_0400], ["guest-dr7-upper", "reserved-bits"]),  // the DR7 table marks bits 63:32 too
        (["guest.ia32_pat": 0x0007_0406_0007_0402], ["guest-pat-memory-types"]),  // PA0 = 2
        (["guest.cs.limit": 0xffff_0000], ["guest-segment-granularity"]),  // G = 1, limit bits 11:0 clear
        (["guest.tr.limit": 0x10_0067], ["guest-segment-granularity"]),  // G = 0, limit above 0xfffff
        (["guest.ss.ar": 0xc091], ["guest-segment-types"]),  // SS type 1: read-only
        (["guest.ds.ar": 0xc09a], ["guest-segment-types"]),  // DS code type 10 not accessed
        (["guest.cs.ar": 0xa013], ["guest-segment-types"]),  // type 3 is allowed (unrestricted guest) but P is clear
        (["guest.cs.ar": 0xe09b], ["guest-cs-long-mode"]),  // L and D/B
        (["guest.tr.ar": 0x1_008b], ["guest-tr"]),  // unusable
        (["guest.tr.ar": 0x89], ["guest-tr"]),  // available, not busy
        (["guest.tr.selector": 0x44], ["guest-tr"]),  // TI
        (["guest.ldtr.ar": 0x83], ["guest-ldtr"]),  // usable, type 3
        (["guest.rflags": 0x200], ["guest-rflags", "reserved-bits"]),  // bit 1 clear, which the table marks too
        (["guest.rflags": 0x2_0202], ["guest-rflags"]),  // VM in IA-32e mode
        // Virtual-8086 mode outside IA-32e mode: real-mode-like segments (base = selector × 16,
        // limit 0xffff, access rights 0xf3), except DS whose base is off by 0x10.
        (
            [
                "ctrl.entry": 0xd1ff, "guest.ia32_efer": 0, "guest.cr0": 0x8001_0031, "guest.cr4": 0x2020, "guest.rflags": 0x2_0202,
                "guest.cs.selector": 0xffff, "guest.cs.base": 0xf_fff0, "guest.cs.limit": 0xffff, "guest.cs.ar": 0xf3,
                "guest.ss.selector": 0, "guest.ss.base": 0, "guest.ss.limit": 0xffff, "guest.ss.ar": 0xf3,
                "guest.ds.selector": 0x40, "guest.ds.base": 0x410, "guest.ds.limit": 0xffff, "guest.ds.ar": 0xf3,
                "guest.es.selector": 0, "guest.es.base": 0, "guest.es.limit": 0xffff, "guest.es.ar": 0xf3,
                "guest.fs.selector": 0, "guest.fs.base": 0, "guest.fs.limit": 0xffff, "guest.fs.ar": 0xf3,
                "guest.gs.selector": 0, "guest.gs.base": 0, "guest.gs.limit": 0xffff, "guest.gs.ar": 0xf3,
            ], ["guest-v86-segments"]
        ),
        (["guest.activity_state": 1, "guest.ss.ar": 0xc0f3], ["guest-activity-state"]),  // HLT at SS.DPL 3
        (["guest.activity_state": 1, "guest.interruptibility": 1], ["guest-activity-state"]),  // HLT under STI blocking
        (["guest.activity_state": 4], ["guest-activity-state"]),
        (["guest.interruptibility": 3], ["guest-interruptibility"]),
        (["guest.interruptibility": 1, "guest.rflags": 0x2], ["guest-interruptibility"]),  // STI blocking, IF clear
        (["guest.vmcs_link_pointer": 0x1234], ["guest-vmcs-link-pointer"]),
        (["ctrl.entry_intr_info": 0x8000_030e], ["entry-event-injection"]),  // #PF without its error code
        (["ctrl.entry_intr_info": 0x8000_0b06], ["entry-event-injection"]),  // #UD with an error code
        (["ctrl.entry_intr_info": 0x8000_0203], ["entry-event-injection"]),  // NMI on vector 3
        (["ctrl.entry_intr_info": 0x8000_0130], ["entry-event-injection"]),  // type 1
        (["ctrl.entry_intr_info": 0x8000_0030, "guest.rflags": 0x2], ["guest-rflags"]),  // interrupt 0x30 with IF clear
        (["ctrl.entry_intr_info": 0x8000_0030, "guest.interruptibility": 1], ["guest-interruptibility"]),
        (["ctrl.entry_intr_info": 0x8000_0b0d, "ctrl.entry_exception_error_code": 0x1_0000], ["entry-event-injection"]),
        (["ctrl.entry_intr_info": 0x8000_0403, "ctrl.entry_instruction_len": 16], ["entry-event-injection"]),  // INT3 with length 16
        (["ctrl.pin_based": 0x77], ["ctrl-virtual-nmis"]),  // virtual NMIs without NMI exiting
        (["ctrl.pin_based": 0x5f, "ctrl.proc_based": 0x8440_6172], ["ctrl-virtual-nmis"]),  // NMI-window exiting without virtual NMIs
        (["ctrl.proc_based2": 0x2a2], ["ctrl-apic-virtualization"]),  // virtual-interrupt delivery without the TPR shadow
        (["ctrl.proc_based": 0x8420_6172, "ctrl.proc_based2": 0xb3], ["ctrl-apic-virtualization"]),  // x2APIC mode and APIC accesses
        (["ctrl.proc_based": 0x8420_6172, "ctrl.proc_based2": 0x2a2, "ctrl.pin_based": 0x7e], ["ctrl-virtual-interrupt-delivery"]),
        (["ctrl.pin_based": 0xff], ["ctrl-posted-interrupts"]),  // posted interrupts without virtual-interrupt delivery
        (["ctrl.vpid": 0], ["ctrl-vpid-zero"]),
        (["ctrl.proc_based2": 0xa0], ["ctrl-ept-features"]),  // unrestricted guest without EPT
        (["ctrl.ept_pointer": 0x1_2345_6059], ["ctrl-eptp"]),  // memory type 1
        (["ctrl.ept_pointer": 0x1_2345_6076], ["ctrl-eptp"]),  // page-walk length − 1 = 6
        (["ctrl.exit": 0x7f_efff, "ctrl.pin_based": 0x3f], ["ctrl-preemption-timer-save"]),  // saves a timer that is off
        (["host.cs.selector": 0x13], ["host-selectors"]),  // RPL 3
        (["host.tr.selector": 0], ["host-selectors"]),
        (["host.cr4": 0x2680], ["host-address-space"]),  // 64-bit host without PAE
        // A 32-bit host: the IA-32e guest control, RIP above 4 GiB, and EFER.LMA and LME all disagree.
        (["ctrl.exit": 0x3f_edff], ["host-address-space", "host-address-space", "host-address-space", "host-address-space"]),
        (["host.ia32_pat": 0x0007_0406_0007_0206], ["host-pat-memory-types"]),  // PA1 = 2
    ]

    @Test(arguments: vmxBreaks.indices)
    func vmxRuleBroken(_ index: Int) {
        let (change, expected) = Self.vmxBreaks[index]
        let report = Self.report(.vmx, Self.goodVMX.merging(change) { $1 })
        #expect(report.findings.map(\.check).sorted() == expected.sorted(), "\(report.findings.map(\.message))")
        // The rules are errors; the generic reserved-bit finding beside them is a warning.
        #expect(report.findings.allSatisfy { $0.severity == ($0.check == "reserved-bits" ? .warning : .error) })
    }

    /// Bits VMX operation fixes to 1 on every processor so far: warnings, as the MSRs that say
    /// so are not in a dump.
    @Test func vmxFixedBitsAreWarnings() {
        let cases: [([String: UInt64], [String])] = [
            (["guest.cr0": 0x8005_0013], ["guest-cr-fixed-bits"]),  // NE (bit 5) clear
            (["guest.cr4": 0x6a0], ["guest-cr-fixed-bits"]),  // VMXE (bit 13) clear
            (["host.cr4": 0x6a0], ["host-cr-fixed-bits"]),
            // A 32-bit guest with paging and protection off, without unrestricted guest: PE and PG.
            (
                ["ctrl.proc_based2": 0x22, "ctrl.entry": 0xd1ff, "guest.ia32_efer": 0, "guest.cr0": 0x5_0032],
                ["guest-cr-fixed-bits", "guest-cr-fixed-bits"]
            ),
        ]
        for (change, checks) in cases {
            let report = Self.report(.vmx, Self.goodVMX.merging(change) { $1 })
            #expect(report.findings.map(\.check) == checks, "\(change): \(report.findings.map(\.message))")
            #expect(report.findings.allSatisfy { $0.severity == .warning })
        }
    }

    @Test func acceptedVMXVariants() {
        // Each is legal: #PF with its error code; NMI; an unrestricted guest's CS of type 3 in
        // real mode; LAM bits in CR3 (a warning, not an error); TR type 3 outside IA-32e mode.
        let legal: [[String: UInt64]] = [
            ["ctrl.entry_intr_info": 0x8000_0b0e],
            ["ctrl.entry_intr_info": 0x8000_0202],
            [
                "ctrl.entry": 0xd1ff, "guest.ia32_efer": 0, "guest.cr0": 0x30, "guest.cs.ar": 0x93, "guest.cs.limit": 0xffff,
                "guest.tr.ar": 0x83,
            ],
        ]
        for values in legal {
            let report = Self.report(.vmx, Self.goodVMX.merging(values) { $1 })
            #expect(report.findings.isEmpty, "\(values): \(report.findings.map(\.message))")
        }
        let lam = Self.report(.vmx, Self.goodVMX.merging(["guest.cr3": 0x4000_0000_0000_1000]) { $1 })
        #expect(lam.findings.map(\.severity) == [.warning])
    }

    static let svmBreaks: [(change: [String: UInt64], expected: [String])] = [
        (["save.efer": 0xd01], ["svm-efer-svme"]),
        (["save.cr0": 0xa005_0033], ["svm-cr0-cd-nw"]),  // NW without CD
        (["save.cr0": 0x1_8005_0033], ["svm-mbz-bits", "reserved-bits"]),  // CR0 bit 32 (the table marks it too)
        (["save.cr3": 0x0010_0000_0000_1000], ["svm-mbz-bits", "reserved-bits"]),  // bit 52 (the table marks it too)
        (["save.efer": 0x40_1d01], ["svm-mbz-bits", "reserved-bits"]),  // bit 22 (the table marks it too)
        (["save.cr4": 0x680], ["svm-long-mode"]),  // long mode without PAE
        (["save.cr0": 0x8005_0032], ["svm-long-mode"]),  // paging without PE
        (["save.cs.attrib": 0x69b], ["svm-long-mode"]),  // CS.L and CS.D
        (["control.intercept_word4": 0], ["svm-vmrun-intercept"]),
        (["control.asid": 0], ["svm-asid-zero"]),
        (["control.event_inj": 0x8000_0302], ["svm-event-injection"]),  // exception on vector 2
        (["control.event_inj": 0x8000_0130], ["svm-event-injection"]),  // type 1
    ]

    @Test(arguments: svmBreaks.indices)
    func svmRuleBroken(_ index: Int) {
        let (change, expected) = Self.svmBreaks[index]
        let report = Self.report(.svm, Self.goodSVM.merging(change) { $1 })
        #expect(report.findings.map(\.check).sorted() == expected.sorted(), "\(report.findings.map(\.message))")
    }

    @Test func absentFieldsSkipChecksInsteadOfReadingZero() {
        // Without CR0 the PG/PE rule cannot run; a zero CR0 would have passed it silently.
        var values = Self.goodVMX
        values["guest.cr0"] = nil
        let report = Self.report(.vmx, values)
        #expect(report.skipped.contains { $0.check == "guest-cr0-pg-requires-pe" && $0.missing.field == "guest.cr0" })
        #expect(!report.ran.contains("guest-cr0-pg-requires-pe"))
    }

    @Test func checksNameOnlyWhatTheCatalogHas() throws {
        // A check naming a field or bit the catalog lacks reports an internal warning; none may.
        var reports = [Self.report(.vmx, Self.goodVMX), Self.report(.svm, Self.goodSVM)]
        for (change, _) in Self.vmxBreaks { reports.append(Self.report(.vmx, Self.goodVMX.merging(change) { $1 })) }
        for sample in GoldenTests.samples {
            let loaded = try InputSettings().load(InputReference(path: Package.path("samples/\(sample)")))
            reports += loaded.snapshots.compactMap { Decoder.decode($0) }.map { Checker.run($0) }
        }
        let bugs = reports.flatMap(\.findings).filter { $0.message.hasPrefix("internal:") }
        #expect(bugs.isEmpty, "\(bugs.map(\.message))")
        let ids = Checker.all.map(\.id)
        #expect(Set(ids).count == ids.count - 1)  // reserved-bits is one check for both architectures
        #expect(ids.allSatisfy { $0.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil })
    }

    @Test(arguments: [
        "vmcs-entry-failure.kvm-5.x.log", "vmcb-vmrun-failure.kvm.log", "vmcs-ept-violation.kvm-6.12.log", "vmcb-npf.bin",
        "vmcs-io.fields.log",
    ])
    func golden(sample: String) throws {
        let request = CheckRequest(
            path: Package.path("samples/\(sample)"), displayName: "samples/\(sample)", options: RenderOptions(color: false))
        let result = try CheckCommand.run(request)
        try GoldenFile.check(result.output, "check/\(sample).txt")
        let json = try CheckCommand.run(CheckRequest(path: Package.path("samples/\(sample)"), displayName: "samples/\(sample)", json: true))
        try GoldenFile.check(json.output, "check/\(sample).json")
    }
}
