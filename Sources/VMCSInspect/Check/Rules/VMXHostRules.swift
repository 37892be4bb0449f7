/// SDM Vol. 3 (325384-084) sections 27.2.2 to 27.2.4: the checks on the host-state area, in the
/// SDM's order, and the FRED specification's checks on host FRED state. VM entry fails on any of
/// them with VM-instruction error 8.
enum VMXHostRules {
    static let registers = Sections.hostControlRegisters
    static let segments = Sections.hostSegments
    static let size = Sections.addressSpaceSize

    /// CR0 or CR4 against IA32_VMX_CR0/CR4_FIXED0 (bits that must be 1) and FIXED1 (bits that
    /// may be 1) (SDM 24.8, Appendix A.7 and A.8). Bits the catalog's reserved rows already
    /// report, and bits `exempt` (PE and PG of an unrestricted guest's CR0), are left out.
    static func fixedBits(_ c: RuleContext, _ field: String, fixed0: UInt32, fixed1: UInt32, name: String, exempt: UInt64 = 0) -> Verdict {
        guard let value = c.value(field) else {
            _ = c.msr(fixed0)
            _ = c.msr(fixed1)
            return .unknown
        }
        let reserved = c.entryReservedMask(field) ?? 0
        let fixedOnes = c.msr(fixed0)
        let allowedOnes = c.msr(fixed1)
        guard let mustBeOne = fixedOnes, let mayBeOne = allowedOnes else { return .unknown }
        let clearOnes = mustBeOne & ~value & ~exempt & ~reserved
        let setZeros = value & ~mayBeOne & ~reserved
        guard clearOnes != 0 || setZeros != 0 else { return .holds }
        var parts: [String] = []
        if clearOnes != 0 { parts.append("\(bitList(clearOnes)) must be 1 (IA32_VMX_\(name)_FIXED0 = \(ValueText.hex(mustBeOne)))") }
        if setZeros != 0 { parts.append("\(bitList(setZeros)) must be 0 (IA32_VMX_\(name)_FIXED1 = \(ValueText.hex(mayBeOne)))") }
        return .broken([Violation(field: field, message: "\(c.describe(field)): " + parts.joined(separator: "; "), bits: clearOnes | setZeros)])
    }

    /// CR3 bits beyond the physical-address width (bits 63:52 are the catalog's reserved rows).
    static func cr3Width(_ c: RuleContext, _ field: String) -> Verdict {
        guard let cr3 = c.value(field) else { return .unknown }
        let base = cr3 & BitRange(51, 12).mask
        return c.require(c.withinPhysicalWidth(base), field, "\(c.describe(field)): bits beyond the physical-address width are set\(c.widthNote)")
    }

    /// CR3 bits 62:61 (LAM_U48, LAM_U57) are allowed only where LAM is supported
    /// (CPUID.(EAX=07H,ECX=1):EAX[26]; SDM Vol. 3 section 4.5).
    static func cr3LAM(_ c: RuleContext, _ field: String) -> Verdict {
        c.when(anyOf(c.flag(field, "lam_u48"), c.flag(field, "lam_u57"))) {
            c.require(c.cpuidBit(7, 1, .eax, 26), field, "\(c.describe(field)): LAM bits 62:61 are set on a processor without linear-address masking")
        }
    }

    /// IA32_PERF_GLOBAL_CTRL may enable only the counters the processor has: general-purpose
    /// counters 0 to N-1 (CPUID.0AH:EAX[15:8]) and fixed counters 32 to 32+M-1 (CPUID.0AH:EDX[4:0]).
    /// Bit 48 (PERF_METRICS, enumerated by IA32_PERF_CAPABILITIES) is not judged.
    static func perfGlobalCtrl(_ c: RuleContext, _ field: String) -> Verdict {
        guard let value = c.value(field) else { return .unknown }
        if value == 0 { return .holds }
        guard let eax = c.cpuid(0x0a, nil, .eax), let edx = c.cpuid(0x0a, nil, .edx) else { return .unknown }
        let generalCount = UInt64((eax >> 8) & 0xff)
        let fixedCount = UInt64(edx & 0x1f)
        let general: UInt64 = generalCount >= 32 ? 0xffff_ffff : (1 << generalCount) - 1
        let fixed: UInt64 = fixedCount >= 16 ? 0xffff << 32 : ((1 << fixedCount) - 1) << 32
        let allowed = general | fixed | (1 << 48)
        let extra = value & ~allowed
        return c.require(
            extra == 0, field, bits: extra,
            "\(c.describe(field)): \(bitList(extra)) enable counters the processor does not have (CPUID.0AH: \(generalCount) general-purpose, \(fixedCount) fixed)")
    }

