/// SDM Vol. 3 (325384-084) section 27.3.1: the checks on the guest-state area, in the SDM's
/// order, with the FRED specification's checks on guest FRED state. VM entry fails on any of
/// them with exit reason 33 (bit 31 set); the exit qualification is 2 for the PDPTE checks, 4
/// for the VMCS link pointer, 3 for the processors that refuse an NMI under blocking by STI,
/// and 0 otherwise (section 27.8).
enum VMXGuestRules {
    static let registers = Sections.guestControlRegisters
    static let segments = Sections.guestSegments
    static let tables = Sections.guestDescriptorTables
    static let ripFlags = Sections.guestRIPAndRFLAGS
    static let nonRegister = Sections.guestNonRegisterState

    static let dataSegments = ["ss", "ds", "es", "fs", "gs"]

    /// The rule for CS, and for each other segment of `others` when it is usable.
    static func segmentRule(_ c: RuleContext, cs: Bool = true, others: [String] = dataSegments, _ rule: (String) -> Verdict) -> Verdict {
        var parts: [Verdict] = []
        if cs { parts.append(rule("cs")) }
        for segment in others { parts.append(c.when(c.usable(segment)) { rule(segment) }) }
        return c.every(parts)
    }

    /// The access-rights rules apply only when the guest will not be in virtual-8086 mode.
    static func notVirtual8086(_ c: RuleContext, _ rule: () -> Verdict) -> Verdict { c.when(not(c.virtual8086), rule) }

    /// G must be 0 when any of limit bits 11:0 is 0, and 1 when any of bits 31:20 is 1.
    static func granularity(_ c: RuleContext, _ segment: String, g given: Bool?? = nil) -> Verdict {
        let ar = "guest.\(segment).ar"
        let limitField = "guest.\(segment).limit"
        guard let limit = c.value(limitField), let g = given ?? c.flag(ar, "g") else { return .unknown }
        if limit & 0xfff != 0xfff, g {
            return c.require(false, ar, "\(c.describe(ar)): G is 1 but limit \(ValueText.hex(limit)) has zeros in bits 11:0")
        }
        if limit >> 20 != 0, !g {
            return c.require(false, ar, "\(c.describe(ar)): G is 0 but limit \(ValueText.hex(limit)) has ones in bits 31:20")
        }
        return .holds
    }

    /// Access-rights bits 11:8 and 31:17 must be 0, read from the value itself: for CS and TR
    /// the SDM checks them even when bit 16 marks the register unusable.
    static func accessRightsReserved(_ c: RuleContext, _ field: String) -> Verdict {
        guard let ar = c.value(field) else { return .unknown }
        let set = ar & (BitRange(11, 8).mask | BitRange(31, 17).mask)
        guard set != 0 else { return .holds }
        return .broken([
            Violation(
                field: field, message: "\(c.describe(field)): reserved bits \(ValueText.hex(set)) are set (11:8 and 31:17 must be 0)",
                bits: set)
        ])
    }

    static let cr0Exempt = BitRange(0).mask | BitRange(31).mask

    static let all: [Check] = controlRegisters + segmentRegisters + descriptorTables + ripAndFlags + nonRegisterState + pdptes

    // MARK: 27.3.1.1 Control registers, debug registers and MSRs

