/// What a rule reads: a decoded snapshot's fields and bits by catalog id, the processor profile,
/// and the failures the producer recorded. Every read that finds nothing returns nil and notes
/// what was missing, so a rule that cannot be decided names exactly what it lacked.
final class RuleContext {
    let decoded: DecodedSnapshot
    let profile: CapabilityProfile
    private(set) var missing: [Missing] = []
    /// Names a rule used that the catalog lacks: bugs in the rule, which the tests look for.
    private(set) var unknownNames: [String] = []

    init(_ decoded: DecodedSnapshot, profile: CapabilityProfile) {
        self.decoded = decoded
        self.profile = profile
    }

    /// Forgets what the previous rule lacked.
    func reset() {
        missing = []
        unknownNames = []
    }

    private func note(_ item: Missing) {
        if !missing.contains(item) { missing.append(item) }
    }

    // MARK: Fields

    /// The field's value; nil (noted) when the input lacks it or some of its bits, or gives
    /// some of them only as the guest sees them.
    func value(_ id: String) -> UInt64? {
        let uncertain = decoded.snapshot.uncertainBits(id)
        if uncertain.guestView | uncertain.absent != 0, decoded.field(id)?.integer != nil {
            noteUncertain(id, uncertain, within: ~0)
            return nil
        }
        if let value = decoded.field(id)?.integer { return value }
        if decoded.catalog.field(id: id) == nil {
            unknownNames.append(id)
        } else {
            note(.field(id))
        }
        return nil
    }

    /// Notes the bits of `mask` that the input gives only as the guest sees them, or not at all.
    private func noteUncertain(_ id: String, _ uncertain: (guestView: UInt64, absent: UInt64), within mask: UInt64) {
        for item in Missing.uncertain(id, guestView: uncertain.guestView, absent: uncertain.absent, within: mask) { note(item) }
    }

    /// True when the input holds the field (no note either way).
    func has(_ id: String) -> Bool { decoded.field(id)?.integer != nil }

    /// The bit row `bit` of the field (shifted down; addresses in place), from the table the
    /// decoder chose for its value; nil (noted) when the field is missing or its table has no
    /// such row for this value.
    func bits(_ field: String, _ bit: String) -> UInt64? {
        guard let definition = decoded.catalog.field(id: field),
            decoded.catalog.layouts(of: definition).contains(where: { $0.bits.contains { $0.id == bit } })
        else {
            unknownNames.append("\(field).\(bit)")
            return nil
        }
        guard let decodedField = decoded.field(field), decodedField.integer != nil else {
            note(.field(field))
            return nil
        }
        let uncertain = decoded.snapshot.uncertainBits(field)
        if let range = decoded.catalog.layouts(of: definition).lazy.flatMap(\.bits).first(where: { $0.id == bit })?.range,
            range.mask & (uncertain.guestView | uncertain.absent) != 0
        {
            noteUncertain(field, uncertain, within: range.mask)
            return nil
        }
        guard let row = decodedField.bits.first(where: { $0.definition.id == bit }) else {
            // Bits the input lacks choose the table: the row counts when every table they allow
            // has it, with the same value.
            if decodedField.openLayout != nil {
                if let value = Self.agreed(bit, in: decodedField.allowedReadings) { return value }
                noteLayoutUndecided(decodedField)
                return nil
            }
            // CS's and TR's access rights are checked whatever bit 16 says (SDM 27.3.1.2: "if the
            // register is CS or if the register is usable"; TR's sub-fields unconditionally),
            // though the catalog, describing the value, calls an unusable segment's bits ignored.
            if Self.checkedWhenUnusable.contains(field), let value = decodedField.integer,
                let range = decoded.catalog.layouts(of: definition).lazy.flatMap(\.bits).first(where: { $0.id == bit })?.range
            {
                return (value & range.mask) >> UInt64(range.lsb)
            }
            note(.bit(field: field, bit: bit))
            return nil
        }
        return row.value
    }

    static let checkedWhenUnusable: Set<String> = ["guest.cs.ar", "guest.tr.ar"]

    /// The flag `bit` of the field.
    func flag(_ field: String, _ bit: String) -> Bool? { bits(field, bit).map { $0 != 0 } }

    /// The field as the text renderer prints it (`GUEST_CR0 = 0x...`).
    func describe(_ field: String) -> String {
        guard let decodedField = decoded.field(field) else { return field }
        return "\(decodedField.definition.name) = \(ValueText.value(decodedField))"
    }

    /// The field's name as people grep for it.
    func name(_ field: String) -> String { decoded.catalog.field(id: field)?.name ?? field }

