import Foundation

/// Reads Linux KVM's `dump_vmcb()` output (arch/x86/kvm/svm/svm.c) out of a kernel log.
///
/// Every line dump_vmcb prints is a run of `label: value` pairs, in every kernel from 2.6.x to
/// 6.19: `%-20s%016llx` rows in the control area (with no space at all once a label fills the
/// 20 columns, as `allowed_sev_features:`), segment rows `es:   s: 0000 a: 0093 l: ...`
/// and two pairs per row in the save area. So the reader splits lines into pairs and places each
/// label through the catalog, rather than matching each kernel's format strings.
/// Formats differ across versions in ways the reader handles: `intercepts:` is one 64-bit word
/// before 5.11 and two 32-bit words after; `exit_code:` is 32 bits before 6.19 and 64 after;
/// `lbr_ctl:` became `virt_ext:` and then `misc_ctl2:`; `nested_ctl:` became `misc_ctl:`;
/// the header `VMCB %p, last attempted VMRUN on CPU %d` appeared in 5.x and gained the VM type
/// and vCPU id later; older kernels announce a failed VMRUN with `KVM: FAILED VMRUN WITH VMCB:`.
public struct KernelLogReader: Sendable {
    public let name: String
    public let catalog: Catalog

    public init(name: String, catalog: Catalog = .vmcb) {
        self.name = name
        self.catalog = catalog
    }

