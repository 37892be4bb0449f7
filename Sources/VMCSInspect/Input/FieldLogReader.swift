extension InputFormat {
    /// Field logs: pairs of a name and a value in any spelling the catalog knows, and the
    /// per-field dumps other hypervisors print (HAXM, Dune, NoirVisor, HyperPlatform,
    /// Bareflank, Kontain, hobby hypervisors' `vmread` dumps).
    public static let fields = InputFormat(
        "fields", title: "field log", example: "VM_EXIT_REASON = 0x30, GUEST_RIP: 0xffffffff81000000, 0x6400 = 0x181", isLog: true)
}

/// The hypervisors whose per-field dumps the field-log reader knows by their own marks. Each is
/// read by the conventions of its printing code, named beside each case.
enum FieldProducer: String, Sendable, CaseIterable {
    /// Intel HAXM's `dump_vmcs()` → `vmread_dump()`, `"%04x %s: %llx\n"` (core/vmx.c, 7.0 to
    /// 7.8): the encoding, HAXM's name, the value in hex without `0x` or padding, each line
    /// prefixed `haxm_warning: ` (`haxm_error: ` in some 7.6 builds; without the space on
    /// Windows before 7.5.4).
    case haxm
    /// Dune's `vmx_dump_cpu()` (kern/vmx.c, af3e3bdd): `vmx: RIP 0x%016llx RFLAGS 0x%08lx`
    /// between `--- Begin VCPU Dump ---` and `--- End VCPU Dump ---`.
    case dune
    /// NoirVisor's `nvc_vt_dump_vmcs_guest_state()` (src/vt_core/vt_exit.c, 2022 to 2024):
    /// `[NoirVisor] Guest CS Segment - Selector: 0x%X\t Access-Rights: 0x%X …`.
    case noirVisor
    /// HyperPlatform's `VmmpDumpGuestState()` (vmm.cpp, d8bbb21): `Guest EsSelector   = %016Ix`
    /// after its log prefix `HH:MM:SS.mmm\tDBG\t#cpu\tpid\ttid\timage\tfunction\t`.
    case hyperPlatform
    /// Bareflank v2.1's `vmcs::debug::dump()`: `[cpu] DEBUG: name … 0x%016llx` in ANSI colours.
    case bareflank
    /// Kontain km's `dump_regs()`/`dump_sregs()` (km/km_vcpu_run.c): `== KVM_GET_REGS ==`,
    /// `RAX: 0x%-16llx …`, `CS  base: 0x… limit:0x… selector: 0x… type: 0x… present: 0x…`.
    case kontain

    /// Who printed a snapshot, for its header.
    var title: String {
        switch self {
        case .haxm: return "HAXM dump_vmcs"
        case .dune: return "Dune vmx_dump_cpu"
        case .noirVisor: return "NoirVisor guest-state dump"
        case .hyperPlatform: return "HyperPlatform VmmpDumpGuestState"
        case .bareflank: return "Bareflank VMCS dump"
        case .kontain: return "Kontain km register dump"
        }
    }
}

/// Reads plain field logs, as hypervisors, debuggers and test harnesses print them: pairs of a
/// name and a value, one or several per line (`NAME = value`, `NAME=value, NAME2=value`,
/// `NAME: value`, `# NAME = value`, `Heading: NAME: value`, `NAME value` alone on a line or
/// `NAME value NAME value`), with names in any spelling the catalog knows (Linux, SDM, APM, Xen,
/// Bochs, HAXM, ia32-doc, HyperPlatform, hvpp, Bareflank, NoirVisor: the producer columns of
/// `IntelVMCS.producerNames`; id, encoding or offset). A `_HIGH` name sets the upper 32 bits of
/// a 64-bit VMCS field. A field seen a second time starts the next snapshot. A label that names
/// nothing alone is tried with the words that begin the label before it on the line (NoirVisor's
/// `Guest CS Segment - Selector: 0x10  Access-Rights: 0x209b`), or the line's heading.
///
/// It reads the per-field dumps of other hypervisors by their own marks and conventions
/// (`FieldProducer`): HAXM's encoding-name-value lines, Dune's register dump, NoirVisor's and
/// HyperPlatform's guest-state dumps, Bareflank's coloured dump, Kontain's `KVM_GET_REGS` and
/// `KVM_GET_SREGS` dump, and `vmread(0x…) failed` lines, which make a field absent (never 0)
/// and are named in a warning. Lines of several vCPUs are told apart by what their producer
/// prints (HyperPlatform's `#cpu`, Bareflank's `[cpu]`, the printk caller id); HAXM prints
/// nothing of the kind, so interleaved HAXM dumps are refused rather than merged.
///
/// The structure comes from evidence only: a name that exists in one structure (`GUEST_CR0`,
/// `exit_info_1`), a VMX-only producer or instruction (HAXM, `vmread`). Register names both
/// vendors' states share (`CR0`, `RIP`, `EFER`, segment registers) say nothing about the
/// vendor: a log of nothing else is read as a vendor-neutral CPU state, and detection does not
/// claim it without a producer's marks. Dune is VMX only (kern/vmx.c is its only back end, and
/// the dump reads RIP, RSP, RFLAGS and the FS and GS bases from the VMCS): its dump becomes VMCS
/// guest state when its `CPU n VPID m` line or a VM-exit message gives the evidence.
///
/// Numbers follow each producer's format strings (HAXM bare hex, HyperPlatform `%016Ix` but
/// `VM_INSTRUCTION_ERROR = %Iu` in decimal, Dune's and NoirVisor's decimal `%d` messages). The
/// radix of other bare numbers (without `0x`) is decided once for the file, from its head, by
/// one rule: if any bare number holds a hex letter or is zero-padded to at least four digits
/// (the `%08x` style), the producer prints hex without `0x`, and every bare number is hex; else
/// if numbers elsewhere are written with `0x`, the producer marks hex, and bare numbers are
/// decimal; else there is no telling, bare numbers are read as decimal and a warning says so.
/// `--radix hex` or `--radix dec` overrides the rule (not a producer's own convention).
final class FieldLogReader: TextReader {
    static let entry = TextReaderEntry(
        formats: [.fields], score: { FieldLogReader.score($0) }, make: { context, _ in try FieldLogReader(context: context) })

    let context: ReaderContext
    var name: String { context.name }
    let architecture: Architecture
    let catalog: Catalog
    let radix: Radix
    /// True when the head shows a producer's marks: lines that carry no field of its dump
    /// (its other messages, prose around a paste) are then passed over without a warning.
    let producerMode: Bool
    /// True when the head holds HAXM's dump lines: its prefix-less lines are HAXM's too.
    let haxmLog: Bool
    /// Set when the radix had to be guessed; the warning names the first bare number.
    private var radixGuess: String?
    private let parts: [String: Part]

    /// A snapshot being read, one per stream.
    final class Open {
        var snapshot: Snapshot
        /// The first field placed, and the label it had: HAXM's dumps always start with the same.
        var first: String?
        var firstLabel = ""
        var halves: Set<String> = []
        let producer: FieldProducer?
        let start: Int

        init(snapshot: Snapshot, producer: FieldProducer?, start: Int) {
            self.snapshot = snapshot
            self.producer = producer
            self.start = start
        }
    }

    /// What a producer printed before a dump that belongs to it (HAXM's `vcpu->tr:8b`,
    /// NoirVisor's `Failed at VM-Entry, Code=7`, Dune's `unhandled exit: reason …`).
    struct Pending {
        var values: [(id: String, value: UInt64)] = []
        var metadata: [(key: String, value: String)] = []
        var failures: [RecordedFailure] = []
        var producer: FieldProducer?
    }

    /// A Dune register dump being read (CPU-state registers until the end says whose).
    final class DuneDump {
        var snapshot: Snapshot
        var vpid: UInt64?
        /// `RSP+0  0x…`: the stack words, kept after the registers.
        var stack: [(key: String, value: String)] = []
        let start: Int

        init(snapshot: Snapshot, start: Int) {
            self.snapshot = snapshot
            self.start = start
        }
    }

    private var open: [String: Open] = [:]
    /// At most this many snapshots are open at once (as LogReader holds 256 dumps).
    static let openLimit = 256
    private var pending: [String: Pending] = [:]
    private var dune: [String: DuneDump] = [:]
    /// The words that begin the last multi-word label of each stream (`Guest CS Segment -`),
    /// and the line it was on: a continuation line right after uses them (Kontain's `dpl:`).
    private var qualifiers: [String: (words: String, line: Int)] = [:]
    private var ready: [Snapshot] = []
    private var index = 0
    private var readAny = false

