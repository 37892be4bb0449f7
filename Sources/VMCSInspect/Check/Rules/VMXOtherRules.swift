/// The VM-entry rules outside chapter 27's control, host and guest checks: the executive-VMCS
/// pointer of VM entries that return from SMM (the dual-monitor treatment), and the entries of
/// the VM-entry MSR-load area (SDM Vol. 3 (325384-084) section 27.4), which live in memory and
/// are judged only for the MSR a producer recorded beside a failure.
enum VMXOtherRules {
    /// A VM entry that returns from SMM: executed in SMM with "entry to SMM" 0.
    static func returnFromSMM(_ c: RuleContext) -> Bool? { allOf(not(c.entryControl("entry_to_smm")), c.entryFromSMM) }

    static let executive: [Check] = [
        Check(
            "smm-executive-vmcs-alignment", Sections.executiveVMCS,
            "On a VM entry that returns from SMM, bits 11:0 of the executive-VMCS pointer must be 0 (VM-instruction error 16 otherwise).",
            needs: [.entryFromSMM]
        ) { c in
            c.when(returnFromSMM(c)) {
                c.require(c.value("ctrl.executive_vmcs_pointer").map { $0 & 0xfff == 0 }, "ctrl.executive_vmcs_pointer", "\(c.describe("ctrl.executive_vmcs_pointer")): bits 11:0 must be 0")
            }
        },
        Check(
            "smm-executive-vmcs-width", Sections.executiveVMCS,
            "On a VM entry that returns from SMM, the executive-VMCS pointer may not set bits beyond the physical-address width.",
            needs: [.entryFromSMM, .maxPhysicalAddress]
        ) { c in
            c.when(returnFromSMM(c)) {
                c.require(
                    c.withinPhysicalWidth(c.value("ctrl.executive_vmcs_pointer")), "ctrl.executive_vmcs_pointer",
                    "\(c.describe("ctrl.executive_vmcs_pointer")): bits beyond the physical-address width are set\(c.widthNote)")
            }
        },
        Check(
            "smm-executive-vmcs-revision", Sections.executiveVMCS,
            "On a VM entry that returns from SMM, the 32 bits the executive-VMCS pointer points to must hold the VMCS revision identifier.",
            needs: [.entryFromSMM, .memory("the first 32 bits of the executive VMCS")]
        ) { c in
            c.when(returnFromSMM(c)) { c.require(c.memory("the first 32 bits of the executive VMCS"), "ctrl.executive_vmcs_pointer", "") }
        },
    ]

    /// The failing MSR-load entry as the producer recorded it: index and value.
    static func recordedMSR(_ c: RuleContext) -> (index: UInt32, value: UInt64?)? {
        for failure in c.decoded.snapshot.failures {
            if let index = failure.msrIndex { return (index, failure.msrValue) }
        }
        return nil
    }

    /// The VM-entry MSR-load area holds entries (its count is not 0); nil when the count is absent.
    static func loadsMSRs(_ c: RuleContext) -> Bool? { c.value("ctrl.entry_msr_load_count").map { $0 != 0 } }

