#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import CZlib

/// Where an input's bytes come from, read in chunks so that no reader holds a whole input.
///
/// Every reader of the package takes its bytes through this protocol: a file or standard input
/// (`FileSource`), bytes already in memory (`MemorySource`, tests and the shell), and the
/// transforms real attachments need (`GzipSource`, `UTF16Source`), stacked as the input's first
/// bytes say (`InputSniffer`).
public protocol ByteSource: AnyObject {
    /// The input's display name, for messages.
    var name: String { get }
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at the end of the input only.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteSource {
    /// Reads everything that is left, refusing inputs larger than `limit` bytes (the limit is
    /// checked as the bytes arrive, so an endless input such as `/dev/zero` stops there).
    public func readAll(limit: Int, what: String = "input") throws -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return out }
            guard out.count + count <= limit else {
                throw InspectError(SourceLocation(file: name), "\(what) is larger than \(ByteCount.text(limit)), more than this format is read whole")
            }
            out.append(contentsOf: chunk[0..<count])
        }
    }
}

/// Byte counts in words for messages (`64 MiB`, `4096 bytes`).
public enum ByteCount {
    public static func text(_ count: Int) -> String {
        if count >= 1 << 40, count % (1 << 40) == 0 { return "\(count >> 40) TiB" }
        if count >= 1 << 30, count % (1 << 30) == 0 { return "\(count >> 30) GiB" }
        if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }
}

/// A file, a device or standard input, read with read(2) and, for regular files, pread(2).
public final class FileSource: ByteSource {
    public let name: String
    /// The file descriptor; standard input's is 0 and is not closed.
    private let descriptor: Int32
    private let owned: Bool
    /// The size of a regular file; nil for pipes, terminals and character devices.
    public let size: Int?
    /// The current read position, for the byte offsets of messages.
    public private(set) var position = 0

    /// Opens `path` (`-` for standard input); `name` is what messages call it.
    public init(path: String, name: String) throws {
        self.name = name
        if path == "-" {
            descriptor = 0
            owned = false
        } else {
            let opened = open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else { throw InspectError(SourceLocation(file: name), FileSource.reason(errno, opening: true)) }
            descriptor = opened
            owned = true
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = errno
            if owned { close(descriptor) }
            throw InspectError(SourceLocation(file: name), FileSource.reason(error, opening: false))
        }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR {
            if owned { close(descriptor) }
            throw InspectError(SourceLocation(file: name), "is a directory, not a file")
        }
        size = type == S_IFREG ? Int(status.st_size) : nil
    }

    deinit {
        if owned { close(descriptor) }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Glibc.read(descriptor, base, buffer.count)
            if count >= 0 {
                position += count
                return count
            }
            if errno == EINTR { continue }
            throw InspectError(.byte(name, position), FileSource.reason(errno, opening: false))
        }
    }

    /// Reads up to `buffer.count` bytes at `offset` without moving the read position; regular
    /// files only. Returns fewer bytes only at the end of the file.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw InspectError(.byte(name, offset + done), FileSource.reason(errno, opening: false))
            }
            done += count
        }
        return done
    }

    /// Throws what opening `path` would throw, without reading it or waiting: a missing,
    /// unreadable or directory path fails here, before any input of a command is printed.
    /// Pipes, devices and standard input are left to the read itself (opening a FIFO waits for
    /// its writer).
    public static func checkOpenable(path: String, name: String) throws {
        guard path != "-" else { return }
        var status = stat()
        guard stat(path, &status) == 0 else { throw InspectError(SourceLocation(file: name), reason(errno, opening: true)) }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFDIR else { return }
        _ = try FileSource(path: path, name: name)
    }

    /// The error of a failed open or read in words, lowercase as messages are.
    static func reason(_ code: Int32, opening: Bool) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES, EPERM: return opening ? "permission denied: cannot open the file for reading" : "permission denied"
        case EISDIR: return "is a directory, not a file"
        case ENOTDIR: return "a component of the path is not a directory"
        case ELOOP: return "too many levels of symbolic links"
        case EIO: return "input/output error while reading"
        default:
            let text = strerror(code).map { String(cString: $0) } ?? "error \(code)"
            return (opening ? "cannot open the file: " : "cannot read the file: ") + text.lowercased()
        }
    }
}

/// Bytes already in memory.
public final class MemorySource: ByteSource {
    public let name: String
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<(position + count)]))
        }
        position += count
        return count
    }
}

/// A source whose first bytes can be looked at before reading starts: detection reads a head
/// sample, then the reader chosen gets the whole input, head included.
public final class PeekableSource: ByteSource {
    public let base: any ByteSource
    public var name: String { base.name }
    /// The bytes read ahead and not yet handed out.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var exhausted = false

    public init(_ base: any ByteSource) {
        self.base = base
    }

    /// The first `count` bytes (fewer when the input is shorter), without consuming them.
    public func peek(_ count: Int) throws -> [UInt8] {
        precondition(pendingStart == 0, "peek before reading")
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while pending.count < count, !exhausted {
            let want = min(chunk.count, count - pending.count)
            let got = try chunk.withUnsafeMutableBytes { try base.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want])) }
            if got == 0 { exhausted = true } else { pending.append(contentsOf: chunk[0..<got]) }
        }
        return Array(pending.prefix(count))
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if pendingStart < pending.count {
            let count = min(buffer.count, pending.count - pendingStart)
            pending.withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[pendingStart..<(pendingStart + count)]))
            }
            pendingStart += count
            if pendingStart == pending.count {
                pending = []
                pendingStart = 0
            }
            return count
        }
        return exhausted ? 0 : try base.read(into: buffer)
    }
}

