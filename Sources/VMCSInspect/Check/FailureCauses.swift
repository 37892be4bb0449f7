/// SVM exit codes as 64-bit numbers. EXITCODE is 64 bits wide (APM Vol. 2 rev 3.42 Appendix C),
/// and its negative codes (-1 VMEXIT_INVALID, -2 VMEXIT_BUSY, -3 VMEXIT_IDLE_REQUIRED) reach us
/// as 32-bit values too: Linux before 6.19 prints `exit_code` as a u32, and a VMCB written by
/// 32-bit code holds 0x00000000ffffffff. A value of at most 32 bits with bit 31 set is the same
/// code sign-extended; every place that reads an exit code goes through `normalized`.
public enum SVMExitCode {
    public static let invalid = UInt64.max

    public static func normalized(_ code: UInt64) -> UInt64 {
        guard code <= 0xffff_ffff, code & 0x8000_0000 != 0 else { return code }
        return code | 0xffff_ffff_0000_0000
    }

    /// True for VMEXIT_INVALID in either width.
    public static func isInvalid(_ code: UInt64) -> Bool { normalized(code) == invalid }
}

/// A failure the input records, and the rules that could have caused it.
public struct RecordedCause: Sendable {
    /// The failure in words, with where it was recorded.
    public let description: String
    /// Where the failure is recorded (a field id, or the line a producer printed).
    public let source: String
    /// True when the record may be stale (VM_INSTRUCTION_ERROR keeps its value until the next
    /// failing VMX instruction).
    public let mayBeStale: Bool
    /// Broken rules that cause this failure, the most specific first.
    public let broken: [String]
    /// Rules that could cause it but could not be decided, the most specific first.
    public let undecided: [String]
}

/// From a recorded failure back to the rules whose breaking produces it: VM-instruction error 7
/// (controls) or 8 (host state), exit reason 33 with its exit qualification (guest state:
/// 2 PDPTEs, 3 an NMI under blocking by STI, 4 the VMCS link pointer, 0 the rest), exit reason
/// 34 (an MSR-load entry), VirtualBox's VERR_VMX_INVALID_GUEST_STATE (guest state; the SDM
/// section its VMX_IGS_* HM error names ranks first), and SVM's VMEXIT_INVALID (SDM Vol. 3 (325384-084) sections 27.2,
/// 27.3, 27.4 and 27.8; APM Vol. 2 (24593 rev 3.42) section 15.5.1).
enum FailureCauses {
    struct Failure {
        let description: String
        let source: String
        let mayBeStale: Bool
        /// True for exit reason 33 (VM entry failed on the guest state).
        var isGuestStateEntryFailure = false
        /// The rules that could cause it, and those among them the record singles out.
        let candidates: (Check) -> Bool
        let specific: (Check) -> Bool
    }

    static func causes(of decoded: DecodedSnapshot, results: [RuleResult]) -> [RecordedCause] {
        failures(of: decoded).map { failure in
            let candidates = results.filter { failure.candidates($0.check) }
            func ranked(_ list: [RuleResult]) -> [String] {
                (list.filter { failure.specific($0.check) } + list.filter { !failure.specific($0.check) }).map(\.check.id)
            }
            return RecordedCause(
                description: failure.description, source: failure.source, mayBeStale: failure.mayBeStale,
                broken: ranked(candidates.filter(\.verdict.isBroken)), undecided: ranked(candidates.filter { !$0.isDecided }))
        }
    }

    static func stage(_ stages: CheckStage...) -> (Check) -> Bool { { stages.contains($0.section.stage) } }
    static func none(_ check: Check) -> Bool { false }

    static func failures(of decoded: DecodedSnapshot) -> [Failure] {
        let snapshot = decoded.snapshot
        var found: [Failure] = []
        var seenReasons = Set<UInt64>()
        var seenErrors = Set<UInt64>()
        var svmInvalid = false
        for failure in snapshot.failures {
            let place = failure.location.description
            switch failure.kind {
            case .vmxExitReason(let reason):
                seenReasons.insert(UInt64(reason))
                if let item = entryFailure(UInt64(reason), qualification: snapshot.integer("exit.qualification"), msr: failure.msrIndex, source: place) {
                    found.append(item)
                }
            case .vmInstructionError(let error):
                seenErrors.insert(UInt64(error))
                if let item = instructionError(UInt64(error), source: place, stale: false) { found.append(item) }
            case .svmExitCode(let code):
                if SVMExitCode.isInvalid(code), !svmInvalid {
                    svmInvalid = true
                    found.append(vmrunFailure(source: place))
                }
            }
        }
        switch snapshot.architecture {
        case .vmx:
            if let reason = snapshot.integer("exit.reason"), !seenReasons.contains(reason),
                let item = entryFailure(reason, qualification: snapshot.integer("exit.qualification"), msr: nil, source: "VM_EXIT_REASON")
            {
                found.append(item)
            }
            if let error = snapshot.integer("exit.instruction_error"), !seenErrors.contains(error),
                let item = instructionError(error, source: "VM_INSTRUCTION_ERROR", stale: true)
            {
                found.append(item)
            }
        case .svm:
            if let code = snapshot.integer("control.exit_code"), SVMExitCode.isInvalid(code), !svmInvalid {
                found.append(vmrunFailure(source: "EXITCODE"))
            }
        case .cpu:
            break
        }
        if let verdict = virtualBoxGuestState(snapshot) {
            // The same failure as exit reason 33 when the paste has that too: one line, with
            // VirtualBox's words and ranking.
            if let index = found.firstIndex(where: \.isGuestStateEntryFailure) {
                let reason = found[index]
                found[index] = Failure(
                    description: reason.description + "; " + verdict.words, source: reason.source, mayBeStale: false,
                    candidates: reason.candidates, specific: { reason.specific($0) || verdict.specific($0) })
            } else {
                found.append(
                    Failure(
                        description: "VM entry failed on guest state (\(verdict.words))", source: snapshot.location.description, mayBeStale: false,
                        candidates: stage(.guestState), specific: verdict.specific))
            }
        }
        return found
    }

