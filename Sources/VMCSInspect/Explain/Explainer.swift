/// Explains an exit in plain sentences, each ending with the manual section it comes from.
/// Everything it says is read from the catalog: exit descriptions, the titles of the bits the
/// decoder found set, and what a clear flag says where its 0 means something.
public enum Explainer {
    /// Sentences about why the vCPU exited, in the order a developer reads them; when the input
    /// records a failed VM entry or VMRUN, with `checkingState`, the rules that could cause it.
    public static func explain(_ decoded: DecodedSnapshot, checkingState: Bool = true, profile: CapabilityProfile = .empty) -> [Sentence] {
        let rules = checkingState ? refusedState(Checker.run(decoded, profile: profile)) : []
        let recorded = recordedFailures(decoded.snapshot) + virtualBox(decoded.snapshot)
        switch decoded.snapshot.architecture {
        case .vmx: return recorded + explainVMX(decoded) + rules
        case .svm: return recorded + explainSVM(decoded) + rules
        case .cpu: return recorded
        }
    }

    // MARK: What the producer recorded

    /// A sentence for each failure the producer printed beside the dump whose number the dump's
    /// own exit fields do not hold (QEMU's "KVM: entry failed, hardware error 0x80000021", Xen's
    /// "VMLAUNCH error: 0x7"): what the number means, and where it was printed.
    static func recordedFailures(_ snapshot: Snapshot) -> [Sentence] {
        var out: [Sentence] = []
        for failure in snapshot.failures {
            let printed = "The log records '\(failure.text)' (\(placeText(failure.location)))"
            switch failure.kind {
            case .vmxExitReason(let reason):
                let full = UInt64(reason)
                guard snapshot.integer("exit.reason") != full else { continue }
                let basic = full & 0xffff
                let name = ExitNames.vmx(full).name
                let description = Explanations.vmx[basic]
                let what = description?.text ?? "basic exit reason \(basic)"
                if full >> 31 & 1 == 1 {
                    let failed = failedEntry(full)
                    out.append(sentence("\(printed): \(failed.text).", failed.reference))
                } else {
                    out.append(
                        sentence(
                            "\(printed): exit reason \(ValueText.hex(full)), basic reason \(basic) (\(name)): \(what).",
                            description?.reference ?? exitReference))
                }
            case .vmInstructionError(let error):
                guard snapshot.integer("exit.instruction_error") != UInt64(error) else { continue }
                let text = IntelVMCSValues.instructionErrors[UInt64(error)] ?? "not a number the SDM lists"
                out.append(sentence("\(printed): VM-instruction error \(error): \(text).", "SDM Vol. 3 section 31.4"))
            case .svmExitCode(let raw):
                let code = SVMExitCode.normalized(raw)
                guard snapshot.integer("control.exit_code").map(SVMExitCode.normalized) != code else { continue }
                let name = ExitNames.svmManualName(code)
                let description = Explanations.svm(code)
                let shown = code >> 63 == 1 ? "\(Int64(bitPattern: code))" : ValueText.hex(code)
                out.append(
                    sentence(
                        "\(printed): exit code \(shown) (\(name))" + (description.map { ", \($0.text)" } ?? "") + ".",
                        description?.reference ?? "APM Vol. 2 Appendix C, Table C-1"))
            }
        }
        return out
    }

    /// `line 3` or the file, for sentences.
    static func placeText(_ location: SourceLocation) -> String {
        switch location.position {
        case .line(let line): return "line \(line)"
        case .byte(let offset): return "byte 0x" + String(offset, radix: 16)
        case .physical(let address): return "physical 0x" + String(address, radix: 16)
        case .none: return location.file
        }
    }