    /// IA32_S_CET: bits 10 (SUPPRESS) and 11 (TRACKER) cannot both be 1.
    static func suppressAndTracker(_ c: RuleContext, _ field: String) -> Verdict {
        c.require(
            not(allOf(c.flag(field, "suppress"), c.flag(field, "tracker"))), field,
            "\(c.describe(field)): SUPPRESS (bit 10) and TRACKER (bit 11) are both 1")
    }

    /// FRED_RSP1-3 must be canonical with bits 5:0 clear; FRED_SSP1-3 canonical with bits 2:0
    /// clear (FRED specification 346446, the stack-pointer MSRs).
    static func fredStacks(_ c: RuleContext, prefix: String) -> Verdict {
        var parts: [Verdict] = []
        for level in 1...3 {
            let rsp = "\(prefix).ia32_fred_rsp\(level)"
            let ssp = "\(prefix).ia32_fred_ssp\(level)"
            let rspValue = c.value(rsp)
            let sspValue = c.value(ssp)
            parts.append(c.require(rspValue.map { $0 & 0x3f == 0 }, rsp, "\(c.describe(rsp)): bits 5:0 must be 0"))
            parts.append(c.require(c.canonical(rspValue), rsp, "\(c.describe(rsp)): not canonical\(c.linearNote)"))
            parts.append(c.require(sspValue.map { $0 & 0x7 == 0 }, ssp, "\(c.describe(ssp)): bits 2:0 must be 0"))
            parts.append(c.require(c.canonical(sspValue), ssp, "\(c.describe(ssp)): not canonical\(c.linearNote)"))
        }
        return c.every(parts)
    }

