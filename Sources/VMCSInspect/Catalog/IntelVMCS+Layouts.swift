// swift-format-ignore-file
// (catalog rows stay one per line)
// Where VMCS fields sit in memory. The hardware VMCS format is implementation-specific (SDM Vol. 3
// section 25.2: software must use VMREAD/VMWRITE), so only software-defined layouts are public:
// KVM's nested `struct vmcs12` (arch/x86/kvm/vmx/vmcs12.h, Linux 6.12: VMCS12_REVISION 0x11e57ed0,
// offsets from its CHECK_OFFSET list) and Hyper-V's enlightened VMCS (`struct hv_enlightened_vmcs`,
// Hypervisor TLFS 6.0 section 16.11, version 1, as Linux 6.12's hyperv-tlfs.h declares it).
// Hardware layouts come from the user as a layout file (`VMCSLayout.parse`).

/// An encoding → offset table for one in-memory VMCS format.
public struct VMCSLayout: Sendable {
    public struct Entry: Sendable {
        public let encoding: UInt32
        public let offset: Int

        public init(_ encoding: UInt32, _ offset: Int) {
            self.encoding = encoding
            self.offset = offset
        }
    }

    /// Name for `--layout` (`kvm-vmcs12`, `hyperv-evmcs`).
    public let name: String
    public let title: String
    /// The revision identifier in the first 32 bits of the region, when the format has one.
    public let revision: UInt32?
    public let entries: [Entry]
    public let reference: String

    public init(name: String, title: String, revision: UInt32?, entries: [Entry], reference: String) {
        self.name = name
        self.title = title
        self.revision = revision
        self.entries = entries
        self.reference = reference
    }

    /// The built-in layouts.
    public static let builtIn: [VMCSLayout] = [vmcs12, enlightenedVMCS]

    public static func named(_ name: String) -> VMCSLayout? {
        let wanted = FieldName.normalize(name)
        return builtIn.first {
            FieldName.normalize($0.name) == wanted || ($0.name == "kvm-vmcs12" && wanted == "vmcs12")
                || ($0.name == "hyperv-evmcs" && wanted == "evmcs")
        }
    }

    /// The built-in layout whose revision identifier a page starts with.
    public static func matching(revision: UInt32) -> VMCSLayout? {
        builtIn.first { $0.revision == revision && $0.revision != nil && $0.name == "kvm-vmcs12" }
    }

    public static let vmcs12 = VMCSLayout(
        name: "kvm-vmcs12", title: "KVM nested struct vmcs12", revision: 0x11e5_7ed0, entries: vmcs12Entries,
        reference: "Linux 6.12 arch/x86/kvm/vmx/vmcs12.h")

    /// Version 1 of the enlightened VMCS starts with revision_id 1, a value too common at the
    /// start of any page to identify it: it is chosen by name only.
    public static let enlightenedVMCS = VMCSLayout(
        name: "hyperv-evmcs", title: "Hyper-V enlightened VMCS", revision: 1, entries: enlightenedEntries,
        reference: "Hyper-V TLFS 6.0 section 16.11; Linux 6.12 arch/x86/include/asm/hyperv-tlfs.h")

