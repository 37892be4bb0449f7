/// How one bit row changed between two decodes of a field.
public struct BitChange: Sendable {
    /// How a bit row changed.
    public enum Kind: String, Sendable {
        /// A flag went from clear to set.
        case set
        /// A flag went from set to clear.
        case cleared
        /// A number, address or enumeration changed value.
        case changed
    }

    /// The row's id (its global id is the field's id, a dot and this).
    public let id: String
    /// The row's short name; empty for a whole-field value.
    public let name: String
    /// Set, cleared or changed.
    public let kind: Kind
    /// The row before.
    public let old: DecodedBit?
    /// The row after.
    public let new: DecodedBit?

    /// `+VMXE`, `-PG`, `L 1→0`, `TYPE code XR→data RW`; a whole-field value has no name: `3→0`.
    /// A side whose row reads or is chosen by bits its input lacks says so, unnamed:
    /// `TYPE code XR accessed→0x3 (bit 4 not in the input)`.
    public var text: String {
        switch kind {
        case .set, .cleared:
            let missing = (old?.missingBits ?? 0) | (new?.missingBits ?? 0)
            return (kind == .set ? "+" : "-") + name + DecodedBit.missingSuffix(missing)
        case .changed: return (name.isEmpty ? "" : "\(name) ") + "\(Self.describe(old))→\(Self.describe(new))"
        }
    }

    static func describe(_ bit: DecodedBit?) -> String {
        guard let bit else { return "—" }
        if let name = bit.valueName { return name }
        switch bit.definition.kind {
        // An enumeration's value no name fits is hex, as `show` prints it.
        case .address, .enumerated: return ValueText.hex(bit.value) + bit.missingSuffix
        case .flag: return (bit.value == 0 ? "0" : "1") + bit.missingSuffix
        default: return ValueText.number(bit.value) + bit.missingSuffix
        }
    }
}

/// One field compared across two snapshots.
public struct FieldComparison: Sendable {
    /// Where the field is and whether it changed.
    public enum Status: String, Sendable {
        case same
        case changed
        case onlyOld = "only_a"
        case onlyNew = "only_b"
    }

    /// The field compared.
    public let definition: FieldDefinition
    /// Same, changed, or on one side only.
    public let status: Status
    /// The first snapshot's value; nil when it lacks the field.
    public let old: DecodedField?
    /// The second snapshot's value; nil when it lacks the field.
    public let new: DecodedField?
    /// Bit-level changes when both sides use the same table.
    public let bits: [BitChange]
    /// Set bits no table names, added and removed.
    public let unnamedSet: UInt64
    /// Set bits no table names, cleared.
    public let unnamedCleared: UInt64
    /// The two sides were decoded with different tables (the exit reason changed), so their
    /// decodes are shown whole rather than bit by bit.
    public let layoutChanged: Bool
}

/// Two snapshots compared field by field (matched by catalog id, never by position).
public struct SnapshotDiff: Sendable {
    /// The first snapshot (A).
    public let old: DecodedSnapshot
    /// The second snapshot (B).
    public let new: DecodedSnapshot
    /// Every field either side holds, in catalog order.
    public let fields: [FieldComparison]

    /// The fields whose values differ.
    public var changed: [FieldComparison] { fields.filter { $0.status == .changed } }
    /// The fields only A holds.
    public var onlyOld: [FieldComparison] { fields.filter { $0.status == .onlyOld } }
    /// The fields only B holds.
    public var onlyNew: [FieldComparison] { fields.filter { $0.status == .onlyNew } }
    /// The fields with the same value on both sides.
    public var unchanged: [FieldComparison] { fields.filter { $0.status == .same } }
    /// True when anything differs (the diff(1) answer).
    public var hasDifferences: Bool { fields.contains { $0.status != .same } }

