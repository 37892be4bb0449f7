/// CR0 and CR4 must hold the bits VMX operation fixes (SDM Vol. 3 section 24.8, Appendix A.7 and
/// A.8). Which bits are fixed, only the IA32_VMX_CR0/CR4_FIXED0 MSRs say, and a dump carries
/// neither; every processor so far fixes CR0.PE, CR0.NE, CR0.PG and CR4.VMXE to 1 (PE and PG
/// not for an unrestricted guest), so a clear one is reported as a warning.
struct ControlRegistersHoldVMXFixedBits: Check {
    static let guest = ControlRegistersHoldVMXFixedBits(id: "guest-cr-fixed-bits", owner: "guest", reference: SDM.guestControlRegisters)
    static let host = ControlRegistersHoldVMXFixedBits(id: "host-cr-fixed-bits", owner: "host", reference: SDM.hostState)

    let id: String
    /// `guest` or `host`: whose CR0 and CR4 fields.
    let owner: String
    let architecture = Architecture.vmx
    let reference: String
    var summary: String { "\(owner) CR0.PE, NE, PG and CR4.VMXE, which VMX operation fixes to 1 on every processor so far" }

    func run(_ state: CheckState) throws -> [Finding] {
        let cr0 = "\(owner).cr0"
        let cr4 = "\(owner).cr4"
        guard state.has(cr0) || state.has(cr4) else { throw CheckState.Absent(field: cr0) }
        // An unrestricted guest may run with paging or protection off.
        let unrestricted = owner == "guest" ? (try? state.vmxUnrestrictedGuest()) ?? true : false
        var clear: [(field: String, bit: String)] = []
        if state.has(cr0) {
            let bits = unrestricted ? ["ne"] : ["pe", "ne", "pg"]
            clear += try bits.filter { try !state.flag(cr0, $0) }.map { (cr0, $0) }
        }
        if state.has(cr4), try !state.flag(cr4, "vmxe") { clear.append((cr4, "vmxe")) }
        return clear.map { item in
            finding(
                .warning, item.field,
                "\(state.describe(item.field)): \(item.bit.uppercased()) is 0, but VMX operation fixes it to 1 "
                    + "(IA32_VMX_\(item.field.hasSuffix("cr0") ? "CR0" : "CR4")_FIXED0 on every processor so far)")
        }
    }
}
