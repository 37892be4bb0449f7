/// Explains an exit in plain sentences, each ending with the manual section it comes from.
/// Everything it says is read from the catalog: exit descriptions, and the titles of the bits
/// the decoder found set.
public enum Explainer {
    /// Sentences about why the vCPU exited, in the order a developer reads them; for a state
    /// VM entry or VMRUN refused, with `checkingState`, the consistency rules it breaks.
    public static func explain(_ decoded: DecodedSnapshot, checkingState: Bool = true) -> [String] {
        let rules = checkingState ? refusedState(decoded) : []
        switch decoded.snapshot.architecture {
        case .vmx: return explainVMX(decoded) + rules
        case .svm: return explainSVM(decoded) + rules
        case .cpu: return []
        }
    }

    /// When VM entry failed on guest state (exit reason 0x80000021) or VMRUN returned
    /// VMEXIT_INVALID, the rules `check` finds broken, which say why.
    static func refusedState(_ decoded: DecodedSnapshot) -> [String] {
        let refused: Bool
        // VM-instruction errors 7 and 8 (invalid control or host-state fields) also refuse the
        // entry, but the field keeps its value until the next failure, so it alone is not
        // reason enough to say that no rule is broken.
        var instructionError = false
        switch decoded.snapshot.architecture {
        case .vmx:
            refused = decoded.snapshot.integer("exit.reason") == 0x8000_0021
            instructionError = [7, 8].contains(decoded.snapshot.integer("exit.instruction_error") ?? 0)
        case .svm:
            refused = decoded.snapshot.integer("control.exit_code") == UInt64.max
        case .cpu:
            refused = false
        }
        guard refused || instructionError else { return [] }
        let report = Checker.run(decoded)
        let errors = report.findings.filter { $0.severity == .error }
        guard !errors.isEmpty else {
            guard refused else { return [] }
            let text =
                "None of the \(report.ran.count) consistency rules `check` could run on this snapshot is broken"
                + (report.skipped.isEmpty ? "" : " (\(report.skipped.count) more need fields it lacks)")
                + "; the failing rule needs what a dump does not show, such as capability MSRs or the physical-address width."
            return [
                sentence(text, decoded.snapshot.architecture == .vmx ? "SDM Vol. 3 (325384-084) section 27.3.1" : APM.consistencyChecks)
            ]
        }
        return errors.map { sentence("The state breaks rule \($0.check): \($0.message).", $0.reference) }
    }

    // MARK: Words

    /// A decoded word in words: set flags and named values by their titles.
    static func describe(_ field: DecodedField) -> String {
        let parts = words(field.bits, unnamed: field.unnamedBits, whole: field.isWholeEnumeration || field.isWholeNumber)
        return parts.isEmpty ? "nothing set" : parts.joined(separator: "; ")
    }

