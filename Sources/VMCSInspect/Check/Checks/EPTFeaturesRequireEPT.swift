/// Unrestricted guest, PML, mode-based execute control and sub-page write permissions all
/// need "enable EPT".
struct EPTFeaturesRequireEPT: Check {
    let id = "ctrl-ept-features"
    let architecture = Architecture.vmx
    let reference = SDM.executionControls
    let summary = "controls that need EPT: unrestricted guest, PML, mode-based execute, sub-page write"

    func run(_ state: CheckState) throws -> [Finding] {
        guard try !state.vmxSecondary("enable_ept") else { return [] }
        let needing = [
            ("unrestricted_guest", "unrestricted guest"), ("enable_pml", "enable PML"),
            ("mode_based_execute", "mode-based execute control"),
            ("sub_page_write", "sub-page write permissions"),
        ]
        let set = try needing.filter { try state.vmxSecondary($0.0) }.map(\.1)
        guard !set.isEmpty else { return [] }
        return [
            finding(.error, "ctrl.proc_based2", "enable EPT is 0 but \(set.joined(separator: ", ")) \(set.count == 1 ? "is" : "are") 1")
        ]
    }
}
