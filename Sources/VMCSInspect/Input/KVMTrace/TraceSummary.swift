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
    /// An exit reason as the count groups it: vendor and value.
    struct ReasonKey: Hashable {
        var architecture: Architecture
        var value: UInt64?
        var text: String
    }

    /// A trace read whole: every event, every exit's snapshot, the warnings (tests, small
    /// inputs; `show` streams).
    public struct Contents: Sendable {
        public var events: [TraceEvent]
        public var snapshots: [Snapshot]
        public var warnings: [InputWarning]
        public var format: InputFormat
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
        return Contents(events: trace.events, snapshots: snapshots, warnings: reader.warnings, format: reader.format)
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
        write(options.paint("KVM trace \(KVMTraceReader.visible(selection.reader.name))", "1") + " (one row per event; FILE@N names exit N)\n")
        write(options.paint(header, "2") + "\n")
        var counts: [ReasonKey: Int] = [:]
        var order: [ReasonKey] = []
        var spellings: [ReasonKey: [String]] = [:]
        var exits = 0
        var architectures = Set<Architecture>()
        func flush() {
            for event in trace.events { write(row(event) + "\n") }
            trace.events.removeAll(keepingCapacity: true)
        }
        while let snapshot = try selection.next() {
            exits += 1
            let key = reasonKey(snapshot)
            architectures.insert(snapshot.architecture)
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
            if let printed = snapshot.metadata.first(where: { $0.key == "reason" })?.value, spellings[key, default: []].count < 3,
                !(spellings[key]?.contains(printed) ?? false)
            {
                spellings[key, default: []].append(printed)
            }
            flush()
        }
        flush()
        var out = "\n" + options.paint(
            "\(trace.eventTotal) event\(trace.eventTotal == 1 ? "" : "s"), \(exits) exit\(exits == 1 ? "" : "s")"
                + " (\(vendors(architectures)); \(layouts(trace)))", "1") + "\n"

        // The most frequent first; ties in the order first met.
        let ranked = order.enumerated().sorted { a, b in
            let (ca, cb) = (counts[a.element, default: 0], counts[b.element, default: 0])
            return ca != cb ? ca > cb : a.offset < b.offset
        }.map(\.element)
        out += "exits by reason:" + (ranked.isEmpty ? " none\n" : "\n")
        let nameWidth = ranked.map { reasonName($0).count }.max() ?? 0
        for key in ranked {
            var line = String(counts[key, default: 0]).leftPadded(to: 8) + "  " + reasonName(key).padded(to: nameWidth)
            if let printed = spellings[key], printed.contains(where: { !reasonName(key).hasSuffix(" " + $0) }) {
                line += "  (printed " + printed.map { "'\($0)'" }.joined(separator: ", ") + ")"
            }
            out += line.trimmingTrailingSpaces() + "\n"
        }
        let others = trace.eventCounts.filter { !KVMTraceReader.exitEvents.contains($0.key) }.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
        }
        if !others.isEmpty {
            out += "other events:\n"
            for (name, count) in others { out += String(count).leftPadded(to: 8) + "  " + KVMTraceReader.visible(name) + "\n" }
        }
        write(out)
        return ShowResult(warnings: selection.reader.warnings)
    }

    static let header =
        "exit".leftPadded(to: 5) + "  " + "line".leftPadded(to: 6) + "  " + "time".padded(to: 14) + "  cpu  " + "task-pid".padded(to: 20) + "  vcpu  "
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

    static func reasonKey(_ snapshot: Snapshot) -> ReasonKey {
        let printed = snapshot.metadata.first { $0.key == "reason" }?.value ?? ""
        switch snapshot.architecture {
        case .vmx: return ReasonKey(architecture: .vmx, value: snapshot.integer("exit.reason"), text: "")
        case .svm: return ReasonKey(architecture: .svm, value: snapshot.integer("control.exit_code"), text: "")
        case .cpu: return ReasonKey(architecture: .cpu, value: nil, text: printed)
        }
    }

    /// The reason in the manuals' words: `VMX 48 EPT_VIOLATION`, `SVM 0x400 NPF`.
    static func reasonName(_ key: ReasonKey) -> String {
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

    static func layouts(_ trace: KVMTraceReader) -> String {
        let sorted = trace.layouts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
        return sorted.map(\.key.rawValue).joined(separator: ", ")
    }
}

extension String {
    /// The string right-aligned in `width` characters (never cut).
    func leftPadded(to width: Int) -> String {
        let count = self.count
        return count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
