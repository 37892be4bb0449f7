/// A value of a trace event's payload, as its format names it.
public enum TraceFieldValue: Sendable, Equatable {
    case number(UInt64)
    case text(String)

    public var number: UInt64? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// One event of a KVM trace as read: its context columns, its payload, and the fields its
/// format names (`kvm_page_fault`'s `address`, `kvm_entry`'s `vcpu` and `rip`, …).
public struct TraceEvent: Sendable {
    /// 1-based line number (the first line of an event wrapped over several).
    public var line: Int
    /// The event name (`kvm_exit`), without perf's system prefix.
    public var name: String
    /// perf's system (`kvm`), when printed.
    public var system: String?
    public var task: String?
    public var pid: Int?
    public var tgid: Int?
    public var cpu: Int?
    /// The timestamp as printed (`2345.678905`).
    public var timestamp: String?
    /// The vCPU the payload names, or for an exit that names none, the one of its task's
    /// last `kvm_entry`.
    public var vcpu: Int?
    /// The payload as printed (continuation lines joined), control characters escaped.
    public var payload: String
    /// The payload's fields, in order; empty when the reader has no format for the event
    /// (then only `name 0x…` pairs are taken).
    public var fields: [(name: String, value: TraceFieldValue)]
    /// For an exit event: the index of its snapshot (`FILE@N`).
    public var exitIndex: Int?
    /// Which printer's layout the line has (`ftrace`, `trace-cmd report`, `perf script`, …).
    public var layout: String

    public init(
        line: Int, name: String, system: String? = nil, task: String? = nil, pid: Int? = nil, tgid: Int? = nil, cpu: Int? = nil,
        timestamp: String? = nil, vcpu: Int? = nil, payload: String, fields: [(name: String, value: TraceFieldValue)] = [],
        exitIndex: Int? = nil, layout: String = ""
    ) {
        self.line = line
        self.name = name
        self.system = system
        self.task = task
        self.pid = pid
        self.tgid = tgid
        self.cpu = cpu
        self.timestamp = timestamp
        self.vcpu = vcpu
        self.payload = payload
        self.fields = fields
        self.exitIndex = exitIndex
        self.layout = layout
    }

    /// The value of a payload field by name.
    public func field(_ name: String) -> TraceFieldValue? {
        fields.first { $0.name == name }?.value
    }
}

/// What `show` prints for a whole KVM trace instead of a field listing per exit: one row per
/// event, in input order, and a count of exits by reason and of the other events at the end.
/// A trace holds hundreds of thousands of events; `show FILE@N` decodes one exit in full.
public enum TraceSummary {
    /// A trace read whole: every event, every exit's snapshot, the warnings (tests, small
    /// inputs; `show` streams).
    public struct Contents: Sendable {
        public var events: [TraceEvent]
        public var snapshots: [Snapshot]
        public var warnings: [InputWarning]
        public var format: InputFormat
        /// The counts `show` ends with.
        public var tally: TraceTally
    }

    /// Reads a whole input as a KVM trace; nil when it is another format.
    public static func read(path: String, displayName: String? = nil, settings: InputSettings = InputSettings()) throws -> Contents? {
        try read(SnapshotReader(path: path, displayName: displayName, settings: settings))
    }

    /// Reads text in memory as a KVM trace; nil when it is another format.
    public static func read(_ text: String, name: String, settings: InputSettings = InputSettings()) throws -> Contents? {
        try read(SnapshotReader(bytes: Array(text.utf8), name: name, settings: settings))
    }

    static func read(_ reader: SnapshotReader) throws -> Contents? {
        guard let trace = reader.textReader as? KVMTraceReader else { return nil }
        trace.collectsEvents = true
        let snapshots = try reader.readAll()
        var tally = TraceTally()
        for snapshot in snapshots { tally.add(snapshot) }
        tally.finish(trace)
        return Contents(events: trace.events, snapshots: snapshots, warnings: reader.warnings, format: reader.format, tally: tally)
    }

