/// Which command a document answers; it names the document's JSON schema.
public enum DocumentKind: String, Sendable, CaseIterable {
    /// `show`: snapshots with their fields (or a KVM trace's events).
    case show
    /// `diff`: comparisons of two snapshots.
    case diff
    /// `explain`: an exit in sentences.
    case explain
    /// `check`: the consistency rules' findings.
    case check
    /// `check --list`: every rule.
    case checkList = "check-list"
    /// `fields`: the catalog.
    case fields
    /// `scan`: the candidate pages of a crash dump.
    case scan
    /// The interactive shell's replies (text only).
    case shell

    /// The schema version; bumped whenever a key changes meaning or goes away.
    public var version: Int {
        switch self {
        case .show: return 2
        case .diff: return 2
        case .explain: return 1
        case .check: return 3
        case .checkList: return 2
        case .fields: return 2
        case .scan: return 2
        case .shell: return 1
        }
    }

    /// `vmcs-inspect/show/2`: the value of a JSON document's `schema` key.
    public var schema: String { "vmcs-inspect/\(rawValue)/\(version)" }

    /// The key of the array a JSON document holds its top-level nodes in.
    public var collection: String {
        switch self {
        case .show: return "snapshots"
        case .diff: return "comparisons"
        case .explain: return "explanations"
        case .check: return "snapshots"
        case .checkList: return "rules"
        case .fields: return "fields"
        case .scan: return "dumps"
        case .shell: return "replies"
        }
    }

    /// True for commands that read inputs, whose documents carry the readers' warnings.
    public var readsInputs: Bool { [.show, .diff, .explain, .check].contains(self) }
}

/// A command's output: typed nodes that the text and the JSON renderer both render, so the two
/// never drift. Commands stream large outputs node by node into a `DocumentRenderer`; this
/// value holds a whole document for the shell and for tests.
public struct Document: Sendable {
    /// The command it answers.
    public var kind: DocumentKind
    /// The top-level nodes, in order.
    public var nodes: [DocumentNode]
    /// The readers' warnings, each once, in the order met.
    public var warnings: [InputWarning]

    /// A document of `kind` holding `nodes`.
    public init(_ kind: DocumentKind, _ nodes: [DocumentNode] = [], warnings: [InputWarning] = []) {
        self.kind = kind
        self.nodes = nodes
        self.warnings = warnings
    }

    /// Hands the document to a renderer, node by node.
    public func render(to renderer: any DocumentRenderer) {
        renderer.begin(kind)
        for node in nodes { renderer.render(node) }
        for warning in warnings { renderer.warn(warning) }
        renderer.end()
    }
}

/// Where a document goes as a command builds it: the text and JSON renderers, and
/// `DocumentCollector`. A command calls `begin` once, `render` for each top-level node as soon
/// as it is complete (one snapshot at a time for a large log), `warn` for each reader warning,
/// and `end` once.
public protocol DocumentRenderer: AnyObject {
    /// Starts a document.
    func begin(_ kind: DocumentKind)
    /// One top-level node, complete.
    func render(_ node: DocumentNode)
    /// A warning met while reading an input.
    func warn(_ warning: InputWarning)
    /// Ends the document.
    func end()
}

/// Keeps what a command renders as a `Document` (the shell, tests).
public final class DocumentCollector: DocumentRenderer {
    /// What has been rendered so far.
    public private(set) var document = Document(.show)
    private var seen = Set<String>()

    /// An empty collector.
    public init() {}

    /// Starts the document over.
    public func begin(_ kind: DocumentKind) {
        document = Document(kind)
        seen = []
    }

    /// Keeps the node.
    public func render(_ node: DocumentNode) { document.nodes.append(node) }

    /// Keeps the warning, unless the same one was kept already.
    public func warn(_ warning: InputWarning) {
        if seen.insert(warning.description).inserted { document.warnings.append(warning) }
    }

    /// Nothing to finish.
    public func end() {}
}

