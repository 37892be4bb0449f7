/// Mail archives and "view source" copies of list posts carry text in quoted-printable
/// transfer encoding (RFC 2045 section 6.7): `=` is written `=3D`, a non-breaking space
/// `=C2=A0`, and long lines are split by soft breaks (`=` at the end of a line). Dumps pasted
/// from there arrive as `CR0: actual=3D0x0000000080050031,` and must be decoded before reading.
enum QuotedPrintable {
    /// True when the text is quoted-printable: it is text (no NUL or stray control bytes) and
    /// holds `=3D` at least twice. Dumps print hex in lower case, so an upper-case `=3D` is the
    /// encoding, not a value.
    static func isEncoded(_ bytes: [UInt8]) -> Bool {
        var count = 0
        var index = 0
        while index + 2 < bytes.count {
            let byte = bytes[index]
            if byte == 0 || (byte < 0x20 && byte != 0x09 && byte != 0x0a && byte != 0x0d && byte != 0x0c) { return false }
            if byte == 0x3d, bytes[index + 1] == 0x33, bytes[index + 2] == 0x44 {
                count += 1
                if count >= 2 { return true }
            }
            index += 1
        }
        return false
    }

    /// The decoded bytes: soft line breaks removed, `=XX` (upper-case hex) replaced by the byte
    /// it stands for, everything else kept as it is.
    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x3d else {
                out.append(byte)
                index += 1
                continue
            }
            // A soft break: `=`, optional trailing blanks, then CRLF or LF.
            var end = index + 1
            while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
            if end < bytes.count, bytes[end] == 0x0a {
                index = end + 1
                continue
            }
            if end + 1 < bytes.count, bytes[end] == 0x0d, bytes[end + 1] == 0x0a {
                index = end + 2
                continue
            }
            if index + 2 < bytes.count, let high = upperHexValue(bytes[index + 1]), let low = upperHexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
                continue
            }
            out.append(byte)
            index += 1
        }
        return out
    }

    static func upperHexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        default: return nil
        }
    }
}
