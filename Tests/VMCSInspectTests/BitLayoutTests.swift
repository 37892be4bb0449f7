import Foundation
import Testing

@testable import VMCSInspect

/// Expected values worked out by hand from AMD APM Vol. 2 rev 3.42 (figures and tables cited
/// in the catalog), not from the decoder's output.
@Suite struct BitLayoutTests {
    func words(_ word: UInt64, _ layout: BitLayout, width: Int = 64) -> [String] {
        let (bits, unnamed) = Decoder.split(word, by: layout, width: width)
        var out = bits.compactMap { ValueText.word($0) }
        if unnamed != 0 { out.append("unnamed=\(ValueText.hex(unnamed))") }
        return out
    }

    func decodeField(_ id: String, _ value: UInt64, with others: [String: UInt64] = [:]) throws -> DecodedField {
        let field = try #require(Catalog.vmcb.field(id: id))
        var snapshot = Snapshot(architecture: .svm, source: "test", format: .raw, location: SourceLocation(file: "test"))
        for (key, other) in others { snapshot.values[key] = .integer(other) }
        snapshot.values[id] = .integer(value)
        return Decoder.decode(field, value: .integer(value), in: snapshot)
    }

    @Test func bitRangeArithmetic() {
        #expect(BitRange(63, 0).mask == ~0)
        #expect(BitRange(0).mask == 1)
        #expect(BitRange(39, 32).mask == 0xff_0000_0000)
        #expect(BitRange(31, 16).extract(0x03f8_0210) == 0x3f8)
        #expect(BitRange(10, 8).insert(3, into: 0x8000_000e) == 0x8000_030e)
        #expect(BitRange(12, 32).lsb == 12)  // either order
    }

    /// A row over bits the input lacks: EFER bits 63:22 must be zero (APM Figure 3-9), and
    /// with bits 63:32 absent only 31:22 can break the row; a flag the input lacks is not shown.
    @Test func rowsOverAbsentBitsJudgeOnlyTheBitsGiven() throws {
        let absent: UInt64 = 0xffff_ffff_0000_0000
        func row(_ word: UInt64) throws -> DecodedBit {
            try #require(Decoder.split(word, by: Registers.efer, absent: absent).0.first { $0.definition.id == "reserved_63_22" })
        }
        #expect(try !row(1 << 40).violatesReservation)
        #expect(try row(1 << 40 | 1 << 25).violatesReservation)
        #expect(try row(0).unknownBits == absent)
        #expect(try row(0).uncertainty == "bits 63:32 of it not in the input")
        let (bits, _) = Decoder.split(0x500, by: Registers.efer, absent: 1 << 10)
        #expect(bits.compactMap { ValueText.word($0) } == ["LME"])
    }

    /// A row chosen by a bit the input lacks is not named, whether another row of the same
    /// bits would hold (TYPE by S) or the row might not apply at all: VMREAD's instruction
    /// information 0x88 is a memory operand (ES, index and base RAX) with bit 10 clear and
    /// REG1 = RCX (bits 6:3 = 1) with it set (SDM Vol. 3 Table 28-13); a segment's rows apply
    /// only while bit 16 (unusable) is clear, so reserved bits 11:8 break nothing when it is
    /// unknown (section 25.4.1). A reserved row that breaks in the bits given is still said to.
    @Test func rowsChosenByAbsentBitsAreNotNamed() throws {
        let (vmread, _) = Decoder.split(0x88, by: IntelVMCSValues.vmreadInstructionInfo, width: 32, absent: 1 << 10)
        let named = vmread.filter { $0.valueName != nil }.map(\.definition.id)
        #expect(!named.contains("segment") && !named.contains("index") && !named.contains("base"), "\(named)")
        #expect(vmread.contains { $0.definition.id == "index" && $0.choosingUnknownBits == 1 << 10 })
        let (noIndex, _) = Decoder.split(0x88, by: IntelVMCSValues.memoryInstructionInfo, width: 32, absent: 1 << 22)
        #expect(noIndex.first { $0.definition.id == "index" }?.valueName == nil)
        let (segment, _) = Decoder.split(0xf9b, by: IntelVMCSValues.accessRights, width: 32, absent: 1 << 16)
        let reserved = try #require(segment.first { $0.definition.id == "reserved_11_8" })
        #expect(reserved.undecided && !reserved.violatesReservation)
        #expect(segment.compactMap { ValueText.word($0) }.contains("TYPE=0xb (bits 16, 4 not in the input)") == false)
        #expect(segment.first { $0.definition.id == "type" }?.valueName == nil)
        // S is given (bit 4 set), so only bit 16 is missing for TYPE.
        #expect(segment.first { $0.definition.id == "type" }?.choosingUnknownBits == 1 << 16)
        let (efer, _) = Decoder.split(1 << 25, by: Registers.efer, absent: 0xffff_ffff_0000_0000)
        #expect(Explainer.words(efer, unnamed: 0, whole: false).contains { $0.hasSuffix("which the manual does not allow") })
    }

