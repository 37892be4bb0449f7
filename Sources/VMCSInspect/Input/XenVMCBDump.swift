/// Xen's VMCB dump, `svm_vmcb_dump()` (`svm_dump_vmcb()` in 4.0 and 4.1), as `xl dmesg` or the
/// serial console shows it: printed when VMRUN fails (`svm_vmexit_handler` on VMEXIT_INVALID,
/// after the debug-build line `%s:%d:%pv invalid VMCB state:`) and by the `v` debug key
/// (`key_handler`, under `>>> Domain %d <<<` and `VCPU %d`, which the VMCS dump's reader takes
/// as header lines; their domain and vCPU come along).
///
/// The text, by version (xen/arch/x86/hvm/svm/vmcb.c in 4.0, 4.1 and 4.22; svmdebug.c between):
/// `Dumping guest's current state at %s...`, `Size of VMCB = %zu, paddr = …, vaddr = %p`, then
/// rows of `label = value` pairs (`cr_intercepts = %#x dr_intercepts = %#x
/// exception_intercepts = %#x`, … `KernGSBase = 0x%016"PRIx64" PAT = 0x%016"PRIx64"`,
/// `H_CR3 = 0x%016"PRIx64" CleanBits = %#x`), `event_inj %016"PRIx64", valid? %d, ec? %d, type
/// %u, vector %#x`, and the segments, `%s: %04x %04x %08x %016"PRIx64"` under
/// `       sel attr  limit   base` since 4.9, `%s: sel=0x%04x, attr=0x%04x, limit=0x%08x,
/// base=0x%016llx` before. Labels changed: `interrupt_shadow` → `int_stat`, `eventinj` →
/// `event_inj`, `exitintinfo` → `exit_int_info`, `np_enable … guest_asid` → `np_ctrl …
/// guest_asid` (4.14) → `asid = %#x np_ctrl = %#"PRIx64":%s%s%s` (4.19, with ` NP`, ` SEV`,
/// ` SEV_ES`); 4.8 added the event-injection row, 4.11 `virtual vmload/vmsave = %d, virt_ext =
/// %#"PRIx64"`, 4.16 `SSP = … S_CET = … ISST = …`. Numbers are hex with or without `0x` (`%#x`
/// prints a bare `0` for zero; 4.3 to 4.9 print `np_enable` with `%Lx`, no `0x`); `Size of
/// VMCB`, `cpl` and the decoded event-injection parts are decimal. Xen's words pack several VMCB
/// fields: `cr_intercepts` is the CR read (15:0) and write (31:16) intercepts, `vintr` is
/// V_INTR control (31:0) and vector (39:32), `event_inj` and `exit_int_info` carry their error
/// code in bits 63:32.
struct XenVMCBDump: LogDumpKind {
    var format: InputFormat { .xen }
    var markers: [String] { ["Dumping guest's current state", "invalid VMCB state"] }

    func score(_ head: HeadSample) -> Score {
        for line in head.nonEmpty {
            let content = line.content
            if content.hasPrefix("Dumping guest's current state at ") || content.hasPrefix("Size of VMCB = ")
                || content.hasSuffix(" invalid VMCB state:")
            {
                return Score(100, "'\(content.prefix(40))' on line \(line.number)")
            }
        }
        return .none
    }

    func begin(_ line: LogLine, context: ReaderContext, after previous: Snapshot?) -> (any DumpBuilder)? {
        let content = line.content
        let kind = Self.classify(content)
        switch kind {
        case .invalidState, .dumping:
            // The debug key's `>>> Domain 1 <<<` and `VCPU 0` lines were read as a VMCS dump's
            // header, which ends at this line; a domain named before holds for its vCPUs.
            var carried: [(key: String, value: String)] = []
            if let previous, previous.values.isEmpty || previous.format == .xen {
                carried = previous.metadata.filter { $0.key == "domain" || ($0.key == "vcpu" && previous.values.isEmpty) }
            }
            let builder = XenVMCBBuilder(context: context, line: line, metadata: carried)
            _ = builder.read(kind, line: line)
            return builder
        default:
            return nil
        }
    }

