/// The "host address-space size" exit control against the host state: a 64-bit host needs
/// CR4.PAE; a 32-bit one needs the IA-32e mode guest control and CR4.PCIDE clear and RIP below
/// 4 GiB; with "load IA32_EFER" on exit, host EFER.LMA and LME must equal the control.
struct HostAddressSpaceIsConsistent: Check {
    let id = "host-address-space"
    let architecture = Architecture.vmx
    let reference = SDM.hostState
    let summary = "the host address-space size exit control against host CR4, RIP, EFER and the IA-32e guest control"

    func run(_ state: CheckState) throws -> [Finding] {
        let longMode = try state.flag("ctrl.exit", "host_address_space_size")
        let control = "the host address-space size exit control is \(longMode ? 1 : 0)"
        var found: [Finding] = []
        if longMode {
            if state.has("host.cr4"), try !state.flag("host.cr4", "pae") {
                found.append(finding(.error, "host.cr4", "\(state.describe("host.cr4")): PAE is 0 but \(control)"))
            }
        } else {
            if state.has("ctrl.entry"), try state.vmxLongModeGuest() {
                found.append(finding(.error, "ctrl.entry", "the IA-32e mode guest entry control is 1 but \(control)"))
            }
            if state.has("host.cr4"), try state.flag("host.cr4", "pcide") {
                found.append(finding(.error, "host.cr4", "\(state.describe("host.cr4")): PCIDE is 1 but \(control)"))
            }
            if state.has("host.rip"), try state.value("host.rip") >> 32 != 0 {
                found.append(finding(.error, "host.rip", "\(state.describe("host.rip")): bits 63:32 must be 0 when \(control)"))
            }
        }
        if state.has("host.ia32_efer"), try state.flag("ctrl.exit", "load_efer") {
            for bit in ["lma", "lme"] where try state.flag("host.ia32_efer", bit) != longMode {
                found.append(
                    finding(
                        .error, "host.ia32_efer",
                        "\(state.describe("host.ia32_efer")): \(bit.uppercased()) is \(longMode ? 0 : 1) but \(control)"))
            }
        }
        return found
    }
}
