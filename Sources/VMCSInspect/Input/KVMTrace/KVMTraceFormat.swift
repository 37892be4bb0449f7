/// A printed event payload's shape, written like the producer's format string with named
/// conversions: `vcpu {vcpu:u} reason {reason:s} rip 0x{rip:x}`.
///
/// Conversions: `x` hex digits (the template writes any `0x` the format prints), `u` decimal,
/// `d` signed decimal, `s` any text up to the next literal (or the end), `w` the same without
/// spaces. Matching is on bytes and linear in the payload.
final class KVMTraceFormat: Sendable {
    enum Conversion: Sendable {
        case hex, decimal, signed, text, word
    }

    enum Part: Sendable {
        case literal([UInt8])
        case field(String, Conversion)
    }

    /// What a line's shape says about the kernel that printed it (`kvm_exit`'s info2 changed
    /// meaning on VMX in Linux 5.10).
    enum Era: Sendable {
        /// Nothing.
        case any
        /// Printed by a kernel before 5.10 (or 5.9, see `kvm_entry`).
        case before5_10
        /// Printed by a kernel of 5.9 or later.
        case from5_9
    }

    let template: String
    let parts: [Part]
    let era: Era
    /// A name for the shape, for the rows and tests (`5.10`, `plugin`).
    let shape: String
    /// Fields a match gives without a conversion (` [reinjected]` says `reinjected` is 1).
    let constants: [(String, Value)]

    /// The parts compiled for matching: one op per part, the literals' bytes in one array and
    /// the fields' names in another, so that matching touches no reference count.
    struct Op: Sendable, Equatable {
        enum Kind: UInt8, Sendable { case literal, hex, decimal, signed, text, word }
        var kind: Kind
        /// A literal's bytes in `literalBytes`; for a field, the next part's literal, if any
        /// (start -1 when the field is last or another field follows).
        var start: Int32
        var count: Int32
        /// A field's name in `names`.
        var name: Int32
    }
    let ops: [Op]
    let literalBytes: [UInt8]
    /// The fields' names, in template order.
    let names: [String]