    /// VirtualBox's `HM error = 0x23a (570)` beside its status: the rule VirtualBox's own
    /// guest-state check found broken (VMX_IGS_*), or the reason (VMX_UFC_*, VMX_VCI_*).
    static func virtualBox(_ snapshot: Snapshot) -> [Sentence] {
        var out: [Sentence] = []
        let statusText = snapshot.virtualBoxStatus.map { " with status \($0)" } ?? ""
        for (number, diagnostic) in snapshot.virtualBoxHMErrors {
            guard let diagnostic else {
                out.append(
                    sentence(
                        "VirtualBox reports HM error \(number)\(statusText), a number its tables do not name.",
                        "VirtualBox include/VBox/vmm/hm_vmx.h"))
                continue
            }
            var text = "VirtualBox reports HM error \(number) (\(diagnostic.name))\(statusText): \(diagnostic.words)"
            if let rule = diagnostic.rule { text += "; the rule: \(rule)" }
            out.append(sentence(text + ".", diagnostic.reference ?? "VirtualBox include/VBox/vmm/hm_vmx.h"))
        }
        // Without an HM error, the status alone (a Guru Meditation's VINF_EM_TRIPLE_FAULT) is
        // what VirtualBox says about why the guest stopped.
        if out.isEmpty, let status = snapshot.virtualBoxGuruStatus {
            let known = VirtualBoxDiagnostics.status(named: status)
            let meaning = known?.meaning.map { ": \($0)" } ?? ""
            out.append(sentence("VirtualBox reports status \(status)\(meaning).", known?.reference ?? "VirtualBox include/VBox/err.h"))
        }
        return out
    }

    /// For each failure the input records (VM-entry failure reasons 33 and 34, VM-instruction
    /// errors 7 and 8, VMEXIT_INVALID), the broken rules that cause it, most specific first;
    /// when none is broken, what the undecided ones need. A VM-instruction error read from the
    /// VMCS may be stale (the field keeps its value until the next failure), so it alone never
    /// leads to a sentence saying that no rule is broken.
    static func refusedState(_ report: CheckReport) -> [Sentence] {
        var out: [Sentence] = []
        var named = Set<String>()
        for cause in report.causes {
            let broken = cause.broken.filter { !named.contains($0) }
            if !broken.isEmpty {
                for id in broken {
                    named.insert(id)
                    for finding in report.findings where finding.check == id {
                        out.append(sentence("The state breaks rule \(id): \(finding.message).", finding.reference))
                    }
                }
                continue
            }
            guard cause.broken.isEmpty, !cause.mayBeStale else { continue }
            let reference =
                report.decoded.snapshot.architecture == .vmx ? "SDM Vol. 3 (325384-084) sections 27.2 to 27.4" : Sections.vmrun.reference
            if cause.undecided.isEmpty {
                out.append(
                    sentence(
                        "Every rule that could cause this failure holds for this state\(report.profile == .empty ? "" : " and processor profile").",
                        reference))
                continue
            }
            var needs: [Missing] = []
            for result in report.unknown where cause.undecided.contains(result.check.id) {
                for item in result.missing where !needs.contains(item) { needs.append(item) }
            }
            let shown = needs.prefix(6).map(\.description)
            let more = needs.count > 6 ? " and \(needs.count - 6) more" : ""
            let count = cause.undecided.count
            out.append(
                sentence(
                    "None of the rules `check` could decide explains this failure; \(count) rule\(count == 1 ? "" : "s") that could cause it need\(count == 1 ? "s" : "") what the input lacks: "
                        + shown.joined(separator: ", ") + more + " (check --unknown lists them).", reference))
        }
        return out
    }

    // MARK: Words

    /// A decoded word in words: set flags and named values by their titles, clear flags by what
    /// their 0 says where it says something.
    static func describe(_ field: DecodedField) -> String {
        let parts = words(field.bits, unnamed: field.unnamedBits, whole: field.isWholeEnumeration || field.isWholeNumber)
        return parts.isEmpty ? "nothing set" : parts.joined(separator: "; ")
    }

