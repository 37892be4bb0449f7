import Testing

@testable import VMCSInspect

/// One rule, a state (changes to a base state) that breaks it and one under which it holds,
/// worked by hand from the manual's words; the profile each state is judged with.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let breaks: [String: UInt64]
    let holds: [String: UInt64]
    var breakProfile: CapabilityProfile = .empty
    var holdProfile: CapabilityProfile = .empty
    var breakFailure: RecordedFailure?
    var holdFailure: RecordedFailure?
    var testDescription: String { rule }
}

/// A rule no dump can break, because it needs memory the state points to: unknown in one state
/// (naming that memory), holds in another.
struct UndecidableCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let unknown: [String: UInt64]
    let holds: [String: UInt64]
    /// A word the unknown verdict's missing items must contain.
    let needs: String
    var profile: CapabilityProfile = .empty
    var testDescription: String { rule }
}

enum RuleHarness {
    static func snapshot(_ architecture: Architecture, _ values: [String: UInt64], failure: RecordedFailure? = nil) -> Snapshot {
        var snapshot = Snapshot(architecture: architecture, source: "t", format: .fields, location: SourceLocation(file: "t"))
        snapshot.values = values.mapValues { .integer($0) }
        if let failure { snapshot.failures = [failure] }
        return snapshot
    }

    static func report(
        _ architecture: Architecture, _ values: [String: UInt64], profile: CapabilityProfile = .empty, failure: RecordedFailure? = nil
    ) -> CheckReport {
        let snapshot = snapshot(architecture, values, failure: failure)
        return Checker.run(Decoder.decode(snapshot), profile: profile)
    }

    static func result(_ report: CheckReport, _ rule: String) -> RuleResult? { report.results.first { $0.check.id == rule } }

    static func verdictName(_ verdict: Verdict?) -> String {
        switch verdict {
        case .holds: return "holds"
        case .broken: return "broken"
        case .unknown: return "unknown"
        case .none: return "absent"
        }
    }

    /// An MSR-load failure as Xen prints it: exit reason 34 and the MSR with its value.
    static func msrLoadFailure(_ index: UInt32, value: UInt64 = 0) -> RecordedFailure {
        RecordedFailure(
            kind: .vmxExitReason(0x8000_0022), msrIndex: index, msrValue: value, text: "vmentry failure (reason 0x80000022)",
            location: SourceLocation.line("t", 1))
    }

    /// A profile built field by field (test data worked out by hand, not any real processor's).
    static func cpu(
        msrs: [UInt32: UInt64] = [:], cpuid: [CPUIDRegister: UInt32] = [:], maxphyaddr: Int? = nil, linear: Int? = nil, smm: Bool? = nil,
        ia32e: Bool? = nil
    ) -> CapabilityProfile {
        var profile = CapabilityProfile()
        profile.msrs = msrs
        profile.cpuid = cpuid
        profile.explicitMaxPhysicalAddress = maxphyaddr
        profile.explicitLinearAddressWidth = linear
        profile.entryFromSMM = smm
        profile.entryFromIA32eMode = ia32e
        return profile
    }
}

extension CapabilityProfile {
    /// The profile with one MSR replaced.
    func with(msr index: UInt32, _ value: UInt64) -> CapabilityProfile {
        var copy = self
        copy.msrs[index] = value
        return copy
    }

    /// The profile with one CPUID register replaced.
    func with(cpuid register: CPUIDRegister, _ value: UInt32) -> CapabilityProfile {
        var copy = self
        copy.cpuid[register] = value
        return copy
    }

    func with(smm: Bool? = nil, ia32e: Bool? = nil, linear: Int? = nil) -> CapabilityProfile {
        var copy = self
        if let smm { copy.entryFromSMM = smm }
        if let ia32e { copy.entryFromIA32eMode = ia32e }
        if let linear { copy.explicitLinearAddressWidth = linear }
        return copy
    }
}
