/// With "load IA32_PAT" (on entry for the guest's, on exit for the host's), each byte of the PAT
/// field must be a memory type WRMSR accepts: UC, WC, WT, WP, WB or UC-.
struct PATHoldsMemoryTypes: Check {
    /// The guest's PAT, loaded by VM entry.
    static let guest = PATHoldsMemoryTypes(
        id: "guest-pat-memory-types", pat: "guest.ia32_pat", controls: "ctrl.entry", reference: SDM.guestControlRegisters)
    /// The host's PAT, loaded by VM exit.
    static let host = PATHoldsMemoryTypes(
        id: "host-pat-memory-types", pat: "host.ia32_pat", controls: "ctrl.exit", reference: SDM.hostState)

    let id: String
    /// The PAT field and the controls whose load_pat bit loads it.
    let pat: String
    let controls: String
    let architecture = Architecture.vmx
    let reference: String
    var summary: String { "each \(pat.hasPrefix("host") ? "host" : "guest") PAT entry is UC, WC, WT, WP, WB or UC- when PAT is loaded" }

    /// UC, WC, WT, WP, WB, UC-.
    static let memoryTypes: Set<UInt64> = [0, 1, 4, 5, 6, 7]

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.flag(controls, "load_pat") else { return [] }
        let value = try state.value(pat)
        let bad = (0..<8).filter { !Self.memoryTypes.contains((value >> UInt64($0 * 8)) & 0xff) }
        guard !bad.isEmpty else { return [] }
        let entries = bad.map { "PA\($0)=\((value >> UInt64($0 * 8)) & 0xff)" }.joined(separator: ", ")
        return [
            finding(
                .error, pat,
                "\(state.describe(pat)): \(entries) \(bad.count == 1 ? "is not a memory type" : "are not memory types") (0, 1, 4, 5, 6 or 7)"
            )
        ]
    }
}
