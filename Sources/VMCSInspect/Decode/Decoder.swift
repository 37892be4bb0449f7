/// One bit row of a decoded field.
public struct DecodedBit: Sendable {
    public let definition: BitDefinition
    /// For flags, numbers and enumerations the value shifted down to bit 0; for addresses the
    /// bits in place.
    public let value: UInt64
    /// The name of an enumerated value, when the table has one and every bit it rests on is
    /// known: nil when `unknownBits` or `undecided` says otherwise.
    public let valueName: String?
    /// The row's bits the input did not give, in place (`Snapshot.absentBits`): they read as 0.
    public var unknownBits: UInt64 = 0
    /// The bits that chose this row (its table's conditions) and that the input did not give,
    /// where another value of them would not choose it, in place: a segment's TYPE when its S
    /// bit is absent is the row for S = 0, which may not be the one that applies.
    public var choosingUnknownBits: UInt64 = 0

    public init(definition: BitDefinition, value: UInt64, valueName: String?, unknownBits: UInt64 = 0, choosingUnknownBits: UInt64 = 0) {
        self.definition = definition
        self.value = value
        self.valueName = valueName
        self.unknownBits = unknownBits
        self.choosingUnknownBits = choosingUnknownBits
    }

    /// True when the row was chosen by bits the input did not give.
    public var undecided: Bool { choosingUnknownBits != 0 }

    /// True when some bit the row reads, its own or one that chose it, is not in the input.
    public var isUncertain: Bool { unknownBits != 0 || undecided }

    /// The bits the row's reading lacks, in place: its own and those that chose it.
    public var missingBits: UInt64 { unknownBits | choosingUnknownBits }

    /// True when none of the row's own bits is in the input.
    public var isWhollyUnknown: Bool { unknownBits == definition.range.mask }

    /// ` (bit 4 not in the input)` for a row that reads or is chosen by bits the input lacks;
    /// "" for one the input gives whole.
    public var missingSuffix: String { isUncertain ? Self.missingSuffix(missingBits) : "" }

    static func missingSuffix(_ bits: UInt64) -> String { bits == 0 ? "" : " (\(bitList(bits)) not in the input)" }

