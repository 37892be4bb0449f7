/// An ELF core: QEMU's `dump-guest-memory`, `virsh dump --memory-only`, a copy of
/// `/proc/vmcore`, `makedumpfile -E`. Each PT_LOAD segment holds `p_filesz` bytes of physical
/// memory from `p_paddr` at file offset `p_offset` (for QEMU's cores, `p_paddr` is the
/// guest-physical address). Segments may sit at unaligned offsets, leave holes, and overlap (a
/// `/proc/vmcore` maps the kernel's text twice); bytes past `p_filesz` up to `p_memsz` are what
/// the dumper left out, so they are absent, not zero. ELF-64 and ELF-32, little-endian
/// (System V gABI, "Program Header").
final class ELFCore: PhysicalMemory {
    struct Segment {
        /// Position among the program headers, from 0, for messages.
        let index: Int
        let physical: UInt64
        let offset: UInt64
        let fileSize: UInt64
        let memorySize: UInt64
        var physicalEnd: UInt64 { physical &+ fileSize }
    }

    let name: String
    let formatName: String
    private let bytes: DumpBytes
    /// PT_LOAD segments with file data, in program-header order.
    let segments: [Segment]
    /// The segments by file offset (then header order): the order pages are read in, and
    /// which of two overlapping segments gives a page.
    private let byOffset: [Segment]
    /// The segments by physical address, and the highest end among each one and those before
    /// it: what holds an address is found by binary search, not by trying every segment.
    private let byPhysical: [Segment]
    private let reach: [UInt64]

    static func recognises(_ head: [UInt8]) -> Bool {
        head.count >= 20 && head.starts(with: [0x7f, 0x45, 0x4c, 0x46]) && LittleEndian.u16(head, 16) == 4  // ET_CORE
    }

    /// For a file with ELF's magic that is no core: why it cannot be read as one (an
    /// executable given by mistake, a header cut short), located at the type field.
    static func notACore(_ head: [UInt8], name: String) -> InspectError? {
        guard head.starts(with: [0x7f, 0x45, 0x4c, 0x46]), !recognises(head) else { return nil }
        guard head.count >= 18 else {
            return InspectError(.byte(name, head.count), "truncated: an ELF header is 64 bytes (52 for ELF-32), the file has \(head.count)")
        }
        let type = LittleEndian.u16(head, 16)
        let names: [UInt16: String] = [0: "none", 1: "a relocatable object", 2: "an executable", 3: "a shared object"]
        return InspectError(
            .byte(name, 16),
            "expected an ELF core (e_type 4), found e_type \(type) (\(names[type] ?? "not a core")): this ELF file is no crash dump")
    }

