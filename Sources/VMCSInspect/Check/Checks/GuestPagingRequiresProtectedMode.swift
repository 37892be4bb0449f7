/// CR0.PG = 1 needs CR0.PE = 1, even for an unrestricted guest.
struct GuestPagingRequiresProtectedMode: Check {
    let id = "guest-cr0-pg-requires-pe"
    let architecture = Architecture.vmx
    let reference = SDM.guestControlRegisters
    let summary = "CR0.PG set needs CR0.PE set"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.flag("guest.cr0", "pg"), try !state.flag("guest.cr0", "pe") else { return [] }
        return [finding(.error, "guest.cr0", "\(state.describe("guest.cr0")): PG is set but PE is clear")]
    }
}
