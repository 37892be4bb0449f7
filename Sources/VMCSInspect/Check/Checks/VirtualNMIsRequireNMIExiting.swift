/// "Virtual NMIs" needs "NMI exiting", and "NMI-window exiting" needs "virtual NMIs".
struct VirtualNMIsRequireNMIExiting: Check {
    let id = "ctrl-virtual-nmis"
    let architecture = Architecture.vmx
    let reference = SDM.executionControls
    let summary = "virtual NMIs against NMI exiting and NMI-window exiting"

    func run(_ state: CheckState) throws -> [Finding] {
        let virtualNMIs = try state.flag("ctrl.pin_based", "virtual_nmis")
        var found: [Finding] = []
        if virtualNMIs, try !state.flag("ctrl.pin_based", "nmi_exiting") {
            found.append(finding(.error, "ctrl.pin_based", "\(state.describe("ctrl.pin_based")): virtual NMIs is 1 but NMI exiting is 0"))
        }
        if !virtualNMIs, try state.flag("ctrl.proc_based", "nmi_window_exiting") {
            found.append(
                finding(.error, "ctrl.proc_based", "\(state.describe("ctrl.proc_based")): NMI-window exiting is 1 but virtual NMIs is 0"))
        }
        return found
    }
}
