
/// Renders a snapshot comparison as text: one line per changed field, old → new, then the change
/// in words; fields on one side only; counts at the end.
public struct DiffTextRenderer: Sendable {
    public let options: RenderOptions

    public init(options: RenderOptions) {
        self.options = options
    }

    private func paint(_ text: String, _ code: String) -> String { options.paint(text, code) }

    func label(_ decoded: DecodedSnapshot, name: String?) -> String {
        let snapshot = decoded.snapshot
        let index = snapshot.format.isLog ? "@\(snapshot.index)" : ""
        return (name.map { "\($0): " } ?? "") + "\(snapshot.source)\(index) (\(TextRenderer(options: options).describe(snapshot)))"
    }

    /// The comparison; `names` label the sides (the shell's snapshot names).
    public func render(_ diff: SnapshotDiff, names: (String, String)? = nil) -> String {
        var out = paint("--- \(label(diff.old, name: names?.0))", "31") + "\n"
        out += paint("+++ \(label(diff.new, name: names?.1))", "32") + "\n"
        let selected = diff.fields.filter { comparison in
            (options.groups.isEmpty || options.groups.contains(comparison.definition.group))
                && (comparison.status != .same || options.showAll)
        }
        let shown = TextRenderer.inGroupOrder(selected, of: diff.old.catalog) { $0.definition.group }
        let nameWidth = min(TextRenderer.maximumNameWidth, max(TextRenderer.nameWidth, shown.map { $0.definition.name.count }.max() ?? 0))
        var lastGroup: String?
        for comparison in shown {
            if comparison.definition.group != lastGroup {
                lastGroup = comparison.definition.group
                let group = diff.old.catalog.groups.first { $0.id == comparison.definition.group }
                out += "\n" + paint("\(group?.area ?? ""): \(group?.title ?? comparison.definition.group)", "1") + "\n"
            }
            out += lines(for: comparison, nameWidth: nameWidth, oldName: diff.old.snapshot.source, newName: diff.new.snapshot.source)
        }
        let oldName = diff.old.snapshot.source
        let newName = diff.new.snapshot.source
        var summary = "\(diff.changed.count) field\(diff.changed.count == 1 ? "" : "s") differ"
        summary += ", \(diff.onlyOld.count) only in \(oldName)"
        summary += ", \(diff.onlyNew.count) only in \(newName)"
        summary += ", \(diff.unchanged.count) unchanged"
        if !options.showAll, !diff.unchanged.isEmpty { summary += " (--all shows them)" }
        return out + "\n" + summary + "\n"
    }

    func lines(for comparison: FieldComparison, nameWidth: Int, oldName: String, newName: String) -> String {
        let definition = comparison.definition
        let place = String(definition.place.dropFirst(2))
        let name = definition.name.padded(to: nameWidth)
        switch comparison.status {
        case .same:
            let value = comparison.old.map(ValueText.value) ?? ""
            return "  \(place)  \(name) \(value)\n"
        case .onlyOld:
            let value = comparison.old.map(ValueText.value) ?? ""
            return paint("- \(place)  \(name) \(value)", "31") + "  (only in \(oldName))\n"
        case .onlyNew:
            let value = comparison.new.map(ValueText.value) ?? ""
            return paint("+ \(place)  \(name) \(value)", "32") + "  (only in \(newName))\n"
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
            var out = TextRenderer(options: options).wrap(
                prefix: "  \(place)  \(name) \(old) → \(new)", words: comparison.layoutChanged ? [] : words)
            if comparison.layoutChanged {
                let indent = String(repeating: " ", count: 8)
                out += indent + "was: " + summary(comparison.old) + "\n"
                out += indent + "now: " + summary(comparison.new) + "\n"
            }
            return out
        }
    }

    func summary(_ field: DecodedField?) -> String {
        guard let field else { return "—" }
        let words = ValueText.summary(field)
        if field.layout == nil { return "(not decoded for this exit)" }
        return words.isEmpty ? "(nothing set)" : words.joined(separator: " ")
    }
}

