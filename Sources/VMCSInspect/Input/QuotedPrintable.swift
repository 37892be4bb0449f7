/// Mail archives and "view source" copies of list posts carry text in quoted-printable
/// transfer encoding (RFC 2045 section 6.7): `=` is written `=3D`, a non-breaking space
/// `=C2=A0`, and long lines are split by soft breaks (`=` at the end of a line). Dumps pasted
/// from there arrive as `CR0: actual=3D0x0000000080050031,` and must be decoded before reading.
enum QuotedPrintable {
    /// True when a text's head is quoted-printable: it holds `=3D` at least twice where a
    /// producer would print `=` (after a letter, digit or space, before a value), and its
    /// lines keep to the encoding's 76 columns or some end in a soft break. Dumps print hex in
    /// lower case, so an upper-case `=3D` is the encoding, not a value.
    static func isEncoded(_ head: HeadSample) -> Bool {
        var encoded = 0
        var softBreaks = 0
        var long = 0
        for raw in head.raw {
            let bytes = Array(raw.utf8)
            if bytes.count > 78 { long += 1 }
            if bytes.last == UInt8(ascii: "=") || bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: "=") && bytes.last == 0x0d {
                softBreaks += 1
            }
            var index = 1
            while index + 3 < bytes.count {
                if bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "3"), bytes[index + 2] == UInt8(ascii: "D") {
                    let before = bytes[index - 1]
                    let after = bytes[index + 3]
                    if before.isLetter || before.isDigit || before == 0x20, after.isHexDigit || after == 0x20 || after == UInt8(ascii: "-") {
                        encoded += 1
                    }
                }
                index += 1
            }
        }
        return encoded >= 2 && (softBreaks > 0 || long == 0)
    }

    static func upperHexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        default: return nil
        }
    }
}

/// The decoded bytes of quoted-printable text, as they are read: soft line breaks removed,
/// `=XX` (upper-case hex) replaced by the byte it stands for, everything else kept.
final class QuotedPrintableSource: ByteSource {
    let base: any ByteSource
    var name: String { base.name }
    private var input: [UInt8] = []
    private var inputStart = 0
    private var baseEnded = false

    init(_ base: any ByteSource) {
        self.base = base
    }

    /// Reads more input; the bytes not yet decoded stay in front.
    private func fill() throws {
        if inputStart > 0 {
            input.removeFirst(inputStart)
            inputStart = 0
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = try chunk.withUnsafeMutableBytes { try base.read(into: $0) }
        if count == 0 { baseEnded = true } else { input.append(contentsOf: chunk[0..<count]) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written == 0 {
            // An escape needs up to three bytes, a soft break with blanks a few more.
            if input.count - inputStart < 80, !baseEnded { try fill() }
            if inputStart >= input.count { return 0 }
            while written < buffer.count, inputStart < input.count {
                let byte = input[inputStart]
                guard byte == UInt8(ascii: "=") else {
                    buffer[written] = byte
                    written += 1
                    inputStart += 1
                    continue
                }
                if input.count - inputStart < 80, !baseEnded { break }
                // A soft break: `=`, optional trailing blanks, then CRLF or LF.
                var end = inputStart + 1
                while end < input.count, input[end] == 0x20 || input[end] == 0x09 { end += 1 }
                if end < input.count, input[end] == 0x0a {
                    inputStart = end + 1
                    continue
                }
                if end + 1 < input.count, input[end] == 0x0d, input[end + 1] == 0x0a {
                    inputStart = end + 2
                    continue
                }
                if inputStart + 2 < input.count, let high = QuotedPrintable.upperHexValue(input[inputStart + 1]),
                    let low = QuotedPrintable.upperHexValue(input[inputStart + 2])
                {
                    buffer[written] = high << 4 | low
                    written += 1
                    inputStart += 3
                    continue
                }
                buffer[written] = byte
                written += 1
                inputStart += 1
            }
        }
        return written
    }
}
