/// An inclusive range of bit positions inside a field, `msb` down to `lsb`.
public struct BitRange: Hashable, Sendable, CustomStringConvertible {
    public let lsb: Int
    public let msb: Int

    /// A single bit.
    public init(_ bit: Int) {
        self.lsb = bit
        self.msb = bit
    }

    /// Bits `msb` down to `lsb`, written as the manuals write them (`63...32` is `msb...lsb`).
    public init(_ msb: Int, _ lsb: Int) {
        self.lsb = min(msb, lsb)
        self.msb = max(msb, lsb)
    }

    public var width: Int { msb - lsb + 1 }

    /// The bits of the range, in place.
    public var mask: UInt64 {
        guard lsb >= 0, msb < 64, lsb <= msb else { return 0 }
        let ones: UInt64 = width >= 64 ? ~0 : (UInt64(1) << UInt64(width)) - 1
        return ones << UInt64(lsb)
    }

    /// The range's value, shifted down to bit 0.
    public func extract(_ word: UInt64) -> UInt64 {
        guard lsb >= 0, lsb < 64 else { return 0 }
        return (word & mask) >> UInt64(lsb)
    }

    /// `word` with this range replaced by `value` (excess bits of `value` dropped).
    public func insert(_ value: UInt64, into word: UInt64) -> UInt64 {
        guard lsb >= 0, lsb < 64 else { return word }
        return (word & ~mask) | ((value << UInt64(lsb)) & mask)
    }

    public var description: String { lsb == msb ? "\(lsb)" : "\(msb):\(lsb)" }
}

/// Names for the values of an enumerated bit range or field, unshifted.
public struct ValueNames: Sendable {
    public let entries: [UInt64: String]

    public init(_ entries: [UInt64: String]) {
        self.entries = entries
    }

    /// Entries given as an array of pairs, so tables read in manual order.
    public init(_ pairs: [(UInt64, String)]) {
        var table: [UInt64: String] = [:]
        for (value, name) in pairs where table[value] == nil {
            table[value] = name
        }
        self.entries = table
    }

    public subscript(value: UInt64) -> String? { entries[value] }
}

/// What a range of bits holds.
public enum BitKind: Sendable {
    /// A single bit that is either set or clear.
    case flag
    /// A small number whose values have names.
    case enumerated(ValueNames)
    /// A count, index or other plain number (shown shifted down to bit 0).
    case number
    /// An address or other value that keeps its place in the word (shown unshifted).
    case address
    /// Bits the manual reserves, with the value they must hold.
    case reserved(UInt64)
}

/// What a reserved row costs when its bits do not hold the value the manual gives.
public enum ReservedSeverity: String, Sendable {
    /// VM entry or VMRUN fails on every processor: a consistency check of the manuals names
    /// these bits (SDM Vol. 3 chapter 27, APM Vol. 2 section 15.5.1), and no processor defines them.
    case entryFails
    /// The architecture reserves the bits, but no VM-entry or VMRUN check names them (or the
    /// check depends on the processor): worth a warning, never an error.
    case architectural
}

/// A condition on another range of the same word, for rows whose meaning depends on it
/// (a segment type is read one way for code and data segments and another for system ones).
public struct BitCondition: Sendable {
    public let range: BitRange
    /// The values of `range` for which the row applies.
    public let values: Set<UInt64>

    public init(_ range: BitRange, equals: UInt64) {
        self.range = range
        self.values = [equals]
    }

    public init(_ range: BitRange, in values: Set<UInt64>) {
        self.range = range
        self.values = values
    }

    public func holds(in word: UInt64) -> Bool { values.contains(range.extract(word)) }

    /// True when no word satisfies both conditions.
    public func excludes(_ other: BitCondition) -> Bool {
        range == other.range && values.isDisjoint(with: other.values)
    }
}

/// One row of a bit table.
public struct BitDefinition: Sendable {
    /// Stable, snake_case key, unique within its layout (`lme`, `port`).
    public let id: String
    /// The short name the manual uses (`LME`, `PORT`).
    public let name: String
    /// What the bit means, in words.
    public let title: String
    /// For a flag whose 0 says something too (#PF error code P = 0: a not-present page): what
    /// it says, in words. `explain` uses it for the words that report an event or an exit, never
    /// for masks and controls.
    public let clearTitle: String?
    public let range: BitRange
    public let kind: BitKind
    /// The row applies only when all these conditions hold.
    public let conditions: [BitCondition]
    /// For reserved rows: whether VM entry or VMRUN checks them. Other rows ignore it.
    public let severity: ReservedSeverity

