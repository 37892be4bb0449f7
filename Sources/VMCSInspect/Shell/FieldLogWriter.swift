/// Writes a snapshot as a field log (`NAME = 0x…`), the form `FieldLogReader` reads back.
public enum FieldLogWriter {
    /// The snapshot as `NAME = 0x…` lines, every field it holds, in catalog order.
    public static func write(_ snapshot: Snapshot) -> String {
        let catalog = Catalog.forArchitecture(snapshot.architecture)
        var out = "# \(snapshot.architecture.structureName) written by vmcs-inspect from \(snapshot.source)\n"
        let width = catalog.fields.filter { snapshot.values[$0.id] != nil }.map(\.name.count).max() ?? 0
        for field in catalog.fields {
            guard let value = snapshot.values[field.id] else { continue }
            switch value {
            case .integer(let word):
                let line = field.name.padded(to: width) + " = " + ValueText.hex(word, digits: field.hexDigits)
                // A field log has no way to say some bits are unknown or only the guest's view:
                // such a field is left out, with a line saying why, so reading the file back
                // leaves it absent rather than deciding rules on bits the input never gave
                // (`export --json` keeps them).
                let absent = snapshot.absentBits[field.id] ?? 0
                let guestView = snapshot.guestViewBits[field.id] ?? 0
                if absent != 0 {
                    out += "# left out, \(bitList(absent)) of \(field.name) are not in the input\n"
                } else if guestView != 0 {
                    out += "# left out, the input gives \(bitList(guestView)) of \(field.name) as the guest sees \(bitPronoun(guestView))\n"
                } else {
                    out += line + "\n"
                }
            case .bytes(let bytes):
                // Byte strings (the VMCB's instruction bytes) as hex pairs in memory order.
                out +=
                    field.name.padded(to: width) + " = "
                    + ValueText.bytes(bytes) + "\n"
            }
        }
        return out
    }
}
