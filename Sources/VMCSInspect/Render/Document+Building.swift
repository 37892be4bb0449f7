/// Which fields and bits a listing shows: the groups and fields asked for (resolved in one
/// catalog), whether zero-valued fields are shown, and which bits are listed beneath.
public struct FieldSelection: Sendable {
    /// Group ids; with `fields`, the two add up (`--group exit --field cr0` shows both).
    public var groups: [String] = []
    /// Field ids.
    public var fields: [String] = []
    /// Bit ids named as `FIELD.BIT`, by field id: only those are listed beneath the field.
    public var bits: [String: [String]] = [:]
    /// Show zero-valued fields too.
    public var showAll = false
    /// Which bits to list beneath the other fields.
    public var detail: BitDetail = .none

    /// Everything, zero-valued fields folded, no bits listed.
    public init() {}

    /// The groups and fields as the user spelled them, resolved in `catalog`; a spelling that
    /// names nothing is a usage error saying what would.
    public static func resolve(
        groups: [String], fields: [String], in catalog: Catalog, showAll: Bool = false, detail: BitDetail = .none
    ) throws -> FieldSelection {
        var selection = FieldSelection()
        selection.showAll = showAll
        selection.detail = detail
        selection.groups = try groups.map { try resolveGroup($0, in: catalog).id }
        for spelling in fields {
            let target = try resolveTarget(spelling, in: catalog, what: "--field")
            if !selection.fields.contains(target.field.id) { selection.fields.append(target.field.id) }
            if let bit = target.bit {
                for row in catalog.bits(named: bit, of: target.field) where !(selection.bits[target.field.id] ?? []).contains(row.id) {
                    selection.bits[target.field.id, default: []].append(row.id)
                }
            }
        }
        return selection
    }

    /// A group by id or title; unknown: a usage error listing the groups.
    public static func resolveGroup(_ spelling: String, in catalog: Catalog) throws -> FieldGroup {
        guard let group = catalog.group(id: spelling) else {
            throw InspectError.usage(
                "unknown group '\(PrintableText.escaped(spelling))' (groups: \(catalog.groups.map(\.id).joined(separator: ", ")))")
        }
        return group
    }

    /// `FIELD` or `FIELD.BIT` in any spelling; what names nothing is a usage error saying how
    /// fields are named.
    public static func resolveTarget(_ spelling: String, in catalog: Catalog, what: String? = nil) throws -> FieldTarget {
        let shown = PrintableText.escaped(spelling)
        guard let target = catalog.target(spelling) else {
            let unknown = "unknown \(catalog.architecture.structureName) field '\(shown)'" + (what.map { " in \($0)" } ?? "")
            if let other = otherStructureHint(spelling, in: catalog) { throw InspectError.usage(unknown + ": " + other) }
            let hint =
                catalog.architecture == .svm
                ? "give a Linux name, an APM name or an offset such as 0x070"
                : catalog.architecture == .vmx ? "give a Linux name, an SDM name or an encoding such as 0x681e" : "give a register name"
            throw InspectError.usage(unknown + " (\(hint); a bit as FIELD.BIT)")
        }
        if let bit = target.bit, catalog.bits(named: bit, of: target.field).isEmpty {
            let ids = catalog.bitIDs(of: target.field)
            throw InspectError.usage(
                "\(target.field.name) has no bit '\(PrintableText.escaped(bit))'"
                    + (ids.isEmpty ? " (no bit table applies to it)" : " (its bits: " + Self.shortList(ids) + ")"))
        }
        return target
    }

    /// For a name the other structure knows (`GUEST_RIP` asked of a VMCB): whose field or bit
    /// it names, and the field that holds the same register here, where the two save the same
    /// state (`CPUState.mappings`). Numbers are left out: an encoding and an offset can look
    /// alike. Ids are shown on both sides.
    static func otherStructureHint(_ spelling: String, in catalog: Catalog) -> String? {
        guard Catalog.parseOffset(spelling) == nil else { return nil }
        guard catalog.architecture != .cpu else { return nil }
        let other = Catalog.forArchitecture(catalog.architecture == .vmx ? .svm : .vmx)
        guard let target = other.target(spelling) else { return nil }
        let found = target.field
        var named = "the \(other.architecture.structureName) field \(found.id)"
        if let bit = target.bit {
            guard let row = other.bits(named: bit, of: found).first else { return nil }
            named = "the \(other.architecture.structureName) bit \(found.bitID(row))"
        }
        var text = "it names \(named)"
        let mapping = CPUState.mappings.first { $0.field(in: other.architecture) == found.id }
        if let mapping, let here = mapping.field(in: catalog.architecture) {
            let format: String
            switch mapping.conversion {
            case .same: format = ""
            case .accessRightsToVMCBAttributes: format = " (in another format)"
            }
            text += "; the \(catalog.architecture.structureName) holds that register as \(here)\(format)"
        }
        return text
    }

