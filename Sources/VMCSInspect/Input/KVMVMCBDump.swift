extension InputFormat {
    /// Linux KVM's `dump_vmcb()` and `dump_vmcs()` in a kernel log.
    public static let kvm = InputFormat(
        "kvm", title: "KVM dump_vmcb or dump_vmcs", example: "[ 8812.402199] kvm_amd: exit_code:          00000400", isLog: true)
}

/// Linux KVM's `dump_vmcb()` (arch/x86/kvm/svm/svm.c) in a kernel log.
///
/// Every line dump_vmcb prints is a run of `label: value` pairs, in every kernel from 2.6.x to
/// 6.19: `%-20s%016llx` rows in the control area (with no space at all once a label fills the
/// 20 columns, as `allowed_sev_features:`), segment rows `es:   s: 0000 a: 0093 l: ...`
/// and two pairs per row in the save area. So lines are split into pairs and each label is
/// placed through the catalog, rather than matching each kernel's format strings.
/// Formats differ across versions in ways this handles: `intercepts:` is one 64-bit word
/// before 5.11 and two 32-bit words after; `exit_code:` is 32 bits before 6.19 and 64 after;
/// `lbr_ctl:` became `virt_ext:` and then `misc_ctl2:`; `nested_ctl:` became `misc_ctl:`;
/// the header `VMCB %p, last attempted VMRUN on CPU %d` appeared in 5.x and gained the VM type
/// and vCPU id later; older kernels announce a failed VMRUN with `KVM: FAILED VMRUN WITH VMCB:`.
struct KVMVMCBDump: LogDumpKind {
    var format: InputFormat { .kvm }
    var markers: [String] { ["VMCB"] }

    func score(_ head: HeadSample) -> Score {
        var rows = 0
        for line in head.nonEmpty {
            let content = line.content
            if content.hasPrefix("VMCB Control Area") || ByteSearch.contains(content, "last attempted VMRUN on CPU")
                || ByteSearch.contains(content, "FAILED VMRUN WITH VMCB")
            {
                return Score(100, "'\(content.prefix(40))' on line \(line.number)")
            }
            // Rows hold a colon, but for SEV-ES's `label value`, whose bytes are all a label's
            // or a number's: a line with neither is no row.
            if content.utf8.contains(UInt8(ascii: ":")) || content.utf8.allSatisfy(Self.mayBeColonlessRow),
                case .fields(let pairs) = Self.classify(content, insideDump: false),
                pairs.contains(where: { Self.fieldID(for: $0.label) != nil })
            {
                rows += 1
                if rows >= 3 { return Score(70, "dump_vmcb rows such as '\(content.prefix(30))' (line \(line.number))") }
            }
        }
        return .none
    }

    func begin(_ line: LogLine, context: ReaderContext, after previous: Snapshot?) -> (any DumpBuilder)? {
        switch Self.classify(line.content, insideDump: false) {
        case .header(let metadata):
            return KVMVMCBBuilder(context: context, line: line, metadata: metadata)
        case .controlArea, .saveArea:
            return KVMVMCBBuilder(context: context, line: line, metadata: [])
        default:
            return nil
        }
    }

    /// A row met with no dump open starts one only when it is unmistakably dump_vmcb's: a
    /// control-area label (`cr_read:`, `exit_code:`), or a segment row of its four parts. Save-area
    /// registers (`rax:`, `rip:`) are also what other programs print (Xen's register dump).
    func beginHeadless(_ line: LogLine, context: ReaderContext) -> (any DumpBuilder)? {
        // Rows start with a lower-case label: most lines fail on their first byte.
        guard let first = line.content.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
            case .fields(let pairs) = Self.classify(line.content, insideDump: false)
        else { return nil }
        let control = pairs.contains {
            Self.fieldID(for: $0.label)?.hasPrefix("control.") == true || FieldName.normalize($0.label) == "intercepts"
        }
        let segmentRow =
            pairs.count == 4 && Set(pairs.compactMap { $0.label.split(separator: ".").last.map(String.init) }) == ["s", "a", "l", "b"]
        guard control || segmentRow else { return nil }
        let builder = KVMVMCBBuilder(context: context, line: line, metadata: [])
        builder.headless = true
        // The row that opens the dump is its first: read it now, its warnings said with the
        // next line the dump is given (the log reader passes the opening line on no further).
        var output = ReaderOutput()
        _ = builder.consume(line, into: &output)
        builder.deferred = output.warnings
        return builder
    }

