/// A printed event payload's shape, written like the producer's format string with named
/// conversions: `vcpu {vcpu:u} reason {reason:s} rip 0x{rip:x}`.
///
/// Conversions: `x` hex digits (the template writes any `0x` the format prints), `u` decimal,
/// `d` signed decimal, `s` any text up to the next literal (or the end), `w` the same without
/// spaces. Matching is on bytes and linear in the payload.
struct KVMTraceFormat: Sendable {
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

    func match(_ payload: ArraySlice<UInt8>) -> Match {
        var fields: [(String, Value)] = []
        var i = payload.startIndex
        let end = payload.endIndex
        var index = 0
        while index < parts.count {
            switch parts[index] {
            case .literal(let text):
                for byte in text {
                    if i == end { return .incomplete(fields) }
                    if payload[i] != byte { return .mismatch }
                    i += 1
                }
            case .field(let name, let kind):
                switch kind {
                case .hex, .decimal, .signed:
                    var negative = false
                    if kind == .signed, i < end, payload[i] == UInt8(ascii: "-") {
                        negative = true
                        i += 1
                    }
                    let start = i
                    var value: UInt64 = 0
                    var overflow = false
                    while i < end {
                        let byte = payload[i]
                        let digit: UInt64
                        if byte.isDigit {
                            digit = UInt64(byte - 0x30)
                        } else if kind == .hex, byte.isHexDigit {
                            digit = UInt64((byte | 0x20) - UInt8(ascii: "a") + 10)
                        } else {
                            break
                        }
                        let (shifted, o1) = value.multipliedReportingOverflow(by: kind == .hex ? 16 : 10)
                        let (sum, o2) = shifted.addingReportingOverflow(digit)
                        overflow = overflow || o1 || o2
                        value = sum
                        i += 1
                    }
                    if i == start { return i == end ? .incomplete(fields) : .mismatch }
                    if overflow { return .mismatch }
                    // A number the payload ends in, with the template going on, may be cut.
                    if i == end, index + 1 < parts.count { return .incomplete(fields) }
                    fields.append((name, .number(negative ? UInt64(bitPattern: -Int64(bitPattern: value)) : value)))
                case .text, .word:
                    let start = i
                    if index + 1 < parts.count, case .literal(let next) = parts[index + 1] {
                        guard let found = Self.find(next, in: payload, from: i) else {
                            // The literal may still come on a continuation line.
                            if kind == .word, payload[i..<end].contains(0x20) { return .mismatch }
                            return .incomplete(fields)
                        }
                        if kind == .word, payload[start..<found].contains(0x20) { return .mismatch }
                        i = found
                    } else {
                        if kind == .word, payload[i..<end].contains(0x20) { return .mismatch }
                        i = end
                    }
                    fields.append((name, .text(String(decoding: payload[start..<i], as: UTF8.self))))
                }
            }
            index += 1
        }
        if i == end { return .complete(fields) }
        return payload[i] == 0x20 ? .trailing(fields, i) : .mismatch
    }

    /// The first place `needle` occurs in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, haystack.endIndex - start >= needle.count else { return nil }
        var i = start
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
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
        var kind = KVMTraceReader.EventKind()
    }

    /// The first complete match of a payload; else the first shape matched with text after
    /// it, and whether some shape could still complete the payload (a cut or wrapped line),
    /// with the fields of the shape that read most.
    static func match(_ payload: ArraySlice<UInt8>, _ formats: [KVMTraceFormat]) -> Matched {
        var trailing: Matched?
        var partial: Matched?
        for format in formats {
            switch format.match(payload) {
            case .complete(let fields):
                return Matched(format: format, fields: fields + format.constants, complete: true)
            case .incomplete(let fields):
                if partial == nil || fields.count > partial?.fields.count ?? 0 {
                    partial = Matched(format: format, fields: fields, partial: true)
                }
            case .trailing(let fields, let at):
                if trailing == nil {
                    let text = String(decoding: payload[at...], as: UTF8.self).trimmingSpaces()
                    trailing = Matched(format: format, fields: fields + format.constants, trailing: text)
                }
            case .mismatch:
                continue
            }
        }
        if var found = trailing {
            found.partial = partial != nil
            return found
        }
        return partial ?? Matched()
    }
}
