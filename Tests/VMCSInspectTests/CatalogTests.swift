import Testing

@testable import VMCSInspect

@Suite struct CatalogTests {
    @Test func vmcbCatalogIsSound() {
        #expect(Catalog.vmcb.validate() == [])
    }

    /// Lookups are remembered: asked again, a spelling gets the same answer, a name of no field
    /// stays nil, and past the memo's bound (spellings come from input) lookups still answer.
    @Test func lookupsAnswerTheSameWhenRemembered() {
        for _ in 0..<2 {
            // SDM Appendix B: GUEST_RIP is 0x681E; 0x2801 is the upper half of the link pointer.
            #expect(Catalog.vmcs.resolve("GUEST_RIP")?.field.encoding == 0x681E)
            let high = Catalog.vmcs.resolve(" 0x2801 ")
            #expect(high?.field.encoding == 0x2800)
            #expect(high?.isHighHalf == true)
            #expect(Catalog.vmcs.resolve("NOT_A_FIELD") == nil)
            // APM Appendix B: the VMCB's EXITCODE is at offset 0x70.
            #expect(Catalog.vmcb.resolve("exit_code")?.field.offset == 0x70)
        }
        // A catalog of its own, so no other test's lookups are in its memo.
        let catalog = Catalog(architecture: .cpu, fields: CPUState.fields, groups: CPUState.groups)
        for index in 0..<CatalogSpellings.resolvedLimit { _ = catalog.resolve("junk\(index)") }
        #expect(catalog.spellings.rememberedCount == CatalogSpellings.resolvedLimit)
        // Full, the memo starts afresh: a name first met now is remembered and answered.
        #expect(catalog.resolve("CR0")?.field.id == "cpu.cr0")
        #expect(catalog.spellings.rememberedCount == 1)
        #expect(catalog.resolve("CR0")?.field.id == "cpu.cr0")
        #expect(catalog.resolve("junk1") == nil)
        // A whole line taken for a label is not kept.
        let line = String(repeating: "x", count: 1024)
        #expect(catalog.resolve(line) == nil)
        #expect(catalog.spellings.rememberedCount == 2)
    }

    @Test func sharedRegisterLayoutsAreSound() {
        let layouts = [
            Registers.cr0, Registers.cr3, Registers.cr4, Registers.efer, Registers.rflags, Registers.rflagsMask,
            Registers.dr6, Registers.dr7, Registers.pat, Registers.vmcbSegmentAttributes, Registers.xcr0,
            Registers.xss, Registers.cet, Registers.amdSpecCtrl, Registers.amdDebugCtl, Registers.exceptionBitmap,
            Registers.pageFaultErrorCode, Registers.selectorErrorCode,
        ]
        for layout in layouts {
            #expect(Catalog.validate(layout: layout, width: 64, field: layout.name) == [])
        }
    }

