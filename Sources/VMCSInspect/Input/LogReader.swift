/// One kind of dump that logs hold (KVM's `dump_vmcb()` or `dump_vmcs()`, Xen's VMCS dump,
/// QEMU's register dump …), registered in `LogDumpKinds.all`. A kind recognises the lines that
/// start its dumps; a `DumpBuilder` reads the rest.
protocol LogDumpKind: Sendable {
    var format: InputFormat { get }
    /// Byte strings of the lines that start a dump of this kind (or a header line that comes
    /// before one); lines between dumps are skipped unless they hold one.
    var markers: [String] { get }
    /// How sure the kind is that a head sample holds its dumps.
    func score(_ head: HeadSample) -> Score
    /// A builder when the line starts a dump of this kind. `previous` is the dump of the same
    /// stream that the line ends, if any (Xen names a domain once for all its vCPUs' dumps).
    func begin(_ line: LogLine, context: ReaderContext, after previous: Snapshot?) -> (any DumpBuilder)?
    /// A builder when the line, met with no dump open near the start of the input, is a row of
    /// a dump whose first lines were lost; the builder warns that it starts there.
    func beginHeadless(_ line: LogLine, context: ReaderContext) -> (any DumpBuilder)?
    /// True when a dump of this kind starts without its first lines only before any dump
    /// started with them: rows quoted again in a reply after a whole dump are not dumps.
    var headlessOnlyAtStart: Bool { get }
}

extension LogDumpKind {
    func beginHeadless(_ line: LogLine, context: ReaderContext) -> (any DumpBuilder)? { nil }
    var headlessOnlyAtStart: Bool { false }
}

/// What one line is to an open dump.
enum DumpLine {
    /// It gave the dump a value.
    case placed
    /// It belongs to the dump without a value (a section heading, a header, a table heading).
    case recognized
    /// It is not the dump's (prose in a paste, another message of the same program).
    case notMine
    /// It starts another dump (a repeated field, a new header): the open one ends before it.
    case startsAnother
    /// It shows that two dumps' lines are mixed in one stream (a field printed again with
    /// another value before the dump's last line: two vCPUs dumping at once, in a log without
    /// printk caller ids to tell their lines apart). The words say what was seen; the reader
    /// refuses rather than give either dump values that may be the other's.
    case interleaves(String)
}

/// Reads the lines of one dump into a snapshot.
protocol DumpBuilder: AnyObject {
    /// The snapshot as read so far.
    var snapshot: Snapshot { get }
    /// True once the dump's last line has been read (lines that follow may still add to it,
    /// as SEV-ES rows follow a VMCB dump's last row, but no line is warned about any more).
    var isComplete: Bool { get }
    /// Reads a line of the dump's stream. A line that is `notMine` leaves the dump as it was.
    func consume(_ line: LogLine, into output: inout ReaderOutput) -> DumpLine
    /// True when `next`, a line without decorations, is the tail of `previous` that a mail
    /// client or bug tracker wrapped onto a line of its own.
    func continues(_ previous: LogLine, with next: LogLine) -> Bool
    /// True when `next` is the tail of `previous`, a row broken after a comma, in a log
    /// without decorations to tell a wrap by: stricter than `continues`, as any line may end
    /// in a comma there.
    func joinsAfterComma(_ previous: LogLine, with next: LogLine) -> Bool
    /// The dump ends: warnings about what it lacks; nil to drop it (it held no value).
    func finish(into output: inout ReaderOutput) -> Snapshot?
}

extension DumpBuilder {
    func joinsAfterComma(_ previous: LogLine, with next: LogLine) -> Bool { false }
}

/// Reads every dump of the kinds enabled from a log, in one pass.
///
/// Lines are cleaned (`LogLine`) and sorted into streams by who printed them: a dump takes only
/// lines of its own stream, so a program's lines between the kernel's, another printk caller's
/// dump, or unquoted prose in a mail reply never land in it. Between dumps, and past the first
/// mebibyte, lines are only searched for the kinds' markers. A line without decorations right
/// after a decorated one is joined onto it when the open dump says it is its wrapped tail (at
/// most a few joins, so the work stays linear). A dump ends at a line that starts another, at
/// the end of its stream's input, or after a run of lines it cannot place (it is kept open a
/// while longer, so quoted rows after a few lines of prose still land in it), or, the oldest
/// first, when `heldLimit` dumps are held. Snapshots are handed out in the order their dumps
/// start.
final class LogReader: TextReader {
    /// Lines near the start are all read, so pastes whose first dump lost its header are read.
    static let headWindow = 1 << 18
    /// Unplaceable lines in a row after which a dump is suspended (no more warnings).
    static let strayLimit = 6
    /// Lines after which a suspended dump is closed for good.
    static let resumeWindow = 200
    /// Joins of wrapped tails onto one line, at most.
    static let joinLimit = 8
    /// Dumps held at most, open or waiting for an earlier one to end: when a dump starts with
    /// this many held, the oldest open one ends there (as if its stream had ended), so that a
    /// log of many printk callers each leaving a dump unfinished is still read in linear time.
    static let heldLimit = 256

