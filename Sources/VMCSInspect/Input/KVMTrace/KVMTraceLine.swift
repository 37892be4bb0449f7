/// One line of a trace split into the columns its printer wrote: the context (task, pid, TGID,
/// CPU, latency flags), the timestamp, the event name and its payload.
///
/// The layouts, from the printers' sources (kernel/trace/trace_output.c
/// `trace_print_context()`, trace-cmd's trace-read.c, perf's builtin-script.c and
/// builtin-trace.c), all versions:
///
///     ftrace, trace_pipe:  "%16s-%-7d [(%7d) ][%03d] [flags ] %5lu.%06lu: event: payload"
///                          (pid width 5 before Linux 5.9; flags 4 or 5 characters or none)
///     trace-cmd report:    "%16s-%-5d [%03d][ flags] %5llu.%06llu: event:" padded to column 20
///     trace-cmd report -l: "%8.8s-%-5d %3d<flags> %5llu.%06llu: event: payload"
///     perf script:         "%16s %5d[/%-5d] [%03d] %12s: kvm:event: payload" (pid width 7 since 6.5)
///     perf trace:          "%10.3f comm/tid kvm:event(payload)"
///
/// Columns are found by their shape, never by offset: comm names hold spaces, `/` and `-`
/// (`CPU 0/KVM`, `qemu-system-x86`), pids overflow their width, and pastes cut the context off
/// (`kvm_exit: reason …` alone).
///
/// A class: a line is handed from the classifier to the matcher, the reader and an exit, and
/// each hand-over is then one reference, not a copy of every column.
final class KVMTraceLine {
    enum Layout: String, Sendable, CaseIterable {
        case ftrace
        case traceCmd = "trace-cmd report"
        case traceCmdLatency = "trace-cmd report -l"
        case perfScript = "perf script"
        case perfTrace = "perf trace"
        /// The event and its payload with no context (cut off by whoever pasted it).
        case bare = "event text"

        /// The layout's place in `allCases`, for counting.
        var index: Int {
            switch self {
            case .ftrace: return 0
            case .traceCmd: return 1
            case .traceCmdLatency: return 2
            case .perfScript: return 3
            case .perfTrace: return 4
            case .bare: return 5
            }
        }
    }

    var layout: Layout
    /// The cleaned line the columns are read from.
    var text: [UInt8] = []
    /// Where the task name and the timestamp are in `text`: they become strings only when
    /// asked for (most lines never need them).
    var taskRange: Range<Int>?
    var timestampRange: Range<Int>?
    var pid: Int?
    var tgid: Int?
    var cpu: Int?
    /// `kvm` in perf's `kvm:kvm_exit`.
    var system: String?
    var event: String
    /// The event's number in the reader's `EventTable` (-1 when read without one).
    var eventID = -1
    /// The payload's bytes (a slice of the cleaned line, or of a joined one).
    var payload: ArraySlice<UInt8>
    /// The event name was followed by more than one space (trace-cmd pads names to column 20;
    /// ftrace prints one space).
    var padded: Bool
    /// perf trace's default field mode: `name: value, …`, values in decimal.
    var fieldMode: Bool
    /// The column at which the line's text starts (after quotes); continuation lines of a
    /// wrapped event are indented deeper.
    var indent: Int

    init(
        layout: Layout, text: [UInt8], taskRange: Range<Int>? = nil, timestampRange: Range<Int>? = nil, pid: Int?, tgid: Int?, cpu: Int?,
        system: String?, event: String, eventID: Int, payload: ArraySlice<UInt8>, padded: Bool, fieldMode: Bool, indent: Int
    ) {
        self.layout = layout
        self.text = text
        self.taskRange = taskRange
        self.timestampRange = timestampRange
        self.pid = pid
        self.tgid = tgid
        self.cpu = cpu
        self.system = system
        self.event = event
        self.eventID = eventID
        self.payload = payload
        self.padded = padded
        self.fieldMode = fieldMode
        self.indent = indent
    }

    /// A copy to change (a continuation line joined on) without changing this one.
    func copy() -> KVMTraceLine {
        KVMTraceLine(
            layout: layout, text: text, taskRange: taskRange, timestampRange: timestampRange, pid: pid, tgid: tgid, cpu: cpu,
            system: system,
            event: event, eventID: eventID, payload: payload, padded: padded, fieldMode: fieldMode, indent: indent)
    }