    init(_ template: String, era: Era = .any, shape: String = "", constants: [(String, Value)] = []) {
        self.template = template
        self.era = era
        self.shape = shape
        self.constants = constants
        var parts: [Part] = []
        var literal: [UInt8] = []
        var bytes = Array(template.utf8)[...]
        while let byte = bytes.first {
            if byte == UInt8(ascii: "{"), let close = bytes.firstIndex(of: UInt8(ascii: "}")),
                let colon = bytes[..<close].lastIndex(of: UInt8(ascii: ":"))
            {
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = []
                let name = String(decoding: bytes[(bytes.startIndex + 1)..<colon], as: UTF8.self)
                let kind: Conversion
                switch bytes[colon + 1] {
                case UInt8(ascii: "x"): kind = .hex
                case UInt8(ascii: "u"): kind = .decimal
                case UInt8(ascii: "d"): kind = .signed
                case UInt8(ascii: "w"): kind = .word
                default: kind = .text
                }
                parts.append(.field(name, kind))
                bytes = bytes[(close + 1)...]
            } else {
                literal.append(byte)
                bytes = bytes.dropFirst()
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
        var ops: [Op] = []
        var literalBytes: [UInt8] = []
        var names: [String] = []
        var literalAt: [Int: (Int32, Int32)] = [:]
        for (index, part) in parts.enumerated() {
            if case .literal(let bytes) = part {
                literalAt[index] = (Int32(literalBytes.count), Int32(bytes.count))
                literalBytes += bytes
            }
        }
        for (index, part) in parts.enumerated() {
            switch part {
            case .literal:
                let (start, count) = literalAt[index] ?? (0, 0)
                ops.append(Op(kind: .literal, start: start, count: count, name: -1))
            case .field(let name, let conversion):
                let kind: Op.Kind
                switch conversion {
                case .hex: kind = .hex
                case .decimal: kind = .decimal
                case .signed: kind = .signed
                case .text: kind = .text
                case .word: kind = .word
                }
                let (start, count) = literalAt[index + 1] ?? (-1, 0)
                ops.append(Op(kind: kind, start: start, count: count, name: Int32(names.count)))
                names.append(name)
            }
        }
        self.ops = ops
        self.literalBytes = literalBytes
        self.names = names
    }

    /// A field value as matched.
    enum Value: Sendable, Equatable {
        case number(UInt64)
        case text(String)

        var number: UInt64? {
            if case .number(let value) = self { return value }
            return nil
        }

        var text: String? {
            switch self {
            case .text(let text): return text
            case .number: return nil
            }
        }
    }

    enum Match {
        /// The whole payload matched; the fields in template order.
        case complete([(String, Value)])
        /// The payload matched as far as it goes, but the template goes on: the line was cut
        /// or wrapped. The fields matched so far.
        case incomplete([(String, Value)])
        /// The template matched completely, but more text follows after a space (a note the
        /// poster appended): the fields, and where the extra text starts.
        case trailing([(String, Value)], Int)
        case mismatch
    }

    /// How a match ends.
    enum Outcome {
        case complete, incomplete, mismatch
        /// All parts matched, and text follows after a space at this offset.
        case trailing(Int)
    }

    /// A field as a match finds it: where its text is, or its number; no string is made
    /// until the match is chosen.
    struct Record {
        var name: Int32
        var isText: Bool
        var value: UInt64
        var start: Int32
        var end: Int32
    }

    /// Where a match stands: the parts done, the offset reached and the fields recorded.
    struct Progress {
        var ops = 0
        var offset = 0
        var fields = 0
    }

    /// The one shape's match (tests, the plugin error's second try).
    func match(_ payload: ArraySlice<UInt8>) -> Match {
        let scratch = KVMTraceFormats.Scratch(slots: 1, ops: ops.count, fields: names.count)
        return payload.withUnsafeBufferPointer { text in
            var progress = Progress()
            let outcome = run(text, &progress, scratch.records(0), scratch.steps(0))
            let fields = (0..<progress.fields).map { KVMTraceFormats.field(scratch.records(0)[$0], names, text) }
            switch outcome {
            case .complete: return .complete(fields)
            case .incomplete: return .incomplete(fields)
            case .trailing(let at): return .trailing(fields, payload.startIndex + at)
            case .mismatch: return .mismatch
            }
        }
    }

    /// Runs the match on the payload's bytes from where `progress` stands (parts done by an
    /// earlier shape that shares them), recording each field in `records` and, after each
    /// part, where the match stood in `steps` (at the part's index). A trailing position is an
    /// offset into the bytes.
    func run(
        _ payload: UnsafeBufferPointer<UInt8>, _ progress: inout Progress, _ records: UnsafeMutablePointer<Record>,
        _ steps: UnsafeMutablePointer<Progress>
    ) -> Outcome {
        ops.withUnsafeBufferPointer { ops in
            literalBytes.withUnsafeBufferPointer { literals in
                run(payload, ops, literals, &progress, records, steps)
            }
        }
    }

    private func run(
        _ payload: UnsafeBufferPointer<UInt8>, _ ops: UnsafeBufferPointer<Op>, _ literals: UnsafeBufferPointer<UInt8>,
        _ progress: inout Progress, _ records: UnsafeMutablePointer<Record>, _ steps: UnsafeMutablePointer<Progress>
    ) -> Outcome {
        guard let text = payload.baseAddress ?? UnsafePointer(bitPattern: 1) else { return .mismatch }
        let end = payload.count
        var i = progress.offset
        var index = progress.ops
        var count = progress.fields
        defer { progress = Progress(ops: index, offset: i, fields: count) }
        while index < ops.count {
            let op = ops[index]
            switch op.kind {
            case .literal:
                var k = Int(op.start)
                let stop = k + Int(op.count)
                // The literal's bytes are compared, not the progress: a failed part leaves
                // `i` where the part started.
                var j = i
                while k < stop {
                    if j == end { return .incomplete }
                    if text[j] != literals[k] { return .mismatch }
                    j += 1
                    k += 1
                }
                i = j
            case .hex, .decimal, .signed:
                var negative = false
                if op.kind == .signed, i < end, text[i] == UInt8(ascii: "-") {
                    negative = true
                    i += 1
                }
                let start = i
                var value: UInt64 = 0
                var overflow = false
                let radix: UInt64 = op.kind == .hex ? 16 : 10
                while i < end {
                    let byte = text[i]
                    let digit: UInt64
                    if byte.isDigit {
                        digit = UInt64(byte &- 0x30)
                    } else if op.kind == .hex, byte.isHexDigit {
                        digit = UInt64((byte | 0x20) &- UInt8(ascii: "a") &+ 10)
                    } else {
                        break
                    }
                    let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
                    let (sum, o2) = shifted.addingReportingOverflow(digit)
                    overflow = overflow || o1 || o2
                    value = sum
                    i += 1
                }
                if i == start { return i == end ? .incomplete : .mismatch }
                // A signed number below -2^63 is none a signed format prints.
                if overflow || negative && value > 1 << 63 { return .mismatch }
                // A number the payload ends in, with the template going on, may be cut.
                if i == end, index + 1 < ops.count { return .incomplete }
                records[count] = Record(
                    name: op.name, isText: false, value: negative ? 0 &- value : value, start: 0, end: 0)
                count += 1
            case .text, .word:
                let start = i
                if op.start >= 0 {
                    let needle = UnsafeBufferPointer(rebasing: literals[Int(op.start)..<Int(op.start + op.count)])
                    guard let found = Self.find(needle, in: payload, from: i) else {
                        // The literal may still come on a continuation line.
                        if op.kind == .word, Self.hasSpace(payload, i, end) { return .mismatch }
                        return .incomplete
                    }
                    if op.kind == .word, Self.hasSpace(payload, start, found) { return .mismatch }
                    i = found
                } else {
                    if op.kind == .word, Self.hasSpace(payload, i, end) { return .mismatch }
                    i = end
                }
                records[count] = Record(name: op.name, isText: true, value: 0, start: Int32(start), end: Int32(i))
                count += 1
            }
            index += 1
            steps[index - 1] = Progress(ops: index, offset: i, fields: count)
        }
        if i == end { return .complete }
        return text[i] == 0x20 ? .trailing(i) : .mismatch
    }

    private static func hasSpace(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            if text[i] == 0x20 { return true }
            i += 1
        }
        return false
    }

    /// The first place `needle` occurs in `haystack` at or after `start`.
    private static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = needle.count
        guard n > 0, haystack.count - start >= n else { return nil }
        let first = needle[0]
        var i = start
        let last = haystack.count - n
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < n, haystack[i + j] == needle[j] { j += 1 }
                if j == n { return i }
            }
            i += 1
        }
        return nil
    }

}