    let context: ReaderContext
    let kinds: [any LogDumpKind]
    let markers: MarkerSet

    /// A dump being read.
    final class Open {
        let builder: any DumpBuilder
        let stream: LogStream
        let start: Int
        /// Unplaceable lines in a row, and since when.
        var strays = 0
        var straysSince = 0
        /// The line at which the dump was suspended, if it was.
        var suspendedAt: Int?
        /// The last monotonic time its lines carried, and that time as printed.
        var lastTime: Double?
        var lastStamp: String?
        /// The line that carried it, and whether a pause in the dump's lines was warned about.
        var lastTimedLine = 0
        var pauseWarned = false
        /// Why the dump ended, when the reader split it off the lines after (the clock ran
        /// back): said in a warning should it hold no value. Other empty dumps are left out
        /// without a word (Xen's `>>> Domain 1 <<<` line opens one that a VMCB dump takes over).
        var endedBecause: String?
        var finished = false
        var result: Snapshot?
        /// The kernel module prefixes of the lines the dump took (`kvm_amd`, `kvm_intel`).
        var modules: Set<String> = []

        init(builder: any DumpBuilder, stream: LogStream, start: Int, module: String?) {
            self.builder = builder
            self.stream = stream
            self.start = start
            if let module { modules.insert(Open.normalized(module)) }
        }