/// The decompressed bytes of gzip data (one or more members, as `cat a.gz b.gz` makes), or of
/// zlib data, through zlib.
public final class GzipSource: ByteSource {
    public let base: any ByteSource
    public var name: String { base.name }
    private var stream = z_stream()
    /// Compressed bytes, allocated once so that zlib's `next_in` stays valid between calls.
    private let input: UnsafeMutableRawBufferPointer
    /// Compressed bytes consumed so far, for messages.
    private var consumed = 0
    /// True when the last member's end was reached and nothing after it has been looked at.
    private var memberEnded = false
    private var baseEnded = false
    /// True once the bytes after a member are not another member: the rest is ignored, as gzip does.
    private var finished = false

    public init(_ base: any ByteSource) throws {
        self.base = base
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        guard czlib_inflate_init_auto(&stream) == Z_OK else {
            input.deallocate()
            throw InspectError(SourceLocation(file: base.name), "cannot start zlib to read the gzip data")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    /// Refills zlib's input when it has used all of it; false at the end of the compressed bytes.
    private func refill() throws -> Bool {
        if stream.avail_in > 0 { return true }
        if baseEnded { return false }
        let count = try base.read(into: input)
        if count == 0 {
            baseEnded = true
            return false
        }
        stream.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.avail_in = UInt32(count)
        return true
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let out = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count > 0 else { return 0 }
        while !finished {
            let more = try refill()
            if memberEnded {
                // Another member may follow; gzip's magic needs two bytes, which may straddle reads.
                guard more, let next = stream.next_in else {
                    finished = true
                    return 0
                }
                if next[0] != 0x1f || stream.avail_in >= 2 && next[1] != 0x8b {
                    finished = true
                    return 0
                }
                inflateReset(&stream)
                memberEnded = false
            } else if !more {
                throw InspectError(
                    .byte(name, consumed), "gzip data ends early after \(consumed) compressed bytes: the file is truncated")
            }
            stream.next_out = out
            stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let before = stream.avail_in
            let status = inflate(&stream, Z_NO_FLUSH)
            consumed += Int(before - stream.avail_in)
            switch status {
            case Z_OK, Z_BUF_ERROR: break
            case Z_STREAM_END: memberEnded = true
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw InspectError(.byte(name, consumed), "gzip data is corrupt after \(consumed) compressed bytes: \(detail)")
            }
            let produced = buffer.count - Int(stream.avail_out)
            if produced > 0 { return produced }
        }
        return 0
    }
}

/// UTF-16 text (as Windows tools and some editors save logs) turned into UTF-8 as it is read.
public final class UTF16Source: ByteSource {
    public let base: any ByteSource
    public var name: String { base.name }
    private let bigEndian: Bool
    private var carry: [UInt8] = []
    /// A high surrogate waiting for its low half.
    private var highSurrogate: UInt32?
    private var output: [UInt8] = []
    private var outputStart = 0

    public init(_ base: any ByteSource, bigEndian: Bool) {
        self.base = base
        self.bigEndian = bigEndian
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while outputStart == output.count {
            output.removeAll(keepingCapacity: true)
            outputStart = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = try chunk.withUnsafeMutableBytes { try base.read(into: $0) }
            if count == 0 {
                if highSurrogate != nil || !carry.isEmpty { append(0xfffd) }
                highSurrogate = nil
                carry = []
                if output.isEmpty { return 0 }
                break
            }
            let units = carry + chunk[0..<count]
            let whole = units.count & ~1
            var index = 0
            while index < whole {
                let unit = bigEndian ? UInt32(units[index]) << 8 | UInt32(units[index + 1]) : UInt32(units[index + 1]) << 8 | UInt32(units[index])
                index += 2
                decode(unit)
            }
            carry = whole < units.count ? [units[whole]] : []
        }
        let count = min(buffer.count, output.count - outputStart)
        output.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[outputStart..<(outputStart + count)]))
        }
        outputStart += count
        return count
    }

    private func decode(_ unit: UInt32) {
        if let high = highSurrogate {
            highSurrogate = nil
            if unit >= 0xdc00, unit <= 0xdfff {
                append(0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00))
                return
            }
            append(0xfffd)
        }
        switch unit {
        case 0xd800...0xdbff: highSurrogate = unit
        case 0xdc00...0xdfff: append(0xfffd)
        case 0xfeff: break  // a byte-order mark
        default: append(unit)
        }
    }

    private func append(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80: output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xc0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3f))
        case 0x800..<0x10000:
            output.append(UInt8(0xe0 | scalar >> 12))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3f))
            output.append(UInt8(0x80 | scalar & 0x3f))
        default:
            output.append(UInt8(0xf0 | scalar >> 18))
            output.append(UInt8(0x80 | (scalar >> 12) & 0x3f))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3f))
            output.append(UInt8(0x80 | scalar & 0x3f))
        }
    }
}

/// Writing a file whole (the shell's `export`).
public enum OutputFile {
    public static func write(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw InspectError(SourceLocation(file: path), FileSource.reason(errno, opening: true).replacingReading()) }
        defer { close(descriptor) }
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress.map { $0 + done }, $0.count - done) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InspectError(SourceLocation(file: path), "cannot write the file: " + (strerror(errno).map { String(cString: $0) } ?? "error"))
            }
            done += count
        }
    }
}

extension String {
    fileprivate func replacingReading() -> String {
        self == "permission denied: cannot open the file for reading" ? "permission denied: cannot open the file for writing" : self
    }
}