/// The payload shapes of the KVM events the reader knows, from each one's TP_printk format in
/// Linux's arch/x86/kvm/trace.h and include/trace/events/kvm.h across versions, and from
/// libtraceevent's plugin_kvm.c. Tried in order; the first complete match wins.
enum KVMTraceFormats {
    /// `kvm_exit` and, from Linux 5.10, `kvm_nested_vmexit` (the same TRACE_EVENT_KVM_EXIT).
    static let exit: [KVMTraceFormat] = [
        // 6.14 and later: "vcpu %u reason %s%s%s rip 0x%lx info1 0x%016llx info2 0x%016llx intr_info 0x%08x error_code 0x%08x requests 0x%016llx"
        KVMTraceFormat(
            "vcpu {vcpu:u} reason {reason:s} rip 0x{rip:x} info1 0x{info1:x} info2 0x{info2:x} intr_info 0x{intr_info:x} error_code 0x{error_code:x} requests 0x{requests:x}",
            era: .from5_9, shape: "6.14"),
        // 5.10 to 6.13: the same without requests.
        KVMTraceFormat(
            "vcpu {vcpu:u} reason {reason:s} rip 0x{rip:x} info1 0x{info1:x} info2 0x{info2:x} intr_info 0x{intr_info:x} error_code 0x{error_code:x}",
            era: .from5_9, shape: "5.10"),
        // 5.4 to 5.9: "vcpu %u reason %s rip 0x%lx info %llx %llx" (5.7 adds the flag names).
        KVMTraceFormat("vcpu {vcpu:u} reason {reason:s} rip 0x{rip:x} info {info1:x} {info2:x}", era: .before5_10, shape: "5.4"),
        // Up to 5.3: "reason %s rip 0x%lx info %llx %llx"; libtraceevent's plugin prints the
        // same on every kernel ("reason %s" " rip 0x%lx" " info %llx %llx").
        KVMTraceFormat("reason {reason:s} rip 0x{rip:x} info {info1:x} {info2:x}", shape: "plugin"),
        // The plugin with a guest symbol map (trace-cmd host-guest tracing): ` func+0xoff` after the RIP.
        KVMTraceFormat("reason {reason:s} rip 0x{rip:x} {symbol:w} info {info1:x} {info2:x}", shape: "plugin"),
        // Seen in a real perf script paste of 2024: the plugin's form with the record's
        // intr_info appended (a field that exists from 5.10), hex without 0x.
        KVMTraceFormat("reason {reason:s} rip 0x{rip:x} info {info1:x} {info2:x} intr {intr_info:x}", era: .from5_9, shape: "plugin+intr"),
    ]

