extension InputFormat {
    /// QEMU's x86 CPU state dump (`x86_cpu_dump_state`) and the messages before it.
    public static let qemu = InputFormat(
        "qemu", title: "QEMU CPU state dump", example: "RIP=ffffffff8107a3b5 RFL=00000246 [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=0",
        isLog: true)
}

/// QEMU's x86 CPU state dump, `x86_cpu_dump_state()` (target/i386/cpu-dump.c since QEMU 6.0,
/// target/i386/helper.c or target-i386/helper.c before), as it follows a failed `KVM_RUN`
/// ("KVM: entry failed, hardware error 0x…", "KVM internal error. Suberror: N", "error: kvm
/// run failed …") or answers the monitor's `info registers`: raw on stderr, in a libvirt domain
/// log, through the journal or syslog (`qemu-system-x86_64[pid]: `), behind the monitor's
/// `(qemu) ` prompt, with CRLF line ends.
///
/// The format strings followed are those of QEMU 2.0 to 10.x, which are byte-identical for
/// everything read here (the 6.1 XMM/YMM/ZMM lines and 11.0's APX `R16=` rows are the only
/// additions): `RAX=%016lx …` four per line (`R8 =` with a space) or `EAX=%08x …` in the 32-bit
/// layout (chosen by CS.L with EFER.LMA, so a compatibility-mode guest prints 32-bit registers
/// and bases beside 64-bit descriptor tables), `RIP=%016lx RFL=%08x [DOSZAPC] CPL=%d II=%d
/// A20=%d SMM=%d HLT=%d`, segment lines `%-3s=%04x %016lx %08x %08x` (selector, base, byte-granular
/// limit, descriptor flags `& 0x00ffff00`) with a decoded suffix (`DPL=0 CS64 [-RA]`) only in
/// protected mode for a present segment, `GDT=     %016lx %08x`, `CR0=%08x CR2=%016lx CR3=%016lx
/// CR4=%08x`, `DR0=…` to `DR7=`, TCG's `CCS= CCD= CCO=`, `EFER=%016lx`, then `Code=` and 50 code
/// bytes (failures) or the FPU and vector registers (`info registers`). Every number is hex
/// without `0x` but for the five one-digit decimals of the RIP line and `DPL=`.
///
/// The registers become a vendor-neutral CPU state (`.cpu`), converted to VMCS or VMCB guest
/// state only when the error number names the vendor (see `failure(number:)`).
struct QEMUCPUDump: LogDumpKind {
    var format: InputFormat { .qemu }
    /// A byte string of every line `begin` takes (the log cleaner may have taken `KVM:` and
    /// `kvm:` off as a module prefix).
    var markers: [String] {
        [
            "KVM: entry failed", "KVM internal error", "kvm run failed", "unhandled exit", "unknown exit", "vm entry failed",
            "exit (error code", "info registers", "CPU#", "CPU #", "CPU Reset", "hardware error:", "RAX=", "EAX=",
            "Failed to put registers",
        ]
    }

    func score(_ head: HeadSample) -> Score {
        var rows = 0
        for line in head.nonEmpty {
            if let message = Self.message(line), message.isFailure, !message.isMonitor {
                if case .runFailed = message { continue }  // a plain error line; needs the registers to tell
                return Score(100, "'\(line.content.prefix(40))' on line \(line.number)")
            }
            let text = Self.withoutPrompt(Substring(line.content))
            guard let first = text.utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { continue }
            let items = Self.tokenize(text)
            if Self.isRIPLine(items) { return Score(100, "QEMU's 'RIP=… CPL= II= A20= SMM= HLT=' line (line \(line.number))") }
            if Self.isDumpRow(items) {
                rows += 1
                if rows >= 3 { return Score(70, "QEMU register dump rows such as '\(text.prefix(30))' (line \(line.number))") }
            }
        }
        return .none
    }

    func begin(_ line: LogLine, context: ReaderContext, after previous: Snapshot?) -> (any DumpBuilder)? {
        if let message = Self.message(line) {
            guard message.isFailure || message.isMonitor else { return nil }
            let builder = QEMUDumpBuilder(context: context, line: line)
            _ = builder.take(message, line)
            return builder
        }
        // A register block whose message was not pasted starts at its first line.
        let text = Self.withoutPrompt(Substring(line.content))
        guard text.hasPrefix("RAX=") || text.hasPrefix("EAX="), Self.isDumpRow(Self.tokenize(text)) else { return nil }
        let builder = QEMUDumpBuilder(context: context, line: line)
        var output = ReaderOutput()
        _ = builder.consume(line, into: &output)
        builder.defer(output.warnings)
        return builder
    }

    func beginHeadless(_ line: LogLine, context: ReaderContext) -> (any DumpBuilder)? {
        let text = Self.withoutPrompt(Substring(line.content))
        guard let first = text.utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z"), Self.isDumpRow(Self.tokenize(text))
        else {
            return nil
        }
        let builder = QEMUDumpBuilder(context: context, line: line)
        builder.defer([
            InputWarning(
                context.location(line.number),
                "the QEMU register dump starts at this line; the lines before it (from RAX= or EAX=) are absent")
        ])
        var output = ReaderOutput()
        _ = builder.consume(line, into: &output)
        builder.defer(output.warnings)
        return builder
    }

    // MARK: Messages around the dump