    static let all: [Check] = [
        // MARK: 27.2.2 Host control registers, MSRs and SSP
        Check(
            "host-cr0-fixed", registers,
            "The host CR0 field must not set any bit to a value not supported in VMX operation: the bits IA32_VMX_CR0_FIXED0 reports must be 1, those IA32_VMX_CR0_FIXED1 does not allow must be 0.",
            needs: [.msr(0x486), .msr(0x487)]
        ) { c in fixedBits(c, "host.cr0", fixed0: 0x486, fixed1: 0x487, name: "CR0") },
        Check(
            "host-cr0-reserved", registers,
            "Host CR0 bits 63:32, reserved on every processor, must be 0."
        ) { c in c.reservedRows("host.cr0") },
        Check(
            "host-cr4-fixed", registers,
            "The host CR4 field must not set any bit to a value not supported in VMX operation: the bits IA32_VMX_CR4_FIXED0 reports must be 1, those IA32_VMX_CR4_FIXED1 does not allow must be 0.",
            needs: [.msr(0x488), .msr(0x489)]
        ) { c in fixedBits(c, "host.cr4", fixed0: 0x488, fixed1: 0x489, name: "CR4") },
        Check(
            "host-cr4-reserved", registers,
            "Host CR4 bits reserved on every processor (15, 26, 31:29, 63:33) must be 0."
        ) { c in c.reservedRows("host.cr4") },
        Check(
            "host-cet-requires-wp", registers,
            "If host CR4.CET is 1, host CR0.WP must be 1."
        ) { c in
            c.require(implies(c.flag("host.cr4", "cet"), c.flag("host.cr0", "wp")), "host.cr0", "\(c.describe("host.cr0")): WP is 0 while host CR4.CET is 1")
        },
        Check(
            "host-cr3-reserved", registers,
            "Host CR3 bits 63:52 must be 0 (bits 62:61 only where LAM allows them)."
        ) { c in c.reservedRows("host.cr3") },
        Check(
            "host-cr3-width", registers,
            "Host CR3 may not set bits beyond the physical-address width.",
            needs: [.maxPhysicalAddress]
        ) { c in cr3Width(c, "host.cr3") },
        Check(
            "host-cr3-lam", registers,
            "Host CR3 bits 62:61 (LAM_U48, LAM_U57) may be 1 only on processors that support LAM.",
            needs: [.cpuid(CPUIDRegister(leaf: 7, subleaf: 1, .eax))]
        ) { c in cr3LAM(c, "host.cr3") },
        Check(
            "host-sysenter-canonical", registers,
            "The host IA32_SYSENTER_ESP and IA32_SYSENTER_EIP fields must hold canonical addresses.",
            needs: [.linearAddressWidth]
        ) { c in
            c.every([c.canonicalField("host.sysenter_esp", what: "SYSENTER_ESP"), c.canonicalField("host.sysenter_eip", what: "SYSENTER_EIP")])
        },
        Check(
            "host-perf-global-ctrl-reserved", registers,
            "If \"load IA32_PERF_GLOBAL_CTRL\" (VM-exit) is 1, bits reserved in IA32_PERF_GLOBAL_CTRL must be 0 in the host field.",
            needs: [.cpuid(CPUIDRegister(leaf: 0x0a, .eax)), .cpuid(CPUIDRegister(leaf: 0x0a, .edx))]
        ) { c in c.when(c.exitControl("load_perf_global_ctrl")) { perfGlobalCtrl(c, "host.ia32_perf_global_ctrl") } },
        Check(
            "host-pat", registers,
            "If \"load IA32_PAT\" (VM-exit) is 1, every byte of the host IA32_PAT field must be a valid memory type (0, 1, 4, 5, 6, 7) with bits 7:3 clear."
        ) { c in c.when(c.exitControl("load_pat")) { c.patValid("host.ia32_pat") } },
        Check(
            "host-efer-reserved", registers,
            "If \"load IA32_EFER\" (VM-exit) is 1, bits reserved in IA32_EFER must be 0 in the host field."
        ) { c in c.when(c.exitControl("load_efer")) { c.reservedRows("host.ia32_efer") } },
        Check(
            "host-efer-address-space", registers,
            "If \"load IA32_EFER\" (VM-exit) is 1, host EFER.LMA and EFER.LME must each equal the \"host address-space size\" VM-exit control."
        ) { c in
            c.when(c.exitControl("load_efer")) {
                let size = c.hostAddressSpaceSize
                return c.every([
                    c.require(equal(c.flag("host.ia32_efer", "lma"), size), "host.ia32_efer", "\(c.describe("host.ia32_efer")): LMA differs from the host address-space size control"),
                    c.require(equal(c.flag("host.ia32_efer", "lme"), size), "host.ia32_efer", "\(c.describe("host.ia32_efer")): LME differs from the host address-space size control"),
                ])
            }
        },
        Check(
            "host-s-cet-canonical", registers,
            "If \"load CET state\" (VM-exit) is 1, the host IA32_S_CET field must be canonical, and bits 63:32 must be 0 if \"host address-space size\" is 0.",
            needs: [.linearAddressWidth]
        ) { c in
            c.when(c.exitControl("load_cet_state")) {
                let value = c.value("host.s_cet")
                return c.every([
                    c.canonicalField("host.s_cet", what: "IA32_S_CET (its legacy-bitmap base)"),
                    c.when(not(c.hostAddressSpaceSize)) {
                        c.require(value.map { $0 >> 32 == 0 }, "host.s_cet", "\(c.describe("host.s_cet")): bits 63:32 must be 0 for a 32-bit host")
                    },
                ])
            }
        },
        Check(
            "host-s-cet-reserved", registers,
            "If \"load CET state\" (VM-exit) is 1, bits 9:6 of the host IA32_S_CET field (reserved) must be 0."
        ) { c in c.when(c.exitControl("load_cet_state")) { c.reservedRows("host.s_cet") } },
        Check(
            "host-s-cet-suppress-tracker", registers,
            "If \"load CET state\" (VM-exit) is 1, bits 10 (SUPPRESS) and 11 (TRACKER) of the host IA32_S_CET field cannot both be 1."
        ) { c in c.when(c.exitControl("load_cet_state")) { suppressAndTracker(c, "host.s_cet") } },
        Check(
            "host-isst-canonical", registers,
            "If \"load CET state\" (VM-exit) is 1, the host IA32_INTERRUPT_SSP_TABLE_ADDR field must be canonical.",
            needs: [.linearAddressWidth]
        ) { c in c.when(c.exitControl("load_cet_state")) { c.canonicalField("host.intr_ssp_table", what: "interrupt SSP table address") } },
        Check(
            "host-ssp-alignment", registers,
            "If \"load CET state\" (VM-exit) is 1, bits 1:0 of the host SSP field must be 0."
        ) { c in
            c.when(c.exitControl("load_cet_state")) {
                c.require(c.value("host.ssp").map { $0 & 3 == 0 }, "host.ssp", "\(c.describe("host.ssp")): bits 1:0 must be 0")
            }
        },
        Check(
            "host-ssp-address-space", registers,
            "If \"load CET state\" (VM-exit) is 1, the host SSP field must be canonical if \"host address-space size\" is 1, and bits 63:32 must be 0 if it is 0.",
            needs: [.linearAddressWidth]
        ) { c in
            c.when(c.exitControl("load_cet_state")) {
                let ssp = c.value("host.ssp")
                return c.every([
                    c.when(c.hostAddressSpaceSize) { c.require(c.canonical(ssp), "host.ssp", "\(c.describe("host.ssp")): not canonical\(c.linearNote)") },
                    c.when(not(c.hostAddressSpaceSize)) { c.require(ssp.map { $0 >> 32 == 0 }, "host.ssp", "\(c.describe("host.ssp")): bits 63:32 must be 0 for a 32-bit host") },
                ])
            }
        },
        Check(
            "host-pkrs", registers,
            "If \"load PKRS\" (VM-exit) is 1, bits 63:32 of the host IA32_PKRS field must be 0."
        ) { c in c.when(c.exitControl("load_pkrs")) { c.reservedRows("host.ia32_pkrs") } },
        Check(
            "host-spec-ctrl-reserved", registers,
            "If the secondary VM-exit control \"load IA32_SPEC_CTRL\" is 1, bits reserved in IA32_SPEC_CTRL must be 0 in the host field."
        ) { c in c.when(c.secondaryExit("load_spec_ctrl")) { c.reservedRows("host.ia32_spec_ctrl") } },
        Check(
            "host-fred-config-reserved", Sections.fredHost,
            "If the secondary VM-exit control \"load FRED\" is 1, the reserved bits of the host IA32_FRED_CONFIG field (2, 5:4, 11) must be 0."
        ) { c in c.when(c.secondaryExit("load_fred")) { c.reservedRows("host.ia32_fred_config") } },
        Check(
            "host-fred-stacks", Sections.fredHost,
            "If the secondary VM-exit control \"load FRED\" is 1, the host IA32_FRED_RSP1-3 fields must be canonical with bits 5:0 clear, and IA32_FRED_SSP1-3 canonical with bits 2:0 clear.",
            needs: [.linearAddressWidth]
        ) { c in c.when(c.secondaryExit("load_fred")) { fredStacks(c, prefix: "host") } },

        // MARK: 27.2.3 Host segment and descriptor-table registers
        Check(
            "host-selector-rpl-ti", segments,
            "In the host selector fields for ES, CS, SS, DS, FS, GS and TR, the RPL (bits 1:0) and the TI flag (bit 2) must be 0."
        ) { c in
            c.every(
                ["es", "cs", "ss", "ds", "fs", "gs", "tr"].map { segment in
                    let field = "host.\(segment).selector"
                    return c.require(c.value(field).map { $0 & 7 == 0 }, field, "\(c.describe(field)): RPL and TI must be 0")
                })
        },
        Check(
            "host-cs-selector-nonzero", segments,
            "The host CS selector must not be 0000H."
        ) { c in c.require(c.value("host.cs.selector").map { $0 != 0 }, "host.cs.selector", "HOST_CS_SELECTOR = 0x0000 is the null selector") },
        Check(
            "host-tr-selector-nonzero", segments,
            "The host TR selector must not be 0000H."
        ) { c in c.require(c.value("host.tr.selector").map { $0 != 0 }, "host.tr.selector", "HOST_TR_SELECTOR = 0x0000 is the null selector") },
        Check(
            "host-ss-selector-nonzero", segments,
            "The host SS selector must not be 0000H if \"host address-space size\" is 0."
        ) { c in
            c.when(not(c.hostAddressSpaceSize)) {
                c.require(c.value("host.ss.selector").map { $0 != 0 }, "host.ss.selector", "HOST_SS_SELECTOR = 0x0000 for a 32-bit host")
            }
        },
        Check(
            "host-bases-canonical", segments,
            "The host FS, GS, TR, GDTR and IDTR base-address fields must hold canonical addresses.",
            needs: [.linearAddressWidth]
        ) { c in
            c.every(
                ["fs", "gs", "tr", "gdtr", "idtr"].map { c.canonicalField("host.\($0).base", what: "\($0.uppercased()) base") })
        },

        // MARK: 27.2.4 Address-space size
        Check(
            "host-outside-ia32e-mode", size,
            "If VM entry is executed outside IA-32e mode (the VMM's IA32_EFER.LMA is 0), \"IA-32e mode guest\" and \"host address-space size\" must be 0.",
            needs: [.entryFromIA32eMode]
        ) { c in
            c.when(anyOf(c.ia32eModeGuest, c.hostAddressSpaceSize)) {
                c.require(c.entryFromIA32eMode, "ctrl.exit", "\(c.describe("ctrl.exit")): a 64-bit host or guest on a VM entry executed outside IA-32e mode")
            }
        },
        Check(
            "host-inside-ia32e-mode", size,
            "If VM entry is executed in IA-32e mode, \"host address-space size\" must be 1.",
            needs: [.entryFromIA32eMode]
        ) { c in
            c.when(not(c.hostAddressSpaceSize)) {
                c.require(not(c.entryFromIA32eMode), "ctrl.exit", "\(c.describe("ctrl.exit")): \"host address-space size\" is 0 on a VM entry executed in IA-32e mode")
            }
        },
        Check(
            "host-32bit-no-ia32e-guest", size,
            "If \"host address-space size\" is 0, \"IA-32e mode guest\" must be 0."
        ) { c in
            c.require(
                implies(not(c.hostAddressSpaceSize), not(c.ia32eModeGuest)), "ctrl.entry",
                "\(c.describe("ctrl.entry")): an IA-32e mode guest with a 32-bit host")
        },
        Check(
            "host-32bit-no-pcide", size,
            "If \"host address-space size\" is 0, host CR4.PCIDE must be 0."
        ) { c in
            c.require(implies(not(c.hostAddressSpaceSize), not(c.flag("host.cr4", "pcide"))), "host.cr4", "\(c.describe("host.cr4")): PCIDE is 1 for a 32-bit host")
        },
        Check(
            "host-32bit-rip", size,
            "If \"host address-space size\" is 0, bits 63:32 of the host RIP field must be 0."
        ) { c in
            c.when(not(c.hostAddressSpaceSize)) {
                c.require(c.value("host.rip").map { $0 >> 32 == 0 }, "host.rip", "\(c.describe("host.rip")): bits 63:32 must be 0 for a 32-bit host")
            }
        },
        Check(
            "host-64bit-pae", size,
            "If \"host address-space size\" is 1, host CR4.PAE must be 1."
        ) { c in
            c.require(implies(c.hostAddressSpaceSize, c.flag("host.cr4", "pae")), "host.cr4", "\(c.describe("host.cr4")): PAE is 0 for a 64-bit host")
        },
        Check(
            "host-64bit-rip-canonical", size,
            "If \"host address-space size\" is 1, the host RIP field must be canonical.",
            needs: [.linearAddressWidth]
        ) { c in c.when(c.hostAddressSpaceSize) { c.canonicalField("host.rip", what: "host RIP") } },
    ]
}
