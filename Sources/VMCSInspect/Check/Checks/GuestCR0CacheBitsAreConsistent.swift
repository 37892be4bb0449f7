/// CR0.NW set with CR0.CD clear is an illegal combination.
struct GuestCR0CacheBitsAreConsistent: Check {
    let id = "svm-cr0-cd-nw"
    let architecture = Architecture.svm
    let reference = APM.consistencyChecks
    let summary = "CR0.NW set needs CR0.CD set"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.flag("save.cr0", "nw"), try !state.flag("save.cr0", "cd") else { return [] }
        return [finding(.error, "save.cr0", "\(state.describe("save.cr0")): NW is set but CD is clear")]
    }
}