    var payloadText: String { String(decoding: payload, as: UTF8.self) }
    var task: String? { taskRange.map { String(decoding: text[$0], as: UTF8.self) } }
    var timestamp: String? { timestampRange.map { String(decoding: text[$0], as: UTF8.self) } }

    /// What a line is.
    enum Kind {
        case event(KVMTraceLine)
        /// `# tracer: nop`, `cpus=4`, `CPU 2 is empty`, `version = 6`, perf's warnings.
        case header
        /// `CPU:1 [LOST 20 EVENTS]`, `CPU:1 [5 EVENTS DROPPED]`: the printer says events are missing.
        case lost(String)
        /// Has the context columns of a trace line (`[003]` and a timestamp) but no event.
        case damaged
        /// Prose, or anything else.
        case other
    }

    // MARK: Cleaning

    /// A line's text without mail quotes, CR, tabs and non-breaking spaces, with its quote depth.
    struct Cleaned {
        var bytes: [UInt8]
        /// Where the text starts and ends (spaces trimmed).
        var start: Int
        var end: Int
        var quoteDepth: Int
        /// Spaces before the text (after the quotes).
        var indent: Int
        var isEmpty: Bool { start >= end }
        var text: String { String(decoding: bytes[start..<end], as: UTF8.self) }
    }

    static func clean(_ raw: UnsafeBufferPointer<UInt8>) -> Cleaned {
        // Other control bytes stay: they are escaped wherever text reaches the output.
        let bytes = LineBytes.isPrintableASCII(raw) ? Array(raw) : LogLine.normalized(raw)
        let count = bytes.count
        var i = 0
        var depth = 0
        var base = 0
        while i < count, bytes[i] == 0x20 { i += 1 }
        while i < count {
            if bytes[i] == UInt8(ascii: ">") {
                i += 1
            } else if bytes[i] == UInt8(ascii: "|"), i + 1 < count, bytes[i + 1] == 0x20 {
                i += 2
            } else if i + 4 <= count, bytes[i] == UInt8(ascii: "&"), bytes[i + 1] == UInt8(ascii: "g"), bytes[i + 2] == UInt8(ascii: "t"),
                bytes[i + 3] == UInt8(ascii: ";")
            {
                i += 4
            } else {
                break
            }
            depth += 1
            // One space belongs to the quote; more are the text's own indentation.
            if i < count, bytes[i] == 0x20 { i += 1 }
            base = i
            while i < count, bytes[i] == 0x20 { i += 1 }
        }
        var end = count
        while end > i, bytes[end - 1] == 0x20 { end -= 1 }
        return Cleaned(bytes: bytes, start: i, end: end, quoteDepth: depth, indent: i - base)
    }

    // MARK: Classification

    /// What a line is. With `events`, event names are looked up in the table (one hash of
    /// the name's bytes, no string made); without, each is made a string.
    static func classify(_ line: Cleaned, events: EventTable? = nil) -> Kind {
        let a = line.bytes
        let s = line.start
        let e = line.end
        guard s < e else { return .other }
        let indent = line.indent
        // The columns are found on the bytes in place; the array is kept for the line's text
        // and payload.
        return a.withUnsafeBufferPointer { b in
            if let kind = header(b, s, e) { return kind }
            if let event = perfTrace(b, a, s, e, indent: indent, events: events) { return .event(event) }
            if let event = timestamped(b, a, s, e, indent: indent, events: events) { return .event(event) }
            if let event = bare(b, a, s, e, indent: indent, events: events) { return .event(event) }
            return looksDamaged(b, s, e) ? .damaged : .other
        }
    }

    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The name of the event at `range`: from the table when there is one.
    private static func name(_ b: Bytes, _ range: Range<Int>, _ events: EventTable?) -> (String, Int) {
        guard let events else { return (String(decoding: b[range], as: UTF8.self), -1) }
        let id = events.id(b, range)
        return (events.names[id], id)
    }

    private static func starts(_ b: Bytes, _ at: Int, _ end: Int, _ t: [UInt8]) -> Bool {
        guard end - at >= t.count else { return false }
        for k in 0..<t.count where b[at + k] != t[k] { return false }
        return true
    }

    private static func contains(_ b: Bytes, _ s: Int, _ e: Int, _ t: [UInt8]) -> Bool {
        guard let first = t.first, e - s >= t.count else { return false }
        var i = s
        while i + t.count <= e {
            if b[i] == first, starts(b, i, e, t) { return true }
            i += 1
        }
        return false
    }

