import Foundation
import Testing

@testable import VMCSInspect

/// Real pastes from mailing lists, bug trackers and issues (Tests/Corpus), each kept as it was
/// posted, with an expected file of values read from it by hand: the readers' ground truth.
///
/// The expected file has `key: value` lines (source, producer, arch, dumps, status, cause,
/// format-notes, and `refused:` with words of the message a paste is refused with when that is
/// its documented limit) and one line per hand-read value, `@N NAME = 0xVALUE` (N counts the paste's
/// dumps or events from 0; NAME is a catalog name, or a producer's own word that `resolvers`
/// below maps). `check @N …:` lines (`CheckExpectation`) give what the manual's rules say of
/// dump N, worked out by hand; `#` lines are comments (the reasoning beside them).
struct CorpusPaste: CustomStringConvertible, Sendable {
    let slug: String
    let fields: [String: String]
    let values: [(index: Int, name: String, value: UInt64)]
    let checks: [Int: CheckExpectation]
    /// `@N NAME = VALUE` lines whose value is no hex number: allowed only for the names the
    /// README lets be symbolic (`symbolicNames`); any other is a mistake in the file, which
    /// would otherwise never be checked.
    var symbolic: [(name: String, value: String)] = []

    var description: String { slug }
    var producer: String { fields["producer"] ?? "" }
    var producerKey: String {
        producer.hasPrefix("other:") ? String(producer.dropFirst(6).split(separator: " ").first ?? "") : producer
    }
    var dumps: Int? { fields["dumps"].flatMap { Int($0.split(separator: " ").first ?? "") } }
    var textPath: String { Package.path("Tests/Corpus/\(slug).txt") }

    static func all() -> [CorpusPaste] {
        let directory = Package.path("Tests/Corpus")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasSuffix(".expected") }.sorted().compactMap { name in
            guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else { return nil }
            var fields: [String: String] = [:]
            var values: [(Int, String, UInt64)] = []
            var checks: [Int: CheckExpectation] = [:]
            var symbolic: [(String, String)] = []
            for line in text.split(separator: "\n").map(String.init) {
                if line.hasPrefix("#") { continue }
                if let (index, kind, items) = CheckExpectation.parse(line) {
                    checks[index, default: CheckExpectation()].add(kind, items)
                } else if line.hasPrefix("@"), let space = line.firstIndex(of: " "), let equals = line.range(of: " = ") {
                    guard let index = Int(line[line.index(after: line.startIndex)..<space]) else { continue }
                    let name = String(line[line.index(after: space)..<equals.lowerBound]).trimmingCharacters(in: .whitespaces)
                    let valueText = line[equals.upperBound...].split(separator: " ").first.map(String.init) ?? ""
                    guard let value = NumberText.hex(valueText) else {
                        symbolic.append((name, String(line[equals.upperBound...])))
                        continue
                    }
                    values.append((index, name, value))
                } else if let colon = line.firstIndex(of: ":") {
                    let key = String(line[line.startIndex..<colon])
                    if fields[key] == nil { fields[key] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces) }
                }
            }
            return CorpusPaste(
                slug: String(name.dropLast(".expected".count)), fields: fields, values: values, checks: checks, symbolic: symbolic)
        }
    }
}

/// What `check` must say of one dump of a paste, read by hand from the manual's rules:
///
/// - `check @N broken: RULE, …`: these rules are broken (errors, or warnings for the rules a
///   processor may or may not enforce);
/// - `check @N undecided: RULE, …`: the paste lacks what these rules need, so they are unknown;
/// - `check @N others: none`: no rule but those listed as broken is broken;
/// - `check @N failure: WORDS`: the failure the paste records, in words of `check`'s line for it.
struct CheckExpectation: Sendable {
    var broken: [String] = []
    var undecided: [String] = []
    var othersNone = false
    var failures: [String] = []

