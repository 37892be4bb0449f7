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

    public init(format: InputFormat? = nil, offset: Int? = nil, layout: String? = nil, radix: Radix? = nil, physicalAddress: UInt64? = nil) {
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
        HexdumpReader.entry, LogDumpKinds.entry, KVMTraceReader.entry, BhyvectlReader.entry, JSONSnapshotReader.entry, LayoutFileReader.entry,
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

    public static let warningLimit = 1000

    private var scanner: LineScanner?
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

    public init(source: any ByteSource, settings: InputSettings) throws {
        name = source.name
        format = .raw
        let layout = try settings.layout.map { try VMCSLayout.resolve($0) }
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
        if let container = Self.crashDumpKind(head) {
            throw InspectError.usage("\(name) is \(container): name a page with --phys ADDR (vmcs-inspect scan lists the candidates)")
        }
        if settings.format == .raw || settings.format == nil && Self.isBinary(head) {
            if let format = settings.format, format != .raw {
                throw InspectError(SourceLocation(file: name), "the input is binary, not \(format.title) text")
            }
            let page = try Self.rawPage(source: source, peek: peek, wrapped: !wrappers.isEmpty, offset: settings.offset)
            let location = SourceLocation.byte(name, settings.offset ?? 0)
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
        guard let entry = chosen.entry else { throw chosen.refusal ?? InspectError(SourceLocation(file: name), "cannot tell the input format") }
        format = chosen.format
        try Self.validate(settings, format: format, name: name)
        let context = ReaderContext(name: name, settings: settings, format: format, head: sample, layout: layout)
        let enabled = settings.format.map { [$0] } ?? entry.formats
        reader = try entry.make(context, enabled)
        scanner = LineScanner(peek)
    }

    /// The next snapshot, or nil when the input has no more.
    public func next() throws -> Snapshot? {
        while queueHead == queue.count, !finished {
            guard let reader, let scanner else {
                finished = true
                break
            }
            var output = ReaderOutput()
            if let line = try scanner.next(reader.step) {
                try reader.consume(line, into: &output)
            } else {
                finished = true
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
        let lines = head.nonEmpty
        var what = "\(lines.count)\(head.isWhole ? "" : "+") line\(lines.count == 1 ? "" : "s") of text"
        if let first = lines.first { what += " starting '\(first.content.prefix(50))'" }
        var hint = "name one with --format (\(InputFormat.all.map(\.rawValue).joined(separator: ", ")))"
        if let (format, score) = closest {
            hint = "the closest is \(format.title) (\(score.evidence)); if that is what it is, say so with --format \(format.rawValue)"
        }
        return InspectError(
            SourceLocation(file: name), "cannot tell the input format: \(what), with no dump, hex dump or field lines a reader knows; \(hint)")
    }

    static func validate(_ settings: InputSettings, format: InputFormat, name: String) throws {
        let pageFormat = format == .raw || InputFormat.hexDumps.contains(format)
        if settings.offset != nil, !pageFormat {
            throw InspectError.usage("--offset picks a page out of a raw image or a hex dump; \(name) is \(format.title)")
        }
        if settings.layout != nil, !pageFormat {
            throw InspectError.usage("--layout says how a raw VMCS page is laid out; \(name) is \(format.title), which names its fields")
        }
        if settings.radix != nil, format != .fields {
            throw InspectError.usage("--radix applies to field logs; \(name) is \(format.title), whose numbers follow its producer's convention")
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
        if starts([0x7f, 0x45, 0x4c, 0x46]) { return "an ELF file (a crash dump?)" }
        if starts(Array("KDUMP   ".utf8)) || starts(Array("DISKDUMP".utf8)) { return "a kdump-compressed crash dump" }
        if starts(Array("makedumpfile".utf8)) { return "makedumpfile's flattened crash dump" }
        if starts([0x45, 0x4d, 0x69, 0x4c]) { return "a LiME memory capture" }
        return nil
    }

    /// Binary: NUL bytes, or more than 1% control bytes other than whitespace and the escapes
    /// that start ANSI colour sequences (`ESC [`, as coloured logs such as Bareflank's hold),
    /// or a 4 KiB input that is not UTF-8.
    static func isBinary(_ head: [UInt8]) -> Bool {
        let sample = head.prefix(HeadSample.size)
        var controls = 0
        for (offset, byte) in sample.enumerated() {
            if byte == 0 { return true }
            if byte == 0x1b, offset + 1 < sample.count, sample[sample.startIndex + offset + 1] == UInt8(ascii: "[") { continue }
            if byte < 0x20, byte != 0x0a, byte != 0x0d, byte != 0x09, byte != 0x0c { controls += 1 }
        }
        if controls * 100 > sample.count { return true }
        return head.count == PageDecoder.pageSize && String(validating: head, as: UTF8.self) == nil
    }

    /// The page of a raw input: all of it when it is one page, else the page at `offset`. A
    /// regular file is read at the offset; a stream is read up to the page and no further, so
    /// no image is read whole.
    static func rawPage(source: any ByteSource, peek: PeekableSource, wrapped: Bool, offset: Int?) throws -> [UInt8] {
        let size = PageDecoder.pageSize
        let name = source.name
        if let offset, offset < 0 { throw InspectError.usage("--offset must not be negative") }
        if !wrapped, let file = source as? FileSource, let fileSize = file.size {
            let start = offset ?? 0
            if offset == nil, fileSize != size {
                if fileSize < size {
                    throw InspectError(.byte(name, fileSize), "truncated page: expected \(size) bytes, found \(fileSize)")
                }
                throw InspectError(
                    .byte(name, size), "expected a \(size)-byte page, found \(fileSize) bytes (use --offset to pick a page out of a larger file)")
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
                        .byte(name, skipped), "a \(size)-byte page at offset 0x\(String(offset, radix: 16)) does not fit in \(skipped) bytes")
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