    /// Which table a field is read by when bits the input lacks would choose it.
    @Test func tablesChosenByBitsTheInputLacks() throws {
        func decoded(_ id: String, _ values: [String: UInt64], absent: [String: UInt64] = [:]) throws -> DecodedField {
            var snapshot = Snapshot(architecture: .vmx, source: "t", format: .fields, location: SourceLocation(file: "t"))
            snapshot.values = values.mapValues { .integer($0) }
            snapshot.absentBits = absent
            return try #require(Decoder.decode(snapshot, catalog: .vmcs).field(id))
        }
        // Exit reason 0 (exception or NMI): the vector chooses the qualification's table, the
        // debug-exception bits for #DB (1), the linear address for #PF (14), none for the others
        // (SDM Vol. 3 section 28.2.1).
        let exception = try decoded("exit.qualification", ["exit.reason": 0, "exit.qualification": 0x4000])
        #expect(exception.layout == nil && exception.layoutUndecidedBy.map(\.description) == ["exit.intr_info"])
        #expect(exception.notes.last == "not decoded bit by bit: its layout depends on exit.intr_info, which the input does not give")
        #expect(exception.openLayout?.mayHaveNone == true)
        // 0x80000b0e: valid, hardware exception (type 3), error code, vector 14.
        let pageFault = try decoded("exit.qualification", ["exit.reason": 0, "exit.qualification": 0x4000, "exit.intr_info": 0x8000_0b0e])
        #expect(pageFault.layout?.name == IntelVMCSValues.linearAddressQualification.name)
        // An EPT violation (48) has one table whatever the vector.
        let ept = try decoded("exit.qualification", ["exit.reason": 48, "exit.qualification": 0x181])
        #expect(ept.layout?.name == IntelVMCSValues.eptViolationQualification.name && ept.openLayout == nil)
        // An I/O exit (30): the qualification's string (bit 4) and direction (bit 3, 1 = IN) bits
        // choose OUTS's table, INS's, or none (Table 28-5); without them the choice is open.
        let io = try decoded("exit.instruction_info", ["exit.reason": 30, "exit.instruction_info": 0x8000])
        #expect(io.layout == nil && io.layoutUndecidedBy.map(\.description) == ["exit.qualification"])
        #expect(io.openLayout?.candidates.map(\.name) == [IntelVMCSValues.outsInstructionInfo.name, IntelVMCSValues.insInstructionInfo.name])
        // IN, not a string instruction (bit 3 set, bit 4 clear): no table, and that is decided.
        let plainIn = try decoded("exit.instruction_info", ["exit.reason": 30, "exit.qualification": 0x8, "exit.instruction_info": 0x8000])
        #expect(plainIn.layout == nil && plainIn.openLayout == nil && plainIn.notes.isEmpty)
        // CR3 by CR4.PCIDE (bit 17): QEMU's 32-bit CR4 gives bit 17; a CR4 given as its high half
        // only does not. CR3 0x12345018 without PCIDE is PWT (3) and PCD (4) and base 0x12345000.
        let cr3 = try decoded("guest.cr3", ["guest.cr3": 0x1234_5018, "guest.cr4": 0], absent: ["guest.cr4": 0xffff_ffff])
        #expect(cr3.layout == nil && cr3.layoutUndecidedBy.map(\.description) == ["guest.cr4 bit 17"])
        #expect(cr3.openLayout?.mayHaveNone == false && cr3.openLayout?.candidates.count == 2)
        let qemu = try decoded("guest.cr3", ["guest.cr3": 0x1234_5018, "guest.cr4": 0x2000], absent: ["guest.cr4": 0xffff_ffff_0000_0000])
        #expect(qemu.bits.compactMap { ValueText.word($0) } == ["PWT", "PCD", "BASE=0x12345000"])
    }