    /// `show` on a whole trace (no `@N`, `--json`, `--group` or `--field`): the rows and the
    /// counts, written as they are read. Nil when the input is not a trace or the request asks
    /// for something else, which the caller then does as for any input.
    public static func show(_ request: ShowRequest, _ selection: inout SnapshotSelection, write: (String) -> Void) throws -> ShowResult? {
        guard request.index == nil, selection.reference.index == nil, !request.json, request.groups.isEmpty, request.fields.isEmpty,
            let trace = selection.reader.textReader as? KVMTraceReader
        else { return nil }
        trace.collectsEvents = true
        let options = request.options
        // The title and column heads wait for the first event: input that turns out to hold
        // none is an error, with nothing on standard output.
        var started = false
        func start() {
            guard !started else { return }
            started = true
            write(
                options.paint("KVM trace \(KVMTraceReader.visible(selection.reader.name))", "1") + " (one row per event; FILE@N names exit N)\n"
            )
            write(options.paint(header, "2") + "\n")
        }
        var tally = TraceTally()
        func flush() {
            if !trace.events.isEmpty { start() }
            for event in trace.events { write(row(event) + "\n") }
            trace.events.removeAll(keepingCapacity: true)
        }
        while let snapshot = try selection.next() {
            tally.add(snapshot)
            flush()
        }
        flush()
        start()
        tally.finish(trace)
        write("\n" + tally.text(options))
        return ShowResult(warnings: selection.reader.warnings)
    }

    static let header =
        "exit".leftPadded(to: 5) + "  " + "line".leftPadded(to: 6) + "  " + "time".padded(to: 14) + "  cpu  " + "task-pid".padded(to: 20)
        + "  vcpu  "
        + "event".padded(to: 24) + "  payload"

    /// One event as a row: `@N` for an exit, line, time, CPU, task-pid, vCPU, event, payload.
    public static func row(_ event: TraceEvent) -> String {
        var taskPid = event.task.map { KVMTraceReader.visible($0) } ?? ""
        if let pid = event.pid { taskPid += (taskPid.isEmpty ? "" : "-") + String(pid) }
        let columns = [
            (event.exitIndex.map { "@\($0)" } ?? "").leftPadded(to: 5),
            String(event.line).leftPadded(to: 6),
            (event.timestamp ?? "-").padded(to: 14),
            (event.cpu.map { String($0) } ?? "-").leftPadded(to: 3),
            (taskPid.isEmpty ? "-" : taskPid).padded(to: 20),
            (event.vcpu.map { String($0) } ?? "-").leftPadded(to: 4),
            KVMTraceReader.visible(event.name).padded(to: 24),
            event.payload,
        ]
        return columns.joined(separator: "  ").trimmingTrailingSpaces()
    }

}

/// The counts `show` ends a trace with: exits by reason (vendor and value, with the spellings
/// the trace printed) and the other events by name.
public struct TraceTally: Sendable {
    /// An exit reason as the count groups it: vendor and value (or, with no vendor, the text).
    public struct Reason: Hashable, Sendable {
        public var architecture: Architecture
        public var value: UInt64?
        public var text: String
    }

    public struct Count: Sendable {
        public var reason: Reason
        public var count: Int
        /// Up to three spellings the trace printed for it (`EXIT_NPF`, `npf`).
        public var printed: [String]
    }

    /// Exits by reason, the most frequent first (ties in the order first met).
    public var exits: [Count] {
        order.compactMap { counts[$0] }.enumerated().sorted {
            $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset
        }.map(\.element)
    }
    /// The other events by name, the most frequent first.
    public private(set) var others: [(name: String, count: Int)] = []
    public private(set) var exitTotal = 0
    public private(set) var eventTotal = 0
    public private(set) var architectures = Set<Architecture>()
    /// The printers' layouts met, the most frequent first.
    public private(set) var layouts: [String] = []

    private var counts: [Reason: Count] = [:]
    private var order: [Reason] = []

    public init() {}

