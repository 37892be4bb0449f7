/// Bits that must be zero: CR0, CR4, DR6 and DR7 bits 63:32, CR3 bits 63:52, EFER bits 63:22.
/// (Lower must-be-zero bits of CR3, CR4 and EFER depend on the mode and the processor.)
struct GuestControlRegistersHaveNoMBZBits: Check {
    let id = "svm-mbz-bits"
    let architecture = Architecture.svm
    let reference = APM.consistencyChecks
    let summary = "must-be-zero high bits of CR0, CR3, CR4, DR6, DR7 and EFER"

    static let rules: [(field: String, mask: UInt64, bits: String)] = [
        ("save.cr0", 0xffff_ffff_0000_0000, "63:32"),
        ("save.cr3", 0xfff0_0000_0000_0000, "63:52"),
        ("save.cr4", 0xffff_ffff_0000_0000, "63:32"),
        ("save.dr6", 0xffff_ffff_0000_0000, "63:32"),
        ("save.dr7", 0xffff_ffff_0000_0000, "63:32"),
        ("save.efer", 0xffff_ffff_ffc0_0000, "63:22"),
    ]

    func run(_ state: CheckState) throws -> [Finding] {
        let present = Self.rules.filter { state.has($0.field) }
        guard !present.isEmpty else { throw CheckState.Absent(field: "save.cr0") }
        return try present.compactMap { rule in
            let value = try state.value(rule.field)
            guard value & rule.mask != 0 else { return nil }
            return finding(.error, rule.field, "\(state.describe(rule.field)): bits \(rule.bits) must be zero")
        }
    }
}
