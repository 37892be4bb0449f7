
/// Library entry point of `fields`: the catalog, filtered by a pattern.
public enum FieldList {
    /// Width and type of a VMCS encoding in words (SDM Vol. 3 Appendix B).
    static func width(_ encoding: UInt32) -> String {
        ["16-bit", "64-bit", "32-bit", "natural"][Int((encoding >> 13) & 3)]
    }

    static func type(_ encoding: UInt32) -> String {
        ["control", "read-only", "guest", "host"][Int((encoding >> 10) & 3)]
    }

    /// Fields whose id, names, title or place contain the pattern (case-insensitive; spaces,
    /// underscores, hyphens and dots ignored), and the 64-bit VMCS field whose upper half the
    /// pattern names exactly (`IO_BITMAP_A_HIGH`, `0x2001`: SDM Vol. 3 section 25.11.2).
    public static func matching(_ pattern: String?, in catalog: Catalog) -> [FieldDefinition] {
        guard let pattern, !pattern.isEmpty else { return catalog.fields }
        let wanted = FieldName.normalize(pattern)
        let high = catalog.resolve(pattern).flatMap { $0.isHighHalf ? $0.field.id : nil }
        return catalog.fields.filter { field in
            field.id == high || (field.spellings + [field.title, field.place]).contains { FieldName.normalize($0).contains(wanted) }
        }
    }

    public static func run(pattern: String?, architectures: [Architecture], json: Bool) -> String {
        let catalogs = architectures.compactMap(Catalog.forArchitecture)
        if json {
            var items: [String] = []
            for catalog in catalogs {
                for field in matching(pattern, in: catalog) {
                    var members = [
                        "\"architecture\": \(JSONRenderer.string(catalog.architecture.rawValue))",
                        "\"id\": \(JSONRenderer.string(field.id))", "\"name\": \(JSONRenderer.string(field.name))",
                        "\"manual_name\": \(JSONRenderer.string(field.manualName))", "\"group\": \(JSONRenderer.string(field.group))",
                        "\"size\": \(field.size)",
                    ]
                    if let encoding = field.encoding {
                        members.append("\"encoding\": \(JSONRenderer.string(field.place))")
                        members.append("\"width\": \(JSONRenderer.string(width(encoding)))")
                        members.append("\"type\": \(JSONRenderer.string(type(encoding)))")
                    } else {
                        members.append("\"offset\": \(field.offset)")
                    }
                    members.append("\"layout\": \(field.layout == nil ? "false" : "true")")
                    items.append("    {" + members.joined(separator: ", ") + "}")
                }
            }
            return "{\n  \"schema\": \"vmcs-inspect/fields/1\",\n  \"fields\": " + JSONRenderer.array(items, closingIndent: "  ") + "\n}\n"
        }
        var out = ""
        for catalog in catalogs {
            let fields = matching(pattern, in: catalog)
            guard !fields.isEmpty else { continue }
            if !out.isEmpty { out += "\n" }
            if catalog.architecture == .vmx {
                out += "Intel VMCS (SDM Vol. 3 Appendix B): \(fields.count) field\(fields.count == 1 ? "" : "s")\n"
                let nameWidth = fields.map(\.name.count).max() ?? 0
                out +=
                    "  " + "ENC".padded(to: 6)
                    + "LINUX NAME".padded(to: nameWidth + 2)
                    + "WIDTH    TYPE       SDM NAME\n"
                for field in fields {
                    guard let encoding = field.encoding else { continue }
                    out +=
                        "  " + String(field.place.dropFirst(2)).padded(to: 6)
                        + field.name.padded(to: nameWidth + 2)
                        + width(encoding).padded(to: 9)
                        + type(encoding).padded(to: 11) + field.manualName + "\n"
                }
            } else {
                out += "AMD VMCB (APM Vol. 2 Appendix B): \(fields.count) field\(fields.count == 1 ? "" : "s")\n"
                let nameWidth = fields.map(\.name.count).max() ?? 0
                out +=
                    "  OFF  SIZE  " + "NAME".padded(to: nameWidth + 2) + "GROUP              APM NAME\n"
                for field in fields {
                    out +=
                        "  " + String(field.place.dropFirst(2)).padded(to: 5)
                        + String(field.size).padded(to: 6)
                        + field.name.padded(to: nameWidth + 2)
                        + field.group.padded(to: 19) + field.manualName + "\n"
                }
            }
        }
        return out
    }
}
