/// The guest's EFER.SVME must be 1.
struct VMRUNRequiresSVME: Check {
    let id = "svm-efer-svme"
    let architecture = Architecture.svm
    let reference = APM.consistencyChecks
    let summary = "EFER.SVME is set"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try !state.flag("save.efer", "svme") else { return [] }
        return [finding(.error, "save.efer", "\(state.describe("save.efer")): SVME is clear")]
    }
}
