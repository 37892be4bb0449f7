import Testing

@testable import VMCSInspect

/// The catalog rows issue 11 adds, against numbers transcribed independently of the catalog:
/// VMCS encodings as Bochs' `cpu/vmx.h` defines them (read as facts), the SEV-ES save-area
/// offsets as Linux's `struct sev_es_save_area` places them (APM Table B-4), and `fields` by
/// a `_HIGH` name.
@Suite struct CatalogAdditionsTests {
    /// Bochs `bochs/cpu/vmx.h`: VMCS_16BIT_CONTROL_VIRTUAL_TIMER_VECTOR 0x000A, …_GUEST_DEADLINE_SHADOW
    /// 0x204E, …_INJECTED_EVENT_DATA 0x2052, VMCS_64BIT_MSR_DATA 0x2402, …_ORIGINAL_EVENT_DATA
    /// 0x2404, the guest FRED MSRs 0x281A to 0x2828 (step 2), guest IA32_SPEC_CTRL 0x282E, guest
    /// deadline 0x2830, the host FRED MSRs 0x2C08 to 0x2C16, host IA32_SPEC_CTRL 0x2C1A,
    /// VMCS_32BIT_CONTROL_SEAM_GUEST_KEYID 0x4026.
    static let bochsEncodings: [(String, UInt32)] = [
        ("ctrl.virtual_timer_vector", 0x000a), ("ctrl.guest_deadline_shadow", 0x204e), ("ctrl.injected_event_data", 0x2052),
        ("exit.msr_data", 0x2402), ("exit.original_event_data", 0x2404),
        ("guest.ia32_fred_config", 0x281a), ("guest.ia32_fred_rsp1", 0x281c), ("guest.ia32_fred_rsp2", 0x281e),
        ("guest.ia32_fred_rsp3", 0x2820), ("guest.ia32_fred_stack_levels", 0x2822), ("guest.ia32_fred_ssp1", 0x2824),
        ("guest.ia32_fred_ssp2", 0x2826), ("guest.ia32_fred_ssp3", 0x2828), ("guest.ia32_spec_ctrl", 0x282e), ("guest.deadline", 0x2830),
        ("host.ia32_fred_config", 0x2c08), ("host.ia32_fred_rsp1", 0x2c0a), ("host.ia32_fred_rsp2", 0x2c0c),
        ("host.ia32_fred_rsp3", 0x2c0e),
        ("host.ia32_fred_stack_levels", 0x2c10), ("host.ia32_fred_ssp1", 0x2c12), ("host.ia32_fred_ssp2", 0x2c14),
        ("host.ia32_fred_ssp3", 0x2c16), ("host.ia32_spec_ctrl", 0x2c1a), ("ctrl.seam_guest_keyid", 0x4026),
    ]

    @Test(arguments: bochsEncodings)
    func newEncodingsMatchBochs(_ id: String, _ encoding: UInt32) throws {
        let field = try #require(Catalog.vmcs.field(id: id), "\(id)")
        #expect(field.encoding == encoding)
        // SDM 25.11.2: bits 14:13 give the width (0 16-bit, 1 64-bit, 2 32-bit, 3 natural).
        let width = (encoding >> 13) & 3
        #expect(IntelVMCS.size(ofEncoding: encoding) == [2, 8, 4, 8][Int(width)])
    }

    /// SDM Appendix C: 84 and 85 are the immediate forms of RDMSR and WRMSRNS; 80 and 81 URDMSR
    /// and UWRMSR. Each has a name and a sentence, and is caused by an instruction.
    @Test func newestExitReasons() {
        for reason: UInt64 in [80, 81, 84, 85] {
            #expect(IntelVMCSValues.basicExitReasons[reason] != nil, "\(reason)")
            #expect(Explanations.vmx[reason] != nil, "\(reason)")
            #expect(Explainer.reasonsWithInstructionLength.contains(reason), "\(reason)")
        }
        #expect(IntelVMCSValues.basicExitReasons[84] == "MSR_READ_IMM")
        #expect(IntelVMCSValues.basicExitReasons[85] == "MSR_WRITE_IMM")
    }

    // MARK: fields

