/// A raw physical-memory image (QEMU's `pmemsave`, a `memory-backend-file`, `dd` of
/// `/dev/mem`): byte N of the file is physical address N.
final class RawImage: PhysicalMemory {
    let name: String
    let formatName: String
    private let bytes: DumpBytes

    init(_ bytes: DumpBytes, formatName: String) {
        self.bytes = bytes
        name = bytes.name
        self.formatName = formatName
    }

    func page(at address: UInt64) throws -> [UInt8] {
        var page = [UInt8](repeating: 0, count: dumpPageSize)
        let got = try page.withUnsafeMutableBytes { try bytes.read(at: address, into: $0) }
        guard got == dumpPageSize else {
            // Where the image ends: after the bytes read, or when none were, its size (a file)
            // or how far the stream went before it ended.
            let end = got > 0 ? address &+ UInt64(got) : bytes.size ?? bytes.position
            let location = SourceLocation(file: name, .physical(address))
            if end <= address { throw InspectError(location, "the image ends at \(hexText(end)), before the page at \(hexText(address))") }
            throw InspectError(location, "the image ends at \(hexText(end)), inside the page at \(hexText(address))")
        }
        return page
    }

    func walk(from lowest: UInt64, through highest: UInt64, _ visit: (UInt64, UnsafeRawBufferPointer) throws -> Void) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: walkChunkSize, alignment: dumpPageSize)
        defer { buffer.deallocate() }
        var address = lowest & ~UInt64(dumpPageSize - 1)
        while address <= highest {
            var want = walkChunkSize
            if highest - address < UInt64(want) { want = Int(highest - address) + 1 }
            want = (want + dumpPageSize - 1) & ~(dumpPageSize - 1)
            let got = try bytes.read(at: address, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            let whole = got & ~(dumpPageSize - 1)
            if whole > 0 { try visit(address, UnsafeRawBufferPointer(rebasing: buffer[0..<whole])) }
            if got < want { return }
            let (next, overflow) = address.addingReportingOverflow(UInt64(want))
            if overflow { return }
            address = next
        }
    }
}

/// A LiME capture (Linux Memory Extractor, `format=lime`): ranges of physical memory, each after a
/// 32-byte header: magic 0x4C694D45, version 1, first and last address (inclusive), 8 reserved
/// bytes (LiME's `lime_mem_range_header`).
final class LiMEImage: PhysicalMemory {
    struct Range {
        let start: UInt64
        let end: UInt64  // exclusive
        let offset: UInt64
    }

    static let magic: UInt32 = 0x4C69_4D45
    let name: String
    let formatName: String
    private let bytes: DumpBytes
    /// The ranges, read from their headers when the file can be read at any offset; for a stream
    /// they are met as it is read.
    private var knownRanges: [Range]?

    static func recognises(_ head: [UInt8]) -> Bool { head.count >= 32 && LittleEndian.u32(head, 0) == magic }

    init(_ bytes: DumpBytes, formatName: String) throws {
        self.bytes = bytes
        name = bytes.name
        self.formatName = formatName
        if bytes.isRandomAccess {
            var ranges: [Range] = []
            try forEachRange { range in
                ranges.append(range)
                return true
            }
            knownRanges = ranges
        }
    }

    /// Reads the range headers in file order (skipping each range's data); `body` returns false to stop.
    private func forEachRange(_ body: (Range) throws -> Bool) throws {
        var offset: UInt64 = 0
        var count = 0
        while true {
            var header = [UInt8](repeating: 0, count: 32)
            let got = try header.withUnsafeMutableBytes { try bytes.read(at: offset, into: $0) }
            if got == 0, count > 0 { return }
            guard got == 32 else {
                throw InspectError(
                    .byte(name, Int(clamping: offset &+ UInt64(got))), "truncated: a LiME range header needs 32 bytes, found \(got)")
            }
            guard LittleEndian.u32(header, 0) == Self.magic else {
                throw InspectError(
                    .byte(name, Int(clamping: offset)),
                    "expected a LiME range header (magic 0x4c694d45), found 0x\(String(LittleEndian.u32(header, 0), radix: 16))")
            }
            let first = LittleEndian.u64(header, 8)
            let last = LittleEndian.u64(header, 16)
            guard last >= first, last < UInt64.max else {
                throw InspectError(
                    .byte(name, Int(clamping: offset &+ 8)), "LiME range \(hexText(first))-\(hexText(last)) ends before it starts")
            }
            let length = last - first + 1
            let (next, overflow) = (offset &+ 32).addingReportingOverflow(length)
            if let size = bytes.size, overflow || next > size {
                throw InspectError(
                    .byte(name, Int(clamping: size)),
                    "truncated: LiME range \(hexText(first))-\(hexText(last)) needs the file to reach byte \(hexText(next)), it ends at \(hexText(size))"
                )
            }
            guard !overflow else {
                throw InspectError(.byte(name, Int(clamping: offset)), "LiME range runs past the end of the file offsets")
            }
            count += 1
            if try !body(Range(start: first, end: last &+ 1, offset: offset &+ 32)) { return }
            offset = next
        }
    }

    func page(at address: UInt64) throws -> [UInt8] {
        let location = SourceLocation(file: name, .physical(address))
        var found: Range?
        let check = { (range: Range) -> Bool in
            if address >= range.start, address < range.end {
                found = range
                return false
            }
            return true
        }
        if let knownRanges { _ = knownRanges.allSatisfy(check) } else { try forEachRange(check) }
        guard let range = found else { throw InspectError(location, "not in the dump: in none of the capture's ranges") }
        guard range.end - address >= UInt64(dumpPageSize) else {
            throw InspectError(location, "the capture's range ends at \(hexText(range.end)), inside the page")
        }
        return try bytes.bytes(at: range.offset &+ (address - range.start), count: dumpPageSize, what: "the page at \(hexText(address))")
    }

    func walk(from lowest: UInt64, through highest: UInt64, _ visit: (UInt64, UnsafeRawBufferPointer) throws -> Void) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: walkChunkSize, alignment: dumpPageSize)
        defer { buffer.deallocate() }
        func walkRange(_ range: Range) throws -> Bool {
            // A range that starts inside the address space's last page holds no whole page
            // (rounding its start up would wrap to 0).
            let (roundedUp, wraps) = range.start.addingReportingOverflow(UInt64(dumpPageSize - 1))
            if wraps { return true }
            var address = max(roundedUp & ~UInt64(dumpPageSize - 1), lowest & ~UInt64(dumpPageSize - 1))
            while address < range.end, range.end - address >= UInt64(dumpPageSize), address <= highest {
                let count = Int(min(UInt64(walkChunkSize), (range.end - address) & ~UInt64(dumpPageSize - 1)))
                let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
                let got = try self.bytes.read(at: range.offset &+ (address - range.start), into: chunk)
                guard got == count else {
                    throw InspectError(
                        .byte(self.name, Int(clamping: self.bytes.position)),
                        "truncated: the LiME range at \(hexText(range.start)) ends early")
                }
                try visit(address, UnsafeRawBufferPointer(chunk))
                address &+= UInt64(count)
            }
            return true
        }
        if let knownRanges {
            for range in knownRanges { _ = try walkRange(range) }
        } else {
            try forEachRange { try walkRange($0) }
        }
    }
}