/// One top-level node of a document.
public enum DocumentNode: Sendable {
    /// A snapshot with its fields, grouped in sections (`show`).
    case snapshot(SnapshotNode)
    /// Two snapshots compared field by field (`diff`).
    case comparison(ComparisonNode)
    /// The consistency rules' verdicts on a snapshot (`check`).
    case check(CheckNode)
    /// An exit in sentences (`explain`).
    case explanation(ExplanationNode)
    /// A catalog, or the part of it a pattern matches (`fields`).
    case fieldTable(FieldTableNode)
    /// Every consistency rule (`check --list`).
    case ruleList(RuleListNode)
    /// A crash dump's candidate pages (`scan`, and `show DUMP` without an address).
    case scan(ScanNode)
    /// The heading of a KVM trace listed one row per event (`show TRACE`).
    case traceHeading(TraceHeadingNode)
    /// Events of a KVM trace, in input order.
    case traceEvents([TraceEvent])
    /// The counts a trace listing ends with.
    case traceTally(TraceTally)
    /// Loaded snapshots, one line each (the shell's `load`, `snapshots`, `use`).
    case snapshotList(SnapshotListNode)
    /// One field with its bits (the shell's `get`, `bits`, `set`).
    case fieldDetail(FieldDetailNode)
    /// Fields and bits whose names match a pattern (the shell's `find`).
    case matches(MatchListNode)
    /// Numbers and their names (`explain vmx --reason list`).
    case valueList(ValueListNode)
    /// A sentence of the tool's own (the shell: `wrote a@0 to FILE`).
    case message(String)
}

// MARK: Snapshots

/// Who printed a snapshot, where, and what it carried besides fields: the heading of every
/// snapshot a document shows.
public struct SnapshotHeader: Sendable {
    /// The structure the snapshot is.
    public var architecture: Architecture
    /// The input's display name.
    public var source: String
    /// The name that names the snapshot again: `FILE@N` for a dump of a log, `FILE@0xADDR` for a
    /// crash dump's page, the file alone for a page.
    public var reference: String
    /// Position among the input's snapshots, from 0.
    public var index: Int
    /// The input format it was read with.
    public var format: InputFormat
    /// Who printed it (`KVM dump_vmcb`, `hexdump -C dump`).
    public var producer: String
    /// Where it starts in its input.
    public var location: SourceLocation
    /// The shell's name for it (`a@0`); nil outside the shell.
    public var name: String?
    /// True when the shell's `set` has edited it.
    public var isModified: Bool
    /// What the producer printed beyond fields, in order; a key may repeat.
    public var metadata: [(key: String, value: String)]
    /// Remarks on the whole snapshot (a revision identifier that does not match).
    public var notes: [String]
    /// Failures the producer printed beside the dump.
    public var failures: [RecordedFailure]

    /// The heading of `snapshot`, named `name` in the shell.
    public init(_ snapshot: Snapshot, name: String? = nil, modified: Bool = false) {
        architecture = snapshot.architecture
        source = snapshot.source
        reference = snapshot.reference
        index = snapshot.index
        format = snapshot.format
        producer = snapshot.producer
        location = snapshot.location
        self.name = name
        isModified = modified
        metadata = snapshot.metadata
        notes = snapshot.pageNotes
        failures = snapshot.failures
    }

    /// Who printed it and where it starts: `KVM dump_vmcb at line 2`.
    public var origin: String {
        if format.isLog, case .line(let line) = location.position { return "\(producer) at line \(line)" }
        return producer
    }
}

extension Snapshot {
    /// The name that names this snapshot again: `FILE@N` for a dump of a log (or any input
    /// holding several), the source alone otherwise (a page; a crash dump's page, whose source
    /// already ends in `@0xADDR`).
    public var reference: String { format.isLog || index > 0 ? "\(source)@\(index)" : source }
}

/// Which bit rows a field row lists beneath it.
public enum BitListing: Sendable, Equatable {
    /// Only the summary words.
    case none
    /// Set flags and non-zero sub-fields.
    case set
    /// Every row that applies.
    case all
    /// Only these rows, by bit id (`--field guest.cr4.vmxe`).
    case named([String])
}

/// One field of a snapshot as a document shows it.
public struct FieldRow: Sendable {
    /// The field, decoded.
    public let field: DecodedField
    /// Left out of text (zero-valued and not asked for by name); JSON shows every field.
    public var isFolded: Bool
    /// Which bits the text lists beneath the row.
    public var bits: BitListing

    /// A row for `field`.
    public init(_ field: DecodedField, folded: Bool = false, bits: BitListing = .none) {
        self.field = field
        isFolded = folded
        self.bits = bits
    }

    /// The bit rows to list: those `bits` selects, in table order.
    public var listedBits: [DecodedBit] {
        guard !field.isWholeEnumeration, !field.isWholeNumber else { return [] }
        switch bits {
        case .none: return []
        case .all: return field.bits
        case .set: return field.bits.filter { $0.isSet || $0.violatesReservation || $0.valueName != nil }
        case .named(let ids): return field.bits.filter { ids.contains($0.definition.id) }
        }
    }
}

/// A group of rows under the heading of its catalog group.
public struct Section<Row: Sendable>: Sendable {
    /// The catalog group heading the rows.
    public let group: FieldGroup
    /// The rows, in catalog order.
    public var rows: [Row]

    /// A section of `group` holding `rows`.
    public init(_ group: FieldGroup, _ rows: [Row]) {
        self.group = group
        self.rows = rows
    }

