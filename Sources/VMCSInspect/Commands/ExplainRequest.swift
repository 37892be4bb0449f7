/// One of the numbers `explain vmx` or `explain svm` takes, and the field it gives.
public enum ExitValue: String, Sendable, CaseIterable {
    // VMX (SDM Vol. 3 section 25.9).
    case reason, qualification, intrInfo, errorCode, idtVectoringInfo, idtErrorCode, instructionError, instructionLength,
        instructionInfo, guestLinear, guestPhysical
    // SVM (APM Vol. 2 Table B-1).
    case exitCode, info1, info2, exitIntInfo, exitIntInfoErr, eventInj, eventInjErr, nextRip
    /// Either: the guest RIP.
    case rip

    /// The architecture the value belongs to; nil for one both have (RIP).
    public var architecture: Architecture? {
        switch self {
        case .reason, .qualification, .intrInfo, .errorCode, .idtVectoringInfo, .idtErrorCode, .instructionError, .instructionLength,
            .instructionInfo, .guestLinear, .guestPhysical:
            return .vmx
        case .exitCode, .info1, .info2, .exitIntInfo, .exitIntInfoErr, .eventInj, .eventInjErr, .nextRip:
            return .svm
        case .rip:
            return nil
        }
    }

    /// The catalog field the value is, in an architecture's catalog.
    public func fieldID(_ architecture: Architecture) -> String {
        switch self {
        case .reason: return "exit.reason"
        case .qualification: return "exit.qualification"
        case .intrInfo: return "exit.intr_info"
        case .errorCode: return "exit.intr_error_code"
        case .idtVectoringInfo: return "exit.idt_vectoring_info"
        case .idtErrorCode: return "exit.idt_vectoring_error_code"
        case .instructionError: return "exit.instruction_error"
        case .instructionLength: return "exit.instruction_len"
        case .instructionInfo: return "exit.instruction_info"
        case .guestLinear: return "exit.guest_linear_address"
        case .guestPhysical: return "exit.guest_physical_address"
        case .exitCode: return "control.exit_code"
        case .info1: return "control.exit_info_1"
        case .info2: return "control.exit_info_2"
        case .exitIntInfo: return "control.exit_int_info"
        case .exitIntInfoErr: return "control.exit_int_info_err"
        case .eventInj: return "control.event_inj"
        case .eventInjErr: return "control.event_inj_err"
        case .nextRip: return "control.next_rip"
        case .rip: return architecture == .svm ? "save.rip" : "guest.rip"
        }
    }

    /// How the option is spelled on the command line (`--exit-code`), for messages.
    public var option: String {
        "--"
            + rawValue.reduce(into: "") { out, character in
                if character.isUppercase { out += "-" + character.lowercased() } else { out.append(character) }
            }
    }
}

/// What `vmcs-inspect explain` is asked to do: explain snapshots, or a handful of numbers.
public struct ExplainRequest: Sendable, NamedInputs {
    /// Where the exit comes from.
    public enum Source: Sendable {
        /// Dumps or pages (`FILE`, `FILE@N`, `FILE@0xADDR`), each explained in turn.
        case inputs([String], InputSettings)
        /// Numbers as typed (decimal, `0x` hex, negative decimal; exit reasons and codes also
        /// by name), for one architecture.
        case numbers(Architecture, [ExitValue: String])
    }

    /// What to explain.
    public var source: Source
    /// Names to print for the inputs instead of their paths (tests), by position.
    public var displayNames: [String?]
    /// What is known about the processor, for the rules a recorded failure points to.
    public var profile: CapabilityProfile

    /// A request to explain `source`.
    public init(source: Source, displayNames: [String?] = [], profile: CapabilityProfile = .empty) {
        self.source = source
        self.displayNames = displayNames
        self.profile = profile
    }
}

