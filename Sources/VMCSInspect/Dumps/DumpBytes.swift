#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The bytes of a dump file by offset: a regular file through pread(2), or a stream (gzip data,
/// standard input) read forward only. Readers ask for offsets in increasing order; a stream
/// that is asked to go back starts again from its beginning when it can (a file), and says it
/// cannot otherwise (standard input).
final class DumpBytes {
    let name: String
    /// The size of a regular uncompressed file; nil for streams.
    let size: UInt64?
    private let file: FileSource?
    private var stream: (any ByteSource)?
    private let reopen: (() throws -> any ByteSource)?
    /// The stream's read position.
    private(set) var position: UInt64 = 0
    private var scratch: [UInt8] = []
    /// How many times the stream was started again. Each restart reads (decompresses) the data
    /// up to the offset again, so a file that sends readers back and forth costs time in the
    /// square of its size: past `restartLimit` it is refused, with what to do instead.
    private var restarts = 0
    static let restartLimit = 16
    /// True once a restart past the limit was refused.
    private(set) var refusedRestart = false
    /// How far a stream is read forward to reach an offset: 1 TiB. Further is refused rather
    /// than read: `/dev/zero@0xffffffffff000`, or an ELF header on standard input naming an
    /// offset of 2^50, would otherwise be read for hours (days for a pipe).
    static let forwardLimit: UInt64 = 1 << 40

    /// Random access to a regular file.
    init(file: FileSource) {
        name = file.name
        self.file = file
        size = file.size.map { UInt64($0) }
        stream = nil
        reopen = nil
    }

    /// A forward-only stream; `reopen` starts it again from the beginning (nil: it cannot).
    init(stream: any ByteSource, reopen: (() throws -> any ByteSource)?) {
        name = stream.name
        file = nil
        size = nil
        self.stream = stream
        self.reopen = reopen
    }

    var isRandomAccess: Bool { file != nil }

    /// Fills `buffer` from `offset`; fewer bytes only at the end of the data.
    func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let file {
            guard let start = Int(exactly: offset) else { return 0 }
            return try file.read(at: start, into: buffer)
        }
        guard var source = stream else { return 0 }
        if offset < position {
            guard let reopen else {
                throw InspectError(
                    SourceLocation(file: name, .byte(Int(clamping: offset))),
                    "cannot go back to byte 0x\(String(offset, radix: 16)) in standard input (save the dump to a file)")
            }
            guard restarts < Self.restartLimit else {
                refusedRestart = true
                throw InspectError(
                    SourceLocation(file: name, .byte(Int(clamping: offset))),
                    "the dump's parts are out of order: reading them would decompress the file from its start more than \(Self.restartLimit) times (decompress it first, e.g. with gunzip)")
            }
            restarts += 1
            source = try reopen()
            stream = source
            position = 0
        }
        if offset > position, offset - position > Self.forwardLimit {
            throw InspectError(
                SourceLocation(file: name, .byte(Int(clamping: offset))),
                "more than \(ByteCount.text(Int(Self.forwardLimit))) into a stream that is read forward only: not read that far (if the data is that large, save it to a file, uncompressed, which is read where it is needed)")
        }
        try skip(to: offset, in: source)
        var done = 0
        while done < buffer.count {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            if count == 0 { break }
            done += count
            position &+= UInt64(count)
        }
        return done
    }

    /// Reads exactly `count` bytes at `offset`; `what` names them in the error when the data ends early.
    func bytes(at offset: UInt64, count: Int, what: String) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let got = try out.withUnsafeMutableBytes { try read(at: offset, into: $0) }
        guard got == count else {
            let end = offset &+ UInt64(got)
            throw InspectError(
                SourceLocation(file: name, .byte(Int(clamping: end))),
                "truncated: \(what) needs \(count) bytes at 0x\(String(offset, radix: 16)), the data ends after \(got)")
        }
        return out
    }

    private func skip(to offset: UInt64, in source: any ByteSource) throws {
        if scratch.isEmpty { scratch = [UInt8](repeating: 0, count: 1 << 16) }
        while position < offset {
            let want = Int(min(UInt64(scratch.count), offset - position))
            let count = try scratch.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want])) }
            if count == 0 { return }
            position &+= UInt64(count)
        }
    }
}

/// Little-endian reads from header bytes that were checked to be long enough.
enum LittleEndian {
    static func u16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << UInt32(8 * index) }
        return value
    }

    static func u64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        guard offset >= 0, offset + 8 <= bytes.count else { return 0 }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        return value
    }

    static func u64BigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        guard offset >= 0, offset + 8 <= bytes.count else { return 0 }
        var value: UInt64 = 0
        for index in 0..<8 { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }
}

/// Hex for messages: `0x1000`.
func hexText(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
