/// Renders decoded snapshots as JSON with a stable key order (schema `vmcs-inspect/show/1`):
///
/// ```
/// { "schema": "vmcs-inspect/show/1",
///   "snapshots": [ { "architecture": "svm", "structure": "VMCB", "source": "...",
///       "format": "kvm", "index": 0, "location": "file:12", "metadata": { "key": "value" },
///       "fields": [ { "id": "control.exit_code", "name": "exit_code", "manual_name": "EXITCODE",
///           "group": "exit", "offset": 112, "size": 8, "value": "0x0000000000000400",
///           "value_name": "NPF", "layout": "svm.exit_code", "notes": [],
///           "bits": [ { "id": "p", "name": "P", "lsb": 0, "msb": 0, "kind": "flag",
///                       "value": "0x1", "value_name": null, "reserved_violation": false } ],
///           "unnamed_bits": "0x0" } ] } ] }
/// ```
/// 64-bit values are hex strings (JSON numbers lose precision above 2^53); offsets, sizes and
/// bit positions are numbers. Every field the input held appears, zero or not; fields it did not
/// contain do not appear.
public struct JSONRenderer: Sendable {
    public let options: RenderOptions
    public static let schema = "vmcs-inspect/show/1"

    public init(options: RenderOptions) {
        self.options = options
    }

    public func render(_ snapshots: [DecodedSnapshot]) -> String {
        guard !snapshots.isEmpty else { return "{\n  \"schema\": \(Self.string(Self.schema)),\n  \"snapshots\": []\n}\n" }
        return opening() + snapshots.map { snapshot($0, indent: "    ") }.joined(separator: ",\n") + closing()
    }

    /// The document up to its first snapshot, for streaming.
    public func opening() -> String { "{\n  \"schema\": \(Self.string(Self.schema)),\n  \"snapshots\": [\n" }

    /// The document after its last snapshot.
    public func closing() -> String { "\n  ]\n}\n" }

    func snapshot(_ decoded: DecodedSnapshot, indent: String) -> String {
        let snapshot = decoded.snapshot
        let inner = indent + "  "
        var lines: [String] = [
            "\"architecture\": \(Self.string(snapshot.architecture.rawValue))",
            "\"structure\": \(Self.string(snapshot.architecture.structureName))",
            "\"source\": \(Self.string(snapshot.source))",
            "\"format\": \(Self.string(snapshot.format.rawValue))",
            "\"index\": \(snapshot.index)",
            "\"location\": \(Self.string(snapshot.location.description))",
        ]
        lines.append("\"notes\": [" + snapshot.pageNotes.map(Self.string).joined(separator: ", ") + "]")
        let metadata = snapshot.metadata.map { "\(Self.string($0.key)): \(Self.string($0.value))" }
        lines.append("\"metadata\": {" + metadata.joined(separator: ", ") + "}")
        // JSON is for programs: every field the input held, zero or not (no folding).
        let fields = options.selected(decoded)
        lines.append("\"fields\": " + Self.array(fields.map { self.field($0, indent: inner + "  ") }, closingIndent: inner))
        return Self.object(lines, indent: indent)
    }

    func field(_ field: DecodedField, indent: String) -> String {
        let definition = field.definition
        let inner = indent + "  "
        var lines: [String] = [
            "\"id\": \(Self.string(definition.id))",
            "\"name\": \(Self.string(definition.name))",
            "\"manual_name\": \(Self.string(definition.manualName))",
            "\"group\": \(Self.string(definition.group))",
            definition.encoding != nil ? "\"encoding\": \(Self.string(definition.place))" : "\"offset\": \(definition.offset)",
            "\"size\": \(definition.size)",
            "\"value\": \(Self.string(ValueText.value(field)))",
        ]
        let wholeName = field.isWholeEnumeration ? field.bits.first?.valueName : nil
        lines.append("\"value_name\": \(wholeName.map(Self.string) ?? "null")")
        lines.append("\"layout\": \(field.layout.map { Self.string($0.name) } ?? "null")")
        lines.append("\"notes\": [" + field.notes.map(Self.string).joined(separator: ", ") + "]")
        let bits = field.isWholeEnumeration ? [] : field.bits
        lines.append("\"bits\": " + Self.array(bits.map { inner + "  " + self.bit($0) }, closingIndent: inner))
        lines.append("\"unnamed_bits\": \(Self.string(ValueText.hex(field.unnamedBits)))")
        return Self.object(lines, indent: indent)
    }

    /// Members one per line, indented one step past `indent`.
    static func object(_ members: [String], indent: String) -> String {
        indent + "{\n" + members.map { indent + "  " + $0 }.joined(separator: ",\n") + "\n" + indent + "}"
    }

    /// Items already indented, one per line; `[]` when empty.
    static func array(_ items: [String], closingIndent: String) -> String {
        items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n" + closingIndent + "]"
    }

    func bit(_ bit: DecodedBit) -> String {
        let definition = bit.definition
        let kind: String
        switch definition.kind {
        case .flag: kind = "flag"
        case .enumerated: kind = "enumerated"
        case .number: kind = "number"
        case .address: kind = "address"
        case .reserved: kind = "reserved"
        }
        return "{\"id\": \(Self.string(definition.id)), \"name\": \(Self.string(definition.name)), "
            + "\"lsb\": \(definition.range.lsb), \"msb\": \(definition.range.msb), \"kind\": \(Self.string(kind)), "
            + "\"value\": \(Self.string(ValueText.hex(bit.value))), "
            + "\"value_name\": \(bit.valueName.map(Self.string) ?? "null"), "
            + "\"reserved_violation\": \(bit.violatesReservation)}"
    }

    /// A JSON string literal.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
