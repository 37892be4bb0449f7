extension InputFormat {
    /// Xen's VMCS dump as `xl dmesg` shows it.
    public static let xen = InputFormat(
        "xen", title: "Xen VMCS or VMCB dump", example: "(XEN) [2019-11-02 14:09:46]   CS: 0010 0a09b ffffffff 0000000000000000",
        isLog: true)
}

/// The VMCS dumps hypervisors print: Linux KVM's `dump_vmcs()` (arch/x86/kvm/vmx/vmx.c, every
/// era from 4.x to 6.x) and Xen's `vmcs_dump_vcpu()` (xen/arch/x86/hvm/vmx/vmcs.c, as `xl dmesg`
/// shows it). Both print three sections (`*** Guest State ***`, `*** Host State ***`,
/// `*** Control State ***`) of `Label=value` or `Label = value` pairs, some with a prefix
/// (`CR0: actual=…, shadow=…`), some compound (`CS:RIP=0010:ffffffff81000000`, `SVI|RVI = 00|00`),
/// Xen's segments as table rows (`  CS: 0010 0a09b ffffffff 0000000000000000`) and some of Xen's
/// registers twice (`RSP = 0x… (0x…)`: the VMCS value, then a saved copy in parentheses, kept as
/// metadata). The same label names a guest or a host field by section, so the table is keyed by
/// section. All numbers in these dumps are hex.
struct VMCSDump: LogDumpKind {
    var format: InputFormat { .kvm }
    var markers: [String] {
        [
            "State ***", "last attempted VM-entry", "vmentry failure", ">>> Domain", "VCPU ", "VMLAUNCH error", "VMRESUME error",
            "vm_launch_fail", "vm_resume_fail", "Failed vm entry",
        ]
    }

    /// Sure of a header or section line; else, with two rows only dump_vmcs prints (see
    /// `rowSection`), 60, and 5 more for each further row of its labels (`TSC Offset = …`,
    /// `reason=… qualification=…`), up to 85; 98 when every line of `=` pairs is one of its
    /// rows, and no line of a field log's names: a quoted fragment of the control rows is the
    /// dump's, not a field log's (whose names it also holds: a field log scores up to 95 on
    /// names alone, 100 on a producer's own marks).
    func score(_ head: HeadSample) -> Score {
        var rows = 0
        var others = 0
        var foreign = 0
        var example: (text: Substring, line: Int)?
        for line in head.nonEmpty {
            let content = line.content
            if ByteSearch.contains(content, "*** Guest State ***") || ByteSearch.contains(content, "*** Host State ***")
                || ByteSearch.contains(content, "*** Control State ***") || ByteSearch.contains(content, "last attempted VM-entry on CPU")
                || Self.xenEntryFailure(content) != nil
            {
                return Score(100, "'\(content.prefix(40))' on line \(line.number)")
            }
            // `classify` finds pairs only on a line with an `=`.
            if content.utf8.contains(UInt8(ascii: "=")), case .pairs(let pairs, _) = Self.classify(content) {
                if Self.rowSection(pairs) != nil {
                    rows += 1
                    if example == nil { example = (content.prefix(30), line.number) }
                } else if !pairs.isEmpty, pairs.allSatisfy({ Self.sections(knowing: $0.label).count == 1 }) {
                    others += 1
                } else if !pairs.allSatisfy({ !Self.sections(knowing: $0.label).isEmpty }) {
                    foreign += 1
                }
            }
        }
        guard rows >= 2, let example else { return .none }
        let evidence = "\(rows + others) dump_vmcs rows such as '\(example.text)' (line \(example.line))"
        // No other line of pairs, nor of names a field log holds (`guest_cr0: 0x…`).
        if foreign == 0, FieldLogReader.survey(head).known <= rows + others {
            return Score(98, evidence + ", and no other lines of pairs")
        }
        return Score(min(85, 60 + 5 * (rows - 2 + others)), evidence)
    }

    /// The sections whose rows print a label.
    static func sections(knowing label: String) -> [Section] {
        Section.all.filter { labels["\($0.rawValue):\(label)"] != nil }
    }

    /// The section of a row that only dump_vmcs prints: one of whose labels has a prefix
    /// (`CR0: actual=`, `VMExit: intr_info=`, `IDTVectoring: info=`) and is known in one section
    /// only. Nil for rows of pairs any log may hold (`RIP = …`).
    static func rowSection(_ pairs: [Pair]) -> Section? {
        for pair in pairs where pair.label.contains(":") {
            let found = sections(knowing: pair.label)
            if found.count == 1 { return found.first }
        }
        return nil
    }

    /// A dump whose section and header lines were not pasted (a reply quoting its control
    /// rows) starts at such a row, with a warning; but not after a whole dump was read, whose
    /// rows a reply quotes again.
    var headlessOnlyAtStart: Bool { true }