    /// Labels dump_vmcb prints with %d or %lld: decimal, not hex.
    static let decimalLabels: Set<String> = [
        "pausefiltercount", "pausefilterthreshold", "asid", "tlbctl", "erapctl", "nestedctl", "miscctl",
        "virtext", "lbrctl", "miscctl2", "vmpl", "cpl",
    ]

    /// A value as dump_vmcb prints the row labelled `label`: decimal for `decimalLabels`,
    /// bare hex otherwise.
    static func value(_ token: String, label: String) -> UInt64? {
        decimalLabels.contains(FieldName.normalize(label)) ? NumberText.decimal(token) : NumberText.hex(token)
    }

    /// The rows that start with a segment name (`es:   s: 0000 a: …`).
    static let segmentNames: Set<String> = ["es", "cs", "ss", "ds", "fs", "gs", "gdtr", "ldtr", "idtr", "tr"]

    /// Sub-labels of a segment row.
    static let segmentParts = ["s": "selector", "a": "attrib", "l": "limit", "b": "base"]

    /// A label and the value tokens that follow it.
    struct Pair {
        var label: String
        var values: [String]
    }

    /// Splits `label: value label2: value2` into pairs; `es: s: 0000` gives `es.s`.
    static func pairs(in content: String) -> (pairs: [Pair], stray: [String]) {
        var pairs: [Pair] = []
        var words: [String] = []
        var prefix: String?
        for token in content.split(separator: " ") {
            if let colon = token.firstIndex(of: ":") {
                let head = String(token[token.startIndex..<colon])
                let tail = String(token[token.index(after: colon)...])
                let label = (words + [head]).joined(separator: " ")
                words = []
                // dump_vmcb's prefixes are a few letters (`es:`): a longer valueless label is
                // none, or it would be joined to every label after it.
                if let last = pairs.last, last.values.isEmpty, !last.label.contains(Character(".")), last.label.utf8.count <= 48 {
                    // A label with no value before another label is a row prefix (`es:`).
                    prefix = pairs.removeLast().label
                }
                let full = prefix.map { "\($0).\(label)" } ?? label
                pairs.append(Pair(label: full, values: tail.isEmpty ? [] : [tail]))
            } else if let last = pairs.indices.last, isValueToken(token), words.isEmpty {
                pairs[last].values.append(String(token))
            } else {
                words.append(String(token))
            }
        }
        return (pairs, words)
    }

    static func isValueToken(_ token: Substring) -> Bool {
        var body = token
        if body.hasPrefix("-") { body = body.dropFirst() }
        if body.hasPrefix("0x") { body = body.dropFirst(2) }
        return !body.isEmpty && body.utf8.allSatisfy(\.isHexDigit)
    }

    /// What a line is to the reader.
    enum LineKind {
        case header([(key: String, value: String)])
        case controlArea
        case saveArea
        case fields([Pair])
        case unrelated
    }

