/// The radix of bare numbers in a field log (`--radix`).
public enum Radix: String, Sendable, CaseIterable {
    case hex
    case dec
}

/// How to read an input: what the user said on the command line.
public struct InputSettings: Sendable {
    /// The format; nil to detect it.
    public var format: InputFormat?
    /// Where the page starts in a raw image, or in the bytes a hex dump describes.
    public var offset: Int?
    /// A built-in layout name or a layout file, for raw VMCS pages.
    public var layout: String?
    /// The radix of bare numbers in a field log; nil for the documented rule.
    public var radix: Radix?
    /// `--phys`: the guest-physical address of the page to read from a crash dump or memory
    /// image, for every input that does not name its own with `FILE@0xADDR`.
    public var physicalAddress: UInt64?

    public init(format: InputFormat? = nil, offset: Int? = nil, layout: String? = nil, radix: Radix? = nil, physicalAddress: UInt64? = nil)
    {
        self.format = format
        self.offset = offset
        self.layout = layout
        self.radix = radix
        self.physicalAddress = physicalAddress
    }
}

/// The text readers, in the order detection prefers them when two are equally sure.
public enum TextReaders {
    public static let all: [TextReaderEntry] = [
        HexdumpReader.entry, LogDumpKinds.entry, KVMTraceReader.entry, BhyvectlReader.entry, JSONSnapshotReader.entry,
        LayoutFileReader.entry,
        FieldLogReader.entry,
    ]
}

/// An input opened for reading. Its snapshots come one at a time, as the reader completes
/// them, so a command can print the first dump of a gigabyte log before the rest is read, and
/// memory is bounded by a dump, not by the input.
public final class SnapshotReader {
    /// The input's display name.
    public let name: String
    /// The format detected, or named with `--format`.
    public private(set) var format: InputFormat
    /// Warnings so far, each distinct one once, in the order met (at most `warningLimit`).
    public private(set) var warnings: [InputWarning] = []
    /// Warnings beyond `warningLimit`, counted only.
    public private(set) var droppedWarnings = 0
    /// Snapshots handed out so far.
    public private(set) var count = 0
    /// Lines read so far (text inputs).
    public var linesRead: Int { scanner?.lineCount ?? 0 }
    /// The text reader at work, for summaries that need more than snapshots (a trace's events).
    var textReader: (any TextReader)? { reader }

    /// Warnings kept at most; the rest are counted in `droppedWarnings`.
    public static let warningLimit = 1000

    private var scanner: LineScanner?
    /// The input, for a reader that takes it whole rather than by lines.
    private var input: (any ByteSource)?
    private var reader: (any TextReader)?
    /// Snapshots read and not handed out yet, from `queueHead` on (a reader may complete many
    /// at once: taking them from the front one by one must not move the rest each time).
    private var queue: [Snapshot] = []
    private var queueHead = 0
    private var finished = false
    private var seenWarnings = Set<String>()

    /// Opens `path` (`-` for standard input); `displayName` names it in output and messages.
    public convenience init(path: String, displayName: String? = nil, settings: InputSettings = InputSettings()) throws {
        let name = displayName ?? (path == "-" ? "<stdin>" : path)
        try self.init(source: FileSource(path: path, name: name), settings: settings)
    }

    /// A snapshot read some other way (a crash dump's page), handed out as an input's only one.
    public init(snapshot: Snapshot, name: String, format: InputFormat) {
        self.name = name
        self.format = format
        queue = [snapshot]
        finished = true
    }

    /// Reads bytes already in memory.
    public convenience init(bytes: [UInt8], name: String, settings: InputSettings = InputSettings()) throws {
        try self.init(source: MemorySource(bytes, name: name), settings: settings)
    }