    /// A held-back field in JSON: no table, no bits, and what would choose one; the document
    /// validates against the schema. Exit reason 0's qualification without the vector.
    @Test func aHeldBackFieldInJSON() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-\(getpid())-reason0.log").path
        try "VM_EXIT_REASON = 0x0\nEXIT_QUALIFICATION = 0x4000\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let json = try Rendered.json { try ShowCommand.run(ShowRequest(path: path), to: $0) }.output
        #expect(try SchemaTests.problems(json) == [])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let fields = try #require((document["snapshots"] as? [[String: Any]])?.first?["fields"] as? [[String: Any]])
        let qualification = try #require(fields.first { $0["id"] as? String == "exit.qualification" })
        #expect(qualification["layout"] is NSNull && (qualification["bits"] as? [Any])?.isEmpty == true)
        let by = try #require(qualification["layout_undecided_by"] as? [[String: Any]])
        #expect(by.count == 1 && by[0]["field"] as? String == "exit.intr_info" && by[0]["field_absent"] as? Bool == true)
        #expect(by[0]["absent_bits"] as? String == "0x00000000000000ff" && by[0]["guest_view_bits"] as? String == "0x0000000000000000")
        let reason = try #require(fields.first { $0["id"] as? String == "exit.reason" })
        #expect(reason["layout_undecided_by"] == nil)
        // Neither #DB's table, nor #PF's, nor none reserves a bit: the generic rule holds.
        let report = Checker.run(Decoder.decode(try #require(try readDetected(String(contentsOfFile: path, encoding: .utf8)).snapshots.first)))
        #expect(RuleHarness.verdictName(RuleHarness.result(report, "reserved-bits")?.verdict) == "holds")
    }

    /// The smallest key at least `low` with `fixed` outside the `free` bits, worked by hand.
    @Test func smallestKeyWithFreeBits() {
        // Keys 0x05, 0x15, …, 0xf5.
        #expect(Decoder.smallestKey(atLeast: 0x20, fixed: 0x05, free: 0xf0) == 0x25)
        #expect(Decoder.smallestKey(atLeast: 0x26, fixed: 0x05, free: 0xf0) == 0x35)
        #expect(Decoder.smallestKey(atLeast: 0xf6, fixed: 0x05, free: 0xf0) == nil)
        #expect(Decoder.smallestKey(atLeast: 0x04, fixed: 0x05, free: 0) == 0x05)
        #expect(Decoder.smallestKey(atLeast: 0x06, fixed: 0x05, free: 0) == nil)
        // Keys 0x01 and 0x81: the fixed bit 0 takes the key past 0x80.
        #expect(Decoder.smallestKey(atLeast: 0x80, fixed: 0x01, free: 0x80) == 0x81)
        // A 64-bit EXITCODE 0x7b (IOIO) without bits 63:32: 0x7b, 0x1_0000_007b, …
        #expect(Decoder.smallestKey(atLeast: 0x7c, fixed: 0x7b, free: 0xffff_ffff_0000_0000) == 0x1_0000_007b)
        #expect(Decoder.smallestKey(atLeast: ~0, fixed: 0x7b, free: 0xffff_ffff_0000_0000) == nil)
        #expect(Decoder.smallestKey(atLeast: 0xffff_ffff_0000_0000, fixed: 0x7b, free: 0xffff_ffff_0000_0000) == 0xffff_ffff_0000_007b)
    }

    /// EXITINFO1 of an IOIO intercept (EXITCODE 0x7b) whose EXITCODE lacks bits 63:32: IOIO's
    /// table is the only one reachable, but a key such as 0x1_0000_007b names no table, so it
    /// stays open (APM Vol. 2 rev 3.42 Appendix C).
    @Test func aVMCBExitCodeWithoutItsHighHalf() throws {
        var snapshot = Snapshot(architecture: .svm, source: "t", format: .fields, location: SourceLocation(file: "t"))
        snapshot.values = ["control.exit_code": .integer(0x7b), "control.exit_info_1": .integer(0x3f8_0010)]
        snapshot.absentBits["control.exit_code"] = 0xffff_ffff_0000_0000
        let info = try #require(Decoder.decode(snapshot, catalog: .vmcb).field("control.exit_info_1"))
        #expect(info.layout == nil && info.layoutUndecidedBy.map(\.description) == ["control.exit_code bits 63:32"])
        #expect(info.openLayout?.candidates.map(\.name) == [AMDVMCBValues.ioioInfo1.name] && info.openLayout?.mayHaveNone == true)
        // Nor is the code itself named: it may be 0x1_0000_007b, which is no IOIO.
        let code = try #require(Decoder.decode(snapshot, catalog: .vmcb).field("control.exit_code")?.bits.first)
        #expect(code.valueName == nil && code.unknownBits == 0xffff_ffff_0000_0000)
        snapshot.absentBits = [:]
        #expect(Decoder.decode(snapshot, catalog: .vmcb).field("control.exit_code")?.bits.first?.valueName == "IOIO")
        #expect(Decoder.decode(snapshot, catalog: .vmcb).field("control.exit_info_1")?.layout?.name == AMDVMCBValues.ioioInfo1.name)
    }

    @Test func efer() {
        // 0x1d01 = bit 0 SCE, bit 8 LME, bit 10 LMA, bit 11 NXE, bit 12 SVME.
        #expect(words(0x1d01, Registers.efer) == ["SCE", "LME", "LMA", "NXE", "SVME"])
        #expect(words(0x500, Registers.efer) == ["LME", "LMA"])
        // Bit 7 is in APM Figure 3-9's read-as-zero range 7:1, so bits 7:1 hold 0b100_0000 = 0x40.
        #expect(words(0x80, Registers.efer) == ["!RAZ[7:1]=0x40"])
        // Bit 9 and bits 63:22 are must-be-zero rows that VMRUN checks (APM 15.5.1).
        #expect(words(0x200, Registers.efer) == ["!MBZ9[9]=0x1"])
        #expect(Registers.efer.bits.filter(\.failsEntry).map(\.id) == ["reserved_9", "reserved_16", "reserved_19", "reserved_63_22"])
    }

    @Test func cr0AndCR4() {
        // 0x80050033: PE(0) MP(1) ET(4) NE(5) WP(16) AM(18) PG(31).
        #expect(words(0x8005_0033, Registers.cr0) == ["PE", "MP", "ET", "NE", "WP", "AM", "PG"])
        // 0x3506f0: PSE PAE MCE PGE OSFXSR OSXMMEXCPT (0x6f0), FSGSBASE OSXSAVE SMEP SMAP (0x350000).
        #expect(
            words(0x35_06f0, Registers.cr4) == ["PSE", "PAE", "MCE", "PGE", "OSFXSR", "OSXMMEXCPT", "FSGSBASE", "OSXSAVE", "SMEP", "SMAP"])
        #expect(words(0x1_0000_0001, Registers.cr0) == ["PE", "!RSVD[63:32]=0x1"])
    }