    /// Set flags by title (clear ones by what their 0 says, where it says something), values
    /// as `title: value`.
    static func words(_ bits: [DecodedBit], unnamed: UInt64, whole: Bool) -> [String] {
        var parts: [String] = []
        for bit in bits {
            let title = bit.definition.title
            if bit.isUncertain, !bit.violatesReservation {
                // Not named: the value rests on bits the input lacks (the field's note says which).
                guard !bit.isWhollyUnknown, bit.isSet || bit.undecided else { continue }
                let missing = bitList(bit.missingBits)
                parts.append("\(title): \(ValueText.hex(bit.value)), read without \(missing), which the input does not give")
                continue
            }
            switch bit.definition.kind {
            case .flag:
                if bit.isSet {
                    parts.append(title)
                } else if let clear = bit.definition.clearTitle {
                    parts.append(clear)
                }
            case .enumerated:
                if let name = bit.valueName {
                    parts.append(whole ? name : "\(title): \(name)")
                } else if bit.isSet {
                    parts.append("\(title): \(ValueText.hex(bit.value)) (not a value the manual names)")
                }
            case .number:
                if bit.isSet || whole { parts.append("\(title): \(ValueText.number(bit.value))") }
            case .address:
                if bit.isSet { parts.append("\(title): \(ValueText.hex(bit.value))") }
            case .reserved:
                if bit.violatesReservation {
                    parts.append("reserved bits \(bit.definition.range) are \(ValueText.hex(bit.value)), which the manual does not allow")
                }
            }
        }
        if unnamed != 0 { parts.append("bits \(ValueText.hex(unnamed)) that no table names") }
        return parts
    }

    static func sentence(_ text: String, _ reference: String) -> Sentence {
        Sentence(text, reference)
    }

    /// An event (interruption information, EXITINTINFO, EVENTINJ) in words, with its error code.
    static func event(_ field: DecodedField, errorCode: UInt64?, errorLayoutByVector: (UInt64) -> BitLayout?) -> String? {
        guard let word = field.integer, word >> 31 & 1 == 1 else { return nil }
        let vector = word & 0xff
        let type = field.bits.first { $0.definition.id == "type" }?.valueName ?? "event"
        // SVM's short type names read better spelled out.
        let spelled = ["INTR": "external interrupt", "SOFT_INT": "software interrupt"]
        let typeText = (spelled[type] ?? type).lowercased().replacingUnderscores()
        let isException = ["hardware exception", "exception", "software exception", "privileged software exception"].contains(typeText)
        var text: String
        if isException, let mnemonic = Registers.exceptionMnemonics[vector] {
            text = "\(typeText) \(mnemonic) (vector \(vector))"
        } else if typeText == "nmi" {
            text = "an NMI"
        } else {
            text = "\(typeText) vector \(vector) (\(ValueText.hex(vector)))"
        }
        let errorValid = field.bits.contains { ($0.definition.id == "error_code_valid" || $0.definition.id == "ev") && $0.isSet }
        if errorValid, let errorCode {
            text += " with error code \(ValueText.hex(errorCode))"
            if let layout = errorLayoutByVector(vector) {
                let (bits, unnamed) = Decoder.split(errorCode, by: layout, width: 32)
                let parts = words(bits, unnamed: unnamed, whole: false)
                if !parts.isEmpty { text += " (" + parts.joined(separator: "; ") + ")" }
            }
        } else if errorValid {
            text += " with an error code the input does not give"
        }
        return text
    }

    /// AMD's error-code tables: #PF with AMD's bits (RMP at 31).
    static func errorCodeLayout(_ vector: UInt64) -> BitLayout? {
        switch vector {
        case 14: return Registers.pageFaultErrorCode
        case 10, 11, 12, 13: return Registers.selectorErrorCode
        default: return nil
        }
    }

    /// Intel's error-code tables: #PF with Intel's bits (HLAT at 7, SGX at 15; SDM Vol. 3 section 4.7).
    static func intelErrorCodeLayout(_ vector: UInt64) -> BitLayout? {
        switch vector {
        case 14: return IntelVMCSValues.pageFaultErrorCode
        case 10, 11, 12, 13: return Registers.selectorErrorCode
        default: return nil
        }
    }

