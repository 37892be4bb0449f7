import Foundation

/// A line of a pasted log with the decorations real pastes carry taken off: CR line ends,
/// non-breaking spaces, mail quoting (`> `, `>> `), record levels (`<4>`, `kern  :warn  : `,
/// `/dev/kmsg`'s `4,1234,5678,-;`), syslog and journal prefixes
/// (`Jan  1 00:00:00 host kernel: `), dmesg timestamps (`[  12.345678]`, `[Mon Jan  1 ...]`),
/// printk caller ids (`[T1234]`, `[C3]`) and a module prefix (`kvm_amd: `, `SVM: `).
public struct LogLine: Sendable, Equatable {
    /// 1-based line number in the input.
    public let number: Int
    /// What the producer printed, without decorations; leading and trailing spaces trimmed.
    public let content: String
    /// The timestamp the line carried, if any, as printed.
    public let timestamp: String?
    /// Whether a log decoration (timestamp, level, syslog or module prefix) came off: in a log whose
    /// lines are decorated, a line without is most likely the tail of the line before, wrapped by
    /// a mail client (before or after the quoting, so mail quotes do not count).
    public let decorated: Bool
    /// The line without its mail quotes, decorations kept: what wrapped tails are joined onto.
    let body: String

    public init(number: Int, raw: String, modulePrefixes: [String] = LogLine.kernelModulePrefixes) {
        self.number = number
        let normalized = LogLine.normalizeSpaces(raw)
        var text = LogLine.dropMailQuotes(Substring(normalized))
        let body = text
        self.body = String(body)
        var stamp: String?
        text = LogLine.dropLevelPrefix(text, timestamp: &stamp)
        // Xen's console prefix; its timestamp, if any, follows in brackets.
        if text.hasPrefix("(XEN)") { text = text.dropFirst(5).trimmingLeadingSpaces() }
        text = LogLine.dropSyslogPrefix(text, timestamp: &stamp)
        // dmesg timestamp, then printk caller id; either may come first in odd configurations.
        for _ in 0..<3 {
            let before = text
            text = LogLine.dropBracketed(text, timestamp: &stamp)
            text = LogLine.dropModulePrefix(text, prefixes: modulePrefixes)
            if text == before { break }
        }
        self.content = String(text.trimmingSpaces())
        self.timestamp = stamp
        // `text` lies within `body`: equal byte counts mean nothing came off (and count bytes, not
        // characters, on this hot path).
        self.decorated = stamp != nil || text.trimmingSpaces().utf8.count != body.trimmingSpaces().utf8.count
    }

    /// Lines with the tails that mail clients wrap onto undecorated lines of their own joined back
    /// on: after a decorated line, each following non-empty line without decorations is taken
    /// as its continuation (`CR4: actual=…,` + `shadow=…, gh_mask=…`). Logs without decorations
    /// are left as they are.
    public static func unwrapped(_ lines: [LogLine], continues: (LogLine) -> Bool = { _ in true }) -> [LogLine] {
        var result: [LogLine] = []
        result.reserveCapacity(lines.count)
        for line in lines {
            if !line.decorated, !line.content.isEmpty, let last = result.last, last.decorated, continues(line) {
                // Read again from the raw text: the wrap may have cut the decorations themselves.
                // Bodies have their tabs made spaces already.
                let head = Substring(last.body).trimmingSpaces()
                let tail = Substring(line.body).trimmingSpaces()
                result[result.count - 1] = LogLine(number: last.number, raw: head + " " + tail)
            } else {
                result.append(line)
            }
        }
        return result
    }

    /// Prefixes kernel code adds through pr_fmt, as they appear in the log.
    public static let kernelModulePrefixes = [
        "kvm_amd:", "kvm-amd:", "kvm_intel:", "kvm-intel:", "kvm:", "KVM:", "SVM:", "svm:", "VMX:", "vmx:",
    ]