/// Library entry point of `explain`.
public enum ExplainCommand {
    /// Explains each snapshot of each input (or the numbers) and renders the sentences.
    public static func run(_ request: ExplainRequest, to renderer: any DocumentRenderer) throws -> CommandOutcome {
        var outcome = CommandOutcome()
        switch request.source {
        case .inputs(let inputs, let settings):
            var relay = WarningRelay()
            try InputReference.checkOpenable(inputs, displayName: request.displayName)
            renderer.begin(.explain)
            for (position, text) in inputs.enumerated() {
                let displayName = request.displayName(position)
                var selection = try SnapshotSelection(InputReference.parse(text), settings: settings, displayName: displayName)
                while let snapshot = try selection.next() {
                    let sentences = Explainer.explain(Decoder.decode(snapshot), profile: request.profile)
                    renderer.render(.explanation(ExplanationNode(header: SnapshotHeader(snapshot), sentences: sentences)))
                    relay.relay(selection.reader, to: renderer)
                }
                relay.relay(selection.reader, to: renderer)
            }
            renderer.end()
            outcome.warnings = relay.warnings
        case .numbers(let architecture, let texts):
            if texts[.reason]?.lowercased() == "list" || texts[.exitCode]?.lowercased() == "list" {
                listNames(texts[.reason] != nil ? .vmx : .svm, to: renderer)
                return outcome
            }
            let snapshot = try numbers(architecture, texts)
            // Bare numbers are not a guest state: no consistency rule applies to them.
            let sentences = Explainer.explain(Decoder.decode(snapshot), checkingState: false)
            renderer.begin(.explain)
            renderer.render(.explanation(ExplanationNode(header: nil, sentences: sentences)))
            renderer.end()
        }
        return outcome
    }