    /// `kvm_nested_vmexit` before 5.10, as the kernel and the plugin print it.
    static let nestedExitBefore5_10: [KVMTraceFormat] = [
        // Up to 5.9: "rip: 0x%016llx reason: %s ext_inf1: 0x%016llx ext_inf2: 0x%016llx ext_int: 0x%08x ext_int_err: 0x%08x"
        KVMTraceFormat(
            "rip: 0x{rip:x} reason: {reason:s} ext_inf1: 0x{info1:x} ext_inf2: 0x{info2:x} ext_int: 0x{intr_info:x} ext_int_err: 0x{error_code:x}",
            era: .before5_10, shape: "5.9"),
        // plugin_kvm.c: "rip %llx " then " info1 %llx" … of kvm_nested_vmexit_inject's handler;
        // libtraceevent 1.6.3 and later lost the space after the RIP.
        KVMTraceFormat(
            "rip {rip:x} reason {reason:s} info1 {info1:x} info2 {info2:x} int_info {intr_info:x} int_info_err {error_code:x}",
            era: .before5_10, shape: "plugin"),
        KVMTraceFormat(
            "rip {rip:x}reason {reason:s} info1 {info1:x} info2 {info2:x} int_info {intr_info:x} int_info_err {error_code:x}",
            era: .before5_10, shape: "plugin"),
    ]

    /// `kvm_nested_vmexit_inject`, the exit KVM reflects to L1 (vmcs12/vmcb12 values).
    static let nestedInject: [KVMTraceFormat] = [
        // "reason: %s%s%s ext_inf1: 0x%016llx ext_inf2: 0x%016llx ext_int: 0x%08x ext_int_err: 0x%08x"
        KVMTraceFormat(
            "reason: {reason:s} ext_inf1: 0x{info1:x} ext_inf2: 0x{info2:x} ext_int: 0x{intr_info:x} ext_int_err: 0x{error_code:x}",
            shape: "kernel"),
        // plugin: "reason %s" " info1 %llx" " info2 %llx" " int_info %llx" " int_info_err %llx"
        KVMTraceFormat(
            "reason {reason:s} info1 {info1:x} info2 {info2:x} int_info {intr_info:x} int_info_err {error_code:x}", shape: "plugin"),
    ]