    static let vmcs12Entries: [Entry] = [
        VMCSLayout.Entry(0x2000, 40),  // io_bitmap_a
        VMCSLayout.Entry(0x2002, 48),  // io_bitmap_b
        VMCSLayout.Entry(0x2004, 56),  // msr_bitmap
        VMCSLayout.Entry(0x2006, 64),  // vm_exit_msr_store_addr
        VMCSLayout.Entry(0x2008, 72),  // vm_exit_msr_load_addr
        VMCSLayout.Entry(0x200a, 80),  // vm_entry_msr_load_addr
        VMCSLayout.Entry(0x2010, 88),  // tsc_offset
        VMCSLayout.Entry(0x2012, 96),  // virtual_apic_page_addr
        VMCSLayout.Entry(0x2014, 104),  // apic_access_addr
        VMCSLayout.Entry(0x2016, 112),  // posted_intr_desc_addr
        VMCSLayout.Entry(0x201a, 120),  // ept_pointer
        VMCSLayout.Entry(0x201c, 128),  // eoi_exit_bitmap0
        VMCSLayout.Entry(0x201e, 136),  // eoi_exit_bitmap1
        VMCSLayout.Entry(0x2020, 144),  // eoi_exit_bitmap2
        VMCSLayout.Entry(0x2022, 152),  // eoi_exit_bitmap3
        VMCSLayout.Entry(0x202c, 160),  // xss_exit_bitmap
        VMCSLayout.Entry(0x2400, 168),  // guest_physical_address
        VMCSLayout.Entry(0x2800, 176),  // vmcs_link_pointer
        VMCSLayout.Entry(0x2802, 184),  // guest_ia32_debugctl
        VMCSLayout.Entry(0x2804, 192),  // guest_ia32_pat
        VMCSLayout.Entry(0x2806, 200),  // guest_ia32_efer
        VMCSLayout.Entry(0x2808, 208),  // guest_ia32_perf_global_ctrl
        VMCSLayout.Entry(0x280a, 216),  // guest_pdptr0
        VMCSLayout.Entry(0x280c, 224),  // guest_pdptr1
        VMCSLayout.Entry(0x280e, 232),  // guest_pdptr2
        VMCSLayout.Entry(0x2810, 240),  // guest_pdptr3
        VMCSLayout.Entry(0x2812, 248),  // guest_bndcfgs
        VMCSLayout.Entry(0x2c00, 256),  // host_ia32_pat
        VMCSLayout.Entry(0x2c02, 264),  // host_ia32_efer
        VMCSLayout.Entry(0x2c04, 272),  // host_ia32_perf_global_ctrl
        VMCSLayout.Entry(0x2026, 280),  // vmread_bitmap
        VMCSLayout.Entry(0x2028, 288),  // vmwrite_bitmap
        VMCSLayout.Entry(0x2018, 296),  // vm_function_control
        VMCSLayout.Entry(0x2024, 304),  // eptp_list_address
        VMCSLayout.Entry(0x200e, 312),  // pml_address
        VMCSLayout.Entry(0x202e, 320),  // encls_exiting_bitmap
        VMCSLayout.Entry(0x2032, 328),  // tsc_multiplier
        VMCSLayout.Entry(0x6000, 344),  // cr0_guest_host_mask
        VMCSLayout.Entry(0x6002, 352),  // cr4_guest_host_mask
        VMCSLayout.Entry(0x6004, 360),  // cr0_read_shadow
        VMCSLayout.Entry(0x6006, 368),  // cr4_read_shadow
        VMCSLayout.Entry(0x6400, 408),  // exit_qualification
        VMCSLayout.Entry(0x640a, 416),  // guest_linear_address
        VMCSLayout.Entry(0x6800, 424),  // guest_cr0
        VMCSLayout.Entry(0x6802, 432),  // guest_cr3
        VMCSLayout.Entry(0x6804, 440),  // guest_cr4
        VMCSLayout.Entry(0x6806, 448),  // guest_es_base
        VMCSLayout.Entry(0x6808, 456),  // guest_cs_base
        VMCSLayout.Entry(0x680a, 464),  // guest_ss_base
        VMCSLayout.Entry(0x680c, 472),  // guest_ds_base
        VMCSLayout.Entry(0x680e, 480),  // guest_fs_base
        VMCSLayout.Entry(0x6810, 488),  // guest_gs_base
        VMCSLayout.Entry(0x6812, 496),  // guest_ldtr_base
        VMCSLayout.Entry(0x6814, 504),  // guest_tr_base
        VMCSLayout.Entry(0x6816, 512),  // guest_gdtr_base
        VMCSLayout.Entry(0x6818, 520),  // guest_idtr_base
        VMCSLayout.Entry(0x681a, 528),  // guest_dr7
        VMCSLayout.Entry(0x681c, 536),  // guest_rsp
        VMCSLayout.Entry(0x681e, 544),  // guest_rip
        VMCSLayout.Entry(0x6820, 552),  // guest_rflags
        VMCSLayout.Entry(0x6822, 560),  // guest_pending_dbg_exceptions
        VMCSLayout.Entry(0x6824, 568),  // guest_sysenter_esp
        VMCSLayout.Entry(0x6826, 576),  // guest_sysenter_eip
        VMCSLayout.Entry(0x6c00, 584),  // host_cr0
        VMCSLayout.Entry(0x6c02, 592),  // host_cr3
        VMCSLayout.Entry(0x6c04, 600),  // host_cr4
        VMCSLayout.Entry(0x6c06, 608),  // host_fs_base
        VMCSLayout.Entry(0x6c08, 616),  // host_gs_base
        VMCSLayout.Entry(0x6c0a, 624),  // host_tr_base
        VMCSLayout.Entry(0x6c0c, 632),  // host_gdtr_base
        VMCSLayout.Entry(0x6c0e, 640),  // host_idtr_base
        VMCSLayout.Entry(0x6c10, 648),  // host_ia32_sysenter_esp
        VMCSLayout.Entry(0x6c12, 656),  // host_ia32_sysenter_eip
        VMCSLayout.Entry(0x6c14, 664),  // host_rsp
        VMCSLayout.Entry(0x6c16, 672),  // host_rip
        VMCSLayout.Entry(0x4000, 744),  // pin_based_vm_exec_control
        VMCSLayout.Entry(0x4002, 748),  // cpu_based_vm_exec_control
        VMCSLayout.Entry(0x4004, 752),  // exception_bitmap
        VMCSLayout.Entry(0x4006, 756),  // page_fault_error_code_mask
        VMCSLayout.Entry(0x4008, 760),  // page_fault_error_code_match
        VMCSLayout.Entry(0x400a, 764),  // cr3_target_count
        VMCSLayout.Entry(0x400c, 768),  // vm_exit_controls
        VMCSLayout.Entry(0x400e, 772),  // vm_exit_msr_store_count
        VMCSLayout.Entry(0x4010, 776),  // vm_exit_msr_load_count
        VMCSLayout.Entry(0x4012, 780),  // vm_entry_controls
        VMCSLayout.Entry(0x4014, 784),  // vm_entry_msr_load_count
        VMCSLayout.Entry(0x4016, 788),  // vm_entry_intr_info_field
        VMCSLayout.Entry(0x4018, 792),  // vm_entry_exception_error_code
        VMCSLayout.Entry(0x401a, 796),  // vm_entry_instruction_len
        VMCSLayout.Entry(0x401c, 800),  // tpr_threshold
        VMCSLayout.Entry(0x401e, 804),  // secondary_vm_exec_control
        VMCSLayout.Entry(0x4400, 808),  // vm_instruction_error
        VMCSLayout.Entry(0x4402, 812),  // vm_exit_reason
        VMCSLayout.Entry(0x4404, 816),  // vm_exit_intr_info
        VMCSLayout.Entry(0x4406, 820),  // vm_exit_intr_error_code
        VMCSLayout.Entry(0x4408, 824),  // idt_vectoring_info_field
        VMCSLayout.Entry(0x440a, 828),  // idt_vectoring_error_code
        VMCSLayout.Entry(0x440c, 832),  // vm_exit_instruction_len
        VMCSLayout.Entry(0x440e, 836),  // vmx_instruction_info
        VMCSLayout.Entry(0x4800, 840),  // guest_es_limit
        VMCSLayout.Entry(0x4802, 844),  // guest_cs_limit
        VMCSLayout.Entry(0x4804, 848),  // guest_ss_limit
        VMCSLayout.Entry(0x4806, 852),  // guest_ds_limit
        VMCSLayout.Entry(0x4808, 856),  // guest_fs_limit
        VMCSLayout.Entry(0x480a, 860),  // guest_gs_limit
        VMCSLayout.Entry(0x480c, 864),  // guest_ldtr_limit
        VMCSLayout.Entry(0x480e, 868),  // guest_tr_limit
        VMCSLayout.Entry(0x4810, 872),  // guest_gdtr_limit
        VMCSLayout.Entry(0x4812, 876),  // guest_idtr_limit
        VMCSLayout.Entry(0x4814, 880),  // guest_es_ar_bytes
        VMCSLayout.Entry(0x4816, 884),  // guest_cs_ar_bytes
        VMCSLayout.Entry(0x4818, 888),  // guest_ss_ar_bytes
        VMCSLayout.Entry(0x481a, 892),  // guest_ds_ar_bytes
        VMCSLayout.Entry(0x481c, 896),  // guest_fs_ar_bytes
        VMCSLayout.Entry(0x481e, 900),  // guest_gs_ar_bytes
        VMCSLayout.Entry(0x4820, 904),  // guest_ldtr_ar_bytes
        VMCSLayout.Entry(0x4822, 908),  // guest_tr_ar_bytes
        VMCSLayout.Entry(0x4824, 912),  // guest_interruptibility_info
        VMCSLayout.Entry(0x4826, 916),  // guest_activity_state
        VMCSLayout.Entry(0x482a, 920),  // guest_sysenter_cs
        VMCSLayout.Entry(0x4c00, 924),  // host_ia32_sysenter_cs
        VMCSLayout.Entry(0x482e, 928),  // vmx_preemption_timer_value
        VMCSLayout.Entry(0x0000, 960),  // virtual_processor_id
        VMCSLayout.Entry(0x0002, 962),  // posted_intr_nv
        VMCSLayout.Entry(0x0800, 964),  // guest_es_selector
        VMCSLayout.Entry(0x0802, 966),  // guest_cs_selector
        VMCSLayout.Entry(0x0804, 968),  // guest_ss_selector
        VMCSLayout.Entry(0x0806, 970),  // guest_ds_selector
        VMCSLayout.Entry(0x0808, 972),  // guest_fs_selector
        VMCSLayout.Entry(0x080a, 974),  // guest_gs_selector
        VMCSLayout.Entry(0x080c, 976),  // guest_ldtr_selector
        VMCSLayout.Entry(0x080e, 978),  // guest_tr_selector
        VMCSLayout.Entry(0x0810, 980),  // guest_intr_status
        VMCSLayout.Entry(0x0c00, 982),  // host_es_selector
        VMCSLayout.Entry(0x0c02, 984),  // host_cs_selector
        VMCSLayout.Entry(0x0c04, 986),  // host_ss_selector
        VMCSLayout.Entry(0x0c06, 988),  // host_ds_selector
        VMCSLayout.Entry(0x0c08, 990),  // host_fs_selector
        VMCSLayout.Entry(0x0c0a, 992),  // host_gs_selector
        VMCSLayout.Entry(0x0c0c, 994),  // host_tr_selector
        VMCSLayout.Entry(0x0812, 996),  // guest_pml_index
    ]

