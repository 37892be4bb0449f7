#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// makedumpfile's flattened format (`makedumpfile -F`, QEMU's `dump-guest-memory -z`): a
/// 4096-byte header (`makedumpfile`, type 1, version 1, big-endian), then records of a
/// big-endian 64-bit offset and size followed by that many bytes of the kdump-compressed file,
/// until an offset and size of -1 (makedumpfile's makedumpfile.h, `struct makedumpfile_header`
/// and `struct makedumpfile_data_header`). libkdumpfile 0.5.1 does not read it, so it is
/// rearranged as `makedumpfile -R` does: each record written at its offset into a scratch file,
/// in one pass over the stream with a fixed-size buffer.
enum FlattenedDump {
    static let headerSize = 4096
    /// Larger than any record or offset a real dump has: bounds what garbage can ask for.
    static let maximumRecord: UInt64 = 1 << 30
    static let maximumOffset: UInt64 = 1 << 44

    static func recognises(_ head: [UInt8]) -> Bool {
        head.count >= 16 && head.starts(with: Array("makedumpfile".utf8)) && head[12...15].allSatisfy { $0 == 0 }
    }

    /// Writes the kdump-compressed file the stream `bytes` describes into `file`; returns how
    /// many bytes its records carried. Records far apart make a sparse file far larger than
    /// that, and what the header asks to be read must be bounded by what the stream holds.
    static func rearrange(_ bytes: DumpBytes, into file: OwnedFile) throws -> UInt64 {
        let header = try bytes.bytes(at: 0, count: headerSize, what: "the flattened format's header")
        let type = LittleEndian.u64BigEndian(header, 16)
        let version = LittleEndian.u64BigEndian(header, 24)
        guard type == 1 else { throw InspectError(.byte(bytes.name, 16), "flattened header type is \(type), expected 1") }
        guard version == 1 else { throw InspectError(.byte(bytes.name, 24), "flattened header version is \(version), expected 1") }
        var position = UInt64(headerSize)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var records = 0
        var carried: UInt64 = 0
        while true {
            var recordHeader = [UInt8](repeating: 0, count: 16)
            let got = try recordHeader.withUnsafeMutableBytes { try bytes.read(at: position, into: $0) }
            guard got == 16 else {
                throw InspectError(
                    .byte(bytes.name, Int(clamping: position &+ UInt64(got))),
                    "truncated: the flattened stream ends after \(records) records without its end marker")
            }
            let offset = LittleEndian.u64BigEndian(recordHeader, 0)
            let size = LittleEndian.u64BigEndian(recordHeader, 8)
            if offset == UInt64.max, size == UInt64.max { return carried }
            guard offset < maximumOffset, size <= maximumRecord else {
                throw InspectError(
                    .byte(bytes.name, Int(clamping: position)),
                    "flattened record \(records) asks for \(hexText(size)) bytes at offset \(hexText(offset)): not a record header")
            }
            position &+= 16
            var done: UInt64 = 0
            while done < size {
                let want = Int(min(UInt64(chunk.count), size - done))
                let read = try chunk.withUnsafeMutableBytes {
                    try bytes.read(at: position &+ done, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want]))
                }
                guard read == want else {
                    throw InspectError(
                        .byte(bytes.name, Int(clamping: position &+ done &+ UInt64(read))),
                        "truncated: flattened record \(records) needs \(size) bytes, the stream ends after \(done &+ UInt64(read))")
                }
                try chunk.withUnsafeBytes { try file.write(UnsafeRawBufferPointer(rebasing: $0[0..<want]), at: offset &+ done) }
                done &+= UInt64(want)
            }
            position &+= size
            carried &+= size
            records += 1
        }
    }

    /// Copies the whole stream into `file`.
    static func copy(_ bytes: DumpBytes, to file: OwnedFile) throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var position: UInt64 = 0
        while true {
            let got = try chunk.withUnsafeMutableBytes { try bytes.read(at: position, into: $0) }
            if got == 0 { return }
            try chunk.withUnsafeBytes { try file.write(UnsafeRawBufferPointer(rebasing: $0[0..<got]), at: position) }
            position &+= UInt64(got)
        }
    }
}

/// A file descriptor this package opened: a dump read by libkdumpfile, or an unlinked scratch
/// file (in `$TMPDIR`, else `/tmp`) that disappears when it is closed.
final class OwnedFile {
    let descriptor: Int32
    let name: String

    init(path: String, name: String) throws {
        self.name = name
        let opened = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw InspectError(SourceLocation(file: name), FileSource.reason(errno, opening: true)) }
        descriptor = opened
    }

    private init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    static func scratch(name: String) throws -> OwnedFile {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/vmcs-inspect-XXXXXX").utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            let descriptor = mkstemp(base)
            if descriptor >= 0 {
                unlink(base)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
            return descriptor
        }
        guard opened >= 0 else {
            throw InspectError(
                SourceLocation(file: name), "cannot make a scratch file in \(folder) to rearrange the dump: \(FileSource.reason(errno, opening: true))")
        }
        return OwnedFile(descriptor: opened, name: name)
    }

    func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws {
        var done = 0
        while done < buffer.count {
            guard let base = buffer.baseAddress else { return }
            let count = pwrite(descriptor, base + done, buffer.count - done, off_t(clamping: offset &+ UInt64(done)))
            if count < 0 {
                if errno == EINTR { continue }
                throw InspectError(SourceLocation(file: name), "cannot write the scratch copy of the dump: \(String(cString: strerror(errno)))")
            }
            done += count
        }
    }

    deinit {
        close(descriptor)
    }
}