    /// The reserved rows of the field's table that VM entry or VMRUN checks and that its value
    /// breaks, with the bits at fault; nil (noted) when the field is missing, or when no row
    /// breaks in the bits the input gives but a checked row has bits it does not give (or gives
    /// only as the guest sees them).
    func entryReservedViolations(_ field: String) -> [DecodedBit]? {
        guard let decodedField = decoded.field(field), decodedField.integer != nil else {
            if decoded.catalog.field(id: field) == nil { unknownNames.append(field) } else { note(.field(field)) }
            return nil
        }
        let word = decodedField.integer ?? 0
        guard decodedField.openLayout != nil else { return reservedViolations(field, decodedField.bits, in: word) }
        // Bits the input lacks choose the table: judged by each table they allow (no table
        // reserves nothing), and decided when all agree.
        let outcomes = decodedField.allowedReadings.map { reservedViolations(field, $0, in: word) }
        let decided = outcomes.compactMap { $0 }
        if decided.count == outcomes.count, decided.allSatisfy(\.isEmpty) || !decided.contains(where: \.isEmpty) {
            return decided.first { !$0.isEmpty } ?? []
        }
        noteLayoutUndecided(decodedField)
        return nil
    }

    /// The checked reserved rows of `rows` that `word` breaks; nil (noted) when none breaks in
    /// the bits the input gives but a checked row has bits it does not give.
    private func reservedViolations(_ field: String, _ rows: [DecodedBit], in word: UInt64) -> [DecodedBit]? {
        let unreadable = unreadableBits(field)
        let checked = rows.filter(\.definition.failsEntry)
        let broken = checked.filter { Self.breaks($0, in: word, knowing: ~unreadable) }
        // A row chosen by bits the input lacks (a segment's rows by its unusable bit) may apply.
        let read = checked.reduce(UInt64(0)) { $0 | $1.definition.range.mask | $1.choosingUnknownBits }
        if broken.isEmpty, undecided(field, within: read) { return nil }
        return broken
    }

    /// The value of row `bit` when every reading has it, known and the same.
    static func agreed(_ bit: String, in readings: [[DecodedBit]]) -> UInt64? {
        var value: UInt64?
        for rows in readings {
            guard let row = rows.first(where: { $0.definition.id == bit }), !row.isUncertain,
                value == nil || value == row.value
            else { return nil }
            value = row.value
        }
        return value
    }

    /// True when the reserved row `bit` differs from what the manual requires in the bits of
    /// `known` (a row that reaches into bits the input lacks still breaks on those it gives).
    static func breaks(_ bit: DecodedBit, in word: UInt64, knowing known: UInt64) -> Bool {
        guard bit.violatesReservation, case .reserved(let required) = bit.definition.kind else { return false }
        let range = bit.definition.range
        return (word ^ (required << UInt64(range.lsb))) & range.mask & known != 0
    }

    /// Notes the bits the input lacks that choose the field's table.
    func noteLayoutUndecided(_ field: DecodedField) {
        for item in field.layoutUndecidedBy.flatMap(Missing.choosing) { note(item) }
    }

    /// The bits of a field a rule cannot read as the structure holds them.
    func unreadableBits(_ field: String) -> UInt64 {
        let uncertain = decoded.snapshot.uncertainBits(field)
        return uncertain.guestView | uncertain.absent
    }

    /// True, noting what is missing, when some bits of `mask` cannot be read.
    func undecided(_ field: String, within mask: UInt64) -> Bool {
        let uncertain = decoded.snapshot.uncertainBits(field)
        guard (uncertain.guestView | uncertain.absent) & mask != 0 else { return false }
        noteUncertain(field, uncertain, within: mask)
        return true
    }

    /// The mask of the reserved rows VM entry checks in the field's table for this value.
    func entryReservedMask(_ field: String) -> UInt64? {
        guard let decodedField = decoded.field(field), decodedField.integer != nil else { return nil }
        return decodedField.bits.filter { $0.definition.failsEntry }.reduce(0) { $0 | $1.definition.range.mask }
    }

    // MARK: Capabilities

    func msr(_ index: UInt32) -> UInt64? {
        if let value = profile.msr(index) { return value }
        note(.capability(.msr(index)))
        return nil
    }

    func cpuid(_ leaf: UInt32, _ subleaf: UInt32? = nil, _ register: CPUIDRegister.Register) -> UInt32? {
        let key = CPUIDRegister(leaf: leaf, subleaf: subleaf, register)
        if let value = profile.cpuid(key) { return value }
        note(.capability(.cpuid(key)))
        return nil
    }

    /// A CPUID feature bit.
    func cpuidBit(_ leaf: UInt32, _ subleaf: UInt32? = nil, _ register: CPUIDRegister.Register, _ bit: Int) -> Bool? {
        cpuid(leaf, subleaf, register).map { ($0 >> UInt32(bit)) & 1 == 1 }
    }

