/// Reads hex dumps of memory back into bytes: xxd, hexdump -C, od, gdb x/, crash rd and
/// plain hex. Addresses may start anywhere; `*` lines (repeated lines folded by hexdump and od)
/// are expanded; word columns are turned back into bytes in little-endian order.
public struct HexdumpReader: Sendable {
    public let format: InputFormat
    public let name: String

    public init(format: InputFormat, name: String) {
        self.format = format
        self.name = name
    }

    /// One line of dump, parsed.
    struct DataLine {
        let number: Int
        let address: String?
        let bytes: [UInt8]
    }

    enum Parsed {
        case data(DataLine)
        case repeatMarker(Int)
        case endAddress(Int, String)
        case other
    }

    /// The bytes of the dump, in address order, with warnings for lines it passed over.
    public func read(_ text: String) throws -> (bytes: [UInt8], warnings: [InputWarning], lastLine: Int) {
        var parsed: [Parsed] = []
        var firstError: InspectError?
        let lines = LogLine.lines(of: text)
        for line in lines {
            do {
                parsed.append(try parse(line))
            } catch let error as InspectError {
                if firstError == nil { firstError = error }
                parsed.append(.other)
            }
        }
        guard let firstData = parsed.firstIndex(where: { if case .data = $0 { return true } else { return false } }) else {
            if let firstError { throw firstError }
            throw InspectError(SourceLocation(file: name), "no \(format.rawValue) dump lines found")
        }
        let lastData = parsed.lastIndex(where: { if case .data = $0 { return true } else { return false } }) ?? firstData
        var warnings: [InputWarning] = []
        var body: [Parsed] = []
        for (index, item) in parsed.enumerated() {
            guard case .other = item else {
                body.append(item)
                continue
            }
            let lineNumber = index + 1
            if index > firstData && index < lastData {
                if let firstError, firstError.location == .line(name, lineNumber) { throw firstError }
                throw InspectError(.line(name, lineNumber), "expected a \(format.rawValue) dump line, found text that is not one")
            }
            if lines.indices.contains(index), !lines[index].content.isEmpty {
                warnings.append(InputWarning(.line(name, lineNumber), "not part of the \(format.rawValue) dump; ignored"))
            }
        }
        return (try assemble(body), warnings, lastData + 1)
    }

    // MARK: Line parsing

    func parse(_ line: LogLine) throws -> Parsed {
        var content = Substring(line.content)
        if content.isEmpty { return .other }
        if content == "*" { return .repeatMarker(line.number) }
        for prompt in ["(gdb) ", "crash> ", "$ ", "# "] where content.hasPrefix(prompt) {
            return .other
        }
        content = stripASCIIColumn(content)
        switch format {
        case .hex: return try parseWords(Substring(content), address: nil, line: line)
        case .xxd, .gdb, .crash: return try parseColonAddressed(content, line: line)
        case .hexdump, .od: return try parseLeadingAddress(content, line: line)
        case .raw, .kvm, .xen, .fields, .json, .bhyvectl: return .other
        }
    }

    /// Removes `|...|` (hexdump -C) and `>...<` (od -z) columns, and for xxd and crash the text
    /// after the run of spaces that separates the hex from the characters.
    func stripASCIIColumn(_ content: Substring) -> Substring {
        var text = content
        if text.last == "|", let open = text.dropLast().firstIndex(of: "|") {
            text = text[text.startIndex..<open]
        } else if text.last == "<", let open = text.dropLast().lastIndex(of: ">") {
            text = text[text.startIndex..<open]
        }
        if format == .xxd || format == .crash {
            // The character column follows the hex after two or more spaces; the address and
            // its colon come before the hex, so search after the colon.
            let start = text.firstIndex(of: ":").map { text.index(after: $0) } ?? text.startIndex
            var afterAddress = text[start...].trimmingLeadingSpaces()
            if let gap = Text.find("  ", in: afterAddress) {
                afterAddress = afterAddress[afterAddress.startIndex..<gap.lowerBound]
            }
            text = text[text.startIndex..<start] + afterAddress
        }
        return text.trimmingSpaces()
    }

