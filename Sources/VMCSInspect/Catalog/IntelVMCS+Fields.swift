// swift-format-ignore-file
// (catalog rows stay one per line)
// Every VMCS field encoding. Source: Intel SDM Vol. 3 (order no. 325384-084, 2024),
// Appendix B "Field Encoding in VMCS" (Tables B-1 to B-14), and chapter 25 for what each field
// holds. Names are Linux's `enum vmcs_field` (arch/x86/include/asm/vmx.h, 6.12) where Linux has
// the field, else made in the same style. The encoding's own bits give width (14:13), type (11:10)
// and access (bit 0); `Catalog.validate()` checks every row against them. 64-bit fields' `_HIGH`
// halves (encoding + 1) are derived, not listed.

/// The VMCS catalog.
public enum IntelVMCS {
    static let reference = "SDM Vol. 3 (325384-084) Appendix B"

    /// The field groups in display order, as the SDM groups the VMCS (section 25.3 to 25.9).
    public static let groups: [FieldGroup] = [
        FieldGroup("execution", "VM-execution controls", area: "Controls"),
        FieldGroup("exit_controls", "VM-exit controls", area: "Controls"),
        FieldGroup("entry_controls", "VM-entry controls", area: "Controls"),
        FieldGroup("exit_info", "VM-exit information", area: "Read-only data"),
        FieldGroup("guest", "Guest-state area", area: "Guest state"),
        FieldGroup("host", "Host-state area", area: "Host state"),
    ]

    // An encoding's own bits (SDM Vol. 3 (325384-084) section 25.11.2, Table 25-21): bit 0
    // access type (0 full, 1 high), 9:1 index, 11:10 type, 12 reserved, 14:13 width. Every
    // reading of them is here.

    /// The width bits 14:13: 0 16-bit, 1 64-bit, 2 32-bit, 3 natural width.
    public static func widthBits(ofEncoding encoding: UInt32) -> UInt32 { (encoding >> 13) & 3 }

    /// The type bits 11:10: 0 control, 1 VM-exit information (read-only), 2 guest state, 3 host
    /// state.
    public static func typeBits(ofEncoding encoding: UInt32) -> UInt32 { (encoding >> 10) & 3 }

    /// Size in bytes from the width bits (natural width counted as 64 bits).
    public static func size(ofEncoding encoding: UInt32) -> Int {
        switch widthBits(ofEncoding: encoding) {
        case 0: return 2
        case 2: return 4
        default: return 8
        }
    }

    /// The width in words: `16-bit`, `64-bit`, `32-bit`, `natural`.
    public static func widthName(ofEncoding encoding: UInt32) -> String {
        ["16-bit", "64-bit", "32-bit", "natural"][Int(widthBits(ofEncoding: encoding))]
    }

    /// The type in words: `control`, `read-only`, `guest`, `host`.
    public static func typeName(ofEncoding encoding: UInt32) -> String {
        ["control", "read-only", "guest", "host"][Int(typeBits(ofEncoding: encoding))]
    }

    /// One catalog row: a field by its encoding (width and size from the encoding's bits).
    static func field(
        _ encoding: UInt32, _ id: String, _ name: String, _ manual: String, _ group: String, _ layout: LayoutRule? = nil,
        aliases: [String] = []
    ) -> FieldDefinition {
        FieldDefinition(
            id: id, name: name, manualName: manual, title: manual, architecture: .vmx, offset: -1, encoding: encoding,
            size: size(ofEncoding: encoding), group: group, layout: layout, aliases: aliases, reference: reference)
    }

    static let segments = ["es", "cs", "ss", "ds", "fs", "gs", "ldtr", "tr"]

