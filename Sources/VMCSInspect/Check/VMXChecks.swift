/// Where the VM-entry checks are stated: Intel SDM Vol. 3, order number 325384-084.
enum SDM {
    static let executionControls = "SDM Vol. 3 (325384-084) section 27.2.1.1, checks on VM-execution control fields"
    static let exitControls = "SDM Vol. 3 (325384-084) section 27.2.1.2, checks on VM-exit control fields"
    static let hostState = "SDM Vol. 3 (325384-084) sections 27.2.2 to 27.2.4, checks on the host-state area"
    static let controlChecks = "SDM Vol. 3 (325384-084) section 27.2.1.3, checks on VM-entry control fields"
    static let guestControlRegisters =
        "SDM Vol. 3 (325384-084) section 27.3.1.1, checks on guest control registers, debug registers and MSRs"
    static let guestSegments = "SDM Vol. 3 (325384-084) section 27.3.1.2, checks on guest segment registers"
    static let guestRIPAndRFLAGS = "SDM Vol. 3 (325384-084) section 27.3.1.4, checks on guest RIP, RFLAGS and SSP"
    static let guestNonRegisterState = "SDM Vol. 3 (325384-084) section 27.3.1.5, checks on guest non-register state"
}

/// The VMX checks in the order VM entry performs them.
enum VMXChecks {
    static let all: [any Check] = [
        VirtualNMIsRequireNMIExiting(),
        APICVirtualizationRequiresTPRShadow(),
        VirtualInterruptDeliveryRequiresInterruptExiting(),
        PostedInterruptsAreConsistent(),
        VPIDIsNotZero(),
        EPTFeaturesRequireEPT(),
        EPTPointerIsValid(),
        PreemptionTimerSaveRequiresTimer(),
        EventInjectionIsConsistent(),
        ControlRegistersHoldVMXFixedBits.host,
        HostSelectorsAreValid(),
        HostAddressSpaceIsConsistent(),
        PATHoldsMemoryTypes.host,
        ControlRegistersHoldVMXFixedBits.guest,
        GuestPagingRequiresProtectedMode(),
        GuestLongModeRequiresPAEPaging(),
        GuestCR3HasNoReservedBits(),
        GuestDR7UpperHalfIsClear(),
        PATHoldsMemoryTypes.guest,
        GuestEFERAgreesWithLongMode(),
        GuestVirtual8086SegmentsAreRealModeLike(),
        GuestSegmentLimitsFitGranularity(),
        GuestSegmentTypesAreValid(),
        GuestCodeSegmentFitsLongMode(),
        GuestTaskRegisterIsABusyTSS(),
        GuestLDTRIsAnLDT(),
        GuestRFLAGSIsValid(),
        GuestActivityStateIsValid(),
        GuestInterruptibilityIsConsistent(),
        VMCSLinkPointerIsAligned(),
        ReservedBitsHoldTheirValues(architecture: .vmx),
    ]
}

/// The segment registers whose fields VM entry checks alike (SDM section 27.3.1.2).
let vmxDataSegments = ["es", "ss", "ds", "fs", "gs"]
let vmxSegments = ["cs"] + vmxDataSegments

extension CheckState {
    /// The "IA-32e mode guest" VM-entry control.
    func vmxLongModeGuest() throws -> Bool { try flag("ctrl.entry", "ia32e_mode_guest") }

    /// The "unrestricted guest" control, which counts only when secondary controls are active.
    func vmxUnrestrictedGuest() throws -> Bool { try vmxSecondary("unrestricted_guest") }

    /// A secondary processor-based control, which counts only when secondary controls are active.
    func vmxSecondary(_ bit: String) throws -> Bool {
        guard try flag("ctrl.proc_based", "activate_secondary_controls") else { return false }
        return try flag("ctrl.proc_based2", bit)
    }

    /// True when the segment's access rights mark it unusable (bit 16).
    func vmxUnusable(_ segment: String) throws -> Bool { try flag("guest.\(segment).ar", "unusable") }

    /// The event VM entry injects: (type, vector), or nil when the valid bit is clear.
    func vmxInjectedEvent() throws -> (type: UInt64, vector: UInt64)? {
        guard try flag("ctrl.entry_intr_info", "valid") else { return nil }
        return (try bit("ctrl.entry_intr_info", "type"), try bit("ctrl.entry_intr_info", "vector"))
    }
}
