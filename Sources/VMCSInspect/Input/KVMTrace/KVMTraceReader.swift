extension InputFormat {
    /// KVM's trace events as ftrace, trace-cmd, perf script and perf trace print them.
    public static let trace = InputFormat(
        "trace", title: "KVM trace events",
        example:
            "CPU 0/KVM-4187 [003] d.... 2345.678905: kvm_exit: vcpu 0 reason EPT_VIOLATION rip 0xffffffff8104e5c6 info1 0x0000000000000181 …",
        isLog: true)
}

/// Reads KVM's trace events (`/sys/kernel/tracing/trace`, `trace_pipe`, `trace-cmd report`,
/// `perf script`, `perf trace`, Linux 4.x to 6.18): each exit event (`kvm_exit`,
/// `kvm_nested_vmexit`, `kvm_nested_vmexit_inject`) becomes one snapshot of exit information,
/// in input order. The events that KVM traces while it handles an exit (`kvm_page_fault`,
/// `kvm_inj_exception`, `kvm_emulate_insn`, `kvm_userspace_exit`, the next `kvm_entry`, …) are
/// attached to the exit of the same task as metadata; every other event is counted.
///
/// The payloads follow each event's TP_printk format of its kernel version, or libtraceevent's
/// plugin rendering (see `KVMTraceFormats`); which one is told by each line's own shape, never
/// by a kernel version. The vendor is told by the exit reason's spelling (VMX `EPT_VIOLATION`,
/// SVM `npf` or the plugin's `EXIT_NPF`) or by SVM/VMX-only events; an exit whose reason names
/// no vendor takes the trace's, or stays vendor-neutral with a warning.
///
/// The work per line is constant: an exit is kept open only until its task's next entry or
/// exit (or a window of lines), and snapshots are handed out in order as they close.
final class KVMTraceReader: TextReader {
    static let entry = TextReaderEntry(
        formats: [.trace], score: { head in score(head).map { (.trace, $0) } },
        make: { context, _ in KVMTraceReader(context: context) })

    /// Lines after which an exit takes no more events.
    static let attachWindow = 4096
    /// Exits kept open at most (tasks that never enter again).
    static let openLimit = 1 << 14
    /// Events attached to one exit at most; more are counted.
    static let attachLimit = 16
    /// Continuation lines joined onto one event at most.
    static let joinLimit = 8

    let context: ReaderContext
    var step: LineScanner.Step { .next }

    /// What the trace says as a whole: its vendor, its kernel's age, its printer.
    struct Evidence {
        var vendor: Architecture?
        var vendorLine = 0
        var vendorWhat = ""
        var conflict = false
        /// A line that only a kernel before 5.10 prints, and one that only 5.9 or later prints.
        var oldLine: (Int, String)?
        var newLine: (Int, String)?
        /// trace-cmd's marks: padded event names, `cpus=`.
        var traceCmd = false

        mutating func vendor(_ architecture: Architecture, line: Int, what: String) -> Bool {
            if vendor == nil {
                vendor = architecture
                vendorLine = line
                vendorWhat = what
                return false
            }
            if vendor != architecture {
                conflict = true
                return true
            }
            return false
        }

        mutating func era(_ era: KVMTraceFormat.Era, line: Int, what: @autoclosure () -> String) {
            switch era {
            case .any: break
            case .before5_10: if oldLine == nil { oldLine = (line, what()) }
            case .from5_9: if newLine == nil { newLine = (line, what()) }
            }
        }
    }

    var evidence = Evidence()

    /// A line whose payload is not complete yet: a continuation line may follow.
    private struct Pending {
        var line: KVMTraceLine
        var matched: KVMTraceFormats.Matched
        var number: Int
        var quoteDepth: Int
        var joins = 0
    }

    private var pending: Pending?
    private var queue: [OpenExit] = []
    private var queueHead = 0
    private var openByKey: [StreamKey: [OpenExit]] = [:]
    private var vcpuByKey: [StreamKey: (Int, Int)] = [:]
    private var exitCount = 0
    private var lineNumber = 0
    /// Events by name, and lines read as trace lines.
    private(set) var eventCounts: [String: Int] = [:]
    private(set) var eventTotal = 0
    private(set) var layouts: [KVMTraceLine.Layout: Int] = [:]
    var warnedOnceKeys: Set<String> = []

