/// Writes JSON text as it goes, with stable key order (the order of the calls), pretty-printed
/// two spaces a level or on one line (JSON Lines). A container opened `compact` stays on one line
/// inside a pretty document (a bit row, a pair).
struct JSONWriter {
    /// The text written so far; the renderer takes it and empties it after each node.
    var out = ""
    /// False for JSON Lines: everything on one line.
    let pretty: Bool

    private struct Level {
        var compact: Bool
        var count = 0
    }

    private var levels: [Level] = []
    private var afterKey = false

    init(pretty: Bool) {
        self.pretty = pretty
        out.reserveCapacity(1 << 14)
    }

    private var compactHere: Bool { !pretty || (levels.last?.compact ?? false) }

    /// The comma and line break (or space) before an element of the open container.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let index = levels.indices.last else { return }
        if levels[index].count > 0 { out += "," }
        if compactHere {
            if levels[index].count > 0 { out += " " }
        } else {
            out += "\n"
            indent(levels.count)
        }
        levels[index].count += 1
    }

    private mutating func indent(_ depth: Int) {
        for _ in 0..<depth { out += "  " }
    }

    mutating func beginObject(compact: Bool = false) {
        separate()
        out += "{"
        levels.append(Level(compact: compact || compactHere))
    }

    mutating func endObject() { close("}") }

    mutating func beginArray(compact: Bool = false) {
        separate()
        out += "["
        levels.append(Level(compact: compact || compactHere))
    }

    mutating func endArray() { close("]") }

    private mutating func close(_ bracket: String) {
        guard let level = levels.popLast() else { return }
        if !level.compact, level.count > 0 {
            out += "\n"
            indent(levels.count)
        }
        out += bracket
    }

    /// A key of the open object; the next call writes its value.
    mutating func key(_ name: String) {
        separate()
        Self.appendString(name, to: &out)
        out += ": "
        afterKey = true
    }

    mutating func string(_ text: String) {
        separate()
        Self.appendString(text, to: &out)
    }

    mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    mutating func int(_ value: Int) {
        separate()
        out += String(value)
    }

    mutating func bool(_ value: Bool) {
        separate()
        out += value ? "true" : "false"
    }

    mutating func null() {
        separate()
        out += "null"
    }

    /// `"0x…"` with exactly `digits` hex digits: how every 64-bit value is written (JSON numbers
    /// lose precision above 2^53).
    mutating func hex(_ value: UInt64, digits: Int) {
        separate()
        out += "\""
        out += ValueText.hex(value, digits: digits)
        out += "\""
    }

    /// Shorthands for a key and its value.
    mutating func member(_ name: String, _ text: String) {
        key(name)
        string(text)
    }

    mutating func member(_ name: String, _ text: String?) {
        key(name)
        string(text)
    }

    mutating func member(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    mutating func member(_ name: String, hex value: UInt64, digits: Int) {
        key(name)
        hex(value, digits: digits)
    }

    /// An array of strings on one line.
    mutating func member(_ name: String, strings: [String]) {
        key(name)
        beginArray(compact: true)
        for item in strings { string(item) }
        endArray()
    }

    /// A JSON string literal, escaping what JSON requires and every other control character
    /// (DEL and C1 too), so no byte from an input reaches a terminal that shows the JSON raw.
    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        // Most strings need no escape: checked on the bytes in place when the string has them.
        let isPlain: (UInt8) -> Bool = { $0 >= 0x20 && $0 < 0x7f && $0 != 0x22 && $0 != 0x5c }
        if text.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(isPlain) }) ?? text.utf8.allSatisfy(isPlain) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if PrintableText.isControl(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
