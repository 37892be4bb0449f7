/// The manual sections the rules come from: Intel SDM Vol. 3, order number 325384-084, chapter
/// 27 (VM entries) and the SMM chapter's dual-monitor treatment; AMD APM Vol. 2, publication
/// 24593 revision 3.42, chapter 15; Intel's FRED specification (346446) for FRED state.
enum Sections {
    static let executionControls = ManualSection(.sdm, "27.2.1.1", "checks on VM-execution control fields", stage: .controls)
    static let exitControls = ManualSection(.sdm, "27.2.1.2", "checks on VM-exit control fields", stage: .controls)
    static let entryControls = ManualSection(.sdm, "27.2.1.3", "checks on VM-entry control fields", stage: .controls)
    static let hostControlRegisters = ManualSection(
        .sdm, "27.2.2", "checks on host control registers, MSRs and SSP", stage: .hostState)
    static let hostSegments = ManualSection(.sdm, "27.2.3", "checks on host segment and descriptor-table registers", stage: .hostState)
    static let addressSpaceSize = ManualSection(.sdm, "27.2.4", "checks related to address-space size", stage: .hostState)
    static let guestControlRegisters = ManualSection(
        .sdm, "27.3.1.1", "checks on guest control registers, debug registers and MSRs", stage: .guestState)
    static let guestSegments = ManualSection(.sdm, "27.3.1.2", "checks on guest segment registers", stage: .guestState)
    static let guestDescriptorTables = ManualSection(.sdm, "27.3.1.3", "checks on guest descriptor-table registers", stage: .guestState)
    static let guestRIPAndRFLAGS = ManualSection(.sdm, "27.3.1.4", "checks on guest RIP, RFLAGS and SSP", stage: .guestState)
    static let guestNonRegisterState = ManualSection(.sdm, "27.3.1.5", "checks on guest non-register state", stage: .guestState)
    static let guestPDPTEs = ManualSection(.sdm, "27.3.1.6", "checks on guest page-directory-pointer-table entries", stage: .guestState)
    static let tscMultiplier = ManualSection(.sdm, "25.6.5", "time-stamp counter offset and multiplier", stage: .controls)
    static let msrLoading = ManualSection(.sdm, "27.4", "loading MSRs", stage: .msrLoading)
    static let executiveVMCS = ManualSection(
        .sdm, "", "VM entries that return from SMM, checks on the executive-VMCS pointer field (dual-monitor treatment)",
        stage: .executiveVMCS)
    static let fredHost = ManualSection(.fred, "", "VM-entry checks on FRED host state", stage: .hostState)
    static let fredGuest = ManualSection(.fred, "", "VM-entry checks on FRED guest state", stage: .guestState)

    static let vmrun = ManualSection(.apm, "15.5.1", "VMRUN consistency checks", stage: .vmrun)
    static let eventInjection = ManualSection(.apm, "15.20", "event injection", stage: .vmrun)
    static let nestedPaging = ManualSection(.apm, "15.25", "nested paging", stage: .vmrun)
    static let virtualNMI = ManualSection(.apm, "15.21", "interrupt and local APIC support, NMI virtualization", stage: .vmrun)
    static let virtualGIF = ManualSection(.apm, "", "virtual GIF (vGIF)", stage: .vmrun)
    static let avic = ManualSection(.apm, "15.29", "advanced virtual interrupt controller (AVIC)", stage: .vmrun)
}
