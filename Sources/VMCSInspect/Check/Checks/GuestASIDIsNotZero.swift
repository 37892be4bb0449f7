/// ASID 0 belongs to the host; VMRUN with it fails.
struct GuestASIDIsNotZero: Check {
    let id = "svm-asid-zero"
    let architecture = Architecture.svm
    let reference = APM.consistencyChecks
    let summary = "the guest ASID is not 0"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.value("control.asid") == 0 else { return [] }
        return [finding(.error, "control.asid", "\(state.describe("control.asid")): ASID 0 is the host's")]
    }
}