    public init(
        _ id: String, _ name: String, _ range: BitRange, _ kind: BitKind = .flag, _ title: String, clear clearTitle: String? = nil,
        when conditions: BitCondition...
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.clearTitle = clearTitle
        self.range = range
        self.kind = kind
        self.conditions = conditions
        self.severity = .architectural
    }

    /// The same, with conditions built elsewhere (rows shared by several tables).
    public init(_ id: String, _ name: String, _ range: BitRange, _ kind: BitKind = .flag, _ title: String, conditions: [BitCondition]) {
        self.id = id
        self.name = name
        self.title = title
        self.clearTitle = nil
        self.range = range
        self.kind = kind
        self.conditions = conditions
        self.severity = .architectural
    }

    init(copying row: BitDefinition, severity: ReservedSeverity) {
        self.id = row.id
        self.name = row.name
        self.title = row.title
        self.clearTitle = row.clearTitle
        self.range = row.range
        self.kind = row.kind
        self.conditions = row.conditions
        self.severity = severity
    }

    /// The row marked `.entryFails`: bits a VM-entry or VMRUN consistency check names and no
    /// processor defines.
    public var checkedOnEntry: BitDefinition { BitDefinition(copying: self, severity: .entryFails) }

    /// True for a reserved row whose bits VM entry or VMRUN checks.
    public var failsEntry: Bool { isReserved && severity == .entryFails }

    /// True when no word can satisfy both rows' conditions.
    public func excludes(_ other: BitDefinition) -> Bool {
        conditions.contains { mine in other.conditions.contains { mine.excludes($0) } }
    }

    public var isReserved: Bool {
        if case .reserved = kind { return true }
        return false
    }
}

/// A named bit table: how a field's word splits into bits and sub-fields.
public struct BitLayout: Sendable {
    /// Stable name of the table (`efer`, `svm.exitinfo1.ioio`).
    public let name: String
    /// Where the table comes from: manual, section or table, and revision.
    public let reference: String
    public let bits: [BitDefinition]

    public init(_ name: String, reference: String, _ bits: [BitDefinition]) {
        self.name = name
        self.reference = reference
        self.bits = bits
    }

    /// The rows that apply to `word`.
    public func applicableBits(for word: UInt64) -> [BitDefinition] {
        bits.filter { bit in bit.conditions.allSatisfy { $0.holds(in: word) } }
    }

    public func bit(named key: String) -> BitDefinition? {
        let wanted = FieldName.normalize(key)
        return bits.first { FieldName.normalize($0.id) == wanted || FieldName.normalize($0.name) == wanted }
    }
}

/// How a field's layout is chosen.
public enum LayoutRule: Sendable {
    /// Always the same table.
    case fixed(BitLayout)
    /// A table chosen by the value of another field (EXITINFO1 by EXITCODE); the first
    /// matching case wins, values outside every case leave the field undecoded.
    case selected(by: String, [LayoutCase])
    /// A table chosen by a key built from several fields' bits (the exit qualification by the
    /// basic exit reason, and for exceptions by the vector too).
    case keyed(by: [SelectorKey], [LayoutCase])
}

/// Part of a selection key: `(field & mask) << shift`; parts are OR-ed together.
public struct SelectorKey: Sendable {
    public let field: String
    public let mask: UInt64
    public let shift: Int
    /// True when the field refines the choice for a few keys only (the vector, for exit reason
    /// 0): it is not a discriminator whose zero `show` keeps (`Catalog.discriminators`).
    public let refinesOnly: Bool

    public init(_ field: String, mask: UInt64 = ~0, shift: Int = 0, refinesOnly: Bool = false) {
        self.field = field
        self.mask = mask
        self.shift = shift
        self.refinesOnly = refinesOnly
    }
}

/// One case of a `LayoutRule.selected`: the discriminator values it covers and its table.
public struct LayoutCase: Sendable {
    public let values: ClosedRange<UInt64>
    public let layout: BitLayout

    public init(_ value: UInt64, _ layout: BitLayout) {
        self.values = value...value
        self.layout = layout
    }

    public init(_ values: ClosedRange<UInt64>, _ layout: BitLayout) {
        self.values = values
        self.layout = layout
    }
}
