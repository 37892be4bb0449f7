/// The VMRUN intercept must be set.
struct VMRUNIsIntercepted: Check {
    let id = "svm-vmrun-intercept"
    let architecture = Architecture.svm
    let reference = APM.consistencyChecks
    let summary = "the VMRUN intercept is set"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try !state.flag("control.intercept_word4", "vmrun") else { return [] }
        return [finding(.error, "control.intercept_word4", "\(state.describe("control.intercept_word4")): the VMRUN intercept is clear")]
    }
}
