/// An exit reason as a trace printed it, read.
struct KVMTraceReason: Equatable {
    enum Printer { case kernel, plugin, either }

    /// The full VMX exit reason or SVM exit code, when the text gives it.
    var value: UInt64?
    /// The vendor the spelling belongs to; nil for a bare number.
    var vendor: Architecture?
    /// Who prints this spelling: the kernel only (a `0x` number, a name the plugin's table
    /// lacks, flag names), the plugin only (`EXIT_…`, `UNKNOWN (n)`), or either.
    var printer: Printer
}

extension KVMTraceReader {
    /// Reads an exit reason's text: a name of `KVMTraceExitNames` (VMX names may be followed
    /// by flag names and a hex rest, `INVALID_STATE FAILED_VMENTRY`, `EPT_VIOLATION 0x8000000`),
    /// the kernel's `0x%lx` for a number its table lacks, or the plugin's `UNKNOWN (%llu)`.
    static func parseReason(_ text: String) -> KVMTraceReason {
        let trimmed = text.trimmingSpaces()
        if let row = KVMTraceExitNames.row(printed: trimmed) {
            let printer: KVMTraceReason.Printer = row.printers == .both ? .either : row.printers == .plugin ? .plugin : .kernel
            return KVMTraceReason(value: row.value, vendor: row.architecture, printer: printer)
        }
        if trimmed.hasPrefix("UNKNOWN ("), trimmed.hasSuffix(")"),
            let value = UInt64(trimmed.dropFirst("UNKNOWN (".count).dropLast())
        {
            return KVMTraceReason(value: value, vendor: nil, printer: .plugin)
        }
        if trimmed.hasPrefix("0x"), let value = NumberText.hex(trimmed) {
            return KVMTraceReason(value: value, vendor: nil, printer: .kernel)
        }
        let words = trimmed.split(separator: " ")
        if words.count > 1, let row = KVMTraceExitNames.vmxExact[String(words[0])] {
            var value = row.value
            for word in words.dropFirst() {
                if let flag = KVMTraceExitNames.vmxFlags.first(where: { $0.name == word }) {
                    value |= flag.bits
                } else if word.hasPrefix("0x"), let bits = NumberText.hex(word) {
                    value |= bits
                } else {
                    return KVMTraceReason(value: nil, vendor: nil, printer: .either)
                }
            }
            return KVMTraceReason(value: value, vendor: .vmx, printer: .kernel)
        }
        return KVMTraceReason(value: nil, vendor: nil, printer: .either)
    }
}

/// An exit event read from a trace, kept open while the events of its handling follow.
final class OpenExit {
    /// How the event printed its values, which decides where they go.
    enum Shape {
        /// `vcpu N reason X rip 0x… info1 0x… info2 0x… intr_info 0x… error_code 0x…`
        /// (Linux 5.10 and later): info2 is IDT-vectoring information on VMX, and KVM prints 0
        /// for what it did not read.
        case current
        /// `vcpu N reason X rip 0x… info A B` (5.4 to 5.9): info2 is VM_EXIT_INTR_INFO on VMX.
        case vcpuInfo
        /// `reason X rip 0x… info A B`: Linux up to 5.3, or libtraceevent's plugin on any kernel.
        case plugin
        /// The plugin's form with ` intr N` appended (the 5.10 record's intr_info).
        case pluginIntr
        /// `kvm_nested_vmexit` before 5.10: info2 is IDT-vectoring information, the others
        /// the VMCS fields themselves.
        case nestedBefore5_10
        /// `kvm_nested_vmexit_inject`: the vmcs12/vmcb12 values KVM reflects to L1.
        case inject
        /// perf trace's field mode: the record's fields.
        case fields
    }