    static func shortList(_ items: [String], limit: Int = 8) -> String {
        items.prefix(limit).joined(separator: ", ") + (items.count > limit ? ", … (\(items.count) in all)" : "")
    }

    /// True when nothing was asked for by group or field: every field is selected.
    var selectsEverything: Bool { groups.isEmpty && fields.isEmpty }

    /// The decoded fields selected, before zero folding, in catalog order.
    func selected(_ decoded: DecodedSnapshot) -> [DecodedField] {
        if selectsEverything { return decoded.fields }
        return decoded.fields.filter { groups.contains($0.definition.group) || fields.contains($0.definition.id) }
    }

    /// Whether a field is shown in text: asked for by name, non-zero, a discriminator, or
    /// everything asked for.
    func shows(_ field: DecodedField) -> Bool {
        showAll || fields.contains(field.definition.id) || !field.isZero || field.isDiscriminator
    }

    /// The bits listed beneath a field.
    func listing(_ field: DecodedField) -> BitListing {
        if let named = bits[field.definition.id] { return .named(named) }
        switch detail {
        case .none: return .none
        case .set: return .set
        case .all: return .all
        }
    }
}

extension SnapshotNode {
    /// A snapshot's fields as `selection` shows them, in sections by group.
    public init(_ decoded: DecodedSnapshot, selection: FieldSelection = FieldSelection(), name: String? = nil, modified: Bool = false) {
        let selected = selection.selected(decoded)
        let rows = selected.map { FieldRow($0, folded: !selection.shows($0), bits: selection.listing($0)) }
        let shown = rows.lazy.filter { !$0.isFolded }.count
        // Of the fields asked for (all, or those of --group and --field), those the log lacked.
        let absent =
            !decoded.snapshot.format.isLog
            ? nil
            : selection.selectsEverything
                ? decoded.catalog.fields.count - decoded.fields.count
                : decoded.catalog.fields.count { selection.groups.contains($0.group) || selection.fields.contains($0.id) } - selected.count
        self.init(
            header: SnapshotHeader(decoded.snapshot, name: name, modified: modified),
            sections: Section.grouped(rows, in: decoded.catalog) { $0.field.definition.group },
            counts: FieldCounts(shown: shown, folded: rows.count - shown, absent: absent))
    }
}

extension ComparisonNode {
    /// A comparison with the fields of `groups` (all when empty); unchanged fields folded unless
    /// `showAll`. `names` are the shell's names of the two sides.
    public init(
        _ diff: SnapshotDiff, groups: [String] = [], showAll: Bool = false, names: (String, String)? = nil,
        modified: (Bool, Bool) = (false, false)
    ) {
        let rows = diff.fields.filter { groups.isEmpty || groups.contains($0.definition.group) }.map {
            ChangeRow(comparison: $0, isFolded: $0.status == .same && !showAll)
        }
        self.init(
            old: SnapshotHeader(diff.old.snapshot, name: names?.0, modified: modified.0),
            new: SnapshotHeader(diff.new.snapshot, name: names?.1, modified: modified.1),
            sections: Section.grouped(rows, in: diff.old.catalog) { $0.comparison.definition.group },
            counts: DiffCounts(
                changed: diff.changed.count, onlyOld: diff.onlyOld.count, onlyNew: diff.onlyNew.count, unchanged: diff.unchanged.count,
                unchangedFolded: !showAll))
    }
}

extension CheckNode {
    /// The verdicts of `report`; `listsUndecided` for `--unknown`, `heading` when several
    /// inputs are checked.
    public init(_ report: CheckReport, listsUndecided: Bool = false, heading: Bool = false, name: String? = nil, modified: Bool = false) {
        let results = report.results
        let hold = results.filter { if case .holds = $0.verdict { return true } else { return false } }.count
        self.init(
            header: SnapshotHeader(report.decoded.snapshot, name: name, modified: modified),
            place: Self.place(report.decoded.snapshot.location),
            findings: report.findings.sorted { $0.severity < $1.severity },
            causes: report.causes,
            undecided: report.unknown,
            listsUndecided: listsUndecided,
            advice: Self.advice(report),
            counts: RuleCounts(
                total: results.count, hold: hold, broken: results.filter(\.verdict.isBroken).count, undecided: report.unknown.count,
                errors: report.errors, warnings: report.warnings),
            showsHeading: heading)
    }

    /// `file:line` for a dump in a log, the file alone for a page at its start, and the byte
    /// offset in parentheses for a page further in.
    static func place(_ location: SourceLocation) -> String {
        switch location.position {
        case .line(let line): return "\(location.file):\(line)"
        case .byte(let offset) where offset > 0: return "\(location.file) (byte 0x\(String(offset, radix: 16)))"
        default: return location.file
        }
    }

