extension InputFormat {
    public static let xxd = InputFormat(
        "xxd", title: "xxd dump", example: "00000070: 0004 0000 0000 0000 0600 0000 0100 0000  ................", isLog: false)
    public static let hexdump = InputFormat(
        "hexdump", title: "hexdump -C dump", example: "00000070  00 04 00 00 00 00 00 00  06 00 00 00 01 00 00 00  |................|",
        isLog: false)
    public static let od = InputFormat("od", title: "od dump", example: "0000160 0000000000000400 0000000100000006", isLog: false)
    public static let gdb = InputFormat(
        "gdb", title: "gdb x/ dump", example: "0xffff88810a3f4070 <vmcb+112>: 0x0000000000000400 0x0000000100000006", isLog: false)
    public static let crash = InputFormat(
        "crash", title: "crash rd dump", example: "ffff88810a3f4070:  0000000000000400 0000000100000006   ................", isLog: false)
    public static let hex = InputFormat("hex", title: "hex bytes", example: "11 00 11 01 ff 00 ff 00 ...", isLog: false)

    /// The hex dump formats.
    static let hexDumps: [InputFormat] = [.xxd, .hexdump, .od, .gdb, .crash, .hex]
}

/// Reads hex dumps of memory back into bytes: xxd, hexdump -C, od, gdb x/, crash rd and
/// plain hex. Addresses may start anywhere; `*` lines (repeated lines folded by hexdump and od)
/// are expanded; word columns are turned back into bytes in little-endian order.
///
/// The reader streams: it keeps only the page asked for (all of a one-page dump, or the page at
/// `--offset`, counted from the dump's first address), so a dump of a large memory range costs
/// no more memory than a page. Lines are not put through the log cleaner (a character column
/// may hold anything); only mail quoting, tabs and CRs come off.
final class HexdumpReader: TextReader {
    static let entry = TextReaderEntry(
        formats: InputFormat.hexDumps, score: { HexdumpReader.score($0) },
        make: { context, formats in try HexdumpReader(context: context) })

