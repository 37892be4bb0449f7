import Foundation
import Testing

@testable import VMCSInspect

/// The rule engine: three values, naming what a rule lacked, reserved bits reported once, the
/// failures the issue found the old checks silent on, and the failure-to-rule ranking.
@Suite struct CheckTests {
    typealias H = RuleHarness
    static let base = VMXRuleTests.base

    static func vmx(_ change: [String: UInt64], profile: CapabilityProfile = .empty, failure: RecordedFailure? = nil) -> CheckReport {
        H.report(.vmx, base.merging(change) { $1 }, profile: profile, failure: failure)
    }

    /// Real VM-entry failures the issue lists, each named by the rule the SDM gives.
    @Test func failuresTheIssueFoundAreNamed() {
        // A GDTR base with bit 63 alone: not canonical for any linear-address width.
        #expect(Self.vmx(["guest.gdtr.base": 0x8000_0000_0000_1000]).broken == ["guest-gdtr-idtr-base-canonical"])
        // RFLAGS.TF (0x302) with BTF clear, under MOV-SS blocking, BS clear.
        #expect(Self.vmx(["guest.rflags": 0x302, "guest.interruptibility": 2]).broken == ["guest-pending-bs-set"])
        // Load CET state (entry bit 20) outside IA-32e mode (0x10d1ff, EFER SCE, RIP below 4 GiB)
        // with SSP bits 63:32 set; PAE paging with EPT reads the PDPTE fields, here all 0. The
        // SDM (since 2021) only wants bits 63:N identical, which 0x100001000 keeps; processors
        // built to CET's first specification refuse it, which is a warning.
        let pdptes: [String: UInt64] = ["guest.pdptr0": 0, "guest.pdptr1": 0, "guest.pdptr2": 0, "guest.pdptr3": 0]
        let cet = Self.vmx(
            pdptes.merging([
                "ctrl.entry": 0x10_d1ff, "guest.ia32_efer": 1, "guest.rip": 0x8100_0000, "guest.ssp": 0x1_0000_1000, "guest.s_cet": 0,
                "guest.intr_ssp_table": 0,
            ]) { $1 })
        #expect(cet.broken == ["guest-ssp-early-cet"])
        #expect(cet.errors == 0)
    }

    /// An address the fields prove wrong for every processor is broken without a profile; one
    /// that depends on MAXPHYADDR is undecided and names it; the profile decides it.
    @Test func threeValuesForAddresses() throws {
        let io = ["ctrl.proc_based": UInt64(0x8600_6172), "ctrl.io_bitmap_b": 0x2000]
        // 2^52 is beyond any width.
        #expect(Self.vmx(io.merging(["ctrl.io_bitmap_a": 0x10_0000_0000_0000]) { $1 }).broken == ["ctrl-io-bitmaps"])
        // 2^40 is within a 46-bit width and beyond a 40-bit one.
        let between = io.merging(["ctrl.io_bitmap_a": 0x100_0000_0000]) { $1 }
        let undecided = try #require(H.result(Self.vmx(between), "ctrl-io-bitmaps"))
        #expect(H.verdictName(undecided.verdict) == "unknown")
        #expect(undecided.missing == [.capability(.maxPhysicalAddress)])
        #expect(H.verdictName(H.result(Self.vmx(between, profile: H.cpu(maxphyaddr: 46)), "ctrl-io-bitmaps")?.verdict) == "holds")
        #expect(Self.vmx(between, profile: H.cpu(maxphyaddr: 40)).broken == ["ctrl-io-bitmaps"])
    }

    /// A rule names exactly the fields it lacked, not zeros in their place.
    @Test func absentFieldsAreNamedNeverReadAsZero() throws {
        var values = Self.base
        values["guest.cr0"] = nil
        let report = H.report(.vmx, values)
        let rule = try #require(H.result(report, "guest-cr0-pg-requires-pe"))
        #expect(H.verdictName(rule.verdict) == "unknown")
        #expect(rule.missing == [.field("guest.cr0")])
        #expect(report.skipped.contains { $0.check == "guest-cr0-pg-requires-pe" && $0.missing.field == "guest.cr0" })
        // A rule whose condition is known false holds without the fields it would read: no I/O
        // bitmaps in use, so their absent addresses do not matter.
        #expect(H.verdictName(H.result(report, "ctrl-io-bitmaps")?.verdict) == "holds")
    }

