import Testing

@testable import VMCSInspect

/// A source that never ends: `byte` for ever, `chunk` bytes a read; counts what it gave.
final class EndlessSource: ByteSource {
    let name = "endless"
    let byte: UInt8
    private(set) var given = 0

    init(_ byte: UInt8) {
        self.byte = byte
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        for index in buffer.indices { buffer[index] = byte }
        given += buffer.count
        return buffer.count
    }
}

/// The line scanner hands out the same lines whatever the size of the chunks it reads, cuts
/// every line longer than 64 KiB at 64 KiB, and stops on a line with no end.
@Suite struct LineScannerTests {
    static func lines(_ bytes: [UInt8], chunkSize: Int) throws -> [(number: Int, text: String, truncated: Bool)] {
        var out: [(Int, String, Bool)] = []
        try LineScanner(MemorySource(bytes, name: "t"), chunkSize: chunkSize).run { line in
            out.append((line.number, line.string, line.truncated))
            return .next
        }
        return out
    }

    @Test(arguments: [16, 100, 4096, 1 << 16, 1 << 20])
    func linesDoNotDependOnChunks(chunkSize: Int) throws {
        let long = String(repeating: "a", count: 70_000)
        let exact = String(repeating: "b", count: LineScanner.maximumLineLength)
        let text = "first\r\n\(long)\nmiddle\n\(exact)\r\nlast"
        let read = try Self.lines(Array(text.utf8), chunkSize: chunkSize)
        #expect(read.map(\.number) == [1, 2, 3, 4, 5])
        #expect(read.map(\.text) == ["first", String(long.prefix(LineScanner.maximumLineLength)), "middle", exact, "last"])
        // A line of exactly 64 KiB is whole; one a byte longer is not.
        #expect(read.map(\.truncated) == [false, true, false, false, false])
    }

    @Test func oldMacLineEndsSplitAtCR() throws {
        let read = try Self.lines(Array("a\rb\rc".utf8), chunkSize: 16)
        #expect(read.map(\.text) == ["a", "b", "c"])
    }

    @Test func skippingCountsEveryLine() throws {
        let text = "one\ntwo kvm_amd:\nthree\n" + String(repeating: "z", count: 100_000) + "\nfour kvm_amd: x\n"
        let scanner = LineScanner(MemorySource(Array(text.utf8), name: "t"), chunkSize: 64)
        var found: [Int] = []
        let markers = MarkerSet(["kvm_amd:"])
        while let line = try scanner.next(.skip(markers)) { found.append(line.number) }
        #expect(found == [2, 5])
        #expect(scanner.lineCount == 5)
        #expect(scanner.byteCount == text.utf8.count)
    }

    /// A line with no end (`/dev/zero` read as text, an endless pipe) stops after 64 MiB with
    /// an error naming the line, having read no more than that and a chunk.
    @Test func anEndlessLineStops() throws {
        let source = EndlessSource(UInt8(ascii: "x"))
        let scanner = LineScanner(source)
        let error = try #require(throws: InspectError.self) {
            while try scanner.next(.next) != nil {}
        }
        #expect(error.location == .line("endless", 1))
        #expect(error.message == "this line runs on for more than 64 MiB without a line end: the input is not text")
        #expect(source.given <= LineScanner.endlessLineLength + 2 * LineScanner.chunkSize)
    }
}