    /// The numbers as a snapshot of the fields they are. Exit reasons and exit codes may be
    /// names (`EPT_VIOLATION`, `npf`, `VMEXIT_NPF`, Linux's `EXIT_REASON_…` and `SVM_EXIT_…`);
    /// a 32-bit exit code with bit 31 set is read sign-extended, as in every input
    /// (`SVMExitCode.normalized`, when the decoder reads it).
    public static func numbers(_ architecture: Architecture, _ texts: [ExitValue: String]) throws -> Snapshot {
        var snapshot = Snapshot(architecture: architecture, source: "numbers", format: .fields, location: SourceLocation(file: "numbers"))
        let other = architecture == .vmx ? "svm" : "vmx"
        let wrong = texts.keys.filter { $0.architecture != nil && $0.architecture != architecture }.map(\.option).sorted()
        if !wrong.isEmpty {
            throw InspectError.usage(
                "\(wrong.joined(separator: ", ")) go\(wrong.count == 1 ? "es" : "") with '\(other)', not with '\(architecture.rawValue)'")
        }
        guard !texts.isEmpty else {
            throw InspectError.usage(
                architecture == .vmx
                    ? "give at least one VMX number, such as --reason 0x80000021 or --reason EPT_VIOLATION"
                    : "give at least one SVM number, such as --exit-code 0x400 or --exit-code npf")
        }
        let catalog = Catalog.forArchitecture(architecture)
        for (value, text) in texts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let id = value.fieldID(architecture)
            var number = try number(text, for: value)
            // A field narrower than 64 bits holds no wider value. A negative number is the
            // field's own two's complement (-1 is 0xffffffff for a 32-bit field); the SVM exit
            // code is 64 bits wide, so -1 stays VMEXIT_INVALID.
            if let size = catalog.field(id: id)?.size, size < 8 {
                let bits = UInt64(size * 8)
                let high = number >> bits
                if high != 0, text.hasPrefix("-"), high == UInt64.max >> bits, number >> (bits - 1) & 1 == 1 {
                    number &= (1 << bits) - 1
                } else if high != 0 {
                    // The VMCB's EXITINTINFO and EVENTINJ are 64 bits with the error code on top;
                    // this tool has them as two fields.
                    let split: [ExitValue: ExitValue] = [.exitIntInfo: .exitIntInfoErr, .eventInj: .eventInjErr]
                    throw InspectError.usage(
                        "\(value.option) \(PrintableText.escaped(text)): the field is \(bits) bits wide, and \(ValueText.hex(number)) does not fit"
                            + (split[value].map { " (bits 63:32, the error code, go in \($0.option))" } ?? ""))
                }
            }
            snapshot.values[id] = .integer(number)
        }
        return snapshot
    }

    /// One value: a number, or for exit reasons and codes a name.
    static func number(_ text: String, for value: ExitValue) throws -> UInt64 {
        if let number = NumberText.argument(text) { return number }
        switch value {
        case .reason:
            if let reason = IntelVMCSValues.exitReason(named: text) { return UInt64(reason) }
            throw InspectError.usage(
                "unknown exit reason '\(PrintableText.escaped(text))'" + suggestion(text, in: IntelVMCSValues.basicExitReasons)
                    + ": give a number (48, 0x30) or a name as the SDM, Linux or KVM's traces spell it; "
                    + "'vmcs-inspect explain vmx --reason list' lists them")
        case .exitCode:
            if let code = AMDVMCBValues.exitCode(named: text) { return code }
            throw InspectError.usage(
                "unknown exit code '\(PrintableText.escaped(text))'" + suggestion(text, in: AMDVMCBValues.exitCodes)
                    + ": give a number (0x400, -1) or a name as the APM, Linux or KVM's traces spell it; "
                    + "'vmcs-inspect explain svm --exit-code list' lists them")
        default:
            throw InspectError.usage("\(value.option) takes a number (decimal, 0x hex or negative), not '\(PrintableText.escaped(text))'")
        }
    }

    /// ` (did you mean EPT_VIOLATION?)` for the names that contain what was typed or are at
    /// most two edits from it.
    static func suggestion(_ text: String, in names: ValueNames) -> String {
        let wanted = Array(FieldName.normalize(text).unicodeScalars)
        guard wanted.count >= 3 else { return "" }
        let close = names.entries.sorted { $0.key < $1.key }.map(\.value).filter { name in
            let candidate = Array(FieldName.normalize(name).unicodeScalars)
            return String(String.UnicodeScalarView(candidate)).contains(String(String.UnicodeScalarView(wanted)))
                || editDistance(candidate, wanted, limit: 2) <= 2
        }
        guard !close.isEmpty else { return "" }
        return " (did you mean " + close.prefix(3).joined(separator: ", ") + "?)"
    }

    /// The Levenshtein distance of two short words, or more than `limit` once it is certain to be.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var row = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                row[j + 1] = min(previous[j + 1] + 1, row[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }

    /// Every exit reason (VMX) or exit code (SVM) with its name: what `--reason list` and
    /// `--exit-code list` print.
    public static func exitNames(_ architecture: Architecture) -> ValueListNode {
        switch architecture {
        case .svm:
            // Negative codes once, as the APM gives them, not again as their 32-bit copies.
            let entries = AMDVMCBValues.exitCodes.entries.filter { $0.key < 0x8000_0000 || $0.key >> 32 == 0xffff_ffff }
                .sorted { Int64(bitPattern: $0.key) < Int64(bitPattern: $1.key) }
                .map {
                    (key: $0.key > 0xffff_ffff ? String(Int64(bitPattern: $0.key)) : ValueText.hex($0.key), value: "VMEXIT_" + $0.value)
                }
            return ValueListNode(title: "SVM exit codes (APM Vol. 2 Appendix C)", entries: entries)
        default:
            let entries = IntelVMCSValues.basicExitReasons.entries.sorted { $0.key < $1.key }.map { (key: String($0.key), value: $0.value) }
            return ValueListNode(title: "VMX basic exit reasons (SDM Vol. 3 Appendix C)", entries: entries)
        }
    }

    /// Renders the exit names of an architecture.
    public static func listNames(_ architecture: Architecture, to renderer: any DocumentRenderer) {
        renderer.begin(.explain)
        renderer.render(.valueList(exitNames(architecture)))
        renderer.end()
    }
}

extension NumberText {
    /// A number as users type it on a command line: decimal, `0x` hex, or negative decimal
    /// (SVM's -1) as its 64-bit two's complement; underscores between digits are ignored.
    public static func argument(_ text: String) -> UInt64? {
        let cleaned = String(text.lowercased().filter { $0 != "_" })
        guard !cleaned.isEmpty else { return nil }
        if cleaned.hasPrefix("0x") {
            let digits = cleaned.dropFirst(2)
            guard !digits.isEmpty, digits.utf8.allSatisfy(\.isHexDigit) else { return nil }
            return UInt64(digits, radix: 16)
        }
        if let value = UInt64(cleaned) { return value }
        if let value = Int64(cleaned) { return UInt64(bitPattern: value) }
        return nil
    }
}