    func beginHeadless(_ line: LogLine, context: ReaderContext) -> (any DumpBuilder)? {
        let content = line.content
        guard content.utf8.contains(UInt8(ascii: "=")), case .pairs(let pairs, _) = Self.classify(content),
            let section = Self.rowSection(pairs)
        else { return nil }
        let builder = VMCSBuilder(context: context, line: line, metadata: [])
        builder.section = section
        builder.headless = true
        builder.startWarning = "dump starts at this row ('\(content.prefix(40))'); the lines before it are absent"
        // The opening row is the dump's first: read now, its warnings said with the next line
        // the dump is given (the log reader passes the opening line on no further).
        var output = ReaderOutput()
        _ = builder.consume(line, into: &output)
        builder.deferred = output.warnings
        return builder
    }

    func begin(_ line: LogLine, context: ReaderContext, after previous: Snapshot?) -> (any DumpBuilder)? {
        let kind = Self.classify(line.content)
        switch kind {
        case .header(let metadata) where !metadata.isEmpty:
            var carried: [(key: String, value: String)] = []
            if let previous, metadata.contains(where: { $0.key == "vcpu" }),
                let domain = previous.metadata.first(where: { $0.key == "domain" })
            {
                carried.append(domain)
            }
            let builder = VMCSBuilder(context: context, line: line, metadata: carried + metadata)
            if let failure = Self.xenEntryFailure(line.content, location: context.location(line.number)) {
                builder.record(failure)
                if let qualification = Self.xenEntryQualification(line.content) { builder.recordQualification(qualification) }
            }
            builder.recordXenFailure(line.content, line: line.number)
            return builder
        case .section(let section):
            let builder = VMCSBuilder(context: context, line: line, metadata: [])
            builder.section = section
            if section != .guest {
                builder.startWarning =
                    "dump starts at its '*** \(section == .host ? "Host" : "Control") State ***' line; the sections before are absent"
            }
            return builder
        default:
            return nil
        }
    }

    enum Section: String {
        case guest = "g"
        case host = "h"
        case control = "c"

        static let all: [Section] = [.guest, .host, .control]
    }

    /// A line an author put where lines were cut: `...`, `... ...`, `[...]`, `[…]`, `<snip>`.
    static func isElision(_ content: String) -> Bool {
        let text = content.trimmingSpaces()
        guard !text.isEmpty else { return false }
        if text == "<snip>" || text == "[snip]" || text == "<...>" { return true }
        return text.unicodeScalars.allSatisfy { $0 == "." || $0 == " " || $0 == "\u{2026}" || $0 == "[" || $0 == "]" }
            && (text.contains("...") || text.contains("\u{2026}"))
    }

