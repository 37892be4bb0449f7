/// Blocking by STI and by MOV SS exclude each other; STI blocking needs RFLAGS.IF; neither may
/// be set when an external interrupt is injected, nor MOV SS blocking when an NMI is.
struct GuestInterruptibilityIsConsistent: Check {
    let id = "guest-interruptibility"
    let architecture = Architecture.vmx
    let reference = SDM.guestNonRegisterState
    let summary = "STI and MOV SS blocking against each other, RFLAGS.IF and the injected event"

    func run(_ state: CheckState) throws -> [Finding] {
        let field = "guest.interruptibility"
        let sti = try state.flag(field, "blocking_by_sti")
        let movSS = try state.flag(field, "blocking_by_mov_ss")
        let described = state.describe(field)
        var found: [Finding] = []
        if sti && movSS { found.append(finding(.error, field, "\(described): blocking by STI and by MOV SS are both set")) }
        if sti, state.has("guest.rflags"), try !state.flag("guest.rflags", "if") {
            found.append(finding(.error, field, "\(described): blocking by STI is set but RFLAGS.IF is clear"))
        }
        if state.has("ctrl.entry_intr_info"), let event = try state.vmxInjectedEvent() {
            if event.type == 0 && (sti || movSS) {
                found.append(
                    finding(
                        .error, field, "\(described): an external interrupt is injected while blocking by \(sti ? "STI" : "MOV SS") is set")
                )
            }
            if event.type == 2 && movSS {
                found.append(finding(.error, field, "\(described): an NMI is injected while blocking by MOV SS is set"))
            }
        }
        return found
    }
}
