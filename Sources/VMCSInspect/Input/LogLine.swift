#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Who printed a log line, as far as its decorations tell. Lines of one dump share a stream;
/// a line of another stream (another program, another printk caller, another quoting level, a
/// different kind of timestamp) is never glued onto a dump or taken as one of its lines.
public struct LogStream: Hashable, Sendable {
    /// The kind of timestamp a line carried.
    public enum Clock: UInt8, Sendable {
        case none
        /// dmesg's `[  12.345678]`, journalctl's monotonic time, `/dev/kmsg`'s microseconds.
        case monotonic
        /// A wall-clock time: syslog, journalctl, `dmesg -T`, Xen's console, ISO 8601.
        case wallClock
        /// `[…]` or `[...]`: the author cut the prefix out.
        case elided
    }

    /// The program named by a syslog or journal prefix (`kernel`, `qemu-system-x86_64[4242]`),
    /// or `(XEN)` for Xen's console; nil when the line names none.
    public var program: String?
    /// The printk caller id (`T1234` for a thread, `C2` for a CPU), when printed.
    public var caller: String?
    /// How many mail quote markers (`>`, `| `, `&gt;`) the line had.
    public var quoteDepth: Int
    public var clock: Clock

    public init(program: String? = nil, caller: String? = nil, quoteDepth: Int = 0, clock: Clock = .none) {
        self.program = program
        self.caller = caller
        self.quoteDepth = quoteDepth
        self.clock = clock
    }
}

/// A line of a pasted log with the decorations real pastes carry taken off: CR line ends,
/// non-breaking spaces and tabs, mail quoting (`> `, `>> `, `| `, `&gt; `), record levels
/// (`<4>`, `kern  :warn  : `, `/dev/kmsg`'s `4,1234,5678,-;`), Xen's `(XEN)`, syslog and journal
/// prefixes of any program (`Jan  1 00:00:00 host kernel: `, `… host qemu-system-x86_64[42]: `,
/// `2024-01-01T00:00:00.123Z qemu-system-x86_64: `), timestamps (`[  12.345678]`, VBox.log's
/// `00:00:05.485406 `,
/// `[Mon Jan  1 …]`, `[…]` where the author cut them), printk caller ids (`[T1234]`, `[C3]`)
/// and a kernel module prefix (`kvm_amd: `, `SVM: `). The work is done on bytes: logs run to
/// millions of lines.
public struct LogLine: Sendable, Equatable {
    /// 1-based line number in the input.
    public let number: Int
    /// What the producer printed, without decorations; leading and trailing spaces trimmed.
    public let content: String
    /// The timestamp the line carried, if any, as printed.
    public let timestamp: String?
    /// Whether a log decoration (timestamp, level, syslog or module prefix) came off: in a log
    /// whose lines are decorated, a line without is most likely the tail of the line before,
    /// wrapped by a mail client.
    public let decorated: Bool
    /// The kernel module prefix the line carried (`kvm_amd:`), if any.
    public let module: String?
    public let stream: LogStream
    /// The line without its mail quotes and its line end, decorations kept: what a wrapped
    /// tail is joined onto.
    public let body: String

    public init(number: Int, raw: String) {
        var bytes = Array(raw.utf8)
        self = bytes.withUnsafeMutableBufferPointer { LogLine(number: number, UnsafeBufferPointer($0)) }
    }

    public init(_ line: TextLine) {
        self.init(number: line.number, line.bytes)
    }

    init(number: Int, _ raw: UnsafeBufferPointer<UInt8>) {
        if LineBytes.isPrintableASCII(raw) {
            self = LogLine.clean(number: number, raw)
        } else {
            let normalized = LogLine.normalized(raw)
            self = normalized.withUnsafeBufferPointer { LogLine.clean(number: number, $0) }
        }
    }

    private init(
        number: Int, content: String, timestamp: String?, decorated: Bool, module: String?, stream: LogStream, body: String
    ) {
        self.number = number
        self.content = content
        self.timestamp = timestamp
        self.decorated = decorated
        self.module = module
        self.stream = stream
        self.body = body
    }