    /// One line of the dump.
    enum Line {
        /// `svm.c:2619:d1v0 invalid VMCB state:` (debug builds): the domain and the vCPU.
        case invalidState([(key: String, value: String)])
        /// `Dumping guest's current state at svm_vmexit_handler...`.
        case dumping(String)
        case pairs([(label: String, value: String)], leftover: String)
        /// `event_inj 0000000000000000, valid? 0, ec? 0, type 0, vector 0`.
        case eventInjection(value: String, decoded: [(label: String, value: String)])
        /// `       sel attr  limit   base`.
        case tableHeading
        /// `  CS: 0010 029b ffffffff 0000000000000000`, or before 4.9 `CS: sel=0x0010, attr=…`.
        case segment(String, [String])
        case unrelated
    }

    static let segmentNames: Set<String> = ["cs", "ds", "ss", "es", "fs", "gs", "gdtr", "ldtr", "idtr", "tr"]

    static func classify(_ content: String) -> Line {
        if content.isEmpty { return .unrelated }
        if content.hasPrefix("Dumping guest's current state at ") {
            var from = content.dropFirst(33)
            from = from.droppingLast { $0 == "." }
            return .dumping(String(from))
        }
        if content.hasSuffix(" invalid VMCB state:") {
            // `%s:%d:%pv invalid VMCB state:` — the file, the line, then `d1v0`.
            let head = content.dropLast(20)
            var metadata: [(key: String, value: String)] = []
            if let vcpu = head.split(separator: ":").last, vcpu.hasPrefix("d") {
                let parts = vcpu.dropFirst().split(separator: "v")
                if parts.count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) {
                    metadata = [("domain", String(parts[0])), ("vcpu", String(parts[1]))]
                }
            }
            return .invalidState(metadata)
        }
        if content == "sel attr  limit   base" || content.hasPrefix("sel attr ") { return .tableHeading }
        if content.hasPrefix("event_inj ") || content.hasPrefix("eventinj ") {
            let parts = content.split(separator: ",")
            guard let first = parts.first, let value = first.split(separator: " ").last else { return .unrelated }
            let decoded = parts.dropFirst().compactMap { part -> (label: String, value: String)? in
                let words = part.split(separator: " ")
                guard words.count == 2, let label = words.first, let value = words.last else { return nil }
                return (String(label), String(value))
            }
            return .eventInjection(value: String(value), decoded: decoded)
        }
        if let colon = content.firstIndex(of: ":") {
            let name = content[content.startIndex..<colon].lowercased()
            if segmentNames.contains(name) {
                let rest = content[content.index(after: colon)...]
                if rest.contains("=") {
                    let found = pairs(rest)
                    let parts = ["sel", "attr", "limit", "base"].compactMap { part in found.pairs.first { $0.label == part }?.value }
                    return .segment(name, found.pairs.count == 4 ? parts : found.pairs.map(\.value))
                }
                return .segment(name, rest.split(separator: " ").map(String.init))
            }
        }
        guard content.contains("=") else { return .unrelated }
        let found = pairs(Substring(content))
        return found.pairs.isEmpty ? .unrelated : .pairs(found.pairs, leftover: found.leftover)
    }

    /// `label = value` pairs, several to a line, separated by spaces or commas; the words left
    /// over after the last value (np_ctrl's ` NP SEV`).
    static func pairs(_ text: Substring) -> (pairs: [(label: String, value: String)], leftover: String) {
        var result: [(label: String, value: String)] = []
        var rest = text
        while let equals = rest.firstIndex(of: "=") {
            var label = rest[rest.startIndex..<equals]
            while let first = label.first, first == " " || first == "," { label = label.dropFirst() }
            label = label.droppingLast { $0 == " " }
            let after = rest[rest.index(after: equals)...].trimmingLeadingSpaces()
            var value = after.prefix { $0 != " " && $0 != "," }
            rest = after.dropFirst(value.count)
            // `np_ctrl = 0x1: NP`: the value, then the names of its set bits.
            if value.last == ":" { value = value.dropLast() }
            result.append((String(label), String(value)))
        }
        let leftover = rest.trimmingSpaces().trimmingCharacters(",")
        return (result, String(leftover))
    }

    /// How a label's value is placed: the fields it fills, low part first, each `width` bits.
    struct Rule {
        let ids: [String]
        let width: Int
        let decimal: Bool

        init(_ ids: [String], width: Int = 64, decimal: Bool = false) {
            self.ids = ids
            self.width = width
            self.decimal = decimal
        }
    }

    /// Labels (normalized) → VMCB fields, every version's spelling.
    static let rules: [String: Rule] = [
        "crintercepts": Rule(["control.cr_read", "control.cr_write"], width: 16),
        "drintercepts": Rule(["control.dr_read", "control.dr_write"], width: 16),
        "exceptionintercepts": Rule(["control.exceptions"]),
        "general1intercepts": Rule(["control.intercept_word3"]), "general2intercepts": Rule(["control.intercept_word4"]),
        "iopmbasepa": Rule(["control.iopm_base_pa"]), "msrpmbasepa": Rule(["control.msrpm_base_pa"]),
        "tscoffset": Rule(["control.tsc_offset"]), "tlbcontrol": Rule(["control.tlb_ctl"]),
        "vintr": Rule(["control.int_ctl", "control.int_vector"], width: 32),
        "interruptshadow": Rule(["control.int_state"]), "intstat": Rule(["control.int_state"]),
        "exitcode": Rule(["control.exit_code"]),
        "exitintinfo": Rule(["control.exit_int_info", "control.exit_int_info_err"], width: 32),
        "exitinfo1": Rule(["control.exit_info_1"]), "exitinfo2": Rule(["control.exit_info_2"]),
        "npenable": Rule(["control.nested_ctl"]), "npctrl": Rule(["control.nested_ctl"]),
        "guestasid": Rule(["control.asid"]), "asid": Rule(["control.asid"]),
        "virtext": Rule(["control.virt_ext"]),
        "hcr3": Rule(["control.nested_cr3"]), "cleanbits": Rule(["control.clean"]),
        "cpl": Rule(["save.cpl"], decimal: true),
        "efer": Rule(["save.efer"]), "star": Rule(["save.star"]), "lstar": Rule(["save.lstar"]), "cstar": Rule(["save.cstar"]),
        "sfmask": Rule(["save.sfmask"]), "kerngsbase": Rule(["save.kernel_gs_base"]), "pat": Rule(["save.g_pat"]),
        "cr0": Rule(["save.cr0"]), "cr2": Rule(["save.cr2"]), "cr3": Rule(["save.cr3"]), "cr4": Rule(["save.cr4"]),
        "rsp": Rule(["save.rsp"]), "rip": Rule(["save.rip"]), "rax": Rule(["save.rax"]), "rflags": Rule(["save.rflags"]),
        "dr6": Rule(["save.dr6"]), "dr7": Rule(["save.dr7"]),
        "ssp": Rule(["save.ssp"]), "scet": Rule(["save.s_cet"]), "isst": Rule(["save.isst_addr"]),
    ]

    /// Labels whose value is the VMCB's own address or size, kept as metadata.
    static let metadataLabels = ["sizeofvmcb": "vmcb_size", "paddr": "vmcb_paddr", "vaddr": "vmcb_vaddr"]

    /// `virtual vmload/vmsave = %d`: bit 1 of virt_ext, printed again in decimal beside it.
    static let decodedLabels: Set<String> = ["virtualvmload/vmsave"]
}

