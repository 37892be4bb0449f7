import Foundation
import Testing

@testable import VMCSInspect

/// The fixtures in samples/cores/ (made by samples/tools/make-core-fixtures.sh with QEMU and
/// makedumpfile) and what was planted in them.
enum Cores {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static func bytes(_ relative: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: root.appendingPathComponent(relative))) }

    static let planted: [(address: UInt64, kind: CandidateKind, file: String)] = [
        (0x0010_0000, .vmcb, "samples/vmcb-npf.bin"),
        (0x0023_4000, .vmcb, "samples/vmcb-ioio.bin"),
        (0x0034_5000, .vmcs12, "samples/vmcs12-ept-violation.bin"),
        (0x0045_6000, .evmcs, "samples/evmcs-ept-violation.bin"),
        (0x0056_7000, .vmsa, "samples/cores/pages/vmsa.bin"),
        (0x0067_8000, .vmcbHostSave, "samples/cores/pages/hsave.bin"),
        (0x0078_9000, .vmcsRegion, "samples/cores/pages/hw-vmcs-a.bin"),
        (0x0078_a000, .vmcsRegion, "samples/cores/pages/hw-vmcs-b.bin"),
        (0x009a_b000, .vmcsRegion, "samples/cores/pages/hw-vmcs-c.bin"),
    ]

    static let formats: [(file: String, format: String)] = [
        ("samples/cores/core.elf.gz", "gzip-compressed ELF core"),
        ("samples/cores/core.flat", "flattened kdump-compressed (zlib)"),
        ("samples/cores/core.kdump", "kdump-compressed (zlib)"),
        ("samples/cores/core.kdump.gz", "gzip-compressed kdump-compressed (zlib)"),
        ("samples/cores/core-filtered.kdump.gz", "gzip-compressed kdump-compressed (zlib)"),
        ("samples/cores/core-zstd.kdump.gz", "gzip-compressed kdump-compressed (zlib, zstd)"),
        ("samples/cores/core-lzo.kdump.gz", "gzip-compressed kdump-compressed (zlib, lzo)"),
        ("samples/cores/core-snappy.kdump.gz", "gzip-compressed kdump-compressed (zlib, snappy)"),
        ("samples/cores/core.lime.gz", "gzip-compressed LiME capture"),
        ("samples/cores/core.raw.gz", "gzip-compressed raw memory image"),
    ]

    static func open(_ relative: String) throws -> any PhysicalMemory {
        try #require(try MemoryImage.open(path: path(relative), name: relative, rawFallback: true))
    }
}

@Suite struct DumpFixtureTests {
    @Test(arguments: Cores.formats.map(\.file))
    func scanFindsEveryPlantedPageAtItsAddressAndNothingElse(_ file: String) throws {
        let result = try Scanner.scan(try Cores.open(file))
        let found = result.candidates.map { "\(hexText($0.address)) \($0.kind.rawValue)" }
        let planted = Cores.planted.map { "\(hexText($0.address)) \($0.kind.rawValue)" }
        #expect(found == planted)
        for candidate in result.candidates {
            #expect(candidate.confidence >= 70, "\(hexText(candidate.address)): \(candidate.reasons)")
        }
        #expect(result.pagesScanned >= 3900)
    }

    @Test(arguments: Cores.formats)
    func everyPlantedPageReadsBackByAddress(_ fixture: (file: String, format: String)) throws {
        let memory = try Cores.open(fixture.file)
        #expect(memory.formatName == fixture.format)
        for planted in Cores.planted {
            #expect(try memory.page(at: planted.address) == Cores.bytes(planted.file), "\(hexText(planted.address))")
        }
        let noise = try Cores.bytes("samples/cores/pages/noise-random.bin")
        #expect(try memory.page(at: 0x80_0000) == Array(noise.prefix(4096)))
        #expect(try memory.page(at: 0x20_0000) == [UInt8](repeating: 0, count: 4096))
    }

    @Test(arguments: Cores.formats.map(\.file))
    func aPageBeyondTheDumpIsAnErrorAtItsAddress(_ file: String) throws {
        let memory = try Cores.open(file)
        let error = try #require(throws: InspectError.self) { try memory.page(at: 0x4000_0000) }
        #expect(error.location == SourceLocation(file: file, .physical(0x4000_0000)))
    }

