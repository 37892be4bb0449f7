
/// The state of `vmcs-inspect shell`: loaded snapshots, the current one, what-if edits; and every
/// command's behaviour. The executable only reads lines, parses them and calls these methods.
public final class ShellSession {
    /// One loaded snapshot.
    public struct Entry {
        public let name: String
        public var snapshot: Snapshot
        /// As loaded, for `reset`.
        public let original: Snapshot
        public var isModified: Bool { snapshot.values != original.values }
    }

    public private(set) var entries: [Entry] = []
    public private(set) var currentName: String?
    public var options: RenderOptions
    public let settings: InputSettings
    /// Warnings met while loading, for the caller to print.
    public private(set) var pendingWarnings: [InputWarning] = []

    public init(options: RenderOptions = RenderOptions(), settings: InputSettings = InputSettings()) {
        self.options = options
        self.settings = settings
    }

    /// The command names, for help and completion.
    public static let commands = [
        "load", "snapshots", "use", "show", "get", "bits", "find", "fields", "set", "reset", "diff", "explain", "check", "export",
        "help", "quit",
    ]

    public func takeWarnings() -> [InputWarning] {
        defer { pendingWarnings = [] }
        return pendingWarnings
    }

    // MARK: Snapshots

    var current: Entry? { entries.first { $0.name == currentName } }

    func requireCurrent() throws -> Entry {
        guard let current else { throw InspectError.usage("no snapshot loaded: use 'load FILE'") }
        return current
    }

    func entry(_ name: String) throws -> Entry {
        if let found = entries.first(where: { $0.name == name }) { return found }
        throw InspectError.usage("no snapshot named '\(name)' (loaded: \(entries.map(\.name).joined(separator: ", ")))")
    }

    /// The next free name: a, b, …, z, then s27, s28, …
    func nextName() -> String {
        let letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        for letter in letters where !entries.contains(where: { $0.name == letter }) { return letter }
        var number = entries.count + 1
        while entries.contains(where: { $0.name == "s\(number)" }) { number += 1 }
        return "s\(number)"
    }

