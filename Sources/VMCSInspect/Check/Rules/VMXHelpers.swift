/// Reads of VMCS controls and state the VM-entry rules share. Each follows the SDM's wording:
/// a secondary or tertiary control counts only when the primary control activating it is 1
/// (SDM Vol. 3 (325384-084) section 25.6.2), so reading one may need only the primary field.
extension RuleContext {
    func pin(_ bit: String) -> Bool? { flag("ctrl.pin_based", bit) }
    func primary(_ bit: String) -> Bool? { flag("ctrl.proc_based", bit) }

    func secondary(_ bit: String) -> Bool? {
        let active = primary("activate_secondary_controls")
        if active == false { return false }
        return allOf(active, flag("ctrl.proc_based2", bit))
    }

    func tertiary(_ bit: String) -> Bool? {
        let active = primary("activate_tertiary_controls")
        if active == false { return false }
        return allOf(active, flag("ctrl.proc_based3", bit))
    }

    func exitControl(_ bit: String) -> Bool? { flag("ctrl.exit", bit) }

    func secondaryExit(_ bit: String) -> Bool? {
        let active = exitControl("activate_secondary_controls")
        if active == false { return false }
        return allOf(active, flag("ctrl.exit2", bit))
    }

    func entryControl(_ bit: String) -> Bool? { flag("ctrl.entry", bit) }

    var ia32eModeGuest: Bool? { entryControl("ia32e_mode_guest") }
    var hostAddressSpaceSize: Bool? { exitControl("host_address_space_size") }
    var unrestrictedGuest: Bool? { secondary("unrestricted_guest") }

    // MARK: Event injection (SDM 25.8.3)

    var injecting: Bool? { flag("ctrl.entry_intr_info", "valid") }
    var injectionType: UInt64? { bits("ctrl.entry_intr_info", "type") }
    var injectionVector: UInt64? { bits("ctrl.entry_intr_info", "vector") }

    /// VM entry injects an event of one of these interruption types.
    func injects(_ types: Set<UInt64>) -> Bool? {
        let valid = injecting
        if valid == false { return false }
        return allOf(valid, injectionType.map { types.contains($0) })
    }

    // MARK: Guest state

    /// The segment is usable (access-rights bit 16 clear).
    func usable(_ segment: String) -> Bool? { not(flag("guest.\(segment).ar", "unusable")) }

    /// RFLAGS.VM: the guest is in virtual-8086 mode.
    var virtual8086: Bool? { flag("guest.rflags", "vm") }

    var guestCS64: Bool? { allOf(ia32eModeGuest, flag("guest.cs.ar", "l")) }

    // MARK: Capability MSRs (SDM Vol. 3 Appendix A)

    /// The capability MSR that reports a control field's allowed settings: its TRUE form when
    /// IA32_VMX_BASIC[55] is 1 (Appendix A.2).
    func controlMSR(plain: UInt32, true trueForm: UInt32) -> UInt64? {
        guard let basic = msr(0x480) else {
            // Which of the two is needed, IA32_VMX_BASIC says: name both, so one capture does.
            _ = msr(plain)
            _ = msr(trueForm)
            return nil
        }
        return msr((basic >> 55) & 1 == 1 ? trueForm : plain)
    }

    /// A 32-bit control field against its capability MSR: bits set in 31:0 of the MSR must be
    /// 1, bits clear in 63:32 must be 0 (Appendix A.3 to A.5).
    func controlsAllowed(_ field: String, _ msrValue: UInt64?, msrName: String) -> Verdict {
        guard let value = self.value(field), let msrValue else { return .unknown }
        let mustBeOne = msrValue & 0xffff_ffff
        let mayBeOne = msrValue >> 32
        let clearOnes = mustBeOne & ~value & 0xffff_ffff
        let setZeros = value & ~mayBeOne & 0xffff_ffff
        guard clearOnes != 0 || setZeros != 0 else { return .holds }
        var parts: [String] = []
        if clearOnes != 0 { parts.append("\(bitList(clearOnes)) must be 1") }
        if setZeros != 0 { parts.append("\(bitList(setZeros)) must be 0") }
        return .broken([
            Violation(
                field: field, message: "\(describe(field)): \(parts.joined(separator: " and ")) (\(msrName) = \(ValueText.hex(msrValue)))",
                bits: clearOnes | setZeros)
        ])
    }

