/// "Save VMX-preemption timer value" needs "activate VMX-preemption timer".
struct PreemptionTimerSaveRequiresTimer: Check {
    let id = "ctrl-preemption-timer-save"
    let architecture = Architecture.vmx
    let reference = SDM.exitControls
    let summary = "saving the preemption timer needs the timer active"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.flag("ctrl.exit", "save_preemption_timer"), try !state.flag("ctrl.pin_based", "preemption_timer") else { return [] }
        return [finding(.error, "ctrl.exit", "save VMX-preemption timer value is 1 but activate VMX-preemption timer is 0")]
    }
}
