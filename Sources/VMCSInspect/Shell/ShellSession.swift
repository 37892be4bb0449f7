/// The state of `vmcs-inspect shell`: loaded snapshots, the current one, what-if edits; and every
/// command's behaviour. Each command returns a `Document` that the executable renders with the
/// same renderers as the subcommands; the executable only reads lines, parses them and calls
/// these methods.
///
/// A loaded file gets a short name (`a`, `b`, …, or `load FILE as NAME`), and each of its dumps
/// that a `FILE@N` names is `NAME@N` (`a@0`, `a@2`), matching the header's `FILE@N`; a page is
/// just `NAME`. `@N` alone names dump N of the current snapshot's file.
public final class ShellSession {
    /// One loaded snapshot.
    public struct Entry: Sendable {
        /// `a@2` for dump 2 of the file loaded as `a`; `b` for a page.
        public let name: String
        /// The name of the load it came from (`a`).
        public let stem: String
        /// The snapshot, with any edits.
        public var snapshot: Snapshot
        /// As loaded, for `reset`.
        public let original: Snapshot
        /// True when `set` has changed it.
        public var isModified: Bool { snapshot.values != original.values }
    }

    /// A shell command: its name and what it does, for help and completion.
    public struct Command: Sendable {
        /// What a line starts with.
        public let name: String
        /// What it does, in one line.
        public let abstract: String
    }

    /// Every command, in the order help lists them: the one list completion, help and the
    /// executable's parser are checked against.
    public static let commands: [Command] = [
        Command(name: "load", abstract: "Load FILE (every dump, FILE@N, or a crash dump's page as FILE@0xADDR), optionally 'as NAME'."),
        Command(name: "snapshots", abstract: "List the loaded snapshots; * marks the current one."),
        Command(name: "use", abstract: "Make snapshot NAME (or @N, dump N of the current file) the current one."),
        Command(name: "show", abstract: "Show the current snapshot, or only these groups and fields."),
        Command(name: "get", abstract: "Show one field (FIELD) or bit (FIELD.BIT): its value and decoded bits."),
        Command(name: "bits", abstract: "Show every bit of a field, set or not, with its name."),
        Command(name: "find", abstract: "Find fields and bits whose name or description matches."),
        Command(name: "fields", abstract: "List the catalog for the current snapshot, with its values."),
        Command(name: "set", abstract: "What-if edit: set FIELD VALUE, or FIELD.BIT VALUE (0|1, a number or a value name)."),
        Command(name: "reset", abstract: "Undo every edit of the current snapshot."),
        Command(name: "diff", abstract: "Compare the current snapshot with B, or A with B."),
        Command(name: "explain", abstract: "Explain why the current snapshot's vCPU exited."),
        Command(name: "check", abstract: "Run the VM-entry or VMRUN consistency rules on the current snapshot, edits included."),
        Command(name: "export", abstract: "Write the current snapshot to FILE as a field log (or --json)."),
        Command(name: "help", abstract: "List the commands, or describe one."),
        Command(name: "quit", abstract: "Leave the shell (Ctrl-D too)."),
    ]

    /// The loaded snapshots, in load order.
    public private(set) var entries: [Entry] = []
    /// The name of the current snapshot.
    public private(set) var currentName: String?
    /// How files are read.
    public let settings: InputSettings
    /// Warnings met while loading, for the caller to print.
    public private(set) var pendingWarnings: [InputWarning] = []

    /// An empty session reading files with `settings`.
    public init(settings: InputSettings = InputSettings()) {
        self.settings = settings
    }

    /// The warnings met since the last call.
    public func takeWarnings() -> [InputWarning] {
        defer { pendingWarnings = [] }
        return pendingWarnings
    }

    /// A document of the shell's.
    func reply(_ nodes: DocumentNode...) -> Document { Document(.shell, nodes) }

    // MARK: Snapshots

    /// The current snapshot.
    public var current: Entry? { entries.first { $0.name == currentName } }

    func requireCurrent() throws -> Entry {
        guard let current else { throw InspectError.usage("no snapshot loaded: use 'load FILE'") }
        return current
    }