    /// Header and notice lines of the printers, as bytes.
    private enum Marks {
        static let headers = ["cpus=", "version = ", "libtraceevent:", "Error:", "Warning:"].map { Array($0.utf8) }
        static let cpuColon = Array("CPU:".utf8)
        static let lost = Array("LOST".utf8)
        static let dropped = Array("DROPPED".utf8)
        static let cpuSpace = Array("CPU ".utf8)
        static let isEmpty = Array(" is empty".utf8)
        static let badOp = Array("] bad op token".utf8)
        static let function = Array("] function ".utf8)
    }

    private static func header(_ b: Bytes, _ s: Int, _ e: Int) -> Kind? {
        let first = b[s]
        if first == UInt8(ascii: "#") { return .header }
        // Event lines start with a task name, a space or a digit, rarely with these letters.
        guard
            first == UInt8(ascii: "c") || first == UInt8(ascii: "v") || first == UInt8(ascii: "l") || first == UInt8(ascii: "E")
                || first == UInt8(ascii: "W") || first == UInt8(ascii: "C") || first == UInt8(ascii: "[")
        else { return nil }
        if Marks.headers.contains(where: { starts(b, s, e, $0) }) { return .header }
        if starts(b, s, e, Marks.cpuColon) {
            if contains(b, s, e, Marks.lost) || contains(b, s, e, Marks.dropped) {
                return .lost(String(decoding: b[s..<e], as: UTF8.self))
            }
            return nil
        }
        if starts(b, s, e, Marks.cpuSpace) {
            // "CPU %d is empty" (trace-cmd); QEMU's vCPU threads are named "CPU %d/KVM".
            var i = s + Marks.cpuSpace.count
            while i < e, b[i].isDigit { i += 1 }
            if i < e, starts(b, i, e, Marks.isEmpty) { return .header }
            return nil
        }
        // perf: "  [kvm:kvm_inj_exception] bad op token }"
        if first == UInt8(ascii: "["), contains(b, s, e, Marks.badOp) || contains(b, s, e, Marks.function) { return .header }
        return nil
    }

    /// `[003]` and a `secs.usecs:` somewhere: a trace line whose event could not be read.
    private static func looksDamaged(_ b: Bytes, _ s: Int, _ e: Int) -> Bool {
        var i = s
        var bracket = false
        while i + 4 < e {
            if b[i] == UInt8(ascii: "["), b[i + 1].isDigit, b[i + 2].isDigit, b[i + 3].isDigit, b[i + 4] == UInt8(ascii: "]") {
                bracket = true
                break
            }
            i += 1
        }
        guard bracket else { return false }
        while i + 1 < e {
            if b[i] == UInt8(ascii: "."), b[i - 1].isDigit, b[i + 1].isDigit { return true }
            i += 1
        }
        return false
    }

    static func isEventNameByte(_ byte: UInt8) -> Bool { byte.isLetter || byte.isDigit || byte == UInt8(ascii: "_") }

    /// An event name at `i` (`kvm_exit`, or `kvm:kvm_exit` with its system), ending in `:`
    /// followed by a space or the end: (system, the name's bytes, index after the colon).
    private static func eventName(_ b: Bytes, _ i0: Int, _ e: Int) -> (String?, Range<Int>, Int)? {
        var i = i0
        while i < e, isEventNameByte(b[i]) { i += 1 }
        guard i > i0, i < e, b[i] == UInt8(ascii: ":"), b[i0].isLetter || b[i0] == UInt8(ascii: "_") else { return nil }
        var system: String?
        var nameStart = i0
        var nameEnd = i
        if i + 1 < e, b[i + 1] != 0x20 {
            // `kvm:kvm_exit:`
            var j = i + 1
            while j < e, isEventNameByte(b[j]) { j += 1 }
            guard j > i + 1, j < e, b[j] == UInt8(ascii: ":") else { return nil }
            system = String(decoding: b[i0..<i], as: UTF8.self)
            nameStart = i + 1
            nameEnd = j
            i = j
        }
        guard i + 1 == e || b[i + 1] == 0x20 else { return nil }
        return (system, nameStart..<nameEnd, i + 1)
    }