    @Test func cr3KeepsTheBaseInPlace() {
        #expect(words(0x1_0a6b_2018, Registers.cr3) == ["PWT", "PCD", "BASE=0x10a6b2000"])
    }

    @Test func rflags() {
        // 0x246: reserved bit 1, PF (2), ZF (6), IF (9); IOPL 3 is bits 13:12 = 0x3000.
        #expect(words(0x246, Registers.rflags) == ["PF", "ZF", "IF"])
        #expect(words(0x3202, Registers.rflags) == ["IF", "IOPL=3"])
        #expect(words(0x200, Registers.rflags) == ["!RSVD1[1]=0x0", "IF"])
    }

    @Test func dr7AndDR6() {
        // 0xf0401: L0, reserved bit 10, RW0 = 0b11 (read/write), LEN0 = 0b11 (4 bytes).
        #expect(words(0xf_0401, Registers.dr7) == ["L0", "RW0=rw", "LEN0=4 bytes"])
        // Breakpoint 1 is disabled: its condition and length are not shown.
        #expect(words(0x400, Registers.dr7) == [])
        // 0xffff0ff0 is DR6's reset value: the ones are reserved, and BLD (11) and RTM (16) are
        // active low, so 1 means nothing was detected and no word is printed.
        #expect(words(0xffff_0ff0, Registers.dr6) == [])
        #expect(words(0xffff_4ff1, Registers.dr6) == ["B0", "BS"])
        // 0xffff_07f0: bit 11 clear, a bus lock was detected; 0xfffe_0ff0: bit 16 clear, RTM.
        #expect(words(0xffff_07f0, Registers.dr6) == ["BLD=detected"])
        #expect(words(0xfffe_0ff0, Registers.dr6) == ["RTM=in RTM region"])
    }