    /// `check @N KIND: ITEMS` as (N, KIND, ITEMS).
    static func parse(_ line: String) -> (Int, String, String)? {
        guard line.hasPrefix("check @"), let colon = line.firstIndex(of: ":") else { return nil }
        let words = line[line.index(line.startIndex, offsetBy: 7)..<colon].split(separator: " ")
        guard words.count == 2, let index = Int(words[0]) else { return nil }
        return (index, String(words[1]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    mutating func add(_ kind: String, _ items: String) {
        let list = items.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        switch kind {
        case "broken": broken += list
        case "undecided": undecided += list
        case "others": othersNone = othersNone || items == "none"
        case "failure": failures.append(items)
        default: broken.append("(unknown line 'check @N \(kind):')")
        }
    }
}

@Suite struct CorpusTests {
    static let pastes = CorpusPaste.all()

    /// The `--format` each producer's pastes are detected as.
    static let formats: [String: String] = [
        "kvm-vmcs": "kvm", "kvm-vmcb": "kvm", "xen-vmcs": "xen", "qemu-cpu-state": "qemu", "vbox": "vbox", "xen-vmcb": "xen",
        "haxm": "fields", "hobby-vmx-vmread-dump": "fields", "noirvisor": "fields", "kontain-km": "fields", "kvm-trace": "trace",
        "bhyvectl": "bhyvectl",
    ]

    /// Names whose values the README lets be written as printed, not as hex numbers: trace
    /// events' names, times and words (`exception = #GP`, `failed = yes`); VirtualBox's status
    /// (`rc`) and flags;
    /// QEMU's `kvm_run` return value. These are documentation, not checked.
    static let symbolicNames: Set<String> = [
        "event", "timestamp", "exception", "failed", "reinjected", "rc", "real_on_v86", "kvm_run_return",
    ]

    /// Producers of which the public archives searched gave one paste only.
    static let singlePaste: Set<String> = ["xen-vmcb", "bhyvectl", "hobby-vmx-vmread-dump", "noirvisor", "kontain-km"]

    /// Producers whose reader is not written yet: their pastes are expected to fail, and a
    /// paste that passes says the producer belongs in `formats` now. (`kontain-km` is the
    /// Kontain monitor's own print of `struct kvm_regs` and `struct kvm_sregs`, not QEMU's
    /// dump: the field-log reader reads it, the QEMU reader does not claim it. `noah` prints no
    /// field dump, only one message: its expected file says so.)
    static let pending: Set<String> = [
        "noah"
    ]

    /// A hand-read value of a snapshot, by a producer's own word when the catalog has none.
    static func value(of name: String, in snapshot: Snapshot) -> UInt64? {
        if snapshot.format.rawValue == "trace", let value = traceWord(name, in: snapshot) { return value }
        if snapshot.format == .qemu { return qemuValue(of: name, in: snapshot) }
        if snapshot.format == .vbox { return virtualBoxValue(of: name, in: snapshot) }
        if let field = Catalog.forArchitecture(snapshot.architecture).lookup(name), let value = snapshot.integer(field.id) {
            // A value the producer printed narrower than the field (a 32-bit exit code) was
            // read by hand as printed; the tool extends it, and says so in a note.
            if snapshot.notes[field.id]?.contains(where: { $0.hasPrefix("printed as 32 bits") }) == true { return value & 0xffff_ffff }
            return value
        }
        return fieldLogWord(name, in: snapshot)
    }

    /// What the field-log producers printed beside their fields, as their expected files name
    /// it: the metadata the reader keeps, in the radix the producer printed (HAXM's
    /// `vmexit reason is %d`, `vcpu->tr:%x`; NoirVisor's `VMX Status: %d`).
    static let fieldLogMetadata: [String: (key: String, radix: Int)] = [
        "first_vmexit_reason": ("first_vmexit_reason", 10), "vmexit_counter": ("vmexit_counter", 10), "tr": ("vcpu->tr", 16),
        "vmx_status": ("vmx_status", 10),
    ]

    /// KVM's `struct kvm_segment` members that Kontain prints, as bits of the access rights,
    /// transcribed from KVM's vmx_segment_access_rights() (arch/x86/kvm/vmx/vmx.c): type 3:0,
    /// s 4, dpl 6:5, present 7, avl 12, l 13, db 14, g 15, unusable 16.
    static let kvmSegmentBits: [String: (lsb: UInt64, width: UInt64)] = [
        "type": (0, 4), "s": (4, 1), "dpl": (5, 2), "present": (7, 1), "avl": (12, 1), "l": (13, 1), "db": (14, 1), "g": (15, 1),
        "unusable": (16, 1),
    ]

    /// A field-log producer's word the catalog lacks: metadata; NoirVisor's `cs.access_rights`
    /// (guest state in a VMCS); a register name in a VMCS (the guest's, by `CPUState.mappings`,
    /// when the VMCS holds it for the guest only); Kontain's `CS.type` (bits of `CS.ar`).
    static func fieldLogWord(_ name: String, in snapshot: Snapshot) -> UInt64? {
        if let (key, radix) = fieldLogMetadata[name], let text = snapshot.metadata.last(where: { $0.key == key })?.value {
            return radix == 16 ? NumberText.hex(text) : UInt64(text)
        }
        let parts = name.lowercased().split(separator: ".").map(String.init)
        if parts.count == 2, snapshot.architecture == .vmx {
            let part = ["selector": "selector", "access_rights": "ar", "limit": "limit", "base": "base"][parts[1]]
            if let part { return snapshot.integer("guest.\(parts[0]).\(part)") }
        }
        if parts.count == 2, snapshot.architecture == .cpu, let bits = kvmSegmentBits[parts[1]],
            let word = snapshot.integer("cpu.\(parts[0]).ar")
        {
            return (word >> bits.lsb) & ((1 << bits.width) - 1)
        }
        if snapshot.architecture == .vmx, let register = Catalog.cpu.lookup(name),
            let guest = CPUState.mappings.first(where: { $0.id == register.id })?.vmcs,
            Catalog.vmcs.field(id: "host." + guest.dropFirst("guest.".count)) == nil
        {
            return snapshot.integer(guest)
        }
        return nil
    }

    /// QEMU's words (`EIP`, `EFL`, `CS.flags`, `GDT.base`, `hardware_error`, `suberror`,
    /// `extra_data[N]`), read from a snapshot that is CPU state or, when the error number named
    /// the vendor, the VMCS or VMCB guest state it became. `X.flags` is compared through the
    /// reader's one conversion (`QEMUCPUDump.accessRights(flags:)` and its inverse).
    static func qemuValue(of name: String, in snapshot: Snapshot) -> UInt64? {
        func metadata(_ key: String) -> String? { snapshot.metadata.first { $0.key == key }?.value }
        switch name {
        case "hardware_error":
            switch snapshot.failures.first?.kind {
            case .vmxExitReason(let reason): return UInt64(reason)
            case .vmInstructionError(let error): return UInt64(error)
            case .svmExitCode(let code):
                // Kernels before 6.19 hand QEMU a 32-bit exit code; the failure holds it
                // sign-extended, as the APM gives VMEXIT_INVALID.
                return NumberText.hexDigitCount(metadata("hardware_error") ?? "") <= 8 ? code & 0xffff_ffff : code
            case nil: return nil
            }
        case "suberror": return metadata("suberror").flatMap(NumberText.decimal)
        case _ where name.hasPrefix("extra_data["): return metadata(name).flatMap(NumberText.hex)
        default: break
        }
        let parts = name.split(separator: ".")
        var id: String?
        var isFlags = false
        switch (parts.first.flatMap { QEMUCPUDump.slots[String($0)] }, parts.count) {
        case (.register(let register, _), 1), (.single(let register), 1): id = register
        case (.rflags, 1): id = "cpu.rflags"
        case (.segment(let segment), 2), (.table(let segment), 2):
            isFlags = parts[1] == "flags"
            id = "cpu.\(segment).\(isFlags ? "ar" : parts[1])"
        default:
            if name == "RFLAGS" || name == "EFLAGS" { id = "cpu.rflags" }
        }
        guard let id else { return nil }
        var value: UInt64?
        if snapshot.architecture == .cpu {
            value = snapshot.integer(id)
        } else if let mapping = CPUState.mappings.first(where: { $0.id == id }),
            let target = snapshot.architecture == .vmx ? mapping.vmcs : mapping.vmcb
        {
            value = snapshot.integer(target)
            if isFlags, snapshot.architecture == .svm, let attributes = value {
                // The VMCB's attributes back to access rights (the inverse of
                // CPUState.Conversion.accessRightsToVMCBAttributes); P clear is unusable.
                value = (attributes & 0xff) | (attributes & 0xf00) << 4 | (attributes & 0x80 == 0 ? 0x1_0000 : 0)
            }
        } else if let field = Catalog.cpu.field(id: id), let text = metadata(field.name.lowercased()) {
            // Registers the structure has no field for are kept as metadata.
            value = NumberText.hex(text)
        }
        guard let value else { return nil }
        return isFlags ? QEMUCPUDump.flags(accessRights: value) : value
    }

    /// VirtualBox's words: its register dump's names (`eax`, `cs.sel`, `cs.flags`, `eflags`) name
    /// CPU-state registers, read through the VMCS or VMCB field when the snapshot was converted;
    /// `hm_error`, the real-mode copies of the `VT-x info` block (`eflags`, `cs.attr` there) and
    /// the raw-mode trap line (`trap`, `errcd`, `cr2`, `eip`, `type`, `cbInstr`) are metadata.
    static func virtualBoxValue(of name: String, in snapshot: Snapshot) -> UInt64? {
        let lower = name.lowercased()
        var register = lower
        let thirtyTwo = [
            "eax": "rax", "ebx": "rbx", "ecx": "rcx", "edx": "rdx", "esi": "rsi", "edi": "rdi", "eip": "rip", "esp": "rsp", "ebp": "rbp",
            "eflags": "rflags",
        ]
        if let wide = thirtyTwo[lower] { register = wide }
        if register.hasSuffix(".sel") { register = String(register.dropLast(4)) + ".selector" }
        if register.hasSuffix(".flags") { register = String(register.dropLast(6)) + ".ar" }
        if let field = Catalog.cpu.lookup(register) {
            var id: String? = field.id
            var packed = false
            if snapshot.architecture != .cpu, let mapping = CPUState.mappings.first(where: { $0.id == field.id }) {
                id = snapshot.architecture == .vmx ? mapping.vmcs : mapping.vmcb
                if snapshot.architecture == .svm, case .accessRightsToVMCBAttributes = mapping.conversion { packed = true }
            }
            // A VMCB packs the access rights' bits 15:12 into 11:8; VirtualBox printed them unpacked.
            if let id, let value = snapshot.integer(id) { return packed ? (value & 0xff) | (value & 0xf00) << 4 : value }
        }
        let metadata: [String: String] = [
            "hm_error": "hm_error", "eflags": "real_mode_eflags", "trap": "trap", "errcd": "trap_error_code", "cr2": "trap_cr2",
            "eip": "trap_eip", "type": "trap_type", "cbinstr": "trap_instruction_length",
        ]
        var key = metadata[lower]
        if lower.hasSuffix(".attr") { key = "real_mode_\(lower.dropLast(5))_attr" }
        guard let key, let text = snapshot.metadata.last(where: { $0.key == key })?.value else { return nil }
        return NumberText.hex(text.split(separator: " ").first ?? "")
    }

    /// kvm-trace: the words of KVM's trace events (kvm_exit's `info1`, `info2`, `intr_info`,
    /// `error_code`; kvm_nested_vmexit_inject's `int_info`, `int_info_err`) by the VMCS or VMCB
    /// field the reader placed them in; `vcpu`, `cpu`, `pid`, `tgid` from the metadata (printed
    /// in decimal).
    static func traceWord(_ name: String, in snapshot: Snapshot) -> UInt64? {
        let vmx = snapshot.architecture == .vmx
        switch name {
        case "reason": return snapshot.integer(vmx ? "exit.reason" : "control.exit_code")
        case "rip": return snapshot.integer(vmx ? "guest.rip" : "save.rip")
        case "info1": return snapshot.integer(vmx ? "exit.qualification" : "control.exit_info_1")
        // Linux 5.10 moved VMX's info2 from VM_EXIT_INTR_INFO to the IDT-vectoring information.
        case "info2":
            return vmx
                ? snapshot.integer("exit.idt_vectoring_info") ?? snapshot.integer("exit.intr_info")
                : snapshot.integer("control.exit_info_2")
        case "intr_info", "int_info": return snapshot.integer(vmx ? "exit.intr_info" : "control.exit_int_info")
        case "error_code", "int_info_err": return snapshot.integer(vmx ? "exit.intr_error_code" : "control.exit_int_info_err")
        case "vcpu", "cpu", "pid", "tgid":
            let text = snapshot.metadata.first { $0.key == name }?.value.split(separator: " ").first
            return text.flatMap { UInt64($0) }
        default: return nil
        }
    }

    /// kvm-trace: a value of the paste's event `event` (an exit's from its snapshot first, as
    /// the reader placed it), else as the event printed it: a payload field, or its context.
    static func traceValue(of name: String, in event: TraceEvent, snapshot: Snapshot?) -> UInt64? {
        if let snapshot, let value = value(of: name, in: snapshot) { return value }
        if let value = event.field(name)?.number { return value }
        switch name {
        case "cpu": return event.cpu.map { UInt64($0) }
        case "pid": return event.pid.map { UInt64($0) }
        case "tgid": return event.tgid.map { UInt64($0) }
        case "vcpu": return event.vcpu.map { UInt64($0) }
        default: return nil
        }
    }

    @Test func corpusIsLargeAndEveryPasteHasAProducerAndValues() {
        #expect(Self.pastes.count >= 25)
        for paste in Self.pastes {
            #expect(
                Self.formats[paste.producerKey] != nil || Self.pending.contains(paste.producerKey), "\(paste): producer \(paste.producer)")
            #expect(!paste.values.isEmpty, "\(paste): no hand-read values")
            #expect(paste.fields["source"] != nil, "\(paste): no source")
            for (name, value) in paste.symbolic {
                #expect(Self.symbolicNames.contains(name), "\(paste): '\(name) = \(value)' is no hex value, and \(name) is not a symbolic name")
            }
            for expectation in paste.checks.values {
                for rule in expectation.broken + expectation.undecided {
                    #expect(Checker.rule(id: rule) != nil, "\(paste): no rule '\(rule)'")
                }
            }
        }
        // Every producer in `formats` has two real pastes at least, but those for which the
        // searches found one only (Tests/Corpus/README.md lists what was tried).
        let counts = Dictionary(grouping: Self.pastes, by: \.producerKey).mapValues(\.count)
        for producer in Self.formats.keys {
            let count = counts[producer] ?? 0
            if Self.singlePaste.contains(producer) {
                #expect(count == 1, "\(producer) has \(count) pastes: update CorpusTests.singlePaste")
            } else {
                #expect(count >= 2, "\(producer) has \(count) pastes")
            }
        }
    }

    @Test(arguments: pastes)
    func pasteReadsAsItsProducerWithEveryValueRight(_ paste: CorpusPaste) throws {
        if Self.pending.contains(paste.producerKey) {
            withKnownIssue("no reader for \(paste.producer) yet") { try Self.check(paste) }
        } else {
            try Self.check(paste)
        }
    }

    static func check(_ paste: CorpusPaste) throws {
        if formats[paste.producerKey] == "trace" { return try checkTrace(paste) }
        if let refusal = paste.fields["refused"] {
            // A documented limit: the paste is refused with this message rather than misread.
            #expect(
                performing: { try SnapshotReader(path: paste.textPath, displayName: paste.slug).readAll() },
                throws: { error in
                    (error as? InspectError)?.message.contains(refusal) == true
                })
            return
        }
        let reader = try SnapshotReader(path: paste.textPath, displayName: paste.slug)
        let format = formats[paste.producerKey]
        // A paste may hold another producer's dump too (QEMU's beside the kernel's): the
        // expected file counts and numbers this producer's.
        let snapshots = try reader.readAll().filter { $0.format.rawValue == format }
        let detected =
            reader.format.rawValue == format
            || LogDumpKinds.formats.contains(reader.format)
                && LogDumpKinds.formats.contains { $0.rawValue == format }
        #expect(detected, "\(paste): detected as \(reader.format.rawValue)")
        if let dumps = paste.dumps { #expect(snapshots.count == dumps, "\(paste): \(snapshots.count) dumps read") }
        for (index, name, value) in paste.values {
            guard snapshots.indices.contains(index) else {
                Issue.record("\(paste): no dump @\(index) for \(name)")
                continue
            }
            #expect(Self.value(of: name, in: snapshots[index]) == value, "\(paste) @\(index) \(name)")
        }
        for (index, expectation) in paste.checks.sorted(by: { $0.key < $1.key }) {
            guard snapshots.indices.contains(index) else {
                Issue.record("\(paste): no dump @\(index) for its check lines")
                continue
            }
            checkRules(expectation, Checker.run(Decoder.decode(snapshots[index])), "\(paste) @\(index)")
        }
    }

    /// The rules `check` judges broken and undecided, and the failures it names, against the
    /// hand reading (without a processor profile, as a user without one runs it).
    static func checkRules(_ expected: CheckExpectation, _ report: CheckReport, _ name: String) {
        let broken = report.broken
        for rule in expected.broken { #expect(broken.contains(rule), "\(name): \(rule) is not reported broken (broken: \(broken))") }
        for rule in expected.undecided {
            #expect(report.unknown.contains { $0.check.id == rule }, "\(name): \(rule) is not undecided")
        }
        if expected.othersNone {
            #expect(Set(broken) == Set(expected.broken), "\(name): broken rules \(broken), by hand \(expected.broken)")
        }
        for words in expected.failures {
            #expect(
                report.causes.contains { $0.description.contains(words) },
                "\(name): no failure '\(words)' in \(report.causes.map(\.description))")
        }
    }

    /// kvm-trace pastes count `@N` over every event line, as `show` lists them; an exit event's
    /// values are read from its snapshot (`FILE@exit`), the other events' from their fields.
    static func checkTrace(_ paste: CorpusPaste) throws {
        let contents = try #require(try TraceSummary.read(path: paste.textPath, displayName: paste.slug), "\(paste): not read as a trace")
        #expect(contents.format.rawValue == formats[paste.producerKey], "\(paste): detected as \(contents.format.rawValue)")
        if let dumps = paste.dumps { #expect(contents.events.count == dumps, "\(paste): \(contents.events.count) events read") }
        for (index, name, value) in paste.values {
            guard contents.events.indices.contains(index) else {
                Issue.record("\(paste): no event @\(index) for \(name)")
                continue
            }
            let event = contents.events[index]
            let snapshot = event.exitIndex.flatMap { contents.snapshots.indices.contains($0) ? contents.snapshots[$0] : nil }
            #expect(traceValue(of: name, in: event, snapshot: snapshot) == value, "\(paste) @\(index) \(name) (\(event.name))")
        }
    }
}
