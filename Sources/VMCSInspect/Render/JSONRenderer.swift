/// Renders any document as JSON, one versioned schema per command (`DocumentKind.schema`, the
/// files in `Render/schemas/`), or as JSON Lines: one object per top-level node and per warning,
/// each on its own line with `schema` and `type`, written as soon as it is complete.
///
/// A document is `{"schema": …, "<collection>": [nodes], "warnings": [...]}`; keys come in a
/// fixed order; ids are catalog ids (bits as `field.bit`); every 64-bit value is a fixed-width hex
/// string (JSON numbers lose precision above 2^53); widths, offsets, bit positions and counts are
/// numbers; strings from an input have their control characters escaped.
public final class JSONRenderer: DocumentRenderer {
    /// True for JSON Lines.
    public let lines: Bool
    private let write: (String) -> Void
    private var writer: JSONWriter
    private var kind = DocumentKind.show
    private var warnings: [InputWarning] = []
    private var seen = Set<String>()

    /// A renderer that hands its text to `write`, a node at a time; `lines` for JSON Lines.
    public init(lines: Bool = false, write: @escaping (String) -> Void) {
        self.lines = lines
        self.write = write
        writer = JSONWriter(pretty: !lines)
    }

    /// A whole document as one string.
    public static func string(_ document: Document, lines: Bool = false) -> String {
        var out = ""
        document.render(to: JSONRenderer(lines: lines) { out += $0 })
        return out
    }

    /// Starts a document of `kind` (nothing is written before its first node).
    public func begin(_ kind: DocumentKind) {
        self.kind = kind
        warnings = []
        seen = []
        writer = JSONWriter(pretty: !lines)
        guard !lines else { return }
        writer.beginObject()
        writer.member("schema", kind.schema)
        writer.key(kind.collection)
        writer.beginArray()
        // Not written yet: an input that fails before its first node leaves standard output empty.
    }

    /// Writes one node: an element of the document's array, or one line per object.
    public func render(_ node: DocumentNode) {
        if lines, case .scan(let scan) = node {
            // A line per candidate as it is written, then the scan's counts.
            for candidate in scan.result.candidates {
                line("candidate") {
                    self.writer.member("dump", scan.result.name)
                    self.candidateMembers(candidate)
                }
            }
            line("scan") { self.scan(scan.result, listing: false) }
            flush()
            return
        }
        // A list node (a catalog's fields, a trace's events) is one object per element.
        for index in lineObjects(node) {
            if lines {
                line(Self.type(of: node)) { self.body(node, only: index) }
            } else {
                item(node, only: index)
            }
        }
        flush()
    }

    /// Keeps a warning for the document's `warnings`, or writes its line at once.
    public func warn(_ warning: InputWarning) {
        guard seen.insert(warning.description).inserted else { return }
        if lines {
            line("warning") { self.warningMembers(warning) }
            flush()
        } else {
            warnings.append(warning)
        }
    }

