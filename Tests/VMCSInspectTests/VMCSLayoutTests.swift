import Testing

@testable import VMCSInspect

/// VMCS bit tables against values worked out by hand from Intel SDM Vol. 3 (325384-084).
@Suite struct VMCSBitLayoutTests {
    func words(_ word: UInt64, _ layout: BitLayout) -> [String] {
        let (bits, unnamed) = Decoder.split(word, by: layout)
        var out = bits.compactMap { ValueText.word($0) }
        if unnamed != 0 { out.append("unnamed=\(ValueText.hex(unnamed))") }
        return out
    }

    /// Decodes `value` as field `id` in a snapshot holding `context`, the fields that choose its table.
    func decode(_ id: String, _ value: UInt64, _ context: [String: UInt64?]) throws -> [String] {
        var snapshot = Snapshot(architecture: .vmx, source: "t", format: .fields, location: SourceLocation(file: "t"))
        for case (let key, let value?) in context { snapshot.values[key] = .integer(value) }
        let field = try #require(Catalog.vmcs.field(id: id))
        return ValueText.summary(Decoder.decode(field, value: .integer(value), in: snapshot))
    }

    func qualification(_ value: UInt64, reason: UInt64, intrInfo: UInt64? = nil) throws -> [String] {
        try decode("exit.qualification", value, ["exit.reason": reason, "exit.intr_info": intrInfo])
    }

    @Test func exitReason() {
        // 0x80000021: bit 31 (VM-entry failure), basic reason 33 (invalid guest state).
        #expect(words(0x8000_0021, IntelVMCSValues.exitReason) == ["BASIC=INVALID_GUEST_STATE", "VM_ENTRY_FAILURE"])
        #expect(words(48, IntelVMCSValues.exitReason) == ["BASIC=EPT_VIOLATION"])
        // Bit 27: enclave mode; basic 0 names exceptions and NMIs.
        #expect(words(0x0800_0000, IntelVMCSValues.exitReason) == ["BASIC=EXCEPTION_NMI", "ENCLAVE_MODE"])
        #expect(IntelVMCSValues.basicExitReasons[77] == "TDCALL")
        #expect(IntelVMCSValues.basicExitReasons[35] == nil)
    }

    @Test func instructionErrors() {
        #expect(words(7, IntelVMCSValues.instructionError) == ["ERROR=VM entry with invalid control field(s)"])
        #expect(words(12, IntelVMCSValues.instructionError) == ["ERROR=VMREAD/VMWRITE from/to unsupported VMCS component"])
        #expect(words(14, IntelVMCSValues.instructionError) == ["ERROR=0xe (unknown)"])
    }

    func instructionInfo(_ value: UInt64, reason: UInt64, qualification: UInt64? = nil) throws -> [String] {
        try decode("exit.instruction_info", value, ["exit.reason": reason, "exit.qualification": qualification])
    }