    /// A segment's access-rights rows apply only while it is usable (SDM Vol. 3 section 25.4.1):
    /// with bit 16 not in the input, bits 11:8 = 0xf break a row that may not apply, so the
    /// reserved-bit warning is undecided and names bit 16; with bit 16 given as 0, it is a warning.
    @Test func reservedRowsChosenByAbsentBitsAreUndecided() throws {
        var snapshot = Snapshot(architecture: .vmx, source: "t", format: .json, location: SourceLocation(file: "t"))
        snapshot.values["guest.cs.ar"] = .integer(0xf9b)
        snapshot.absentBits["guest.cs.ar"] = 1 << 16
        try Self.expectUndecidedReservedBits(snapshot, missing: ["guest.cs.ar bit 16 (not in the input)"], thenWarnsOn: "guest.cs.ar")
    }

    /// The generic reserved-bit rule on `snapshot`: undecided, lacking `missing`, with no
    /// warning; and with every bit given as the structure holds it, a warning on `field` alone.
    static func expectUndecidedReservedBits(
        _ snapshot: Snapshot, missing: [String], thenWarnsOn field: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let unsure = Checker.run(Decoder.decode(snapshot))
        #expect(!unsure.findings.contains { $0.check == "reserved-bits" }, sourceLocation: sourceLocation)
        let rule = try #require(H.result(unsure, "reserved-bits"), sourceLocation: sourceLocation)
        #expect(H.verdictName(rule.verdict) == "unknown", sourceLocation: sourceLocation)
        #expect(rule.missing.map(\.description) == missing, sourceLocation: sourceLocation)
        var known = snapshot
        known.absentBits = [:]
        known.guestViewBits = [:]
        let sure = Checker.run(Decoder.decode(known))
        #expect(H.verdictName(H.result(sure, "reserved-bits")?.verdict) == "broken", sourceLocation: sourceLocation)
        #expect(sure.findings.filter { $0.check == "reserved-bits" }.map(\.field) == [field], sourceLocation: sourceLocation)
    }

    /// Bits given only as the guest sees them say nothing of what the structure holds: with
    /// bits 11:8 of CS's access rights (reserved, SDM Vol. 3 section 25.4.1) set but given as
    /// the guest's view, the reserved-bit warning is undecided and names them.
    @Test func reservedBitsGivenAsTheGuestSeesThemAreUndecided() throws {
        var snapshot = Snapshot(architecture: .vmx, source: "t", format: .json, location: SourceLocation(file: "t"))
        snapshot.values["guest.cs.ar"] = .integer(0xf9b)
        snapshot.guestViewBits["guest.cs.ar"] = 0xf00
        try Self.expectUndecidedReservedBits(
            snapshot, missing: ["guest.cs.ar bits 11:8 as the structure holds them (the input shows the guest's view)"],
            thenWarnsOn: "guest.cs.ar")
    }

    /// CR3's table follows CR4.PCIDE (bit 17), and both reserve bits 63:52 (APM Vol. 2 rev 3.42
    /// Figures 3-5 and 3-6): without CR4 the VMRUN rule is still decided, by either table, and
    /// breaks on bit 52. A rule that reads a row one table lacks is undecided and names CR4
    /// bit 17: PCD (bit 4) is a flag without PCIDE and part of the PCID with it.
    @Test func aTableTheInputCannotChooseDecidesWhatEveryChoiceAgreesOn() throws {
        var state = SVMRuleTests.base
        state["save.cr4"] = nil
        state["save.cr3"] = 0x0010_0000_0000_1000
        #expect(H.verdictName(H.result(H.report(.svm, state), "svm-cr3-reserved")?.verdict) == "broken")
        state["save.cr3"] = 0x1000
        #expect(H.verdictName(H.result(H.report(.svm, state), "svm-cr3-reserved")?.verdict) == "holds")
        var snapshot = H.snapshot(.svm, ["save.cr3": 0x1010, "save.cr4": 0x6a0])
        snapshot.absentBits["save.cr4"] = 0xffff_ffff
        let decoded = Decoder.decode(snapshot)
        let cr3 = try #require(decoded.field("save.cr3"))
        #expect(cr3.layout == nil && cr3.layoutUndecidedBy.map(\.description) == ["save.cr4 bit 17"])
        let context = RuleContext(decoded, profile: .empty)
        #expect(context.bits("save.cr3", "pcd") == nil)
        #expect(context.missing.map(\.description) == ["save.cr4 bit 17 (not in the input)"])
        #expect(RuleContext(decoded, profile: .empty).bits("save.cr3", "base") == 0x1000)
    }

