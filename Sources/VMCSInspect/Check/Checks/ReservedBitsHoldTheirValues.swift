/// Every reserved bit range the catalog's tables name must hold the value the manual gives.
/// Whether the processor rejects the state depends on the field, and for control fields on
/// capability MSRs a dump does not carry, so these are warnings; the checks above report as
/// errors the reserved bits the manuals name as VM-entry or VMRUN failures.
struct ReservedBitsHoldTheirValues: Check {
    let architecture: Architecture
    var id: String { "reserved-bits" }
    var reference: String {
        architecture == .vmx ? "SDM Vol. 3 (325384-084) sections 27.2 and 27.3" : "APM Vol. 2 (24593 rev 3.42) section 15.5.1"
    }
    let summary = "reserved bit ranges named in the catalog's tables"

    func run(_ state: CheckState) throws -> [Finding] {
        state.decoded.fields.flatMap { field in
            field.reservedViolations.map { bit in
                var required: UInt64 = 0
                if case .reserved(let value) = bit.definition.kind { required = value }
                return Finding(
                    severity: .warning, check: id, field: field.definition.id,
                    message: "\(field.definition.name) = \(ValueText.value(field)): "
                        + (bit.definition.range.width == 1 ? "bit \(bit.definition.range) holds " : "bits \(bit.definition.range) hold ")
                        + "0x\(String(bit.value, radix: 16)), the manual reserves \(bit.definition.range.width == 1 ? "it" : "them") as "
                        + "0x\(String(required, radix: 16)) (\(bit.definition.title))",
                    reference: field.definition.reference.isEmpty ? reference : field.definition.reference)
            }
        }
    }
}