/// One `svm_vmcb_dump()` being read.
final class XenVMCBBuilder: DumpBuilder {
    let context: ReaderContext
    private(set) var snapshot: Snapshot
    private(set) var isComplete = false
    private var lastPlaced: Int
    private var dumpedFrom: String?
    /// The line that says VMRUN failed (the debug-build line, or the dump's first line when
    /// `svm_vmexit_handler` printed it).
    private var failureLine: (text: String, number: Int)?

    init(context: ReaderContext, line: LogLine, metadata: [(key: String, value: String)]) {
        self.context = context
        snapshot = Snapshot(
            architecture: .svm, source: context.name, format: .xen, producer: "Xen VMCB dump", location: context.location(line.number),
            metadata: metadata)
        if let stamp = line.timestamp { snapshot.metadata.append(("log_time", stamp)) }
        lastPlaced = line.number
    }

    func consume(_ line: LogLine, into output: inout ReaderOutput) -> DumpLine {
        read(XenVMCBDump.classify(line.content), line: line, output: &output)
    }

    /// Reads one classified line (the first one too, which `begin` hands over).
    @discardableResult
    func read(_ kind: XenVMCBDump.Line, line: LogLine) -> DumpLine {
        var output = ReaderOutput()
        return read(kind, line: line, output: &output)
    }

