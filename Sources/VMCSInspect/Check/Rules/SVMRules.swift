/// AMD APM Vol. 2 (24593 rev 3.42): the VMRUN consistency checks of section 15.5.1 in the APM's
/// order, the event-injection rules of section 15.20, and the nested-paging, virtual-NMI,
/// virtual-GIF and AVIC conditions. VMRUN refuses a state that breaks any of the errors with
/// exit code VMEXIT_INVALID (-1).
enum SVMRules {
    static let vmrun = Sections.vmrun
    static let injection = Sections.eventInjection

    /// CPUID Fn8000_000A_EDX, the SVM feature flags.
    static func svmFeature(_ c: RuleContext, _ bit: Int) -> Bool? { c.cpuidBit(0x8000_000a, nil, .edx, bit) }
    static let svmFeatures = Capability.cpuid(CPUIDRegister(leaf: 0x8000_000a, .edx))

    /// EFER.LME and CR0.PG both set: long mode is being entered.
    static func longMode(_ c: RuleContext) -> Bool? { allOf(c.flag("save.efer", "lme"), c.flag("save.cr0", "pg")) }

    /// 64-bit mode after VMRUN: long mode with CS.L (VMRUN sets EFER.LMA from LME and PG).
    static func sixtyFourBit(_ c: RuleContext) -> Bool? { allOf(longMode(c), c.flag("save.cs.attrib", "l")) }

    /// The permission map at `base` (bits 11:0 ignored) occupies `size` bytes: its last byte must
    /// lie below the maximum supported physical address. kvm-unit-tests' svm_tests.c finds VMRUN
    /// failing once that byte reaches 2^MAXPHYADDR − 1, so the bound is taken as that address.
    static func permissionMap(_ c: RuleContext, _ field: String, size: UInt64, what: String) -> Verdict {
        guard let base = c.value(field) else { return .unknown }
        let start = base & ~0xfff
        let (last, overflow) = start.addingReportingOverflow(size - 1)
        if overflow || last >> 52 != 0 {
            return c.require(false, field, "\(c.describe(field)): the \(what) ends beyond any physical-address width")
        }
        if last >> UInt64(RuleContext.smallestPhysicalWidth) == 0 { return .holds }
        guard let width = c.maxPhysicalAddress else { return .unknown }
        // A CPUID leaf in a profile may claim any width up to 255 bits: no shift past 63.
        let limit = width >= 64 ? UInt64.max : (UInt64(1) << UInt64(max(width, 0))) - 1
        return c.require(
            last < limit, field,
            "\(c.describe(field)): the \(what) ends at \(ValueText.hex(last)), at or beyond the maximum physical address (MAXPHYADDR \(width))")
    }

    static let all: [Check] = consistency + eventInjection + features

    // MARK: 15.5.1 VMRUN consistency checks

