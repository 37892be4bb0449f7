/// Guest CR3 must leave bits 63:52 clear (and the bits above the physical-address width, which
/// a dump does not tell). Bits 62:61 are LAM_U48 and LAM_U57 on processors with LAM.
struct GuestCR3HasNoReservedBits: Check {
    let id = "guest-cr3-reserved"
    let architecture = Architecture.vmx
    let reference = SDM.guestControlRegisters
    let summary = "guest CR3 bits 63:52"

    func run(_ state: CheckState) throws -> [Finding] {
        let cr3 = try state.value("guest.cr3")
        let lam: UInt64 = 0x6000_0000_0000_0000
        let reserved: UInt64 = 0xfff0_0000_0000_0000 & ~lam
        var found: [Finding] = []
        if cr3 & reserved != 0 {
            let bits = bitPositions(cr3 & reserved).map(String.init).joined(separator: ", ")
            found.append(
                finding(
                    .error, "guest.cr3",
                    "\(state.describe("guest.cr3")): reserved bit\(bits.contains(",") ? "s" : "") \(bits) set (bits 63:52 must be 0)"))
        }
        if cr3 & lam != 0 {
            found.append(
                finding(
                    .warning, "guest.cr3",
                    "\(state.describe("guest.cr3")): bits 62:61 are set; only a processor with LAM accepts them (LAM_U48, LAM_U57)"))
        }
        return found
    }
}