    /// The payload after an event name: spaces skipped, and whether there were several.
    private static func payload(_ b: Bytes, _ a: [UInt8], _ i0: Int, _ e: Int) -> (ArraySlice<UInt8>, Bool) {
        var i = i0
        while i < e, b[i] == 0x20 { i += 1 }
        return (a[i..<e], i - i0 > 1)
    }

    /// True for names KVM's tracepoints use, not kernel log prefixes (`kvm_intel:`, `kvm:`).
    static func isKVMEvent(_ name: String) -> Bool {
        (name.hasPrefix("kvm_") || name.hasPrefix("kvmmmu_") || name.hasPrefix("vcpu_match_mmio")) && name != "kvm_intel"
            && name != "kvm_amd"
    }

    /// The same test on a name's bytes.
    static func isKVMEvent(_ b: Bytes, _ range: Range<Int>) -> Bool {
        func has(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard range.count >= count else { return false }
            let p = prefix.utf8Start
            for k in 0..<count where b[range.lowerBound + k] != p[k] { return false }
            return true
        }
        func equals(_ word: StaticString) -> Bool { range.count == word.utf8CodeUnitCount && has(word) }
        return (has("kvm_") || has("kvmmmu_") || has("vcpu_match_mmio")) && !equals("kvm_intel") && !equals("kvm_amd")
    }

    private static func timestamped(_ b: Bytes, _ a: [UInt8], _ s: Int, _ e: Int, indent: Int, events: EventTable?) -> KVMTraceLine? {
        var p = s
        while p < e {
            defer { p += 1 }
            guard b[p] == UInt8(ascii: ":"), p + 1 == e || b[p + 1] == 0x20, p > s else { continue }
            // The token before the colon: secs.usecs, or a counter.
            var q = p
            var dots = 0
            while q > s, b[q - 1].isDigit || b[q - 1] == UInt8(ascii: ".") {
                if b[q - 1] == UInt8(ascii: ".") { dots += 1 }
                q -= 1
            }
            guard q < p, dots <= 1, b[q].isDigit, b[p - 1].isDigit, q == s || b[q - 1] == 0x20 else { continue }
            var i = p + 1
            while i < e, b[i] == 0x20 { i += 1 }
            // trace-cmd --ts-diff: "(+12)". Its `)` is looked for within 32 bytes (a 64-bit
            // difference takes at most 21): a search to the line's end at every colon would make
            // a line of `1: (` repeated take time in the square of its length.
            if i < e, b[i] == UInt8(ascii: "(") {
                var j = i + 1
                while j < e, j - i < 32, b[j] != UInt8(ascii: ")") { j += 1 }
                if j < e, b[j] == UInt8(ascii: ")") { i = j + 1 }
                while i < e, b[i] == 0x20 { i += 1 }
            }
            guard let (system, range, after) = eventName(b, i, e) else { continue }
            let (name, id) = Self.name(b, range, events)
            let line = KVMTraceLine(
                layout: .ftrace, text: a, timestampRange: q..<p, pid: nil, tgid: nil, cpu: nil,
                system: system, event: name, eventID: id, payload: [], padded: false, fieldMode: false, indent: indent)
            (line.payload, line.padded) = payload(b, a, after, e)
            var latency = false
            context(b, s, q, into: line, latency: &latency)
            guard line.cpu != nil || line.pid != nil || system != nil || dots == 1 && isKVMEvent(b, range) else { return nil }
            if system != nil {
                line.layout = .perfScript
            } else if latency {
                line.layout = .traceCmdLatency
            } else if line.padded {
                line.layout = .traceCmd
            }
            return line
        }
        return nil
    }