    /// Label (normalized, with its line prefix) → fields, by section (`*` for any). A compound
    /// value (`0010:ffff…`, `00|00`) or a table row fills the fields in order.
    static let labels: [String: [String]] = [
        "g:cr0:actual": ["guest.cr0"], "g:cr0:shadow": ["ctrl.cr0_read_shadow"], "g:cr0:ghmask": ["ctrl.cr0_guest_host_mask"],
        "g:cr4:actual": ["guest.cr4"], "g:cr4:shadow": ["ctrl.cr4_read_shadow"], "g:cr4:ghmask": ["ctrl.cr4_guest_host_mask"],
        "g:cr3": ["guest.cr3"],
        "g:pdptr0": ["guest.pdptr0"], "g:pdptr1": ["guest.pdptr1"], "g:pdptr2": ["guest.pdptr2"], "g:pdptr3": ["guest.pdptr3"],
        "g:pdpte0": ["guest.pdptr0"], "g:pdpte1": ["guest.pdptr1"], "g:pdpte2": ["guest.pdptr2"], "g:pdpte3": ["guest.pdptr3"],
        "g:rsp": ["guest.rsp"], "g:rip": ["guest.rip"], "g:rflags": ["guest.rflags"], "g:dr7": ["guest.dr7"],
        "g:sysenterrsp": ["guest.sysenter_esp"], "g:cs:rip": ["guest.sysenter_cs", "guest.sysenter_eip"],
        "g:efer": ["guest.ia32_efer"], "g:efer(vmcs)": ["guest.ia32_efer"], "g:efer(msrll)": ["guest.ia32_efer"],
        "g:pat": ["guest.ia32_pat"], "g:debugctl": ["guest.ia32_debugctl"], "g:debugexceptions": ["guest.pending_dbg_exceptions"],
        "g:perfglobctl": ["guest.ia32_perf_global_ctrl"], "g:bndcfgs": ["guest.bndcfgs"],
        "g:interruptibility": ["guest.interruptibility"], "g:activitystate": ["guest.activity_state"],
        "g:interruptstatus": ["guest.intr_status"], "g:preemptiontimer": ["guest.preemption_timer"], "g:smbase": ["guest.smbase"],
        "g:specctrlmask": ["ctrl.spec_ctrl_mask"], "g:shadow": ["ctrl.spec_ctrl_shadow"], "g:pkrs": ["guest.ia32_pkrs"],
        // CET (Linux 6.18+, and patches before): `S_CET = …`, `SSP = …`, `SSP TABLE = …`, the same
        // words for guest and host, told apart by the section.
        "g:scet": ["guest.s_cet"], "g:ssp": ["guest.ssp"], "g:ssptable": ["guest.intr_ssp_table"],
        "h:scet": ["host.s_cet"], "h:ssp": ["host.ssp"], "h:ssptable": ["host.intr_ssp_table"],
        // The CET series for 5.11 printed the host's after the control state.
        "c:scet": ["host.s_cet"], "c:ssp": ["host.ssp"], "c:ssptable": ["host.intr_ssp_table"],
        "h:rip": ["host.rip"], "h:rsp": ["host.rsp"],
        "h:cs": ["host.cs.selector"], "h:ss": ["host.ss.selector"], "h:ds": ["host.ds.selector"], "h:es": ["host.es.selector"],
        "h:fs": ["host.fs.selector"], "h:gs": ["host.gs.selector"], "h:tr": ["host.tr.selector"],
        "h:fsbase": ["host.fs.base"], "h:gsbase": ["host.gs.base"], "h:trbase": ["host.tr.base"],
        "h:gdtbase": ["host.gdtr.base"], "h:idtbase": ["host.idtr.base"],
        "h:cr0": ["host.cr0"], "h:cr3": ["host.cr3"], "h:cr4": ["host.cr4"],
        "h:sysenterrsp": ["host.sysenter_esp"], "h:cs:rip": ["host.sysenter_cs", "host.sysenter_eip"],
        "h:efer": ["host.ia32_efer"], "h:pat": ["host.ia32_pat"], "h:perfglobctl": ["host.ia32_perf_global_ctrl"],
        "h:pkrs": ["host.ia32_pkrs"],
        "c:pinbased": ["ctrl.pin_based"], "c:cpubased": ["ctrl.proc_based"], "c:secondaryexec": ["ctrl.proc_based2"],
        "c:tertiaryexec": ["ctrl.proc_based3"], "c:entrycontrols": ["ctrl.entry"], "c:exitcontrols": ["ctrl.exit"],
        "c:exceptionbitmap": ["ctrl.exception_bitmap"], "c:pfecmask": ["ctrl.pfec_mask"], "c:pfecmatch": ["ctrl.pfec_match"],
        "c:vmentry:intrinfo": ["ctrl.entry_intr_info"], "c:vmentry:errcode": ["ctrl.entry_exception_error_code"],
        "c:vmentry:ilen": ["ctrl.entry_instruction_len"],
        "c:vmexit:intrinfo": ["exit.intr_info"], "c:vmexit:errcode": ["exit.intr_error_code"], "c:vmexit:ilen": ["exit.instruction_len"],
        "c:reason": ["exit.reason"], "c:qualification": ["exit.qualification"],
        "c:idtvectoring:info": ["exit.idt_vectoring_info"], "c:idtvectoring:errcode": ["exit.idt_vectoring_error_code"],
        "c:tscoffset": ["ctrl.tsc_offset"], "c:tscmultiplier": ["ctrl.tsc_multiplier"],
        "c:svi|rvi": ["guest.intr_status"], "c:tprthreshold": ["ctrl.tpr_threshold"],
        "c:apicaccessaddr": ["ctrl.apic_access_addr"], "c:virtapicaddr": ["ctrl.virtual_apic_page_addr"],
        "c:postedintrvec": ["ctrl.posted_intr_nv"], "c:eptpointer": ["ctrl.ept_pointer"], "c:eptpindex": ["ctrl.eptp_index"],
        "c:plegap": ["ctrl.ple_gap"], "c:window": ["ctrl.ple_window"],
        "c:virtualprocessorid": ["ctrl.vpid"], "c:vmfunccontrols": ["ctrl.vm_function_control"],
        "c:veinfoaddress": ["ctrl.ve_information_address"],
        "c:cr3target0": ["ctrl.cr3_target_value0"], "c:target1": ["ctrl.cr3_target_value1"],
        "c:cr3target2": ["ctrl.cr3_target_value2"], "c:target3": ["ctrl.cr3_target_value3"],
    ]

    /// Guest segment rows: KVM's `CS:  sel=…, attr=…, limit=…, base=…` and Xen's table rows.
    static let segmentParts = ["sel": "selector", "attr": "ar", "limit": "limit", "base": "base"]
    static let segmentNames: Set<String> = ["es", "cs", "ss", "ds", "fs", "gs", "ldtr", "tr", "gdtr", "idtr"]

    /// One `label = value` pair of a line.
    struct Pair {
        var label: String
        var value: String
        /// Text in parentheses right after the value: `(effective)`, Xen's saved copy.
        var qualifier: String?
    }