    /// A line QEMU prints before or around the registers.
    enum Message {
        /// `KVM: entry failed, hardware error 0x%llx` (kvm_arch_handle_exit, QEMU 0.14 to 10.x) or
        /// qemu-kvm's `kvm: vm entry failed with error 0x%llx`; the digits as printed.
        case entryFailure(digits: Substring, expectsDump: Bool)
        /// qemu-kvm 0.11 and 0.12's `kvm: unhandled exit %llx` (hex without `0x`), printed for
        /// `KVM_EXIT_FAIL_ENTRY` and `KVM_EXIT_UNKNOWN` alike, with no register dump after it.
        case unhandledExit(digits: Substring)
        /// `KVM internal error. Suberror: %d` (kvm_handle_internal_error; decimal).
        case internalError(suberror: Substring)
        /// `error: kvm run failed %s` (kvm_cpu_exec, with strerror's text).
        case runFailed(Substring)
        /// `KVM: unknown exit, hardware reason %llx` (hex without `0x`).
        case unknownExit(digits: Substring)
        /// `KVM: exception %d exit (error code 0x%x)`.
        case exception(vector: Substring, errorCode: Substring)
        /// `qemu: hardware error: …` (hw_error, which dumps every CPU and aborts).
        case hardwareError(Substring)
        /// error_report()'s `PROGRAM: Failed to put registers after init: %s` (kvm_cpu_exec()
        /// writing back registers QEMU changed, kvm_cpu_synchronize_post_init(), and the MSHV
        /// accelerator's mshv_cpu_exec()) or `… after reset: %s` (post_reset), with strerror's
        /// text, then the registers the accelerator refused to take.
        case putRegistersFailed(Substring)
        /// The monitor's `info registers` (with `-a`, a vCPU number), echoed after its prompt.
        case monitor(Substring)
        /// `CPU#%d` (info registers since 7.2, and `-a` since 2.10), `CPU #%d:` (hw_error),
        /// `CPU Reset (CPU %d)` (`-d cpu_reset`).
        case cpuHeader(index: Substring)
        /// `extra data[%d]: 0x%016llx` (6.1 and later) or `extra data[%d]: %llx` (hex without `0x`).
        case extraData(index: Substring, digits: Substring)
        /// `emulation failure`, after suberror 1.
        case emulationFailure
        /// qemu-kvm's `kvm_run returned %d`.
        case runReturned(Substring)
        /// A line of the hint QEMU prints after 0x80000021 on a VMX host.
        case hint

        /// A message that starts a dump of its own (and ends one that has its registers).
        var isFailure: Bool {
            switch self {
            case .entryFailure, .unhandledExit, .internalError, .runFailed, .unknownExit, .exception, .hardwareError, .putRegistersFailed:
                return true
            default: return false
            }
        }

        var isMonitor: Bool {
            switch self {
            case .monitor, .cpuHeader: return true
            default: return false
            }
        }
    }

    /// The hint after `0x80000021` when the host has VMX (target/i386/kvm/kvm.c since QEMU 1.0;
    /// 0.14 and 0.15 spelled "runnning"), and qemu-kvm's five-line version of it.
    static let hintLines: Set<String> = [
        "If you're running a guest on an Intel machine without unrestricted mode",
        "If you're runnning a guest on an Intel machine without unrestricted mode",
        "support, the failure can be most likely due to the guest entering an invalid",
        "state for Intel VT. For example, the guest maybe running in big real mode",
        "which is not supported on less recent Intel processors.",
        "If you're runnning a guest on an Intel machine without", "unrestricted mode support, the failure can be most likely",
        "due to the guest entering an invalid state for Intel VT.", "For example, the guest maybe running in big real mode",
    ]

    /// The line without the monitor prompts glued before it (`(qemu) KVM: entry failed…`: the
    /// vCPU thread printed while the prompt was on screen).
    static func withoutPrompt(_ text: Substring) -> Substring {
        var rest = text
        while rest.hasPrefix("(qemu)") {
            rest = rest.dropFirst(6).trimmingLeadingSpaces()
        }
        return rest
    }

    /// The message a line holds. The log cleaner takes `KVM:` and `kvm:` off as a kernel module
    /// prefix, so the prefix is put back before matching.
    static func message(_ line: LogLine) -> Message? {
        guard let first = line.content.utf8.first else { return nil }
        // Most lines of a log are refused on their first byte.
        switch first {
        case UInt8(ascii: "K"), UInt8(ascii: "k"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "C"), UInt8(ascii: "("),
            UInt8(ascii: "u"), UInt8(ascii: "v"), UInt8(ascii: "q"), UInt8(ascii: "I"), UInt8(ascii: "s"), UInt8(ascii: "w"),
            UInt8(ascii: "d"), UInt8(ascii: "F"), UInt8(ascii: "2"):
            break
        default:
            return nil
        }
        let full = line.module.map { "\($0) \(line.content)" } ?? line.content
        let text = withoutPrompt(Substring(full))
        if let rest = text.removingPrefix("KVM: entry failed, hardware error 0x"), isHex(rest) {
            return .entryFailure(digits: rest, expectsDump: true)
        }
        if let rest = text.removingPrefix("kvm: vm entry failed with error 0x"), isHex(rest) {
            return .entryFailure(digits: rest, expectsDump: false)
        }
        if let rest = text.removingPrefix("kvm: unhandled exit "), isHex(rest) { return .unhandledExit(digits: rest) }
        if let rest = text.removingPrefix("KVM internal error.") {
            let trimmed = rest.trimmingSpaces()
            if trimmed.isEmpty { return .internalError(suberror: "") }
            if let number = trimmed.removingPrefix("Suberror: "), NumberText.decimal(number) != nil {
                return .internalError(suberror: number)
            }
            return nil
        }
        if let rest = text.removingPrefix("error: kvm run failed ") ?? text.removingPrefix("kvm run failed ") {
            return .runFailed(rest)
        }
        if let rest = text.removingPrefix("KVM: unknown exit, hardware reason "), isHex(rest) { return .unknownExit(digits: rest) }
        if let rest = text.removingPrefix("KVM: exception "), let space = rest.firstIndex(of: " "),
            let code = rest[space...].removingPrefix(" exit (error code 0x"), code.hasSuffix(")")
        {
            return .exception(vector: rest[rest.startIndex..<space], errorCode: code.dropLast())
        }
        if let rest = text.removingPrefix("qemu: hardware error: ") { return .hardwareError(rest) }
        if let found = ByteSearch.find("Failed to put registers after ", in: text) {
            // After error_report()'s x86 program name (`qemu:`, `qemu-system-x86_64:`, Proxmox's
            // `kvm:`) or none, and before it the time `-msg timestamp=on` adds when the log
            // cleaner did not take it.
            var program = text[text.startIndex..<found.lowerBound]
            if let space = program.firstIndex(of: " "), isISOTime(program[program.startIndex..<space]) {
                program = program[program.index(after: space)...]
            }
            guard program.isEmpty || program.hasSuffix(": ") && x86Programs.contains(String(program.dropLast(2))) else { return nil }
            return .putRegistersFailed(text[found.upperBound...])
        }
        if text == "info registers" || text.hasPrefix("info registers ") {
            let arguments = text.dropFirst(14).split(separator: " ")
            guard arguments.count <= 2, arguments.allSatisfy({ $0 == "-a" || $0 == "vcpu" || $0.allSatisfy(\.isASCIIDigit) }) else {
                return nil
            }
            return .monitor(text)
        }
        if let rest = text.removingPrefix("CPU#"), !rest.isEmpty, rest.allSatisfy(\.isASCIIDigit) { return .cpuHeader(index: rest) }
        if let rest = text.removingPrefix("CPU #"), rest.hasSuffix(":"), rest.count > 1, rest.dropLast().allSatisfy(\.isASCIIDigit) {
            return .cpuHeader(index: rest.dropLast())
        }
        if let rest = text.removingPrefix("CPU Reset (CPU "), rest.hasSuffix(")"), rest.count > 1,
            rest.dropLast().allSatisfy(\.isASCIIDigit)
        {
            return .cpuHeader(index: rest.dropLast())
        }
        if let rest = text.removingPrefix("extra data["), let close = rest.firstIndex(of: "]") {
            let index = rest[rest.startIndex..<close]
            if index.allSatisfy(\.isASCIIDigit), let value = rest[close...].removingPrefix("]: "),
                isHex(value.removingPrefix("0x") ?? value)
            {
                return .extraData(index: index, digits: value.removingPrefix("0x") ?? value)
            }
            return nil
        }
        if text == "emulation failure" { return .emulationFailure }
        if let rest = text.removingPrefix("kvm_run returned "), NumberText.decimal(rest) != nil { return .runReturned(rest) }
        if hintLines.contains(String(text)) { return .hint }
        return nil
    }