    /// The events read, in order, when a summary asks for them (`show` on a whole trace).
    var collectsEvents = false
    var events: [TraceEvent] = []

    init(context: ReaderContext) {
        self.context = context
        // The head decides what single lines cannot: the vendor when an exit's reason is a
        // bare number, and the kernel's age when the plugin's `info A B` hides it.
        for (offset, raw) in context.head.raw.enumerated() {
            var bytes = Array(raw.utf8)
            let cleaned = bytes.withUnsafeMutableBufferPointer { KVMTraceLine.clean(UnsafeBufferPointer($0)) }
            if case .event(let line) = KVMTraceLine.classify(cleaned) {
                observe(line, match(line), number: offset + 1, quiet: true)
            } else if case .header = KVMTraceLine.classify(cleaned), cleaned.text.hasPrefix("cpus=") {
                evidence.traceCmd = true
            }
        }
    }

    // MARK: Detection

    static func score(_ head: HeadSample) -> Score? {
        var events = 0
        var first: (Int, String)?
        for (offset, raw) in head.raw.enumerated() {
            var bytes = Array(raw.utf8)
            let cleaned = bytes.withUnsafeMutableBufferPointer { KVMTraceLine.clean(UnsafeBufferPointer($0)) }
            guard case .event(let line) = KVMTraceLine.classify(cleaned), KVMTraceLine.isKVMEvent(line.event) else { continue }
            if let formats = formatsByEvent[line.event] {
                let matched = KVMTraceFormats.match(strippingPluginErrors(line.payload), formats)
                if matched.complete || matched.partial || matched.trailing != nil || line.fieldMode {
                    if exitEvents.contains(line.event) { return Score(100, "a '\(line.event)' event on line \(offset + 1)") }
                    events += 1
                    if first == nil { first = (offset + 1, line.event) }
                    continue
                }
            }
            if line.layout != .bare {
                events += 1
                if first == nil { first = (offset + 1, line.event) }
            }
        }
        guard let first, events > 0 else {
            // A trace's header with no event under it (tracing was on, KVM printed nothing):
            // still a trace, so that the message says it holds no event.
            guard head.nonEmpty.first?.content.hasPrefix("# tracer:") == true else { return nil }
            return Score(60, "an ftrace header on line 1")
        }
        return Score(events >= 2 ? 90 : 70, "a '\(first.1)' trace event on line \(first.0)")
    }

    // MARK: Reading

    func consume(_ raw: TextLine, into output: inout ReaderOutput) throws {
        lineNumber = raw.number
        let cleaned = KVMTraceLine.clean(raw.bytes)
        let kind = KVMTraceLine.classify(cleaned)
        if var waiting = pending {
            pending = nil
            if case .other = kind, !cleaned.isEmpty, cleaned.quoteDepth == waiting.quoteDepth, waiting.joins < Self.joinLimit {
                var joined = waiting.line
                joined.payload += [0x20] + cleaned.bytes[cleaned.start..<cleaned.end]
                let matched = match(joined)
                if matched.complete || matched.trailing != nil {
                    handle(joined, matched, number: waiting.number, cut: false, into: &output)
                    expire(into: &output)
                    return
                }
                if matched.partial {
                    waiting.line = joined
                    waiting.matched = matched
                    waiting.joins += 1
                    pending = waiting
                    return
                }
            }
            handle(waiting.line, waiting.matched, number: waiting.number, cut: true, into: &output)
        }
        switch kind {
        case .event(let line):
            let matched = match(line)
            if Self.waits(line, matched) {
                pending = Pending(line: line, matched: matched, number: raw.number, quoteDepth: cleaned.quoteDepth)
            } else {
                handle(line, matched, number: raw.number, cut: false, into: &output)
            }
        case .header:
            if cleaned.text.hasPrefix("cpus=") { evidence.traceCmd = true }
        case .lost(let text):
            output.warn(
                context.location(raw.number),
                "the trace says events were lost here ('\(Self.visible(text, 60))'): exits around it may lack their events")
        case .damaged:
            output.warn(context.location(raw.number), "cannot read this trace line: '\(Self.visible(cleaned.text, 60))'")
        case .other:
            break
        }
        expire(into: &output)
    }