    /// Offsets and sizes transcribed separately from Linux 6.12's `struct vmcb_control_area` and
    /// `struct vmcb_save_area` (arch/x86/include/asm/svm.h), by counting member sizes, and
    /// checked against APM Vol. 2 rev 3.42 Tables B-1 and B-2.
    static let independentOffsets: [(String, Int, Int)] = [
        ("cr_read", 0x000, 2), ("cr_write", 0x002, 2), ("dr_read", 0x004, 2), ("dr_write", 0x006, 2),
        ("exceptions", 0x008, 4), ("intercept_word3", 0x00c, 4), ("intercept_word4", 0x010, 4),
        ("intercept_word5", 0x014, 4), ("pause_filter_thresh", 0x03c, 2), ("pause_filter_count", 0x03e, 2),
        ("iopm_base_pa", 0x040, 8), ("msrpm_base_pa", 0x048, 8), ("tsc_offset", 0x050, 8), ("asid", 0x058, 4),
        ("tlb_ctl", 0x05c, 1), ("int_ctl", 0x060, 4), ("int_vector", 0x064, 4),
        // APM Table B-1: 068h is one 64-bit word (Linux declares u32 int_state and 4 reserved bytes).
        ("int_state", 0x068, 8),
        ("exit_code", 0x070, 8), ("exit_info_1", 0x078, 8), ("exit_info_2", 0x080, 8),
        ("exit_int_info", 0x088, 4), ("exit_int_info_err", 0x08c, 4), ("nested_ctl", 0x090, 8),
        ("avic_vapic_bar", 0x098, 8), ("ghcb_gpa", 0x0a0, 8), ("event_inj", 0x0a8, 4), ("event_inj_err", 0x0ac, 4),
        ("nested_cr3", 0x0b0, 8), ("virt_ext", 0x0b8, 8), ("clean", 0x0c0, 4), ("next_rip", 0x0c8, 8),
        ("insn_len", 0x0d0, 1), ("insn_bytes", 0x0d1, 15), ("avic_backing_page", 0x0e0, 8),
        ("avic_logical_id", 0x0f0, 8), ("avic_physical_id", 0x0f8, 8), ("vmsa_pa", 0x108, 8),
        ("bus_lock_counter", 0x120, 2), ("update_irr", 0x134, 1), ("allowed_sev_features", 0x138, 8),
        ("guest_sev_features", 0x140, 8), ("requested_irr", 0x150, 32), ("pml_addr", 0x1c8, 8), ("pml_index", 0x1d0, 2),
        // struct hv_vmcb_enlightenments at 0x3e0 (arch/x86/include/asm/hyperv-tlfs.h): u32, u32, u64, u64.
        ("hv_enlightenments", 0x3e0, 4), ("hv_vp_id", 0x3e4, 4), ("hv_vm_id", 0x3e8, 8), ("hv_assist_page", 0x3f0, 8),
        ("es.selector", 0x400, 2), ("es.attrib", 0x402, 2), ("es.limit", 0x404, 4), ("es.base", 0x408, 8),
        ("cs.selector", 0x410, 2), ("ss.attrib", 0x422, 2), ("ds.limit", 0x434, 4), ("fs.base", 0x448, 8),
        ("gs.base", 0x458, 8), ("gdtr.limit", 0x464, 4), ("ldtr.selector", 0x470, 2), ("idtr.base", 0x488, 8),
        ("tr.attrib", 0x492, 2), ("vmpl", 0x4ca, 1), ("cpl", 0x4cb, 1), ("efer", 0x4d0, 8), ("cr4", 0x548, 8),
        ("cr3", 0x550, 8), ("cr0", 0x558, 8), ("dr7", 0x560, 8), ("dr6", 0x568, 8), ("rflags", 0x570, 8),
        ("rip", 0x578, 8), ("rsp", 0x5d8, 8), ("s_cet", 0x5e0, 8), ("ssp", 0x5e8, 8), ("isst_addr", 0x5f0, 8),
        ("rax", 0x5f8, 8), ("star", 0x600, 8), ("lstar", 0x608, 8), ("cstar", 0x610, 8), ("sfmask", 0x618, 8),
        ("kernel_gs_base", 0x620, 8), ("sysenter_cs", 0x628, 8), ("sysenter_esp", 0x630, 8),
        ("sysenter_eip", 0x638, 8), ("cr2", 0x640, 8), ("g_pat", 0x668, 8), ("dbgctl", 0x670, 8),
        ("br_from", 0x678, 8), ("br_to", 0x680, 8), ("last_excp_from", 0x688, 8), ("last_excp_to", 0x690, 8),
        ("spec_ctrl", 0x6e0, 8),
        // struct sev_es_save_area, at 0x400 in the page
        ("pl0_ssp", 0x4a0, 8), ("u_cet", 0x4c0, 8), ("xss", 0x540, 8), ("dr0", 0x580, 8), ("dr3_addr_mask", 0x5b8, 8),
        ("pkru", 0x6e8, 4), ("tsc_aux", 0x6ec, 4), ("rcx", 0x708, 8), ("rbx", 0x718, 8), ("rbp", 0x728, 8),
        ("r8", 0x740, 8), ("r15", 0x778, 8), ("guest_exit_info_1", 0x790, 8), ("guest_exit_code", 0x7c0, 8),
        ("vmsa_event_inj", 0x7e0, 8), ("xcr0", 0x7e8, 8),
        // Secure TSC (current Linux: u64 tsc_scale, tsc_offset after tsc_aux), and the floating
        // point area: 0x400 + 0x400 = 0x800 onward, u64 x87_dp, u32 mxcsr, six u16, u64 x87_rip,
        // 80 + 256 + 256 bytes of registers (0x820, 0x870, 0x970; 0x970 + 256 = 0xa70 = 0x400 + 1648).
        ("tsc_scale", 0x6f0, 8), ("vmsa_tsc_offset", 0x6f8, 8), ("x87_dp", 0x800, 8), ("mxcsr", 0x808, 4),
        ("x87_ftw", 0x80c, 2), ("x87_fsw", 0x80e, 2), ("x87_fcw", 0x810, 2), ("x87_fop", 0x812, 2), ("x87_ds", 0x814, 2),
        ("x87_cs", 0x816, 2), ("x87_rip", 0x818, 8), ("fpreg_x87", 0x820, 80), ("fpreg_xmm", 0x870, 256),
        ("fpreg_ymm", 0x970, 256),
    ]