    /// Data read forward (a gzip copy is unpacked up to the page) asks the interrupt check
    /// between reads: Ctrl-C stops the shell's load of a large one. Checks are counted, and the
    /// load stops at the first that says stop.
    @Test func aLoadReadForwardCanBeInterrupted() throws {
        final class Counter: @unchecked Sendable { var asked = 0 }
        let counter = Counter()
        let path = Cores.path("samples/cores/core.raw.gz")
        let layout = PageLayout.vmcs(try VMCSLayout.resolve(Cores.path("samples/cores/pages/hw-vmcs.layout")))
        let whole = try MemoryImage.load(path: path, name: "r", address: 0x9a_b000, layout: layout) { counter.asked += 1; return false }
        #expect(whole.page == (try Cores.bytes("samples/cores/pages/hw-vmcs-c.bin")))
        #expect(counter.asked > 1)
        let stopped = try #require(throws: InspectError.self) {
            try MemoryImage.load(path: path, name: "r", address: 0x9a_b000, layout: layout) { true }
        }
        #expect(stopped.message == "interrupted")
    }

    @Test func aFilteredPageIsAbsentNeverZero() throws {
        let memory = try Cores.open("samples/cores/core-filtered.kdump.gz")
        let error = try #require(throws: InspectError.self) { try memory.page(at: 0x10_1000) }
        #expect(error.location?.position == .physical(0x10_1000))
        #expect(error.message.contains("filtered out"))
        #expect(try memory.page(at: 0x10_0000) == Cores.bytes("samples/vmcb-npf.bin"))
        let result = try Scanner.scan(memory)
        #expect(result.pagesScanned == (try Scanner.scan(try Cores.open("samples/cores/core.kdump")).pagesScanned) - 1)
    }

    @Test func theELFCoreHoldsQEMUsSegments() throws {
        let memory = try #require(try Cores.open("samples/cores/core.elf.gz") as? ELFCore)
        #expect(memory.segments.count == 5)
        #expect(memory.segments.allSatisfy { $0.offset % 4096 != 0 })  // QEMU's segments start at unaligned offsets
        let error = try #require(throws: InspectError.self) { try memory.page(at: 0x100_0000) }
        #expect(error.message.contains("no PT_LOAD segment holds it"))
    }

    @Test func aLayoutDecodesHardwareRegionsOfItsRevision() throws {
        let layout = try VMCSLayout.resolve(Cores.path("samples/cores/pages/hw-vmcs.layout"))
        let result = try Scanner.scan(
            try Cores.open("samples/cores/core.kdump"), options: ScanOptions(kinds: [.vmcsRegion], layout: layout))
        #expect(result.candidates.map(\.address) == [0x78_9000, 0x78_a000, 0x9a_b000])
        let first = try #require(result.candidates.first)
        #expect(first.layout == "made-up-cpu")
        #expect(first.exit == 30)
        #expect(first.rip == 0xffff_ffff_81a4_c2d6)
        #expect(first.tag == 1)
        #expect(first.summary == "exit IO_INSTRUCTION (30), rip 0xffffffff81a4c2d6, cr3 0x10a6b2000, vpid 1")
    }

    @Test func optionsNarrowTheScan() throws {
        let memory = try Cores.open("samples/cores/core.kdump")
        let vmcbs = try Scanner.scan(memory, options: ScanOptions(kinds: [.vmcb, .vmsa]))
        #expect(vmcbs.candidates.map(\.address) == [0x10_0000, 0x23_4000, 0x56_7000])
        let ranged = try Scanner.scan(memory, options: ScanOptions(lowest: 0x20_0000, highest: 0x45_6fff))
        #expect(ranged.candidates.map(\.address) == [0x23_4000, 0x34_5000, 0x45_6000])
        #expect(ranged.pagesScanned == 0x257)
        let sure = try Scanner.scan(memory, options: ScanOptions(minimumConfidence: 90))
        #expect(sure.candidates.allSatisfy { $0.confidence >= 90 })
        #expect(sure.candidates.contains { $0.kind == .vmcb })
    }

    @Test func aPageBecomesASnapshotNamingTheDumpItsFormatAndAddress() throws {
        let memory = try Cores.open("samples/cores/core.flat")
        let vmcb = try MemoryImage.snapshot(of: memory, at: 0x10_0000, layout: nil)
        #expect(vmcb.architecture == .svm)
        #expect(vmcb.source == "samples/cores/core.flat")
        #expect(vmcb.container == "flattened kdump-compressed (zlib)")
        #expect(vmcb.location.position == .physical(0x10_0000))
        #expect(vmcb.integer("control.exit_code") == 0x400)
        let vmcs12 = try MemoryImage.snapshot(of: memory, at: 0x34_5000, layout: nil)
        #expect(vmcs12.architecture == .vmx)
        #expect(vmcs12.integer("exit.reason") == 48)
        let evmcs = try MemoryImage.snapshot(of: memory, at: 0x45_6000, layout: nil)
        #expect(evmcs.integer("exit.reason") == 48)
        let vmsa = try MemoryImage.snapshot(of: memory, at: 0x56_7000, layout: nil)
        #expect(vmsa.integer("save.efer") == 0x1d01)
        #expect(vmsa.integer("save.xcr0") == 7)
        #expect(vmsa.integer("control.exit_code") == nil)
    }

    @Test func inputReferencesTellAddressesFromDumpIndexes() {
        #expect(InputReference.parse("core.elf@0x1000") == InputReference(path: "core.elf", physicalAddress: 0x1000))
        #expect(InputReference.parse("kvm.log@2") == InputReference(path: "kvm.log", index: 2))
        #expect(InputReference.parse("core.elf@0x1000").displayName == "core.elf")
        #expect(InputReference.parse("a@0xzz") == InputReference(path: "a@0xzz"))
    }

    /// MAXPHYADDR is at most 52 (SDM Vol. 3 section 4.1.4): a wider address is refused before
    /// the input is read, so `/dev/zero@0x7ffffffffffff000` ends at once instead of reading
    /// 2^63 bytes. The widest address there can be still reaches the reader.
    @Test func physicalAddressesWiderThan52BitsAreRefused() throws {
        let error = try #require(throws: InspectError.self) {
            try InputReference.parse("/dev/zero@0x10000000000000").open(InputSettings())
        }
        #expect(error.description == "/dev/zero: physical address 0x10000000000000 is wider than the 52 bits an x86 physical address has at most")
        let path = Cores.path("samples/vmcb-npf.bin")
        let widest = try #require(throws: InspectError.self) { try InputReference.parse(path + "@0xffffffffff000").open(InputSettings()) }
        #expect(!widest.message.contains("52 bits"))
    }

    /// A stream is read forward to the page, and no more than 1 TiB of it: `/dev/zero` at an
    /// address below 2^52 but past 1 TiB ends at once with what to do, instead of reading for
    /// hours; a page near its start is still read.
    @Test func aStreamIsReadAtMostATebibyteForwardToAPage() throws {
        let error = try #require(throws: InspectError.self) {
            try InputReference.parse("/dev/zero@0xffffffffff000").open(InputSettings())
        }
        #expect(
            error.description
                == "/dev/zero: byte 0xffffffffff000: more than 1 TiB into a stream that is read forward only: not read that far (if the data is that large, save it to a file, uncompressed, which is read where it is needed)"
        )
        let reader = try InputReference.parse("/dev/zero@0x2000").open(InputSettings(format: .raw))
        #expect(try reader.next()?.source == "/dev/zero@0x2000")
    }

    /// A dump's page is read only when it shows what it is, as a raw page is: a zero page, or
    /// one scan lists as nothing, is refused with what it holds; a hardware VMCS region asks for
    /// its layout. `--format raw` reads such a page as a VMCB anyway.
    @Test func aDumpPageThatShowsNoKindIsRefused() throws {
        let path = Cores.path("samples/cores/core.kdump")
        let zero = try #require(throws: InspectError.self) { try InputReference.parse(path + "@0x0").open(InputSettings()) }
        #expect(zero.location == SourceLocation(file: path, .physical(0)))
        #expect(zero.message.hasPrefix("the page is all zero bytes: name what it is, with --layout for a VMCS or --format raw"))
        let region = try #require(throws: InspectError.self) { try InputReference.parse(path + "@0x789000").open(InputSettings()) }
        #expect(region.message.contains("looks like a hardware VMCS region, whose layout is not architectural: read it with --layout"))
        let forced = try InputReference.parse(path + "@0x0").open(InputSettings(format: .raw))
        #expect(try forced.next()?.architecture == .svm)
        let laidOut = try InputReference.parse(path + "@0x789000").open(
            InputSettings(layout: Cores.path("samples/cores/pages/hw-vmcs.layout")))
        #expect(try laidOut.next()?.integer("exit.reason") == 30)
    }

    /// VMPTRLD and VMRUN take 4 KiB-aligned addresses (SDM Vol. 3 section 25.1, APM Vol. 2
    /// section 15.5.1): an address inside a page is refused, naming the page's first address,
    /// rather than read shifted.
    @Test func aPhysicalAddressInsideAPageIsRefused() throws {
        let path = Cores.path("samples/cores/core.flat")
        let error = try #require(throws: InspectError.self) { try InputReference.parse(path + "@0x100001").open(InputSettings()) }
        #expect(
            error.description
                == "\(path): physical 0x100001: not on a 4 KiB page boundary: a VMCS or VMCB starts on one, so name a page by its first address (here 0x100000)"
        )
    }
}