    /// The names error_report() prefixes for an x86 QEMU: the binary's (Proxmox calls it `kvm`).
    static let x86Programs: Set<String> = ["qemu", "kvm", "qemu-kvm", "qemu-system-x86_64", "qemu-system-i386"]

    /// `2023-01-01T00:00:00.000000Z`, as QEMU's `-msg timestamp=on` writes it.
    static func isISOTime(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count >= 20 && bytes.count <= 32 && bytes[0..<4].allSatisfy(\.isDigit) && bytes[4] == UInt8(ascii: "-")
            && bytes[10] == UInt8(ascii: "T") && bytes.last == UInt8(ascii: "Z")
    }

    static func isHex(_ text: Substring) -> Bool { !text.isEmpty && text.utf8.count <= 16 && text.utf8.allSatisfy(\.isHexDigit) }

    /// Bare hex digits (the dump never writes `0x`), at most 16.
    static func hex(_ text: Substring) -> UInt64? { isHex(text) ? UInt64(text, radix: 16) : nil }

    /// What the number after "hardware error" is. It is what KVM stored in
    /// `kvm_run.fail_entry.hardware_entry_failure_reason`, which QEMU prints as it is
    /// (`0x%" PRIx64`, unpadded):
    ///
    /// - VMX (arch/x86/kvm/vmx/vmx.c, `__vmx_handle_exit`, Linux 2.6.3x to 6.x; TDX does the
    ///   same): a VM entry that failed after loading guest state stores the full exit reason,
    ///   bit 31 set (SDM Vol. 3 section 28.2.1: 0x80000021 invalid guest state, 0x80000022 MSR
    ///   loading, 0x80000029 machine check); a VMLAUNCH or VMRESUME that failed before
    ///   (`vmx->fail`, VMfailValid) stores VM_INSTRUCTION_ERROR, a small number (SDM Vol. 3
    ///   section 31.4: 5 VMRESUME of a non-launched VMCS, 7 invalid control fields, 8 invalid
    ///   host-state fields; 0 when no number was stored). So 0x7 is VM-instruction error 7,
    ///   never exit reason 7.
    /// - SVM (arch/x86/kvm/svm/svm.c, `svm_handle_exit`): only an exit code of SVM_EXIT_ERR
    ///   (VMEXIT_INVALID, -1) becomes `KVM_EXIT_FAIL_ENTRY`; other unknown codes become internal
    ///   error suberror 4. The exit code was a u32 before Linux 6.19 (printed `0xffffffff`) and
    ///   is a u64 since (`0xffffffffffffffff`); APM Vol. 2 appendix C gives the negative codes
    ///   as 64-bit, so a 32-bit one is sign-extended.
    ///
    /// Nothing else reaches this message, so the number also names the vendor. A number above
    /// 32 bits that is not a sign-extended negative code is neither, and gives nil.
    static func failure(number: UInt64) -> RecordedFailure.Kind? {
        if number >> 32 == 0xffff_ffff, number & 0x8000_0000 != 0 { return .svmExitCode(number) }
        guard number >> 32 == 0 else { return nil }
        if number >= 0xffff_0000 { return .svmExitCode(number | 0xffff_ffff_0000_0000) }
        if number & 0x8000_0000 != 0 { return .vmxExitReason(UInt32(number)) }
        return .vmInstructionError(UInt32(number))
    }

    // MARK: Register lines

    /// What a `NAME=` of the dump holds.
    enum Slot: Equatable {
        /// A general register (`narrow`: the 32-bit layout's `EAX=%08x`).
        case register(String, narrow: Bool)
        case rflags
        case cpl, ii, a20, smm, hlt
        /// `ES =` … `TR =`: the catalog's segment name.
        case segment(String)
        /// `GDT=`, `IDT=`.
        case table(String)
        /// CR0 to CR8, DR0 to DR7, EFER: one value.
        case single(String)
        /// TCG's lazy flags `CCS=`, `CCD=`, `CCO=`.
        case lazyFlags
        case code
        /// `DPL=` of a segment line's decoded suffix.
        case decoration
        /// The FPU and vector registers of `info registers` (no field).
        case vector
        /// QEMU 11's APX registers R16 to R31 (no field).
        case extended
    }