    /// Reads the columns before the timestamp, from the right: latency flags, `[CPU]` (or the
    /// CPU glued to the flags, `-l`), `(TGID)`, then `task-pid` or perf's `comm tid[/tid]`.
    private static func context(_ b: Bytes, _ s: Int, _ q: Int, into line: KVMTraceLine, latency: inout Bool) {
        var e = q
        while e > s, b[e - 1] == 0x20 { e -= 1 }
        guard e > s else { return }
        // The last token.
        var t = e
        while t > s, b[t - 1] != 0x20 { t -= 1 }
        var k = t - 1
        while k > s, b[k] == 0x20 { k -= 1 }
        if e - t >= 4, e - t <= 6, allFlags(b, t, e), t > s, k >= s, b[k] == UInt8(ascii: "]") {
            e = t
            while e > s, b[e - 1] == 0x20 { e -= 1 }
        }
        if e > s, b[e - 1] == UInt8(ascii: "]"), let open = lastIndex(of: UInt8(ascii: "["), in: b, s, e - 1) {
            if open + 1 < e - 1, allDigits(b, open + 1, e - 1) {
                line.cpu = int(b, open + 1, e - 1)
                e = open
                while e > s, b[e - 1] == 0x20 { e -= 1 }
            }
        } else if e - t >= 5, b[t].isDigit {
            // `-l`: the CPU number glued to 4 to 6 flag characters.
            var d = t
            while d < e, b[d].isDigit { d += 1 }
            if d - t <= 4, e - d >= 4, e - d <= 6, allFlags(b, d, e), !allDigits(b, d, e) {
                line.cpu = int(b, t, d)
                latency = true
                e = t
                while e > s, b[e - 1] == 0x20 { e -= 1 }
            }
        }
        if e > s, b[e - 1] == UInt8(ascii: ")"), let open = lastIndex(of: UInt8(ascii: "("), in: b, s, e - 1) {
            let inner = b[(open + 1)..<(e - 1)].filter { $0 != 0x20 }
            if !inner.isEmpty, inner.allSatisfy({ $0.isDigit || $0 == UInt8(ascii: "-") }) {
                if inner.allSatisfy(\.isDigit) { line.tgid = Int(String(decoding: inner, as: UTF8.self)) }
                e = open
                while e > s, b[e - 1] == 0x20 { e -= 1 }
            }
        }
        guard e > s else { return }
        // task-pid: the digits after the last '-'.
        var d = e
        while d > s, b[d - 1].isDigit { d -= 1 }
        if d < e, e - d <= 10 {
            if d > s, b[d - 1] == UInt8(ascii: "-") {
                line.taskRange = s..<(d - 1)
                line.pid = decimal(b, d, e)
                return
            }
            if d > s, b[d - 1] == UInt8(ascii: "/") {
                // perf script -F pid,tid: "comm pid/tid".
                var p = d - 1
                while p > s, b[p - 1].isDigit { p -= 1 }
                if p < d - 1, p > s, b[p - 1] == 0x20 {
                    var c = p - 1
                    while c > s, b[c - 1] == 0x20 { c -= 1 }
                    line.taskRange = s..<c
                    line.pid = int(b, p, d - 1)
                    return
                }
            }
            if d > s, b[d - 1] == 0x20 {
                // perf script: "comm tid".
                var c = d - 1
                while c > s, b[c - 1] == 0x20 { c -= 1 }
                if c > s {
                    line.taskRange = s..<c
                    line.pid = int(b, d, e)
                    return
                }
            }
        }
        line.taskRange = s..<e
    }