    /// Splits a line into pairs; a label's prefix (`CR0:` of `CR0: actual=…`) is kept as `cr0:`.
    /// The pairs of a line and any text after the last value (what a wrap cut off a value, say).
    static func scan(_ content: String) -> (pairs: [Pair], leftover: String?) {
        var pairs: [Pair] = []
        var rest = Substring(content)
        var linePrefix: String?
        while let equals = rest.firstIndex(of: "=") {
            var label = String(rest[rest.startIndex..<equals]).trimming(" ,")
            var after = rest[rest.index(after: equals)...].trimmingLeadingSpaces()
            let valueEnd = after.firstIndex { $0 == " " || $0 == "," || $0 == "(" } ?? after.endIndex
            let value = String(after[after.startIndex..<valueEnd])
            after = after[valueEnd...]
            var qualifier: String?
            let afterValue = after.trimmingLeadingSpaces()
            if afterValue.first == "(", let close = afterValue.firstIndex(of: ")") {
                qualifier = String(afterValue[afterValue.index(after: afterValue.startIndex)..<close])
                after = afterValue[afterValue.index(after: close)...]
            }
            if pairs.isEmpty, let colon = label.firstIndex(of: ":") {
                let head = String(label[label.startIndex..<colon]).trimming(" ")
                let tail = String(label[label.index(after: colon)...]).trimming(" ")
                // `CS:RIP=` is a label in itself; `CR0: actual=` and `VMExit: intr_info=` are prefixes.
                // (A prefix is a register's name: a longer head is none, or every pair after it
                // would carry it.)
                if !tail.isEmpty, head.utf8.count <= 32,
                    label.contains(": ") || label.contains(":\t") || head.contains(" ") == false && tail.contains("_")
                {
                    linePrefix = FieldName.normalize(head)
                    label = tail
                } else if tail.isEmpty {
                    label = head
                }
            }
            let key = FieldName.normalize(label)
            pairs.append(Pair(label: linePrefix.map { "\($0):\(key)" } ?? key, value: value, qualifier: qualifier))
            rest = after
        }
        let leftover = String(rest).trimming(" ,;")
        return (pairs, leftover.isEmpty || pairs.isEmpty ? nil : leftover)
    }

    enum LineKind {
        case header([(key: String, value: String)])
        case section(Section)
        case pairs([Pair], leftover: String?)
        case row(String, [String])
        case msrEntry(String)
        case unrelated
    }

    /// Xen's vmx_failed_vmentry() line, `d3v0 vmentry failure (reason 0x80000021): ...`, printed
    /// just before its dump: the domain, the vCPU and the failing exit reason.
    static func xenEntryFailure(_ content: String) -> [(key: String, value: String)]? {
        guard content.hasPrefix("d"), let marker = ByteSearch.find(" vmentry failure (reason ", in: Substring(content)) else { return nil }
        let vcpu = content[content.index(after: content.startIndex)..<marker.lowerBound].split(separator: "v")
        guard vcpu.count == 2, vcpu.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let reason = content[marker.upperBound...].prefix { $0 != ")" }
        return [("domain", String(vcpu[0])), ("vcpu", String(vcpu[1])), ("vmentry_failure_reason", String(reason))]
    }

    /// The exit qualification Xen's vmentry failure line prints in decimal after the reason's
    /// words (vmx_failed_vmentry: `Invalid guest state (%lu)`, `MSR loading (entry %lu)`).
    static func xenEntryQualification(_ content: String) -> UInt64? {
        guard xenEntryFailure(content) != nil, let words = ByteSearch.find("): ", in: Substring(content))?.upperBound,
            let open = content[words...].lastIndex(of: "("), let close = content[open...].firstIndex(of: ")")
        else { return nil }
        let inside = content[content.index(after: open)..<close].split(separator: " ").last ?? ""
        guard inside.allSatisfy(\.isASCIIDigit), let printed = UInt64(inside) else { return nil }
        // For an MSR-load failure Xen prints the entry's index from 0; the qualification counts
        // entries from 1 (SDM Vol. 3 section 27.4).
        return ByteSearch.contains(content, "MSR loading (entry") ? printed &+ 1 : printed
    }

    /// The recorded failure of Xen's vmentry failure line.
    static func xenEntryFailure(_ content: String, location: SourceLocation) -> RecordedFailure? {
        guard let metadata = xenEntryFailure(content), let reason = metadata.last?.value, let value = NumberText.hex(reason),
            value <= UInt64(UInt32.max)
        else { return nil }
        return RecordedFailure(kind: .vmxExitReason(UInt32(value)), text: content, location: location)
    }