    /// What to capture to decide the undecided rules: fields by name, rows a value leaves
    /// undefined, structure values the input hides, profile values, and what no dump holds.
    static func advice(_ report: CheckReport) -> CaptureAdvice {
        var advice = CaptureAdvice()
        var capabilities: [Capability] = []
        let catalog = report.decoded.catalog
        // Bits by field, in the order first named: rules that need different bits of one field
        // (CR4 63:33, CR4 63:32) give one line with all of them.
        var guestView: [(field: String, bits: UInt64)] = []
        var notInInput: [(field: String, bits: UInt64)] = []
        func add(_ bits: UInt64, of field: String, to list: inout [(field: String, bits: UInt64)]) {
            if let index = list.firstIndex(where: { $0.field == field }) { list[index].bits |= bits } else { list.append((field, bits)) }
        }
        for result in report.unknown {
            for item in result.missing {
                switch item {
                case .field(let field):
                    let name = catalog.field(id: field)?.name ?? field
                    if !advice.fields.contains(name) { advice.fields.append(name) }
                case .bit(let field, let bit):
                    let name = catalog.field(id: field)?.name ?? field
                    if let index = advice.undefinedBits.firstIndex(where: { $0.field == name }) {
                        if !advice.undefinedBits[index].bits.contains(bit) { advice.undefinedBits[index].bits.append(bit) }
                    } else {
                        advice.undefinedBits.append((name, [bit]))
                    }
                case .capability(let capability):
                    if !capabilities.contains(capability) { capabilities.append(capability) }
                case .structureValue(let field, let bits):
                    add(bits, of: catalog.field(id: field)?.name ?? field, to: &guestView)
                case .bitsNotInInput(let field, let bits):
                    add(bits, of: catalog.field(id: field)?.name ?? field, to: &notInInput)
                }
            }
        }
        advice.guestViews =
            guestView.map { "\($0.field) \(bitList($0.bits)) as the structure held \(bitPronoun($0.bits)) (the input shows the guest's view)" }
            + notInInput.map { "\($0.field) \(bitList($0.bits)) (not in the input)" }
        advice.profileValues = capabilities.filter(\.isProfileValue).sorted().map(\.description)
        advice.beyondDump = capabilities.filter { !$0.isProfileValue }.sorted().map(\.description)
        return advice
    }
}

extension FieldTableNode {
    /// The fields of `catalog` given, with the columns a reader of its manual looks for.
    public init(_ catalog: Catalog, fields: [FieldDefinition]) {
        switch catalog.architecture {
        case .vmx:
            // A row per field with an encoding, so that rows and fields stay aligned.
            let fields = fields.filter { $0.encoding != nil }
            self.init(
                architecture: .vmx, title: "Intel VMCS (SDM Vol. 3 Appendix B)", fields: fields,
                columns: [
                    TableColumn("ENC", minimumWidth: 6), TableColumn("LINUX NAME"), TableColumn("WIDTH", minimumWidth: 9),
                    TableColumn("TYPE", minimumWidth: 11), TableColumn("SDM NAME"),
                ],
                cells: fields.compactMap { field in
                    guard let encoding = field.encoding else { return nil }
                    return [
                        String(field.place.dropFirst(2)), field.name, IntelVMCS.widthName(ofEncoding: encoding),
                        IntelVMCS.typeName(ofEncoding: encoding), field.manualName,
                    ]
                })
        case .svm:
            self.init(
                architecture: .svm, title: "AMD VMCB (APM Vol. 2 Appendix B)", fields: fields,
                columns: [
                    TableColumn("OFF", minimumWidth: 5), TableColumn("SIZE", minimumWidth: 6), TableColumn("NAME"),
                    TableColumn("GROUP", minimumWidth: 19), TableColumn("APM NAME"),
                ],
                cells: fields.map { [String($0.place.dropFirst(2)), String($0.size), $0.name, $0.group, $0.manualName] })
        case .cpu:
            self.init(
                architecture: .cpu, title: "CPU state (architectural registers)", fields: fields,
                columns: [
                    TableColumn("NAME"), TableColumn("SIZE", minimumWidth: 6), TableColumn("GROUP", minimumWidth: 19), TableColumn("TITLE"),
                ],
                cells: fields.map { [$0.name, String($0.size), $0.group, $0.title] })
        }
    }

    /// The fields of `catalog` given, with a last column holding each one's value in
    /// `snapshot` (`absent` where the input lacked it); `name` names the snapshot (its source
    /// by default).
    public init(_ catalog: Catalog, fields: [FieldDefinition], holding snapshot: Snapshot, name: String? = nil) {
        self.init(catalog, fields: fields)
        columns.append(TableColumn("VALUE"))
        for (row, field) in self.fields.enumerated() where cells.indices.contains(row) {
            cells[row].append(snapshot.values[field.id].map { ValueText.value($0, of: field) } ?? "absent")
        }
        input = (name ?? snapshot.source, snapshot.values)
    }
}