    let index: Int
    let number: Int
    let event: String
    let layout: KVMTraceLine.Layout
    let padded: Bool
    /// The exit's line, whose task and timestamp become strings only for its snapshot.
    private let line: KVMTraceLine
    var task: String? { line.task.map { KVMTraceReader.visible($0) } }
    var timestamp: String? { line.timestamp }
    let pid: Int?
    let tgid: Int?
    let cpu: Int?
    let vcpu: Int?
    /// The vCPU and line of the `kvm_entry` the vCPU was taken from, when the exit names none.
    let inferredVCPU: (vcpu: Int, line: Int)?
    let key: KVMTraceReader.StreamKey
    let reasonText: String
    let reason: KVMTraceReason
    let values: Values
    let symbol: String?
    let shape: Shape
    let cut: Bool
    var closed = false
    /// The events attached, as the metadata lists them (made when the snapshot is).
    var attached: [(key: String, value: String)] {
        attachedEvents.map { ($0.event, KVMTraceReader.visible(String(decoding: $0.payload, as: UTF8.self)) + " (line \($0.line))") }
    }
    private var attachedEvents: [(event: String, payload: ArraySlice<UInt8>, line: Int)] = []
    var unattached = 0
    var pageFault: (address: UInt64, rip: UInt64?, line: Int)?
    /// The first exception KVM says it re-injects (`#PF (0x2) [reinjected]`, Linux 5.19 and
    /// later): the event the exit interrupted, with its error code.
    var reinjection: (vector: UInt64, errorCode: UInt64?, line: Int)?

    /// The numbers of an exit event that its snapshot uses, by the names the formats give them.
    struct Values {
        var rip: UInt64?
        var info1: UInt64?
        var info2: UInt64?
        var intrInfo: UInt64?
        var errorCode: UInt64?
        var requests: UInt64?
        var reason: UInt64?
        var isa: UInt64?

        subscript(name: String) -> UInt64? {
            get {
                switch name {
                case "rip": return rip
                case "info1": return info1
                case "info2": return info2
                case "intr_info": return intrInfo
                case "error_code": return errorCode
                case "requests": return requests
                case "reason": return reason
                case "isa": return isa
                default: return nil
                }
            }
            set {
                switch name {
                case "rip": rip = newValue
                case "info1": info1 = newValue
                case "info2": info2 = newValue
                case "intr_info": intrInfo = newValue
                case "error_code": errorCode = newValue
                case "requests": requests = newValue
                case "reason": reason = newValue
                case "isa": isa = newValue
                default: break
                }
            }
        }
    }

    /// `reason` is the reason text of `fields` as the caller read it, when it did, with the
    /// text as shown.
    init(
        index: Int, line: KVMTraceLine, number: Int, fields: [(String, KVMTraceFormat.Value)], format: KVMTraceFormat?, vcpu: Int?,
        inferredVCPU: (vcpu: Int, line: Int)?, key: KVMTraceReader.StreamKey, cut: Bool,
        reason read: (text: String, reason: KVMTraceReason, shown: String)? = nil
    ) {
        self.index = index
        self.number = number
        event = line.event
        layout = line.layout
        padded = line.padded
        self.line = line
        pid = line.pid
        tgid = line.tgid
        cpu = line.cpu
        self.vcpu = vcpu
        self.inferredVCPU = inferredVCPU
        self.key = key
        self.cut = cut
        var numbers = Values()
        var reasonText = ""
        var untrimmedReason: String?
        var shown: String?
        var symbol: String?
        for (name, value) in fields {
            switch value {
            case .number(let number): numbers[name] = number
            case .text(let text):
                if name == "reason" { untrimmedReason = text }
                if name == "symbol" { symbol = KVMTraceReader.visible(text) }
            }
        }
        if line.fieldMode {
            reasonText = untrimmedReason?.trimmingSpaces() ?? ""
            shape = .fields
            // perf trace leaves out fields that are zero; the exit record always has these.
            if numbers.rip == nil { numbers.rip = 0 }
            if numbers.info1 == nil { numbers.info1 = 0 }
            if numbers.info2 == nil { numbers.info2 = 0 }
            if let reason = numbers.reason {
                reasonText = String(reason)
                var parsed = KVMTraceReason(value: reason, vendor: nil, printer: .either)
                if numbers.isa == 1 { parsed.vendor = .vmx }
                if numbers.isa == 2 { parsed.vendor = .svm }
                self.reason = parsed
            } else {
                reason = KVMTraceReason(value: nil, vendor: nil, printer: .either)
            }
        } else {
            if let read, let untrimmedReason, read.text == untrimmedReason {
                reason = read.reason
                shown = read.shown
            } else {
                reasonText = untrimmedReason?.trimmingSpaces() ?? ""
                reason = KVMTraceReader.parseReason(reasonText)
            }
            let template = format?.template ?? ""
            if line.event == "kvm_nested_vmexit_inject" {
                shape = .inject
            } else if template.hasPrefix("rip") {
                shape = .nestedBefore5_10
            } else if format?.shape == "6.14" || format?.shape == "5.10" {
                shape = .current
            } else if format?.shape == "5.4" {
                shape = .vcpuInfo
            } else if format?.shape == "plugin+intr" {
                shape = .pluginIntr
            } else {
                shape = .plugin
            }
        }
        self.reasonText = shown ?? KVMTraceReader.visible(reasonText)
        values = numbers
        self.symbol = symbol
    }