    /// The rows grouped by their catalog group, groups in catalog order, rows in the order
    /// given within each.
    static func grouped(_ rows: [Row], in catalog: Catalog, by group: (Row) -> String) -> [Section<Row>] {
        var byGroup: [String: [Row]] = [:]
        var unknown: [String] = []
        for row in rows {
            let id = group(row)
            if byGroup[id] == nil, catalog.groups.first(where: { $0.id == id }) == nil { unknown.append(id) }
            byGroup[id, default: []].append(row)
        }
        let known = catalog.groups.compactMap { group in byGroup[group.id].map { Section(group, $0) } }
        return known + unknown.compactMap { id in byGroup[id].map { Section(FieldGroup(id, id, area: ""), $0) } }
    }
}

/// How many fields a snapshot listing holds, shows and leaves out.
public struct FieldCounts: Sendable {
    /// Fields listed (text: not folded).
    public var shown: Int
    /// Zero-valued fields the text leaves out.
    public var folded: Int
    /// Catalog fields the input did not contain, for inputs that print chosen fields (logs);
    /// nil for whole pages.
    public var absent: Int?
}

/// A snapshot and its fields (`show`).
public struct SnapshotNode: Sendable {
    /// The snapshot's heading.
    public var header: SnapshotHeader
    /// Its fields, by group.
    public var sections: [Section<FieldRow>]
    /// How many fields are shown, folded and absent.
    public var counts: FieldCounts
}

// MARK: Comparisons

/// One field of a comparison as a document shows it.
public struct ChangeRow: Sendable {
    /// The field on both sides.
    public let comparison: FieldComparison
    /// Left out of text (unchanged, without `--all`).
    public var isFolded: Bool
}

/// How many fields differ, and on which side.
public struct DiffCounts: Sendable {
    /// Fields on both sides with different values.
    public var changed: Int
    /// Fields only the first snapshot holds.
    public var onlyOld: Int
    /// Fields only the second snapshot holds.
    public var onlyNew: Int
    /// Fields with the same value on both sides.
    public var unchanged: Int
    /// True when unchanged fields are left out of the text.
    public var unchangedFolded: Bool
}

/// Two snapshots compared field by field (`diff`).
public struct ComparisonNode: Sendable {
    /// The first snapshot (`---`).
    public var old: SnapshotHeader
    /// The second snapshot (`+++`).
    public var new: SnapshotHeader
    /// The compared fields, by group.
    public var sections: [Section<ChangeRow>]
    /// How many fields differ, on which side.
    public var counts: DiffCounts
}

// MARK: Checks

/// What to capture to decide the undecided rules, grouped as a reader acts on it.
public struct CaptureAdvice: Sendable {
    /// Fields the input lacks, by name.
    public var fields: [String] = []
    /// Fields whose structure value the input hides (it shows the guest's view).
    public var guestViews: [String] = []
    /// Fields whose value leaves bit rows undefined, with those rows.
    public var undefinedBits: [(field: String, bits: [String])] = []
    /// Capability-profile values (`--cpu`).
    public var profileValues: [String] = []
    /// What no dump holds (memory, model-specific behaviour).
    public var beyondDump: [String] = []

    /// True when nothing is to be captured.
    public var isEmpty: Bool {
        fields.isEmpty && guestViews.isEmpty && undefinedBits.isEmpty && profileValues.isEmpty && beyondDump.isEmpty
    }
}

/// How the rules came out on one snapshot.
public struct RuleCounts: Sendable {
    /// Rules run.
    public var total: Int
    /// Rules the state keeps.
    public var hold: Int
    /// Rules the state breaks.
    public var broken: Int
    /// Rules the input and profile leave undecided.
    public var undecided: Int
    /// Findings by severity.
    public var errors: Int
    /// Warning findings.
    public var warnings: Int
}

/// The consistency rules' verdicts on one snapshot (`check`).
public struct CheckNode: Sendable {
    /// The snapshot checked.
    public var header: SnapshotHeader
    /// `file:line`, the file, or the file with a byte offset: where each text line points.
    public var place: String
    /// Broken rules' findings, errors first.
    public var findings: [Finding]
    /// The failures the input records, with the rules that could cause each.
    public var causes: [RecordedCause]
    /// The undecided rules, each with what it lacked (three-valued: neither holds nor broken).
    public var undecided: [RuleResult]
    /// True when the text lists the undecided rules (`--unknown`); JSON always does.
    public var listsUndecided: Bool
    /// What to capture to decide them.
    public var advice: CaptureAdvice
    /// The rules' verdicts, counted.
    public var counts: RuleCounts
    /// True when the text names the snapshot in a heading (several inputs).
    public var showsHeading: Bool
}

