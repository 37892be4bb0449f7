import Foundation
import Testing

@testable import VMCSInspect

/// The shell's command interpreter, without a terminal.
@Suite struct ShellSessionTests {
    func session() throws -> ShellSession {
        let session = ShellSession()
        try session.load(Package.path("samples/vmcs-several.kvm-4.x.log"), displayName: "several.log")
        return session
    }

    @Test func loadingNamesEachDump() throws {
        let session = try session()
        // Each dump is named after its FILE@N: the file is `a`, its dumps a@0 to a@2.
        #expect(session.entries.map(\.name) == ["a@0", "a@1", "a@2"])
        #expect(session.currentName == "a@2")
        #expect(session.listSnapshots().text.contains("* a@2: VMCS several.log@2, exit EPT_VIOLATION (0x30)"))
        // @N alone is dump N of the current file; the file's name alone is ambiguous.
        #expect(try session.use("@1").text == "using a@1: VMCS several.log@1, exit EXTERNAL_INTERRUPT (0x1)\n")
        #expect(throws: InspectError.self) { try session.use("a") }
        try session.load(Package.path("samples/vmcb-npf.bin") + "@0", as: "npf")
        #expect(session.currentName == "npf")
        #expect(throws: InspectError.self) { try session.load(Package.path("samples/vmcb-npf.bin"), as: "npf") }
        #expect(throws: InspectError.self) { try session.load(Package.path("samples/vmcb-npf.bin"), as: "1bad") }
        #expect(try session.use("a@0").text.hasPrefix("using a@0: VMCS several.log@0, exit IO_INSTRUCTION (0x1e)"))
        #expect(throws: InspectError.self) { try session.use("zz") }
    }

    /// A crash dump's page that shows no kind is refused by `load` as by `show`, and `load`'s
    /// own `--format raw` or `--layout` reads it, without changing how later loads read.
    @Test func aPageThatShowsNoKindLoadsWithItsFormatOrLayout() throws {
        let session = ShellSession()
        let dump = Package.path("samples/cores/core.kdump")
        #expect(throws: InspectError.self) { try session.load(dump + "@0x789000") }
        try session.load(dump + "@0x789000", layout: Package.path("samples/cores/pages/hw-vmcs.layout"))
        #expect(session.current?.snapshot.integer("exit.reason") == 30)
        try session.load(dump + "@0x0", format: .raw)
        #expect(session.current?.snapshot.architecture == .svm)
        try session.load(Package.path("samples/vmcb-npf.kvm.log"))
        #expect(session.current?.snapshot.integer("control.exit_code") == 0x400)
    }

    @Test func readingFieldsAndBits() throws {
        let session = try session()
        #expect(try session.get("exit qualification").text.contains("READ GLA_VALID GLA_TRANSLATED"))
        #expect(try session.get("GUEST_CR4.VMXE").text.contains("13     VMXE           1"))
        // The global bit id names the same bit.
        #expect(try session.get("guest.cr4.vmxe").text == (try session.get("GUEST_CR4.VMXE").text))
        #expect(try session.get("0x4402", allBits: true).text.contains("VM_ENTRY_FAILURE 0"))
        #expect(try session.get("TSC_MULTIPLIER").text == "TSC_MULTIPLIER is not in this snapshot (the input did not contain it)\n")
        #expect(throws: InspectError.self) { try session.get("NO_SUCH_FIELD") }
        #expect(throws: InspectError.self) { try session.get("GUEST_CR4.NOPE") }
        #expect(try session.find("vmxe").text.contains("6804  GUEST_CR4.VMXE  bit 13: VMX enable (Intel)"))
        #expect(try session.show(["exit_info"]).text.contains("EXIT_QUALIFICATION"))
        #expect(throws: InspectError.self) { try session.show(["nonsense"]) }
    }

