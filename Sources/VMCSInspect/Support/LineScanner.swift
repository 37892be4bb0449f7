#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One line of an input as the scanner hands it out: its bytes without the line end, valid
/// only during the call that receives it.
public struct TextLine {
    /// 1-based line number.
    public let number: Int
    public let bytes: UnsafeBufferPointer<UInt8>
    /// True when the line was longer than `LineScanner.maximumLineLength` and only its start
    /// is here.
    public let truncated: Bool

    /// The line as a string (invalid UTF-8 becomes U+FFFD).
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Tests on a line's bytes that hot loops make on every line.
enum LineBytes {
    /// True when every byte is printable ASCII (0x20 to 0x7e), tested eight bytes at a time.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A byte of 0x80 or more; then, all bytes being below 0x80, one below 0x20 (the
            // subtraction borrows) or one of 0x7f (the addition carries into its top bit).
            if word & highs != 0 || (word &- ones &* 0x20) & ~word & highs != 0 || (word &+ ones) & highs != 0 { return false }
            i += 8
        }
        while i < count {
            let byte = base[i]
            if byte < 0x20 || byte >= 0x7f { return false }
            i += 1
        }
        return true
    }
}

/// Byte strings to look for in lines a reader would otherwise skip: the lines that start a
/// dump. A line is tested with one table lookup per byte; where a marker's first byte occurs,
/// a bit per two-byte start says whether any marker starts with the two bytes there, and only
/// then are the markers with that first byte compared, so skipping costs about as much as
/// reading the bytes (a line of ordinary text has many bytes that start some marker, "k" or
/// "V", and few of the pairs that do, "kv" or "VM").
public struct MarkerSet: Sendable {
    /// The markers, as bytes.
    public let markers: [[UInt8]]
    /// For each byte value: 0 when no marker starts with it, 1 when some do and none is that
    /// byte alone, 2 when one is that byte alone (a match wherever it occurs).
    private let firstBytes: [UInt8]
    /// One bit per two-byte start (first byte × 256 + second byte): some marker of two bytes
    /// or more starts with those two bytes.
    private let pairBits: [UInt64]
    /// The markers of two bytes or more, by first byte: those starting with byte b are
    /// `ordered[firstStarts[b]..<firstStarts[b + 1]]`.
    private let ordered: [[UInt8]]
    private let firstStarts: [Int]

    public init(_ markers: [String]) {
        self.markers = markers.map { Array($0.utf8) }.filter { !$0.isEmpty }
        var first = [UInt8](repeating: 0, count: 256)
        var bits = [UInt64](repeating: 0, count: (1 << 16) / 64)
        for marker in self.markers {
            if marker.count == 1 {
                first[Int(marker[0])] = 2
            } else {
                first[Int(marker[0])] = max(first[Int(marker[0])], 1)
                let pair = Int(marker[0]) << 8 | Int(marker[1])
                bits[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        // A counting sort by first byte, keeping the markers' order within each byte: linear
        // in the markers, where a filter per byte value took 256 passes over them (a reader is
        // made for every input, so this is start-up time).
        let long = self.markers.filter { $0.count > 1 }
        var starts = [Int](repeating: 0, count: 257)
        for marker in long { starts[Int(marker[0]) + 1] += 1 }
        for byte in 0..<256 { starts[byte + 1] += starts[byte] }
        var next = starts
        var ordered = [[UInt8]](repeating: [], count: long.count)
        for marker in long {
            ordered[next[Int(marker[0])]] = marker
            next[Int(marker[0])] += 1
        }
        firstBytes = first
        pairBits = bits
        self.ordered = ordered
        firstStarts = starts
    }

    public var isEmpty: Bool { markers.isEmpty }

    /// True when some marker occurs in `bytes`.
    public func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        return firstBytes.withUnsafeBufferPointer { table in
            pairBits.withUnsafeBufferPointer { bits in
                var index = 0
                while index < count {
                    let byte = base[index]
                    let kind = table[Int(byte)]
                    if kind != 0 {
                        if kind == 2 { return true }
                        if index + 1 < count {
                            let pair = Int(byte) << 8 | Int(base[index + 1])
                            if bits[pair >> 6] & (1 << UInt64(pair & 63)) != 0, startsHere(byte, base + index, count - index) {
                                return true
                            }
                        }
                    }
                    index += 1
                }
                return false
            }
        }
    }

    /// True when one of the markers of two bytes or more starting with `byte` starts at `at`,
    /// with `left` bytes to the line's end.
    private func startsHere(_ byte: UInt8, _ at: UnsafePointer<UInt8>, _ left: Int) -> Bool {
        for k in firstStarts[Int(byte)]..<firstStarts[Int(byte) + 1] {
            let marker = ordered[k]
            guard marker.count <= left, marker[1] == at[1] else { continue }
            let same = marker.withUnsafeBufferPointer { pattern in
                guard let start = pattern.baseAddress else { return false }
                return memcmp(at + 2, start + 2, pattern.count - 2) == 0
            }
            if same { return true }
        }
        return false
    }
}

/// Splits a byte source into lines, a chunk at a time, with memory bounded by the chunk and
/// the longest line kept: never the whole input.
///
/// Lines end at LF; a CR before it is dropped. Text whose head has CRs and no LF at all (old
/// Mac line ends) is split at CR instead. A line longer than `maximumLineLength` is handed out
/// cut to that length, marked `truncated`, and the rest of it is skipped, wherever the line
/// falls in the chunks read (so what is read does not depend on how the input arrives). A line
/// that runs on for more than `endlessLineLength` is not text: reading stops with an error
/// rather than skipping an endless stream for ever.
public final class LineScanner {
    public static let chunkSize = 1 << 20
    public static let maximumLineLength = 1 << 16
    public static let endlessLineLength = 64 << 20

    /// What the consumer wants next.
    public enum Step {
        /// The next line.
        case next
        /// The next line holding one of the markers; the lines before it are only counted.
        case skip(MarkerSet)
        /// Nothing more.
        case stop
    }

    private let source: any ByteSource
    private let chunkSize: Int
    private let maximumLineLength: Int
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var terminator: UInt8 = 0x0a
    private var decidedTerminator = false
    /// Lines handed out or skipped so far.
    public private(set) var lineCount = 0
    /// Bytes consumed so far (lines and their ends).
    public private(set) var byteCount = 0

    public init(_ source: any ByteSource, chunkSize: Int = LineScanner.chunkSize, maximumLineLength: Int = LineScanner.maximumLineLength) {
        self.source = source
        self.chunkSize = max(chunkSize, 16)
        self.maximumLineLength = max(maximumLineLength, 16)
        buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: self.chunkSize + self.maximumLineLength)
    }

    deinit {
        buffer.deallocate()
    }

    /// Reads more bytes after what is left; false at the end of the input.
    private func refill() throws -> Bool {
        if atEnd { return false }
        if start > 0 {
            if end > start, let base = buffer.baseAddress { memmove(base, base + start, end - start) }
            end -= start
            start = 0
        }
        guard let base = buffer.baseAddress, end < buffer.count else { return true }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(start: base + end, count: min(chunkSize, buffer.count - end)))
        if count == 0 {
            atEnd = true
            return false
        }
        if !decidedTerminator {
            decidedTerminator = true
            let head = UnsafeBufferPointer(start: base + end, count: count)
            if !head.contains(0x0a), head.contains(0x0d) { terminator = 0x0d }
        }
        end += count
        return true
    }

