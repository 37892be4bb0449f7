/// The result of one rule on one snapshot.
public struct RuleResult: Sendable {
    public let check: Check
    public let verdict: Verdict
    /// What the rule lacked, when it is unknown; in the order it was read.
    public let missing: [Missing]

    public var isDecided: Bool {
        if case .unknown = verdict { return false }
        return true
    }
}

/// A field a rule needed and the input lacked (or a bit row its table lacks for its value).
public struct MissingField: Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let bit: String?

    public var description: String { bit.map { "\(field).\($0)" } ?? field }
}

/// What the rules found in one snapshot.
public struct CheckReport: Sendable {
    public let decoded: DecodedSnapshot
    public let profile: CapabilityProfile
    /// Every rule of the snapshot's architecture, in manual order.
    public let results: [RuleResult]
    /// Broken rules' findings in rule order, then the generic reserved-bit warnings.
    public let findings: [Finding]
    /// The failures the input records (by the producer or in the exit fields), with the rules
    /// that could have caused each.
    public let causes: [RecordedCause]

    public var errors: Int { findings.filter { $0.severity == .error }.count }
    public var warnings: Int { findings.filter { $0.severity == .warning }.count }

    /// Ids of the rules that were decided (hold or broken).
    public var ran: [String] { results.filter(\.isDecided).map(\.check.id) }

    /// The rules that could not be decided, with what each lacked.
    public var unknown: [RuleResult] { results.filter { !$0.isDecided } }

    /// The undecided rules that lacked a field or a bit row, with the first such.
    public var skipped: [(check: String, missing: MissingField)] {
        unknown.compactMap { result in
            for item in result.missing {
                switch item {
                case .field(let field): return (result.check.id, MissingField(field: field, bit: nil))
                case .bit(let field, let bit): return (result.check.id, MissingField(field: field, bit: bit))
                case .capability, .structureValue, .bitsNotInInput: continue
                }
            }
            return nil
        }
    }

    /// The ids of broken rules.
    public var broken: [String] { results.filter(\.verdict.isBroken).map(\.check.id) }
}

/// Runs the rules of a snapshot's architecture.
public enum Checker {
    /// Every rule, VMX first, each architecture's in manual order.
    public static let all: [Check] = VMXRules.all + SVMRules.all + [reservedBits(.vmx), reservedBits(.svm)]

    /// The rules of one architecture.
    public static func rules(for architecture: Architecture) -> [Check] { all.filter { $0.architecture == architecture } }

    /// The rule with this id.
    public static func rule(id: String) -> Check? { all.first { $0.id == id } }

    /// Reports every violated reserved row no rule reported: the catalog's rows for bits VM
    /// entry does not check, and those a rule did not look at (its condition was off).
    static func reservedBits(_ architecture: Architecture) -> Check {
        let section =
            architecture == .vmx
            ? ManualSection(.sdm, "27.2 and 27.3", "reserved bits named in the catalog's tables")
            : ManualSection(.apm, "15.5.1", "reserved bits named in the catalog's tables")
        let id = "reserved-bits"
        // Evaluated by `run`, which knows what the other rules reported.
        return Check(
            id, section, "Bits the manual reserves hold the values it gives (a warning: only the rules above make them errors).",
            severity: .warning
        ) { _ in .holds }
    }