        /// A module's name as one key: lower case, `-` as `_`, without colons (`KVM-AMD:` is
        /// `kvm_amd`). ASCII names (all real ones) are mapped on their bytes.
        static func normalized(_ module: String) -> String {
            let utf8 = module.utf8
            guard utf8.allSatisfy({ $0 < 0x80 }) else {
                return String(module.lowercased().map { $0 == "-" ? "_" : $0 }.filter { $0 != ":" })
            }
            guard utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5a) || $0 == 0x2d || $0 == 0x3a }) else { return module }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count)
            for byte in utf8 {
                switch byte {
                case 0x41...0x5a: bytes.append(byte + 0x20)
                case 0x2d: bytes.append(0x5f)
                case 0x3a: continue
                default: bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// True when the line names a module that none of the dump's lines named: the line is
        /// another module's (a VMCS dump's line among a VMCB dump's, in logs of two hosts merged).
        func conflicts(_ module: String?) -> Bool {
            guard let module, !modules.isEmpty else { return false }
            return !modules.contains(Open.normalized(module))
        }

        /// The dump's line `line` carried the monotonic time `time`.
        func timed(_ line: LogLine, _ time: Double) {
            lastTime = time
            lastStamp = line.timestamp
            lastTimedLine = line.number
        }

        func took(_ line: LogLine) {
            if let module = line.module { modules.insert(Open.normalized(module)) }
        }

        /// True when a line of `other` can be a line of this dump: the same program, printk
        /// caller and quoting; a timestamp of the same kind, or none where the dump's first
        /// line had none, or one the author elided.
        func accepts(_ other: LogStream) -> Bool {
            other.quoteDepth == stream.quoteDepth && acceptsAtAnyQuoteDepth(other)
        }

        /// The same, but for the quoting: a reply that quotes a dump in fragments quotes them at
        /// different depths (`> >> ` and then `> > `).
        func acceptsAtAnyQuoteDepth(_ other: LogStream) -> Bool {
            guard !finished, other.program == stream.program, other.caller == stream.caller else { return false }
            return other.clock == stream.clock || stream.clock == .none || other.clock == .elided || stream.clock == .elided
        }
    }

    /// Warnings of dumps closed where no output was at hand (a complete dump closed when
    /// another opens); handed out with the next line's.
    private var pendingOutput = ReaderOutput()

    /// Dumps in the order they started; finished ones wait here until those before them end.
    private var dumps: [Open] = []
    /// The last line read, held back one line so that a wrapped tail can be joined onto it.
    private var pending: LogLine?
    private var pendingJoins = 0
    private var lineNumber = 0
    private var bytesRead = 0
    private var emitted = 0
    /// The first dump that started but held no value it could read, and the first warning of
    /// the input: what a log with no dump read says instead of "no dump found".
    private var emptyDump: (line: Int, producer: String)?
    private var firstWarning: InputWarning?
    /// Warnings about dumps left out for holding no value, held until a dump is handed out
    /// (with none, `finish` refuses the input and names the first); at most `heldLimit`, and
    /// a count of the rest.
    private var emptyWarnings: [InputWarning] = []
    private var emptyUnwarned = 0
    /// The kinds (indexes in `kinds`) of which a dump started with its own first line (a
    /// header or a section line).
    private var headedKinds: Set<Int> = []
    private var warnedStrayRow = false
    /// Set when two dumps' lines turn out to be interleaved: the input is refused.
    private var refusal: InspectError?

    /// Each kind's markers: `begin` is asked only of lines holding one of its own.
    let kindMarkers: [MarkerSet]

    init(context: ReaderContext, kinds: [any LogDumpKind]) {
        self.context = context
        self.kinds = kinds
        markers = MarkerSet(kinds.flatMap(\.markers))
        kindMarkers = kinds.map { MarkerSet($0.markers) }
    }

    /// True when the line's text holds one of the markers (on its bytes, without copying).
    static func holds(_ markers: MarkerSet, _ line: LogLine) -> Bool {
        var content = line.content
        return content.withUTF8 { markers.matches($0) }
    }

    var step: LineScanner.Step {
        if pending != nil || dumps.contains(where: { !$0.finished }) || bytesRead < Self.headWindow { return .next }
        return .skip(markers)
    }

    func consume(_ raw: TextLine, into output: inout ReaderOutput) throws {
        defer { if firstWarning == nil { firstWarning = output.warnings.first ?? pendingOutput.warnings.first } }
        lineNumber = raw.number
        bytesRead += raw.bytes.count + 1
        let line = LogLine(raw)
        if let previous = pending {
            if pendingJoins < Self.joinLimit, canJoin(previous, line) {
                pending = previous.joined(with: line)
                pendingJoins += 1
                return
            }
            pending = nil
            process(previous, into: &output)
        }
        // Held back only when a tail could follow: a decorated line of a stream with a dump
        // open, or one that may start a dump; one that ends in a comma, of a stream with a
        // dump open or near the start (a dump's first row, its header not pasted).
        let streamOpen = dumps.contains(where: { $0.acceptsAtAnyQuoteDepth(line.stream) })
        if line.decorated && (streamOpen || markers.matches(raw.bytes))
            || Self.endsInComma(line) && (streamOpen || bytesRead < Self.headWindow)
        {
            pending = line
            pendingJoins = 0
        } else {
            process(line, into: &output)
        }
        if let refusal { throw refusal }
    }

    func finish(into output: inout ReaderOutput) throws {
        if let previous = pending { process(previous, into: &output) }
        pending = nil
        if let refusal { throw refusal }
        for open in dumps where !open.finished { close(open, into: &output) }
        release(into: &output)
        if firstWarning == nil { firstWarning = output.warnings.first }
        if emitted == 0, let empty = emptyDump {
            var detail = ""
            if let warning = firstWarning {
                if case .line(let number) = warning.location.position {
                    detail = " (line \(number): \(warning.message))"
                } else {
                    detail = " (\(warning.message))"
                }
            }
            throw InspectError(context.location(empty.line), "this \(empty.producer) holds no value that could be read\(detail)")
        }
        if emitted == 0 {
            // KVM's VMCB and VMCS dump kinds share one format: name each format once.
            var titles: [String] = []
            for title in kinds.map(\.format.title) where !titles.contains(title) { titles.append(title) }
            let names = titles.joined(separator: ", ")
            // Lines skipped after the last one read count too: the whole input was looked at.
            let lines = max(lineNumber, output.linesRead)
            throw InspectError(
                SourceLocation(file: context.name), "no dump found in \(lines) line\(lines == 1 ? "" : "s") (looked for \(names))")
        }
    }

    /// True when `next` continues `previous`: `next` has no decorations of its own, `previous`
    /// had some, both are quoted alike, and the dump `previous` belongs to takes it as a tail.
    private func canJoin(_ previous: LogLine, _ next: LogLine) -> Bool {
        guard !next.decorated, !next.content.isEmpty, next.stream.quoteDepth == previous.stream.quoteDepth,
            previous.body.utf8.count < 4096
        else { return false }
        if let open = dump(for: previous) ?? (previous.decorated ? dumps.last { $0.acceptsAtAnyQuoteDepth(previous.stream) } : nil) {
            // Lines without decorations cannot show a wrap by losing them; but no dump row
            // ends in a comma (`CR0: actual=0x…, shadow=0x…,` cut before its `gh_mask=`), so
            // such a line is joined with the next when its dump says the two are one row.
            guard previous.decorated else { return Self.endsInComma(previous) && open.builder.joinsAfterComma(previous, with: next) }
            return open.builder.continues(previous, with: next)
        }
        let joined = previous.joined(with: next)
        // No dump open: a header wrapped in two (`VMCS …, last attempted VM-entry` and
        // `on CPU 5`) is joined when only the joined line starts a dump.
        if previous.decorated, kinds.contains(where: { $0.begin(joined, context: context, after: nil) != nil }),
            !kinds.contains(where: { $0.begin(previous, context: context, after: nil) != nil })
        {
            return true
        }
        // Near the start, the first row of a dump whose header was not pasted, broken after a
        // comma: joined when the joined row gives the dump more values than the two apart.
        guard Self.endsInComma(previous), bytesRead < Self.headWindow else { return false }
        return headlessValues(joined) > headlessValues(previous) + headlessValues(next)
    }

    /// True when a dump of `kinds[index]` may still start without its first lines.
    private func mayStartHeadless(_ index: Int) -> Bool {
        !(kinds[index].headlessOnlyAtStart && headedKinds.contains(index))
    }

    /// How many values a dump without its first lines would take from the line, were it its
    /// first (the most any kind takes).
    private func headlessValues(_ line: LogLine) -> Int {
        var most = 0
        for (index, kind) in kinds.enumerated() where mayStartHeadless(index) {
            if let builder = kind.beginHeadless(line, context: context) { most = max(most, builder.snapshot.values.count) }
        }
        return most
    }

    /// True when the line's text ends in a comma (trailing blanks aside: a flowed mail's wrap
    /// keeps the space it broke at).
    static func endsInComma(_ line: LogLine) -> Bool {
        line.content.utf8.last { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: ",")
    }

    /// The open dump a line of its stream goes to: the last one of its module, else the last
    /// one of its stream.
    private func dump(for line: LogLine) -> Open? {
        dumps.last { $0.accepts(line.stream) && !$0.conflicts(line.module) } ?? dumps.last { $0.accepts(line.stream) }
    }

    private func process(_ line: LogLine, into output: inout ReaderOutput) {
        closeSuspended(before: line.number, into: &output)
        let time = line.stream.clock == .monotonic ? line.timestamp.flatMap(Double.init) : nil
        if let open = dump(for: line) {
            if let time, let last = open.lastTime, time < last {
                // The clock went back: another boot's log, so another dump.
                if let stamp = line.timestamp, let lastStamp = open.lastStamp {
                    open.endedBecause = "the clock runs back at line \(line.number), from \(lastStamp) to \(stamp), so the lines from there are another dump's"
                }
                close(open, into: &output)
            } else {
                switch open.builder.consume(line, into: &output) {
                case .placed, .recognized:
                    open.took(line)
                    if let suspended = open.suspendedAt {
                        output.warn(
                            context.location(suspended),
                            "lines \(suspended) to \(line.number - 1) lie inside the \(open.builder.snapshot.architecture.structureName) dump but are not part of it"
                        )
                        open.suspendedAt = nil
                    }
                    open.strays = 0
                    if let time {
                        warnIfPaused(open, at: line, time, into: &output)
                        open.timed(line, time)
                    }
                    release(into: &output)
                    return
                case .startsAnother:
                    close(open, into: &output)
                    if !begins(line, after: open.builder.snapshot), !beginHeadless(line) {
                        // Another dump's row, whose first lines are not here (a dump after a
                        // whole one, its header lost): not read, and said so.
                        output.warn(
                            context.location(line.number),
                            "this line belongs to another \(open.builder.snapshot.producer) dump than the one that began at line \(open.start), and that dump's first lines are not in the input: it is not read"
                        )
                    }
                    release(into: &output)
                    return
                case .interleaves(let what):
                    refusal =
                        refusal
                        ?? InspectError(
                            context.location(line.number),
                            "\(what): the lines of two \(open.builder.snapshot.producer) dumps are interleaved (two vCPUs dumping at once), and the log has no printk caller ids ([T…] or [C…]) to tell them apart, so neither dump can be read"
                        )
                    return
                case .notMine:
                    // Another module's dump starting among this one's lines leaves it open.
                    let other = open.conflicts(line.module) && !open.builder.isComplete
                    if begins(line, after: other ? nil : open.builder.snapshot) {
                        if !other { close(open, into: &output) }
                        release(into: &output)
                        return
                    }
                    stray(line, in: open, into: &output)
                    return
                }
            }
        }
        if begins(line, after: nil) {
            release(into: &output)
            return
        }
        // A fragment of a dump quoted at another depth: taken when the dump places it.
        for open in dumps.reversed() where open.acceptsAtAnyQuoteDepth(line.stream) && !open.builder.isComplete {
            switch open.builder.consume(line, into: &output) {
            case .placed, .recognized:
                open.strays = 0
                return
            case .notMine, .startsAnother, .interleaves:
                continue
            }
        }
        if bytesRead < Self.headWindow, !beginHeadless(line), !warnedStrayRow { warnIfStrayRow(line, into: &output) }
    }

    /// A row that would start a dump without its first lines, met after a whole dump of its
    /// kind (rows a reply quotes again, or a dump whose first lines were lost): not read, and
    /// said once.
    private func warnIfStrayRow(_ line: LogLine, into output: inout ReaderOutput) {
        for (index, kind) in kinds.enumerated() where !mayStartHeadless(index) {
            guard let builder = kind.beginHeadless(line, context: context) else { continue }
            warnedStrayRow = true
            output.warn(
                context.location(line.number),
                "this \(builder.snapshot.producer) row is outside the dumps read (rows quoted again, or a dump whose first lines are not in the input): it is not read, nor are such rows after it"
            )
            return
        }
    }

    /// Opens a dump whose first lines were lost, when a kind takes the line as one of its rows.
    @discardableResult
    private func beginHeadless(_ line: LogLine) -> Bool {
        for (index, kind) in kinds.enumerated() where mayStartHeadless(index) {
            if let builder = kind.beginHeadless(line, context: context) {
                open(builder, line)
                return true
            }
        }
        return false
    }

    /// Opens a dump when a kind starts one at this line.
    private func begins(_ line: LogLine, after previous: Snapshot?) -> Bool {
        for (index, (kind, markers)) in zip(kinds, kindMarkers).enumerated() where Self.holds(markers, line) {
            if let builder = kind.begin(line, context: context, after: previous) {
                open(builder, line)
                headedKinds.insert(index)
                return true
            }
        }
        return false
    }

    private func open(_ builder: any DumpBuilder, _ line: LogLine) {
        // A dump that has read its last line is over once another starts, in any stream.
        for open in dumps where !open.finished && open.builder.isComplete {
            open.finished = true
            open.result = open.builder.finish(into: &pendingOutput)
            noteIfEmpty(open)
        }
        if dumps.count >= Self.heldLimit, let oldest = dumps.first(where: { !$0.finished }) {
            // The dumps before the next open one are handed out by the caller's release.
            oldest.finished = true
            oldest.result = oldest.builder.finish(into: &pendingOutput)
            noteIfEmpty(oldest)
        }
        let open = Open(builder: builder, stream: line.stream, start: line.number, module: line.module)
        if line.stream.clock == .monotonic, let time = line.timestamp.flatMap(Double.init) { open.timed(line, time) }
        dumps.append(open)
    }

    /// A dump's lines are printed within milliseconds (on a 9600-baud serial console a line
    /// takes under 0.1 s): a longer pause between two of its lines suggests a paste spliced from
    /// two runs, whose header, say, is another dump's. Said once per dump; the lines are kept.
    static let longestPause = 0.25

    private func warnIfPaused(_ open: Open, at line: LogLine, _ time: Double, into output: inout ReaderOutput) {
        guard !open.pauseWarned, let last = open.lastTime, let lastStamp = open.lastStamp, let stamp = line.timestamp,
            time - last > Self.longestPause
        else { return }
        open.pauseWarned = true
        let pause = time - last
        let amount = pause < 86400 ? "\(Int((pause * 1000).rounded())) ms" : "more than a day"
        output.warn(
            context.location(line.number),
            "this line is timed \(amount) after the dump's line \(open.lastTimedLine) (\(stamp) after \(lastStamp)); a dump prints within milliseconds, so its lines before and after this one may come from different runs (or a slow console held them up)"
        )
    }

    /// A line of the dump's stream that it cannot place.
    private func stray(_ line: LogLine, in open: Open, into output: inout ReaderOutput) {
        guard !line.content.isEmpty else { return }
        if open.builder.isComplete {
            close(open, into: &output)
            return
        }
        if open.suspendedAt != nil { return }
        open.strays += 1
        if open.strays > Self.strayLimit {
            open.suspendedAt = line.number - Self.strayLimit
            return
        }
        output.warn(
            context.location(line.number),
            "cannot place this line in the \(open.builder.snapshot.architecture.structureName) dump: '\(line.content.prefix(60))'")
    }

    /// Closes suspended dumps that stayed unplaced for the whole resume window.
    private func closeSuspended(before number: Int, into output: inout ReaderOutput) {
        for open in dumps where !open.finished {
            if let suspended = open.suspendedAt, number - suspended > Self.resumeWindow {
                close(open, into: &output)
            }
        }
        release(into: &output)
    }

    private func noteIfEmpty(_ open: Open) {
        guard open.result == nil else { return }
        let producer = open.builder.snapshot.producer
        if emptyDump == nil { emptyDump = (open.start, producer) }
        guard let because = open.endedBecause else { return }
        guard emptyWarnings.count < Self.heldLimit else {
            emptyUnwarned += 1
            return
        }
        emptyWarnings.append(
            InputWarning(context.location(open.start), "this \(producer) holds no value that could be read and is left out: \(because)"))
    }

    /// Hands out the warnings about dumps left out for holding no value, once a dump was:
    /// before the other warnings not yet handed out, which are about dumps that started later.
    private func releaseEmptyWarnings(into output: inout ReaderOutput) {
        guard emitted > 0, !emptyWarnings.isEmpty || emptyUnwarned > 0 else { return }
        output.warnings.insert(contentsOf: emptyWarnings, at: 0)
        emptyWarnings = []
        if emptyUnwarned > 0 {
            output.warn(
                SourceLocation(file: context.name),
                "\(emptyUnwarned) more dump\(emptyUnwarned == 1 ? "" : "s") holding no value that could be read \(emptyUnwarned == 1 ? "is" : "are") left out")
            emptyUnwarned = 0
        }
    }

    /// Ends a dump.
    private func close(_ open: Open, into output: inout ReaderOutput) {
        guard !open.finished else { return }
        open.finished = true
        open.result = open.builder.finish(into: &output)
        noteIfEmpty(open)
    }

    /// Hands out finished dumps from the front, in the order they started.
    private func release(into output: inout ReaderOutput) {
        output.warnings += pendingOutput.warnings
        pendingOutput.warnings = []
        var released = 0
        for open in dumps {
            guard open.finished else { break }
            released += 1
            if var snapshot = open.result {
                snapshot.index = emitted
                emitted += 1
                output.snapshots.append(snapshot)
            }
        }
        if released > 0 { dumps.removeFirst(released) }
        releaseEmptyWarnings(into: &output)
    }
}