    static let slots: [String: Slot] = {
        var slots: [String: Slot] = [
            "RIP": .register("cpu.rip", narrow: false), "EIP": .register("cpu.rip", narrow: true),
            "RFL": .rflags, "EFL": .rflags, "CPL": .cpl, "II": .ii, "A20": .a20, "SMM": .smm, "HLT": .hlt,
            "LDT": .segment("ldtr"), "TR": .segment("tr"), "GDT": .table("gdtr"), "IDT": .table("idtr"),
            "EFER": .single("cpu.efer"), "CCS": .lazyFlags, "CCD": .lazyFlags, "CCO": .lazyFlags, "Code": .code, "DPL": .decoration,
            "FCW": .vector, "FSW": .vector, "FTW": .vector, "MXCSR": .vector,
        ]
        for name in ["ax", "bx", "cx", "dx", "si", "di", "bp", "sp"] {
            slots["R" + name.uppercased()] = .register("cpu.r" + name, narrow: false)
            slots["E" + name.uppercased()] = .register("cpu.r" + name, narrow: true)
        }
        for number in 8...15 { slots["R\(number)"] = .register("cpu.r\(number)", narrow: false) }
        for number in 16...31 { slots["R\(number)"] = .extended }
        for segment in ["es", "cs", "ss", "ds", "fs", "gs"] { slots[segment.uppercased()] = .segment(segment) }
        for number in [0, 2, 3, 4, 8] { slots["CR\(number)"] = .single("cpu.cr\(number)") }
        for number in [0, 1, 2, 3, 6, 7] { slots["DR\(number)"] = .single("cpu.dr\(number)") }
        for number in 0...7 {
            slots["FPR\(number)"] = .vector
            slots["Opmask0\(number)"] = .vector
        }
        for number in 0...31 {
            let index = number < 10 ? "0\(number)" : "\(number)"
            for kind in ["XMM", "YMM", "ZMM"] { slots[kind + index] = .vector }
        }
        return slots
    }()

    /// One `NAME=value` of a line with the bare tokens after it (a segment's base, limit and
    /// flags, the flag letters after RFL, the words of a segment's suffix).
    struct Item {
        var name: Substring
        var value: Substring
        var extras: [Substring] = []
        var slot: Slot? { QEMUCPUDump.slots[String(name)] }
    }

    /// Splits a line into items; tokens before the first item are `leading`. `ES =0000` and
    /// `R8 =0000`, with QEMU's space before `=`, are items named `ES` and `R8`; runs of spaces
    /// count as one (pastes collapse `GDT=     ` to `GDT= `).
    static func tokenize(_ text: Substring) -> (leading: [Substring], items: [Item]) {
        var leading: [Substring] = []
        var items: [Item] = []
        for token in text.split(separator: " ") {
            if token.first == "=" {
                if let last = items.indices.last, let name = items[last].extras.last, isName(name) {
                    items[last].extras.removeLast()
                    items.append(Item(name: name, value: token.dropFirst()))
                    continue
                }
                if items.isEmpty, let name = leading.last, isName(name) {
                    leading.removeLast()
                    items.append(Item(name: name, value: token.dropFirst()))
                    continue
                }
            } else if token.first != "[", let equals = token.firstIndex(of: "="), equals != token.startIndex {
                items.append(Item(name: token[token.startIndex..<equals], value: token[token.index(after: equals)...]))
                continue
            }
            if let last = items.indices.last {
                items[last].extras.append(token)
            } else {
                leading.append(token)
            }
        }
        return (leading, items)
    }

    static func isName(_ word: Substring) -> Bool {
        !word.isEmpty && word.utf8.count <= 6 && word.utf8.allSatisfy { $0.isLetter || $0.isDigit }
    }

    /// True for the RIP or EIP line: its `CPL= II= A20= SMM= HLT=` tail is QEMU's alone.
    static func isRIPLine(_ line: (leading: [Substring], items: [Item])) -> Bool {
        guard line.leading.isEmpty, let first = line.items.first, first.name == "RIP" || first.name == "EIP", hex(first.value) != nil else {
            return false
        }
        let names = Set(line.items.map { String($0.name) })
        return ["CPL", "II", "A20", "SMM", "HLT"].allSatisfy(names.contains) && names.contains("RFL") != names.contains("EFL")
    }

    /// True for a whole row of the register dump that no other producer prints alike: every
    /// item a register of the dump with a well-formed value, segments with all four columns,
    /// control registers with CR2 (KVM's VMCS dump prints `CR0=… CR3=… CR4=…` host rows).
    static func isDumpRow(_ line: (leading: [Substring], items: [Item])) -> Bool {
        guard line.leading.isEmpty, line.items.contains(where: { $0.slot != .decoration }) else { return false }
        var names = Set<Substring>()
        for item in line.items {
            names.insert(item.name)
            guard let slot = item.slot else { return false }
            switch slot {
            case .register, .single:
                guard hex(item.value) != nil, item.extras.isEmpty else { return false }
            case .rflags:
                guard hex(item.value) != nil, item.extras.count <= 1 else { return false }
            case .cpl, .ii, .a20, .smm, .hlt:
                guard item.value.count == 1, item.value.allSatisfy(\.isASCIIDigit) else { return false }
            case .segment:
                let columns = item.extras.prefix { hex($0) != nil }
                guard hex(item.value) != nil, columns.count == 3 else { return false }
            case .table:
                let columns = ([item.value] + item.extras).filter { !$0.isEmpty }
                guard columns.count == 2, columns.allSatisfy({ hex($0) != nil }) else { return false }
            case .decoration:
                continue
            case .lazyFlags, .code, .vector, .extended:
                return false
            }
        }
        if names.contains(where: { $0.hasPrefix("CR") }) { return names.contains("CR2") }
        return true
    }

    // MARK: Segment flags

    /// The SDM access rights (Vol. 3 (325384-084) section 25.4.1, Table 25-2) of a segment whose
    /// flags QEMU printed. QEMU's `SegmentCache.flags` is laid out as the high dword of a
    /// descriptor (target/i386/cpu.h: type 11:8, S 12, DPL 14:13, P 15, AVL 20, L 21, D/B 22,
    /// G 23), so access rights 7:0 and 15:12 are its bits 15:8 and 23:20. QEMU has no unusable
    /// flag: since 2.10 (`get_seg()` in target/i386/kvm/kvm.c) it prints P clear for a segment
    /// KVM reports unusable (VMX: `vmx_get_segment` sets `present = !unusable`) or not present
    /// (SVM), keeping the other bits; 2.6 to 2.9 printed 0 for the whole word. So P clear is read
    /// as unusable, bit 16. This is the one conversion of the flags word; `flags(accessRights:)`
    /// is its inverse.
    static func accessRights(flags: UInt64) -> UInt64 {
        let rights = (flags >> 8) & 0xf0ff
        return flags & 0x8000 == 0 ? rights | 0x1_0000 : rights
    }

    /// The flags word QEMU prints for access rights (what `accessRights(flags:)` reads back).
    static func flags(accessRights rights: UInt64) -> UInt64 { (rights & 0xf0ff) << 8 }

