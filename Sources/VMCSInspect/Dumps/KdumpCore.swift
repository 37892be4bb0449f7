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
    private let descriptor: Int32
    /// False only for tests of what libkdumpfile does with an unchecked file.
    private let validating: Bool
    /// True once every page descriptor was checked (before a walk).
    private var checkedAll = false
    /// libkdumpfile 0.5.1 is not safe to call from two threads at once, even on two contexts.
    static let library = Mutex()

    /// diskdump's signatures: makedumpfile's `KDUMP   ` and the older `DISKDUMP`.
    static func recognises(_ head: [UInt8]) -> Bool {
        head.starts(with: Array("KDUMP   ".utf8)) || head.starts(with: Array("DISKDUMP".utf8))
    }

    /// Reads the file `file` (a regular file, or an unlinked scratch copy of a stream).
    /// `validating` false leaves the header to libkdumpfile alone: for tests of what follows
    /// when libkdumpfile refuses a file.
    /// `carried`: the bytes a flattened stream's records held, when `file` was rearranged from
    /// one (a sparse file larger than that).
    convenience init(file: OwnedFile, name: String, formatPrefix: String, validating: Bool = true, carried: UInt64? = nil) throws {
        try self.init(
            descriptor: file.descriptor, owner: file, name: name, formatPrefix: formatPrefix, validating: validating, carried: carried)
    }

    private init(descriptor: Int32, owner: AnyObject, name: String, formatPrefix: String, validating: Bool, carried: UInt64?) throws {
        self.name = name
        self.owner = owner
        // libkdumpfile trusts the header: garbage there crashes it, so every field is checked first.
        if validating { try DiskdumpHeader.validate(descriptor: descriptor, name: name, carried: carried) }
        guard Self.library.locked({ ckdump_available() }) != 0 else {
            throw InspectError(
                SourceLocation(file: name),
                "reading kdump-compressed files needs libkdumpfile (libkdumpfile.so.10, Debian's libkdumpfile10), which is not installed")
        }
        var status = KDUMP_OK
        guard let context = Self.library.locked({ ckdump_open(descriptor, &status) }) else {
            throw InspectError(SourceLocation(file: name), "libkdumpfile could not start (out of memory)")
        }
        guard status == KDUMP_OK else {
            // The context is not freed: libkdumpfile 0.5's kdump_free dereferences freed or unset
            // state of some contexts whose open failed (Tests/FuzzCorpus/dump/kdump-free-after-
            // failed-open, which the header check now refuses first; a test gives it to
            // libkdumpfile unchecked). One context per refused file is kept, not a crash.
            let reason = Self.library.locked { String(cString: ckdump_error(context)) }
            throw InspectError(SourceLocation(file: name), "cannot read the kdump-compressed file: \(reason)")
        }
        self.context = context
        let pageSize = Self.library.locked { ckdump_page_size(context) }
        guard pageSize == UInt64(dumpPageSize) else {
            Self.library.locked { ckdump_close(context) }
            throw InspectError(SourceLocation(file: name), "the dump's pages are \(pageSize) bytes; only 4096-byte pages (x86) are read")
        }
        self.descriptor = descriptor
        self.validating = validating
        let compression = (try? DiskdumpHeader.compressions(descriptor: descriptor)) ?? []
        formatName = formatPrefix + "kdump-compressed" + (compression.isEmpty ? "" : " (\(compression.joined(separator: ", ")))")
    }

    deinit {
        Self.library.locked { ckdump_close(context) }
    }

    func page(at address: UInt64) throws -> [UInt8] {
        let location = SourceLocation(file: name, .physical(address))
        if validating, !checkedAll {
            let first = address / UInt64(dumpPageSize)
            // An address inside a page reads into the next one too.
            let last = first + (address % UInt64(dumpPageSize) == 0 ? 0 : 1)
            try DiskdumpHeader.checkDescriptors(descriptor: descriptor, context: context, name: name, pages: first...last)
        }
        var page = [UInt8](repeating: 0, count: dumpPageSize)
        let (status, done, reason) = Self.library.locked { () -> (kdump_status, Int, String) in
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
                location,
                (missing == address ? "" : "at \(hexText(missing)): ") + "not in the dump: the page was filtered out or is not RAM")
        default:
            throw InspectError(location, "cannot read physical \(hexText(address &+ UInt64(done))): \(reason)")
        }
    }

    func walk(from lowest: UInt64, through highest: UInt64, _ visit: (UInt64, UnsafeRawBufferPointer) throws -> Void) throws {
        if validating, !checkedAll {
            try DiskdumpHeader.checkDescriptors(descriptor: descriptor, context: context, name: name)
            checkedAll = true
        }
        let pagesPerChunk = walkChunkSize / dumpPageSize
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: walkChunkSize, alignment: dumpPageSize)
        defer { buffer.deallocate() }
        var pfn = lowest / UInt64(dumpPageSize)
        let lastPFN = highest / UInt64(dumpPageSize)
        while pfn <= lastPFN {
            // A run of present pages, read page by page (each may be compressed on its own).
            let (count, runStart, next, failure) = Self.library.locked { () -> (Int, UInt64, UInt64, InspectError?) in
                var next = pfn
                let found = ckdump_next_present(context, &next)
                if found == KDUMP_ERR_NODATA { return (0, 0, UInt64.max, nil) }
                guard found == KDUMP_OK else {
                    return (0, 0, 0, InspectError(
                        SourceLocation(file: name), "cannot read the dump's page map: \(String(cString: ckdump_error(context)))"))
                }
                let runStart = next
                var count = 0
                while count < pagesPerChunk, next <= lastPFN {
                    let address = next &* UInt64(dumpPageSize)
                    var done = 0
                    let slot = buffer.baseAddress.map { $0 + count * dumpPageSize }
                    let status = ckdump_read_physical(context, address, slot, dumpPageSize, &done)
                    if status == KDUMP_ERR_NODATA { break }
                    guard status == KDUMP_OK else {
                        return (0, 0, 0, InspectError(
                            SourceLocation(file: name, .physical(address)),
                            "cannot read physical \(hexText(address)): \(String(cString: ckdump_error(context)))"))
                    }
                    count += 1
                    next &+= 1
                    var probe = next
                    if ckdump_next_present(context, &probe) != KDUMP_OK || probe != next { break }
                }
                return (count, runStart, next, nil)
            }
            if let failure { throw failure }
            if next == UInt64.max || runStart > lastPFN { return }
            if count > 0 {
                try visit(runStart &* UInt64(dumpPageSize), UnsafeRawBufferPointer(rebasing: buffer[0..<(count * dumpPageSize)]))
            }
            pfn = max(next, pfn &+ 1)
        }
    }
}