    static let enlightenedEntries: [Entry] = [
        VMCSLayout.Entry(0x0c00, 8),  // host_es_selector
        VMCSLayout.Entry(0x0c02, 10),  // host_cs_selector
        VMCSLayout.Entry(0x0c04, 12),  // host_ss_selector
        VMCSLayout.Entry(0x0c06, 14),  // host_ds_selector
        VMCSLayout.Entry(0x0c08, 16),  // host_fs_selector
        VMCSLayout.Entry(0x0c0a, 18),  // host_gs_selector
        VMCSLayout.Entry(0x0c0c, 20),  // host_tr_selector
        VMCSLayout.Entry(0x2c00, 24),  // host_ia32_pat
        VMCSLayout.Entry(0x2c02, 32),  // host_ia32_efer
        VMCSLayout.Entry(0x6c00, 40),  // host_cr0
        VMCSLayout.Entry(0x6c02, 48),  // host_cr3
        VMCSLayout.Entry(0x6c04, 56),  // host_cr4
        VMCSLayout.Entry(0x6c10, 64),  // host_ia32_sysenter_esp
        VMCSLayout.Entry(0x6c12, 72),  // host_ia32_sysenter_eip
        VMCSLayout.Entry(0x6c16, 80),  // host_rip
        VMCSLayout.Entry(0x4c00, 88),  // host_ia32_sysenter_cs
        VMCSLayout.Entry(0x4000, 92),  // pin_based_vm_exec_control
        VMCSLayout.Entry(0x400c, 96),  // vm_exit_controls
        VMCSLayout.Entry(0x401e, 100),  // secondary_vm_exec_control
        VMCSLayout.Entry(0x2000, 104),  // io_bitmap_a
        VMCSLayout.Entry(0x2002, 112),  // io_bitmap_b
        VMCSLayout.Entry(0x2004, 120),  // msr_bitmap
        VMCSLayout.Entry(0x0800, 128),  // guest_es_selector
        VMCSLayout.Entry(0x0802, 130),  // guest_cs_selector
        VMCSLayout.Entry(0x0804, 132),  // guest_ss_selector
        VMCSLayout.Entry(0x0806, 134),  // guest_ds_selector
        VMCSLayout.Entry(0x0808, 136),  // guest_fs_selector
        VMCSLayout.Entry(0x080a, 138),  // guest_gs_selector
        VMCSLayout.Entry(0x080c, 140),  // guest_ldtr_selector
        VMCSLayout.Entry(0x080e, 142),  // guest_tr_selector
        VMCSLayout.Entry(0x4800, 144),  // guest_es_limit
        VMCSLayout.Entry(0x4802, 148),  // guest_cs_limit
        VMCSLayout.Entry(0x4804, 152),  // guest_ss_limit
        VMCSLayout.Entry(0x4806, 156),  // guest_ds_limit
        VMCSLayout.Entry(0x4808, 160),  // guest_fs_limit
        VMCSLayout.Entry(0x480a, 164),  // guest_gs_limit
        VMCSLayout.Entry(0x480c, 168),  // guest_ldtr_limit
        VMCSLayout.Entry(0x480e, 172),  // guest_tr_limit
        VMCSLayout.Entry(0x4810, 176),  // guest_gdtr_limit
        VMCSLayout.Entry(0x4812, 180),  // guest_idtr_limit
        VMCSLayout.Entry(0x4814, 184),  // guest_es_ar_bytes
        VMCSLayout.Entry(0x4816, 188),  // guest_cs_ar_bytes
        VMCSLayout.Entry(0x4818, 192),  // guest_ss_ar_bytes
        VMCSLayout.Entry(0x481a, 196),  // guest_ds_ar_bytes
        VMCSLayout.Entry(0x481c, 200),  // guest_fs_ar_bytes
        VMCSLayout.Entry(0x481e, 204),  // guest_gs_ar_bytes
        VMCSLayout.Entry(0x4820, 208),  // guest_ldtr_ar_bytes
        VMCSLayout.Entry(0x4822, 212),  // guest_tr_ar_bytes
        VMCSLayout.Entry(0x6806, 216),  // guest_es_base
        VMCSLayout.Entry(0x6808, 224),  // guest_cs_base
        VMCSLayout.Entry(0x680a, 232),  // guest_ss_base
        VMCSLayout.Entry(0x680c, 240),  // guest_ds_base
        VMCSLayout.Entry(0x680e, 248),  // guest_fs_base
        VMCSLayout.Entry(0x6810, 256),  // guest_gs_base
        VMCSLayout.Entry(0x6812, 264),  // guest_ldtr_base
        VMCSLayout.Entry(0x6814, 272),  // guest_tr_base
        VMCSLayout.Entry(0x6816, 280),  // guest_gdtr_base
        VMCSLayout.Entry(0x6818, 288),  // guest_idtr_base
        VMCSLayout.Entry(0x2006, 320),  // vm_exit_msr_store_addr
        VMCSLayout.Entry(0x2008, 328),  // vm_exit_msr_load_addr
        VMCSLayout.Entry(0x200a, 336),  // vm_entry_msr_load_addr
        VMCSLayout.Entry(0x6008, 344),  // cr3_target_value0
        VMCSLayout.Entry(0x600a, 352),  // cr3_target_value1
        VMCSLayout.Entry(0x600c, 360),  // cr3_target_value2
        VMCSLayout.Entry(0x600e, 368),  // cr3_target_value3
        VMCSLayout.Entry(0x4006, 376),  // page_fault_error_code_mask
        VMCSLayout.Entry(0x4008, 380),  // page_fault_error_code_match
        VMCSLayout.Entry(0x400a, 384),  // cr3_target_count
        VMCSLayout.Entry(0x400e, 388),  // vm_exit_msr_store_count
        VMCSLayout.Entry(0x4010, 392),  // vm_exit_msr_load_count
        VMCSLayout.Entry(0x4014, 396),  // vm_entry_msr_load_count
        VMCSLayout.Entry(0x2010, 400),  // tsc_offset
        VMCSLayout.Entry(0x2012, 408),  // virtual_apic_page_addr
        VMCSLayout.Entry(0x2800, 416),  // vmcs_link_pointer
        VMCSLayout.Entry(0x2802, 424),  // guest_ia32_debugctl
        VMCSLayout.Entry(0x2804, 432),  // guest_ia32_pat
        VMCSLayout.Entry(0x2806, 440),  // guest_ia32_efer
        VMCSLayout.Entry(0x280a, 448),  // guest_pdptr0
        VMCSLayout.Entry(0x280c, 456),  // guest_pdptr1
        VMCSLayout.Entry(0x280e, 464),  // guest_pdptr2
        VMCSLayout.Entry(0x2810, 472),  // guest_pdptr3
        VMCSLayout.Entry(0x6822, 480),  // guest_pending_dbg_exceptions
        VMCSLayout.Entry(0x6824, 488),  // guest_sysenter_esp
        VMCSLayout.Entry(0x6826, 496),  // guest_sysenter_eip
        VMCSLayout.Entry(0x4826, 504),  // guest_activity_state
        VMCSLayout.Entry(0x482a, 508),  // guest_sysenter_cs
        VMCSLayout.Entry(0x6000, 512),  // cr0_guest_host_mask
        VMCSLayout.Entry(0x6002, 520),  // cr4_guest_host_mask
        VMCSLayout.Entry(0x6004, 528),  // cr0_read_shadow
        VMCSLayout.Entry(0x6006, 536),  // cr4_read_shadow
        VMCSLayout.Entry(0x6800, 544),  // guest_cr0
        VMCSLayout.Entry(0x6802, 552),  // guest_cr3
        VMCSLayout.Entry(0x6804, 560),  // guest_cr4
        VMCSLayout.Entry(0x681a, 568),  // guest_dr7
        VMCSLayout.Entry(0x6c06, 576),  // host_fs_base
        VMCSLayout.Entry(0x6c08, 584),  // host_gs_base
        VMCSLayout.Entry(0x6c0a, 592),  // host_tr_base
        VMCSLayout.Entry(0x6c0c, 600),  // host_gdtr_base
        VMCSLayout.Entry(0x6c0e, 608),  // host_idtr_base
        VMCSLayout.Entry(0x6c14, 616),  // host_rsp
        VMCSLayout.Entry(0x201a, 624),  // ept_pointer
        VMCSLayout.Entry(0x0000, 632),  // virtual_processor_id
        VMCSLayout.Entry(0x2400, 680),  // guest_physical_address
        VMCSLayout.Entry(0x4400, 688),  // vm_instruction_error
        VMCSLayout.Entry(0x4402, 692),  // vm_exit_reason
        VMCSLayout.Entry(0x4404, 696),  // vm_exit_intr_info
        VMCSLayout.Entry(0x4406, 700),  // vm_exit_intr_error_code
        VMCSLayout.Entry(0x4408, 704),  // idt_vectoring_info_field
        VMCSLayout.Entry(0x440a, 708),  // idt_vectoring_error_code
        VMCSLayout.Entry(0x440c, 712),  // vm_exit_instruction_len
        VMCSLayout.Entry(0x440e, 716),  // vmx_instruction_info
        VMCSLayout.Entry(0x6400, 720),  // exit_qualification
        VMCSLayout.Entry(0x6402, 728),  // exit_io_instruction_ecx
        VMCSLayout.Entry(0x6404, 736),  // exit_io_instruction_esi
        VMCSLayout.Entry(0x6406, 744),  // exit_io_instruction_edi
        VMCSLayout.Entry(0x6408, 752),  // exit_io_instruction_eip
        VMCSLayout.Entry(0x640a, 760),  // guest_linear_address
        VMCSLayout.Entry(0x681c, 768),  // guest_rsp
        VMCSLayout.Entry(0x6820, 776),  // guest_rflags
        VMCSLayout.Entry(0x4824, 784),  // guest_interruptibility_info
        VMCSLayout.Entry(0x4002, 788),  // cpu_based_vm_exec_control
        VMCSLayout.Entry(0x4004, 792),  // exception_bitmap
        VMCSLayout.Entry(0x4012, 796),  // vm_entry_controls
        VMCSLayout.Entry(0x4016, 800),  // vm_entry_intr_info_field
        VMCSLayout.Entry(0x4018, 804),  // vm_entry_exception_error_code
        VMCSLayout.Entry(0x401a, 808),  // vm_entry_instruction_len
        VMCSLayout.Entry(0x401c, 812),  // tpr_threshold
        VMCSLayout.Entry(0x681e, 816),  // guest_rip
        VMCSLayout.Entry(0x2812, 896),  // guest_bndcfgs
        VMCSLayout.Entry(0x2808, 904),  // guest_ia32_perf_global_ctrl
        VMCSLayout.Entry(0x6828, 912),  // guest_ia32_s_cet
        VMCSLayout.Entry(0x682a, 920),  // guest_ssp
        VMCSLayout.Entry(0x682c, 928),  // guest_ia32_int_ssp_table_addr
        VMCSLayout.Entry(0x2816, 936),  // guest_ia32_lbr_ctl
        VMCSLayout.Entry(0x202c, 960),  // xss_exit_bitmap
        VMCSLayout.Entry(0x202e, 968),  // encls_exiting_bitmap
        VMCSLayout.Entry(0x2c04, 976),  // host_ia32_perf_global_ctrl
        VMCSLayout.Entry(0x2032, 984),  // tsc_multiplier
        VMCSLayout.Entry(0x6c18, 992),  // host_ia32_s_cet
        VMCSLayout.Entry(0x6c1a, 1000),  // host_ssp
        VMCSLayout.Entry(0x6c1c, 1008),  // host_ia32_int_ssp_table_addr
    ]
}