    @Test(arguments: independentOffsets)
    func offsetMatchesIndependentTranscription(name: String, offset: Int, size: Int) throws {
        let field = try #require(Catalog.vmcb.lookup(name))
        #expect(field.offset == offset)
        #expect(field.size == size)
    }

    @Test(arguments: [
        ("EXITINFO1", "control.exit_info_1"), ("exit_info_1", "control.exit_info_1"),
        ("exit-info1", "control.exit_info_1"), ("Exit Info 1", "control.exit_info_1"), ("0x078", "control.exit_info_1"),
        ("0x70", "control.exit_code"), ("EXITCODE", "control.exit_code"), ("CS.attrib", "save.cs.attrib"),
        ("cs_attrib", "save.cs.attrib"), ("save.cs.attrib", "save.cs.attrib"), ("gpat", "save.g_pat"),
        ("G_PAT", "save.g_pat"), ("lbr_ctl", "control.virt_ext"), ("misc_ctl", "control.nested_ctl"),
        ("KernelGsBase", "save.kernel_gs_base"), ("N_CR3", "control.nested_cr3"),
    ])
    func lookupAcceptsEverySpelling(spelling: String, id: String) {
        #expect(Catalog.vmcb.lookup(spelling)?.id == id)
    }

    @Test func lookupRejectsUnknownNames() {
        #expect(Catalog.vmcb.lookup("no_such_field") == nil)
        #expect(Catalog.vmcb.lookup("0x018") == nil)
    }

    @Test func exitCodeNamesFollowTableC1() {
        let names = AMDVMCBValues.exitCodes
        #expect(names[0x00] == "CR0_READ")
        #expect(names[0x1f] == "CR15_WRITE")
        #expect(names[0x27] == "DR7_READ")
        #expect(names[0x4e] == "EXCP14 #PF")
        #expect(names[0x5d] == "EXCP29 #VC")
        #expect(names[0x60] == "INTR")
        #expect(names[0x7b] == "IOIO")
        #expect(names[0x7f] == "SHUTDOWN")
        #expect(names[0x8d] == "XSETBV")
        #expect(names[0x8f] == "EFER_WRITE_TRAP")
        #expect(names[0x94] == "CR4_WRITE_TRAP")
        #expect(names[0xa2] == "INVPCID")
        #expect(names[0x400] == "NPF")
        #expect(names[0x403] == "VMGEXIT")
        #expect(names[0xffff_ffff_ffff_ffff] == "INVALID")
        #expect(names[0xffff_ffff_ffff_fffe] == "BUSY")
        #expect(names[0x404] == nil)
    }
}

@Suite struct VMCSCatalogTests {
    @Test func vmcsCatalogIsSound() {
        #expect(Catalog.vmcs.validate() == [])
    }