    public mutating func add(_ snapshot: Snapshot) {
        exitTotal += 1
        architectures.insert(snapshot.architecture)
        let key = Self.reason(snapshot)
        if counts[key] == nil {
            order.append(key)
            counts[key] = Count(reason: key, count: 0, printed: [])
        }
        counts[key]?.count += 1
        if let printed = snapshot.metadata.first(where: { $0.key == "reason" })?.value, let known = counts[key]?.printed,
            known.count < 3, !known.contains(printed)
        {
            counts[key]?.printed.append(printed)
        }
    }

    /// Takes the trace's event counts and layouts.
    mutating func finish(_ trace: KVMTraceReader) {
        eventTotal = trace.eventTotal
        others = trace.eventCounts.filter { !KVMTraceReader.exitEvents.contains($0.key) }.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
        }.map { (name: $0.key, count: $0.value) }
        layouts = trace.layouts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }.map(
            \.key.rawValue)
    }

    /// The counts as text.
    public func text(_ options: RenderOptions) -> String {
        var out =
            options.paint(
                "\(eventTotal) event\(eventTotal == 1 ? "" : "s"), \(exitTotal) exit\(exitTotal == 1 ? "" : "s")"
                    + " (\(Self.vendors(architectures)); \(layouts.joined(separator: ", ")))", "1") + "\n"
        let ranked = exits
        out += "exits by reason:" + (ranked.isEmpty ? " none\n" : "\n")
        let nameWidth = ranked.map { Self.name($0.reason).count }.max() ?? 0
        for count in ranked {
            let name = Self.name(count.reason)
            var line = String(count.count).leftPadded(to: 8) + "  " + name.padded(to: nameWidth)
            if count.printed.contains(where: { !name.hasSuffix(" " + $0) }) {
                line += "  (printed " + count.printed.map { "'\($0)'" }.joined(separator: ", ") + ")"
            }
            out += line.trimmingTrailingSpaces() + "\n"
        }
        if !others.isEmpty {
            out += "other events:\n"
            for (name, count) in others { out += String(count).leftPadded(to: 8) + "  " + KVMTraceReader.visible(name) + "\n" }
        }
        return out
    }

    static func reason(_ snapshot: Snapshot) -> Reason {
        let printed = snapshot.metadata.first { $0.key == "reason" }?.value ?? ""
        switch snapshot.architecture {
        case .vmx: return Reason(architecture: .vmx, value: snapshot.integer("exit.reason"), text: "")
        case .svm: return Reason(architecture: .svm, value: snapshot.integer("control.exit_code"), text: "")
        case .cpu: return Reason(architecture: .cpu, value: nil, text: printed)
        }
    }

    /// The reason in the manuals' words: `VMX 48 EPT_VIOLATION`, `SVM 0x400 NPF`.
    public static func name(_ key: Reason) -> String {
        switch key.architecture {
        case .vmx:
            guard let value = key.value else { return "VMX ?" }
            let basic = value & 0xffff
            var text = "VMX \(basic) \(IntelVMCSValues.basicExitReasons[basic] ?? "unknown")"
            if value >> 31 & 1 == 1 { text += ", VM-entry failure" }
            if value & 0x7fff_0000 != 0 { text += ", flags \(ValueText.hex(value & 0x7fff_0000))" }
            return text
        case .svm:
            guard let value = key.value else { return "SVM ?" }
            let shown = value > 0xffff_ffff ? String(Int64(bitPattern: value)) : ValueText.hex(value)
            return "SVM \(shown) \(AMDVMCBValues.exitCodes[value] ?? "unknown")"
        case .cpu:
            return "no vendor '\(key.text)'"
        }
    }

    static func vendors(_ architectures: Set<Architecture>) -> String {
        let names = [(Architecture.vmx, "VMX"), (.svm, "SVM"), (.cpu, "no vendor")].filter { architectures.contains($0.0) }.map(\.1)
        return names.isEmpty ? "no exit" : names.joined(separator: " and ")
    }
}

extension String {
    /// The string right-aligned in `width` characters (never cut).
    func leftPadded(to width: Int) -> String {
        let count = self.count
        return count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
