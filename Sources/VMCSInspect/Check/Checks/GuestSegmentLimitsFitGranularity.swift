/// A segment limit must be expressible with its G bit: G = 0 needs limit bits 31:20 clear, and
/// G = 1 needs limit bits 11:0 all set. Checked for CS, for TR and for every usable segment.
struct GuestSegmentLimitsFitGranularity: Check {
    let id = "guest-segment-granularity"
    let architecture = Architecture.vmx
    let reference = SDM.guestSegments
    let summary = "segment limits against the G bit"

    func run(_ state: CheckState) throws -> [Finding] {
        var found: [Finding] = []
        var checked = 0
        for segment in vmxSegments + ["tr", "ldtr"] {
            let ar = "guest.\(segment).ar"
            let limitField = "guest.\(segment).limit"
            guard state.has(ar), state.has(limitField) else { continue }
            let alwaysChecked = segment == "cs" || segment == "tr"
            guard try alwaysChecked || !state.vmxUnusable(segment) else { continue }
            // An unusable CS or TR has no G bit in its table: other checks report it.
            guard let granular = try? state.flag(ar, "g") else { continue }
            checked += 1
            let limit = try state.value(limitField)
            let name = segment.uppercased()
            if granular, limit & 0xfff != 0xfff {
                found.append(finding(.error, ar, "\(name): G is 1 but the limit 0x\(String(limit, radix: 16)) does not end in 0xfff"))
            } else if !granular, limit & 0xfff0_0000 != 0 {
                found.append(finding(.error, ar, "\(name): G is 0 but the limit 0x\(String(limit, radix: 16)) exceeds 0xfffff"))
            }
        }
        if checked == 0 { throw CheckState.Absent(field: "guest.cs.ar") }
        return found
    }
}
