// swift-format-ignore-file
// (catalog rows stay one per line)
// The names other producers give each VMCS field, one row per full encoding, one column per
// producer, so that a field log printed by any of them names catalog fields. Transcribed from
// the headers (enum and #define lists, extracted by script and checked by hand), each at the
// version named:
//
//   linux          Linux 6.12.117 (Debian linux-source-6.12), arch/x86/include/asm/vmx.h, enum vmcs_field
//   xen            Xen HEAD c447b730, xen/arch/x86/include/asm/hvm/vmx/vmcs.h, enum vmcs_field (the
//                  same spelling since 4.6 for the fields that existed then; parameterised macros such
//                  as GUEST_SEG_SELECTOR(sel) expanded by hand)
//   xen-4.5        Xen RELEASE-4.5.0, xen/include/asm-x86/hvm/vmx/vmcs.h
//   bochs          Bochs 783b58fd6, bochs/cpu/vmx.h, #define VMCS_*
//   ia32-doc       ia32-doc 6bfdd0e (2026-06-27), out/ia32.h (the long names); 9086c23 (2019) for the
//                  names renamed since (see below)
//   ia32-doc-compact  the same, out/ia32_compact.h = out/ia32_defines_only.h (the short names)
//   haxm           Intel HAXM 4c524a10 (v7.8.0+2, 2023), core/include/vmx.h, enum component_index_t:
//                  the names its dump_vmcs() prints ("%04x %s: %llx")
//   hyperplatform  HyperPlatform d8bbb21 (2023), HyperPlatform/ia32_type.h, enum class VmcsField;
//                  its VmmpDumpGuestState() prints them without the k ("Guest EsSelector = ...")
//   hvpp           hvpp 84b3f3c (2021), src/hvpp/hvpp/ia32/vmx/vmcs.h, vmcs_t::field (encodings
//                  computed from encode_full(type, width, index))
//   bareflank      Bareflank hypervisor v2.1, bfintrinsics/include/arch/intel_x64/vmcs/*.h, the
//                  name constants its vmcs::debug::dump() prints (sic: execption_bitmap)
//   noirvisor      NoirVisor c502acd (2022-03-14, the same at 08dd5ec, 2024), src/vt_core/vt_exit.c,
//                  nvc_vt_dump_vmcs_guest_state(): each label as the dump prints it, with the words
//                  that begin its line where the label alone names nothing ("Guest CS Segment -
//                  Selector: 0x10  Access-Rights: 0x209B" gives "Guest CS Segment - Access-Rights")
//   ia32-doc-2019, ia32-doc-compact-2019  ia32-doc 9086c23, the names renamed since (below)
//   linux-tdx      Linux's enum vmcs_field once KVM gained TDX (6.16 and later), only the names it
//                  added since 6.12 for fields 6.12 did not name: SHARED_EPT_POINTER (0x203c)
//
// "" where the producer has no name for the encoding. A column may declare a prefix its names
// are also known without: ia32-doc's VMCS_ (code that includes the header spells GUEST_ES_SEL),
// HyperPlatform's k. `Catalog` adds these spellings after the catalog's own, which win; its
// `validate()` checks that every producer spelling names its row's field and no other.
//
// Rows for encodings the catalog has no field for yet (0x000a, 0x204e, 0x2052, 0x2402, 0x2404,
// the FRED, IA32_SPEC_CTRL and guest-deadline fields 0x281a-0x2830 and 0x2c08-0x2c1a, 0x4026)
// are kept and join when their fields do. Left out: Bochs's VMCS_DATA_OFFSET (0x0010, an offset
// in Bochs's own VMCS layout) and its revision-ID, VMX-abort and launch-state pseudo-encodings
// (0xfffffffa, 0xfffffffc, 0xfffffffe), none of them a field encoding.
//
// ia32-doc renamed three names since 9086c23 (2019-11-10, the copy gbhv and others vendor):
// VMCS_CTRL_VMEXIT_CONTROLS became VMCS_CTRL_PRIMARY_VMEXIT_CONTROLS and VMCS_CTRL_EXIT became
// VMCS_CTRL_PRIMARY_EXIT (767f118, 2022), VMCS_IO_RSX became VMCS_IO_RSI (46eac44, 2022). The
// last two columns hold the 2019 names, only where they differ (checked against both commits).

extension IntelVMCS {
    /// A producer whose VMCS field names the catalog knows: one column of `producerNames`.
    public struct NameColumn: Sendable {
        /// Short key (`haxm`).
        public let producer: String
        /// Where the names come from, with the version.
        public let source: String
        /// A prefix the producer's names are also known without (ia32-doc's `VMCS_`).
        public let optionalPrefix: String?
    }

    /// One encoding's names, one per column ("" where the producer has none).
    public struct NameRow: Sendable {
        /// The full encoding (`producerNames`) or the upper half's (`producerHighNames`).
        public let encoding: UInt32
        /// The names, in the order of the table's columns.
        public let names: [String]
    }

    static func r(_ encoding: UInt32, _ names: String...) -> NameRow { NameRow(encoding: encoding, names: names) }

    /// The columns of `producerNames`, in order.
    public static let nameColumns: [NameColumn] = [
        NameColumn(producer: "linux", source: "Linux 6.12.117 arch/x86/include/asm/vmx.h", optionalPrefix: nil),
        NameColumn(producer: "xen", source: "Xen c447b730 xen/arch/x86/include/asm/hvm/vmx/vmcs.h", optionalPrefix: nil),
        NameColumn(producer: "xen-4.5", source: "Xen 4.5.0 xen/include/asm-x86/hvm/vmx/vmcs.h", optionalPrefix: nil),
        NameColumn(producer: "bochs", source: "Bochs 783b58fd6 bochs/cpu/vmx.h", optionalPrefix: nil),
        NameColumn(producer: "ia32-doc", source: "ia32-doc 6bfdd0e out/ia32.h", optionalPrefix: "VMCS_"),
        NameColumn(producer: "ia32-doc-compact", source: "ia32-doc 6bfdd0e out/ia32_compact.h", optionalPrefix: "VMCS_"),
        NameColumn(producer: "haxm", source: "Intel HAXM 7.8 core/include/vmx.h", optionalPrefix: nil),
        NameColumn(producer: "hyperplatform", source: "HyperPlatform d8bbb21 HyperPlatform/ia32_type.h", optionalPrefix: "k"),
        NameColumn(producer: "hvpp", source: "hvpp 84b3f3c src/hvpp/hvpp/ia32/vmx/vmcs.h", optionalPrefix: nil),
        NameColumn(producer: "bareflank", source: "Bareflank hypervisor v2.1 bfintrinsics vmcs headers", optionalPrefix: nil),
        NameColumn(producer: "noirvisor", source: "NoirVisor c502acd src/vt_core/vt_exit.c", optionalPrefix: nil),
        NameColumn(producer: "ia32-doc-2019", source: "ia32-doc 9086c23 out/ia32.h, names renamed since", optionalPrefix: "VMCS_"),
        NameColumn(producer: "ia32-doc-compact-2019", source: "ia32-doc 9086c23 out/ia32_compact.h, names renamed since", optionalPrefix: "VMCS_"),
        NameColumn(producer: "linux-tdx", source: "Linux with TDX (6.16 and later) arch/x86/include/asm/vmx.h, names added since 6.12", optionalPrefix: nil),
    ]