    /// A bit of a capability MSR.
    func msrBit(_ index: UInt32, _ bit: Int) -> Bool? { msr(index).map { ($0 >> UInt64(bit)) & 1 == 1 } }

    var maxPhysicalAddress: Int? {
        if let width = profile.maxPhysicalAddress { return width }
        note(.capability(.maxPhysicalAddress))
        return nil
    }

    var linearAddressWidth: Int? {
        if let width = profile.linearAddressWidth { return width }
        note(.capability(.linearAddressWidth))
        return nil
    }

    var entryFromSMM: Bool? {
        if let value = profile.entryFromSMM { return value }
        note(.capability(.entryFromSMM))
        return nil
    }

    var entryFromIA32eMode: Bool? {
        if let value = profile.entryFromIA32eMode { return value }
        note(.capability(.entryFromIA32eMode))
        return nil
    }

    /// Memory a rule would have to read: never in a dump, always noted.
    func memory(_ what: String) -> Bool? {
        note(.capability(.memory(what)))
        return nil
    }

    /// Model-specific behaviour no profile gives: always noted.
    func processorBehaviour(_ what: String) -> Bool? {
        note(.capability(.processor(what)))
        return nil
    }

    // MARK: Addresses

    /// Every processor with long mode has a physical-address width of at least 36 bits (SDM
    /// Vol. 3 section 4.1.4 gives 36 for PAE processors that do not enumerate it) and at most
    /// 52 (sections 4.1.4 and 4.5): below 2^36 an address is within it everywhere, at 2^52 or
    /// above nowhere.
    static let smallestPhysicalWidth = 36
    static let largestPhysicalWidth = 52

    /// True when the address sets no bit at or above the physical-address width.
    func withinPhysicalWidth(_ address: UInt64?) -> Bool? {
        guard let address else { return nil }
        if address >> UInt64(Self.smallestPhysicalWidth) == 0 { return true }
        if address >> UInt64(Self.largestPhysicalWidth) != 0 { return false }
        guard let width = maxPhysicalAddress else { return nil }
        return address >> UInt64(width) == 0
    }

    /// True when bits 63:N are all equal, N being the linear-address width (48 or 57):
    /// canonical for 48 bits is canonical everywhere, not canonical for 57 nowhere.
    func canonical(_ address: UInt64?) -> Bool? {
        guard let address else { return nil }
        if Self.isCanonical(address, width: 48) { return true }
        if !Self.isCanonical(address, width: 57) { return false }
        guard let width = linearAddressWidth else { return nil }
        return Self.isCanonical(address, width: width)
    }

    static func isCanonical(_ address: UInt64, width: Int) -> Bool {
        guard width > 0, width < 64 else { return true }
        let top = Int64(bitPattern: address) >> Int64(width - 1)
        return top == 0 || top == -1
    }

    // MARK: Verdicts

    /// Holds when the condition is true, broken (with the message) when false, unknown when
    /// the condition is.
    func require(_ condition: Bool?, _ field: String, bits: UInt64 = 0, _ message: @autoclosure () -> String) -> Verdict {
        switch condition {
        case .some(true): return .holds
        case .some(false): return .broken([Violation(field: field, message: message(), bits: bits)])
        case .none: return .unknown
        }
    }

    /// "If the condition, then the rule": holds when the condition is false; when it is
    /// unknown, holds only if the rule holds anyway.
    func when(_ condition: Bool?, _ rule: () -> Verdict) -> Verdict {
        switch condition {
        case .some(false): return .holds
        case .some(true): return rule()
        case .none:
            if case .holds = rule() { return .holds }
            return .unknown
        }
    }

    /// Every part must hold: broken if any is (with all their violations), else unknown if any
    /// is, else holds.
    func every(_ verdicts: [Verdict]) -> Verdict {
        var violations: [Violation] = []
        var unknown = false
        for verdict in verdicts {
            switch verdict {
            case .broken(let found): violations += found
            case .unknown: unknown = true
            case .holds: break
            }
        }
        if !violations.isEmpty { return .broken(violations) }
        return unknown ? .unknown : .holds
    }

    /// The catalog's VM-entry reserved rows of the field must hold their values.
    func reservedRows(_ field: String) -> Verdict {
        guard let rows = entryReservedViolations(field) else { return .unknown }
        guard !rows.isEmpty else { return .holds }
        let bits = rows.reduce(0) { $0 | $1.definition.range.mask }
        let parts = rows.map { row -> String in
            var required: UInt64 = 0
            if case .reserved(let value) = row.definition.kind { required = value }
            let range = row.definition.range
            return (range.width == 1 ? "bit \(range)" : "bits \(range)") + " must be \(ValueText.hex(required)), not \(ValueText.hex(row.value))"
        }
        return .broken([Violation(field: field, message: "\(describe(field)): reserved " + parts.joined(separator: "; "), bits: bits)])
    }
}