/// What makedumpfile's header and page descriptors say about a diskdump file, for its name in
/// messages: the compressions its first pages use (makedumpfile's diskdump_mod.h: header at 0,
/// block size at 428, sub-header and bitmap sizes in blocks; page descriptors of 24 bytes whose
/// flags say zlib 0x1, lzo 0x2, snappy 0x4, zstd 0x20).
enum DiskdumpHeader {
    /// Checks the header and sub-header fields libkdumpfile uses: signature, version, block size,
    /// sizes in blocks, and every offset and size in the sub-header against the file's size.
    /// libkdumpfile reads the bitmaps whole into memory, so they must be no larger than
    /// `max_mapnr` pages need, and, in a file rearranged from a flattened stream (`carried`
    /// bytes in records), carried by the stream rather than by the holes of a sparse file.
    static func validate(descriptor: Int32, name: String, carried: UInt64? = nil) throws {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw InspectError(SourceLocation(file: name), "cannot read the file's size") }
        let size = UInt64(clamping: status.st_size)
        var header = [UInt8](repeating: 0, count: 464)
        let got = header.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 464, 0) }
        guard got == 464 else {
            throw InspectError(.byte(name, max(0, got)), "truncated: a kdump-compressed header is 464 bytes, the file has \(max(0, got))")
        }
        let version = LittleEndian.u32(header, 8)
        guard (1...10).contains(version) else { throw InspectError(.byte(name, 8), "kdump-compressed header version \(version) is not 1 to 10") }
        let blockSize = UInt64(LittleEndian.u32(header, 428))
        guard blockSize == UInt64(dumpPageSize) else {
            throw InspectError(.byte(name, 428), "kdump-compressed block size \(blockSize) is not the 4096-byte page of x86")
        }
        if let reading = thirtyTwoBitReading(header) {
            throw InspectError(
                .byte(name, 416),
                "kdump-compressed header also reads as a 32-bit \(reading.order) one (block size \(reading.blockSize) at byte 416), as libkdumpfile would read it; if it is an x86-64 dump, a copy with bytes 416 to 419 (its timestamp's microseconds) zeroed can be read")
        }
        let subHeaderBlocks = UInt64(LittleEndian.u32(header, 432))
        let bitmapBlocks = UInt64(LittleEndian.u32(header, 436))
        let maxMapnr = UInt64(LittleEndian.u32(header, 440))
        guard subHeaderBlocks >= 1, subHeaderBlocks < 1 << 16 else {
            throw InspectError(.byte(name, 432), "kdump-compressed sub-header size \(subHeaderBlocks) blocks is not 1 to 65535")
        }
        guard bitmapBlocks >= 2, bitmapBlocks % 2 == 0, bitmapBlocks < 1 << 24 else {
            throw InspectError(.byte(name, 436), "kdump-compressed bitmap size \(bitmapBlocks) blocks is not an even number from 2")
        }
        let descriptors = (1 + subHeaderBlocks + bitmapBlocks) * blockSize
        guard descriptors <= size else {
            throw InspectError(
                .byte(name, Int(clamping: size)),
                "truncated: the kdump-compressed bitmaps end at byte \(hexText(descriptors)), the file ends at \(hexText(size))")
        }
        if let carried, descriptors > carried {
            throw InspectError(
                .byte(name, 436),
                "the kdump-compressed header, sub-header and bitmaps take \(hexText(descriptors)) bytes, but the flattened records carry only \(hexText(carried))")
        }
        let bitmapBits = bitmapBlocks * blockSize * 4
        guard maxMapnr <= bitmapBits else {
            throw InspectError(.byte(name, 440), "kdump-compressed max_mapnr \(maxMapnr) is more than the bitmaps' \(bitmapBits) pages")
        }
        let nrCPUs = LittleEndian.u32(header, 460)
        guard nrCPUs < 1 << 16 else { throw InspectError(.byte(name, 460), "kdump-compressed header names \(nrCPUs) CPUs") }
        var sub = [UInt8](repeating: 0, count: 104)
        guard sub.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, 104, off_t(blockSize)) }) == 104 else {
            throw InspectError(.byte(name, Int(blockSize)), "truncated: the kdump-compressed sub-header is cut off")
        }
        // (offset, size) pairs of vmcoreinfo, ELF notes and erase information, by header version.
        for (field, since) in [(32, UInt32(3)), (48, 4), (64, 5)] where version >= since {
            let offset = LittleEndian.u64(sub, field)
            let length = LittleEndian.u64(sub, field + 8)
            guard length != 0 else { continue }
            let (end, overflow) = offset.addingReportingOverflow(length)
            guard !overflow, end <= size, length <= 1 << 26 else {
                throw InspectError(
                    .byte(name, Int(blockSize) + field),
                    "kdump-compressed sub-header points at \(hexText(length)) bytes at \(hexText(offset)), outside the file")
            }
        }
        var pages = maxMapnr
        if version >= 6 {
            let maxMapnr64 = LittleEndian.u64(sub, 96)
            guard maxMapnr64 <= bitmapBits else {
                throw InspectError(.byte(name, Int(blockSize) + 96), "kdump-compressed max_mapnr_64 \(maxMapnr64) is more than the bitmaps' \(bitmapBits) pages")
            }
            pages = max(pages, maxMapnr64)
        }
        // Two bitmaps of a bit per page, each rounded up to whole blocks (makedumpfile's
        // len_bitmap, QEMU's len_dump_bitmap): larger ones are not a dump's.
        let perBlock = blockSize * 8
        let needed = max(2, 2 * ((pages + perBlock - 1) / perBlock))
        guard bitmapBlocks <= needed else {
            throw InspectError(
                .byte(name, 436),
                "kdump-compressed bitmaps of \(bitmapBlocks) blocks are more than the \(needed) that max_mapnr \(pages) pages need")
        }
    }

    /// libkdumpfile (diskdump.c, `open_common`) reads the header as a 32-bit machine's first,
    /// little-endian and then big-endian, and goes on with the first reading whose block size
    /// (at 416 there: the 64-bit header's `tv_usec`) is a power of two from 4 KiB to 256 KiB and
    /// whose bitmap (`bitmap_blocks` at 424, `max_mapnr` at 428) covers `max_mapnr` pages. It
    /// reads the 64-bit header this file is checked as only when both fail (or, rarely, when the
    /// rest of a 32-bit reading then fails as corrupt). The 32-bit reading it would go on with,
    /// or nil: such a file is refused, even in the rare case that libkdumpfile would fall back.
    static func thirtyTwoBitReading(_ header: [UInt8]) -> (order: String, blockSize: UInt64)? {
        for (order, swapped) in [("little-endian", false), ("big-endian", true)] {
            func word(_ offset: Int) -> UInt64 {
                let value = LittleEndian.u32(header, offset)
                return UInt64(swapped ? value.byteSwapped : value)
            }
            let block = word(416)
            guard block.nonzeroBitCount == 1, (1 << 12...1 << 18).contains(block) else { continue }
            if 8 * word(424) * block >= word(428) { return (order, block) }
        }
        return nil
    }

    /// Checks page descriptors before libkdumpfile reads a page by them: those of the pages
    /// `pages` names (by page frame number), or every one when it is nil. libkdumpfile 0.5.1
    /// takes a compressed page of up to its largest page size (diskdump.c, `diskdump_read_page`)
    /// into a buffer of one page: a descriptor saying 10240 compressed bytes overran the heap,
    /// and the tool aborted later in `kdump_free` (Tests/FuzzCorpus/dump/kdump-compressed-page-
    /// larger-than-a-page). makedumpfile and QEMU store a page compressed only when that makes it
    /// smaller than a page. The descriptors, 24 bytes each (offset, size, flags, page flags), are
    /// one per page the page map holds, in order, from the end of the bitmaps: a page's is the
    /// one numbered by how many pages the map holds below it. Reading one page checks its own
    /// (24 bytes, not the whole table: about 6 GB for an unfiltered 1 TiB dump); a walk over the
    /// dump checks them all first. Called after the header check and libkdumpfile's open, with
    /// the library's lock free.
    static func checkDescriptors(descriptor: Int32, context: OpaquePointer, name: String, pages: ClosedRange<UInt64>? = nil) throws {
        var header = [UInt8](repeating: 0, count: 464)
        guard header.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, 464, 0) }) == 464 else { return }
        let blockSize = UInt64(LittleEndian.u32(header, 428))
        let start = (1 + UInt64(LittleEndian.u32(header, 432)) + UInt64(LittleEndian.u32(header, 436))) * blockSize
        let bits = UInt64(LittleEndian.u32(header, 436)) * blockSize * 8
        // The descriptors to check, by number: below..<end.
        let (status, below, end, reason) = KdumpCore.library.locked { () -> (kdump_status, UInt64, UInt64, String) in
            func failed(_ status: kdump_status) -> (kdump_status, UInt64, UInt64, String) { (status, 0, 0, String(cString: ckdump_error(context))) }
            guard let pages else {
                var count: UInt64 = 0
                let status = ckdump_count_present(context, bits, &count)
                return status == KDUMP_OK ? (status, 0, count, "") : failed(status)
            }
            // Whole bytes of the map by count, then the few pages of the last byte one by one.
            var below: UInt64 = 0
            let aligned = min(pages.lowerBound & ~7, bits & ~7)
            let status = ckdump_count_present(context, aligned, &below)
            guard status == KDUMP_OK else { return failed(status) }
            var end = below
            var pfn = aligned
            while pfn <= pages.upperBound {
                var next = pfn
                let found = ckdump_next_present(context, &next)
                if found == KDUMP_ERR_NODATA || (found == KDUMP_OK && next > pages.upperBound) { break }
                guard found == KDUMP_OK else { return failed(found) }
                if next < pages.lowerBound { below += 1 }
                end += 1
                pfn = next &+ 1
                if pfn == 0 { break }
            }
            return (KDUMP_OK, below, end, "")
        }
        guard status == KDUMP_OK else { throw InspectError(SourceLocation(file: name), "cannot read the dump's page map: \(reason)") }
        let perChunk = 4096
        var chunk = [UInt8](repeating: 0, count: perChunk * 24)
        var index = below
        while index < end {
            let count = Int(min(UInt64(perChunk), end - index))
            let position = start + index * 24
            let got = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count * 24, off_t(clamping: position)) }
            // A table cut off by the file's end fails in libkdumpfile's own read, with its reason.
            guard got > 0 else { return }
            for entry in 0..<(got / 24) {
                let size = LittleEndian.u32(chunk, entry * 24 + 8)
                let flags = LittleEndian.u32(chunk, entry * 24 + 12)
                if flags & compressedFlags != 0, UInt64(size) > blockSize {
                    let at = position + UInt64(entry * 24)
                    throw InspectError(
                        .byte(name, Int(clamping: at + 8)),
                        "page descriptor \(index + UInt64(entry)) says \(size) compressed bytes, more than the \(blockSize)-byte page it holds")
                }
            }
            guard got == count * 24 else { return }
            index += UInt64(count)
        }
    }

    /// Page descriptor flags of compressed pages: zlib, lzo, snappy, zstd (makedumpfile's
    /// diskdump_mod.h, DUMP_DH_COMPRESSED_*).
    static let compressedFlags: UInt32 = 0x1 | 0x2 | 0x4 | 0x20

    /// The compressions the pages use: every descriptor when the table is at most 4 MiB, else
    /// 64 samples of 16 spread over it (the table ends where the first page's data starts).
    static func compressions(descriptor: Int32) throws -> [String] {
        var header = [UInt8](repeating: 0, count: 464)
        guard header.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, 464, 0) }) == 464 else { return [] }
        let blockSize = UInt64(LittleEndian.u32(header, 428))
        let subHeaderBlocks = UInt64(LittleEndian.u32(header, 432))
        let bitmapBlocks = UInt64(LittleEndian.u32(header, 436))
        guard blockSize >= 512, blockSize <= 1 << 20, subHeaderBlocks < 1 << 20, bitmapBlocks < 1 << 32 else { return [] }
        let start = (1 &+ subHeaderBlocks &+ bitmapBlocks) &* blockSize
        func read(_ offset: UInt64, _ count: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: count * 24)
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count * 24, off_t(clamping: offset)) }
            return Array(bytes.prefix(max(0, got) / 24 * 24))
        }
        let first = read(start, 1)
        guard first.count == 24 else { return [] }
        let dataStart = LittleEndian.u64(first, 0)
        let tableLength = dataStart > start ? dataStart - start : 24
        var samples: [[UInt8]] = []
        if tableLength <= 4 << 20 {
            samples.append(read(start, Int(tableLength / 24)))
        } else {
            let step = tableLength / 64 / 24 * 24
            for index in 0..<64 { samples.append(read(start &+ UInt64(index) &* step, 16)) }
        }
        var flags: UInt32 = 0
        for sample in samples {
            for index in 0..<(sample.count / 24) { flags |= LittleEndian.u32(sample, index * 24 + 12) }
        }
        var names: [String] = []
        if flags & 0x1 != 0 { names.append("zlib") }
        if flags & 0x2 != 0 { names.append("lzo") }
        if flags & 0x4 != 0 { names.append("snappy") }
        if flags & 0x20 != 0 { names.append("zstd") }
        return names
    }
}

/// A lock: for state a C library keeps per context, and for memos. The pthread mutex lives in
/// memory of its own, whose address stays put (a stored property's need not).
final class Mutex: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() {
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