    static let controlRegisters: [Check] = [
        Check(
            "guest-cr0-fixed", registers,
            "The guest CR0 field must not set any bit to a value not supported in VMX operation (IA32_VMX_CR0_FIXED0 and FIXED1); PE and PG are exempt when \"unrestricted guest\" is 1.",
            needs: [.msr(0x486), .msr(0x487)]
        ) { c in
            let unrestricted = c.unrestrictedGuest
            // Without knowing whether PE and PG are exempt, judge them only if either way agrees.
            if unrestricted == nil {
                let strict = VMXHostRules.fixedBits(c, "guest.cr0", fixed0: 0x486, fixed1: 0x487, name: "CR0")
                let loose = VMXHostRules.fixedBits(c, "guest.cr0", fixed0: 0x486, fixed1: 0x487, name: "CR0", exempt: cr0Exempt)
                if case .holds = strict { return .holds }
                if case .broken = loose { return loose }
                return .unknown
            }
            return VMXHostRules.fixedBits(
                c, "guest.cr0", fixed0: 0x486, fixed1: 0x487, name: "CR0", exempt: unrestricted == true ? cr0Exempt : 0)
        },
        Check(
            "guest-cr0-reserved", registers,
            "Guest CR0 bits 63:32, reserved on every processor, must be 0."
        ) { c in c.reservedRows("guest.cr0") },
        Check(
            "guest-cr0-pg-requires-pe", registers,
            "If CR0.PG is 1, CR0.PE must be 1."
        ) { c in
            c.require(
                implies(c.flag("guest.cr0", "pg"), c.flag("guest.cr0", "pe")), "guest.cr0",
                "\(c.describe("guest.cr0")): PG is set but PE is clear")
        },
        Check(
            "guest-cr4-fixed", registers,
            "The guest CR4 field must not set any bit to a value not supported in VMX operation (IA32_VMX_CR4_FIXED0 and FIXED1).",
            needs: [.msr(0x488), .msr(0x489)]
        ) { c in VMXHostRules.fixedBits(c, "guest.cr4", fixed0: 0x488, fixed1: 0x489, name: "CR4") },
        Check(
            "guest-cr4-reserved", registers,
            "Guest CR4 bits reserved on every processor (15, 26, 31:29, 63:33) must be 0."
        ) { c in c.reservedRows("guest.cr4") },
        Check(
            "guest-cet-requires-wp", registers,
            "If guest CR4.CET is 1, guest CR0.WP must be 1."
        ) { c in
            c.require(
                implies(c.flag("guest.cr4", "cet"), c.flag("guest.cr0", "wp")), "guest.cr0",
                "\(c.describe("guest.cr0")): WP is 0 while guest CR4.CET is 1")
        },
        Check(
            "guest-debugctl-reserved", registers,
            "If \"load debug controls\" is 1, bits reserved in IA32_DEBUGCTL must be 0 in the guest field."
        ) { c in c.when(c.entryControl("load_debug_controls")) { c.reservedRows("guest.ia32_debugctl") } },
        Check(
            "guest-ia32e-requires-pg", registers,
            "If \"IA-32e mode guest\" is 1, CR0.PG must be 1."
        ) { c in
            c.require(
                implies(c.ia32eModeGuest, c.flag("guest.cr0", "pg")), "guest.cr0",
                "\(c.describe("guest.cr0")): PG is 0 in an IA-32e mode guest")
        },
        Check(
            "guest-ia32e-requires-pae", registers,
            "If \"IA-32e mode guest\" is 1, CR4.PAE must be 1."
        ) { c in
            c.require(
                implies(c.ia32eModeGuest, c.flag("guest.cr4", "pae")), "guest.cr4",
                "\(c.describe("guest.cr4")): PAE is 0 in an IA-32e mode guest")
        },
        Check(
            "guest-pcide-requires-ia32e", registers,
            "If \"IA-32e mode guest\" is 0, CR4.PCIDE must be 0."
        ) { c in
            c.require(
                implies(not(c.ia32eModeGuest), not(c.flag("guest.cr4", "pcide"))), "guest.cr4",
                "\(c.describe("guest.cr4")): PCIDE is 1 outside IA-32e mode")
        },
        Check(
            "guest-cr3-reserved", registers,
            "Guest CR3 bits 63:52 must be 0 (bits 62:61 only where LAM allows them)."
        ) { c in c.reservedRows("guest.cr3") },
        Check(
            "guest-cr3-width", registers,
            "Guest CR3 may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in VMXHostRules.cr3Width(c, "guest.cr3") },
        Check(
            "guest-cr3-lam", registers,
            "Guest CR3 bits 62:61 (LAM_U48, LAM_U57) may be 1 only on processors that support LAM.",
            needs: [.cpuid(CPUIDRegister(leaf: 7, subleaf: 1, .eax))]
        ) { c in VMXHostRules.cr3LAM(c, "guest.cr3") },
        Check(
            "guest-dr7-upper", registers,
            "If \"load debug controls\" is 1, bits 63:32 of the DR7 field must be 0."
        ) { c in c.when(c.entryControl("load_debug_controls")) { c.reservedRows("guest.dr7") } },
        Check(
            "guest-sysenter-canonical", registers,
            "The guest IA32_SYSENTER_ESP and IA32_SYSENTER_EIP fields must hold canonical addresses.",
            needs: [.linearAddressWidth]
        ) { c in
            c.every([
                c.canonicalField("guest.sysenter_esp", what: "SYSENTER_ESP"), c.canonicalField("guest.sysenter_eip", what: "SYSENTER_EIP"),
            ])
        },
        Check(
            "guest-perf-global-ctrl-reserved", registers,
            "If \"load IA32_PERF_GLOBAL_CTRL\" (VM-entry) is 1, bits reserved in IA32_PERF_GLOBAL_CTRL must be 0 in the guest field.",
            needs: [.cpuid(CPUIDRegister(leaf: 0x0a, .eax)), .cpuid(CPUIDRegister(leaf: 0x0a, .edx))]
        ) { c in c.when(c.entryControl("load_perf_global_ctrl")) { VMXHostRules.perfGlobalCtrl(c, "guest.ia32_perf_global_ctrl") } },
        Check(
            "guest-pat", registers,
            "If \"load IA32_PAT\" (VM-entry) is 1, every byte of the guest IA32_PAT field must be a valid memory type (0, 1, 4, 5, 6, 7) with bits 7:3 clear."
        ) { c in c.when(c.entryControl("load_pat")) { c.patValid("guest.ia32_pat") } },
        Check(
            "guest-efer-reserved", registers,
            "If \"load IA32_EFER\" (VM-entry) is 1, bits reserved in IA32_EFER must be 0 in the guest field."
        ) { c in c.when(c.entryControl("load_efer")) { c.reservedRows("guest.ia32_efer") } },
        Check(
            "guest-efer-lma", registers,
            "If \"load IA32_EFER\" (VM-entry) is 1, guest EFER.LMA must equal \"IA-32e mode guest\"."
        ) { c in
            c.when(c.entryControl("load_efer")) {
                c.require(
                    equal(c.flag("guest.ia32_efer", "lma"), c.ia32eModeGuest), "guest.ia32_efer",
                    "\(c.describe("guest.ia32_efer")): LMA differs from the \"IA-32e mode guest\" control")
            }
        },
        Check(
            "guest-efer-lme", registers,
            "If \"load IA32_EFER\" (VM-entry) is 1 and CR0.PG is 1, guest EFER.LME must equal EFER.LMA."
        ) { c in
            c.when(allOf(c.entryControl("load_efer"), c.flag("guest.cr0", "pg"))) {
                c.require(
                    equal(c.flag("guest.ia32_efer", "lme"), c.flag("guest.ia32_efer", "lma")), "guest.ia32_efer",
                    "\(c.describe("guest.ia32_efer")): LME differs from LMA while CR0.PG is 1")
            }
        },
        Check(
            "guest-bndcfgs-reserved", registers,
            "If \"load IA32_BNDCFGS\" is 1, reserved bits 11:2 of the guest IA32_BNDCFGS field must be 0."
        ) { c in c.when(c.entryControl("load_bndcfgs")) { c.reservedRows("guest.bndcfgs") } },
        Check(
            "guest-bndcfgs-canonical", registers,
            "If \"load IA32_BNDCFGS\" is 1, bits 63:12 of the guest IA32_BNDCFGS field (the bound directory base) must be canonical.",
            needs: [.linearAddressWidth]
        ) { c in
            c.when(c.entryControl("load_bndcfgs")) {
                c.require(
                    c.canonical(c.value("guest.bndcfgs").map { $0 & ~0xfff }), "guest.bndcfgs",
                    "\(c.describe("guest.bndcfgs")): the bound directory base is not canonical\(c.linearNote)")
            }
        },
        Check(
            "guest-lbr-ctl-reserved", registers,
            "If \"load IA32_LBR_CTL\" is 1, bits reserved in IA32_LBR_CTL (15:4 and 63:23 on every processor) must be 0 in the guest field."
        ) { c in c.when(c.entryControl("load_lbr_ctl")) { c.reservedRows("guest.ia32_lbr_ctl") } },
        Check(
            "guest-rtit-ctl-reserved", registers,
            "If \"load IA32_RTIT_CTL\" is 1, bits reserved in IA32_RTIT_CTL must be 0 in the guest field; which bits are reserved, CPUID leaf 14H enumerates.",
            needs: [.cpuid(CPUIDRegister(leaf: 0x14, subleaf: 0, .ebx)), .cpuid(CPUIDRegister(leaf: 0x14, subleaf: 0, .ecx))]
        ) { c in
            c.when(c.entryControl("load_rtit_ctl")) {
                // A zero value sets no bit at all; any other is judged only against leaf 14H,
                // which this rule does not interpret.
                guard let value = c.value("guest.ia32_rtit_ctl") else { return .unknown }
                if value == 0 { return .holds }
                _ = c.cpuid(0x14, 0, .ebx)
                _ = c.cpuid(0x14, 0, .ecx)
                return .unknown
            }
        },
        Check(
            "guest-s-cet-canonical", registers,
            "If \"load CET state\" is 1, the guest IA32_S_CET field must be canonical, and bits 63:32 must be 0 if \"IA-32e mode guest\" is 0.",
            needs: [.linearAddressWidth]
        ) { c in
            c.when(c.entryControl("load_cet_state")) {
                let value = c.value("guest.s_cet")
                return c.every([
                    c.canonicalField("guest.s_cet", what: "IA32_S_CET (its legacy-bitmap base)"),
                    c.when(not(c.ia32eModeGuest)) {
                        c.require(
                            value.map { $0 >> 32 == 0 }, "guest.s_cet",
                            "\(c.describe("guest.s_cet")): bits 63:32 must be 0 outside IA-32e mode")
                    },
                ])
            }
        },
        Check(
            "guest-s-cet-reserved", registers,
            "If \"load CET state\" is 1, bits 9:6 of the guest IA32_S_CET field (reserved) must be 0."
        ) { c in c.when(c.entryControl("load_cet_state")) { c.reservedRows("guest.s_cet") } },
        Check(
            "guest-s-cet-suppress-tracker", registers,
            "If \"load CET state\" is 1, bits 10 (SUPPRESS) and 11 (TRACKER) of the guest IA32_S_CET field cannot both be 1."
        ) { c in c.when(c.entryControl("load_cet_state")) { VMXHostRules.suppressAndTracker(c, "guest.s_cet") } },
        Check(
            "guest-isst-canonical", registers,
            "If \"load CET state\" is 1, the guest IA32_INTERRUPT_SSP_TABLE_ADDR field must be canonical.",
            needs: [.linearAddressWidth]
        ) { c in c.when(c.entryControl("load_cet_state")) { c.canonicalField("guest.intr_ssp_table", what: "interrupt SSP table address") }
        },
        Check(
            "guest-pkrs", registers,
            "If \"load PKRS\" is 1, bits 63:32 of the guest IA32_PKRS field must be 0."
        ) { c in c.when(c.entryControl("load_pkrs")) { c.reservedRows("guest.ia32_pkrs") } },
        Check(
            "guest-spec-ctrl-reserved", registers,
            "If \"load IA32_SPEC_CTRL\" (VM-entry) is 1, bits reserved in IA32_SPEC_CTRL must be 0 in the guest field."
        ) { c in c.when(c.entryControl("load_spec_ctrl")) { c.reservedRows("guest.ia32_spec_ctrl") } },
        Check(
            "guest-fred-config-reserved", Sections.fredGuest,
            "If \"load FRED\" (VM-entry) is 1, the reserved bits of the guest IA32_FRED_CONFIG field (2, 5:4, 11) must be 0."
        ) { c in c.when(c.entryControl("load_fred")) { c.reservedRows("guest.ia32_fred_config") } },
        Check(
            "guest-fred-stacks", Sections.fredGuest,
            "If \"load FRED\" (VM-entry) is 1, the guest IA32_FRED_RSP1-3 fields must be canonical with bits 5:0 clear, and IA32_FRED_SSP1-3 canonical with bits 2:0 clear.",
            needs: [.linearAddressWidth]
        ) { c in c.when(c.entryControl("load_fred")) { VMXHostRules.fredStacks(c, prefix: "guest") } },
        Check(
            "guest-fred-requires-ia32e", Sections.fredGuest,
            "If guest CR4.FRED is 1, \"IA-32e mode guest\" must be 1."
        ) { c in
            c.require(
                implies(c.flag("guest.cr4", "fred"), c.ia32eModeGuest), "guest.cr4",
                "\(c.describe("guest.cr4")): FRED is 1 outside IA-32e mode")
        },
        Check(
            "guest-fred-ss-dpl", Sections.fredGuest,
            "If guest CR4.FRED is 1, SS.DPL must be 0 or 3."
        ) { c in
            c.when(c.flag("guest.cr4", "fred")) {
                c.require(
                    c.bits("guest.ss.ar", "dpl").map { $0 == 0 || $0 == 3 }, "guest.ss.ar",
                    "\(c.describe("guest.ss.ar")): SS.DPL must be 0 or 3 under FRED")
            }
        },
        Check(
            "guest-fred-cpl0-64bit", Sections.fredGuest,
            "If guest CR4.FRED is 1 and SS.DPL is 0, CS.L must be 1 (no compatibility mode at CPL 0)."
        ) { c in
            c.when(allOf(c.flag("guest.cr4", "fred"), c.bits("guest.ss.ar", "dpl").map { $0 == 0 })) {
                c.require(c.flag("guest.cs.ar", "l"), "guest.cs.ar", "\(c.describe("guest.cs.ar")): CS.L is 0 at CPL 0 under FRED")
            }
        },
    ]

    // MARK: 27.3.1.2 Segment registers

    static let segmentRegisters: [Check] = [
        Check("guest-tr-ti", segments, "The TI flag (bit 2) of the TR selector must be 0.") { c in
            c.require(
                c.flag("guest.tr.selector", "ti").map { !$0 }, "guest.tr.selector", "\(c.describe("guest.tr.selector")): TI must be 0")
        },
        Check("guest-ldtr-ti", segments, "If LDTR is usable, the TI flag (bit 2) of its selector must be 0.") { c in
            c.when(c.usable("ldtr")) {
                c.require(
                    c.flag("guest.ldtr.selector", "ti").map { !$0 }, "guest.ldtr.selector",
                    "\(c.describe("guest.ldtr.selector")): TI must be 0 for a usable LDTR")
            }
        },
        Check(
            "guest-ss-rpl-cs-rpl", segments,
            "If the guest is not in virtual-8086 mode and \"unrestricted guest\" is 0, the RPL of SS must equal the RPL of CS."
        ) { c in
            c.when(allOf(not(c.virtual8086), not(c.unrestrictedGuest))) {
                c.require(
                    equal(c.bits("guest.ss.selector", "rpl"), c.bits("guest.cs.selector", "rpl")), "guest.ss.selector",
                    "\(c.describe("guest.ss.selector")): SS.RPL differs from CS.RPL (\(c.describe("guest.cs.selector")))")
            }
        },
        Check(
            "guest-v86-bases", segments,
            "In virtual-8086 mode, the base of CS, SS, DS, ES, FS and GS must be the selector shifted left 4 bits."
        ) { c in
            c.when(c.virtual8086) {
                c.every(
                    ["cs", "ss", "ds", "es", "fs", "gs"].map { segment in
                        let base = c.value("guest.\(segment).base")
                        let selector = c.value("guest.\(segment).selector")
                        return c.require(
                            equal(base, selector.map { $0 << 4 }), "guest.\(segment).base",
                            "\(c.describe("guest.\(segment).base")): must be \(selector.map { ValueText.hex($0 << 4) } ?? "?") (selector × 16) in virtual-8086 mode"
                        )
                    })
            }
        },
        Check(
            "guest-tr-fs-gs-base-canonical", segments,
            "The TR, FS and GS base addresses must be canonical.",
            needs: [.linearAddressWidth]
        ) { c in c.every(["tr", "fs", "gs"].map { c.canonicalField("guest.\($0).base", what: "\($0.uppercased()) base") }) },
        Check(
            "guest-ldtr-base-canonical", segments,
            "If LDTR is usable, its base address must be canonical.",
            needs: [.linearAddressWidth]
        ) { c in c.when(c.usable("ldtr")) { c.canonicalField("guest.ldtr.base", what: "LDTR base") } },
        Check("guest-cs-base-upper", segments, "Bits 63:32 of the CS base address must be 0.") { c in
            c.require(
                c.value("guest.cs.base").map { $0 >> 32 == 0 }, "guest.cs.base", "\(c.describe("guest.cs.base")): bits 63:32 must be 0")
        },
        Check("guest-ss-ds-es-base-upper", segments, "If SS, DS or ES is usable, bits 63:32 of its base address must be 0.") { c in
            c.every(
                ["ss", "ds", "es"].map { segment in
                    c.when(c.usable(segment)) {
                        c.require(
                            c.value("guest.\(segment).base").map { $0 >> 32 == 0 }, "guest.\(segment).base",
                            "\(c.describe("guest.\(segment).base")): bits 63:32 must be 0")
                    }
                })
        },
        Check("guest-v86-limits", segments, "In virtual-8086 mode, the limit of CS, SS, DS, ES, FS and GS must be 0000FFFFH.") { c in
            c.when(c.virtual8086) {
                c.every(
                    ["cs", "ss", "ds", "es", "fs", "gs"].map { segment in
                        c.require(
                            c.value("guest.\(segment).limit").map { $0 == 0xffff }, "guest.\(segment).limit",
                            "\(c.describe("guest.\(segment).limit")): must be 0xffff in virtual-8086 mode")
                    })
            }
        },
        Check(
            "guest-v86-access-rights", segments,
            "In virtual-8086 mode, the access rights of CS, SS, DS, ES, FS and GS must be 000000F3H (present, DPL 3, read/write accessed data)."
        ) { c in
            c.when(c.virtual8086) {
                c.every(
                    ["cs", "ss", "ds", "es", "fs", "gs"].map { segment in
                        c.require(
                            c.value("guest.\(segment).ar").map { $0 == 0xf3 }, "guest.\(segment).ar",
                            "\(c.describe("guest.\(segment).ar")): must be 0xf3 in virtual-8086 mode")
                    })
            }
        },
        Check(
            "guest-cs-type", segments,
            "Outside virtual-8086 mode, the CS type must be 9, 11, 13 or 15 (accessed code), or 3 (read/write accessed data) if \"unrestricted guest\" is 1."
        ) { c in
            notVirtual8086(c) {
                guard let type = c.bits("guest.cs.ar", "type") else { return .unknown }
                if [9, 11, 13, 15].contains(type) { return .holds }
                if type == 3 {
                    return c.require(
                        c.unrestrictedGuest, "guest.cs.ar", "\(c.describe("guest.cs.ar")): CS type 3 needs \"unrestricted guest\"")
                }
                return c.require(false, "guest.cs.ar", "\(c.describe("guest.cs.ar")): CS type \(type) is not an accessed code segment")
            }
        },
        Check("guest-ss-type", segments, "Outside virtual-8086 mode, a usable SS must have type 3 or 7 (read/write accessed data).") { c in
            notVirtual8086(c) {
                c.when(c.usable("ss")) {
                    c.require(
                        c.bits("guest.ss.ar", "type").map { $0 == 3 || $0 == 7 }, "guest.ss.ar",
                        "\(c.describe("guest.ss.ar")): SS must be a read/write accessed data segment")
                }
            }
        },
        Check(
            "guest-data-segment-type", segments,
            "Outside virtual-8086 mode, a usable DS, ES, FS or GS must be accessed (type bit 0), and if it is a code segment (type bit 3) it must be readable (type bit 1)."
        ) { c in
            notVirtual8086(c) {
                segmentRule(c, cs: false, others: ["ds", "es", "fs", "gs"]) { segment in
                    let ar = "guest.\(segment).ar"
                    guard let type = c.bits(ar, "type") else { return .unknown }
                    if type & 1 == 0 {
                        return c.require(false, ar, "\(c.describe(ar)): \(segment.uppercased()) type \(type) is not accessed")
                    }
                    if type & 8 != 0, type & 2 == 0 {
                        return c.require(false, ar, "\(c.describe(ar)): \(segment.uppercased()) is an execute-only code segment")
                    }
                    return .holds
                }
            }
        },
        Check("guest-segment-s", segments, "Outside virtual-8086 mode, S (bit 4) must be 1 for CS and for usable SS, DS, ES, FS and GS.") {
            c in
            notVirtual8086(c) {
                segmentRule(c) { segment in
                    c.require(
                        c.flag("guest.\(segment).ar", "s"), "guest.\(segment).ar",
                        "\(c.describe("guest.\(segment).ar")): \(segment.uppercased()) is a system segment (S is 0)")
                }
            }
        },
        Check("guest-cs-dpl-type3", segments, "Outside virtual-8086 mode, if the CS type is 3, CS.DPL must be 0.") { c in
            notVirtual8086(c) {
                c.when(c.bits("guest.cs.ar", "type").map { $0 == 3 }) {
                    c.require(
                        c.bits("guest.cs.ar", "dpl").map { $0 == 0 }, "guest.cs.ar",
                        "\(c.describe("guest.cs.ar")): CS.DPL must be 0 for a CS of type 3")
                }
            }
        },
        Check(
            "guest-cs-dpl-nonconforming", segments,
            "Outside virtual-8086 mode, if the CS type is 9 or 11 (non-conforming code), CS.DPL must equal SS.DPL."
        ) { c in
            notVirtual8086(c) {
                c.when(c.bits("guest.cs.ar", "type").map { $0 == 9 || $0 == 11 }) {
                    c.require(
                        equal(c.bits("guest.cs.ar", "dpl"), c.bits("guest.ss.ar", "dpl")), "guest.cs.ar",
                        "\(c.describe("guest.cs.ar")): CS.DPL differs from SS.DPL (\(c.describe("guest.ss.ar")))")
                }
            }
        },
        Check(
            "guest-cs-dpl-conforming", segments,
            "Outside virtual-8086 mode, if the CS type is 13 or 15 (conforming code), CS.DPL must not exceed SS.DPL."
        ) { c in
            notVirtual8086(c) {
                c.when(c.bits("guest.cs.ar", "type").map { $0 == 13 || $0 == 15 }) {
                    let cs = c.bits("guest.cs.ar", "dpl")
                    let ss = c.bits("guest.ss.ar", "dpl")
                    guard let cs, let ss else { return .unknown }
                    return c.require(cs <= ss, "guest.cs.ar", "\(c.describe("guest.cs.ar")): CS.DPL \(cs) exceeds SS.DPL \(ss)")
                }
            }
        },
        Check(
            "guest-ss-dpl-rpl", segments,
            "Outside virtual-8086 mode, if \"unrestricted guest\" is 0, SS.DPL must equal the RPL of the SS selector."
        ) { c in
            notVirtual8086(c) {
                c.when(not(c.unrestrictedGuest)) {
                    c.require(
                        equal(c.bits("guest.ss.ar", "dpl"), c.bits("guest.ss.selector", "rpl")), "guest.ss.ar",
                        "\(c.describe("guest.ss.ar")): SS.DPL differs from SS.RPL (\(c.describe("guest.ss.selector")))")
                }
            }
        },
        Check("guest-ss-dpl-real-mode", segments, "Outside virtual-8086 mode, SS.DPL must be 0 if the CS type is 3 or CR0.PE is 0.") { c in
            notVirtual8086(c) {
                c.when(anyOf(c.bits("guest.cs.ar", "type").map { $0 == 3 }, not(c.flag("guest.cr0", "pe")))) {
                    c.require(
                        c.bits("guest.ss.ar", "dpl").map { $0 == 0 }, "guest.ss.ar",
                        "\(c.describe("guest.ss.ar")): SS.DPL must be 0 with CS type 3 or CR0.PE clear")
                }
            }
        },
        Check(
            "guest-data-segment-dpl", segments,
            "Outside virtual-8086 mode, if \"unrestricted guest\" is 0, a usable DS, ES, FS or GS of type 0 to 11 (data or non-conforming code) must have DPL no less than its RPL."
        ) { c in
            notVirtual8086(c) {
                c.when(not(c.unrestrictedGuest)) {
                    segmentRule(c, cs: false, others: ["ds", "es", "fs", "gs"]) { segment in
                        let ar = "guest.\(segment).ar"
                        return c.when(c.bits(ar, "type").map { $0 <= 11 }) {
                            guard let dpl = c.bits(ar, "dpl"), let rpl = c.bits("guest.\(segment).selector", "rpl") else { return .unknown }
                            return c.require(
                                dpl >= rpl, ar, "\(c.describe(ar)): \(segment.uppercased()).DPL \(dpl) is less than its RPL \(rpl)")
                        }
                    }
                }
            }
        },
        Check(
            "guest-segment-present", segments, "Outside virtual-8086 mode, P (bit 7) must be 1 for CS and for usable SS, DS, ES, FS and GS."
        ) { c in
            notVirtual8086(c) {
                segmentRule(c) { segment in
                    c.require(
                        c.flag("guest.\(segment).ar", "p"), "guest.\(segment).ar",
                        "\(c.describe("guest.\(segment).ar")): \(segment.uppercased()) is not present")
                }
            }
        },
        Check(
            "guest-segment-reserved", segments,
            "Outside virtual-8086 mode, access-rights bits 11:8 and 31:17 (reserved) must be 0 for CS and for usable SS, DS, ES, FS and GS."
        ) { c in
            notVirtual8086(c) { segmentRule(c) { $0 == "cs" ? accessRightsReserved(c, "guest.cs.ar") : c.reservedRows("guest.\($0).ar") } }
        },
        Check("guest-cs-long-mode-db", segments, "If \"IA-32e mode guest\" is 1 and CS.L is 1, CS.D/B must be 0.") { c in
            notVirtual8086(c) {
                c.when(c.guestCS64) {
                    c.require(
                        c.flag("guest.cs.ar", "db").map { !$0 }, "guest.cs.ar",
                        "\(c.describe("guest.cs.ar")): L and D/B are both set in an IA-32e mode guest")
                }
            }
        },
        Check(
            "guest-segment-granularity", segments,
            "Outside virtual-8086 mode, for CS and usable SS, DS, ES, FS and GS: G must be 0 if any of limit bits 11:0 is 0, and 1 if any of limit bits 31:20 is 1."
        ) { c in notVirtual8086(c) { segmentRule(c) { granularity(c, $0) } } },
        // SDM 27.3.1.2 checks TR's access rights whether or not it is marked unusable (it must
        // not be, guest-tr-usable), so these rules read the field's bits directly, not the
        // catalog's rows, which describe an unusable segment's bits as ignored.
        Check(
            "guest-tr-type", segments,
            "The TR type must be 11 (busy 32/64-bit TSS), or 3 (busy 16-bit TSS) if \"IA-32e mode guest\" is 0."
        ) { c in
            guard let ar = c.value("guest.tr.ar") else { return .unknown }
            let type = ar & 0xf
            if type == 11 { return .holds }
            if type == 3 {
                return c.require(not(c.ia32eModeGuest), "guest.tr.ar", "\(c.describe("guest.tr.ar")): a 16-bit TSS in an IA-32e mode guest")
            }
            return c.require(false, "guest.tr.ar", "\(c.describe("guest.tr.ar")): TR type \(type) is not a busy TSS")
        },
        Check("guest-tr-s", segments, "TR's S (bit 4) must be 0: a system segment.") { c in
            c.require(
                c.value("guest.tr.ar").map { $0 >> 4 & 1 == 0 }, "guest.tr.ar", "\(c.describe("guest.tr.ar")): TR must be a system segment")
        },
        Check("guest-tr-present", segments, "TR's P (bit 7) must be 1.") { c in
            c.require(c.value("guest.tr.ar").map { $0 >> 7 & 1 == 1 }, "guest.tr.ar", "\(c.describe("guest.tr.ar")): TR is not present")
        },
        Check("guest-tr-reserved", segments, "TR's access-rights bits 11:8 and 31:17 (reserved) must be 0.") { c in
            accessRightsReserved(c, "guest.tr.ar")
        },
        Check(
            "guest-tr-granularity", segments, "For TR, G must be 0 if any of limit bits 11:0 is 0, and 1 if any of limit bits 31:20 is 1."
        ) { c in
            granularity(c, "tr", g: c.value("guest.tr.ar").map { $0 >> 15 & 1 == 1 })
        },
        Check("guest-tr-usable", segments, "TR must be usable (access-rights bit 16 is 0).") { c in
            c.require(c.usable("tr"), "guest.tr.ar", "\(c.describe("guest.tr.ar")): TR is marked unusable")
        },
        Check("guest-ldtr-type", segments, "If LDTR is usable, its type must be 2 (LDT).") { c in
            c.when(c.usable("ldtr")) {
                c.require(
                    c.bits("guest.ldtr.ar", "type").map { $0 == 2 }, "guest.ldtr.ar",
                    "\(c.describe("guest.ldtr.ar")): a usable LDTR must have type 2 (LDT)")
            }
        },
        Check("guest-ldtr-s", segments, "If LDTR is usable, its S (bit 4) must be 0.") { c in
            c.when(c.usable("ldtr")) {
                c.require(
                    c.flag("guest.ldtr.ar", "s").map { !$0 }, "guest.ldtr.ar",
                    "\(c.describe("guest.ldtr.ar")): LDTR must be a system segment")
            }
        },
        Check("guest-ldtr-present", segments, "If LDTR is usable, its P (bit 7) must be 1.") { c in
            c.when(c.usable("ldtr")) {
                c.require(c.flag("guest.ldtr.ar", "p"), "guest.ldtr.ar", "\(c.describe("guest.ldtr.ar")): LDTR is not present")
            }
        },
        Check("guest-ldtr-reserved", segments, "If LDTR is usable, its access-rights bits 11:8 and 31:17 (reserved) must be 0.") { c in
            c.when(c.usable("ldtr")) { c.reservedRows("guest.ldtr.ar") }
        },
        Check(
            "guest-ldtr-granularity", segments,
            "If LDTR is usable, G must be 0 if any of limit bits 11:0 is 0, and 1 if any of limit bits 31:20 is 1."
        ) { c in
            c.when(c.usable("ldtr")) { granularity(c, "ldtr") }
        },
    ]

    // MARK: 27.3.1.3 Descriptor-table registers

    static let descriptorTables: [Check] = [
        Check(
            "guest-gdtr-idtr-base-canonical", tables,
            "The GDTR and IDTR base addresses must be canonical.",
            needs: [.linearAddressWidth]
        ) { c in c.every([c.canonicalField("guest.gdtr.base", what: "GDTR base"), c.canonicalField("guest.idtr.base", what: "IDTR base")])
        },
        Check("guest-gdtr-idtr-limit", tables, "Bits 31:16 of the GDTR and IDTR limit fields must be 0.") { c in
            c.every(
                ["gdtr", "idtr"].map { table in
                    c.require(
                        c.value("guest.\(table).limit").map { $0 >> 16 == 0 }, "guest.\(table).limit",
                        "\(c.describe("guest.\(table).limit")): bits 31:16 must be 0")
                })
        },
    ]

    // MARK: 27.3.1.4 RIP, RFLAGS and SSP

    static let ripAndFlags: [Check] = [
        Check("guest-rip-upper", ripFlags, "Bits 63:32 of RIP must be 0 if \"IA-32e mode guest\" is 0 or CS.L is 0.") { c in
            c.when(not(c.guestCS64)) {
                c.require(
                    c.value("guest.rip").map { $0 >> 32 == 0 }, "guest.rip",
                    "\(c.describe("guest.rip")): bits 63:32 must be 0 outside 64-bit mode")
            }
        },
        Check(
            "guest-rip-canonical", ripFlags,
            "If \"IA-32e mode guest\" is 1 and CS.L is 1, bits 63:N of RIP must be identical, N being the linear-address width.",
            needs: [.linearAddressWidth]
        ) { c in c.when(c.guestCS64) { c.canonicalField("guest.rip", what: "RIP") } },
        Check("guest-rflags-reserved", ripFlags, "RFLAGS bits 63:22, 15, 5 and 3 must be 0 and bit 1 must be 1.") { c in
            c.reservedRows("guest.rflags")
        },
        Check("guest-rflags-vm", ripFlags, "RFLAGS.VM must be 0 if \"IA-32e mode guest\" is 1 or CR0.PE is 0.") { c in
            c.when(c.virtual8086) {
                c.require(
                    allOf(not(c.ia32eModeGuest), c.flag("guest.cr0", "pe")), "guest.rflags",
                    "\(c.describe("guest.rflags")): VM is set in an IA-32e mode guest or with CR0.PE clear")
            }
        },
        Check("guest-rflags-if-injection", ripFlags, "RFLAGS.IF must be 1 if VM entry injects an external interrupt.") { c in
            c.when(c.injects([0])) {
                c.require(
                    c.flag("guest.rflags", "if"), "guest.rflags",
                    "\(c.describe("guest.rflags")): IF is clear but VM entry injects external interrupt \(c.injectionVector.map(String.init) ?? "?")"
                )
            }
        },
        Check("guest-ssp-alignment", ripFlags, "If \"load CET state\" is 1, bits 1:0 of the guest SSP field must be 0.") { c in
            c.when(c.entryControl("load_cet_state")) {
                c.require(c.value("guest.ssp").map { $0 & 3 == 0 }, "guest.ssp", "\(c.describe("guest.ssp")): bits 1:0 must be 0")
            }
        },
        // SDM 27.3.1.4 as revised in 2021 (and in 325384-084): bits 63:N identical, N the
        // linear-address width; not canonical (bit N-1 may differ), and nothing depends on
        // "IA-32e mode guest" (Paolo Bonzini quotes the new text in
        // <1cf7e501-2c69-8b76-9332-42db1348ab08@redhat.com>; KVM's nested check follows it).
        Check(
            "guest-ssp-upper", ripFlags,
            "If \"load CET state\" is 1, bits 63:N of the guest SSP field must be identical, N being the processor's linear-address width (no check with 64 linear-address bits); the SSP need not be canonical.",
            needs: [.linearAddressWidth]
        ) { c in
            c.when(c.entryControl("load_cet_state")) {
                let ssp = c.value("guest.ssp")
                // 63:N identical is "canonical" for a width of N+1 bits; widths are 48 or 57.
                var identical: Bool?
                if let ssp {
                    if RuleContext.isCanonical(ssp, width: 49) {
                        identical = true
                    } else if !RuleContext.isCanonical(ssp, width: 58) {
                        identical = false
                    } else if let width = c.linearAddressWidth {
                        identical = RuleContext.isCanonical(ssp, width: width + 1)
                    }
                }
                return c.require(identical, "guest.ssp", "\(c.describe("guest.ssp")): bits 63:N are not identical\(c.linearNote)")
            }
        },
        // Not the SDM's rule: CET's first specification (Intel 334525, section 10.7) had VM entry
        // also refuse an SSP that is not canonical or, outside IA-32e mode, sets bits 63:32, and
        // processors built to it do (a KVM CET test machine refused a stale 64-bit SSP after a
        // reboot into real mode in 2021; Bochs checks the same). A warning, as
        // guest-nmi-injection-sti is, citing the section whose rule replaced it.
        Check(
            "guest-ssp-early-cet", ripFlags,
            "If \"load CET state\" is 1, processors built to CET's first specification also require the guest SSP to be canonical and, if \"IA-32e mode guest\" is 0, its bits 63:32 to be 0; the SDM no longer lists these checks.",
            severity: .warning, needs: [.linearAddressWidth]
        ) { c in
            c.when(c.entryControl("load_cet_state")) {
                let ssp = c.value("guest.ssp")
                return c.every([
                    c.when(not(c.ia32eModeGuest)) {
                        c.require(
                            ssp.map { $0 >> 32 == 0 }, "guest.ssp",
                            "\(c.describe("guest.ssp")): bits 63:32 are set outside IA-32e mode, which processors built to CET's first specification refuse"
                        )
                    },
                    c.require(
                        c.canonical(ssp), "guest.ssp",
                        "\(c.describe("guest.ssp")): not canonical, which processors built to CET's first specification refuse\(c.linearNote)"
                    ),
                ])
            }
        },
    ]

    // MARK: 27.3.1.5 Non-register state

    /// What each activity state lets VM entry inject (SDM 27.3.1.5): HLT takes external
    /// interrupts, NMIs, #DB and #MC exceptions and the pending-MTF other event; shutdown NMIs and
    /// #MC; wait-for-SIPI nothing.
    static func injectionAllowed(state: UInt64, type: UInt64, vector: UInt64) -> Bool {
        switch state {
        case 0: return true
        case 1: return type == 0 || type == 2 || (type == 3 && (vector == 1 || vector == 18)) || (type == 7 && vector == 0)
        case 2: return type == 2 || (type == 3 && vector == 18)
        default: return false
        }
    }

    static let nonRegisterState: [Check] = [
        Check(
            "guest-activity-state-range", nonRegister, "The activity state must be 0 (active), 1 (HLT), 2 (shutdown) or 3 (wait-for-SIPI)."
        ) { c in
            c.require(
                c.value("guest.activity_state").map { $0 <= 3 }, "guest.activity_state",
                "\(c.describe("guest.activity_state")): not an activity state the SDM defines")
        },
        Check(
            "guest-activity-state-supported", nonRegister,
            "The activity state must be one the processor supports: HLT, shutdown and wait-for-SIPI only if IA32_VMX_MISC bits 6, 7 and 8 say so.",
            needs: [.msr(0x485)]
        ) { c in
            guard let state = c.value("guest.activity_state") else { return .unknown }
            guard (1...3).contains(state) else { return .holds }
            return c.require(
                c.msrBit(0x485, Int(5 + state)), "guest.activity_state",
                "\(c.describe("guest.activity_state")): IA32_VMX_MISC[\(5 + state)] does not allow this activity state")
        },
        Check("guest-hlt-ss-dpl", nonRegister, "The activity state may be HLT only if SS.DPL is 0.") { c in
            c.when(c.value("guest.activity_state").map { $0 == 1 }) {
                c.require(
                    c.bits("guest.ss.ar", "dpl").map { $0 == 0 }, "guest.activity_state",
                    "\(c.describe("guest.activity_state")): HLT with SS.DPL \(c.bits("guest.ss.ar", "dpl").map(String.init) ?? "?")")
            }
        },
        Check(
            "guest-inactive-no-sti-movss", nonRegister,
            "If the activity state is not active, blocking by STI and by MOV SS (interruptibility bits 0 and 1) must be 0."
        ) { c in
            c.when(c.value("guest.activity_state").map { $0 != 0 }) {
                c.require(
                    allOf(
                        not(c.flag("guest.interruptibility", "blocking_by_sti")),
                        not(c.flag("guest.interruptibility", "blocking_by_mov_ss"))),
                    "guest.interruptibility", "\(c.describe("guest.interruptibility")): blocking by STI or MOV SS in an inactive state")
            }
        },
        Check(
            "guest-activity-injection", nonRegister,
            "An injected event must be one the activity state does not block: HLT takes external interrupts, NMIs, #DB, #MC and a pending MTF VM exit; shutdown only NMIs and #MC; wait-for-SIPI nothing."
        ) { c in
            c.when(c.injecting) {
                guard let state = c.value("guest.activity_state"), let type = c.injectionType, let vector = c.injectionVector else {
                    return .unknown
                }
                return c.require(
                    injectionAllowed(state: state, type: type, vector: vector), "ctrl.entry_intr_info",
                    "\(c.describe("ctrl.entry_intr_info")): the activity state (\(c.describe("guest.activity_state"))) blocks this event")
            }
        },
        Check("guest-activity-sipi-smm", nonRegister, "The activity state must not be wait-for-SIPI if \"entry to SMM\" is 1.") { c in
            c.when(c.entryControl("entry_to_smm")) {
                c.require(
                    c.value("guest.activity_state").map { $0 != 3 }, "guest.activity_state",
                    "\(c.describe("guest.activity_state")): wait-for-SIPI on entry to SMM")
            }
        },
        Check("guest-interruptibility-reserved", nonRegister, "Interruptibility-state bits 31:5 (reserved) must be 0.") { c in
            c.reservedRows("guest.interruptibility")
        },
        Check("guest-sti-and-movss", nonRegister, "Blocking by STI and blocking by MOV SS must not both be 1.") { c in
            c.require(
                not(allOf(c.flag("guest.interruptibility", "blocking_by_sti"), c.flag("guest.interruptibility", "blocking_by_mov_ss"))),
                "guest.interruptibility", "\(c.describe("guest.interruptibility")): blocking by STI and by MOV SS together")
        },
        Check("guest-sti-requires-if", nonRegister, "Blocking by STI must be 0 if RFLAGS.IF is 0.") { c in
            c.require(
                implies(c.flag("guest.interruptibility", "blocking_by_sti"), c.flag("guest.rflags", "if")), "guest.interruptibility",
                "\(c.describe("guest.interruptibility")): blocking by STI while RFLAGS.IF is 0")
        },
        Check(
            "guest-external-interrupt-blocking", nonRegister,
            "Blocking by STI and by MOV SS must be 0 if VM entry injects an external interrupt."
        ) { c in
            c.when(c.injects([0])) {
                c.require(
                    allOf(
                        not(c.flag("guest.interruptibility", "blocking_by_sti")),
                        not(c.flag("guest.interruptibility", "blocking_by_mov_ss"))),
                    "guest.interruptibility",
                    "\(c.describe("guest.interruptibility")): an external interrupt is injected under blocking by STI or MOV SS")
            }
        },
        Check("guest-nmi-injection-movss", nonRegister, "Blocking by MOV SS must be 0 if VM entry injects an NMI.") { c in
            c.when(c.injects([2])) {
                c.require(
                    not(c.flag("guest.interruptibility", "blocking_by_mov_ss")), "guest.interruptibility",
                    "\(c.describe("guest.interruptibility")): an NMI is injected under blocking by MOV SS")
            }
        },
        Check(
            "guest-nmi-injection-sti", nonRegister,
            "A processor may require blocking by STI to be 0 if VM entry injects an NMI; others do not (a refusal is exit qualification 3).",
            severity: .warning
        ) { c in
            c.when(c.injects([2])) {
                c.require(
                    not(c.flag("guest.interruptibility", "blocking_by_sti")), "guest.interruptibility",
                    "\(c.describe("guest.interruptibility")): an NMI is injected under blocking by STI, which some processors refuse")
            }
        },
        Check(
            "guest-smi-blocking-outside-smm", nonRegister,
            "Blocking by SMI (bit 2) must be 0 if VM entry is executed outside SMM.",
            needs: [.entryFromSMM]
        ) { c in
            c.when(c.flag("guest.interruptibility", "blocking_by_smi")) {
                c.require(
                    c.entryFromSMM, "guest.interruptibility",
                    "\(c.describe("guest.interruptibility")): blocking by SMI on a VM entry outside SMM")
            }
        },
        Check("guest-smi-blocking-entry-to-smm", nonRegister, "Blocking by SMI (bit 2) must be 1 if \"entry to SMM\" is 1.") { c in
            c.when(c.entryControl("entry_to_smm")) {
                c.require(
                    c.flag("guest.interruptibility", "blocking_by_smi"), "guest.interruptibility",
                    "\(c.describe("guest.interruptibility")): no blocking by SMI on entry to SMM")
            }
        },
        Check(
            "guest-nmi-blocking-virtual-nmi", nonRegister,
            "Blocking by NMI (bit 3) must be 0 if \"virtual NMIs\" is 1 and VM entry injects an NMI."
        ) { c in
            c.when(allOf(c.pin("virtual_nmis"), c.injects([2]))) {
                c.require(
                    not(c.flag("guest.interruptibility", "blocking_by_nmi")), "guest.interruptibility",
                    "\(c.describe("guest.interruptibility")): a virtual NMI is injected under blocking by NMI")
            }
        },
        Check(
            "guest-enclave-interruption-sgx", nonRegister,
            "Enclave interruption (bit 4) must be 0 if the processor does not support SGX (CPUID.(EAX=07H,ECX=0):EBX[2]).",
            needs: [.cpuid(CPUIDRegister(leaf: 7, subleaf: 0, .ebx))]
        ) { c in
            c.when(c.flag("guest.interruptibility", "enclave_interruption")) {
                c.require(
                    c.cpuidBit(7, 0, .ebx, 2), "guest.interruptibility",
                    "\(c.describe("guest.interruptibility")): enclave interruption on a processor without SGX")
            }
        },
        Check("guest-enclave-interruption-movss", nonRegister, "Enclave interruption (bit 4) must be 0 if blocking by MOV SS is 1.") { c in
            c.require(
                not(
                    allOf(c.flag("guest.interruptibility", "enclave_interruption"), c.flag("guest.interruptibility", "blocking_by_mov_ss"))),
                "guest.interruptibility", "\(c.describe("guest.interruptibility")): enclave interruption with blocking by MOV SS")
        },
        Check(
            "guest-fred-sti-user", Sections.fredGuest,
            "If guest CR4.FRED is 1 and SS.DPL is 3, blocking by STI must be 0."
        ) { c in
            c.when(allOf(c.flag("guest.cr4", "fred"), c.bits("guest.ss.ar", "dpl").map { $0 == 3 })) {
                c.require(
                    not(c.flag("guest.interruptibility", "blocking_by_sti")), "guest.interruptibility",
                    "\(c.describe("guest.interruptibility")): blocking by STI at CPL 3 under FRED")
            }
        },
        Check("guest-pending-debug-reserved", nonRegister, "Pending debug exceptions bits 10:4, 13, 15 and 63:17 (reserved) must be 0.") {
            c in
            c.reservedRows("guest.pending_dbg_exceptions")
        },
        Check(
            "guest-pending-bs-set", nonRegister,
            "Under blocking by STI or MOV SS, or in the HLT state: pending-debug BS (bit 14) must be 1 if RFLAGS.TF is 1 and IA32_DEBUGCTL.BTF is 0."
        ) { c in
            let blocked = anyOf(
                c.flag("guest.interruptibility", "blocking_by_sti"), c.flag("guest.interruptibility", "blocking_by_mov_ss"),
                c.value("guest.activity_state").map { $0 == 1 })
            return c.when(allOf(blocked, c.flag("guest.rflags", "tf"), not(c.flag("guest.ia32_debugctl", "btf")))) {
                c.require(
                    c.flag("guest.pending_dbg_exceptions", "bs"), "guest.pending_dbg_exceptions",
                    "\(c.describe("guest.pending_dbg_exceptions")): BS is 0 while RFLAGS.TF is 1 and BTF is 0 under blocking")
            }
        },
        Check(
            "guest-pending-bs-clear", nonRegister,
            "Under blocking by STI or MOV SS, or in the HLT state: pending-debug BS (bit 14) must be 0 if RFLAGS.TF is 0 or IA32_DEBUGCTL.BTF is 1."
        ) { c in
            let blocked = anyOf(
                c.flag("guest.interruptibility", "blocking_by_sti"), c.flag("guest.interruptibility", "blocking_by_mov_ss"),
                c.value("guest.activity_state").map { $0 == 1 })
            return c.when(allOf(blocked, anyOf(not(c.flag("guest.rflags", "tf")), c.flag("guest.ia32_debugctl", "btf")))) {
                c.require(
                    not(c.flag("guest.pending_dbg_exceptions", "bs")), "guest.pending_dbg_exceptions",
                    "\(c.describe("guest.pending_dbg_exceptions")): BS is 1 while RFLAGS.TF is 0 or BTF is 1 under blocking")
            }
        },
        Check(
            "guest-pending-rtm-bits", nonRegister,
            "If pending-debug RTM (bit 16) is 1, bits 11:0, 15:13 and 63:17 must be 0 and bit 12 must be 1."
        ) { c in
            c.when(c.flag("guest.pending_dbg_exceptions", "rtm")) {
                guard let value = c.value("guest.pending_dbg_exceptions") else { return .unknown }
                let mustBeZero: UInt64 = BitRange(11, 0).mask | BitRange(15, 13).mask | BitRange(63, 17).mask
                return c.require(
                    value & mustBeZero == 0 && value & BitRange(12).mask != 0, "guest.pending_dbg_exceptions",
                    "\(c.describe("guest.pending_dbg_exceptions")): with RTM set, only bits 12 and 16 may be set, and bit 12 must be")
            }
        },
        Check(
            "guest-pending-rtm-support", nonRegister,
            "If pending-debug RTM (bit 16) is 1, the processor must support RTM (CPUID.(EAX=07H,ECX=0):EBX[11]).",
            needs: [.cpuid(CPUIDRegister(leaf: 7, subleaf: 0, .ebx))]
        ) { c in
            c.when(c.flag("guest.pending_dbg_exceptions", "rtm")) {
                c.require(
                    c.cpuidBit(7, 0, .ebx, 11), "guest.pending_dbg_exceptions",
                    "\(c.describe("guest.pending_dbg_exceptions")): RTM pending on a processor without RTM")
            }
        },
        Check("guest-pending-rtm-movss", nonRegister, "If pending-debug RTM (bit 16) is 1, blocking by MOV SS must be 0.") { c in
            c.require(
                not(allOf(c.flag("guest.pending_dbg_exceptions", "rtm"), c.flag("guest.interruptibility", "blocking_by_mov_ss"))),
                "guest.interruptibility", "\(c.describe("guest.interruptibility")): blocking by MOV SS with an RTM debug exception pending")
        },
        Check("guest-vmcs-link-alignment", nonRegister, "If the VMCS link pointer is not FFFFFFFF_FFFFFFFFH, its bits 11:0 must be 0.") {
            c in
            guard let link = c.value("guest.vmcs_link_pointer") else { return .unknown }
            guard link != UInt64.max else { return .holds }
            return c.require(
                link & 0xfff == 0, "guest.vmcs_link_pointer",
                "\(c.describe("guest.vmcs_link_pointer")): bits 11:0 must be 0 (or the whole field all ones)")
        },
        Check(
            "guest-vmcs-link-width", nonRegister,
            "If the VMCS link pointer is not FFFFFFFF_FFFFFFFFH, it may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in
            guard let link = c.value("guest.vmcs_link_pointer") else { return .unknown }
            guard link != UInt64.max else { return .holds }
            return c.require(
                c.withinPhysicalWidth(link), "guest.vmcs_link_pointer",
                "\(c.describe("guest.vmcs_link_pointer")): bits beyond the physical-address width are set\(c.widthNote)")
        },
        Check(
            "guest-vmcs-link-revision", nonRegister,
            "If the VMCS link pointer is not FFFFFFFF_FFFFFFFFH, the 32 bits it points to must hold the VMCS revision identifier (IA32_VMX_BASIC[30:0]) in bits 30:0 and the \"VMCS shadowing\" control in bit 31.",
            needs: [.memory("the first 32 bits of the VMCS the link pointer names")]
        ) { c in
            guard let link = c.value("guest.vmcs_link_pointer") else { return .unknown }
            guard link != UInt64.max else { return .holds }
            return c.require(c.memory("the first 32 bits of the VMCS the link pointer names"), "guest.vmcs_link_pointer", "")
        },
        Check(
            "guest-vmcs-link-not-current", nonRegister,
            "If the VMCS link pointer is not FFFFFFFF_FFFFFFFFH, it must not be the current-VMCS pointer (outside SMM, or on entry to SMM).",
            needs: [.memory("the current-VMCS pointer (VMPTRST)"), .entryFromSMM]
        ) { c in
            guard let link = c.value("guest.vmcs_link_pointer") else { return .unknown }
            guard link != UInt64.max else { return .holds }
            return c.when(anyOf(c.entryControl("entry_to_smm"), not(c.entryFromSMM))) {
                c.require(c.memory("the current-VMCS pointer (VMPTRST)"), "guest.vmcs_link_pointer", "")
            }
        },
        Check(
            "guest-vmcs-link-not-executive", nonRegister,
            "If the VMCS link pointer is not FFFFFFFF_FFFFFFFFH, the processor is in SMM and \"entry to SMM\" is 0, it must differ from the executive-VMCS pointer.",
            needs: [.entryFromSMM]
        ) { c in
            guard let link = c.value("guest.vmcs_link_pointer") else { return .unknown }
            guard link != UInt64.max else { return .holds }
            return c.when(allOf(c.entryFromSMM, not(c.entryControl("entry_to_smm")))) {
                c.require(
                    c.value("ctrl.executive_vmcs_pointer").map { $0 != link }, "guest.vmcs_link_pointer",
                    "\(c.describe("guest.vmcs_link_pointer")): the VMCS link pointer is the executive-VMCS pointer")
            }
        },
        Check("guest-uinv", nonRegister, "If \"load UINV\" is 1, bits 15:8 of the guest UINV field must be 0.") { c in
            c.when(c.entryControl("load_uinv")) { c.reservedRows("guest.uinv") }
        },
    ]

    // MARK: 27.3.1.6 PDPTEs

    /// PAE paging: CR0.PG and CR4.PAE set, "IA-32e mode guest" clear.
    static func paePaging(_ c: RuleContext) -> Bool? { allOf(c.flag("guest.cr0", "pg"), c.flag("guest.cr4", "pae"), not(c.ia32eModeGuest)) }

    static let pdptes: [Check] = [
        Check(
            "guest-pdpte-reserved", Sections.guestPDPTEs,
            "With PAE paging and \"enable EPT\" 1, each PDPTE field whose P bit is 1 must have bits 2:1, 8:5 and bits beyond the physical-address width clear.",
            needs: [.maxPhysicalAddress]
        ) { c in
            c.when(allOf(paePaging(c), c.secondary("enable_ept"))) {
                c.every(
                    (0..<4).map { index in
                        let field = "guest.pdptr\(index)"
                        let reserved = c.reservedRows(field)
                        if reserved.isBroken { return reserved }
                        return c.when(c.flag(field, "p")) {
                            c.every([
                                reserved,
                                c.require(
                                    c.withinPhysicalWidth(c.bits(field, "address")), field,
                                    "\(c.describe(field)): the page-directory address sets bits beyond the physical-address width\(c.widthNote)"
                                ),
                            ])
                        }
                    })
            }
        },
        Check(
            "guest-pdpte-memory", Sections.guestPDPTEs,
            "With PAE paging and \"enable EPT\" 0, the four PDPTEs CR3 points to (in memory) must have no reserved bit set where P is 1.",
            needs: [.memory("the four PDPTEs at CR3")]
        ) { c in
            c.when(allOf(paePaging(c), not(c.secondary("enable_ept")))) { c.require(c.memory("the four PDPTEs at CR3"), "guest.cr3", "") }
        },
    ]
}
