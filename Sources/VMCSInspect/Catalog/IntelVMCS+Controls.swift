// swift-format-ignore-file
// (catalog rows stay one per line)
// VMX control bits. Source: Intel SDM Vol. 3 (order no. 325384-084, 2024): section 25.6.1
// (pin-based), 25.6.2 (primary, secondary and tertiary processor-based), 25.7.1 (VM-exit controls),
// 25.8.1 (VM-entry controls) and 25.6.14 (VM-function controls). Bits the SDM leaves reserved have no
// row: set, they print as unnamed bits (whether a reserved bit must be 0 or 1 depends on the
// capability MSRs, which a dump does not carry).

/// VMX control-field bit tables.
public enum IntelVMCSControls {
    /// Reserved "default1" bits with no function (SDM Vol. 3 Appendix A.2): software sets them to 1.
    static func default1(_ bits: [Int]) -> [BitDefinition] {
        bits.map { BitDefinition("reserved_\($0)", "RSVD", BitRange($0), .reserved(1), "reserved, default1: must be 1 (SDM Appendix A.2)") }
    }

    public static let pinBased = BitLayout(
        "vmx.pin_based", reference: "SDM Vol. 3 (325384-084) section 25.6.1",
        [
            BitDefinition("external_interrupt_exiting", "EXT_INTR_EXITING", BitRange(0), .flag, "external interrupts cause VM exits"),
            BitDefinition("nmi_exiting", "NMI_EXITING", BitRange(3), .flag, "NMIs cause VM exits"),
            BitDefinition("virtual_nmis", "VIRTUAL_NMIS", BitRange(5), .flag, "NMIs are never blocked and virtual-NMI blocking is tracked"),
            BitDefinition("preemption_timer", "PREEMPTION_TIMER", BitRange(6), .flag, "activate the VMX-preemption timer"),
            BitDefinition("posted_interrupts", "POSTED_INTR", BitRange(7), .flag, "process posted interrupts"),
        ] + default1([1, 2, 4]))

    public static let primary = BitLayout(
        "vmx.proc_based", reference: "SDM Vol. 3 (325384-084) section 25.6.2 (primary)",
        [
            BitDefinition("interrupt_window_exiting", "INTR_WINDOW_EXITING", BitRange(2), .flag, "exit at the start of an interrupt window"),
            BitDefinition("use_tsc_offsetting", "USE_TSC_OFFSETTING", BitRange(3), .flag, "apply the TSC offset"),
            BitDefinition("hlt_exiting", "HLT_EXITING", BitRange(7), .flag, "HLT causes VM exits"),
            BitDefinition("invlpg_exiting", "INVLPG_EXITING", BitRange(9), .flag, "INVLPG causes VM exits"),
            BitDefinition("mwait_exiting", "MWAIT_EXITING", BitRange(10), .flag, "MWAIT causes VM exits"),
            BitDefinition("rdpmc_exiting", "RDPMC_EXITING", BitRange(11), .flag, "RDPMC causes VM exits"),
            BitDefinition("rdtsc_exiting", "RDTSC_EXITING", BitRange(12), .flag, "RDTSC and RDTSCP cause VM exits"),
            BitDefinition("cr3_load_exiting", "CR3_LOAD_EXITING", BitRange(15), .flag, "MOV to CR3 causes VM exits (unless a CR3-target value matches)"),
            BitDefinition("cr3_store_exiting", "CR3_STORE_EXITING", BitRange(16), .flag, "MOV from CR3 causes VM exits"),
            BitDefinition("activate_tertiary_controls", "ACTIVATE_TERTIARY_CONTROLS", BitRange(17), .flag, "use the tertiary processor-based controls" ),
            BitDefinition("cr8_load_exiting", "CR8_LOAD_EXITING", BitRange(19), .flag, "MOV to CR8 causes VM exits"),
            BitDefinition("cr8_store_exiting", "CR8_STORE_EXITING", BitRange(20), .flag, "MOV from CR8 causes VM exits"),
            BitDefinition("use_tpr_shadow", "TPR_SHADOW", BitRange(21), .flag, "TPR virtualization through the virtual-APIC page"),
            BitDefinition("nmi_window_exiting", "NMI_WINDOW_EXITING", BitRange(22), .flag, "exit when there is no virtual-NMI blocking"),
            BitDefinition("mov_dr_exiting", "MOV_DR_EXITING", BitRange(23), .flag, "MOV DR causes VM exits"),
            BitDefinition("unconditional_io_exiting", "UNCOND_IO_EXITING", BitRange(24), .flag, "every I/O instruction causes a VM exit"),
            BitDefinition("use_io_bitmaps", "USE_IO_BITMAPS", BitRange(25), .flag, "I/O bitmaps decide I/O exits"),
            BitDefinition("monitor_trap_flag", "MONITOR_TRAP_FLAG", BitRange(27), .flag, "monitor trap flag debugging"),
            BitDefinition("use_msr_bitmaps", "USE_MSR_BITMAPS", BitRange(28), .flag, "MSR bitmaps decide RDMSR/WRMSR exits"),
            BitDefinition("monitor_exiting", "MONITOR_EXITING", BitRange(29), .flag, "MONITOR causes VM exits"),
            BitDefinition("pause_exiting", "PAUSE_EXITING", BitRange(30), .flag, "PAUSE causes VM exits"),
            BitDefinition("activate_secondary_controls", "ACTIVATE_SECONDARY_CONTROLS", BitRange(31), .flag, "use the secondary processor-based controls"),
        ] + default1([1, 4, 5, 6, 8, 13, 14, 26]))