    /// Opens a byte stream: unwraps gzip and UTF-16, and picks the reader by the head of the input.
    public init(source: any ByteSource, settings: InputSettings) throws {
        name = source.name
        format = .raw
        let layout = try settings.layout.map { try PageLayout.resolve($0) }
        var current: any ByteSource = source
        var peek = PeekableSource(current)
        var head = try peek.peek(HeadSample.size + 1)
        guard !head.isEmpty else { throw InspectError(SourceLocation(file: name), "empty input") }
        var wrappers: [String] = []
        if head.count >= 3, head[0] == 0x1f, head[1] == 0x8b, head[2] == 0x08 {
            current = try GzipSource(peek)
            peek = PeekableSource(current)
            head = try peek.peek(HeadSample.size + 1)
            wrappers.append("gzip")
            guard !head.isEmpty else { throw InspectError(SourceLocation(file: name), "the gzip data holds nothing") }
        }
        if let bigEndian = Self.utf16(head) {
            current = UTF16Source(peek, bigEndian: bigEndian)
            peek = PeekableSource(current)
            head = try peek.peek(HeadSample.size + 1)
            wrappers.append("UTF-16")
        }
        if let error = ELFCore.notACore(head, name: name) { throw error }
        if let container = Self.crashDumpKind(head) {
            throw InspectError.usage("\(name) is \(container): name a page with --phys ADDR (vmcs-inspect scan lists the candidates)")
        }
        if let format = settings.format, format != .raw, Self.controlBytes(head) * 10 > min(head.count, HeadSample.size) {
            // A format named for text that is plainly not text (a page, /dev/zero): its lines,
            // if it has any, would be read for nothing, and an endless one read for ever.
            throw InspectError(SourceLocation(file: name), "the input is binary, not \(format.title) text")
        }
        if settings.format == .raw || settings.format == nil && Self.isBinary(head) {
            let page: [UInt8]
            do {
                page = try Self.rawPage(source: source, peek: peek, wrapped: !wrappers.isEmpty, offset: settings.offset)
            } catch let error as InspectError where settings.format == nil && settings.offset == nil {
                throw Self.textThenBinary(head, name: name) ?? error
            }
            let location = SourceLocation.byte(name, settings.offset ?? 0)
            if settings.format == nil, layout == nil, PageDecoder.kindEvidence(page) == nil {
                throw PageDecoder.unknownKind(page, location: location, format: .raw)
            }
            var producer = "raw page"
            if let offset = settings.offset, offset != 0 { producer += " at offset 0x\(String(offset, radix: 16))" }
            if !wrappers.isEmpty { producer += " (\(wrappers.joined(separator: ", ")))" }
            queue = [PageDecoder.snapshot(page, layout: layout, source: name, format: .raw, producer: producer, location: location)]
            finished = true
            return
        }
        var sample = HeadSample(bytes: Array(head.prefix(HeadSample.size)), isWhole: head.count <= HeadSample.size)
        var chosen = try Self.choose(sample, settings: settings, name: name)
        if settings.format == nil, !InputFormat.hexDumps.contains(chosen.format) || chosen.entry == nil, QuotedPrintable.isEncoded(sample) {
            current = QuotedPrintableSource(peek)
            peek = PeekableSource(current)
            head = try peek.peek(HeadSample.size + 1)
            sample = HeadSample(bytes: Array(head.prefix(HeadSample.size)), isWhole: head.count <= HeadSample.size)
            chosen = try Self.choose(sample, settings: settings, name: name)
            note(
                InputWarning(
                    SourceLocation(file: name),
                    "the input is quoted-printable mail text (=3D for '='); read it decoded, so line numbers count decoded lines"))
        }
        guard let entry = chosen.entry else {
            throw chosen.refusal ?? InspectError(SourceLocation(file: name), "cannot tell the input format")
        }
        format = chosen.format
        try Self.validate(settings, format: format, name: name)
        let context = ReaderContext(name: name, settings: settings, format: format, head: sample, layout: layout)
        let enabled = settings.format.map { [$0] } ?? entry.formats
        reader = try entry.make(context, enabled)
        if let reader, !(reader is any WholeTextReader) {
            scanner = LineScanner(peek, maximumLineLength: reader.maximumLineLength)
        } else {
            input = peek
        }
    }

