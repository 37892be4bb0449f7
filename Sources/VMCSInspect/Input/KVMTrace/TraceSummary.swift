/// A value of a trace event's payload, as its format names it.
public enum TraceFieldValue: Sendable, Equatable {
    case number(UInt64)
    case text(String)

    /// The value when it is a number.
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
    /// The task (thread) name, control characters escaped.
    public var task: String?
    /// The thread id.
    public var pid: Int?
    /// The process id, when printed.
    public var tgid: Int?
    /// The host CPU.
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

    /// An event as read.
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

/// A KVM trace read whole, for tests and small inputs (`show` streams one through
/// `ShowCommand`, rows and counts rendered from `DocumentNode.traceEvents` and `.traceTally`).
public enum TraceSummary {
    /// A trace read whole: every event, every exit's snapshot, the warnings (tests, small
    /// inputs; `show` streams).
    public struct Contents: Sendable {
        /// Every event, in input order.
        public var events: [TraceEvent]
        /// Every exit's snapshot.
        public var snapshots: [Snapshot]
        /// What the reader warned about.
        public var warnings: [InputWarning]
        /// The trace format read.
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
}

/// The counts `show` ends a trace with: exits by reason (vendor and value, with the spellings
/// the trace printed) and the other events by name.
public struct TraceTally: Sendable {
    /// An exit reason as the count groups it: vendor and value (or, with no vendor, the text).
    public struct Reason: Hashable, Sendable {
        /// The vendor of the exit.
        public var architecture: Architecture
        /// The exit reason or code; nil when the trace gives only text.
        public var value: UInt64?
        /// The reason as printed, for exits of no vendor.
        public var text: String
    }

    /// How many exits had one reason.
    public struct Count: Sendable {
        /// The reason counted.
        public var reason: Reason
        /// How many exits had it.
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
    /// Exits counted.
    public private(set) var exitTotal = 0
    /// Events read, exits included.
    public private(set) var eventTotal = 0
    /// The vendors of the exits.
    public private(set) var architectures = Set<Architecture>()
    /// The printers' layouts met, the most frequent first.
    public private(set) var layouts: [String] = []

    private var counts: [Reason: Count] = [:]
    private var order: [Reason] = []

    /// No counts yet.
    public init() {}

    /// Counts one exit.
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
            var text = "VMX \(basic) \(ExitNames.vmx(value).name)"
            if value >> 31 & 1 == 1 { text += ", VM-entry failure" }
            if value & 0x7fff_0000 != 0 { text += ", flags \(ValueText.hex(value & 0x7fff_0000))" }
            return text
        case .svm:
            guard let value = key.value else { return "SVM ?" }
            let shown = value > 0xffff_ffff ? String(Int64(bitPattern: value)) : ValueText.hex(value)
            return "SVM \(shown) \(ExitNames.svm(value))"
        case .cpu:
            return "no vendor '\(key.text)'"
        }
    }

    /// `VMX`, `SVM and no vendor`, `no exit`: the vendors of the exits counted.
    public static func vendors(_ architectures: Set<Architecture>) -> String {
        let names = [(Architecture.vmx, "VMX"), (.svm, "SVM"), (.cpu, "no vendor")].filter { architectures.contains($0.0) }.map(\.1)
        return names.isEmpty ? "no exit" : names.joined(separator: " and ")
    }
}