    init(context: ReaderContext) throws {
        self.context = context
        let survey = Self.survey(context.head)
        if !survey.vmx.isEmpty && !survey.svm.isEmpty {
            throw InspectError(
                SourceLocation(file: context.name),
                "the field log names fields of both a VMCS (\(survey.vmx.prefix(3).joined(separator: ", "))) and a VMCB (\(survey.svm.prefix(3).joined(separator: ", "))); give each structure's fields in a file of its own"
            )
        }
        architecture = !survey.svm.isEmpty ? .svm : !survey.vmx.isEmpty ? .vmx : .cpu
        catalog = Catalog.forArchitecture(architecture)
        producerMode = !survey.marks.isEmpty
        haxmLog = (survey.marks[.haxm]?.count ?? 0) > 0
        parts = Self.parts(architecture)
        if let chosen = context.settings.radix {
            radix = chosen
        } else {
            radix = survey.radix
            radixGuess = survey.radixGuess
        }
    }

    var step: LineScanner.Step { .next }

    // MARK: Line marks

    /// A line with its producer's decorations taken off.
    struct MarkedLine {
        let number: Int
        var content: Substring
        var producer: FieldProducer?
        /// HAXM's log level (`panic`, `error`, `warning`…) when the line carried its prefix.
        var level: Substring?
        /// The vCPU the line is of, as far as its decorations tell (HyperPlatform's `#2`,
        /// Bareflank's `[0x1]`, the printk caller id); "" when they tell nothing.
        var stream: String
    }

    /// The producer marks of a cleaned line, taken off.
    static func mark(_ log: LogLine) -> MarkedLine {
        var marked = MarkedLine(
            number: log.number, content: Substring(log.content), producer: nil, level: nil, stream: log.stream.caller ?? "")
        let content = marked.content
        if let haxm = haxmPrefix(content) {
            marked.content = haxm.rest
            marked.producer = .haxm
            marked.level = haxm.level
        } else if content.hasPrefix("[NoirVisor]") {
            marked.content = content.dropFirst("[NoirVisor]".count).trimmingLeadingSpaces()
            marked.producer = .noirVisor
        } else if let line = hyperPlatformPrefix(content, timestamp: log.timestamp) {
            marked.content = line.message
            marked.producer = .hyperPlatform
            marked.stream = "#" + line.cpu
        } else if let level = ["DEBUG: ", "ALERT: ", "ERROR: "].first(where: { content.hasPrefix($0) }), let cpu = log.timestamp,
            cpu.hasPrefix("0x") ? cpu.dropFirst(2).utf8.allSatisfy(\.isHexDigit) : cpu.utf8.allSatisfy(\.isDigit)
        {
            // Bareflank's `[cpu] DEBUG: `: the log-line cleaner took the bracket for a time.
            marked.content = content.dropFirst(level.count).trimmingLeadingSpaces()
            marked.producer = .bareflank
            marked.stream = "[" + cpu + "]"
        }
        return marked
    }

    /// HAXM's log levels as its prefixes spell them; macOS builds before the logger's rework
    /// (70c09ab) write `haxm_warn` (include/darwin/hax_mac.h).
    static let haxmLevels: Set<Substring> = ["debug", "info", "warning", "warn", "error", "panic"]

    /// HAXM's log prefixes (7.5.4 on, every platform: `haxm_warning: `; before, Windows wrote
    /// `haxm_warning:` without the space; level 0 is `haxm: `), repeated when two vCPUs' printing
    /// ran together, after DebugView's sequence and time columns if any.
    static func haxmPrefix(_ content: Substring) -> (rest: Substring, level: Substring)? {
        var text = content
        // macOS's `log show --style syslog` puts the sender between the process and the message.
        if text.hasPrefix("(intelhaxm) ") { text = text.dropFirst("(intelhaxm) ".count) }
        if let first = text.first, first.isASCIIDigit {
            let skipped = text.drop { $0.isASCIIDigit || $0 == "." || $0 == " " }
            if skipped.hasPrefix("haxm") { text = skipped }
        }
        var level: Substring?
        while text.hasPrefix("haxm") {
            var rest = text.dropFirst(4)
            var word: Substring = "log"
            if rest.first == "_" {
                let letters = rest.dropFirst().prefix { $0.isLetter }
                guard haxmLevels.contains(letters) else { break }
                word = letters
                rest = rest.dropFirst(1 + letters.count)
            }
            guard rest.first == ":" else { break }
            text = rest.dropFirst().trimmingLeadingSpaces()
            if level == nil { level = word }
        }
        return level.map { (text, $0) }
    }

    /// HyperPlatform's `LogpMakePrefix()`: time, level, `#cpu`, process and thread ids, image
    /// and function names, then the message (tabs became spaces in the cleaned line). The
    /// cleaner may have taken the time off already, as it does VBox.log's `00:00:05.485406`.
    static func hyperPlatformPrefix(_ content: Substring, timestamp: String?) -> (cpu: String, message: Substring)? {
        func isTime(_ text: some StringProtocol) -> Bool {
            let time = Array(text.utf8)
            guard time.count == 12 else { return false }
            return [0, 1, 3, 4, 6, 7, 9, 10, 11].allSatisfy { time[$0].isDigit } && time[2] == UInt8(ascii: ":")
                && time[5] == UInt8(ascii: ":") && time[8] == UInt8(ascii: ".")
        }
        var text = content
        if let first = text.split(separator: " ", maxSplits: 1).first, isTime(first) {
            text = text.dropFirst(first.count).trimmingLeadingSpaces()
        } else if !(timestamp.map(isTime) ?? false) {
            return nil
        }
        let words = text.split(separator: " ", maxSplits: 6)
        guard words.count >= 6, ["DBG", "INF", "WRN", "ERR"].contains(words[0]), words[1].hasPrefix("#"),
            words[1].dropFirst().allSatisfy(\.isASCIIDigit), words[2].allSatisfy(\.isASCIIDigit), words[3].allSatisfy(\.isASCIIDigit)
        else { return nil }
        return (String(words[1].dropFirst()), words.count > 6 ? words[6].trimmingLeadingSpaces() : "")
    }

    // MARK: Producers' line shapes

    /// A line of HAXM's dump: `%04x %s: %llx` (the name is empty for an encoding HAXM cannot
    /// name).
    struct HAXMField {
        let encoding: UInt32
        let name: Substring
        let value: Substring
    }