    /// Basic exit reasons whose VM-exit instruction length is defined: exits caused by executing
    /// an instruction (SDM Vol. 3 (325384-084) section 28.2.5). Reason 0 is added when the event
    /// is a software interrupt or exception; failed entries, faults, EPT violations and the
    /// asynchronous events have no instruction length.
    static let reasonsWithInstructionLength: Set<UInt64> = Set(
        [
            10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 36, 39, 40, 46, 47, 50, 51, 53, 54,
            55, 57, 58, 59, 60, 61, 63, 64, 65, 67, 68, 69, 70, 76, 77, 78, 79, 80, 81, 84, 85,
        ].map { UInt64($0) })

    static func instructionLengthDefined(_ snapshot: Snapshot) -> Bool {
        guard let reason = snapshot.integer("exit.reason"), reason >> 31 & 1 == 0 else { return false }
        let basic = reason & 0xffff
        if reasonsWithInstructionLength.contains(basic) { return true }
        // Exceptions and NMIs: only INT3, INTO, INT n and ICEBP events (types 4, 5, 6).
        if basic == 0, let info = snapshot.integer("exit.intr_info"), info >> 31 & 1 == 1 {
            return [4, 5, 6].contains((info >> 8) & 7)
        }
        return false
    }

    // MARK: VMX

    static let exitReference = "SDM Vol. 3 section 28.2.1"

    /// The basic exit reasons a failed VM entry reports: invalid guest state, MSR loading and a
    /// machine-check event (SDM Vol. 3 section 27.8).
    static let entryFailureReasons: Set<UInt64> = [33, 34, 41]

    /// An exit reason with bit 31 set in words: the VM entry that failed and why, or, for a basic
    /// reason no failed VM entry reports, that no processor writes the value.
    static func failedEntry(_ reason: UInt64) -> (text: String, reference: String, possible: Bool) {
        let basic = reason & 0xffff
        let name = ExitNames.vmx(reason).name
        guard entryFailureReasons.contains(basic), let description = Explanations.vmx[basic] else {
            return (
                "exit reason \(ValueText.hex(reason)) sets bit 31 (VM-entry failure) with basic reason \(basic) (\(name)), but a failed VM entry reports only basic reason 33, 34 or 41, so no processor writes this value: it was misread or mangled",
                "SDM Vol. 3 section 27.8", false
            )
        }
        return (
            "VM entry failed with \(description.text); exit reason \(ValueText.hex(reason)) is basic reason \(basic) (\(name)) with bit 31 set",
            description.reference, true
        )
    }