    public static let secondary = BitLayout(
        "vmx.proc_based2", reference: "SDM Vol. 3 (325384-084) section 25.6.2 (secondary)",
        [
            BitDefinition("virtualize_apic_accesses", "VIRTUALIZE_APIC_ACCESSES", BitRange(0), .flag, "accesses to the APIC-access page are virtualized"),
            BitDefinition("enable_ept", "ENABLE_EPT", BitRange(1), .flag, "extended page tables"),
            BitDefinition("descriptor_table_exiting", "DESC_TABLE_EXITING", BitRange(2), .flag, "LGDT, LIDT, LLDT, LTR, SGDT, SIDT, SLDT, STR cause VM exits"),
            BitDefinition("enable_rdtscp", "ENABLE_RDTSCP", BitRange(3), .flag, "RDTSCP does not cause #UD"),
            BitDefinition("virtualize_x2apic_mode", "VIRTUALIZE_X2APIC_MODE", BitRange(4), .flag, "x2APIC MSR accesses are virtualized"),
            BitDefinition("enable_vpid", "ENABLE_VPID", BitRange(5), .flag, "cached translations are tagged with the VPID"),
            BitDefinition("wbinvd_exiting", "WBINVD_EXITING", BitRange(6), .flag, "WBINVD and WBNOINVD cause VM exits"),
            BitDefinition("unrestricted_guest", "UNRESTRICTED_GUEST", BitRange(7), .flag, "the guest may run in unpaged protected mode or real mode"),
            BitDefinition("apic_register_virtualization", "APIC_REGISTER_VIRT", BitRange(8), .flag, "APIC register reads are virtualized"),
            BitDefinition("virtual_interrupt_delivery", "VIRTUAL_INTR_DELIVERY", BitRange(9), .flag, "virtual-interrupt delivery"),
            BitDefinition("pause_loop_exiting", "PAUSE_LOOP_EXITING", BitRange(10), .flag, "PAUSE loops cause VM exits (PLE_Gap, PLE_Window)"),
            BitDefinition("rdrand_exiting", "RDRAND_EXITING", BitRange(11), .flag, "RDRAND causes VM exits"),
            BitDefinition("enable_invpcid", "ENABLE_INVPCID", BitRange(12), .flag, "INVPCID does not cause #UD"),
            BitDefinition("enable_vm_functions", "ENABLE_VMFUNC", BitRange(13), .flag, "VMFUNC is enabled"),
            BitDefinition("vmcs_shadowing", "SHADOW_VMCS", BitRange(14), .flag, "VMREAD/VMWRITE may use a shadow VMCS"),
            BitDefinition("enable_encls_exiting", "ENCLS_EXITING", BitRange(15), .flag, "ENCLS exits by the ENCLS-exiting bitmap"),
            BitDefinition("rdseed_exiting", "RDSEED_EXITING", BitRange(16), .flag, "RDSEED causes VM exits"),
            BitDefinition("enable_pml", "ENABLE_PML", BitRange(17), .flag, "page-modification logging"),
            BitDefinition("ept_violation_ve", "EPT_VIOLATION_VE", BitRange(18), .flag, "EPT violations may cause #VE"),
            BitDefinition("conceal_vmx_from_pt", "PT_CONCEAL_VMX", BitRange(19), .flag, "conceal VMX from Intel Processor Trace"),
            BitDefinition("enable_xsaves", "ENABLE_XSAVES", BitRange(20), .flag, "XSAVES/XRSTORS do not cause #UD"),
            BitDefinition("pasid_translation", "PASID_TRANSLATION", BitRange(21), .flag, "PASID translation for ENQCMD/ENQCMDS"),
            BitDefinition("mode_based_execute", "MODE_BASED_EPT_EXEC", BitRange(22), .flag, "EPT execute permission by supervisor/user mode"),
            BitDefinition("sub_page_write", "SUB_PAGE_WRITE", BitRange(23), .flag, "EPT sub-page write permissions"),
            BitDefinition("pt_uses_guest_physical", "PT_USE_GPA", BitRange(24), .flag, "Intel PT output addresses are guest-physical"),
            BitDefinition("use_tsc_scaling", "TSC_SCALING", BitRange(25), .flag, "apply the TSC multiplier"),
            BitDefinition("enable_user_wait_pause", "USER_WAIT_PAUSE", BitRange(26), .flag, "UMWAIT and TPAUSE do not cause #UD"),
            BitDefinition("enable_pconfig", "ENABLE_PCONFIG", BitRange(27), .flag, "PCONFIG exits by the PCONFIG-exiting bitmap"),
            BitDefinition("enable_enclv_exiting", "ENCLV_EXITING", BitRange(28), .flag, "ENCLV exits by the ENCLV-exiting bitmap"),
            BitDefinition("bus_lock_detection", "BUS_LOCK_DETECTION", BitRange(30), .flag, "VMM bus-lock detection"),
            BitDefinition("instruction_timeout", "NOTIFY_VM_EXITING", BitRange(31), .flag, "instruction timeout (notify window)"),
        ])