    /// The vector of a `kvm_inj_exception` that says it re-injects (` [reinjected]`, or the
    /// raw `reinjected=1`).
    static func reinjectedVector(_ fields: [(String, KVMTraceFormat.Value)]) -> UInt64? {
        if let vector = KVMTraceReader.number("vector", fields) {
            return KVMTraceReader.number("reinjected", fields) == 1 ? vector : nil
        }
        guard fields.contains(where: { $0.0 == "reinjected" }), let name = KVMTraceReader.text("exception", fields) else { return nil }
        if name.hasPrefix("0x") { return NumberText.hex(name) }
        return Registers.exceptionMnemonics.entries.first { $0.value == name }?.key
    }

    /// Attaches an event of the exit's handling; `listed` when the exit's snapshot will list
    /// it (the events of an exit `FILE@N` passes over only count for what they place).
    func attach(_ line: KVMTraceLine, number: Int, fields: [(String, KVMTraceFormat.Value)], listed: Bool = true) {
        if line.event == "kvm_page_fault", pageFault == nil, let address = KVMTraceReader.number("address", fields) {
            pageFault = (address, KVMTraceReader.number("rip", fields), number)
        }
        if line.event == "kvm_inj_exception", reinjection == nil, let vector = Self.reinjectedVector(fields) {
            reinjection = (vector, KVMTraceReader.number("error_code", fields), number)
        }
        guard listed else { return }
        guard attachedEvents.count < KVMTraceReader.attachLimit else {
            unattached += 1
            return
        }
        attachedEvents.append((line.event, line.payload, number))
    }
}

extension KVMTraceReader {
    /// Where info2 goes on VMX, and why.
    enum VMXInfo2 {
        case idtVectoring(String?)
        case intrInfo(String?)
        case unknown
    }

    func vmxInfo2(_ exit: OpenExit) -> VMXInfo2 {
        switch exit.shape {
        case .current, .pluginIntr, .nestedBefore5_10, .inject: return .idtVectoring(nil)
        case .vcpuInfo: return .intrInfo(nil)
        case .plugin, .fields:
            if exit.shape == .plugin, exit.reason.printer == .kernel {
                return .intrInfo(
                    "the reason '\(exit.reasonText)' is spelt as only the kernel spells it, so the line is a kernel's before 5.4")
            }
            if exit.shape == .fields, exit.values.intrInfo != nil || exit.values.errorCode != nil || exit.values.requests != nil {
                return .idtVectoring("the record has the intr_info field that Linux 5.10 added")
            }
            if exit.shape == .plugin, exit.reason.printer == .either, exit.layout == .ftrace, !exit.padded, !evidence.traceCmd {
                return .intrInfo("ftrace prints the kernel's own text, and only kernels before 5.4 print this form")
            }
            switch (evidence.oldLine, evidence.newLine) {
            case (nil, let new?):
                return .idtVectoring("line \(new.0) shows a kernel of 5.9 or later (\(new.1))")
            case (let old?, nil):
                return .intrInfo("line \(old.0) shows a kernel before 5.10 (\(old.1))")
            default:
                return .unknown
            }
        }
    }

