/// A 64-bit guest needs CR0.PG and CR4.PAE; any other guest must have CR4.PCIDE clear.
struct GuestLongModeRequiresPAEPaging: Check {
    let id = "guest-ia32e-mode-paging"
    let architecture = Architecture.vmx
    let reference = SDM.guestControlRegisters
    let summary = "the IA-32e mode guest control against CR0.PG, CR4.PAE and CR4.PCIDE"

    func run(_ state: CheckState) throws -> [Finding] {
        if try state.vmxLongModeGuest() {
            var missing: [String] = []
            if try !state.flag("guest.cr0", "pg") { missing.append("CR0.PG") }
            if try !state.flag("guest.cr4", "pae") { missing.append("CR4.PAE") }
            guard !missing.isEmpty else { return [] }
            let field = missing.first == "CR0.PG" ? "guest.cr0" : "guest.cr4"
            return [
                finding(
                    .error, field,
                    "the IA-32e mode guest entry control is 1 but \(missing.joined(separator: " and ")) \(missing.count == 1 ? "is" : "are") clear "
                        + "(\(state.describe("guest.cr0")), \(state.describe("guest.cr4")))")
            ]
        }
        guard try state.flag("guest.cr4", "pcide") else { return [] }
        return [finding(.error, "guest.cr4", "\(state.describe("guest.cr4")): PCIDE is set but the IA-32e mode guest entry control is 0")]
    }
}
