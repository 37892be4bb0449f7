/// Renders any document as text: pahole-style aligned columns, one field per line grouped by
/// area, bits beneath, `-`/`+` diffs, compiler-style findings. Wrapping measures the visible
/// width of words (ANSI colour takes no columns), colour is used only when the options allow
/// it, and every string that came from an input is written with its control characters escaped.
/// Warnings are not part of the text: the executable writes them on standard error.
public final class TextRenderer: DocumentRenderer {
    /// Colour and width.
    public let options: RenderOptions
    private let write: (String) -> Void
    private var previous: DocumentNode?

    /// A renderer that hands its text to `write`, a node at a time.
    public init(options: RenderOptions = RenderOptions(), write: @escaping (String) -> Void) {
        self.options = options
        self.write = write
    }

    /// A whole document as one string.
    public static func string(_ document: Document, options: RenderOptions = RenderOptions()) -> String {
        var out = ""
        document.render(to: TextRenderer(options: options) { out += $0 })
        return out
    }

    /// Starts a document.
    public func begin(_ kind: DocumentKind) { previous = nil }

    /// Writes one node, a blank line before it where it starts a new block.
    public func render(_ node: DocumentNode) {
        var out = separated(from: previous, node) ? "\n" : ""
        previous = node
        switch node {
        case .snapshot(let snapshot): self.snapshot(snapshot, into: &out)
        case .comparison(let comparison): self.comparison(comparison, into: &out)
        case .check(let check): self.check(check, into: &out)
        case .explanation(let explanation): self.explanation(explanation, into: &out)
        case .fieldTable(let table): self.fieldTable(table, into: &out)
        case .ruleList(let list): self.ruleList(list, into: &out)
        case .scan(let scan): self.scan(scan, into: &out)
        case .traceHeading(let heading): traceHeading(heading, into: &out)
        case .traceEvents(let events):
            for event in events { out += Self.traceRow(event) + "\n" }
        case .traceTally(let tally): traceTally(tally, into: &out)
        case .snapshotList(let list): snapshotList(list, into: &out)
        case .fieldDetail(let detail): fieldDetail(detail, into: &out)
        case .matches(let list): matches(list, into: &out)
        case .valueList(let list):
            out += list.title + ":\n"
            let width = list.entries.map(\.key.count).max() ?? 0
            for entry in list.entries { out += "  " + entry.key.leftPadded(to: width) + "  " + entry.value + "\n" }
        case .message(let text):
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { out += visible(String(line)) + "\n" }
        }
        write(out)
    }

    /// Warnings go to standard error, which the executable writes.
    public func warn(_ warning: InputWarning) {}

    /// Nothing to close.
    public func end() {}

    /// A blank line between top-level nodes, but not within a run of findings, nor between a
    /// trace's heading and its rows.
    private func separated(from previous: DocumentNode?, _ node: DocumentNode) -> Bool {
        guard let previous else { return false }
        switch (previous, node) {
        case (.check(let a), .check(let b)): return a.showsHeading || b.showsHeading
        case (.traceHeading, .traceEvents), (.traceEvents, .traceEvents): return false
        case (.traceHeading, .traceTally): return true
        default: return true
        }
    }

    // MARK: Pieces

    private func paint(_ text: String, _ code: String) -> String { options.paint(text, code) }
    private func bold(_ text: String) -> String { paint(text, "1") }
    private func dim(_ text: String) -> String { paint(text, "2") }
    private func red(_ text: String) -> String { paint(text, "31") }

    /// Text from an input, its control characters escaped.
    private func visible(_ text: String) -> String { PrintableText.escaped(text) }

    static let nameWidth = 22
    static let maximumNameWidth = 30
    static let valueWidth = 18

    /// `VMCS samples/x.log@0 (KVM dump_vmcs at line 1)`, the shell's name before it and a mark
    /// when it was edited.
    func title(_ header: SnapshotHeader) -> String {
        var text = (header.name.map { visible($0) + ": " } ?? "") + header.architecture.structureName + " "
        text += visible(header.reference) + " (" + visible(header.origin) + ")"
        if header.isModified { text += " [modified]" }
        return text
    }