    /// `insideDump`: a dump is being read, so a row with an unknown label is still a row (and
    /// gets a precise warning); outside one, only rows that start with a known label count.
    static func classify(_ content: String, insideDump: Bool) -> LineKind {
        if content.isEmpty { return .unrelated }
        if content.hasPrefix("VMCB Control Area") { return .controlArea }
        if content.hasPrefix("VMCB State Save Area") { return .saveArea }
        if ByteSearch.contains(content, "FAILED VMRUN WITH VMCB") { return .header([("event", "failed VMRUN")]) }
        if let range = ByteSearch.find("VMCB ", in: content), ByteSearch.contains(content, "last attempted VMRUN on CPU") {
            var metadata: [(key: String, value: String)] = []
            let before = content[content.startIndex..<range.lowerBound].split(separator: " ")
            if let vcpu = before.last, vcpu.hasPrefix("vCPU") {
                metadata.append(("vcpu", String(vcpu.dropFirst(4))))
                if before.count > 1 { metadata.append(("vm_type", before.dropLast().joined(separator: " "))) }
            }
            let after = content[range.upperBound...]
            if let address = after.split(separator: ",").first {
                metadata.append(("vmcb", String(address.trimmingSpaces())))
            }
            if let cpu = content.split(separator: " ").last {
                metadata.append(("last_vmrun_cpu", String(cpu)))
            }
            return .header(metadata)
        }
        // SEV-ES dumps print one row without a colon: `sev_features    0000000000000081`.
        let words = content.split(separator: " ")
        if words.count == 2, let label = words.first, let value = words.last, !label.contains(":"), isDumpLabel(label),
            isValueToken(value), placeable(String(label))
        {
            return .fields([Pair(label: String(label), values: [String(value)])])
        }
        // Every dump row starts with a short label and a colon; most lines of a log do not.
        guard let colon = content.utf8.firstIndex(of: UInt8(ascii: ":")) else { return .unrelated }
        let head = content[content.startIndex..<colon]
        // The label test below is made here on the text before the colon too (every label of
        // the line holds it), so a line such as dump_vmcs's `CR0: actual=…` is turned away
        // before its label is looked up in the VMCB catalog. An empty head is left to the
        // tests below, as before (inside a dump, `: rip: …` still reads as the row `rip`).
        guard head.utf8.count <= 32, head.utf8.filter({ $0 == UInt8(ascii: " ") }).count <= 2, head.isEmpty || isDumpLabel(head) else {
            return .unrelated
        }
        if !insideDump {
            let key = FieldName.normalize(head)
            guard segmentNames.contains(key) || key == "intercepts" || placeable(String(head)) else { return .unrelated }
        }
        let (pairs, stray) = pairs(in: content)
        guard !pairs.isEmpty, stray.isEmpty, pairs.allSatisfy({ !$0.values.isEmpty }) else { return .unrelated }
        // dump_vmcb's labels are lower case and its values bare hex or decimal: an oops's
        // `RAX: 0000…`, or prose such as `CR0: 0x80050033`, is no row of it.
        guard pairs.allSatisfy({ isDumpLabel(Substring($0.label)) && !$0.values.contains { $0.hasPrefix("0x") } }) else {
            return .unrelated
        }
        return .fields(pairs)
    }

    /// A byte of a `label value` row (`isDumpLabel`, `isValueToken`): a-z, 0-9, `_`, `.`, a
    /// space, `-`, A-F.
    static func mayBeColonlessRow(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7a) || byte.isDigit || byte == 0x5f || byte == 0x2e || byte == 0x20 || byte == 0x2d || (byte >= 0x41 && byte <= 0x46)
    }

    /// A label as dump_vmcb prints them: lower-case letters, digits, `_`, spaces and the `.` of
    /// a segment row's part.
    static func isDumpLabel(_ label: Substring) -> Bool {
        !label.isEmpty && label.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || $0.isDigit || $0 == 0x5f || $0 == 0x20 || $0 == 0x2e }
    }

    static func placeable(_ label: String) -> Bool {
        FieldName.normalize(label) == "intercepts" || fieldID(for: label) != nil
    }

    /// The catalog field a dump_vmcb label names.
    static func fieldID(for label: String) -> String? {
        let parts = label.split(separator: ".")
        if parts.count == 2, let part = segmentParts[String(parts[1])] {
            return Catalog.vmcb.lookup("\(parts[0]).\(part)")?.id
        }
        guard let field = Catalog.vmcb.lookup(label), !field.isByteString else { return nil }
        return field.id
    }
}

