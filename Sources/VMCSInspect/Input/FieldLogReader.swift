extension InputFormat {
    /// Plain field logs: `NAME = value` pairs, in any spelling the catalog knows.
    public static let fields = InputFormat(
        "fields", title: "field log", example: "VM_EXIT_REASON = 0x30, GUEST_RIP: 0xffffffff81000000, 0x6400 = 0x181", isLog: true)
}

/// Reads plain field logs, as hypervisors, debuggers and test harnesses print them: pairs of a
/// name and a value, one or several per line (`NAME = value`, `NAME=value, NAME2=value`,
/// `NAME: value`, `# NAME = value`, `NAME value` alone on a line), with names in any spelling
/// the catalog knows (Linux, SDM, APM, Xen, Bochs, HAXM, ia32-doc; id, encoding or offset). A
/// `_HIGH` name sets the upper 32 bits of a 64-bit VMCS field. A field seen a second time starts
/// the next snapshot.
///
/// The structure comes from evidence only: a name that exists in one structure (`GUEST_CR0`,
/// `exit_info_1`). Register names both vendors' states share (`CR0`, `RIP`, `EFER`, segment
/// registers) say nothing about the vendor; a log of nothing else is refused.
///
/// The radix of bare numbers (without `0x`) is decided once for the file, from its head, by one
/// rule: if any bare number holds a hex letter or is zero-padded to at least four digits (the
/// `%08x` style), the producer prints hex without `0x`, and every bare number is hex; else if
/// numbers elsewhere are written with `0x`, the producer marks hex, and bare numbers are
/// decimal; else there is no telling, bare numbers are read as decimal and a warning says so.
/// `--radix hex` or `--radix dec` overrides the rule.
final class FieldLogReader: TextReader {
    static let entry = TextReaderEntry(
        formats: [.fields], score: { FieldLogReader.score($0) }, make: { context, _ in try FieldLogReader(context: context) })

    let context: ReaderContext
    var name: String { context.name }
    let architecture: Architecture
    let catalog: Catalog
    let radix: Radix
    /// Set when the radix had to be guessed; the warning names the first bare number.
    private var radixGuess: String?

    private var current: Snapshot?
    private var halves: Set<String> = []
    private var index = 0

    init(context: ReaderContext) throws {
        self.context = context
        let evidence = Self.evidence(context.head)
        if !evidence.vmx.isEmpty && !evidence.svm.isEmpty {
            throw InspectError(
                SourceLocation(file: context.name),
                "the field log names fields of both a VMCS (\(evidence.vmx.prefix(3).joined(separator: ", "))) and a VMCB (\(evidence.svm.prefix(3).joined(separator: ", "))); give each structure's fields in a file of its own"
            )
        }
        if !evidence.svm.isEmpty {
            architecture = .svm
        } else if !evidence.vmx.isEmpty {
            architecture = .vmx
        } else {
            throw InspectError(
                SourceLocation(file: context.name),
                "cannot tell a VMCS from a VMCB: the field log names only registers both share (CR0, RIP, …); name at least one field by its structure (GUEST_CR0, VM_EXIT_REASON; exit_code, save.cr0)"
            )
        }
        catalog = Catalog.forArchitecture(architecture)
        if let chosen = context.settings.radix {
            radix = chosen
        } else {
            let decided = Self.radix(context.head, catalog: catalog)
            radix = decided.radix
            radixGuess = decided.guess
        }
    }

    var step: LineScanner.Step { .next }

    // MARK: Detection

    /// Register names both vendors' states share: they are no evidence of a vendor.
    static let sharedRegisters: Set<String> = {
        var names: Set<String> = [
            "cr0", "cr2", "cr3", "cr4", "cr8", "efer", "rip", "eip", "rsp", "esp", "rax", "eax", "rflags", "eflags", "dr6", "dr7",
            "star", "lstar", "cstar", "sfmask", "kernelgsbase", "pat", "gpat", "dbgctl", "debugctl", "sysentercs", "sysenteresp",
            "sysentereip", "cpl", "gdtr", "idtr", "ldtr", "tr", "ssp", "scet", "isstaddr", "xss", "spec_ctrl", "specctrl",
        ]
        for segment in ["es", "cs", "ss", "ds", "fs", "gs", "ldtr", "tr", "gdtr", "idtr"] {
            names.insert(segment)
            for part in ["selector", "sel", "attrib", "attr", "ar", "limit", "lim", "base"] {
                names.insert(segment + part)
            }
        }
        return names
    }()