    func finish(into output: inout ReaderOutput) throws {
        if let waiting = pending {
            pending = nil
            handle(waiting.line, waiting.matched, number: waiting.number, cut: true, into: &output)
        }
        for open in queue[queueHead...] { open.closed = true }
        release(into: &output)
        // A trace without exits is still a trace (its events are listed); only text with no
        // event at all is refused.
        if eventTotal == 0 {
            throw InspectError(
                SourceLocation(file: context.name),
                "expected KVM trace events (kvm_exit, kvm_entry, …), found none in \(lineNumber) line\(lineNumber == 1 ? "" : "s")")
        }
    }

    // MARK: Events

    static let exitEvents: Set<String> = ["kvm_exit", "kvm_nested_vmexit", "kvm_nested_vmexit_inject"]

    /// Events that belong to the exit KVM is handling for the same task: attached to it.
    static let attachable: Set<String> = [
        "kvm_entry", "kvm_page_fault", "kvm_inj_exception", "kvm_inj_virq", "kvm_emulate_insn", "kvm_userspace_exit", "kvm_pio",
        "kvm_fast_mmio", "kvm_mmio", "kvm_msr", "kvm_cr", "kvm_cpuid", "kvm_hypercall", "kvm_hv_hypercall", "kvm_xen_hypercall",
        "kvm_nested_vmrun", "kvm_nested_vmenter", "kvm_nested_vmenter_failed", "kvm_nested_intercepts", "kvm_nested_intr_vmexit",
        "kvm_invlpga", "kvm_skinit", "kvm_smm_transition", "kvm_apic", "kvm_pml_full", "kvm_avic_incomplete_ipi",
        "kvm_avic_unaccelerated_access",
    ]

    /// Events only one vendor's KVM traces.
    static let svmOnly: Set<String> = [
        "kvm_nested_vmrun", "kvm_nested_intercepts", "kvm_invlpga", "kvm_skinit", "kvm_avic_incomplete_ipi",
        "kvm_avic_unaccelerated_access", "kvm_avic_ga_log", "kvm_avic_kick_vcpu_slowpath", "kvm_avic_doorbell",
    ]
    static let vmxOnly: Set<String> = ["kvm_nested_vmenter_failed", "kvm_pml_full"]

    static let formatsByEvent: [String: [KVMTraceFormat]] = KVMTraceFormats.events.merging(
        [
            "kvm_exit": KVMTraceFormats.exit, "kvm_nested_vmexit": KVMTraceFormats.exit + KVMTraceFormats.nestedExitBefore5_10,
            "kvm_nested_vmexit_inject": KVMTraceFormats.nestedInject,
        ], uniquingKeysWith: { $1 })

    static func formats(for event: String) -> [KVMTraceFormat]? { formatsByEvent[event] }

    /// What the reader knows of an event, looked up once per line.
    struct EventKind {
        var formats: [KVMTraceFormat]?
        var isExit = false
        var attachable = false
        /// The vendor whose KVM alone traces the event.
        var vendor: Architecture?
    }

    static let kinds: [String: EventKind] = {
        var kinds: [String: EventKind] = [:]
        for (name, formats) in formatsByEvent { kinds[name, default: EventKind()].formats = formats }
        for name in exitEvents { kinds[name, default: EventKind()].isExit = true }
        for name in attachable { kinds[name, default: EventKind()].attachable = true }
        for name in svmOnly { kinds[name, default: EventKind()].vendor = .svm }
        for name in vmxOnly { kinds[name, default: EventKind()].vendor = .vmx }
        return kinds
    }()

    /// The task a line belongs to: the events of one exit share it.
    enum StreamKey: Hashable {
        case pid(Int)
        case task(String)
        /// No context: a paste of bare events.
        case none
    }

