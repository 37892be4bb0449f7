// swift-format-ignore-file
// (catalog rows stay one per line)
// The VMCB page: control area (000h-3FFh) and state save area (400h-7FFh used).
// Source: AMD64 Architecture Programmer's Manual Vol. 2 (publication 24593, revision 3.42),
// Appendix B, Table B-1 (control area) and Table B-2 (state save area; offsets there are
// relative to 400h), Table B-4 (the SEV-ES save area / VMSA). Names follow Linux's
// `struct vmcb_control_area` and `struct vmcb_save_area` (arch/x86/include/asm/svm.h).
//
// Linux splits three of the manual's 64-bit words in two, and this table follows Linux so
// that its logs map field for field: EXITINTINFO and EVENTINJ (bits 63:32 are the error
// code, `exit_int_info_err`/`event_inj_err`), and 058h (ASID, then TLB_CONTROL at 05Ch).
// EXITCODE stays one 64-bit field as in the manual; Linux kernels before 6.19 declare it as
// `exit_code` plus `exit_code_hi`.

/// The VMCB catalog.
public enum AMDVMCB {
    /// Where the control area's rows come from.
    static let controlAreaReference = "APM Vol. 2 rev 3.42 Table B-1"
    /// Where the state save area's rows come from.
    static let saveAreaReference = "APM Vol. 2 rev 3.42 Table B-2"
    /// Where the rows of the SEV-ES save area (the VMSA) come from.
    static let sevESSaveAreaReference = "APM Vol. 2 rev 3.42 Table B-4 (SEV-ES save area)"

    /// The field groups in display order.
    public static let groups: [FieldGroup] = [
        FieldGroup("intercepts", "Intercepts", area: "Control area"),
        FieldGroup("execution", "Execution controls", area: "Control area"),
        FieldGroup("interrupts", "Virtual interrupts", area: "Control area"),
        FieldGroup("exit", "Exit information", area: "Control area"),
        FieldGroup("injection", "Event injection", area: "Control area"),
        FieldGroup("nested", "Nested paging and SEV", area: "Control area"),
        FieldGroup("avic", "AVIC", area: "Control area"),
        FieldGroup("segments", "Segments", area: "State save area"),
        FieldGroup("control_registers", "Control registers", area: "State save area"),
        FieldGroup("registers", "General registers", area: "State save area"),
        FieldGroup("msrs", "System MSRs", area: "State save area"),
        FieldGroup("debug", "Debug and LBR", area: "State save area"),
        FieldGroup("sev_es", "SEV-ES save area", area: "State save area"),
    ]

    /// Present only in an SEV-ES save area (VMSA layout, nested_ctl.SEV_ES_ENABLE set): reserved
    /// in a plain VMCB.
    static let sevES = FieldCondition(field: "control.nested_ctl", mask: 0x4, equals: 0x4)

    static func control(
        _ name: String, _ manual: String, _ offset: Int, _ size: Int, _ group: String, _ title: String,
        _ layout: LayoutRule? = nil, aliases: [String] = []
    ) -> FieldDefinition {
        FieldDefinition(
            id: "control.\(name)", name: name, manualName: manual, title: title, architecture: .svm,
            offset: offset, size: size, group: group, layout: layout, aliases: aliases, reference: controlAreaReference)
    }

    static func save(
        _ name: String, _ manual: String, _ offset: Int, _ size: Int, _ group: String, _ title: String,
        _ layout: LayoutRule? = nil, aliases: [String] = [], sevESOnly: Bool = false
    ) -> FieldDefinition {
        FieldDefinition(
            id: "save.\(name)", name: name, manualName: manual, title: title, architecture: .svm,
            offset: 0x400 + offset, size: size, group: sevESOnly ? "sev_es" : group, layout: layout,
            condition: sevESOnly ? sevES : nil, aliases: aliases, reference: sevESOnly ? sevESSaveAreaReference : saveAreaReference)
    }

    /// One 16-byte segment register: selector, attributes, limit, base.
    static func segment(_ name: String, _ offset: Int) -> [FieldDefinition] {
        let upper = name.uppercased()
        return [
            save("\(name).selector", "\(upper).selector", offset, 2, "segments", "\(upper) selector"),
            save("\(name).attrib", "\(upper).attrib", offset + 2, 2, "segments", "\(upper) attributes", .fixed(Registers.vmcbSegmentAttributes)),
            save("\(name).limit", "\(upper).limit", offset + 4, 4, "segments", "\(upper) limit"),
            save("\(name).base", "\(upper).base", offset + 8, 8, "segments", "\(upper) base"),
        ]
    }