    /// What a header carries besides its title: metadata, notes, recorded failures.
    func headerLines(_ header: SnapshotHeader, into out: inout String) {
        let metadata = header.metadata.filter { $0.key != "msr" }
        if !metadata.isEmpty {
            out += "  " + metadata.map { visible($0.key) + "=" + visible($0.value) }.joined(separator: " ") + "\n"
        }
        for entry in header.metadata where entry.key == "msr" {
            out += "  " + visible(entry.value) + "\n"
        }
        for note in header.notes {
            out += "  " + dim("note: " + visible(note)) + "\n"
        }
        for failure in header.failures {
            out += "  " + paint("failure:", "1") + " " + visible(failure.text) + " (" + Self.position(failure.location) + ")\n"
        }
    }

    /// `line 3`, `byte 0x40`, or the file.
    static func position(_ location: SourceLocation) -> String {
        switch location.position {
        case .line(let line): return "line \(line)"
        case .byte(let offset): return "byte 0x" + String(offset, radix: 16)
        case .physical(let address): return "physical 0x" + String(address, radix: 16)
        case .none: return PrintableText.escaped(location.file)
        }
    }

    /// The prefix, then the words, wrapped under the first word past the width. Widths are
    /// what the terminal shows: colour sequences take no columns.
    func wrap(prefix: String, words: [String]) -> String {
        guard !words.isEmpty else { return prefix.trimmingTrailingSpaces() + "\n" }
        let prefixWidth = PrintableText.visibleWidth(prefix)
        let indent = String(repeating: " ", count: prefixWidth)
        var out = prefix
        var column = prefixWidth
        var first = true
        for word in words {
            let width = PrintableText.visibleWidth(word)
            if !first, column + 1 + width > options.width {
                out += "\n" + indent
                column = prefixWidth
            }
            out += " " + word
            column += 1 + width
            first = false
        }
        return out + "\n"
    }

    /// The width of the name column for these fields.
    static func nameColumn(_ names: some Sequence<String>) -> Int {
        min(maximumNameWidth, max(nameWidth, names.map(\.count).max() ?? 0))
    }

    // MARK: Snapshots

    func snapshot(_ node: SnapshotNode, into out: inout String) {
        out += bold(title(node.header)) + "\n"
        headerLines(node.header, into: &out)
        let shown = node.sections.flatMap { $0.rows.filter { !$0.isFolded } }
        let nameWidth = Self.nameColumn(shown.lazy.map(\.field.definition.name))
        for section in node.sections {
            let rows = section.rows.filter { !$0.isFolded }
            guard !rows.isEmpty else { continue }
            out += "\n" + bold("\(section.group.area): \(section.group.title)") + "\n"
            for row in rows { fieldLine(row, nameWidth: nameWidth, into: &out) }
        }
        let counts = node.counts
        var footer = "\(counts.shown) field\(counts.shown == 1 ? "" : "s") shown"
        if counts.folded > 0 { footer += ", \(counts.folded) zero-valued hidden (--all shows them)" }
        if let absent = counts.absent, absent > 0 { footer += "; \(absent) not in the input" }
        out += "\n" + dim(footer) + "\n"
    }

    /// `  070  exit_code              0x0000000000000400 NPF`, its notes, and its bits beneath.
    func fieldLine(_ row: FieldRow, nameWidth: Int, into out: inout String) {
        let field = row.field
        let definition = field.definition
        let prefix =
            "  \(definition.place.dropFirst(2))  \(definition.name.padded(to: nameWidth)) \(ValueText.value(field).padded(to: Self.valueWidth))"
        var words = ValueText.summary(field)
        if !field.reservedViolations.isEmpty {
            words = words.map { $0.hasPrefix("!") ? red($0) : $0 }
        }
        out += wrap(prefix: prefix, words: words)
        for note in field.notes {
            out += String(repeating: " ", count: 7) + dim("note: " + visible(note)) + "\n"
        }
        for bit in row.listedBits { out += bitLine(bit) }
    }