    static func explainVMX(_ decoded: DecodedSnapshot) -> [Sentence] {
        var out: [Sentence] = []
        let snapshot = decoded.snapshot
        if let reason = snapshot.integer("exit.reason") {
            let basic = reason & 0xffff
            let name = ExitNames.vmx(reason).name
            let description = Explanations.vmx[basic]
            if reason >> 31 & 1 == 1 {
                let failed = failedEntry(reason)
                out.append(
                    failed.possible
                        ? sentence(failed.text + ", and the guest did not run.", failed.reference)
                        : sentence(failed.text.prefix(1).uppercased() + failed.text.dropFirst() + ".", failed.reference))
            } else if let description {
                out.append(
                    sentence("The VM exit was caused by \(description.text): basic exit reason \(basic) (\(name)).", description.reference))
            } else {
                out.append(sentence("Basic exit reason \(basic) is not one the SDM lists.", "SDM Vol. 3 Appendix C"))
            }
            if let field = decoded.field("exit.reason") {
                // The flags, and any reserved or unnamed bit set: no processor sets those, so
                // they are said too.
                let rest = words(
                    field.bits.filter { !["basic", "entry_failure"].contains($0.definition.id) }, unnamed: field.unnamedBits, whole: false)
                if !rest.isEmpty {
                    out.append(sentence("The exit reason also says: " + rest.joined(separator: "; ") + ".", "SDM Vol. 3 section 25.9.1"))
                }
            }
        }
        if let field = decoded.field("exit.qualification"), let layout = field.layout {
            out.append(sentence("Exit qualification \(ValueText.value(field)): \(describe(field)).", layout.reference))
        } else if let field = decoded.field("exit.qualification"), field.integer != 0 {
            // Its layout follows the exit reason, and for exit reason 0 the vector too: without
            // them it is unknown, which is not the same as none.
            let basic = snapshot.integer("exit.reason").map { $0 & 0xffff }
            let why: String
            if basic == nil {
                why = "its layout follows the exit reason, which is not in the input"
            } else if basic == 0, snapshot.integer("exit.intr_info") == nil {
                why = "for exit reason 0 its layout follows the exception's vector, and the VM-exit interruption information is not in the input"
            } else if let undecided = field.layoutUncertainty {
                why = undecided
            } else {
                why = "this exit reason defines no layout for it"
            }
            out.append(sentence("Exit qualification \(ValueText.value(field)) (\(why)).", exitReference))
        }
        if let field = decoded.field("exit.instruction_info") {
            if let layout = field.layout {
                out.append(sentence("Instruction information \(ValueText.value(field)): \(describe(field)).", layout.reference))
            } else if let undecided = field.layoutUncertainty {
                out.append(sentence("Instruction information \(ValueText.value(field)) (\(undecided)).", IntelVMCSValues.instructionInfoReference))
            }
        }
        let reason = snapshot.integer("exit.reason").map { $0 & 0xffff }
        if let gpa = snapshot.integer("exit.guest_physical_address"), reason == 48 || reason == 49 {
            out.append(sentence("Guest-physical address: \(ValueText.hex(gpa)).", "SDM Vol. 3 section 28.2.1"))
        }
        if let gla = snapshot.integer("exit.guest_linear_address"), reason == 48,
            let qualification = snapshot.integer("exit.qualification"), qualification >> 7 & 1 == 1
        {
            out.append(sentence("Guest-linear address: \(ValueText.hex(gla)).", "SDM Vol. 3 section 28.2.1"))
        }
        if let field = decoded.field("exit.intr_info"),
            let text = event(field, errorCode: snapshot.integer("exit.intr_error_code"), errorLayoutByVector: intelErrorCodeLayout)
        {
            out.append(sentence("The exiting event: \(text).", "SDM Vol. 3 section 28.2.2"))
        }
        if let field = decoded.field("exit.idt_vectoring_info"),
            let text = event(field, errorCode: snapshot.integer("exit.idt_vectoring_error_code"), errorLayoutByVector: intelErrorCodeLayout)
        {
            if let reason = snapshot.integer("exit.reason"), reason >> 31 & 1 == 1 {
                // A failed VM entry interrupts no event delivery: the guest never ran, and the
                // event to inject is still the VM-entry interruption information's.
                out.append(
                    sentence(
                        "IDT-vectoring information holds \(text), but VM entry failed before the guest ran: no delivery of it was interrupted, so the field does not describe this failure.",
                        "SDM Vol. 3 sections 27.8, 28.2.4"))
            } else {
                out.append(
                    sentence(
                        "The VM exit happened while delivering \(text); that event was not delivered and must be injected again.",
                        "SDM Vol. 3 section 28.2.4"))
            }
        }
        if let field = decoded.field("ctrl.entry_intr_info"),
            let text = event(
                field, errorCode: snapshot.integer("ctrl.entry_exception_error_code"), errorLayoutByVector: intelErrorCodeLayout)
        {
            out.append(sentence("VM entry was to inject \(text).", "SDM Vol. 3 section 27.6"))
        }
        if let error = snapshot.integer("exit.instruction_error"), error != 0 {
            let text = IntelVMCSValues.instructionErrors[error] ?? "not a number the SDM lists"
            out.append(sentence("VM-instruction error \(error): \(text).", "SDM Vol. 3 section 31.4"))
        }
        if let rip = snapshot.integer("guest.rip") {
            // The saved RIP is 28.3.3's; the instruction length, when the exit defines one, 28.2.5's.
            var text = "Guest RIP \(ValueText.hex(rip))"
            var reference = "SDM Vol. 3 section 28.3.3"
            if let length = snapshot.integer("exit.instruction_len"), length != 0, instructionLengthDefined(snapshot) {
                text +=
                    "; the exiting instruction is \(length) byte\(length == 1 ? "" : "s") long, so the next one is at \(ValueText.hex(rip &+ length))"
                reference = "SDM Vol. 3 sections 28.3.3, 28.2.5"
            }
            out.append(sentence(text + ".", reference))
        }
        return out
    }