    /// The names of a head that only one structure has (a name both catalogs know, such as
    /// `tsc_offset`, says nothing), and the header line `FieldLogWriter` writes.
    static func evidence(_ head: HeadSample) -> (vmx: [String], svm: [String]) {
        var vmx: [String] = []
        var svm: [String] = []
        for line in head.nonEmpty {
            if line.content.hasPrefix("# VMCS written by vmcs-inspect") { vmx.append("(vmcs-inspect's header)") }
            if line.content.hasPrefix("# VMCB written by vmcs-inspect") { svm.append("(vmcs-inspect's header)") }
            for pair in pairs(in: line.content).pairs {
                let key = FieldName.normalize(pair.name)
                if sharedRegisters.contains(key) { continue }
                let inVMCS = Catalog.vmcs.resolve(pair.name) != nil
                let inVMCB = Catalog.vmcb.resolve(pair.name)?.field
                if inVMCS, inVMCB == nil, !vmx.contains(pair.name) { vmx.append(pair.name) }
                if !inVMCS, let field = inVMCB, field.id.hasPrefix("control.") || key.hasPrefix("save"), !svm.contains(pair.name) {
                    svm.append(pair.name)
                }
            }
        }
        return (vmx, svm)
    }

    /// Sure in proportion to the lines that are pairs of known names and numbers, when some
    /// names are one structure's own.
    static func score(_ head: HeadSample) -> (InputFormat, Score)? {
        var known = 0
        var lines = 0
        for line in head.nonEmpty {
            lines += 1
            let found = pairs(in: line.content).pairs
            if found.contains(where: { (Catalog.vmcs.resolve($0.name) ?? Catalog.vmcb.resolve($0.name)) != nil && number($0.value, radix: .hex) != nil }) {
                known += 1
            }
        }
        let evidence = evidence(head)
        let specific = evidence.vmx.count + evidence.svm.count
        guard known >= 2, specific >= 1 else { return known > 0 ? (.fields, Score(20, "\(known) lines of known field names")) : nil }
        let share = known * 100 / max(lines, 1)
        let value = specific >= 2 ? 50 + share * 45 / 100 : 40 + share * 30 / 100
        return (.fields, Score(value, "\(known) of \(lines) lines name fields, such as \((evidence.vmx + evidence.svm).first ?? "")"))
    }