    /// Every producer's name for each full encoding (access type 0), in encoding order. Columns:
    /// linux, xen, xen-4.5, bochs, ia32-doc, ia32-doc-compact, haxm, hyperplatform, hvpp,
    /// bareflank, noirvisor, ia32-doc-2019, ia32-doc-compact-2019, linux-tdx.
    public static let producerNames: [NameRow] = [
        r(0x0000, "VIRTUAL_PROCESSOR_ID", "VIRTUAL_PROCESSOR_ID", "VIRTUAL_PROCESSOR_ID", "VMCS_16BIT_CONTROL_VPID", "VMCS_CTRL_VIRTUAL_PROCESSOR_IDENTIFIER", "VMCS_CTRL_VPID", "VMX_VPID", "kVirtualProcessorId", "ctrl_virtual_processor_identifier", "virtual_processor_identifier", "", "", "", ""),
        r(0x0002, "POSTED_INTR_NV", "POSTED_INTR_NOTIFICATION_VECTOR", "POSTED_INTR_NOTIFICATION_VECTOR", "VMCS_16BIT_CONTROL_POSTED_INTERRUPT_VECTOR", "VMCS_CTRL_POSTED_INTERRUPT_NOTIFICATION_VECTOR", "VMCS_CTRL_POSTED_INTR_NOTIFY_VECTOR", "", "kPostedInterruptNotification", "ctrl_posted_interrupt_notification_vector", "posted_interrupt_notification_vector", "", "", "", ""),
        r(0x0004, "", "EPTP_INDEX", "", "VMCS_16BIT_CONTROL_EPTP_INDEX", "VMCS_CTRL_EPTP_INDEX", "VMCS_CTRL_EPTP_INDEX", "", "kEptpIndex", "ctrl_eptp_index", "eptp_index", "", "", "", ""),
        r(0x0006, "", "", "", "VMCS_16BIT_CONTROL_HLAT_PREFIX", "VMCS_CTRL_HLAT_PREFIX_SIZE", "VMCS_CTRL_HLAT_PREFIX_SIZE", "", "", "", "", "", "", "", ""),
        r(0x0008, "LAST_PID_POINTER_INDEX", "", "", "VMCS_16BIT_CONTROL_LAST_PID_POINTER_INDEX", "VMCS_CTRL_LAST_PID_POINTER_INDEX", "VMCS_CTRL_LAST_PID_PTR_INDEX", "", "", "", "", "", "", "", ""),
        r(0x000a, "", "", "", "VMCS_16BIT_CONTROL_VIRTUAL_TIMER_VECTOR", "", "", "", "", "", "", "", "", "", ""),
        r(0x0800, "GUEST_ES_SELECTOR", "GUEST_ES_SELECTOR", "GUEST_ES_SELECTOR", "VMCS_16BIT_GUEST_ES_SELECTOR", "VMCS_GUEST_ES_SELECTOR", "VMCS_GUEST_ES_SEL", "GUEST_ES_SELECTOR", "kGuestEsSelector", "guest_es_selector", "guest_es_selector", "Guest ES Segment - Selector", "", "", ""),
        r(0x0802, "GUEST_CS_SELECTOR", "GUEST_CS_SELECTOR", "GUEST_CS_SELECTOR", "VMCS_16BIT_GUEST_CS_SELECTOR", "VMCS_GUEST_CS_SELECTOR", "VMCS_GUEST_CS_SEL", "GUEST_CS_SELECTOR", "kGuestCsSelector", "guest_cs_selector", "guest_cs_selector", "Guest CS Segment - Selector", "", "", ""),
        r(0x0804, "GUEST_SS_SELECTOR", "GUEST_SS_SELECTOR", "GUEST_SS_SELECTOR", "VMCS_16BIT_GUEST_SS_SELECTOR", "VMCS_GUEST_SS_SELECTOR", "VMCS_GUEST_SS_SEL", "GUEST_SS_SELECTOR", "kGuestSsSelector", "guest_ss_selector", "guest_ss_selector", "Guest SS Segment - Selector", "", "", ""),
        r(0x0806, "GUEST_DS_SELECTOR", "GUEST_DS_SELECTOR", "GUEST_DS_SELECTOR", "VMCS_16BIT_GUEST_DS_SELECTOR", "VMCS_GUEST_DS_SELECTOR", "VMCS_GUEST_DS_SEL", "GUEST_DS_SELECTOR", "kGuestDsSelector", "guest_ds_selector", "guest_ds_selector", "Guest DS Segment - Selector", "", "", ""),
        r(0x0808, "GUEST_FS_SELECTOR", "GUEST_FS_SELECTOR", "GUEST_FS_SELECTOR", "VMCS_16BIT_GUEST_FS_SELECTOR", "VMCS_GUEST_FS_SELECTOR", "VMCS_GUEST_FS_SEL", "GUEST_FS_SELECTOR", "kGuestFsSelector", "guest_fs_selector", "guest_fs_selector", "Guest FS Segment - Selector", "", "", ""),
        r(0x080a, "GUEST_GS_SELECTOR", "GUEST_GS_SELECTOR", "GUEST_GS_SELECTOR", "VMCS_16BIT_GUEST_GS_SELECTOR", "VMCS_GUEST_GS_SELECTOR", "VMCS_GUEST_GS_SEL", "GUEST_GS_SELECTOR", "kGuestGsSelector", "guest_gs_selector", "guest_gs_selector", "Guest GS Segment - Selector", "", "", ""),
        r(0x080c, "GUEST_LDTR_SELECTOR", "GUEST_LDTR_SELECTOR", "GUEST_LDTR_SELECTOR", "VMCS_16BIT_GUEST_LDTR_SELECTOR", "VMCS_GUEST_LDTR_SELECTOR", "VMCS_GUEST_LDTR_SEL", "GUEST_LDTR_SELECTOR", "kGuestLdtrSelector", "guest_ldtr_selector", "guest_ldtr_selector", "Guest LDT Register - Selector", "", "", ""),
        r(0x080e, "GUEST_TR_SELECTOR", "GUEST_TR_SELECTOR", "GUEST_TR_SELECTOR", "VMCS_16BIT_GUEST_TR_SELECTOR", "VMCS_GUEST_TR_SELECTOR", "VMCS_GUEST_TR_SEL", "GUEST_TR_SELECTOR", "kGuestTrSelector", "guest_tr_selector", "guest_tr_selector", "Guest Task Register - Selector", "", "", ""),
        r(0x0810, "GUEST_INTR_STATUS", "GUEST_INTR_STATUS", "GUEST_INTR_STATUS", "VMCS_16BIT_GUEST_INTERRUPT_STATUS", "VMCS_GUEST_INTERRUPT_STATUS", "VMCS_GUEST_INTR_STATUS", "", "kGuestInterruptStatus", "guest_interrupt_status", "guest_interrupt_status", "", "", "", ""),
        r(0x0812, "GUEST_PML_INDEX", "GUEST_PML_INDEX", "", "VMCS_16BIT_GUEST_PML_INDEX", "VMCS_GUEST_PML_INDEX", "VMCS_GUEST_PML_INDEX", "", "kPmlIndex", "guest_pml_index", "pml_index", "", "", "", ""),
        r(0x0814, "", "", "", "VMCS_16BIT_GUEST_UINV", "VMCS_GUEST_UINV", "VMCS_GUEST_UINV", "", "", "", "", "", "", "", ""),
        r(0x0c00, "HOST_ES_SELECTOR", "HOST_ES_SELECTOR", "HOST_ES_SELECTOR", "VMCS_16BIT_HOST_ES_SELECTOR", "VMCS_HOST_ES_SELECTOR", "VMCS_HOST_ES_SEL", "HOST_ES_SELECTOR", "kHostEsSelector", "host_es_selector", "host_es_selector", "", "", "", ""),
        r(0x0c02, "HOST_CS_SELECTOR", "HOST_CS_SELECTOR", "HOST_CS_SELECTOR", "VMCS_16BIT_HOST_CS_SELECTOR", "VMCS_HOST_CS_SELECTOR", "VMCS_HOST_CS_SEL", "HOST_CS_SELECTOR", "kHostCsSelector", "host_cs_selector", "host_cs_selector", "", "", "", ""),
        r(0x0c04, "HOST_SS_SELECTOR", "HOST_SS_SELECTOR", "HOST_SS_SELECTOR", "VMCS_16BIT_HOST_SS_SELECTOR", "VMCS_HOST_SS_SELECTOR", "VMCS_HOST_SS_SEL", "HOST_SS_SELECTOR", "kHostSsSelector", "host_ss_selector", "host_ss_selector", "", "", "", ""),
        r(0x0c06, "HOST_DS_SELECTOR", "HOST_DS_SELECTOR", "HOST_DS_SELECTOR", "VMCS_16BIT_HOST_DS_SELECTOR", "VMCS_HOST_DS_SELECTOR", "VMCS_HOST_DS_SEL", "HOST_DS_SELECTOR", "kHostDsSelector", "host_ds_selector", "host_ds_selector", "", "", "", ""),
        r(0x0c08, "HOST_FS_SELECTOR", "HOST_FS_SELECTOR", "HOST_FS_SELECTOR", "VMCS_16BIT_HOST_FS_SELECTOR", "VMCS_HOST_FS_SELECTOR", "VMCS_HOST_FS_SEL", "HOST_FS_SELECTOR", "kHostFsSelector", "host_fs_selector", "host_fs_selector", "", "", "", ""),
        r(0x0c0a, "HOST_GS_SELECTOR", "HOST_GS_SELECTOR", "HOST_GS_SELECTOR", "VMCS_16BIT_HOST_GS_SELECTOR", "VMCS_HOST_GS_SELECTOR", "VMCS_HOST_GS_SEL", "HOST_GS_SELECTOR", "kHostGsSelector", "host_gs_selector", "host_gs_selector", "", "", "", ""),
        r(0x0c0c, "HOST_TR_SELECTOR", "HOST_TR_SELECTOR", "HOST_TR_SELECTOR", "VMCS_16BIT_HOST_TR_SELECTOR", "VMCS_HOST_TR_SELECTOR", "VMCS_HOST_TR_SEL", "HOST_TR_SELECTOR", "kHostTrSelector", "host_tr_selector", "host_tr_selector", "", "", "", ""),
        r(0x2000, "IO_BITMAP_A", "IO_BITMAP_A", "IO_BITMAP_A", "VMCS_64BIT_CONTROL_IO_BITMAP_A", "VMCS_CTRL_IO_BITMAP_A_ADDRESS", "VMCS_CTRL_IO_BITMAP_A", "VMX_IO_BITMAP_A", "kIoBitmapA", "ctrl_io_bitmap_a_address", "address_of_io_bitmap_a", "", "", "", ""),
        r(0x2002, "IO_BITMAP_B", "IO_BITMAP_B", "IO_BITMAP_B", "VMCS_64BIT_CONTROL_IO_BITMAP_B", "VMCS_CTRL_IO_BITMAP_B_ADDRESS", "VMCS_CTRL_IO_BITMAP_B", "VMX_IO_BITMAP_B", "kIoBitmapB", "ctrl_io_bitmap_b_address", "address_of_io_bitmap_b", "", "", "", ""),
        r(0x2004, "MSR_BITMAP", "MSR_BITMAP", "MSR_BITMAP", "VMCS_64BIT_CONTROL_MSR_BITMAPS", "VMCS_CTRL_MSR_BITMAP_ADDRESS", "VMCS_CTRL_MSR_BITMAP", "VMX_MSR_BITMAP", "kMsrBitmap", "ctrl_msr_bitmap_address", "address_of_msr_bitmap", "", "", "", ""),
        r(0x2006, "VM_EXIT_MSR_STORE_ADDR", "VM_EXIT_MSR_STORE_ADDR", "VM_EXIT_MSR_STORE_ADDR", "VMCS_64BIT_CONTROL_VMEXIT_MSR_STORE_ADDR", "VMCS_CTRL_VMEXIT_MSR_STORE_ADDRESS", "VMCS_CTRL_VMEXIT_MSR_STORE", "VMX_EXIT_MSR_STORE_ADDRESS", "kVmExitMsrStoreAddr", "ctrl_vmexit_msr_store_address", "vm_exit_msr_store_address", "", "", "", ""),
        r(0x2008, "VM_EXIT_MSR_LOAD_ADDR", "VM_EXIT_MSR_LOAD_ADDR", "VM_EXIT_MSR_LOAD_ADDR", "VMCS_64BIT_CONTROL_VMEXIT_MSR_LOAD_ADDR", "VMCS_CTRL_VMEXIT_MSR_LOAD_ADDRESS", "VMCS_CTRL_VMEXIT_MSR_LOAD", "VMX_EXIT_MSR_LOAD_ADDRESS", "kVmExitMsrLoadAddr", "ctrl_vmexit_msr_load_address", "vm_exit_msr_load_address", "", "", "", ""),
        r(0x200a, "VM_ENTRY_MSR_LOAD_ADDR", "VM_ENTRY_MSR_LOAD_ADDR", "VM_ENTRY_MSR_LOAD_ADDR", "VMCS_64BIT_CONTROL_VMENTRY_MSR_LOAD_ADDR", "VMCS_CTRL_VMENTRY_MSR_LOAD_ADDRESS", "VMCS_CTRL_VMENTRY_MSR_LOAD", "VMX_ENTRY_MSR_LOAD_ADDRESS", "kVmEntryMsrLoadAddr", "ctrl_vmentry_msr_load_address", "vm_entry_msr_load_address", "", "", "", ""),
        r(0x200c, "", "", "", "VMCS_64BIT_CONTROL_EXECUTIVE_VMCS_PTR", "VMCS_CTRL_EXECUTIVE_VMCS_POINTER", "VMCS_CTRL_EXEC_VMCS_PTR", "", "kExecutiveVmcsPointer", "ctrl_executive_vmcs_pointer", "executive_vmcs_pointer", "", "", "", ""),
        r(0x200e, "PML_ADDRESS", "PML_ADDRESS", "", "VMCS_64BIT_CONTROL_PML_ADDRESS", "VMCS_CTRL_PML_ADDRESS", "VMCS_CTRL_PML_ADDR", "", "", "ctrl_pml_address", "pml_address", "", "", "", ""),
        r(0x2010, "TSC_OFFSET", "TSC_OFFSET", "TSC_OFFSET", "VMCS_64BIT_CONTROL_TSC_OFFSET", "VMCS_CTRL_TSC_OFFSET", "VMCS_CTRL_TSC_OFFSET", "VMX_TSC_OFFSET", "kTscOffset", "ctrl_tsc_offset", "tsc_offset", "", "", "", ""),
        r(0x2012, "VIRTUAL_APIC_PAGE_ADDR", "VIRTUAL_APIC_PAGE_ADDR", "VIRTUAL_APIC_PAGE_ADDR", "VMCS_64BIT_CONTROL_VIRTUAL_APIC_PAGE_ADDR", "VMCS_CTRL_VIRTUAL_APIC_ADDRESS", "VMCS_CTRL_VAPIC_PAGEADDR", "VMX_VAPIC_PAGE", "kVirtualApicPageAddr", "ctrl_virtual_apic_address", "virtual_apic_address", "", "", "", ""),
        r(0x2014, "APIC_ACCESS_ADDR", "APIC_ACCESS_ADDR", "APIC_ACCESS_ADDR", "VMCS_64BIT_CONTROL_APIC_ACCESS_ADDR", "VMCS_CTRL_APIC_ACCESS_ADDRESS", "VMCS_CTRL_APIC_ACCESSADDR", "VMX_APIC_ACCESS_PAGE", "kApicAccessAddr", "ctrl_apic_access_address", "apic_access_address", "", "", "", ""),
        r(0x2016, "POSTED_INTR_DESC_ADDR", "PI_DESC_ADDR", "PI_DESC_ADDR", "VMCS_64BIT_CONTROL_POSTED_INTERRUPT_DESC_ADDR", "VMCS_CTRL_POSTED_INTERRUPT_DESCRIPTOR_ADDRESS", "VMCS_CTRL_POSTED_INTR_DESC", "", "", "ctrl_posted_interrupt_descriptor_address", "posted_interrupt_descriptor_address", "", "", "", ""),
        r(0x2018, "VM_FUNCTION_CONTROL", "VM_FUNCTION_CONTROL", "", "VMCS_64BIT_CONTROL_VMFUNC_CTRLS", "VMCS_CTRL_VMFUNC_CONTROLS", "VMCS_CTRL_VMFUNC_CTRLS", "", "", "ctrl_vmfunc_controls", "vm_function_controls", "", "", "", ""),
        r(0x201a, "EPT_POINTER", "EPT_POINTER", "EPT_POINTER", "VMCS_64BIT_CONTROL_EPTPTR", "VMCS_CTRL_EPT_POINTER", "VMCS_CTRL_EPTP", "VMX_EPTP", "kEptPointer", "ctrl_ept_pointer", "ept_pointer", "EPT Pointer", "", "", ""),
        r(0x201c, "EOI_EXIT_BITMAP0", "EOI_EXIT_BITMAP0", "EOI_EXIT_BITMAP0", "VMCS_64BIT_CONTROL_EOI_EXIT_BITMAP0", "VMCS_CTRL_EOI_EXIT_BITMAP_0", "VMCS_CTRL_EOI_BITMAP_0", "", "kEoiExitBitmap0", "ctrl_eoi_exit_bitmap_0", "eoi_exit_bitmap_0", "", "", "", ""),
        r(0x201e, "EOI_EXIT_BITMAP1", "", "", "VMCS_64BIT_CONTROL_EOI_EXIT_BITMAP1", "VMCS_CTRL_EOI_EXIT_BITMAP_1", "VMCS_CTRL_EOI_BITMAP_1", "", "kEoiExitBitmap1", "ctrl_eoi_exit_bitmap_1", "eoi_exit_bitmap_1", "", "", "", ""),
        r(0x2020, "EOI_EXIT_BITMAP2", "", "", "VMCS_64BIT_CONTROL_EOI_EXIT_BITMAP2", "VMCS_CTRL_EOI_EXIT_BITMAP_2", "VMCS_CTRL_EOI_BITMAP_2", "", "kEoiExitBitmap2", "ctrl_eoi_exit_bitmap_2", "eoi_exit_bitmap_2", "", "", "", ""),
        r(0x2022, "EOI_EXIT_BITMAP3", "", "", "VMCS_64BIT_CONTROL_EOI_EXIT_BITMAP3", "VMCS_CTRL_EOI_EXIT_BITMAP_3", "VMCS_CTRL_EOI_BITMAP_3", "", "kEoiExitBitmap3", "ctrl_eoi_exit_bitmap_3", "eoi_exit_bitmap_3", "", "", "", ""),
        r(0x2024, "EPTP_LIST_ADDRESS", "EPTP_LIST_ADDR", "", "VMCS_64BIT_CONTROL_EPTP_LIST_ADDRESS", "VMCS_CTRL_EPT_POINTER_LIST_ADDRESS", "VMCS_CTRL_EPTP_LIST", "", "kEptpListAddress", "ctrl_ept_pointer_list_address", "eptp_list_address", "", "", "", ""),
        r(0x2026, "VMREAD_BITMAP", "VMREAD_BITMAP", "VMREAD_BITMAP", "VMCS_64BIT_CONTROL_VMREAD_BITMAP_ADDR", "VMCS_CTRL_VMREAD_BITMAP_ADDRESS", "VMCS_CTRL_VMREAD_BITMAP", "", "kVmreadBitmapAddress", "ctrl_vmread_bitmap_address", "vmread_bitmap_address", "", "", "", ""),
        r(0x2028, "VMWRITE_BITMAP", "VMWRITE_BITMAP", "VMWRITE_BITMAP", "VMCS_64BIT_CONTROL_VMWRITE_BITMAP_ADDR", "VMCS_CTRL_VMWRITE_BITMAP_ADDRESS", "VMCS_CTRL_VMWRITE_BITMAP", "", "kVmwriteBitmapAddress", "ctrl_vmwrite_bitmap_address", "vmwrite_bitmap_address", "", "", "", ""),
        r(0x202a, "VE_INFORMATION_ADDRESS", "VIRT_EXCEPTION_INFO", "", "VMCS_64BIT_CONTROL_VE_EXCEPTION_INFO_ADDR", "VMCS_CTRL_VIRTUALIZATION_EXCEPTION_INFORMATION_ADDRESS", "VMCS_CTRL_VIRTXCPT_INFO_ADDR", "", "kVirtualizationExceptionInfoAddress", "ctrl_virtualization_exception_info_address", "virtualization_exception_information_address", "", "", "", ""),
        r(0x202c, "XSS_EXIT_BITMAP", "XSS_EXIT_BITMAP", "", "VMCS_64BIT_CONTROL_XSS_EXITING_BITMAP", "VMCS_CTRL_XSS_EXITING_BITMAP", "VMCS_CTRL_XSS_EXITING_BITMAP", "", "kXssExitingBitmap", "ctrl_xss_exiting_bitmap", "xss_exiting_bitmap", "", "", "", ""),
        r(0x202e, "ENCLS_EXITING_BITMAP", "", "", "VMCS_64BIT_CONTROL_ENCLS_EXITING_BITMAP", "VMCS_CTRL_ENCLS_EXITING_BITMAP", "VMCS_CTRL_ENCLS_EXITING_BITMAP", "", "kEnclsExitingBitmap", "ctrl_encls_exiting_bitmap", "encls_exiting_bitmap", "", "", "", ""),
        r(0x2030, "", "", "", "VMCS_64BIT_CONTROL_SPPTP", "VMCS_CTRL_SUB_PAGE_PERMISSION_TABLE_POINTER", "VMCS_CTRL_SPP_TABLE_POINTER", "", "", "", "", "", "", "", ""),
        r(0x2032, "TSC_MULTIPLIER", "TSC_MULTIPLIER", "", "VMCS_64BIT_CONTROL_TSC_MULTIPLIER", "VMCS_CTRL_TSC_MULTIPLIER", "VMCS_CTRL_TSC_MULTIPLIER", "", "kTscMultiplier", "ctrl_tsc_multiplier", "tsc_multiplier", "", "", "", ""),
        r(0x2034, "TERTIARY_VM_EXEC_CONTROL", "TERTIARY_VM_EXEC_CONTROL", "", "VMCS_64BIT_CONTROL_TERTIARY_VMEXEC_CONTROLS", "VMCS_CTRL_TERTIARY_PROCESSOR_BASED_VM_EXECUTION_CONTROLS", "VMCS_CTRL_PROC_EXEC3", "", "", "", "", "", "", "", ""),
        r(0x2036, "", "", "", "VMCS_64BIT_CONTROL_ENCLV_EXITING_BITMAP", "VMCS_CTRL_ENCLV_EXITING_BITMAP", "VMCS_CTRL_ENCLV_EXITING_BITMAP", "", "", "", "", "", "", "", ""),
        r(0x2038, "", "", "", "VMCS_64BIT_CONTROL_LO_PASID_DIRECTORY_ADDR", "VMCS_CTRL_LOW_PASID_DIRECTORY_ADDRESS", "VMCS_CTRL_LOW_PASID_DIR_ADDR", "", "", "", "", "", "", "", ""),
        r(0x203a, "", "", "", "VMCS_64BIT_CONTROL_HI_PASID_DIRECTORY_ADDR", "VMCS_CTRL_HIGH_PASID_DIRECTORY_ADDRESS", "VMCS_CTRL_HIGH_PASID_DIR_ADDR", "", "", "", "", "", "", "", ""),
        r(0x203c, "", "", "", "VMCS_64BIT_CONTROL_SEAM_SHARED_EPT_POINTER", "VMCS_CTRL_SHARED_EPT_POINTER", "VMCS_CTRL_SHARED_EPTP", "", "", "", "", "", "", "", "SHARED_EPT_POINTER"),
        r(0x203e, "", "", "", "VMCS_64BIT_CONTROL_PCONFIG_EXITING_BITMAP", "VMCS_CTRL_PCONFIG_EXITING_BITMAP", "VMCS_CTRL_PCONFIG_BITMAP", "", "", "", "", "", "", "", ""),
        r(0x2040, "", "", "", "VMCS_64BIT_CONTROL_HLAT_POINTER", "VMCS_CTRL_HLAT_POINTER", "VMCS_CTRL_HLATP", "", "", "", "", "", "", "", ""),
        r(0x2042, "PID_POINTER_TABLE", "", "", "VMCS_64BIT_CONTROL_PID_POINTER_TABLE_ADDRESS", "VMCS_CTRL_PID_POINTER_TABLE_ADDRESS", "VMCS_CTRL_PID_PTR_TABLE", "", "", "", "", "", "", "", ""),
        r(0x2044, "", "", "", "VMCS_64BIT_CONTROL_SECONDARY_VMEXIT_CONTROLS", "VMCS_CTRL_SECONDARY_VMEXIT_CONTROLS", "VMCS_CTRL_SECONDARY_EXIT", "", "", "", "", "", "", "", ""),
        r(0x204a, "", "SPEC_CTRL_MASK", "", "VMCS_64BIT_CONTROL_IA32_SPEC_CTRL_MASK", "VMCS_CTRL_IA32_SPEC_CTRL_MASK", "VMCS_CTRL_SPEC_CTRL_MASK", "", "", "", "", "", "", "", ""),
        r(0x204c, "", "SPEC_CTRL_SHADOW", "", "VMCS_64BIT_CONTROL_IA32_SPEC_CTRL_SHADOW", "VMCS_CTRL_IA32_SPEC_CTRL_SHADOW", "VMCS_CTRL_SPEC_CTRL_SHADOW", "", "", "", "", "", "", "", ""),
        r(0x204e, "", "", "", "VMCS_64BIT_CONTROL_GUEST_DEADLINE_SHADOW", "", "", "", "", "", "", "", "", "", ""),
        r(0x2052, "", "", "", "VMCS_64BIT_CONTROL_INJECTED_EVENT_DATA", "", "", "", "", "", "", "", "", "", ""),
        r(0x2400, "GUEST_PHYSICAL_ADDRESS", "GUEST_PHYSICAL_ADDRESS", "GUEST_PHYSICAL_ADDRESS", "VMCS_64BIT_GUEST_PHYSICAL_ADDR", "VMCS_GUEST_PHYSICAL_ADDRESS", "VMCS_GUEST_PHYS_ADDR", "VM_EXIT_INFO_GUEST_PHYSICAL_ADDRESS", "kGuestPhysicalAddress", "vmexit_guest_physical_address", "guest_physical_address", "", "", "", ""),
        r(0x2402, "", "", "", "VMCS_64BIT_MSR_DATA", "", "", "", "", "", "", "", "", "", ""),
        r(0x2404, "", "", "", "VMCS_64BIT_ORIGINAL_EVENT_DATA", "", "", "", "", "", "", "", "", "", ""),
        r(0x2800, "VMCS_LINK_POINTER", "VMCS_LINK_POINTER", "VMCS_LINK_POINTER", "VMCS_64BIT_GUEST_LINK_POINTER", "VMCS_GUEST_VMCS_LINK_POINTER", "VMCS_GUEST_VMCS_LINK_PTR", "GUEST_VMCS_LINK_PTR", "kVmcsLinkPointer", "guest_vmcs_link_pointer", "vmcs_link_pointer", "Guest VMCS Link Pointer", "", "", ""),
        r(0x2802, "GUEST_IA32_DEBUGCTL", "GUEST_IA32_DEBUGCTL", "GUEST_IA32_DEBUGCTL", "VMCS_64BIT_GUEST_IA32_DEBUGCTL", "VMCS_GUEST_DEBUGCTL", "VMCS_GUEST_DEBUGCTL", "GUEST_DEBUGCTL", "kGuestIa32Debugctl", "guest_debugctl", "guest_ia32_debugctl", "Guest Debug Control", "", "", ""),
        r(0x2804, "GUEST_IA32_PAT", "GUEST_PAT", "GUEST_PAT", "VMCS_64BIT_GUEST_IA32_PAT", "VMCS_GUEST_PAT", "VMCS_GUEST_PAT", "GUEST_PAT", "kGuestIa32Pat", "guest_pat", "guest_ia32_pat", "Guest PAT", "", "", ""),
        r(0x2806, "GUEST_IA32_EFER", "GUEST_EFER", "GUEST_EFER", "VMCS_64BIT_GUEST_IA32_EFER", "VMCS_GUEST_EFER", "VMCS_GUEST_EFER", "GUEST_EFER", "kGuestIa32Efer", "guest_efer", "guest_ia32_efer", "Guest EFER", "", "", ""),
        r(0x2808, "GUEST_IA32_PERF_GLOBAL_CTRL", "GUEST_PERF_GLOBAL_CTRL", "GUEST_PERF_GLOBAL_CTRL", "VMCS_64BIT_GUEST_IA32_PERF_GLOBAL_CTRL", "VMCS_GUEST_PERF_GLOBAL_CTRL", "VMCS_GUEST_PERF_GLOBAL_CTRL", "GUEST_PERF_GLOBAL_CTRL", "kGuestIa32PerfGlobalCtrl", "guest_perf_global_ctrl", "guest_ia32_perf_global_ctrl", "", "", "", ""),
        r(0x280a, "GUEST_PDPTR0", "GUEST_PDPTE0", "GUEST_PDPTR0", "VMCS_64BIT_GUEST_IA32_PDPTE0", "VMCS_GUEST_PDPTE0", "VMCS_GUEST_PDPTE0", "GUEST_PDPTE0", "kGuestPdptr0", "guest_pdpte0", "guest_pdpte0", "Guest PDPTE0", "", "", ""),
        r(0x280c, "GUEST_PDPTR1", "", "GUEST_PDPTR1", "VMCS_64BIT_GUEST_IA32_PDPTE1", "VMCS_GUEST_PDPTE1", "VMCS_GUEST_PDPTE1", "GUEST_PDPTE1", "kGuestPdptr1", "guest_pdpte1", "guest_pdpte1", "Guest PDPTE1", "", "", ""),
        r(0x280e, "GUEST_PDPTR2", "", "GUEST_PDPTR2", "VMCS_64BIT_GUEST_IA32_PDPTE2", "VMCS_GUEST_PDPTE2", "VMCS_GUEST_PDPTE2", "GUEST_PDPTE2", "kGuestPdptr2", "guest_pdpte2", "guest_pdpte2", "Guest PDPTE2", "", "", ""),
        r(0x2810, "GUEST_PDPTR3", "", "GUEST_PDPTR3", "VMCS_64BIT_GUEST_IA32_PDPTE3", "VMCS_GUEST_PDPTE3", "VMCS_GUEST_PDPTE3", "GUEST_PDPTE3", "kGuestPdptr3", "guest_pdpte3", "guest_pdpte3", "Guest PDPTE3", "", "", ""),
        r(0x2812, "GUEST_BNDCFGS", "GUEST_BNDCFGS", "GUEST_BNDCFGS", "VMCS_64BIT_GUEST_IA32_BNDCFGS", "VMCS_GUEST_BNDCFGS", "VMCS_GUEST_BNDCFGS", "", "kGuestIa32Bndcfgs", "", "guest_ia32_bndcfgs", "", "", "", ""),
        r(0x2814, "GUEST_IA32_RTIT_CTL", "", "", "VMCS_64BIT_GUEST_IA32_RTIT_CTL", "VMCS_GUEST_RTIT_CTL", "VMCS_GUEST_RTIT_CTL", "", "", "", "guest_ia32_rtit_ctl", "", "", "", ""),
        r(0x2816, "", "", "", "", "VMCS_GUEST_LBR_CTL", "VMCS_GUEST_LBR_CTL", "", "", "", "", "", "", "", ""),
        r(0x2818, "", "", "", "VMCS_64BIT_GUEST_IA32_PKRS", "VMCS_GUEST_PKRS", "VMCS_GUEST_PKRS", "", "", "", "", "", "", "", ""),
        r(0x281a, "", "", "", "VMCS_64BIT_GUEST_IA32_FRED_CONFIG", "", "", "", "", "", "", "", "", "", ""),
        r(0x281c, "", "", "", "VMCS_64BIT_GUEST_IA32_FRED_RSP1", "", "", "", "", "", "", "", "", "", ""),
        r(0x281e, "", "", "", "VMCS_64BIT_GUEST_IA32_FRED_RSP2", "", "", "", "", "", "", "", "", "", ""),
        r(0x2820, "", "", "", "VMCS_64BIT_GUEST_IA32_FRED_RSP3", "", "", "", "", "", "", "", "", "", ""),
        r(0x2822, "", "", "", "VMCS_64BIT_GUEST_IA32_FRED_STACK_LEVELS", "", "", "", "", "", "", "", "", "", ""),
        r(0x2824, "", "", "", "VMCS_64BIT_GUEST_IA32_FRED_SSP1", "", "", "", "", "", "", "", "", "", ""),
        r(0x2826, "", "", "", "VMCS_64BIT_GUEST_IA32_FRED_SSP2", "", "", "", "", "", "", "", "", "", ""),
        r(0x2828, "", "", "", "VMCS_64BIT_GUEST_IA32_FRED_SSP3", "", "", "", "", "", "", "", "", "", ""),
        r(0x282e, "", "", "", "VMCS_64BIT_GUEST_IA32_SPEC_CTRL", "", "", "", "", "", "", "", "", "", ""),
        r(0x2830, "", "", "", "VMCS_64BIT_GUEST_DEADLINE", "", "", "", "", "", "", "", "", "", ""),
        r(0x2c00, "HOST_IA32_PAT", "HOST_PAT", "HOST_PAT", "VMCS_64BIT_HOST_IA32_PAT", "VMCS_HOST_PAT", "VMCS_HOST_PAT", "HOST_PAT", "kHostIa32Pat", "host_pat", "host_ia32_pat", "", "", "", ""),
        r(0x2c02, "HOST_IA32_EFER", "HOST_EFER", "HOST_EFER", "VMCS_64BIT_HOST_IA32_EFER", "VMCS_HOST_EFER", "VMCS_HOST_EFER", "HOST_EFER", "kHostIa32Efer", "host_efer", "host_ia32_efer", "", "", "", ""),
        r(0x2c04, "HOST_IA32_PERF_GLOBAL_CTRL", "HOST_PERF_GLOBAL_CTRL", "HOST_PERF_GLOBAL_CTRL", "VMCS_64BIT_HOST_IA32_PERF_GLOBAL_CTRL", "VMCS_HOST_PERF_GLOBAL_CTRL", "VMCS_HOST_PERF_GLOBAL_CTRL", "HOST_PERF_GLOBAL_CTRL", "kHostIa32PerfGlobalCtrl", "host_perf_global_ctrl", "host_ia32_perf_global_ctrl", "", "", "", ""),
        r(0x2c06, "", "", "", "VMCS_64BIT_HOST_IA32_PKRS", "VMCS_HOST_PKRS", "VMCS_HOST_PKRS", "", "", "", "", "", "", "", ""),
        r(0x2c08, "", "", "", "VMCS_64BIT_HOST_IA32_FRED_CONFIG", "", "", "", "", "", "", "", "", "", ""),
        r(0x2c0a, "", "", "", "VMCS_64BIT_HOST_IA32_FRED_RSP1", "", "", "", "", "", "", "", "", "", ""),
        r(0x2c0c, "", "", "", "VMCS_64BIT_HOST_IA32_FRED_RSP2", "", "", "", "", "", "", "", "", "", ""),
        r(0x2c0e, "", "", "", "VMCS_64BIT_HOST_IA32_FRED_RSP3", "", "", "", "", "", "", "", "", "", ""),
        r(0x2c10, "", "", "", "VMCS_64BIT_HOST_IA32_FRED_STACK_LEVELS", "", "", "", "", "", "", "", "", "", ""),
        r(0x2c12, "", "", "", "VMCS_64BIT_HOST_IA32_FRED_SSP1", "", "", "", "", "", "", "", "", "", ""),
        r(0x2c14, "", "", "", "VMCS_64BIT_HOST_IA32_FRED_SSP2", "", "", "", "", "", "", "", "", "", ""),
        r(0x2c16, "", "", "", "VMCS_64BIT_HOST_IA32_FRED_SSP3", "", "", "", "", "", "", "", "", "", ""),
        r(0x2c1a, "", "", "", "VMCS_64BIT_HOST_IA32_SPEC_CTRL", "", "", "", "", "", "", "", "", "", ""),
        r(0x4000, "PIN_BASED_VM_EXEC_CONTROL", "PIN_BASED_VM_EXEC_CONTROL", "PIN_BASED_VM_EXEC_CONTROL", "VMCS_32BIT_CONTROL_PIN_BASED_EXEC_CONTROLS", "VMCS_CTRL_PIN_BASED_VM_EXECUTION_CONTROLS", "VMCS_CTRL_PIN_EXEC", "VMX_PIN_CONTROLS", "kPinBasedVmExecControl", "ctrl_pin_based_vm_execution_controls", "pin_based_vm_execution_controls", "Pin-Based Controls", "", "", ""),
        r(0x4002, "CPU_BASED_VM_EXEC_CONTROL", "CPU_BASED_VM_EXEC_CONTROL", "CPU_BASED_VM_EXEC_CONTROL", "VMCS_32BIT_CONTROL_PROCESSOR_BASED_VMEXEC_CONTROLS", "VMCS_CTRL_PROCESSOR_BASED_VM_EXECUTION_CONTROLS", "VMCS_CTRL_PROC_EXEC", "VMX_PRIMARY_PROCESSOR_CONTROLS", "kCpuBasedVmExecControl", "ctrl_processor_based_vm_execution_controls", "primary_processor_based_vm_execution_controls", "Primary Controls", "", "", ""),
        r(0x4004, "EXCEPTION_BITMAP", "EXCEPTION_BITMAP", "EXCEPTION_BITMAP", "VMCS_32BIT_CONTROL_EXECUTION_BITMAP", "VMCS_CTRL_EXCEPTION_BITMAP", "VMCS_CTRL_EXCEPTION_BITMAP", "VMX_EXCEPTION_BITMAP", "kExceptionBitmap", "ctrl_exception_bitmap", "execption_bitmap", "Exception Bitmap", "", "", ""),
        r(0x4006, "PAGE_FAULT_ERROR_CODE_MASK", "PAGE_FAULT_ERROR_CODE_MASK", "PAGE_FAULT_ERROR_CODE_MASK", "VMCS_32BIT_CONTROL_PAGE_FAULT_ERR_CODE_MASK", "VMCS_CTRL_PAGEFAULT_ERROR_CODE_MASK", "VMCS_CTRL_PAGEFAULT_ERROR_MASK", "VMX_PAGE_FAULT_ERROR_CODE_MASK", "kPageFaultErrorCodeMask", "ctrl_pagefault_error_code_mask", "page_fault_error_code_mask", "", "", "", ""),
        r(0x4008, "PAGE_FAULT_ERROR_CODE_MATCH", "PAGE_FAULT_ERROR_CODE_MATCH", "PAGE_FAULT_ERROR_CODE_MATCH", "VMCS_32BIT_CONTROL_PAGE_FAULT_ERR_CODE_MATCH", "VMCS_CTRL_PAGEFAULT_ERROR_CODE_MATCH", "VMCS_CTRL_PAGEFAULT_ERROR_MATCH", "VMX_PAGE_FAULT_ERROR_CODE_MATCH", "kPageFaultErrorCodeMatch", "ctrl_pagefault_error_code_match", "page_fault_error_code_match", "", "", "", ""),
        r(0x400a, "CR3_TARGET_COUNT", "CR3_TARGET_COUNT", "CR3_TARGET_COUNT", "VMCS_32BIT_CONTROL_CR3_TARGET_COUNT", "VMCS_CTRL_CR3_TARGET_COUNT", "VMCS_CTRL_CR3_TARGET_COUNT", "VMX_CR3_TARGET_COUNT", "kCr3TargetCount", "ctrl_cr3_target_count", "cr3_target_count", "", "", "", ""),
        r(0x400c, "VM_EXIT_CONTROLS", "VM_EXIT_CONTROLS", "VM_EXIT_CONTROLS", "VMCS_32BIT_CONTROL_VMEXIT_CONTROLS", "VMCS_CTRL_PRIMARY_VMEXIT_CONTROLS", "VMCS_CTRL_PRIMARY_EXIT", "VMX_EXIT_CONTROLS", "kVmExitControls", "ctrl_vmexit_controls", "vm_exit_controls", "VM-Exit Controls", "VMCS_CTRL_VMEXIT_CONTROLS", "VMCS_CTRL_EXIT", ""),
        r(0x400e, "VM_EXIT_MSR_STORE_COUNT", "VM_EXIT_MSR_STORE_COUNT", "VM_EXIT_MSR_STORE_COUNT", "VMCS_32BIT_CONTROL_VMEXIT_MSR_STORE_COUNT", "VMCS_CTRL_VMEXIT_MSR_STORE_COUNT", "VMCS_CTRL_EXIT_MSR_STORE_COUNT", "VMX_EXIT_MSR_STORE_COUNT", "kVmExitMsrStoreCount", "ctrl_vmexit_msr_store_count", "vm_exit_msr_store_count", "", "", "", ""),
        r(0x4010, "VM_EXIT_MSR_LOAD_COUNT", "VM_EXIT_MSR_LOAD_COUNT", "VM_EXIT_MSR_LOAD_COUNT", "VMCS_32BIT_CONTROL_VMEXIT_MSR_LOAD_COUNT", "VMCS_CTRL_VMEXIT_MSR_LOAD_COUNT", "VMCS_CTRL_EXIT_MSR_LOAD_COUNT", "VMX_EXIT_MSR_LOAD_COUNT", "kVmExitMsrLoadCount", "ctrl_vmexit_msr_load_count", "vm_exit_msr_load_count", "", "", "", ""),
        r(0x4012, "VM_ENTRY_CONTROLS", "VM_ENTRY_CONTROLS", "VM_ENTRY_CONTROLS", "VMCS_32BIT_CONTROL_VMENTRY_CONTROLS", "VMCS_CTRL_VMENTRY_CONTROLS", "VMCS_CTRL_ENTRY", "VMX_ENTRY_CONTROLS", "kVmEntryControls", "ctrl_vmentry_controls", "vm_entry_controls", "VM-Entry Controls", "", "", ""),
        r(0x4014, "VM_ENTRY_MSR_LOAD_COUNT", "VM_ENTRY_MSR_LOAD_COUNT", "VM_ENTRY_MSR_LOAD_COUNT", "VMCS_32BIT_CONTROL_VMENTRY_MSR_LOAD_COUNT", "VMCS_CTRL_VMENTRY_MSR_LOAD_COUNT", "VMCS_CTRL_ENTRY_MSR_LOAD_COUNT", "VMX_ENTRY_MSR_LOAD_COUNT", "kVmEntryMsrLoadCount", "ctrl_vmentry_msr_load_count", "vm_entry_msr_load_count", "", "", "", ""),
        r(0x4016, "VM_ENTRY_INTR_INFO_FIELD", "VM_ENTRY_INTR_INFO", "VM_ENTRY_INTR_INFO", "VMCS_32BIT_CONTROL_VMENTRY_INTERRUPTION_INFO", "VMCS_CTRL_VMENTRY_INTERRUPTION_INFORMATION_FIELD", "VMCS_CTRL_ENTRY_INTERRUPTION_INFO", "VMX_ENTRY_INTERRUPT_INFO", "kVmEntryIntrInfoField", "ctrl_vmentry_interruption_info", "vm_entry_interruption_information", "Event Injection", "", "", ""),
        r(0x4018, "VM_ENTRY_EXCEPTION_ERROR_CODE", "VM_ENTRY_EXCEPTION_ERROR_CODE", "VM_ENTRY_EXCEPTION_ERROR_CODE", "VMCS_32BIT_CONTROL_VMENTRY_EXCEPTION_ERR_CODE", "VMCS_CTRL_VMENTRY_EXCEPTION_ERROR_CODE", "VMCS_CTRL_ENTRY_EXCEPTION_ERRCODE", "VMX_ENTRY_EXCEPTION_ERROR_CODE", "kVmEntryExceptionErrorCode", "ctrl_vmentry_exception_error_code", "vm_entry_exception_error_code", "", "", "", ""),
        r(0x401a, "VM_ENTRY_INSTRUCTION_LEN", "VM_ENTRY_INSTRUCTION_LEN", "VM_ENTRY_INSTRUCTION_LEN", "VMCS_32BIT_CONTROL_VMENTRY_INSTRUCTION_LENGTH", "VMCS_CTRL_VMENTRY_INSTRUCTION_LENGTH", "VMCS_CTRL_ENTRY_INSTR_LENGTH", "VMX_ENTRY_INSTRUCTION_LENGTH", "kVmEntryInstructionLen", "ctrl_vmentry_instruction_length", "vm_entry_instruction_length", "", "", "", ""),
        r(0x401c, "TPR_THRESHOLD", "TPR_THRESHOLD", "TPR_THRESHOLD", "VMCS_32BIT_CONTROL_TPR_THRESHOLD", "VMCS_CTRL_TPR_THRESHOLD", "VMCS_CTRL_TPR_THRESHOLD", "VMX_TPR_THRESHOLD", "kTprThreshold", "ctrl_tpr_threshold", "tpr_threshold", "", "", "", ""),
        r(0x401e, "SECONDARY_VM_EXEC_CONTROL", "SECONDARY_VM_EXEC_CONTROL", "SECONDARY_VM_EXEC_CONTROL", "VMCS_32BIT_CONTROL_SECONDARY_VMEXEC_CONTROLS", "VMCS_CTRL_SECONDARY_PROCESSOR_BASED_VM_EXECUTION_CONTROLS", "VMCS_CTRL_PROC_EXEC2", "VMX_SECONDARY_PROCESSOR_CONTROLS", "kSecondaryVmExecControl", "ctrl_secondary_processor_based_vm_execution_controls", "secondary_processor_based_vm_execution_controls", "Secondary Controls", "", "", ""),
        r(0x4020, "PLE_GAP", "PLE_GAP", "PLE_GAP", "VMCS_32BIT_CONTROL_PAUSE_LOOP_EXITING_GAP", "VMCS_CTRL_PLE_GAP", "VMCS_CTRL_PLE_GAP", "", "kPleGap", "ctrl_ple_gap", "ple_gap", "", "", "", ""),
        r(0x4022, "PLE_WINDOW", "PLE_WINDOW", "PLE_WINDOW", "VMCS_32BIT_CONTROL_PAUSE_LOOP_EXITING_WINDOW", "VMCS_CTRL_PLE_WINDOW", "VMCS_CTRL_PLE_WINDOW", "", "kPleWindow", "ctrl_ple_window", "ple_window", "", "", "", ""),
        r(0x4024, "NOTIFY_WINDOW", "NOTIFY_WINDOW", "", "VMCS_32BIT_CONTROL_INSTRUCTION_TIMEOUT_CTRL", "", "", "", "", "", "", "", "", "", ""),
        r(0x4026, "", "", "", "VMCS_32BIT_CONTROL_SEAM_GUEST_KEYID", "", "", "", "", "", "", "", "", "", ""),
        r(0x4400, "VM_INSTRUCTION_ERROR", "VM_INSTRUCTION_ERROR", "VM_INSTRUCTION_ERROR", "VMCS_32BIT_INSTRUCTION_ERROR", "VMCS_VM_INSTRUCTION_ERROR", "VMCS_VM_INSTR_ERROR", "VMX_INSTRUCTION_ERROR_CODE", "kVmInstructionError", "vmexit_instruction_error", "vm_instruction_error", "", "", "", ""),
        r(0x4402, "VM_EXIT_REASON", "VM_EXIT_REASON", "VM_EXIT_REASON", "VMCS_32BIT_VMEXIT_REASON", "VMCS_EXIT_REASON", "VMCS_EXIT_REASON", "VM_EXIT_INFO_REASON", "kVmExitReason", "vmexit_reason", "exit_reason", "", "", "", ""),
        r(0x4404, "VM_EXIT_INTR_INFO", "VM_EXIT_INTR_INFO", "VM_EXIT_INTR_INFO", "VMCS_32BIT_VMEXIT_INTERRUPTION_INFO", "VMCS_VMEXIT_INTERRUPTION_INFORMATION", "VMCS_EXIT_INTERRUPTION_INFO", "VM_EXIT_INFO_INTERRUPT_INFO", "kVmExitIntrInfo", "vmexit_interruption_info", "vm_exit_interruption_information", "", "", "", ""),
        r(0x4406, "VM_EXIT_INTR_ERROR_CODE", "VM_EXIT_INTR_ERROR_CODE", "VM_EXIT_INTR_ERROR_CODE", "VMCS_32BIT_VMEXIT_INTERRUPTION_ERR_CODE", "VMCS_VMEXIT_INTERRUPTION_ERROR_CODE", "VMCS_EXIT_INTERRUPTION_ERROR_CODE", "VM_EXIT_INFO_EXCEPTION_ERROR_CODE", "kVmExitIntrErrorCode", "vmexit_interruption_error_code", "vm_exit_interruption_error_code", "", "", "", ""),
        r(0x4408, "IDT_VECTORING_INFO_FIELD", "IDT_VECTORING_INFO", "IDT_VECTORING_INFO", "VMCS_32BIT_IDT_VECTORING_INFO", "VMCS_IDT_VECTORING_INFORMATION", "VMCS_IDT_VECTORING_INFO", "VM_EXIT_INFO_IDT_VECTORING", "kIdtVectoringInfoField", "vmexit_idt_vectoring_info", "idt_vectoring_information_field", "", "", "", ""),
        r(0x440a, "IDT_VECTORING_ERROR_CODE", "IDT_VECTORING_ERROR_CODE", "IDT_VECTORING_ERROR_CODE", "VMCS_32BIT_IDT_VECTORING_ERR_CODE", "VMCS_IDT_VECTORING_ERROR_CODE", "VMCS_IDT_VECTORING_ERROR_CODE", "VM_EXIT_INFO_IDT_VECTORING_ERROR_CODE", "kIdtVectoringErrorCode", "vmexit_idt_vectoring_error_code", "idt_vectoring_error_code", "", "", "", ""),
        r(0x440c, "VM_EXIT_INSTRUCTION_LEN", "VM_EXIT_INSTRUCTION_LEN", "VM_EXIT_INSTRUCTION_LEN", "VMCS_32BIT_VMEXIT_INSTRUCTION_LENGTH", "VMCS_VMEXIT_INSTRUCTION_LENGTH", "VMCS_EXIT_INSTR_LENGTH", "VM_EXIT_INFO_INSTRUCTION_LENGTH", "kVmExitInstructionLen", "vmexit_instruction_length", "vm_exit_instruction_length", "", "", "", ""),
        r(0x440e, "VMX_INSTRUCTION_INFO", "VMX_INSTRUCTION_INFO", "VMX_INSTRUCTION_INFO", "VMCS_32BIT_VMEXIT_INSTRUCTION_INFO", "VMCS_VMEXIT_INSTRUCTION_INFO", "VMCS_EXIT_INSTR_INFO", "VM_EXIT_INFO_INSTRUCTION_INFO", "kVmxInstructionInfo", "vmexit_instruction_info", "vm_exit_instruction_information", "", "", "", ""),
        r(0x4800, "GUEST_ES_LIMIT", "GUEST_ES_LIMIT", "GUEST_ES_LIMIT", "VMCS_32BIT_GUEST_ES_LIMIT", "VMCS_GUEST_ES_LIMIT", "VMCS_GUEST_ES_LIMIT", "GUEST_ES_LIMIT", "kGuestEsLimit", "guest_es_limit", "guest_es_limit", "Guest ES Segment - Limit", "", "", ""),
        r(0x4802, "GUEST_CS_LIMIT", "GUEST_CS_LIMIT", "GUEST_CS_LIMIT", "VMCS_32BIT_GUEST_CS_LIMIT", "VMCS_GUEST_CS_LIMIT", "VMCS_GUEST_CS_LIMIT", "GUEST_CS_LIMIT", "kGuestCsLimit", "guest_cs_limit", "guest_cs_limit", "Guest CS Segment - Limit", "", "", ""),
        r(0x4804, "GUEST_SS_LIMIT", "GUEST_SS_LIMIT", "GUEST_SS_LIMIT", "VMCS_32BIT_GUEST_SS_LIMIT", "VMCS_GUEST_SS_LIMIT", "VMCS_GUEST_SS_LIMIT", "GUEST_SS_LIMIT", "kGuestSsLimit", "guest_ss_limit", "guest_ss_limit", "Guest SS Segment - Limit", "", "", ""),
        r(0x4806, "GUEST_DS_LIMIT", "GUEST_DS_LIMIT", "GUEST_DS_LIMIT", "VMCS_32BIT_GUEST_DS_LIMIT", "VMCS_GUEST_DS_LIMIT", "VMCS_GUEST_DS_LIMIT", "GUEST_DS_LIMIT", "kGuestDsLimit", "guest_ds_limit", "guest_ds_limit", "Guest DS Segment - Limit", "", "", ""),
        r(0x4808, "GUEST_FS_LIMIT", "GUEST_FS_LIMIT", "GUEST_FS_LIMIT", "VMCS_32BIT_GUEST_FS_LIMIT", "VMCS_GUEST_FS_LIMIT", "VMCS_GUEST_FS_LIMIT", "GUEST_FS_LIMIT", "kGuestFsLimit", "guest_fs_limit", "guest_fs_limit", "Guest FS Segment - Limit", "", "", ""),
        r(0x480a, "GUEST_GS_LIMIT", "GUEST_GS_LIMIT", "GUEST_GS_LIMIT", "VMCS_32BIT_GUEST_GS_LIMIT", "VMCS_GUEST_GS_LIMIT", "VMCS_GUEST_GS_LIMIT", "GUEST_GS_LIMIT", "kGuestGsLimit", "guest_gs_limit", "guest_gs_limit", "Guest GS Segment - Limit", "", "", ""),
        r(0x480c, "GUEST_LDTR_LIMIT", "GUEST_LDTR_LIMIT", "GUEST_LDTR_LIMIT", "VMCS_32BIT_GUEST_LDTR_LIMIT", "VMCS_GUEST_LDTR_LIMIT", "VMCS_GUEST_LDTR_LIMIT", "GUEST_LDTR_LIMIT", "kGuestLdtrLimit", "guest_ldtr_limit", "guest_ldtr_limit", "Guest LDT Register - Limit", "", "", ""),
        r(0x480e, "GUEST_TR_LIMIT", "GUEST_TR_LIMIT", "GUEST_TR_LIMIT", "VMCS_32BIT_GUEST_TR_LIMIT", "VMCS_GUEST_TR_LIMIT", "VMCS_GUEST_TR_LIMIT", "GUEST_TR_LIMIT", "kGuestTrLimit", "guest_tr_limit", "guest_tr_limit", "Guest Task Register - Limit", "", "", ""),
        r(0x4810, "GUEST_GDTR_LIMIT", "GUEST_GDTR_LIMIT", "GUEST_GDTR_LIMIT", "VMCS_32BIT_GUEST_GDTR_LIMIT", "VMCS_GUEST_GDTR_LIMIT", "VMCS_GUEST_GDTR_LIMIT", "GUEST_GDTR_LIMIT", "kGuestGdtrLimit", "guest_gdtr_limit", "guest_gdtr_limit", "Guest GDTR Limit", "", "", ""),
        r(0x4812, "GUEST_IDTR_LIMIT", "GUEST_IDTR_LIMIT", "GUEST_IDTR_LIMIT", "VMCS_32BIT_GUEST_IDTR_LIMIT", "VMCS_GUEST_IDTR_LIMIT", "VMCS_GUEST_IDTR_LIMIT", "GUEST_IDTR_LIMIT", "kGuestIdtrLimit", "guest_idtr_limit", "guest_idtr_limit", "Guest IDTR Limit", "", "", ""),
        r(0x4814, "GUEST_ES_AR_BYTES", "GUEST_ES_AR_BYTES", "GUEST_ES_AR_BYTES", "VMCS_32BIT_GUEST_ES_ACCESS_RIGHTS", "VMCS_GUEST_ES_ACCESS_RIGHTS", "VMCS_GUEST_ES_ACCESS_RIGHTS", "GUEST_ES_AR", "kGuestEsArBytes", "guest_es_access_rights", "guest_es_access_rights", "Guest ES Segment - Access-Rights", "", "", ""),
        r(0x4816, "GUEST_CS_AR_BYTES", "GUEST_CS_AR_BYTES", "GUEST_CS_AR_BYTES", "VMCS_32BIT_GUEST_CS_ACCESS_RIGHTS", "VMCS_GUEST_CS_ACCESS_RIGHTS", "VMCS_GUEST_CS_ACCESS_RIGHTS", "GUEST_CS_AR", "kGuestCsArBytes", "guest_cs_access_rights", "guest_cs_access_rights", "Guest CS Segment - Access-Rights", "", "", ""),
        r(0x4818, "GUEST_SS_AR_BYTES", "GUEST_SS_AR_BYTES", "GUEST_SS_AR_BYTES", "VMCS_32BIT_GUEST_SS_ACCESS_RIGHTS", "VMCS_GUEST_SS_ACCESS_RIGHTS", "VMCS_GUEST_SS_ACCESS_RIGHTS", "GUEST_SS_AR", "kGuestSsArBytes", "guest_ss_access_rights", "guest_ss_access_rights", "Guest SS Segment - Access-Rights", "", "", ""),
        r(0x481a, "GUEST_DS_AR_BYTES", "GUEST_DS_AR_BYTES", "GUEST_DS_AR_BYTES", "VMCS_32BIT_GUEST_DS_ACCESS_RIGHTS", "VMCS_GUEST_DS_ACCESS_RIGHTS", "VMCS_GUEST_DS_ACCESS_RIGHTS", "GUEST_DS_AR", "kGuestDsArBytes", "guest_ds_access_rights", "guest_ds_access_rights", "Guest DS Segment - Access-Rights", "", "", ""),
        r(0x481c, "GUEST_FS_AR_BYTES", "GUEST_FS_AR_BYTES", "GUEST_FS_AR_BYTES", "VMCS_32BIT_GUEST_FS_ACCESS_RIGHTS", "VMCS_GUEST_FS_ACCESS_RIGHTS", "VMCS_GUEST_FS_ACCESS_RIGHTS", "GUEST_FS_AR", "kGuestFsArBytes", "guest_fs_access_rights", "guest_fs_access_rights", "Guest FS Segment - Access-Rights", "", "", ""),
        r(0x481e, "GUEST_GS_AR_BYTES", "GUEST_GS_AR_BYTES", "GUEST_GS_AR_BYTES", "VMCS_32BIT_GUEST_GS_ACCESS_RIGHTS", "VMCS_GUEST_GS_ACCESS_RIGHTS", "VMCS_GUEST_GS_ACCESS_RIGHTS", "GUEST_GS_AR", "kGuestGsArBytes", "guest_gs_access_rights", "guest_gs_access_rights", "Guest GS Segment - Access-Rights", "", "", ""),
        r(0x4820, "GUEST_LDTR_AR_BYTES", "GUEST_LDTR_AR_BYTES", "GUEST_LDTR_AR_BYTES", "VMCS_32BIT_GUEST_LDTR_ACCESS_RIGHTS", "VMCS_GUEST_LDTR_ACCESS_RIGHTS", "VMCS_GUEST_LDTR_ACCESS_RIGHTS", "GUEST_LDTR_AR", "kGuestLdtrArBytes", "guest_ldtr_access_rights", "guest_ldtr_access_rights", "Guest LDT Register - Access-Rights", "", "", ""),
        r(0x4822, "GUEST_TR_AR_BYTES", "GUEST_TR_AR_BYTES", "GUEST_TR_AR_BYTES", "VMCS_32BIT_GUEST_TR_ACCESS_RIGHTS", "VMCS_GUEST_TR_ACCESS_RIGHTS", "VMCS_GUEST_TR_ACCESS_RIGHTS", "GUEST_TR_AR", "kGuestTrArBytes", "guest_tr_access_rights", "guest_tr_access_rights", "Guest Task Register - Access-Rights", "", "", ""),
        r(0x4824, "GUEST_INTERRUPTIBILITY_INFO", "GUEST_INTERRUPTIBILITY_INFO", "GUEST_INTERRUPTIBILITY_INFO", "VMCS_32BIT_GUEST_INTERRUPTIBILITY_STATE", "VMCS_GUEST_INTERRUPTIBILITY_STATE", "VMCS_GUEST_INTERRUPTIBILITY_STATE", "GUEST_INTERRUPTIBILITY", "kGuestInterruptibilityInfo", "guest_interruptibility_state", "guest_interruptibility_state", "Interruptibility State", "", "", ""),
        r(0x4826, "GUEST_ACTIVITY_STATE", "GUEST_ACTIVITY_STATE", "GUEST_ACTIVITY_STATE", "VMCS_32BIT_GUEST_ACTIVITY_STATE", "VMCS_GUEST_ACTIVITY_STATE", "VMCS_GUEST_ACTIVITY_STATE", "GUEST_ACTIVITY_STATE", "kGuestActivityState", "guest_activity_state", "guest_activity_state", "Guest Activity State", "", "", ""),
        r(0x4828, "", "GUEST_SMBASE", "", "VMCS_32BIT_GUEST_SMBASE", "VMCS_GUEST_SMBASE", "VMCS_GUEST_SMBASE", "GUEST_SMBASE", "kGuestSmbase", "guest_smbase", "guest_smbase", "", "", "", ""),
        r(0x482a, "GUEST_SYSENTER_CS", "GUEST_SYSENTER_CS", "GUEST_SYSENTER_CS", "VMCS_32BIT_GUEST_IA32_SYSENTER_CS_MSR", "VMCS_GUEST_SYSENTER_CS", "VMCS_GUEST_SYSENTER_CS", "GUEST_SYSENTER_CS", "kGuestSysenterCs", "guest_sysenter_cs", "guest_ia32_sysenter_cs", "", "", "", ""),
        r(0x482e, "VMX_PREEMPTION_TIMER_VALUE", "GUEST_PREEMPTION_TIMER", "GUEST_PREEMPTION_TIMER", "VMCS_32BIT_GUEST_PREEMPTION_TIMER_VALUE", "VMCS_GUEST_VMX_PREEMPTION_TIMER_VALUE", "VMCS_GUEST_PREEMPT_TIMER_VALUE", "VMX_PREEMPTION_TIMER", "kVmxPreemptionTimerValue", "guest_vmx_preemption_timer_value", "preemption_timer_value", "", "", "", ""),
        r(0x4c00, "HOST_IA32_SYSENTER_CS", "HOST_SYSENTER_CS", "HOST_SYSENTER_CS", "VMCS_32BIT_HOST_IA32_SYSENTER_CS_MSR", "VMCS_HOST_SYSENTER_CS", "VMCS_HOST_SYSENTER_CS", "HOST_SYSENTER_CS", "kHostIa32SysenterCs", "host_sysenter_cs", "host_ia32_sysenter_cs", "", "", "", ""),
        r(0x6000, "CR0_GUEST_HOST_MASK", "CR0_GUEST_HOST_MASK", "CR0_GUEST_HOST_MASK", "VMCS_CONTROL_CR0_GUEST_HOST_MASK", "VMCS_CTRL_CR0_GUEST_HOST_MASK", "VMCS_CTRL_CR0_MASK", "VMX_CR0_MASK", "kCr0GuestHostMask", "ctrl_cr0_guest_host_mask", "cr0_guest_host_mask", "", "", "", ""),
        r(0x6002, "CR4_GUEST_HOST_MASK", "CR4_GUEST_HOST_MASK", "CR4_GUEST_HOST_MASK", "VMCS_CONTROL_CR4_GUEST_HOST_MASK", "VMCS_CTRL_CR4_GUEST_HOST_MASK", "VMCS_CTRL_CR4_MASK", "VMX_CR4_MASK", "kCr4GuestHostMask", "ctrl_cr4_guest_host_mask", "cr4_guest_host_mask", "", "", "", ""),
        r(0x6004, "CR0_READ_SHADOW", "CR0_READ_SHADOW", "CR0_READ_SHADOW", "VMCS_CONTROL_CR0_READ_SHADOW", "VMCS_CTRL_CR0_READ_SHADOW", "VMCS_CTRL_CR0_READ_SHADOW", "VMX_CR0_READ_SHADOW", "kCr0ReadShadow", "ctrl_cr0_read_shadow", "cr0_read_shadow", "", "", "", ""),
        r(0x6006, "CR4_READ_SHADOW", "CR4_READ_SHADOW", "CR4_READ_SHADOW", "VMCS_CONTROL_CR4_READ_SHADOW", "VMCS_CTRL_CR4_READ_SHADOW", "VMCS_CTRL_CR4_READ_SHADOW", "VMX_CR4_READ_SHADOW", "kCr4ReadShadow", "ctrl_cr4_read_shadow", "cr4_read_shadow", "", "", "", ""),
        r(0x6008, "CR3_TARGET_VALUE0", "CR3_TARGET_VALUE0", "CR3_TARGET_VALUE0", "VMCS_CR3_TARGET0", "VMCS_CTRL_CR3_TARGET_VALUE_0", "VMCS_CTRL_CR3_TARGET_VAL0", "VMX_CR3_TARGET_VAL_BASE", "kCr3TargetValue0", "ctrl_cr3_target_value_0", "cr3_target_value_0", "", "", "", ""),
        r(0x600a, "CR3_TARGET_VALUE1", "", "CR3_TARGET_VALUE1", "VMCS_CR3_TARGET1", "VMCS_CTRL_CR3_TARGET_VALUE_1", "VMCS_CTRL_CR3_TARGET_VAL1", "", "kCr3TargetValue1", "ctrl_cr3_target_value_1", "cr3_target_value_1", "", "", "", ""),
        r(0x600c, "CR3_TARGET_VALUE2", "", "CR3_TARGET_VALUE2", "VMCS_CR3_TARGET2", "VMCS_CTRL_CR3_TARGET_VALUE_2", "VMCS_CTRL_CR3_TARGET_VAL2", "", "kCr3TargetValue2", "ctrl_cr3_target_value_2", "cr3_target_value_2", "", "", "", ""),
        r(0x600e, "CR3_TARGET_VALUE3", "", "CR3_TARGET_VALUE3", "VMCS_CR3_TARGET3", "VMCS_CTRL_CR3_TARGET_VALUE_3", "VMCS_CTRL_CR3_TARGET_VAL3", "", "kCr3TargetValue3", "ctrl_cr3_target_value_3", "cr3_target_value_3", "", "", "", ""),
        r(0x6400, "EXIT_QUALIFICATION", "EXIT_QUALIFICATION", "EXIT_QUALIFICATION", "VMCS_VMEXIT_QUALIFICATION", "VMCS_EXIT_QUALIFICATION", "VMCS_EXIT_QUALIFICATION", "VM_EXIT_INFO_QUALIFICATION", "kExitQualification", "vmexit_qualification", "exit_qualification", "", "", "", ""),
        r(0x6402, "", "", "", "VMCS_IO_RCX", "VMCS_IO_RCX", "VMCS_IO_RCX", "VM_EXIT_INFO_IO_ECX", "kIoRcx", "vmexit_io_rcx", "io_rcx", "", "", "", ""),
        r(0x6404, "", "", "", "VMCS_IO_RSI", "VMCS_IO_RSI", "VMCS_IO_RSI", "VM_EXIT_INFO_IO_ESI", "kIoRsi", "vmexit_io_rsx", "io_rsi", "", "VMCS_IO_RSX", "VMCS_IO_RSX", ""),
        r(0x6406, "", "", "", "VMCS_IO_RDI", "VMCS_IO_RDI", "VMCS_IO_RDI", "VM_EXIT_INFO_IO_EDI", "kIoRdi", "vmexit_io_rdi", "io_rdi", "", "", "", ""),
        r(0x6408, "", "", "", "VMCS_IO_RIP", "VMCS_IO_RIP", "VMCS_IO_RIP", "VM_EXIT_INFO_IO_EIP", "kIoRip", "vmexit_io_rip", "io_rip", "", "", "", ""),
        r(0x640a, "GUEST_LINEAR_ADDRESS", "GUEST_LINEAR_ADDRESS", "GUEST_LINEAR_ADDRESS", "VMCS_GUEST_LINEAR_ADDR", "VMCS_EXIT_GUEST_LINEAR_ADDRESS", "VMCS_EXIT_GUEST_LINEAR_ADDR", "VM_EXIT_INFO_GUEST_LINEAR_ADDRESS", "kGuestLinearAddress", "vmexit_guest_linear_address", "guest_linear_address", "", "", "", ""),
        r(0x6800, "GUEST_CR0", "GUEST_CR0", "GUEST_CR0", "VMCS_GUEST_CR0", "VMCS_GUEST_CR0", "VMCS_GUEST_CR0", "GUEST_CR0", "kGuestCr0", "guest_cr0", "guest_cr0", "Guest Control & Debug Registers - CR0", "", "", ""),
        r(0x6802, "GUEST_CR3", "GUEST_CR3", "GUEST_CR3", "VMCS_GUEST_CR3", "VMCS_GUEST_CR3", "VMCS_GUEST_CR3", "GUEST_CR3", "kGuestCr3", "guest_cr3", "guest_cr3", "Guest Control & Debug Registers - CR3", "", "", ""),
        r(0x6804, "GUEST_CR4", "GUEST_CR4", "GUEST_CR4", "VMCS_GUEST_CR4", "VMCS_GUEST_CR4", "VMCS_GUEST_CR4", "GUEST_CR4", "kGuestCr4", "guest_cr4", "guest_cr4", "Guest Control & Debug Registers - CR4", "", "", ""),
        r(0x6806, "GUEST_ES_BASE", "GUEST_ES_BASE", "GUEST_ES_BASE", "VMCS_GUEST_ES_BASE", "VMCS_GUEST_ES_BASE", "VMCS_GUEST_ES_BASE", "GUEST_ES_BASE", "kGuestEsBase", "guest_es_base", "guest_es_base", "Guest ES Segment - Base", "", "", ""),
        r(0x6808, "GUEST_CS_BASE", "GUEST_CS_BASE", "GUEST_CS_BASE", "VMCS_GUEST_CS_BASE", "VMCS_GUEST_CS_BASE", "VMCS_GUEST_CS_BASE", "GUEST_CS_BASE", "kGuestCsBase", "guest_cs_base", "guest_cs_base", "Guest CS Segment - Base", "", "", ""),
        r(0x680a, "GUEST_SS_BASE", "GUEST_SS_BASE", "GUEST_SS_BASE", "VMCS_GUEST_SS_BASE", "VMCS_GUEST_SS_BASE", "VMCS_GUEST_SS_BASE", "GUEST_SS_BASE", "kGuestSsBase", "guest_ss_base", "guest_ss_base", "Guest SS Segment - Base", "", "", ""),
        r(0x680c, "GUEST_DS_BASE", "GUEST_DS_BASE", "GUEST_DS_BASE", "VMCS_GUEST_DS_BASE", "VMCS_GUEST_DS_BASE", "VMCS_GUEST_DS_BASE", "GUEST_DS_BASE", "kGuestDsBase", "guest_ds_base", "guest_ds_base", "Guest DS Segment - Base", "", "", ""),
        r(0x680e, "GUEST_FS_BASE", "GUEST_FS_BASE", "GUEST_FS_BASE", "VMCS_GUEST_FS_BASE", "VMCS_GUEST_FS_BASE", "VMCS_GUEST_FS_BASE", "GUEST_FS_BASE", "kGuestFsBase", "guest_fs_base", "guest_fs_base", "Guest FS Segment - Base", "", "", ""),
        r(0x6810, "GUEST_GS_BASE", "GUEST_GS_BASE", "GUEST_GS_BASE", "VMCS_GUEST_GS_BASE", "VMCS_GUEST_GS_BASE", "VMCS_GUEST_GS_BASE", "GUEST_GS_BASE", "kGuestGsBase", "guest_gs_base", "guest_gs_base", "Guest GS Segment - Base", "", "", ""),
        r(0x6812, "GUEST_LDTR_BASE", "GUEST_LDTR_BASE", "GUEST_LDTR_BASE", "VMCS_GUEST_LDTR_BASE", "VMCS_GUEST_LDTR_BASE", "VMCS_GUEST_LDTR_BASE", "GUEST_LDTR_BASE", "kGuestLdtrBase", "guest_ldtr_base", "guest_ldtr_base", "Guest LDT Register - Base", "", "", ""),
        r(0x6814, "GUEST_TR_BASE", "GUEST_TR_BASE", "GUEST_TR_BASE", "VMCS_GUEST_TR_BASE", "VMCS_GUEST_TR_BASE", "VMCS_GUEST_TR_BASE", "GUEST_TR_BASE", "kGuestTrBase", "guest_tr_base", "guest_tr_base", "Guest Task Register - Base", "", "", ""),
        r(0x6816, "GUEST_GDTR_BASE", "GUEST_GDTR_BASE", "GUEST_GDTR_BASE", "VMCS_GUEST_GDTR_BASE", "VMCS_GUEST_GDTR_BASE", "VMCS_GUEST_GDTR_BASE", "GUEST_GDTR_BASE", "kGuestGdtrBase", "guest_gdtr_base", "guest_gdtr_base", "Guest GDTR Base", "", "", ""),
        r(0x6818, "GUEST_IDTR_BASE", "GUEST_IDTR_BASE", "GUEST_IDTR_BASE", "VMCS_GUEST_IDTR_BASE", "VMCS_GUEST_IDTR_BASE", "VMCS_GUEST_IDTR_BASE", "GUEST_IDTR_BASE", "kGuestIdtrBase", "guest_idtr_base", "guest_idtr_base", "Guest IDTR Base", "", "", ""),
        r(0x681a, "GUEST_DR7", "GUEST_DR7", "GUEST_DR7", "VMCS_GUEST_DR7", "VMCS_GUEST_DR7", "VMCS_GUEST_DR7", "GUEST_DR7", "kGuestDr7", "guest_dr7", "guest_dr7", "Guest Control & Debug Registers - DR7", "", "", ""),
        r(0x681c, "GUEST_RSP", "GUEST_RSP", "GUEST_RSP", "VMCS_GUEST_RSP", "VMCS_GUEST_RSP", "VMCS_GUEST_RSP", "GUEST_RSP", "kGuestRsp", "guest_rsp", "guest_rsp", "Guest Special GPRs Rsp", "", "", ""),
        r(0x681e, "GUEST_RIP", "GUEST_RIP", "GUEST_RIP", "VMCS_GUEST_RIP", "VMCS_GUEST_RIP", "VMCS_GUEST_RIP", "GUEST_RIP", "kGuestRip", "guest_rip", "guest_rip", "Guest Special GPRs Rip", "", "", ""),
        r(0x6820, "GUEST_RFLAGS", "GUEST_RFLAGS", "GUEST_RFLAGS", "VMCS_GUEST_RFLAGS", "VMCS_GUEST_RFLAGS", "VMCS_GUEST_RFLAGS", "GUEST_RFLAGS", "kGuestRflags", "guest_rflags", "guest_rflags", "Guest Special GPRs RFlags", "", "", ""),
        r(0x6822, "GUEST_PENDING_DBG_EXCEPTIONS", "GUEST_PENDING_DBG_EXCEPTIONS", "GUEST_PENDING_DBG_EXCEPTIONS", "VMCS_GUEST_PENDING_DBG_EXCEPTIONS", "VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS", "VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS", "GUEST_PENDING_DBE", "kGuestPendingDbgExceptions", "guest_pending_debug_exceptions", "guest_pending_debug_exceptions", "Pending Debug Exceptions", "", "", ""),
        r(0x6824, "GUEST_SYSENTER_ESP", "GUEST_SYSENTER_ESP", "GUEST_SYSENTER_ESP", "VMCS_GUEST_IA32_SYSENTER_ESP_MSR", "VMCS_GUEST_SYSENTER_ESP", "VMCS_GUEST_SYSENTER_ESP", "GUEST_SYSENTER_ESP", "kGuestSysenterEsp", "guest_sysenter_esp", "guest_ia32_sysenter_esp", "", "", "", ""),
        r(0x6826, "GUEST_SYSENTER_EIP", "GUEST_SYSENTER_EIP", "GUEST_SYSENTER_EIP", "VMCS_GUEST_IA32_SYSENTER_EIP_MSR", "VMCS_GUEST_SYSENTER_EIP", "VMCS_GUEST_SYSENTER_EIP", "GUEST_SYSENTER_EIP", "kGuestSysenterEip", "guest_sysenter_eip", "guest_ia32_sysenter_eip", "", "", "", ""),
        r(0x6828, "", "", "", "VMCS_GUEST_IA32_S_CET", "VMCS_GUEST_S_CET", "VMCS_GUEST_S_CET", "", "", "", "", "", "", "", ""),
        r(0x682a, "", "", "", "VMCS_GUEST_SSP", "VMCS_GUEST_SSP", "VMCS_GUEST_SSP", "", "", "", "", "Guest Special GPRs Ssp", "", "", ""),
        r(0x682c, "", "", "", "VMCS_GUEST_INTERRUPT_SSP_TABLE_ADDR", "VMCS_GUEST_INTERRUPT_SSP_TABLE_ADDR", "VMCS_GUEST_INTERRUPT_SSP_TABLE_ADDR", "", "", "", "", "", "", "", ""),
        r(0x6c00, "HOST_CR0", "HOST_CR0", "HOST_CR0", "VMCS_HOST_CR0", "VMCS_HOST_CR0", "VMCS_HOST_CR0", "HOST_CR0", "kHostCr0", "host_cr0", "host_cr0", "", "", "", ""),
        r(0x6c02, "HOST_CR3", "HOST_CR3", "HOST_CR3", "VMCS_HOST_CR3", "VMCS_HOST_CR3", "VMCS_HOST_CR3", "HOST_CR3", "kHostCr3", "host_cr3", "host_cr3", "", "", "", ""),
        r(0x6c04, "HOST_CR4", "HOST_CR4", "HOST_CR4", "VMCS_HOST_CR4", "VMCS_HOST_CR4", "VMCS_HOST_CR4", "HOST_CR4", "kHostCr4", "host_cr4", "host_cr4", "", "", "", ""),
        r(0x6c06, "HOST_FS_BASE", "HOST_FS_BASE", "HOST_FS_BASE", "VMCS_HOST_FS_BASE", "VMCS_HOST_FS_BASE", "VMCS_HOST_FS_BASE", "HOST_FS_BASE", "kHostFsBase", "host_fs_base", "host_fs_base", "", "", "", ""),
        r(0x6c08, "HOST_GS_BASE", "HOST_GS_BASE", "HOST_GS_BASE", "VMCS_HOST_GS_BASE", "VMCS_HOST_GS_BASE", "VMCS_HOST_GS_BASE", "HOST_GS_BASE", "kHostGsBase", "host_gs_base", "host_gs_base", "", "", "", ""),
        r(0x6c0a, "HOST_TR_BASE", "HOST_TR_BASE", "HOST_TR_BASE", "VMCS_HOST_TR_BASE", "VMCS_HOST_TR_BASE", "VMCS_HOST_TR_BASE", "HOST_TR_BASE", "kHostTrBase", "host_tr_base", "host_tr_base", "", "", "", ""),
        r(0x6c0c, "HOST_GDTR_BASE", "HOST_GDTR_BASE", "HOST_GDTR_BASE", "VMCS_HOST_GDTR_BASE", "VMCS_HOST_GDTR_BASE", "VMCS_HOST_GDTR_BASE", "HOST_GDTR_BASE", "kHostGdtrBase", "host_gdtr_base", "host_gdtr_base", "", "", "", ""),
        r(0x6c0e, "HOST_IDTR_BASE", "HOST_IDTR_BASE", "HOST_IDTR_BASE", "VMCS_HOST_IDTR_BASE", "VMCS_HOST_IDTR_BASE", "VMCS_HOST_IDTR_BASE", "HOST_IDTR_BASE", "kHostIdtrBase", "host_idtr_base", "host_idtr_base", "", "", "", ""),
        r(0x6c10, "HOST_IA32_SYSENTER_ESP", "HOST_SYSENTER_ESP", "HOST_SYSENTER_ESP", "VMCS_HOST_IA32_SYSENTER_ESP_MSR", "VMCS_HOST_SYSENTER_ESP", "VMCS_HOST_SYSENTER_ESP", "HOST_SYSENTER_ESP", "kHostIa32SysenterEsp", "host_sysenter_esp", "host_ia32_sysenter_esp", "", "", "", ""),
        r(0x6c12, "HOST_IA32_SYSENTER_EIP", "HOST_SYSENTER_EIP", "HOST_SYSENTER_EIP", "VMCS_HOST_IA32_SYSENTER_EIP_MSR", "VMCS_HOST_SYSENTER_EIP", "VMCS_HOST_SYSENTER_EIP", "HOST_SYSENTER_EIP", "kHostIa32SysenterEip", "host_sysenter_eip", "host_ia32_sysenter_eip", "", "", "", ""),
        r(0x6c14, "HOST_RSP", "HOST_RSP", "HOST_RSP", "VMCS_HOST_RSP", "VMCS_HOST_RSP", "VMCS_HOST_RSP", "HOST_RSP", "kHostRsp", "host_rsp", "host_rsp", "", "", "", ""),
        r(0x6c16, "HOST_RIP", "HOST_RIP", "HOST_RIP", "VMCS_HOST_RIP", "VMCS_HOST_RIP", "VMCS_HOST_RIP", "HOST_RIP", "kHostRip", "host_rip", "host_rip", "", "", "", ""),
        r(0x6c18, "", "", "", "VMCS_HOST_IA32_S_CET", "VMCS_HOST_S_CET", "VMCS_HOST_S_CET", "", "", "", "", "", "", "", ""),
        r(0x6c1a, "", "", "", "VMCS_HOST_SSP", "VMCS_HOST_SSP", "VMCS_HOST_SSP", "", "", "", "", "", "", "", ""),
        r(0x6c1c, "", "", "", "VMCS_HOST_INTERRUPT_SSP_TABLE_ADDR", "VMCS_HOST_INTERRUPT_SSP_TABLE_ADDR", "VMCS_HOST_INTERRUPT_SSP_TABLE_ADDR", "", "", "", "", "", "", "", ""),
    ]