    /// An EFER write trap (EXITCODE 0x8f, APM Vol. 2 Appendix C, Table C-1) leaves the new EFER
    /// in EXITINFO1, and EFER bit 9 must be zero (Figure 3-9). Without EXITCODE's bits 63:32
    /// the code may be 0x1_0000_008f, which names no table, so bit 9 set may break nothing: the
    /// generic rule is undecided and names those bits. With the whole code given, it warns.
    @Test func aReservedRowOfATableTheInputMayNotChooseIsUndecided() throws {
        var snapshot = H.snapshot(.svm, ["control.exit_code": 0x8f, "control.exit_info_1": 0x200])
        snapshot.absentBits["control.exit_code"] = 0xffff_ffff_0000_0000
        try Self.expectUndecidedReservedBits(
            snapshot, missing: ["control.exit_code bits 63:32 (not in the input)"], thenWarnsOn: "control.exit_info_1")
    }

    /// A VM-entry reserved rule judges a field whose table the input cannot choose by every
    /// table it may have. No two tables of the manuals differ so today (CR3's share their
    /// reserved rows), so the catalog is made up: MODE 0 picks a table that reserves bit 5,
    /// MODE 1 one where bit 5 is a flag, and other values none. With bit 5 set, the rule breaks
    /// or holds when MODE is given, and is undecided, naming MODE's missing bit, when it is not.
    @Test func anEntryReservedRowOnlySomeTablesHaveIsUndecided() throws {
        let strict = BitLayout(
            "t.strict", reference: "t", [BitDefinition("reserved_5", "MBZ5", BitRange(5), .reserved(0), "must be zero").checkedOnEntry])
        let loose = BitLayout("t.loose", reference: "t", [BitDefinition("flag_5", "F5", BitRange(5), .flag, "a flag")])
        let catalog = Catalog(
            architecture: .svm,
            fields: [
                FieldDefinition(
                    id: "t.mode", name: "mode", manualName: "MODE", title: "mode", architecture: .svm, offset: 0, size: 8, group: "t",
                    reference: "t"),
                FieldDefinition(
                    id: "t.word", name: "word", manualName: "WORD", title: "word", architecture: .svm, offset: 8, size: 8, group: "t",
                    layout: .selected(by: "t.mode", [LayoutCase(0, strict), LayoutCase(1, loose)]), reference: "t"),
            ],
            groups: [FieldGroup("t", "T", area: "t")])
        func judged(mode: UInt64, absent: UInt64) -> (verdict: String, missing: [String]) {
            var snapshot = H.snapshot(.svm, ["t.mode": mode, "t.word": 0x20])
            if absent != 0 { snapshot.absentBits["t.mode"] = absent }
            let context = RuleContext(Decoder.decode(snapshot, catalog: catalog), profile: .empty)
            return (H.verdictName(context.reservedRows("t.word")), context.missing.map(\.description))
        }
        #expect(judged(mode: 0, absent: 0).verdict == "broken")
        #expect(judged(mode: 1, absent: 0) == ("holds", []))
        // Bit 0 not given: MODE 0 or 1, the strict table or the loose one.
        #expect(judged(mode: 0, absent: 1) == ("unknown", ["t.mode bit 0 (not in the input)"]))
        // Bit 1 not given: MODE 0 or 2, the strict table or none.
        #expect(judged(mode: 0, absent: 2) == ("unknown", ["t.mode bit 1 (not in the input)"]))
    }