    static let consistency: [Check] = [
        Check("svm-efer-svme", vmrun, "EFER.SVME must be 1.") { c in
            c.require(c.flag("save.efer", "svme"), "save.efer", "\(c.describe("save.efer")): SVME is 0")
        },
        Check("svm-cr0-cd-nw", vmrun, "CR0.NW must not be 1 while CR0.CD is 0.") { c in
            c.require(
                implies(c.flag("save.cr0", "nw"), c.flag("save.cr0", "cd")), "save.cr0", "\(c.describe("save.cr0")): NW is set while CD is clear")
        },
        Check("svm-cr0-reserved", vmrun, "CR0 bits 63:32 must be 0.") { c in c.reservedRows("save.cr0") },
        Check("svm-cr3-reserved", vmrun, "CR3 bits 63:52 (must be zero) must be 0.") { c in c.reservedRows("save.cr3") },
        Check(
            "svm-cr3-width", vmrun,
            "CR3 may not set bits at or above the physical-address width (must-be-zero bits of CR3).",
            needs: [.maxPhysicalAddress]
        ) { c in
            guard let cr3 = c.value("save.cr3") else { return .unknown }
            return c.require(c.withinPhysicalWidth(cr3 & BitRange(51, 12).mask), "save.cr3", "\(c.describe("save.cr3")): bits beyond the physical-address width are set\(c.widthNote)")
        },
        Check("svm-cr4-reserved", vmrun, "The must-be-zero bits of CR4 (15:13, 19, 63:25 on AMD processors) must be 0.") { c in c.reservedRows("save.cr4") },
        Check("svm-dr6-reserved", vmrun, "DR6 bits 63:32 must be 0.") { c in c.reservedRows("save.dr6") },
        Check("svm-dr7-reserved", vmrun, "DR7 bits 63:32 must be 0.") { c in c.reservedRows("save.dr7") },
        Check("svm-efer-reserved", vmrun, "The must-be-zero bits of EFER (9, 16, 19, 63:22) must be 0.") { c in c.reservedRows("save.efer") },
        Check(
            "svm-long-mode-supported", vmrun,
            "EFER.LMA and EFER.LME must be 0 on a processor without long mode (CPUID.80000001H:EDX[29]).",
            needs: [.cpuid(CPUIDRegister(leaf: 0x8000_0001, .edx))]
        ) { c in
            c.when(anyOf(c.flag("save.efer", "lme"), c.flag("save.efer", "lma"))) {
                c.require(c.cpuidBit(0x8000_0001, nil, .edx, 29), "save.efer", "\(c.describe("save.efer")): long mode on a processor without it")
            }
        },
        Check("svm-long-mode-pae", vmrun, "If EFER.LME and CR0.PG are both 1, CR4.PAE must be 1.") { c in
            c.when(longMode(c)) { c.require(c.flag("save.cr4", "pae"), "save.cr4", "\(c.describe("save.cr4")): PAE is clear while EFER.LME and CR0.PG are set") }
        },
        Check("svm-long-mode-pe", vmrun, "If EFER.LME and CR0.PG are both 1, CR0.PE must be 1.") { c in
            c.when(longMode(c)) { c.require(c.flag("save.cr0", "pe"), "save.cr0", "\(c.describe("save.cr0")): PE is clear while EFER.LME and CR0.PG are set") }
        },
        Check("svm-long-mode-cs", vmrun, "If EFER.LME, CR0.PG and CR4.PAE are all 1, CS.L and CS.D must not both be 1.") { c in
            c.when(allOf(longMode(c), c.flag("save.cr4", "pae"))) {
                c.require(
                    not(allOf(c.flag("save.cs.attrib", "l"), c.flag("save.cs.attrib", "db"))), "save.cs.attrib",
                    "\(c.describe("save.cs.attrib")): CS.L and CS.D are both set in long mode")
            }
        },
        Check("svm-vmrun-intercept", vmrun, "The VMRUN intercept bit must be 1.") { c in
            c.require(c.flag("control.intercept_word4", "vmrun"), "control.intercept_word4", "\(c.describe("control.intercept_word4")): the VMRUN intercept is clear")
        },
        Check(
            "svm-msrpm-range", vmrun,
            "The MSR permission map (8 KiB from MSRPM_BASE_PA, bits 11:0 ignored) must not extend to or beyond the maximum supported physical address.",
            needs: [.maxPhysicalAddress]
        ) { c in permissionMap(c, "control.msrpm_base_pa", size: 0x2000, what: "MSR permission map") },
        Check(
            "svm-iopm-range", vmrun,
            "The I/O permission map (64K + 3 bits: two pages and the first byte of a third from IOPM_BASE_PA, bits 11:0 ignored) must not extend to or beyond the maximum supported physical address.",
            needs: [.maxPhysicalAddress]
        ) { c in permissionMap(c, "control.iopm_base_pa", size: 0x2001, what: "I/O permission map") },
        Check("svm-asid-nonzero", vmrun, "The guest ASID must not be 0 (the host's).") { c in
            c.require(c.value("control.asid").map { $0 != 0 }, "control.asid", "Guest ASID = 0, the host's")
        },
        Check("svm-cet-requires-wp", vmrun, "CR4.CET must not be 1 while CR0.WP is 0.") { c in
            c.require(implies(c.flag("save.cr4", "cet"), c.flag("save.cr0", "wp")), "save.cr0", "\(c.describe("save.cr0")): WP is clear while CR4.CET is set")
        },
        Check(
            "svm-u-cet-v86", vmrun,
            "In an SEV-ES save area, which holds U_CET: CR4.CET and U_CET.SH_STK_EN must not both be 1 while RFLAGS.VM is 1."
        ) { c in
            // Only an SEV-ES guest's state has U_CET (APM Table B-4); other guests' U_CET is not in the VMCB.
            c.when(allOf(c.flag("save.cr4", "cet"), c.flag("save.rflags", "vm"), c.flag("control.nested_ctl", "sev_es_enable"))) {
                c.require(not(c.flag("save.u_cet", "sh_stk_en")), "save.u_cet", "\(c.describe("save.u_cet")): user shadow stacks are enabled in virtual-8086 mode")
            }
        },
        Check("svm-s-cet-reserved", vmrun, "The reserved bits of S_CET (9:6) must be 0.") { c in c.reservedRows("save.s_cet") },
    ]