    /// The file's radix by the documented rule, and the bare number that made it a guess.
    static func radix(_ head: HeadSample, catalog: Catalog) -> (radix: Radix, guess: String?) {
        var prefixed = false
        var firstBare: String?
        for line in head.nonEmpty {
            for pair in pairs(in: line.content).pairs where catalog.resolve(pair.name) != nil {
                let value = pair.value.lowercased()
                if value.hasPrefix("0x") {
                    prefixed = true
                } else if value.hasPrefix("-") {
                    continue
                } else if value.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f") }) || value.hasPrefix("0") && value.count >= 4 {
                    return (.hex, nil)
                } else if firstBare == nil {
                    firstBare = "\(pair.name) = \(pair.value)"
                }
            }
        }
        if prefixed || firstBare == nil { return (.dec, nil) }
        return (.dec, firstBare)
    }

    // MARK: Pairs

    /// A name, its value, and the tokens after the value (a byte string's other bytes).
    struct Pair {
        var name: String
        var value: String
        var rest: [String]
    }

    /// Splits a line into name/value pairs: `A = 1, B=2 C: 3`; a line with no separator is
    /// `NAME value`. Words no pair takes are returned too.
    static func pairs(in content: String) -> (pairs: [Pair], leftover: [String]) {
        var text = Substring(content)
        // `# NAME = value` and `// NAME = value`: a comment marker some dumps put first.
        if text.hasPrefix("#") { text = text.dropFirst().trimmingLeadingSpaces() } else if text.hasPrefix("//") { text = text.dropFirst(2).trimmingLeadingSpaces() }
        var tokens: [Substring] = []
        for word in text.split(whereSeparator: { $0 == " " }) {
            var rest = word
            while let equals = rest.firstIndex(of: "=") {
                let before = rest[rest.startIndex..<equals]
                if !before.isEmpty { tokens.append(before) }
                tokens.append("=")
                rest = rest[rest.index(after: equals)...]
            }
            if rest.count > 1, rest.last == ":" {
                tokens.append(rest.dropLast())
                tokens.append(":")
            } else if !rest.isEmpty {
                tokens.append(rest)
            }
        }
        var pairs: [Pair] = []
        var words: [Substring] = []
        var leftover: [String] = []
        var index = 0
        let hasSeparator = tokens.contains { $0 == "=" || $0 == ":" }
        if !hasSeparator {
            guard tokens.count >= 2, let last = tokens.last else { return ([], tokens.map(String.init)) }
            return ([Pair(name: tokens.dropLast().joined(separator: " "), value: String(last.trimmingSuffix(",;")), rest: [])], [])
        }
        while index < tokens.count {
            let token = tokens[index]
            if token == "=" || token == ":" {
                guard !words.isEmpty, index + 1 < tokens.count else {
                    leftover += words.map(String.init)
                    words = []
                    index += 1
                    continue
                }
                let value = tokens[index + 1]
                var rest: [String] = []
                var next = index + 2
                // Following tokens up to the next name, for byte strings.
                while next < tokens.count, tokens[next] != "=", tokens[next] != ":",
                    next + 1 >= tokens.count || (tokens[next + 1] != "=" && tokens[next + 1] != ":")
                {
                    rest.append(String(tokens[next]))
                    next += 1
                }
                pairs.append(Pair(name: words.joined(separator: " ").trimmingSuffix(","), value: String(value.trimmingSuffix(",;")), rest: rest))
                words = []
                index += 2
                // Words after a value belong to the next pair's name unless they are the value's
                // continuation (byte strings take them in `rest`).
                continue
            }
            words.append(token)
            index += 1
        }
        leftover += words.map(String.init)
        return (pairs, leftover)
    }

    /// A byte string as `FieldLogWriter` writes it: hex byte pairs, spaces optional.
    static func bytes(_ text: String, count: Int) -> [UInt8]? {
        let digits = Array(text.utf8.filter { $0 != 0x20 })
        guard digits.count == count * 2 else { return nil }
        var out: [UInt8] = []
        for start in stride(from: 0, to: digits.count - 1, by: 2) {
            guard let high = hexValue(digits[start]), let low = hexValue(digits[start + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    /// A value: `0x` hex always; a bare number in the file's radix; a negative decimal.
    static func number(_ text: String, radix: Radix) -> UInt64? {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { return NumberText.hex(lower) }
        if lower.hasPrefix("-") { return NumberText.decimal(lower) }
        switch radix {
        case .hex: return NumberText.hex(lower)
        case .dec: return lower.utf8.allSatisfy(\.isDigit) ? UInt64(lower) : nil
        }
    }

    // MARK: Reading

    func consume(_ line: TextLine, into output: inout ReaderOutput) throws {
        let content = LogLine(line).content
        if content.isEmpty { return }
        let (pairs, leftover) = Self.pairs(in: content)
        var placed = false
        var unknown: [String] = []
        for pair in pairs {
            guard let reference = catalog.resolve(pair.name) else {
                unknown.append(pair.name)
                continue
            }
            if let warning = store(pair, reference, line: line.number) {
                output.warnings.append(warning)
            } else {
                placed = true
            }
        }
        if !placed, pairs.isEmpty || unknown.count == pairs.count {
            if content.hasPrefix("#") || content.hasPrefix("//") { return }
            output.warn(context.location(line.number), "cannot place this line: '\(content.prefix(60))'")
            return
        }
        if !unknown.isEmpty {
            output.warn(
                context.location(line.number),
                "\(unknown.map { "'\($0.prefix(30))'" }.joined(separator: ", ")) \(unknown.count == 1 ? "is not a" : "are not") \(architecture.structureName) field\(unknown.count == 1 ? "" : "s") this tool knows; ignored")
        }
        // A byte string takes the words after its first byte: they are not left over.
        let takesRest = pairs.contains { catalog.resolve($0.name)?.field.isByteString == true }
        if !leftover.isEmpty, !takesRest {
            output.warn(context.location(line.number), "cannot place '\(leftover.joined(separator: " ").prefix(40))' on this line")
        }
        if let guess = radixGuess, placed {
            output.warn(
                context.location(line.number),
                "bare numbers such as '\(guess)' are read as decimal: nothing in the file says its radix (--radix hex reads them as hex)")
            radixGuess = nil
        }
        // Snapshots are handed out when the next one starts, or at the end.
        output.snapshots += ready
        ready = []
    }

    private var ready: [Snapshot] = []

    func finish(into output: inout ReaderOutput) throws {
        finishCurrent()
        output.snapshots += ready
        ready = []
        if index == 0 {
            throw InspectError(SourceLocation(file: name), "no field lines found (expected lines such as 'GUEST_RIP = 0xffffffff81000000')")
        }
    }

    private func finishCurrent() {
        guard var snapshot = current, !snapshot.values.isEmpty else { return }
        snapshot.index = index
        index += 1
        ready.append(snapshot)
        current = nil
        halves = []
    }

    private func begin(_ line: Int) {
        if current == nil {
            current = Snapshot(
                architecture: architecture, source: name, format: .fields, producer: "field log", location: context.location(line))
        }
    }

    /// Stores one pair; a warning when its value cannot be read.
    private func store(_ pair: Pair, _ reference: Catalog.Reference, line: Int) -> InputWarning? {
        let field = reference.field
        if field.isByteString {
            // A byte string (the VMCB's instruction bytes): every byte, in memory order.
            let text = ([pair.value] + pair.rest).joined(separator: " ")
            guard let bytes = Self.bytes(text, count: field.size) else {
                return InputWarning(
                    context.location(line), "cannot read '\(pair.name)': expected \(field.size) hex bytes, found '\(text.prefix(60))'")
            }
            if current?.values[field.id] != nil { finishCurrent() }
            begin(line)
            current?.values[field.id] = .bytes(bytes)
            return nil
        }
        guard let value = Self.number(pair.value, radix: radix) else {
            return InputWarning(context.location(line), "cannot read the value of '\(pair.name)': '\(pair.value.prefix(40))'")
        }
        let part = reference.isHighHalf ? "\(field.id)#high" : field.id
        if current?.values[field.id] != nil, !reference.isHighHalf, halves.contains(part) || !halves.contains("\(field.id)#high") {
            finishCurrent()
        }
        begin(line)
        let width = reference.isHighHalf ? 32 : field.size * 8
        if width < 64, value >> UInt64(width) != 0 {
            return InputWarning(
                context.location(line),
                "value \(pair.value) does not fit the \(width)-bit field \(reference.isHighHalf ? field.name + "_HIGH" : field.name)")
        }
        let old = current?.values[field.id]?.integer ?? 0
        let merged =
            reference.isHighHalf
            ? (old & 0xffff_ffff) | (value << 32)
            : (halves.contains("\(field.id)#high") ? (old & ~0xffff_ffff) | (value & 0xffff_ffff) : value)
        current?.values[field.id] = .integer(merged)
        halves.insert(part)
        return nil
    }
}

extension Substring {
    /// The substring without trailing characters from `characters`.
    func trimmingSuffix(_ characters: String) -> Substring {
        var text = self
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        return text
    }
}

extension String {
    func trimmingSuffix(_ characters: String) -> String { String(Substring(self).trimmingSuffix(characters)) }
}
