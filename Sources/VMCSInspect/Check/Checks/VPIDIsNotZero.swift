/// With "enable VPID", the VPID must not be 0 (the host's).
struct VPIDIsNotZero: Check {
    let id = "ctrl-vpid-zero"
    let architecture = Architecture.vmx
    let reference = SDM.executionControls
    let summary = "the VPID is not 0 when VPIDs are enabled"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.vmxSecondary("enable_vpid"), try state.value("ctrl.vpid") == 0 else { return [] }
        return [finding(.error, "ctrl.vpid", "enable VPID is 1 but VIRTUAL_PROCESSOR_ID is 0")]
    }
}