    /// Splits text into lines on LF, CRLF or CR (working on bytes: logs run to millions of lines).
    public static func lines(of text: String) -> [LogLine] {
        var result: [LogLine] = []
        let bytes = Array(text.utf8)
        var start = 0
        var index = 0
        var number = 0
        while index <= bytes.count {
            let atEnd = index == bytes.count
            let byte: UInt8 = atEnd ? 0 : bytes[index]
            if atEnd || byte == 0x0a || byte == 0x0d {
                number += 1
                result.append(LogLine(number: number, raw: String(decoding: bytes[start..<index], as: UTF8.self)))
                if !atEnd, byte == 0x0d, index + 1 < bytes.count, bytes[index + 1] == 0x0a { index += 1 }
                start = index + 1
            }
            index += 1
        }
        return result
    }

    static func normalizeSpaces(_ raw: String) -> String {
        // Most lines are plain ASCII with nothing to replace.
        if raw.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) { return raw }
        var out = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "\u{00A0}", "\u{2007}", "\u{202F}", "\t", "\u{000B}", "\u{000C}": out.append(" ")
            case "\r", "\u{FEFF}": continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Quote markers: `>` and `| ` from mail clients, and `&gt;` where an HTML export of a
    /// thread (bug-tracker mirrors, web list archives) escaped them.
    static func dropMailQuotes(_ text: Substring) -> Substring {
        var rest = text.trimmingLeadingSpaces()
        while true {
            if rest.first == ">" || rest.first == "|" && rest.dropFirst().first == " " {
                rest = rest.dropFirst().trimmingLeadingSpaces()
            } else if rest.hasPrefix("&gt;") {
                rest = rest.dropFirst(4).trimmingLeadingSpaces()
            } else {
                return rest
            }
        }
    }

    /// The record level in its three printed forms: `<4>` (`dmesg -r`, syslog without a daemon),
    /// `kern  :warn  : ` (`dmesg -x`), and `/dev/kmsg`'s `4,1234,1409118352,-;` whose third
    /// number is the timestamp in microseconds.
    static func dropLevelPrefix(_ text: Substring, timestamp: inout String?) -> Substring {
        if text.first == "<", let close = text.prefix(5).firstIndex(of: ">") {
            let digits = text[text.index(after: text.startIndex)..<close]
            if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) { return text[text.index(after: close)...].trimmingLeadingSpaces() }
            return text
        }
        if let first = text.first, first.isASCIIDigit, let semicolon = text.prefix(64).firstIndex(of: ";") {
            let fields = text[text.startIndex..<semicolon].split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 4, fields.prefix(3).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
                let micros = UInt64(fields[2])
            else { return text }
            let fraction = String(micros % 1_000_000)
            timestamp = "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
            return text[text.index(after: semicolon)...]
        }
        // `dmesg -x`: a facility name first; most lines fail this test on their first byte.
        guard let first = text.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return text }
        let parts = text.prefix(24).split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, LogLine.facilities.contains(String(parts[0].trimmingSpaces())),
            LogLine.levels.contains(String(parts[1].trimmingSpaces()))
        {
            return text.dropFirst(parts[0].count + parts[1].count + 2).trimmingLeadingSpaces()
        }
        return text
    }

    static let facilities: Set<String> = [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ]
    static let levels: Set<String> = ["emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"]

    /// `Jan  1 00:00:00 host kernel: `, `2024-01-01T00:00:00.123+00:00 host kernel: `,
    /// and journalctl's forms all end in ` kernel: ` near the start of the line.
    static func dropSyslogPrefix(_ text: Substring, timestamp: inout String?) -> Substring {
        // The prefix sits near the start of the line; look only there.
        guard let range = Text.find(" kernel:", in: text.prefix(96)) else { return text }
        let head = text[text.startIndex..<range.lowerBound]
        guard head.count <= 64, head.contains(where: \.isNumber), !head.contains("=") else { return text }
        // journalctl -o short-monotonic puts the time in brackets.
        let time = head.split(separator: " ").dropLast().joined(separator: " ")
        timestamp =
            time.hasPrefix("[") && time.hasSuffix("]") ? String(time.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces) : time
        return text[range.upperBound...].trimmingLeadingSpaces()
    }

    /// `[  123.456789]`, `[Mon Jan  1 00:00:00 2024]`, `[T1234]`, `[C2]`.
    static func dropBracketed(_ text: Substring, timestamp: inout String?) -> Substring {
        // On bytes: this runs on every line of logs that run to millions of lines.
        let bytes = text.utf8
        guard bytes.first == UInt8(ascii: "["), let close = bytes.prefix(64).firstIndex(of: UInt8(ascii: "]")) else { return text }
        var digits = false
        for byte in bytes[bytes.index(after: bytes.startIndex)..<close] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x80...0xff: continue  // letters, any script
            case UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: ","): continue
            default: return text
            }
        }
        guard digits else { return text }
        let inner = text[text.index(after: text.startIndex)..<close]
        let trimmed = inner.trimmingSpaces()
        guard trimmed.count <= 40 else { return text }
        let isCaller = (trimmed.first == "T" || trimmed.first == "C") && trimmed.dropFirst().allSatisfy(\.isASCIIDigit)
        if !isCaller, timestamp == nil { timestamp = String(trimmed) }
        return text[text.index(after: close)...].trimmingLeadingSpaces()
    }

    static func dropModulePrefix(_ text: Substring, prefixes: [String]) -> Substring {
        // Every prefix ends in a colon within its first ten characters.
        guard text.utf8.prefix(10).contains(UInt8(ascii: ":")) else { return text }
        for prefix in prefixes where text.hasPrefix(prefix) {
            return text.dropFirst(prefix.count).trimmingLeadingSpaces()
        }
        return text
    }
}