    init(_ bytes: DumpBytes, formatName: String) throws {
        self.bytes = bytes
        name = bytes.name
        self.formatName = formatName
        // Both headers at once (ELF-32's is 52 bytes, ELF-64's 64): a stream cannot go back.
        let header = try bytes.bytes(at: 0, count: 64, what: "the ELF header")
        let is64: Bool
        switch header[4] {
        case 1: is64 = false
        case 2: is64 = true
        default: throw InspectError(.byte(name, 4), "ELF class \(header[4]) is neither 1 (32-bit) nor 2 (64-bit)")
        }
        guard header[5] == 1 else {
            throw InspectError(.byte(name, 5), "ELF data encoding \(header[5]) is not 1 (little-endian, as x86 cores are)")
        }
        let phoff = is64 ? LittleEndian.u64(header, 32) : UInt64(LittleEndian.u32(header, 28))
        let shoff = is64 ? LittleEndian.u64(header, 40) : UInt64(LittleEndian.u32(header, 32))
        let phentsize = Int(LittleEndian.u16(header, is64 ? 54 : 42))
        var phnum = Int(LittleEndian.u16(header, is64 ? 56 : 44))
        let expected = is64 ? 56 : 32
        guard phentsize == expected else {
            throw InspectError(.byte(name, is64 ? 54 : 42), "program header size is \(phentsize) bytes, expected \(expected)")
        }
        if phnum == 0xffff {
            // PN_XNUM: the real count is in section header 0's sh_info (gABI, "Section Header").
            let section = try bytes.bytes(at: shoff, count: is64 ? 64 : 40, what: "section header 0 (the program header count)")
            phnum = Int(LittleEndian.u32(section, is64 ? 44 : 28))
        }
        guard phnum > 0 else { throw InspectError(.byte(name, is64 ? 56 : 44), "the ELF core has no program headers") }
        guard phnum <= 1 << 20 else {
            throw InspectError(.byte(name, is64 ? 56 : 44), "\(phnum) program headers is more than any core has")
        }
        // A file too short for the table is refused before the table's memory is taken.
        let (tableEnd, tableOverflow) = phoff.addingReportingOverflow(UInt64(phnum * phentsize))
        if let size = bytes.size, tableOverflow || tableEnd > size {
            throw InspectError(
                .byte(name, Int(clamping: size)),
                "truncated: the program header table (\(phnum) headers at \(hexText(phoff))) needs the file to reach byte \(tableOverflow ? "past 2^64" : hexText(tableEnd)), it ends at \(hexText(size))")
        }
        let table = try bytes.bytes(at: phoff, count: phnum * phentsize, what: "the program header table")
        var segments: [Segment] = []
        for index in 0..<phnum {
            let base = index * phentsize
            guard LittleEndian.u32(table, base) == 1 else { continue }  // PT_LOAD
            let offset = is64 ? LittleEndian.u64(table, base + 8) : UInt64(LittleEndian.u32(table, base + 4))
            let physical = is64 ? LittleEndian.u64(table, base + 24) : UInt64(LittleEndian.u32(table, base + 12))
            let fileSize = is64 ? LittleEndian.u64(table, base + 32) : UInt64(LittleEndian.u32(table, base + 16))
            let memorySize = is64 ? LittleEndian.u64(table, base + 40) : UInt64(LittleEndian.u32(table, base + 20))
            let where_ = SourceLocation(file: name, .byte(Int(clamping: phoff &+ UInt64(base))))
            let (fileEnd, fileOverflow) = offset.addingReportingOverflow(fileSize)
            let (_, physicalOverflow) = physical.addingReportingOverflow(max(fileSize, memorySize))
            guard !fileOverflow, !physicalOverflow else {
                throw InspectError(where_, "program header \(index) (PT_LOAD) runs past the end of the address space")
            }
            guard fileSize <= memorySize else {
                throw InspectError(
                    where_,
                    "program header \(index) (PT_LOAD) has more file data (\(hexText(fileSize))) than memory (\(hexText(memorySize)))")
            }
            if let size = bytes.size, fileEnd > size {
                throw InspectError(
                    .byte(name, Int(clamping: size)),
                    "truncated: program header \(index) (PT_LOAD at physical \(hexText(physical))) needs the file to reach byte \(hexText(fileEnd)), it ends at \(hexText(size))"
                )
            }
            if fileSize > 0 {
                segments.append(Segment(index: index, physical: physical, offset: offset, fileSize: fileSize, memorySize: memorySize))
            }
        }
        guard !segments.isEmpty else {
            throw InspectError(.byte(name, Int(clamping: phoff)), "the ELF core has no PT_LOAD segment with data")
        }
        self.segments = segments
        byOffset = segments.sorted { ($0.offset, $0.index) < ($1.offset, $1.index) }
        byPhysical = segments.sorted { ($0.physical, $0.index) < ($1.physical, $1.index) }
        var highest: UInt64 = 0
        reach = byPhysical.map { segment in
            highest = max(highest, segment.physicalEnd)
            return highest
        }
    }