    /// The names QEMU gives a segment's type after `DPL=%d ` (cpu_x86_dump_seg_cache): the code
    /// and data kinds, then the system types of its 32-bit and 64-bit tables.
    static let decorationWords: Set<String> = [
        "CS64", "CS32", "CS16", "DS", "DS16", "Reserved", "TSS16-avl", "LDT", "TSS16-busy", "CallGate16", "TaskGate", "IntGate16",
        "TrapGate16", "TSS32-avl", "TSS32-busy", "CallGate32", "IntGate32", "TrapGate32", "<hiword>", "TSS64-avl", "TSS64-busy",
        "CallGate64", "IntGate64", "TrapGate64",
    ]

    /// The `[DOSZAPC]` letters QEMU prints for an RFLAGS value: DF, OF, SF, ZF, AF, PF, CF.
    static func flagLetters(_ rflags: UInt64) -> String {
        let letters: [(Character, UInt64)] = [("D", 10), ("O", 11), ("S", 7), ("Z", 6), ("A", 4), ("P", 2), ("C", 0)]
        return "[" + String(letters.map { rflags >> $0.1 & 1 == 1 ? $0.0 : "-" }) + "]"
    }

    /// A token of the `Code=` line: a byte, the byte at RIP in `<>`, `??` for memory that could
    /// not be read, or an author's `...`.
    static func isCodeToken(_ token: Substring) -> Bool {
        var body = token
        if body.hasPrefix("<"), body.hasSuffix(">") { body = body.dropFirst().dropLast() }
        if body == "??" || body.count == 2 && body.utf8.allSatisfy(\.isHexDigit) { return true }
        return token == "..." || token == ".." || token == "\u{2026}"
    }

    /// The number of bytes `Code=` prints (DUMP_CODE_BYTES_TOTAL).
    static let codeBytes = 50
}

extension Substring {
    fileprivate func removingPrefix(_ prefix: String) -> Substring? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }
}

/// One QEMU register dump being read.
final class QEMUDumpBuilder: DumpBuilder {
    let context: ReaderContext
    private(set) var snapshot: Snapshot
    private(set) var isComplete = false
    /// Warnings from the dump's first line, given with the next line's.
    private var deferred: [InputWarning] = []
    private var failure: RecordedFailure?
    private var sawFailureMessage = false
    /// A KVM message came with the dump: its registers are what KVM gave QEMU.
    private var fromKVM = false
    /// KVM refused these registers (`Failed to put registers after …`): the values are QEMU's.
    private var refusedByKVM = false
    /// Where the message that promises a register dump was printed.
    private var expectsDumpAt: Int?
    private var lastPlaced: Int
    /// Bytes of the `Code=` line so far, while its wrapped tail may follow.
    private var codeBytes: Int?
    private var codeIndex: Int?
    /// The segment of the line before, for a suffix wrapped onto a line of its own.
    private var lastSegment: (name: String, flags: UInt64)?
    /// The 32-bit layout (EAX=, EIP=) was seen; GDT= with a 64-bit base was seen.
    private var narrowLayout = false
    private var wideTables = false

    init(context: ReaderContext, line: LogLine) {
        self.context = context
        snapshot = Snapshot(
            architecture: .cpu, source: context.name, format: .qemu, producer: "QEMU register dump", location: context.location(line.number)
        )
        if let stamp = line.timestamp { snapshot.metadata.append(("log_time", stamp)) }
        lastPlaced = line.number
    }

    func `defer`(_ warnings: [InputWarning]) { deferred += warnings }

    private func flush(_ output: inout ReaderOutput) {
        guard !deferred.isEmpty else { return }
        output.warnings += deferred
        deferred = []
    }

    private func warn(_ line: Int, _ message: String, _ output: inout ReaderOutput) {
        output.warn(context.location(line), message)
    }

    func consume(_ line: LogLine, into output: inout ReaderOutput) -> DumpLine {
        flush(&output)
        let text = QEMUCPUDump.withoutPrompt(Substring(line.content))
        guard !text.isEmpty else { return .notMine }
        if let message = QEMUCPUDump.message(line) {
            let result = take(message, line)
            flush(&output)
            return result
        }
        if let count = codeBytes, count < QEMUCPUDump.codeBytes {
            let tokens = text.split(separator: " ")
            if tokens.allSatisfy(QEMUCPUDump.isCodeToken) {
                readCode(tokens, line: line.number, output: &output)
                return .recognized
            }
        }
        codeBytes = nil
        if let rest = text.removingPrefix("Code=") {
            readCode(rest.split(separator: " "), line: line.number, output: &output)
            return .recognized
        }
        let parsed = QEMUCPUDump.tokenize(text)
        guard parsed.leading.isEmpty, let first = parsed.items.first, let slot = first.slot, slot != .code else { return .notMine }
        if !snapshot.values.isEmpty {
            // A register of this dump again: the next dump, whose message was not pasted.
            if first.name == "RAX" || first.name == "EAX" { return .startsAnother }
            for item in parsed.items {
                if let id = fieldID(item), snapshot.values[id] != nil { return .startsAnother }
            }
        }
        var placed = false
        var segmentOfLine: (name: String, flags: UInt64)?
        for item in parsed.items {
            if read(item, line: line.number, segment: &segmentOfLine, output: &output) { placed = true }
        }
        lastSegment = segmentOfLine
        if placed {
            lastPlaced = line.number
            return .placed
        }
        return .recognized
    }

