/// A usable LDTR must describe a present LDT (type 2, S = 0, P = 1) selected from the GDT.
struct GuestLDTRIsAnLDT: Check {
    let id = "guest-ldtr"
    let architecture = Architecture.vmx
    let reference = SDM.guestSegments
    let summary = "a usable LDTR is a present LDT, selected from the GDT"

    func run(_ state: CheckState) throws -> [Finding] {
        let ar = "guest.ldtr.ar"
        guard try !state.vmxUnusable("ldtr") else { return [] }
        var found: [Finding] = []
        if state.has("guest.ldtr.selector"), try state.flag("guest.ldtr.selector", "ti") {
            found.append(
                finding(.error, "guest.ldtr.selector", "\(state.describe("guest.ldtr.selector")): TI is 1 (LDTR must select from the GDT)"))
        }
        let type = try state.bit(ar, "type")
        if type != 2 { found.append(finding(.error, ar, "\(state.describe(ar)): type \(type) is not an LDT (2)")) }
        if try state.flag(ar, "s") { found.append(finding(.error, ar, "\(state.describe(ar)): S is 1 (an LDT is a system segment)")) }
        if try !state.flag(ar, "p") { found.append(finding(.error, ar, "\(state.describe(ar)): P is 0 (a usable LDTR must be present)")) }
        return found
    }
}
