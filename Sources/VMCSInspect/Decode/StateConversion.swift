extension Snapshot {
    /// A vendor-neutral CPU state as the VMCS (`.vmx`) or VMCB (`.svm`) guest state holding the
    /// same registers (`CPUState.mappings`), once the producer has named the vendor. Registers
    /// the structure has no field for stay out, and a note names them.
    public func converted(to target: Architecture) -> Snapshot {
        guard architecture == .cpu, target != .cpu else { return self }
        var result = self
        result.architecture = target
        result.values = [:]
        result.notes = [:]
        result.absentBits = [:]
        var left: [String] = []
        let mappings = Dictionary(CPUState.mappings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for field in Catalog.cpu.fields {
            guard let value = values[field.id] else { continue }
            guard let mapping = mappings[field.id], let id = mapping.field(in: target) else {
                left.append(field.name)
                continue
            }
            var converted = value
            if case .integer(let word) = value, target == .svm, case .accessRightsToVMCBAttributes = mapping.conversion {
                converted = .integer((word & 0xff) | (word >> 4 & 0xf00))
            }
            result.values[id] = converted
            if let notes = notes[field.id] { result.notes[id] = notes }
            if let absent = absentBits[field.id] { result.absentBits[id] = absent }
        }
        if !left.isEmpty {
            result.pageNotes.append("the \(target.structureName) has no field for \(left.joined(separator: ", ")), which the input printed")
        }
        return result
    }
}
