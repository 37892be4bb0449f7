import Testing

@testable import VMCSInspect

/// Round trips: bytes → a dump written here the way each tool prints it → bytes.
@Suite struct HexdumpReaderTests {
    static func hex(_ value: UInt64, _ digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    static func oct(_ value: Int, _ digits: Int) -> String {
        let text = String(value, radix: 8)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    static func word(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
    }

    /// A page with a zero run in the middle (so `*` lines appear) and varied bytes elsewhere.
    static let page: [UInt8] = (0..<4096).map { index in
        (1024..<3072).contains(index) ? 0 : UInt8(truncatingIfNeeded: index &* 37 &+ 11)
    }

    static func lines(_ bytes: [UInt8], width: Int) -> [(Int, ArraySlice<UInt8>)] {
        stride(from: 0, to: bytes.count, by: width).map { ($0, bytes[$0..<min($0 + width, bytes.count)]) }
    }

    /// Folds identical consecutive lines into `*` as hexdump and od do.
    static func folded(_ bytes: [UInt8], width: Int, line: (Int, ArraySlice<UInt8>) -> String, end: String) -> String {
        var out: [String] = []
        var previous: ArraySlice<UInt8>?
        var starred = false
        for (offset, chunk) in lines(bytes, width: width) {
            if let previous, previous == chunk {
                if !starred { out.append("*") }
                starred = true
                continue
            }
            starred = false
            previous = chunk
            out.append(line(offset, chunk))
        }
        out.append(end)
        return out.joined(separator: "\n") + "\n"
    }

    static func xxd(_ bytes: [UInt8]) -> String {
        lines(bytes, width: 16).map { offset, chunk in
            let groups = stride(from: chunk.startIndex, to: chunk.endIndex, by: 2).map { i in
                chunk[i..<min(i + 2, chunk.endIndex)].map { hex(UInt64($0), 2) }.joined()
            }
            return "\(hex(UInt64(offset), 8)): \(groups.joined(separator: " "))  ................"
        }.joined(separator: "\n") + "\n"
    }

    static func hexdumpC(_ bytes: [UInt8], base: Int = 0) -> String {
        folded(
            bytes, width: 16,
            line: { offset, chunk in
                let cells = chunk.map { hex(UInt64($0), 2) }
                return
                    "\(hex(UInt64(base + offset), 8))  \(cells[0..<8].joined(separator: " "))  \(cells[8...].joined(separator: " "))  |................|"
            }, end: hex(UInt64(base + bytes.count), 8))
    }

    static func odOctalX8(_ bytes: [UInt8]) -> String {
        folded(
            bytes, width: 16,
            line: { offset, chunk in
                let words = stride(from: chunk.startIndex, to: chunk.endIndex, by: 8).map { hex(word(chunk[$0..<($0 + 8)]), 16) }
                return "\(oct(offset, 7)) \(words.joined(separator: " "))"
            }, end: oct(bytes.count, 7))
    }

    static func odHexX1z(_ bytes: [UInt8]) -> String {
        folded(
            bytes, width: 16,
            line: { offset, chunk in
                "\(hex(UInt64(offset), 6)) \(chunk.map { hex(UInt64($0), 2) }.joined(separator: " "))  >................<"
            }, end: hex(UInt64(bytes.count), 6))
    }

    static func gdb(_ bytes: [UInt8], base: UInt64) -> String {
        lines(bytes, width: 16).map { offset, chunk in
            let words = stride(from: chunk.startIndex, to: chunk.endIndex, by: 8).map { "0x" + hex(word(chunk[$0..<($0 + 8)]), 16) }
            return "0x\(hex(base + UInt64(offset), 16)) <vmcb_page+\(offset)>:\t\(words.joined(separator: "\t"))"
        }.joined(separator: "\n") + "\n"
    }

    static func crash(_ bytes: [UInt8], base: UInt64) -> String {
        "crash> rd -64 ffff88810a3f4000 512\n"
            + lines(bytes, width: 16).map { offset, chunk in
                let words = stride(from: chunk.startIndex, to: chunk.endIndex, by: 8).map { hex(word(chunk[$0..<($0 + 8)]), 16) }
                return "\(hex(base + UInt64(offset), 16)):  \(words.joined(separator: " "))   ................"
            }.joined(separator: "\n") + "\n"
    }

    /// gdb `x/wx` and crash `rd -32`: four 32-bit little-endian words a line.
    static func words32(_ bytes: [UInt8], base: UInt64, gdbStyle: Bool) -> String {
        lines(bytes, width: 16).map { offset, chunk in
            let words = stride(from: chunk.startIndex, to: chunk.endIndex, by: 4).map {
                (gdbStyle ? "0x" : "") + hex(word(chunk[$0..<($0 + 4)]), 8)
            }
            let address = hex(base + UInt64(offset), 16)
            return gdbStyle
                ? "0x\(address):\t\(words.joined(separator: "\t"))" : "\(address):  \(words.joined(separator: " "))   ................"
        }.joined(separator: "\n") + "\n"
    }

    @Test func thirtyTwoBitWordDumps() throws {
        #expect(try roundTrip(Self.words32(Self.page, base: 0xffff_8881_0000_0000, gdbStyle: true), .gdb) == Self.page)
        #expect(try roundTrip(Self.words32(Self.page, base: 0xffff_8881_0000_0000, gdbStyle: false), .crash) == Self.page)
    }

    /// Mail clients turn spaces into no-break spaces (U+00A0). A line holding one is not read on
    /// its bytes but by the string parser, which must come to the same page, the byte order of
    /// od's, gdb's and crash's little-endian words included.
    @Test func linesWithNoBreakSpacesReadTheSamePage() throws {
        let base: UInt64 = 0xffff_8881_0a3f_4000
        let dumps: [(String, InputFormat)] = [
            (Self.xxd(Self.page), .xxd), (Self.hexdumpC(Self.page), .hexdump), (Self.odOctalX8(Self.page), .od),
            (Self.odHexX1z(Self.page), .od), (Self.gdb(Self.page, base: base), .gdb), (Self.crash(Self.page, base: base), .crash),
            (Self.words32(Self.page, base: base, gdbStyle: true), .gdb), (Self.words32(Self.page, base: base, gdbStyle: false), .crash),
        ]
        for (text, format) in dumps {
            let pasted = text.split(separator: "\n").map { $0.replacingOccurrences(of: " ", with: "\u{a0}") + "\u{a0}" }
                .joined(separator: "\n")
            #expect(try roundTrip(pasted, format) == Self.page, "\(format.rawValue)")
        }
    }

    func roundTrip(_ text: String, _ format: InputFormat) throws -> [UInt8] {
        try #require(try SnapshotReader.read(text, name: "dump", settings: InputSettings(format: format)).snapshots.first?.page)
    }

    /// Mail quotes, tabs, CRs, no-break spaces and byte-order marks come off a line; ASCII
    /// lines without tabs or CRs take a path of their own, so both paths are tried.
    @Test func linesAreCleanedOfQuotesAndSpaces() {
        let cases: [(String, String)] = [
            ("00000000: 0011 2233", "00000000: 0011 2233"),  // nothing to do: the line itself
            ("  > &gt; >00000000: 0011  ", "00000000: 0011"),
            ("&gt&gt; 0000", "&gt&gt; 0000"),  // `&gt` without its `;` is no quote
            ("> ", ""),
            ("&gt;", ""),
            ("   ", ""),
            ("", ""),
            ("> \t00000000:\t0011\r", "00000000: 0011"),
            ("\t> 0000", "> 0000"),  // quotes count only before anything else
            ("\u{FEFF}0000\u{00A0}0011\u{00A0}", "0000 0011"),
            ("> caf\u{E9} 00", "caf\u{E9} 00"),
        ]
        for (raw, clean) in cases { #expect(HexdumpReader.cleaned(raw) == clean, "\(raw.debugDescription)") }
    }

    /// A page at an `--offset` near 2^63 does not fit, as any page past the dump's end (its end
    /// was a sum that trapped).
    @Test func aPageAtTheEndOfTheNumbersDoesNotFit() throws {
        let text = Self.xxd(Self.page)
        for offset in [Int.max, Int.max - 4095, Int.max - 4096] {
            let error = try #require(throws: InspectError.self) {
                try SnapshotReader.read(text, name: "x", settings: InputSettings(format: .xxd, offset: offset))
            }
            #expect(error.message == "a 4096-byte page at offset 0x\(String(offset, radix: 16)) does not fit in the 4096 bytes the dump holds")
        }
    }

    /// A `*` line stands for copies of the line before it, up to the next address. With
    /// `--offset`, the copies before the page are counted and those that reach into it copied:
    /// 0xab bytes from 0 to 0x1100, then a line of 0x01 and zeros to 0x2000, read at 0x1000,
    /// start with 0x100 bytes of 0xab.
    @Test func repeatsThatReachIntoThePageAreCopied() throws {
        let bytes = [UInt8](repeating: 0xab, count: 0x1100) + [UInt8](repeating: 1, count: 16) + [UInt8](repeating: 0, count: 0xef0)
        let text = Self.hexdumpC(bytes)
        #expect(text.split(separator: "\n").count == 6)  // ab, *, 01, 00, *, end
        let page = try #require(
            try SnapshotReader.read(text, name: "x", settings: InputSettings(format: .hexdump, offset: 0x1000)).snapshots.first?.page)
        #expect(page == Array(bytes[0x1000..<0x2000]))
        #expect(Array(page.prefix(0x101)) == [UInt8](repeating: 0xab, count: 0x100) + [1])
    }

    /// A `*` must stand for whole lines: an address 8 bytes past a 16-byte line is refused.
    @Test func aRepeatOfPartOfALineIsRefused() throws {
        let text = "00000000  ab ab ab ab ab ab ab ab  ab ab ab ab ab ab ab ab  |................|\n*\n00000018\n"
        let error = try #require(throws: InspectError.self) {
            try SnapshotReader.read(text, name: "x", settings: InputSettings(format: .hexdump))
        }
        #expect(error.description == "x:3: '*' repeat does not fill whole lines up to this address")
    }