    /// `ADDRESS: words` (xxd, crash) and `0xADDRESS <symbol+off>: words` (gdb).
    func parseColonAddressed(_ content: Substring, line: LogLine) throws -> Parsed {
        guard let colon = content.firstIndex(of: ":") else { return .other }
        var head = content[content.startIndex..<colon].trimmingSpaces()
        if let symbol = head.firstIndex(of: "<") { head = head[head.startIndex..<symbol].trimmingSpaces() }
        guard NumberText.hex(head) != nil else { return .other }
        if format == .gdb, !head.lowercased().hasPrefix("0x") { return .other }
        let rest = content[content.index(after: colon)...]
        if rest.trimmingSpaces().isEmpty { return .other }
        return try parseWords(rest, address: String(head), line: line)
    }

    /// `ADDRESS words` with no colon (od, hexdump); an address alone ends the dump.
    func parseLeadingAddress(_ content: Substring, line: LogLine) throws -> Parsed {
        let tokens = content.split(separator: " ")
        guard let first = tokens.first, first.allSatisfy(\.isHexDigit) else { return .other }
        if tokens.count == 1 { return .endAddress(line.number, String(first)) }
        return try parseWords(content.dropFirst(first.count), address: String(first), line: line)
    }

    /// Hex words of one width; bytes in memory order for byte columns and xxd's groups,
    /// little-endian for the word columns of od, hexdump -x, gdb and crash.
    func parseWords(_ text: Substring, address: String?, line: LogLine) throws -> Parsed {
        let cleaned = text.replacingOccurrences(of: ",", with: " ")
        var tokens = cleaned.split(separator: " ").map { token -> Substring in
            token.hasPrefix("0x") || token.hasPrefix("0X") ? token.dropFirst(2) : token
        }
        if format == .hex, tokens.count == 1, let only = tokens.first, only.count > 2 {
            // A run of hex with no spaces: split into bytes.
            guard only.count % 2 == 0 else {
                throw InspectError(.line(name, line.number), "expected hex bytes, found an odd number of hex digits")
            }
            var pairs: [Substring] = []
            var index = only.startIndex
            while index < only.endIndex {
                let next = only.index(index, offsetBy: 2)
                pairs.append(only[index..<next])
                index = next
            }
            tokens = pairs
        }
        guard let width = tokens.first?.count else { return .other }
        // A character column that lost its separating spaces in transit is the last token.
        if tokens.count > 1, format != .hex, let last = tokens.last,
            last.count != width || !last.allSatisfy(\.isHexDigit)
        {
            tokens.removeLast()
        }
        var bytes: [UInt8] = []
        for token in tokens {
            guard token.allSatisfy(\.isHexDigit) else {
                throw InspectError(.line(name, line.number), "expected hex digits, found '\(token.prefix(24))'")
            }
            guard token.count == width, width % 2 == 0, width <= 16 else {
                throw InspectError(.line(name, line.number), "expected \(width)-digit hex words, found '\(token.prefix(24))'")
            }
            guard let value = UInt64(token, radix: 16) else {
                throw InspectError(.line(name, line.number), "expected hex digits, found '\(token.prefix(24))'")
            }
            let count = width / 2
            let littleEndian = count > 1 && format != .xxd && format != .hex && format != .hexdump
            for i in 0..<count {
                let shift = littleEndian ? 8 * i : 8 * (count - 1 - i)
                bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
            }
        }
        return .data(DataLine(number: line.number, address: address, bytes: bytes))
    }

    // MARK: Assembly

