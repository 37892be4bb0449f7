extension InputFormat {
    /// VirtualBox's release log (VBox.log) after a Guru Meditation.
    public static let vbox = InputFormat(
        "vbox", title: "VirtualBox Guru Meditation (VBox.log)",
        example: "00:00:05.485434 cs={1a2b base=000000000001a2b0 limit=0000ffff flags=000000f3} dr0=00000000 dr1=00000000", isLog: true)
}

/// What VirtualBox writes to VBox.log when a VM stops with a Guru Meditation, read from its
/// printing code (VirtualBox 4.3 to 7.2):
///
/// - `HMR3CheckError()` (src/VBox/VMM/VMMR3/HM.cpp), before the banner, for VT-x statuses:
///   `HM: VERR_VMX_INVALID_GUEST_STATE:`, then per vCPU `HM: CPU[%u] HM error = %#RX32 (%RU32)`,
///   `HM: CPU[%u] Guest-intr. state = %#RX32`; for VERR_VMX_UNABLE_TO_START_VM `HM: CPU[%u]
///   Instruction error    %#x`, `Exit reason          %#x` and, for error 7, the controls
///   (`PinCtls`, `ProcCtls`, `ProcCtls2`, `EntryCtls`, `ExitCtls` as `%#RX32`, one `HM:   VMX_…`
///   line per set bit, the MSR areas as `%#RHp`, the counts as `%u`). 4.3 spells it
///   `HM: CPU%d instruction error %#x`.
/// - `VMMR3FatalDump()` (VMMGuruMeditation.cpp): a line of 70 `!`, `!!         VCPU%u: Guru
///   Meditation %d (%Rrc)`, `!!` lines (in raw mode `!! TRAP=%02x ERRCD=… CR2=… EIP=… Type=%d
///   cbInstr=%02x`), then info items each under `!! {name, args}`: among them `cpumguest
///   verbose` and, later, `hm`; a closing line of 70 `!`.
/// - `cpumR3InfoOne()` (CPUM.cpp), under `Guest CPUM (VCPU %u) state:`, in two layouts: outside
///   64-bit code `eax=%08x …`, `eip=%08x esp=%08x ebp=%08x iopl=%d %*s` (the flag words after
///   `iopl` are skipped: real logs disagree with the value, and 7.x prints `iopl=` twice), segments
///   as `cs={%04x base=%016RX64 limit=%08x flags=%08x}` with two debug or control registers after
///   them; in 64-bit code `rax=%016RX64 …` four to a line and the control and debug registers on
///   lines of their own. Both then `gdtr=%016RX64:%04x  idtr=…  eflags=%08x`, `ldtr={…}`,
///   `tr  ={…}`, `SysEnter={cs=%04llx eip=… esp=…}`, the XSAVE, FPU and vector registers, and
///   the MSRs `EFER         =%016RX64` … `KERNELGSBASE =%016RX64` (MTRRs after them in 7.x).
///   `flags=` is `CPUMSELREG.Attr.u`, which is the SDM's access-rights layout bit for bit
///   (bit 16 unusable), so it is the CPU-state catalog's access rights as printed.
/// - `hmR3Info()` (HM.cpp), the `hm` item: `CPU[%u]: VT-x info:` or `CPU[%u]: AMD-V info:`,
///   `  HM error           = %#x (%u)`, `  rcLastExitToR3     = %Rrc`, and for VT-x
///   `  Guest VMCS active`, `    Real-on-v86 active = %RTbool` with, when true, the saved
///   real-mode `EFlags` and `Attr CS` … `Attr GS` (what the guest had before VirtualBox ran it in
///   virtual-8086 mode; kept as metadata, never as the VMCS's fields).
///
/// Every line carries the release logger's `HH:MM:SS.ffffff` (LogLine takes it off). All
/// numbers are hex without `0x` in the register dump (`%x`, `%RX64`), with `0x` in the HM lines
/// (`%#x`, `%#RX32`: a zero prints as `0`), decimal where `%u`/`%d`.
///
/// The register state is the vendor-neutral CPU state. It becomes a VMCS (with the VMCS fields
/// the HM lines print) when VirtualBox says VT-x ran the guest (a VERR_VMX_/VINF_VMX_ status, a
/// `VT-x info` block), a VMCB when it says AMD-V did; otherwise it stays CPU state. Each vCPU's
/// state is a snapshot of its own; the banner's status and the HM lines of the vCPU go with it.
struct VirtualBoxGuruDump: LogDumpKind {
    var format: InputFormat { .vbox }
    var markers: [String] {
        ["Guru Meditation", "!!!!!!!!!!!!!!!!!!!!", "HM: VERR_", "HM: VMX setup failed", "Guest CPUM", "VT-x info:", "AMD-V info:"]
    }

    func score(_ head: HeadSample) -> Score {
        var rows = 0
        for line in head.nonEmpty {
            // The kinds scored here are lines starting `!!`, `HM:`, `Guest CPUM` or `CPU[`, and
            // register rows, which hold an `=`; a line with none of those is none of them.
            let content = line.content
            guard content.utf8.contains(UInt8(ascii: "=")) || content.utf8.contains(UInt8(ascii: "!"))
                || ByteSearch.contains(content, "CPU") || ByteSearch.contains(content, "HM:")
            else { continue }
            let text = VirtualBoxLine.split(content).text
            switch VirtualBoxLine.classify(text) {
            case .banner, .cpumHeader, .hmInfoHeader:
                return Score(100, "'\(text.prefix(50))' on line \(line.number)")
            case .hmStatus:
                return Score(90, "'\(text.prefix(50))' on line \(line.number)")
            case .registers(let pairs) where pairs.contains(where: \.isSegment):
                rows += 1
                if rows >= 2 { return Score(70, "VirtualBox register rows such as '\(text.prefix(30))' (line \(line.number))") }
            default:
                continue
            }
        }
        return .none
    }