    /// Encodings transcribed separately from Linux 6.12's `enum vmcs_field` and checked against
    /// SDM Vol. 3 Appendix B.
    static let linuxEncodings: [(String, UInt32)] = [
        ("VIRTUAL_PROCESSOR_ID", 0x0000), ("POSTED_INTR_NV", 0x0002), ("LAST_PID_POINTER_INDEX", 0x0008),
        ("GUEST_ES_SELECTOR", 0x0800), ("GUEST_TR_SELECTOR", 0x080e), ("GUEST_INTR_STATUS", 0x0810), ("GUEST_PML_INDEX", 0x0812),
        ("HOST_ES_SELECTOR", 0x0c00), ("HOST_TR_SELECTOR", 0x0c0c), ("IO_BITMAP_A", 0x2000), ("MSR_BITMAP", 0x2004),
        ("VM_ENTRY_MSR_LOAD_ADDR", 0x200a), ("PML_ADDRESS", 0x200e), ("TSC_OFFSET", 0x2010), ("APIC_ACCESS_ADDR", 0x2014),
        ("EPT_POINTER", 0x201a), ("EOI_EXIT_BITMAP3", 0x2022), ("VMWRITE_BITMAP", 0x2028), ("XSS_EXIT_BITMAP", 0x202c),
        ("TSC_MULTIPLIER", 0x2032), ("TERTIARY_VM_EXEC_CONTROL", 0x2034), ("PID_POINTER_TABLE", 0x2042),
        ("GUEST_PHYSICAL_ADDRESS", 0x2400), ("VMCS_LINK_POINTER", 0x2800), ("GUEST_IA32_EFER", 0x2806),
        ("GUEST_PDPTR3", 0x2810), ("GUEST_IA32_RTIT_CTL", 0x2814), ("HOST_IA32_PERF_GLOBAL_CTRL", 0x2c04),
        ("PIN_BASED_VM_EXEC_CONTROL", 0x4000), ("CPU_BASED_VM_EXEC_CONTROL", 0x4002), ("VM_EXIT_CONTROLS", 0x400c),
        ("VM_ENTRY_CONTROLS", 0x4012), ("VM_ENTRY_INTR_INFO_FIELD", 0x4016), ("SECONDARY_VM_EXEC_CONTROL", 0x401e),
        ("NOTIFY_WINDOW", 0x4024), ("VM_INSTRUCTION_ERROR", 0x4400), ("VM_EXIT_REASON", 0x4402),
        ("IDT_VECTORING_INFO_FIELD", 0x4408), ("VMX_INSTRUCTION_INFO", 0x440e), ("GUEST_IDTR_LIMIT", 0x4812),
        ("GUEST_ES_AR_BYTES", 0x4814), ("GUEST_TR_AR_BYTES", 0x4822), ("GUEST_INTERRUPTIBILITY_INFO", 0x4824),
        ("GUEST_SYSENTER_CS", 0x482a), ("VMX_PREEMPTION_TIMER_VALUE", 0x482e), ("HOST_IA32_SYSENTER_CS", 0x4c00),
        ("CR0_GUEST_HOST_MASK", 0x6000), ("CR4_READ_SHADOW", 0x6006), ("CR3_TARGET_VALUE3", 0x600e),
        ("EXIT_QUALIFICATION", 0x6400), ("GUEST_LINEAR_ADDRESS", 0x640a), ("GUEST_CR0", 0x6800), ("GUEST_CR4", 0x6804),
        ("GUEST_IDTR_BASE", 0x6818), ("GUEST_RIP", 0x681e), ("GUEST_SYSENTER_EIP", 0x6826), ("HOST_CR0", 0x6c00),
        ("HOST_IA32_SYSENTER_EIP", 0x6c12), ("HOST_RIP", 0x6c16),
    ]

    @Test(arguments: linuxEncodings)
    func encodingMatchesLinux(name: String, encoding: UInt32) throws {
        let field = try #require(Catalog.vmcs.lookup(name), "\(name)")
        #expect(field.encoding == encoding)
    }