    /// A 64-bit control field against a capability MSR that lists the allowed 1-settings.
    func controlsAllowedOnes(_ field: String, _ msrValue: UInt64?, msrName: String) -> Verdict {
        guard let value = self.value(field), let msrValue else { return .unknown }
        let setZeros = value & ~msrValue
        guard setZeros != 0 else { return .holds }
        return .broken([
            Violation(
                field: field, message: "\(describe(field)): \(bitList(setZeros)) must be 0 (\(msrName) = \(ValueText.hex(msrValue)))",
                bits: setZeros)
        ])
    }

    // MARK: Addresses

    /// An address field a control enables: bits 11:0 (or whatever `alignment` says) must be 0
    /// and no bit may be set beyond the physical-address width.
    func alignedAddress(_ field: String, alignment: UInt64 = 0x1000, what: String) -> Verdict {
        guard let address = value(field) else { return .unknown }
        let low = address & (alignment - 1)
        let lowBits = alignment.trailingZeroBitCount - 1
        return every([
            require(low == 0, field, "\(describe(field)): bits \(lowBits):0 of the \(what) must be 0"),
            require(
                withinPhysicalWidth(address), field,
                "\(describe(field)): the \(what) sets bits beyond the physical-address width\(widthNote)"),
        ])
    }

    /// `` (MAXPHYADDR 40)`` when the profile gives it, for messages.
    var widthNote: String { profile.maxPhysicalAddress.map { " (MAXPHYADDR \($0))" } ?? "" }

    /// A field must hold a canonical address.
    func canonicalField(_ field: String, what: String) -> Verdict {
        guard let address = value(field) else { return .unknown }
        return require(canonical(address), field, "\(describe(field)): the \(what) is not canonical\(linearNote)")
    }

    var linearNote: String { profile.linearAddressWidth.map { " (\($0)-bit linear addresses)" } ?? "" }

    /// IA32_PAT: every entry a memory type the SDM defines (0, 1, 4, 5, 6, 7), with bits 7:3 clear;
    /// the defined types are the entries' value names in the catalog.
    func patValid(_ field: String) -> Verdict {
        guard let decodedField = decoded.field(field), decodedField.integer != nil else {
            _ = value(field)
            return .unknown
        }
        // Entries whose bits the input lacks (a PAT given by its high half alone) decide nothing.
        let unreadable = unreadableBits(field)
        let badTypes = decodedField.bits.filter { row in
            if case .enumerated = row.definition.kind { return row.valueName == nil && row.definition.range.mask & unreadable == 0 }
            return false
        }
        let reserved = decodedField.bits.filter { $0.definition.failsEntry && Self.breaks($0, in: decodedField.integer ?? 0, knowing: ~unreadable) }
        guard !badTypes.isEmpty || !reserved.isEmpty else {
            let checked = decodedField.bits.filter {
                if case .enumerated = $0.definition.kind { return true }
                return $0.definition.failsEntry
            }
            return undecided(field, within: checked.reduce(UInt64(0)) { $0 | $1.definition.range.mask }) ? .unknown : .holds
        }
        let names = badTypes.map { "\($0.definition.name) = \($0.value)" } + reserved.map { "bits \($0.definition.range) = \(ValueText.hex($0.value))" }
        return .broken([
            Violation(
                field: field,
                message: "\(describe(field)): \(names.joined(separator: ", ")): every entry must be a memory type the SDM defines (0, 1, 4, 5, 6 or 7)",
                bits: reserved.reduce(0) { $0 | $1.definition.range.mask })
        ])
    }
}