    public static func run(_ decoded: DecodedSnapshot, profile: CapabilityProfile = .empty, checks: [Check] = Checker.all) -> CheckReport {
        let context = RuleContext(decoded, profile: profile)
        var results: [RuleResult] = []
        var findings: [Finding] = []
        var reported: [String: UInt64] = [:]
        var decidedCovers = Set<String>()
        let architecture = decoded.snapshot.architecture
        for check in checks where check.architecture == architecture && check.id != "reserved-bits" {
            context.reset()
            var verdict = check.evaluate(context)
            if !context.unknownNames.isEmpty {
                // A rule naming what the catalog lacks is a bug; say so rather than pass.
                findings.append(
                    Finding(
                        severity: .warning, check: check.id, field: "",
                        message: "internal: the rule names '\(context.unknownNames[0])', which the catalog lacks", reference: check.reference))
                verdict = .unknown
            }
            switch verdict {
            case .broken(let violations):
                for violation in violations {
                    findings.append(
                        Finding(severity: check.severity, check: check.id, field: violation.field, message: violation.message, reference: check.reference))
                    reported[violation.field, default: 0] |= violation.bits
                }
                decidedCovers.formUnion(check.covers)
            case .holds:
                decidedCovers.formUnion(check.covers)
            case .unknown:
                break
            }
            results.append(RuleResult(check: check, verdict: verdict, missing: verdict.isDecided ? [] : context.missing))
        }
        if let generic = checks.first(where: { $0.id == "reserved-bits" && $0.architecture == architecture }) {
            var violations: [Violation] = []
            var unreadable: [Missing] = []
            for field in decoded.fields where !decidedCovers.contains(field.definition.id) {
                let reportedBits = reported[field.definition.id] ?? 0
                guard field.openLayout != nil else {
                    let judged = reservedBits(field, field.bits, reported: reportedBits, in: decoded.snapshot)
                    violations += judged.violations
                    for item in judged.unreadable where !unreadable.contains(item) { unreadable.append(item) }
                    continue
                }
                // Bits the input lacks choose the table: judged by each table they allow (no
                // table reserves nothing), and decided when all agree.
                let outcomes = field.allowedReadings.map { reservedBits(field, $0, reported: reportedBits, in: decoded.snapshot) }
                if outcomes.allSatisfy({ !$0.violations.isEmpty }), let first = outcomes.first {
                    violations += first.violations
                } else if !outcomes.allSatisfy({ $0.violations.isEmpty && $0.unreadable.isEmpty }) {
                    for item in field.layoutUndecidedBy.flatMap(Missing.choosing) + outcomes.flatMap(\.unreadable) where !unreadable.contains(item) {
                        unreadable.append(item)
                    }
                }
            }
            for violation in violations {
                findings.append(
                    Finding(
                        severity: .warning, check: generic.id, field: violation.field, message: violation.message,
                        reference: decoded.catalog.field(id: violation.field)?.reference ?? generic.reference))
            }
            let verdict: Verdict = !violations.isEmpty ? .broken(violations) : unreadable.isEmpty ? .holds : .unknown
            results.append(RuleResult(check: generic, verdict: verdict, missing: violations.isEmpty ? unreadable : []))
        }
        let causes = FailureCauses.causes(of: decoded, results: results)
        return CheckReport(decoded: decoded, profile: profile, results: results, findings: findings, causes: causes)
    }
}

extension Checker {
    /// The reserved rows of `rows` that the field's value breaks, as the generic rule words them,
    /// and what it lacks to judge the others. Bits the input gives only as the guest sees them,
    /// or not at all, say nothing of the structure: a row is judged on the others, and
    /// undecided on them. `reported`: bits a decided rule has reported already.
    static func reservedBits(_ field: DecodedField, _ rows: [DecodedBit], reported: UInt64, in snapshot: Snapshot) -> (
        violations: [Violation], unreadable: [Missing]
    ) {
        let uncertain = snapshot.uncertainBits(field.definition.id)
        let already = reported | uncertain.guestView | uncertain.absent
        let reservedMask = rows.reduce(UInt64(0)) { mask, bit in
            // With the bits that chose the row, when the input lacks them: it may apply.
            if case .reserved = bit.definition.kind { return mask | bit.definition.range.mask | bit.choosingUnknownBits }
            return mask
        } & ~reported
        let unreadable = Missing.uncertain(field.definition.id, guestView: uncertain.guestView, absent: uncertain.absent, within: reservedMask)
        var violations: [Violation] = []
        for bit in rows where RuleContext.breaks(bit, in: field.integer ?? 0, knowing: ~already) {
            var required: UInt64 = 0
            if case .reserved(let value) = bit.definition.kind { required = value }
            let range = bit.definition.range
            violations.append(
                Violation(
                    field: field.definition.id,
                    message: "\(field.definition.name) = \(ValueText.value(field)): "
                        + (range.width == 1 ? "bit \(range) holds " : "bits \(range) hold ")
                        + "\(ValueText.hex(bit.value)), the manual reserves \(range.width == 1 ? "it" : "them") as "
                        + "\(ValueText.hex(required)) (\(bit.definition.title))"))
        }
        return (violations, unreadable)
    }
}

extension Verdict {
    var isDecided: Bool {
        if case .unknown = self { return false }
        return true
    }
}