    /// `         13     VMXE           1            VMX enable (Intel)`; a row whose bits are
    /// not all in the input shows `?` for them, or says which are missing.
    func bitLine(_ bit: DecodedBit) -> String {
        let position = bit.definition.range.description.padded(to: 6)
        let name = bit.definition.name.padded(to: 14)
        var value: String
        switch bit.definition.kind {
        case .flag: value = bit.isSet ? "1" : "0"
        case .address: value = ValueText.hex(bit.value)
        default: value = ValueText.number(bit.value)
        }
        if bit.isWhollyUnknown { value = "?" }
        if let valueName = bit.valueName { value += " \(valueName)" }
        var title = bit.definition.title
        if let uncertainty = bit.uncertainty { title += " (\(uncertainty))" }
        let text = "         \(position) \(name) \(value.padded(to: 12)) \(title)"
        return (bit.violatesReservation ? red(text) : text) + "\n"
    }

    // MARK: Comparisons

    func label(_ header: SnapshotHeader) -> String {
        (header.name.map { visible($0) + ": " } ?? "") + visible(header.reference) + " (" + visible(header.origin) + ")"
            + (header.isModified ? " [modified]" : "")
    }

    /// What the summary calls a side: the shell's name, else the reference.
    func sideName(_ header: SnapshotHeader) -> String { visible(header.name ?? header.reference) }

    func comparison(_ node: ComparisonNode, into out: inout String) {
        out += paint("--- " + label(node.old), "31") + "\n"
        out += paint("+++ " + label(node.new), "32") + "\n"
        let shown = node.sections.flatMap { $0.rows.filter { !$0.isFolded } }
        let nameWidth = Self.nameColumn(shown.lazy.map(\.comparison.definition.name))
        for section in node.sections {
            let rows = section.rows.filter { !$0.isFolded }
            guard !rows.isEmpty else { continue }
            out += "\n" + paint("\(section.group.area): \(section.group.title)", "1") + "\n"
            for row in rows { changeLines(row.comparison, nameWidth: nameWidth, node: node, into: &out) }
        }
        let counts = node.counts
        var summary = "\(counts.changed) field\(counts.changed == 1 ? " differs" : "s differ")"
        summary += ", \(counts.onlyOld) only in \(sideName(node.old))"
        summary += ", \(counts.onlyNew) only in \(sideName(node.new))"
        summary += ", \(counts.unchanged) unchanged"
        if counts.unchangedFolded, counts.unchanged > 0 { summary += " (--all shows them)" }
        out += "\n" + summary + "\n"
    }

    func changeLines(_ comparison: FieldComparison, nameWidth: Int, node: ComparisonNode, into out: inout String) {
        let definition = comparison.definition
        let place = definition.place.dropFirst(2)
        let name = definition.name.padded(to: nameWidth)
        switch comparison.status {
        case .same:
            out += "  \(place)  \(name) \(comparison.old.map(ValueText.value) ?? "")\n"
        case .onlyOld:
            let value = comparison.old.map(ValueText.value) ?? ""
            out += paint("- \(place)  \(name) \(value)", "31") + "  (only in \(sideName(node.old)))\n"
        case .onlyNew:
            let value = comparison.new.map(ValueText.value) ?? ""
            out += paint("+ \(place)  \(name) \(value)", "32") + "  (only in \(sideName(node.new)))\n"
        case .changed:
            let old = comparison.old.map(ValueText.value) ?? ""
            let new = comparison.new.map(ValueText.value) ?? ""
            var words = comparison.bits.map { change -> String in
                switch change.kind {
                case .set: return paint(change.text, "32")
                case .cleared: return paint(change.text, "31")
                case .changed: return change.text
                }
            }
            if comparison.unnamedSet != 0 { words.append("+unnamed=\(ValueText.hex(comparison.unnamedSet))") }
            if comparison.unnamedCleared != 0 { words.append("-unnamed=\(ValueText.hex(comparison.unnamedCleared))") }
            out += wrap(prefix: "  \(place)  \(name) \(old) → \(new)", words: comparison.layoutChanged ? [] : words)
            if comparison.layoutChanged {
                let indent = String(repeating: " ", count: 8)
                out += indent + "was: " + Self.decodeSummary(comparison.old) + "\n"
                out += indent + "now: " + Self.decodeSummary(comparison.new) + "\n"
            }
        }
    }