    static func classify(_ content: String) -> LineKind {
        if content.isEmpty { return .unrelated }
        if ByteSearch.contains(content, "*** Guest State ***") { return .section(.guest) }
        if ByteSearch.contains(content, "*** Host State ***") { return .section(.host) }
        if ByteSearch.contains(content, "*** Control State ***") { return .section(.control) }
        if content.hasPrefix("VMCS "), ByteSearch.contains(content, "last attempted VM-entry on CPU") {
            var metadata: [(key: String, value: String)] = []
            if let address = content.dropFirst(5).split(separator: ",").first { metadata.append(("vmcs", String(address))) }
            if let cpu = content.split(separator: " ").last { metadata.append(("last_vmentry_cpu", String(cpu))) }
            return .header(metadata)
        }
        if content.hasPrefix("****"), content.hasSuffix("****"), ByteSearch.contains(content, "VMCS Area") { return .header([]) }
        if content.hasPrefix(">>> Domain"), let domain = content.split(separator: " ").dropFirst(2).first {
            return .header([("domain", String(domain))])
        }
        if content.hasPrefix("VCPU "), let vcpu = content.split(separator: " ").dropFirst().first, vcpu.allSatisfy(\.isASCIIDigit) {
            return .header([("vcpu", String(vcpu))])
        }
        if let failure = xenEntryFailure(content) { return .header(failure) }
        if let failure = XenVMXMessages.failureHeader(content) { return .header(failure) }
        if content.hasPrefix("MSR ") && content.hasSuffix(":") { return .msrEntry(content) }
        if ByteSearch.contains(content, "msr=") && ByteSearch.contains(content, "value=") { return .msrEntry(content) }
        if content.hasPrefix("ve_info:") { return .msrEntry(content) }
        if content.utf8.contains(UInt8(ascii: "=")) {
            let found = scan(content)
            return found.pairs.isEmpty ? .unrelated : .pairs(found.pairs, leftover: found.leftover)
        }
        // Xen's segment table: `CS: 0010 0a09b ffffffff 0000000000000000`, `GDTR: 0000007f ffff…`.
        if let colon = content.firstIndex(of: ":") {
            let head = FieldName.normalize(content[content.startIndex..<colon])
            let values = content[content.index(after: colon)...].split(separator: " ").map(String.init)
            if segmentNames.contains(head), !values.isEmpty, values.allSatisfy({ NumberText.hex($0) != nil }) {
                return .row(head, values)
            }
        }
        return .unrelated
    }
}

/// One VMCS dump being read.
final class VMCSBuilder: DumpBuilder {
    let context: ReaderContext
    private(set) var snapshot: Snapshot
    private(set) var isComplete = false
    var section: VMCSDump.Section?
    /// A warning to give once the dump gets its first value (it started late).
    var startWarning: String?
    /// Warnings of the row a headless dump opened with, given with its next line.
    var deferred: [InputWarning] = []
    /// The dump started at a row, its first lines not pasted: a field printed again is the
    /// start of another such fragment, not a sign of interleaving.
    var headless = false
    private var notedElision = false
    /// Whether a line of the dump placed a value (the failure line's exit reason does not count).
    private var placedAny = false
    private var lastPlaced: Int
    /// The last line that placed a value or was taken as a row of the dump the tool lacks.
    private var lastRow: Int
    /// The line each field's value came from.
    private var placedAt: [String: Int] = [:]

    init(context: ReaderContext, line: LogLine, metadata: [(key: String, value: String)]) {
        self.context = context
        let xen = line.stream.program == "(XEN)"
        snapshot = Snapshot(
            architecture: .vmx, source: context.name, format: xen ? .xen : .kvm, producer: xen ? "Xen VMCS dump" : "KVM dump_vmcs",
            location: context.location(line.number), metadata: metadata)
        if let stamp = line.timestamp { snapshot.metadata.append(("log_time", stamp)) }
        lastPlaced = line.number
        lastRow = line.number
    }

    /// Keeps a failure the producer printed; Xen's vmentry failure line prints the VMCS's own
    /// exit reason (vmx_failed_vmentry reads VM_EXIT_REASON), so it is that field's value too,
    /// unless the dump prints the field itself.
    /// The exit qualification a failure line printed, unless the dump prints the field.
    func recordQualification(_ value: UInt64) {
        if snapshot.values["exit.qualification"] == nil { snapshot.values["exit.qualification"] = .integer(value) }
    }

    func record(_ failure: RecordedFailure) {
        snapshot.failures.append(failure)
        if case .vmxExitReason(let reason) = failure.kind, snapshot.values["exit.reason"] == nil {
            snapshot.values["exit.reason"] = .integer(UInt64(reason))
        }
    }