    /// The snapshot a name names: its full name (`a@2`, `b`), `@N` (dump N of the current
    /// snapshot's file), or a file's name when it holds one snapshot.
    func entry(_ name: String) throws -> Entry {
        if let found = entries.first(where: { $0.name == name }) { return found }
        if name.hasPrefix("@"), let stem = current?.stem, let found = entries.first(where: { $0.name == stem + name }) { return found }
        let ofStem = entries.filter { $0.stem == name }
        if ofStem.count == 1, let only = ofStem.first { return only }
        let shown = PrintableText.escaped(name)
        if ofStem.count > 1 {
            throw InspectError.usage("'\(shown)' holds \(ofStem.count) snapshots: name one (\(ofStem.map(\.name).joined(separator: ", ")))")
        }
        throw InspectError.usage("no snapshot named '\(shown)' (loaded: \(entries.map(\.name).joined(separator: ", ")))")
    }

    /// The next free file name: a, b, …, z, then f27, f28, …
    func nextStem() -> String {
        let used = Set(entries.map(\.stem))
        for letter in "abcdefghijklmnopqrstuvwxyz".map(String.init) where !used.contains(letter) { return letter }
        var number = 27
        while used.contains("f\(number)") { number += 1 }
        return "f\(number)"
    }

    /// Loads a file (every dump, or `FILE@N`), naming it `requested` or the next free letter;
    /// `interrupt` is asked between reads, so a long load can be stopped.
    @discardableResult
    public func load(
        _ text: String, as requested: String? = nil, displayName: String? = nil, physicalAddress: UInt64? = nil,
        format: InputFormat? = nil, layout: String? = nil, interrupt: InterruptCheck? = nil
    ) throws -> Document {
        if let requested {
            guard requested.first?.isLetter == true, requested.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw InspectError.usage("a snapshot name is letters, digits, '_' and '-', starting with a letter")
            }
            if entries.contains(where: { $0.stem == requested }) {
                throw InspectError.usage("a snapshot is already named '\(requested)'")
            }
        }
        var reference = InputReference.parse(text)
        if let physicalAddress {
            reference = InputReference(path: reference.path, index: reference.index, physicalAddress: physicalAddress)
        }
        // This load's --format and --layout, over the session's.
        var settings = self.settings
        if let format { settings.format = format }
        if let layout { settings.layout = layout }
        var selection = try SnapshotSelection(reference, settings: settings, displayName: displayName, interrupt: interrupt)
        var snapshots: [Snapshot] = []
        while let snapshot = try selection.next() { snapshots.append(snapshot) }
        pendingWarnings += selection.reader.warnings
        let stem = requested ?? nextStem()
        var loaded: [SnapshotListEntry] = []
        for snapshot in snapshots {
            // The name matches the reference: `a@N` where the header says `FILE@N`.
            let name = snapshot.format.isLog || snapshot.index > 0 ? "\(stem)@\(snapshot.index)" : stem
            let entry = Entry(name: name, stem: stem, snapshot: snapshot, original: snapshot)
            entries.append(entry)
            loaded.append(listEntry(entry))
        }
        if let last = entries.last { currentName = last.name }
        return reply(.snapshotList(SnapshotListNode(verb: "loaded", entries: loaded)))
    }

    func listEntry(_ entry: Entry) -> SnapshotListEntry {
        SnapshotListEntry(
            header: SnapshotHeader(entry.snapshot, name: entry.name, modified: entry.isModified), isCurrent: entry.name == currentName,
            exit: ExitNames.summary(entry.snapshot))
    }

    /// Every loaded snapshot, the current one marked.
    public func listSnapshots() -> Document {
        reply(.snapshotList(SnapshotListNode(verb: nil, entries: entries.map(listEntry))))
    }

    /// Makes a snapshot the current one.
    public func use(_ name: String) throws -> Document {
        let found = try entry(name)
        currentName = found.name
        return reply(.snapshotList(SnapshotListNode(verb: "using", entries: [listEntry(found)])))
    }

    // MARK: Reading fields

    func decoded(_ entry: Entry) -> DecodedSnapshot { Decoder.decode(entry.snapshot) }

    func catalog() throws -> Catalog { Catalog.forArchitecture(try requireCurrent().snapshot.architecture) }

    /// `show`, or `show GROUP|FIELD …`: the current snapshot as `show` lists it.
    public func show(_ names: [String]) throws -> Document {
        let current = try requireCurrent()
        let catalog = try self.catalog()
        var groups: [String] = []
        var fields: [String] = []
        for name in names {
            if catalog.group(id: name) != nil {
                groups.append(name)
            } else if catalog.target(name) != nil {
                fields.append(name)
            } else {
                let other = FieldSelection.otherStructureHint(name, in: catalog).map { ": " + $0 } ?? ""
                throw InspectError.usage(
                    "'\(PrintableText.escaped(name))' is neither a group (\(catalog.groups.map(\.id).joined(separator: ", "))) nor a \(catalog.architecture.structureName) field"
                        + other)
            }
        }
        let selection = try FieldSelection.resolve(groups: groups, fields: fields, in: catalog)
        return reply(.snapshot(SnapshotNode(decoded(current), selection: selection, name: current.name, modified: current.isModified)))
    }

    /// `get FIELD`: the field's line and its set bits; `get FIELD.BIT`: the value and that bit;
    /// `bits FIELD`: every bit.
    public func get(_ spelling: String, allBits: Bool = false) throws -> Document {
        let current = try requireCurrent()
        let target = try FieldSelection.resolveTarget(spelling, in: try catalog())
        let definition = target.field
        guard let field = decoded(current).field(definition.id) else {
            return reply(.message("\(definition.name) is not in this snapshot (the input did not contain it)"))
        }
        if let bitName = target.bit {
            let wanted = FieldName.normalize(bitName)
            let rows = field.bits.filter {
                FieldName.normalize($0.definition.id) == wanted || FieldName.normalize($0.definition.name) == wanted
            }
            guard !rows.isEmpty else {
                throw InspectError.usage(
                    "\(definition.name) has no bit '\(PrintableText.escaped(bitName))' for its value"
                        + (field.layoutUncertainty.map { " (\($0))" } ?? (field.layout == nil ? " (no bit table applies to it now)" : "")))
            }
            let row = FieldRow(field, bits: .named(rows.map(\.definition.id)))
            return reply(.fieldDetail(FieldDetailNode(row: row, edit: nil, saysNoTable: false, bitOnly: true)))
        }
        let row = FieldRow(field, bits: allBits ? .all : .set)
        return reply(.fieldDetail(FieldDetailNode(row: row, edit: nil, saysNoTable: allBits && field.layout == nil && field.openLayout == nil, bitOnly: false)))
    }

    /// Fields and bits whose names or descriptions contain the pattern.
    public func find(_ pattern: String) throws -> Document {
        let catalog = try self.catalog()
        let wanted = FieldName.normalize(pattern)
        guard !wanted.isEmpty else { throw InspectError.usage("find needs a pattern") }
        var matches: [Match] = []
        for field in catalog.fields {
            if (field.spellings + [field.title]).contains(where: { FieldName.normalize($0).contains(wanted) }) {
                matches.append(Match(field: field, bit: nil))
            }
            for layout in catalog.layouts(of: field) {
                for bit in layout.bits
                where !bit.isReserved && (FieldName.normalize(bit.name).contains(wanted) || FieldName.normalize(bit.title).contains(wanted))
                {
                    matches.append(Match(field: field, bit: bit))
                }
            }
        }
        return reply(.matches(MatchListNode(pattern: pattern, matches: matches)))
    }

    /// The catalog of the current snapshot's architecture, as `fields --input` lists it: each
    /// field with the snapshot's value (edits included) or `absent`.
    public func fields(_ pattern: String?) throws -> Document {
        let current = try requireCurrent()
        let catalog = try self.catalog()
        let fields = FieldsCommand.matching(pattern, in: catalog)
        guard !fields.isEmpty else { return reply(.message("no field matches '\(pattern ?? "")'")) }
        return reply(.fieldTable(FieldTableNode(catalog, fields: fields, holding: current.snapshot, name: current.name)))
    }

    // MARK: What-if edits

    /// A value as typed: a number (0x hex or decimal) or a name from the table.
    static func parseValue(_ text: String, names: ValueNames?) -> UInt64? {
        if let number = NumberText.argument(text) { return number }
        if let names {
            let wanted = FieldName.normalize(text)
            return names.entries.first { FieldName.normalize($0.value) == wanted }?.key
        }
        return nil
    }

    /// `set FIELD VALUE` or `set FIELD.BIT VALUE`: edits the current snapshot.
    public func set(_ spelling: String, _ valueText: String) throws -> Document {
        guard var current = current else { throw InspectError.usage("no snapshot loaded: use 'load FILE'") }
        let target = try FieldSelection.resolveTarget(spelling, in: try catalog())
        let definition = target.field
        guard !definition.isByteString else {
            throw InspectError.usage("\(definition.name) is a byte string; set its bytes in the input instead")
        }
        let shownValue = PrintableText.escaped(valueText)
        let width = definition.size * 8
        let old = current.snapshot.integer(definition.id)
        var new: UInt64
        // The bits this edit sets: the row's, or all of them.
        var setMask = ~UInt64(0)
        if let bitName = target.bit {
            let choice = Decoder.layoutChoice(for: definition, in: current.snapshot)
            let wanted = FieldName.normalize(bitName)
            func row(in layout: BitLayout) -> BitDefinition? {
                layout.applicableBits(for: old ?? 0).first { FieldName.normalize($0.id) == wanted || FieldName.normalize($0.name) == wanted }
                    ?? layout.bit(named: bitName)
            }
            // While bits the input lacks leave the table open, a row every table it allows has
            // alike (CR3's BASE, with CR4.PCIDE or without) can be set.
            let tables = choice.layout.map { [$0] } ?? (choice.mayHaveNone ? [] : choice.candidates)
            let rows = tables.map(row)
            guard let first = rows.first, let bit = first, rows.allSatisfy({ $0?.range == bit.range && $0?.name == bit.name }) else {
                let why = choice.uncertainty ?? "no bit table applies to it now"
                throw InspectError.usage("\(definition.name) has no bit '\(PrintableText.escaped(bitName))' for its value" + (choice.layout == nil ? " (\(why))" : ""))
            }
            var names: ValueNames?
            if case .enumerated(let table) = bit.kind { names = table }
            guard let value = Self.parseValue(valueText, names: names) else {
                throw InspectError.usage("cannot read '\(shownValue)' as a value for \(definition.name).\(bit.name)")
            }
            let stored: UInt64 = { if case .address = bit.kind { return value >> UInt64(bit.range.lsb) } else { return value } }()
            guard bit.range.width >= 64 || stored >> UInt64(bit.range.width) == 0 else {
                throw InspectError.usage("\(shownValue) does not fit \(definition.name).\(bit.name), bits \(bit.range)")
            }
            // The other bits of an absent field are unknown, not 0: the whole value is asked for.
            guard let old else {
                throw InspectError.usage(
                    "\(definition.name) is not in the snapshot: give its whole value (set \(definition.name) VALUE) before setting \(bit.name)")
            }
            new = bit.range.insert(stored, into: old)
            setMask = bit.range.mask
        } else {
            var names: ValueNames?
            if let layout = Decoder.layout(for: definition, in: current.snapshot), layout.bits.count == 1, let only = layout.bits.first,
                case .enumerated(let table) = only.kind
            {
                names = table
            }
            guard let value = Self.parseValue(valueText, names: names) else {
                throw InspectError.usage("cannot read '\(shownValue)' as a value for \(definition.name)")
            }
            new = value
        }
        guard width >= 64 || new >> UInt64(width) == 0 else {
            throw InspectError.usage("\(shownValue) does not fit the \(width)-bit field \(definition.name)")
        }
        current.snapshot.values[definition.id] = .integer(new)
        // The bits set are known now, as the structure holds them, whatever the input left out
        // or gave as the guest sees them; a whole value leaves no note of the input's standing.
        let id = definition.id
        if let absent = current.snapshot.absentBits[id] {
            let left = absent & ~setMask
            current.snapshot.absentBits[id] = left == 0 ? nil : left
        }
        if let guestView = current.snapshot.guestViewBits[id] {
            let left = guestView & ~setMask
            current.snapshot.guestViewBits[id] = left == 0 ? nil : left
        }
        if target.bit == nil { current.snapshot.notes[id] = nil }
        replace(current)
        guard let field = decoded(current).field(definition.id) else {
            return reply(.message("\(definition.name) is not in this snapshot"))
        }
        let row = FieldRow(field, bits: .set)
        return reply(.fieldDetail(FieldDetailNode(row: row, edit: EditedValue(old: old, new: new), saysNoTable: false, bitOnly: false)))
    }

    func replace(_ entry: Entry) {
        if let index = entries.firstIndex(where: { $0.name == entry.name }) { entries[index] = entry }
    }

    /// Undoes every edit of the current snapshot.
    public func reset() throws -> Document {
        guard var current = current else { throw InspectError.usage("no snapshot loaded: use 'load FILE'") }
        let edits = current.snapshot.values.filter { current.original.values[$0.key] != $0.value }.count
        current.snapshot = current.original
        replace(current)
        return reply(.message("\(current.name): \(edits) edited field\(edits == 1 ? "" : "s") restored"))
    }

    // MARK: Comparing, explaining, exporting

    /// `diff B` compares the current snapshot with B; `diff A B` compares A with B.
    public func diff(_ names: [String]) throws -> (document: Document, differences: Bool) {
        let pair: (Entry, Entry)
        switch names.count {
        case 1: pair = (try requireCurrent(), try entry(names[0]))
        case 2: pair = (try entry(names[0]), try entry(names[1]))
        default: throw InspectError.usage("diff takes one or two snapshot names")
        }
        let diff = try SnapshotDiff.compare(decoded(pair.0), decoded(pair.1))
        let node = ComparisonNode(diff, names: (pair.0.name, pair.1.name), modified: (pair.0.isModified, pair.1.isModified))
        return (reply(.comparison(node)), diff.hasDifferences)
    }

    /// Why the current snapshot's vCPU exited, in sentences.
    public func explain() throws -> Document {
        let current = try requireCurrent()
        let sentences = Explainer.explain(decoded(current))
        let header = SnapshotHeader(current.snapshot, name: current.name, modified: current.isModified)
        return reply(.explanation(ExplanationNode(header: header, sentences: sentences)))
    }

    /// The consistency rules the current snapshot, edits included, breaks: so a what-if edit
    /// can be seen to mend (or break) VM entry.
    public func check() throws -> Document {
        let current = try requireCurrent()
        return reply(.check(CheckNode(Checker.run(decoded(current)), name: current.name, modified: current.isModified)))
    }

    /// Writes the current snapshot as a field log (or show's JSON), which `show`, `diff` and
    /// `load` read back with every absent field still absent.
    public func export(to path: String, json: Bool) throws -> Document {
        let current = try requireCurrent()
        let text: String
        if json {
            var selection = FieldSelection()
            selection.showAll = true
            text = JSONRenderer.string(Document(.show, [.snapshot(SnapshotNode(decoded(current), selection: selection))]))
        } else {
            text = FieldLogWriter.write(current.snapshot)
        }
        try OutputFile.write(text, to: path)
        // A field log leaves out the fields with bits the input lacks or gives as the guest's.
        let snapshot = current.snapshot
        let leftOut = json ? 0 : snapshot.values.keys.filter { snapshot.absentBits[$0] != nil || snapshot.guestViewBits[$0] != nil }.count
        let count = snapshot.values.count - leftOut
        let more = (leftOut > 0 ? ", \(leftOut) left out as not all their bits are known, which export --json keeps" : "") + (current.isModified ? ", modified" : "")
        return reply(.message("wrote \(current.name) (\(count) field\(count == 1 ? "" : "s")\(more)) to \(path)"))
    }

    // MARK: Completion

    /// What can follow: `words` are those before the one being typed, `partial` that one.
    /// nil means "complete a file name".
    public func completions(words: [String], partial: String) -> [String]? {
        let lower = partial.lowercased()
        func matching(_ candidates: [String]) -> [String] {
            Array(Set(candidates.filter { $0.lowercased().hasPrefix(lower) })).sorted()
        }
        let names = Self.commands.map(\.name)
        guard let command = words.first?.lowercased() else { return matching(names) }
        switch command {
        case "load", "export": return words.count == 1 || words.last == "as" ? nil : matching(["as", "--json"])
        case "use", "diff": return matching(entries.map(\.name))
        case "help": return matching(names)
        case "get", "bits", "set":
            if command == "set", words.count >= 2 { return [] }
            return fieldCompletions(partial, bits: command == "set" || command == "get")
        case "show":
            let groups = (try? catalog().groups.map(\.id)) ?? []
            return matching(groups) + fieldCompletions(partial, bits: false)
        default: return []
        }
    }

    func fieldCompletions(_ partial: String, bits: Bool) -> [String] {
        guard let catalog = try? catalog() else { return [] }
        if bits, let dot = partial.lastIndex(of: "."), let target = catalog.target(String(partial[partial.startIndex..<dot])),
            target.bit == nil
        {
            let prefix = String(partial[partial.startIndex...dot])
            let bitPartial = FieldName.normalize(partial[partial.index(after: dot)...])
            let rows = catalog.layouts(of: target.field).flatMap(\.bits).filter { !$0.isReserved }
            let names = Set(rows.map(\.name)).filter { FieldName.normalize($0).hasPrefix(bitPartial) }
            if !names.isEmpty { return names.sorted().map { prefix + $0 } }
        }
        let lower = partial.lowercased()
        return Set(catalog.fields.map(\.name).filter { $0.lowercased().hasPrefix(lower) }).sorted()
    }
}