    /// libtraceevent's plugin cannot find its fields on kvm_nested_vmexit from Linux 5.10 and
    /// prints the kernel's text after an error: `<CANT FIND FIELD rip>` (1.6.3 and later) or
    /// `CAN'T FIND FIELD "rip"<CANT FIND FIELD exit_code>` (before).
    static func strippingPluginErrors(_ payload: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var rest = payload
        var stripped = false
        guard payload.first == UInt8(ascii: "<") || payload.first == UInt8(ascii: "C") else { return payload }
        while true {
            if rest.starts(with: cantFindField), let close = rest.firstIndex(of: UInt8(ascii: ">")) {
                rest = rest[(close + 1)...]
                stripped = true
            } else if rest.starts(with: cantFindFieldQuoted) {
                let afterOpen = rest.index(rest.startIndex, offsetBy: 18)
                guard let quote = rest[afterOpen...].firstIndex(of: UInt8(ascii: "\"")) else { break }
                rest = rest[(quote + 1)...]
                stripped = true
            } else {
                break
            }
        }
        return stripped ? rest : payload
    }

    private static let cantFindField = Array("<CANT FIND FIELD ".utf8)
    private static let cantFindFieldQuoted = Array("CAN'T FIND FIELD \"".utf8)

    /// A line's payload matched against its event's shapes (once per line).
    private func match(_ line: KVMTraceLine) -> KVMTraceFormats.Matched {
        let isKVM = line.system == nil || line.system == "kvm" || line.system == "kvmmmu"
        let kind = isKVM ? Self.kinds[line.event] ?? EventKind() : EventKind()
        var matched = KVMTraceFormats.Matched()
        if line.fieldMode {
            matched = KVMTraceFormats.Matched(fields: Self.fieldList(line.payload), complete: true)
        } else if let formats = kind.formats {
            let stripped = Self.strippingPluginErrors(line.payload)
            matched = KVMTraceFormats.match(stripped, formats)
            matched.pluginError = stripped.count != line.payload.count
        }
        matched.kind = kind
        return matched
    }

    /// True when a continuation line may still complete the payload.
    private static func waits(_ line: KVMTraceLine, _ matched: KVMTraceFormats.Matched) -> Bool {
        !line.fieldMode && !matched.complete && matched.trailing == nil && matched.partial
    }

    /// Notes what a line says about the trace as a whole; returns the fields it matched.
    private func observe(_ line: KVMTraceLine, _ matched: KVMTraceFormats.Matched, number: Int, quiet: Bool) {
        let kind = matched.kind
        if line.padded, line.layout == .traceCmd { evidence.traceCmd = true }
        if line.layout == .traceCmdLatency { evidence.traceCmd = true }
        if matched.pluginError { evidence.era(.from5_9, line: number, what: "the plugin's '<CANT FIND FIELD' on kvm_nested_vmexit") }
        if let format = matched.format, matched.complete || matched.trailing != nil {
            evidence.era(format.era, line: number, what: "\(line.event) printed as '\(format.template)'")
        }
        // The evidence is described only when it is kept or contradicts what was kept.
        var vendor: Architecture?
        var what: () -> String = { "" }
        if let only = kind.vendor {
            vendor = only
            what = { "the \(only == .vmx ? "VMX" : "SVM")-only event \(line.event)" }
        }
        if line.event == "kvm_nested_vmenter", let structure = Self.text("structure", matched.fields) {
            if structure == "vmcs" { vendor = .vmx }
            if structure == "vmcb" { vendor = .svm }
            what = { "kvm_nested_vmenter's '\(structure):'" }
        }
        if kind.isExit {
            if let reason = Self.text("reason", matched.fields), let found = Self.parseReason(reason).vendor {
                vendor = found
                what = { "the exit reason '\(Self.visible(reason, 40))'" }
            } else if let isa = Self.number("isa", matched.fields), isa == 1 || isa == 2 {
                vendor = isa == 1 ? .vmx : .svm
                what = { "isa \(isa)" }
            }
        }
        guard let vendor, evidence.vendor != vendor || evidence.vendor == nil else { return }
        if evidence.vendor(vendor, line: number, what: what()), !quiet, !warnedOnceKeys.contains("vendor") {
            warnedOnceKeys.insert("vendor")
            pendingWarnings.append(
                InputWarning(
                    context.location(number),
                    "\(what()) is \(vendor == .vmx ? "VMX" : "SVM")'s, but line \(evidence.vendorLine) had \(evidence.vendorWhat); each exit is read by its own line's vendor"
                ))
        }
    }

    private var pendingWarnings: [InputWarning] = []