    /// Compares two decoded snapshots of the same architecture; `ignoring` lists field ids,
    /// `ignoringBits` global bit ids (`guest.cr4.vmxe`): a field whose values differ only in
    /// ignored bits counts as unchanged, and ignored bits' changes are not listed.
    public static func compare(
        _ old: DecodedSnapshot, _ new: DecodedSnapshot, ignoring: Set<String> = [], ignoringBits: Set<String> = []
    ) throws -> SnapshotDiff {
        guard old.snapshot.architecture == new.snapshot.architecture else {
            throw InspectError(
                nil,
                "cannot compare a \(old.snapshot.architecture.structureName) (\(old.snapshot.source)) with a \(new.snapshot.architecture.structureName) (\(new.snapshot.source))"
            )
        }
        var comparisons: [FieldComparison] = []
        for definition in old.catalog.fields where !ignoring.contains(definition.id) {
            let a = old.field(definition.id)
            let b = new.field(definition.id)
            switch (a, b) {
            case (nil, nil):
                continue
            case (let a?, nil):
                comparisons.append(
                    FieldComparison(
                        definition: definition, status: .onlyOld, old: a, new: nil, bits: [], unnamedSet: 0, unnamedCleared: 0,
                        layoutChanged: false))
            case (nil, let b?):
                comparisons.append(
                    FieldComparison(
                        definition: definition, status: .onlyNew, old: nil, new: b, bits: [], unnamedSet: 0, unnamedCleared: 0,
                        layoutChanged: false))
            case (let a?, let b?):
                // Bits either input does not give are not compared (unknown is not 0).
                let unknown = (old.snapshot.absentBits[definition.id] ?? 0) | (new.snapshot.absentBits[definition.id] ?? 0)
                comparisons.append(compare(a, b, ignoring: ignoringBits, unknown: unknown))
            }
        }
        return SnapshotDiff(old: old, new: new, fields: comparisons)
    }

    /// `unknown`: bits either side's input does not give, left out like ignored rows.
    static func compare(_ a: DecodedField, _ b: DecodedField, ignoring ignoredBits: Set<String> = [], unknown: UInt64 = 0) -> FieldComparison {
        let definition = a.definition
        // The ignored rows of either side's table, in place.
        var ignoredMask: UInt64 = unknown
        if !ignoredBits.isEmpty {
            for bit in a.bits + b.bits where ignoredBits.contains(definition.bitID(bit.definition)) {
                ignoredMask |= bit.definition.range.mask
            }
        }
        let same: Bool
        if ignoredMask != 0, let x = a.integer, let y = b.integer {
            same = x & ~ignoredMask == y & ~ignoredMask
        } else {
            same = a.value == b.value
        }
        guard !same else {
            return FieldComparison(
                definition: definition, status: .same, old: a, new: b, bits: [], unnamedSet: 0, unnamedCleared: 0, layoutChanged: false)
        }
        let layoutChanged = a.layout?.name != b.layout?.name
        var changes: [BitChange] = []
        if !layoutChanged {
            var ids: [String] = []
            for bit in a.bits + b.bits where !ids.contains(bit.definition.id) { ids.append(bit.definition.id) }
            let whole = a.isWholeNumber || a.isWholeEnumeration
            for id in ids where !ignoredBits.contains("\(definition.id).\(id)") {
                // A row that applies on one side only (a segment turned unusable) says nothing
                // the values do not; the rows both sides have are compared.
                guard let old = a.bits.first(where: { $0.definition.id == id }), let new = b.bits.first(where: { $0.definition.id == id })
                else { continue }
                guard old.value != new.value || old.valueName != new.valueName else { continue }
                // A row is compared on the bits both inputs give.
                var changed = old.value ^ new.value
                if case .address = old.definition.kind {} else { changed <<= UInt64(old.definition.range.lsb) }
                if changed & ~unknown == 0 { continue }
                let row = new.definition
                if whole {
                    changes.append(BitChange(id: id, name: "", kind: .changed, old: old, new: new))
                } else if case .flag = row.kind {
                    changes.append(BitChange(id: id, name: row.name, kind: new.isSet ? .set : .cleared, old: old, new: new))
                } else {
                    changes.append(BitChange(id: id, name: row.name, kind: .changed, old: old, new: new))
                }
            }
        }
        return FieldComparison(
            definition: definition, status: .changed, old: a, new: b, bits: changes,
            unnamedSet: b.unnamedBits & ~a.unnamedBits & ~unknown, unnamedCleared: a.unnamedBits & ~b.unnamedBits & ~unknown,
            layoutChanged: layoutChanged)
    }
}