    @Test func instructionInformation() throws {
        // VMREAD to [rbx+rcx*8]: scaling 3, address size 2 (0x100), memory (bit 10 clear),
        // DS 3 (0x18000), index RCX 1 (0x40000), base RBX 3 (0x1800000), field encoding in RAX.
        #expect(
            try instructionInfo(0x0185_8103, reason: 23) == [
                "SCALING=x8", "ADDRESS_SIZE=64-bit", "MEM_REG=memory", "SEGMENT=DS", "INDEX=RCX", "BASE=RBX", "REG2=RAX",
            ])
        // VMWRITE from RSI (REG1 6 = 0x30, register form 0x400), encoding in RDX (2 << 28).
        #expect(try instructionInfo(0x2000_0430, reason: 25) == ["REG1=RSI", "MEM_REG=register", "REG2=RDX"])
        // INVEPT with the descriptor at [rcx]: 64-bit (0x100), DS (0x18000), no index (0x400000),
        // base RCX (0x800000), type in RAX; the scaling bits mean nothing without an index.
        #expect(try instructionInfo(0x00c1_8100, reason: 50) == ["ADDRESS_SIZE=64-bit", "SEGMENT=DS", "NO_INDEX", "BASE=RCX", "REG2=RAX"])
        // LGDT [rax]: identity 2 (0x20000000), base RAX, no index.
        #expect(
            try instructionInfo(0x2041_8100, reason: 46) == [
                "ADDRESS_SIZE=64-bit", "OPERAND_SIZE=16-bit", "SEGMENT=DS", "NO_INDEX", "BASE=RAX", "INSTRUCTION=LGDT",
            ])
        // LTR AX: register form, REG1 RAX, identity 3.
        #expect(try instructionInfo(0x3000_0400, reason: 47) == ["REG1=RAX", "MEM_REG=register", "INSTRUCTION=LTR"])
        // RDRAND ECX: operand RCX (1 << 3), operand size 1 (0x800).
        #expect(try instructionInfo(0x808, reason: 57) == ["OPERAND=RCX", "OPERAND_SIZE=32-bit"])
        // VMXON [rax] with bits 31:28 (undefined for VMXON) set: those show as unnamed.
        #expect(
            try instructionInfo(0xf041_8100, reason: 27) == [
                "ADDRESS_SIZE=64-bit", "SEGMENT=DS", "NO_INDEX", "BASE=RAX", "unnamed=0xf0000000",
            ])
        // REP OUTSB from FS:[rsi] (qualification 0x03f80030: string 0x10, REP 0x20, out): 64-bit
        // addressing (0x100), FS 4 (0x20000).
        #expect(try instructionInfo(0x20100, reason: 30, qualification: 0x03f8_0030) == ["ADDRESS_SIZE=64-bit", "SEGMENT=FS"])
        // INSW (qualification 0x01f00019: 2 bytes, in 0x8, string 0x10): bits 17:15 mean nothing.
        #expect(try instructionInfo(0x20100, reason: 30, qualification: 0x01f0_0019) == ["ADDRESS_SIZE=64-bit", "unnamed=0x20000"])
        // A plain OUT (no string bit) fills no instruction information.
        #expect(try instructionInfo(0x20100, reason: 30, qualification: 0x03f8_0000) == [])
        // CPUID (reason 10) has no instruction information: nothing is decoded.
        #expect(try instructionInfo(0x808, reason: 10) == [])
    }

    @Test func qualifications() throws {
        // EPT violation 0x181: read (0), GLA valid (7), access to the translation (8).
        #expect(try qualification(0x181, reason: 48) == ["READ", "GLA_VALID", "GLA_TRANSLATED"])
        // Write to a read-only page: write (1), readable (3), executable (5), GLA valid, translated.
        #expect(try qualification(0x1aa, reason: 48) == ["WRITE", "READABLE", "EXECUTABLE", "GLA_VALID", "GLA_TRANSLATED"])
        // OUT %al,%dx to 0x3f8: size 0 (1 byte), OUT, DX operand, port in 31:16.
        #expect(try qualification(0x03f8_0000, reason: 30) == ["SIZE=1 byte", "DIRECTION=OUT", "OPERAND=DX", "PORT=0x3f8"])
        // REP INSW from port 0x1f0: size 1, IN (8), string (0x10), REP (0x20).
        #expect(
            try qualification(0x01f0_0039, reason: 30) == ["SIZE=2 bytes", "DIRECTION=IN", "STRING", "REP", "OPERAND=DX", "PORT=0x1f0"])
        // IN %al,$0x60: immediate operand (bit 6).
        #expect(try qualification(0x0060_0048, reason: 30) == ["SIZE=1 byte", "DIRECTION=IN", "OPERAND=immediate", "PORT=0x60"])
        // MOV to CR3 from RAX: CR 3, type 0, GPR 0.
        #expect(try qualification(0x3, reason: 28) == ["CR=3", "ACCESS_TYPE=MOV to CR", "GPR=RAX"])
        // MOV from CR8 into RBX: CR 8, type 1 (0x10), GPR 3 (0x300).
        #expect(try qualification(0x318, reason: 28) == ["CR=8", "ACCESS_TYPE=MOV from CR", "GPR=RBX"])
        // LMSW from memory with source 1: type 3 (0x30), memory (0x40), source in 31:16.
        #expect(try qualification(0x1_0070, reason: 28) == ["ACCESS_TYPE=LMSW", "LMSW_OPERAND=memory", "LMSW_SOURCE=1"])
        // CLTS: type 2.
        #expect(try qualification(0x20, reason: 28) == ["ACCESS_TYPE=CLTS"])
        // MOV to DR7 from RCX: DR 7, direction 0, GPR 1.
        #expect(try qualification(0x107, reason: 29) == ["DR=7", "DIRECTION=MOV to DR", "GPR=RCX"])
        // Task switch by IRET (source 1 in 31:30) to selector 0x28.
        #expect(try qualification(0x4000_0028, reason: 9) == ["SELECTOR=0x28", "SOURCE=IRET"])
        // APIC access: linear write (type 1 in 15:12) to offset 0x300 (ICR low).
        #expect(try qualification(0x1300, reason: 44) == ["OFFSET=0x300", "ACCESS_TYPE=linear write"])
        // #DB exception (reason 0, vector 1): single step (BS, bit 14).
        #expect(try qualification(0x4000, reason: 0, intrInfo: 0x8000_0301) == ["BS"])
        // #PF exception (reason 0, vector 14): the faulting linear address.
        #expect(try qualification(0xffff_c900_00a3_1000, reason: 0, intrInfo: 0x8000_0b0e) == ["LINEAR_ADDRESS=0xffffc90000a31000"])
        // #UD has no qualification; INVLPG's is the operand; VMCLEAR's the displacement.
        #expect(try qualification(0x10, reason: 0, intrInfo: 0x8000_0306) == [])
        #expect(try qualification(0xffff_8880_0000_0000, reason: 14) == ["LINEAR_ADDRESS=0xffff888000000000"])
        #expect(try qualification(0x18, reason: 19) == ["DISPLACEMENT=0x18"])
        // Entry failures: invalid guest state (33) and MSR loading (34), a whole-field value each.
        // The SDM's words for qualifications 2 and 3 of exit reason 33 (section 27.8).
        #expect(try qualification(2, reason: 0x8000_0021) == ["failure was due to a problem loading the PDPTRs"])
        #expect(
            try qualification(3, reason: 0x8000_0021) == [
                "failure was due to an attempt to inject a non-maskable interrupt (NMI) into a guest that is blocking events through the STI blocking bit in the interruptibility-state field"
            ])
        #expect(try qualification(3, reason: 0x8000_0022) == ["(3)"])
        #expect(try qualification(0x30, reason: 45) == ["VECTOR=0x30"])
        #expect(try qualification(0x1000, reason: 75) == ["NMI_UNBLOCKING"])
    }

    @Test func interruptionInformation() {
        // 0x80000b0e: vector 14 (#PF), type 3 (hardware exception) in 10:8, error code (11), valid.
        #expect(
            words(0x8000_0b0e, IntelVMCSValues.exitInterruptionInfo) == [
                "VECTOR=#PF", "TYPE=HARDWARE_EXCEPTION", "ERROR_CODE_VALID", "VALID",
            ])
        // 0x800000ec: external interrupt 0xec.
        #expect(words(0x8000_00ec, IntelVMCSValues.exitInterruptionInfo) == ["VECTOR=0xec", "TYPE=EXTERNAL_INTERRUPT", "VALID"])
        // 0x80000202: NMI (vector 2, type 2); NMI unblocking due to IRET is bit 12.
        #expect(words(0x8000_1202, IntelVMCSValues.exitInterruptionInfo) == ["VECTOR=2", "TYPE=NMI", "NMI_UNBLOCKING", "VALID"])
        // Software interrupt INT 0x80: type 4.
        #expect(words(0x8000_0480, IntelVMCSValues.idtVectoringInfo) == ["VECTOR=0x80", "TYPE=SOFTWARE_INTERRUPT", "VALID"])
        // INT3: software exception (type 6) #BP.
        #expect(words(0x8000_0603, IntelVMCSValues.entryInterruptionInfo) == ["VECTOR=#BP", "TYPE=SOFTWARE_EXCEPTION", "VALID"])
        // Bit 12 is reserved in VM-entry interruption information.
        #expect(
            words(0x8000_1300, IntelVMCSValues.entryInterruptionInfo) == [
                "VECTOR=#DE", "TYPE=HARDWARE_EXCEPTION", "!RSVD[30:12]=0x1", "VALID",
            ])
    }

    @Test func controls() {
        // Pin-based 0xff: bits 0, 3, 5, 6, 7 named; 1, 2, 4 are default1.
        #expect(
            words(0xff, IntelVMCSControls.pinBased) == [
                "EXT_INTR_EXITING", "NMI_EXITING", "VIRTUAL_NMIS", "PREEMPTION_TIMER", "POSTED_INTR",
            ])
        // Pin-based 0x1: default1 bits clear.
        #expect(words(0x1, IntelVMCSControls.pinBased) == ["EXT_INTR_EXITING", "!RSVD[1]=0x0", "!RSVD[2]=0x0", "!RSVD[4]=0x0"])
        // Secondary 0x82: enable EPT (1), unrestricted guest (7).
        #expect(words(0x82, IntelVMCSControls.secondary) == ["ENABLE_EPT", "UNRESTRICTED_GUEST"])
        // Tertiary 0x10: IPI virtualization.
        #expect(words(0x10, IntelVMCSControls.tertiary) == ["IPI_VIRT"])
        // Entry 0x000011ff... with IA-32e mode guest (bit 9): 0x13ff = default1 0-8 and 12, bit 9.
        #expect(words(0x13ff, IntelVMCSControls.entry) == ["LOAD_DEBUG_CONTROLS", "IA32E_MODE"])
        // Entry 0x8013ff: the same with load IA32_FRED (bit 23, Linux VM_ENTRY_LOAD_IA32_FRED 0x00800000).
        #expect(words(0x80_13ff, IntelVMCSControls.entry) == ["LOAD_DEBUG_CONTROLS", "IA32E_MODE", "LOAD_IA32_FRED"])
        // Secondary exit 0x3: save and load IA32_FRED (bits 0 and 1); 0x4: load IA32_SPEC_CTRL
        // (bit 2); bit 4 has no name.
        #expect(words(0x3, IntelVMCSControls.secondaryExit) == ["SAVE_IA32_FRED", "LOAD_IA32_FRED"])
        #expect(words(0x4, IntelVMCSControls.secondaryExit) == ["LOAD_IA32_SPEC_CTRL"])
        #expect(words(0x10, IntelVMCSControls.secondaryExit) == ["unnamed=0x10"])
        // Exit 0x3efff: bits 0-11 and 13-17: default1 bits, save debug controls (2), host
        // address-space size (9), acknowledge interrupt (15); bit 12 (load PERF_GLOBAL_CTRL) clear.
        #expect(words(0x3_efff, IntelVMCSControls.exit) == ["SAVE_DEBUG_CONTROLS", "HOST_ADDR_SPACE_SIZE", "ACK_INTR_ON_EXIT"])
    }

    @Test func guestState() {
        // CS access rights 0xa09b: type 0xb, S, P, L (13), G (15).
        #expect(words(0xa09b, IntelVMCSValues.accessRights) == ["TYPE=code XR accessed", "S", "P", "L", "G"])
        // 0x1c000: unusable (16); the rest is ignored.
        #expect(words(0x1_c000, IntelVMCSValues.accessRights) == ["IGNORED=0xc000", "UNUSABLE"])
        // Interruptibility 0x9: blocking by STI (0) and by NMI (3).
        #expect(words(0x9, IntelVMCSValues.interruptibility) == ["BLOCKING_BY_STI", "BLOCKING_BY_NMI"])
        #expect(words(1, IntelVMCSValues.activityState) == ["STATE=HLT"])
        #expect(words(3, IntelVMCSValues.activityState) == ["STATE=WAIT_FOR_SIPI"])
        // EPTP 0x11c3e905e: WB (6), walk length 4 (3 in 5:3), A/D (6), PML4 at 0x11c3e9000.
        #expect(
            words(0x1_1c3e_905e, IntelVMCSValues.eptPointer) == [
                "MEMORY_TYPE=WB", "PAGE_WALK_LENGTH_MINUS_1=3", "AD_ENABLE", "PML4=0x11c3e9000",
            ])
        // Selector 0x2b: index 5, RPL 3.
        #expect(words(0x2b, IntelVMCSValues.selector) == ["RPL=3", "INDEX=5"])
        // Guest interrupt status 0x31ec: SVI 0x31, RVI 0xec.
        #expect(words(0x31ec, IntelVMCSValues.guestInterruptStatus) == ["RVI=0xec", "SVI=0x31"])
        // Pending debug exceptions: BS (14) and enabled breakpoint (12).
        #expect(words(0x5000, IntelVMCSValues.pendingDebugExceptions) == ["ENABLED_BP", "BS"])
    }

    @Test func cr3ReadsByPCIDE() throws {
        let field = try #require(Catalog.vmcs.field(id: "guest.cr3"))
        var snapshot = Snapshot(architecture: .vmx, source: "t", format: .fields, location: SourceLocation(file: "t"))
        snapshot.values["guest.cr4"] = .integer(0x2_0000)  // PCIDE
        #expect(ValueText.summary(Decoder.decode(field, value: .integer(0x1_0a6b_2004), in: snapshot)) == ["PCID=4", "BASE=0x10a6b2000"])
        snapshot.values["guest.cr4"] = .integer(0)
        #expect(
            ValueText.summary(Decoder.decode(field, value: .integer(0x1_0a6b_2018), in: snapshot)) == ["PWT", "PCD", "BASE=0x10a6b2000"])
    }
}