    private func read(_ kind: XenVMCBDump.Line, line: LogLine, output: inout ReaderOutput) -> DumpLine {
        switch kind {
        case .invalidState(let metadata):
            if !snapshot.values.isEmpty || dumpedFrom != nil || failureLine != nil { return .startsAnother }
            for entry in metadata where !snapshot.metadata.contains(where: { $0.key == entry.key }) { snapshot.metadata.append(entry) }
            failureLine = (line.content, line.number)
            return .recognized
        case .dumping(let from):
            if !snapshot.values.isEmpty || dumpedFrom != nil { return .startsAnother }
            dumpedFrom = from
            snapshot.metadata.append(("dumped_from", from))
            // svm_vmexit_handler dumps the VMCB only when VMRUN failed (VMEXIT_INVALID).
            if from == "svm_vmexit_handler", failureLine == nil { failureLine = (line.content, line.number) }
            return .recognized
        case .tableHeading:
            return dumpedFrom != nil ? .recognized : .notMine
        case .pairs(let pairs, let leftover):
            guard dumpedFrom != nil else { return .notMine }
            var placed = false
            var known = false
            for (label, value) in pairs {
                let key = FieldName.normalize(label)
                if let rule = XenVMCBDump.rules[key] {
                    known = true
                    if let warning = store(rule, value, label: label, line: line.number) {
                        output.warnings.append(warning)
                    } else {
                        placed = true
                    }
                } else if let name = XenVMCBDump.metadataLabels[key] {
                    known = true
                    snapshot.metadata.append((name, value))
                } else if XenVMCBDump.decodedLabels.contains(key) {
                    known = true
                } else {
                    output.warn(context.location(line.number), "'\(label)' is not a VMCB field this tool knows; ignored")
                }
            }
            if !known { return .notMine }
            if !leftover.isEmpty, !(pairs.last.map { FieldName.normalize($0.label) == "npctrl" } ?? false) {
                output.warn(
                    context.location(line.number), "cannot place '\(leftover.prefix(40))' after the value of '\(pairs.last?.label ?? "")'")
            }
            if placed { lastPlaced = line.number }
            return placed ? .placed : .recognized
        case .eventInjection(let text, let decoded):
            guard dumpedFrom != nil else { return .notMine }
            guard let value = NumberText.hex(text) else {
                output.warn(context.location(line.number), "cannot read the value of 'event_inj': '\(text.prefix(40))'")
                return .recognized
            }
            set("control.event_inj", value & 0xffff_ffff)
            set("control.event_inj_err", value >> 32)
            // The decoded parts repeat bits of the value (APM Vol. 2 section 15.20): V 31, EV 11,
            // TYPE 10:8, VECTOR 7:0.
            let expected = ["valid?": value >> 31 & 1, "ec?": value >> 11 & 1, "type": value >> 8 & 7, "vector": value & 0xff]
            for (label, printed) in decoded {
                guard let want = expected[label] else { continue }
                let got = label == "vector" ? NumberText.hex(printed) : UInt64(printed)
                if got != want {
                    output.warn(context.location(line.number), "'\(label) \(printed)' disagrees with event_inj \(text)")
                }
            }
            lastPlaced = line.number
            return .placed
        case .segment(let name, let values):
            guard dumpedFrom != nil else { return .notMine }
            let parts = ["selector", "attrib", "limit", "base"]
            guard values.count == parts.count else {
                output.warn(context.location(line.number), "expected 4 values in the \(name.uppercased()) row, found \(values.count)")
                return .recognized
            }
            for (part, text) in zip(parts, values) {
                guard let value = NumberText.hex(text) else {
                    output.warn(context.location(line.number), "cannot read the \(part) of \(name.uppercased()): '\(text.prefix(20))'")
                    continue
                }
                if let warning = fit("save.\(name).\(part)", value, text: text, label: "\(name.uppercased()) \(part)", line: line.number) {
                    output.warnings.append(warning)
                }
            }
            // TR is the last row in every version.
            if name == "tr" { isComplete = true }
            lastPlaced = line.number
            return .placed
        case .unrelated:
            return .notMine
        }
    }