    @Test func lookupByEncodingAndHighHalf() throws {
        #expect(Catalog.vmcs.lookup("0x681e")?.name == "GUEST_RIP")
        #expect(Catalog.vmcs.lookup("guest rip")?.id == "guest.rip")
        #expect(Catalog.vmcs.lookup("Exit qualification")?.id == "exit.qualification")
        let high = try #require(Catalog.vmcs.resolve("IO_BITMAP_A_HIGH"))
        #expect(high.field.name == "IO_BITMAP_A")
        #expect(high.isHighHalf)
        let byEncoding = try #require(Catalog.vmcs.resolve("0x2001"))
        #expect(byEncoding.field.name == "IO_BITMAP_A" && byEncoding.isHighHalf)
        // A 32-bit field has no high half.
        #expect(Catalog.vmcs.resolve("0x4003") == nil)
        #expect(Catalog.vmcs.resolve("VM_EXIT_REASON_HIGH") == nil)
    }

    /// One spelling from every producer column, each transcribed from its header by hand.
    @Test(arguments: [
        ("PIN_BASED_VM_EXEC_CONTROL", "ctrl.pin_based"), ("POSTED_INTR_NOTIFICATION_VECTOR", "ctrl.posted_intr_nv"),
        ("GUEST_PDPTR1", "guest.pdptr1"), ("VMCS_16BIT_GUEST_ES_SELECTOR", "guest.es.selector"),
        ("VMCS_32BIT_VMEXIT_INTERRUPTION_ERR_CODE", "exit.intr_error_code"), ("VMCS_GUEST_ES_ACCESS_RIGHTS", "guest.es.ar"),
        ("VMCS_CTRL_PIN_EXEC", "ctrl.pin_based"), ("VMCS_GUEST_ES_SEL", "guest.es.selector"), ("GUEST_ES_SEL", "guest.es.selector"),
        ("HOST_TR_SEL", "host.tr.selector"), ("VMX_PIN_CONTROLS", "ctrl.pin_based"), ("VM_EXIT_INFO_REASON", "exit.reason"),
        ("GUEST_ES_AR", "guest.es.ar"), ("VMX_PREEMPTION_TIMER", "guest.preemption_timer"),
        ("GUEST_PENDING_DBE", "guest.pending_dbg_exceptions"),
        ("kGuestEsArBytes", "guest.es.ar"), ("Guest EsArBytes", "guest.es.ar"), ("Guest Ia32Debugctl", "guest.ia32_debugctl"),
        ("kIoRcx", "exit.io_rcx"), ("vmexit_io_rsx", "exit.io_rsi"), ("ctrl_pin_based_vm_execution_controls", "ctrl.pin_based"),
        ("execption_bitmap", "ctrl.exception_bitmap"), ("address_of_io_bitmap_a", "ctrl.io_bitmap_a"),
        ("Guest CS Segment - Access-Rights", "guest.cs.ar"), ("Guest Task Register - Base", "guest.tr.base"),
        ("Guest Control & Debug Registers - CR3", "guest.cr3"), ("VMCS_CTRL_VMEXIT_CONTROLS", "ctrl.exit"), ("VMCS_IO_RSX", "exit.io_rsi"),
        ("SHARED_EPT_POINTER", "ctrl.shared_eptp"), ("EPTP_INDEX", "ctrl.eptp_index"),
    ])
    func producerSpellingsNameTheirFields(spelling: String, id: String) throws {
        let found = try #require(Catalog.vmcs.resolve(spelling), "\(spelling)")
        #expect(found.field.id == id)
        #expect(!found.isHighHalf)
    }

