import Foundation

/// Reads a user's VMCS layout file: where a given processor (or hypervisor) keeps each field.
///
/// The format, one entry per line, `#` starting a comment:
///
/// ```
/// name   my-cpu-family          # optional: what to call the layout
/// revision 0x12                 # optional: the revision identifier pages start with
/// 0x681e 0x0d8                  # a field by encoding, then its byte offset
/// GUEST_RSP 0x0e0               # or by any name the tool accepts
/// ```
///
/// Offsets are decimal or `0x` hex; each field's size comes from the catalog.
public enum LayoutFileReader {
    public static func parse(_ text: String, name: String) throws -> VMCSLayout {
        var layoutName = name
        var revision: UInt32?
        var entries: [VMCSLayout.Entry] = []
        var seen: [UInt32: Int] = [:]
        for line in LogLine.lines(of: text) {
            let content =
                line.content.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map {
                    String($0).trimmingCharacters(in: .whitespaces)
                } ?? ""
            if content.isEmpty { continue }
            let words = content.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            // The offset is the last word; the field's name may have spaces ("Guest RIP 0x10").
            guard words.count >= 2, let second = words.last else {
                throw InspectError(.line(name, line.number), "expected 'FIELD OFFSET', found '\(content.prefix(40))'")
            }
            let first = words.dropLast().joined(separator: " ")
            switch first.lowercased() {
            case "name":
                layoutName = second
                continue
            case "revision":
                guard let value = parseNumber(second), value <= UInt64(UInt32.max) else {
                    throw InspectError(.line(name, line.number), "expected a 32-bit revision identifier, found '\(second)'")
                }
                revision = UInt32(value)
                continue
            default: break
            }
            guard let reference = Catalog.vmcs.resolve(first), !reference.isHighHalf, let encoding = reference.field.encoding else {
                throw InspectError(.line(name, line.number), "unknown VMCS field '\(first)'")
            }
            guard let offset = parseNumber(second), offset <= UInt64(RawPageReader.pageSize - reference.field.size) else {
                throw InspectError(.line(name, line.number), "expected an offset inside the 4096-byte page, found '\(second)'")
            }
            if let previous = seen[encoding] {
                throw InspectError(.line(name, line.number), "\(reference.field.name) is placed twice (first on line \(previous))")
            }
            seen[encoding] = line.number
            entries.append(VMCSLayout.Entry(encoding, Int(offset)))
        }
        guard !entries.isEmpty else { throw InspectError(SourceLocation(file: name), "layout file places no fields") }
        return VMCSLayout(name: layoutName, title: "layout file \(name)", revision: revision, entries: entries, reference: name)
    }

    static func parseNumber(_ text: String) -> UInt64? {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { return NumberText.hex(lower) }
        return UInt64(lower)
    }
}
