/// Text that came from an input, made safe to show on a terminal, and the width text takes there.
///
/// Inputs are pasted from anywhere: a line holding `ESC ]0;title BEL` or `ESC [2J` would retitle
/// or clear the terminal if it were echoed as it is. Every byte from an input (file names,
/// metadata, notes, warnings, the lines a producer printed) goes through `escaped` before the
/// text renderer or the executable writes it; the JSON renderer escapes the same characters as
/// `\u` sequences.
public enum PrintableText {
    /// True for the characters a terminal acts on rather than shows: C0 controls (tab and line
    /// feed included), DEL and the C1 controls U+0080 to U+009F (which some terminals take as
    /// ESC sequences when they arrive UTF-8 encoded).
    @inline(__always)
    public static func isControl(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7f...0x9f).contains(value)
    }

    /// The text with every control character written as `\xHH` (`\x1b` for ESC); other
    /// characters, including non-ASCII ones, as they are.
    public static func escaped(_ text: String) -> String {
        // Most text is plain ASCII: leave it as it is without building a copy.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if isControl(scalar.value) {
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The number of columns text takes on a terminal: characters, not counting ANSI CSI
    /// sequences (`ESC [ … final byte`) that only change how the characters look.
    public static func visibleWidth(_ text: String) -> Int {
        guard text.utf8.contains(0x1b) else { return text.count }
        var count = 0
        var inSequence = false
        var afterEscape = false
        for scalar in text.unicodeScalars {
            if afterEscape {
                afterEscape = false
                if scalar == "[" {
                    inSequence = true
                    continue
                }
            }
            if inSequence {
                // Parameters and intermediates are 0x20–0x3f; the final byte is 0x40–0x7e.
                if (0x40...0x7e).contains(scalar.value) { inSequence = false }
                continue
            }
            if scalar.value == 0x1b {
                afterEscape = true
                continue
            }
            count += 1
        }
        return count
    }
}

extension String {
    /// The string padded with spaces to `width` characters (never cut).
    public func padded(to width: Int) -> String {
        let count = self.count
        return count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The string right-aligned in `width` characters (never cut).
    func leftPadded(to width: Int) -> String {
        let count = self.count
        return count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// The string cut to `limit` characters, with `…` when it was longer: for input quoted in
    /// messages (the renderer escapes what it must).
    func clipped(_ limit: Int) -> String {
        var index = startIndex
        for _ in 0..<limit {
            guard index != endIndex else { return self }
            index = self.index(after: index)
        }
        return index == endIndex ? self : String(self[startIndex..<index]) + "…"
    }

    /// The string without the spaces it ends with.
    func trimmingTrailingSpaces() -> String {
        String(Substring(self).droppingLast { $0 == " " })
    }
}