    /// perf trace's field mode: `exit_reason: 48, guest_rip: 18446744071579166150, isa: 1`,
    /// decimal (a `0x` value in hex); zero fields are left out by perf.
    static func fieldList(_ payload: ArraySlice<UInt8>) -> [(String, KVMTraceFormat.Value)] {
        var fields: [(String, KVMTraceFormat.Value)] = []
        for part in KVMTraceLine.fieldParts(payload) {
            guard let colon = part.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: part[..<colon], as: UTF8.self)
            let text = String(decoding: part[(colon + 1)...], as: UTF8.self).trimmingSpaces()
            let renamed = ["exit_reason": "reason", "guest_rip": "rip", "vcpu_id": "vcpu"][name] ?? name
            if text.hasPrefix("0x"), let value = NumberText.hex(text) {
                fields.append((renamed, .number(value)))
            } else if let value = NumberText.decimal(text) {
                fields.append((renamed, .number(value)))
            } else {
                fields.append((renamed, .text(text)))
            }
        }
        return fields
    }

    static func text(_ name: String, _ fields: [(String, KVMTraceFormat.Value)]) -> String? {
        fields.first { $0.0 == name }?.1.text
    }

    static func number(_ name: String, _ fields: [(String, KVMTraceFormat.Value)]) -> UInt64? {
        fields.first { $0.0 == name }?.1.number
    }

    /// The key of the task a line belongs to: events of one exit share it.
    private static func key(_ line: KVMTraceLine) -> StreamKey {
        if let pid = line.pid { return .pid(pid) }
        if let task = line.task { return .task(task) }
        return .none
    }

    private func handle(_ line: KVMTraceLine, _ matched: KVMTraceFormats.Matched, number: Int, cut: Bool, into output: inout ReaderOutput) {
        var line = line
        // trace-cmd pads names shorter than 20 columns only: its longer names look like ftrace's.
        if line.layout == .ftrace, evidence.traceCmd { line.layout = .traceCmd }
        eventTotal += 1
        eventCounts[line.event, default: 0] += 1
        layouts[line.layout, default: 0] += 1
        observe(line, matched, number: number, quiet: false)
        output.warnings += pendingWarnings
        pendingWarnings = []
        let key = Self.key(line)
        let kind = matched.kind
        var fields = matched.fields
        if !matched.complete, !line.fieldMode, kind.formats != nil {
            let what = Self.visible(line.payloadText, 60)
            if Self.isRawFieldList(line.payload) {
                // `trace-cmd report -R`: each number in its format's base, which the text
                // does not show; only `0x` values are taken.
                warnOnce(
                    "raw", context.location(number),
                    "events printed as raw fields (trace-cmd report -R) are listed, but their values are not read: a bare number's base is its format's, which the line does not show",
                    into: &output)
                fields = Self.looseFields(line.payload)
            } else if let trailing = matched.trailing {
                output.warn(context.location(number), "text after the \(line.event) event is not read: '\(Self.visible(trailing, 60))'")
            } else if cut || matched.partial {
                output.warn(
                    context.location(number), "the \(line.event) event ends before its format does ('\(what)'); read as far as it goes")
            } else {
                output.warn(context.location(number), "\(line.event) payload in no format this reader knows: '\(what)'")
                fields = []
            }
        } else if kind.formats == nil, !line.fieldMode {
            fields = Self.looseFields(line.payload)
        }
        var vcpu = Self.number("vcpu", fields).map { Int(truncatingIfNeeded: $0) }
        if line.event == "kvm_entry", let vcpu { vcpuByKey[key] = (vcpu, number) }
        var exitIndex: Int?
        if kind.isExit, Self.text("reason", fields) != nil || Self.number("reason", fields) != nil {
            if line.event == "kvm_exit" { close(key) }
            var inferredVCPU: (vcpu: Int, line: Int)?
            if vcpu == nil, let known = vcpuByKey[key] {
                vcpu = known.0
                inferredVCPU = (known.0, known.1)
            }
            let exit = OpenExit(
                index: exitCount, line: line, number: number, fields: fields, format: matched.format, vcpu: vcpu,
                inferredVCPU: inferredVCPU,
                key: key, cut: !matched.complete && matched.trailing == nil)
            exitCount += 1
            exitIndex = exit.index
            queue.append(exit)
            openByKey[key, default: []].append(exit)
            if queue.count - queueHead > Self.openLimit { queue[queueHead].closed = true }
        } else if kind.attachable, let open = openByKey[key] {
            for exit in open where !exit.closed {
                exit.attach(line, number: number, fields: fields)
            }
            if line.event == "kvm_entry" { close(key) }
        }
        if collectsEvents {
            events.append(
                TraceEvent(
                    line: number, name: line.event, system: line.system, task: line.task, pid: line.pid, tgid: line.tgid, cpu: line.cpu,
                    timestamp: line.timestamp, vcpu: vcpu, payload: Self.visible(line.payloadText),
                    fields: fields.map { ($0.0, $0.1.traceValue) },
                    exitIndex: exitIndex, layout: line.layout.rawValue))
        }
        release(into: &output)
    }

    /// `name=value name=value`: libtraceevent's raw field dump.
    static func isRawFieldList(_ payload: ArraySlice<UInt8>) -> Bool {
        guard let first = payload.split(separator: 0x20).first, let equals = first.firstIndex(of: UInt8(ascii: "=")) else { return false }
        return equals > first.startIndex && first[..<equals].allSatisfy(KVMTraceLine.isEventNameByte)
    }

    /// Fields of an event the reader has no format for: `name 0x…`, `name: 0x…`, `name:0x…`
    /// and `name=0x…` pairs (a number without `0x` has no base the reader could trust).
    static func looseFields(_ payload: ArraySlice<UInt8>) -> [(String, KVMTraceFormat.Value)] {
        var fields: [(String, KVMTraceFormat.Value)] = []
        let tokens = payload.split(separator: 0x20, omittingEmptySubsequences: true)
        var previous: ArraySlice<UInt8>?
        for token in tokens {
            var name: ArraySlice<UInt8>?
            var value = token
            if let separator = token.firstIndex(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "=") }),
                separator > token.startIndex,
                separator + 1 < token.endIndex
            {
                name = token[..<separator]
                value = token[(separator + 1)...]
            } else if let previous {
                name = previous.last == UInt8(ascii: ":") ? previous.dropLast() : previous
            }
            while let last = value.last, last == UInt8(ascii: ",") || last == UInt8(ascii: ")") { value = value.dropLast() }
            if let name, !name.isEmpty, name.allSatisfy(KVMTraceLine.isEventNameByte), value.starts(with: Array("0x".utf8)),
                let number = NumberText.hex(String(decoding: value, as: UTF8.self))
            {
                fields.append((String(decoding: name, as: UTF8.self), .number(number)))
            }
            previous = token
        }
        return fields
    }

    /// Closes the exits a task has open.
    private func close(_ key: StreamKey) {
        guard let open = openByKey.removeValue(forKey: key) else { return }
        for exit in open { exit.closed = true }
    }

    /// Closes exits that stayed open for the whole window.
    private func expire(into output: inout ReaderOutput) {
        guard queueHead < queue.count else { return }
        let oldest = queue[queueHead]
        if !oldest.closed, lineNumber - oldest.number > Self.attachWindow {
            // Exits are queued in line order: the first one inside the window ends the walk.
            for exit in queue[queueHead...] {
                if lineNumber - exit.number <= Self.attachWindow { break }
                exit.closed = true
            }
            release(into: &output)
        }
    }

    /// Hands out the closed exits at the front, in order.
    private func release(into output: inout ReaderOutput) {
        while queueHead < queue.count, queue[queueHead].closed {
            let exit = queue[queueHead]
            if let open = openByKey[exit.key], open.contains(where: { $0 === exit }) {
                let rest = open.filter { $0 !== exit }
                openByKey[exit.key] = rest.isEmpty ? nil : rest
            }
            output.snapshots.append(snapshot(exit, into: &output))
            queueHead += 1
        }
        if queueHead > 1024, queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
    }

    // MARK: Text

    /// Input text as it may be shown: control bytes escaped (`\x1b`), cut to `limit` characters.
    static func visible(_ text: String, _ limit: Int = Int.max) -> String {
        if text.utf8.count <= limit, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) { return text }
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "…"
                break
            }
            if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value) {
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}

extension KVMTraceFormat.Value {
    var traceValue: TraceFieldValue {
        switch self {
        case .number(let value): return .number(value)
        case .text(let text): return .text(KVMTraceReader.visible(text))
        }
    }
}