    @Test func everyProducerNameNamesItsRowsFieldAndNoOther() {
        #expect(Catalog.vmcs.validateProducerNames() == [])
        // Every row of every column was checked: a row with a name in each column resolves.
        let row = IntelVMCS.producerNames.first { $0.encoding == 0x4000 }
        #expect(row?.names.count == IntelVMCS.nameColumns.count)
        #expect(row?.names.filter { !$0.isEmpty }.count == 11)
        // A producer spelling that names another field is caught, and so is one named twice.
        let clash = Catalog(
            architecture: .vmx, fields: IntelVMCS.fields, groups: IntelVMCS.groups,
            nameColumns: [
                IntelVMCS.NameColumn(producer: "a", source: "test", optionalPrefix: nil),
                IntelVMCS.NameColumn(producer: "b", source: "test", optionalPrefix: nil),
            ],
            producerNames: [
                IntelVMCS.NameRow(encoding: 0x4000, names: ["GUEST_RIP", "SAME"]),
                IntelVMCS.NameRow(encoding: 0x4002, names: ["", "SAME"]),
            ])
        #expect(
            clash.validateProducerNames() == [
                "a name 'GUEST_RIP' for 0x4000 finds guest.rip, not ctrl.pin_based",
                "producer spelling 'SAME' (b) names both ctrl.pin_based and ctrl.proc_based",
                "b name 'SAME' for 0x4002 finds ctrl.pin_based, not ctrl.proc_based",
            ])
    }

    @Test func highAndFullHalvesByEveryProducer() throws {
        for spelling in ["VMCS_64BIT_CONTROL_IO_BITMAP_A_HI", "kIoBitmapAHigh", "IO_BITMAP_A_HIGH"] {
            let high = try #require(Catalog.vmcs.resolve(spelling), "\(spelling)")
            #expect(high.field.id == "ctrl.io_bitmap_a" && high.isHighHalf, "\(spelling)")
        }
        #expect(Catalog.vmcs.resolve("VMCS_64BIT_GUEST_IA32_PAT_HI")?.field.id == "guest.ia32_pat")
        #expect(Catalog.vmcs.resolve("GUEST_PAT_HIGH")?.isHighHalf == true)
        // The SDM's "(full)" access names the whole 64-bit field; a 32-bit field has no halves.
        let full = try #require(Catalog.vmcs.resolve("IO_BITMAP_A_FULL"))
        #expect(full.field.id == "ctrl.io_bitmap_a" && !full.isHighHalf)
        #expect(Catalog.vmcs.resolve("VM_EXIT_REASON_FULL") == nil)
        // Names the catalog already had stay first.
        #expect(Catalog.vmcs.resolve("GUEST_RIP")?.field.id == "guest.rip")
    }

    @Test func sizesFollowWidthBits() {
        #expect(IntelVMCS.size(ofEncoding: 0x0800) == 2)
        #expect(IntelVMCS.size(ofEncoding: 0x2000) == 8)
        #expect(IntelVMCS.size(ofEncoding: 0x4402) == 4)
        #expect(IntelVMCS.size(ofEncoding: 0x681e) == 8)
    }
}

@Suite struct CPUStateCatalogTests {
    @Test func catalogIsSoundAndEveryMappingNamesRealFields() {
        #expect(Catalog.cpu.validate().isEmpty, "\(Catalog.cpu.validate())")
        for mapping in CPUState.mappings {
            #expect(Catalog.cpu.field(id: mapping.id) != nil, "\(mapping.id)")
            if let id = mapping.vmcs { #expect(Catalog.vmcs.field(id: id) != nil, "\(id)") }
            if let id = mapping.vmcb { #expect(Catalog.vmcb.field(id: id) != nil, "\(id)") }
        }
    }

    @Test func accessRightsBecomeVMCBAttributes() {
        // A 64-bit code segment: SDM access rights 0xa09b are type 0xb, S, DPL 0, P in 7:0 and
        // G (15) and L (13) in 15:12. The VMCB packs the same bits with 15:12 moved to 11:8
        // (APM Vol. 2 Table B-2): 0x9b | 0xa00 = 0x0a9b.
        var state = Snapshot(architecture: .cpu, source: "t", format: .fields, location: SourceLocation(file: "t"))
        state.values["cpu.cs.ar"] = .integer(0xa09b)
        state.values["cpu.r8"] = .integer(1)
        let vmcb = state.converted(to: .svm)
        #expect(vmcb.integer("save.cs.attrib") == 0x0a9b)
        #expect(vmcb.pageNotes == ["the VMCB has no field for R8, which the input printed"])
        let vmcs = state.converted(to: .vmx)
        #expect(vmcs.integer("guest.cs.ar") == 0xa09b)
    }
}