    /// The other events the reader knows, by name.
    static let events: [String: [KVMTraceFormat]] = [
        "kvm_entry": [
            // 6.14 and later: "vcpu %u, rip 0x%lx intr_info 0x%08x error_code 0x%08x%s", %s "[immediate exit]" or "".
            KVMTraceFormat(
                "vcpu {vcpu:u}, rip 0x{rip:x} intr_info 0x{intr_info:x} error_code 0x{error_code:x}[immediate exit]", era: .from5_9,
                shape: "6.14"),
            KVMTraceFormat(
                "vcpu {vcpu:u}, rip 0x{rip:x} intr_info 0x{intr_info:x} error_code 0x{error_code:x}", era: .from5_9, shape: "6.14"),
            // 5.9 to 6.13: "vcpu %u, rip 0x%lx" (6.9 adds "%s" for "[immediate exit]").
            KVMTraceFormat("vcpu {vcpu:u}, rip 0x{rip:x}[immediate exit]", era: .from5_9, shape: "6.9"),
            KVMTraceFormat("vcpu {vcpu:u}, rip 0x{rip:x}", era: .from5_9, shape: "5.9"),
            // plugin_kvm.c since libtraceevent 1.6.3: " vcpu %u rip 0x%llx"; on a kernel
            // before 5.9 the rip field is missing.
            KVMTraceFormat("vcpu {vcpu:u} rip 0x{rip:x}", era: .from5_9, shape: "plugin"),
            KVMTraceFormat("vcpu {vcpu:u}<CANT FIND FIELD rip>vcpu {vcpu2:u}", era: .before5_10, shape: "plugin"),
            // Up to 5.8: "vcpu %u".
            KVMTraceFormat("vcpu {vcpu:u}", era: .before5_10, shape: "4.x"),
        ],
        "kvm_page_fault": [
            // 6.1 and later: "vcpu %u rip 0x%lx address 0x%016llx error_code 0x%llx"
            KVMTraceFormat("vcpu {vcpu:u} rip 0x{rip:x} address 0x{address:x} error_code 0x{error_code:x}", era: .from5_9, shape: "6.1"),
            // Up to 6.0: "address %lx error_code %x" (a u32 error code).
            KVMTraceFormat("address {address:x} error_code {error_code:x}", shape: "4.x"),
        ],
        "kvm_inj_exception": [
            // libtraceevent cannot parse 6.1's format: the raw fields, in decimal.
            KVMTraceFormat(
                "[FAILED TO PARSE] exception={vector:u} has_error={has_error:u} error_code={error_code:u} reinjected={reinjected:u}",
                era: .from5_9, shape: "raw"),
            // "%s (0x%x)" up to 5.18, "%s (0x%x)%s" to 6.0, "%s%s%s%s%s" from 6.1 (error code
            // only when there is one).
            KVMTraceFormat("{exception:w} (0x{error_code:x}) [reinjected]", constants: [("reinjected", .number(1))]),
            KVMTraceFormat("{exception:w} (0x{error_code:x})"),
            KVMTraceFormat("{exception:w} [reinjected]", era: .from5_9, constants: [("reinjected", .number(1))]),
            KVMTraceFormat("{exception:w}", era: .from5_9),
        ],
        "kvm_emulate_insn": [
            // "%x:%llx:%s (%s)%s": CS base, RIP, the bytes, the mode and " failed".
            KVMTraceFormat("{csbase:x}:{rip:x}:{insn:s} ({mode:w}) failed"),
            KVMTraceFormat("{csbase:x}:{rip:x}:{insn:s} ({mode:w})"),
            // plugin: "%llx:%llx: %s%s" with " FAIL".
            KVMTraceFormat("{csbase:x}:{rip:x}: {insn:s} FAIL", shape: "plugin"),
            KVMTraceFormat("{csbase:x}:{rip:x}: {insn:s}", shape: "plugin"),
        ],
        "kvm_userspace_exit": [
            // "reason %s (%d)": a KVM_EXIT_ name (or 0x%lx), then the number in decimal.
            KVMTraceFormat("reason {reason_name:s} ({reason:d})")
        ],
        "kvm_nested_vmrun": [
            // Up to 6.0 (SVM only): "rip: 0x%016llx vmcb: 0x%016llx nrip: 0x%016llx int_ctl: 0x%08x event_inj: 0x%08x npt: %s"
            KVMTraceFormat(
                "rip: 0x{rip:x} vmcb: 0x{vmcb:x} nrip: 0x{nrip:x} int_ctl: 0x{int_ctl:x} event_inj: 0x{event_inj:x} npt: {npt:w}")
        ],
        "kvm_nested_vmenter": [
            // 6.1 and later: "rip: 0x%016llx %s: 0x%016llx nested_rip: 0x%016llx int_ctl: 0x%08x
            // event_inj: 0x%08x nested_%s=%s %s: 0x%016llx" (vmcs/vmcb, ept/npt, y/n, the root).
            KVMTraceFormat(
                "rip: 0x{rip:x} {structure:w}: 0x{address:x} nested_rip: 0x{nested_rip:x} int_ctl: 0x{int_ctl:x} event_inj: 0x{event_inj:x} nested_{tdp:w}={tdp_enabled:w} {root:w}: 0x{root_address:x}",
                era: .from5_9)
        ],
        "kvm_nested_intercepts": [
            // 5.10 and later: "cr_read: %04x cr_write: %04x excp: %08x intercepts: %08x %08x %08x"
            KVMTraceFormat(
                "cr_read: {cr_read:x} cr_write: {cr_write:x} excp: {excp:x} intercepts: {intercepts[0]:x} {intercepts[1]:x} {intercepts[2]:x}"
            ),
            // Up to 5.9: "... intercept: %016llx"
            KVMTraceFormat("cr_read: {cr_read:x} cr_write: {cr_write:x} excp: {excp:x} intercept: {intercept:x}"),
        ],
        "kvm_nested_intr_vmexit": [KVMTraceFormat("rip: 0x{rip:x}")],
        "kvm_invlpga": [KVMTraceFormat("rip: 0x{rip:x} asid: {asid:u} address: 0x{address:x}")],
        "kvm_skinit": [KVMTraceFormat("rip: 0x{rip:x} slb: 0x{slb:x}")],
        "kvm_smm_transition": [KVMTraceFormat("vcpu {vcpu:u}: {direction:w} SMM, smbase 0x{smbase:x}")],
        "kvm_inj_virq": [
            // 5.19 and later: "%s 0x%x%s" ("IRQ", "Soft/INTn"; " [reinjected]"); up to 5.18 "irq %u".
            KVMTraceFormat("{kind:w} 0x{vector:x} [reinjected]", era: .from5_9),
            KVMTraceFormat("{kind:w} 0x{vector:x}", era: .from5_9),
            KVMTraceFormat("irq {vector:u}"),
        ],
        "kvm_pio": [
            // "pio_%s at 0x%x size %d count %d val 0x%x %s" ("(...)" or "")
            KVMTraceFormat("pio_{direction:w} at 0x{port:x} size {size:u} count {count:u} val 0x{val:x} (...)"),
            KVMTraceFormat("pio_{direction:w} at 0x{port:x} size {size:u} count {count:u} val 0x{val:x}"),
        ],
        "kvm_mmio": [KVMTraceFormat("mmio {type:w} len {len:u} gpa 0x{gpa:x} val 0x{val:x}")],
        "kvm_msr": [
            // "msr_%s %x = 0x%llx%s": the index in hex without 0x, " (#GP)" on a fault.
            KVMTraceFormat("msr_{direction:w} {index:x} = 0x{data:x} (#GP)"),
            KVMTraceFormat("msr_{direction:w} {index:x} = 0x{data:x}"),
        ],
        "kvm_cr": [KVMTraceFormat("cr_{direction:w} {cr:x} = 0x{val:x}")],
        "kvm_hypercall": [KVMTraceFormat("nr 0x{nr:x} a0 0x{a0:x} a1 0x{a1:x} a2 0x{a2:x} a3 0x{a3:x}")],
        "kvm_fpu": [KVMTraceFormat("{action:w}")],
        "kvm_set_irq": [KVMTraceFormat("gsi {gsi:u} level {level:d} source {source:d}")],
        "kvm_eoi": [KVMTraceFormat("apicid {apicid:x} vector {vector:d}")],
        "kvm_dirty_ring_push": [
            // Merged in 5.11: "ring %d: dirty 0x%x reset 0x%x slot %u offset 0x%llx (used %u)";
            // the RFC of 2019 printed "ret %d" before "(used".
            KVMTraceFormat(
                "ring {ring:d}: dirty 0x{dirty:x} reset 0x{reset:x} slot {slot:u} offset 0x{offset:x} ret {ret:d} (used {used:u})"),
            KVMTraceFormat("ring {ring:d}: dirty 0x{dirty:x} reset 0x{reset:x} slot {slot:u} offset 0x{offset:x} (used {used:u})"),
        ],
        "kvm_dirty_ring_reset": [KVMTraceFormat("ring {ring:d}: dirty 0x{dirty:x} reset 0x{reset:x} (used {used:u})")],
        "kvm_dirty_ring_exit": [KVMTraceFormat("vcpu {vcpu:d}")],
    ]

