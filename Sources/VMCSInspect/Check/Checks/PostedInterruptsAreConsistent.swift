/// Posted-interrupt processing needs virtual-interrupt delivery and "acknowledge interrupt on
/// exit", a notification vector below 256 and a 64-byte aligned descriptor.
struct PostedInterruptsAreConsistent: Check {
    let id = "ctrl-posted-interrupts"
    let architecture = Architecture.vmx
    let reference = SDM.executionControls
    let summary = "posted interrupts against virtual-interrupt delivery, interrupt acknowledgment, vector and descriptor"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.flag("ctrl.pin_based", "posted_interrupts") else { return [] }
        var found: [Finding] = []
        if try !state.vmxSecondary("virtual_interrupt_delivery") {
            found.append(finding(.error, "ctrl.pin_based", "process posted interrupts is 1 but virtual-interrupt delivery is 0"))
        }
        if state.has("ctrl.exit"), try !state.flag("ctrl.exit", "acknowledge_interrupt") {
            found.append(finding(.error, "ctrl.exit", "process posted interrupts is 1 but acknowledge interrupt on exit is 0"))
        }
        if state.has("ctrl.posted_intr_nv"), try state.value("ctrl.posted_intr_nv") > 0xff {
            found.append(finding(.error, "ctrl.posted_intr_nv", "\(state.describe("ctrl.posted_intr_nv")): bits 15:8 must be 0"))
        }
        if state.has("ctrl.posted_intr_desc_addr"), try state.value("ctrl.posted_intr_desc_addr") & 0x3f != 0 {
            found.append(
                finding(.error, "ctrl.posted_intr_desc_addr", "\(state.describe("ctrl.posted_intr_desc_addr")): not 64-byte aligned"))
        }
        return found
    }
}