    @Test func pat() {
        // Linux's PAT: PA0 WB(6) PA1 WT(4) PA2 UC-(7) PA3 UC(0), repeated.
        #expect(
            words(0x0007_0406_0007_0406, Registers.pat) == [
                "PA0=WB", "PA1=WT", "PA2=UC-", "PA3=UC", "PA4=WB", "PA5=WT", "PA6=UC-", "PA7=UC",
            ])
        // 0x02 and 0x03 are reserved memory types; bit 3 of an entry is reserved.
        #expect(words(0x0000_0000_0000_0802, Registers.pat).prefix(3) == ["PA0=0x2 (unknown)", "PA1=UC", "!RSVD[15:11]=0x1"])
    }

    @Test func segmentAttributes() {
        // 0x029b: type 0xb (code, execute/read, accessed), S, DPL 0, P, L.
        #expect(words(0x029b, Registers.vmcbSegmentAttributes, width: 16) == ["TYPE=code XR accessed", "S", "P", "L"])
        // 0x0c93: type 3 (data, read/write, accessed), S, P, D/B, G.
        #expect(words(0x0c93, Registers.vmcbSegmentAttributes, width: 16) == ["TYPE=data RW accessed", "S", "P", "D/B", "G"])
        // 0x008b: S clear, so type 0xb is a busy 64-bit TSS.
        #expect(words(0x008b, Registers.vmcbSegmentAttributes, width: 16) == ["TYPE=32/64-bit TSS busy", "P"])
        // 0x00f3: DPL 3 data segment (bits 6:5 = 0b11).
        #expect(words(0x00f3, Registers.vmcbSegmentAttributes, width: 16) == ["TYPE=data RW accessed", "S", "DPL=3", "P"])
    }

    @Test func ioioExitInformation() throws {
        // OUT %al,%dx to 0x3f8 in 64-bit mode: TYPE=0, SZ8 (bit 4), A64 (bit 9), port in 31:16.
        let out = try decodeField("control.exit_info_1", 0x03f8_0210, with: ["control.exit_code": 0x7b])
        #expect(ValueText.summary(out) == ["TYPE=OUT", "SZ8", "A64", "PORT=0x3f8"])
        // IN %al,$0x60: TYPE=1.
        let input = try decodeField("control.exit_info_1", 0x0060_0211, with: ["control.exit_code": 0x7b])
        #expect(ValueText.summary(input) == ["TYPE=IN", "SZ8", "A64", "PORT=0x60"])
        // REP OUTSB through DS: STR (2), REP (3), SEG = 3 in bits 12:10 (0xc00).
        let string = try decodeField("control.exit_info_1", 0x03f8_0e1c, with: ["control.exit_code": 0x7b])
        #expect(ValueText.summary(string) == ["TYPE=OUT", "STR", "REP", "SZ8", "A64", "SEG=DS", "PORT=0x3f8"])
        let next = try decodeField("control.exit_info_2", 0xffff_ffff_81a4_c2d7, with: ["control.exit_code": 0x7b])
        #expect(ValueText.summary(next) == ["NEXT_RIP=0xffffffff81a4c2d7"])
    }

    @Test func nestedPageFaultExitInformation() throws {
        // Write by the guest to a not-present page at the final translation: RW, US, bit 32.
        let final = try decodeField("control.exit_info_1", 0x1_0000_0006, with: ["control.exit_code": 0x400])
        #expect(ValueText.summary(final) == ["RW", "US", "GUEST_FINAL"])
        // Read during the guest page-table walk of a present page: P, US, bit 33.
        let walk = try decodeField("control.exit_info_1", 0x2_0000_0005, with: ["control.exit_code": 0x400])
        #expect(ValueText.summary(walk) == ["P", "US", "GUEST_PAGE_TABLE"])
        let gpa = try decodeField("control.exit_info_2", 0xfed0_0000, with: ["control.exit_code": 0x400])
        #expect(ValueText.summary(gpa) == ["GPA=0xfed00000"])
    }

    @Test func exitInformationForOtherExits() throws {
        // #PF intercept: EXITINFO1 = error code (P|W = 3), EXITINFO2 = faulting address.
        let pf = try decodeField("control.exit_info_1", 3, with: ["control.exit_code": 0x4e])
        #expect(ValueText.summary(pf) == ["P", "RW"])
        // #GP with a selector error code: index 0x10 in the GDT from an external event: 0x81.
        let gp = try decodeField("control.exit_info_1", 0x81, with: ["control.exit_code": 0x4d])
        #expect(ValueText.summary(gp) == ["EXT", "INDEX=0x10"])
        // MOV CR3 write from RBX with decode assists: bit 63 and GPR 3.
        let cr = try decodeField("control.exit_info_1", 0x8000_0000_0000_0003, with: ["control.exit_code": 0x13])
        #expect(ValueText.summary(cr) == ["GPR=RBX", "MOV"])
        // WRMSR.
        let msr = try decodeField("control.exit_info_1", 1, with: ["control.exit_code": 0x7c])
        #expect(ValueText.summary(msr) == ["ACCESS=WRMSR"])
        // Task switch by IRET with an error code: bits 36 and 44, error code 0x18.
        let task = try decodeField("control.exit_info_2", 0x0000_1010_0000_0018, with: ["control.exit_code": 0x7d])
        #expect(ValueText.summary(task) == ["ERROR_CODE=0x18", "IRET", "EV"])
        // CR4 write trap: EXITINFO1 is the new CR4, read as AMD defines CR4: 0x20 is PAE; bit 13
        // (Intel's VMXE) is in AMD's must-be-zero range 15:13, which then holds 0b001.
        let trap = try decodeField("control.exit_info_1", 0x20, with: ["control.exit_code": 0x94])
        #expect(ValueText.summary(trap) == ["PAE"])
        let vmxe = try decodeField("control.exit_info_1", 0x2000, with: ["control.exit_code": 0x94])
        #expect(ValueText.summary(vmxe) == ["!MBZ[15:13]=0x1"])
        // An exit code with no EXITINFO1 table leaves the field undecoded.
        let cpuid = try decodeField("control.exit_info_1", 0x1234, with: ["control.exit_code": 0x72])
        #expect(cpuid.layout == nil)
        // Without EXITCODE in the input, EXITINFO1 cannot be interpreted.
        let alone = try decodeField("control.exit_info_1", 6)
        #expect(alone.layout == nil)
    }

    @Test func exitCodes() throws {
        #expect(ValueText.summary(try decodeField("control.exit_code", 0x400)) == ["NPF"])
        #expect(ValueText.summary(try decodeField("control.exit_code", 0xffff_ffff_ffff_ffff)) == ["INVALID"])
        #expect(ValueText.summary(try decodeField("control.exit_code", 0x4e)) == ["EXCP14 #PF"])
        #expect(ValueText.summary(try decodeField("control.exit_code", 0x4ff)) == ["0x4ff (unknown)"])
    }

    @Test func eventInjection() {
        // 0x80000b0e: vector 14 (#PF), type 3 (exception) in 10:8, EV (11), V (31).
        #expect(words(0x8000_0b0e, AMDVMCBValues.eventInjection, width: 32) == ["VECTOR=#PF", "TYPE=EXCEPTION", "EV", "V"])
        // 0x800000ec: external interrupt 0xec.
        #expect(words(0x8000_00ec, AMDVMCBValues.eventInjection, width: 32) == ["VECTOR=0xec", "TYPE=INTR", "V"])
        // 0x80000200: NMI.
        #expect(words(0x8000_0200, AMDVMCBValues.eventInjection, width: 32) == ["TYPE=NMI", "V"])
        #expect(words(0x8000_1000, AMDVMCBValues.eventInjection, width: 32) == ["TYPE=INTR", "!RSVD[30:12]=0x1", "V"])
    }

    @Test func interruptControl() {
        // 0x010f0100: V_IRQ (8), V_INTR_PRIO 0xf (19:16), V_INTR_MASKING (24).
        #expect(words(0x010f_0100, AMDVMCBValues.interruptControl, width: 32) == ["V_IRQ", "V_INTR_PRIO=0xf", "V_INTR_MASKING"])
        // 0x82000000: AVIC enable (31), V_GIF enable (25); bit 10 has no name.
        #expect(words(0x8200_0400, AMDVMCBValues.interruptControl, width: 32) == ["V_GIF_ENABLE", "AVIC_ENABLE", "unnamed=0x400"])
    }

    @Test func interceptVectors() {
        // Exception intercepts 0x00060042: #DB (1), #UD (6), #AC (17), #MC (18).
        #expect(words(0x0006_0042, Registers.exceptionBitmap, width: 32) == ["#DB", "#UD", "#AC", "#MC"])
        // Word 3 bit 27 IOIO_PROT, bit 28 MSR_PROT.
        #expect(words(0x1800_0000, AMDVMCBValues.interceptWord3, width: 32) == ["IOIO_PROT", "MSR_PROT"])
        // Word 4 bit 0 VMRUN, bit 15 EFER write trap, bit 20 CR4 write trap.
        #expect(words(0x0010_8001, AMDVMCBValues.interceptWord4, width: 32) == ["VMRUN", "EFER_WRITE_TRAP", "CR4_WRITE_TRAP"])
        #expect(words(0x0011, AMDVMCBValues.crReadIntercepts, width: 16) == ["CR0", "CR4"])
    }

    @Test func tlbControlAndNestedControl() {
        #expect(words(3, AMDVMCBValues.tlbControl, width: 8) == ["TLB_CONTROL=FLUSH_GUEST"])
        #expect(words(7, AMDVMCBValues.nestedControl) == ["NP_ENABLE", "SEV_ENABLE", "SEV_ES_ENABLE"])
    }
}

