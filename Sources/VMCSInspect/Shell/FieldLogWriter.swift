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
                out +=
                    field.name.padded(to: width) + " = " + ValueText.hex(word, digits: field.hexDigits)
                    + "\n"
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