    /// The offset of the next terminator at or after `from`, or nil.
    private func findTerminator(from: Int) -> Int? {
        guard from < end, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + from, Int32(terminator), end - from) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Hands every line to `body` in order, as `body` asks.
    public func run(_ body: (TextLine) throws -> Step) throws {
        var step = Step.next
        while let line = try next(step) {
            step = try body(line)
        }
    }

    /// The next line as `step` asks, or nil at the end (or for `.stop`). The line's bytes are
    /// valid until the next call.
    public func next(_ step: Step) throws -> TextLine? {
        if case .stop = step { return nil }
        guard let line = try nextLine(skipping: step), let base = buffer.baseAddress else { return nil }
        var length = line.length
        if terminator == 0x0a, !line.truncated, length > 0, base[line.start + length - 1] == 0x0d { length -= 1 }
        return TextLine(number: lineCount, bytes: UnsafeBufferPointer(start: base + line.start, count: length), truncated: line.truncated)
    }

    /// True after an overlong line was handed out: its rest is skipped before the next line.
    private var skippingRestOfLine = false
    /// The length of the overlong line being skipped, so far.
    private var overlongLength = 0

    /// Finds the next line to hand out; its bytes stay in the buffer until the next call.
    private func nextLine(skipping step: Step) throws -> (start: Int, length: Int, truncated: Bool)? {
        var markers: MarkerSet?
        if case .skip(let set) = step { markers = set }
        while true {
            if skippingRestOfLine {
                if let newline = findTerminator(from: start) {
                    byteCount += newline + 1 - start
                    start = newline + 1
                    skippingRestOfLine = false
                } else {
                    byteCount += end - start
                    overlongLength += end - start
                    start = end
                    if overlongLength > Self.endlessLineLength {
                        throw InspectError(
                            .line(source.name, lineCount),
                            "this line runs on for more than \(ByteCount.text(Self.endlessLineLength)) without a line end: the input is not text"
                        )
                    }
                    if try !refill() { return nil }
                    continue
                }
            }
            if let newline = findTerminator(from: start) {
                let lineStart = start
                let length = newline - lineStart
                start = newline + 1
                byteCount += length + 1
                lineCount += 1
                // The CR of a CRLF line end is not the line's.
                var content = length
                if terminator == 0x0a, length > 0, let base = buffer.baseAddress, base[newline - 1] == 0x0d { content -= 1 }
                let truncated = content > maximumLineLength
                let kept = truncated ? maximumLineLength : length
                if let markers, !matches(markers, lineStart, kept) { continue }
                return (lineStart, kept, truncated)
            }
            // One byte more than the longest line may be the CR of a CRLF line end.
            if end - start > maximumLineLength + 1 {
                // An overlong line whose end is not read yet: hand out its start; the rest is
                // skipped on the next call.
                let lineStart = start
                start += maximumLineLength
                byteCount += maximumLineLength
                lineCount += 1
                skippingRestOfLine = true
                overlongLength = maximumLineLength
                if let markers, !matches(markers, lineStart, maximumLineLength) { continue }
                return (lineStart, maximumLineLength, true)
            }
            if try !refill() {
                guard start < end else { return nil }
                let lineStart = start
                byteCount += end - start
                start = end
                lineCount += 1
                if let markers, !matches(markers, lineStart, end - lineStart) { return nil }
                return (lineStart, end - lineStart, false)
            }
        }
    }

    private func matches(_ markers: MarkerSet, _ lineStart: Int, _ length: Int) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        return markers.matches(UnsafeBufferPointer(start: base + lineStart, count: length))
    }
}
