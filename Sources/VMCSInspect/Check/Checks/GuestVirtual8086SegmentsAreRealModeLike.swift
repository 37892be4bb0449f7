/// In virtual-8086 mode (RFLAGS.VM = 1) each of CS, SS, DS, ES, FS and GS must have base =
/// selector × 16, limit 0xffff and access rights 0xf3.
struct GuestVirtual8086SegmentsAreRealModeLike: Check {
    let id = "guest-v86-segments"
    let architecture = Architecture.vmx
    let reference = SDM.guestSegments
    let summary = "segment bases, limits and access rights in virtual-8086 mode"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try state.flag("guest.rflags", "vm") else { return [] }
        // RFLAGS.VM in a 64-bit guest is its own error (guest-rflags), not virtual-8086 mode.
        if state.has("ctrl.entry"), try state.vmxLongModeGuest() { return [] }
        var found: [Finding] = []
        for segment in vmxSegments {
            let name = segment.uppercased()
            let selector = "guest.\(segment).selector"
            let base = "guest.\(segment).base"
            if state.has(selector), state.has(base), try state.value(base) != (try state.value(selector)) << 4 {
                found.append(
                    finding(
                        .error, base,
                        "\(name) base 0x\(String(try state.value(base), radix: 16)) is not selector 0x\(String(try state.value(selector), radix: 16)) × 16 in virtual-8086 mode"
                    ))
            }
            let limit = "guest.\(segment).limit"
            if state.has(limit), try state.value(limit) != 0xffff {
                found.append(
                    finding(
                        .error, limit, "\(name) limit 0x\(String(try state.value(limit), radix: 16)) is not 0xffff in virtual-8086 mode"))
            }
            let ar = "guest.\(segment).ar"
            if state.has(ar), try state.value(ar) != 0xf3 {
                found.append(
                    finding(
                        .error, ar, "\(name) access rights 0x\(String(try state.value(ar), radix: 16)) are not 0xf3 in virtual-8086 mode"))
            }
        }
        return found
    }
}