    static func decodeSummary(_ field: DecodedField?) -> String {
        guard let field else { return "—" }
        if let uncertainty = field.layoutUncertainty { return "(not decoded: \(uncertainty))" }
        if field.layout == nil { return "(not decoded for this exit)" }
        let words = ValueText.summary(field)
        return words.isEmpty ? "(nothing set)" : words.joined(separator: " ")
    }

    // MARK: Checks

    func check(_ node: CheckNode, into out: inout String) {
        let place = visible(node.place)
        if node.showsHeading { out += bold(title(node.header)) + "\n" }
        for finding in node.findings {
            let label = finding.severity == .error ? paint("error:", "1;31") : paint("warning:", "1;33")
            out += "\(place): \(label) [\(finding.check)] \(visible(finding.message))\n"
            out += "  note: \(finding.reference)\n"
        }
        for cause in node.causes {
            out += "\(place): \(paint("failure:", "1")) \(visible(cause.description)), recorded in \(visible(cause.source))"
            out += cause.mayBeStale ? " (which may be stale)\n" : "\n"
            if !cause.broken.isEmpty {
                out += "  broken rules that cause it: " + cause.broken.joined(separator: ", ") + "\n"
            } else {
                out += "  no rule that causes it is broken\n"
            }
            if !cause.undecided.isEmpty {
                out += "  \(cause.undecided.count) more could, undecided: " + Self.shortList(cause.undecided) + "\n"
            }
        }
        if node.listsUndecided {
            for result in node.undecided {
                out += "\(place): undecided: [\(result.check.id)] needs " + result.missing.map(\.description).joined(separator: ", ") + "\n"
            }
            advice(node.advice, into: &out)
        }
        let counts = node.counts
        out +=
            "\(place): \(counts.errors) error\(counts.errors == 1 ? "" : "s"), \(counts.warnings) warning\(counts.warnings == 1 ? "" : "s")"
        if counts.undecided > 0 {
            out += ", \(counts.undecided) undecided" + (node.listsUndecided ? "" : " (check --unknown)")
        }
        out += " from \(counts.total) \(node.header.architecture.structureName) check\(counts.total == 1 ? "" : "s")\n"
    }

    func advice(_ advice: CaptureAdvice, into out: inout String) {
        guard !advice.isEmpty else { return }
        out += "  to decide them, capture:\n"
        if !advice.fields.isEmpty { out += "    fields: " + advice.fields.joined(separator: ", ") + "\n" }
        if !advice.guestViews.isEmpty {
            out += "    from the structure itself (a page or the hypervisor's dump): " + advice.guestViews.joined(separator: "; ") + "\n"
        }
        for row in advice.undefinedBits {
            out +=
                "    \(row.field): its value leaves " + row.bits.joined(separator: ", ")
                + " undefined, so the rules reading them stay undecided\n"
        }
        if !advice.profileValues.isEmpty { out += "    in a --cpu profile: " + advice.profileValues.joined(separator: ", ") + "\n" }
        if !advice.beyondDump.isEmpty { out += "    beyond any dump: " + advice.beyondDump.joined(separator: "; ") + "\n" }
    }

    static func shortList(_ ids: [String], limit: Int = 6) -> String {
        ids.prefix(limit).joined(separator: ", ") + (ids.count > limit ? ", and \(ids.count - limit) more" : "")
    }

    // MARK: Explanations

    func explanation(_ node: ExplanationNode, into out: inout String) {
        if let header = node.header {
            out += (header.name.map { visible($0) + ": " } ?? "") + header.architecture.structureName + " " + visible(header.reference)
            out += (header.isModified ? " [modified]" : "") + ":\n"
        }
        if node.sentences.isEmpty { out += "  The input holds no exit information to explain.\n" }
        for sentence in node.sentences { out += "  " + visible(sentence.description) + "\n" }
    }

    // MARK: Listings

