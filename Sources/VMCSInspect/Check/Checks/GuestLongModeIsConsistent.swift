/// With EFER.LME and CR0.PG both set: CR4.PAE and CR0.PE must be set, and CS.L and CS.D must
/// not both be set.
struct GuestLongModeIsConsistent: Check {
    let id = "svm-long-mode"
    let architecture = Architecture.svm
    let reference = APM.consistencyChecks
    let summary = "EFER.LME with CR0.PG against CR4.PAE, CR0.PE, CS.L and CS.D"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.flag("save.efer", "lme"), try state.flag("save.cr0", "pg") else { return [] }
        var found: [Finding] = []
        if try !state.flag("save.cr4", "pae") {
            found.append(finding(.error, "save.cr4", "\(state.describe("save.cr4")): PAE is clear while EFER.LME and CR0.PG are set"))
        }
        if try !state.flag("save.cr0", "pe") {
            found.append(finding(.error, "save.cr0", "\(state.describe("save.cr0")): PE is clear while EFER.LME and CR0.PG are set"))
        }
        if try state.flag("save.cr4", "pae"), state.has("save.cs.attrib"), try state.flag("save.cs.attrib", "l"),
            try state.flag("save.cs.attrib", "db")
        {
            found.append(finding(.error, "save.cs.attrib", "\(state.describe("save.cs.attrib")): CS.L and CS.D are both set in long mode"))
        }
        return found
    }
}