    @Test func xxdRoundTrip() throws {
        #expect(try roundTrip(Self.xxd(Self.page), .xxd) == Self.page)
        #expect(try SnapshotReader.detect(Array(Self.xxd(Self.page).utf8), name: "x") == .xxd)
    }

    @Test func hexdumpCanonicalRoundTripWithRepeatsAndAnyBase() throws {
        #expect(try roundTrip(Self.hexdumpC(Self.page), .hexdump) == Self.page)
        #expect(try roundTrip(Self.hexdumpC(Self.page, base: 0x1f_3a00_0000), .hexdump) == Self.page)
        #expect(try SnapshotReader.detect(Array(Self.hexdumpC(Self.page).utf8), name: "x") == .hexdump)
    }

    @Test func odRoundTrips() throws {
        #expect(try roundTrip(Self.odOctalX8(Self.page), .od) == Self.page)
        #expect(try roundTrip(Self.odHexX1z(Self.page), .od) == Self.page)
        #expect(try SnapshotReader.detect(Array(Self.odOctalX8(Self.page).utf8), name: "x") == .od)
    }

    @Test func gdbAndCrashRoundTrips() throws {
        #expect(try roundTrip(Self.gdb(Self.page, base: 0xffff_8881_0a3f_4000), .gdb) == Self.page)
        #expect(try roundTrip(Self.crash(Self.page, base: 0xffff_8881_0a3f_4000), .crash) == Self.page)
        #expect(try SnapshotReader.detect(Array(Self.gdb(Self.page, base: 0x1000).utf8), name: "x") == .gdb)
        #expect(try SnapshotReader.detect(Array(Self.crash(Self.page, base: 0x1000).utf8), name: "x") == .crash)
    }