    /// Non-breaking and figure spaces, tabs, vertical tabs and form feeds become spaces; CRs,
    /// byte-order marks and terminal escape sequences go: colour (`dmesg --color=always`, a
    /// coloured hypervisor prefix: `ESC [ … final`), a window title (`ESC ] … BEL` or
    /// `ESC ] … ESC \`), and any other escape sequence (`ESC ( B`; ECMA-48 5.3, 5.4, 8.3.89).
    static func normalized(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            switch byte {
            case 0x1b:
                index = afterEscape(raw, at: index)
                continue
            case 0x09, 0x0b, 0x0c:
                out.append(0x20)
            case 0x0d:
                break
            case 0xc2 where index + 1 < raw.count && raw[index + 1] == 0xa0:
                out.append(0x20)
                index += 1
            case 0xe2 where index + 2 < raw.count && raw[index + 1] == 0x80 && (raw[index + 2] == 0x87 || raw[index + 2] == 0xaf):
                out.append(0x20)
                index += 2
            case 0xef where index + 2 < raw.count && raw[index + 1] == 0xbb && raw[index + 2] == 0xbf:
                index += 2
            default:
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// Where the escape sequence starting at `start` (an ESC) ends; an unfinished one runs to
    /// the line's end.
    static func afterEscape(_ raw: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        var index = start + 1
        guard index < raw.count else { return index }
        switch raw[index] {
        case UInt8(ascii: "["):
            // Control sequence: parameter and intermediate bytes, then one final byte.
            index += 1
            while index < raw.count, raw[index] >= 0x20, raw[index] <= 0x3f { index += 1 }
            if index < raw.count, raw[index] >= 0x40, raw[index] <= 0x7e { index += 1 }
            return index
        case UInt8(ascii: "]"):
            // Operating system command: up to BEL or the string terminator ESC \.
            index += 1
            while index < raw.count {
                if raw[index] == 0x07 { return index + 1 }
                if raw[index] == 0x1b, index + 1 < raw.count, raw[index + 1] == UInt8(ascii: "\\") { return index + 2 }
                index += 1
            }
            return index
        default:
            // Intermediate bytes, then one final byte (`ESC ( B`; ECMA-35 13.2).
            while index < raw.count, raw[index] >= 0x20, raw[index] <= 0x2f { index += 1 }
            return min(index + 1, raw.count)
        }
    }

    private static func clean(number: Int, _ b: UnsafeBufferPointer<UInt8>) -> LogLine {
        var i = 0
        let end = b.count
        var stream = LogStream()
        var timestamp: String?
        func skipSpaces() { while i < end, b[i] == 0x20 { i += 1 } }
        skipSpaces()
        // A Markdown code fence glued to the first line of a pasted block.
        if b.starts(with: "```", at: i) {
            i += 3
            skipSpaces()
        }
        // Mail quotes.
        while i < end {
            if b[i] == UInt8(ascii: ">") {
                i += 1
            } else if b[i] == UInt8(ascii: "|"), i + 1 < end, b[i + 1] == 0x20 {
                i += 2
            } else if b.starts(with: "&gt;", at: i) {
                i += 4
            } else {
                break
            }
            stream.quoteDepth += 1
            skipSpaces()
        }
        let bodyStart = i
        let decorationStart = i
        if let end = elapsedTime(b, from: i) {
            // VirtualBox's release log (VBox.log): `00:00:05.485406 ` before every line.
            timestamp = string(b, i, end)
            stream.clock = .monotonic
            i = end
            skipSpaces()
        }
        i = skipLevel(b, from: i, timestamp: &timestamp, clock: &stream.clock)
        skipSpaces()
        if b.starts(with: "(XEN)", at: i) {
            stream.program = "(XEN)"
            i += 5
            skipSpaces()
        }
        if let syslog = syslogPrefix(b, from: i) {
            stream.program = syslog.program
            if timestamp == nil { timestamp = syslog.time }
            if stream.clock == .none { stream.clock = syslog.clock }
            i = syslog.end
            skipSpaces()
        }
        if i == decorationStart, let (text, end) = bracketLostTime(b, from: i) {
            // A pasted kernel line whose first `[` the copy missed: `   33.881551] VMCS …`.
            timestamp = text
            stream.clock = .monotonic
            i = end
            skipSpaces()
        }
        var module: String?
        for _ in 0..<3 {
            let before = i
            if let bracket = bracketed(b, from: i) {
                switch bracket.kind {
                case .caller(let id): stream.caller = id
                case .time(let text, let clock):
                    if timestamp == nil { timestamp = text }
                    if stream.clock == .none { stream.clock = clock }
                case .elided:
                    if stream.clock == .none { stream.clock = .elided }
                }
                i = bracket.end
                skipSpaces()
            }
            if module == nil, let prefix = modulePrefix(b, from: i) {
                module = string(b, i, i + prefix)
                i += prefix
                skipSpaces()
            }
            if i == before { break }
        }
        var last = end
        while last > i, b[last - 1] == 0x20 { last -= 1 }
        var bodyEnd = end
        while bodyEnd > bodyStart, b[bodyEnd - 1] == 0x20 { bodyEnd -= 1 }
        return LogLine(
            number: number, content: string(b, i, last), timestamp: timestamp, decorated: i > decorationStart, module: module,
            stream: stream, body: string(b, bodyStart, bodyEnd))
    }

    private static func string(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        guard from < to else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self)
    }

    /// The end of an elapsed time at `start` followed by a space, as IPRT's release logger
    /// prefixes every line of VBox.log: `HH:MM:SS.` and 6 fractional digits (3 before 4.0),
    /// hours growing past two digits in long runs. Nil for anything else.
    private static func elapsedTime(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var j = start
        let end = b.count
        var hours = 0
        while j < end, b[j].isDigit, hours < 4 {
            j += 1
            hours += 1
        }
        guard hours >= 2, j + 6 < end, b[j] == UInt8(ascii: ":"), b[j + 1].isDigit, b[j + 2].isDigit, b[j + 3] == UInt8(ascii: ":"),
            b[j + 4].isDigit, b[j + 5].isDigit, b[j + 6] == UInt8(ascii: ".")
        else { return nil }
        j += 7
        var fraction = 0
        while j < end, b[j].isDigit, fraction < 9 {
            j += 1
            fraction += 1
        }
        guard fraction >= 3, j < end, b[j] == 0x20 else { return nil }
        return j
    }

    /// A printk time whose `[` is gone (a paste's selection began just after it): 1 to 10
    /// digits, `.`, 6 digits and `]`, then a space. The time's text and the index after `]`.
    private static func bracketLostTime(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int)? {
        let end = b.count
        var j = start
        while j < end, b[j].isDigit, j - start < 10 { j += 1 }
        let seconds = j - start
        guard seconds >= 1, j + 8 < end, b[j] == UInt8(ascii: ".") else { return nil }
        for k in (j + 1)...(j + 6) where !b[k].isDigit { return nil }
        guard b[j + 7] == UInt8(ascii: "]"), b[j + 8] == 0x20 else { return nil }
        return (string(b, start, j + 7), j + 8)
    }

    /// `<4>` (`dmesg -r`, syslog without a daemon), `dmesg -x`'s `kern  :warn  : `, and
    /// `/dev/kmsg`'s `4,1234,1409118352,-;` whose third number is the time in microseconds.
    private static func skipLevel(_ b: UnsafeBufferPointer<UInt8>, from start: Int, timestamp: inout String?, clock: inout LogStream.Clock) -> Int {
        let end = b.count
        guard start < end else { return start }
        if b[start] == UInt8(ascii: "<") {
            var j = start + 1
            while j < end, j - start <= 4, b[j].isDigit { j += 1 }
            if j > start + 1, j < end, b[j] == UInt8(ascii: ">") { return j + 1 }
            return start
        }
        if b[start].isDigit {
            // `/dev/kmsg`: level,sequence,microseconds,flags[,…];
            var fields: [Range<Int>] = []
            var fieldStart = start
            var j = start
            while j < end, j - start < 64 {
                let byte = b[j]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") {
                    fields.append(fieldStart..<j)
                    fieldStart = j + 1
                    if byte == UInt8(ascii: ";") { break }
                } else if !(byte.isDigit || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "c")) {
                    return start
                }
                j += 1
            }
            guard j < end, b[j] == UInt8(ascii: ";"), fields.count >= 4,
                fields.prefix(3).allSatisfy({ !$0.isEmpty && $0.allSatisfy { b[$0].isDigit } })
            else { return start }
            let micros = fields[2].reduce(UInt64(0)) { ($0 &* 10) &+ UInt64(b[$1] - 0x30) }
            let fraction = String(micros % 1_000_000)
            timestamp = "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
            clock = .monotonic
            return j + 1
        }
        // `dmesg -x`: facility, colon, level, colon; most lines fail on their first byte.
        guard b[start] >= UInt8(ascii: "a"), b[start] <= UInt8(ascii: "z") else { return start }
        var parts: [String] = []
        var partStart = start
        var j = start
        while j < end, j - start < 24, parts.count < 2 {
            if b[j] == UInt8(ascii: ":") {
                parts.append(string(b, partStart, j).trimmingSpaces())
                partStart = j + 1
            }
            j += 1
        }
        if parts.count == 2, facilities.contains(parts[0]), levels.contains(parts[1]) { return j }
        return start
    }

    static let facilities: Set<String> = [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ]
    static let levels: Set<String> = ["emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"]

    /// A syslog, journal or ISO-8601 prefix ending in `program: `: a time of day first (or a
    /// bracketed monotonic time), then at most one word (the host), then the program, its
    /// optional `[pid]` and a colon.
    private static func syslogPrefix(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (program: String, time: String, clock: LogStream.Clock, end: Int)? {
        let end = b.count
        guard start < end else { return nil }
        let first = b[start]
        // Month names, ISO dates and bracketed times: the only ways such a prefix starts.
        guard first.isDigit || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")) || first == UInt8(ascii: "[") else { return nil }
        let limit = min(end, start + 160)
        var colon = start
        while colon < limit, !(b[colon] == UInt8(ascii: ":") && (colon + 1 == end || b[colon + 1] == 0x20)) {
            if b[colon] == UInt8(ascii: "=") { return nil }
            colon += 1
        }
        guard colon < limit else { return nil }
        // The time: a bracketed monotonic stamp, or the words up to one holding hh:mm:ss.
        var j = start
        var clock = LogStream.Clock.wallClock
        var timeEnd = start
        if first == UInt8(ascii: "[") {
            guard let close = (start..<colon).first(where: { b[$0] == UInt8(ascii: "]") }) else { return nil }
            clock = .monotonic
            timeEnd = close + 1
            j = close + 1
        } else {
            var wordStart = start
            var found = false
            var words = 0
            while j <= colon, words < 4 {
                if j == colon || b[j] == 0x20 {
                    if j > wordStart {
                        words += 1
                        if hasTimeOfDay(b, wordStart, j) {
                            found = true
                            timeEnd = j
                            break
                        }
                    }
                    wordStart = j + 1
                }
                j += 1
            }
            guard found else { return nil }
        }
        // Then the host and the program; an ISO 8601 time (libvirt's, QEMU's `-msg
        // timestamp=on`) may be followed by the program alone.
        let rest = string(b, timeEnd, colon).split(separator: " ")
        let iso = clock == .wallClock && string(b, start, timeEnd).contains("T") && string(b, start, timeEnd).contains("-")
        guard rest.count == 2 || iso && rest.count == 1, let program = rest.last, isProgramTag(program) else { return nil }
        // The program is `kernel` (or the kernel's path, as the BSDs' syslogd tags its
        // messages: NetBSD's `/netbsd`, OpenBSD's `/bsd`) or carries its pid
        // (`qemu-system-x86_64[4242]`), but for the ISO form's bare program; the host is a host
        // name. So `[  1.0][T78] CR0: …`, a timestamp, a caller id and a register, is no syslog
        // prefix.
        if rest.count == 2 {
            guard program == "kernel" || program.hasSuffix("]") || program.first == "/" && program.count > 1, let host = rest.first, !host.contains("["), !host.contains("]") else {
                return nil
            }
        }
        var time = string(b, start, timeEnd).trimmingSpaces()
        if clock == .monotonic { time = String(time.dropFirst().dropLast()).trimmingSpaces() }
        // `Mar  3` as syslog pads the day: one space is enough.
        time = time.split(separator: " ").joined(separator: " ")
        return (String(program), time, clock, colon + 1)
    }

    /// True when the word holds `dd:dd:dd` (a time of day, also inside an ISO timestamp).
    private static func hasTimeOfDay(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var j = from
        while j + 7 < to + 1, j + 8 <= to {
            if b[j].isDigit, b[j + 1].isDigit, b[j + 2] == UInt8(ascii: ":"), b[j + 3].isDigit, b[j + 4].isDigit,
                b[j + 5] == UInt8(ascii: ":"), b[j + 6].isDigit, b[j + 7].isDigit
            {
                return true
            }
            j += 1
        }
        return false
    }

    /// `kernel`, `qemu-system-x86_64[4242]`, `libvirtd`: a name of letters, digits and `_.-/@`,
    /// optionally a bracketed pid.
    private static func isProgramTag(_ word: Substring) -> Bool {
        var name = word
        if name.last == "]", let open = name.firstIndex(of: "[") {
            let pid = name[name.index(after: open)..<name.index(before: name.endIndex)]
            guard !pid.isEmpty, pid.allSatisfy(\.isASCIIDigit) else { return false }
            name = name[name.startIndex..<open]
        }
        return !name.isEmpty && name.count <= 64
            && name.utf8.allSatisfy { $0.isDigit || $0.isLetter || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "@") }
    }

    enum BracketKind {
        case time(String, LogStream.Clock)
        case caller(String)
        case elided
    }

    /// `[  123.456789]`, `[Mon Jan  1 00:00:00 2024]`, `[2019-11-02 14:09:46]`, `[T1234]`,
    /// `[C2]`, `[…]`, `[...]`.
    private static func bracketed(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (kind: BracketKind, end: Int)? {
        let end = b.count
        guard start < end, b[start] == UInt8(ascii: "[") else { return nil }
        var close = start + 1
        var digits = false
        var dots = 0
        while close < end, close - start < 64, b[close] != UInt8(ascii: "]") {
            let byte = b[close]
            if byte.isDigit {
                digits = true
            } else if byte == UInt8(ascii: ".") {
                dots += 1
            } else if !(byte.isLetter || byte >= 0x80 || byte == UInt8(ascii: ":") || byte == 0x20 || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ","))
            {
                return nil
            }
            close += 1
        }
        guard close < end, b[close] == UInt8(ascii: "]") else { return nil }
        let inner = string(b, start + 1, close).trimmingSpaces()
        if inner == "..." || inner == "\u{2026}" { return (.elided, close + 1) }
        guard digits, inner.count <= 40 else { return nil }
        if let first = inner.first, first == "T" || first == "C", inner.dropFirst().allSatisfy(\.isASCIIDigit) {
            return (.caller(inner), close + 1)
        }
        let monotonic = inner.allSatisfy { $0.isASCIIDigit || $0 == "." } && dots == 1
        return (.time(inner, monotonic ? .monotonic : .wallClock), close + 1)
    }

    /// Prefixes kernel code adds through pr_fmt, as they appear in the log.
    public static let kernelModulePrefixes = [
        "kvm_amd:", "kvm-amd:", "kvm_intel:", "kvm-intel:", "kvm:", "KVM:", "SVM:", "svm:", "VMX:", "vmx:",
    ]
    private static let modulePrefixBytes = kernelModulePrefixes.map { Array($0.utf8) }

    /// The length of a module prefix at `start`, or nil. `KVM:` counts only when a space
    /// follows and what follows is not QEMU's `KVM: entry failed` or `KVM internal error`
    /// (those lines are QEMU's messages, not the kernel module's prefix).
    private static func modulePrefix(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < b.count else { return nil }
        for prefix in modulePrefixBytes where b.starts(with: prefix, at: start) {
            if prefix == Array("KVM:".utf8), b.starts(with: "KVM: entry failed", at: start) { return nil }
            return prefix.count
        }
        return nil
    }

    /// This line with `next`, its wrapped tail, joined on: cleaned again from the joined text,
    /// in this line's stream.
    public func joined(with next: LogLine) -> LogLine {
        let joined = LogLine(number: number, raw: body + " " + next.body)
        var stream = joined.stream
        stream.quoteDepth = self.stream.quoteDepth
        return LogLine(
            number: number, content: joined.content, timestamp: joined.timestamp, decorated: joined.decorated, module: joined.module,
            stream: stream, body: joined.body)
    }

    /// The lines of a small text read whole (a profile, a script). A line ends at "\n" or at
    /// CR LF, which a String holds as one Character, so a split at "\n" alone would leave it
    /// inside the line. Every line is kept, the empty one after a final line end too.
    public static func split(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }

    /// Splits text into cleaned lines (tests and small inputs; readers stream instead).
    public static func lines(of text: String) -> [LogLine] {
        var result: [LogLine] = []
        let scanner = LineScanner(MemorySource(Array(text.utf8), name: ""))
        try? scanner.run { line in
            result.append(LogLine(line))
            return .next
        }
        return result
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// True when the bytes at `index` are those of `prefix`.
    func starts(with prefix: String, at index: Int) -> Bool {
        starts(with: Array(prefix.utf8), at: index)
    }

    func starts(with prefix: [UInt8], at index: Int) -> Bool {
        guard index >= 0, prefix.count <= count - index else { return false }
        for (offset, byte) in prefix.enumerated() where self[index + offset] != byte { return false }
        return true
    }
}

extension UInt8 {
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isLetter: Bool { (self >= 0x41 && self <= 0x5a) || (self >= 0x61 && self <= 0x7a) }
    var isHexDigit: Bool { isDigit || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66) }
}