    public static let tertiary = BitLayout(
        "vmx.proc_based3", reference: "SDM Vol. 3 (325384-084) section 25.6.2 (tertiary)",
        [
            BitDefinition("loadiwkey_exiting", "LOADIWKEY_EXITING", BitRange(0), .flag, "LOADIWKEY causes VM exits"),
            BitDefinition("enable_hlat", "ENABLE_HLAT", BitRange(1), .flag, "hypervisor-managed linear-address translation"),
            BitDefinition("ept_paging_write", "EPT_PAGING_WRITE", BitRange(2), .flag, "EPT paging-write control"),
            BitDefinition("guest_paging_verification", "GUEST_PAGING_VERIFY", BitRange(3), .flag, "guest-paging verification"),
            BitDefinition("ipi_virtualization", "IPI_VIRT", BitRange(4), .flag, "IPI virtualization"),
            BitDefinition("enable_msr_list", "ENABLE_MSRLIST", BitRange(6), .flag, "RDMSRLIST and WRMSRLIST are enabled"),
            BitDefinition("virtualize_spec_ctrl", "VIRT_SPEC_CTRL", BitRange(7), .flag, "virtualize IA32_SPEC_CTRL"),
            BitDefinition("apic_timer_virtualization", "APIC_TIMER_VIRT", BitRange(8), .flag, "APIC-timer virtualization (guest deadline, virtual-timer vector)"),
        ])