/// Scoring gives no false positives: what fills the rest of a host's memory is never a candidate.
@Suite struct ScanScoringTests {
    static func pages(_ bytes: [UInt8]) -> [[UInt8]] {
        stride(from: 0, to: bytes.count - 4095, by: 4096).map { Array(bytes[$0..<($0 + 4096)]) }
    }

    @Test(arguments: ["noise-random.bin", "noise-text.bin", "noise-tables.bin", "noise-structs.bin"])
    func noiseIsNeverACandidate(_ file: String) throws {
        for (index, page) in Self.pages(try Cores.bytes("samples/cores/pages/" + file)).enumerated() {
            let found = page.withUnsafeBytes { PageClassifier.classify($0, address: UInt64(index * 4096)) }
            #expect(found.isEmpty, "\(file) page \(index): \(found.map(\.kind))")
        }
    }

    @Test func randomPagesAreNeverCandidates() {
        let seed = UInt64(Date().timeIntervalSince1970)
        var generator = SplitMix(seed: seed)
        for index in 0..<3000 {
            var page = (0..<512).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } }
            // Half of them sparse, as mostly-zero pages with a few words set are common.
            if index % 2 == 1 { for offset in 0..<4096 where generator.next() % 16 != 0 { page[offset] = 0 } }
            let found = page.withUnsafeBytes { PageClassifier.classify($0, address: 0) }
            #expect(found.isEmpty, "seed \(seed), page \(index)")
        }
    }

    @Test func zeroPagesAndOnesAreNeverCandidates() {
        for fill: UInt8 in [0, 0xff] {
            let page = [UInt8](repeating: fill, count: 4096)
            #expect(page.withUnsafeBytes { PageClassifier.classify($0, address: 0) }.isEmpty)
        }
    }

    @Test func theQuickTestsReadCatalogOffsets() {
        #expect(PageClassifier.interceptWord4 == 0x010)
        #expect(PageClassifier.exitCodeOffset == 0x070)
        #expect(PageClassifier.eferOffset == 0x4d0)
        #expect(PageClassifier.reservedControl.first == 0x018..<0x03c)
    }

    @Test func aFailedVMRUNsVMCBCountsAndSaysWhy() throws {
        var page = try Cores.bytes("samples/vmcb-ioio.bin")
        for index in 0..<8 { page[0x70 + index] = 0xff }  // EXITCODE -1
        page[0x4d1] &= ~0x10  // EFER.SVME clear
        let best = try #require(PageClassifier.best(page, address: 0))
        #expect(best.kind == .vmcb)
        #expect(best.confidence >= 70)
        #expect(best.summary.hasPrefix("VMRUN failed (exit INVALID)"))
        #expect(best.reasons.contains { $0.contains("as a failed VMRUN's VMCB does") })
    }

    @Test func reservedBytesSinkAVMCB() throws {
        var page = try Cores.bytes("samples/vmcb-npf.bin")
        for offset in 0x18..<0x3c { page[offset] = 0x5a }
        #expect(PageClassifier.best(page, address: 0)?.kind != .vmcb)
    }
}