    /// Labels dump_vmcb prints with %d or %lld: decimal, not hex.
    static let decimalLabels: Set<String> = [
        "pausefiltercount", "pausefilterthreshold", "asid", "tlbctl", "erapctl", "nestedctl", "miscctl",
        "virtext", "lbrctl", "miscctl2", "vmpl", "cpl",
    ]

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
        var stray: [String] = []
        var prefix: String?
        for token in content.split(separator: " ") {
            if let colon = token.firstIndex(of: ":") {
                let head = String(token[token.startIndex..<colon])
                let tail = String(token[token.index(after: colon)...])
                let label = (words + [head]).joined(separator: " ")
                words = []
                if let last = pairs.last, last.values.isEmpty, !last.label.contains(Character(".")) {
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
        stray = words
        return (pairs, stray)
    }

    static func isValueToken(_ token: Substring) -> Bool {
        var body = token
        if body.hasPrefix("-") { body = body.dropFirst() }
        if body.hasPrefix("0x") { body = body.dropFirst(2) }
        return !body.isEmpty && body.allSatisfy(\.isHexDigit)
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
    func classify(_ content: String, insideDump: Bool = false) -> LineKind {
        if content.isEmpty { return .unrelated }
        if content.hasPrefix("VMCB Control Area") { return .controlArea }
        if content.hasPrefix("VMCB State Save Area") { return .saveArea }
        if Text.contains(content, "FAILED VMRUN WITH VMCB") { return .header([("event", "failed VMRUN")]) }
        if let range = Text.find("VMCB ", in: content), Text.contains(content, "last attempted VMRUN on CPU") {
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
        // Every dump row starts with a short label and a colon; most lines of a log do not.
        guard let colon = content.utf8.firstIndex(of: UInt8(ascii: ":")) else { return .unrelated }
        let head = content[content.startIndex..<colon]
        guard head.utf8.count <= 32, head.utf8.filter({ $0 == UInt8(ascii: " ") }).count <= 2 else { return .unrelated }
        if !insideDump {
            let key = FieldName.normalize(head)
            guard Self.segmentNames.contains(key) || key == "intercepts" || placeable(String(head)) else { return .unrelated }
        }
        let (pairs, stray) = Self.pairs(in: content)
        guard !pairs.isEmpty, stray.isEmpty, pairs.allSatisfy({ !$0.values.isEmpty }) else { return .unrelated }
        return .fields(pairs)
    }

    /// True for a `label: value` row with at least one label this reader places.
    func isDumpRow(_ content: String) -> Bool {
        guard case .fields(let pairs) = classify(content) else { return false }
        return pairs.contains { placeable($0.label) }
    }

    func placeable(_ label: String) -> Bool {
        let key = FieldName.normalize(label)
        return key == "intercepts" || fieldID(for: label) != nil
    }

    /// The catalog field a dump_vmcb label names.
    func fieldID(for label: String) -> String? {
        let parts = label.split(separator: ".")
        if parts.count == 2, let part = Self.segmentParts[String(parts[1])] {
            return catalog.lookup("\(parts[0]).\(part)")?.id
        }
        guard let field = catalog.lookup(label), !field.isByteString else { return nil }
        return field.id
    }

    /// Reads every dump in the log, in order.
    public func read(_ text: String) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        // A wrapped tail never starts a dump or an area.
        let lines = LogLine.unwrapped(LogLine.lines(of: text)) { !$0.content.hasPrefix("VMCB ") }
        var dumps = DumpCollector(name: name, structure: "VMCB")
        func begin(at line: LogLine, metadata: [(key: String, value: String)]) {
            var snapshot = Snapshot(
                architecture: .svm, source: name, format: .kvm, location: .line(name, line.number), metadata: metadata)
            if let stamp = line.timestamp { snapshot.metadata.append(("log_time", stamp)) }
            dumps.begin(snapshot)
        }

        var index = 0
        while index < lines.count {
            let line = lines[index]
            var content = line.content
            // A value pushed onto the next line by a mail client or bug tracker.
            while index + 1 < lines.count, endsWithBareLabel(content), startsWithValue(lines[index + 1].content) {
                index += 1
                content += " " + lines[index].content
            }
            index += 1
            switch classify(content, insideDump: dumps.reading) {
            case .header(let metadata):
                if let existing = dumps.current, existing.values.isEmpty {
                    dumps.current?.metadata += metadata
                } else {
                    begin(at: line, metadata: metadata)
                }
            case .controlArea:
                if dumps.current == nil || dumps.current?.values.isEmpty == false { begin(at: line, metadata: []) }
            case .saveArea:
                if dumps.current == nil { begin(at: line, metadata: []) }
            case .fields(let pairs):
                let known = pairs.contains { placeable($0.label) }
                if !known, !dumps.reading { continue }
                let repeats = pairs.contains { pair in fieldID(for: pair.label).map { dumps.current?.values[$0] != nil } ?? false }
                if dumps.current == nil || (dumps.complete && repeats) {
                    // A dump whose first lines were lost: start it here and say so.
                    begin(at: line, metadata: [])
                    dumps.warn(line.number, "dump starts without its 'VMCB Control Area:' line")
                }
                for pair in pairs {
                    if let warning = store(pair, line: line.number, into: &dumps.current) { dumps.warnings.append(warning) }
                }
                dumps.placed(line.number)
                if pairs.contains(where: { FieldName.normalize($0.label) == "excpto" }) {
                    dumps.complete = true
                }
            case .unrelated:
                dumps.stray(line.number, content)
            }
        }
        // SEV-ES rows follow excp_from/excp_to in newer kernels; they are read into the same dump.
        dumps.finish()
        let snapshots = dumps.snapshots
        if snapshots.isEmpty {
            throw InspectError(
                SourceLocation(file: name), "no VMCB or VMCS dump found (expected KVM's dump_vmcb or dump_vmcs lines, or Xen's VMCS dump)")
        }
        let ordered = dumps.warnings.enumerated().sorted { a, b in
            let la: Int = { if case .line(let n) = a.element.location.position { return n } else { return 0 } }()
            let lb: Int = { if case .line(let n) = b.element.location.position { return n } else { return 0 } }()
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
        return (snapshots, ordered)
    }

    func endsWithBareLabel(_ content: String) -> Bool {
        // The last word ends in ':' exactly when the last non-space byte is ':' (asked of every
        // line of a log, so without splitting it into words).
        content.utf8.last(where: { $0 != UInt8(ascii: " ") }) == UInt8(ascii: ":")
    }

    func startsWithValue(_ content: String) -> Bool {
        guard let first = content.split(separator: " ").first else { return false }
        return Self.isValueToken(first) && !first.contains(":")
    }

    /// Stores one pair; returns a warning when the value cannot be read.
    func store(_ pair: Pair, line: Int, into snapshot: inout Snapshot?) -> InputWarning? {
        guard snapshot != nil else { return nil }
        let key = FieldName.normalize(pair.label)
        let decimal = Self.decimalLabels.contains(key)
        func parse(_ token: String) -> UInt64? { decimal ? NumberText.decimal(token) : NumberText.hex(token) }

        if key == "intercepts" {
            // Before Linux 5.11 one u64 (words 3 and 4); since then two u32 words.
            let words = pair.values.compactMap { NumberText.hex($0) }
            guard words.count == pair.values.count, !words.isEmpty else {
                return InputWarning(.line(name, line), "cannot read the value of 'intercepts': '\(pair.values.joined(separator: " "))'")
            }
            if words.count == 1, let word = words.first, pair.values.first.map(NumberText.hexDigitCount) ?? 0 > 8 {
                snapshot?.values["control.intercept_word3"] = .integer(word & 0xffff_ffff)
                snapshot?.values["control.intercept_word4"] = .integer(word >> 32)
            } else {
                for (offset, word) in words.prefix(3).enumerated() {
                    snapshot?.values["control.intercept_word\(offset + 3)"] = .integer(word)
                }
            }
            return nil
        }
        guard let id = fieldID(for: pair.label), let field = catalog.field(id: id) else {
            return InputWarning(.line(name, line), "'\(pair.label)' is not a VMCB field this tool knows; ignored")
        }
        guard pair.values.count == 1, let token = pair.values.first, var value = parse(token) else {
            return InputWarning(.line(name, line), "cannot read the value of '\(pair.label)': '\(pair.values.joined(separator: " "))'")
        }
        if id == "control.exit_code", !decimal, NumberText.hexDigitCount(token) <= 8, field.size == 8 {
            // Kernels before 6.19 print the low 32 bits; the manual's negative codes
            // (VMEXIT_INVALID = -1 …) are 64-bit, so bit 31 is extended.
            if value & 0x8000_0000 != 0 {
                value |= 0xffff_ffff_0000_0000
                snapshot?.notes[id, default: []].append("printed as 32 bits; bits 63:32 taken as copies of bit 31")
            }
        }
        let width = field.size * 8
        if width < 64, value >> UInt64(width) != 0 {
            return InputWarning(.line(name, line), "value \(token) of '\(pair.label)' does not fit its \(width)-bit field")
        }
        snapshot?.values[id] = .integer(value)
        return nil
    }
}