    public static let exit = BitLayout(
        "vmx.exit", reference: "SDM Vol. 3 (325384-084) section 25.7.1",
        [
            BitDefinition("save_debug_controls", "SAVE_DEBUG_CONTROLS", BitRange(2), .flag, "save DR7 and IA32_DEBUGCTL"),
            BitDefinition("host_address_space_size", "HOST_ADDR_SPACE_SIZE", BitRange(9), .flag, "the host is in 64-bit mode after the exit"),
            BitDefinition("load_perf_global_ctrl", "LOAD_IA32_PERF_GLOBAL_CTRL", BitRange(12), .flag, "load IA32_PERF_GLOBAL_CTRL"),
            BitDefinition("acknowledge_interrupt", "ACK_INTR_ON_EXIT", BitRange(15), .flag, "acknowledge the interrupt controller and save the vector" ),
            BitDefinition("save_pat", "SAVE_IA32_PAT", BitRange(18), .flag, "save IA32_PAT"),
            BitDefinition("load_pat", "LOAD_IA32_PAT", BitRange(19), .flag, "load IA32_PAT"),
            BitDefinition("save_efer", "SAVE_IA32_EFER", BitRange(20), .flag, "save IA32_EFER"),
            BitDefinition("load_efer", "LOAD_IA32_EFER", BitRange(21), .flag, "load IA32_EFER"),
            BitDefinition("save_preemption_timer", "SAVE_VMX_PREEMPTION_TIMER", BitRange(22), .flag, "save the VMX-preemption timer value"),
            BitDefinition("clear_bndcfgs", "CLEAR_BNDCFGS", BitRange(23), .flag, "clear IA32_BNDCFGS"),
            BitDefinition("conceal_vmx_from_pt", "PT_CONCEAL_PIP", BitRange(24), .flag, "conceal VMX from Intel Processor Trace"),
            BitDefinition("clear_rtit_ctl", "CLEAR_IA32_RTIT_CTL", BitRange(25), .flag, "clear IA32_RTIT_CTL"),
            BitDefinition("clear_lbr_ctl", "CLEAR_IA32_LBR_CTL", BitRange(26), .flag, "clear IA32_LBR_CTL"),
            BitDefinition("clear_uinv", "CLEAR_UINV", BitRange(27), .flag, "clear UINV"),
            BitDefinition("load_cet_state", "LOAD_CET_STATE", BitRange(28), .flag, "load host CET state"),
            BitDefinition("load_pkrs", "LOAD_PKRS", BitRange(29), .flag, "load IA32_PKRS"),
            BitDefinition("save_perf_global_ctrl", "SAVE_IA32_PERF_GLOBAL_CTRL", BitRange(30), .flag, "save IA32_PERF_GLOBAL_CTRL"),
            BitDefinition("activate_secondary_controls", "ACTIVATE_SECONDARY_CONTROLS", BitRange(31), .flag, "use the secondary VM-exit controls"),
        ] + default1([0, 1, 3, 4, 5, 6, 7, 8, 10, 11, 13, 14, 16, 17]))