/// A deterministic generator, so a failing seed can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Hand-built dumps for what a producer rarely writes: holes, unaligned and overlapping segments,
/// left-out tails, ELF-32, truncation, garbage headers.
@Suite struct HandBuiltDumpTests {
    struct Load {
        var physical: UInt64
        var data: [UInt8]
        var memorySize: UInt64? = nil
    }

    static func page(_ fill: UInt8) -> [UInt8] { (0..<4096).map { UInt8(truncatingIfNeeded: Int($0) * 7) ^ fill } }

    /// An ELF core with the given PT_LOAD segments, data packed after the headers from an
    /// unaligned offset.
    static func elf(_ loads: [Load], is64: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        func put(_ value: UInt64, _ size: Int) {
            for index in 0..<size { out.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * index))) }
        }
        let headerSize = is64 ? 64 : 52
        let entrySize = is64 ? 56 : 32
        out += [0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, 1, 1] + [UInt8](repeating: 0, count: 9)
        put(4, 2)
        put(is64 ? 62 : 3, 2)
        put(1, 4)
        if is64 { put(0, 8); put(UInt64(headerSize), 8); put(0, 8) } else { put(0, 4); put(UInt64(headerSize), 4); put(0, 4) }
        put(0, 4)
        put(UInt64(headerSize), 2)
        put(UInt64(entrySize), 2)
        put(UInt64(loads.count), 2)
        put(0, 2)
        put(0, 2)
        put(0, 2)
        var offset = UInt64(headerSize + entrySize * loads.count + 0x1e3)
        for load in loads {
            put(1, 4)
            if is64 {
                put(0, 4); put(offset, 8); put(load.physical, 8); put(load.physical, 8)
                put(UInt64(load.data.count), 8); put(load.memorySize ?? UInt64(load.data.count), 8); put(0, 8)
            } else {
                put(offset, 4); put(load.physical, 4); put(load.physical, 4)
                put(UInt64(load.data.count), 4); put(load.memorySize ?? UInt64(load.data.count), 4); put(0, 4); put(0, 4)
            }
            offset += UInt64(load.data.count)
        }
        out += [UInt8](repeating: 0xee, count: 0x1e3)
        for load in loads { out += load.data }
        return out
    }

    /// Writes a test file into the test process's own folder, which is removed when the process
    /// exits (the tests run in parallel, so no test may remove it earlier).
    static func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static let scratch: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: HandBuiltDumpTests.scratch) }
        return folder
    }()

    static func gzip(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c '\(path)' > '\(path).gz'"]
        try process.run()
        process.waitUntilExit()
        return path + ".gz"
    }

    static let loads = [
        Load(physical: 0x0, data: page(1) + page(2)),
        Load(physical: 0x5000, data: page(3), memorySize: 0x2000),  // its second page left out
        Load(physical: 0x10800, data: page(4)),  // unaligned: its page straddles the next segment
        Load(physical: 0x11800, data: page(5)),
        Load(physical: 0x1000, data: page(2)),  // overlaps the first segment with the same bytes
    ]

    @Test(arguments: [true, false])
    func segmentsWithHolesOverlapsAndUnalignedAddresses(_ is64: Bool) throws {
        for gzip in [false, true] {
            var path = try Self.write(Self.elf(Self.loads, is64: is64), "segments-\(is64).elf")
            if gzip { path = try Self.gzip(path) }
            let memory = try #require(try MemoryImage.open(path: path, name: "core"))
            #expect(try memory.page(at: 0x1000) == Self.page(2))
            #expect(try memory.page(at: 0x5000) == Self.page(3))
            #expect(try memory.page(at: 0x11000) == Array(Self.page(4).suffix(2048) + Self.page(5).prefix(2048)))
            let hole = try #require(throws: InspectError.self) { try memory.page(at: 0x3000) }
            #expect(hole.location == SourceLocation(file: "core", .physical(0x3000)))
            #expect(hole.message.hasPrefix("not in the dump: no PT_LOAD segment holds it"))
            let leftOut = try #require(throws: InspectError.self) { try memory.page(at: 0x6000) }
            #expect(leftOut.message.contains("left out of the dump"))
            var walked: [UInt64] = []
            try memory.walk(from: 0, through: .max) { address, run in
                for index in 0..<(run.count / 4096) { walked.append(address + UInt64(index * 4096)) }
            }
            #expect(walked == [0x0, 0x1000, 0x5000, 0x11000])
        }
    }

    @Test func overlapsWithDifferentBytesAreAnError() throws {
        let path = try Self.write(Self.elf([Load(physical: 0, data: Self.page(1)), Load(physical: 0, data: Self.page(9))]), "conflict.elf")
        let memory = try #require(try MemoryImage.open(path: path, name: "core"))
        let error = try #require(throws: InspectError.self) { try memory.page(at: 0) }
        #expect(error.message.contains("overlap"))
    }

    @Test func truncatedAndGarbledDumpsGiveOneLocatedError() throws {
        let whole = Self.elf(Self.loads)
        let cut = try Self.write(Array(whole.prefix(whole.count - 5000)), "cut.elf")
        let truncated = try #require(throws: InspectError.self) { try MemoryImage.open(path: cut, name: "cut.elf") }
        #expect(truncated.message.hasPrefix("truncated: program header"))
        #expect(truncated.location?.position == .byte(whole.count - 5000))

        var badClass = whole
        badClass[4] = 7
        let garbled = try #require(throws: InspectError.self) {
            try MemoryImage.open(path: try Self.write(badClass, "class.elf"), name: "class.elf")
        }
        #expect(garbled.location == .byte("class.elf", 4))

        var flat = Array("makedumpfile".utf8) + [UInt8](repeating: 0, count: 4096 - 12)
        flat[23] = 1
        flat[31] = 1
        flat += [0x7f] + [UInt8](repeating: 0xff, count: 15)
        let record = try #require(throws: InspectError.self) {
            try MemoryImage.open(path: try Self.write(flat, "bad.flat"), name: "bad.flat")
        }
        #expect(record.location == .byte("bad.flat", 4096))

        let kdump = Array("KDUMP   ".utf8) + [UInt8](repeating: 0, count: 8192)
        let header = try #require(throws: InspectError.self) {
            try MemoryImage.open(path: try Self.write(kdump, "bad.kdump"), name: "bad.kdump")
        }
        #expect(header.location == .byte("bad.kdump", 8))

        // libkdumpfile reads a header as a 32-bit one first. The sample's tv_usec (byte 416) set
        // to 8192 reads there as a block size of 8 KiB, its status 1 (zlib, byte 424) as one
        // bitmap block and its block size 4096 (byte 428) as max_mapnr: 8 * 1 * 8192 bits cover
        // 4096 pages, so libkdumpfile would read the file as a 32-bit dump. At 8193 microseconds
        // the block size is no power of two and it reads the 64-bit header.
        var sample = try Cores.bytes("samples/cores/core.kdump")
        sample.replaceSubrange(416..<420, with: [0x00, 0x20, 0x00, 0x00])
        let thirtyTwo = try #require(throws: InspectError.self) {
            try MemoryImage.open(path: try Self.write(sample, "32-bit.kdump"), name: "32-bit.kdump")
        }
        #expect(thirtyTwo.location == .byte("32-bit.kdump", 416))
        #expect(thirtyTwo.message.contains("32-bit little-endian one (block size 8192 at byte 416)"))
        sample[416] = 0x01
        #expect(try MemoryImage.open(path: try Self.write(sample, "64-bit.kdump"), name: "64-bit.kdump") != nil)
        // Big-endian: 00 04 00 00 is 256 KiB, 01 00 00 00 (the status) 2^24 bitmap blocks.
        sample.replaceSubrange(416..<420, with: [0x00, 0x04, 0x00, 0x00])
        let bigEndian = try #require(throws: InspectError.self) {
            try MemoryImage.open(path: try Self.write(sample, "32-bit-be.kdump"), name: "32-bit-be.kdump")
        }
        #expect(bigEndian.message.contains("32-bit big-endian one (block size 262144 at byte 416)"))
        // The bounds: 4 KiB and 256 KiB are block sizes libkdumpfile takes, 2 KiB and 512 KiB
        // are not; with status 0 (one bitmap block of none) no block size covers max_mapnr 4096.
        for (usec, status, refused) in [
            (4096, 1, true), (262_144, 1, true), (2048, 1, false), (524_288, 1, false), (8192, 0, false),
        ] as [(UInt32, UInt32, Bool)] {
            sample.replaceSubrange(416..<420, with: withUnsafeBytes(of: usec.littleEndian, Array.init))
            sample.replaceSubrange(424..<428, with: withUnsafeBytes(of: status.littleEndian, Array.init))
            let path = try Self.write(sample, "bounds-\(usec)-\(status).kdump")
            if refused {
                #expect(throws: InspectError.self, "\(usec), \(status)") { try MemoryImage.open(path: path, name: "bounds.kdump") }
            } else {
                #expect(try MemoryImage.open(path: path, name: "bounds.kdump") != nil, "\(usec), \(status)")
            }
        }

        // libkdumpfile reads the bitmaps whole into memory. QEMU's sample has max_mapnr 1048576
        // pages (byte 440) and 64 bitmap blocks (byte 436): two bitmaps of 1048576 bits, 32
        // blocks of 4096 bytes each. 66 blocks are more than a dump of that many pages has.
        sample.replaceSubrange(416..<420, with: [0x01, 0x00, 0x00, 0x00])
        sample.replaceSubrange(424..<428, with: [0x01, 0x00, 0x00, 0x00])
        sample.replaceSubrange(436..<440, with: [66, 0, 0, 0])
        let bitmaps = try #require(throws: InspectError.self) {
            try MemoryImage.open(path: try Self.write(sample, "bitmaps.kdump"), name: "bitmaps.kdump")
        }
        #expect(bitmaps.location == .byte("bitmaps.kdump", 436))
        #expect(bitmaps.message == "kdump-compressed bitmaps of 66 blocks are more than the 64 that max_mapnr 1048576 pages need")

        let lime: [UInt8] =
            [0x45, 0x4d, 0x69, 0x4c, 1, 0, 0, 0] + [0, 0, 0, 0, 0, 0, 0, 0] + [0xff, 0xff, 0, 0, 0, 0, 0, 0]
            + [UInt8](repeating: 0, count: 8 + 100)
        let shortLiME = try #require(throws: InspectError.self) {
            try MemoryImage.open(path: try Self.write(lime, "short.lime"), name: "short.lime")
        }
        #expect(shortLiME.message.hasPrefix("truncated: LiME range"))
    }

    /// A flattened stream's records may lie far apart, and the file rearranged from them is
    /// sparse: a header of 464 bytes and a record 72 KiB on took 8.7 KB of input, yet made
    /// libkdumpfile read bitmaps of up to 32 GiB of holes into memory. The header, sub-header
    /// and bitmaps must be carried by the records. Here max_mapnr 262144 pages need the 16
    /// bitmap blocks the header gives (2 x 262144 bits in 4096-byte blocks), but the records
    /// carry 464 + 4096 bytes where those take (1 + 1 + 16) x 4096.
    @Test func flattenedRecordsMustCarryTheBitmaps() throws {
        var header = Array("KDUMP   ".utf8) + [UInt8](repeating: 0, count: 456)
        func put(_ value: UInt32, at offset: Int) {
            header.replaceSubrange(offset..<offset + 4, with: withUnsafeBytes(of: value.littleEndian, Array.init))
        }
        put(1, at: 8)  // header_version
        put(4096, at: 428)  // block_size
        put(1, at: 432)  // sub_hdr_size
        put(16, at: 436)  // bitmap_blocks
        put(262_144, at: 440)  // max_mapnr
        put(1, at: 460)  // nr_cpus
        func record(_ offset: UInt64, _ data: [UInt8]) -> [UInt8] {
            withUnsafeBytes(of: offset.bigEndian, Array.init) + withUnsafeBytes(of: UInt64(data.count).bigEndian, Array.init) + data
        }
        var flat = Array("makedumpfile".utf8) + [UInt8](repeating: 0, count: 4096 - 12)
        flat[23] = 1
        flat[31] = 1
        flat += record(0, header) + record(18 * 4096, [UInt8](repeating: 0, count: 4096)) + [UInt8](repeating: 0xff, count: 16)
        let error = try #require(throws: InspectError.self) {
            try MemoryImage.open(path: try Self.write(flat, "sparse.flat"), name: "sparse.flat")
        }
        #expect(
            error.message
                == "the kdump-compressed header, sub-header and bitmaps take 0x12000 bytes, but the flattened records carry only 0x11d0")
    }

    /// libkdumpfile 0.5.1 reads a compressed page of up to its largest page size into a buffer
    /// of one page. The fuzzer's file has one page (pfn 2554, the second bitmap's byte 319, bit
    /// 2) whose descriptor at byte 0x4000 says 10240 (0x2800) compressed bytes with flags 0xb1
    /// (zlib and zstd among them): it overran the heap and the tool aborted. It is refused at
    /// the descriptor's size field before that page is read (0x9fa000, or an address inside
    /// the page before it), and before a walk (`scan`) reads any; other pages are not in it.
    @Test func aCompressedPageLargerThanAPageIsRefused() throws {
        let path = Cores.path("Tests/FuzzCorpus/dump/kdump-compressed-page-larger-than-a-page")
        let dump = try #require(try MemoryImage.open(path: path, name: "big-page.kdump"))
        for address: UInt64 in [0x9fa000, 0x9f9010, 0x9fafff] {
            let error = try #require(throws: InspectError.self) { try dump.page(at: address) }
            #expect(error.location == .byte("big-page.kdump", 0x4008))
            #expect(error.message == "page descriptor 0 says 10240 compressed bytes, more than the 4096-byte page it holds")
        }
        let elsewhere = try #require(throws: InspectError.self) { try dump.page(at: 0x9f9000) }
        #expect(elsewhere.message.hasPrefix("not in the dump"))
        let walked = try #require(throws: InspectError.self) { try Scanner.scan(dump) }
        #expect(walked.location == .byte("big-page.kdump", 0x4008))
        // QEMU's own dump passes: every descriptor of its compressed pages is smaller than a page.
        #expect(try MemoryImage.open(path: Cores.path("samples/cores/core.kdump"), name: "core.kdump") != nil)
    }

    /// A segment (ELF) or range (LiME) that starts inside the address space's last page holds
    /// no whole page: rounding its start up wrapped to 0, and the walk trapped.
    @Test func dataInTheLastPageOfTheAddressSpaceHoldsNoPage() throws {
        let elf = try #require(
            try MemoryImage.open(
                path: try Self.write(Self.elf([Load(physical: 0xFFFF_FFFF_FFFF_F001, data: [UInt8](repeating: 0x11, count: 0xFFE))]), "top.elf"),
                name: "top.elf"))
        #expect(try Scanner.scan(elf).pagesScanned == 0)
        // LiME: magic, version 1, first and last address, 8 reserved bytes, then the range.
        var lime: [UInt8] = []
        for (value, size) in [(UInt64(0x4C69_4D45), 4), (1, 4), (0xFFFF_FFFF_FFFF_F001, 8), (0xFFFF_FFFF_FFFF_FFFE, 8), (0, 8)] {
            lime += withUnsafeBytes(of: value.littleEndian) { Array($0.prefix(size)) }
        }
        lime += [UInt8](repeating: 0x11, count: 0xFFE)
        let image = try #require(try MemoryImage.open(path: try Self.write(lime, "top.lime"), name: "top.lime"))
        #expect(try Scanner.scan(image).pagesScanned == 0)
    }

    /// A file libkdumpfile fails to open is refused with its reason, and the context of that
    /// failed open is not freed (libkdumpfile 0.5.1 crashes freeing it). The header check now
    /// refuses the file that showed this first, so it goes to libkdumpfile unchecked here.
    @Test func aFileLibkdumpfileRefusesIsRefusedWithoutACrash() throws {
        let path = Cores.path("Tests/FuzzCorpus/dump/kdump-free-after-failed-open")
        let error = try #require(throws: InspectError.self) {
            try KdumpCore(file: try OwnedFile(path: path, name: "failed.kdump"), name: "failed.kdump", formatPrefix: "", validating: false)
        }
        #expect(error.message.hasPrefix("cannot read the kdump-compressed file: "))
        #expect(error.message.contains("page bitmap"))
    }

    /// A gzip-compressed core is read forwards; going back starts the decompression again from
    /// the start. Twenty pages each held by two half-page segments, in physical order opposite
    /// to their file order, send the reader back for every page: past 16 restarts the file is
    /// refused, as decompressing it that often would take time in the square of its size.
    /// Uncompressed, the same core is read: all twenty pages.
    @Test func aGzipCoreReadOutOfOrderIsRefusedAfter16Restarts() throws {
        let loads = (0..<20).flatMap { index -> [Load] in
            let page = UInt64(20 - index) * 0x10000
            return [Load(physical: page, data: Array(Self.page(UInt8(index)).prefix(2048))),
                    Load(physical: page + 2048, data: Array(Self.page(UInt8(index)).suffix(2048)))]
        }
        let plain = try Self.write(Self.elf(loads), "backwards.elf")
        #expect(try Scanner.scan(try #require(try MemoryImage.open(path: plain, name: "backwards.elf"))).pagesScanned == 20)
        let memory = try #require(try MemoryImage.open(path: try Self.gzip(plain), name: "backwards.elf.gz"))
        let error = try #require(throws: InspectError.self) { _ = try Scanner.scan(memory) }
        #expect(error.message.hasPrefix("the dump's parts are out of order: reading them would decompress the file from its start more than 16 times"))
    }

    @Test func aTruncatedGzipCoreStopsWithALocatedError() throws {
        let path = try Self.gzip(try Self.write(Self.elf(Self.loads), "gz-cut.elf"))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let cut = try Self.write(Array(bytes.prefix(bytes.count / 2)), "gz-cut.elf.gz")
        let memory = try #require(try MemoryImage.open(path: cut, name: "cut.gz"))
        let error = try #require(throws: InspectError.self) { _ = try Scanner.scan(memory) }
        #expect(error.location?.file == "cut.gz")
    }

    @Test func nonDumpsAreNotRecognisedUnlessRawIsAsked() throws {
        #expect(try MemoryImage.open(path: Cores.path("samples/vmcb-npf.kvm.log")) == nil)
        #expect(MemoryImage.recognise(path: Cores.path("samples/vmcb-npf.bin")) == nil)
        #expect(MemoryImage.recognise(path: Cores.path("samples/cores/core.elf.gz")) == "gzip-compressed ELF core")
        let raw = try #require(try MemoryImage.open(path: Cores.path("samples/vmcb-npf.bin"), rawFallback: true))
        #expect(try raw.page(at: 0) == Cores.bytes("samples/vmcb-npf.bin"))
    }
}