/// The kinds of dump logs hold, in the order they are asked about a line.
enum LogDumpKinds {
    static let all: [any LogDumpKind] = [KVMVMCBDump(), VMCSDump(), XenVMCBDump(), VirtualBoxGuruDump(), QEMUCPUDump()]

    /// Every log format: a `--format` naming one reads only its dumps.
    static var formats: [InputFormat] {
        var seen = Set<String>()
        return (all.map(\.format) + [.xen]).filter { seen.insert($0.rawValue).inserted }
    }

    static let entry = TextReaderEntry(
        formats: formats,
        score: { head in
            var best: (InputFormat, Score)?
            for kind in all {
                let score = kind.score(head)
                if score.value > (best?.1.value ?? 0) { best = (kind.format, score) }
            }
            if var found = best, found.0 == .kvm, head.lines.contains(where: { $0.stream.program == "(XEN)" }) {
                found.0 = .xen
                best = found
            }
            return best
        },
        make: { context, formats in
            let kinds = all.filter { kind in formats.contains(kind.format) || kind.format == .kvm && formats.contains(.xen) }
            return LogReader(context: context, kinds: kinds)
        })

    /// True when most of a head's lines carry log decorations (timestamps, syslog or journal
    /// prefixes, record levels): a log, whose dumps may lie beyond the head.
    static func looksLikeLog(_ head: HeadSample) -> Bool {
        let lines = head.nonEmpty
        guard lines.count >= 2 else { return false }
        let decorated = lines.filter { $0.timestamp != nil || $0.stream.program != nil }.count
        return decorated * 10 >= lines.count * 7
    }
}
