#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import CKdumpfile

/// A kdump-compressed (diskdump) file, as makedumpfile writes it with zlib, lzo, snappy or zstd
/// pages, read through libkdumpfile. Pages the file does not hold (makedumpfile's filtered
/// pages, the bitmap's zero bits) are absent.
final class KdumpCore: PhysicalMemory {
    let name: String
    let formatName: String
    private let context: OpaquePointer
    /// Keeps the file (or the scratch copy) open while libkdumpfile reads it.
    private let owner: AnyObject
    private let lock = Mutex()

    /// diskdump's signatures: makedumpfile's `KDUMP   ` and the older `DISKDUMP`.
    static func recognises(_ head: [UInt8]) -> Bool {
        head.starts(with: Array("KDUMP   ".utf8)) || head.starts(with: Array("DISKDUMP".utf8))
    }

    /// Reads the file `file` (a regular file, or an unlinked scratch copy of a stream).
    convenience init(file: OwnedFile, name: String, formatPrefix: String) throws {
        try self.init(descriptor: file.descriptor, owner: file, name: name, formatPrefix: formatPrefix)
    }

    private init(descriptor: Int32, owner: AnyObject, name: String, formatPrefix: String) throws {
        self.name = name
        self.owner = owner
        var status = KDUMP_OK
        guard let context = ckdump_open(descriptor, &status) else {
            throw InspectError(SourceLocation(file: name), "libkdumpfile could not start (out of memory)")
        }
        guard status == KDUMP_OK else {
            let reason = String(cString: ckdump_error(context))
            ckdump_close(context)
            throw InspectError(SourceLocation(file: name), "cannot read the kdump-compressed file: \(reason)")
        }
        self.context = context
        let pageSize = ckdump_page_size(context)
        guard pageSize == UInt64(dumpPageSize) else {
            ckdump_close(context)
            throw InspectError(SourceLocation(file: name), "the dump's pages are \(pageSize) bytes; only 4096-byte pages (x86) are read")
        }
        let compression = (try? DiskdumpHeader.compressions(descriptor: descriptor)) ?? []
        formatName = formatPrefix + "kdump-compressed" + (compression.isEmpty ? "" : " (\(compression.joined(separator: ", ")))")
    }

    deinit {
        ckdump_close(context)
    }

    func page(at address: UInt64) throws -> [UInt8] {
        let location = SourceLocation(file: name, .physical(address))
        var page = [UInt8](repeating: 0, count: dumpPageSize)
        let (status, done, reason) = lock.locked { () -> (kdump_status, Int, String) in
            var done = 0
            let status = page.withUnsafeMutableBytes { ckdump_read_physical(context, address, $0.baseAddress, dumpPageSize, &done) }
            return (status, done, status == KDUMP_OK ? "" : String(cString: ckdump_error(context)))
        }
        switch status {
        case KDUMP_OK:
            return page
        case KDUMP_ERR_NODATA:
            let missing = address &+ UInt64(done)
            throw InspectError(
                location, "physical \(hexText(missing)) is not in the dump: the page was excluded (filtered out) or is not RAM")
        default:
            throw InspectError(location, "cannot read physical \(hexText(address &+ UInt64(done))): \(reason)")
        }
    }

    func walk(from lowest: UInt64, through highest: UInt64, _ visit: (UInt64, UnsafeRawBufferPointer) throws -> Void) throws {
        let pagesPerChunk = walkChunkSize / dumpPageSize
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: walkChunkSize, alignment: dumpPageSize)
        defer { buffer.deallocate() }
        var pfn = lowest / UInt64(dumpPageSize)
        let lastPFN = highest / UInt64(dumpPageSize)
        while pfn <= lastPFN {
            var next = pfn
            let found = ckdump_next_present(context, &next)
            if found == KDUMP_ERR_NODATA { return }
            guard found == KDUMP_OK else {
                throw InspectError(SourceLocation(file: name), "cannot read the dump's page map: \(String(cString: ckdump_error(context)))")
            }
            guard next <= lastPFN else { return }
            // A run of present pages from `next`, read page by page (each may be compressed on its own).
            var count = 0
            var runStart = next
            while count < pagesPerChunk, next <= lastPFN {
                let address = next &* UInt64(dumpPageSize)
                var done = 0
                let slot = buffer.baseAddress.map { $0 + count * dumpPageSize }
                let status = ckdump_read_physical(context, address, slot, dumpPageSize, &done)
                if status == KDUMP_ERR_NODATA { break }
                guard status == KDUMP_OK else {
                    throw InspectError(
                        SourceLocation(file: name, .physical(address)),
                        "cannot read physical \(hexText(address)): \(String(cString: ckdump_error(context)))")
                }
                count += 1
                next &+= 1
                var probe = next
                if ckdump_next_present(context, &probe) != KDUMP_OK || probe != next { break }
            }
            if count > 0 {
                try visit(runStart &* UInt64(dumpPageSize), UnsafeRawBufferPointer(rebasing: buffer[0..<(count * dumpPageSize)]))
            }
            runStart = next
            pfn = max(next, pfn &+ 1)
        }
    }
}

/// What makedumpfile's header and page descriptors say about a diskdump file, for its name in
/// messages: the compressions its first pages use (makedumpfile's diskdump_mod.h: header at 0,
/// block size at 428, sub-header and bitmap sizes in blocks; page descriptors of 24 bytes whose
/// flags say zlib 0x1, lzo 0x2, snappy 0x4, zstd 0x20).
enum DiskdumpHeader {
    static func compressions(descriptor: Int32) throws -> [String] {
        var header = [UInt8](repeating: 0, count: 464)
        guard header.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, 464, 0) }) == 464 else { return [] }
        let blockSize = UInt64(LittleEndian.u32(header, 428))
        let subHeaderBlocks = UInt64(LittleEndian.u32(header, 432))
        let bitmapBlocks = UInt64(LittleEndian.u32(header, 436))
        guard blockSize >= 512, blockSize <= 1 << 20, subHeaderBlocks < 1 << 20, bitmapBlocks < 1 << 32 else { return [] }
        let descriptors = (1 &+ subHeaderBlocks &+ bitmapBlocks) &* blockSize
        var table = [UInt8](repeating: 0, count: 24 * 256)
        let got = table.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 24 * 256, off_t(clamping: descriptors)) }
        guard got >= 24 else { return [] }
        var flags: UInt32 = 0
        for index in 0..<(got / 24) { flags |= LittleEndian.u32(table, index * 24 + 12) }
        var names: [String] = []
        if flags & 0x1 != 0 { names.append("zlib") }
        if flags & 0x2 != 0 { names.append("lzo") }
        if flags & 0x4 != 0 { names.append("snappy") }
        if flags & 0x20 != 0 { names.append("zstd") }
        return names
    }
}

/// A lock for state a C library keeps per context.
final class Mutex: @unchecked Sendable {
    private var mutex = pthread_mutex_t()

    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