    /// The next snapshot, or nil when the input has no more.
    public func next() throws -> Snapshot? {
        while queueHead == queue.count, !finished {
            // `input` is set only for a reader that takes the text whole, so a line reader
            // pays no dynamic cast per line.
            if let input, let whole = reader as? any WholeTextReader {
                // A document read whole (JSON): its lines may be of any length.
                var output = ReaderOutput()
                let bytes = try input.readAll(limit: type(of: whole).limit, what: "the \(format.title) document")
                finished = true
                try whole.read(bytes, into: &output)
                for warning in output.warnings { note(warning) }
                queue += output.snapshots
                break
            }
            guard let reader, let scanner else {
                finished = true
                break
            }
            var output = ReaderOutput()
            if let line = try scanner.next(reader.step) {
                if line.truncated {
                    output.warn(
                        .line(name, line.number),
                        "this line is longer than \(ByteCount.text(reader.maximumLineLength)); only its first \(ByteCount.text(reader.maximumLineLength)) are read"
                    )
                }
                try reader.consume(line, into: &output)
            } else {
                finished = true
                output.linesRead = scanner.lineCount
                try reader.finish(into: &output)
            }
            for warning in output.warnings { note(warning) }
            if queueHead == queue.count {
                queue = output.snapshots
                queueHead = 0
            } else {
                queue += output.snapshots
            }
        }
        guard queueHead < queue.count else { return nil }
        count += 1
        let snapshot = queue[queueHead]
        queueHead += 1
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        }
        return snapshot
    }

    /// Says that only the snapshot at `index` will be used (`FILE@N`): the others may come
    /// without their values, so that passing over them costs little. Their indexes, and every
    /// warning, stay what a full read gives.
    public func select(index: Int) {
        reader?.select(index)
    }

    /// Every snapshot (small inputs: the shell, tests).
    public func readAll() throws -> [Snapshot] {
        var all: [Snapshot] = []
        while let snapshot = try next() { all.append(snapshot) }
        return all
    }

    private func note(_ warning: InputWarning) {
        let key = warning.description
        guard !seenWarnings.contains(key) else { return }
        guard warnings.count < Self.warningLimit else {
            // Said once, where the first warning left out was met, so none go missing silently.
            if droppedWarnings == 0 {
                warnings.append(
                    InputWarning(warning.location, "more warnings from here on are not shown: only the first \(Self.warningLimit) are"))
            }
            droppedWarnings += 1
            return
        }
        seenWarnings.insert(key)
        warnings.append(warning)
    }

    // MARK: Detection

    /// The reader for a text: the one `--format` names, or the surest above the threshold; or
    /// a refusal saying what the text looked like and which format might fit.
    static func choose(_ head: HeadSample, settings: InputSettings, name: String) throws -> (
        entry: TextReaderEntry?, format: InputFormat, refusal: InspectError?
    ) {
        if let format = settings.format {
            guard let entry = TextReaders.all.first(where: { $0.formats.contains(format) }) else {
                throw InspectError.usage("unknown format '\(format.rawValue)'")
            }
            return (entry, format, nil)
        }
        var scored: [(entry: TextReaderEntry, format: InputFormat, score: Score)] = []
        for entry in TextReaders.all {
            guard let (format, score) = entry.score(head), score.value > 0 else { continue }
            scored.append((entry, format, score))
            // A later reader could at best tie, and a tie goes to the earlier: the rest need
            // not look at the head.
            if score.value >= 100 { break }
        }
        // The surest first; on a tie the earlier in the registry.
        let ranked = scored.enumerated().sorted { a, b in
            a.element.score.value != b.element.score.value ? a.element.score.value > b.element.score.value : a.offset < b.offset
        }.map(\.element)
        if let best = ranked.first, best.score.value >= Score.threshold {
            if let second = ranked.dropFirst().first, second.score.value >= Score.threshold, second.entry.formats != best.entry.formats,
                best.score.value - second.score.value < 10, best.score.value < 90
            {
                return (
                    nil, best.format,
                    InspectError(
                        SourceLocation(file: name),
                        "cannot tell the input format for sure: it could be \(best.format.title) (\(best.score.evidence)) or \(second.format.title) (\(second.score.evidence)); name one with --format \(best.format.rawValue) or --format \(second.format.rawValue)"
                    )
                )
            }
            return (best.entry, best.format, nil)
        }
        if LogDumpKinds.looksLikeLog(head) {
            // A log whose first dump lies beyond the head: the log reader searches for it.
            return (LogDumpKinds.entry, .kvm, nil)
        }
        return (nil, .raw, refusal(head, ranked.first.map { ($0.format, $0.score) }, name: name))
    }

    /// What a text no reader recognises looked like, and which format might fit.
    static func refusal(_ head: HeadSample, _ closest: (InputFormat, Score)?, name: String) -> InspectError {
        let formats = "name one with --format (\(InputFormat.all.map(\.rawValue).joined(separator: ", ")))"
        if !head.isWhole, !head.bytes.contains(0x0a), !head.bytes.contains(0x0d) {
            return InspectError(
                SourceLocation(file: name),
                "cannot tell the input format: its first line is longer than the \(ByteCount.text(HeadSample.size)) detection looks at; \(formats)"
            )
        }
        let lines = head.nonEmpty
        var what = "\(lines.count)\(head.isWhole ? "" : "+") line\(lines.count == 1 ? "" : "s") of text"
        if let kind = lookalike(head) { what += " that look\(lines.count == 1 ? "s" : "") like \(kind)" }
        if let first = lines.first { what += "\(what.hasSuffix("text") ? "" : ",") starting '\(first.content.prefix(50))'" }
        var hint = formats
        if let (format, score) = closest {
            hint = "the closest is \(format.title) (\(score.evidence)); if that is what it is, say so with --format \(format.rawValue)"
        }
        return InspectError(
            SourceLocation(file: name),
            "cannot tell the input format: \(what), with no dump, hex dump or field lines a reader knows; \(hint)")
    }

    /// Texts people have at hand beside a dump, by marks of their own, so that a refusal says
    /// what the text is: (what it is, a test on its cleaned lines). Only refusals look at them.
    static let lookalikes: [(kind: String, test: @Sendable ([String]) -> Bool)] = [
        (
            "a JSON document but not show --json output",
            { lines in lines.first.map { $0.hasPrefix("{") || $0.hasPrefix("[") } ?? false }
        ),
        (
            "a kernel oops or warning",
            { lines in lines.contains { $0.hasPrefix("Call Trace:") || $0.hasPrefix("Oops: ") || $0.hasPrefix("BUG: ") } }
        ),
        ("/proc/cpuinfo", { lines in lines.contains { $0.hasPrefix("vendor_id") } && lines.contains { $0.hasPrefix("flags") } }),
        ("gdb output", { lines in lines.contains { $0.hasPrefix("(gdb) ") || $0.hasPrefix("#0  0x") } }),
        ("lspci output", { lines in lines.first.map(isPCIAddress) ?? false }),
        ("a QEMU command line", { lines in lines.first.map { $0.hasPrefix("qemu-system-") || $0.hasPrefix("qemu-kvm ") } ?? false }),
        ("a makefile", { lines in lines.contains { $0.hasPrefix(".PHONY:") || $0.hasPrefix("all:") || $0.contains("$(MAKE)") } }),
    ]

    /// What a text no reader recognises looks like, from `lookalikes`.
    static func lookalike(_ head: HeadSample) -> String? {
        let lines = head.nonEmpty.prefix(200).map { String($0.content) }
        return lookalikes.first { $0.test(lines) }?.kind
    }

    /// `00:1f.3 `, `0000:00:1f.3 `: a PCI address as lspci starts its device lines with.
    static func isPCIAddress(_ line: String) -> Bool {
        let bytes = Array(line.utf8.prefix(13))
        func hex(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < bytes.count && bytes[$0].isHexDigit } }
        let colon = UInt8(ascii: ":")
        let dot = UInt8(ascii: ".")
        if bytes.count >= 8, hex(0..<2), bytes[2] == colon, hex(3..<5), bytes[5] == dot, hex(6..<7), bytes[7] == 0x20 { return true }
        return bytes.count >= 13 && hex(0..<4) && bytes[4] == colon && hex(5..<7) && bytes[7] == colon && hex(8..<10) && bytes[10] == dot
            && hex(11..<12) && bytes[12] == 0x20
    }

    static func validate(_ settings: InputSettings, format: InputFormat, name: String) throws {
        let pageFormat = format == .raw || InputFormat.hexDumps.contains(format)
        let what = "\(name) holds \(format.title) text (format \(format.rawValue))"
        if settings.offset != nil, !pageFormat {
            throw InspectError.usage(
                "--offset picks a page by its byte offset out of a raw image or a hex dump; \(what), which has no byte offsets")
        }
        if settings.layout != nil, !pageFormat {
            throw InspectError.usage("--layout says how a raw page is laid out; \(what), which names its fields")
        }
        if settings.radix != nil, format != .fields {
            throw InspectError.usage(
                "--radix sets the radix of bare numbers in a field log (format fields); \(what), whose numbers follow its producer's convention"
            )
        }
    }

    // MARK: Binary inputs

    /// UTF-16 text: a byte-order mark, or ASCII with every other byte zero. Big-endian when so.
    static func utf16(_ head: [UInt8]) -> Bool? {
        if head.count >= 2, head[0] == 0xff, head[1] == 0xfe { return false }
        if head.count >= 2, head[0] == 0xfe, head[1] == 0xff { return true }
        let sample = head.prefix(256)
        guard sample.count >= 16, sample.count % 2 == 0 else { return nil }
        let even = stride(from: 0, to: sample.count, by: 2).map { sample[$0] }
        let odd = stride(from: 1, to: sample.count, by: 2).map { sample[$0] }
        let text = { (bytes: [UInt8]) in bytes.allSatisfy { $0 == 0x0a || $0 == 0x0d || $0 == 0x09 || ($0 >= 0x20 && $0 < 0x7f) } }
        if odd.allSatisfy({ $0 == 0 }), text(even) { return false }
        if even.allSatisfy({ $0 == 0 }), text(odd) { return true }
        return nil
    }

    /// The crash dump or memory image formats a file's first bytes name.
    static func crashDumpKind(_ head: [UInt8]) -> String? {
        func starts(_ magic: [UInt8]) -> Bool { head.count >= magic.count && Array(head.prefix(magic.count)) == magic }
        if starts([0x7f, 0x45, 0x4c, 0x46]) { return "an ELF core" }
        if starts(Array("KDUMP   ".utf8)) || starts(Array("DISKDUMP".utf8)) { return "a kdump-compressed crash dump" }
        if starts(Array("makedumpfile".utf8)) { return "makedumpfile's flattened crash dump" }
        if starts([0x45, 0x4d, 0x69, 0x4c]) { return "a LiME memory capture" }
        return nil
    }

    /// Binary: more than 1% control bytes (NUL included) other than whitespace and the escapes
    /// that start ANSI colour sequences (`ESC [`, as coloured logs such as Bareflank's hold),
    /// or a 4 KiB input that is not UTF-8. A log with a few NUL bytes (a serial console's noise
    /// where the machine reset) is text.
    static func isBinary(_ head: [UInt8]) -> Bool {
        if controlBytes(head) * 100 > min(head.count, HeadSample.size) { return true }
        return head.count == PageDecoder.pageSize && String(validating: head, as: UTF8.self) == nil
    }

    /// The control bytes of the head sample that text does not hold (NUL included).
    static func controlBytes(_ head: [UInt8]) -> Int {
        let sample = head.prefix(HeadSample.size)
        var controls = 0
        for offset in sample.indices where isBinaryByte(sample, at: offset) { controls += 1 }
        return controls
    }

    /// True for a control byte that text does not hold: not whitespace, and not the ESC of a
    /// colour sequence or window title that a terminal capture keeps.
    static func isBinaryByte(_ bytes: ArraySlice<UInt8>, at offset: Int) -> Bool {
        let byte = bytes[offset]
        guard byte < 0x20, byte != 0x0a, byte != 0x0d, byte != 0x09, byte != 0x0c else { return false }
        guard byte == 0x1b, offset + 1 < bytes.endIndex else { return true }
        return bytes[offset + 1] != UInt8(ascii: "[") && bytes[offset + 1] != UInt8(ascii: "]")
    }

    /// For a binary input that starts as lines of text (a log with bytes of something else
    /// after it): the error that says where the text stops, instead of one about a page.
    static func textThenBinary(_ head: [UInt8], name: String) -> InspectError? {
        let sample = head[...]
        guard let first = sample.indices.first(where: { isBinaryByte(sample, at: $0) }), first >= 64, sample[..<first].contains(0x0a)
        else { return nil }
        return InspectError(
            .byte(name, first),
            "text up to here, then binary bytes: neither text nor a \(PageDecoder.pageSize)-byte page (name the text's format with --format to read it as text)"
        )
    }

    /// The page of a raw input: all of it when it is one page, else the page at `offset`. A
    /// regular file is read at the offset; a stream is read up to the page and no further, so
    /// no image is read whole.
    static func rawPage(source: any ByteSource, peek: PeekableSource, wrapped: Bool, offset: Int?) throws -> [UInt8] {
        let size = PageDecoder.pageSize
        let name = source.name
        if let offset, offset < 0 { throw InspectError.usage("--offset must not be negative") }
        // A file read through an interruptible wrapper (the shell's `load`) is still a file.
        let file = (source as? FileSource) ?? ((source as? InterruptibleSource)?.base as? FileSource)
        if !wrapped, let file, let fileSize = file.size {
            let start = offset ?? 0
            if offset == nil, fileSize != size {
                if fileSize < size {
                    throw InspectError(.byte(name, fileSize), "truncated page: expected \(size) bytes, found \(fileSize)")
                }
                throw InspectError(
                    .byte(name, size),
                    "expected a \(size)-byte page, found \(fileSize) bytes (use --offset to pick a page out of a larger file)")
            }
            guard start <= fileSize, fileSize - start >= size else {
                throw InspectError(
                    .byte(name, min(start, fileSize)),
                    "a \(size)-byte page at offset 0x\(String(start, radix: 16)) does not fit in \(fileSize) bytes")
            }
            var page = [UInt8](repeating: 0, count: size)
            let got = try page.withUnsafeMutableBytes { try file.read(at: start, into: $0) }
            guard got == size else { throw InspectError(.byte(name, start + got), "truncated page: expected \(size) bytes, found \(got)") }
            return page
        }
        // A stream: skip to the offset, then read one page and see whether more follows.
        var skipped = 0
        var scratch = [UInt8](repeating: 0, count: 1 << 16)
        if let offset {
            while skipped < offset {
                let want = min(scratch.count, offset - skipped)
                let got = try scratch.withUnsafeMutableBytes { try peek.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want])) }
                if got == 0 {
                    throw InspectError(
                        .byte(name, skipped),
                        "a \(size)-byte page at offset 0x\(String(offset, radix: 16)) does not fit in \(skipped) bytes")
                }
                skipped += got
            }
        }
        var page: [UInt8] = []
        page.reserveCapacity(size + 1)
        while page.count <= size {
            let want = min(scratch.count, size + 1 - page.count)
            let got = try scratch.withUnsafeMutableBytes { try peek.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want])) }
            if got == 0 { break }
            page += scratch[0..<got]
        }
        if page.count < size {
            if offset != nil {
                throw InspectError(
                    .byte(name, skipped + page.count),
                    "a \(size)-byte page at offset 0x\(String(skipped, radix: 16)) does not fit in \(skipped + page.count) bytes")
            }
            throw InspectError(.byte(name, page.count), "truncated page: expected \(size) bytes, found \(page.count)")
        }
        if page.count > size, offset == nil {
            throw InspectError(
                .byte(name, size), "expected a \(size)-byte page, found more (use --offset to pick a page out of a larger input)")
        }
        return Array(page.prefix(size))
    }
}

extension InputFormat {
    /// A raw 4 KiB page, or one inside a larger image at `--offset`.
    public static let raw = InputFormat("raw", title: "a raw page", example: "vmcb.bin, --offset 0x7f3000 guest.img", isLog: false)
}

extension SnapshotReader {
    /// Reads a whole text (tests, small inputs): every snapshot and the warnings.
    public static func read(_ text: String, name: String, settings: InputSettings = InputSettings()) throws -> (
        snapshots: [Snapshot], warnings: [InputWarning]
    ) {
        let reader = try SnapshotReader(bytes: Array(text.utf8), name: name, settings: settings)
        return (try reader.readAll(), reader.warnings)
    }

    /// The format detection chooses for an input's bytes.
    public static func detect(_ bytes: [UInt8], name: String) throws -> InputFormat {
        try SnapshotReader(bytes: bytes, name: name).format
    }
}

extension QuotedPrintable {
    /// Decodes quoted-printable bytes whole (tests).
    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        (try? QuotedPrintableSource(MemorySource(bytes, name: "")).readAll(limit: Int.max)) ?? []
    }
}
