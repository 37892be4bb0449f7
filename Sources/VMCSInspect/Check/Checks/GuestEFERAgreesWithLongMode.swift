/// With "load IA32_EFER", EFER.LMA must equal the IA-32e mode guest control, and so must
/// EFER.LME when CR0.PG is set.
struct GuestEFERAgreesWithLongMode: Check {
    let id = "guest-efer-long-mode"
    let architecture = Architecture.vmx
    let reference = SDM.guestControlRegisters
    let summary = "EFER.LMA and EFER.LME against the IA-32e mode guest control when EFER is loaded"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.flag("ctrl.entry", "load_efer") else { return [] }
        let longMode = try state.vmxLongModeGuest()
        let control = "the IA-32e mode guest entry control is \(longMode ? 1 : 0)"
        var found: [Finding] = []
        if try state.flag("guest.ia32_efer", "lma") != longMode {
            found.append(
                finding(.error, "guest.ia32_efer", "\(state.describe("guest.ia32_efer")): LMA is \(longMode ? 0 : 1) but \(control)"))
        }
        if try state.flag("guest.cr0", "pg"), try state.flag("guest.ia32_efer", "lme") != longMode {
            found.append(
                finding(
                    .error, "guest.ia32_efer",
                    "\(state.describe("guest.ia32_efer")): LME is \(longMode ? 0 : 1) with CR0.PG set but \(control)"))
        }
        return found
    }
}