    /// CR0, DR7 and RFLAGS reserved bits are reported once, by their rule, not again as a warning.
    @Test func reservedBitsAreReportedOnce() {
        let cases: [([String: UInt64], String)] = [
            (["guest.cr0": 0x1_8005_0033], "guest-cr0-reserved"),
            (["guest.dr7": 0x1_0000_0400], "guest-dr7-upper"),
            (["guest.rflags": 0x200], "guest-rflags-reserved"),
            (["guest.rflags": 0x8202], "guest-rflags-reserved"),  // bit 15
        ]
        for (change, rule) in cases {
            #expect(Self.vmx(change).findings.map(\.check) == [rule], "\(change)")
        }
        // With "load debug controls" off (entry 0xd3fb), DR7 is not loaded: only the warning.
        let unloaded = Self.vmx(["ctrl.entry": 0xd3fb, "guest.dr7": 0x1_0000_0400])
        #expect(unloaded.findings.map(\.check) == ["reserved-bits"])
        #expect(unloaded.errors == 0)
        let svm = H.report(.svm, SVMRuleTests.base.merging(["save.cr0": 0x1_8005_0033]) { $1 })
        #expect(svm.findings.map(\.check) == ["svm-cr0-reserved"])
    }

    /// A capability rule decided by the profile silences the generic warning on its field: a
    /// default1 bit the TRUE MSR lets be 0 is not reported.
    @Test func decidedControlRulesCoverTheirFields() {
        // Entry control bit 3 is default1 in the catalog (SDM Appendix A.2): 0xd3ff without it
        // is 0xd3f7. A TRUE entry MSR with allowed 0-settings 0x11f3 (0x11fb without bit 3) lets
        // it be 0.
        let noProfile = Self.vmx(["ctrl.entry": 0xd3f7])
        #expect(noProfile.findings.map(\.check) == ["reserved-bits"])
        let decided = Self.vmx(["ctrl.entry": 0xd3f7], profile: VMXRuleTests.caps.with(msr: 0x490, 0x00ff_ffff_0000_11f3))
        #expect(decided.findings.isEmpty, "\(decided.findings.map(\.message))")
    }

    /// Exit reason 33 with qualification 4 ranks the link-pointer rules first; qualification 0
    /// leaves them out.
    @Test func entryFailureRanksItsRules() throws {
        let failed = ["exit.reason": UInt64(0x8000_0021), "exit.qualification": 4, "guest.vmcs_link_pointer": 0x1234]
        let report = Self.vmx(failed)
        let cause = try #require(report.causes.first)
        #expect(cause.broken == ["guest-vmcs-link-alignment"])
        #expect(cause.undecided.allSatisfy { $0.hasPrefix("guest-vmcs-link") })
        let zero = Self.vmx(["exit.reason": 0x8000_0021, "exit.qualification": 0, "guest.tr.ar": 0x1_008b])
        let cause0 = try #require(zero.causes.first)
        #expect(cause0.broken == ["guest-tr-usable"])
        #expect(!cause0.undecided.contains { $0.hasPrefix("guest-vmcs-link") })
        // Control rules are not guest-state causes.
        let controls = Self.vmx(["exit.reason": 0x8000_0021, "exit.qualification": 0, "ctrl.vpid": 0])
        #expect(controls.causes.first?.broken == [])
    }

    /// VM-instruction error 7 from a producer's line points at the control rules, 8 at host state.
    @Test func recordedInstructionErrors() throws {
        let failure = RecordedFailure(kind: .vmInstructionError(7), text: "KVM: entry failed, hardware error 0x7", location: .line("t", 3))
        let report = Self.vmx(["ctrl.pin_based": 0x77], failure: failure)
        let cause = try #require(report.causes.first)
        #expect(cause.broken == ["ctrl-virtual-nmis-require-nmi-exiting"])
        #expect(!cause.mayBeStale)
        #expect(cause.source == "t:3")
        let host = Self.vmx(["exit.instruction_error": 8, "host.tr.selector": 0])
        let hostCause = try #require(host.causes.first)
        #expect(hostCause.broken == ["host-tr-selector-nonzero"])
        #expect(hostCause.mayBeStale)
    }

    /// Exit reason 34 with Xen's MSR line decides the MSR-load rules for that MSR.
    @Test func msrLoadFailureNamesTheMSR() throws {
        let failure = H.msrLoadFailure(0x9e)
        let report = Self.vmx(["ctrl.entry_msr_load_count": 1, "exit.reason": 0x8000_0022, "exit.qualification": 1], failure: failure)
        let cause = try #require(report.causes.first)
        #expect(cause.broken == ["msr-load-smm-only"])
        #expect(cause.description.contains("MSR 0x9e"))
    }