/// One `dump_vmcb()` being read.
final class KVMVMCBBuilder: DumpBuilder {
    let context: ReaderContext
    private(set) var snapshot: Snapshot
    private(set) var isComplete = false
    /// True when the dump's first lines were lost (it starts at a row).
    var headless = false
    /// Warnings about the opening row, said when the dump is next given a line or finishes.
    var deferred: [InputWarning] = []
    private var warnedHeadless = false
    private var lastPlaced = 0
    /// The line each field's value came from.
    private var placedAt: [String: Int] = [:]

    init(context: ReaderContext, line: LogLine, metadata: [(key: String, value: String)]) {
        self.context = context
        snapshot = Snapshot(
            architecture: .svm, source: context.name, format: .kvm, producer: "KVM dump_vmcb",
            location: context.location(line.number), metadata: metadata)
        if let stamp = line.timestamp { snapshot.metadata.append(("log_time", stamp)) }
        recordFailure(metadata, line: line)
    }

    /// Linux prints `KVM: FAILED VMRUN WITH VMCB:` (until the dump_invalid_vmcb parameter took
    /// its place in 2019) only when EXITCODE is SVM_EXIT_ERR (-1, VMEXIT_INVALID; handle_exit() in
    /// arch/x86/kvm/svm.c): the banner records the failure, even when the author cut the
    /// `exit_code:` row out of the paste.
    func recordFailure(_ metadata: [(key: String, value: String)], line: LogLine) {
        guard metadata.contains(where: { $0.key == "event" && $0.value == "failed VMRUN" }) else { return }
        snapshot.failures.append(
            RecordedFailure(kind: .svmExitCode(SVMExitCode.invalid), text: String(line.content), location: context.location(line.number)))
    }

    func consume(_ line: LogLine, into output: inout ReaderOutput) -> DumpLine {
        if !deferred.isEmpty {
            output.warnings += deferred
            deferred = []
        }
        let content = line.content
        switch KVMVMCBDump.classify(content, insideDump: true) {
        case .header(let metadata):
            // A second header, even before any value: another dump began (an empty one is dropped).
            guard snapshot.values.isEmpty, !snapshot.metadata.contains(where: { $0.key == "vmcb" }) else { return .startsAnother }
            snapshot.metadata.insert(contentsOf: metadata, at: 0)
            recordFailure(metadata, line: line)
            return .recognized
        case .controlArea:
            return snapshot.values.isEmpty ? .recognized : .startsAnother
        case .saveArea:
            return .recognized
        case .fields(let pairs):
            let known = pairs.contains { KVMVMCBDump.placeable($0.label) }
            if !known, snapshot.values.isEmpty { return .notMine }
            // A field seen again starts the next dump, but for the registers a decrypted SEV-ES
            // save area prints a second time with the same value (`rax`, `rsp`).
            let repeats = pairs.filter { pair in KVMVMCBDump.fieldID(for: pair.label).map { snapshot.values[$0] != nil } ?? false }
            if !repeats.isEmpty {
                // dump_vmcb prints each field once: one printed again with another value before
                // the dump's last row is another dump's, printed among this one's lines.
                if !isComplete, !headless, let again = repetition(repeats) { return .interleaves(again) }
                let same = repeats.allSatisfy { pair in
                    guard let id = KVMVMCBDump.fieldID(for: pair.label), let token = pair.values.first else { return false }
                    return pair.values.count == 1 && snapshot.values[id] == .integer(NumberText.hex(token) ?? .max)
                }
                if !(isComplete && same) { return .startsAnother }
            }
            if headless, !warnedHeadless {
                warnedHeadless = true
                output.warn(context.location(line.number), "dump starts without its 'VMCB Control Area:' line")
            }
            for pair in pairs {
                if let warning = store(pair, line: line.number) { output.warnings.append(warning) }
            }
            if pairs.contains(where: { FieldName.normalize($0.label) == "excpto" }) { isComplete = true }
            lastPlaced = line.number
            return .placed
        case .unrelated:
            return .notMine
        }
    }

    /// A tail starts with a value (a wrap after a label or inside a row) or with a row's label.
    func continues(_ previous: LogLine, with next: LogLine) -> Bool {
        let content = next.content
        if content.hasPrefix("VMCB ") { return false }
        guard let first = content.split(separator: " ").first else { return false }
        if KVMVMCBDump.isValueToken(first) { return true }
        if let colon = first.firstIndex(of: ":") { return KVMVMCBDump.placeable(String(first[first.startIndex..<colon])) }
        return false
    }