    func consume(_ line: LogLine, into output: inout ReaderOutput) -> DumpLine {
        if !deferred.isEmpty {
            output.warnings += deferred
            deferred = []
        }
        let content = line.content
        switch VMCSDump.classify(content) {
        case .header(let metadata):
            // Xen's `VMCS Area` banner follows its failure line: part of the same dump.
            if metadata.isEmpty { return .recognized }
            // A second `VMCS …, last attempted VM-entry` header before any value: another
            // dump began (an empty first one is dropped).
            if placedAny || snapshot.metadata.contains(where: { $0.key == "vmcs" }) && metadata.contains(where: { $0.key == "vmcs" }) {
                return .startsAnother
            }
            snapshot.metadata += metadata
            if let failure = VMCSDump.xenEntryFailure(content, location: context.location(line.number)) {
                record(failure)
                if let qualification = VMCSDump.xenEntryQualification(content) { recordQualification(qualification) }
            }
            recordXenFailure(content, line: line.number)
            return .recognized
        case .section(let next):
            if next == .guest, placedAny { return .startsAnother }
            section = next
            return .recognized
        case .pairs(var pairs, let leftover):
            var placed = false
            var warnings: [InputWarning] = []
            // Hex digits right after the last value: the value was cut in two by a wrap (a
            // quoted-printable soft break lost, a mail client's fold). What came before the cut
            // is not the value, so the field is left out rather than read wrong. Digits that
            // could not join the value into one 64-bit number (a whole 16-digit value, then an
            // author's `1000 0000 …`) are no cut: they are text after the value.
            var cut: VMCSDump.Pair?
            let hexTail = leftover?.split(separator: " ").first.flatMap { $0.allSatisfy(\.isHexDigit) ? $0 : nil }
            if let hexTail, let last = pairs.last, NumberText.hexDigitCount(last.value) + hexTail.utf8.count <= 16,
                fields(for: last.label, section: section) != nil
            {
                cut = pairs.removeLast()
            }
            // dump_vmcs prints each field once: one printed again with another value before the
            // dump's last line is another dump's, printed among this one's lines. After the
            // last line, or in a dump pasted in fragments, it starts another (a reply quoting a
            // row again), and never overwrites the value read.
            if let again = repeated(pairs, section: section) {
                if isComplete || headless && VMCSDump.rowSection(pairs) != nil { return .startsAnother }
                if snapshot.format == .kvm { return .interleaves(again) }
            }
            for pair in pairs {
                if let warning = store(pair, section: section, line: line.number) {
                    warnings.append(warning)
                } else {
                    placed = true
                }
                if pair.label == "tscoffset" { isComplete = true }
            }
            // A line none of whose pairs is a field of this dump is someone else's.
            // A line of pairs none of which this dump knows is someone else's, unless it falls
            // inside the dump (a field a newer kernel prints, named in a warning).
            if !placed, cut == nil, section == nil || isComplete {
                // Unless it is a `LABEL = 0x…` row right after the dump's rows in its control
                // section: KVM and Xen print rows after `TSC Offset` (which completes the dump),
                // and a kernel may add its own (`__va::EPT pointer = 0x…`). Such a row is named
                // and the dump goes on, so the rows after it are not lost in silence.
                guard isComplete, section == .control, leftover == nil, line.number <= lastRow + 2,
                    pairs.allSatisfy({ ($0.value.hasPrefix("0x") || $0.value.hasPrefix("0X")) && NumberText.hex($0.value) != nil })
                else { return .notMine }
                output.warnings += warnings
                lastRow = line.number
                return .recognized
            }
            if let cut, let leftover {
                output.warn(
                    context.location(line.number),
                    "the value of '\(cut.label)' is cut in two by a wrap ('\(cut.value.prefix(24))', then '\(leftover.prefix(40))'); \(cut.label) is left out"
                )
            } else if let leftover, let last = pairs.last {
                // Hex digits here did not fit the value (see above): no wrap cut it.
                output.warn(
                    context.location(line.number),
                    "cannot place '\(leftover.prefix(40))' after the value of '\(last.label)'" + (hexTail != nil ? "" : " (a value cut by wrapping?)"))
            }
            output.warnings += warnings
            if placed {
                noteStart(&output)
                lastPlaced = line.number
                lastRow = line.number
                placedAny = true
                return .placed
            }
            return .recognized
        case .row(let segment, let values):
            guard section != nil else { return .notMine }
            storeRow(segment, values, line: line.number, warnings: &output.warnings)
            noteStart(&output)
            lastPlaced = line.number
            lastRow = line.number
            placedAny = true
            return .placed
        case .msrEntry(let text):
            guard section != nil else { return .notMine }
            snapshot.metadata.append(("msr", text))
            return .recognized
        case .unrelated:
            if content.hasPrefix("sel ") || content.hasPrefix("sel  attr") { return .recognized }  // Xen's table heading
            if attachXenMSRLoadEntry(content) { return .recognized }
            if VMCSDump.isElision(content) {
                if !notedElision {
                    notedElision = true
                    snapshot.pageNotes.append("the input has lines cut out (line \(line.number)): fields they held are absent")
                }
                return .recognized
            }
            return .notMine
        }
    }

    private func noteStart(_ output: inout ReaderOutput) {
        if let warning = startWarning {
            output.warn(snapshot.location, warning)
            startWarning = nil
        }
    }

