/// How bad a finding is.
public enum Severity: String, Sendable, Comparable {
    /// The manual says VM entry or VMRUN fails with this state.
    case error
    /// Suspicious, or wrong only on some processors (the capability MSRs are not in a dump).
    case warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// One problem a check found in a snapshot.
public struct Finding: Sendable, Equatable {
    public let severity: Severity
    /// The check's kebab-case id (`guest-cr0-pg-requires-pe`).
    public let check: String
    /// The catalog id of the field at fault.
    public let field: String
    /// Lowercase, no final period: the values and what is wrong with them.
    public let message: String
    /// Where the manual states the rule.
    public let reference: String
}

/// A VM-entry or VMRUN consistency rule. Checks name fields and bits by catalog id and read
/// them through `CheckState`, so bit positions come from the catalog tables; a check whose
/// fields the input lacks is skipped, never run on zeros.
public protocol Check: Sendable {
    /// Kebab-case, frozen once released.
    var id: String { get }
    var architecture: Architecture { get }
    /// Where the manual states the rule (manual, revision, section).
    var reference: String { get }
    /// What the check looks at, in a few words, for `check --list`.
    var summary: String { get }
    /// The findings; throws `CheckState.Absent` when a field it needs is not in the input.
    func run(_ state: CheckState) throws -> [Finding]
}

extension Check {
    /// A finding of this check.
    func finding(_ severity: Severity, _ field: String, _ message: String) -> Finding {
        Finding(severity: severity, check: id, field: field, message: message, reference: reference)
    }
}

/// Read access to a decoded snapshot for checks: values and bits by catalog id.
public struct CheckState: Sendable {
    /// Thrown when the input did not contain a field a check needs.
    public struct Absent: Error, Sendable {
        public let field: String
        /// The bit row the field's table lacks for this value, when the field itself is there.
        public var bit: String? = nil
    }

    /// Thrown when a check names a field or bit the catalog does not have: a bug in the check,
    /// which the tests look for.
    public struct UnknownName: Error, Sendable {
        public let name: String
    }

    public let decoded: DecodedSnapshot

    public init(_ decoded: DecodedSnapshot) {
        self.decoded = decoded
    }

    /// True when the input holds the field.
    public func has(_ field: String) -> Bool { decoded.field(field)?.integer != nil }

    /// The field's value; `Absent` when the input lacks it.
    public func value(_ field: String) throws -> UInt64 {
        guard let value = decoded.field(field)?.integer else {
            guard decoded.catalog.field(id: field) != nil else { throw UnknownName(name: field) }
            throw Absent(field: field)
        }
        return value
    }

    /// The value of the field's bit row `bit` (shifted down), from the table the decoder chose
    /// for this value; `Absent` when the field is missing or its table has no such row (TR's
    /// type when TR is unusable).
    public func bit(_ field: String, _ bit: String) throws -> UInt64 {
        guard let definition = decoded.catalog.field(id: field),
            decoded.catalog.layouts(of: definition).contains(where: { $0.bits.contains { $0.id == bit } })
        else { throw UnknownName(name: "\(field).\(bit)") }
        guard let decodedField = decoded.field(field), decodedField.integer != nil else { throw Absent(field: field) }
        guard let row = decodedField.bits.first(where: { $0.definition.id == bit }) else { throw Absent(field: field, bit: bit) }
        return row.value
    }

    /// True when the flag `bit` of the field is set.
    public func flag(_ field: String, _ bit: String) throws -> Bool { try self.bit(field, bit) != 0 }

    /// The field as the text renderer prints its value (`guest.cr0 = 0x...`).
    public func describe(_ field: String) -> String {
        guard let decodedField = decoded.field(field) else { return field }
        return "\(decodedField.definition.name) = \(ValueText.value(decodedField))"
    }
}

/// What the checks found in one snapshot, and which checks could not run.
public struct CheckReport: Sendable {
    public let decoded: DecodedSnapshot
    public let findings: [Finding]
    /// Ids of the checks that ran.
    public let ran: [String]
    /// The checks skipped, with what the input lacked first.
    public let skipped: [(check: String, missing: CheckState.Absent)]

    public var errors: Int { findings.filter { $0.severity == .error }.count }
    public var warnings: Int { findings.filter { $0.severity == .warning }.count }
}

/// Runs the checks of a snapshot's architecture.
public enum Checker {
    /// Every check, VMX first, each architecture's in manual order.
    public static let all: [any Check] = VMXChecks.all + SVMChecks.all

    public static func run(_ decoded: DecodedSnapshot, checks: [any Check] = Checker.all) -> CheckReport {
        var findings: [Finding] = []
        var ran: [String] = []
        var skipped: [(check: String, missing: CheckState.Absent)] = []
        let state = CheckState(decoded)
        for check in checks where check.architecture == decoded.snapshot.architecture {
            do {
                findings += try check.run(state)
                ran.append(check.id)
            } catch let absent as CheckState.Absent {
                skipped.append((check.id, absent))
            } catch {
                // A check naming what the catalog lacks is a bug; say so rather than pass.
                let name = (error as? CheckState.UnknownName)?.name ?? "\(error)"
                findings.append(
                    Finding(
                        severity: .warning, check: check.id, field: "",
                        message: "internal: the check names '\(name)', which the catalog lacks", reference: check.reference))
            }
        }
        return CheckReport(decoded: decoded, findings: findings, ran: ran, skipped: skipped)
    }
}

/// The positions of the set bits, highest first, for messages.
func bitPositions(_ value: UInt64) -> [Int] { (0..<64).reversed().filter { value >> UInt64($0) & 1 == 1 } }
