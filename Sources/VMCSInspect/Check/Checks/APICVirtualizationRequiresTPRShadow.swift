/// Without "use TPR shadow", virtualize x2APIC mode, APIC-register virtualization and
/// virtual-interrupt delivery must be 0; virtualize x2APIC mode excludes virtualize APIC accesses.
struct APICVirtualizationRequiresTPRShadow: Check {
    let id = "ctrl-apic-virtualization"
    let architecture = Architecture.vmx
    let reference = SDM.executionControls
    let summary = "x2APIC, APIC-register virtualization and virtual-interrupt delivery against the TPR shadow"

    func run(_ state: CheckState) throws -> [Finding] {
        var found: [Finding] = []
        if try !state.flag("ctrl.proc_based", "use_tpr_shadow") {
            let needing = [
                ("virtualize_x2apic_mode", "virtualize x2APIC mode"), ("apic_register_virtualization", "APIC-register virtualization"),
                ("virtual_interrupt_delivery", "virtual-interrupt delivery"),
            ]
            let set = try needing.filter { try state.vmxSecondary($0.0) }.map(\.1)
            if !set.isEmpty {
                found.append(
                    finding(
                        .error, "ctrl.proc_based2",
                        "use TPR shadow is 0 but \(set.joined(separator: ", ")) \(set.count == 1 ? "is" : "are") 1"))
            }
        }
        if try state.vmxSecondary("virtualize_x2apic_mode"), try state.vmxSecondary("virtualize_apic_accesses") {
            found.append(
                finding(
                    .error, "ctrl.proc_based2",
                    "\(state.describe("ctrl.proc_based2")): virtualize x2APIC mode and virtualize APIC accesses are both 1"))
        }
        return found
    }
}
