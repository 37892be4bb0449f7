/// In a 64-bit guest, a 64-bit code segment (CS.L = 1) must have CS.D/B = 0.
struct GuestCodeSegmentFitsLongMode: Check {
    let id = "guest-cs-long-mode"
    let architecture = Architecture.vmx
    let reference = SDM.guestSegments
    let summary = "CS.L and CS.D/B in a 64-bit guest"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.vmxLongModeGuest(), try state.flag("guest.cs.ar", "l"), try state.flag("guest.cs.ar", "db") else { return [] }
        return [finding(.error, "guest.cs.ar", "\(state.describe("guest.cs.ar")): L and D/B are both 1 in an IA-32e mode guest")]
    }
}