    /// The snapshot of a closed exit. Without `build`, only what it warns about is worked out,
    /// and the snapshot holds its index and vendor but no values (an exit `FILE@N` passes
    /// over): the warnings are those of the full snapshot.
    func snapshot(_ exit: OpenExit, into output: inout ReaderOutput, build: Bool = true) -> Snapshot {
        let location = context.location(exit.number)
        var architecture = exit.reason.vendor
        var pageNotes: [String] = []
        if architecture == nil, let vendor = evidence.vendor {
            architecture = vendor
            if build {
                pageNotes.append(
                    "the reason '\(exit.reasonText)' names no vendor; the trace is \(vendor == .vmx ? "VMX" : "SVM")'s (line \(evidence.vendorLine): \(evidence.vendorWhat))"
                )
            }
        }
        var snapshot = Snapshot(
            architecture: architecture ?? .cpu, source: context.name, format: .trace, producer: "", index: exit.index, location: location)
        var metadata: [(key: String, value: String)] = []
        if build { describe(exit, &snapshot, &metadata, &pageNotes) }
        place(exit, &snapshot, &metadata, &pageNotes, build: build, location: location, into: &output)
        if build {
            metadata += exit.attached
            if exit.unattached > 0 { metadata.append(("more_events", String(exit.unattached))) }
            snapshot.metadata = metadata
            snapshot.pageNotes = pageNotes
        }
        return snapshot
    }

    /// The fields the trace reader places, with their sizes and names, by architecture
    /// (looked up once, not in the catalog for every value).
    static func placedFields(_ architecture: Architecture) -> [String: (size: Int, name: String)] {
        switch architecture {
        case .vmx: return placedVMX
        case .svm: return placedSVM
        case .cpu: return placedCPU
        }
    }

    private static let placedIDs = [
        "exit.reason", "guest.rip", "exit.qualification", "exit.idt_vectoring_info", "exit.intr_info", "exit.intr_error_code",
        "exit.idt_vectoring_error_code", "exit.guest_physical_address", "control.exit_code", "save.rip", "control.exit_info_1",
        "control.exit_info_2", "control.exit_int_info", "control.exit_int_info_err", "cpu.rip",
    ]
    private static func placed(_ catalog: Catalog) -> [String: (size: Int, name: String)] {
        var fields: [String: (size: Int, name: String)] = [:]
        for id in placedIDs {
            if let field = catalog.field(id: id) { fields[id] = (field.size, field.name) }
        }
        return fields
    }
    /// The size of the narrowest field placed (at most 8).
    private static let narrowestPlaced = min(8, ([placedVMX, placedSVM, placedCPU].flatMap { $0.values.map(\.size) }.min() ?? 8))
    private static let placedVMX = placed(.vmcs)
    private static let placedSVM = placed(.vmcb)
    private static let placedCPU = placed(.cpu)

    /// The producer line and the metadata an exit's snapshot lists before its values.
    private func describe(
        _ exit: OpenExit, _ snapshot: inout Snapshot, _ metadata: inout [(key: String, value: String)], _ pageNotes: inout [String]
    ) {
        var producer = "\(exit.event) trace event"
        if exit.layout != .bare { producer += ", \(exit.layout.rawValue)" }
        snapshot.producer = producer
        metadata.append(("event", exit.event))
        if let task = exit.task { metadata.append(("task", task)) }
        if let pid = exit.pid { metadata.append(("pid", String(pid))) }
        if let tgid = exit.tgid { metadata.append(("tgid", String(tgid))) }
        if let cpu = exit.cpu { metadata.append(("cpu", String(cpu))) }
        if let timestamp = exit.timestamp { metadata.append(("time", timestamp)) }
        if let vcpu = exit.vcpu {
            if let inferred = exit.inferredVCPU {
                metadata.append(("vcpu", "\(vcpu) (from the kvm_entry at line \(inferred.line))"))
            } else {
                metadata.append(("vcpu", String(vcpu)))
            }
        }
        metadata.append(("reason", exit.reasonText))
        if let requests = exit.values.requests { metadata.append(("requests", ValueText.hex(requests))) }
        if let symbol = exit.symbol { metadata.append(("symbol", symbol)) }
        if exit.cut { pageNotes.append("the event was cut off: only the values before the cut are read") }
    }

