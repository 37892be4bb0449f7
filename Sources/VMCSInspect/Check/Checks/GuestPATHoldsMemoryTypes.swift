/// With "load IA32_PAT", each byte of the guest PAT must be a memory type WRMSR accepts.
struct GuestPATHoldsMemoryTypes: Check {
    let id = "guest-pat-memory-types"
    let architecture = Architecture.vmx
    let reference = SDM.guestControlRegisters
    let summary = "each guest PAT entry is UC, WC, WT, WP, WB or UC- when PAT is loaded"

    /// UC, WC, WT, WP, WB, UC-.
    static let memoryTypes: Set<UInt64> = [0, 1, 4, 5, 6, 7]

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.flag("ctrl.entry", "load_pat") else { return [] }
        let pat = try state.value("guest.ia32_pat")
        let bad = (0..<8).filter { !Self.memoryTypes.contains((pat >> UInt64($0 * 8)) & 0xff) }
        guard !bad.isEmpty else { return [] }
        let entries = bad.map { "PA\($0)=\((pat >> UInt64($0 * 8)) & 0xff)" }.joined(separator: ", ")
        return [
            finding(
                .error, "guest.ia32_pat",
                "\(state.describe("guest.ia32_pat")): \(entries) \(bad.count == 1 ? "is not a memory type" : "are not memory types") (0, 1, 4, 5, 6 or 7)"
            )
        ]
    }
}