    /// The columns of `producerHighNames`: the producers that name upper halves of 64-bit fields
    /// (Xen since 4.6 writes VMCS_HIGH(x); ia32-doc, HAXM, hvpp and Bareflank name none).
    public static let highNameColumns: [NameColumn] = [
        NameColumn(producer: "linux", source: "Linux 6.12.117 arch/x86/include/asm/vmx.h", optionalPrefix: nil),
        NameColumn(producer: "xen-4.5", source: "Xen 4.5.0 xen/include/asm-x86/hvm/vmx/vmcs.h", optionalPrefix: nil),
        NameColumn(producer: "bochs", source: "Bochs 783b58fd6 bochs/cpu/vmx.h", optionalPrefix: nil),
        NameColumn(producer: "hyperplatform", source: "HyperPlatform d8bbb21 HyperPlatform/ia32_type.h", optionalPrefix: "k"),
    ]

    /// Names of the upper 32 bits of 64-bit fields (access type 1, the full encoding + 1).
    /// Columns: linux, xen-4.5, bochs, hyperplatform.
    public static let producerHighNames: [NameRow] = [
        r(0x2001, "IO_BITMAP_A_HIGH", "IO_BITMAP_A_HIGH", "VMCS_64BIT_CONTROL_IO_BITMAP_A_HI", "kIoBitmapAHigh"),
        r(0x2003, "IO_BITMAP_B_HIGH", "IO_BITMAP_B_HIGH", "VMCS_64BIT_CONTROL_IO_BITMAP_B_HI", "kIoBitmapBHigh"),
        r(0x2005, "MSR_BITMAP_HIGH", "MSR_BITMAP_HIGH", "VMCS_64BIT_CONTROL_MSR_BITMAPS_HI", "kMsrBitmapHigh"),
        r(0x2007, "VM_EXIT_MSR_STORE_ADDR_HIGH", "VM_EXIT_MSR_STORE_ADDR_HIGH", "VMCS_64BIT_CONTROL_VMEXIT_MSR_STORE_ADDR_HI", "kVmExitMsrStoreAddrHigh"),
        r(0x2009, "VM_EXIT_MSR_LOAD_ADDR_HIGH", "VM_EXIT_MSR_LOAD_ADDR_HIGH", "VMCS_64BIT_CONTROL_VMEXIT_MSR_LOAD_ADDR_HI", "kVmExitMsrLoadAddrHigh"),
        r(0x200b, "VM_ENTRY_MSR_LOAD_ADDR_HIGH", "VM_ENTRY_MSR_LOAD_ADDR_HIGH", "VMCS_64BIT_CONTROL_VMENTRY_MSR_LOAD_ADDR_HI", "kVmEntryMsrLoadAddrHigh"),
        r(0x200d, "", "", "VMCS_64BIT_CONTROL_EXECUTIVE_VMCS_PTR_HI", "kExecutiveVmcsPointerHigh"),
        r(0x200f, "PML_ADDRESS_HIGH", "", "VMCS_64BIT_CONTROL_PML_ADDRESS_HI", ""),
        r(0x2011, "TSC_OFFSET_HIGH", "TSC_OFFSET_HIGH", "VMCS_64BIT_CONTROL_TSC_OFFSET_HI", "kTscOffsetHigh"),
        r(0x2013, "VIRTUAL_APIC_PAGE_ADDR_HIGH", "VIRTUAL_APIC_PAGE_ADDR_HIGH", "VMCS_64BIT_CONTROL_VIRTUAL_APIC_PAGE_ADDR_HI", "kVirtualApicPageAddrHigh"),
        r(0x2015, "APIC_ACCESS_ADDR_HIGH", "APIC_ACCESS_ADDR_HIGH", "VMCS_64BIT_CONTROL_APIC_ACCESS_ADDR_HI", "kApicAccessAddrHigh"),
        r(0x2017, "POSTED_INTR_DESC_ADDR_HIGH", "PI_DESC_ADDR_HIGH", "VMCS_64BIT_CONTROL_POSTED_INTERRUPT_DESC_ADDR_HI", ""),
        r(0x2019, "VM_FUNCTION_CONTROL_HIGH", "", "VMCS_64BIT_CONTROL_VMFUNC_CTRLS_HI", ""),
        r(0x201b, "EPT_POINTER_HIGH", "EPT_POINTER_HIGH", "VMCS_64BIT_CONTROL_EPTPTR_HI", "kEptPointerHigh"),
        r(0x201d, "EOI_EXIT_BITMAP0_HIGH", "", "VMCS_64BIT_CONTROL_EOI_EXIT_BITMAP0_HI", "kEoiExitBitmap0High"),
        r(0x201f, "EOI_EXIT_BITMAP1_HIGH", "", "VMCS_64BIT_CONTROL_EOI_EXIT_BITMAP1_HI", "kEoiExitBitmap1High"),
        r(0x2021, "EOI_EXIT_BITMAP2_HIGH", "", "VMCS_64BIT_CONTROL_EOI_EXIT_BITMAP2_HI", "kEoiExitBitmap2High"),
        r(0x2023, "EOI_EXIT_BITMAP3_HIGH", "", "VMCS_64BIT_CONTROL_EOI_EXIT_BITMAP3_HI", "kEoiExitBitmap3High"),
        r(0x2025, "EPTP_LIST_ADDRESS_HIGH", "", "VMCS_64BIT_CONTROL_EPTP_LIST_ADDRESS_HI", "kEptpListAddressHigh"),
        r(0x2027, "VMREAD_BITMAP_HIGH", "VMREAD_BITMAP_HIGH", "VMCS_64BIT_CONTROL_VMREAD_BITMAP_ADDR_HI", "kVmreadBitmapAddressHigh"),
        r(0x2029, "VMWRITE_BITMAP_HIGH", "VMWRITE_BITMAP_HIGH", "VMCS_64BIT_CONTROL_VMWRITE_BITMAP_ADDR_HI", "kVmwriteBitmapAddressHigh"),
        r(0x202b, "VE_INFORMATION_ADDRESS_HIGH", "", "VMCS_64BIT_CONTROL_VE_EXCEPTION_INFO_ADDR_HI", "kVirtualizationExceptionInfoAddressHigh"),
        r(0x202d, "XSS_EXIT_BITMAP_HIGH", "", "VMCS_64BIT_CONTROL_XSS_EXITING_BITMAP_HI", "kXssExitingBitmapHigh"),
        r(0x202f, "ENCLS_EXITING_BITMAP_HIGH", "", "VMCS_64BIT_CONTROL_ENCLS_EXITING_BITMAP_HI", "kEnclsExitingBitmapHigh"),
        r(0x2031, "", "", "VMCS_64BIT_CONTROL_SPPTP_HI", ""),
        r(0x2033, "TSC_MULTIPLIER_HIGH", "", "VMCS_64BIT_CONTROL_TSC_MULTIPLIER_HI", "kTscMultiplierHigh"),
        r(0x2035, "TERTIARY_VM_EXEC_CONTROL_HIGH", "", "VMCS_64BIT_CONTROL_TERTIARY_VMEXEC_CONTROLS_HI", ""),
        r(0x2037, "", "", "VMCS_64BIT_CONTROL_ENCLV_EXITING_BITMAP_HI", ""),
        r(0x2039, "", "", "VMCS_64BIT_CONTROL_LO_PASID_DIRECTORY_ADDR_HI", ""),
        r(0x203b, "", "", "VMCS_64BIT_CONTROL_HI_PASID_DIRECTORY_ADDR_HI", ""),
        r(0x203d, "", "", "VMCS_64BIT_CONTROL_SEAM_SHARED_EPT_POINTER_HI", ""),
        r(0x203f, "", "", "VMCS_64BIT_CONTROL_PCONFIG_EXITING_BITMAP_HI", ""),
        r(0x2041, "", "", "VMCS_64BIT_CONTROL_HLAT_POINTER_HI", ""),
        r(0x2043, "PID_POINTER_TABLE_HIGH", "", "VMCS_64BIT_CONTROL_PID_POINTER_TABLE_ADDRESS_HI", ""),
        r(0x2045, "", "", "VMCS_64BIT_CONTROL_SECONDARY_VMEXIT_CONTROLS_HI", ""),
        r(0x204b, "", "", "VMCS_64BIT_CONTROL_IA32_SPEC_CTRL_MASK_HI", ""),
        r(0x204d, "", "", "VMCS_64BIT_CONTROL_IA32_SPEC_CTRL_SHADOW_HI", ""),
        r(0x204f, "", "", "VMCS_64BIT_CONTROL_GUEST_DEADLINE_SHADOW_HI", ""),
        r(0x2053, "", "", "VMCS_64BIT_CONTROL_INJECTED_EVENT_DATA_HI", ""),
        r(0x2401, "GUEST_PHYSICAL_ADDRESS_HIGH", "GUEST_PHYSICAL_ADDRESS_HIGH", "VMCS_64BIT_GUEST_PHYSICAL_ADDR_HI", "kGuestPhysicalAddressHigh"),
        r(0x2403, "", "", "VMCS_64BIT_MSR_DATA_HI", ""),
        r(0x2405, "", "", "VMCS_64BIT_ORIGINAL_EVENT_DATA_HI", ""),
        r(0x2801, "VMCS_LINK_POINTER_HIGH", "VMCS_LINK_POINTER_HIGH", "VMCS_64BIT_GUEST_LINK_POINTER_HI", "kVmcsLinkPointerHigh"),
        r(0x2803, "GUEST_IA32_DEBUGCTL_HIGH", "GUEST_IA32_DEBUGCTL_HIGH", "VMCS_64BIT_GUEST_IA32_DEBUGCTL_HI", "kGuestIa32DebugctlHigh"),
        r(0x2805, "GUEST_IA32_PAT_HIGH", "GUEST_PAT_HIGH", "VMCS_64BIT_GUEST_IA32_PAT_HI", "kGuestIa32PatHigh"),
        r(0x2807, "GUEST_IA32_EFER_HIGH", "GUEST_EFER_HIGH", "VMCS_64BIT_GUEST_IA32_EFER_HI", "kGuestIa32EferHigh"),
        r(0x2809, "GUEST_IA32_PERF_GLOBAL_CTRL_HIGH", "GUEST_PERF_GLOBAL_CTRL_HIGH", "VMCS_64BIT_GUEST_IA32_PERF_GLOBAL_CTRL_HI", "kGuestIa32PerfGlobalCtrlHigh"),
        r(0x280b, "GUEST_PDPTR0_HIGH", "GUEST_PDPTR0_HIGH", "VMCS_64BIT_GUEST_IA32_PDPTE0_HI", "kGuestPdptr0High"),
        r(0x280d, "GUEST_PDPTR1_HIGH", "GUEST_PDPTR1_HIGH", "VMCS_64BIT_GUEST_IA32_PDPTE1_HI", "kGuestPdptr1High"),
        r(0x280f, "GUEST_PDPTR2_HIGH", "GUEST_PDPTR2_HIGH", "VMCS_64BIT_GUEST_IA32_PDPTE2_HI", "kGuestPdptr2High"),
        r(0x2811, "GUEST_PDPTR3_HIGH", "GUEST_PDPTR3_HIGH", "VMCS_64BIT_GUEST_IA32_PDPTE3_HI", "kGuestPdptr3High"),
        r(0x2813, "GUEST_BNDCFGS_HIGH", "GUEST_BNDCFGS_HIGH", "VMCS_64BIT_GUEST_IA32_BNDCFGS_HI", "kGuestIa32BndcfgsHigh"),
        r(0x2815, "GUEST_IA32_RTIT_CTL_HIGH", "", "VMCS_64BIT_GUEST_IA32_RTIT_CTL_HI", ""),
        r(0x2819, "", "", "VMCS_64BIT_GUEST_IA32_PKRS_HI", ""),
        r(0x281b, "", "", "VMCS_64BIT_GUEST_IA32_FRED_CONFIG_HI", ""),
        r(0x281d, "", "", "VMCS_64BIT_GUEST_IA32_FRED_RSP1_HI", ""),
        r(0x281f, "", "", "VMCS_64BIT_GUEST_IA32_FRED_RSP2_HI", ""),
        r(0x2821, "", "", "VMCS_64BIT_GUEST_IA32_FRED_RSP3_HI", ""),
        r(0x2823, "", "", "VMCS_64BIT_GUEST_IA32_FRED_STACK_LEVELS_HI", ""),
        r(0x2825, "", "", "VMCS_64BIT_GUEST_IA32_FRED_SSP1_HI", ""),
        r(0x2827, "", "", "VMCS_64BIT_GUEST_IA32_FRED_SSP2_HI", ""),
        r(0x2829, "", "", "VMCS_64BIT_GUEST_IA32_FRED_SSP3_HI", ""),
        r(0x282f, "", "", "VMCS_64BIT_GUEST_IA32_SPEC_CTRL_HI", ""),
        r(0x2831, "", "", "VMCS_64BIT_GUEST_DEADLINE_HI", ""),
        r(0x2c01, "HOST_IA32_PAT_HIGH", "HOST_PAT_HIGH", "VMCS_64BIT_HOST_IA32_PAT_HI", "kHostIa32PatHigh"),
        r(0x2c03, "HOST_IA32_EFER_HIGH", "HOST_EFER_HIGH", "VMCS_64BIT_HOST_IA32_EFER_HI", "kHostIa32EferHigh"),
        r(0x2c05, "HOST_IA32_PERF_GLOBAL_CTRL_HIGH", "HOST_PERF_GLOBAL_CTRL_HIGH", "VMCS_64BIT_HOST_IA32_PERF_GLOBAL_CTRL_HI", "kHostIa32PerfGlobalCtrlHigh"),
        r(0x2c07, "", "", "VMCS_64BIT_HOST_IA32_PKRS_HI", ""),
        r(0x2c09, "", "", "VMCS_64BIT_HOST_IA32_FRED_CONFIG_HI", ""),
        r(0x2c0b, "", "", "VMCS_64BIT_HOST_IA32_FRED_RSP1_HI", ""),
        r(0x2c0d, "", "", "VMCS_64BIT_HOST_IA32_FRED_RSP2_HI", ""),
        r(0x2c0f, "", "", "VMCS_64BIT_HOST_IA32_FRED_RSP3_HI", ""),
        r(0x2c11, "", "", "VMCS_64BIT_HOST_IA32_FRED_STACK_LEVELS_HI", ""),
        r(0x2c13, "", "", "VMCS_64BIT_HOST_IA32_FRED_SSP1_HI", ""),
        r(0x2c15, "", "", "VMCS_64BIT_HOST_IA32_FRED_SSP2_HI", ""),
        r(0x2c17, "", "", "VMCS_64BIT_HOST_IA32_FRED_SSP3_HI", ""),
        r(0x2c1b, "", "", "VMCS_64BIT_HOST_IA32_SPEC_CTRL_HI", ""),
    ]
}