    /// Places an exit's values; with `build`, also its notes and recorded failures.
    private func place(
        _ exit: OpenExit, _ snapshot: inout Snapshot, _ metadata: inout [(key: String, value: String)], _ pageNotes: inout [String],
        build: Bool, location: SourceLocation, into output: inout ReaderOutput
    ) {
        let sizes = Self.placedFields(snapshot.architecture)
        func place(_ id: String, _ value: UInt64) {
            // A value that fits the narrowest placed field fits them all: no lookup.
            if value >> (Self.narrowestPlaced * 8) != 0, let field = sizes[id], field.size < 8, value >> (field.size * 8) != 0 {
                output.warn(
                    location,
                    "\(exit.event) gives \(field.name) \(ValueText.hex(value)), wider than its \(field.size * 8) bits; kept as printed")
            }
            if build { snapshot.values[id] = .integer(value) }
        }
        let architecture: Architecture? = snapshot.architecture == .cpu ? nil : snapshot.architecture
        let reason = exit.reason.value
        let rip = exit.values.rip
        let info1 = exit.values.info1
        let info2 = exit.values.info2
        let intrInfo = exit.values.intrInfo
        let errorCode = exit.values.errorCode
        if build, exit.shape == .inject {
            pageNotes.append(
                "the exit KVM reflects to L1: the \(snapshot.architecture == .svm ? "vmcb12" : "vmcs12") values L1 reads, not the hardware exit"
            )
        }

        switch architecture {
        case .vmx:
            if let reason {
                place("exit.reason", reason)
                if build, reason >> 31 & 1 == 1 {
                    snapshot.failures.append(
                        RecordedFailure(kind: .vmxExitReason(UInt32(truncatingIfNeeded: reason)), text: exit.reasonText, location: location)
                    )
                }
            }
            if let rip, exit.shape != .inject { place("guest.rip", rip) }
            if let info1 { place("exit.qualification", info1) }
            let failed = (reason ?? 0) >> 31 & 1 == 1
            // From 5.10 KVM prints 0 for what a failed VM entry leaves undefined.
            var synthetic = failed && [.current, .pluginIntr, .fields].contains(exit.shape)
            var idtVectoring: UInt64?
            if let info2 {
                switch vmxInfo2(exit) {
                case .idtVectoring(let why):
                    if failed, exit.shape == .plugin { synthetic = true }
                    if !synthetic {
                        place("exit.idt_vectoring_info", info2)
                        idtVectoring = info2
                        if build, let why { pageNotes.append("info2 is the IDT-vectoring information: \(why)") }
                    }
                case .intrInfo(let why):
                    place("exit.intr_info", info2)
                    if build, let why { pageNotes.append("info2 is the VM-exit interruption information: \(why)") }
                case .unknown:
                    if build {
                        metadata.append(("info2", ValueText.hex(info2)))
                        pageNotes.append(
                            "info2 \(ValueText.hex(info2)) is not placed: the plugin's 'info A B' form hides the kernel's age, and info2 is the VM-exit interruption information before Linux 5.10 and the IDT-vectoring information after"
                        )
                    }
                    warnOnce(
                        "info2", location,
                        "kvm_exit's info2 is not placed: 'info A B' is printed alike by kernels before 5.10 (VM_EXIT_INTR_INFO) and later ones (IDT-vectoring information), and no line of the trace tells which",
                        into: &output)
                }
            }
            if build, synthetic {
                pageNotes.append(
                    "KVM prints info2, intr_info and error_code as 0 after a failed VM entry (Linux 5.10 and later): they are not VMCS values"
                )
            }
            if let intrInfo, !synthetic { place("exit.intr_info", intrInfo) }
            if let errorCode, !synthetic {
                let raw = exit.shape == .nestedBefore5_10 || exit.shape == .inject
                // KVM reads the error code only when the interruption information says there
                // is one (a valid hardware exception with an error code); else it prints 0.
                let valid = (intrInfo ?? 0) >> 31 & 1 == 1 && (intrInfo ?? 0) >> 8 & 7 == 3 && (intrInfo ?? 0) >> 11 & 1 == 1
                if raw || valid { place("exit.intr_error_code", errorCode) }
            }
            // KVM re-injects the event the exit interrupted with IDT_VECTORING_ERROR_CODE
            // (vmx_complete_interrupts()); the injection's trace shows it.
            if let idt = idtVectoring, idt >> 31 & 1 == 1, idt >> 11 & 1 == 1,
                let again = exit.reinjection, again.vector == idt & 0xff, let code = again.errorCode
            {
                place("exit.idt_vectoring_error_code", code)
                if build {
                    snapshot.notes["exit.idt_vectoring_error_code"] = [
                        "from the event KVM re-injects, kvm_inj_exception at line \(again.line)"
                    ]
                }
            }
            if let fault = exit.pageFault, (reason ?? 0) & 0xffff == 48, exit.shape != .inject, fault.rip == nil || fault.rip == rip {
                place("exit.guest_physical_address", fault.address)
                if build { snapshot.notes["exit.guest_physical_address"] = ["from the kvm_page_fault event at line \(fault.line)"] }
            }
        case .svm:
            if var code = reason {
                // The trace's exit_reason is 32 bits; VMEXIT_INVALID (-1), BUSY (-2) and
                // IDLE_REQUIRED (-3) are negative 64-bit codes.
                if code >= 0xffff_fffd, code <= 0xffff_ffff {
                    code |= 0xffff_ffff_0000_0000
                    if build {
                        snapshot.notes["control.exit_code"] = [
                            "the trace prints the 32-bit \(exit.reasonText); it is the 64-bit EXITCODE \(Int64(bitPattern: code))"
                        ]
                    }
                }
                place("control.exit_code", code)
                if build, code == UInt64.max {
                    snapshot.failures.append(RecordedFailure(kind: .svmExitCode(code), text: exit.reasonText, location: location))
                }
            }
            if let rip, exit.shape != .inject { place("save.rip", rip) }
            if let info1 { place("control.exit_info_1", info1) }
            if let info2 { place("control.exit_info_2", info2) }
            if let intrInfo { place("control.exit_int_info", intrInfo) }
            if let errorCode {
                let raw = exit.shape == .nestedBefore5_10 || exit.shape == .inject
                let valid = (intrInfo ?? 0) >> 31 & 1 == 1 && (intrInfo ?? 0) >> 11 & 1 == 1
                if raw || valid { place("control.exit_int_info_err", errorCode) }
            }
        case .cpu, nil:
            if let rip, exit.shape != .inject { place("cpu.rip", rip) }
            if build {
                for (name, value) in [("info1", info1), ("info2", info2), ("intr_info", intrInfo), ("error_code", errorCode)] {
                    if let value { metadata.append((name, ValueText.hex(value))) }
                }
            }
            output.warn(
                location,
                "the exit reason '\(exit.reasonText)' names no vendor, and no line of the trace does: the event is kept without VMCS or VMCB fields"
            )
        }
    }

    func warnOnce(_ key: String, _ location: SourceLocation, _ message: String, into output: inout ReaderOutput) {
        guard !warnedOnceKeys.contains(key) else { return }
        warnedOnceKeys.insert(key)
        output.warn(location, message)
    }
}
