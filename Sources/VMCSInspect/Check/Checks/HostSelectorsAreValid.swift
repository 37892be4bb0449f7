/// Host selectors must have RPL and TI clear; CS and TR must not be null, nor SS when the host
/// is not 64-bit.
struct HostSelectorsAreValid: Check {
    let id = "host-selectors"
    let architecture = Architecture.vmx
    let reference = SDM.hostState
    let summary = "host selectors: RPL and TI 0, CS and TR (and SS for a 32-bit host) not null"

    func run(_ state: CheckState) throws -> [Finding] {
        var found: [Finding] = []
        var checked = 0
        for segment in vmxSegments + ["tr"] {
            let field = "host.\(segment).selector"
            guard state.has(field) else { continue }
            checked += 1
            let selector = try state.value(field)
            let name = segment.uppercased()
            if selector & 7 != 0 {
                found.append(
                    finding(.error, field, "host \(name) selector 0x\(String(selector, radix: 16)): RPL and TI (bits 2:0) must be 0"))
            }
            let nullAllowed: Bool
            switch segment {
            case "cs", "tr": nullAllowed = false
            case "ss": nullAllowed = state.has("ctrl.exit") ? try state.flag("ctrl.exit", "host_address_space_size") : true
            default: nullAllowed = true
            }
            if selector == 0 && !nullAllowed { found.append(finding(.error, field, "host \(name) selector is 0000H")) }
        }
        if checked == 0 { throw CheckState.Absent(field: "host.cs.selector") }
        return found
    }
}