    /// Cells padded to their column's width (the widest cell or heading, two spaces apart; at
    /// least the column's minimum), the last column as it is.
    static func table(_ columns: [TableColumn], _ rows: [[String]]) -> [String] {
        var widths = columns.map { max($0.minimumWidth, $0.heading.count + 2) }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count + 2) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let last = index == cells.count - 1
                let column = columns.indices.contains(index) ? columns[index] : TableColumn("")
                if last {
                    text += column.rightAligned ? cell.leftPadded(to: widths[index] - 2) : cell
                } else if column.rightAligned {
                    text += cell.leftPadded(to: widths[index] - 2) + "  "
                } else {
                    text += cell.padded(to: widths[index])
                }
            }
            return text.trimmingTrailingSpaces()
        }
        return [line(columns.map(\.heading))] + rows.map(line)
    }

    func fieldTable(_ node: FieldTableNode, into out: inout String) {
        let count = node.fields.count
        out += "\(node.title): \(count) field\(count == 1 ? "" : "s")"
        if let input = node.input {
            let held = node.fields.filter { input.values[$0.id] != nil }.count
            out += ", \(held) held by \(visible(input.name))"
        }
        out += "\n"
        for line in Self.table(node.columns, node.cells) { out += "  " + line + "\n" }
    }

    func ruleList(_ node: RuleListNode, into out: inout String) {
        let checks = node.rules
        let width = checks.map(\.id.count).max() ?? 0
        func section(_ check: Check) -> String { check.section.number.isEmpty ? check.section.manual.rawValue : check.section.number }
        let sectionWidth = checks.map { section($0).count }.max() ?? 0
        for check in checks {
            var line = "\(check.architecture.rawValue)  \(check.id.padded(to: width))  " + section(check).padded(to: sectionWidth)
            if check.severity == .warning { line += "  (warning)" }
            if !check.needs.isEmpty { line += "  needs " + check.needs.map(\.description).joined(separator: ", ") }
            out += line + "\n     " + check.text + "\n     " + check.reference + "\n"
        }
    }

    func scan(_ node: ScanNode, into out: inout String) {
        let result = node.result
        let name = visible(result.name)
        out += "\(name): \(visible(result.formatName)), \(result.pagesScanned) page\(result.pagesScanned == 1 ? "" : "s") scanned, "
        out += "\(result.candidates.count) candidate\(result.candidates.count == 1 ? "" : "s")\n"
        if !result.candidates.isEmpty {
            let kindWidth = max(4, result.candidates.map(\.kind.rawValue.count).max() ?? 0)
            out += "\n  " + "ADDRESS".padded(to: 20) + "KIND".padded(to: kindWidth + 2) + "CONF  SUMMARY\n"
            for candidate in result.candidates {
                out += "  " + ValueText.hex(candidate.address, digits: 16) + "  " + candidate.kind.rawValue.padded(to: kindWidth + 2)
                out += String(candidate.confidence).leftPadded(to: 4) + "  " + candidate.summary + "\n"
                out += "        " + candidate.reasons.joined(separator: "; ") + "\n"
            }
        }
        guard node.showsHint else { return }
        if let first = result.candidates.first {
            out += "\nName a page with --phys ADDR or FILE@0xADDR, for example:\n"
            out += "  vmcs-inspect show \(name)@0x\(String(first.address, radix: 16))\n"
            if first.kind == .vmcsRegion, first.layout == nil {
                out += "  (a VMCS region is decoded with --layout naming its revision)\n"
            }
        } else {
            out += "\nNo VMCB or VMCS was found; name a page with --phys ADDR or FILE@0xADDR.\n"
        }
    }

    // MARK: Traces

    static let traceHeader =
        "exit".leftPadded(to: 5) + "  " + "line".leftPadded(to: 6) + "  " + "time".padded(to: 14) + "  cpu  " + "task-pid".padded(to: 20)
        + "  vcpu  " + "event".padded(to: 24) + "  payload"

    func traceHeading(_ node: TraceHeadingNode, into out: inout String) {
        out += bold("KVM trace " + visible(node.source)) + " (one row per event; FILE@N names exit N)\n"
        out += dim(Self.traceHeader) + "\n"
    }

    /// One event as a row: `@N` for an exit, line, time, CPU, task-pid, vCPU, event, payload.
    public static func traceRow(_ event: TraceEvent) -> String {
        var taskPid = event.task.map { PrintableText.escaped($0) } ?? ""
        if let pid = event.pid { taskPid += (taskPid.isEmpty ? "" : "-") + String(pid) }
        let columns = [
            (event.exitIndex.map { "@\($0)" } ?? "").leftPadded(to: 5),
            String(event.line).leftPadded(to: 6),
            (event.timestamp.map { PrintableText.escaped($0) } ?? "-").padded(to: 14),
            (event.cpu.map { String($0) } ?? "-").leftPadded(to: 3),
            (taskPid.isEmpty ? "-" : taskPid).padded(to: 20),
            (event.vcpu.map { String($0) } ?? "-").leftPadded(to: 4),
            PrintableText.escaped(event.name).padded(to: 24),
            PrintableText.escaped(event.payload),
        ]
        return columns.joined(separator: "  ").trimmingTrailingSpaces()
    }

    func traceTally(_ tally: TraceTally, into out: inout String) {
        let events = tally.eventTotal
        let exits = tally.exitTotal
        out +=
            bold(
                "\(events) event\(events == 1 ? "" : "s"), \(exits) exit\(exits == 1 ? "" : "s")"
                    + " (\(TraceTally.vendors(tally.architectures)); \(tally.layouts.joined(separator: ", ")))") + "\n"
        let ranked = tally.exits
        out += "exits by reason:" + (ranked.isEmpty ? " none\n" : "\n")
        let nameWidth = ranked.map { TraceTally.name($0.reason).count }.max() ?? 0
        for count in ranked {
            let name = visible(TraceTally.name(count.reason))
            var line = String(count.count).leftPadded(to: 8) + "  " + name.padded(to: nameWidth)
            if count.printed.contains(where: { !name.hasSuffix(" " + $0) }) {
                line += "  (printed " + count.printed.map { "'\(visible($0))'" }.joined(separator: ", ") + ")"
            }
            out += line.trimmingTrailingSpaces() + "\n"
        }
        if !tally.others.isEmpty {
            out += "other events:\n"
            for (name, count) in tally.others { out += String(count).leftPadded(to: 8) + "  " + visible(name) + "\n" }
        }
    }

    // MARK: The shell

    func describe(_ entry: SnapshotListEntry) -> String {
        let header = entry.header
        var text = visible(header.name ?? "") + ": " + header.architecture.structureName + " " + visible(header.reference)
        if let exit = entry.exit { text += ", " + exit }
        return text
    }

    func snapshotList(_ node: SnapshotListNode, into out: inout String) {
        if let verb = node.verb {
            for entry in node.entries { out += verb + " " + describe(entry) + "\n" }
            return
        }
        guard !node.entries.isEmpty else {
            out += "no snapshots loaded\n"
            return
        }
        for entry in node.entries {
            out += (entry.isCurrent ? "* " : "  ") + describe(entry) + (entry.header.isModified ? " [modified]" : "") + "\n"
        }
    }

    func fieldDetail(_ node: FieldDetailNode, into out: inout String) {
        let field = node.row.field
        let definition = field.definition
        if let edit = node.edit {
            let before = edit.old.map { ValueText.hex($0, digits: definition.hexDigits) } ?? "(absent)"
            out += "\(definition.name) \(before) → \(ValueText.hex(edit.new, digits: definition.hexDigits))\n"
        }
        if node.bitOnly {
            out += "  \(definition.name) \(ValueText.value(field))\n"
            for bit in node.row.listedBits { out += bitLine(bit) }
            return
        }
        fieldLine(node.row, nameWidth: definition.name.count, into: &out)
        if node.saysNoTable { out += "         (no bit table applies to this value)\n" }
    }

    func matches(_ node: MatchListNode, into out: inout String) {
        guard !node.matches.isEmpty else {
            out += "nothing matches '\(visible(node.pattern))'\n"
            return
        }
        for match in node.matches {
            let place = match.field.place.dropFirst(2)
            if let bit = match.bit {
                out += "\(place)  \(match.field.name).\(bit.name)  bit \(bit.range): \(bit.title)\n"
            } else {
                out += "\(place)  \(match.field.name)  \(match.field.title)\n"
            }
        }
    }
}
