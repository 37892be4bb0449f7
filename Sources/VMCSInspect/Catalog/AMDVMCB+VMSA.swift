// swift-format-ignore-file
// A standalone VMSA page: the SEV-ES save area on a page of its own, as `control.vmsa_pa` points
// to it and as SEV-ES and SEV-SNP guests' state is dumped. Source: AMD APM Vol. 2 (publication
// 24593, revision 3.42) Table B-4, whose offsets are relative to the start of the save area; in
// a VMCB the save area starts at 400h, in a VMSA page at 0. The table is derived from the VMCB
// catalog's save-area rows, so a field added there is here too.

/// The VMSA layout (`--layout vmsa`): every save-area field of the VMCB catalog at its offset
/// into the SEV-ES save area.
public enum VMSALayout {
    /// The name `--layout` takes.
    public static let name = "vmsa"

    /// Where the save area starts in a VMCB page; a VMSA page starts with it.
    public static let saveAreaOffset = 0x400

    /// One field of a VMSA page: the VMCB catalog's row and its offset in the VMSA page.
    public struct Entry: Sendable {
        public let field: FieldDefinition
        public let offset: Int
    }

    /// Every save-area field (ids `save.*`), in page order, at its VMSA offset.
    public static let entries: [Entry] = AMDVMCB.saveFields.compactMap { field in
        let offset = field.offset - saveAreaOffset
        guard offset >= 0, offset + field.size <= 4096 else { return nil }
        return Entry(field: field, offset: offset)
    }

    /// The fields of a VMSA page, little-endian, by catalog id: what a loader puts in a
    /// `Snapshot`'s values for `--layout vmsa` (architecture `.svm`). Every save-area field is
    /// read, those a VMCB has only under SEV-ES included, since a VMSA is SEV-ES state; control
    /// fields are absent, as a VMSA has none. A page shorter than a field leaves it absent.
    public static func values(page: [UInt8]) -> [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        for entry in entries {
            guard entry.offset >= 0, entry.field.size > 0, entry.offset <= page.count - entry.field.size else { continue }
            let bytes = page[entry.offset..<(entry.offset + entry.field.size)]
            if entry.field.isByteString {
                values[entry.field.id] = .bytes(Array(bytes))
                continue
            }
            var word: UInt64 = 0
            for (index, byte) in bytes.enumerated() {
                word |= UInt64(byte) << UInt64(8 * index)
            }
            values[entry.field.id] = .integer(word)
        }
        return values
    }
}