    /// Closes the document with its warnings.
    public func end() {
        guard !lines else { return }
        writer.endArray()
        if kind.readsInputs {
            writer.key("warnings")
            writer.beginArray()
            for warning in warnings {
                writer.beginObject(compact: true)
                warningMembers(warning)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        writer.out += "\n"
        flush()
    }

    private func flush() {
        guard !writer.out.isEmpty else { return }
        write(writer.out)
        writer.out = ""
    }

    /// One JSON Lines object: schema, type, then the members.
    private func line(_ type: String, _ members: () -> Void) {
        writer.beginObject()
        writer.member("schema", kind.schema)
        writer.member("type", type)
        members()
        writer.endObject()
        writer.out += "\n"
    }

    /// The objects a node becomes: one, or one per element for list nodes.
    private func lineObjects(_ node: DocumentNode) -> [Int] {
        switch node {
        case .fieldTable(let table): return Array(table.fields.indices)
        case .ruleList(let list): return Array(list.rules.indices)
        case .traceEvents(let events): return Array(events.indices)
        default: return [0]
        }
    }

    /// A node as an element of the document's array.
    private func item(_ node: DocumentNode, only index: Int) {
        writer.beginObject()
        writer.member("type", Self.type(of: node))
        body(node, only: index)
        writer.endObject()
    }

    static func type(of node: DocumentNode) -> String {
        switch node {
        case .snapshot: return "snapshot"
        case .comparison: return "comparison"
        case .check: return "check"
        case .explanation: return "explanation"
        case .fieldTable: return "field"
        case .ruleList: return "rule"
        case .scan: return "scan"
        case .traceHeading: return "trace"
        case .traceEvents: return "event"
        case .traceTally: return "tally"
        case .snapshotList: return "snapshots"
        case .fieldDetail: return "field"
        case .matches: return "matches"
        case .valueList: return "values"
        case .message: return "message"
        }
    }

    private func body(_ node: DocumentNode, only index: Int) {
        switch node {
        case .snapshot(let snapshot): self.snapshot(snapshot)
        case .comparison(let comparison): self.comparison(comparison)
        case .check(let check): self.check(check)
        case .explanation(let explanation): self.explanation(explanation)
        case .fieldTable(let table):
            let field = table.fields[index]
            catalogField(field, of: table.architecture)
            if let input = table.input {
                writer.member("input", input.name)
                writer.member("held", input.values[field.id] != nil)
                if let held = input.values[field.id] {
                    writer.key("value")
                    value(held, of: field)
                }
            }
        case .ruleList(let list): rule(list.rules[index])
        case .scan(let scan): self.scan(scan.result, listing: true)
        case .traceHeading(let heading): writer.member("source", heading.source)
        case .traceEvents(let events): event(events[index])
        case .traceTally(let tally): self.tally(tally)
        case .snapshotList(let list):
            writer.key("snapshots")
            writer.beginArray()
            for entry in list.entries {
                writer.beginObject()
                headerMembers(entry.header)
                writer.member("current", entry.isCurrent)
                writer.member("exit", entry.exit)
                writer.endObject()
            }
            writer.endArray()
        case .fieldDetail(let detail): field(detail.row)
        case .matches(let list):
            writer.member("pattern", list.pattern)
            writer.key("matches")
            writer.beginArray()
            for match in list.matches {
                writer.string(match.bit.map { match.field.bitID($0) } ?? match.field.id)
            }
            writer.endArray()
        case .valueList(let list):
            writer.member("title", list.title)
            pairs("values", list.entries, names: ("value", "name"))
        case .message(let text): writer.member("text", text)
        }
    }

    // MARK: Pieces

    private func location(_ location: SourceLocation) {
        writer.beginObject(compact: true)
        writer.member("file", location.file)
        switch location.position {
        case .none: break
        case .line(let line): writer.member("line", line)
        case .byte(let offset): writer.member("byte", offset)
        case .physical(let address): writer.member("physical", hex: address, digits: 16)
        }
        writer.endObject()
    }

    /// An array of two-member objects, one per pair, in order (a key may repeat).
    private func pairs(_ key: String, _ entries: [(key: String, value: String)], names: (String, String)) {
        writer.key(key)
        writer.beginArray()
        for entry in entries {
            writer.beginObject(compact: true)
            writer.member(names.0, entry.key)
            writer.member(names.1, entry.value)
            writer.endObject()
        }
        writer.endArray()
    }

    private func warningMembers(_ warning: InputWarning) {
        writer.key("location")
        location(warning.location)
        writer.member("message", warning.message)
    }

    /// The snapshot's heading: what it is, where it came from, what the producer printed
    /// besides its fields.
    private func headerMembers(_ header: SnapshotHeader) {
        writer.member("architecture", header.architecture.rawValue)
        writer.member("structure", header.architecture.structureName)
        writer.member("source", header.source)
        writer.member("reference", header.reference)
        writer.member("index", header.index)
        writer.member("format", header.format.rawValue)
        writer.member("producer", header.producer)
        writer.key("location")
        location(header.location)
        if let name = header.name { writer.member("name", name) }
        writer.member("modified", header.isModified)
        pairs("metadata", header.metadata, names: ("key", "value"))
        writer.member("notes", strings: header.notes)
        writer.key("failures")
        writer.beginArray()
        for failure in header.failures { recordedFailure(failure) }
        writer.endArray()
    }

    private func recordedFailure(_ failure: RecordedFailure) {
        writer.beginObject(compact: true)
        switch failure.kind {
        case .vmxExitReason(let reason):
            writer.member("kind", "vmx_exit_reason")
            writer.member("value", hex: UInt64(reason), digits: 8)
        case .vmInstructionError(let error):
            writer.member("kind", "vm_instruction_error")
            writer.member("value", hex: UInt64(error), digits: 8)
        case .svmExitCode(let code):
            writer.member("kind", "svm_exit_code")
            writer.member("value", hex: code, digits: 16)
        }
        writer.key("msr")
        if let index = failure.msrIndex { writer.hex(UInt64(index), digits: 8) } else { writer.null() }
        writer.key("msr_value")
        if let value = failure.msrValue { writer.hex(value, digits: 16) } else { writer.null() }
        writer.member("text", failure.text)
        writer.key("location")
        location(failure.location)
        writer.endObject()
    }

    /// Where a field is: a VMCS encoding as a string (`"0x681e"`) or a VMCB offset as a number.
    private func place(_ definition: FieldDefinition) {
        if definition.encoding != nil {
            writer.member("encoding", definition.place)
        } else if definition.architecture == .svm {
            writer.member("offset", definition.offset)
        }
    }

    /// A field's value: fixed-width hex, or a byte string as spaced hex pairs.
    private func value(_ value: FieldValue, of definition: FieldDefinition) {
        switch value {
        case .integer(let word): writer.hex(word, digits: definition.hexDigits)
        case .bytes(let bytes): writer.string(ValueText.bytes(bytes))
        }
    }

    /// Hex digits a bit row's value takes: its width (an address keeps its place in the word).
    static func digits(_ bit: BitDefinition) -> Int {
        let bits: Int
        if case .address = bit.kind { bits = bit.range.msb + 1 } else { bits = bit.range.width }
        return max(1, (bits + 3) / 4)
    }

    static func kind(_ kind: BitKind) -> String {
        switch kind {
        case .flag: return "flag"
        case .enumerated: return "enumerated"
        case .number: return "number"
        case .address: return "address"
        case .reserved: return "reserved"
        }
    }

    // MARK: Snapshots

    private func snapshot(_ node: SnapshotNode) {
        headerMembers(node.header)
        // JSON is for programs: every field selected, zero or not (no folding).
        writer.key("fields")
        writer.beginArray()
        for section in node.sections {
            for row in section.rows { field(row) }
        }
        writer.endArray()
        writer.key("counts")
        writer.beginObject(compact: true)
        writer.member("fields", node.sections.reduce(0) { $0 + $1.rows.count })
        writer.key("absent")
        if let absent = node.counts.absent { writer.int(absent) } else { writer.null() }
        writer.endObject()
    }

    private func field(_ row: FieldRow) {
        let field = row.field
        let definition = field.definition
        writer.beginObject()
        writer.member("id", definition.id)
        writer.member("name", definition.name)
        writer.member("manual_name", definition.manualName)
        writer.member("group", definition.group)
        place(definition)
        writer.member("size", definition.size)
        writer.key("value")
        value(field.value, of: definition)
        writer.member("value_name", field.isWholeEnumeration ? field.bits.first?.valueName : nil)
        writer.member("layout", field.layout?.name)
        writer.member("notes", strings: field.notes)
        writer.key("bits")
        writer.beginArray()
        let bits: [DecodedBit]
        if field.isWholeEnumeration {
            bits = []
        } else if case .named = row.bits {
            bits = row.listedBits
        } else {
            bits = field.bits
        }
        for bit in bits {
            let row = bit.definition
            writer.beginObject(compact: true)
            writer.member("id", definition.bitID(row))
            writer.member("name", row.name)
            writer.member("lsb", row.range.lsb)
            writer.member("msb", row.range.msb)
            writer.member("kind", Self.kind(row.kind))
            writer.member("value", hex: bit.value, digits: Self.digits(row))
            writer.member("value_name", bit.valueName)
            writer.member("reserved_violation", bit.violatesReservation)
            // Only for rows that have them, in the field's places: the row's own bits the input
            // lacks, and the absent bits that chose the row. Either leaves value_name null: the
            // name is withheld, not missing from the manual.
            if bit.unknownBits != 0 { writer.member("absent_bits", hex: bit.unknownBits, digits: definition.hexDigits) }
            if bit.undecided { writer.member("undecided_by", hex: bit.choosingUnknownBits, digits: definition.hexDigits) }
            writer.endObject()
        }
        writer.endArray()
        writer.member("unnamed_bits", hex: field.unnamedBits, digits: definition.hexDigits)
        // Only for the fields that have them: what a copy read back needs to stay undecided.
        if field.absentBits != 0 { writer.member("absent_bits", hex: field.absentBits, digits: definition.hexDigits) }
        if field.guestViewBits != 0 { writer.member("guest_view_bits", hex: field.guestViewBits, digits: definition.hexDigits) }
        // Only for a field whose table bits the input lacks could choose otherwise.
        if !field.layoutUndecidedBy.isEmpty {
            writer.key("layout_undecided_by")
            writer.beginArray()
            for part in field.layoutUndecidedBy {
                writer.beginObject(compact: true)
                writer.member("field", part.field)
                writer.member("field_absent", part.fieldAbsent)
                writer.member("absent_bits", hex: part.bits, digits: 16)
                writer.member("guest_view_bits", hex: part.guestView, digits: 16)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
    }

    // MARK: Comparisons

    private func comparison(_ node: ComparisonNode) {
        writer.key("a")
        writer.beginObject()
        headerMembers(node.old)
        writer.endObject()
        writer.key("b")
        writer.beginObject()
        headerMembers(node.new)
        writer.endObject()
        writer.key("fields")
        writer.beginArray()
        for section in node.sections {
            for row in section.rows where !row.isFolded { change(row.comparison) }
        }
        writer.endArray()
        writer.key("counts")
        writer.beginObject(compact: true)
        writer.member("changed", node.counts.changed)
        writer.member("only_a", node.counts.onlyOld)
        writer.member("only_b", node.counts.onlyNew)
        writer.member("unchanged", node.counts.unchanged)
        writer.endObject()
    }

    private func change(_ comparison: FieldComparison) {
        let definition = comparison.definition
        writer.beginObject()
        writer.member("id", definition.id)
        writer.member("name", definition.name)
        writer.member("group", definition.group)
        writer.member("status", comparison.status.rawValue)
        writer.key("old")
        if let old = comparison.old { value(old.value, of: definition) } else { writer.null() }
        writer.key("new")
        if let new = comparison.new { value(new.value, of: definition) } else { writer.null() }
        writer.member("layout_changed", comparison.layoutChanged)
        writer.key("bits")
        writer.beginArray()
        for change in comparison.bits {
            writer.beginObject(compact: true)
            writer.member("id", "\(definition.id).\(change.id)")
            writer.member("name", change.name)
            writer.member("change", change.kind.rawValue)
            for (key, bit) in [("old", change.old), ("new", change.new)] {
                writer.key(key)
                if let bit { writer.hex(bit.value, digits: Self.digits(bit.definition)) } else { writer.null() }
            }
            writer.endObject()
        }
        writer.endArray()
        writer.member("unnamed_set", hex: comparison.unnamedSet, digits: definition.hexDigits)
        writer.member("unnamed_cleared", hex: comparison.unnamedCleared, digits: definition.hexDigits)
        writer.endObject()
    }

    // MARK: Checks

    private func check(_ node: CheckNode) {
        headerMembers(node.header)
        writer.member("place", node.place)
        writer.key("counts")
        writer.beginObject(compact: true)
        writer.member("rules", node.counts.total)
        writer.member("hold", node.counts.hold)
        writer.member("broken", node.counts.broken)
        writer.member("undecided", node.counts.undecided)
        writer.member("errors", node.counts.errors)
        writer.member("warnings", node.counts.warnings)
        writer.endObject()
        writer.key("findings")
        writer.beginArray()
        for finding in node.findings {
            writer.beginObject()
            writer.member("verdict", "broken")
            writer.member("severity", finding.severity.rawValue)
            writer.member("rule", finding.check)
            writer.member("field", finding.field)
            writer.member("message", finding.message)
            writer.member("reference", finding.reference)
            writer.endObject()
        }
        writer.endArray()
        writer.key("undecided")
        writer.beginArray()
        for result in node.undecided {
            writer.beginObject()
            writer.member("verdict", "unknown")
            writer.member("rule", result.check.id)
            writer.member("reference", result.check.reference)
            writer.key("missing")
            writer.beginArray()
            for item in result.missing { missing(item) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.key("recorded_failures")
        writer.beginArray()
        for cause in node.causes {
            writer.beginObject()
            writer.member("failure", cause.description)
            writer.member("source", cause.source)
            writer.member("may_be_stale", cause.mayBeStale)
            writer.member("broken", strings: cause.broken)
            writer.member("undecided", strings: cause.undecided)
            writer.endObject()
        }
        writer.endArray()
        let advice = node.advice
        writer.key("capture")
        writer.beginObject()
        writer.member("fields", strings: advice.fields)
        writer.member("structure_values", strings: advice.guestViews)
        writer.key("undefined_bits")
        writer.beginArray()
        for row in advice.undefinedBits {
            writer.beginObject(compact: true)
            writer.member("field", row.field)
            writer.member("bits", strings: row.bits)
            writer.endObject()
        }
        writer.endArray()
        writer.member("profile", strings: advice.profileValues)
        writer.member("beyond_dump", strings: advice.beyondDump)
        writer.endObject()
    }

    private func missing(_ item: Missing) {
        writer.beginObject(compact: true)
        switch item {
        case .field(let field):
            writer.member("kind", "field")
            writer.member("id", field)
        case .bit(let field, let bit):
            writer.member("kind", "bit")
            writer.member("id", "\(field).\(bit)")
        case .capability(let capability):
            writer.member("kind", capability.isProfileValue ? "capability" : "beyond_dump")
            writer.member("id", capability.description)
        case .structureValue(let field, let bits):
            writer.member("kind", "structure_value")
            writer.member("id", field)
            writer.member("bits", hex: bits, digits: 16)
        case .bitsNotInInput(let field, let bits):
            writer.member("kind", "bits_not_in_input")
            writer.member("id", field)
            writer.member("bits", hex: bits, digits: 16)
        }
        writer.member("text", item.description)
        writer.endObject()
    }

    private func rule(_ check: Check) {
        writer.member("id", check.id)
        writer.member("architecture", check.architecture.rawValue)
        writer.member("manual", check.section.manual.citation)
        writer.member("section", check.section.number)
        writer.member("section_title", check.section.title)
        writer.member("stage", check.section.stage.rawValue)
        writer.member("severity", check.severity.rawValue)
        writer.member("text", check.text)
        writer.member("reference", check.reference)
        writer.member("needs", strings: check.needs.map(\.description))
    }

    // MARK: Explanations

    private func explanation(_ node: ExplanationNode) {
        writer.key("snapshot")
        if let header = node.header {
            writer.beginObject()
            headerMembers(header)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.key("sentences")
        writer.beginArray()
        for sentence in node.sentences {
            writer.beginObject(compact: true)
            writer.member("text", sentence.text)
            writer.member("reference", sentence.reference)
            writer.endObject()
        }
        writer.endArray()
    }

    // MARK: Listings

    private func catalogField(_ field: FieldDefinition, of architecture: Architecture) {
        writer.member("architecture", architecture.rawValue)
        writer.member("id", field.id)
        writer.member("name", field.name)
        writer.member("manual_name", field.manualName)
        writer.member("title", field.title)
        writer.member("group", field.group)
        writer.member("size", field.size)
        if let encoding = field.encoding {
            writer.member("encoding", field.place)
            writer.member("encoding_width", IntelVMCS.widthName(ofEncoding: encoding))
            writer.member("encoding_type", IntelVMCS.typeName(ofEncoding: encoding))
        } else if architecture == .svm {
            writer.member("offset", field.offset)
        }
        writer.member("reference", field.reference)
        writer.member("bits", strings: Catalog.forArchitecture(architecture).bitIDs(of: field))
    }

    private func scan(_ result: ScanResult, listing: Bool = true) {
        writer.member("dump", result.name)
        writer.member("format", result.formatName)
        writer.member("pages_scanned", result.pagesScanned)
        guard listing else {
            writer.member("candidates", result.candidates.count)
            return
        }
        writer.key("candidates")
        writer.beginArray()
        for candidate in result.candidates {
            writer.beginObject()
            candidateMembers(candidate)
            writer.endObject()
        }
        writer.endArray()
    }

    private func candidateMembers(_ candidate: ScanCandidate) {
        writer.member("address", hex: candidate.address, digits: 16)
        writer.member("kind", candidate.kind.rawValue)
        writer.member("confidence", candidate.confidence)
        writer.member("reasons", strings: candidate.reasons)
        writer.member("summary", candidate.summary)
        if let revision = candidate.revision { writer.member("revision", hex: UInt64(revision), digits: 8) }
        if let layout = candidate.layout { writer.member("layout", layout) }
        if let exit = candidate.exit {
            writer.member(candidate.kind == .vmcb || candidate.kind == .vmsa ? "exit_code" : "exit_reason", hex: exit, digits: 16)
        }
        if let rip = candidate.rip { writer.member("rip", hex: rip, digits: 16) }
        if let cr3 = candidate.cr3 { writer.member("cr3", hex: cr3, digits: 16) }
        if let tag = candidate.tag { writer.member(candidate.revision == nil ? "asid" : "vpid", Int(truncatingIfNeeded: tag)) }
    }

    // MARK: Traces

    private func event(_ event: TraceEvent) {
        writer.member("line", event.line)
        writer.member("name", event.name)
        writer.member("system", event.system)
        writer.member("task", event.task)
        writer.key("pid")
        if let pid = event.pid { writer.int(pid) } else { writer.null() }
        writer.key("cpu")
        if let cpu = event.cpu { writer.int(cpu) } else { writer.null() }
        writer.member("timestamp", event.timestamp)
        writer.key("vcpu")
        if let vcpu = event.vcpu { writer.int(vcpu) } else { writer.null() }
        writer.key("exit")
        if let index = event.exitIndex { writer.int(index) } else { writer.null() }
        writer.member("payload", event.payload)
    }

    private func tally(_ tally: TraceTally) {
        writer.member("events", tally.eventTotal)
        writer.member("exits", tally.exitTotal)
        writer.key("exits_by_reason")
        writer.beginArray()
        for count in tally.exits {
            writer.beginObject(compact: true)
            writer.member("reason", TraceTally.name(count.reason))
            writer.member("count", count.count)
            writer.endObject()
        }
        writer.endArray()
        writer.key("other_events")
        writer.beginArray()
        for (name, count) in tally.others {
            writer.beginObject(compact: true)
            writer.member("event", name)
            writer.member("count", count)
            writer.endObject()
        }
        writer.endArray()
    }
}