    static let msrLoading: [Check] = [
        Check(
            "msr-load-x2apic", Sections.msrLoading,
            "A VM-entry MSR-load entry must not name an x2APIC MSR (800H to 8FFH).",
            needs: [.memory("the VM-entry MSR-load area")]
        ) { c in
            c.when(loadsMSRs(c)) {
                guard let msr = recordedMSR(c) else { return c.require(c.memory("the VM-entry MSR-load area"), "ctrl.entry_msr_load_addr", "") }
                return c.require(!(0x800...0x8ff).contains(msr.index), "ctrl.entry_msr_load_addr", "the recorded MSR-load entry names x2APIC MSR \(ValueText.hex(UInt64(msr.index)))")
            }
        },
        Check(
            "msr-load-smm-only", Sections.msrLoading,
            "A VM-entry MSR-load entry must not name IA32_SMM_MONITOR_CTL (9BH) or IA32_SMBASE (9EH), which only SMM may write, unless VM entry is to SMM.",
            needs: [.memory("the VM-entry MSR-load area")]
        ) { c in
            c.when(loadsMSRs(c)) {
                guard let msr = recordedMSR(c) else { return c.require(c.memory("the VM-entry MSR-load area"), "ctrl.entry_msr_load_addr", "") }
                return c.when([0x9b, 0x9e].contains(msr.index)) {
                    c.require(c.entryControl("entry_to_smm"), "ctrl.entry_msr_load_addr", "the recorded MSR-load entry names \(msr.index == 0x9b ? "IA32_SMM_MONITOR_CTL" : "IA32_SMBASE"), which only SMM may load")
                }
            }
        },
        Check(
            "msr-load-fs-gs-base", Sections.msrLoading,
            "A VM-entry MSR-load entry for IA32_FS_BASE (C0000100H) or IA32_GS_BASE (C0000101H) must hold a canonical value.",
            needs: [.memory("the VM-entry MSR-load area"), .linearAddressWidth]
        ) { c in
            c.when(loadsMSRs(c)) {
                guard let msr = recordedMSR(c) else { return c.require(c.memory("the VM-entry MSR-load area"), "ctrl.entry_msr_load_addr", "") }
                guard msr.index == 0xc000_0100 || msr.index == 0xc000_0101 else { return .holds }
                guard let value = msr.value else { return c.require(c.memory("the value of the recorded MSR-load entry"), "ctrl.entry_msr_load_addr", "") }
                return c.require(c.canonical(value), "ctrl.entry_msr_load_addr", "the recorded MSR-load entry loads \(ValueText.hex(value)) into \(msr.index == 0xc000_0100 ? "IA32_FS_BASE" : "IA32_GS_BASE"), which is not canonical")
            }
        },
        Check(
            "msr-load-wrmsr-faults", Sections.msrLoading,
            "A VM-entry MSR-load entry must hold a value WRMSR at CPL 0 would write without #GP; which values fault is the processor's own.",
            needs: [.memory("the VM-entry MSR-load area"), .processor("whether WRMSR of the value faults")]
        ) { c in
            c.when(loadsMSRs(c)) {
                guard let msr = recordedMSR(c) else { return c.require(c.memory("the VM-entry MSR-load area"), "ctrl.entry_msr_load_addr", "") }
                let value = msr.value.map { ValueText.hex($0) } ?? "its value"
                return c.require(
                    c.processorBehaviour("whether WRMSR of \(value) to MSR \(ValueText.hex(UInt64(msr.index))) faults"), "ctrl.entry_msr_load_addr", "")
            }
        },
        Check(
            "msr-load-microcode-trigger", Sections.msrLoading,
            "A VM-entry MSR-load entry must not name an MSR VM entry cannot load for model-specific reasons, such as IA32_BIOS_UPDT_TRIG (79H).",
            needs: [.memory("the VM-entry MSR-load area")]
        ) { c in
            c.when(loadsMSRs(c)) {
                guard let msr = recordedMSR(c) else { return c.require(c.memory("the VM-entry MSR-load area"), "ctrl.entry_msr_load_addr", "") }
                return c.require(msr.index != 0x79, "ctrl.entry_msr_load_addr", "the recorded MSR-load entry names IA32_BIOS_UPDT_TRIG (79H)")
            }
        },
    ]
}

/// Every VMX rule, in the order VM entry performs them (SDM Vol. 3 (325384-084) section 27.1):
/// controls, host state, the executive-VMCS pointer, guest state, then MSR loading.
enum VMXRules {
    static let all: [Check] =
        VMXControlRules.execution + VMXControlRules.exit + VMXControlRules.entry + VMXHostRules.all + VMXOtherRules.executive
        + VMXGuestRules.all + VMXOtherRules.msrLoading
}