    func continues(_ previous: LogLine, with next: LogLine) -> Bool {
        // A row cut by a mail client: the tail is the rest of a pair, or pairs.
        let before = previous.content
        if before.hasSuffix("=") || before.hasSuffix(",") { return true }
        if case .pairs(let pairs, _) = XenVMCBDump.classify(next.content) {
            return pairs.contains { XenVMCBDump.rules[FieldName.normalize($0.label)] != nil }
        }
        return false
    }

    func finish(into output: inout ReaderOutput) -> Snapshot? {
        guard !snapshot.values.isEmpty || failureLine != nil else { return nil }
        if let failureLine {
            let code = snapshot.integer("control.exit_code") ?? UInt64.max
            if snapshot.integer("control.exit_code") == nil {
                snapshot.pageNotes.append("the exit code is not in the input; VMEXIT_INVALID (-1) is what makes Xen print this dump")
            }
            snapshot.failures.append(
                RecordedFailure(kind: .svmExitCode(code), text: failureLine.text, location: context.location(failureLine.number)))
        }
        if !isComplete {
            output.warn(
                context.location(lastPlaced),
                "this VMCB dump ends early after this line: \(snapshot.values.count) fields read, the rest are absent")
        }
        return snapshot
    }

    /// Stores a value by its rule: split into the rule's fields, low part first.
    private func store(_ rule: XenVMCBDump.Rule, _ text: String, label: String, line: Int) -> InputWarning? {
        guard let value = rule.decimal ? UInt64(text) : NumberText.hex(text) else {
            return InputWarning(context.location(line), "cannot read the value of '\(label)': '\(text.prefix(40))'")
        }
        if rule.ids.count == 1, let id = rule.ids.first { return fit(id, value, text: text, label: label, line: line) }
        let mask: UInt64 = rule.width >= 64 ? .max : (1 << UInt64(rule.width)) - 1
        for (index, id) in rule.ids.enumerated() {
            let part = (value >> UInt64(index * rule.width)) & mask
            if let warning = fit(id, part, text: text, label: label, line: line) { return warning }
        }
        if rule.width * rule.ids.count < 64, value >> UInt64(rule.width * rule.ids.count) != 0 {
            return InputWarning(context.location(line), "value \(text) of '\(label)' has bits above the fields it holds")
        }
        return nil
    }

    private func fit(_ id: String, _ value: UInt64, text: String, label: String, line: Int) -> InputWarning? {
        guard let field = Catalog.vmcb.field(id: id) else { return nil }
        let width = field.size * 8
        if width < 64, value >> UInt64(width) != 0 {
            return InputWarning(context.location(line), "value \(text) of '\(label)' does not fit the \(width)-bit field \(field.name)")
        }
        snapshot.values[id] = .integer(value)
        return nil
    }

    private func set(_ id: String, _ value: UInt64) { snapshot.values[id] = .integer(value) }
}