extension Substring {
    func trimmingLeadingSpaces() -> Substring {
        var rest = self
        while rest.first == " " { rest = rest.dropFirst() }
        return rest
    }

    func trimmingSpaces() -> Substring {
        var rest = trimmingLeadingSpaces()
        while rest.last == " " { rest = rest.dropLast() }
        return rest
    }
}

/// Parsing of the numbers producers print.
public enum NumberText {
    /// Hex digits with an optional `0x`; nil for anything else or more than 16 digits.
    public static func hex(_ token: some StringProtocol) -> UInt64? {
        var digits = Substring(token)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 16, digits.allSatisfy(\.isHexDigit) else { return nil }
        return UInt64(digits, radix: 16)
    }

    /// A signed or unsigned decimal as printf's %d, %u, %lld print it, as a 64-bit pattern.
    public static func decimal(_ token: some StringProtocol) -> UInt64? {
        let text = String(token)
        if let value = UInt64(text) { return value }
        if let value = Int64(text) { return UInt64(bitPattern: value) }
        return nil
    }

    /// Number of hex digits in a token, without `0x`.
    public static func hexDigitCount(_ token: some StringProtocol) -> Int {
        var digits = Substring(token)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        return digits.count
    }
}

/// Substring search on UTF-8 bytes, for hot paths (Foundation's goes through NSString).
enum Text {
    static func find(_ needle: String, in haystack: Substring) -> Range<Substring.Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        let utf8 = haystack.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == first {
                var candidate = index
                var matched = 0
                while matched < pattern.count, candidate != utf8.endIndex, utf8[candidate] == pattern[matched] {
                    matched += 1
                    candidate = utf8.index(after: candidate)
                }
                if matched == pattern.count { return index..<candidate }
            }
            index = utf8.index(after: index)
        }
        return nil
    }

    static func find(_ needle: String, in haystack: String) -> Range<String.Index>? {
        find(needle, in: Substring(haystack))
    }

    static func contains(_ haystack: some StringProtocol, _ needle: String) -> Bool {
        find(needle, in: Substring(haystack)) != nil
    }
}

extension Character {
    /// 0-9 only (`isNumber` also takes other scripts' digits and fractions).
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
