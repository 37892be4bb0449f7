/// EVENTINJ, when valid, must use a defined type (0 INTR, 2 NMI, 3 exception, 4 software
/// interrupt), and an exception must not use the NMI vector.
struct EventInjectionIsLegal: Check {
    let id = "svm-event-injection"
    let architecture = Architecture.svm
    let reference = APM.eventInjection
    let summary = "the injected event's type and vector"

    func run(_ state: CheckState) throws -> [Finding] {
        let field = "control.event_inj"
        guard try state.flag(field, "v") else { return [] }
        let type = try state.bit(field, "type")
        let described = state.describe(field)
        switch type {
        case 0, 2, 4:
            return []
        case 3:
            // The vector row exists only for the defined types, so it is read here.
            let vector = try state.bit(field, "vector")
            if vector == 2 { return [finding(.error, field, "\(described): an exception cannot use vector 2 (NMI)")] }
            if vector > 31 { return [finding(.warning, field, "\(described): vector \(vector) is not an exception vector")] }
            return []
        default:
            return [finding(.error, field, "\(described): event type \(type) is reserved")]
        }
    }
}