    // MARK: 15.20 Event injection

    static let eventInjection: [Check] = [
        Check("svm-event-type", injection, "A valid EVENTINJ must have type 0 (INTR), 2 (NMI), 3 (exception) or 4 (software interrupt).") { c in
            c.when(c.flag("control.event_inj", "v")) {
                guard let type = c.bits("control.event_inj", "type") else { return .unknown }
                return c.require([0, 2, 3, 4].contains(type), "control.event_inj", "\(c.describe("control.event_inj")): event type \(type) is reserved")
            }
        },
        Check("svm-event-exception-nmi-vector", injection, "An injected exception (type 3) must not use vector 2 (NMI).") { c in
            c.when(allOf(c.flag("control.event_inj", "v"), c.bits("control.event_inj", "type").map { $0 == 3 })) {
                c.require(c.bits("control.event_inj", "vector").map { $0 != 2 }, "control.event_inj", "\(c.describe("control.event_inj")): an exception cannot use vector 2 (NMI)")
            }
        },
        Check("svm-event-exception-vector", injection, "An injected exception (type 3) must use a vector from 0 to 31.") { c in
            c.when(allOf(c.flag("control.event_inj", "v"), c.bits("control.event_inj", "type").map { $0 == 3 })) {
                let vector = c.bits("control.event_inj", "vector")
                return c.require(vector.map { $0 <= 31 }, "control.event_inj", "\(c.describe("control.event_inj")): vector \(vector.map(String.init) ?? "?") is not an exception vector")
            }
        },
        Check("svm-event-reserved", injection, "A valid EVENTINJ must have reserved bits 30:12 clear.") { c in
            c.when(c.flag("control.event_inj", "v")) { c.reservedRows("control.event_inj") }
        },
        Check(
            "svm-event-impossible-in-64bit", injection,
            "An event impossible in the guest's mode is illegal: an injected #BR (5) or #OF (4) exception when the guest will be in 64-bit mode."
        ) { c in
            c.when(allOf(c.flag("control.event_inj", "v"), c.bits("control.event_inj", "type").map { $0 == 3 }, c.bits("control.event_inj", "vector").map { $0 == 4 || $0 == 5 })) {
                c.require(not(sixtyFourBit(c)), "control.event_inj", "\(c.describe("control.event_inj")): BOUND and INTO do not exist in 64-bit mode, so this exception cannot be injected there")
            }
        },
    ]

    // MARK: Nested paging, virtual NMI, virtual GIF, AVIC