    /// Puts lines together by address, expanding `*` runs; checks the addresses agree.
    func assemble(_ items: [Parsed]) throws -> [UInt8] {
        let addressed = items.contains { if case .data(let line) = $0 { return line.address != nil } else { return false } }
        guard addressed else {
            var bytes: [UInt8] = []
            for case .data(let line) in items { bytes += line.bytes }
            return bytes
        }
        let radix = addressRadix(items)
        var bytes: [UInt8] = []
        var base: UInt64?
        var previous: [UInt8] = []
        var pendingRepeat = false
        func offset(of address: String, line: Int) throws -> Int {
            let digits = address.hasPrefix("0x") || address.hasPrefix("0X") ? String(address.dropFirst(2)) : address
            guard let value = UInt64(digits, radix: radix) else {
                throw InspectError(.line(name, line), "expected an address, found '\(address.prefix(24))'")
            }
            if base == nil { base = value }
            guard let start = base, value >= start, value - start <= UInt64(HexdumpReader.maximumBytes) else {
                throw InspectError(.line(name, line), "address \(address) is out of order")
            }
            return Int(value - start)
        }
        for item in items {
            switch item {
            case .data(let line):
                guard let address = line.address else {
                    throw InspectError(.line(name, line.number), "expected an address at the start of the line")
                }
                let at = try offset(of: address, line: line.number)
                if pendingRepeat {
                    try fillRepeats(&bytes, with: previous, upTo: at, line: line.number)
                    pendingRepeat = false
                }
                guard at == bytes.count else {
                    let what = at > bytes.count ? "a gap" : "an overlap"
                    throw InspectError(
                        .line(name, line.number),
                        "address \(address) leaves \(what): expected offset 0x\(String(bytes.count, radix: 16)), found 0x\(String(at, radix: 16))"
                    )
                }
                bytes += line.bytes
                previous = line.bytes
                guard bytes.count <= HexdumpReader.maximumBytes else {
                    throw InspectError(.line(name, line.number), "dump is larger than \(HexdumpReader.maximumBytes) bytes")
                }
            case .repeatMarker(let number):
                guard !previous.isEmpty else { throw InspectError(.line(name, number), "'*' before any dump line") }
                pendingRepeat = true
            case .endAddress(let number, let address):
                let end = try offset(of: address, line: number)
                if pendingRepeat {
                    try fillRepeats(&bytes, with: previous, upTo: end, line: number)
                    pendingRepeat = false
                }
                guard end == bytes.count else {
                    throw InspectError(.line(name, number), "final address \(address) does not match the \(bytes.count) bytes read")
                }
            case .other:
                continue
            }
        }
        return bytes
    }

    static let maximumBytes = 64 << 20

    func fillRepeats(_ bytes: inout [UInt8], with line: [UInt8], upTo end: Int, line number: Int) throws {
        let gap = end - bytes.count
        guard !line.isEmpty, gap >= 0, gap % line.count == 0, end <= HexdumpReader.maximumBytes else {
            throw InspectError(.line(name, number), "'*' repeat does not fill whole lines up to this address")
        }
        for _ in 0..<(gap / line.count) { bytes += line }
    }

    /// xxd, gdb and crash print hex addresses; od prints octal by default and hexdump hex, so
    /// for those the radix is the one under which every address follows from the line before.
    func addressRadix(_ items: [Parsed]) -> Int {
        guard format == .od || format == .hexdump else { return 16 }
        for radix in [16, 8, 10] where consistent(items, radix: radix) {
            return radix
        }
        // No radix fits every line: take the tool's usual one and let assembly name the line.
        let octalDigits = items.allSatisfy { item in
            guard case .data(let line) = item, let address = line.address else { return true }
            return address.allSatisfy { ("0"..."7").contains($0) }
        }
        return format == .od && octalDigits ? 8 : 16
    }

    func consistent(_ items: [Parsed], radix: Int) -> Bool {
        var expected: UInt64?
        var lineLength: UInt64 = 0
        var afterRepeat = false
        for item in items {
            var address: String?
            var length: UInt64 = 0
            switch item {
            case .data(let line):
                address = line.address
                length = UInt64(line.bytes.count)
            case .endAddress(_, let end): address = end
            case .repeatMarker:
                afterRepeat = true
                continue
            case .other: continue
            }
            guard let text = address, let value = UInt64(text, radix: radix) else { return false }
            if let expected {
                if afterRepeat {
                    guard value >= expected, lineLength > 0, (value - expected) % lineLength == 0 else { return false }
                } else if value != expected {
                    return false
                }
            }
            afterRepeat = false
            expected = value &+ length
            if length > 0 { lineLength = length }
        }
        return true
    }
}