    /// A wrapped tail is never a section line or a dump's header; it is the rest of a pair (a
    /// value after `LABEL =`, `= value` after a label), or pairs, which read the same joined
    /// (and only joined when a line prefix such as `VMExit:` names them).
    func continues(_ previous: LogLine, with next: LogLine) -> Bool {
        let content = next.content
        if content.hasPrefix("*** ") && content.hasSuffix(" ***") || content.hasPrefix("VMCS ") { return false }
        let before = previous.content
        if before.hasSuffix(",") || before.hasSuffix("=") || before.hasSuffix(":") { return true }
        if content.hasPrefix("=") { return true }
        if let first = content.split(separator: " ").first, NumberText.hex(first.trimmingSuffix(",")) != nil { return true }
        switch VMCSDump.classify(content) {
        case .pairs, .row: return true
        default: return false
        }
    }

    /// A row broken after its comma in a log without decorations: joined only when the joined
    /// row places more fields than its two parts do apart (`gh_mask=` is a field only after
    /// `CR0:`; an author's note ending in a comma does not take the row after it).
    func joinsAfterComma(_ previous: LogLine, with next: LogLine) -> Bool {
        placeable(previous.joined(with: next).content) > placeable(previous.content) + placeable(next.content)
    }

    /// How many of a line's pairs name a field of the dump's current section.
    private func placeable(_ content: String) -> Int {
        guard content.utf8.contains(UInt8(ascii: "=")), case .pairs(let pairs, _) = VMCSDump.classify(content) else { return 0 }
        return pairs.filter { fields(for: $0.label, section: section) != nil }.count
    }

    func finish(into output: inout ReaderOutput) -> Snapshot? {
        output.warnings += deferred
        deferred = []
        fillInstructionError()
        guard !snapshot.values.isEmpty else { return nil }
        if !isComplete {
            output.warn(
                context.location(lastPlaced),
                "this VMCS dump ends early after this line: \(snapshot.values.count) fields read, the rest are absent")
        }
        return snapshot
    }

    func fields(for label: String, section: VMCSDump.Section?) -> [String]? {
        if let section, let ids = VMCSDump.labels["\(section.rawValue):\(label)"] { return ids }
        if section == nil {
            // Before any section line (the author cut it out), a label only one section prints
            // is still known: `RFLAGS`, `Interruptibility`; `RIP` is in two and stays unknown.
            let found = VMCSDump.Section.all.compactMap { VMCSDump.labels["\($0.rawValue):\(label)"] }
            if found.count == 1, let ids = found.first { return ids }
        }
        // Guest segment lines: `cs:sel`, `gdtr:limit`.
        let parts = label.split(separator: ":")
        if parts.count == 2, VMCSDump.segmentNames.contains(String(parts[0])), let part = VMCSDump.segmentParts[String(parts[1])] {
            return ["guest.\(parts[0]).\(part)"]
        }
        return nil
    }

    func store(_ pair: VMCSDump.Pair, section: VMCSDump.Section?, line: Int) -> InputWarning? {
        guard let ids = fields(for: pair.label, section: section) else {
            if section == nil {
                return InputWarning(
                    context.location(line), "'\(pair.label.clipped(60))' comes before any '*** … State ***' line; cannot tell guest from host")
            }
            return InputWarning(context.location(line), "'\(pair.label.clipped(60))' is not a VMCS field this tool knows; ignored")
        }
        guard let values = Self.values(of: pair) else {
            return InputWarning(context.location(line), "cannot read the value of '\(pair.label.clipped(60))': '\(pair.value)'")
        }
        guard values.count == ids.count else {
            return InputWarning(context.location(line), "expected \(ids.count) value(s) for '\(pair.label.clipped(60))', found '\(pair.value)'")
        }
        for (id, value) in zip(ids, values) {
            if let warning = set(id, value, line: line) { return warning }
        }
        if let qualifier = pair.qualifier, let id = ids.first {
            if qualifier == "effective" || qualifier == "autoload" || qualifier == "MSR LL" {
                snapshot.notes[id, default: []].append(
                    "printed as '(\(qualifier))': the hypervisor's copy of the guest's EFER, not read from this VMCS field")
            } else {
                // Xen prints a saved copy of some registers, and the host RIP's symbol, in parentheses.
                let kind = NumberText.hex(qualifier) != nil ? "saved" : "symbol"
                let owner = section == .host ? "host" : "guest"
                snapshot.metadata.append(("\(owner)_\(pair.label)_\(kind)", qualifier))
            }
        }
        if pair.label.hasPrefix("efer(msrll)"), let id = ids.first {
            snapshot.notes[id, default: []].append("printed from Xen's MSR load list, not read from this VMCS field")
        }
        return nil
    }

    func storeRow(_ segment: String, _ values: [String], line: Int, warnings: inout [InputWarning]) {
        let parts = segment == "gdtr" || segment == "idtr" ? ["limit", "base"] : ["selector", "ar", "limit", "base"]
        guard values.count == parts.count else {
            warnings.append(
                InputWarning(
                    context.location(line), "expected \(parts.count) values in the \(segment.uppercased()) row, found \(values.count)"))
            return
        }
        for (part, text) in zip(parts, values) {
            if let value = NumberText.hex(text), let warning = set("guest.\(segment).\(part)", value, line: line) {
                warnings.append(warning)
            }
        }
    }