    func finish(into output: inout ReaderOutput) -> Snapshot? {
        output.warnings += deferred
        deferred = []
        guard !snapshot.values.isEmpty else { return nil }
        if !isComplete {
            output.warn(
                context.location(lastPlaced),
                "this VMCB dump ends early after this line: \(snapshot.values.count) fields read, the rest are absent")
        }
        return snapshot
    }

    /// Stores one pair; returns a warning when the value cannot be read.
    /// What `pairs` (fields this dump already holds) repeat, in words: the first one printed
    /// with another value, else the first one.
    func repetition(_ pairs: [KVMVMCBDump.Pair]) -> String? {
        var first: String?
        for pair in pairs {
            guard let id = KVMVMCBDump.fieldID(for: pair.label), let held = snapshot.values[id]?.integer else { continue }
            let line = placedAt[id].map { " (first at line \($0))" } ?? ""
            // (An exit code printed as 32 bits is held sign-extended.)
            if pair.values.count == 1, let token = pair.values.first, let value = KVMVMCBDump.value(token, label: pair.label),
                value != held, value != held & 0xffff_ffff
            {
                return "\(pair.label) is printed again as \(token) after 0x\(String(held, radix: 16))\(line)"
            }
            if first == nil { first = "\(pair.label) is printed again\(line) before the dump's last row" }
        }
        return first
    }

    func store(_ pair: KVMVMCBDump.Pair, line: Int) -> InputWarning? {
        let key = FieldName.normalize(pair.label)
        let decimal = KVMVMCBDump.decimalLabels.contains(key)
        func parse(_ token: String) -> UInt64? { KVMVMCBDump.value(token, label: pair.label) }

        if key == "intercepts" {
            // Before Linux 5.11 one u64 (words 3 and 4); since then two u32 words.
            let words = pair.values.compactMap { NumberText.hex($0) }
            guard words.count == pair.values.count, !words.isEmpty else {
                return InputWarning(
                    context.location(line), "cannot read the value of 'intercepts': '\(pair.values.joined(separator: " "))'")
            }
            if words.count == 1, let word = words.first, pair.values.first.map(NumberText.hexDigitCount) ?? 0 > 8 {
                snapshot.values["control.intercept_word3"] = .integer(word & 0xffff_ffff)
                snapshot.values["control.intercept_word4"] = .integer(word >> 32)
            } else {
                for (offset, word) in words.prefix(3).enumerated() {
                    snapshot.values["control.intercept_word\(offset + 3)"] = .integer(word)
                }
            }
            return nil
        }
        guard let id = KVMVMCBDump.fieldID(for: pair.label), let field = Catalog.vmcb.field(id: id) else {
            return InputWarning(context.location(line), "'\(pair.label)' is not a VMCB field this tool knows; ignored")
        }
        guard pair.values.count == 1, let token = pair.values.first, var value = parse(token) else {
            return InputWarning(context.location(line), "cannot read the value of '\(pair.label)': '\(pair.values.joined(separator: " "))'")
        }
        if id == "control.exit_code", !decimal, NumberText.hexDigitCount(token) <= 8, field.size == 8 {
            // Kernels before 6.19 print the low 32 bits; the manual's negative codes
            // (VMEXIT_INVALID = -1 …) are 64-bit, so bit 31 is extended.
            if value & 0x8000_0000 != 0 {
                value |= 0xffff_ffff_0000_0000
                snapshot.notes[id, default: []].append("printed as 32 bits; bits 63:32 taken as copies of bit 31")
            }
        }
        let width = field.size * 8
        if width < 64, value >> UInt64(width) != 0 {
            return InputWarning(context.location(line), "value \(token) of '\(pair.label)' does not fit its \(width)-bit field")
        }
        snapshot.values[id] = .integer(value)
        placedAt[id] = line
        return nil
    }
}