    /// VMEXIT_INVALID in either width, from the page or a producer, points at the VMRUN rules.
    @Test func vmrunFailureInEitherWidth() throws {
        for code in [UInt64.max, 0xffff_ffff] {
            let report = H.report(.svm, SVMRuleTests.base.merging(["control.exit_code": code, "save.efer": 0xd01]) { $1 })
            #expect(report.causes.first?.broken == ["svm-efer-svme"], "\(ValueText.hex(code))")
        }
        #expect(SVMExitCode.normalized(0xffff_ffff) == .max)
        #expect(SVMExitCode.normalized(0xffff_fffe) == UInt64.max - 1)
        #expect(SVMExitCode.normalized(0x400) == 0x400)
        #expect(SVMExitCode.normalized(0x1_ffff_ffff) == 0x1_ffff_ffff)
    }

    @Test func rulesAreWellFormed() {
        let ids = Checker.all.map(\.id)
        // reserved-bits is one rule per architecture.
        #expect(Set(ids).count == ids.count - 1)
        #expect(ids.allSatisfy { $0.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil })
        #expect(Checker.all.allSatisfy { !$0.text.isEmpty && $0.text.hasSuffix(".") })
        // Rules that say they need a capability are the only ones that can be undecided by one.
        for check in Checker.all where check.id != "reserved-bits" {
            #expect(check.section.manual == (check.architecture == .svm ? .apm : check.section.manual))
        }
    }

    /// No rule names a field or bit the catalog lacks, on the base states, every case, and every sample.
    @Test func rulesNameOnlyWhatTheCatalogHas() throws {
        var reports = [Self.vmx([:]), H.report(.svm, SVMRuleTests.base)]
        for item in VMXRuleTests.cases { reports.append(Self.vmx(item.breaks, profile: item.breakProfile)) }
        for item in SVMRuleTests.cases {
            reports.append(H.report(.svm, SVMRuleTests.base.merging(item.breaks) { $1 }, profile: item.breakProfile))
        }
        for sample in GoldenTests.samples {
            let loaded = try Loaded(Package.path("samples/\(sample)"))
            reports += loaded.snapshots.map { Checker.run(Decoder.decode($0)) }
        }
        let bugs = reports.flatMap(\.findings).filter { $0.message.hasPrefix("internal:") }
        #expect(bugs.isEmpty, "\(bugs.map(\.message))")
    }

    @Test func listPrintsEveryRuleAsTextAndJSON() throws {
        let text = Rendered.text {
            CheckCommand.list(to: $0); return CommandOutcome()
        }.output
        for check in Checker.all { #expect(text.contains(check.id)) }
        let json = Rendered.json {
            CheckCommand.list(to: $0); return CommandOutcome()
        }.output
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(parsed["schema"] as? String == "vmcs-inspect/check-list/2")
        let rules = try #require(parsed["rules"] as? [[String: Any]])
        #expect(rules.count == Checker.all.count)
        let pin = try #require(rules.first { $0["id"] as? String == "ctrl-pin-based-reserved" })
        #expect(pin["section"] as? String == "27.2.1.1")
        #expect((pin["needs"] as? [String])?.contains("IA32_VMX_BASIC (0x480)") == true)
    }

    @Test func checkJSONParses() throws {
        let request = CheckRequest(path: Package.path("samples/vmcs-entry-failure.kvm-5.x.log"))
        let (output, outcome) = try Rendered.json { try CheckCommand.run(request, to: $0) }
        #expect(outcome.answerIsNo)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(parsed["schema"] as? String == "vmcs-inspect/check/3")
    }

    @Test(arguments: [
        "vmcs-entry-failure.kvm-5.x.log", "vmcb-vmrun-failure.kvm.log", "vmcs-ept-violation.kvm-6.12.log", "vmcb-npf.bin",
        "vmcs-io.fields.log", "vmcs-entry-failure.vbox.log",
    ])
    func golden(sample: String) throws {
        let request = CheckRequest(path: Package.path("samples/\(sample)"), displayName: "samples/\(sample)")
        try GoldenFile.check(try Rendered.text { try CheckCommand.run(request, to: $0) }.output, "check/\(sample).txt")
        try GoldenFile.check(try Rendered.json { try CheckCommand.run(request, to: $0) }.output, "check/\(sample).json")
        var unknown = request
        unknown.unknown = true
        try GoldenFile.check(try Rendered.text { try CheckCommand.run(unknown, to: $0) }.output, "check/\(sample).unknown.txt")
    }
}