    /// Every VMCS field, in encoding order within each width.
    public static let fields: [FieldDefinition] = [
        // 16-bit control fields (Table B-1)
        field(0x0000, "ctrl.vpid", "VIRTUAL_PROCESSOR_ID", "Virtual-processor identifier (VPID)", "execution", .fixed(Registers.count(bits: 16)), aliases: ["vpid"]),
        field(0x0002, "ctrl.posted_intr_nv", "POSTED_INTR_NV", "Posted-interrupt notification vector", "execution", .fixed(IntelVMCSValues.vector16)),
        field(0x0004, "ctrl.eptp_index", "EPTP_INDEX", "EPTP index", "execution", .fixed(Registers.count(bits: 16))),
        field(0x0006, "ctrl.hlat_prefix_size", "HLAT_PREFIX_SIZE", "HLAT prefix size", "execution", .fixed(Registers.count(bits: 16))),
        field(0x0008, "ctrl.last_pid_pointer_index", "LAST_PID_POINTER_INDEX", "Last PID-pointer index", "execution", .fixed(Registers.count(bits: 16))),
        field(0x000a, "ctrl.virtual_timer_vector", "VIRTUAL_TIMER_VECTOR", "Virtual-timer vector", "execution", .fixed(IntelVMCSValues.vector16)),
        // 16-bit guest-state fields (Table B-2)
        field(0x0800, "guest.es.selector", "GUEST_ES_SELECTOR", "Guest ES selector", "guest", .fixed(IntelVMCSValues.selector)),
        field(0x0802, "guest.cs.selector", "GUEST_CS_SELECTOR", "Guest CS selector", "guest", .fixed(IntelVMCSValues.selector)),
        field(0x0804, "guest.ss.selector", "GUEST_SS_SELECTOR", "Guest SS selector", "guest", .fixed(IntelVMCSValues.selector)),
        field(0x0806, "guest.ds.selector", "GUEST_DS_SELECTOR", "Guest DS selector", "guest", .fixed(IntelVMCSValues.selector)),
        field(0x0808, "guest.fs.selector", "GUEST_FS_SELECTOR", "Guest FS selector", "guest", .fixed(IntelVMCSValues.selector)),
        field(0x080a, "guest.gs.selector", "GUEST_GS_SELECTOR", "Guest GS selector", "guest", .fixed(IntelVMCSValues.selector)),
        field(0x080c, "guest.ldtr.selector", "GUEST_LDTR_SELECTOR", "Guest LDTR selector", "guest", .fixed(IntelVMCSValues.selector)),
        field(0x080e, "guest.tr.selector", "GUEST_TR_SELECTOR", "Guest TR selector", "guest", .fixed(IntelVMCSValues.selector)),
        field(0x0810, "guest.intr_status", "GUEST_INTR_STATUS", "Guest interrupt status", "guest", .fixed(IntelVMCSValues.guestInterruptStatus)),
        field(0x0812, "guest.pml_index", "GUEST_PML_INDEX", "PML index", "guest", .fixed(Registers.count(bits: 16))),
        field(0x0814, "guest.uinv", "GUEST_UINV", "Guest UINV", "guest", .fixed(IntelVMCSValues.vector16)),
        // 16-bit host-state fields (Table B-3)
        field(0x0c00, "host.es.selector", "HOST_ES_SELECTOR", "Host ES selector", "host", .fixed(IntelVMCSValues.selector)),
        field(0x0c02, "host.cs.selector", "HOST_CS_SELECTOR", "Host CS selector", "host", .fixed(IntelVMCSValues.selector)),
        field(0x0c04, "host.ss.selector", "HOST_SS_SELECTOR", "Host SS selector", "host", .fixed(IntelVMCSValues.selector)),
        field(0x0c06, "host.ds.selector", "HOST_DS_SELECTOR", "Host DS selector", "host", .fixed(IntelVMCSValues.selector)),
        field(0x0c08, "host.fs.selector", "HOST_FS_SELECTOR", "Host FS selector", "host", .fixed(IntelVMCSValues.selector)),
        field(0x0c0a, "host.gs.selector", "HOST_GS_SELECTOR", "Host GS selector", "host", .fixed(IntelVMCSValues.selector)),
        field(0x0c0c, "host.tr.selector", "HOST_TR_SELECTOR", "Host TR selector", "host", .fixed(IntelVMCSValues.selector)),
        // 64-bit control fields (Table B-4)
        field(0x2000, "ctrl.io_bitmap_a", "IO_BITMAP_A", "Address of I/O bitmap A", "execution"),
        field(0x2002, "ctrl.io_bitmap_b", "IO_BITMAP_B", "Address of I/O bitmap B", "execution"),
        field(0x2004, "ctrl.msr_bitmap", "MSR_BITMAP", "Address of MSR bitmaps", "execution"),
        field(0x2006, "ctrl.exit_msr_store_addr", "VM_EXIT_MSR_STORE_ADDR", "VM-exit MSR-store address", "exit_controls"),
        field(0x2008, "ctrl.exit_msr_load_addr", "VM_EXIT_MSR_LOAD_ADDR", "VM-exit MSR-load address", "exit_controls"),
        field(0x200a, "ctrl.entry_msr_load_addr", "VM_ENTRY_MSR_LOAD_ADDR", "VM-entry MSR-load address", "entry_controls"),
        field(0x200c, "ctrl.executive_vmcs_pointer", "EXECUTIVE_VMCS_POINTER", "Executive-VMCS pointer", "execution"),
        field(0x200e, "ctrl.pml_address", "PML_ADDRESS", "PML address", "execution"),
        field(0x2010, "ctrl.tsc_offset", "TSC_OFFSET", "TSC offset", "execution"),
        field(0x2012, "ctrl.virtual_apic_page_addr", "VIRTUAL_APIC_PAGE_ADDR", "Virtual-APIC address", "execution"),
        field(0x2014, "ctrl.apic_access_addr", "APIC_ACCESS_ADDR", "APIC-access address", "execution"),
        field(0x2016, "ctrl.posted_intr_desc_addr", "POSTED_INTR_DESC_ADDR", "Posted-interrupt descriptor address", "execution"),
        field(0x2018, "ctrl.vm_function_control", "VM_FUNCTION_CONTROL", "VM-function controls", "execution", .fixed(IntelVMCSControls.vmFunctions)),
        field(0x201a, "ctrl.ept_pointer", "EPT_POINTER", "EPT pointer", "execution", .fixed(IntelVMCSValues.eptPointer), aliases: ["eptp"]),
        field(0x201c, "ctrl.eoi_exit_bitmap0", "EOI_EXIT_BITMAP0", "EOI-exit bitmap 0", "execution"),
        field(0x201e, "ctrl.eoi_exit_bitmap1", "EOI_EXIT_BITMAP1", "EOI-exit bitmap 1", "execution"),
        field(0x2020, "ctrl.eoi_exit_bitmap2", "EOI_EXIT_BITMAP2", "EOI-exit bitmap 2", "execution"),
        field(0x2022, "ctrl.eoi_exit_bitmap3", "EOI_EXIT_BITMAP3", "EOI-exit bitmap 3", "execution"),
        field(0x2024, "ctrl.eptp_list_address", "EPTP_LIST_ADDRESS", "EPTP-list address", "execution"),
        field(0x2026, "ctrl.vmread_bitmap", "VMREAD_BITMAP", "VMREAD-bitmap address", "execution"),
        field(0x2028, "ctrl.vmwrite_bitmap", "VMWRITE_BITMAP", "VMWRITE-bitmap address", "execution"),
        field(0x202a, "ctrl.ve_information_address", "VE_INFORMATION_ADDRESS", "Virtualization-exception information address", "execution"),
        field(0x202c, "ctrl.xss_exit_bitmap", "XSS_EXIT_BITMAP", "XSS-exiting bitmap", "execution", .fixed(Registers.xss)),
        field(0x202e, "ctrl.encls_exiting_bitmap", "ENCLS_EXITING_BITMAP", "ENCLS-exiting bitmap", "execution"),
        field(0x2030, "ctrl.sppt_pointer", "SPPT_POINTER", "Sub-page-permission-table pointer", "execution"),
        field(0x2032, "ctrl.tsc_multiplier", "TSC_MULTIPLIER", "TSC multiplier", "execution"),
        field(0x2034, "ctrl.proc_based3", "TERTIARY_VM_EXEC_CONTROL", "Tertiary processor-based VM-execution controls", "execution", .fixed(IntelVMCSControls.tertiary), aliases: ["TertiaryExec", "tertiary_controls"]),
        field(0x2036, "ctrl.enclv_exiting_bitmap", "ENCLV_EXITING_BITMAP", "ENCLV-exiting bitmap", "execution"),
        field(0x2038, "ctrl.low_pasid_directory", "LOW_PASID_DIRECTORY_ADDR", "Low PASID directory address", "execution"),
        field(0x203a, "ctrl.high_pasid_directory", "HIGH_PASID_DIRECTORY_ADDR", "High PASID directory address", "execution"),
        field(0x203c, "ctrl.shared_eptp", "SHARED_EPTP", "Shared EPTP", "execution", .fixed(IntelVMCSValues.eptPointer)),
        field(0x203e, "ctrl.pconfig_exiting_bitmap", "PCONFIG_EXITING_BITMAP", "PCONFIG-exiting bitmap", "execution"),
        field(0x2040, "ctrl.hlatp", "HLATP", "Hypervisor-managed linear-address translation pointer", "execution"),
        field(0x2042, "ctrl.pid_pointer_table", "PID_POINTER_TABLE", "PID-pointer table address", "execution"),
        field(0x2044, "ctrl.exit2", "SECONDARY_VM_EXIT_CONTROLS", "Secondary VM-exit controls", "exit_controls", .fixed(IntelVMCSControls.secondaryExit)),
        field(0x204a, "ctrl.spec_ctrl_mask", "IA32_SPEC_CTRL_MASK", "IA32_SPEC_CTRL mask", "execution"),
        field(0x204c, "ctrl.spec_ctrl_shadow", "IA32_SPEC_CTRL_SHADOW", "IA32_SPEC_CTRL shadow", "execution"),
        field(0x204e, "ctrl.guest_deadline_shadow", "GUEST_DEADLINE_SHADOW", "Guest deadline shadow", "execution"),
        // FRED specification (346446): the event data VM entry delivers with an injected event.
        field(0x2052, "ctrl.injected_event_data", "INJECTED_EVENT_DATA", "Injected-event data", "entry_controls"),
        // 64-bit read-only data field (Table B-5)
        field(0x2400, "exit.guest_physical_address", "GUEST_PHYSICAL_ADDRESS", "Guest-physical address", "exit_info", aliases: ["gpa"]),
        field(0x2402, "exit.msr_data", "MSR_DATA", "MSR data (RDMSRLIST/WRMSRLIST and immediate-form MSR exits)", "exit_info"),
        field(0x2404, "exit.original_event_data", "ORIGINAL_EVENT_DATA", "Original-event data (FRED)", "exit_info"),
        // 64-bit guest-state fields (Table B-6)
        field(0x2800, "guest.vmcs_link_pointer", "VMCS_LINK_POINTER", "VMCS link pointer", "guest"),
        field(0x2802, "guest.ia32_debugctl", "GUEST_IA32_DEBUGCTL", "Guest IA32_DEBUGCTL", "guest", .fixed(IntelVMCSValues.debugCtl), aliases: ["DebugCtl"]),
        field(0x2804, "guest.ia32_pat", "GUEST_IA32_PAT", "Guest IA32_PAT", "guest", .fixed(Registers.pat)),
        field(0x2806, "guest.ia32_efer", "GUEST_IA32_EFER", "Guest IA32_EFER", "guest", .fixed(IntelVMCSValues.efer)),
        field(0x2808, "guest.ia32_perf_global_ctrl", "GUEST_IA32_PERF_GLOBAL_CTRL", "Guest IA32_PERF_GLOBAL_CTRL", "guest", aliases: ["PerfGlobCtl"]),
        field(0x280a, "guest.pdptr0", "GUEST_PDPTR0", "Guest PDPTE0", "guest", .fixed(IntelVMCSValues.pdpte), aliases: ["PDPTE0"]),
        field(0x280c, "guest.pdptr1", "GUEST_PDPTR1", "Guest PDPTE1", "guest", .fixed(IntelVMCSValues.pdpte), aliases: ["PDPTE1"]),
        field(0x280e, "guest.pdptr2", "GUEST_PDPTR2", "Guest PDPTE2", "guest", .fixed(IntelVMCSValues.pdpte), aliases: ["PDPTE2"]),
        field(0x2810, "guest.pdptr3", "GUEST_PDPTR3", "Guest PDPTE3", "guest", .fixed(IntelVMCSValues.pdpte), aliases: ["PDPTE3"]),
        field(0x2812, "guest.bndcfgs", "GUEST_BNDCFGS", "Guest IA32_BNDCFGS", "guest", .fixed(IntelVMCSValues.bndcfgs), aliases: ["BndCfgS"]),
        field(0x2814, "guest.ia32_rtit_ctl", "GUEST_IA32_RTIT_CTL", "Guest IA32_RTIT_CTL", "guest"),
        field(0x2816, "guest.ia32_lbr_ctl", "GUEST_IA32_LBR_CTL", "Guest IA32_LBR_CTL", "guest", .fixed(IntelVMCSValues.lbrCtl)),
        field(0x2818, "guest.ia32_pkrs", "GUEST_IA32_PKRS", "Guest IA32_PKRS", "guest", .fixed(IntelVMCSValues.pkrs)),
        // FRED specification (346446), VMCS fields for FRED state; names as Linux gives them.
        field(0x281a, "guest.ia32_fred_config", "GUEST_IA32_FRED_CONFIG", "Guest IA32_FRED_CONFIG", "guest", .fixed(IntelVMCSValues.fredConfig)),
        field(0x281c, "guest.ia32_fred_rsp1", "GUEST_IA32_FRED_RSP1", "Guest IA32_FRED_RSP1", "guest"),
        field(0x281e, "guest.ia32_fred_rsp2", "GUEST_IA32_FRED_RSP2", "Guest IA32_FRED_RSP2", "guest"),
        field(0x2820, "guest.ia32_fred_rsp3", "GUEST_IA32_FRED_RSP3", "Guest IA32_FRED_RSP3", "guest"),
        field(0x2822, "guest.ia32_fred_stack_levels", "GUEST_IA32_FRED_STKLVLS", "Guest IA32_FRED_STKLVLS", "guest"),
        field(0x2824, "guest.ia32_fred_ssp1", "GUEST_IA32_FRED_SSP1", "Guest IA32_FRED_SSP1", "guest"),
        field(0x2826, "guest.ia32_fred_ssp2", "GUEST_IA32_FRED_SSP2", "Guest IA32_FRED_SSP2", "guest"),
        field(0x2828, "guest.ia32_fred_ssp3", "GUEST_IA32_FRED_SSP3", "Guest IA32_FRED_SSP3", "guest"),
        field(0x282e, "guest.ia32_spec_ctrl", "GUEST_IA32_SPEC_CTRL", "Guest IA32_SPEC_CTRL", "guest", .fixed(IntelVMCSValues.specCtrl)),
        field(0x2830, "guest.deadline", "GUEST_DEADLINE", "Guest deadline (APIC-timer virtualization)", "guest"),
        // 64-bit host-state fields (Table B-7)
        field(0x2c00, "host.ia32_pat", "HOST_IA32_PAT", "Host IA32_PAT", "host", .fixed(Registers.pat)),
        field(0x2c02, "host.ia32_efer", "HOST_IA32_EFER", "Host IA32_EFER", "host", .fixed(IntelVMCSValues.efer)),
        field(0x2c04, "host.ia32_perf_global_ctrl", "HOST_IA32_PERF_GLOBAL_CTRL", "Host IA32_PERF_GLOBAL_CTRL", "host"),
        field(0x2c06, "host.ia32_pkrs", "HOST_IA32_PKRS", "Host IA32_PKRS", "host", .fixed(IntelVMCSValues.pkrs)),
        field(0x2c08, "host.ia32_fred_config", "HOST_IA32_FRED_CONFIG", "Host IA32_FRED_CONFIG", "host", .fixed(IntelVMCSValues.fredConfig)),
        field(0x2c0a, "host.ia32_fred_rsp1", "HOST_IA32_FRED_RSP1", "Host IA32_FRED_RSP1", "host"),
        field(0x2c0c, "host.ia32_fred_rsp2", "HOST_IA32_FRED_RSP2", "Host IA32_FRED_RSP2", "host"),
        field(0x2c0e, "host.ia32_fred_rsp3", "HOST_IA32_FRED_RSP3", "Host IA32_FRED_RSP3", "host"),
        field(0x2c10, "host.ia32_fred_stack_levels", "HOST_IA32_FRED_STKLVLS", "Host IA32_FRED_STKLVLS", "host"),
        field(0x2c12, "host.ia32_fred_ssp1", "HOST_IA32_FRED_SSP1", "Host IA32_FRED_SSP1", "host"),
        field(0x2c14, "host.ia32_fred_ssp2", "HOST_IA32_FRED_SSP2", "Host IA32_FRED_SSP2", "host"),
        field(0x2c16, "host.ia32_fred_ssp3", "HOST_IA32_FRED_SSP3", "Host IA32_FRED_SSP3", "host"),
        field(0x2c1a, "host.ia32_spec_ctrl", "HOST_IA32_SPEC_CTRL", "Host IA32_SPEC_CTRL", "host", .fixed(IntelVMCSValues.specCtrl)),
        // 32-bit control fields (Table B-8)
        field(0x4000, "ctrl.pin_based", "PIN_BASED_VM_EXEC_CONTROL", "Pin-based VM-execution controls", "execution", .fixed(IntelVMCSControls.pinBased), aliases: ["PinBased"]),
        field(0x4002, "ctrl.proc_based", "CPU_BASED_VM_EXEC_CONTROL", "Primary processor-based VM-execution controls", "execution", .fixed(IntelVMCSControls.primary), aliases: ["CPUBased", "primary_controls"]),
        field(0x4004, "ctrl.exception_bitmap", "EXCEPTION_BITMAP", "Exception bitmap", "execution", .fixed(Registers.exceptionBitmap), aliases: ["ExceptionBitmap"]),
        field(0x4006, "ctrl.pfec_mask", "PAGE_FAULT_ERROR_CODE_MASK", "Page-fault error-code mask", "execution", .fixed(IntelVMCSValues.pageFaultErrorCode), aliases: ["PFECmask"]),
        field(0x4008, "ctrl.pfec_match", "PAGE_FAULT_ERROR_CODE_MATCH", "Page-fault error-code match", "execution", .fixed(IntelVMCSValues.pageFaultErrorCode), aliases: ["PFECmatch"]),
        field(0x400a, "ctrl.cr3_target_count", "CR3_TARGET_COUNT", "CR3-target count", "execution", .fixed(Registers.count(bits: 32))),
        field(0x400c, "ctrl.exit", "VM_EXIT_CONTROLS", "Primary VM-exit controls", "exit_controls", .fixed(IntelVMCSControls.exit), aliases: ["ExitControls", "ctrl.exit_controls"]),
        field(0x400e, "ctrl.exit_msr_store_count", "VM_EXIT_MSR_STORE_COUNT", "VM-exit MSR-store count", "exit_controls", .fixed(Registers.count(bits: 32))),
        field(0x4010, "ctrl.exit_msr_load_count", "VM_EXIT_MSR_LOAD_COUNT", "VM-exit MSR-load count", "exit_controls", .fixed(Registers.count(bits: 32))),
        field(0x4012, "ctrl.entry", "VM_ENTRY_CONTROLS", "VM-entry controls", "entry_controls", .fixed(IntelVMCSControls.entry), aliases: ["EntryControls", "ctrl.entry_controls"]),
        field(0x4014, "ctrl.entry_msr_load_count", "VM_ENTRY_MSR_LOAD_COUNT", "VM-entry MSR-load count", "entry_controls", .fixed(Registers.count(bits: 32))),
        field(0x4016, "ctrl.entry_intr_info", "VM_ENTRY_INTR_INFO_FIELD", "VM-entry interruption-information field", "entry_controls", .fixed(IntelVMCSValues.entryInterruptionInfo)),
        field(0x4018, "ctrl.entry_exception_error_code", "VM_ENTRY_EXCEPTION_ERROR_CODE", "VM-entry exception error code", "entry_controls"),
        field(0x401a, "ctrl.entry_instruction_len", "VM_ENTRY_INSTRUCTION_LEN", "VM-entry instruction length", "entry_controls", .fixed(Registers.count(bits: 32))),
        field(0x401c, "ctrl.tpr_threshold", "TPR_THRESHOLD", "TPR threshold", "execution", .fixed(IntelVMCSValues.tprThreshold)),
        field(0x401e, "ctrl.proc_based2", "SECONDARY_VM_EXEC_CONTROL", "Secondary processor-based VM-execution controls", "execution", .fixed(IntelVMCSControls.secondary), aliases: ["SecondaryExec", "secondary_controls"]),
        field(0x4020, "ctrl.ple_gap", "PLE_GAP", "PLE_Gap", "execution", .fixed(Registers.count(bits: 32))),
        field(0x4022, "ctrl.ple_window", "PLE_WINDOW", "PLE_Window", "execution", .fixed(Registers.count(bits: 32))),
        field(0x4024, "ctrl.notify_window", "NOTIFY_WINDOW", "Instruction-timeout control", "execution", .fixed(Registers.count(bits: 32))),
        field(0x4026, "ctrl.seam_guest_keyid", "SEAM_GUEST_KEYID", "SEAM guest KeyID", "execution", .fixed(Registers.count(bits: 32))),
        // 32-bit read-only data fields (Table B-9)
        field(0x4400, "exit.instruction_error", "VM_INSTRUCTION_ERROR", "VM-instruction error", "exit_info", .fixed(IntelVMCSValues.instructionError)),
        field(0x4402, "exit.reason", "VM_EXIT_REASON", "Exit reason", "exit_info", .fixed(IntelVMCSValues.exitReason), aliases: ["reason"]),
        field(0x4404, "exit.intr_info", "VM_EXIT_INTR_INFO", "VM-exit interruption information", "exit_info", .fixed(IntelVMCSValues.exitInterruptionInfo)),
        field(0x4406, "exit.intr_error_code", "VM_EXIT_INTR_ERROR_CODE", "VM-exit interruption error code", "exit_info"),
        field(0x4408, "exit.idt_vectoring_info", "IDT_VECTORING_INFO_FIELD", "IDT-vectoring information field", "exit_info", .fixed(IntelVMCSValues.idtVectoringInfo)),
        field(0x440a, "exit.idt_vectoring_error_code", "IDT_VECTORING_ERROR_CODE", "IDT-vectoring error code", "exit_info"),
        field(0x440c, "exit.instruction_len", "VM_EXIT_INSTRUCTION_LEN", "VM-exit instruction length", "exit_info", .fixed(Registers.count(bits: 32))),
        field(0x440e, "exit.instruction_info", "VMX_INSTRUCTION_INFO", "VM-exit instruction information", "exit_info", .keyed(by: IntelVMCSValues.instructionInfoKey, IntelVMCSValues.instructionInfoCases)),
        // 32-bit guest-state fields (Table B-10)
        field(0x4800, "guest.es.limit", "GUEST_ES_LIMIT", "Guest ES limit", "guest"),
        field(0x4802, "guest.cs.limit", "GUEST_CS_LIMIT", "Guest CS limit", "guest"),
        field(0x4804, "guest.ss.limit", "GUEST_SS_LIMIT", "Guest SS limit", "guest"),
        field(0x4806, "guest.ds.limit", "GUEST_DS_LIMIT", "Guest DS limit", "guest"),
        field(0x4808, "guest.fs.limit", "GUEST_FS_LIMIT", "Guest FS limit", "guest"),
        field(0x480a, "guest.gs.limit", "GUEST_GS_LIMIT", "Guest GS limit", "guest"),
        field(0x480c, "guest.ldtr.limit", "GUEST_LDTR_LIMIT", "Guest LDTR limit", "guest"),
        field(0x480e, "guest.tr.limit", "GUEST_TR_LIMIT", "Guest TR limit", "guest"),
        field(0x4810, "guest.gdtr.limit", "GUEST_GDTR_LIMIT", "Guest GDTR limit", "guest"),
        field(0x4812, "guest.idtr.limit", "GUEST_IDTR_LIMIT", "Guest IDTR limit", "guest"),
        field(0x4814, "guest.es.ar", "GUEST_ES_AR_BYTES", "Guest ES access rights", "guest", .fixed(IntelVMCSValues.accessRights)),
        field(0x4816, "guest.cs.ar", "GUEST_CS_AR_BYTES", "Guest CS access rights", "guest", .fixed(IntelVMCSValues.accessRights)),
        field(0x4818, "guest.ss.ar", "GUEST_SS_AR_BYTES", "Guest SS access rights", "guest", .fixed(IntelVMCSValues.accessRights)),
        field(0x481a, "guest.ds.ar", "GUEST_DS_AR_BYTES", "Guest DS access rights", "guest", .fixed(IntelVMCSValues.accessRights)),
        field(0x481c, "guest.fs.ar", "GUEST_FS_AR_BYTES", "Guest FS access rights", "guest", .fixed(IntelVMCSValues.accessRights)),
        field(0x481e, "guest.gs.ar", "GUEST_GS_AR_BYTES", "Guest GS access rights", "guest", .fixed(IntelVMCSValues.accessRights)),
        field(0x4820, "guest.ldtr.ar", "GUEST_LDTR_AR_BYTES", "Guest LDTR access rights", "guest", .fixed(IntelVMCSValues.accessRights)),
        field(0x4822, "guest.tr.ar", "GUEST_TR_AR_BYTES", "Guest TR access rights", "guest", .fixed(IntelVMCSValues.accessRights)),
        field(0x4824, "guest.interruptibility", "GUEST_INTERRUPTIBILITY_INFO", "Guest interruptibility state", "guest", .fixed(IntelVMCSValues.interruptibility), aliases: ["Interruptibility"]),
        field(0x4826, "guest.activity_state", "GUEST_ACTIVITY_STATE", "Guest activity state", "guest", .fixed(IntelVMCSValues.activityState), aliases: ["ActivityState"]),
        field(0x4828, "guest.smbase", "GUEST_SMBASE", "Guest SMBASE", "guest"),
        field(0x482a, "guest.sysenter_cs", "GUEST_SYSENTER_CS", "Guest IA32_SYSENTER_CS", "guest"),
        field(0x482e, "guest.preemption_timer", "VMX_PREEMPTION_TIMER_VALUE", "VMX-preemption timer value", "guest", .fixed(Registers.count(bits: 32))),
        // 32-bit host-state field (Table B-11)
        field(0x4c00, "host.sysenter_cs", "HOST_IA32_SYSENTER_CS", "Host IA32_SYSENTER_CS", "host"),
        // Natural-width control fields (Table B-12)
        field(0x6000, "ctrl.cr0_guest_host_mask", "CR0_GUEST_HOST_MASK", "CR0 guest/host mask", "execution", .fixed(Registers.cr0Mask)),
        field(0x6002, "ctrl.cr4_guest_host_mask", "CR4_GUEST_HOST_MASK", "CR4 guest/host mask", "execution", .fixed(Registers.cr4Mask)),
        field(0x6004, "ctrl.cr0_read_shadow", "CR0_READ_SHADOW", "CR0 read shadow", "execution", .fixed(Registers.cr0)),
        field(0x6006, "ctrl.cr4_read_shadow", "CR4_READ_SHADOW", "CR4 read shadow", "execution", .fixed(Registers.cr4)),
        field(0x6008, "ctrl.cr3_target_value0", "CR3_TARGET_VALUE0", "CR3-target value 0", "execution"),
        field(0x600a, "ctrl.cr3_target_value1", "CR3_TARGET_VALUE1", "CR3-target value 1", "execution"),
        field(0x600c, "ctrl.cr3_target_value2", "CR3_TARGET_VALUE2", "CR3-target value 2", "execution"),
        field(0x600e, "ctrl.cr3_target_value3", "CR3_TARGET_VALUE3", "CR3-target value 3", "execution"),
        // Natural-width read-only data fields (Table B-13)
        field(0x6400, "exit.qualification", "EXIT_QUALIFICATION", "Exit qualification", "exit_info", .keyed(by: IntelVMCSValues.qualificationKey, IntelVMCSValues.qualificationCases), aliases: ["qualification"]),
        field(0x6402, "exit.io_rcx", "IO_RCX", "I/O RCX", "exit_info"),
        field(0x6404, "exit.io_rsi", "IO_RSI", "I/O RSI", "exit_info"),
        field(0x6406, "exit.io_rdi", "IO_RDI", "I/O RDI", "exit_info"),
        field(0x6408, "exit.io_rip", "IO_RIP", "I/O RIP", "exit_info"),
        field(0x640a, "exit.guest_linear_address", "GUEST_LINEAR_ADDRESS", "Guest-linear address", "exit_info", aliases: ["gla"]),
        // Natural-width guest-state fields (Table B-14)
        field(0x6800, "guest.cr0", "GUEST_CR0", "Guest CR0", "guest", .fixed(Registers.cr0)),
        field(0x6802, "guest.cr3", "GUEST_CR3", "Guest CR3", "guest", Registers.cr3(pcideFrom: "guest.cr4")),
        field(0x6804, "guest.cr4", "GUEST_CR4", "Guest CR4", "guest", .fixed(Registers.cr4)),
        field(0x6806, "guest.es.base", "GUEST_ES_BASE", "Guest ES base", "guest"),
        field(0x6808, "guest.cs.base", "GUEST_CS_BASE", "Guest CS base", "guest"),
        field(0x680a, "guest.ss.base", "GUEST_SS_BASE", "Guest SS base", "guest"),
        field(0x680c, "guest.ds.base", "GUEST_DS_BASE", "Guest DS base", "guest"),
        field(0x680e, "guest.fs.base", "GUEST_FS_BASE", "Guest FS base", "guest"),
        field(0x6810, "guest.gs.base", "GUEST_GS_BASE", "Guest GS base", "guest"),
        field(0x6812, "guest.ldtr.base", "GUEST_LDTR_BASE", "Guest LDTR base", "guest"),
        field(0x6814, "guest.tr.base", "GUEST_TR_BASE", "Guest TR base", "guest"),
        field(0x6816, "guest.gdtr.base", "GUEST_GDTR_BASE", "Guest GDTR base", "guest"),
        field(0x6818, "guest.idtr.base", "GUEST_IDTR_BASE", "Guest IDTR base", "guest"),
        field(0x681a, "guest.dr7", "GUEST_DR7", "Guest DR7", "guest", .fixed(Registers.dr7)),
        field(0x681c, "guest.rsp", "GUEST_RSP", "Guest RSP", "guest"),
        field(0x681e, "guest.rip", "GUEST_RIP", "Guest RIP", "guest"),
        field(0x6820, "guest.rflags", "GUEST_RFLAGS", "Guest RFLAGS", "guest", .fixed(Registers.rflags)),
        field(0x6822, "guest.pending_dbg_exceptions", "GUEST_PENDING_DBG_EXCEPTIONS", "Guest pending debug exceptions", "guest", .fixed(IntelVMCSValues.pendingDebugExceptions), aliases: ["DebugExceptions"]),
        field(0x6824, "guest.sysenter_esp", "GUEST_SYSENTER_ESP", "Guest IA32_SYSENTER_ESP", "guest"),
        field(0x6826, "guest.sysenter_eip", "GUEST_SYSENTER_EIP", "Guest IA32_SYSENTER_EIP", "guest"),
        field(0x6828, "guest.s_cet", "GUEST_S_CET", "Guest IA32_S_CET", "guest", .fixed(Registers.cet)),
        field(0x682a, "guest.ssp", "GUEST_SSP", "Guest SSP", "guest"),
        field(0x682c, "guest.intr_ssp_table", "GUEST_INTR_SSP_TABLE", "Guest IA32_INTERRUPT_SSP_TABLE_ADDR", "guest"),
        // Natural-width host-state fields (Table B-15)
        field(0x6c00, "host.cr0", "HOST_CR0", "Host CR0", "host", .fixed(Registers.cr0)),
        field(0x6c02, "host.cr3", "HOST_CR3", "Host CR3", "host", Registers.cr3(pcideFrom: "host.cr4")),
        field(0x6c04, "host.cr4", "HOST_CR4", "Host CR4", "host", .fixed(Registers.cr4)),
        field(0x6c06, "host.fs.base", "HOST_FS_BASE", "Host FS base", "host"),
        field(0x6c08, "host.gs.base", "HOST_GS_BASE", "Host GS base", "host"),
        field(0x6c0a, "host.tr.base", "HOST_TR_BASE", "Host TR base", "host"),
        field(0x6c0c, "host.gdtr.base", "HOST_GDTR_BASE", "Host GDTR base", "host"),
        field(0x6c0e, "host.idtr.base", "HOST_IDTR_BASE", "Host IDTR base", "host"),
        field(0x6c10, "host.sysenter_esp", "HOST_IA32_SYSENTER_ESP", "Host IA32_SYSENTER_ESP", "host"),
        field(0x6c12, "host.sysenter_eip", "HOST_IA32_SYSENTER_EIP", "Host IA32_SYSENTER_EIP", "host"),
        field(0x6c14, "host.rsp", "HOST_RSP", "Host RSP", "host"),
        field(0x6c16, "host.rip", "HOST_RIP", "Host RIP", "host"),
        field(0x6c18, "host.s_cet", "HOST_S_CET", "Host IA32_S_CET", "host", .fixed(Registers.cet)),
        field(0x6c1a, "host.ssp", "HOST_SSP", "Host SSP", "host"),
        field(0x6c1c, "host.intr_ssp_table", "HOST_INTR_SSP_TABLE", "Host IA32_INTERRUPT_SSP_TABLE_ADDR", "host"),
    ]
}