extension Substring {
    func trimmingLeadingSpaces() -> Substring {
        var rest = self
        while rest.first == " " { rest = rest.dropFirst() }
        return rest
    }

    func trimmingSpaces() -> Substring {
        trimmingLeadingSpaces().droppingLast { $0 == " " }
    }

    /// The text without the characters that `drop` accepts at its end, found walking back one
    /// character at a time. (`dropLast()` in a loop is quadratic: each call may count the whole
    /// text.)
    func droppingLast(while drop: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end != startIndex {
            let before = index(before: end)
            guard drop(self[before]) else { break }
            end = before
        }
        return self[startIndex..<end]
    }
}

extension String {
    func trimmingSpaces() -> String { String(Substring(self).trimmingSpaces()) }
}

/// Parsing of the numbers producers print.
public enum NumberText {
    /// Hex digits with an optional `0x`; nil for anything else or more than 16 digits.
    public static func hex(_ token: some StringProtocol) -> UInt64? {
        var digits = Substring(token)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.utf8.count <= 16, digits.utf8.allSatisfy(\.isHexDigit) else { return nil }
        return UInt64(digits, radix: 16)
    }

    /// Hex digits alone, without `0x` and without a sign (which UInt64(_:radix:) would take:
    /// `+28`), any number of them as long as the value fits 64 bits: for numbers users type.
    public static func hexDigits(_ digits: some StringProtocol) -> UInt64? {
        guard !digits.isEmpty, digits.utf8.allSatisfy(\.isHexDigit) else { return nil }
        return UInt64(digits, radix: 16)
    }