    /// Set flags by title, values as `title: value`.
    static func words(_ bits: [DecodedBit], unnamed: UInt64, whole: Bool) -> [String] {
        var parts: [String] = []
        for bit in bits {
            let title = bit.definition.title
            switch bit.definition.kind {
            case .flag:
                if bit.isSet { parts.append(title) }
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

    static func sentence(_ text: String, _ reference: String) -> String {
        "\(text) [\(reference)]"
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

    static func errorCodeLayout(_ vector: UInt64) -> BitLayout? {
        switch vector {
        case 14: return Registers.pageFaultErrorCode
        case 10, 11, 12, 13: return Registers.selectorErrorCode
        default: return nil
        }
    }

    // MARK: VMX

    static let exitReference = "SDM Vol. 3 section 28.2.1"

    static func explainVMX(_ decoded: DecodedSnapshot) -> [String] {
        var out: [String] = []
        let snapshot = decoded.snapshot
        if let reason = snapshot.integer("exit.reason") {
            let basic = reason & 0xffff
            let name = IntelVMCSValues.basicExitReasons[basic] ?? "unknown"
            let description = Explanations.vmx[basic]
            if reason >> 31 & 1 == 1 {
                let cause = description?.text ?? "basic reason \(basic)"
                out.append(
                    sentence(
                        "VM entry failed with \(cause); exit reason \(ValueText.hex(reason)) is basic reason \(basic) (\(name)) with bit 31 set, and the guest did not run.",
                        description?.reference ?? "SDM Vol. 3 section 27.8"))
            } else if let description {
                out.append(
                    sentence("The VM exit was caused by \(description.text): basic exit reason \(basic) (\(name)).", description.reference))
            } else {
                out.append(sentence("Basic exit reason \(basic) is not one the SDM lists.", "SDM Vol. 3 Appendix C"))
            }
            if let field = decoded.field("exit.reason") {
                let flags = field.bits.filter { $0.definition.kind.isFlag && $0.isSet && $0.definition.id != "entry_failure" }.map(
                    \.definition.title)
                if !flags.isEmpty {
                    out.append(sentence("The exit reason also says: " + flags.joined(separator: "; ") + ".", "SDM Vol. 3 section 25.9.1"))
                }
            }
        }
        if let field = decoded.field("exit.qualification"), let layout = field.layout {
            out.append(sentence("Exit qualification \(ValueText.value(field)): \(describe(field)).", layout.reference))
        } else if let field = decoded.field("exit.qualification"), field.integer != 0 {
            out.append(sentence("Exit qualification \(ValueText.value(field)) (this exit reason defines no layout for it).", exitReference))
        }
        if let field = decoded.field("exit.instruction_info"), let layout = field.layout {
            out.append(sentence("Instruction information \(ValueText.value(field)): \(describe(field)).", layout.reference))
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
            let text = event(field, errorCode: snapshot.integer("exit.intr_error_code"), errorLayoutByVector: errorCodeLayout)
        {
            out.append(sentence("The exiting event: \(text).", "SDM Vol. 3 section 28.2.2"))
        }
        if let field = decoded.field("exit.idt_vectoring_info"),
            let text = event(field, errorCode: snapshot.integer("exit.idt_vectoring_error_code"), errorLayoutByVector: errorCodeLayout)
        {
            out.append(
                sentence(
                    "The VM exit happened while delivering \(text); that event was not delivered and must be injected again.",
                    "SDM Vol. 3 section 28.2.4"))
        }
        if let field = decoded.field("ctrl.entry_intr_info"),
            let text = event(field, errorCode: snapshot.integer("ctrl.entry_exception_error_code"), errorLayoutByVector: errorCodeLayout)
        {
            out.append(sentence("VM entry was to inject \(text).", "SDM Vol. 3 section 27.6"))
        }
        if let error = snapshot.integer("exit.instruction_error"), error != 0 {
            let text = IntelVMCSValues.instructionErrors[error] ?? "not a number the SDM lists"
            out.append(sentence("VM-instruction error \(error): \(text).", "SDM Vol. 3 section 31.4"))
        }
        if let rip = snapshot.integer("guest.rip") {
            var text = "Guest RIP \(ValueText.hex(rip))"
            if let length = snapshot.integer("exit.instruction_len"), length != 0, let reason, reason != 48, reason != 49 {
                text +=
                    "; the exiting instruction is \(length) byte\(length == 1 ? "" : "s") long, so the next one is at \(ValueText.hex(rip &+ length))"
            }
            out.append(sentence(text + ".", "SDM Vol. 3 section 28.2.5"))
        }
        return out
    }

    // MARK: SVM

    static func explainSVM(_ decoded: DecodedSnapshot) -> [String] {
        var out: [String] = []
        let snapshot = decoded.snapshot
        if let code = snapshot.integer("control.exit_code") {
            let name = AMDVMCBValues.exitCodes[code].map { "VMEXIT_\($0.split(separator: " ").first ?? "")" } ?? "unknown"
            let shown = code > 0xffff_ffff ? "\(Int64(bitPattern: code))" : ValueText.hex(code)
            if let description = Explanations.svm(code) {
                // Negative codes are VMRUN failures, not exits of a running guest.
                let lead = code > 0xffff_ffff ? "VMRUN failed with " : "The #VMEXIT was caused by "
                out.append(sentence("\(lead)\(description.text): EXITCODE \(shown) (\(name)).", description.reference))
            } else {
                out.append(sentence("EXITCODE \(shown) is not one the APM lists.", "APM Vol. 2 Appendix C, Table C-1"))
            }
        }
        for id in ["control.exit_info_1", "control.exit_info_2"] {
            guard let field = decoded.field(id) else { continue }
            let label = id.hasSuffix("1") ? "EXITINFO1" : "EXITINFO2"
            if let layout = field.layout {
                out.append(sentence("\(label) \(ValueText.value(field)): \(describe(field)).", layout.reference))
            }
        }
        if let field = decoded.field("control.exit_int_info"),
            let text = event(field, errorCode: snapshot.integer("control.exit_int_info_err"), errorLayoutByVector: errorCodeLayout)
        {
            out.append(
                sentence(
                    "The #VMEXIT happened while delivering \(text); that event was not delivered and must be injected again.",
                    "APM Vol. 2 section 15.7.2"))
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