    /// A message before the registers: its metadata, or the end of this dump.
    func take(_ message: QEMUCPUDump.Message, _ line: LogLine) -> DumpLine {
        let location = context.location(line.number)
        let text = String(QEMUCPUDump.withoutPrompt(Substring(line.content)))
        if message.isFailure {
            if !snapshot.values.isEmpty || sawFailureMessage { return .startsAnother }
            sawFailureMessage = true
        } else if message.isMonitor {
            if !snapshot.values.isEmpty { return .startsAnother }
            snapshot.producer = "QEMU info registers"
        } else if !snapshot.values.isEmpty {
            return .notMine
        }
        switch message {
        case .entryFailure, .unhandledExit, .internalError, .runFailed, .unknownExit, .exception, .runReturned: fromKVM = true
        default: break
        }
        switch message {
        case .entryFailure(let digits, let expectsDump):
            snapshot.metadata.append(("hardware_error", "0x\(digits.lowercased())"))
            if expectsDump { expectsDumpAt = line.number } else { isComplete = true }
            recordFailure(digits, text: text, location: location)
        case .unhandledExit(let digits):
            snapshot.metadata.append(("hardware_error", "0x\(digits.lowercased())"))
            isComplete = true  // qemu-kvm prints no registers after it
            // qemu-kvm printed this for failed entries and unknown exits alike: only a number
            // that is a failed VM entry (bit 31) or SVM's VMEXIT_INVALID names the vendor; a
            // small one may be either vendor's unknown exit reason.
            if let number = QEMUCPUDump.hex(digits), number & 0x8000_0000 != 0 {
                recordFailure(digits, text: text, location: location)
            }
        case .internalError(let suberror):
            if !suberror.isEmpty { snapshot.metadata.append(("suberror", String(suberror))) }
            expectsDumpAt = line.number
        case .runFailed(let error):
            snapshot.metadata.append(("kvm_run_error", String(error)))
            expectsDumpAt = line.number
        case .unknownExit(let digits):
            snapshot.metadata.append(("unknown_exit_reason", "0x\(digits.lowercased())"))
            expectsDumpAt = line.number
        case .exception(let vector, let errorCode):
            snapshot.metadata.append(("exception", String(vector)))
            snapshot.metadata.append(("exception_error_code", "0x\(errorCode)"))
            expectsDumpAt = line.number
        case .hardwareError(let text):
            snapshot.metadata.append(("qemu_hardware_error", String(text)))
        case .putRegistersFailed(let text):
            snapshot.metadata.append(("put_registers_failed", "after " + String(text)))
            refusedByKVM = true
            expectsDumpAt = line.number
        case .monitor(let command):
            snapshot.metadata.append(("monitor_command", String(command)))
        case .cpuHeader(let index):
            if snapshot.metadata.contains(where: { $0.key == "cpu_index" }) { return .startsAnother }
            snapshot.metadata.append(("cpu_index", String(index)))
        case .extraData(let index, let digits):
            snapshot.metadata.append(("extra_data[\(index)]", "0x\(digits.lowercased())"))
        case .emulationFailure:
            snapshot.metadata.append(("event", "emulation failure"))
        case .runReturned(let value):
            snapshot.metadata.append(("kvm_run_return", String(value)))
        case .hint:
            break
        }
        return .recognized
    }

    private func recordFailure(_ digits: Substring, text: String, location: SourceLocation) {
        guard let number = QEMUCPUDump.hex(digits), let kind = QEMUCPUDump.failure(number: number) else {
            deferred.append(
                InputWarning(
                    location,
                    "hardware error 0x\(digits) is neither a VMX exit reason or VM-instruction error nor an SVM exit code; the vendor stays unknown"
                ))
            return
        }
        let recorded = RecordedFailure(kind: kind, text: text, location: location)
        failure = recorded
        snapshot.failures.append(recorded)
    }

    /// The `Code=` bytes (or their wrapped tail), kept as metadata as printed.
    private func readCode(_ tokens: [Substring], line: Int, output: inout ReaderOutput) {
        var taken: [Substring] = []
        for (index, token) in tokens.enumerated() {
            guard QEMUCPUDump.isCodeToken(token) else {
                let rest = tokens[index...].joined(separator: " ")
                warn(line, "cannot read '\(rest.prefix(60))' on the Code= line as code bytes", &output)
                break
            }
            taken.append(token)
        }
        let count = taken.filter { $0.first != "." && $0 != "\u{2026}" }.count
        let bytes = taken.joined(separator: " ")
        if let index = codeIndex, codeBytes != nil, snapshot.metadata.indices.contains(index) {
            snapshot.metadata[index].value += " " + bytes
        } else if !bytes.isEmpty {
            codeIndex = snapshot.metadata.count
            snapshot.metadata.append(("code", bytes))
        }
        codeBytes = (codeBytes ?? 0) + count
        if taken.count < tokens.count { codeBytes = QEMUCPUDump.codeBytes }
    }

    /// The catalog field an item gives a value to, for spotting a repeated register.
    private func fieldID(_ item: QEMUCPUDump.Item) -> String? {
        switch item.slot {
        case .register(let id, _), .single(let id): return id
        case .rflags: return "cpu.rflags"
        case .segment(let name): return "cpu.\(name).selector"
        case .table(let name): return "cpu.\(name).base"
        case .cpl: return "cpu.cpl"
        case .smm: return "cpu.smm"
        case .hlt: return "cpu.activity"
        default: return nil
        }
    }

