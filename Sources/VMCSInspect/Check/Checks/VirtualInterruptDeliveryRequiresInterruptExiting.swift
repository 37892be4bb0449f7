/// Virtual-interrupt delivery needs "external-interrupt exiting".
struct VirtualInterruptDeliveryRequiresInterruptExiting: Check {
    let id = "ctrl-virtual-interrupt-delivery"
    let architecture = Architecture.vmx
    let reference = SDM.executionControls
    let summary = "virtual-interrupt delivery against external-interrupt exiting"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.vmxSecondary("virtual_interrupt_delivery"), try !state.flag("ctrl.pin_based", "external_interrupt_exiting") else {
            return []
        }
        return [
            finding(
                .error, "ctrl.pin_based",
                "\(state.describe("ctrl.pin_based")): external-interrupt exiting is 0 but virtual-interrupt delivery is 1")
        ]
    }
}
