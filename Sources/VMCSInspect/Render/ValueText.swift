/// How much of each field's bits to list beneath it.
public enum BitDetail: String, Sendable, CaseIterable {
    /// Only the one-line summary.
    case none
    /// Set flags and non-zero sub-fields, one per line.
    case set
    /// Every row of the table.
    case all
}

/// How the text renderer writes: colour and width. Only the executable looks at the terminal
/// to choose them; what is shown is the command's business, not the renderer's.
public struct RenderOptions: Sendable {
    /// ANSI colour and bold.
    public var color: Bool
    /// The column at which summaries wrap.
    public var width: Int

    /// Options for plain text `width` columns wide.
    public init(color: Bool = false, width: Int = 100) {
        self.color = color
        self.width = width
    }

    /// The text in the ANSI style `code` when colour is on, as it is otherwise.
    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}

/// Words for values, shared by every renderer.
public enum ValueText {
    /// `0x` and the value in the field's full width.
    public static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// `0x` and the value's significant digits.
    public static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    /// Small numbers in decimal, others in hex.
    public static func number(_ value: UInt64) -> String { value < 10 ? String(value) : hex(value) }

    /// Bytes as spaced hex pairs, in memory order.
    public static func bytes(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined(separator: " ")
    }

    /// The field's value as text: fixed-width hex, or spaced bytes.
    public static func value(_ field: DecodedField) -> String { value(field.value, of: field.definition) }

    /// A value of `definition` as text: fixed-width hex, or spaced bytes.
    public static func value(_ value: FieldValue, of definition: FieldDefinition) -> String {
        switch value {
        case .integer(let word): return hex(word, digits: definition.hexDigits)
        case .bytes(let bytes): return self.bytes(bytes)
        }
    }

    /// One bit row as a word: `LME`, `TYPE=IN`, `PORT=0x3f8`, `!RSVD[63:32]=0x1`; a row
    /// resting on bits the input lacks is not named (`TYPE=0xb (bit 4 not in the input)`),
    /// and a flag the input lacks is not shown.
    public static func word(_ bit: DecodedBit, whole: Bool = false) -> String? {
        let name = bit.definition.name
        let unsure = bit.missingSuffix
        switch bit.definition.kind {
        case .flag:
            return bit.isSet && bit.unknownBits == 0 ? name + unsure : nil
        case .enumerated:
            if bit.isWhollyUnknown { return nil }
            let text = bit.valueName ?? (bit.isUncertain ? hex(bit.value) + unsure : "\(hex(bit.value)) (unknown)")
            return whole ? text : "\(name)=\(text)"
        case .number:
            return bit.isSet ? "\(name)=\(number(bit.value))" + unsure : nil
        case .address:
            return bit.isSet ? "\(name)=\(hex(bit.value))" + unsure : nil
        case .reserved:
            return bit.violatesReservation ? "!\(name)[\(bit.definition.range)]=\(hex(bit.value))" : nil
        }
    }

    /// The summary words of a field, in table order, then any unnamed set bits.
    public static func summary(_ field: DecodedField) -> [String] {
        if field.isWholeEnumeration, let bit = field.bits.first {
            return [word(bit, whole: true)].compactMap { $0 }
        }
        if field.isWholeNumber, let bit = field.bits.first {
            return ["(\(bit.value))"]
        }
        // An all-zero word has nothing set; naming the zero values of its sub-fields
        // (an invalid event "of type INTR") would only mislead.
        if field.isZero, !field.isDiscriminator { return [] }
        var words = field.bits.compactMap { word($0) }
        if field.unnamedBits != 0 { words.append("unnamed=\(hex(field.unnamedBits))") }
        return words
    }
}