/// Xen's messages around a failed VMX entry, which its VMCS dump follows or replaces
/// (xen/arch/x86/hvm/vmx/vmcs.c and vmx.c, 4.0 to 4.22).
enum XenVMXMessages {
    /// VMLAUNCH or VMRESUME failing as an instruction (VMfailValid): `gprintk(XENLOG_ERR,
    /// "VM%s error: %#lx\n", …)` since 4.7 (`d1v0 VMLAUNCH error: 0x7`), `<vm_launch_fail>
    /// error code %lx` and `<vm_resume_fail> error code %lx` before (`%lx`: hex without `0x`).
    /// The number is the VMCS's VM-instruction error field (SDM Vol. 3 section 31.4).
    static func instructionFailure(_ content: String) -> (metadata: [(key: String, value: String)], error: UInt32)? {
        var metadata: [(key: String, value: String)] = []
        var text = Substring(content)
        if text.hasPrefix("<vm_launch_fail> error code ") || text.hasPrefix("<vm_resume_fail> error code ") {
            let instruction = text.hasPrefix("<vm_launch") ? "VMLAUNCH" : "VMRESUME"
            let number = text.dropFirst(28).prefix { $0 != " " }
            guard let value = NumberText.hex(number), value <= UInt64(UInt32.max) else { return nil }
            return ([("failed_instruction", instruction), ("vm_instruction_error", "0x" + String(value, radix: 16))], UInt32(value))
        }
        if text.hasPrefix("d"), let space = text.firstIndex(of: " ") {
            let vcpu = text[text.index(after: text.startIndex)..<space].split(separator: "v")
            if vcpu.count == 2, vcpu.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
                metadata = [("domain", String(vcpu[0])), ("vcpu", String(vcpu[1]))]
                text = text[text.index(after: space)...]
            }
        }
        guard text.hasPrefix("VMLAUNCH error: ") || text.hasPrefix("VMRESUME error: ") else { return nil }
        let number = text.dropFirst(16).prefix { $0 != " " }
        guard let value = NumberText.hex(number), value <= UInt64(UInt32.max) else { return nil }
        metadata += [("failed_instruction", String(text.prefix(8))), ("vm_instruction_error", String(number))]
        return (metadata, UInt32(value))
    }

    /// Xen 4.0 to 4.7's vmx_failed_vmentry(): `Failed vm entry (exit reason 0x%x) ` and the cause
    /// on the same line (`caused by invalid guest state (%ld).`).
    static func oldEntryFailure(_ content: String) -> (metadata: [(key: String, value: String)], reason: UInt32)? {
        guard content.hasPrefix("Failed vm entry (exit reason ") else { return nil }
        let number = content.dropFirst(29).prefix { $0 != ")" }
        guard let value = NumberText.hex(number), value <= UInt64(UInt32.max) else { return nil }
        return ([("vmentry_failure_reason", String(number))], UInt32(value))
    }

    /// The header a failure line starts a VMCS dump with (the VMCS dump reader's `classify`).
    static func failureHeader(_ content: String) -> [(key: String, value: String)]? {
        instructionFailure(content)?.metadata ?? oldEntryFailure(content)?.metadata
    }

    /// The failure such a line records.
    static func failure(_ content: String, location: SourceLocation) -> RecordedFailure? {
        if let found = instructionFailure(content) {
            return RecordedFailure(kind: .vmInstructionError(found.error), text: content, location: location)
        }
        if let found = oldEntryFailure(content) {
            return RecordedFailure(kind: .vmxExitReason(found.reason), text: content, location: location)
        }
        return nil
    }

    /// One entry of the VM-entry MSR-load area that failed to load, as vmx_failed_vmentry()
    /// prints it since 4.8 after `MSR loading (entry %lu)`: `  msr %08x val %016"PRIx64" (mbz
    /// %#x)`; `mbz` is the entry's bits 63:32, which must be 0 (SDM Vol. 3 section 27.4).
    struct MSRLoadEntry: Equatable {
        let index: UInt32
        let value: UInt64
        let mbz: UInt32
    }

    static func msrLoadEntry(_ content: String) -> MSRLoadEntry? {
        let words = content.split(separator: " ")
        guard words.count == 6, words[0] == "msr", words[2] == "val", words[4] == "(mbz", words[5].hasSuffix(")"),
            let index = NumberText.hex(words[1]), index <= UInt64(UInt32.max), let value = NumberText.hex(words[3]),
            let mbz = NumberText.hex(words[5].dropLast()), mbz <= UInt64(UInt32.max)
        else { return nil }
        return MSRLoadEntry(index: UInt32(index), value: value, mbz: UInt32(mbz))
    }

    /// `  Entry out of range`: the failing entry lies past the page Xen keeps.
    static func isEntryOutOfRange(_ content: String) -> Bool { content == "Entry out of range" }
}

extension VMCSBuilder {
    /// Records the failure of Xen's VMLAUNCH/VMRESUME or 4.x vmentry line, when it is one.
    func recordXenFailure(_ content: String, line: Int) {
        if let failure = XenVMXMessages.failure(content, location: context.location(line)) { record(failure) }
    }
}

extension Substring {
    func trimmingCharacters(_ characters: String) -> Substring {
        var rest = self
        while let first = rest.first, characters.contains(first) { rest = rest.dropFirst() }
        return rest.droppingLast { characters.contains($0) }
    }
}
