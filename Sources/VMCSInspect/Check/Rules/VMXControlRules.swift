/// SDM Vol. 3 (325384-084) section 27.2.1: the checks on VMX controls, in the order the SDM
/// lists them. VM entry fails on any of them with VM-instruction error 7.
enum VMXControlRules {
    static let executionSection = Sections.executionControls
    static let exitSection = Sections.exitControls
    static let entrySection = Sections.entryControls

    // MARK: 27.2.1.1 VM-execution control fields

    static let execution: [Check] = [
        Check(
            "ctrl-pin-based-reserved", executionSection,
            "Reserved bits of the pin-based VM-execution controls must be set as IA32_VMX_PINBASED_CTLS (or, when IA32_VMX_BASIC[55] is 1, IA32_VMX_TRUE_PINBASED_CTLS) allows (Appendix A.3.1).",
            needs: [.msr(0x480), .msr(0x481), .msr(0x48d)], covers: ["ctrl.pin_based"]
        ) { c in
            c.controlsAllowed("ctrl.pin_based", c.controlMSR(plain: 0x481, true: 0x48d), msrName: "the pin-based capability MSR")
        },
        Check(
            "ctrl-proc-based-reserved", executionSection,
            "Reserved bits of the primary processor-based VM-execution controls must be set as IA32_VMX_PROCBASED_CTLS (or IA32_VMX_TRUE_PROCBASED_CTLS) allows (Appendix A.3.2).",
            needs: [.msr(0x480), .msr(0x482), .msr(0x48e)], covers: ["ctrl.proc_based"]
        ) { c in
            c.controlsAllowed("ctrl.proc_based", c.controlMSR(plain: 0x482, true: 0x48e), msrName: "the primary processor-based capability MSR")
        },
        Check(
            "ctrl-proc-based2-reserved", executionSection,
            "If \"activate secondary controls\" is 1, reserved bits of the secondary processor-based VM-execution controls must be 0 (IA32_VMX_PROCBASED_CTLS2, Appendix A.3.3).",
            needs: [.msr(0x48b)], covers: ["ctrl.proc_based2"]
        ) { c in
            c.when(c.primary("activate_secondary_controls")) {
                c.controlsAllowed("ctrl.proc_based2", c.msr(0x48b), msrName: "IA32_VMX_PROCBASED_CTLS2")
            }
        },
        Check(
            "ctrl-proc-based3-reserved", executionSection,
            "If \"activate tertiary controls\" is 1, reserved bits of the tertiary processor-based VM-execution controls must be 0 (IA32_VMX_PROCBASED_CTLS3, Appendix A.3.4).",
            needs: [.msr(0x492)], covers: ["ctrl.proc_based3"]
        ) { c in
            c.when(c.primary("activate_tertiary_controls")) {
                c.controlsAllowedOnes("ctrl.proc_based3", c.msr(0x492), msrName: "IA32_VMX_PROCBASED_CTLS3")
            }
        },
        Check(
            "ctrl-cr3-target-count", executionSection,
            "The CR3-target count must not be greater than 4, or than the number IA32_VMX_MISC[24:16] gives on processors that support more.",
            needs: [.msr(0x485)]
        ) { c in
            guard let count = c.value("ctrl.cr3_target_count") else { return .unknown }
            if count <= 4 { return .holds }
            // IA32_VMX_MISC[24:16] is 9 bits wide: no processor can allow more than 511.
            if count > 511 { return c.require(false, "ctrl.cr3_target_count", "CR3_TARGET_COUNT = \(count): more than any processor supports") }
            guard let misc = c.msr(0x485) else { return .unknown }
            let supported = (misc >> 16) & 0x1ff
            return c.require(
                count <= supported, "ctrl.cr3_target_count",
                "CR3_TARGET_COUNT = \(count): more than the \(supported) IA32_VMX_MISC[24:16] allows")
        },
        Check(
            "ctrl-io-bitmaps", executionSection,
            "If \"use I/O bitmaps\" is 1, bits 11:0 of each I/O-bitmap address must be 0 and neither address may set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.primary("use_io_bitmaps")) {
                c.every([
                    c.alignedAddress("ctrl.io_bitmap_a", what: "I/O-bitmap A address"),
                    c.alignedAddress("ctrl.io_bitmap_b", what: "I/O-bitmap B address"),
                ])
            }
        },
        Check(
            "ctrl-msr-bitmap", executionSection,
            "If \"use MSR bitmaps\" is 1, bits 11:0 of the MSR-bitmap address must be 0 and it may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.primary("use_msr_bitmaps")) { c.alignedAddress("ctrl.msr_bitmap", what: "MSR-bitmap address") }
        },
        Check(
            "ctrl-virtual-apic-address", executionSection,
            "If \"use TPR shadow\" is 1, bits 11:0 of the virtual-APIC address must be 0 and it may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.primary("use_tpr_shadow")) { c.alignedAddress("ctrl.virtual_apic_page_addr", what: "virtual-APIC address") }
        },
        Check(
            "ctrl-tpr-threshold-reserved", executionSection,
            "If \"use TPR shadow\" is 1 and \"virtual-interrupt delivery\" is 0, bits 31:4 of the TPR threshold must be 0."
        ) { c in
            c.when(allOf(c.primary("use_tpr_shadow"), not(c.secondary("virtual_interrupt_delivery")))) {
                c.reservedRows("ctrl.tpr_threshold")
            }
        },
        Check(
            "ctrl-tpr-threshold-vtpr", executionSection,
            "If \"use TPR shadow\" is 1 and \"virtualize APIC accesses\" and \"virtual-interrupt delivery\" are 0, bits 3:0 of the TPR threshold must not be greater than bits 7:4 of VTPR (byte 80H of the virtual-APIC page).",
            needs: [.memory("virtual-APIC page, VTPR (byte 80H)")]
        ) { c in
            c.when(
                allOf(c.primary("use_tpr_shadow"), not(c.secondary("virtualize_apic_accesses")), not(c.secondary("virtual_interrupt_delivery")))
            ) {
                // A threshold of 0 is below any VTPR; otherwise the page must be read.
                guard let threshold = c.bits("ctrl.tpr_threshold", "threshold") else { return .unknown }
                if threshold == 0 { return .holds }
                return c.require(c.memory("virtual-APIC page, VTPR (byte 80H)"), "ctrl.tpr_threshold", "")
            }
        },
        Check(
            "ctrl-apic-virtualization-requires-tpr-shadow", executionSection,
            "If \"use TPR shadow\" is 0, \"virtualize x2APIC mode\", \"APIC-register virtualization\" and \"virtual-interrupt delivery\" must be 0."
        ) { c in
            c.when(not(c.primary("use_tpr_shadow"))) {
                let set = ["virtualize_x2apic_mode", "apic_register_virtualization", "virtual_interrupt_delivery"].map { ($0, c.secondary($0)) }
                guard let anySet = anyOf(set.map(\.1)) else { return .unknown }
                let names = set.filter { $0.1 == true }.map(\.0).joined(separator: ", ")
                return c.require(!anySet, "ctrl.proc_based2", "\(c.describe("ctrl.proc_based2")): \(names) set while \"use TPR shadow\" is 0")
            }
        },
        Check(
            "ctrl-virtual-nmis-require-nmi-exiting", executionSection,
            "If \"NMI exiting\" is 0, \"virtual NMIs\" must be 0."
        ) { c in
            c.require(
                implies(not(c.pin("nmi_exiting")), not(c.pin("virtual_nmis"))), "ctrl.pin_based",
                "\(c.describe("ctrl.pin_based")): \"virtual NMIs\" is 1 while \"NMI exiting\" is 0")
        },
        Check(
            "ctrl-nmi-window-requires-virtual-nmis", executionSection,
            "If \"virtual NMIs\" is 0, \"NMI-window exiting\" must be 0."
        ) { c in
            c.require(
                implies(not(c.pin("virtual_nmis")), not(c.primary("nmi_window_exiting"))), "ctrl.proc_based",
                "\(c.describe("ctrl.proc_based")): \"NMI-window exiting\" is 1 while \"virtual NMIs\" is 0")
        },
        Check(
            "ctrl-apic-access-address", executionSection,
            "If \"virtualize APIC accesses\" is 1, bits 11:0 of the APIC-access address must be 0 and it may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.secondary("virtualize_apic_accesses")) { c.alignedAddress("ctrl.apic_access_addr", what: "APIC-access address") }
        },
        Check(
            "ctrl-x2apic-excludes-apic-accesses", executionSection,
            "If \"virtualize x2APIC mode\" is 1, \"virtualize APIC accesses\" must be 0."
        ) { c in
            c.require(
                implies(c.secondary("virtualize_x2apic_mode"), not(c.secondary("virtualize_apic_accesses"))), "ctrl.proc_based2",
                "\(c.describe("ctrl.proc_based2")): \"virtualize x2APIC mode\" and \"virtualize APIC accesses\" are both 1")
        },
        Check(
            "ctrl-vid-requires-interrupt-exiting", executionSection,
            "If \"virtual-interrupt delivery\" is 1, \"external-interrupt exiting\" must be 1."
        ) { c in
            c.require(
                implies(c.secondary("virtual_interrupt_delivery"), c.pin("external_interrupt_exiting")), "ctrl.pin_based",
                "\(c.describe("ctrl.pin_based")): \"external-interrupt exiting\" is 0 while \"virtual-interrupt delivery\" is 1")
        },
        Check(
            "ctrl-posted-interrupts-require-vid", executionSection,
            "If \"process posted interrupts\" is 1, \"virtual-interrupt delivery\" must be 1."
        ) { c in
            c.require(
                implies(c.pin("posted_interrupts"), c.secondary("virtual_interrupt_delivery")), "ctrl.pin_based",
                "\(c.describe("ctrl.pin_based")): \"process posted interrupts\" is 1 while \"virtual-interrupt delivery\" is 0")
        },
        Check(
            "ctrl-posted-interrupts-require-ack", executionSection,
            "If \"process posted interrupts\" is 1, the \"acknowledge interrupt on exit\" VM-exit control must be 1."
        ) { c in
            c.require(
                implies(c.pin("posted_interrupts"), c.exitControl("acknowledge_interrupt")), "ctrl.exit",
                "\(c.describe("ctrl.exit")): \"acknowledge interrupt on exit\" is 0 while \"process posted interrupts\" is 1")
        },
        Check(
            "ctrl-posted-interrupt-vector", executionSection,
            "If \"process posted interrupts\" is 1, bits 15:8 of the posted-interrupt notification vector must be 0."
        ) { c in
            c.when(c.pin("posted_interrupts")) { c.reservedRows("ctrl.posted_intr_nv") }
        },
        Check(
            "ctrl-posted-interrupt-descriptor", executionSection,
            "If \"process posted interrupts\" is 1, bits 5:0 of the posted-interrupt descriptor address must be 0 and it may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.pin("posted_interrupts")) {
                c.alignedAddress("ctrl.posted_intr_desc_addr", alignment: 64, what: "posted-interrupt descriptor address")
            }
        },
        Check(
            "ctrl-vpid-nonzero", executionSection,
            "If \"enable VPID\" is 1, the VPID must not be 0000H."
        ) { c in
            c.when(c.secondary("enable_vpid")) {
                c.require(c.value("ctrl.vpid").map { $0 != 0 }, "ctrl.vpid", "VIRTUAL_PROCESSOR_ID = 0 while \"enable VPID\" is 1")
            }
        },
        Check(
            "ctrl-eptp-memory-type", executionSection,
            "If \"enable EPT\" is 1, the EPT memory type (EPTP bits 2:0) must be UC (0) or WB (6), one IA32_VMX_EPT_VPID_CAP reports as supported (bits 8 and 14).",
            needs: [.msr(0x48c)]
        ) { c in
            c.when(c.secondary("enable_ept")) {
                guard let type = c.bits("ctrl.ept_pointer", "memory_type") else { return .unknown }
                guard type == 0 || type == 6 else {
                    return c.require(false, "ctrl.ept_pointer", "\(c.describe("ctrl.ept_pointer")): memory type \(type) is neither UC (0) nor WB (6)")
                }
                return c.require(
                    c.msrBit(0x48c, type == 0 ? 8 : 14), "ctrl.ept_pointer",
                    "\(c.describe("ctrl.ept_pointer")): memory type \(type == 0 ? "UC" : "WB") is one IA32_VMX_EPT_VPID_CAP does not allow")
            }
        },
        Check(
            "ctrl-eptp-walk-length", executionSection,
            "If \"enable EPT\" is 1, EPTP bits 5:3 (the page-walk length minus 1) must be 3 (4 levels, IA32_VMX_EPT_VPID_CAP[6]) or 4 (5 levels, IA32_VMX_EPT_VPID_CAP[7]), as the processor supports.",
            needs: [.msr(0x48c)]
        ) { c in
            c.when(c.secondary("enable_ept")) {
                guard let length = c.bits("ctrl.ept_pointer", "page_walk_length") else { return .unknown }
                guard length == 3 || length == 4 else {
                    return c.require(false, "ctrl.ept_pointer", "\(c.describe("ctrl.ept_pointer")): page-walk length − 1 = \(length), neither 3 nor 4")
                }
                return c.require(
                    c.msrBit(0x48c, length == 3 ? 6 : 7), "ctrl.ept_pointer",
                    "\(c.describe("ctrl.ept_pointer")): a \(length + 1)-level walk, which IA32_VMX_EPT_VPID_CAP does not allow")
            }
        },
        Check(
            "ctrl-eptp-accessed-dirty", executionSection,
            "If \"enable EPT\" is 1, EPTP bit 6 (accessed and dirty flags) must be 0 if IA32_VMX_EPT_VPID_CAP[21] is 0.",
            needs: [.msr(0x48c)]
        ) { c in
            c.when(allOf(c.secondary("enable_ept"), c.flag("ctrl.ept_pointer", "ad_enable"))) {
                c.require(c.msrBit(0x48c, 21), "ctrl.ept_pointer", "\(c.describe("ctrl.ept_pointer")): accessed and dirty flags enabled, which IA32_VMX_EPT_VPID_CAP[21] does not allow")
            }
        },
        Check(
            "ctrl-eptp-supervisor-shadow-stack", executionSection,
            "If \"enable EPT\" is 1, EPTP bit 7 (supervisor shadow-stack control) must be 0 on processors without CET shadow stacks (CPUID.(EAX=07H,ECX=0):ECX[7]).",
            needs: [.cpuid(CPUIDRegister(leaf: 7, subleaf: 0, .ecx))]
        ) { c in
            // Bochs' is_eptptr_valid enforces the same dependency; Linux treats bit 7 as reserved
            // because KVM does not offer it to nested guests.
            c.when(allOf(c.secondary("enable_ept"), c.flag("ctrl.ept_pointer", "sss_enforce"))) {
                c.require(c.cpuidBit(7, 0, .ecx, 7), "ctrl.ept_pointer", "\(c.describe("ctrl.ept_pointer")): supervisor shadow-stack control set on a processor without CET shadow stacks")
            }
        },
        Check(
            "ctrl-eptp-reserved", executionSection,
            "If \"enable EPT\" is 1, EPTP bits 11:8 and bits beyond the physical-address width must be 0.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.secondary("enable_ept")) {
                let reserved = c.reservedRows("ctrl.ept_pointer")
                if reserved.isBroken { return reserved }
                guard let eptp = c.value("ctrl.ept_pointer") else { return .unknown }
                return c.every([
                    reserved,
                    c.require(c.withinPhysicalWidth(eptp & ~0xfff), "ctrl.ept_pointer", "\(c.describe("ctrl.ept_pointer")): the PML4 address sets bits beyond the physical-address width\(c.widthNote)"),
                ])
            }
        },
        Check(
            "ctrl-pml-requires-ept", executionSection,
            "If \"enable PML\" is 1, \"enable EPT\" must be 1."
        ) { c in
            c.require(
                implies(c.secondary("enable_pml"), c.secondary("enable_ept")), "ctrl.proc_based2",
                "\(c.describe("ctrl.proc_based2")): \"enable PML\" is 1 while \"enable EPT\" is 0")
        },
        Check(
            "ctrl-pml-address", executionSection,
            "If \"enable PML\" is 1, bits 11:0 of the PML address must be 0 and it may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.secondary("enable_pml")) { c.alignedAddress("ctrl.pml_address", what: "PML address") }
        },
        Check(
            "ctrl-unrestricted-guest-requires-ept", executionSection,
            "If \"unrestricted guest\" is 1, \"enable EPT\" must be 1."
        ) { c in
            c.require(
                implies(c.secondary("unrestricted_guest"), c.secondary("enable_ept")), "ctrl.proc_based2",
                "\(c.describe("ctrl.proc_based2")): \"unrestricted guest\" is 1 while \"enable EPT\" is 0")
        },
        Check(
            "ctrl-mode-based-execute-requires-ept", executionSection,
            "If \"mode-based execute control for EPT\" is 1, \"enable EPT\" must be 1."
        ) { c in
            c.require(
                implies(c.secondary("mode_based_execute"), c.secondary("enable_ept")), "ctrl.proc_based2",
                "\(c.describe("ctrl.proc_based2")): \"mode-based execute control for EPT\" is 1 while \"enable EPT\" is 0")
        },
        Check(
            "ctrl-sub-page-write-requires-ept", executionSection,
            "If \"sub-page write permissions for EPT\" is 1, \"enable EPT\" must be 1."
        ) { c in
            c.require(
                implies(c.secondary("sub_page_write"), c.secondary("enable_ept")), "ctrl.proc_based2",
                "\(c.describe("ctrl.proc_based2")): \"sub-page write permissions for EPT\" is 1 while \"enable EPT\" is 0")
        },
        Check(
            "ctrl-sppt-pointer", executionSection,
            "If \"sub-page write permissions for EPT\" is 1, bits 11:0 of the SPPTP must be 0 and it may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.secondary("sub_page_write")) { c.alignedAddress("ctrl.sppt_pointer", what: "sub-page-permission-table pointer") }
        },
        Check(
            "ctrl-pt-guest-physical", executionSection,
            "If \"Intel PT uses guest physical addresses\" is 1, \"enable EPT\", the \"load IA32_RTIT_CTL\" VM-entry control and the \"clear IA32_RTIT_CTL\" VM-exit control must be 1."
        ) { c in
            c.when(c.secondary("pt_uses_guest_physical")) {
                c.every([
                    c.require(c.secondary("enable_ept"), "ctrl.proc_based2", "\(c.describe("ctrl.proc_based2")): \"Intel PT uses guest physical addresses\" without \"enable EPT\""),
                    c.require(c.entryControl("load_rtit_ctl"), "ctrl.entry", "\(c.describe("ctrl.entry")): \"load IA32_RTIT_CTL\" is 0 while Intel PT uses guest-physical addresses"),
                    c.require(c.exitControl("clear_rtit_ctl"), "ctrl.exit", "\(c.describe("ctrl.exit")): \"clear IA32_RTIT_CTL\" is 0 while Intel PT uses guest-physical addresses"),
                ])
            }
        },
        Check(
            "ctrl-hlat-requires-ept", executionSection,
            "If \"enable HLAT\" (a tertiary control) is 1, \"enable EPT\" must be 1."
        ) { c in
            c.require(
                implies(c.tertiary("enable_hlat"), c.secondary("enable_ept")), "ctrl.proc_based3",
                "\(c.describe("ctrl.proc_based3")): \"enable HLAT\" is 1 while \"enable EPT\" is 0")
        },
        Check(
            "ctrl-hlat-pointer", executionSection,
            "If \"enable HLAT\" is 1, the HLAT pointer may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.tertiary("enable_hlat")) {
                guard let pointer = c.value("ctrl.hlatp") else { return .unknown }
                return c.require(c.withinPhysicalWidth(pointer & ~0xfff), "ctrl.hlatp", "\(c.describe("ctrl.hlatp")): the HLAT pointer sets bits beyond the physical-address width\(c.widthNote)")
            }
        },
        Check(
            "ctrl-paging-write-requires-ept", executionSection,
            "If \"EPT paging-write control\" or \"guest-paging verification\" (tertiary controls) is 1, \"enable EPT\" must be 1."
        ) { c in
            c.require(
                implies(anyOf(c.tertiary("ept_paging_write"), c.tertiary("guest_paging_verification")), c.secondary("enable_ept")),
                "ctrl.proc_based3", "\(c.describe("ctrl.proc_based3")): EPT paging-write control or guest-paging verification while \"enable EPT\" is 0")
        },
        Check(
            "ctrl-vmfunc-reserved", executionSection,
            "If \"enable VM functions\" is 1, reserved bits of the VM-function controls must be 0: the functions IA32_VMX_VMFUNC does not allow, and every function but 0 on every processor so far.",
            needs: [.msr(0x491)], covers: ["ctrl.vm_function_control"]
        ) { c in
            c.when(c.secondary("enable_vm_functions")) {
                let reserved = c.reservedRows("ctrl.vm_function_control")
                if reserved.isBroken { return reserved }
                return c.controlsAllowedOnes("ctrl.vm_function_control", c.msr(0x491), msrName: "IA32_VMX_VMFUNC")
            }
        },
        Check(
            "ctrl-eptp-switching-requires-ept", executionSection,
            "If \"enable VM functions\" is 1 and EPTP switching (VM function 0) is enabled, \"enable EPT\" must be 1."
        ) { c in
            c.when(allOf(c.secondary("enable_vm_functions"), c.flag("ctrl.vm_function_control", "eptp_switching"))) {
                c.require(c.secondary("enable_ept"), "ctrl.proc_based2", "\(c.describe("ctrl.proc_based2")): EPTP switching enabled while \"enable EPT\" is 0")
            }
        },
        Check(
            "ctrl-eptp-list-address", executionSection,
            "If EPTP switching is enabled, bits 11:0 of the EPTP-list address must be 0 and it may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(allOf(c.secondary("enable_vm_functions"), c.flag("ctrl.vm_function_control", "eptp_switching"))) {
                c.alignedAddress("ctrl.eptp_list_address", what: "EPTP-list address")
            }
        },
        Check(
            "ctrl-vmcs-shadowing-bitmaps", executionSection,
            "If \"VMCS shadowing\" is 1, bits 11:0 of the VMREAD-bitmap and VMWRITE-bitmap addresses must be 0 and neither may set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.secondary("vmcs_shadowing")) {
                c.every([
                    c.alignedAddress("ctrl.vmread_bitmap", what: "VMREAD-bitmap address"),
                    c.alignedAddress("ctrl.vmwrite_bitmap", what: "VMWRITE-bitmap address"),
                ])
            }
        },
        Check(
            "ctrl-ve-information-address", executionSection,
            "If \"EPT-violation #VE\" is 1, bits 11:0 of the virtualization-exception information address must be 0 and it may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.secondary("ept_violation_ve")) { c.alignedAddress("ctrl.ve_information_address", what: "#VE information address") }
        },
        // Not a check of 27.2.1.1: the SDM lists none on the TSC multiplier (nor do KVM's nested
        // checks); Bochs refuses VM entry on a zero multiplier. So a warning, citing the section
        // that defines the field.
        Check(
            "ctrl-tsc-multiplier-zero", Sections.tscMultiplier,
            "If \"use TSC scaling\" is 1, a TSC multiplier of 0 makes every guest RDTSC return the TSC offset alone; the SDM lists no VM-entry check for it, but some implementations refuse it.",
            severity: .warning
        ) { c in
            c.when(c.secondary("use_tsc_scaling")) {
                c.require(c.value("ctrl.tsc_multiplier").map { $0 != 0 }, "ctrl.tsc_multiplier", "\(c.describe("ctrl.tsc_multiplier")): TSC scaling with a zero multiplier stops the guest's TSC")
            }
        },
    ]

    // MARK: 27.2.1.2 VM-exit control fields

    /// The MSR-store or MSR-load area of `count` 16-byte entries at `address`: bits 3:0 of the
    /// address must be 0, and neither it nor the address of its last byte may set bits beyond
    /// the physical-address width.
    static func msrArea(_ c: RuleContext, count countField: String, address addressField: String, what: String) -> Verdict {
        guard let count = c.value(countField) else { return .unknown }
        guard count > 0 else { return .holds }
        guard let address = c.value(addressField) else { return .unknown }
        let (product, productOverflow) = count.multipliedReportingOverflow(by: 16)
        let (end, endOverflow) = address.addingReportingOverflow(product)
        let last = end &- 1
        return c.every([
            c.require(address & 0xf == 0, addressField, "\(c.describe(addressField)): bits 3:0 of the \(what) address must be 0"),
            c.require(c.withinPhysicalWidth(address), addressField, "\(c.describe(addressField)): the \(what) address sets bits beyond the physical-address width\(c.widthNote)"),
            c.require(
                productOverflow || endOverflow ? false : c.withinPhysicalWidth(last), addressField,
                "\(c.describe(addressField)): the \(what) area's last byte (\(count) entries of 16 bytes) lies beyond the physical-address width\(c.widthNote)"),
        ])
    }

    static let exit: [Check] = [
        Check(
            "ctrl-exit-reserved", exitSection,
            "Reserved bits of the primary VM-exit controls must be set as IA32_VMX_EXIT_CTLS (or IA32_VMX_TRUE_EXIT_CTLS) allows (Appendix A.4.1).",
            needs: [.msr(0x480), .msr(0x483), .msr(0x48f)], covers: ["ctrl.exit"]
        ) { c in
            c.controlsAllowed("ctrl.exit", c.controlMSR(plain: 0x483, true: 0x48f), msrName: "the VM-exit capability MSR")
        },
        Check(
            "ctrl-exit2-reserved", exitSection,
            "If \"activate secondary controls\" (VM-exit control 31) is 1, reserved bits of the secondary VM-exit controls must be 0 (IA32_VMX_EXIT_CTLS2, Appendix A.4.2).",
            needs: [.msr(0x493)], covers: ["ctrl.exit2"]
        ) { c in
            c.when(c.exitControl("activate_secondary_controls")) {
                c.controlsAllowedOnes("ctrl.exit2", c.msr(0x493), msrName: "IA32_VMX_EXIT_CTLS2")
            }
        },
        Check(
            "ctrl-preemption-timer-save-requires-timer", exitSection,
            "If \"activate VMX-preemption timer\" is 0, \"save VMX-preemption-timer value\" must be 0."
        ) { c in
            c.require(
                implies(not(c.pin("preemption_timer")), not(c.exitControl("save_preemption_timer"))), "ctrl.exit",
                "\(c.describe("ctrl.exit")): \"save VMX-preemption-timer value\" is 1 while the timer is not activated")
        },
        Check(
            "ctrl-exit-msr-store-area", exitSection,
            "If the VM-exit MSR-store count is not 0, bits 3:0 of the MSR-store address must be 0, and neither it nor the address of the area's last byte may set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            msrArea(c, count: "ctrl.exit_msr_store_count", address: "ctrl.exit_msr_store_addr", what: "VM-exit MSR-store")
        },
        Check(
            "ctrl-exit-msr-load-area", exitSection,
            "If the VM-exit MSR-load count is not 0, bits 3:0 of the MSR-load address must be 0, and neither it nor the address of the area's last byte may set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            msrArea(c, count: "ctrl.exit_msr_load_count", address: "ctrl.exit_msr_load_addr", what: "VM-exit MSR-load")
        },
    ]

    // MARK: 27.2.1.3 VM-entry control fields

    /// Exceptions that push an error code, for the deliver-error-code rules: #DF, #TS, #NP, #SS,
    /// #GP, #PF, #AC (SDM 27.2.1.3).
    static let vectorsWithErrorCode: Set<UInt64> = [8, 10, 11, 12, 13, 14, 17]

    /// The guest will be in protected mode: "unrestricted guest" is 0 or CR0.PE is 1.
    static func protectedMode(_ c: RuleContext) -> Bool? { anyOf(not(c.unrestrictedGuest), c.flag("guest.cr0", "pe")) }

    static let entry: [Check] = [
        Check(
            "ctrl-entry-reserved", entrySection,
            "Reserved bits of the VM-entry controls must be set as IA32_VMX_ENTRY_CTLS (or IA32_VMX_TRUE_ENTRY_CTLS) allows (Appendix A.5).",
            needs: [.msr(0x480), .msr(0x484), .msr(0x490)], covers: ["ctrl.entry"]
        ) { c in
            c.controlsAllowed("ctrl.entry", c.controlMSR(plain: 0x484, true: 0x490), msrName: "the VM-entry capability MSR")
        },
        Check(
            "ctrl-entry-to-smm-outside-smm", entrySection,
            "The \"entry to SMM\" VM-entry control must be 0 if VM entry is executed outside SMM.",
            needs: [.entryFromSMM]
        ) { c in
            c.when(c.entryControl("entry_to_smm")) {
                c.require(c.entryFromSMM, "ctrl.entry", "\(c.describe("ctrl.entry")): \"entry to SMM\" is 1 on a VM entry executed outside SMM")
            }
        },
        Check(
            "ctrl-deactivate-dual-monitor-outside-smm", entrySection,
            "The \"deactivate dual-monitor treatment\" VM-entry control must be 0 if VM entry is executed outside SMM.",
            needs: [.entryFromSMM]
        ) { c in
            c.when(c.entryControl("deactivate_dual_monitor")) {
                c.require(c.entryFromSMM, "ctrl.entry", "\(c.describe("ctrl.entry")): \"deactivate dual-monitor treatment\" is 1 on a VM entry executed outside SMM")
            }
        },
        Check(
            "ctrl-entry-to-smm-and-deactivate", entrySection,
            "The \"entry to SMM\" and \"deactivate dual-monitor treatment\" VM-entry controls cannot both be 1."
        ) { c in
            c.require(
                not(allOf(c.entryControl("entry_to_smm"), c.entryControl("deactivate_dual_monitor"))), "ctrl.entry",
                "\(c.describe("ctrl.entry")): \"entry to SMM\" and \"deactivate dual-monitor treatment\" are both 1")
        },
        Check(
            "ctrl-entry-msr-load-area", entrySection,
            "If the VM-entry MSR-load count is not 0, bits 3:0 of the MSR-load address must be 0, and neither it nor the address of the area's last byte may set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            msrArea(c, count: "ctrl.entry_msr_load_count", address: "ctrl.entry_msr_load_addr", what: "VM-entry MSR-load")
        },
        Check(
            "entry-event-type-reserved", entrySection,
            "If the VM-entry interruption-information field is valid, its interruption type must not be 1 (reserved)."
        ) { c in
            c.when(c.injecting) {
                c.require(c.injectionType.map { $0 != 1 }, "ctrl.entry_intr_info", "\(c.describe("ctrl.entry_intr_info")): interruption type 1 is reserved")
            }
        },
        Check(
            "entry-event-other-requires-mtf", entrySection,
            "The interruption type may be 7 (other event) only on processors that support the 1-setting of \"monitor trap flag\" (IA32_VMX_PROCBASED_CTLS[59]).",
            needs: [.msr(0x482)]
        ) { c in
            c.when(c.injects([7])) {
                c.require(c.msrBit(0x482, 59), "ctrl.entry_intr_info", "\(c.describe("ctrl.entry_intr_info")): type 7 (other event) on a processor without the monitor trap flag")
            }
        },
        Check(
            "entry-event-nmi-vector", entrySection,
            "If the interruption type is NMI (2), the vector must be 2."
        ) { c in
            c.when(c.injects([2])) {
                guard let vector = c.injectionVector else { return .unknown }
                return c.require(vector == 2, "ctrl.entry_intr_info", "\(c.describe("ctrl.entry_intr_info")): an NMI must use vector 2, not \(vector)")
            }
        },
        Check(
            "entry-event-exception-vector", entrySection,
            "If the interruption type is hardware exception (3), the vector must be at most 31."
        ) { c in
            c.when(c.injects([3])) {
                guard let vector = c.injectionVector else { return .unknown }
                return c.require(vector <= 31, "ctrl.entry_intr_info", "\(c.describe("ctrl.entry_intr_info")): a hardware exception needs a vector of 31 or less, not \(vector)")
            }
        },
        Check(
            "entry-event-other-vector", entrySection,
            "If the interruption type is other event (7), the vector must be 0 (pending MTF VM exit)."
        ) { c in
            c.when(c.injects([7])) {
                guard let vector = c.injectionVector else { return .unknown }
                return c.require(vector == 0, "ctrl.entry_intr_info", "\(c.describe("ctrl.entry_intr_info")): the other-event type needs vector 0, not \(vector)")
            }
        },
        Check(
            "entry-event-error-code-type", entrySection,
            "The deliver-error-code bit must be 0 if the interruption type is not hardware exception."
        ) { c in
            c.when(allOf(c.injecting, c.flag("ctrl.entry_intr_info", "error_code_valid"))) {
                c.require(c.injectionType.map { $0 == 3 }, "ctrl.entry_intr_info", "\(c.describe("ctrl.entry_intr_info")): an error code is delivered with an event that is not a hardware exception")
            }
        },
        Check(
            "entry-event-error-code-real-mode", entrySection,
            "The deliver-error-code bit must be 0 if \"unrestricted guest\" is 1 and CR0.PE is 0 (the guest is in real mode)."
        ) { c in
            c.when(allOf(c.injecting, c.flag("ctrl.entry_intr_info", "error_code_valid"))) {
                c.require(protectedMode(c), "ctrl.entry_intr_info", "\(c.describe("ctrl.entry_intr_info")): an error code is delivered to a guest in real mode")
            }
        },
        Check(
            "entry-event-error-code-required", entrySection,
            "If IA32_VMX_BASIC[56] is 0, the deliver-error-code bit must be 1 for a hardware exception #DF, #TS, #NP, #SS, #GP, #PF or #AC in protected mode.",
            needs: [.msr(0x480)]
        ) { c in
            c.when(allOf(c.injects([3]), c.injectionVector.map { vectorsWithErrorCode.contains($0) }, protectedMode(c))) {
                c.when(c.msrBit(0x480, 56).map { !$0 }) {
                    c.require(
                        c.flag("ctrl.entry_intr_info", "error_code_valid"), "ctrl.entry_intr_info",
                        "\(c.describe("ctrl.entry_intr_info")): exception \(c.injectionVector.map(String.init) ?? "?") pushes an error code, so deliver-error-code must be 1 (IA32_VMX_BASIC[56] is 0)")
                }
            }
        },
        Check(
            "entry-event-error-code-forbidden", entrySection,
            "If IA32_VMX_BASIC[56] is 0, the deliver-error-code bit must be 0 for a hardware exception other than #DF, #TS, #NP, #SS, #GP, #PF and #AC.",
            needs: [.msr(0x480)]
        ) { c in
            c.when(allOf(c.injects([3]), c.injectionVector.map { !vectorsWithErrorCode.contains($0) }, c.flag("ctrl.entry_intr_info", "error_code_valid"))) {
                c.require(
                    c.msrBit(0x480, 56), "ctrl.entry_intr_info",
                    "\(c.describe("ctrl.entry_intr_info")): exception \(c.injectionVector.map(String.init) ?? "?") pushes no error code, and IA32_VMX_BASIC[56] is 0")
            }
        },
        Check(
            "entry-event-reserved", entrySection,
            "If the VM-entry interruption-information field is valid, its reserved bits 30:12 must be 0."
        ) { c in
            c.when(c.injecting) { c.reservedRows("ctrl.entry_intr_info") }
        },
        Check(
            "entry-event-error-code-high", entrySection,
            "If the deliver-error-code bit is 1, bits 31:16 of the VM-entry exception error code must be 0."
        ) { c in
            c.when(allOf(c.injecting, c.flag("ctrl.entry_intr_info", "error_code_valid"))) {
                guard let code = c.value("ctrl.entry_exception_error_code") else { return .unknown }
                return c.require(code >> 16 == 0, "ctrl.entry_exception_error_code", "\(c.describe("ctrl.entry_exception_error_code")): bits 31:16 of the error code must be 0")
            }
        },
        Check(
            "entry-event-instruction-length", entrySection,
            "For a software interrupt, privileged software exception or software exception (types 4, 5, 6), the VM-entry instruction length must be in the range 0 to 15."
        ) { c in
            c.when(c.injects([4, 5, 6])) {
                guard let length = c.value("ctrl.entry_instruction_len") else { return .unknown }
                return c.require(length <= 15, "ctrl.entry_instruction_len", "VM_ENTRY_INSTRUCTION_LEN = \(length): a software event needs a length from 0 to 15")
            }
        },
        Check(
            "entry-event-instruction-length-zero", entrySection,
            "For types 4, 5 and 6, a VM-entry instruction length of 0 is allowed only if IA32_VMX_MISC[30] is 1.",
            needs: [.msr(0x485)]
        ) { c in
            c.when(allOf(c.injects([4, 5, 6]), c.value("ctrl.entry_instruction_len").map { $0 == 0 })) {
                c.require(c.msrBit(0x485, 30), "ctrl.entry_instruction_len", "VM_ENTRY_INSTRUCTION_LEN = 0 for a software event, which IA32_VMX_MISC[30] does not allow")
            }
        },
    ]
}
