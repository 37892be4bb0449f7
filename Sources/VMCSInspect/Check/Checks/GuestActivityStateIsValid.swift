/// The activity state must be 0 to 3, may be HLT only with SS.DPL = 0, and must be active while
/// blocking by STI or MOV SS is in force.
struct GuestActivityStateIsValid: Check {
    let id = "guest-activity-state"
    let architecture = Architecture.vmx
    let reference = SDM.guestNonRegisterState
    let summary = "the activity state against SS.DPL and STI or MOV SS blocking"

    func run(_ state: CheckState) throws -> [Finding] {
        let activity = try state.value("guest.activity_state")
        let described = state.describe("guest.activity_state")
        if activity > 3 {
            return [finding(.error, "guest.activity_state", "\(described): must be 0 to 3 (active, HLT, shutdown, wait-for-SIPI)")]
        }
        var found: [Finding] = []
        if activity == 1, state.has("guest.ss.ar"), try state.bit("guest.ss.ar", "dpl") != 0 {
            found.append(
                finding(.error, "guest.activity_state", "\(described): HLT needs SS.DPL 0, not \(try state.bit("guest.ss.ar", "dpl"))"))
        }
        if activity != 0, state.has("guest.interruptibility") {
            let sti = try state.flag("guest.interruptibility", "blocking_by_sti")
            let movSS = try state.flag("guest.interruptibility", "blocking_by_mov_ss")
            if sti || movSS {
                found.append(
                    finding(
                        .error, "guest.activity_state",
                        "\(described): must be active (0) while blocking by \(sti ? "STI" : "MOV SS") is set"))
            }
        }
        return found
    }
}