    /// What is not known about the row, for text: `not in the input`, `bits 63:32 of it not in
    /// the input`, `read as if bit 4 were 0: the input does not give it`; nil when all is known.
    public var uncertainty: String? {
        var parts: [String] = []
        if unknownBits != 0 {
            parts.append(isWhollyUnknown ? "not in the input" : "\(bitList(unknownBits)) of it not in the input")
        }
        if undecided {
            parts.append("read as if \(bitList(choosingUnknownBits)) \(choosingUnknownBits.nonzeroBitCount == 1 ? "were" : "were all") 0: the input does not give \(bitPronoun(choosingUnknownBits))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// True for a reserved range that does not hold its required value in the bits the input
    /// gives, when the row is known to apply.
    public var violatesReservation: Bool {
        guard case .reserved(let required) = definition.kind, !undecided, definition.range.lsb >= 0, definition.range.lsb < 64 else {
            return false
        }
        let known = ~(unknownBits >> UInt64(definition.range.lsb))
        return (value ^ required) & known != 0
    }

    public var isSet: Bool { value != 0 }
}

/// One field of a snapshot with its bits decoded.
public struct DecodedField: Sendable {
    public let definition: FieldDefinition
    public let value: FieldValue
    /// The table used, if the field has one for this value.
    public let layout: BitLayout?
    /// Every row of the table that applies, in table order.
    public let bits: [DecodedBit]
    /// Set bits that no row names.
    public let unnamedBits: UInt64
    public var notes: [String]
    /// True when other fields are read by this one's value, so a zero matters.
    public var isDiscriminator = false
    /// When bits of other fields that the input lacks choose this field's table, and could
    /// choose another (or none): which bits, and the tables they could choose. The field is
    /// then not decoded bit by bit.
    public var openLayout: LayoutChoice?

    /// The bits that leave the field's table open.
    public var layoutUndecidedBy: [DiscriminatorBits] { openLayout?.undecidedBy ?? [] }

    /// `its layout depends on guest.cr4 bit 17, which the input does not give`; nil when the
    /// input decides the field's table (or that it has none).
    public var layoutUncertainty: String? { openLayout?.uncertainty }

    /// The rows of each reading the input allows: its own rows when the table is decided; while
    /// it is open, each candidate table's rows, and no rows when the missing bits may choose none.
    public var allowedReadings: [[DecodedBit]] {
        guard let open = openLayout, let word = integer else { return [bits] }
        var readings = open.candidates.map { Decoder.split(word, by: $0, width: definition.size * 8, absent: absentBits).0 }
        if open.mayHaveNone { readings.append([]) }
        return readings
    }
    /// Bits the input did not give (`Snapshot.absentBits`), and bits it gave only as the
    /// guest sees them (`Snapshot.guestViewBits`): `show --json` writes both, so that a copy
    /// read back is as undecided as the original.
    public var absentBits: UInt64 = 0
    public var guestViewBits: UInt64 = 0

    public var integer: UInt64? { value.integer }

    /// Reserved rows whose bits differ from what the manual requires.
    public var reservedViolations: [DecodedBit] { bits.filter(\.violatesReservation) }

    /// True when the field's table is a single enumeration over the whole field (EXITCODE).
    public var isWholeEnumeration: Bool {
        guard bits.count == 1, let bit = bits.first, case .enumerated = bit.definition.kind else { return false }
        return bit.definition.range.width >= definition.size * 8
    }

    /// True when the field's table is a single number over the whole field (a count).
    public var isWholeNumber: Bool {
        guard bits.count == 1, let bit = bits.first, case .number = bit.definition.kind else { return false }
        return bit.definition.range.width >= definition.size * 8
    }

    public var isZero: Bool {
        switch value {
        case .integer(let word): return word == 0
        case .bytes(let bytes): return bytes.allSatisfy { $0 == 0 }
        }
    }
}

/// Bits of a field that choose another field's table (`guest.cr4 bit 17` for CR3), in place.
public struct DiscriminatorBits: Sendable, Equatable, CustomStringConvertible {
    public let field: String
    /// The bits the input lacks (those the key reads, when it lacks the whole field).
    public let bits: UInt64
    /// The bits the input gives only as the guest sees them.
    public var guestView: UInt64 = 0
    /// True when the input lacks the whole field, not only these bits of it.
    public let fieldAbsent: Bool

    /// `exit.intr_info`, `guest.cr4 bit 17`, `guest.cr4 bit 17 as the structure holds it`.
    public var description: String {
        if fieldAbsent { return field }
        var parts: [String] = []
        if bits != 0 { parts.append("\(field) \(bitList(bits))") }
        if guestView != 0 { parts.append("\(field) \(bitList(guestView)) as the structure holds \(bitPronoun(guestView))") }
        return parts.joined(separator: ", ")
    }
}

/// Which table applies to a field, as far as the input tells.
public struct LayoutChoice: Sendable {
    /// The table the input chooses; nil when no table applies or the input cannot tell which.
    public let layout: BitLayout?
    /// The discriminator bits the input lacks that leave the choice open; empty when decided.
    public var undecidedBy: [DiscriminatorBits] = []
    /// While undecided: every table some value of those bits would choose, and whether some
    /// value would choose none.
    public var candidates: [BitLayout] = []
    public var mayHaveNone = false

    /// `its layout depends on guest.cr4 bit 17, which the input does not give`; nil when decided.
    public var uncertainty: String? {
        guard !undecidedBy.isEmpty else { return nil }
        return "its layout depends on \(undecidedBy.map(\.description).joined(separator: ", ")), which the input does not give"
    }
}

/// A snapshot with every present field decoded, in catalog order.
public struct DecodedSnapshot: Sendable {
    public let snapshot: Snapshot
    public let catalog: Catalog
    public let fields: [DecodedField]

    public func field(_ id: String) -> DecodedField? { fields.first { $0.definition.id == id } }
}

/// The one generic engine that splits fields into bits by the catalog's tables.
public enum Decoder {
    public static func decode(_ snapshot: Snapshot) -> DecodedSnapshot {
        decode(snapshot, catalog: Catalog.forArchitecture(snapshot.architecture))
    }

    public static func decode(_ snapshot: Snapshot, catalog: Catalog) -> DecodedSnapshot {
        var fields: [DecodedField] = []
        for definition in catalog.fields {
            guard let value = snapshot.values[definition.id] else { continue }
            var field = decode(definition, value: value, in: snapshot, notes: snapshot.notes[definition.id] ?? [])
            field.isDiscriminator = catalog.discriminators.contains(definition.id)
            fields.append(field)
        }
        return DecodedSnapshot(snapshot: snapshot, catalog: catalog, fields: fields)
    }

    /// The table that applies to a field in a snapshot; nil when none does, or when bits the
    /// input lacks choose it (`layoutChoice` says which).
    public static func layout(for definition: FieldDefinition, in snapshot: Snapshot) -> BitLayout? {
        layoutChoice(for: definition, in: snapshot).layout
    }

    /// The table that applies to a field in a snapshot, or the discriminator bits the input
    /// lacks that decide which table applies, or whether one does. Without them a table is
    /// still chosen when every value they could have chooses it: the exit qualification of an
    /// EPT violation without the interruption information, not of exit reason 0, where the
    /// vector decides.
    public static func layoutChoice(for definition: FieldDefinition, in snapshot: Snapshot) -> LayoutChoice {
        var key: UInt64 = 0
        // The key's bits whose value the input does not give, and where they come from.
        var free: UInt64 = 0
        var undecidedBy: [DiscriminatorBits] = []
        let cases: [LayoutCase]
        switch definition.layout {
        case .none: return LayoutChoice(layout: nil)
        case .fixed(let layout): return LayoutChoice(layout: layout)
        case .selected(let discriminator, let selected):
            if let value = snapshot.integer(discriminator) {
                key = value
                let absent = snapshot.absentBits[discriminator] ?? 0
                let guestView = (snapshot.guestViewBits[discriminator] ?? 0) & ~absent
                free = absent | guestView
                if free != 0 { undecidedBy.append(DiscriminatorBits(field: discriminator, bits: absent, guestView: guestView, fieldAbsent: false)) }
            } else {
                free = ~0
                undecidedBy.append(DiscriminatorBits(field: discriminator, bits: ~0, fieldAbsent: true))
            }
            cases = selected
        case .keyed(let parts, let keyed):
            for part in parts {
                guard part.shift >= 0, part.shift < 64 else { return LayoutChoice(layout: nil) }
                var absent = part.mask
                var guestView: UInt64 = 0
                if let value = snapshot.integer(part.field) {
                    key |= (value & part.mask) << UInt64(part.shift)
                    absent = (snapshot.absentBits[part.field] ?? 0) & part.mask
                    guestView = (snapshot.guestViewBits[part.field] ?? 0) & part.mask & ~absent
                }
                free |= (absent | guestView) << UInt64(part.shift)
                if absent | guestView != 0 {
                    undecidedBy.append(
                        DiscriminatorBits(field: part.field, bits: absent, guestView: guestView, fieldAbsent: snapshot.integer(part.field) == nil))
                }
            }
            cases = keyed
        }
        let fixed = key & ~free
        guard free != 0 else { return LayoutChoice(layout: cases.first { $0.values.contains(fixed) }?.layout) }
        // Every key lies between `fixed` and `fixed | free`: when the first case any key reaches
        // holds them all, it is every key's first match (an EPT violation's qualification
        // without the vector); when none is reached, no table applies.
        guard let first = cases.firstIndex(where: { reaches($0.values, fixed: fixed, free: free) }) else { return LayoutChoice(layout: nil) }
        if cases[first].values.lowerBound <= fixed, fixed | free <= cases[first].values.upperBound {
            return LayoutChoice(layout: cases[first].layout)
        }
        // The tables the keys the missing bits allow choose, and whether some key chooses none.
        var candidates: [BitLayout] = []
        var mayHaveNone = false
        func add(_ layout: BitLayout) { if !candidates.contains(where: { $0.name == layout.name }) { candidates.append(layout) } }
        if free.nonzeroBitCount <= 12 {
            // Few enough to try each key.
            for candidate in completions(fixed, free: free) {
                if let match = cases.first(where: { $0.values.contains(candidate) }) { add(match.layout) } else { mayHaveNone = true }
            }
        } else {
            // Every key lies between `fixed` and `fixed | free`: a case no key reaches is out;
            // one before the first match may shadow it, so each case reached counts.
            for match in cases where reaches(match.values, fixed: fixed, free: free) { add(match.layout) }
            let covering = cases.first { $0.values.lowerBound <= fixed && fixed | free <= $0.values.upperBound }
            mayHaveNone = covering == nil
        }
        // A layout the absent bits are not needed for: every allowed key chooses it, or none.
        if candidates.isEmpty { return LayoutChoice(layout: nil) }
        if candidates.count == 1, !mayHaveNone { return LayoutChoice(layout: candidates[0]) }
        return LayoutChoice(layout: nil, undecidedBy: undecidedBy, candidates: candidates, mayHaveNone: mayHaveNone)
    }

    /// True when some key between `fixed` and `fixed | free`, with the bits outside `free` those
    /// of `fixed`, lies in `values`.
    static func reaches(_ values: ClosedRange<UInt64>, fixed: UInt64, free: UInt64) -> Bool {
        guard let smallest = smallestKey(atLeast: values.lowerBound, fixed: fixed, free: free) else { return false }
        return smallest <= values.upperBound
    }

    /// The smallest key at least `low` whose bits outside `free` are those of `fixed` (which
    /// has none in `free`); nil when every such key is below `low`.
    static func smallestKey(atLeast low: UInt64, fixed: UInt64, free: UInt64) -> UInt64? {
        if fixed >= low { return fixed }
        // From the top bit down, follow `low` while the bits allow. A free bit where `low` has
        // 0 could be set instead, making the key larger whatever follows: the lowest such place
        // is the fallback when a fixed bit later falls short of `low`.
        var prefix: UInt64 = 0
        var fallback: UInt64?
        for position in stride(from: 63, through: 0, by: -1) {
            let bit = UInt64(1) << UInt64(position)
            let below = bit &- 1
            let wanted = low & bit
            if free & bit != 0 {
                if wanted == 0 { fallback = prefix | bit | (fixed & below) } else { prefix |= bit }
            } else if fixed & bit == wanted {
                prefix |= wanted
            } else if wanted == 0 {
                // A fixed 1 where `low` has 0: larger than `low` with the least below it.
                return prefix | bit | (fixed & below)
            } else {
                return fallback
            }
        }
        return prefix
    }

    public static func decode(_ definition: FieldDefinition, value: FieldValue, in snapshot: Snapshot, notes: [String] = []) -> DecodedField
    {
        var decoded: DecodedField
        let choice = layoutChoice(for: definition, in: snapshot)
        if case .integer(let word) = value, let layout = choice.layout {
            let absent = snapshot.absentBits[definition.id] ?? 0
            let (bits, unnamed) = split(word, by: layout, width: definition.size * 8, absent: absent)
            decoded = DecodedField(definition: definition, value: value, layout: layout, bits: bits, unnamedBits: unnamed, notes: notes)
        } else {
            decoded = DecodedField(definition: definition, value: value, layout: nil, bits: [], unnamedBits: 0, notes: notes)
            if case .integer = value {
                if !choice.undecidedBy.isEmpty { decoded.openLayout = choice }
                if let undecided = decoded.layoutUncertainty { decoded.notes.append("not decoded bit by bit: " + undecided) }
            }
        }
        decoded.absentBits = snapshot.absentBits[definition.id] ?? 0
        decoded.guestViewBits = snapshot.guestViewBits[definition.id] ?? 0
        return decoded
    }

    /// True when `condition`, holding on `word` with the `missing` bits read as 0, fails for
    /// some other value of them. Up to 8 missing bits are tried one value at a time; more are
    /// taken to decide it.
    static func mayFail(_ condition: BitCondition, _ word: UInt64, _ missing: UInt64) -> Bool {
        guard missing != 0 else { return false }
        guard missing.nonzeroBitCount <= 8 else { return true }
        return completions(word & ~missing, free: missing).dropFirst().contains { !condition.holds(in: $0) }
    }

    /// Every value `fixed` (which has none of the `free` bits) takes as the `free` bits vary,
    /// `fixed` itself first; for a few free bits only (2^count values).
    static func completions(_ fixed: UInt64, free: UInt64) -> LazyMapSequence<Range<Int>, UInt64> {
        let positions = (0..<64).filter { free >> UInt64($0) & 1 == 1 }
        return (0..<(1 << positions.count)).lazy.map { completion in
            var value = fixed
            for (k, position) in positions.enumerated() where completion >> k & 1 == 1 { value |= 1 << UInt64(position) }
            return value
        }
    }

    /// Splits a word by a table: the applicable rows and the set bits no row covers. `absent`
    /// holds the bits the input did not give (read as 0): a row that reads one is marked, and
    /// its value is not named.
    public static func split(_ word: UInt64, by layout: BitLayout, width: Int = 64, absent: UInt64 = 0) -> ([DecodedBit], UInt64) {
        var covered: UInt64 = 0
        var bits: [DecodedBit] = []
        for definition in layout.applicableBits(for: word) {
            covered |= definition.range.mask
            let value: UInt64
            switch definition.kind {
            case .address: value = word & definition.range.mask
            default: value = definition.range.extract(word)
            }
            let unknown = definition.range.mask & absent
            // A condition whose bits the input lacks chooses the row when some value of those
            // bits would fail it: the row (TYPE by S, INDEX while bit 22 is clear, every row of a
            // segment while it is usable) might not apply, or another reading would.
            let choosing = definition.conditions.reduce(UInt64(0)) { mask, condition in
                let missing = condition.range.mask & absent
                return Self.mayFail(condition, word, missing) ? mask | missing : mask
            }
            var name: String?
            if case .enumerated(let names) = definition.kind, unknown == 0, choosing == 0 { name = names[value] }
            bits.append(DecodedBit(definition: definition, value: value, valueName: name, unknownBits: unknown, choosingUnknownBits: choosing))
        }
        let widthMask: UInt64 = width >= 64 ? ~0 : (UInt64(1) << UInt64(width)) - 1
        return (bits, word & ~covered & widthMask)
    }
}