    /// How a payload matched the shapes of its event.
    struct Matched {
        var format: KVMTraceFormat?
        var fields: [(String, KVMTraceFormat.Value)] = []
        /// A shape matched the whole payload.
        var complete = false
        /// A shape matched all of the payload but goes on: the line is cut or wrapped.
        var partial = false
        /// A shape matched, and this text followed it.
        var trailing: String?
        /// The payload began with libtraceevent's `<CANT FIND FIELD …>`.
        var pluginError = false
        /// What the reader knows of the event (looked up once per line).
        var kind = KVMTraceReader.EventKind.unknown
    }

    /// The shapes of one event, with what they share: `shared[i][j]` is how many leading parts
    /// shape j has in common with shape i (i < j), so that matching j can start where i's
    /// match got to.
    final class FormatList: Sendable {
        let formats: [KVMTraceFormat]
        let shared: [[Int]]
        let maxOps: Int
        let maxFields: Int

        init(_ formats: [KVMTraceFormat]) {
            self.formats = formats
            var shared = [[Int]](repeating: [Int](repeating: 0, count: formats.count), count: formats.count)
            for i in formats.indices {
                for j in formats.indices where j > i {
                    let a = formats[i]
                    let b = formats[j]
                    var k = 0
                    while k < a.ops.count, k < b.ops.count, Self.same(a, a.ops[k], b, b.ops[k]) { k += 1 }
                    shared[i][j] = k
                }
            }
            self.shared = shared
            maxOps = formats.map(\.ops.count).max() ?? 0
            maxFields = formats.map(\.names.count).max() ?? 0
        }