    /// Loads a file (every dump, or `FILE@N`); returns what was loaded, in words.
    @discardableResult
    public func load(_ text: String, as requested: String? = nil, displayName: String? = nil, physicalAddress: UInt64? = nil) throws -> String {
        var reference = InputReference.parse(text)
        if let physicalAddress { reference = InputReference(path: reference.path, index: reference.index, physicalAddress: physicalAddress) }
        var selection = try SnapshotSelection(reference, settings: settings, displayName: displayName)
        var snapshots: [Snapshot] = []
        while let snapshot = try selection.next() { snapshots.append(snapshot) }
        pendingWarnings += selection.reader.warnings
        if let requested {
            guard requested.first?.isLetter == true, requested.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw InspectError.usage("a snapshot name is letters, digits, '_' and '-', starting with a letter")
            }
            if entries.contains(where: { $0.name == requested }) { throw InspectError.usage("a snapshot is already named '\(requested)'") }
        }
        var lines: [String] = []
        for (offset, snapshot) in snapshots.enumerated() {
            let name: String
            if let requested { name = snapshots.count == 1 ? requested : "\(requested)\(offset)" } else { name = nextName() }
            if entries.contains(where: { $0.name == name }) { throw InspectError.usage("a snapshot is already named '\(name)'") }
            entries.append(Entry(name: name, snapshot: snapshot, original: snapshot))
            lines.append(describe(name: name, snapshot: snapshot))
        }
        if let last = entries.last { currentName = last.name }
        return lines.map { "loaded " + $0 }.joined(separator: "\n") + "\n"
    }

    func describe(name: String, snapshot: Snapshot) -> String {
        var text = "\(name): \(snapshot.architecture.structureName) \(snapshot.source)"
        if snapshot.index > 0 || snapshot.format.isLog { text += "@\(snapshot.index)" }
        if let reason = exitSummary(snapshot) { text += ", \(reason)" }
        return text
    }

    /// The exit in a few words: `EPT_VIOLATION (0x30)`.
    func exitSummary(_ snapshot: Snapshot) -> String? {
        switch snapshot.architecture {
        case .vmx:
            guard let reason = snapshot.integer("exit.reason") else { return nil }
            let name = IntelVMCSValues.basicExitReasons[reason & 0xffff] ?? "unknown"
            return "exit \(name)\(reason >> 31 & 1 == 1 ? " (VM-entry failure)" : "") (\(ValueText.hex(reason)))"
        case .svm:
            guard let code = snapshot.integer("control.exit_code") else { return nil }
            return "exit \(AMDVMCBValues.exitCodes[code] ?? "unknown") (\(ValueText.hex(code)))"
        case .cpu:
            return nil
        }
    }

    public func listSnapshots() -> String {
        guard !entries.isEmpty else { return "no snapshots loaded\n" }
        return entries.map { entry in
            (entry.name == currentName ? "* " : "  ") + describe(name: entry.name, snapshot: entry.snapshot)
                + (entry.isModified ? " [modified]" : "")
        }.joined(separator: "\n") + "\n"
    }

    public func use(_ name: String) throws -> String {
        let found = try entry(name)
        currentName = found.name
        return "using " + describe(name: found.name, snapshot: found.snapshot) + "\n"
    }

    // MARK: Reading fields

    func decoded(_ entry: Entry) -> DecodedSnapshot { Decoder.decode(entry.snapshot) }

    func catalog() throws -> Catalog { Catalog.forArchitecture(try requireCurrent().snapshot.architecture) }

    func field(_ spelling: String) throws -> FieldDefinition {
        let catalog = try self.catalog()
        guard let field = catalog.lookup(spelling) else {
            throw InspectError.usage("unknown \(catalog.architecture.structureName) field '\(spelling)'")
        }
        return field
    }

    /// `show`, or `show GROUP|FIELD …`.
    public func show(_ names: [String]) throws -> String {
        let current = try requireCurrent()
        let catalog = try self.catalog()
        var options = self.options
        for name in names {
            if let group = catalog.group(id: name) {
                options.groups.append(group.id)
            } else if let field = catalog.lookup(name) {
                options.fields.append(field.id)
            } else {
                throw InspectError.usage(
                    "'\(name)' is neither a group (\(catalog.groups.map(\.id).joined(separator: ", "))) nor a \(catalog.architecture.structureName) field"
                )
            }
        }
        return TextRenderer(options: options).render(decoded(current))
    }

    /// `get FIELD`: the field's line and its set bits; `bits FIELD`: every bit.
    public func get(_ spelling: String, allBits: Bool = false) throws -> String {
        let current = try requireCurrent()
        let (definition, bitName) = try target(spelling)
        guard let decodedField = decoded(current).field(definition.id) else {
            return "\(definition.name) is not in this snapshot (the input did not contain it)\n"
        }
        if let bitName {
            let wanted = FieldName.normalize(bitName)
            let rows = decodedField.bits.filter {
                FieldName.normalize($0.definition.id) == wanted || FieldName.normalize($0.definition.name) == wanted
            }
            guard !rows.isEmpty else {
                throw InspectError.usage(
                    "\(definition.name) has no bit '\(bitName)'" + (decodedField.layout == nil ? " (no bit table applies to it now)" : ""))
            }
            let renderer = TextRenderer(options: options)
            return "  \(definition.name) \(ValueText.value(decodedField))\n" + rows.map(renderer.bitLine).joined()
        }
        var options = self.options
        options.bits = allBits ? .all : .set
        let renderer = TextRenderer(options: options)
        var out = renderer.line(for: decodedField, nameWidth: definition.name.count)
        if allBits, decodedField.layout == nil {
            out += "         (no bit table applies to this value)\n"
        }
        return out
    }

    /// Fields and bits whose names or descriptions contain the pattern.
    public func find(_ pattern: String) throws -> String {
        let catalog = try self.catalog()
        let wanted = FieldName.normalize(pattern)
        guard !wanted.isEmpty else { throw InspectError.usage("find needs a pattern") }
        var out = ""
        for field in catalog.fields {
            if (field.spellings + [field.title]).contains(where: { FieldName.normalize($0).contains(wanted) }) {
                out += "\(field.place.dropFirst(2))  \(field.name)  \(field.title)\n"
            }
            for layout in catalog.layouts(of: field) {
                for bit in layout.bits
                where !bit.isReserved && (FieldName.normalize(bit.name).contains(wanted) || FieldName.normalize(bit.title).contains(wanted))
                {
                    out += "\(field.place.dropFirst(2))  \(field.name).\(bit.name)  bit \(bit.range): \(bit.title)\n"
                }
            }
        }
        return out.isEmpty ? "nothing matches '\(pattern)'\n" : out
    }

    public func fields(_ pattern: String?) throws -> String {
        FieldList.run(pattern: pattern, architectures: [try requireCurrent().snapshot.architecture], json: false)
    }

    // MARK: What-if edits

    /// Resolves `FIELD` or `FIELD.BIT` (field names may hold dots: the longest field wins).
    func target(_ spelling: String) throws -> (FieldDefinition, String?) {
        let catalog = try self.catalog()
        let parts = spelling.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for count in stride(from: parts.count, through: 1, by: -1) {
            let name = parts.prefix(count).joined(separator: ".")
            if let field = catalog.lookup(name) {
                let rest = parts.dropFirst(count).joined(separator: ".")
                return (field, rest.isEmpty ? nil : rest)
            }
        }
        throw InspectError.usage("unknown \(catalog.architecture.structureName) field '\(spelling)'")
    }

    /// A value as typed: a number (0x hex or decimal) or a name from the table.
    static func parseValue(_ text: String, names: ValueNames?) -> UInt64? {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { return NumberText.hex(lower) }
        if let decimal = NumberText.decimal(lower) { return decimal }
        if let names {
            let wanted = FieldName.normalize(text)
            return names.entries.first { FieldName.normalize($0.value) == wanted }?.key
        }
        return nil
    }

    /// `set FIELD VALUE` or `set FIELD.BIT VALUE`: edits the current snapshot.
    public func set(_ spelling: String, _ valueText: String) throws -> String {
        guard var current = current else { throw InspectError.usage("no snapshot loaded: use 'load FILE'") }
        let (definition, bitName) = try target(spelling)
        guard !definition.isByteString else {
            throw InspectError.usage("\(definition.name) is a byte string; set its bytes in the input instead")
        }
        let width = definition.size * 8
        let old = current.snapshot.integer(definition.id)
        var new: UInt64
        if let bitName {
            let layout = Decoder.layout(for: definition, in: current.snapshot)
            guard
                let bit = layout?.applicableBits(for: old ?? 0).first(where: {
                    FieldName.normalize($0.id) == FieldName.normalize(bitName)
                        || FieldName.normalize($0.name) == FieldName.normalize(bitName)
                })
                    ?? layout?.bit(named: bitName)
            else {
                throw InspectError.usage(
                    "\(definition.name) has no bit '\(bitName)'" + (layout == nil ? " (no bit table applies to it now)" : ""))
            }
            var names: ValueNames?
            if case .enumerated(let table) = bit.kind { names = table }
            guard let value = Self.parseValue(valueText, names: names) else {
                throw InspectError.usage("cannot read '\(valueText)' as a value for \(definition.name).\(bit.name)")
            }
            let stored: UInt64 = { if case .address = bit.kind { return value >> UInt64(bit.range.lsb) } else { return value } }()
            guard bit.range.width >= 64 || stored >> UInt64(bit.range.width) == 0 else {
                throw InspectError.usage("\(valueText) does not fit \(definition.name).\(bit.name), bits \(bit.range)")
            }
            new = bit.range.insert(stored, into: old ?? 0)
        } else {
            var names: ValueNames?
            if let layout = Decoder.layout(for: definition, in: current.snapshot), layout.bits.count == 1, let only = layout.bits.first,
                case .enumerated(let table) = only.kind
            {
                names = table
            }
            guard let value = Self.parseValue(valueText, names: names) else {
                throw InspectError.usage("cannot read '\(valueText)' as a value for \(definition.name)")
            }
            new = value
        }
        guard width >= 64 || new >> UInt64(width) == 0 else {
            throw InspectError.usage("\(valueText) does not fit the \(width)-bit field \(definition.name)")
        }
        current.snapshot.values[definition.id] = .integer(new)
        replace(current)
        let before = old.map { ValueText.hex($0, digits: definition.hexDigits) } ?? "(absent)"
        return "\(definition.name) \(before) → \(ValueText.hex(new, digits: definition.hexDigits))\n" + (try get(definition.id))
    }

    func replace(_ entry: Entry) {
        if let index = entries.firstIndex(where: { $0.name == entry.name }) { entries[index] = entry }
    }

    /// Undoes every edit of the current snapshot.
    public func reset() throws -> String {
        guard var current = current else { throw InspectError.usage("no snapshot loaded: use 'load FILE'") }
        let edits = current.snapshot.values.filter { current.original.values[$0.key] != $0.value }.count
        current.snapshot = current.original
        replace(current)
        return "\(current.name): \(edits) edited field\(edits == 1 ? "" : "s") restored\n"
    }

    // MARK: Comparing, explaining, exporting

    /// `diff B` compares the current snapshot with B; `diff A B` compares A with B.
    public func diff(_ names: [String]) throws -> (output: String, differences: Bool) {
        let pair: (Entry, Entry)
        switch names.count {
        case 1: pair = (try requireCurrent(), try entry(names[0]))
        case 2: pair = (try entry(names[0]), try entry(names[1]))
        default: throw InspectError.usage("diff takes one or two snapshot names")
        }
        let diff = try SnapshotDiff.compare(decoded(pair.0), decoded(pair.1))
        var options = self.options
        options.groups = []
        let text = DiffTextRenderer(options: options).render(diff, names: (pair.0.name, pair.1.name))
        return (text, diff.hasDifferences)
    }

    public func explain() throws -> String {
        let sentences = Explainer.explain(decoded(try requireCurrent()))
        return sentences.isEmpty ? "the snapshot holds no exit information to explain\n" : sentences.map { $0 + "\n" }.joined()
    }

    /// The consistency rules the current snapshot, edits included, breaks: so a what-if edit
    /// can be seen to mend (or break) VM entry.
    public func check() throws -> String {
        CheckRenderer(options: options).text(Checker.run(decoded(try requireCurrent())))
    }

    /// Writes the current snapshot as a field log (or show's JSON), which `show`, `diff` and
    /// `load` read back with every absent field still absent.
    public func export(to path: String, json: Bool) throws -> String {
        let current = try requireCurrent()
        let text: String
        if json {
            text = JSONRenderer(options: RenderOptions(showAll: true)).render([decoded(current)])
        } else {
            text = FieldLogWriter.write(current.snapshot)
        }
        try OutputFile.write(text, to: path)
        return "wrote \(current.name) (\(current.snapshot.values.count) fields\(current.isModified ? ", modified" : "")) to \(path)\n"
    }

    // MARK: Completion

    /// What can follow: `words` are those before the one being typed, `partial` that one.
    /// nil means "complete a file name".
    public func completions(words: [String], partial: String) -> [String]? {
        let lower = partial.lowercased()
        func matching(_ candidates: [String]) -> [String] {
            Array(Set(candidates.filter { $0.lowercased().hasPrefix(lower) })).sorted()
        }
        guard let command = words.first?.lowercased() else { return matching(Self.commands) }
        switch command {
        case "load", "export": return words.count == 1 || words.last == "as" ? nil : matching(["as", "--json"])
        case "use": return matching(entries.map(\.name))
        case "diff": return matching(entries.map(\.name))
        case "help": return matching(Self.commands)
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
        if bits, let dot = partial.lastIndex(of: "."), let (field, _) = try? target(String(partial[partial.startIndex..<dot])) {
            let prefix = String(partial[partial.startIndex...dot])
            let bitPartial = FieldName.normalize(partial[partial.index(after: dot)...])
            let rows = catalog.layouts(of: field).flatMap(\.bits).filter { !$0.isReserved }
            let names = Set(rows.map(\.name)).filter { FieldName.normalize($0).hasPrefix(bitPartial) }
            if !names.isEmpty { return names.sorted().map { prefix + $0 } }
        }
        let lower = partial.lowercased()
        return Set(catalog.fields.map(\.name).filter { $0.lowercased().hasPrefix(lower) }).sorted()
    }
}
