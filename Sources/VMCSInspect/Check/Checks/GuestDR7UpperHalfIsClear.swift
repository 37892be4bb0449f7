/// With "load debug controls", DR7 bits 63:32 must be 0.
struct GuestDR7UpperHalfIsClear: Check {
    let id = "guest-dr7-upper"
    let architecture = Architecture.vmx
    let reference = SDM.guestControlRegisters
    let summary = "DR7 bits 63:32 when debug controls are loaded"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.flag("ctrl.entry", "load_debug_controls"), try state.value("guest.dr7") >> 32 != 0 else { return [] }
        return [
            finding(
                .error, "guest.dr7", "\(state.describe("guest.dr7")): bits 63:32 must be 0 when the load debug controls entry control is 1")
        ]
    }
}