    @Test func plainHexRoundTrips() throws {
        let spaced = Self.lines(Self.page, width: 32).map { $0.1.map { Self.hex(UInt64($0), 2) }.joined(separator: " ") }.joined(
            separator: "\n")
        #expect(try roundTrip(spaced, .hex) == Self.page)
        let run = Self.page.map { Self.hex(UInt64($0), 2) }.joined()
        #expect(try roundTrip(run, .hex) == Self.page)
    }

    @Test func quotedDumpStillReads() throws {
        let quoted = Self.xxd(Self.page).split(separator: "\n").map { "> " + $0 }.joined(separator: "\r\n")
        #expect(try roundTrip(quoted, .xxd) == Self.page)
    }

    @Test func badDumpsNameTheLine() {
        var lines = Self.xxd(Self.page).split(separator: "\n").map(String.init)
        lines[5] = "00000050: 0000 zz00 0000 0000 0000 0000 0000 0000  ................"
        #expect(throws: InspectError(.line("dump", 6), "expected hex digits, found 'zz00'")) {
            try roundTrip(lines.joined(separator: "\n"), .xxd)
        }
        var gap = Self.xxd(Self.page).split(separator: "\n").map(String.init)
        gap.remove(at: 3)
        #expect(throws: InspectError(.line("dump", 4), "expected address 00000030 after line 3, found 00000040: 16 bytes are missing")) {
            try roundTrip(gap.joined(separator: "\n"), .xxd)
        }
        var junk = Self.xxd(Self.page).split(separator: "\n").map(String.init)
        junk.insert("this is not a dump line", at: 10)
        #expect(throws: InspectError(.line("dump", 11), "expected an xxd line, found text that is not one")) {
            try roundTrip(junk.joined(separator: "\n"), .xxd)
        }
    }
}