    static let features: [Check] = [
        Check(
            "svm-nested-paging-supported", Sections.nestedPaging,
            "NP_ENABLE may be 1 only on a processor with nested paging (CPUID Fn8000_000A_EDX[0]).",
            needs: [svmFeatures]
        ) { c in
            c.when(c.flag("control.nested_ctl", "np_enable")) {
                c.require(svmFeature(c, 0), "control.nested_ctl", "\(c.describe("control.nested_ctl")): nested paging on a processor without it")
            }
        },
        Check(
            "svm-ncr3-width", Sections.nestedPaging,
            "With nested paging, nCR3 may not set bits at or above the physical-address width (its must-be-zero bits).",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.flag("control.nested_ctl", "np_enable")) {
                let reserved = c.reservedRows("control.nested_cr3")
                if reserved.isBroken { return reserved }
                guard let ncr3 = c.value("control.nested_cr3") else { return .unknown }
                return c.every([
                    reserved,
                    c.require(c.withinPhysicalWidth(ncr3 & BitRange(51, 12).mask), "control.nested_cr3", "\(c.describe("control.nested_cr3")): bits beyond the physical-address width are set\(c.widthNote)"),
                ])
            }
        },
        Check(
            "svm-gpat", Sections.nestedPaging,
            "With nested paging, every entry of G_PAT must be a valid memory type (0, 1, 4, 5, 6, 7) with bits 7:3 clear."
        ) { c in c.when(c.flag("control.nested_ctl", "np_enable")) { c.patValid("save.g_pat") } },
        Check(
            "svm-vnmi-supported", Sections.virtualNMI,
            "V_NMI_ENABLE may be 1 only on a processor with NMI virtualization (CPUID Fn8000_000A_EDX[25]).",
            needs: [svmFeatures]
        ) { c in
            c.when(c.flag("control.int_ctl", "v_nmi_enable")) {
                c.require(svmFeature(c, 25), "control.int_ctl", "\(c.describe("control.int_ctl")): V_NMI_ENABLE on a processor without NMI virtualization")
            }
        },
        Check(
            "svm-vnmi-requires-nmi-intercept", Sections.virtualNMI,
            "With V_NMI_ENABLE 1, the NMI intercept must be 1 (Linux's nested VMRUN checks agree)."
        ) { c in
            c.when(c.flag("control.int_ctl", "v_nmi_enable")) {
                c.require(c.flag("control.intercept_word3", "nmi"), "control.intercept_word3", "\(c.describe("control.intercept_word3")): the NMI intercept is clear while V_NMI_ENABLE is set")
            }
        },
        Check(
            "svm-vgif-supported", Sections.virtualGIF,
            "V_GIF_ENABLE takes effect only on a processor with virtual GIF (CPUID Fn8000_000A_EDX[16]); elsewhere the bit is reserved.",
            severity: .warning, needs: [svmFeatures]
        ) { c in
            c.when(c.flag("control.int_ctl", "v_gif_enable")) {
                c.require(svmFeature(c, 16), "control.int_ctl", "\(c.describe("control.int_ctl")): V_GIF_ENABLE on a processor without virtual GIF")
            }
        },
        Check(
            "svm-avic-supported", Sections.avic,
            "AVIC_ENABLE takes effect only on a processor with AVIC (CPUID Fn8000_000A_EDX[13]); elsewhere the bit is reserved.",
            severity: .warning, needs: [svmFeatures]
        ) { c in
            c.when(c.flag("control.int_ctl", "avic_enable")) {
                c.require(svmFeature(c, 13), "control.int_ctl", "\(c.describe("control.int_ctl")): AVIC_ENABLE on a processor without AVIC")
            }
        },
        Check(
            "svm-x2avic-requires-avic", Sections.avic,
            "x2AVIC is enabled by X2AVIC_ENABLE together with AVIC_ENABLE; X2AVIC_ENABLE alone enables nothing.",
            severity: .warning
        ) { c in
            c.require(
                implies(c.flag("control.int_ctl", "x2avic_enable"), c.flag("control.int_ctl", "avic_enable")), "control.int_ctl",
                "\(c.describe("control.int_ctl")): X2AVIC_ENABLE without AVIC_ENABLE")
        },
        Check(
            "svm-avic-addresses", Sections.avic,
            "With AVIC enabled, the AVIC backing page, logical APIC ID table and physical APIC ID table pointers must lie below the physical-address width.",
            severity: .warning, needs: [.maxPhysicalAddress]
        ) { c in
            c.when(c.flag("control.int_ctl", "avic_enable")) {
                c.every(
                    ["control.avic_backing_page", "control.avic_logical_id", "control.avic_physical_id"].map { field in
                        c.require(
                            c.withinPhysicalWidth(c.value(field).map { $0 & BitRange(51, 12).mask | $0 & BitRange(63, 52).mask }), field,
                            "\(c.describe(field)): the pointer sets bits beyond the physical-address width\(c.widthNote)")
                    })
            }
        },
    ]
}