    /// Reads one item; true when it gave a field a value.
    private func read(
        _ item: QEMUCPUDump.Item, line: Int, segment: inout (name: String, flags: UInt64)?, output: inout ReaderOutput
    ) -> Bool {
        let name = String(item.name)
        guard let slot = item.slot else {
            warn(line, "'\(name)' is not a register QEMU's dump prints; ignored", &output)
            return false
        }
        func cannotRead() -> Bool {
            warn(line, "cannot read the value of '\(name)': '\(([item.value] + item.extras).joined(separator: " ").prefix(60))'", &output)
            return false
        }
        func leftover(_ tokens: ArraySlice<Substring>) {
            guard !tokens.isEmpty else { return }
            warn(line, "cannot place '\(tokens.joined(separator: " ").prefix(40))' after the value of '\(name)'", &output)
        }
        switch slot {
        case .register(let id, let narrow):
            guard let value = QEMUCPUDump.hex(item.value) else { return cannotRead() }
            if narrow { narrowLayout = true }
            leftover(item.extras[...])
            return set(id, value, digits: item.value.count, name: name, line: line, output: &output)
        case .rflags:
            guard let value = QEMUCPUDump.hex(item.value) else { return cannotRead() }
            var extras = item.extras[...]
            if let letters = extras.first, letters.hasPrefix("[") {
                extras = extras.dropFirst()
                let expected = QEMUCPUDump.flagLetters(value)
                if letters != expected {
                    warn(line, "the flag letters \(letters) do not match \(name)=\(item.value) (QEMU prints \(expected))", &output)
                }
            }
            leftover(extras)
            return set("cpu.rflags", value, digits: item.value.count, name: name, line: line, output: &output)
        case .cpl, .smm, .hlt, .ii, .a20:
            guard item.value.count == 1, let value = UInt64(item.value), value <= (slot == .cpl ? 3 : 1) else { return cannotRead() }
            leftover(item.extras[...])
            switch slot {
            case .cpl:
                // KVM_GET_SREGS gives no CPL: QEMU's x86_update_hflags() takes it from SS.DPL.
                return set("cpu.cpl", value, name: name, line: line, output: &output)
            case .smm:
                return set("cpu.smm", value, name: name, line: line, output: &output)
            case .hlt:
                snapshot.notes["cpu.activity"] = [
                    "QEMU's HLT= is KVM's halted state (KVM_GET_MP_STATE), kept in software, not an activity-state field"
                ]
                return set("cpu.activity", value, name: name, line: line, output: &output)
            case .ii:
                // II= is QEMU's interrupt-inhibit flag (the STI/MOV-SS shadow). Under KVM it is
                // always 0: QEMU does not import the shadow KVM_GET_VCPU_EVENTS reports
                // (target/i386/kvm/kvm.c, 2.0 to 10.x), so it says nothing about
                // GUEST_INTERRUPTIBILITY_INFO or the VMCB's interrupt shadow. Metadata only.
                snapshot.metadata.append(("ii", String(value)))
            default:
                // A20= is the gate QEMU emulates, which neither KVM nor the VMCS/VMCB holds.
                snapshot.metadata.append(("a20", String(value)))
            }
            return false
        case .segment(let segmentName):
            let numbers = Array(([item.value] + item.extras).prefix { QEMUCPUDump.hex($0) != nil })
            let columns = numbers.compactMap { QEMUCPUDump.hex($0) }
            let baseDigits = numbers.dropFirst().first?.count
            let words = item.extras.dropFirst(max(0, columns.count - 1))
            guard columns.count == 4, let flags = columns.last else {
                warn(line, "expected a selector, a base, a limit and flags after '\(name) =', found \(columns.count) value(s)", &output)
                var placed = false
                for (part, value) in zip(["selector", "base", "limit"], columns) {
                    let digits = part == "base" ? baseDigits : nil
                    if set("cpu.\(segmentName).\(part)", value, digits: digits, name: name, line: line, output: &output) { placed = true }
                }
                return placed
            }
            leftover(words)
            var placed = set("cpu.\(segmentName).selector", columns[0], name: name, line: line, output: &output)
            placed = set("cpu.\(segmentName).base", columns[1], digits: baseDigits, name: name, line: line, output: &output) || placed
            placed = set("cpu.\(segmentName).limit", columns[2], name: name, line: line, output: &output) || placed
            if flags & ~0x00ff_ff00 != 0 || flags & 0x000f_0000 != 0 {
                warn(
                    line,
                    "flags \(String(flags, radix: 16)) of \(name) have bits QEMU never prints (it keeps bits 23:20 and 15:8); they are ignored",
                    &output)
            }
            let rights = QEMUCPUDump.accessRights(flags: flags)
            if flags & 0x8000 == 0 {
                var note =
                    "printed with P clear, as QEMU prints a segment KVM reports unusable (VMX) or not present (SVM): read as unusable (bit 16), the other bits as printed"
                if flags == 0 { note += "; QEMU 2.6 to 2.9 print 0 for every bit of such a segment" }
                snapshot.notes["cpu.\(segmentName).ar"] = [note]
            }
            placed = set("cpu.\(segmentName).ar", rights, name: name, line: line, output: &output) || placed
            segment = (name, flags)
            return placed
        case .table(let table):
            let columns = ([item.value] + item.extras).filter { !$0.isEmpty }
            guard columns.count >= 2, let base = QEMUCPUDump.hex(columns[0]), let limit = QEMUCPUDump.hex(columns[1]) else {
                return cannotRead()
            }
            leftover(columns.dropFirst(2))
            if columns[0].count > 8 { wideTables = true }
            let placed = set("cpu.\(table).base", base, digits: columns[0].count, name: name, line: line, output: &output)
            return set("cpu.\(table).limit", limit, name: name, line: line, output: &output) || placed
        case .single(let id):
            guard let value = QEMUCPUDump.hex(item.value) else { return cannotRead() }
            leftover(item.extras[...])
            if id == "cpu.efer" { isComplete = true }
            return set(id, value, digits: item.value.count, name: name, line: line, output: &output)
        case .lazyFlags:
            // TCG's lazy condition codes (-d cpu): no register of the guest.
            snapshot.metadata.append((name.lowercased(), String(item.value)))
            return false
        case .decoration:
            // `DPL=0 CS64 [-RA]`: QEMU derives it from the flags, so it only has to agree.
            guard let owner = segment ?? lastSegment else {
                warn(line, "'DPL=\(item.value)' follows no segment", &output)
                return false
            }
            if UInt64(item.value) != (owner.flags >> 13) & 3 {
                warn(line, "DPL=\(item.value) does not match the flags of \(owner.name) (DPL \((owner.flags >> 13) & 3))", &output)
            }
            var extras = item.extras[...]
            if let word = extras.first, QEMUCPUDump.decorationWords.contains(String(word)) { extras = extras.dropFirst() }
            if let bracket = extras.first, bracket.hasPrefix("["), bracket.hasSuffix("]"), bracket.count == 5 {
                extras = extras.dropFirst()
            }
            leftover(extras)
            return false
        case .vector, .extended:
            if slot == .extended, let value = QEMUCPUDump.hex(item.value) {
                snapshot.metadata.append((name.lowercased(), "0x" + String(value, radix: 16)))
            }
            return false
        case .code:
            return false
        }
    }

    /// Stores a value; a value wider than its field is a warning. `digits`, the width of the
    /// hex number as printed: QEMU prints every number at a fixed width, so eight digits for a
    /// 64-bit field are a `%08x` of its low half (CR0, CR4 and RFLAGS always; RIP, RSP, the
    /// bases and CR3 in the 32-bit layout), and bits 63:32 are not in the input.
    private func set(_ id: String, _ value: UInt64, digits: Int? = nil, name: String, line: Int, output: inout ReaderOutput) -> Bool {
        guard let field = Catalog.cpu.field(id: id) else { return false }
        let width = field.size * 8
        if width < 64, value >> UInt64(width) != 0 {
            warn(line, "value \(String(value, radix: 16)) of '\(name)' does not fit the \(width)-bit field \(field.name)", &output)
            return false
        }
        snapshot.values[id] = .integer(value)
        if width == 64, let digits, digits <= 8 {
            snapshot.absentBits[id] = 0xffff_ffff_0000_0000
            snapshot.notes[id, default: []].append(
                digits == 8
                    ? "QEMU printed it as 32 bits (%08x): bits 63:32 are not in the input"
                    : "printed with \(digits) hex digits where QEMU prints 8 or 16: bits 63:32 are not in the input")
        }
        return true
    }

