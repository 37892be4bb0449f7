import Foundation

/// Reads plain field logs, one field per line, as hypervisors and test harnesses print them:
/// `NAME = value`, `NAME=value`, `NAME: value`, `NAME value` or `0xENCODING = value`, with names
/// in any spelling the catalog knows (Linux, SDM or APM name, id, encoding or offset). A `_HIGH`
/// name sets the upper 32 bits of a 64-bit VMCS field. Values are hex when written with `0x`,
/// when they hold a hex letter or when zero-padded (`%08x` style), else decimal. A field seen a
/// second time starts the next snapshot.
public struct FieldLogReader: Sendable {
    public let name: String

    public init(name: String) {
        self.name = name
    }

    /// A line split into its name and value text, or nil when it has no such shape.
    static func split(_ content: String) -> (name: String, value: String)? {
        splitKeepingRest(content).map { ($0.name, $0.value) }
    }

    /// The same, with all the text after the separator too (byte strings span several words).
    static func splitKeepingRest(_ content: String) -> (name: String, value: String, rest: String)? {
        var name: Substring
        var rest: Substring
        if let equals = content.firstIndex(of: "=") {
            name = content[content.startIndex..<equals]
            rest = content[content.index(after: equals)...]
        } else if let colon = Text.find(": ", in: content) ?? (content.hasSuffix(":") ? nil : Text.find(":", in: content)) {
            name = content[content.startIndex..<colon.lowerBound]
            rest = content[colon.upperBound...]
        } else if let space = content.lastIndex(of: " ") {
            name = content[content.startIndex..<space]
            rest = content[content.index(after: space)...]
        } else {
            return nil
        }
        name = name.trimmingSpaces()
        rest = rest.trimmingLeadingSpaces()
        guard !name.isEmpty, let value = rest.split(separator: " ").first else { return nil }
        return (String(name), String(value).trimmingCharacters(in: CharacterSet(charactersIn: ",;")), String(rest))
    }

    /// A byte string as `FieldLogWriter` writes it: hex byte pairs, spaces optional.
    static func bytes(_ text: String, count: Int) -> [UInt8]? {
        let digits = Array(text.filter { $0 != " " })
        guard digits.count == count * 2 else { return nil }
        var out: [UInt8] = []
        for start in stride(from: 0, to: digits.count - 1, by: 2) {
            guard let byte = UInt8(String(digits[start...start + 1]), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }

    /// Hex with `0x`, with a hex letter, or zero-padded; otherwise decimal.
    static func value(_ text: String) -> UInt64? {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { return NumberText.hex(lower) }
        if lower.hasPrefix("-") { return NumberText.decimal(lower) }
        if lower.contains(where: { ("a"..."f").contains($0) }) || (lower.hasPrefix("0") && lower.count > 1) {
            return NumberText.hex(lower)
        }
        return UInt64(lower)
    }

    /// How many lines name a field of each catalog: the log's architecture is the one named most.
    public static func votes(_ lines: [LogLine]) -> [Architecture: Int] {
        var counts: [Architecture: Int] = [:]
        for line in lines {
            guard let (name, text) = split(line.content), value(text) != nil else { continue }
            for catalog in [Catalog.vmcs, Catalog.vmcb] where catalog.resolve(name) != nil {
                counts[catalog.architecture, default: 0] += 1
            }
        }
        return counts
    }

    public func read(_ text: String) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        let lines = LogLine.lines(of: text)
        let votes = Self.votes(lines)
        let architecture: Architecture = (votes[.vmx] ?? 0) >= (votes[.svm] ?? 0) ? .vmx : .svm
        guard let catalog = Catalog.forArchitecture(architecture) else {
            throw InspectError(SourceLocation(file: name), "no catalog for \(architecture.rawValue)")
        }
        var snapshots: [Snapshot] = []
        var warnings: [InputWarning] = []
        var current: Snapshot?
        var halves: Set<String> = []

        func finish() {
            guard var snapshot = current, !snapshot.values.isEmpty else { return }
            snapshot.index = snapshots.count
            snapshots.append(snapshot)
            current = nil
            halves = []
        }

        for line in lines where !line.content.isEmpty {
            if line.content.hasPrefix("#") || line.content.hasPrefix("//") { continue }
            guard let (fieldName, valueText, rest) = Self.splitKeepingRest(line.content), let reference = catalog.resolve(fieldName) else {
                warnings.append(InputWarning(.line(name, line.number), "cannot place this line: '\(line.content.prefix(60))'"))
                continue
            }
            if reference.field.size > 8 {
                // A byte string (the VMCB's instruction bytes): every byte, in memory order.
                guard let bytes = Self.bytes(rest, count: reference.field.size) else {
                    warnings.append(
                        InputWarning(
                            .line(name, line.number),
                            "cannot read '\(fieldName)': expected \(reference.field.size) hex bytes, found '\(rest.prefix(60))'"))
                    continue
                }
                if current?.values[reference.field.id] != nil { finish() }
                if current == nil {
                    current = Snapshot(architecture: architecture, source: name, format: .fields, location: .line(name, line.number))
                }
                current?.values[reference.field.id] = .bytes(bytes)
                continue
            }
            guard let value = Self.value(valueText) else {
                warnings.append(InputWarning(.line(name, line.number), "cannot read the value of '\(fieldName)': '\(valueText)'"))
                continue
            }
            let field = reference.field
            let part = reference.isHighHalf ? "\(field.id)#high" : field.id
            if current?.values[field.id] != nil, !reference.isHighHalf, halves.contains(part) || !halves.contains("\(field.id)#high") {
                finish()
            }
            if current == nil {
                current = Snapshot(architecture: architecture, source: name, format: .fields, location: .line(name, line.number))
            }
            let width = reference.isHighHalf ? 32 : field.size * 8
            if width < 64, value >> UInt64(width) != 0 {
                warnings.append(
                    InputWarning(
                        .line(name, line.number),
                        "value \(valueText) does not fit the \(width)-bit field \(reference.isHighHalf ? field.name + "_HIGH" : field.name)"
                    ))
                continue
            }
            let old = current?.values[field.id]?.integer ?? 0
            let merged =
                reference.isHighHalf
                ? (old & 0xffff_ffff) | (value << 32)
                : (halves.contains("\(field.id)#high") ? (old & ~0xffff_ffff) | (value & 0xffff_ffff) : value)
            current?.values[field.id] = .integer(merged)
            halves.insert(part)
        }
        finish()
        if snapshots.isEmpty {
            throw InspectError(SourceLocation(file: name), "no field lines found (expected lines such as 'GUEST_RIP = 0xffffffff81000000')")
        }
        return (snapshots, warnings)
    }
}