// MARK: Explanations

/// One sentence of an explanation and the manual section it comes from.
public struct Sentence: Sendable, Equatable, CustomStringConvertible {
    /// The sentence, ending with its full stop.
    public let text: String
    /// Manual, section and revision (`SDM Vol. 3 section 28.2.1`).
    public let reference: String

    /// A sentence and its reference.
    public init(_ text: String, _ reference: String) {
        self.text = text
        self.reference = reference
    }

    /// The sentence with its reference in brackets.
    public var description: String { "\(text) [\(reference)]" }
}

/// An exit in sentences (`explain`): of a snapshot, or of bare numbers (no header).
public struct ExplanationNode: Sendable {
    /// The snapshot explained; nil for bare numbers.
    public var header: SnapshotHeader?
    /// The sentences, in the order a developer reads them.
    public var sentences: [Sentence]
}

// MARK: Catalog listings

/// A column of a text table: heading, the least width it takes, and whether it is right-aligned.
public struct TableColumn: Sendable {
    /// The column's heading.
    public let heading: String
    /// Columns, the two spaces before the next column included.
    public let minimumWidth: Int
    /// True for numbers.
    public let rightAligned: Bool

    /// A column headed `heading`.
    public init(_ heading: String, minimumWidth: Int = 0, rightAligned: Bool = false) {
        self.heading = heading
        self.minimumWidth = minimumWidth
        self.rightAligned = rightAligned
    }
}

/// Fields of one catalog (`fields`).
public struct FieldTableNode: Sendable {
    /// The catalog's architecture.
    public var architecture: Architecture
    /// `Intel VMCS (SDM Vol. 3 Appendix B)`.
    public var title: String
    /// The fields listed.
    public var fields: [FieldDefinition]
    /// The text table's columns and cells, one row per field (what a reader of that manual
    /// looks for: encoding, width and type for the VMCS; offset and size for the VMCB).
    public var columns: [TableColumn]
    /// One row of cells per field, under `columns`.
    public var cells: [[String]]
}

/// Numbers and the names the manuals give them.
public struct ValueListNode: Sendable {
    /// `VMX basic exit reasons (SDM Vol. 3 Appendix C)`.
    public var title: String
    /// Each value as written (`48`, `0x400`, `-1`) and its name.
    public var entries: [(key: String, value: String)]
}

/// Every consistency rule (`check --list`).
public struct RuleListNode: Sendable {
    /// The rules, VMX first, in manual order.
    public var rules: [Check]
}

/// A crash dump's candidate pages, and with `hint`, how to name one (`show DUMP`).
public struct ScanNode: Sendable {
    /// What the scan found.
    public var result: ScanResult
    /// True when the listing ends with how to read a candidate (`show` without an address).
    public var showsHint: Bool
}

/// The heading of a KVM trace listing.
public struct TraceHeadingNode: Sendable {
    /// The trace's display name.
    public var source: String
}

// MARK: The shell

/// One loaded snapshot, as the shell lists it.
public struct SnapshotListEntry: Sendable {
    /// The snapshot, named as the shell names it.
    public var header: SnapshotHeader
    /// True for the current snapshot.
    public var isCurrent: Bool
    /// The exit in a few words: `exit EPT_VIOLATION (0x30)`.
    public var exit: String?
}

/// Loaded snapshots, one line each, after a verb (`loaded`, `using`) or marking the current one.
public struct SnapshotListNode: Sendable {
    /// The word before each entry; nil lists them with `*` marking the current one.
    public var verb: String?
    /// The snapshots, in load order.
    public var entries: [SnapshotListEntry]
}

/// One field, its value and bits (the shell's `get`, `bits`, `set`).
public struct FieldDetailNode: Sendable {
    /// The field and the bits to list.
    public var row: FieldRow
    /// The value before a `set`, when this shows an edit (nil: the field was absent).
    public var edit: EditedValue?
    /// True when every bit was asked for and no table applies to the value.
    public var saysNoTable: Bool
    /// Only one bit was asked for: the value and that bit's row, no summary words.
    public var bitOnly: Bool
}

/// A value an edit replaced.
public struct EditedValue: Sendable {
    /// The value before; nil when the field was absent.
    public var old: UInt64?
    /// The value set.
    public var new: UInt64
}

/// A field or a bit whose name or description matches (the shell's `find`).
public struct Match: Sendable {
    /// The field matched, or the field of the bit matched.
    public var field: FieldDefinition
    /// The bit matched; nil when the field itself matched.
    public var bit: BitDefinition?
}

/// What `find` found, in catalog order.
public struct MatchListNode: Sendable {
    /// What was looked for.
    public var pattern: String
    /// The fields and bits found.
    public var matches: [Match]
}