    func begin(_ line: LogLine, context: ReaderContext, after previous: Snapshot?) -> (any DumpBuilder)? {
        let (prefix, text) = VirtualBoxLine.split(line.content)
        switch VirtualBoxLine.classify(text) {
        case .border, .banner, .hmStatus, .hmInfoHeader:
            return VirtualBoxGuruBuilder(context: context, line: line, prefix: prefix, carried: nil)
        case .cpumHeader:
            // The next vCPU of the same `cpumguest` item: the Guru's header lines come along.
            let carried = previous.flatMap { $0.format == .vbox ? VirtualBoxGuruBuilder.carried(in: $0) : nil }
            return VirtualBoxGuruBuilder(context: context, line: line, prefix: prefix, carried: carried)
        default:
            return nil
        }
    }

    func beginHeadless(_ line: LogLine, context: ReaderContext) -> (any DumpBuilder)? {
        let (prefix, text) = VirtualBoxLine.split(line.content)
        // Only rows no other producer prints: a segment in braces, or a run of general registers.
        guard case .registers(let pairs) = VirtualBoxLine.classify(text),
            pairs.contains(where: \.isSegment) || pairs.count >= 3 && (pairs.first?.name == "eax" || pairs.first?.name == "rax")
        else { return nil }
        return VirtualBoxGuruBuilder(context: context, line: line, prefix: prefix, carried: nil, headless: true)
    }
}

/// One line of a Guru Meditation, classified.
enum VirtualBoxLine {
    /// A line of 70 `!`.
    case border
    /// `!!         VCPU0: Guru Meditation -4014 (VERR_VMX_INVALID_GUEST_STATE)`.
    case banner(vcpu: Int?, code: String?, name: String?)
    /// Another `!!` line; `item` is set for `!! {cpumguest, verbose}` headers.
    case bang(item: String?, text: Substring)
    /// `HM: VERR_VMX_INVALID_GUEST_STATE:`, `HM: VMX setup failed with rc=VERR_…!`.
    case hmStatus(String)
    /// `HM: CPU[0] HM error = 0x23a (570)`: the vCPU, the label and the value (nil when the
    /// line is all words, `HM: CPU[0] Guest VMCS active`).
    case hmCPU(cpu: Int, label: String, value: String?)
    /// `HM:   VMX_PIN_CTLS_EXT_INT_EXIT`: a set bit of the control word printed above it.
    case hmFeature
    /// `HM: VERR_VMX_UNABLE_TO_START_VM: VM-entry allowed-1  0x…`, `HM: HCPhysVmxEnableError = …`.
    case hmGlobal(label: String, value: String)
    /// `Guest CPUM (VCPU 0) state:` (older: `Guest CPUM state:`).
    case cpumHeader(vcpu: Int?)
    /// `Host CPUM state:`, `Hypervisor CPUM state:`: registers that are not the guest's.
    case otherCPUMHeader
    /// `CPU[0]: VT-x info:` or `CPU[0]: AMD-V info:`.
    case hmInfoHeader(cpu: Int, family: VirtualBoxStatusFamily)
    /// `  HM error           = 0x23a (570)`, `  Guest VMCS active`: a line of the `hm` item.
    case hmInfo(label: String, value: String?)
    /// A line of the register dump.
    case registers([Register])
    /// A line of the register dump with nothing this tool keeps: XSAVE, FPU, vector and MTRR
    /// registers.
    case registerExtras
    case unrelated

    /// One `name=value` of the register dump.
    struct Register {
        var name: String
        var value: Value

        enum Value {
            case number(String)
            /// `{0008 base=… limit=… flags=…}`.
            case segment(selector: String, base: String, limit: String, flags: String)
            /// `0000000000101130:0017`.
            case table(base: String, limit: String)
            /// `{cs=0000 eip=… esp=…}`.
            case sysenter(cs: String, eip: String, esp: String)
        }

        var isSegment: Bool {
            if case .segment = value { return true }
            return false
        }
    }

    /// The text of a VirtualBox line and what came before it: nothing in VBox.log (LogLine
    /// took the timestamp off), or a console's one-word prefix (`machine# ` of NixOS's test
    /// driver) before a Guru Meditation's own words.
    static func split(_ content: String) -> (prefix: String, text: Substring) {
        let text = Substring(content)
        if startsLikeVirtualBox(text) { return ("", text) }
        guard let space = text.firstIndex(of: " "), text.distance(from: text.startIndex, to: space) <= 32,
            let mark = text[text.startIndex..<space].last, mark == "#" || mark == ">" || mark == "$" || mark == ":"
        else { return ("", text) }
        let rest = text[text.index(after: space)...].trimmingLeadingSpaces()
        guard startsLikeVirtualBox(rest) else { return ("", text) }
        return (String(text[text.startIndex..<rest.startIndex]), rest)
    }

    private static func startsLikeVirtualBox(_ text: Substring) -> Bool {
        text.hasPrefix("!!") || text.hasPrefix("HM: ") || text.hasPrefix("Guest CPUM") || text.hasPrefix("CPU[")
    }

    static func classify(_ text: Substring) -> VirtualBoxLine {
        if text.isEmpty { return .unrelated }
        if text.hasPrefix("!!") { return bang(text) }
        if text.hasPrefix("HM:") { return hm(text) }
        if text.hasPrefix("Guest CPUM") {
            guard text.hasSuffix(":") || ByteSearch.contains(text, "state:") else { return .unrelated }
            if let open = ByteSearch.find("(VCPU ", in: text) {
                let digits = text[open.upperBound...].prefix { $0.isASCIIDigit }
                return .cpumHeader(vcpu: Int(digits))
            }
            return .cpumHeader(vcpu: nil)
        }
        if text.hasPrefix("Host CPUM") || text.hasPrefix("Hypervisor CPUM") { return .otherCPUMHeader }
        if text.hasPrefix("CPU["), let close = text.firstIndex(of: "]"),
            let cpu = Int(text[text.index(text.startIndex, offsetBy: 4)..<close])
        {
            let rest = text[text.index(after: close)...]
            if rest == ": VT-x info:" { return .hmInfoHeader(cpu: cpu, family: .vmx) }
            if rest == ": AMD-V info:" { return .hmInfoHeader(cpu: cpu, family: .svm) }
            return .unrelated
        }
        if isExtra(text) { return .registerExtras }
        if let registers = registers(text) { return .registers(registers) }
        if let pair = labelled(text) { return .hmInfo(label: pair.label, value: pair.value) }
        return .unrelated
    }

