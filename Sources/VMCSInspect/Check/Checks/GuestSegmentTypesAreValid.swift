/// Outside virtual-8086 mode, CS must be an accessed code segment (or, for an unrestricted
/// guest, an accessed read/write data segment), SS a read/write accessed data segment, and the
/// other usable data segments accessed and, if code, readable; all must have S and P set.
struct GuestSegmentTypesAreValid: Check {
    let id = "guest-segment-types"
    let architecture = Architecture.vmx
    let reference = SDM.guestSegments
    let summary = "segment types and the S and P bits outside virtual-8086 mode"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try !state.flag("guest.rflags", "vm") else { return [] }
        // Unknown controls allow what either setting allows: only certain errors are reported.
        let unrestricted = (try? state.vmxUnrestrictedGuest()) ?? true
        var found: [Finding] = []
        for segment in vmxSegments {
            let ar = "guest.\(segment).ar"
            guard state.has(ar) else { continue }
            guard try segment == "cs" || !state.vmxUnusable(segment) else { continue }
            guard let type = try? state.bit(ar, "type") else { continue }
            let name = segment.uppercased()
            let described = "\(name) access rights 0x\(String(try state.value(ar), radix: 16))"
            switch segment {
            case "cs":
                let allowed: Set<UInt64> = unrestricted ? [3, 9, 11, 13, 15] : [9, 11, 13, 15]
                if !allowed.contains(type) {
                    let expected = unrestricted ? "3, 9, 11, 13 or 15" : "9, 11, 13 or 15 (accessed code)"
                    found.append(finding(.error, ar, "\(described): type \(type) is not allowed for CS (\(expected))"))
                }
            case "ss":
                if type != 3 && type != 7 {
                    found.append(finding(.error, ar, "\(described): type \(type) is not allowed for SS (3 or 7, read/write accessed data)"))
                }
            default:
                if type & 1 == 0 {
                    found.append(finding(.error, ar, "\(described): type \(type) is not accessed (type bit 0 must be 1)"))
                } else if type & 8 != 0 && type & 2 == 0 {
                    found.append(finding(.error, ar, "\(described): type \(type) is an execute-only code segment (must be readable)"))
                }
            }
            if try !state.flag(ar, "s") { found.append(finding(.error, ar, "\(described): S is 0 (must be a code or data segment)")) }
            if try !state.flag(ar, "p") { found.append(finding(.error, ar, "\(described): P is 0 (must be present)")) }
        }
        return found
    }
}