    let context: ReaderContext
    var format: InputFormat { context.format }
    /// The format, as a closed set the hot loop compares cheaply.
    enum Kind {
        case xxd, hexdump, od, gdb, crash, hex
    }
    let kind: Kind
    /// The bytes of the line being read (a line holds at most its length in bytes).
    private let lineBytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: LineScanner.maximumLineLength)
    var name: String { context.name }
    /// The radix of od's and hexdump's addresses, decided from the head.
    let radix: Int
    /// Where the page starts, counted from the dump's first byte.
    let pageStart: Int
    /// Where the page ends (Int.max when that is past it).
    let pageEnd: Int
    let pageWanted: Bool

    private var page = [UInt8](repeating: 0, count: PageDecoder.pageSize)
    private var base: UInt64?
    /// Bytes of the dump so far.
    private var total = 0
    private var previous: [UInt8] = []
    private var pendingRepeat = false
    private var firstDataLine: Int?
    /// A line of other text after the data began: an error if more data follows, else trailing
    /// text that is warned about. `broken` when the line looked like data but could not be read.
    private var interruption: (line: Int, error: InspectError, broken: Bool)?
    private var trailing: [Int] = []
    private var lastDataLine = 0
    /// The bytes of the last data line, and the most any line held: a line shorter or longer
    /// than its neighbours is named when the next address disagrees.
    private var lastLineBytes = 0
    private var usualLineBytes = 0
    /// Lines read, for the message of an input with no dump line.
    private var linesRead = 0
    private var done = false

    init(context: ReaderContext) throws {
        self.context = context
        pageStart = context.settings.offset ?? 0
        pageWanted = context.settings.offset != nil
        guard pageStart >= 0 else { throw InspectError.usage("--offset must not be negative") }
        // A page whose end is past Int.max never fits: no dump holds that many bytes.
        pageEnd = pageStart > Int.max - PageDecoder.pageSize ? Int.max : pageStart + PageDecoder.pageSize
        radix = Self.addressRadix(format: context.format, head: context.head)
        switch context.format {
        case .xxd: kind = .xxd
        case .hexdump: kind = .hexdump
        case .od: kind = .od
        case .gdb: kind = .gdb
        case .crash: kind = .crash
        default: kind = .hex
        }
    }

    deinit {
        lineBytes.deallocate()
    }

    var step: LineScanner.Step { done ? .stop : .next }

    // MARK: Detection

    /// Sure when the head's lines are dump lines of one format, with at most a prompt or a
    /// command line before them and text after them.
    static func score(_ head: HeadSample) -> (InputFormat, Score)? {
        var counts: [String: Int] = [:]
        var first: [String: Int] = [:]
        var nonEmpty = 0
        for (index, raw) in head.raw.enumerated() {
            let content = cleaned(raw)
            if content.isEmpty { continue }
            nonEmpty += 1
            // Every dump line starts with a hex digit (`format(of:)`'s every case).
            guard content.utf8.first?.isHexDigit == true else { continue }
            if let format = format(of: content) {
                counts[format.rawValue, default: 0] += 1
                if first[format.rawValue] == nil { first[format.rawValue] = index + 1 }
            }
        }
        guard let (best, count) = counts.max(by: { $0.value < $1.value || $0.value == $1.value && $0.key > $1.key }),
            let format = InputFormat.named(best)
        else { return nil }
        // Lines of one format, most of the text: a dump. A single line is enough only alone.
        let share = count * 100 / max(nonEmpty, 1)
        guard count >= 2 || nonEmpty == 1 else { return (format, Score(20, "one \(format.title) line")) }
        return (format, Score(share >= 60 ? 95 : share, "\(count) \(format.title) lines from line \(first[best] ?? 1)"))
    }

    /// A line with mail quotes, tabs and CRs taken off, and trimmed.
    static func cleaned(_ raw: String) -> String {
        // ASCII without tabs or CRs (nearly every line) is cleaned on its bytes: there each
        // byte is a character, and there is nothing to replace.
        let plain = raw.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x09 || $0 == 0x0d }) else { return nil }
            var start = bytes.startIndex
            var end = bytes.endIndex
            while true {
                while start < end, bytes[start] == 0x20 { start += 1 }
                if start < end, bytes[start] == 0x3e {
                    start += 1
                } else if end - start >= 4, bytes[start] == 0x26, bytes[start + 1] == 0x67, bytes[start + 2] == 0x74, bytes[start + 3] == 0x3b {
                    start += 4
                } else {
                    break
                }
            }
            while end > start, bytes[end - 1] == 0x20 { end -= 1 }
            return start == bytes.startIndex && end == bytes.endIndex ? raw : String(decoding: bytes[start..<end], as: UTF8.self)
        }
        if let plain, let plain { return plain }
        var text = Substring(raw)
        while true {
            text = text.trimmingLeadingSpaces()
            if text.first == ">" {
                text = text.dropFirst()
            } else if text.hasPrefix("&gt;") {
                text = text.dropFirst(4)
            } else {
                break
            }
        }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t", "\u{00A0}": out.unicodeScalars.append(" ")
            case "\r", "\u{FEFF}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.trimmingSpaces()
    }

    /// The dump format a line is written in, or nil when it is not a dump line.
    static func format(of content: String) -> InputFormat? {
        let tokens = content.split(separator: " ")
        guard let first = tokens.first else { return nil }
        if first.hasPrefix("0x"), content.contains(":") {
            let head = content.prefix { $0 != ":" && $0 != " " && $0 != "<" }
            guard NumberText.hex(head) != nil, let colon = content.firstIndex(of: ":") else { return nil }
            let words = content[content.index(after: colon)...].split(separator: " ")
            return words.first.map { NumberText.hex($0) != nil } == true ? .gdb : nil
        }
        if first.hasSuffix(":"), NumberText.hex(first.dropLast()) != nil, tokens.count > 1 {
            guard tokens[1].utf8.allSatisfy(\.isHexDigit) else { return nil }
            let afterColon = content.drop { $0 != ":" }.dropFirst()
            return afterColon.hasPrefix("  ") ? .crash : .xxd
        }
        if tokens.count == 1, first.count >= 32, first.count % 2 == 0, first.utf8.allSatisfy(\.isHexDigit) { return .hex }
        guard first.utf8.allSatisfy(\.isHexDigit), tokens.count > 1 else { return nil }
        if content.hasSuffix("|"), content.contains("|") { return .hexdump }
        let second = tokens[1]
        guard second.utf8.allSatisfy(\.isHexDigit) else { return nil }
        if first.count != second.count { return .od }
        return tokens.allSatisfy({ $0.count == 2 && $0.utf8.allSatisfy(\.isHexDigit) }) ? .hex : nil
    }

    // MARK: Reading

    func consume(_ line: TextLine, into output: inout ReaderOutput) throws {
        linesRead = line.number
        if line.truncated {
            // Only the line's start is here; reading on would lose the bytes of its rest.
            throw InspectError(
                context.location(line.number),
                "expected \(lineName), found a line longer than \(ByteCount.text(LineScanner.maximumLineLength)) (split it, for example with 'fold -w 64')"
            )
        }
        // Well-formed lines are read on their bytes; anything else goes to the string parser,
        // which says precisely what is wrong.
        switch fastParse(line.bytes) {
        case .data(let address, let digits, let count):
            if let interruption { throw interruption.error }
            if firstDataLine == nil { firstDataLine = line.number }
            try placeLine(UnsafeBufferPointer(rebasing: lineBytes[0..<count]), address: address, digits: digits, line: line.number)
            lastDataLine = line.number
            return
        case .repeatMarker:
            if let interruption { throw interruption.error }
            guard !previous.isEmpty else { throw InspectError(context.location(line.number), "'*' before any dump line") }
            pendingRepeat = true
            return
        case .blank:
            return
        case .unsure:
            break
        }
        let content = Self.cleaned(line.string)
        let parsed: Parsed
        do {
            parsed = try parse(content, number: line.number)
        } catch let error as InspectError {
            if firstDataLine == nil {
                // Text before the dump that happens to look like a broken line of it.
                output.warn(context.location(line.number), "not part of the \(format.title); ignored")
                return
            }
            noteInterruption(line.number, error, broken: true)
            return
        }
        switch parsed {
        case .data(let address, let bytes):
            if let interruption { throw interruption.error }
            if firstDataLine == nil { firstDataLine = line.number }
            try place(bytes, address: address, line: line.number)
            lastDataLine = line.number
        case .repeatMarker:
            if let interruption { throw interruption.error }
            guard !previous.isEmpty else { throw InspectError(context.location(line.number), "'*' before any dump line") }
            pendingRepeat = true
        case .endAddress(let address):
            if let interruption { throw interruption.error }
            let end = try offset(of: address, line: line.number)
            if pendingRepeat {
                try fillRepeats(upTo: end, line: line.number)
                pendingRepeat = false
            }
            guard end == total else {
                let expected = addressText(base.map { $0 &+ UInt64(total) } ?? UInt64(total), digits: address.count)
                throw InspectError(
                    context.location(line.number),
                    "expected the final address \(expected) (after \(total) bytes), found \(address)")
            }
        case .other:
            guard !content.isEmpty else { return }
            if firstDataLine == nil {
                if !Self.isPromptOrCommand(content) {
                    output.warn(context.location(line.number), "not part of the \(format.title); ignored")
                }
                return
            }
            noteInterruption(
                line.number, InspectError(context.location(line.number), "expected \(lineName), found text that is not one"), broken: false)
        }
    }

    private func noteInterruption(_ number: Int, _ error: InspectError, broken: Bool) {
        if interruption == nil { interruption = (number, error, broken) }
        if trailing.count < 100 { trailing.append(number) }
    }

    func finish(into output: inout ReaderOutput) throws {
        guard firstDataLine != nil else {
            let example = format.example.count > 44 ? format.example.prefix(40).trimmingSpaces() + " …" : Substring(format.example)
            throw interruption?.error
                ?? InspectError(
                    SourceLocation(file: name),
                    "expected \(linesName) such as '\(example)', found none in \(linesRead) line\(linesRead == 1 ? "" : "s")")
        }
        for number in trailing {
            output.warn(context.location(number), "not part of the \(format.title); ignored")
        }
        if pendingRepeat {
            throw InspectError(
                context.location(lastDataLine), "'*' at the end of the dump, with no address after it to say how far it repeats")
        }
        guard total >= pageEnd else {
            // A line that looked like data but could not be read is why the dump is short.
            if let interruption, interruption.broken { throw interruption.error }
            if pageWanted {
                throw InspectError(
                    context.location(lastDataLine),
                    "a \(PageDecoder.pageSize)-byte page at offset 0x\(String(pageStart, radix: 16)) does not fit in the \(total) bytes the dump holds"
                )
            }
            throw InspectError(
                context.location(lastDataLine),
                "expected a \(PageDecoder.pageSize)-byte page, found \(total) bytes (the dump ends on this line)")
        }
        let location = context.location(firstDataLine ?? 1)
        if context.settings.format == nil, context.layout == nil, PageDecoder.kindEvidence(page) == nil {
            throw PageDecoder.unknownKind(page, location: location, format: format)
        }
        let snapshot = PageDecoder.snapshot(
            page, layout: context.layout, source: name, format: format, producer: format.title, location: location)
        output.snapshots.append(snapshot)
    }

    /// "xxd lines", for messages.
    var linesName: String { kind == .hex ? "lines of hex bytes" : "\(format.title.replacingSuffix(" dump", with: "")) lines" }

    /// "an xxd line", for messages.
    var lineName: String {
        switch kind {
        case .xxd: return "an xxd line"
        case .od: return "an od line"
        case .hex: return "a line of hex bytes"
        default: return "a \(format.title.replacingSuffix(" dump", with: "")) line"
        }
    }

    static func isPromptOrCommand(_ content: String) -> Bool {
        ["(gdb) ", "crash> ", "$ ", "# ", "(qemu) "].contains { content.hasPrefix($0) }
    }

    // MARK: Line parsing

    enum Parsed {
        case data(address: String?, bytes: [UInt8])
        case repeatMarker
        case endAddress(String)
        case other
    }

    func parse(_ text: String, number: Int) throws -> Parsed {
        if text.isEmpty { return .other }
        if text == "*" { return .repeatMarker }
        if Self.isPromptOrCommand(text) { return .other }
        let content = stripASCIIColumn(Substring(text))
        switch format {
        case .hex: return try parseWords(content, address: nil, number: number)
        case .xxd, .gdb, .crash: return try parseColonAddressed(content, number: number)
        default: return try parseLeadingAddress(content, number: number)
        }
    }

    /// Removes `|...|` (hexdump -C) and `>...<` (od -z) columns, and for xxd and crash the text
    /// after the run of spaces that separates the hex from the characters.
    func stripASCIIColumn(_ content: Substring) -> Substring {
        var text = content
        if text.last == "|", let open = text.dropLast().firstIndex(of: "|") {
            text = text[text.startIndex..<open]
        } else if text.last == "<", let open = text.dropLast().lastIndex(of: ">") {
            text = text[text.startIndex..<open]
        }
        if format == .xxd || format == .crash {
            // The character column follows the hex after two or more spaces; the address and
            // its colon come before the hex, so search after the colon.
            let start = text.firstIndex(of: ":").map { text.index(after: $0) } ?? text.startIndex
            var afterAddress = text[start...].trimmingLeadingSpaces()
            if let gap = ByteSearch.find("  ", in: afterAddress) {
                afterAddress = afterAddress[afterAddress.startIndex..<gap.lowerBound]
            }
            text = text[text.startIndex..<start] + afterAddress
        }
        return text.trimmingSpaces()
    }

    /// `ADDRESS: words` (xxd, crash) and `0xADDRESS <symbol+off>: words` (gdb).
    func parseColonAddressed(_ content: Substring, number: Int) throws -> Parsed {
        guard let colon = content.firstIndex(of: ":") else { return .other }
        var head = content[content.startIndex..<colon].trimmingSpaces()
        if let symbol = head.firstIndex(of: "<") { head = head[head.startIndex..<symbol].trimmingSpaces() }
        guard NumberText.hex(head) != nil else { return .other }
        if format == .gdb, !(head.hasPrefix("0x") || head.hasPrefix("0X")) { return .other }
        let rest = content[content.index(after: colon)...]
        if rest.trimmingSpaces().isEmpty { return .other }
        return try parseWords(rest, address: String(head), number: number)
    }

    /// `ADDRESS words` with no colon (od, hexdump); an address alone ends the dump.
    func parseLeadingAddress(_ content: Substring, number: Int) throws -> Parsed {
        let tokens = content.split(separator: " ")
        guard let first = tokens.first, first.utf8.allSatisfy(\.isHexDigit) else { return .other }
        if tokens.count == 1 { return .endAddress(String(first)) }
        return try parseWords(content.dropFirst(first.count), address: String(first), number: number)
    }

    /// Hex words of one width; bytes in memory order for byte columns and xxd's groups,
    /// little-endian for the word columns of od, hexdump -x, gdb and crash.
    func parseWords(_ text: Substring, address: String?, number: Int) throws -> Parsed {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { token -> Substring in
            token.hasPrefix("0x") || token.hasPrefix("0X") ? token.dropFirst(2) : token
        }
        if format == .hex, tokens.count == 1, let only = tokens.first, only.count > 2 {
            // A run of hex with no spaces: split into bytes.
            guard only.count % 2 == 0 else {
                throw InspectError(context.location(number), "expected hex bytes, found an odd number of hex digits")
            }
            var pairs: [Substring] = []
            var index = only.startIndex
            while index < only.endIndex {
                let next = only.index(index, offsetBy: 2, limitedBy: only.endIndex) ?? only.endIndex
                pairs.append(only[index..<next])
                index = next
            }
            tokens = pairs
        }
        guard let width = tokens.first?.count else { return .other }
        // A character column that lost its separating spaces in transit is the last token.
        if tokens.count > 1, format != .hex, let last = tokens.last, last.count != width || !last.utf8.allSatisfy(\.isHexDigit) {
            tokens.removeLast()
        }
        var bytes: [UInt8] = []
        for token in tokens {
            guard token.utf8.allSatisfy(\.isHexDigit) else {
                throw InspectError(context.location(number), "expected hex digits, found '\(token.prefix(24))'")
            }
            guard token.count == width, width % 2 == 0, width <= 16, let value = UInt64(token, radix: 16) else {
                throw InspectError(context.location(number), "expected \(width)-digit hex words, found '\(token.prefix(24))'")
            }
            let count = width / 2
            let littleEndian = count > 1 && format != .xxd && format != .hex && format != .hexdump
            for i in 0..<count {
                let shift = littleEndian ? 8 * i : 8 * (count - 1 - i)
                bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
            }
        }
        return .data(address: address, bytes: bytes)
    }

    // MARK: Assembly

    /// The offset of an address from the dump's first one (negative before it).
    func offset(of address: String, line: Int) throws -> Int {
        let digits = address.hasPrefix("0x") || address.hasPrefix("0X") ? String(address.dropFirst(2)) : address
        guard let value = UInt64(digits, radix: radix) else {
            throw InspectError(context.location(line), "expected an address, found '\(address.prefix(24))'")
        }
        return try offset(of: value, digits: digits.count, line: line)
    }

    func offset(of value: UInt64, digits: Int, line: Int) throws -> Int {
        if base == nil { base = value }
        let start = base ?? value
        let limit = UInt64(Int.max / 2)
        if value >= start, value - start <= limit { return Int(value - start) }
        if value < start, start - value <= limit { return -Int(start - value) }
        throw InspectError(
            context.location(line), "expected \(expectedAddress(digits: digits)), found \(addressText(value, digits: digits))")
    }

    /// "address 00000090 after line 9": where the next line should start, for messages.
    func expectedAddress(digits: Int) -> String {
        let next = addressText((base ?? 0) &+ UInt64(total), digits: digits)
        return lastDataLine > 0 ? "address \(next) after line \(lastDataLine)" : "address \(next)"
    }

    /// An address as the dump prints it (`digits` wide), for messages.
    func addressText(_ value: UInt64, digits: Int = 0) -> String {
        let text = String(value, radix: radix)
        let padded = String(repeating: "0", count: max(0, digits - text.count)) + text
        return format == .gdb ? "0x" + padded : padded
    }

    /// Adds a line's bytes at its address, after any `*` run before it.
    func place(_ bytes: [UInt8], address: String?, line: Int) throws {
        let value: UInt64?
        if let address {
            let digits = address.hasPrefix("0x") || address.hasPrefix("0X") ? String(address.dropFirst(2)) : address
            guard let parsed = UInt64(digits, radix: radix) else {
                throw InspectError(context.location(line), "expected an address, found '\(address.prefix(24))'")
            }
            value = parsed
        } else {
            value = nil
        }
        let digits = address.map { $0.hasPrefix("0x") || $0.hasPrefix("0X") ? $0.count - 2 : $0.count } ?? 0
        try bytes.withUnsafeBufferPointer { try placeLine($0, address: value, digits: digits, line: line) }
    }

    /// Adds a line's bytes at its address.
    func placeLine(_ bytes: UnsafeBufferPointer<UInt8>, address: UInt64?, digits: Int, line: Int) throws {
        if let address {
            let at = try offset(of: address, digits: digits, line: line)
            if pendingRepeat {
                try fillRepeats(upTo: at, line: line)
                pendingRepeat = false
            }
            guard at == total else { throw misplaced(address, at: at, digits: digits, line: line) }
        } else if base != nil {
            throw InspectError(context.location(line), "expected an address at the start of the line")
        }
        append(bytes)
        lastLineBytes = bytes.count
        if usualLineBytes == 0 { usualLineBytes = bytes.count }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: bytes)
        try checkSize(line: line)
    }

    /// The error for a line whose address is not where the line before it ended: that line's
    /// length when it alone is off (a line that lost or gained bytes), else the gap or overlap.
    func misplaced(_ address: UInt64, at: Int, digits: Int, line: Int) -> InspectError {
        let found = addressText(address, digits: digits)
        if lastDataLine > 0, lastLineBytes != usualLineBytes, at == total - lastLineBytes + usualLineBytes {
            return InspectError(
                context.location(lastDataLine), "expected \(usualLineBytes) bytes, found \(lastLineBytes) (line \(line) starts at \(found))"
            )
        }
        let distance = at > total ? at - total : total - at
        let bytes = distance == 1 ? "1 byte" : "\(distance) bytes"
        let what = at > total ? "\(bytes) \(distance == 1 ? "is" : "are") missing" : "the addresses go back \(bytes)"
        return InspectError(context.location(line), "expected \(expectedAddress(digits: digits)), found \(found): \(what)")
    }

    /// Copies the part of `bytes` (at the dump's current end) that falls in the page.
    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let start = total
        total += bytes.count
        let lower = max(start, pageStart)
        let upper = min(total, pageEnd)
        if lower < upper {
            for position in lower..<upper { page[position - pageStart] = bytes[position - start] }
        }
    }

    private func checkSize(line: Int) throws {
        if !pageWanted, total > PageDecoder.pageSize {
            throw InspectError(
                context.location(line),
                "the dump holds more than one \(PageDecoder.pageSize)-byte page; pick one with --offset (counted from the dump's first address)"
            )
        }
        if pageWanted, total >= pageEnd, !pendingRepeat { done = true }
    }

    func fillRepeats(upTo end: Int, line: Int) throws {
        let gap = end - total
        guard !previous.isEmpty, gap >= 0, gap % previous.count == 0 else {
            throw InspectError(context.location(line), "'*' repeat does not fill whole lines up to this address")
        }
        // Only the repeats that reach into the page are copied; the rest are counted.
        let lines = gap / previous.count
        let firstUseful = max(0, (pageStart - total) / previous.count - 1)
        let skip = min(lines, firstUseful)
        total += skip * previous.count
        for _ in skip..<lines {
            previous.withUnsafeBufferPointer { append($0) }
            if total >= pageEnd {
                total = end
                break
            }
        }
        try checkSize(line: line)
    }

    // MARK: Fast path

    enum FastLine {
        case data(address: UInt64?, digits: Int, count: Int)
        case repeatMarker
        case blank
        /// Not a plain dump line: the string parser decides.
        case unsure
    }

    /// Parses a plain dump line on its bytes into `scratch`: mail quotes, an address in the
    /// format's form, then hex words of one width up to the character column. Anything else
    /// is `.unsure`.
    func fastParse(_ b: UnsafeBufferPointer<UInt8>) -> FastLine {
        let end = b.count
        let kind = self.kind
        let radix = self.radix
        let out = lineBytes
        var i = 0
        @inline(__always) func skipBlanks() { while i < end, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
        skipBlanks()
        while i < end, b[i] == UInt8(ascii: ">") {
            i += 1
            skipBlanks()
        }
        if i == end { return .blank }
        if b[i] == UInt8(ascii: "*") {
            i += 1
            skipBlanks()
            return i == end ? .repeatMarker : .unsure
        }
        var address: UInt64?
        var addressDigits = 0
        if kind != .hex {
            if kind == .gdb {
                guard i + 2 < end, b[i] == UInt8(ascii: "0"), b[i + 1] == UInt8(ascii: "x") else { return .unsure }
                i += 2
            }
            let digitsStart = i
            var value: UInt64 = 0
            while i < end, let digit = Self.digitValue(b[i]), digit < radix {
                guard value >> 60 == 0 else { return .unsure }
                value = value &* UInt64(radix) &+ UInt64(digit)
                i += 1
            }
            guard i > digitsStart, i < end else { return .unsure }
            address = value
            addressDigits = i - digitsStart
            switch kind {
            case .gdb:
                // `0xffff… <vmcb+112>:` — anything up to the colon.
                while i < end, b[i] != UInt8(ascii: ":") { i += 1 }
                guard i < end else { return .unsure }
                i += 1
            case .xxd, .crash:
                guard b[i] == UInt8(ascii: ":") else { return .unsure }
                i += 1
            default:
                guard b[i] == 0x20 || b[i] == 0x09 else { return .unsure }
            }
        }
        let littleEndian = kind != .xxd && kind != .hex && kind != .hexdump
        var count = 0
        var width = 0
        var words = 0
        while true {
            var spaces = 0
            while i < end, b[i] == 0x20 || b[i] == 0x09 || b[i] == UInt8(ascii: ",") {
                spaces &+= b[i] == 0x09 ? 2 : 1
                i += 1
            }
            if i == end { break }
            // The character column: after a run of blanks (xxd, crash), or its markers.
            if (kind == .xxd || kind == .crash) && spaces >= 2 && words > 0 { break }
            if kind == .hexdump && b[i] == UInt8(ascii: "|") || kind == .od && b[i] == UInt8(ascii: ">") { break }
            if b[i] == UInt8(ascii: "0"), i + 1 < end, b[i + 1] == UInt8(ascii: "x") || b[i + 1] == UInt8(ascii: "X") { i += 2 }
            let tokenStart = i
            var value: UInt64 = 0
            while i < end, let digit = Self.digitValue(b[i]), digit < 16 {
                value = value << 4 | UInt64(digit)
                i += 1
            }
            let digits = i - tokenStart
            guard digits > 0, digits % 2 == 0, digits <= 16, i == end || b[i] == 0x20 || b[i] == 0x09 || b[i] == UInt8(ascii: ",") else {
                return .unsure
            }
            if width == 0 { width = digits } else if digits != width { return .unsure }
            if kind == .hex, digits > 2 { return .unsure }
            let bytes = digits / 2
            guard count + bytes <= out.count else { return .unsure }
            if bytes > 1 && littleEndian {
                for index in 0..<bytes { out[count + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * index)) }
            } else {
                for index in 0..<bytes { out[count + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * (bytes - 1 - index))) }
            }
            count += bytes
            words += 1
        }
        guard words > 0 else { return .unsure }
        return .data(address: address, digits: addressDigits, count: count)
    }

    static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x41...0x46: return Int(byte - 0x41 + 10)
        case 0x61...0x66: return Int(byte - 0x61 + 10)
        default: return nil
        }
    }

    // MARK: Address radix

    /// xxd, gdb and crash print hex addresses; od prints octal by default and hexdump hex, so
    /// for those the radix is the one under which every address of the head follows from the
    /// line before.
    static func addressRadix(format: InputFormat, head: HeadSample) -> Int {
        guard format == .od || format == .hexdump else { return 16 }
        var items: [(address: String, length: Int?, repeatBefore: Bool)] = []
        var repeatBefore = false
        for raw in head.raw {
            let content = cleaned(raw)
            if content == "*" {
                repeatBefore = true
                continue
            }
            let tokens = content.split(separator: " ")
            guard let first = tokens.first, first.utf8.allSatisfy(\.isHexDigit) else { continue }
            var stripped = Substring(content)
            if stripped.last == "|", let open = stripped.dropLast().firstIndex(of: "|") { stripped = stripped[stripped.startIndex..<open] }
            if stripped.last == "<", let open = stripped.dropLast().lastIndex(of: ">") { stripped = stripped[stripped.startIndex..<open] }
            let words = stripped.split(separator: " ").dropFirst()
            let length = words.isEmpty ? nil : words.reduce(0) { $0 + $1.count / 2 }
            items.append((String(first), length, repeatBefore))
            repeatBefore = false
        }
        for radix in [16, 8, 10] where consistent(items, radix: radix) { return radix }
        let octal = items.allSatisfy { $0.address.allSatisfy { ("0"..."7").contains($0) } }
        return format == .od && octal ? 8 : 16
    }

    static func consistent(_ items: [(address: String, length: Int?, repeatBefore: Bool)], radix: Int) -> Bool {
        var expected: UInt64?
        var lineLength: UInt64 = 0
        for item in items {
            guard let value = UInt64(item.address, radix: radix) else { return false }
            if let expected {
                if item.repeatBefore {
                    guard value >= expected, lineLength > 0, (value - expected) % lineLength == 0 else { return false }
                } else if value != expected {
                    return false
                }
            }
            let length = UInt64(item.length ?? 0)
            expected = value &+ length
            if length > 0 { lineLength = length }
        }
        return true
    }
}

extension String {
    /// The string with `suffix` replaced, when it ends so.
    fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