    /// `!!` lines: the border, the banner, item headers, the rest.
    private static func bang(_ text: Substring) -> VirtualBoxLine {
        if text.utf8.count >= 60, text.utf8.allSatisfy({ $0 == UInt8(ascii: "!") }) { return .border }
        let body = text.dropFirst(2).trimmingSpaces()
        // Older VirtualBox versions (2.1 and 4.x logs show it) printed the banner without `VCPUn: `.
        let marker = body.hasPrefix("VCPU") ? ByteSearch.find(": Guru Meditation ", in: body) : nil
        if marker != nil || body.hasPrefix("Guru Meditation ") {
            let vcpu = marker.flatMap { Int(body[body.index(body.startIndex, offsetBy: 4)..<$0.lowerBound]) }
            let rest = body[(marker?.upperBound ?? body.index(body.startIndex, offsetBy: 16))...]
            let code = rest.split(separator: " ").first.map(String.init)
            var name: String?
            if let open = rest.firstIndex(of: "("), let close = rest.lastIndex(of: ")"), open < close {
                name = String(rest[rest.index(after: open)..<close])
            }
            return .banner(vcpu: vcpu, code: code, name: name)
        }
        if body.hasPrefix("{"), body.hasSuffix("}") {
            let inside = body.dropFirst().dropLast()
            let item = inside.split(separator: ",").first.map { String($0.trimmingSpaces()) }
            return .bang(item: item, text: body)
        }
        return .bang(item: nil, text: body)
    }

    /// `HM:` lines of `HMR3CheckError()` and of a failed VT-x setup.
    private static func hm(_ text: Substring) -> VirtualBoxLine {
        let rest = text.dropFirst(3).trimmingLeadingSpaces()
        if rest.hasPrefix("VMX_") || rest.hasPrefix("SVM_") { return .hmFeature }
        if rest.hasPrefix("VERR_") || rest.hasPrefix("VINF_") {
            let name = rest.prefix { $0 != ":" && $0 != " " }
            let after = rest.dropFirst(name.count).drop { $0 == ":" }.trimmingSpaces()
            if after.isEmpty { return .hmStatus(String(name)) }
            guard let pair = labelAndValue(after), let value = pair.value else { return .unrelated }
            return .hmGlobal(label: pair.label, value: value)
        }
        if rest.hasPrefix("VMX setup failed with rc=") {
            let name = rest.dropFirst(25).prefix { $0 != "!" && $0 != " " }
            return name.isEmpty ? .unrelated : .hmStatus(String(name))
        }
        if rest.hasPrefix("HCPhysVmxEnableError"), let pair = labelAndValue(rest), let value = pair.value {
            return .hmGlobal(label: pair.label, value: value)
        }
        // `CPU[0] …` (4.3 and later: `CPU0 …`, `Cpu0 …`).
        guard rest.hasPrefix("CPU") || rest.hasPrefix("Cpu") else { return .unrelated }
        var index = rest.index(rest.startIndex, offsetBy: 3)
        let bracketed = index < rest.endIndex && rest[index] == "["
        if bracketed { index = rest.index(after: index) }
        let digits = rest[index...].prefix { $0.isASCIIDigit }
        guard let cpu = Int(digits) else { return .unrelated }
        index = digits.endIndex
        if bracketed {
            guard index < rest.endIndex, rest[index] == "]" else { return .unrelated }
            index = rest.index(after: index)
        }
        guard let pair = labelAndValue(rest[index...].trimmingSpaces()) else { return .unrelated }
        return .hmCPU(cpu: cpu, label: pair.label, value: pair.value)
    }

    /// `Instruction error    0x7`, `HM error = 0x23a (570)`, `Guest VMCS active`: the words up
    /// to the first number (or `=`), and the rest.
    static func labelAndValue(_ text: Substring) -> (label: String, value: String?)? {
        let words = text.split(separator: " ")
        guard !words.isEmpty else { return nil }
        var label: [Substring] = []
        var rest = words[...]
        while let word = rest.first, word != "=", !isNumber(word) {
            label.append(word)
            rest = rest.dropFirst()
        }
        if rest.first == "=" { rest = rest.dropFirst() }
        guard !label.isEmpty else { return nil }
        return (label.joined(separator: " "), rest.isEmpty ? nil : rest.joined(separator: " "))
    }