    public static let entry = BitLayout(
        "vmx.entry", reference: "SDM Vol. 3 (325384-084) section 25.8.1",
        [
            BitDefinition("load_debug_controls", "LOAD_DEBUG_CONTROLS", BitRange(2), .flag, "load DR7 and IA32_DEBUGCTL"),
            BitDefinition("ia32e_mode_guest", "IA32E_MODE", BitRange(9), .flag, "the guest is in IA-32e mode after entry"),
            BitDefinition("entry_to_smm", "SMM", BitRange(10), .flag, "entry to SMM"),
            BitDefinition("deactivate_dual_monitor", "DEACT_DUAL_MONITOR", BitRange(11), .flag, "deactivate the dual-monitor treatment"),
            BitDefinition("load_perf_global_ctrl", "LOAD_IA32_PERF_GLOBAL_CTRL", BitRange(13), .flag, "load IA32_PERF_GLOBAL_CTRL"),
            BitDefinition("load_pat", "LOAD_IA32_PAT", BitRange(14), .flag, "load IA32_PAT"),
            BitDefinition("load_efer", "LOAD_IA32_EFER", BitRange(15), .flag, "load IA32_EFER"),
            BitDefinition("load_bndcfgs", "LOAD_BNDCFGS", BitRange(16), .flag, "load IA32_BNDCFGS"),
            BitDefinition("conceal_vmx_from_pt", "PT_CONCEAL_PIP", BitRange(17), .flag, "conceal VMX from Intel Processor Trace"),
            BitDefinition("load_rtit_ctl", "LOAD_IA32_RTIT_CTL", BitRange(18), .flag, "load IA32_RTIT_CTL"),
            BitDefinition("load_uinv", "LOAD_UINV", BitRange(19), .flag, "load UINV"),
            BitDefinition("load_cet_state", "LOAD_CET_STATE", BitRange(20), .flag, "load guest CET state"),
            BitDefinition("load_lbr_ctl", "LOAD_IA32_LBR_CTL", BitRange(21), .flag, "load IA32_LBR_CTL"),
            BitDefinition("load_pkrs", "LOAD_PKRS", BitRange(22), .flag, "load IA32_PKRS"),
            BitDefinition("load_fred", "LOAD_IA32_FRED", BitRange(23), .flag, "load guest FRED state (FRED specification)"),
            BitDefinition("load_spec_ctrl", "LOAD_IA32_SPEC_CTRL", BitRange(24), .flag, "load guest IA32_SPEC_CTRL"),
        ] + default1([0, 1, 3, 4, 5, 6, 7, 8, 12]))

    /// Secondary VM-exit controls: the FRED specification (Intel 346446) adds bits 0 and 1;
    /// Linux names them SECONDARY_VM_EXIT_SAVE_IA32_FRED and SECONDARY_VM_EXIT_LOAD_IA32_FRED.
    public static let secondaryExit = BitLayout(
        "vmx.exit2", reference: "SDM Vol. 3 (325384-084) section 25.7.1; FRED specification (346446), VMX support",
        [
            BitDefinition("save_fred", "SAVE_IA32_FRED", BitRange(0), .flag, "save guest FRED state"),
            BitDefinition("load_fred", "LOAD_IA32_FRED", BitRange(1), .flag, "load host FRED state"),
            BitDefinition("load_spec_ctrl", "LOAD_IA32_SPEC_CTRL", BitRange(2), .flag, "load host IA32_SPEC_CTRL"),
            BitDefinition("prematurely_busy_shadow_stack", "PREMATURELY_BUSY_SS", BitRange(3), .flag, "a VM exit may report a prematurely busy shadow stack"),
        ])

    public static let vmFunctions = BitLayout(
        "vmx.vmfunc", reference: "SDM Vol. 3 (325384-084) section 25.6.14",
        [
            BitDefinition("eptp_switching", "EPTP_SWITCHING", BitRange(0), .flag, "VM function 0: EPTP switching"),
            // SDM 27.2.1.1: bits the IA32_VMX_VMFUNC MSR does not allow must be 0; no processor
            // defines a VM function other than 0.
            BitDefinition("reserved_63_1", "RSVD", BitRange(63, 1), .reserved(0), "reserved, must be zero").checkedOnEntry,
        ])
}