    /// A tail starts with a register of the dump, a segment suffix or code bytes, never with
    /// the first register of a block or a message.
    func continues(_ previous: LogLine, with next: LogLine) -> Bool {
        let text = QEMUCPUDump.withoutPrompt(Substring(next.content))
        if QEMUCPUDump.message(next) != nil || text.hasPrefix("RAX=") || text.hasPrefix("EAX=") { return false }
        let parsed = QEMUCPUDump.tokenize(text)
        if parsed.leading.isEmpty, let first = parsed.items.first { return first.slot != nil && first.slot != .code }
        if let count = codeBytes, count < QEMUCPUDump.codeBytes { return parsed.leading.allSatisfy(QEMUCPUDump.isCodeToken) }
        return false
    }

    func finish(into output: inout ReaderOutput) -> Snapshot? {
        flush(&output)
        // A monitor command with no registers after it is no dump; a failure message is one.
        guard !snapshot.values.isEmpty || sawFailureMessage else { return nil }
        if snapshot.values.isEmpty {
            if let line = expectsDumpAt {
                output.warn(context.location(line), "no register dump follows this message")
            }
            snapshot.pageNotes.append("no registers were printed")
        } else if !isComplete {
            output.warn(
                context.location(lastPlaced),
                "this QEMU register dump ends early after this line: \(snapshot.values.count) fields read, the rest are absent")
        }
        var result = snapshot
        result.pageNotes.insert(
            refusedByKVM
                ? "the registers are the values QEMU was loading into its accelerator (KVM, MSHV) when that failed, not what the vCPU is known to hold, and not read from a VMCS or a VMCB"
                : fromKVM
                    ? "the registers are QEMU's view of the guest (KVM_GET_REGS, KVM_GET_SREGS), not read from a VMCS or a VMCB"
                    : "the registers are QEMU's view of the guest, as its accelerator (KVM, TCG, WHPX, HVF) gave them, not read from a VMCS or a VMCB",
            at: 0)
        if narrowLayout, wideTables {
            result.pageNotes.append(
                "printed in QEMU's 32-bit layout beside 64-bit descriptor tables: the guest ran in compatibility mode, and QEMU printed the general registers, EIP and the segment bases as 32 bits"
            )
        }
        guard let failure else {
            if !result.values.isEmpty {
                result.pageNotes.append("no hardware error number names the vendor, so the registers stay vendor-neutral CPU state")
            }
            return result
        }
        switch failure.kind {
        case .vmxExitReason, .vmInstructionError: return Self.converted(result, to: .vmx)
        case .svmExitCode: return Self.converted(result, to: .svm)
        }
    }

    /// The CPU state as the VMCS or VMCB guest state, with what QEMU's view of it means there.
    /// Registers the structure has no field for are kept as metadata, so nothing printed is lost.
    static func converted(_ state: Snapshot, to target: Architecture) -> Snapshot {
        var result = state.converted(to: target)
        let mapped = Set(CPUState.mappings.filter { $0.field(in: target) != nil }.map(\.id))
        for field in Catalog.cpu.fields where !mapped.contains(field.id) {
            guard let value = state.integer(field.id) else { continue }
            let text = field.group == "execution" ? String(value) : ValueText.hex(value, digits: field.size * 2)
            result.metadata.append((field.name.lowercased(), text))
        }
        func note(_ id: String, _ text: String) {
            guard result.values[id] != nil else { return }
            result.notes[id, default: []].append(text)
        }
        // The bits those notes speak of: rules that need them are undecided, not decided on the
        // guest's view (SDM Vol. 3 (325384-084) A.7 and A.8: PE, NE and PG, and VMXE, are the
        // bits VMX operation fixes to 1; APM Vol. 2 15.5.1: VMRUN needs EFER.SVME).
        if target == .vmx {
            if result.values["guest.cr0"] != nil { result.guestViewBits["guest.cr0"] = 1 << 0 | 1 << 5 | 1 << 31 }
            if result.values["guest.cr4"] != nil { result.guestViewBits["guest.cr4"] = 1 << 13 }
        } else if result.values["save.efer"] != nil {
            result.guestViewBits["save.efer"] = 1 << 12
        }
        // A segment QEMU prints with P clear was unusable or not present. KVM writes a VMCS
        // segment that is not present as unusable (vmx_segment_access_rights), so the VMCS's
        // unusable bit is set either way, but its P bit is not printed; a VMCB segment KVM
        // reports unusable has attributes KVM set to 0 (svm_set_segment), so only P is known.
        for segment in CPUState.segmentNames {
            guard let ar = state.integer("cpu.\(segment).ar"), ar & 0x80 == 0 else { continue }
            if target == .vmx, result.values["guest.\(segment).ar"] != nil {
                result.guestViewBits["guest.\(segment).ar"] = 1 << 7
            } else if target == .svm, result.values["save.\(segment).attrib"] != nil {
                result.guestViewBits["save.\(segment).attrib"] = 0xf7f
            }
        }
        if target == .vmx {
            note(
                "guest.cr0",
                "the CR0 the guest sees (KVM_GET_SREGS: CR0_READ_SHADOW for the bits KVM owns); GUEST_CR0 may differ in those bits")
            note(
                "guest.cr4",
                "the CR4 the guest sees (CR4_READ_SHADOW for the bits KVM owns); GUEST_CR4 also has VMXE, which VMX operation requires and KVM hides"
            )
            note("guest.cr3", "the guest's CR3; GUEST_CR3 holds it with EPT, KVM's own page-table root with shadow paging")
            note("guest.ia32_efer", "KVM's copy of the guest's EFER; GUEST_IA32_EFER holds it when the VM-entry controls load EFER")
        } else {
            note(
                "save.efer",
                "KVM's copy of the guest's EFER: KVM sets SVME in the VMCB's own copy, so SVME clear here says nothing of the VMCB")
            result.pageNotes.append(
                "KVM reports G from the limit, TR as busy and usable data segments as accessed (svm_get_segment), so those attribute bits may differ from the VMCB's"
            )
        }
        return result
    }
}