    /// `name = value` lines of the `hm` item (and of other items).
    private static func labelled(_ text: Substring) -> (label: String, value: String?)? {
        if let equals = text.firstIndex(of: "=") {
            let label = text[text.startIndex..<equals].trimmingSpaces()
            let value = text[text.index(after: equals)...].trimmingSpaces()
            // `HM error`, `rcLastExitToR3`, `Real-on-v86 active`, `Attr CS`: words, no punctuation.
            guard !label.isEmpty, !value.isEmpty,
                label.utf8.allSatisfy({ $0.isLetter || $0.isDigit || $0 == 0x20 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
            else { return nil }
            return (String(label), String(value))
        }
        if text.hasSuffix("VMCS active") { return (String(text), nil) }
        if text == "HM is not enabled for this VM!" { return (String(text), nil) }
        return nil
    }

    static func isNumber(_ word: Substring) -> Bool {
        word.hasPrefix("0x") ? NumberText.hex(word) != nil : !word.isEmpty && word.allSatisfy(\.isASCIIDigit)
    }

    /// Lines of the dump whose registers no catalog holds.
    private static func isExtra(_ text: Substring) -> Bool {
        for prefix in extraPrefixes where text.hasPrefix(prefix) { return true }
        // `K0=…  K1=…` (AVX-512 opmask registers).
        if text.first == "K", let second = text.dropFirst().first, second.isASCIIDigit { return true }
        return false
    }

    static let extraPrefixes = [
        "xcr=", "FCW=", "res1=", "FPUIP=", "FPUDP=", "ST(", "XMM", "YMM", "ZMM", "BNDREG", "BNDCFG", "RsrvdRest", "MTRR_", "MSR:",
    ]

    /// The registers of a register-dump line; nil when the line is not one (its first name is
    /// not a register the dump prints).
    static func registers(_ text: Substring) -> [Register]? {
        var result: [Register] = []
        var rest = text
        while true {
            rest = rest.trimmingLeadingSpaces()
            guard !rest.isEmpty else { break }
            guard let equals = rest.firstIndex(of: "=") else { return result.isEmpty ? nil : result }
            let name = String(rest[rest.startIndex..<equals].trimmingSpaces())
            guard !name.isEmpty, !name.contains(" "), name.utf8.allSatisfy({ $0.isLetter || $0.isDigit }) else {
                return result.isEmpty ? nil : result
            }
            if result.isEmpty, !firstNames.contains(name) { return nil }
            var after = rest[rest.index(after: equals)...]
            if after.first == "{" {
                guard let close = after.firstIndex(of: "}") else { return result.isEmpty ? nil : result }
                let inside = after[after.index(after: after.startIndex)..<close]
                after = after[after.index(after: close)...]
                guard let value = braced(inside) else { return nil }
                result.append(Register(name: name, value: value))
            } else {
                let token = after.prefix { $0 != " " }
                after = after.dropFirst(token.count)
                if name == "iopl" {
                    // The flag words that follow (and 7.x's second `iopl=`) say nothing the
                    // eflags value does not.
                    return result
                }
                if let colon = token.firstIndex(of: ":") {
                    result.append(
                        Register(
                            name: name,
                            value: .table(base: String(token[token.startIndex..<colon]), limit: String(token[token.index(after: colon)...]))
                        ))
                } else {
                    result.append(Register(name: name, value: .number(String(token))))
                }
            }
            rest = after
        }
        return result.isEmpty ? nil : result
    }

    private static func braced(_ inside: Substring) -> Register.Value? {
        var parts: [String: String] = [:]
        var selector: String?
        for token in inside.split(separator: " ") {
            if let equals = token.firstIndex(of: "=") {
                parts[String(token[token.startIndex..<equals])] = String(token[token.index(after: equals)...])
            } else if selector == nil {
                selector = String(token)
            } else {
                return nil
            }
        }
        if let selector, let base = parts["base"], let limit = parts["limit"], let flags = parts["flags"] {
            return .segment(selector: selector, base: base, limit: limit, flags: flags)
        }
        if selector == nil, let cs = parts["cs"], let eip = parts["eip"], let esp = parts["esp"] {
            return .sysenter(cs: cs, eip: eip, esp: esp)
        }
        return nil
    }

    /// The names that start a line of the register dump, in either layout.
    static let firstNames: Set<String> = [
        "eax", "eip", "rax", "rsi", "r10", "r14", "rip", "cs", "ds", "es", "fs", "gs", "ss", "cr0", "dr0", "dr4", "gdtr", "ldtr", "tr",
        "SysEnter", "EFER", "PAT", "STAR", "CSTAR", "LSTAR", "SFMASK", "KERNELGSBASE",
    ]

    /// The general registers, RIP and RSP, by the names both layouts print.
    static let generalRegisters: [String: String] = [
        "eax": "cpu.rax", "ebx": "cpu.rbx", "ecx": "cpu.rcx", "edx": "cpu.rdx", "esi": "cpu.rsi", "edi": "cpu.rdi",
        "eip": "cpu.rip", "esp": "cpu.rsp", "ebp": "cpu.rbp",
        "rax": "cpu.rax", "rbx": "cpu.rbx", "rcx": "cpu.rcx", "rdx": "cpu.rdx", "rsi": "cpu.rsi", "rdi": "cpu.rdi",
        "rip": "cpu.rip", "rsp": "cpu.rsp", "rbp": "cpu.rbp",
        "r8": "cpu.r8", "r9": "cpu.r9", "r10": "cpu.r10", "r11": "cpu.r11", "r12": "cpu.r12", "r13": "cpu.r13", "r14": "cpu.r14",
        "r15": "cpu.r15",
    ]

    /// The other single-value registers.
    static let otherRegisters: [String: String] = [
        "cr0": "cpu.cr0", "cr2": "cpu.cr2", "cr3": "cpu.cr3", "cr4": "cpu.cr4",
        "dr0": "cpu.dr0", "dr1": "cpu.dr1", "dr2": "cpu.dr2", "dr3": "cpu.dr3", "dr6": "cpu.dr6", "dr7": "cpu.dr7",
        "eflags": "cpu.rflags",
        "EFER": "cpu.efer", "PAT": "cpu.pat", "STAR": "cpu.star", "CSTAR": "cpu.cstar", "LSTAR": "cpu.lstar", "SFMASK": "cpu.sfmask",
        "KERNELGSBASE": "cpu.kernel_gs_base",
    ]

    /// DR4 and DR5, which VirtualBox prints from slots of its own: aliases of DR6 and DR7 (with
    /// CR4.DE clear) that no VMCS or VMCB field holds.
    static let ignoredRegisters: Set<String> = ["dr4", "dr5"]

    static let segmentNames: Set<String> = ["cs", "ds", "es", "fs", "gs", "ss", "ldtr", "tr"]
}

/// One Guru Meditation being read: the lines before the banner, the banner, and one vCPU's
/// register state (the next vCPU's state is a dump of its own, which the header lines follow).
final class VirtualBoxGuruBuilder: DumpBuilder {
    let context: ReaderContext
    /// A console's prefix before each line (`machine# `), or "".
    let prefix: String
    private(set) var isComplete = false
    /// True when the dump starts at a register line (its first lines were lost).
    let headless: Bool

    private enum Phase {
        /// HM lines, the banner, `!!` lines.
        case header
        /// Inside `Guest CPUM … state:`.
        case guestState
        /// Inside the `hm` item's `VT-x info` block.
        case hmInfo
        /// Inside any other info item.
        case item
    }

    private var phase = Phase.header
    private let location: SourceLocation
    private var metadata: [(key: String, value: String)] = []
    private var cpuValues: [String: FieldValue] = [:]
    private var pageNotes: [String] = []
    /// The vCPU whose state this is.
    private var vcpu: Int?
    private var guruVCPU: Int?
    private var status: String?
    /// What VirtualBox said ran the guest.
    private var families: Set<VirtualBoxStatusFamily> = []
    /// `HM: CPU[n] …` lines by vCPU, applied to this dump's vCPU when it is known.
    private var hmLines: [(cpu: Int, label: String, value: String?, line: Int, text: String)] = []
    /// The header lines (HM lines, the banner, `!!` trap lines), which the next vCPU's dump of
    /// the same Guru Meditation is given.
    private var headerLines: [(number: Int, text: String)] = []
    private var sawBanner = false
    private var sawBorder = false
    private var closed = false
    private var sawHMInfo = false
    private var registersComplete = false
    private var thirtyTwoBit = false
    /// Bits of registers the input does not give (`Snapshot.absentBits`), by CPU-state id.
    private var cpuAbsentBits: [String: UInt64] = [:]
    private var lastTime: Double?
    private var lastPlaced: Int
    private var warnedHeadless = false
    /// Warnings of the first line, read before any output was at hand.
    private var deferred: [InputWarning] = []

    static let producer = "VirtualBox Guru Meditation"
    /// The metadata key under which a dump's view for its successor holds the header lines.
    static let carryKey = "\u{1}vbox-header-line"

    /// A dump starting at `line`; `carried` are the header lines of the Guru Meditation whose
    /// previous vCPU's dump this one follows, read again here.
    init(context: ReaderContext, line: LogLine, prefix: String, carried: [(number: Int, text: String)]?, headless: Bool = false) {
        self.context = context
        self.prefix = prefix
        self.headless = headless
        location = context.location(line.number)
        lastPlaced = line.number
        if let stamp = line.timestamp { metadata.append(("log_time", stamp)) }
        var output = ReaderOutput()
        for (number, text) in carried ?? [] { _ = consume(text: Substring(text), number: number, into: &output) }
        _ = consume(line, into: &output)
        deferred = output.warnings
    }

    /// The header lines a dump's view carries for the next vCPU's dump.
    static func carried(in snapshot: Snapshot) -> [(number: Int, text: String)]? {
        let lines = snapshot.metadata.filter { $0.key == carryKey }.compactMap { entry -> (Int, String)? in
            guard let tab = entry.value.firstIndex(of: "\t"), let number = Int(entry.value[entry.value.startIndex..<tab]) else {
                return nil
            }
            return (number, String(entry.value[entry.value.index(after: tab)...]))
        }
        return lines.isEmpty ? nil : lines
    }

    /// The dump as read so far; its metadata also holds the header lines for the next vCPU's
    /// dump (`begin(after:)` is given this view, not the snapshot `finish` hands out).
    var snapshot: Snapshot {
        var view = assembled()
        view.metadata += headerLines.map { (Self.carryKey, "\($0.number)\t\($0.text)") }
        return view
    }

    func consume(_ line: LogLine, into output: inout ReaderOutput) -> DumpLine {
        if !deferred.isEmpty {
            output.warnings += deferred
            deferred = []
        }
        var text = Substring(line.content)
        if !prefix.isEmpty {
            if text == prefix.trimmingSpaces() { return sawBanner || sawBorder ? .recognized : .notMine }
            guard text.hasPrefix(prefix) else {
                // The console stopped printing VirtualBox's lines: the dump ends here.
                isComplete = true
                return .notMine
            }
            text = text.dropFirst(prefix.count).trimmingLeadingSpaces()
        }
        if let stamp = line.timestamp, let time = Self.seconds(stamp) {
            // An excerpt pasted after a later one (the clock went back) is another dump.
            if let last = lastTime, time < last, hasContent { return .startsAnother }
            lastTime = time
        }
        return consume(text: text, number: line.number, into: &output)
    }

    private var hasContent: Bool { !cpuValues.isEmpty || sawHMInfo || sawBanner }

    private func consume(text: Substring, number: Int, into output: inout ReaderOutput) -> DumpLine {
        if text.isEmpty { return sawBanner || phase != .header ? .recognized : .notMine }
        switch VirtualBoxLine.classify(text) {
        case .border:
            if closed { return .startsAnother }
            if sawBanner || !cpuValues.isEmpty || sawHMInfo {
                closed = true
                isComplete = true
            }
            sawBorder = true
            return .recognized
        case .banner(let bannerVCPU, let code, let name):
            if sawBanner || !cpuValues.isEmpty || sawHMInfo { return .startsAnother }
            sawBanner = true
            guruVCPU = bannerVCPU
            if let bannerVCPU { metadata.append(("guru_vcpu", String(bannerVCPU))) }
            if let name {
                noteStatus(name)
                if let code { metadata.append(("status_code", code)) }
                if let code, let number = Int32(code), let known = VirtualBoxDiagnostics.status(named: name), known.code != number {
                    pageNotes.append("VirtualBox printed \(name) as \(number); this tool's table (VirtualBox 7) numbers it \(known.code)")
                }
            } else if let code {
                metadata.append(("status_code", code))
                if let number = Int32(code), let known = VirtualBoxDiagnostics.status(code: number) { families.insert(known.family) }
            }
            remember(text, number)
            return .recognized
        case .bang(let item, let body):
            if let item {
                guard !closed else { return .notMine }
                switch item {
                case "cpumguest": phase = .header
                case "hm": phase = .hmInfo
                default: phase = .item
                }
                return .recognized
            }
            if phase == .header, body.hasPrefix("TRAP=") || body.hasPrefix("ACTIVE TRAP=") {
                trap(body)
                remember(text, number)
            }
            return .recognized
        case .hmStatus(let name):
            if sawBanner || !cpuValues.isEmpty || sawHMInfo { return .startsAnother }
            noteStatus(name)
            remember(text, number)
            return .recognized
        case .hmCPU(let cpu, let label, let value):
            if sawBanner || !cpuValues.isEmpty || sawHMInfo { return .startsAnother }
            if hmLines.count < 1024 { hmLines.append((cpu, label, value, number, String(text))) }
            remember(text, number)
            return .recognized
        case .hmFeature:
            return phase == .header && !sawBanner ? .recognized : .notMine
        case .hmGlobal(let label, let value):
            guard phase == .header, !sawBanner else { return .notMine }
            metadata.append((Self.key(label), value))
            remember(text, number)
            return .recognized
        case .cpumHeader(let n):
            if !cpuValues.isEmpty || vcpu != nil || sawHMInfo || closed { return .startsAnother }
            vcpu = n
            if let n { metadata.insert(("vcpu", String(n)), at: 0) }
            phase = .guestState
            return .recognized
        case .otherCPUMHeader:
            guard !closed else { return .notMine }
            phase = .item
            return .recognized
        case .hmInfoHeader(let cpu, let family):
            if sawHMInfo || closed { return .startsAnother }
            sawHMInfo = true
            phase = .hmInfo
            families.insert(family)
            if let vcpu, vcpu != cpu {
                pageNotes.append(
                    "the \(family == .vmx ? "VT-x" : "AMD-V") info block (line \(number)) is about CPU[\(cpu)], printed after this vCPU's state"
                )
            } else if vcpu == nil, cpuValues.isEmpty {
                vcpu = cpu
                metadata.insert(("vcpu", String(cpu)), at: 0)
            }
            metadata.append(("hm", family == .vmx ? "VT-x" : "AMD-V"))
            return .recognized
        case .hmInfo(let label, let value):
            switch phase {
            case .hmInfo:
                hmInfo(label, value)
                isComplete = true
                return .recognized
            case .item:
                return .recognized
            default:
                return .notMine
            }
        case .registers(let registers):
            switch phase {
            case .guestState:
                break
            case .header where !sawHMInfo:
                if !headless, !warnedHeadless {
                    warnedHeadless = true
                    output.warn(context.location(number), "register lines without their 'Guest CPUM (VCPU n) state:' line")
                }
                phase = .guestState
            case .item:
                return .recognized
            case .hmInfo, .header:
                return .startsAnother
            }
            if headless, !warnedHeadless {
                warnedHeadless = true
                output.warn(context.location(number), "dump starts at a register line; the lines before it are absent")
            }
            if registers.contains(where: { placed($0) }) { return .startsAnother }
            for register in registers { place(register, line: number, into: &output) }
            lastPlaced = number
            return .placed
        case .registerExtras:
            switch phase {
            case .guestState, .item: return .recognized
            default: return .notMine
            }
        case .unrelated:
            // Whatever the other info items print (CPUID leaves, timers, handlers …) belongs
            // to the Guru Meditation until its closing line; so do the state changes VMM logs
            // between HMR3CheckError's lines and the banner.
            if phase == .item, !closed { return .recognized }
            if phase == .header, !sawBorder,
                text.hasPrefix("Changing the VM state from ") || text.hasPrefix("Console: Machine state changed to ")
            {
                return .recognized
            }
            return .notMine
        }
    }

    func continues(_ previous: LogLine, with next: LogLine) -> Bool {
        // A register line wrapped by a mail client: the tail starts with a register of its own.
        guard case .registers = VirtualBoxLine.classify(Substring(previous.content)),
            let equals = next.content.firstIndex(of: "=")
        else { return false }
        let name = next.content[next.content.startIndex..<equals].trimmingSpaces()
        return VirtualBoxLine.generalRegisters[String(name)] != nil || VirtualBoxLine.otherRegisters[String(name)] != nil
            || VirtualBoxLine.segmentNames.contains(String(name)) || name == "idtr" || name == "eflags"
    }

    func finish(into output: inout ReaderOutput) -> Snapshot? {
        output.warnings += deferred
        deferred = []
        guard sawBanner || sawHMInfo || !cpuValues.isEmpty || !hmLines.isEmpty || status != nil else { return nil }
        if families.contains(.vmx) && families.contains(.svm) {
            output.warn(location, "VirtualBox names both VT-x and AMD-V here; the state is kept as CPU state")
        }
        if !registersComplete {
            if cpuValues.isEmpty {
                output.warn(location, "this Guru Meditation has no guest register state ('Guest CPUM … state:' lines)")
            } else {
                output.warn(
                    context.location(lastPlaced),
                    "this register dump ends early after this line: \(cpuValues.count) registers read, the rest are absent")
            }
        }
        return assembled()
    }

    /// The snapshot: the CPU state, converted when VirtualBox named the vendor, with the VMCS
    /// fields the HM lines print.
    private func assembled() -> Snapshot {
        var meta = metadata
        var vmcs: [String: FieldValue] = [:]
        var recorded: [RecordedFailure] = []
        applyHMLines(&meta, &vmcs, &recorded)
        var snapshot = Snapshot(
            architecture: .cpu, source: context.name, format: .vbox, producer: Self.producer, location: location, metadata: meta)
        snapshot.values = cpuValues
        snapshot.absentBits = cpuAbsentBits
        snapshot.pageNotes = pageNotes
        if thirtyTwoBit {
            snapshot.pageNotes.append(
                "VirtualBox printed the general registers, RIP and RSP as 32-bit values (its layout outside 64-bit code): their bits 63:32 are not in the input"
            )
        }
        snapshot.failures = recorded
        let vendor = families.subtracting([.hm, .other])
        if vendor.count == 1, let family = vendor.first {
            if family == .vmx {
                // CPUM holds the guest's own view; the VMCS VirtualBox writes has the bits VMX
                // operation fixes to 1 set as well, hidden from the guest by the read shadows.
                for register in ["cr0", "cr4"] where snapshot.values["cpu.\(register)"] != nil {
                    snapshot.notes["cpu.\(register)", default: []].append(
                        "VirtualBox's copy of the guest's \(register.uppercased()); the VMCS field also has the bits VMX operation fixes to 1 (IA32_VMX_\(register.uppercased())_FIXED0) set"
                    )
                }
            }
            snapshot = snapshot.converted(to: family == .vmx ? .vmx : .svm)
            if family == .vmx {
                // Rules that need the fixed bits are undecided on the guest's view (SDM Vol. 3
                // (325384-084) A.7 and A.8: PE, NE, PG and VMXE).
                if snapshot.values["guest.cr0"] != nil { snapshot.guestViewBits["guest.cr0"] = 1 << 0 | 1 << 5 | 1 << 31 }
                if snapshot.values["guest.cr4"] != nil { snapshot.guestViewBits["guest.cr4"] = 1 << 13 }
            }
            if family == .vmx {
                for (id, value) in vmcs where snapshot.values[id] == nil { snapshot.values[id] = value }
            }
        }
        return snapshot
    }

    /// The `HM: CPU[n]` lines of this dump's vCPU (or, when the dump names none, of the vCPU the
    /// banner names, or of the only vCPU the lines name).
    private func applyHMLines(
        _ meta: inout [(key: String, value: String)], _ vmcs: inout [String: FieldValue], _ recorded: inout [RecordedFailure]
    ) {
        let cpus = Set(hmLines.map(\.cpu))
        guard let cpu = vcpu ?? guruVCPU ?? (cpus.count == 1 ? cpus.first : nil) else {
            if !hmLines.isEmpty {
                meta.append(("hm_lines", "\(hmLines.count) lines for CPU[\(cpus.sorted().map(String.init).joined(separator: ","))]"))
            }
            return
        }
        for entry in hmLines where entry.cpu == cpu {
            let key = FieldName.normalize(entry.label)
            let location = context.location(entry.line)
            if let id = Self.hmFields[key], let text = entry.value?.split(separator: " ").first {
                let decimal = Self.decimalHMFields.contains(key)
                guard let value = decimal ? UInt64(text) : NumberText.hex(text) else {
                    meta.append((Self.key(entry.label), entry.value ?? ""))
                    continue
                }
                vmcs[id] = .integer(value)
                if id == "exit.instruction_error", value != 0, value <= UInt64(UInt32.max) {
                    recorded.append(RecordedFailure(kind: .vmInstructionError(UInt32(value)), text: entry.text, location: location))
                }
                if id == "exit.reason", value & 0x8000_0000 != 0, value <= UInt64(UInt32.max) {
                    recorded.append(RecordedFailure(kind: .vmxExitReason(UInt32(value)), text: entry.text, location: location))
                }
            } else if key == "hmerror" {
                if !meta.contains(where: { $0.key == "hm_error" }), let value = entry.value?.split(separator: " ").first {
                    meta.append(("hm_error", String(value)))
                }
            } else if key.hasSuffix("vmcsactive"), entry.value == nil {
                meta.append(("vmcs_active", entry.label.hasPrefix("Nested") ? "Nested-guest" : "Guest"))
            } else {
                meta.append((Self.key(entry.label), entry.value ?? ""))
            }
        }
    }

    /// VMCS fields the HM lines print (HM.cpp `HMR3CheckError`, 4.3 to 7.2): what VirtualBox
    /// read from the VMCS after the failure, or its copy of what it wrote there.
    static let hmFields: [String: String] = [
        "instructionerror": "exit.instruction_error", "lastinstructionerror": "exit.instruction_error",
        "exitreason": "exit.reason", "guestintrstate": "guest.interruptibility",
        "pinctls": "ctrl.pin_based", "procctls": "ctrl.proc_based", "procctls2": "ctrl.proc_based2",
        "entryctls": "ctrl.entry", "exitctls": "ctrl.exit",
        "hcphysmsrbitmap": "ctrl.msr_bitmap", "hcphysguestmsrload": "ctrl.entry_msr_load_addr",
        "hcphysguestmsrstore": "ctrl.exit_msr_store_addr", "hcphyshostmsrload": "ctrl.exit_msr_load_addr",
        "centrymsrload": "ctrl.entry_msr_load_count", "cexitmsrstore": "ctrl.exit_msr_store_count",
        "cexitmsrload": "ctrl.exit_msr_load_count",
    ]

    /// The HM lines printed with `%u`.
    static let decimalHMFields: Set<String> = ["centrymsrload", "cexitmsrstore", "cexitmsrload"]

    /// A metadata key from VirtualBox's words (`VM-entry allowed-1` → `vm_entry_allowed_1`).
    static func key(_ label: String) -> String {
        var out: [UInt8] = []
        var previous: UInt8 = 0
        for byte in label.utf8.prefix(64) {
            let upper = byte >= 0x41 && byte <= 0x5a
            if byte.isLetter || byte.isDigit {
                // camelCase words: `HCPhysVmxEnableError` → `hc_phys_vmx_enable_error`.
                if upper, previous >= 0x61 && previous <= 0x7a, out.last != UInt8(ascii: "_") { out.append(UInt8(ascii: "_")) }
                out.append(upper ? byte + 0x20 : byte)
            } else if let last = out.last, last != UInt8(ascii: "_") {
                out.append(UInt8(ascii: "_"))
            }
            previous = byte
        }
        while out.last == UInt8(ascii: "_") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    private func noteStatus(_ name: String) {
        families.insert(VirtualBoxStatus.family(ofName: name))
        if status == nil {
            status = name
            metadata.append(("status", name))
        } else if status != name {
            metadata.append(("status", name))
        }
    }

    private func remember(_ text: Substring, _ number: Int) {
        guard headerLines.count < 1024 else { return }
        headerLines.append((number, String(text)))
    }

    /// The raw-mode trap line: `TRAP=0e ERRCD=… CR2=… EIP=… Type=0 cbInstr=ff` (6.x), `ACTIVE
    /// TRAP=%02x ERRCD=%RX32 CR2=%RGv PC=%RGr Type=%d cbInstr=%02x fIcebp=%RTbool (Guest!)` (7.x).
    private func trap(_ body: Substring) {
        let names = [
            "TRAP": "trap", "ERRCD": "trap_error_code", "CR2": "trap_cr2", "EIP": "trap_eip", "PC": "trap_pc", "Type": "trap_type",
            "cbInstr": "trap_instruction_length", "fIcebp": "trap_icebp",
        ]
        for token in body.split(separator: " ") {
            guard let equals = token.firstIndex(of: "="), let key = names[String(token[token.startIndex..<equals])] else { continue }
            metadata.append((key, String(token[token.index(after: equals)...])))
        }
    }

    /// A line of the `VT-x info` / `AMD-V info` block.
    private func hmInfo(_ label: String, _ value: String?) {
        let key = FieldName.normalize(label)
        switch key {
        case "hmerror":
            if let value = value?.split(separator: " ").first {
                if let index = metadata.firstIndex(where: { $0.key == "hm_error" }) {
                    if metadata[index].value != String(value) { metadata.append(("hm_error", String(value))) }
                } else {
                    metadata.append(("hm_error", String(value)))
                }
            }
        case "rclastexittor3":
            if let value {
                metadata.append(("rc_last_exit_to_r3", value))
                families.insert(VirtualBoxStatus.family(ofName: value))
            }
        case "guestvmcsactive", "nestedguestvmcsactive":
            metadata.append(("vmcs_active", key.hasPrefix("nested") ? "Nested-guest" : "Guest"))
        case "realonv86active":
            metadata.append(("real_on_v86", value ?? ""))
        case "eflags":
            metadata.append(("real_mode_eflags", value ?? ""))
        case "hmisnotenabledforthisvm!":
            metadata.append(("hm", "not enabled"))
        default:
            if key.hasPrefix("attr"), key.count == 6 {
                metadata.append(("real_mode_\(key.dropFirst(4))_attr", value ?? ""))
            } else {
                metadata.append((Self.key(label), value ?? ""))
            }
        }
    }

    /// True when the register was placed before: the line belongs to another vCPU's state.
    private func placed(_ register: VirtualBoxLine.Register) -> Bool {
        let name = register.name
        if let id = VirtualBoxLine.generalRegisters[name] ?? VirtualBoxLine.otherRegisters[name] { return cpuValues[id] != nil }
        switch register.value {
        case .segment: return cpuValues["cpu.\(name).selector"] != nil
        case .table: return cpuValues["cpu.\(name).base"] != nil
        case .sysenter: return cpuValues["cpu.sysenter_cs"] != nil
        case .number: return false
        }
    }

    private func place(_ register: VirtualBoxLine.Register, line: Int, into output: inout ReaderOutput) {
        let name = register.name
        switch register.value {
        case .number(let text):
            if VirtualBoxLine.ignoredRegisters.contains(name) { return }
            guard let id = VirtualBoxLine.generalRegisters[name] ?? VirtualBoxLine.otherRegisters[name] else {
                output.warn(context.location(line), "'\(name)' is not a register this tool knows; ignored")
                return
            }
            set(id, text, name: name, line: line, into: &output)
            if name.hasPrefix("e"), name != "eflags" {
                // `eip=%08x` and the like: bits 63:32 of the register are not in the input.
                thirtyTwoBit = true
                if cpuValues[id] != nil, Catalog.cpu.field(id: id)?.size == 8 { cpuAbsentBits[id] = 0xffff_ffff_0000_0000 }
            }
            if id == "cpu.kernel_gs_base" { registersComplete = true }
        case .segment(let selector, let base, let limit, let flags):
            guard VirtualBoxLine.segmentNames.contains(name) else {
                output.warn(context.location(line), "'\(name)' is not a segment register; ignored")
                return
            }
            set("cpu.\(name).selector", selector, name: "\(name) selector", line: line, into: &output)
            set("cpu.\(name).base", base, name: "\(name) base", line: line, into: &output)
            set("cpu.\(name).limit", limit, name: "\(name) limit", line: line, into: &output)
            set("cpu.\(name).ar", flags, name: "\(name) flags", line: line, into: &output)
        case .table(let base, let limit):
            guard name == "gdtr" || name == "idtr" else {
                output.warn(context.location(line), "'\(name)' is not a descriptor-table register; ignored")
                return
            }
            set("cpu.\(name).base", base, name: "\(name) base", line: line, into: &output)
            set("cpu.\(name).limit", limit, name: "\(name) limit", line: line, into: &output)
        case .sysenter(let cs, let eip, let esp):
            set("cpu.sysenter_cs", cs, name: "SysEnter cs", line: line, into: &output)
            set("cpu.sysenter_eip", eip, name: "SysEnter eip", line: line, into: &output)
            set("cpu.sysenter_esp", esp, name: "SysEnter esp", line: line, into: &output)
        }
    }

    private func set(_ id: String, _ text: String, name: String, line: Int, into output: inout ReaderOutput) {
        guard let field = Catalog.cpu.field(id: id) else { return }
        guard let value = NumberText.hex(text) else {
            output.warn(context.location(line), "cannot read the value of '\(name)': '\(text.prefix(40))'")
            return
        }
        let width = field.size * 8
        if width < 64, value >> UInt64(width) != 0 {
            output.warn(context.location(line), "value \(text) of '\(name)' does not fit its \(width)-bit field")
            return
        }
        cpuValues[id] = .integer(value)
    }

    /// Seconds from an elapsed time `HH:MM:SS.ffffff`.
    static func seconds(_ stamp: String) -> Double? {
        let parts = stamp.split(separator: ":")
        guard parts.count == 3, let hours = Double(parts[0]), let minutes = Double(parts[1]), let seconds = Double(parts[2]) else {
            return nil
        }
        return hours * 3600 + minutes * 60 + seconds
    }
}

extension Snapshot {
    /// The status a VBox.log snapshot records (`VERR_VMX_INVALID_GUEST_STATE`), or nil.
    var virtualBoxStatus: String? {
        format == .vbox ? metadata.first { $0.key == "status" }?.value : nil
    }

    /// The status, when this snapshot is of the vCPU the Guru Meditation names (or either vCPU
    /// is unknown): the log carries the status to the other vCPUs' dumps too, which did not fail.
    var virtualBoxGuruStatus: String? {
        let vcpu = metadata.first { $0.key == "vcpu" }?.value
        let guru = metadata.first { $0.key == "guru_vcpu" }?.value
        return vcpu == nil || guru == nil || vcpu == guru ? virtualBoxStatus : nil
    }

    /// The HM errors a VBox.log snapshot records (`hm_error` metadata, each number once; 0, which
    /// the vCPUs that did not fail print, left out), with what each means beside the status
    /// (nil: a number VirtualBox's tables do not name).
    var virtualBoxHMErrors: [(number: UInt32, diagnostic: VirtualBoxDiagnostic?)] {
        guard format == .vbox else { return [] }
        let status = virtualBoxStatus
        var seen = Set<UInt32>()
        var out: [(number: UInt32, diagnostic: VirtualBoxDiagnostic?)] = []
        for entry in metadata where entry.key == "hm_error" {
            guard let value = NumberText.hex(entry.value), value != 0, value <= UInt64(UInt32.max) else { continue }
            let number = UInt32(value)
            guard seen.insert(number).inserted else { continue }
            out.append((number, VirtualBoxDiagnostics.hmError(number, status: status)))
        }
        return out
    }
}