    /// Every VMCB field, in page order.
    public static let fields: [FieldDefinition] = controlFields + saveFields

    static let controlFields: [FieldDefinition] = [
        control("cr_read", "Intercept reads of CR0-15", 0x000, 2, "intercepts", "intercept CR reads", .fixed(AMDVMCBValues.crReadIntercepts), aliases: ["intercept_cr_read"]),
        control("cr_write", "Intercept writes of CR0-15", 0x002, 2, "intercepts", "intercept CR writes", .fixed(AMDVMCBValues.crWriteIntercepts), aliases: ["intercept_cr_write"]),
        control("dr_read", "Intercept reads of DR0-15", 0x004, 2, "intercepts", "intercept DR reads", .fixed(AMDVMCBValues.drReadIntercepts), aliases: ["intercept_dr_read"]),
        control("dr_write", "Intercept writes of DR0-15", 0x006, 2, "intercepts", "intercept DR writes", .fixed(AMDVMCBValues.drWriteIntercepts), aliases: ["intercept_dr_write"]),
        control("exceptions", "Intercept exception vectors 0-31", 0x008, 4, "intercepts", "intercepted exception vectors", .fixed(Registers.exceptionBitmap), aliases: ["intercept_exceptions", "exception_intercepts"]),
        control("intercept_word3", "Intercept vector 3 (00Ch)", 0x00c, 4, "intercepts", "instruction and event intercepts, first word", .fixed(AMDVMCBValues.interceptWord3), aliases: ["intercepts", "general1_intercepts"]),
        control("intercept_word4", "Intercept vector 4 (010h)", 0x010, 4, "intercepts", "instruction intercepts, second word", .fixed(AMDVMCBValues.interceptWord4), aliases: ["general2_intercepts"]),
        control("intercept_word5", "Intercept vector 5 (014h)", 0x014, 4, "intercepts", "instruction intercepts, third word", .fixed(AMDVMCBValues.interceptWord5), aliases: ["general3_intercepts"]),
        control("pause_filter_thresh", "PAUSE_FILTER_THRESHOLD", 0x03c, 2, "execution", "PAUSE filter threshold", .fixed(Registers.count(bits: 16)), aliases: ["pause filter threshold"]),
        control("pause_filter_count", "PAUSE_FILTER_COUNT", 0x03e, 2, "execution", "PAUSE filter count", .fixed(Registers.count(bits: 16)), aliases: ["pause filter count"]),
        control("iopm_base_pa", "IOPM_BASE_PA", 0x040, 8, "execution", "physical base address of the I/O permission map"),
        control("msrpm_base_pa", "MSRPM_BASE_PA", 0x048, 8, "execution", "physical base address of the MSR permission map"),
        control("tsc_offset", "TSC_OFFSET", 0x050, 8, "execution", "added to the TSC in the guest"),
        control("asid", "Guest ASID", 0x058, 4, "execution", "address space identifier of the guest", .fixed(Registers.count(bits: 32))),
        control("tlb_ctl", "TLB_CONTROL", 0x05c, 1, "execution", "TLB flush on VMRUN", .fixed(AMDVMCBValues.tlbControl), aliases: ["tlb_control"]),
        control("erap_ctl", "ERAP_CONTROL", 0x05d, 1, "execution", "enhanced return address predictor control"),
        control("int_ctl", "V_INTR controls (060h bits 31:0)", 0x060, 4, "interrupts", "virtual TPR, virtual interrupt, virtual GIF and AVIC controls", .fixed(AMDVMCBValues.interruptControl), aliases: ["vintr"]),
        control("int_vector", "V_INTR_VECTOR", 0x064, 4, "interrupts", "vector of the virtual interrupt", .fixed(AMDVMCBValues.interruptVector)),
        control("int_state", "INTERRUPT_SHADOW", 0x068, 8, "interrupts", "interrupt shadow and guest interrupt mask", .fixed(AMDVMCBValues.interruptState), aliases: ["interrupt_shadow"]),
        control("exit_code", "EXITCODE", 0x070, 8, "exit", "exit code", .fixed(AMDVMCBValues.exitCode), aliases: ["exitcode"]),
        control("exit_info_1", "EXITINFO1", 0x078, 8, "exit", "exit information 1, by exit code", .selected(by: "control.exit_code", AMDVMCBValues.exitInfo1Cases)),
        control("exit_info_2", "EXITINFO2", 0x080, 8, "exit", "exit information 2, by exit code", .selected(by: "control.exit_code", AMDVMCBValues.exitInfo2Cases)),
        control("exit_int_info", "EXITINTINFO", 0x088, 4, "exit", "event being delivered when the exit happened", .fixed(AMDVMCBValues.eventInjection)),
        control("exit_int_info_err", "EXITINTINFO error code (bits 63:32)", 0x08c, 4, "exit", "error code of that event"),
        control("nested_ctl", "NP_ENABLE and SEV controls (090h)", 0x090, 8, "nested", "nested paging, SEV and SEV-ES enables", .fixed(AMDVMCBValues.nestedControl), aliases: ["misc_ctl", "np_enable"]),
        control("avic_vapic_bar", "AVIC_APIC_BAR", 0x098, 8, "avic", "guest physical address of the virtual APIC"),
        control("ghcb_gpa", "Guest physical address of GHCB", 0x0a0, 8, "nested", "GHCB address (SEV-ES)", aliases: ["ghcb"]),
        control("event_inj", "EVENTINJ", 0x0a8, 4, "injection", "event to inject on VMRUN", .fixed(AMDVMCBValues.eventInjection), aliases: ["eventinj"]),
        control("event_inj_err", "EVENTINJ error code (bits 63:32)", 0x0ac, 4, "injection", "error code of the injected event"),
        control("nested_cr3", "N_CR3", 0x0b0, 8, "nested", "nested page table CR3", .fixed(AMDVMCBValues.cr3), aliases: ["ncr3"]),
        control("virt_ext", "LBR_VIRTUALIZATION_ENABLE and VMSAVE/VMLOAD virtualization (0B8h)", 0x0b8, 8, "execution", "LBR, VMSAVE/VMLOAD and IBS virtualization", .fixed(AMDVMCBValues.virtualizationExtensions), aliases: ["lbr_ctl", "misc_ctl2"]),
        control("clean", "VMCB clean bits", 0x0c0, 4, "execution", "state the processor may keep cached", .fixed(AMDVMCBValues.cleanBits), aliases: ["vmcb_clean"]),
        control("next_rip", "nRIP", 0x0c8, 8, "exit", "RIP of the next sequential instruction", aliases: ["nrip"]),
        control("insn_len", "Number of bytes fetched", 0x0d0, 1, "exit", "number of guest instruction bytes fetched", .fixed(Registers.count(bits: 8))),
        control("insn_bytes", "Guest instruction bytes", 0x0d1, 15, "exit", "guest instruction bytes"),
        control("avic_backing_page", "AVIC_APIC_BACKING_PAGE", 0x0e0, 8, "avic", "AVIC APIC backing page pointer", .fixed(AMDVMCBValues.pageAddress)),
        control("avic_logical_id", "AVIC_LOGICAL_TABLE", 0x0f0, 8, "avic", "AVIC logical APIC ID table pointer", .fixed(AMDVMCBValues.pageAddress)),
        control("avic_physical_id", "AVIC_PHYSICAL_TABLE", 0x0f8, 8, "avic", "AVIC physical APIC ID table pointer and max index", .fixed(AMDVMCBValues.avicPhysicalTable)),
        control("vmsa_pa", "VMSA pointer", 0x108, 8, "nested", "physical address of the SEV-ES save area (VMSA)", .fixed(AMDVMCBValues.pageAddress)),
        control("bus_lock_counter", "Bus lock threshold counter", 0x120, 2, "execution", "bus locks allowed before a BUSLOCK exit", .fixed(Registers.count(bits: 16))),
        control("update_irr", "UPDATE_IRR", 0x134, 1, "avic", "Secure AVIC: update the IRR from requested_irr"),
        control("allowed_sev_features", "ALLOWED_SEV_FEATURES", 0x138, 8, "nested", "SEV features the guest may enable", .fixed(AMDVMCBValues.allowedSEVFeatures)),
        control("guest_sev_features", "GUEST_SEV_FEATURES", 0x140, 8, "nested", "SEV features the guest enabled", .fixed(AMDVMCBValues.sevFeatures)),
        control("requested_irr", "REQUESTED_IRR", 0x150, 32, "avic", "Secure AVIC: requested IRR bits, eight 32-bit words"),
        control("pml_addr", "PML_ADDR", 0x1c8, 8, "nested", "page-modification log address", .fixed(AMDVMCBValues.pageAddress)),
        control("pml_index", "PML_INDEX", 0x1d0, 2, "nested", "page-modification log index", .fixed(Registers.count(bits: 16))),
        // 3E0h-3FFh are reserved for the hypervisor's own use; Hyper-V's enlightened guests put
        // `struct hv_vmcb_enlightenments` there (Linux arch/x86/include/asm/hyperv-tlfs.h).
        control("hv_enlightenments", "HV_ENLIGHTENMENTS_CONTROL (software, 3E0h)", 0x3e0, 4, "execution", "Hyper-V enlightenments control (software use)", .fixed(AMDVMCBValues.hypervEnlightenments)),
        control("hv_vp_id", "HV_VP_ID (software, 3E4h)", 0x3e4, 4, "execution", "Hyper-V virtual processor id (software use)"),
        control("hv_vm_id", "HV_VM_ID (software, 3E8h)", 0x3e8, 8, "execution", "Hyper-V virtual machine id (software use)"),
        control("hv_assist_page", "HV_PARTITION_ASSIST_PAGE (software, 3F0h)", 0x3f0, 8, "execution", "Hyper-V partition assist page (software use)", aliases: ["partition_assist_page"]),
    ]

