/// The VM-entry interruption-information field must describe an event VM entry can deliver.
struct EventInjectionIsConsistent: Check {
    let id = "entry-event-injection"
    let architecture = Architecture.vmx
    let reference = SDM.controlChecks
    let summary = "the injected event's type, vector, error code and instruction length"

    /// Exceptions that push an error code: #DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP.
    static let vectorsWithErrorCode: Set<UInt64> = [8, 10, 11, 12, 13, 14, 17, 21]

    func run(_ state: CheckState) throws -> [Finding] {
        guard let event = try state.vmxInjectedEvent() else { return [] }
        let field = "ctrl.entry_intr_info"
        let described = state.describe(field)
        var found: [Finding] = []
        switch event.type {
        case 1:
            found.append(finding(.error, field, "\(described): interruption type 1 is reserved"))
        case 2 where event.vector != 2:
            found.append(finding(.error, field, "\(described): an NMI must use vector 2, not \(event.vector)"))
        case 3 where event.vector > 31:
            found.append(finding(.error, field, "\(described): a hardware exception needs a vector of 31 or less, not \(event.vector)"))
        case 7 where event.vector != 0:
            found.append(
                finding(.error, field, "\(described): the other-event type (pending MTF VM exit) needs vector 0, not \(event.vector)"))
        default:
            break
        }
        let deliversErrorCode = try state.flag(field, "error_code_valid")
        let protectedMode = try !state.vmxUnrestrictedGuest() || state.flag("guest.cr0", "pe")
        let shouldDeliver = protectedMode && event.type == 3 && Self.vectorsWithErrorCode.contains(event.vector)
        if deliversErrorCode != shouldDeliver {
            let why =
                shouldDeliver
                ? "vector \(event.vector) pushes an error code, so deliver-error-code must be 1"
                : "deliver-error-code must be 0 unless a hardware exception that pushes an error code is injected in protected mode"
            found.append(finding(.error, field, "\(described): \(why)"))
        }
        if deliversErrorCode, state.has("ctrl.entry_exception_error_code"), try state.value("ctrl.entry_exception_error_code") >> 16 != 0 {
            found.append(
                finding(
                    .error, "ctrl.entry_exception_error_code",
                    "\(state.describe("ctrl.entry_exception_error_code")): bits 31:16 of the error code must be 0"))
        }
        if [4, 5, 6].contains(event.type), state.has("ctrl.entry_instruction_len") {
            let length = try state.value("ctrl.entry_instruction_len")
            if length > 15 {
                found.append(
                    finding(
                        .error, "ctrl.entry_instruction_len",
                        "VM_ENTRY_INSTRUCTION_LEN = \(length): a software event needs a length from 0 to 15"))
            } else if length == 0 {
                found.append(
                    finding(
                        .warning, "ctrl.entry_instruction_len",
                        "VM_ENTRY_INSTRUCTION_LEN = 0 for a software event: allowed only where IA32_VMX_MISC bit 30 is 1"))
            }
        }
        return found
    }
}