    // MARK: SVM

    static func explainSVM(_ decoded: DecodedSnapshot) -> [Sentence] {
        var out: [Sentence] = []
        let snapshot = decoded.snapshot
        let rawCode = snapshot.integer("control.exit_code")
        let code = rawCode.map(SVMExitCode.normalized)
        if let code, let rawCode {
            let name = ExitNames.svmManualName(code)
            if let description = Explanations.svm(code) {
                // Negative codes are VMRUN failures, not exits of a running guest; they are shown
                // as the signed numbers the APM gives, with the bits as the input held them.
                let negative = code >> 63 == 1
                let shown = negative ? "\(Int64(bitPattern: code))" : ValueText.hex(code)
                let widened = rawCode != code ? "; \(ValueText.hex(rawCode)) sign-extended" : ""
                let lead = negative ? "VMRUN failed with " : "The #VMEXIT was caused by "
                out.append(sentence("\(lead)\(description.text): EXITCODE \(shown) (\(name)\(widened)).", description.reference))
            } else {
                out.append(sentence("EXITCODE \(ValueText.hex(rawCode)) is not one the APM lists.", "APM Vol. 2 Appendix C, Table C-1"))
            }
        }
        for id in ["control.exit_info_1", "control.exit_info_2"] {
            guard let field = decoded.field(id) else { continue }
            let label = id.hasSuffix("1") ? "EXITINFO1" : "EXITINFO2"
            if let layout = field.layout {
                out.append(sentence("\(label) \(ValueText.value(field)): \(describe(field)).", layout.reference))
            } else if let undecided = field.layoutUncertainty {
                out.append(sentence("\(label) \(ValueText.value(field)) (\(undecided)).", "APM Vol. 2 rev 3.42 section 15.7.1"))
            }
        }
        if let field = decoded.field("control.exit_int_info"),
            let text = event(field, errorCode: snapshot.integer("control.exit_int_info_err"), errorLayoutByVector: errorCodeLayout)
        {
            if code == SVMExitCode.invalid {
                // VMRUN refused the state: EXITINTINFO is the EVENTINJ it refused, nothing was delivered.
                out.append(
                    sentence(
                        "EXITINTINFO holds \(text): a copy of the EVENTINJ that VMRUN refused, never delivered.", "APM Vol. 2 section 15.20"
                    ))
            } else {
                out.append(
                    sentence(
                        "The #VMEXIT happened while delivering \(text); that event was not delivered and must be injected again.",
                        "APM Vol. 2 section 15.7.2"))
            }
        }
        if let field = decoded.field("control.event_inj"),
            let text = event(field, errorCode: snapshot.integer("control.event_inj_err"), errorLayoutByVector: errorCodeLayout)
        {
            out.append(sentence("VMRUN was to inject \(text).", "APM Vol. 2 section 15.20"))
        }
        if let rip = snapshot.integer("save.rip") {
            var text = "Guest RIP \(ValueText.hex(rip))"
            if let next = snapshot.integer("control.next_rip"), next != 0 { text += "; next RIP \(ValueText.hex(next))" }
            out.append(sentence(text + ".", "APM Vol. 2 Table B-1 (nRIP), Table B-2"))
        } else if let next = snapshot.integer("control.next_rip"), next != 0 {
            out.append(sentence("Next RIP \(ValueText.hex(next)).", "APM Vol. 2 Table B-1 (nRIP)"))
        }
        return out
    }
}

extension BitKind {
    var isFlag: Bool {
        if case .flag = self { return true }
        return false
    }
}

extension String {
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