    /// The number of segments (by physical address) that start below `address`.
    private func startingBelow(_ address: UInt64) -> Int {
        var low = 0
        var high = byPhysical.count
        while low < high {
            let middle = low + (high - low) / 2
            if byPhysical[middle].physical < address { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// True when one segment's data holds all of [address, end).
    private func wholly(_ address: UInt64, _ end: UInt64) -> Bool {
        let count = startingBelow(address &+ 1)
        return count > 0 && reach[count - 1] >= end
    }

    /// True when the data of `segments` together hold every byte of [address, end).
    private static func covers(_ address: UInt64, _ end: UInt64, _ segments: [Segment]) -> Bool {
        var reached = address
        for segment in segments.sorted(by: { $0.physical < $1.physical }) {
            if segment.physical > reached { return false }
            reached = max(reached, segment.physicalEnd)
            if reached >= end { return true }
        }
        return false
    }

    /// The segments whose data meet [address, end), in file order.
    private func meeting(_ address: UInt64, _ end: UInt64) -> [Segment] {
        var found: [Segment] = []
        var index = startingBelow(end) - 1
        while index >= 0, reach[index] > address {
            if byPhysical[index].physicalEnd > address { found.append(byPhysical[index]) }
            index -= 1
        }
        return found.sorted { ($0.offset, $0.index) < ($1.offset, $1.index) }
    }

    func page(at address: UInt64) throws -> [UInt8] {
        let (end, overflow) = address.addingReportingOverflow(UInt64(dumpPageSize))
        let location = SourceLocation(file: name, .physical(address))
        guard !overflow else { throw InspectError(location, "a page there would run past the end of the address space") }
        var page = [UInt8](repeating: 0, count: dumpPageSize)
        var covered = [Bool](repeating: false, count: dumpPageSize)
        // Several segments may hold the same bytes; in file order, as the walk reads them.
        for segment in meeting(address, end) {
            let start = max(address, segment.physical)
            let stop = min(end, segment.physicalEnd)
            guard start < stop else { continue }
            let count = Int(stop - start)
            let into = Int(start - address)
            var piece = [UInt8](repeating: 0, count: count)
            let got = try piece.withUnsafeMutableBytes { try bytes.read(at: segment.offset &+ (start - segment.physical), into: $0) }
            guard got == count else {
                throw InspectError(
                    .byte(name, Int(clamping: bytes.position)),
                    "truncated: the data of program header \(segment.index) ends before physical \(hexText(start &+ UInt64(got)))")
            }
            for index in 0..<count {
                if covered[into + index], page[into + index] != piece[index] {
                    throw InspectError(
                        location,
                        "program headers overlap at physical \(hexText(start &+ UInt64(index))) with different bytes (header \(segment.index) and an earlier one)"
                    )
                }
                page[into + index] = piece[index]
                covered[into + index] = true
            }
        }
        if let gap = covered.firstIndex(of: false) {
            let missing = address &+ UInt64(gap)
            let excluded = segments.contains { missing >= $0.physicalEnd && missing < $0.physical &+ $0.memorySize }
            let at = missing == address ? "" : "at \(hexText(missing)): "
            throw InspectError(
                location,
                at
                    + (excluded
                        ? "left out of the dump (past its segment's file data): the page is absent"
                        : "not in the dump: no PT_LOAD segment holds it (\(rangesText()))"))
        }
        return page
    }

    /// The physical ranges the segments hold, for messages.
    func rangesText() -> String {
        let ranges = byPhysical.map { "\(hexText($0.physical))-\(hexText($0.physicalEnd &- 1))" }
        if ranges.count <= 6 { return "segments hold " + ranges.joined(separator: ", ") }
        return "segments hold " + ranges.prefix(3).joined(separator: ", ") + ", … " + ranges.suffix(2).joined(separator: ", ")
    }

    func walk(from lowest: UInt64, through highest: UInt64, _ visit: (UInt64, UnsafeRawBufferPointer) throws -> Void) throws {
        let pageMask = ~UInt64(dumpPageSize - 1)
        let floor = lowest & pageMask
        let ceiling: UInt64 = highest < UInt64.max - UInt64(dumpPageSize) ? (highest & pageMask) &+ UInt64(dumpPageSize) : UInt64.max
        // Each segment, in file order, gives the whole pages of its data that no segment before
        // it covered, even in part. The ends of the segments, rounded in and out to pages, cut
        // the address space into spans; a span is walked by the first segment whose whole pages
        // hold it, and then covered by every segment that touches it. The next span not yet
        // covered is found with path halving, so the walk takes time in n log n of the
        // segments, not n^2.
        struct Bounds {
            var inner: (UInt64, UInt64)?
            var outer: (UInt64, UInt64)
        }
        var bounds: [Bounds] = []
        var cuts: [UInt64] = []
        for segment in byOffset {
            let (roundedUp, wraps) = segment.physical.addingReportingOverflow(UInt64(dumpPageSize - 1))
            let (outerEnd, endWraps) = segment.physicalEnd.addingReportingOverflow(UInt64(dumpPageSize - 1))
            let outer = (segment.physical & pageMask, endWraps ? UInt64.max : outerEnd & pageMask)
            // A segment that starts inside the address space's last page holds no whole page
            // (rounding its start up would wrap to 0).
            var inner: (UInt64, UInt64)? = nil
            if !wraps, (roundedUp & pageMask) < (segment.physicalEnd & pageMask) { inner = (roundedUp & pageMask, segment.physicalEnd & pageMask) }
            bounds.append(Bounds(inner: inner, outer: outer))
            cuts += [outer.0, outer.1]
            if let inner { cuts += [inner.0, inner.1] }
        }
        cuts.sort()
        var unique: [UInt64] = []
        for cut in cuts where unique.last != cut { unique.append(cut) }
        func spanIndex(_ value: UInt64) -> Int {
            var low = 0
            var high = unique.count
            while low < high {
                let middle = low + (high - low) / 2
                if unique[middle] < value { low = middle + 1 } else { high = middle }
            }
            return low
        }
        // next[i]: a span at or after i not yet covered (unique.count: none).
        var next = Array(0...unique.count)
        func uncovered(_ start: Int) -> Int {
            var index = start
            while next[index] != index {
                next[index] = next[next[index]]
                index = next[index]
            }
            return index
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: walkChunkSize, alignment: dumpPageSize)
        defer { buffer.deallocate() }
        for (segment, bound) in zip(byOffset, bounds) {
            if let inner = bound.inner {
                var pieces: [(UInt64, UInt64)] = []
                let last = spanIndex(inner.1)
                var index = uncovered(spanIndex(inner.0))
                while index < last {
                    let start = max(unique[index], floor)
                    let stop = min(unique[index + 1], ceiling)
                    if start < stop {
                        if let previous = pieces.last, previous.1 == start { pieces[pieces.count - 1].1 = stop } else { pieces.append((start, stop)) }
                    }
                    index = uncovered(index + 1)
                }
                for (start, end) in pieces {
                    var address = start
                    while address < end {
                        let count = Int(min(UInt64(walkChunkSize), end - address))
                        let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
                        let got = try bytes.read(at: segment.offset &+ (address - segment.physical), into: chunk)
                        guard got == count else {
                            throw InspectError(
                                .byte(name, Int(clamping: segment.offset &+ (address - segment.physical) &+ UInt64(got))),
                                "truncated: the data of program header \(segment.index) (physical \(hexText(segment.physical))) ends early")
                        }
                        try visit(address, UnsafeRawBufferPointer(chunk))
                        address &+= UInt64(count)
                    }
                }
            }
            let last = spanIndex(bound.outer.1)
            var index = uncovered(spanIndex(bound.outer.0))
            while index < last {
                next[index] = index + 1
                index = uncovered(index + 1)
            }
        }
        // Pages that straddle segments (unaligned physical addresses) are put together by
        // address, from the segments that meet them. A page no segment holds whole is met only
        // by segments that start or end inside it, so each segment is read for at most two.
        var straddling: [UInt64] = []
        for segment in segments {
            if segment.physical & ~pageMask != 0 { straddling.append(segment.physical & pageMask) }
            if segment.physicalEnd & ~pageMask != 0 { straddling.append(segment.physicalEnd & pageMask) }
        }
        straddling.sort()
        var previous: UInt64?
        for address in straddling where address != previous && address >= floor && address <= highest {
            previous = address
            let (end, overflow) = address.addingReportingOverflow(UInt64(dumpPageSize))
            guard !overflow, !wholly(address, end), Self.covers(address, end, meeting(address, end)) else { continue }
            // A page that cannot be put together (standard input cannot go back to it; its
            // overlapping segments disagree) is passed over, as the whole pages of overlapping
            // segments take the first one's bytes. A gzip file that would be decompressed from
            // its start too often is refused: going on would take time in the square of its size.
            let page: [UInt8]
            do {
                page = try self.page(at: address)
            } catch let error as InspectError {
                if bytes.refusedRestart { throw error }
                continue
            }
            try page.withUnsafeBytes { try visit(address, $0) }
        }
    }
}