    /// `fields IO_BITMAP_A_HIGH` and `fields 0x2001` find IO_BITMAP_A (encoding 0x2000, whose
    /// upper half 0x2001 names, SDM 25.11.2); a 32-bit field's `_HIGH` finds nothing.
    @Test func fieldsFindsHighNames() {
        #expect(FieldsCommand.matching("IO_BITMAP_A_HIGH", in: Catalog.vmcs).map(\.name) == ["IO_BITMAP_A"])
        #expect(FieldsCommand.matching("0x2001", in: Catalog.vmcs).contains { $0.name == "IO_BITMAP_A" })
        #expect(FieldsCommand.matching("GUEST_IA32_FRED_CONFIG_HIGH", in: Catalog.vmcs).map(\.encoding) == [0x281a])
        #expect(FieldsCommand.matching("VM_EXIT_REASON_HIGH", in: Catalog.vmcs).isEmpty)
    }

    /// A bit id keeps the field that holds the bit: CR4.VMXE is bit 13 of the guest CR4 field,
    /// encoding 0x6804 (SDM Vol. 3 Table B-12 (natural-width guest-state fields) and section
    /// 2.5); EFER.SVME is bit 12 of the VMCB's EFER at save-area offset 0xd0, 0x4d0 from the
    /// VMCB's start (APM Vol. 2 Table B-2, section 3.1.7). A bit the field lacks finds nothing.
    /// A VMCS name asked of a VMCB says whose it is and, where both save the register, the
    /// field that holds it here: guest RIP is the VMCS's GUEST_RIP (0x681e, SDM Table B-12) and
    /// the VMCB's save-area RIP (0x578, APM Table B-2). EXITINFO1 has no VMCS counterpart. A bit
    /// id names the other structure's bit only when that field has the bit. The VMCS's segment
    /// access rights and the VMCB's attributes hold the same bits packed differently (SDM Table
    /// 25-2; APM Table B-2). A number is not taken as the other structure's: 0x681e is no VMCB
    /// offset, and nothing more is said.
    @Test func otherStructuresNamesAreSaidToBeTheirs() {
        func message(_ spelling: String, _ catalog: Catalog) -> String {
            do {
                _ = try FieldSelection.resolveTarget(spelling, in: catalog, what: "--field")
                return ""
            } catch { return "\(error)" }
        }
        let generic = "(give a Linux name, an APM name or an offset such as 0x070; a bit as FIELD.BIT)"
        #expect(
            message("GUEST_RIP", .vmcb)
                == "unknown VMCB field 'GUEST_RIP' in --field: it names the VMCS field guest.rip; the VMCB holds that register as save.rip")
        #expect(message("EXITINFO1", .vmcs) == "unknown VMCS field 'EXITINFO1' in --field: it names the VMCB field control.exit_info_1")
        #expect(
            message("GUEST_CR4.VMXE", .vmcb)
                == "unknown VMCB field 'GUEST_CR4.VMXE' in --field: it names the VMCS bit guest.cr4.vmxe; the VMCB holds that register as save.cr4")
        #expect(message("GUEST_CR4.NOSUCH", .vmcb).hasSuffix(generic))
        #expect(
            message("GUEST_CS_AR_BYTES", .vmcb)
                == "unknown VMCB field 'GUEST_CS_AR_BYTES' in --field: it names the VMCS field guest.cs.ar; the VMCB holds that register as save.cs.attrib (in another format)"
        )
        #expect(message("0x681e", .vmcb).hasSuffix(generic))
        #expect(message("NO_SUCH_FIELD", .vmcb).hasSuffix(generic))
    }

    @Test func fieldsFindsTheFieldOfABit() {
        #expect(FieldsCommand.matching("guest.cr4.vmxe", in: Catalog.vmcs).map(\.encoding) == [0x6804])
        #expect(FieldsCommand.matching("GUEST_CR4.VMXE", in: Catalog.vmcs).map(\.encoding) == [0x6804])
        #expect(FieldsCommand.matching("save.efer.svme", in: Catalog.vmcb).map(\.offset) == [0x4d0])
        #expect(FieldsCommand.matching("guest.cr4.svme", in: Catalog.vmcs).isEmpty)
        #expect(FieldsCommand.matching("guest.cr4.vmxe", in: Catalog.vmcb).isEmpty)
    }

    // MARK: VMSA

    /// Linux `struct sev_es_save_area` (APM Table B-4), offsets from the start of the save area:
    /// cpl 0xcb, efer 0xd0, cr0 0x158, rip 0x178, rsp 0x1d8, rcx 0x308, r15 0x378, sev_features
    /// 0x3b0, xcr0 0x3e8, x87_dp 0x400, mxcsr 0x408, x87_fcw 0x410, fpreg_x87 0x420 (80 bytes),
    /// fpreg_xmm 0x470 (256), fpreg_ymm 0x570 (256, so the area ends at 0x670).
    static let vmsaOffsets: [(String, Int, Int)] = [
        ("save.cpl", 0xcb, 1), ("save.efer", 0xd0, 8), ("save.cr0", 0x158, 8), ("save.rip", 0x178, 8), ("save.rsp", 0x1d8, 8),
        ("save.rcx", 0x308, 8), ("save.r15", 0x378, 8), ("save.sev_features", 0x3b0, 8), ("save.xcr0", 0x3e8, 8),
        ("save.x87_dp", 0x400, 8), ("save.mxcsr", 0x408, 4), ("save.x87_fcw", 0x410, 2), ("save.fpreg_x87", 0x420, 80),
        ("save.fpreg_xmm", 0x470, 256), ("save.fpreg_ymm", 0x570, 256),
    ]

    @Test(arguments: vmsaOffsets)
    func vmsaOffsetsMatchTheSaveArea(_ id: String, _ offset: Int, _ size: Int) throws {
        let entry = try #require(VMSALayout.entries.first { $0.field.id == id }, "\(id)")
        #expect(entry.offset == offset)
        #expect(entry.field.size == size)
        // In a VMCB the same field sits 400h further on.
        #expect(entry.field.offset == offset + 0x400)
    }

    @Test func vmsaEntriesAreTheSaveArea() {
        #expect(VMSALayout.entries.allSatisfy { $0.field.id.hasPrefix("save.") })
        #expect(VMSALayout.entries.map { $0.offset + $0.field.size }.max() == 0x670)
        #expect(VMSALayout.name == "vmsa")
    }

    /// A page with known bytes: CPL 3 at 0xcb; EFER 0x1d00 = LME (8), LMA (10), NXE (11) and
    /// SVME (12), bytes 00 1d at 0xd0 little-endian; RIP 0xffffffff81000000 at 0x178; MXCSR
    /// 0x1f80 at 0x408; XMM0's first byte 0xaa at 0x470.
    @Test func vmsaPageValues() throws {
        var page = [UInt8](repeating: 0, count: 4096)
        page[0xcb] = 3
        page[0xd1] = 0x1d
        for (index, byte) in [0x00, 0x00, 0x00, 0x81, 0xff, 0xff, 0xff, 0xff].enumerated() { page[0x178 + index] = UInt8(byte) }
        page[0x408] = 0x80
        page[0x409] = 0x1f
        page[0x470] = 0xaa
        let values = VMSALayout.values(page: page)
        #expect(values["save.cpl"] == .integer(3))
        #expect(values["save.efer"] == .integer(0x1d00))
        #expect(values["save.rip"] == .integer(0xffff_ffff_8100_0000))
        #expect(values["save.mxcsr"] == .integer(0x1f80))
        guard case .bytes(let xmm) = values["save.fpreg_xmm"] else {
            Issue.record("fpreg_xmm is not bytes: \(String(describing: values["save.fpreg_xmm"]))")
            return
        }
        #expect(xmm.count == 256 && xmm.first == 0xaa)
        #expect(values.keys.allSatisfy { $0.hasPrefix("save.") })
        // A page cut at 0x400 keeps the registers and loses the x87 area.
        let short = VMSALayout.values(page: Array(page[0..<0x400]))
        #expect(short["save.rip"] == .integer(0xffff_ffff_8100_0000))
        #expect(short["save.mxcsr"] == nil)
        #expect(VMSALayout.values(page: []).isEmpty)
    }

    /// A VMSA page decodes as SVM state: the values build a snapshot the SVM catalog reads.
    @Test func vmsaPageDecodes() throws {
        var page = [UInt8](repeating: 0, count: 4096)
        page[0xcb] = 3
        var snapshot = Snapshot(architecture: .svm, source: "t", format: .fields, location: SourceLocation(file: "t"))
        snapshot.values = VMSALayout.values(page: page)
        let decoded = Decoder.decode(snapshot)
        #expect(decoded.field("save.cpl")?.integer == 3)
    }
}
