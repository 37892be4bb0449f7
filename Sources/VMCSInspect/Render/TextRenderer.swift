
/// Renders decoded snapshots as aligned text: one field per line, grouped by area.
public struct TextRenderer: Sendable {
    public let options: RenderOptions

    public init(options: RenderOptions) {
        self.options = options
    }

    static let nameWidth = 22
    static let maximumNameWidth = 30
    static let valueWidth = 18

    private func bold(_ text: String) -> String { options.paint(text, "1") }
    private func red(_ text: String) -> String { options.paint(text, "31") }
    private func dim(_ text: String) -> String { options.paint(text, "2") }

    /// The heading line naming the snapshot: structure, `FILE@N` for a dump of a log (the
    /// reference that names it again), and where it came from.
    public func heading(_ decoded: DecodedSnapshot, numbered: Bool) -> String {
        let snapshot = decoded.snapshot
        var text = "\(snapshot.architecture.structureName) \(snapshot.source)"
        if numbered { text += "@\(snapshot.index)" }
        text += " (\(describe(snapshot)))"
        return bold(text)
    }

    /// Who printed the snapshot, and where it starts.
    func describe(_ snapshot: Snapshot) -> String {
        if snapshot.format.isLog, case .line(let line) = snapshot.location.position { return "\(snapshot.producer) at line \(line)" }
        return snapshot.producer
    }

    public func render(_ decoded: DecodedSnapshot, numbered: Bool = false) -> String {
        var out = heading(decoded, numbered: numbered) + "\n"
        let metadata = decoded.snapshot.metadata.filter { $0.key != "msr" }
        if !metadata.isEmpty {
            out += "  " + metadata.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + "\n"
        }
        for entry in decoded.snapshot.metadata where entry.key == "msr" {
            out += "  " + entry.value + "\n"
        }
        for note in decoded.snapshot.pageNotes {
            out += "  " + dim("note: \(note)") + "\n"
        }
        let selected = options.selected(decoded)
        let shown = Self.inGroupOrder(selected.filter(options.shows), of: decoded.catalog) { $0.definition.group }
        let nameWidth = min(Self.maximumNameWidth, max(Self.nameWidth, shown.map { $0.definition.name.count }.max() ?? 0))
        var lastGroup: String?
        for field in shown {
            if field.definition.group != lastGroup {
                lastGroup = field.definition.group
                let group = decoded.catalog.groups.first { $0.id == field.definition.group }
                out += "\n" + bold("\(group?.area ?? ""): \(group?.title ?? field.definition.group)") + "\n"
            }
            out += line(for: field, nameWidth: nameWidth)
        }
        let hidden = selected.count - shown.count
        var footer = "\(shown.count) field\(shown.count == 1 ? "" : "s") shown"
        if hidden > 0 { footer += ", \(hidden) zero-valued hidden (--all shows them)" }
        let absent = decoded.catalog.fields.count - decoded.fields.count
        if absent > 0, decoded.snapshot.format.isLog { footer += "; \(absent) not in the input" }
        out += "\n" + dim(footer) + "\n"
        return out
    }

    /// The items sorted by their group's place in the catalog, each group's items in the order
    /// given, so every group is printed under one heading.
    static func inGroupOrder<Item>(_ items: [Item], of catalog: Catalog, group: (Item) -> String) -> [Item] {
        let rank = Dictionary(catalog.groups.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return items.enumerated().sorted { a, b in
            let ga = rank[group(a.element)] ?? Int.max
            let gb = rank[group(b.element)] ?? Int.max
            return ga != gb ? ga < gb : a.offset < b.offset
        }.map(\.element)
    }

    func line(for field: DecodedField, nameWidth: Int = TextRenderer.nameWidth) -> String {
        let definition = field.definition
        let offsetText = String(definition.place.dropFirst(2))
        let name = definition.name.padded(to: nameWidth)
        let value = ValueText.value(field)
        let valueText = value.padded(to: Self.valueWidth)
        let prefix = "  \(offsetText)  \(name) \(valueText)"
        var words = ValueText.summary(field)
        if !field.reservedViolations.isEmpty {
            words = words.map { $0.hasPrefix("!") ? red($0) : $0 }
        }
        var out = wrap(prefix: prefix, words: words)
        for note in field.notes {
            out += String(repeating: " ", count: 7) + dim("note: \(note)") + "\n"
        }
        if options.bits != .none, !field.isWholeEnumeration, !field.isWholeNumber {
            for bit in field.bits where options.bits == .all || bit.isSet || bit.violatesReservation || bit.valueName != nil {
                out += bitLine(bit)
            }
        }
        return out
    }

    func bitLine(_ bit: DecodedBit) -> String {
        let position = bit.definition.range.description.padded(to: 6)
        let name = bit.definition.name.padded(to: 14)
        var value: String
        switch bit.definition.kind {
        case .flag: value = bit.isSet ? "1" : "0"
        case .address: value = ValueText.hex(bit.value)
        default: value = ValueText.number(bit.value)
        }
        if let valueName = bit.valueName { value += " \(valueName)" }
        let text =
            "         \(position) \(name) \(value.padded(to: 12)) \(bit.definition.title)"
        return (bit.violatesReservation ? red(text) : text) + "\n"
    }

    /// The prefix, then the words, wrapped under the first word past the width.
    func wrap(prefix: String, words: [String]) -> String {
        guard !words.isEmpty else { return prefix.trimmingTrailingSpaces() + "\n" }
        let indent = String(repeating: " ", count: prefix.count + 1)
        var out = prefix
        var column = prefix.count
        var first = true
        for word in words {
            let visible = word.count
            if !first, column + 1 + visible > options.width {
                out += "\n" + indent.dropLast()
                column = indent.count - 1
            }
            out += " " + word
            column += 1 + visible
            first = false
        }
        return out + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