    /// The numbers of a pair's value, in the order of its fields: `0010:ffffffff81000000` is
    /// two, `SVI|RVI = 00|00` one (SVI is the high byte of the guest interrupt status); nil
    /// when a part is no hex number.
    static func values(of pair: VMCSDump.Pair) -> [UInt64]? {
        var values: [UInt64] = []
        for part in pair.value.split(whereSeparator: { $0 == ":" || $0 == "|" }) {
            guard let value = NumberText.hex(part) else { return nil }
            values.append(value)
        }
        if pair.label.hasSuffix("svi|rvi"), values.count == 2 { values = [(values[0] << 8) | values[1]] }
        return values
    }

    /// The first of `pairs` that gives a field this dump already holds another value of, in
    /// words (`GUEST_RIP 0xffffffff81000000 after 0xffffffff8107a3b5 at line 12`).
    func repeated(_ pairs: [VMCSDump.Pair], section: VMCSDump.Section?) -> String? {
        for pair in pairs {
            guard let ids = fields(for: pair.label, section: section), let values = Self.values(of: pair) else { continue }
            guard values.count == ids.count, pair.qualifier == nil else { continue }
            for (id, value) in zip(ids, values) {
                guard let held = snapshot.values[id], held != .integer(value),
                    let field = Catalog.vmcs.field(id: id)
                else { continue }
                let line = placedAt[id].map { " at line \($0)" } ?? ""
                return "\(field.name) is printed again as 0x\(String(value, radix: 16)) after \(held.integer.map { "0x" + String($0, radix: 16) } ?? "")\(line)"
            }
        }
        return nil
    }

    func set(_ id: String, _ value: UInt64, line: Int) -> InputWarning? {
        guard let field = Catalog.vmcs.field(id: id) else { return nil }
        let width = field.size * 8
        if width < 64, value >> UInt64(width) != 0 {
            return InputWarning(
                context.location(line), "value 0x\(String(value, radix: 16)) does not fit the \(width)-bit field \(field.name)")
        }
        snapshot.values[id] = .integer(value)
        placedAt[id] = line
        return nil
    }
}

extension String {
    /// The string without the given characters at either end.
    func trimming(_ characters: String) -> String {
        // ASCII characters (every caller's) are trimmed on the bytes: an ASCII byte is always a
        // whole scalar in UTF-8, so the ends found are scalar boundaries.
        if characters.utf8.allSatisfy({ $0 < 0x80 }) {
            let utf8 = self.utf8
            var start = utf8.startIndex
            var end = utf8.endIndex
            while start != end, characters.utf8.contains(utf8[start]) { start = utf8.index(after: start) }
            while end != start, characters.utf8.contains(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
            if start == utf8.startIndex, end == utf8.endIndex { return self }
            return String(String.UnicodeScalarView(unicodeScalars[start..<end]))
        }
        let set = Set(characters.unicodeScalars)
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        // Back one scalar at a time (a `dropLast()` loop is quadratic).
        var end = scalars.endIndex
        while end != scalars.startIndex, set.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(String.UnicodeScalarView(scalars[scalars.startIndex..<end]))
    }
}

extension VMCSBuilder {
    /// Xen's `  msr %08x val %016"PRIx64" (mbz %#x)` line after `MSR loading (entry %lu)`: the
    /// MSR and value of the VM-entry MSR-load entry that failed, for the exit reason 34 failure.
    func attachXenMSRLoadEntry(_ content: String) -> Bool {
        if XenVMXMessages.isEntryOutOfRange(content) {
            snapshot.pageNotes.append("Xen says the failing MSR-load entry lies outside the area it keeps (\"Entry out of range\")")
            return true
        }
        guard let entry = XenVMXMessages.msrLoadEntry(content),
            let index = snapshot.failures.lastIndex(where: { failure in
                if case .vmxExitReason(let reason) = failure.kind { return reason & 0xffff == 34 }
                return false
            })
        else { return false }
        snapshot.failures[index].msrIndex = entry.index
        snapshot.failures[index].msrValue = entry.value
        if entry.mbz != 0 { snapshot.metadata.append(("msr_load_mbz", "0x" + String(entry.mbz, radix: 16))) }
        return true
    }

    /// Xen reads the VM-instruction error field to print VMLAUNCH's failure, which the dump
    /// itself never prints: the field takes the failure's number.
    func fillInstructionError() {
        guard snapshot.values["exit.instruction_error"] == nil else { return }
        for failure in snapshot.failures {
            if case .vmInstructionError(let error) = failure.kind {
                snapshot.values["exit.instruction_error"] = .integer(UInt64(error))
                return
            }
        }
    }
}