    static func haxmField(_ content: Substring) -> HAXMField? {
        guard let colon = content.firstIndex(of: ":") else { return nil }
        let words = content[content.startIndex..<colon].split(separator: " ")
        let value = content[content.index(after: colon)...].trimmingSpaces()
        guard words.count == 1 || words.count == 2, let encodingText = words.first, (4...8).contains(encodingText.utf8.count),
            encodingText.utf8.allSatisfy({ $0.isDigit || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) }),
            let encoding = UInt32(encodingText, radix: 16), (1...16).contains(value.utf8.count),
            value.utf8.allSatisfy({ $0.isDigit || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) })
        else { return nil }
        let name = words.count == 2 ? words[1] : ""
        guard name.utf8.allSatisfy({ ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0.isDigit || $0 == UInt8(ascii: "_") })
        else { return nil }
        return HAXMField(encoding: encoding, name: name, value: value)
    }

    /// The field a HAXM line's encoding names, and whether its name agrees.
    static func haxmTarget(_ field: HAXMField) -> (field: FieldDefinition?, agrees: Bool) {
        let byEncoding = Catalog.vmcs.resolve(String(format16: field.encoding)).flatMap { $0.isHighHalf ? nil : $0.field }
        guard !field.name.isEmpty else { return (byEncoding, false) }
        let byName = Catalog.vmcs.resolve(String(field.name))
        return (byEncoding, byEncoding != nil && byName?.field.id == byEncoding?.id && byName?.isHighHalf == false)
    }

    /// The encoding of a failed read: `vmread(0x2) failed`, HyperPlatform's
    /// `__vmx_vmread(0x%08x) failed with an error %d`, `VmxVmRead(0x%08x) failed`.
    static func failedVMRead(_ content: Substring) -> UInt32? {
        let lower = content.lowercased()
        guard let call = ByteSearch.find("vmread(", in: lower) else { return nil }
        let rest = lower[call.upperBound...]
        guard let close = rest.firstIndex(of: ")") else { return nil }
        let argument = rest[rest.startIndex..<close].trimmingSpaces()
        guard argument.hasPrefix("0x"), let encoding = NumberText.hex(argument), encoding <= UInt64(UInt32.max),
            rest[close...].dropFirst().trimmingLeadingSpaces().hasPrefix("failed")
        else { return nil }
        return UInt32(encoding)
    }

    /// Kontain's section headers: `== KVM_GET_REGS ==`, `== KVM_GET_SREGS ==`.
    static func kontainHeader(_ content: Substring) -> Substring? {
        guard content.hasPrefix("== KVM_"), content.hasSuffix(" =="), content.count > 10 else { return nil }
        return content.dropFirst(3).dropLast(3)
    }

    static let duneBegin = "--- Begin VCPU Dump ---"
    static let duneEnd = "--- End VCPU Dump ---"

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

    /// What the head of a text shows: each producer's marks, the names only one structure
    /// has, the lines that name fields, and what decides the radix of bare numbers.
    struct Survey {
        var marks: [FieldProducer: (count: Int, example: String)] = [:]
        var vmx: [String] = []
        var svm: [String] = []
        var known = 0
        var lines = 0
        var prefixed = false
        var bareHex = false
        var firstBare: String?

        var radix: Radix { bareHex ? .hex : .dec }
        /// The bare number that made the radix a guess.
        var radixGuess: String? { bareHex || prefixed ? nil : firstBare }

        /// The producer whose marks are surest: two lines of its own at least.
        var strongest: (producer: FieldProducer, count: Int, example: String)? {
            let best = marks.filter { $0.value.count >= 2 }.max { a, b in
                a.value.count != b.value.count ? a.value.count < b.value.count : a.key.rawValue > b.key.rawValue
            }
            return best.map { ($0.key, $0.value.count, $0.value.example) }
        }

        mutating func mark(_ producer: FieldProducer, _ line: MarkedLine) {
            let old = marks[producer] ?? (0, "'\(line.content.prefix(50))' on line \(line.number)")
            marks[producer] = (old.count + 1, old.example)
        }

        mutating func evidence(_ name: String, vmcs: Bool) {
            if vmcs {
                if vmx.count < 8, !vmx.contains(name) { vmx.append(name) }
            } else if svm.count < 8, !svm.contains(name) {
                svm.append(name)
            }
        }
    }

    /// What the head says of the field log: the producers' marks, the structure its names
    /// belong to, the radix of its bare numbers. Worked out once per head.
    static func survey(_ head: HeadSample) -> Survey {
        head.memo.fieldSurvey { surveyAfresh(head) }
    }

    private static func surveyAfresh(_ head: HeadSample) -> Survey {
        var survey = Survey()
        for log in head.lines where !log.content.isEmpty {
            if log.content.hasPrefix("# VMCS written by vmcs-inspect") { survey.evidence("(vmcs-inspect's header)", vmcs: true) }
            if log.content.hasPrefix("# VMCB written by vmcs-inspect") { survey.evidence("(vmcs-inspect's header)", vmcs: false) }
            let line = mark(log)
            let content = line.content
            guard !content.isEmpty else { continue }
            survey.lines += 1
            if let field = haxmField(content) {
                let target = haxmTarget(field)
                if target.agrees || line.producer == .haxm && target.field != nil {
                    survey.mark(.haxm, line)
                    survey.known += 1
                    survey.evidence(field.name.isEmpty ? String(format16: field.encoding) : String(field.name), vmcs: true)
                    continue
                }
            }
            if content == duneBegin || content == duneEnd || isDuneIdentity(content) != nil || isDuneRegisters(content) {
                survey.mark(.dune, line)
                continue
            }
            if kontainHeader(content) != nil {
                survey.mark(.kontain, line)
                continue
            }
            if let encoding = failedVMRead(content) {
                // VMREAD is a VMX instruction.
                survey.known += 1
                survey.evidence("vmread(\(String(format16: encoding)))", vmcs: true)
                continue
            }
            var qualifier: String?
            var namesField = false
            for pair in pairs(in: content).pairs {
                let here = pair.heading ?? qualifier
                let vmcs = resolveAnywhere(pair.name, qualifier: here, in: .vmcs)
                let vmcb = resolveAnywhere(pair.name, qualifier: here, in: .vmcb)
                if let heading = pair.heading {
                    qualifier = heading
                } else if vmcs?.alone == true || vmcb?.alone == true, let words = leadingWords(pair.name) {
                    qualifier = words
                }
                guard vmcs != nil || vmcb != nil else { continue }
                if number(pair.value, radix: .hex) != nil { namesField = true }
                let key = FieldName.normalize(pair.name)
                if !sharedRegisters.contains(key) {
                    if vmcs != nil, vmcb == nil { survey.evidence(pair.name, vmcs: true) }
                    if vmcs == nil, let field = vmcb?.field, field.id.hasPrefix("control.") || key.hasPrefix("save") {
                        survey.evidence(pair.name, vmcs: false)
                    }
                }
                // The radix rule reads the bare numbers of generic lines only: producers' own
                // lines follow their own format strings.
                let value = pair.value.lowercased()
                if value.hasPrefix("0x") {
                    survey.prefixed = true
                } else if value.hasPrefix("-") || line.producer != nil {
                    continue
                } else if value.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f") })
                    || value.hasPrefix("0") && value.count >= 4
                {
                    if value.utf8.allSatisfy(\.isHexDigit) { survey.bareHex = true }
                } else if survey.firstBare == nil, value.utf8.allSatisfy(\.isDigit) {
                    survey.firstBare = "\(pair.name) = \(pair.value)"
                }
            }
            if namesField {
                survey.known += 1
                if let producer = line.producer, producer != .haxm { survey.mark(producer, line) }
            }
        }
        return survey
    }

    /// Sure of a producer's own marks (two of its lines at least); otherwise in proportion to
    /// the lines that are pairs of known names and numbers, when some names are one
    /// structure's own.
    static func score(_ head: HeadSample) -> (InputFormat, Score)? {
        let survey = survey(head)
        if let strongest = survey.strongest {
            return (.fields, Score(100, "\(strongest.count) lines of \(strongest.producer.title), such as \(strongest.example)"))
        }
        let known = survey.known
        let specific = survey.vmx.count + survey.svm.count
        guard known >= 2, specific >= 1 else { return known > 0 ? (.fields, Score(20, "\(known) line\(known == 1 ? "" : "s") of known field names")) : nil }
        let share = known * 100 / max(survey.lines, 1)
        let value = specific >= 2 ? 50 + share * 45 / 100 : 40 + share * 30 / 100
        return (.fields, Score(value, "\(known) of \(survey.lines) lines name fields, such as \((survey.vmx + survey.svm).first ?? "")"))
    }

    // MARK: Names

    /// A field a label names: the whole field, its upper half, or some of its bits.
    struct Target {
        let field: FieldDefinition
        var isHighHalf = false
        /// The bits a part names (Kontain's `type`, `present`, `dpl` of a segment).
        var bits: BitRange?
        /// True when the label named the field by itself, without the words before it.
        var alone = false
        /// How the label was read, when that is not obvious (`RFLAGS` in a VMCS).
        var note: String?
    }

    /// The words of a label but its last (`Guest CS Segment -` of `Guest CS Segment - Selector`).
    static func leadingWords(_ name: String) -> String? {
        let words = name.split(separator: " ")
        guard words.count >= 2 else { return nil }
        return words.dropLast().joined(separator: " ")
    }

    /// A label's field in a catalog, alone or after a qualifier (no parts, no register names).
    static func resolveAnywhere(_ name: String, qualifier: String?, in catalog: Catalog) -> Target? {
        if let reference = catalog.resolve(name) { return Target(field: reference.field, isHighHalf: reference.isHighHalf, alone: true) }
        if let qualifier, let reference = catalog.resolve(qualifier + " " + name) {
            return Target(field: reference.field, isHighHalf: reference.isHighHalf)
        }
        return nil
    }

    /// What a label names in this file's structure: the field it names alone, or with the words
    /// before it; a part of a field; in a VMCS, a register the VMCS holds for the guest only
    /// (`RFLAGS`). A register the VMCS holds for guest and host both (`RIP`) names nothing.
    func target(_ name: String, qualifier: String?) -> (target: Target?, ambiguous: Bool) {
        if let found = Self.resolveAnywhere(name, qualifier: qualifier, in: catalog) { return (found, false) }
        if let qualifier, let part = parts[FieldName.normalize(qualifier) + FieldName.normalize(name)],
            let field = catalog.field(id: part.field)
        {
            return (Target(field: field, bits: part.range), false)
        }
        if architecture == .vmx, let register = Catalog.cpu.resolve(name)?.field, let guest = Self.guestFields[register.id] {
            guard let id = guest, let field = catalog.field(id: id) else { return (nil, true) }
            return (Target(field: field, note: "named '\(name)' in the input: the VMCS holds this register for the guest only"), false)
        }
        return (nil, false)
    }

    /// For each CPU-state register the VMCS holds, its guest field, or nil when the VMCS holds it
    /// for the host too (`CPUState.mappings`; the host field of `guest.X` is `host.X`).
    static let guestFields: [String: String?] = {
        var result: [String: String?] = [:]
        for mapping in CPUState.mappings {
            guard let guest = mapping.vmcs else { continue }
            let host = "host." + guest.dropFirst("guest.".count)
            result[mapping.id] = Catalog.vmcs.field(id: host) == nil ? guest : String?.none
        }
        return result
    }()

    /// Bits of a field printed as parts of their own.
    struct Part: Sendable {
        let field: String
        let range: BitRange
    }

    /// `partIndex` of each architecture's catalog, built once, when a field log first needs it.
    static func parts(_ architecture: Architecture) -> [String: Part] {
        switch architecture {
        case .vmx: vmxParts
        case .svm: svmParts
        case .cpu: cpuParts
        }
    }
    private static let vmxParts = partIndex(Catalog.vmcs)
    private static let svmParts = partIndex(Catalog.vmcb)
    private static let cpuParts = partIndex(Catalog.cpu)

    /// The bits of the catalog's fields by the field's qualifier and the bit's id, manual name
    /// or one-word title: Kontain prints a segment's access rights as KVM's `struct
    /// kvm_segment` members (`CS  base: … type: 0xb present: 0x1`, then `dpl:0x0 db:0x0 s:0x1
    /// l:0x1 g:0x1 avl:0x0 unusable:0x0`), and `CS` + `present` is bit 7 of `CS.ar`. A key two
    /// bits answer to names neither.
    static func partIndex(_ catalog: Catalog) -> [String: Part] {
        var index: [String: Part] = [:]
        var ambiguous = Set<String>()
        for field in catalog.fields {
            guard case .fixed(let layout) = field.layout else { continue }
            var qualifiers = Set<String>()
            for spelling in [field.id, field.name] + field.aliases where spelling.contains(".") {
                if let dot = spelling.lastIndex(of: ".") { qualifiers.insert(FieldName.normalize(spelling[spelling.startIndex..<dot])) }
            }
            for bit in layout.bits {
                if case .reserved = bit.kind { continue }
                var words: Set<String> = [FieldName.normalize(bit.id), FieldName.normalize(bit.name)]
                if !bit.title.contains(" ") { words.insert(FieldName.normalize(bit.title)) }
                for qualifier in qualifiers {
                    for word in words {
                        let key = qualifier + word
                        if let old = index[key], old.field != field.id || old.range != bit.range { ambiguous.insert(key) }
                        index[key] = Part(field: field.id, range: bit.range)
                    }
                }
            }
        }
        for key in ambiguous { index[key] = nil }
        return index
    }

    // MARK: Pairs

    /// A name, its value, the tokens after the value (a byte string's other bytes), and the
    /// heading it came under (`Guest Special GPRs` of `Guest Special GPRs: Rsp: 0x…`).
    struct Pair {
        var name: String
        var value: String
        var rest: [String]
        var heading: String?
    }

    static func isNumber(_ token: Substring) -> Bool {
        let utf8 = token.utf8
        if utf8.first == UInt8(ascii: "0"), let second = utf8.dropFirst().first, second | 0x20 == UInt8(ascii: "x") {
            return NumberText.hex(token) != nil
        }
        return !token.isEmpty && utf8.allSatisfy(\.isDigit)
    }

    /// The most bytes a heading (`Guest Special GPRs:`) may have.
    static let longestHeading = 64

    /// The words of a line (split at spaces), with each `=` a token of its own, and a `:` too
    /// when it ends a word or glues a name to its number (`limit:0xfffff`, `RFlags:0x246`).
    static func tokens(_ text: Substring) -> [Substring] {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiTokens(text) : characterTokens(text)
    }

    /// `tokens`, character by character.
    static func characterTokens(_ text: Substring) -> [Substring] {
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
            } else if let colon = rest.firstIndex(of: ":"), let first = rest.first, first.isLetter,
                let next = rest[rest.index(after: colon)...].first, next.isASCIIDigit
            {
                tokens.append(rest[rest.startIndex..<colon])
                tokens.append(":")
                tokens.append(rest[rest.index(after: colon)...])
            } else if !rest.isEmpty {
                tokens.append(rest)
            }
        }
        return tokens
    }

    /// `tokens` of an ASCII line, on its bytes: there each byte is a character (a line holds
    /// no LF, so no CR LF pair makes one character of two bytes).
    static func asciiTokens(_ text: Substring) -> [Substring] {
        let utf8 = text.utf8
        var tokens: [Substring] = []
        var index = utf8.startIndex
        while index != utf8.endIndex {
            guard utf8[index] != UInt8(ascii: " ") else {
                index = utf8.index(after: index)
                continue
            }
            // One word: each `=` in it a token, then what follows the last.
            var rest = index
            while index != utf8.endIndex, utf8[index] != UInt8(ascii: " ") {
                if utf8[index] == UInt8(ascii: "=") {
                    if rest != index { tokens.append(text[rest..<index]) }
                    tokens.append("=")
                    rest = utf8.index(after: index)
                }
                index = utf8.index(after: index)
            }
            let word = utf8[rest..<index]
            guard let first = word.first else { continue }
            if word.count > 1, word.last == UInt8(ascii: ":") {
                tokens.append(text[rest..<utf8.index(before: index)])
                tokens.append(":")
            } else if let colon = word.firstIndex(of: UInt8(ascii: ":")), first.isLetter, utf8.index(after: colon) != index,
                utf8[utf8.index(after: colon)].isDigit
            {
                tokens.append(text[rest..<colon])
                tokens.append(":")
                tokens.append(text[utf8.index(after: colon)..<index])
            } else {
                tokens.append(text[rest..<index])
            }
        }
        return tokens
    }

    /// Splits a line into name/value pairs: `A = 1, B=2 C: 3`, `Heading: A: 1 B: 2`,
    /// `name:0x1`; a line with no separator is `NAME value`, or `NAME value NAME value` when
    /// names and numbers alternate. Words no pair takes are returned too.
    static func pairs(in content: Substring) -> (pairs: [Pair], leftover: [String]) {
        var text = content
        // `# NAME = value` and `// NAME = value`: a comment marker some dumps put first.
        if text.hasPrefix("#") {
            text = text.dropFirst().trimmingLeadingSpaces()
        } else if text.hasPrefix("//") {
            text = text.dropFirst(2).trimmingLeadingSpaces()
        }
        let tokens = tokens(text)
        func isSeparator(_ token: Substring) -> Bool { token == "=" || token == ":" }
        var pairs: [Pair] = []
        var words: [Substring] = []
        var leftover: [String] = []
        let hasSeparator = tokens.contains { isSeparator($0) }
        if !hasSeparator {
            guard tokens.count >= 2, let last = tokens.last else { return ([], tokens.map(String.init)) }
            // Dune's `RIP 0x… RFLAGS 0x…`: names and numbers in turn.
            if tokens.count >= 4, tokens.count % 2 == 0,
                stride(from: 0, to: tokens.count, by: 2).allSatisfy({ tokens[$0].first?.isLetter == true && !isNumber(tokens[$0]) }),
                stride(from: 1, to: tokens.count, by: 2).allSatisfy({ isNumber(tokens[$0]) })
            {
                return (
                    stride(from: 0, to: tokens.count, by: 2).map {
                        Pair(name: String(tokens[$0]), value: String(tokens[$0 + 1]), rest: [])
                    }, []
                )
            }
            return ([Pair(name: tokens.dropLast().joined(separator: " "), value: String(last.trimmingSuffix(",;")), rest: [])], [])
        }
        var heading: String?
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if isSeparator(token) {
                guard !words.isEmpty, index + 1 < tokens.count else {
                    leftover += words.map(String.init)
                    words = []
                    index += 1
                    continue
                }
                // `Heading: Name: value`: the words before a name that has its own separator.
                if index + 2 < tokens.count, isSeparator(tokens[index + 2]), !isSeparator(tokens[index + 1]), !isNumber(tokens[index + 1]) {
                    // A heading is a few words; a longer run of them is none (kept, it would be
                    // joined to every name after it, on this line and the next).
                    let joined = words.joined(separator: " ").trimmingSuffix(",")
                    heading = joined.utf8.count <= Self.longestHeading ? joined : nil
                    words = [tokens[index + 1]]
                    index += 2
                    continue
                }
                let value = tokens[index + 1]
                var rest: [String] = []
                var next = index + 2
                // Following tokens up to the next name, for byte strings.
                while next < tokens.count, !isSeparator(tokens[next]), next + 1 >= tokens.count || !isSeparator(tokens[next + 1]) {
                    rest.append(String(tokens[next]))
                    next += 1
                }
                pairs.append(
                    Pair(
                        name: words.joined(separator: " ").trimmingSuffix(","), value: String(value.trimmingSuffix(",;")), rest: rest,
                        heading: heading))
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

    /// A value: `0x` hex always; a bare number in the given radix; a negative decimal.
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

    /// The first value that could not be read, for the message of an input where no field
    /// line was read.
    private var firstValueWarning: InputWarning?

    func consume(_ line: TextLine, into output: inout ReaderOutput) throws {
        let log = LogLine(line)
        if log.content.isEmpty { return }
        let marked = Self.mark(log)
        let content = marked.content
        let stream = marked.stream
        defer {
            output.snapshots += ready
            ready = []
        }
        if content.isEmpty { return }
        if let dump = dune[stream], readDune(marked, into: dump, output: &output) { return }
        if content == Self.duneBegin {
            if dune[stream] != nil { finishDune(stream, endedEarly: marked.number, output: &output) }
            close(stream)
            let snapshot = Snapshot(
                architecture: .cpu, source: name, format: .fields, producer: FieldProducer.dune.title,
                location: context.location(marked.number))
            dune[stream] = DuneDump(snapshot: snapshot, start: marked.number)
            readAny = true
            return
        }
        if let field = Self.haxmField(content) {
            let target = Self.haxmTarget(field)
            if marked.producer == .haxm || target.agrees || haxmLog && target.field != nil {
                try readHAXM(field, target.field, marked, output: &output)
                return
            }
        }
        if let encoding = Self.failedVMRead(content) {
            failedRead(encoding, marked, output: &output)
            return
        }
        if let header = Self.kontainHeader(content) {
            // km prints its registers, then its special registers, then the rest: a new dump
            // starts at the first.
            if header == "KVM_GET_REGS" { close(stream) }
            pending[stream, default: Pending()].producer = .kontain
            return
        }
        switch marked.producer {
        case .haxm:
            readHAXMMessage(marked)
            return
        case .noirVisor:
            if readNoirVisorMessage(marked) { return }
        case .hyperPlatform, .bareflank, .dune, .kontain, nil:
            break
        }
        if marked.producer == nil, readDuneMessage(marked) { return }
        if marked.producer == .bareflank, content.hasPrefix("- ") {
            // A bit of the word above, decoded by Bareflank: the word itself is placed.
            return
        }
        readPairs(marked, output: &output)
    }

    /// Reads a line of pairs.
    private func readPairs(_ marked: MarkedLine, output: inout ReaderOutput) {
        let stream = marked.stream
        let (pairs, leftover) = Self.pairs(in: marked.content)
        var qualifier = qualifiers[stream].flatMap { $0.line == marked.number - 1 ? $0.words : nil }
        var placed = false
        var unknown: [String] = []
        var ambiguous: [String] = []
        var numbers = false
        var takesRest = false
        for pair in pairs {
            if marked.producer == .bareflank, pair.value == "unsupported" {
                // Bareflank's dump says so for a field this processor does not have.
                current(stream, line: marked.number, producer: marked.producer).snapshot.metadata.append(("unsupported", pair.name))
                placed = true
                continue
            }
            if Self.looksNumeric(pair.value) { numbers = true }
            let here = pair.heading ?? qualifier
            let (found, isAmbiguous) = target(pair.name, qualifier: here)
            if let heading = pair.heading {
                qualifier = heading
            } else if found?.alone == true, let words = Self.leadingWords(pair.name) {
                qualifier = words
            }
            guard let found else {
                if isAmbiguous { ambiguous.append(pair.name) } else { unknown.append(pair.name) }
                continue
            }
            if found.field.isByteString { takesRest = true }
            // HyperPlatform's `VM_INSTRUCTION_ERROR = %Iu` (vm.cpp) is decimal, its dump hex.
            let decimal = marked.producer == .hyperPlatform && found.field.id == "exit.instruction_error"
            if let warning = store(pair, found, radix: decimal ? .dec : radix(of: marked.producer), marked: marked) {
                if firstValueWarning == nil { firstValueWarning = warning }
                output.warnings.append(warning)
            } else {
                placed = true
                if decimal, let value = Self.number(pair.value, radix: .dec) {
                    record(.vmInstructionError(UInt32(truncatingIfNeeded: value)), marked, stream: stream)
                }
            }
        }
        qualifiers[stream] = qualifier.map { ($0, marked.number) }
        let location = context.location(marked.number)
        if !placed, pairs.isEmpty || unknown.count + ambiguous.count == pairs.count {
            if marked.content.hasPrefix("#") || marked.content.hasPrefix("//") { return }
            // A producer's log holds more than its dumps: lines with no number are not fields.
            if producerMode, !numbers { return }
            if !ambiguous.isEmpty {
                output.warn(location, ambiguousMessage(ambiguous))
                return
            }
            output.warn(location, "cannot place this line: '\(marked.content.prefix(60))'")
            return
        }
        if !unknown.isEmpty {
            output.warn(
                location,
                "\(unknown.map { "'\($0.prefix(30))'" }.joined(separator: ", ")) \(unknown.count == 1 ? "is not a" : "are not") \(architecture.structureName) field\(unknown.count == 1 ? "" : "s") this tool knows; ignored"
            )
        }
        if !ambiguous.isEmpty { output.warn(location, ambiguousMessage(ambiguous)) }
        // A byte string takes the words after its first byte: they are not left over; nor are
        // words of prose in a producer's log.
        if !leftover.isEmpty, !takesRest, !producerMode || leftover.contains(where: Self.looksNumeric) {
            output.warn(location, "cannot place '\(leftover.joined(separator: " ").prefix(40))' on this line")
        }
        if let guess = radixGuess, placed, marked.producer == nil {
            output.warn(
                location,
                "bare numbers such as '\(guess)' are read as decimal: nothing in the file says its radix (--radix hex reads them as hex)")
            radixGuess = nil
        }
    }

    /// The radix of a line's bare numbers: the producer's, or the file's.
    func radix(of producer: FieldProducer?) -> Radix {
        switch producer {
        // VmmpDumpGuestState()'s "%016Ix".
        case .hyperPlatform: return .hex
        // Its hex is "0x%X"; its bare numbers are "%u" ("Guest Activity State: %u").
        case .noirVisor: return .dec
        // They print every number with 0x.
        case .haxm, .dune, .bareflank, .kontain: return .hex
        case nil: return radix
        }
    }

    /// A number as some producer prints it: `0x…`, decimal, or bare hex with a digit in it.
    static func looksNumeric(_ text: String) -> Bool {
        isNumber(Substring(text)) || text.utf8.contains(where: \.isDigit) && text.utf8.allSatisfy(\.isHexDigit)
    }

    private func ambiguousMessage(_ names: [String]) -> String {
        let quoted = names.map { "'\($0.prefix(30))'" }.joined(separator: ", ")
        return
            "\(quoted) \(names.count == 1 ? "is a register" : "are registers") the VMCS holds for both guest and host; ignored (name the field, such as GUEST_RIP or HOST_RIP)"
    }

    // MARK: HAXM

    /// One line of HAXM's dump. Its values are `%llx`: hex without `0x`, whatever the rest of
    /// the file does. HAXM prints no vCPU on these lines, and its dump always starts with the
    /// same field (`VMX_PIN_CONTROLS`, the first of `dump_vmcs_list[]`): a field met again that
    /// is not that one means two vCPUs' dumps ran together, which is refused.
    private func readHAXM(_ line: HAXMField, _ field: FieldDefinition?, _ marked: MarkedLine, output: inout ReaderOutput) throws {
        let location = context.location(marked.number)
        let shown = line.name.isEmpty ? String(format16: line.encoding) : String(line.name)
        guard let field else {
            let named = line.name.isEmpty ? "" : " (\(line.name))"
            output.warn(location, "HAXM's \(String(format16: line.encoding))\(named) is not a VMCS field this tool knows; ignored")
            return
        }
        if !line.name.isEmpty, let byName = Catalog.vmcs.resolve(String(line.name)), byName.field.id != field.id {
            output.warn(
                location,
                "HAXM names \(String(format16: line.encoding)) '\(line.name)', which is \(byName.field.name); read as \(field.name), by its encoding"
            )
        }
        guard let value = NumberText.hex(line.value) else { return }
        let stream = marked.stream
        if let current = open[stream], current.producer != .haxm { close(stream) }
        if let current = open[stream], current.snapshot.values[field.id] != nil {
            guard current.first == field.id else {
                throw InspectError(
                    location,
                    "HAXM dumps of several vCPUs are interleaved here: \(shown) comes again inside the dump that began on line \(current.start) with \(current.firstLabel), and HAXM prints no vCPU number on its dump lines, so whose value is whose cannot be told; refused rather than merged (give one vCPU's dump alone)"
                )
            }
            close(stream)
        }
        let dump = current(stream, line: marked.number, producer: .haxm)
        if dump.first == nil {
            dump.first = field.id
            dump.firstLabel = shown
        }
        put(value, in: field, of: dump, location: location, output: &output)
    }

    /// HAXM's other messages (core/vcpu.c, core/cpu.c): those printed just before a dump are
    /// kept for it; the VM-entry failure it reports without a dump is a snapshot of its own.
    private func readHAXMMessage(_ marked: MarkedLine) {
        let stream = marked.stream
        let text = marked.content
        let location = context.location(marked.number)
        // Whatever HAXM prints after its dump's last line ends that dump.
        if let current = open[stream], current.producer == .haxm, current.snapshot.producer == FieldProducer.haxm.title { close(stream) }
        // dump_vmcs() follows "Unhandled vmx vmexit reason" at once: any other message between
        // them means that exit had no dump here, and the reason is not the next dump's.
        pending[stream]?.failures.removeAll { $0.text.hasPrefix(Self.unhandledExit) }
        if text.hasPrefix("vcpu->tr:") {
            // exit_invalid_guest_state(): "vcpu->tr:%x", the cached TR access rights.
            note(("vcpu->tr", "0x" + String(text.dropFirst("vcpu->tr:".count).trimmingSpaces())), stream: stream)
        } else if text.hasPrefix("....exit_reason.raw ") {
            // Debug builds' "....exit_reason.raw %x, cpu %d %d" (vcpu.c, after each exit): the
            // VMCS's exit reason. The last one before a dump is its exit's: a VM-entry
            // failure's (bit 31) is kept for the dump exit_invalid_guest_state() prints next,
            // and a later exit's line of the same CPUs (the words after `cpu`) drops it.
            func cpus(_ line: Substring) -> Substring? { line.split(separator: ",").dropFirst().first?.trimmingSpaces() }
            pending[stream]?.failures.removeAll {
                guard case .vmxExitReason = $0.kind else { return false }
                return cpus(Substring($0.text)) == cpus(text)
            }
            if let word = text.dropFirst(20).split(separator: ",").first, let raw = NumberText.hex(word.trimmingSpaces()),
                raw <= UInt64(UInt32.max), raw & 0x8000_0000 != 0
            {
                record(.vmxExitReason(UInt32(raw)), marked, stream: stream)
            }
        } else if text.hasPrefix("VM entry failed: RIP=") {
            // cpu_vmentry_failed(): "VM entry failed: RIP=%08lx", then the VMfail line; no dump.
            close(stream)
            let snapshot = current(stream, line: marked.number, producer: .haxm)
            snapshot.snapshot.producer = "HAXM cpu_vmentry_failed"
            if let rip = NumberText.hex(text.dropFirst("VM entry failed: RIP=".count).trimmingSpaces()) {
                snapshot.snapshot.values["guest.rip"] = .integer(rip)
            }
        } else if text.hasPrefix("VMfailValid. Prev exit: ") || text.hasPrefix("VMfailInvalid. Prev exit: ") {
            // "VMfailValid. Prev exit: %llx. Error code: %llu (%s)" or
            // "VMfailInvalid. Prev exit: %llx no error code".
            let valid = text.hasPrefix("VMfailValid")
            let words = text.split(separator: " ")
            let snapshot =
                open[stream].flatMap { $0.snapshot.producer == "HAXM cpu_vmentry_failed" ? $0 : nil }
                ?? {
                    close(stream)
                    let opened = current(stream, line: marked.number, producer: .haxm)
                    opened.snapshot.producer = "HAXM cpu_vmentry_failed"
                    return opened
                }()
            if words.count > 3, let reason = NumberText.hex(words[3].trimmingSuffix(".")), reason <= UInt64(UInt32.max) {
                snapshot.snapshot.values["exit.reason"] = .integer(reason)
            }
            snapshot.snapshot.metadata.append(("vmx_result", valid ? "VMfailValid" : "VMfailInvalid"))
            if valid, let code = words.firstIndex(of: "code:"), code + 1 < words.count, let error = UInt32(words[code + 1]) {
                snapshot.snapshot.values["exit.instruction_error"] = .integer(UInt64(error))
                snapshot.snapshot.failures.append(RecordedFailure(kind: .vmInstructionError(error), text: String(text), location: location))
                if code + 2 < words.count {
                    let name = words[(code + 2)...].joined(separator: " ").trimmingSuffix(")")
                    snapshot.snapshot.metadata.append(("vm_instruction_error", name.hasPrefix("(") ? String(name.dropFirst()) : name))
                }
            }
            close(stream)
        } else if let number = Self.trailingNumber(text, after: "vmexit reason is ") {
            // A 7.6 debug build: "…The first vmexit reason is %d." (decimal).
            note(("first_vmexit_reason", number), stream: stream)
        } else if let number = Self.trailingNumber(text, after: "vmexit counter is ") {
            note(("vmexit_counter", number), stream: stream)
        } else if text.hasPrefix("vcpu has panicked, id:") {
            note(("panicked_vcpu", String(text.dropFirst("vcpu has panicked, id:".count))), stream: stream)
        } else if marked.level == "panic", let number = Self.trailingNumber(text, after: Self.unhandledExit),
            let reason = UInt32(number)
        {
            // vcpu_vmexit_handler() (core/vcpu.c): "Unhandled vmx vmexit reason:%d", the basic
            // reason in decimal, then dump_vmcs(): the exit of the dump that follows.
            record(.vmxExitReason(reason), marked, stream: stream)
            note(("panic", String(text.prefix(120))), stream: stream)
        } else if marked.level == "panic" {
            // The panic that dump_vmcs() follows ("Triple fault", "Unexpected page fault, kill
            // the VM!", an emulation failure).
            note(("panic", String(text.prefix(120))), stream: stream)
        }
    }

    /// null_handler()'s panic for an exit HAXM has no handler for (core/vcpu.c).
    static let unhandledExit = "Unhandled vmx vmexit reason:"

    /// The decimal number after `phrase` at the end of a message (`… is 48.`).
    static func trailingNumber(_ text: Substring, after phrase: String) -> String? {
        guard let range = ByteSearch.find(phrase, in: text) else { return nil }
        let number = text[range.upperBound...].trimmingSuffix(". ")
        return !number.isEmpty && number.allSatisfy(\.isASCIIDigit) ? String(number) : nil
    }

    // MARK: NoirVisor

    /// NoirVisor's messages around its dump (src/vt_core/vt_main.c, vt_exit.c).
    private func readNoirVisorMessage(_ marked: MarkedLine) -> Bool {
        let text = marked.content
        let stream = marked.stream
        if text.hasPrefix("Dumping VMCS Guest State Area") {
            close(stream)
            pending[stream, default: Pending()].producer = .noirVisor
            return true
        }
        if let range = ByteSearch.find("VMX Status: ", in: text) {
            // "Error while launching the Guest! VMX Status: %d" (1 is VMfailValid, 2 VMfailInvalid).
            note(("vmx_status", String(text[range.upperBound...].trimmingSpaces())), stream: stream)
            return true
        }
        if text.hasPrefix("Failed at VM-Entry, Code=") || text.hasPrefix("VM-Entry failed with invalid code ") {
            // "Failed at VM-Entry, Code=%d\t Reason: %s": the VM-instruction error, in decimal.
            let rest =
                text.hasPrefix("Failed")
                ? text.dropFirst("Failed at VM-Entry, Code=".count) : text.dropFirst("VM-Entry failed with invalid code ".count)
            let digits = rest.prefix { $0.isASCIIDigit }
            if let error = UInt32(digits) {
                pending[stream, default: Pending()].values.append(("exit.instruction_error", UInt64(error)))
                record(.vmInstructionError(error), marked, stream: stream)
            }
            if let reason = ByteSearch.find("Reason: ", in: rest) {
                note(("reason", String(rest[reason.upperBound...].prefix(120))), stream: stream)
            }
            return true
        }
        if let range = ByteSearch.find("Exit Reason: ", in: text), text.hasPrefix("Unhandled VM-Exit") {
            note(("exit_reason", String(text[range.upperBound...].prefix(80))), stream: stream)
            return true
        }
        return false
    }

    // MARK: Dune

    /// `CPU %d VPID %d`: the CPU and the VPID Dune gave the vCPU.
    static func isDuneIdentity(_ content: Substring) -> (cpu: Substring, vpid: Substring)? {
        // Every line of every field log comes here: lines without the word are not split.
        guard ByteSearch.find("VPID", in: content) != nil else { return nil }
        let words = content.split(separator: " ")
        guard words.count == 4, words[0] == "CPU", words[2] == "VPID", words[1].allSatisfy(\.isASCIIDigit),
            words[3].allSatisfy(\.isASCIIDigit)
        else {
            return nil
        }
        return (words[1], words[3])
    }

    /// `RIP 0x%016llx RFLAGS 0x%08lx`, the first register line of Dune's dump.
    static func isDuneRegisters(_ content: Substring) -> Bool {
        guard ByteSearch.find("RFLAGS", in: content) != nil else { return false }
        let words = content.split(separator: " ")
        return words.count == 4 && words[0] == "RIP" && words[2] == "RFLAGS" && words[1].hasPrefix("0x") && words[3].hasPrefix("0x")
    }

    /// A line of an open Dune dump; false when it is not one (another message in between).
    private func readDune(_ marked: MarkedLine, into dump: DuneDump, output: inout ReaderOutput) -> Bool {
        let text = marked.content
        let location = context.location(marked.number)
        if text == Self.duneEnd {
            finishDune(marked.stream, endedEarly: nil, output: &output)
            return true
        }
        if text == Self.duneBegin { return false }
        if let identity = Self.isDuneIdentity(text) {
            dump.snapshot.metadata.append(("cpu", String(identity.cpu)))
            dump.snapshot.metadata.append(("vpid", String(identity.vpid)))
            dump.vpid = UInt64(identity.vpid)
            return true
        }
        if text == "Dumping Stack Contents..." { return true }
        if text.hasPrefix("RSP+") || text.hasPrefix("RSP-") {
            // "RSP%+-3ld 0x%016lx", or "RSP%+-3ld ?" when the word could not be read.
            let words = text.split(separator: " ")
            guard words.count == 2 else { return false }
            dump.stack.append((String(words[0]), String(words[1])))
            return true
        }
        let (pairs, leftover) = Self.pairs(in: text)
        guard !pairs.isEmpty, leftover.isEmpty, pairs.allSatisfy({ Catalog.cpu.resolve($0.name) != nil }) else { return false }
        for pair in pairs {
            guard let field = Catalog.cpu.resolve(pair.name)?.field, let value = NumberText.hex(pair.value), pair.value.hasPrefix("0x")
            else {
                output.warn(location, "cannot read Dune's '\(pair.name) \(pair.value.prefix(20))'")
                continue
            }
            dump.snapshot.values[field.id] = .integer(value)
        }
        return true
    }

    /// Dune's messages before a dump (kern/vmx.c): the exit it did not handle, a failed VM
    /// entry, an EPT fault it could not resolve. Their values are VMCS fields.
    private func readDuneMessage(_ marked: MarkedLine) -> Bool {
        let text = marked.content
        let stream = marked.stream
        if text.hasPrefix("unhandled exit: reason ") {
            // "unhandled exit: reason %d, exit qualification %x": the exit reason as an int.
            let words = text.split(separator: " ")
            guard words.count == 7, words[4] == "exit", words[5] == "qualification", let reason = Int32(words[3].trimmingSuffix(",")),
                let qualification = NumberText.hex(words[6])
            else { return false }
            let full = UInt32(bitPattern: reason)
            var waiting = pending[stream, default: Pending()]
            // After "failure detected", vmx_run_vcpu() returns Linux's
            // VMX_EXIT_REASONS_FAILED_VMENTRY alone, not an exit reason the VMCS held.
            if full == 0x8000_0000,
                waiting.failures.contains(where: { if case .vmInstructionError = $0.kind { return true } else { return false } })
            {
                waiting.metadata.append(("dune_exit", "failed VM entry (VMfail)"))
            } else {
                waiting.values.append(("exit.reason", UInt64(full)))
                if full & 0x8000_0000 != 0 {
                    waiting.failures.append(
                        RecordedFailure(kind: .vmxExitReason(full), text: String(text), location: context.location(marked.number)))
                }
            }
            waiting.values.append(("exit.qualification", qualification))
            waiting.producer = .dune
            pending[stream] = waiting
            return true
        }
        if text.hasPrefix("failure detected (err "),
            let error = NumberText.hex(text.dropFirst("failure detected (err ".count).trimmingSuffix(")")),
            error <= UInt64(UInt32.max)
        {
            // "vmx: failure detected (err %x)": VMLAUNCH or VMRESUME failed; the error is hex.
            pending[stream, default: Pending()].values.append(("exit.instruction_error", error))
            record(.vmInstructionError(UInt32(error)), marked, stream: stream)
            return true
        }
        if text.hasPrefix("page fault failure GPA: ") {
            // "vmx: page fault failure GPA: 0x%lx, GVA: 0x%lx", read from the VMCS.
            let words = text.split(separator: " ")
            if words.count == 7, let gpa = NumberText.hex(words[4].trimmingSuffix(",")), let gva = NumberText.hex(words[6]) {
                pending[stream, default: Pending()].values += [("exit.guest_physical_address", gpa), ("exit.guest_linear_address", gva)]
                return true
            }
        }
        if text.hasPrefix("stopping VCPU (VPID ") { return true }
        return false
    }

    /// Ends a Dune dump: the registers become VMCS guest state when the dump's VPID line or a
    /// VMX exit says Dune ran it (always, as Dune is VMX only); those the VMCS has no field for
    /// (RAX, RBX … R15) are kept as metadata.
    private func finishDune(_ stream: String, endedEarly: Int?, output: inout ReaderOutput) {
        guard let dump = dune.removeValue(forKey: stream) else { return }
        var snapshot = dump.snapshot
        let waiting = pending.removeValue(forKey: stream) ?? Pending()
        if let line = endedEarly {
            output.warn(context.location(line), "Dune's dump that began on line \(dump.start) ends early, without '\(Self.duneEnd)'")
        }
        if dump.vpid != nil || !waiting.values.isEmpty || !waiting.failures.isEmpty {
            let mapped = Set(CPUState.mappings.filter { $0.vmcs != nil }.map(\.id))
            var kept: [String] = []
            for field in Catalog.cpu.fields where !mapped.contains(field.id) {
                guard let value = snapshot.values.removeValue(forKey: field.id)?.integer else { continue }
                let digits = String(value, radix: 16)
                snapshot.metadata.append((field.name, "0x" + String(repeating: "0", count: max(0, 16 - digits.count)) + digits))
                kept.append(field.name)
            }
            snapshot = snapshot.converted(to: .vmx)
            if !kept.isEmpty { snapshot.pageNotes.append("the VMCS has no field for \(kept.joined(separator: ", ")): kept as metadata") }
            if let vpid = dump.vpid, vpid <= 0xffff { snapshot.values["ctrl.vpid"] = .integer(vpid) }
            for (id, value) in waiting.values { snapshot.values[id] = .integer(value) }
        }
        snapshot.metadata += dump.stack + waiting.metadata
        snapshot.failures += waiting.failures
        release(snapshot)
    }

    // MARK: Failed reads

    /// `vmread(0x2) failed`: the field is absent (never 0), and a warning names it.
    private func failedRead(_ encoding: UInt32, _ marked: MarkedLine, output: inout ReaderOutput) {
        let location = context.location(marked.number)
        let place = String(format16: encoding)
        let field = Catalog.vmcs.resolve(place)
        let what = field.map { "\($0.field.name)\($0.isHighHalf ? "_HIGH" : "")" } ?? "a field this tool does not know"
        output.warn(location, "the producer could not read \(place) (\(what)): the field is absent, not 0")
        if let field {
            current(marked.stream, line: marked.number, producer: marked.producer).snapshot.metadata.append(
                ("vmread_failed", "\(place) \(field.field.name)"))
        }
        readAny = true
    }

    // MARK: Snapshots

    /// The snapshot open in a stream, opened with what was waiting for it.
    private func current(_ stream: String, line: Int, producer: FieldProducer?) -> Open {
        if let open = open[stream] { return open }
        let waiting = pending.removeValue(forKey: stream) ?? Pending()
        let who = producer ?? waiting.producer
        var snapshot = Snapshot(
            architecture: architecture, source: name, format: .fields, producer: who?.title ?? "field log", location: context.location(line)
        )
        for (id, value) in waiting.values where catalog.field(id: id) != nil { snapshot.values[id] = .integer(value) }
        snapshot.metadata = waiting.metadata
        snapshot.failures = waiting.failures
        // Every vCPU tag (`[3]`, `#3`, `[T123]`) is a stream with a snapshot of its own; past
        // `openLimit` of them the one opened first is finished, so memory stays bounded by the
        // snapshots a command shows, not by the tags a log holds.
        if open.count >= Self.openLimit, let oldest = open.min(by: { $0.value.start < $1.value.start })?.key {
            close(oldest)
        }
        let opened = Open(snapshot: snapshot, producer: who, start: line)
        open[stream] = opened
        readAny = true
        return opened
    }

    /// Ends the snapshot open in a stream.
    private func close(_ stream: String) {
        guard let closing = open.removeValue(forKey: stream) else { return }
        if closing.snapshot.values.isEmpty, closing.snapshot.metadata.isEmpty { return }
        release(closing.snapshot)
    }

    private func release(_ snapshot: Snapshot) {
        var snapshot = snapshot
        for (id, absent) in snapshot.absentBits.sorted(by: { $0.key < $1.key }) {
            let name = catalog.field(id: id)?.name ?? id
            snapshot.notes[id, default: []].append(
                absent == 0xffff_ffff && (catalog.field(id: id)?.size ?? 0) == 8
                    ? "only \(name)_HIGH was in the input: bits 31:0 are not"
                    : "\(bitList(absent)) of it are not in the input, which gave only some of its parts")
        }
        snapshot.index = index
        index += 1
        ready.append(snapshot)
    }

    /// Metadata for the snapshot a producer's message belongs to: the open one, or the next.
    private func note(_ entry: (key: String, value: String), stream: String) {
        if let current = open[stream] {
            current.snapshot.metadata.append(entry)
        } else {
            pending[stream, default: Pending()].metadata.append(entry)
        }
    }

    private func record(_ kind: RecordedFailure.Kind, _ marked: MarkedLine, stream: String) {
        let failure = RecordedFailure(kind: kind, text: String(marked.content), location: context.location(marked.number))
        if let current = open[stream] {
            current.snapshot.failures.append(failure)
        } else {
            pending[stream, default: Pending()].failures.append(failure)
        }
    }

    func finish(into output: inout ReaderOutput) throws {
        for stream in dune.keys.sorted() {
            if let dump = dune[stream] { finishDune(stream, endedEarly: dump.start, output: &output) }
        }
        for (stream, _) in open.sorted(by: { $0.value.start < $1.value.start }) { close(stream) }
        output.snapshots += ready
        ready = []
        if !readAny || index == 0 {
            // Lines that named fields with values that could not be read: say the first.
            if let warning = firstValueWarning, case .line(let number) = warning.location.position {
                throw InspectError(
                    SourceLocation(file: name), "no field line could be read (line \(number): \(warning.message))")
            }
            throw InspectError(SourceLocation(file: name), "no field lines found (expected lines such as 'GUEST_RIP = 0xffffffff81000000')")
        }
    }

    /// Stores one pair; a warning when its value cannot be read.
    private func store(_ pair: Pair, _ target: Target, radix: Radix, marked: MarkedLine) -> InputWarning? {
        let field = target.field
        let location = context.location(marked.number)
        let stream = marked.stream
        if field.isByteString {
            // A byte string (the VMCB's instruction bytes): every byte, in memory order.
            let text = ([pair.value] + pair.rest).joined(separator: " ")
            guard let bytes = Self.bytes(text, count: field.size) else {
                return InputWarning(location, "cannot read '\(pair.name)': expected \(field.size) hex bytes, found '\(text.prefix(60))'")
            }
            if open[stream]?.snapshot.values[field.id] != nil { close(stream) }
            current(stream, line: marked.number, producer: marked.producer).snapshot.values[field.id] = .bytes(bytes)
            return nil
        }
        guard let value = Self.number(pair.value, radix: radix) else {
            return InputWarning(location, "cannot read the value of '\(pair.name)': '\(pair.value.prefix(40))'")
        }
        if let bits = target.bits {
            // A part sets its bits of the field; the parts of one field never start a snapshot.
            guard value >> UInt64(bits.width) == 0 else {
                return InputWarning(location, "value \(pair.value) does not fit the \(bits.width)-bit part '\(pair.name)' of \(field.name)")
            }
            let dump = current(stream, line: marked.number, producer: marked.producer)
            // The bits no part has given yet are unknown, not 0 (Kontain's `type:` and
            // `present:` without the line of `dpl:`, `s:` and the rest).
            let whole = field.size >= 8 ? ~UInt64(0) : (UInt64(1) << UInt64(field.size * 8)) - 1
            let unknown = dump.snapshot.values[field.id] == nil ? whole : (dump.snapshot.absentBits[field.id] ?? 0)
            let old = dump.snapshot.values[field.id]?.integer ?? 0
            dump.snapshot.values[field.id] = .integer(bits.insert(value, into: old))
            let left = unknown & ~bits.mask
            dump.snapshot.absentBits[field.id] = left == 0 ? nil : left
            return nil
        }
        let part = target.isHighHalf ? "\(field.id)#high" : field.id
        if let existing = open[stream], existing.snapshot.values[field.id] != nil, !target.isHighHalf,
            existing.halves.contains(part) || !existing.halves.contains("\(field.id)#high")
        {
            close(stream)
        }
        let width = target.isHighHalf ? 32 : field.size * 8
        if width < 64, value >> UInt64(width) != 0 {
            return InputWarning(
                location, "value \(pair.value) does not fit the \(width)-bit field \(target.isHighHalf ? field.name + "_HIGH" : field.name)"
            )
        }
        let dump = current(stream, line: marked.number, producer: marked.producer)
        let old = dump.snapshot.values[field.id]?.integer ?? 0
        let merged =
            target.isHighHalf
            ? (old & 0xffff_ffff) | (value << 32)
            : (dump.halves.contains("\(field.id)#high") ? (old & ~0xffff_ffff) | (value & 0xffff_ffff) : value)
        dump.snapshot.values[field.id] = .integer(merged)
        // The high half alone leaves bits 31:0 unknown, not 0, until the field or its low half
        // comes.
        if target.isHighHalf, !dump.halves.contains(field.id) {
            dump.snapshot.absentBits[field.id] = 0xffff_ffff
        } else if !target.isHighHalf {
            dump.snapshot.absentBits[field.id] = nil
        }
        dump.halves.insert(part)
        if let note = target.note { dump.snapshot.notes[field.id, default: []].append(note) }
        return nil
    }

    /// Puts a value read by encoding (HAXM's lines).
    private func put(_ value: UInt64, in field: FieldDefinition, of dump: Open, location: SourceLocation, output: inout ReaderOutput) {
        let width = field.size * 8
        if width < 64, value >> UInt64(width) != 0 {
            output.warn(location, "value \(String(value, radix: 16)) does not fit the \(width)-bit field \(field.name)")
            return
        }
        dump.snapshot.values[field.id] = .integer(value)
    }
}

extension String {
    /// `0x` and at least four hex digits, as VMCS encodings are written.
    init(format16 value: UInt32) {
        let digits = String(value, radix: 16)
        self = "0x" + String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }
}

extension Substring {
    /// The substring without trailing characters from `characters`.
    func trimmingSuffix(_ characters: String) -> Substring {
        droppingLast { characters.contains($0) }
    }
}

extension String {
    func trimmingSuffix(_ characters: String) -> String { String(Substring(self).trimmingSuffix(characters)) }
}
