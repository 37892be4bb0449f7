/// RFLAGS: bit 1 set, bits 3, 5, 15 and 63:22 clear; VM clear in a 64-bit guest or with CR0.PE
/// clear; IF set when an external interrupt is injected.
struct GuestRFLAGSIsValid: Check {
    let id = "guest-rflags"
    let architecture = Architecture.vmx
    let reference = SDM.guestRIPAndRFLAGS
    let summary = "RFLAGS reserved bits, VM, and IF for an injected interrupt"

    /// Bits 63:22, 15, 5 and 3 must be 0.
    static let mustBeZero: UInt64 = 0xffff_ffff_ffc0_8028

    func run(_ state: CheckState) throws -> [Finding] {
        let rflags = try state.value("guest.rflags")
        let described = state.describe("guest.rflags")
        var found: [Finding] = []
        if rflags & 2 == 0 { found.append(finding(.error, "guest.rflags", "\(described): bit 1 must be 1")) }
        if rflags & Self.mustBeZero != 0 {
            let bits = bitPositions(rflags & Self.mustBeZero).map(String.init).joined(separator: ", ")
            found.append(finding(.error, "guest.rflags", "\(described): reserved bit\(bits.contains(",") ? "s" : "") \(bits) set"))
        }
        // The rules below need other fields; each is applied when the input holds them.
        if try state.flag("guest.rflags", "vm") {
            if state.has("ctrl.entry"), try state.vmxLongModeGuest() {
                found.append(finding(.error, "guest.rflags", "\(described): VM is set in an IA-32e mode guest"))
            } else if state.has("guest.cr0"), try !state.flag("guest.cr0", "pe") {
                found.append(finding(.error, "guest.rflags", "\(described): VM is set while CR0.PE is clear"))
            }
        }
        if state.has("ctrl.entry_intr_info"), let event = try state.vmxInjectedEvent(), event.type == 0,
            try !state.flag("guest.rflags", "if")
        {
            found.append(
                finding(.error, "guest.rflags", "\(described): IF is clear but VM entry injects external interrupt \(event.vector)"))
        }
        return found
    }
}