    /// VirtualBox's own verdict on a failed VM entry (VBox.log: status
    /// VERR_VMX_INVALID_GUEST_STATE, and its guest-state checker's VMX_IGS_* number in
    /// `HM error = N`): its words, and the rules of the SDM section the number names. The status
    /// alone still says the guest state was refused.
    static func virtualBoxGuestState(_ snapshot: Snapshot) -> (words: String, specific: (Check) -> Bool)? {
        guard let status = snapshot.virtualBoxStatus, status == VirtualBoxDiagnostics.invalidGuestStateStatus else { return nil }
        guard let (number, diagnostic) = snapshot.virtualBoxHMErrors.first else { return ("VirtualBox \(status)", none) }
        guard let diagnostic else { return ("VirtualBox \(status), HM error \(number), a number its tables do not name", none) }
        let words = "VirtualBox \(status), HM error \(number) \(diagnostic.name): \(diagnostic.words)"
        guard let section = diagnostic.section else { return (words, none) }
        return (words, { $0.section.number == section || $0.section.number.hasPrefix(section + ".") })
    }

    static func entryFailure(_ reason: UInt64, qualification: UInt64?, msr: UInt32?, source: String) -> Failure? {
        guard reason >> 31 & 1 == 1 else { return nil }
        switch reason & 0xffff {
        case 33:
            let text = "VM entry failed on guest state (exit reason \(ValueText.hex(reason))"
            guard let qualification else {
                return Failure(
                    description: text + ")", source: source, mayBeStale: false, isGuestStateEntryFailure: true, candidates: stage(.guestState),
                    specific: none)
            }
            let cause = IntelVMCSValues.invalidGuestStateCauses[qualification] ?? "a value the SDM does not define"
            let specific: (Check) -> Bool
            switch qualification {
            case 2: specific = { $0.id.hasPrefix("guest-pdpte") }
            case 3: specific = { $0.id == "guest-nmi-injection-sti" }
            case 4: specific = { $0.id.hasPrefix("guest-vmcs-link") }
            default: specific = none
            }
            // Qualifications 2, 3 and 4 name their check; 0 leaves every other guest-state rule.
            let named = [2, 3, 4].contains(qualification)
            return Failure(
                description: text + ", exit qualification \(qualification): \(cause))", source: source, mayBeStale: false,
                isGuestStateEntryFailure: true, candidates: named ? specific : { $0.section.stage == .guestState && !["guest-pdpte-reserved", "guest-pdpte-memory", "guest-nmi-injection-sti"].contains($0.id) && !$0.id.hasPrefix("guest-vmcs-link") },
                specific: specific)
        case 34:
            let entry = qualification.map { ", entry \($0) of the VM-entry MSR-load area" } ?? ""
            let named = msr.map { ", MSR \(ValueText.hex(UInt64($0)))" } ?? ""
            return Failure(
                description: "VM entry failed loading MSRs (exit reason \(ValueText.hex(reason))\(entry)\(named))", source: source, mayBeStale: false,
                candidates: stage(.msrLoading), specific: none)
        default:
            return nil
        }
    }

    static func instructionError(_ error: UInt64, source: String, stale: Bool) -> Failure? {
        switch error {
        case 7:
            return Failure(
                description: "VM entry failed on control fields (VM-instruction error 7)", source: source, mayBeStale: stale,
                candidates: stage(.controls), specific: none)
        case 8:
            return Failure(
                description: "VM entry failed on host-state fields (VM-instruction error 8)", source: source, mayBeStale: stale,
                candidates: stage(.hostState), specific: none)
        case 16, 17, 18:
            return Failure(
                description: "VM entry from SMM failed on the executive-VMCS pointer (VM-instruction error \(error))", source: source,
                mayBeStale: stale, candidates: stage(.executiveVMCS), specific: none)
        default:
            return nil
        }
    }

    static func vmrunFailure(source: String) -> Failure {
        Failure(
            description: "VMRUN refused the VMCB (exit code VMEXIT_INVALID, -1)", source: source, mayBeStale: false,
            candidates: stage(.vmrun), specific: { $0.section.number == "15.5.1" })
    }
}
