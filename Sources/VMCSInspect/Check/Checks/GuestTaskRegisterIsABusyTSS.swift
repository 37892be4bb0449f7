/// TR must be usable and describe a busy TSS (type 11; type 3 is allowed outside IA-32e mode),
/// with S = 0, P = 1, and a selector whose TI flag is 0.
struct GuestTaskRegisterIsABusyTSS: Check {
    let id = "guest-tr"
    let architecture = Architecture.vmx
    let reference = SDM.guestSegments
    let summary = "TR is usable, a present busy TSS, selected from the GDT"

    func run(_ state: CheckState) throws -> [Finding] {
        let ar = "guest.tr.ar"
        var found: [Finding] = []
        if state.has("guest.tr.selector"), try state.flag("guest.tr.selector", "ti") {
            found.append(
                finding(.error, "guest.tr.selector", "\(state.describe("guest.tr.selector")): TI is 1 (TR must select from the GDT)"))
        }
        if try state.vmxUnusable("tr") {
            found.append(finding(.error, ar, "\(state.describe(ar)): TR is marked unusable (bit 16 must be 0)"))
            return found
        }
        // Without the entry controls, type 3 may be right (outside IA-32e mode): not reported.
        let longMode = (try? state.vmxLongModeGuest()) ?? false
        let type = try state.bit(ar, "type")
        if type != 11 && (longMode || type != 3) {
            let expected = longMode ? "11, a 64-bit busy TSS" : "3 or 11, a busy TSS"
            found.append(finding(.error, ar, "\(state.describe(ar)): type \(type) is not allowed for TR (\(expected))"))
        }
        if try state.flag(ar, "s") { found.append(finding(.error, ar, "\(state.describe(ar)): S is 1 (a TSS is a system segment)")) }
        if try !state.flag(ar, "p") { found.append(finding(.error, ar, "\(state.describe(ar)): P is 0 (TR must be present)")) }
        return found
    }
}
