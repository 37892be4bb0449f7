/// Mail archives and "view source" copies of list posts carry text in quoted-printable
/// transfer encoding (RFC 2045 section 6.7): `=` is written `=3D`, a non-breaking space
/// `=C2=A0`, and long lines are split by soft breaks (`=` at the end of a line). Dumps pasted
/// from there arrive as `CR0: actual=3D0x0000000080050031,` and must be decoded before reading.
enum QuotedPrintable {
    /// True when a text's head is quoted-printable: it holds the encoding's escapes (`=3D` where
    /// a producer prints `=`, runs of `=20` for trailing spaces, `=C2=A0` and other UTF-8
    /// sequences) and its lines keep to the encoding's 76 columns or end in soft breaks. Dumps
    /// print hex in lower case, so an upper-case `=3D` is the encoding, not a value.
    static func isEncoded(_ head: HeadSample) -> Bool {
        var escapes = 0
        var softBreaks = 0
        var long = 0
        for raw in head.raw {
            let bytes = Array(raw.utf8)
            if bytes.count > 78 { long += 1 }
            if bytes.last == UInt8(ascii: "=") || bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: "=") && bytes.last == 0x0d {
                softBreaks += 1
            }
            var index = 0
            while index + 2 < bytes.count {
                if bytes[index] == UInt8(ascii: "="), let high = upperHexValue(bytes[index + 1]), let low = upperHexValue(bytes[index + 2]) {
                    let byte = high << 4 | low
                    let next = index + 3 < bytes.count ? bytes[index + 3] : nil
                    let nextIsHex = next.map { upperHexValue($0) != nil || ($0 >= 0x61 && $0 <= 0x66) } ?? false
                    // What only the encoding writes: `=3D` (producers print hex in lower case),
                    // `=20`/`=09` not followed by a hex digit (a value such as `RSP=20000000`
                    // is not), and a UTF-8 lead byte followed by a continuation byte (`=C2=A0`).
                    if byte == 0x3d {
                        escapes += 1
                    } else if (byte == 0x20 || byte == 0x09) && !nextIsHex {
                        escapes += 1
                    } else if byte >= 0xc2, byte <= 0xf4, index + 5 < bytes.count, bytes[index + 3] == UInt8(ascii: "="),
                        let high2 = upperHexValue(bytes[index + 4]), high2 >= 8, high2 <= 0xb
                    {
                        escapes += 1
                    }
                    index += 3
                    continue
                }
                index += 1
            }
        }
        return escapes >= 3 && (softBreaks > 0 || long == 0)
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