    /// A field log with CR3 but not CR4: CR3's table follows CR4.PCIDE (bit 17). BASE (51:12) is
    /// the same row with PCIDE or without and can be set; PWT (bit 3) is a flag only without it.
    @Test func aRowOfATableTheInputCannotChoose() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-\(getpid())-cr3.log").path
        try "GUEST_CR3 = 0x12345018\nGUEST_RIP = 0x1000\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = ShellSession()
        try session.load(path, displayName: "cr3.log")
        #expect(throws: InspectError.self) { try session.get("GUEST_CR3.PWT") }
        do {
            _ = try session.set("GUEST_CR3.PWT", "0")
            Issue.record("PWT was set")
        } catch let error as InspectError {
            #expect(error.description.hasSuffix("GUEST_CR3 has no bit 'PWT' for its value (its layout depends on guest.cr4, which the input does not give)"))
        }
        #expect(!(try session.get("GUEST_CR3", allBits: true).text.contains("no bit table applies")))
        // 0x12345018 with BASE 0x6789a000: 0x6789a018.
        _ = try session.set("GUEST_CR3.BASE", "0x6789a000")
        #expect(session.entries.last?.snapshot.integer("guest.cr3") == 0x6789_a018)
    }

    @Test func whatIfEditsAndReset() throws {
        let session = try session()
        // Clearing CR4.VMXE (bit 13) turns 0x3726f0 into 0x3706f0.
        #expect(try session.set("GUEST_CR4.VMXE", "0").text.hasPrefix("GUEST_CR4 0x00000000003726f0 → 0x00000000003706f0\n"))
        #expect(session.entries.last?.isModified == true)
        // `fields` lists the edited value, and `absent` for what KVM 4.x's dump does not print.
        let listed = try session.fields("guest_cr4").text
        #expect(listed.hasPrefix("Intel VMCS (SDM Vol. 3 Appendix B): 1 field, 1 held by a@2\n"))
        #expect(listed.hasSuffix("  6804  GUEST_CR4   natural  guest      Guest CR4  0x00000000003706f0\n"))
        #expect(try session.fields("tsc_multiplier").text.contains("  TSC_MULTIPLIER  64-bit   control    TSC multiplier  absent\n"))
        // A whole field by number, and a sub-field by value name.
        _ = try session.set("VM_EXIT_REASON", "0x80000021")
        #expect(try session.get("VM_EXIT_REASON").text.contains("BASIC=INVALID_GUEST_STATE VM_ENTRY_FAILURE"))
        _ = try session.set("VM_EXIT_REASON.BASIC", "EPT_VIOLATION")
        #expect(session.entries.last?.snapshot.integer("exit.reason") == 0x8000_0030)
        // The qualification's bits follow the exit reason: WRITE is bit 1 of an EPT violation's.
        _ = try session.set("EXIT_QUALIFICATION.WRITE", "1")
        #expect(session.entries.last?.snapshot.integer("exit.qualification") == 0x183)
        #expect(throws: InspectError.self) { try session.set("GUEST_CS_SELECTOR", "0x10000") }
        #expect(throws: InspectError.self) { try session.set("GUEST_CR4.VMXE", "2") }
        #expect(throws: InspectError.self) { try session.set("GUEST_CR4", "lots") }
        #expect(try session.reset().text == "a@2: 3 edited fields restored\n")
        #expect(session.entries.last?.isModified == false)
    }

    @Test func diffExplainExport() throws {
        let session = try session()
        let (document, differences) = try session.diff(["a@0", "@2"])
        #expect(differences)
        let text = document.text
        #expect(text.contains("--- a@0: several.log@0"))
        #expect(text.contains("BASIC IO_INSTRUCTION→EPT_VIOLATION"))
        // The summary names both sides by their shell names.
        #expect(text.hasSuffix("\n5 fields differ, 0 only in a@0, 0 only in a@2, 101 unchanged (--all shows them)\n"))
        #expect(try session.diff(["a@2"]).differences == false)
        #expect(try session.explain().text.contains("EPT violation"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-export-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try session.set("GUEST_CR4.VMXE", "0")
        #expect(try session.export(to: path, json: false).text.contains("modified"))
        let back = try #require(try Loaded(path).snapshots.first)
        #expect(back.values == session.entries.last?.snapshot.values)
        #expect(back.values["ctrl.tsc_multiplier"] == nil)
    }

    @Test func checkSeesWhatIfEdits() throws {
        let session = ShellSession()
        _ = try session.load(Package.path("samples/vmcs-entry-failure.kvm-5.x.log"), as: "bad")
        #expect(try session.check().text.contains("error: [guest-tr-usable]"))
        _ = try session.set("GUEST_TR_AR_BYTES.UNUSABLE", "0")  // 0x1008b → 0x8b, a usable busy TSS
        let mended = try session.check().text
        #expect(!mended.contains("[guest-tr-usable]"))
        // The recorded failure (exit reason 33) no longer has a broken guest-state rule; the
        // sample's PT-uses-GPA controls (error 7 rules) stay broken.
        #expect(mended.contains("no rule that causes it is broken"))
    }

    @Test func completion() throws {
        let session = try session()
        #expect(session.completions(words: [], partial: "ex") == ["explain", "export"])
        #expect(session.completions(words: ["get"], partial: "EXIT_QU") == ["EXIT_QUALIFICATION"])
        #expect(session.completions(words: ["get"], partial: "guest_cr") == ["GUEST_CR0", "GUEST_CR3", "GUEST_CR4"])
        #expect(session.completions(words: ["set"], partial: "GUEST_CR4.VM") == ["GUEST_CR4.VME", "GUEST_CR4.VMXE"])
        #expect(session.completions(words: ["use"], partial: "") == ["a@0", "a@1", "a@2"])
        #expect(session.completions(words: ["show"], partial: "gu")?.prefix(1) == ["guest"])
        #expect(session.completions(words: ["load"], partial: "sam") == nil)
        #expect(session.completions(words: ["export"], partial: "") == nil)
        #expect(session.completions(words: ["help"], partial: "qu") == ["quit"])
    }

    /// A bit of a field the snapshot lacks would need the field's other bits, which are
    /// unknown, not 0: the whole value is asked for.
    @Test func aBitOfAnAbsentFieldNeedsTheWholeValue() throws {
        let session = try session()
        do {
            _ = try session.set("GUEST_BNDCFGS.EN", "1")
            Issue.record("a bit of an absent field was set")
        } catch {
            #expect(
                "\(error)".hasSuffix("GUEST_BNDCFGS is not in the snapshot: give its whole value (set GUEST_BNDCFGS VALUE) before setting EN"))
        }
    }

    /// A whole value set in the shell is the structure's: QEMU's CR4 was given as 32 bits and as
    /// the guest sees it (VMXE hidden); after `set GUEST_CR4 0x3726f0` neither is left, nor the
    /// notes that said so.
    @Test func aWholeValueSetIsKnownAsTheStructureHoldsIt() throws {
        let session = ShellSession()
        try session.load(Package.path("samples/vmcs-entry-failure.qemu.log"), displayName: "q.log")
        #expect(session.entries.last?.snapshot.guestViewBits["guest.cr4"] == 1 << 13)
        _ = try session.set("GUEST_CR4", "0x3726f0")
        let snapshot = try #require(session.entries.last?.snapshot)
        #expect(snapshot.guestViewBits["guest.cr4"] == nil)
        #expect(snapshot.absentBits["guest.cr4"] == nil)
        #expect(snapshot.notes["guest.cr4"] == nil)
    }

    @Test func emptySessionSaysWhatToDo() {
        let session = ShellSession()
        #expect(throws: InspectError.usage("no snapshot loaded: use 'load FILE'")) { try session.get("GUEST_RIP") }
        #expect(session.listSnapshots().text == "no snapshots loaded\n")
    }
}