        /// True when two parts match the same text alike: the same conversion and name, the
        /// same literal bytes, and for text conversions the same literal after them.
        private static func same(_ a: KVMTraceFormat, _ x: KVMTraceFormat.Op, _ b: KVMTraceFormat, _ y: KVMTraceFormat.Op) -> Bool {
            func literal(_ format: KVMTraceFormat, _ op: KVMTraceFormat.Op) -> ArraySlice<UInt8> {
                op.start < 0 ? [] : format.literalBytes[Int(op.start)..<Int(op.start + op.count)]
            }
            guard x.kind == y.kind, (x.start < 0) == (y.start < 0), literal(a, x) == literal(b, y) else { return false }
            if x.kind == .literal { return true }
            return a.names[Int(x.name)] == b.names[Int(y.name)] && x.name == y.name
        }
    }

    /// Room for the matches of one payload against a list of shapes: per shape, its fields
    /// and where it stood after each part. A reader keeps one and uses it for every line.
    final class Scratch {
        let slots: Int
        let opsPerSlot: Int
        let fieldsPerSlot: Int
        private let recordBuffer: UnsafeMutablePointer<KVMTraceFormat.Record>
        private let stepBuffer: UnsafeMutablePointer<KVMTraceFormat.Progress>
        /// Per shape, how many of its parts the match got through.
        let reached: UnsafeMutablePointer<Int>

        init(slots: Int, ops: Int, fields: Int) {
            self.slots = max(slots, 1)
            opsPerSlot = max(ops, 1)
            fieldsPerSlot = max(fields, 1)
            recordBuffer = .allocate(capacity: self.slots * fieldsPerSlot)
            stepBuffer = .allocate(capacity: self.slots * opsPerSlot)
            reached = .allocate(capacity: self.slots)
        }

        deinit {
            recordBuffer.deallocate()
            stepBuffer.deallocate()
            reached.deallocate()
        }

        func records(_ slot: Int) -> UnsafeMutablePointer<KVMTraceFormat.Record> { recordBuffer + slot * fieldsPerSlot }
        func steps(_ slot: Int) -> UnsafeMutablePointer<KVMTraceFormat.Progress> { stepBuffer + slot * opsPerSlot }

        func fits(_ list: FormatList) -> Bool {
            list.formats.count <= slots && list.maxOps <= opsPerSlot && list.maxFields <= fieldsPerSlot
        }
    }

    /// Every shape list's needs, for a scratch that fits them all.
    static let scratchSize: (slots: Int, ops: Int, fields: Int) = {
        let lists = [exit, nestedExitBefore5_10, nestedInject, exit + nestedExitBefore5_10] + Array(events.values)
        let all = lists.flatMap { $0 }
        return (lists.map(\.count).max() ?? 1, all.map(\.ops.count).max() ?? 1, all.map(\.names.count).max() ?? 1)
    }()

