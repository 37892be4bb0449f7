/// With "enable EPT", the EPTP must name UC (0) or WB (6), a 4- or 5-level walk (length − 1 of
/// 3 or 4), and leave bits 11:8 clear. (Which of these the processor supports, and whether it
/// takes the accessed/dirty flag, only its capability MSR says.)
struct EPTPointerIsValid: Check {
    let id = "ctrl-eptp"
    let architecture = Architecture.vmx
    let reference = SDM.executionControls
    let summary = "the EPT pointer's memory type, page-walk length and reserved bits"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.vmxSecondary("enable_ept") else { return [] }
        let field = "ctrl.ept_pointer"
        let described = state.describe(field)
        var found: [Finding] = []
        let type = try state.bit(field, "memory_type")
        if type != 0 && type != 6 { found.append(finding(.error, field, "\(described): memory type \(type) is neither UC (0) nor WB (6)")) }
        let walk = try state.bit(field, "page_walk_length")
        if walk != 3 && walk != 4 {
            found.append(finding(.error, field, "\(described): page-walk length minus 1 is \(walk), not 3 (4 levels) or 4 (5 levels)"))
        }
        if try state.bit(field, "reserved_11_8") != 0 { found.append(finding(.error, field, "\(described): bits 11:8 must be 0")) }
        return found
    }
}