    /// A signed or unsigned decimal as printf's %d, %u, %lld print it, as a 64-bit pattern.
    public static func decimal(_ token: some StringProtocol) -> UInt64? {
        let text = String(token)
        if let value = UInt64(text) { return value }
        if let value = Int64(text) { return UInt64(bitPattern: value) }
        return nil
    }

    /// Number of hex digits in a token, without `0x`.
    public static func hexDigitCount(_ token: some StringProtocol) -> Int {
        var digits = Substring(token)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        return digits.count
    }
}

/// Substring search on UTF-8 bytes, for hot paths (Foundation's goes through NSString). Native
/// strings are searched in place with memchr and memcmp; others (bridged, or not UTF-8 in
/// memory) by walking their UTF-8 view.
enum ByteSearch {
    static func find(_ needle: String, in haystack: Substring) -> Range<Substring.Index>? {
        guard !needle.isEmpty else { return nil }
        let utf8 = haystack.utf8
        let found: Int?? = utf8.withContiguousStorageIfAvailable { text in
            var pattern = needle
            return pattern.withUTF8 { offset(of: $0, in: text) }
        }
        guard let offset = found ?? walk(Array(needle.utf8), in: utf8) else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    static func find(_ needle: String, in haystack: String) -> Range<String.Index>? {
        find(needle, in: Substring(haystack))
    }

    static func contains(_ haystack: some StringProtocol, _ needle: String) -> Bool {
        find(needle, in: Substring(haystack)) != nil
    }

    /// The offset of the first `pattern` (not empty) in `text`.
    static func offset(of pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = pattern.first, let patternBase = pattern.baseAddress, let base = text.baseAddress,
            pattern.count <= text.count
        else { return nil }
        let last = text.count - pattern.count
        var from = 0
        while from <= last {
            guard let hit = memchr(base + from, Int32(first), last - from + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, patternBase, pattern.count) == 0 { return at }
            from = at + 1
        }
        return nil
    }

    /// The same on a UTF-8 view without contiguous storage.
    static func walk(_ pattern: [UInt8], in utf8: Substring.UTF8View) -> Int? {
        let bytes = Array(utf8)
        return bytes.withUnsafeBufferPointer { text in pattern.withUnsafeBufferPointer { offset(of: $0, in: text) } }
    }
}

extension Character {
    /// 0-9 only (`isNumber` also takes other scripts' digits and fractions).
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