    /// Latency flags (`d.h1.`) or hex digits, from `from` to `to`.
    private static func allFlags(_ b: Bytes, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            switch b[i] {
            case UInt8(ascii: "."), UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "b"), UInt8(ascii: "X"), UInt8(ascii: "N"),
                UInt8(ascii: "n"), UInt8(ascii: "p"), UInt8(ascii: "Z"), UInt8(ascii: "z"), UInt8(ascii: "H"), UInt8(ascii: "h"),
                UInt8(ascii: "s"):
                break
            default:
                if !b[i].isHexDigit { return false }
            }
            i += 1
        }
        return true
    }

    private static func allDigits(_ b: Bytes, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            if !b[i].isDigit { return false }
            i += 1
        }
        return true
    }

    /// The last index of `byte` in `b[from..<to]`.
    private static func lastIndex(of byte: UInt8, in b: Bytes, _ from: Int, _ to: Int) -> Int? {
        var i = to
        while i > from {
            i -= 1
            if b[i] == byte { return i }
        }
        return nil
    }

    /// The digits from `from` to `to` (all digits) as a number; nil when it does not fit, as
    /// `Int(String)` says.
    private static func int(_ b: Bytes, _ from: Int, _ to: Int) -> Int? {
        guard from < to else { return nil }
        var value = 0
        for i in from..<to {
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = shifted.addingReportingOverflow(Int(b[i] &- 0x30))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }

    /// The digits from `from` to `to` (at most 10, all digits) as a number.
    private static func decimal(_ b: Bytes, _ from: Int, _ to: Int) -> Int {
        var value = 0
        for i in from..<to { value = value &* 10 &+ Int(b[i] &- 0x30) }
        return value
    }

    /// perf trace: `0.004 CPU 0/KVM/4187 kvm:kvm_exit(exit_reason: 48, …)`.
    private static func perfTrace(_ b: Bytes, _ a: [UInt8], _ s: Int, _ e: Int, indent: Int, events: EventTable?) -> KVMTraceLine? {
        guard b[e - 1] == UInt8(ascii: ")") else { return nil }
        var i = s
        var dots = 0
        while i < e, b[i].isDigit || b[i] == UInt8(ascii: ".") {
            if b[i] == UInt8(ascii: ".") { dots += 1 }
            i += 1
        }
        guard i > s, dots == 1, i < e, b[i] == 0x20 else { return nil }
        let time = s..<i
        guard let open = (i..<e).first(where: { b[$0] == UInt8(ascii: "(") }) else { return nil }
        var n = open
        while n > i, b[n - 1] != 0x20 { n -= 1 }
        let token = b[n..<open]
        guard let colon = token.firstIndex(of: UInt8(ascii: ":")), colon > n, colon + 1 < open,
            token.allSatisfy({ isEventNameByte($0) || $0 == UInt8(ascii: ":") })
        else { return nil }
        let (name, id) = Self.name(b, (colon + 1)..<open, events)
        let line = KVMTraceLine(
            layout: .perfTrace, text: a, timestampRange: time, pid: nil, tgid: nil, cpu: nil,
            system: String(decoding: b[n..<colon], as: UTF8.self), event: name, eventID: id,
            payload: a[(open + 1)..<(e - 1)], padded: false, fieldMode: false, indent: indent)
        var c = n
        while c > i, b[c - 1] == 0x20 { c -= 1 }
        // Without a task (`perf trace --no-comm`) the event follows the time: c is back at i.
        let comm = c > i + 1 ? b[(i + 1)..<c].drop(while: { $0 == 0x20 }) : b[c..<c]
        if let slash = comm.lastIndex(of: UInt8(ascii: "/")), slash + 1 < comm.endIndex, comm[(slash + 1)...].allSatisfy(\.isDigit) {
            line.taskRange = comm.startIndex..<slash
            line.pid = Int(String(decoding: comm[(slash + 1)...], as: UTF8.self))
        } else if !comm.isEmpty {
            line.taskRange = comm.startIndex..<comm.endIndex
        }
        line.fieldMode = isFieldList(line.payload)
        return line
    }

    /// `name: value, name: value`: perf trace's field mode.
    static func isFieldList(_ payload: ArraySlice<UInt8>) -> Bool {
        guard !payload.isEmpty else { return true }
        for part in fieldParts(payload) {
            guard let colon = part.firstIndex(of: UInt8(ascii: ":")), colon > part.startIndex,
                part[..<colon].allSatisfy(isEventNameByte), colon + 1 < part.endIndex, part[colon + 1] == 0x20,
                !part[(colon + 2)...].contains(0x20)
            else { return false }
        }
        return true
    }

    static func fieldParts(_ payload: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = payload.startIndex
        var i = payload.startIndex
        while i < payload.endIndex {
            if payload[i] == UInt8(ascii: ","), i + 1 < payload.endIndex, payload[i + 1] == 0x20 {
                parts.append(payload[start..<i])
                start = i + 2
                i += 2
                continue
            }
            i += 1
        }
        parts.append(payload[start..<payload.endIndex])
        return parts
    }

    /// An event with nothing before it: `kvm_exit:             reason …` (a paste with the
    /// context cut off), or perf's `kvm:kvm_exit: …`. Only KVM's own events, so prose and
    /// kernel log prefixes (`kvm_amd: …`) are not taken.
    private static func bare(_ b: Bytes, _ a: [UInt8], _ s: Int, _ e: Int, indent: Int, events: EventTable?) -> KVMTraceLine? {
        guard let (system, range, after) = eventName(b, s, e), isKVMEvent(b, range),
            system == nil || system == "kvm" || system == "kvmmmu"
        else {
            return nil
        }
        let (payload, padded) = payload(b, a, after, e)
        guard !payload.isEmpty else { return nil }
        let (name, id) = Self.name(b, range, events)
        return KVMTraceLine(
            layout: system == nil ? .bare : .perfScript, text: a, pid: nil, tgid: nil, cpu: nil, system: system,
            event: name, eventID: id,
            payload: payload, padded: padded, fieldMode: false, indent: indent)
    }
}
