/// A VMCS link pointer other than all ones must be 4-KByte aligned (and point to a VMCS whose
/// revision a dump does not show).
struct VMCSLinkPointerIsAligned: Check {
    let id = "guest-vmcs-link-pointer"
    let architecture = Architecture.vmx
    let reference = SDM.guestNonRegisterState
    let summary = "a VMCS link pointer other than all ones is page aligned"

    func run(_ state: CheckState) throws -> [Finding] {
        let pointer = try state.value("guest.vmcs_link_pointer")
        guard pointer != ~0, pointer & 0xfff != 0 else { return [] }
        return [
            finding(
                .error, "guest.vmcs_link_pointer",
                "\(state.describe("guest.vmcs_link_pointer")): not 4-KByte aligned (use 0xffffffffffffffff when there is no linked VMCS)")
        ]
    }
}