    static func field(_ record: KVMTraceFormat.Record, _ names: [String], _ payload: UnsafeBufferPointer<UInt8>) -> (
        String, KVMTraceFormat.Value
    ) {
        let name = names[Int(record.name)]
        guard record.isText else { return (name, .number(record.value)) }
        return (name, .text(String(decoding: UnsafeBufferPointer(rebasing: payload[Int(record.start)..<Int(record.end)]), as: UTF8.self)))
    }

    /// The first complete match of a payload; else the first shape matched with text after
    /// it, and whether some shape could still complete the payload (a cut or wrapped line),
    /// with the fields of the shape that read most.
    ///
    /// Each shape starts where the shape before it that shares the most leading parts got to,
    /// so a payload is read about once however many shapes its event has; fields are recorded
    /// as offsets and numbers, and only the chosen shape's become strings.
    ///
    /// Without `fields`, the result says how the payload matched but holds no fields (events
    /// whose values nothing reads).
    static func match(_ payload: ArraySlice<UInt8>, _ list: FormatList, scratch given: Scratch? = nil, fields wanted: Bool = true)
        -> Matched
    {
        let scratch =
            given.flatMap { $0.fits(list) ? $0 : nil } ?? Scratch(slots: list.formats.count, ops: list.maxOps, fields: list.maxFields)
        return payload.withUnsafeBufferPointer { text in
            let reached = scratch.reached
            var trailing: (slot: Int, at: Int)?
            var partial: (slot: Int, fields: Int)?
            for (slot, format) in list.formats.enumerated() {
                // Start from the earlier shape that shares the most parts done.
                var progress = KVMTraceFormat.Progress()
                var from: Int?
                for earlier in 0..<slot {
                    let done = min(list.shared[earlier][slot], reached[earlier])
                    if done > progress.ops {
                        progress = done > 0 ? scratch.steps(earlier)[done - 1] : KVMTraceFormat.Progress()
                        from = earlier
                    }
                }
                if let from, progress.fields > 0 {
                    scratch.records(slot).update(from: scratch.records(from), count: progress.fields)
                }
                if progress.ops > 0, let from {
                    scratch.steps(slot).update(from: scratch.steps(from), count: progress.ops)
                }
                let outcome = format.run(text, &progress, scratch.records(slot), scratch.steps(slot))
                reached[slot] = progress.ops
                switch outcome {
                case .complete:
                    return Matched(
                        format: format, fields: fields(format, slot, progress.fields, scratch, text, constants: true, wanted: wanted),
                        complete: true)
                case .incomplete:
                    if partial == nil || progress.fields > partial?.fields ?? 0 { partial = (slot, progress.fields) }
                case .trailing(let at):
                    if trailing == nil { trailing = (slot, at) }
                case .mismatch:
                    continue
                }
            }
            if let (slot, at) = trailing {
                let format = list.formats[slot]
                let rest = String(decoding: UnsafeBufferPointer(rebasing: text[at...]), as: UTF8.self).trimmingSpaces()
                var found = Matched(
                    format: format, fields: fields(format, slot, format.names.count, scratch, text, constants: true, wanted: wanted),
                    trailing: rest)
                found.partial = partial != nil
                return found
            }
            if let (slot, count) = partial {
                let format = list.formats[slot]
                return Matched(
                    format: format, fields: fields(format, slot, count, scratch, text, constants: false, wanted: wanted), partial: true)
            }
            return Matched()
        }
    }

    private static func fields(
        _ format: KVMTraceFormat, _ slot: Int, _ count: Int, _ scratch: Scratch, _ text: UnsafeBufferPointer<UInt8>, constants: Bool,
        wanted: Bool
    ) -> [(String, KVMTraceFormat.Value)] {
        guard wanted else { return [] }
        var fields: [(String, KVMTraceFormat.Value)] = []
        fields.reserveCapacity(count + (constants ? format.constants.count : 0))
        let records = scratch.records(slot)
        for k in 0..<count { fields.append(field(records[k], format.names, text)) }
        if constants { fields += format.constants }
        return fields
    }
}