@Suite struct VMCSMemoryLayoutTests {
    @Test(arguments: VMCSLayout.builtIn.map(\.name))
    func layoutPlacesKnownFieldsWithoutOverlap(name: String) throws {
        let layout = try #require(VMCSLayout.named(name))
        var ranges: [(Range<Int>, UInt32)] = []
        for entry in layout.entries {
            let field = try #require(
                Catalog.vmcs.resolve("0x" + String(entry.encoding, radix: 16))?.field, "0x\(String(entry.encoding, radix: 16))")
            let range = entry.offset..<(entry.offset + field.size)
            #expect(range.upperBound <= 4096)
            for (other, encoding) in ranges where other.overlaps(range) {
                Issue.record("\(name): 0x\(String(entry.encoding, radix: 16)) overlaps 0x\(String(encoding, radix: 16))")
            }
            ranges.append((range, entry.encoding))
        }
        #expect(Set(layout.entries.map(\.encoding)).count == layout.entries.count)
    }

    @Test func vmcs12OffsetsFromTheHeader() throws {
        // A few offsets read off vmcs12.h's CHECK_OFFSET list by hand.
        let offsets = Dictionary(VMCSLayout.vmcs12.entries.map { ($0.encoding, $0.offset) }, uniquingKeysWith: { a, _ in a })
        #expect(offsets[0x2000] == 40)  // io_bitmap_a
        #expect(offsets[0x201a] == 120)  // ept_pointer
        #expect(offsets[0x6400] == 408)  // exit_qualification
        #expect(offsets[0x681e] == 544)  // guest_rip
        #expect(offsets[0x4402] == 812)  // vm_exit_reason
        #expect(offsets[0x0812] == 996)  // guest_pml_index
        #expect(VMCSLayout.vmcs12.revision == 0x11e5_7ed0)
    }

    @Test func layoutFiles() throws {
        let layout = try LayoutFileReader.parse(
            "# my CPU\nname test-cpu\nrevision 0x12\n0x681e 0x10\nGUEST_RSP 24\nexit reason 0x20 # comment\n", name: "l")
        #expect(layout.name == "test-cpu")
        #expect(layout.revision == 0x12)
        #expect(layout.entries.map(\.encoding) == [0x681e, 0x681c, 0x4402])
        #expect(layout.entries.map(\.offset) == [0x10, 24, 0x20])
        #expect(throws: InspectError(.line("l", 1), "unknown VMCS field 'NOPE'")) { try LayoutFileReader.parse("NOPE 0x10", name: "l") }
        #expect(
            throws: InspectError(
                .line("l", 1), "expected an offset from 0x0 to 0xff8 for GUEST_RIP (8 bytes, inside the 4096-byte page), found '0x1000'")
        ) {
            try LayoutFileReader.parse("GUEST_RIP 0x1000", name: "l")
        }
        // A 2-byte field fits at 0xffe; fields may touch but not share a byte.
        #expect(try LayoutFileReader.parse("GUEST_ES_SELECTOR 0xffe\nGUEST_RIP 0xff6", name: "l").entries.count == 2)
        #expect(throws: InspectError(.line("l", 3), "GUEST_CS_SELECTOR (0x107 to 0x108) overlaps GUEST_RIP (0x100 to 0x107, line 1)")) {
            try LayoutFileReader.parse("GUEST_RIP 0x100\nGUEST_RSP 0x108\nGUEST_CS_SELECTOR 0x107", name: "l")
        }
        #expect(throws: InspectError(.line("l", 2), "GUEST_RIP is placed twice (first on line 1)")) {
            try LayoutFileReader.parse("GUEST_RIP 0\n0x681e 8", name: "l")
        }
        #expect(throws: InspectError.self) { try LayoutFileReader.parse("# nothing\n", name: "l") }
        #expect(throws: InspectError.self) { try LayoutFileReader.parse("GUEST_RIP 0xffffffffffffffff", name: "l") }
    }
}