    static let saveFields: [FieldDefinition] =
        segment("es", 0x000) + segment("cs", 0x010) + segment("ss", 0x020) + segment("ds", 0x030)
        + segment("fs", 0x040) + segment("gs", 0x050) + segment("gdtr", 0x060) + segment("ldtr", 0x070)
        + segment("idtr", 0x080) + segment("tr", 0x090) + [
            save("pl0_ssp", "PL0_SSP", 0x0a0, 8, "sev_es", "shadow stack pointer, CPL 0", sevESOnly: true),
            save("pl1_ssp", "PL1_SSP", 0x0a8, 8, "sev_es", "shadow stack pointer, CPL 1", sevESOnly: true),
            save("pl2_ssp", "PL2_SSP", 0x0b0, 8, "sev_es", "shadow stack pointer, CPL 2", sevESOnly: true),
            save("pl3_ssp", "PL3_SSP", 0x0b8, 8, "sev_es", "shadow stack pointer, CPL 3", sevESOnly: true),
            save("u_cet", "U_CET", 0x0c0, 8, "sev_es", "user-mode CET controls", .fixed(Registers.cet), sevESOnly: true),
            save("vmpl", "VMPL", 0x0ca, 1, "control_registers", "virtual machine privilege level (SEV-SNP)", .fixed(Registers.count(bits: 8)) ),
            save("cpl", "CPL", 0x0cb, 1, "control_registers", "current privilege level", .fixed(Registers.count(bits: 8))),
            save("efer", "EFER", 0x0d0, 8, "control_registers", "extended feature enable register", .fixed(Registers.efer)),
            save("xss", "XSS", 0x140, 8, "sev_es", "IA32_XSS", .fixed(Registers.xss), sevESOnly: true),
            save("cr4", "CR4", 0x148, 8, "control_registers", "CR4", .fixed(AMDVMCBValues.cr4)),
            save("cr3", "CR3", 0x150, 8, "control_registers", "CR3", AMDVMCBValues.cr3(pcideFrom: "save.cr4")),
            save("cr0", "CR0", 0x158, 8, "control_registers", "CR0", .fixed(Registers.cr0)),
            save("dr7", "DR7", 0x160, 8, "debug", "debug control", .fixed(Registers.dr7)),
            save("dr6", "DR6", 0x168, 8, "debug", "debug status", .fixed(Registers.dr6)),
            save("rflags", "RFLAGS", 0x170, 8, "registers", "flags", .fixed(Registers.rflags)),
            save("rip", "RIP", 0x178, 8, "registers", "instruction pointer"),
            save("dr0", "DR0", 0x180, 8, "sev_es", "breakpoint 0 address", sevESOnly: true),
            save("dr1", "DR1", 0x188, 8, "sev_es", "breakpoint 1 address", sevESOnly: true),
            save("dr2", "DR2", 0x190, 8, "sev_es", "breakpoint 2 address", sevESOnly: true),
            save("dr3", "DR3", 0x198, 8, "sev_es", "breakpoint 3 address", sevESOnly: true),
            save("dr0_addr_mask", "DR0_ADDR_MASK", 0x1a0, 8, "sev_es", "breakpoint 0 address mask", sevESOnly: true),
            save("dr1_addr_mask", "DR1_ADDR_MASK", 0x1a8, 8, "sev_es", "breakpoint 1 address mask", sevESOnly: true),
            save("dr2_addr_mask", "DR2_ADDR_MASK", 0x1b0, 8, "sev_es", "breakpoint 2 address mask", sevESOnly: true),
            save("dr3_addr_mask", "DR3_ADDR_MASK", 0x1b8, 8, "sev_es", "breakpoint 3 address mask", sevESOnly: true),
            save("rsp", "RSP", 0x1d8, 8, "registers", "stack pointer"),
            save("s_cet", "S_CET", 0x1e0, 8, "msrs", "supervisor CET controls", .fixed(Registers.cet)),
            save("ssp", "SSP", 0x1e8, 8, "msrs", "shadow stack pointer"),
            save("isst_addr", "ISST_ADDR", 0x1f0, 8, "msrs", "interrupt shadow-stack table address"),
            save("rax", "RAX", 0x1f8, 8, "registers", "RAX"),
            save("star", "STAR", 0x200, 8, "msrs", "SYSCALL target and segments"),
            save("lstar", "LSTAR", 0x208, 8, "msrs", "64-bit SYSCALL target"),
            save("cstar", "CSTAR", 0x210, 8, "msrs", "compatibility-mode SYSCALL target"),
            save("sfmask", "SFMASK", 0x218, 8, "msrs", "SYSCALL flags mask", .fixed(Registers.rflagsMask)),
            save("kernel_gs_base", "KernelGsBase", 0x220, 8, "msrs", "SWAPGS base"),
            save("sysenter_cs", "SYSENTER_CS", 0x228, 8, "msrs", "SYSENTER code segment"),
            save("sysenter_esp", "SYSENTER_ESP", 0x230, 8, "msrs", "SYSENTER stack pointer"),
            save("sysenter_eip", "SYSENTER_EIP", 0x238, 8, "msrs", "SYSENTER target"),
            save("cr2", "CR2", 0x240, 8, "control_registers", "page-fault linear address"),
            save("g_pat", "G_PAT", 0x268, 8, "msrs", "guest PAT, used with nested paging", .fixed(Registers.pat), aliases: ["gpat"]),
            save("dbgctl", "DBGCTL", 0x270, 8, "debug", "guest DebugCtl MSR", .fixed(Registers.amdDebugCtl), aliases: ["debugctl"]),
            save("br_from", "BR_FROM", 0x278, 8, "debug", "last branch from"),
            save("br_to", "BR_TO", 0x280, 8, "debug", "last branch to"),
            save("last_excp_from", "LASTEXCPFROM", 0x288, 8, "debug", "last exception from", aliases: ["excp_from"]),
            save("last_excp_to", "LASTEXCPTO", 0x290, 8, "debug", "last exception to", aliases: ["excp_to"]),
            save("spec_ctrl", "SPEC_CTRL", 0x2e0, 8, "msrs", "guest SPEC_CTRL", .fixed(Registers.amdSpecCtrl)),
            save("pkru", "PKRU", 0x2e8, 4, "sev_es", "protection-key rights", sevESOnly: true),
            save("tsc_aux", "TSC_AUX", 0x2ec, 4, "sev_es", "TSC_AUX MSR", sevESOnly: true),
            save("tsc_scale", "TSC_SCALE", 0x2f0, 8, "sev_es", "TSC ratio for the guest (Secure TSC)", sevESOnly: true),
            save("vmsa_tsc_offset", "TSC_OFFSET (VMSA)", 0x2f8, 8, "sev_es", "TSC offset for the guest (Secure TSC)", sevESOnly: true),
            save("rcx", "RCX", 0x308, 8, "sev_es", "RCX", sevESOnly: true),
            save("rdx", "RDX", 0x310, 8, "sev_es", "RDX", sevESOnly: true),
            save("rbx", "RBX", 0x318, 8, "sev_es", "RBX", sevESOnly: true),
            save("rbp", "RBP", 0x328, 8, "sev_es", "RBP", sevESOnly: true),
            save("rsi", "RSI", 0x330, 8, "sev_es", "RSI", sevESOnly: true),
            save("rdi", "RDI", 0x338, 8, "sev_es", "RDI", sevESOnly: true),
            save("r8", "R8", 0x340, 8, "sev_es", "R8", sevESOnly: true),
            save("r9", "R9", 0x348, 8, "sev_es", "R9", sevESOnly: true),
            save("r10", "R10", 0x350, 8, "sev_es", "R10", sevESOnly: true),
            save("r11", "R11", 0x358, 8, "sev_es", "R11", sevESOnly: true),
            save("r12", "R12", 0x360, 8, "sev_es", "R12", sevESOnly: true),
            save("r13", "R13", 0x368, 8, "sev_es", "R13", sevESOnly: true),
            save("r14", "R14", 0x370, 8, "sev_es", "R14", sevESOnly: true),
            save("r15", "R15", 0x378, 8, "sev_es", "R15", sevESOnly: true),
            save("guest_exit_info_1", "GUEST_EXITINFO1", 0x390, 8, "sev_es", "exit information 1 of the guest's last exit", sevESOnly: true),
            save("guest_exit_info_2", "GUEST_EXITINFO2", 0x398, 8, "sev_es", "exit information 2 of the guest's last exit", sevESOnly: true),
            save("guest_exit_int_info", "GUEST_EXITINTINFO", 0x3a0, 8, "sev_es", "event being delivered at the guest's last exit", .fixed(AMDVMCBValues.eventInjection), sevESOnly: true),
            save("guest_nrip", "GUEST_NRIP", 0x3a8, 8, "sev_es", "next RIP at the guest's last exit", sevESOnly: true),
            save("sev_features", "SEV_FEATURES", 0x3b0, 8, "sev_es", "SEV features enabled for the guest", .fixed(AMDVMCBValues.sevFeatures), sevESOnly: true),
            save("vintr_ctrl", "VINTR_CTRL", 0x3b8, 8, "sev_es", "virtual interrupt controls of the guest", .fixed(AMDVMCBValues.interruptControl), sevESOnly: true),
            save("guest_exit_code", "GUEST_EXITCODE", 0x3c0, 8, "sev_es", "exit code of the guest's last exit", .fixed(AMDVMCBValues.exitCode), sevESOnly: true),
            save("virtual_tom", "VIRTUAL_TOM", 0x3c8, 8, "sev_es", "virtual top of memory", sevESOnly: true),
            save("tlb_id", "TLB_ID", 0x3d0, 8, "sev_es", "TLB identifier", sevESOnly: true),
            save("pcpu_id", "PCPU_ID", 0x3d8, 8, "sev_es", "physical CPU the guest last ran on", sevESOnly: true),
            save("vmsa_event_inj", "EVENTINJ (VMSA)", 0x3e0, 8, "sev_es", "event to inject (restricted/alternate injection)", .fixed(AMDVMCBValues.eventInjection), sevESOnly: true),
            save("xcr0", "XCR0", 0x3e8, 8, "sev_es", "XCR0", .fixed(Registers.xcr0), sevESOnly: true),
            // The x87/SSE/AVX register image at the end of the SEV-ES save area (APM Table B-4,
            // 400h-66Fh; Linux `struct sev_es_save_area`, "floating point area").
            save("x87_dp", "X87_DP", 0x400, 8, "sev_es", "x87 last data pointer", sevESOnly: true),
            save("mxcsr", "MXCSR", 0x408, 4, "sev_es", "SSE control and status", sevESOnly: true),
            save("x87_ftw", "X87_FTW", 0x40c, 2, "sev_es", "x87 tag word", sevESOnly: true),
            save("x87_fsw", "X87_FSW", 0x40e, 2, "sev_es", "x87 status word", sevESOnly: true),
            save("x87_fcw", "X87_FCW", 0x410, 2, "sev_es", "x87 control word", sevESOnly: true),
            save("x87_fop", "X87_FOP", 0x412, 2, "sev_es", "x87 last opcode", sevESOnly: true),
            save("x87_ds", "X87_DS", 0x414, 2, "sev_es", "x87 last data segment", sevESOnly: true),
            save("x87_cs", "X87_CS", 0x416, 2, "sev_es", "x87 last instruction segment", sevESOnly: true),
            save("x87_rip", "X87_RIP", 0x418, 8, "sev_es", "x87 last instruction pointer", sevESOnly: true),
            save("fpreg_x87", "FPREG_X87", 0x420, 80, "sev_es", "x87 registers ST0-ST7, 10 bytes each", sevESOnly: true),
            save("fpreg_xmm", "FPREG_XMM", 0x470, 256, "sev_es", "XMM0-XMM15, 16 bytes each", sevESOnly: true),
            save("fpreg_ymm", "FPREG_YMM", 0x570, 256, "sev_es", "upper halves of YMM0-YMM15, 16 bytes each", sevESOnly: true),
        ]
}