/// The remaining VMCB tables, one hand-worked word each (APM Vol. 2 rev 3.42 as cited).
@Suite struct RemainingLayoutTests {
    @Test(
        arguments: [
            // Clean bits 0x1df: I, IOPM, ASID, TPR, NP, DRx (6), DT (7), SEG (8); CRx (5) dirty.
            ("svm.clean", 0x1df, ["I", "IOPM", "ASID", "TPR", "NP", "DRx", "DT", "SEG"]),
            ("svm.virt_ext", 0x5, ["LBR_VIRTUALIZATION_ENABLE", "IBS_VIRTUALIZATION"]),
            ("svm.int_state", 0x3, ["INTERRUPT_SHADOW", "GUEST_INTERRUPT_MASK"]),
            ("svm.int_vector", 0xec, ["V_INTR_VECTOR=0xec"]),
            // SEV_FEATURES 0x21: SNPActive (0), DebugSwap (5).
            ("svm.sev_features", 0x21, ["SNPACTIVE", "DEBUGSWAP"]),
            ("svm.allowed_sev_features", 0x8000_0000_0000_0001, ["SNPACTIVE", "ALLOWED_SEV_FEATURES_EN"]),
            // Physical APIC ID table at 0x123456000 with max index 0xfe.
            ("svm.avic_physical_id", 0x1_2345_60fe, ["AVIC_PHYSICAL_MAX_INDEX=0xfe", "AVIC_PHYSICAL_TABLE=0x123456000"]),
            // Incomplete IPI: ICR low 0x000000fd (fixed vector 0xfd), high 0x02000000 (destination 2).
            ("svm.exitinfo1.avic_ipi", 0x0200_0000_0000_00fd, ["ICRL=0xfd", "ICRH=0x2000000"]),
            ("svm.exitinfo2.avic_ipi", 0x0000_0001_0000_0002, ["INDEX=2", "ID=TARGET_NOT_RUNNING"]),
            // Unaccelerated write to the APIC TPR (offset 0x80).
            ("svm.exitinfo1.avic_noaccel", 0x1_0000_0080, ["OFFSET=0x80", "WRITE"]),
            ("svm.exitinfo1.swint", 0x80, ["VECTOR=0x80"]),
            ("svm.exitinfo1.dr_access", 0x7, ["GPR=RDI"]),
            ("svm.exitinfo1.task_switch", 0x28, ["SELECTOR=0x28"]),
            // XCR0 0x207: x87, SSE, AVX, PKRU.
            ("xcr0", 0x207, ["X87", "SSE", "AVX", "PKRU"]),
            ("xss", 0x1800, ["CET_U", "CET_S"]),
            // S_CET 0x1: shadow stacks on; SPEC_CTRL 0x5: IBRS and SSBD; DebugCtl 0x3: LBR and BTF.
            ("cet", 0x1, ["SH_STK_EN"]),
            ("spec_ctrl_amd", 0x5, ["IBRS", "SSBD"]),
            ("debugctl_amd", 0x3, ["LBR", "BTF"]),
            ("svm.page_pointer", 0x1_0c3e_1000, ["ADDRESS=0x10c3e1000"]),
        ] as [(String, UInt64, [String])])
    func layout(name: String, word: UInt64, expected: [String]) throws {
        let layout = try #require(Self.layouts[name], "no layout \(name)")
        let (bits, unnamed) = Decoder.split(word, by: layout)
        #expect(bits.compactMap { ValueText.word($0) } == expected)
        #expect(unnamed == 0)
    }

    static let layouts: [String: BitLayout] = {
        var all: [String: BitLayout] = [:]
        for layout in [
            Registers.xcr0, Registers.xss, Registers.cet, Registers.amdSpecCtrl, Registers.amdDebugCtl,
            AMDVMCBValues.cleanBits, AMDVMCBValues.virtualizationExtensions, AMDVMCBValues.interruptState,
            AMDVMCBValues.interruptVector, AMDVMCBValues.sevFeatures, AMDVMCBValues.allowedSEVFeatures,
            AMDVMCBValues.avicPhysicalTable, AMDVMCBValues.avicIncompleteIPIInfo1, AMDVMCBValues.avicIncompleteIPIInfo2,
            AMDVMCBValues.avicNoAccelInfo1, AMDVMCBValues.softwareInterruptInfo1, AMDVMCBValues.drAccessInfo1,
            AMDVMCBValues.taskSwitchInfo1, AMDVMCBValues.pageAddress,
        ] {
            all[layout.name] = layout
        }
        return all
    }()
}