/// `--layout vmsa`: an SEV-ES save area on a page of its own. Offsets from APM Vol. 2 (24593 rev
/// 3.42) Table B-4, relative to the page; the page is `samples/cores/pages/vmsa.bin`, whose
/// values `samples/tools/make_core_pages.py` states.
@Suite struct VMSALayoutTests {
    func read(_ settings: InputSettings) throws -> Snapshot {
        let reader = try SnapshotReader(path: Package.path("samples/cores/pages/vmsa.bin"), displayName: "vmsa.bin", settings: settings)
        return try #require(try reader.readAll().first)
    }

    @Test func theSaveAreaIsReadFromOffsetZero() throws {
        let snapshot = try read(InputSettings(layout: "vmsa"))
        #expect(snapshot.architecture == .svm)
        // RIP at 0x178 (the npf guest's, as vmcb-npf.kvm.log prints it), RCX at 0x308, RDX at
        // 0x310, R15 at 0x378, SEV_FEATURES at 0x3b0, GUEST_EXITCODE at 0x3c0, XCR0 at 0x3e8.
        #expect(snapshot.integer("save.rip") == 0xffff_ffff_8107_a3b5)
        #expect(snapshot.integer("save.rcx") == 1)
        #expect(snapshot.integer("save.rdx") == 0x3f8)
        #expect(snapshot.integer("save.r15") == 0xffff_ffff_82a0_b000)
        #expect(snapshot.integer("save.sev_features") == 4)
        #expect(snapshot.integer("save.guest_exit_code") == 0x400)
        #expect(snapshot.integer("save.xcr0") == 7)
        // A VMSA has no control area: absent, not zero.
        #expect(snapshot.integer("control.exit_code") == nil)
        #expect(snapshot.pageNotes.contains { $0.contains("SEV-ES save area") })
    }

    @Test func withoutTheLayoutThePageIsRefusedNamingTheLayout() throws {
        // The VMSA's first bytes are segment registers where a VMCB keeps its intercepts: no
        // VMRUN intercept, so not read as a VMCB without being asked.
        let error = try #require(throws: InspectError.self) { try read(InputSettings()) }
        #expect(error.message.contains("--layout vmsa reads it as one"))
    }

    @Test func vmsaIsNoVMCSLayout() {
        #expect(throws: InspectError.self) { try VMCSLayout.resolve("vmsa") }
        #expect(throws: InspectError.self) {
            try SnapshotReader.read("[ 1.0] kvm_amd: exit_code: 400", name: "k.log", settings: InputSettings(layout: "vmsa"))
        }
    }
}