/// Renders a snapshot comparison as JSON (schema `vmcs-inspect/diff/1`):
///
/// ```
/// { "schema": "vmcs-inspect/diff/1",
///   "a": { "source": "...", "index": 0, "architecture": "vmx" }, "b": { ... },
///   "fields": [ { "id": "guest.cr4", "name": "GUEST_CR4", "status": "changed",
///                 "old": "0x...", "new": "0x...", "layout_changed": false,
///                 "bits": [ { "id": "vmxe", "name": "VMXE", "change": "set", "old": "0x0", "new": "0x1" } ] } ],
///   "summary": { "changed": 1, "only_a": 0, "only_b": 0, "unchanged": 75 } }
/// ```
/// Unchanged fields appear only with `--all`.
public struct DiffJSONRenderer: Sendable {
    public let options: RenderOptions
    public static let schema = "vmcs-inspect/diff/1"

    public init(options: RenderOptions) {
        self.options = options
    }

    public func render(_ diffs: [SnapshotDiff]) -> String {
        let items = diffs.map { render($0, indent: "    ") }
        return "{\n  \"schema\": \(JSONRenderer.string(Self.schema)),\n  \"comparisons\": "
            + JSONRenderer.array(items, closingIndent: "  ") + "\n}\n"
    }

    func side(_ decoded: DecodedSnapshot) -> String {
        let snapshot = decoded.snapshot
        return "{\"source\": \(JSONRenderer.string(snapshot.source)), \"index\": \(snapshot.index), "
            + "\"architecture\": \(JSONRenderer.string(snapshot.architecture.rawValue)), \"format\": \(JSONRenderer.string(snapshot.format.rawValue))}"
    }

    func render(_ diff: SnapshotDiff, indent: String) -> String {
        let inner = indent + "  "
        let selected = diff.fields.filter { comparison in
            (options.groups.isEmpty || options.groups.contains(comparison.definition.group))
                && (comparison.status != .same || options.showAll)
        }
        let shown = TextRenderer.inGroupOrder(selected, of: diff.old.catalog) { $0.definition.group }
        let fields = shown.map { inner + "  " + field($0) }
        let summary =
            "{\"changed\": \(diff.changed.count), \"only_a\": \(diff.onlyOld.count), \"only_b\": \(diff.onlyNew.count), \"unchanged\": \(diff.unchanged.count)}"
        return JSONRenderer.object(
            [
                "\"a\": \(side(diff.old))", "\"b\": \(side(diff.new))",
                "\"fields\": " + JSONRenderer.array(fields, closingIndent: inner),
                "\"summary\": \(summary)",
            ], indent: indent)
    }

    func field(_ comparison: FieldComparison) -> String {
        let definition = comparison.definition
        let bits = comparison.bits.map { change in
            "{\"id\": \(JSONRenderer.string(change.id)), \"name\": \(JSONRenderer.string(change.name)), "
                + "\"change\": \(JSONRenderer.string(change.kind.rawValue)), "
                + "\"old\": \(change.old.map { JSONRenderer.string(ValueText.hex($0.value)) } ?? "null"), "
                + "\"new\": \(change.new.map { JSONRenderer.string(ValueText.hex($0.value)) } ?? "null")}"
        }
        return "{\"id\": \(JSONRenderer.string(definition.id)), \"name\": \(JSONRenderer.string(definition.name)), "
            + "\"status\": \(JSONRenderer.string(comparison.status.rawValue)), "
            + "\"old\": \(comparison.old.map { JSONRenderer.string(ValueText.value($0)) } ?? "null"), "
            + "\"new\": \(comparison.new.map { JSONRenderer.string(ValueText.value($0)) } ?? "null"), "
            + "\"layout_changed\": \(comparison.layoutChanged), \"bits\": [" + bits.joined(separator: ", ") + "]}"
    }
}
