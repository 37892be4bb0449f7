extension InputFormat {
    /// FreeBSD's `bhyvectl --get-all` output.
    public static let bhyvectl = InputFormat(
        "bhyvectl", title: "bhyvectl output", example: "cs desc[1]      0x0000000000000000/0xffffffff/0x0000a09b", isLog: true)
}

/// Reads what FreeBSD's `bhyvectl --get-all --vm=NAME --cpu=N` prints (usr.sbin/bhyvectl/
/// bhyvectl.c): one `name[vcpu]<tabs>value` row per register, `base/limit/access` for segment
/// descriptors, `base/limit` for GDTR and IDTR. On an Intel host the rows are VMCS fields; on
/// an AMD host VMCB reads of a given offset and width, which are laid into the page byte by
/// byte so each catalog field is known exactly when all its bytes were printed. Rows the
/// structure does not hold (bhyve keeps the other general registers, CR2 and DR0–DR6 on Intel
/// outside it) are named in one warning.
final class BhyvectlReader: TextReader {
    /// One `name[vcpu]  value` row.
    struct Row {
        let name: String
        let vcpu: Int
        let values: [UInt64]
        let line: Int
    }

    /// Splits a row; nil when the line is not `name[digits]` then blanks then a value.
    static func row(_ content: String, line: Int) -> Row? {
        // Most lines have no `[`: the bytes say so sooner than the characters.
        guard content.utf8.contains(UInt8(ascii: "[")), let open = content.firstIndex(of: "["), let close = content[open...].firstIndex(of: "]") else { return nil }
        let digits = content[content.index(after: open)..<close]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let vcpu = Int(digits) else { return nil }
        let rest = content[content.index(after: close)...]
        guard rest.first == " " || rest.first == "\t", let token = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).first else {
            return nil
        }
        let label = content[content.startIndex..<open].trimmingSpaces()
        guard !label.isEmpty else { return nil }
        var values: [UInt64] = []
        for part in token.split(separator: "/", omittingEmptySubsequences: false) {
            // `%#lx` prints zero as a bare 0, everything else with 0x; `%d` rows are decimal.
            guard let value = part.hasPrefix("0x") ? NumberText.hex(part) : NumberText.decimal(part) else { return nil }
            values.append(value)
        }
        return Row(name: String(label), vcpu: vcpu, values: values, line: line)
    }

    /// Sure when the head holds at least three such rows naming registers bhyvectl prints.
    static func score(_ head: HeadSample) -> (InputFormat, Score)? {
        var count = 0
        for line in head.lines.prefix(2000) {
            guard let row = row(line.content, line: line.number) else { continue }
            if vmxFields[row.name] != nil || svmFields[row.name] != nil || commonRows.contains(row.name) || descriptor(row.name) != nil {
                count += 1
            }
            if count >= 3 { return (.bhyvectl, Score(90, "bhyvectl rows such as '\(line.content.prefix(30))' (line \(line.number))")) }
        }
        return nil
    }

    static let entry = TextReaderEntry(
        formats: [.bhyvectl], score: { BhyvectlReader.score($0) }, make: { context, _ in try BhyvectlReader(context: context) })

    let context: ReaderContext
    var name: String { context.name }
    let architecture: Architecture
    /// Rows of the vCPU being read, and their names.
    private var group: [Row] = []
    private var names = Set<String>()
    private var any = false
    private var index = 0

    /// The vendor comes from the rows only one vendor's bhyvectl prints, in the head; without
    /// them, from EFER.SVME, with a warning.
    init(context: ReaderContext) throws {
        self.context = context
        let rows = context.head.lines.compactMap { Self.row($0.content, line: $0.number) }
        let vmx = rows.contains { Self.vmxOnly.contains($0.name) }
        let svm = rows.contains { Self.svmOnly.contains($0.name) }
        if vmx && svm {
            throw InspectError(
                SourceLocation(file: context.name), "bhyvectl output holds both VMCS-only and VMCB-only rows (an Intel and an AMD host?)")
        }
        if vmx || svm {
            architecture = svm ? .svm : .vmx
            decisionWarning = nil
        } else if let efer = rows.first(where: { $0.name == "efer" })?.values.first {
            // VMRUN needs EFER.SVME set, while on Intel bit 12 is reserved and VM entry refuses it.
            architecture = efer >> 12 & 1 == 1 ? .svm : .vmx
            decisionWarning =
                "no VMCS-only or VMCB-only rows: EFER bit 12 (SVME) is \(efer >> 12 & 1), so read as \(architecture == .svm ? "an AMD VMCB" : "an Intel VMCS")"
        } else {
            throw InspectError(
                SourceLocation(file: context.name),
                "cannot tell an Intel from an AMD host: the bhyvectl output has no VMCS-only or VMCB-only rows and no EFER")
        }
    }

    private let decisionWarning: String?

    var step: LineScanner.Step { .next }

    func consume(_ line: TextLine, into output: inout ReaderOutput) throws {
        let content = LogLine(line).content
        guard let row = Self.row(content, line: line.number) else { return }
        if architecture == .vmx && Self.svmOnly.contains(row.name) || architecture == .svm && Self.vmxOnly.contains(row.name) {
            output.warn(context.location(line.number), "bhyvectl row '\(row.name)' belongs to the other vendor's hosts; ignored")
            return
        }
        // One snapshot per vCPU: a new index, or a row seen again, starts the next one.
        if let first = group.first, first.vcpu != row.vcpu || names.contains(row.name) {
            emit(into: &output)
        }
        group.append(row)
        names.insert(row.name)
    }

    func finish(into output: inout ReaderOutput) throws {
        emit(into: &output)
        guard any else {
            throw InspectError(SourceLocation(file: name), "no bhyvectl row names a \(architecture.structureName) field")
        }
    }

    private func emit(into output: inout ReaderOutput) {
        defer {
            group = []
            names = []
        }
        guard let first = group.first else { return }
        if let decisionWarning, !any { output.warn(SourceLocation(file: name), decisionWarning) }
        var snapshot = Snapshot(
            architecture: architecture, source: name, format: .bhyvectl, producer: "bhyvectl output", location: .line(name, first.line),
            metadata: [("vcpu", String(first.vcpu))])
        let (absent, unknown) = architecture == .vmx ? placeVMX(group, into: &snapshot) : placeSVM(group, into: &snapshot)
        for row in unknown { output.warn(.line(name, row.line), "cannot place bhyvectl row '\(row.name)'") }
        if !absent.isEmpty {
            output.warn(
                .line(name, first.line),
                "the \(architecture.structureName) does not hold \(absent.joined(separator: ", ")) (bhyve keeps them outside it); not shown")
        }
        if !snapshot.values.isEmpty {
            snapshot.index = index
            index += 1
            any = true
            output.snapshots.append(snapshot)
        }
    }

    /// VMCS rows by field id; descriptor rows into base, limit and access rights.
    func placeVMX(_ rows: [Row], into snapshot: inout Snapshot) -> (absent: [String], unknown: [Row]) {
        var absent: [String] = []
        var unknown: [Row] = []
        for row in rows {
            if let segment = Self.descriptor(row.name) {
                let parts = ["base", "limit", "ar"]
                for (part, value) in zip(parts, row.values) where segment != "gdtr" && segment != "idtr" || part != "ar" {
                    snapshot.values["guest.\(segment).\(part)"] = .integer(value)
                }
            } else if let segment = Self.selector(row.name), let value = row.values.first {
                snapshot.values["guest.\(segment).selector"] = .integer(value)
            } else if let id = Self.vmxFields[row.name], let value = row.values.first {
                snapshot.values[id] = .integer(value)
            } else if Self.outsideVMCS.contains(row.name) {
                absent.append(row.name)
            } else if !Self.ignoredRows.contains(row.name) {
                unknown.append(row)
            }
        }
        return (absent, unknown)
    }

    /// VMCB rows are reads of (offset, width): their bytes are laid into a page, and each field
    /// whose bytes were all read gets its value.
    func placeSVM(_ rows: [Row], into snapshot: inout Snapshot) -> (absent: [String], unknown: [Row]) {
        let catalog = Catalog.vmcb
        var page = [UInt8](repeating: 0, count: PageDecoder.pageSize)
        var known = [Bool](repeating: false, count: PageDecoder.pageSize)
        /// Lays `size` bytes of `value` (the field's own size when nil) from the field's offset.
        func put(_ value: UInt64, into id: String, size: Int? = nil) {
            guard let field = catalog.field(id: id) else { return }
            for index in 0..<(size ?? field.size) where page.indices.contains(field.offset + index) {
                page[field.offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * index))
                known[field.offset + index] = true
            }
        }
        var absent: [String] = []
        var unknown: [Row] = []
        for row in rows {
            if let segment = Self.descriptor(row.name) {
                let values = row.values
                if values.indices.contains(0) { put(values[0], into: "save.\(segment).base") }
                if values.indices.contains(1) { put(values[1], into: "save.\(segment).limit") }
                if values.indices.contains(2), segment != "gdtr", segment != "idtr" {
                    // bhyve shows the VMCB's packed attributes in VT-x form: bits 11:8 moved to
                    // 15:12, and bit 16 added when P is clear (vmcb_getdesc); undo that.
                    put((values[2] & 0xff) | (values[2] >> 4 & 0xf00), into: "save.\(segment).attrib")
                }
            } else if let segment = Self.selector(row.name), let value = row.values.first {
                put(value, into: "save.\(segment).selector")
            } else if let read = Self.svmFields[row.name], let value = row.values.first {
                put(value, into: read.field, size: read.size)
            } else if Self.outsideVMCB.contains(row.name) {
                absent.append(row.name)
            } else if !Self.ignoredRows.contains(row.name) {
                unknown.append(row)
            }
        }
        for field in catalog.fields where field.condition == nil && field.size <= 8 {
            guard known.indices.contains(field.offset + field.size - 1), known[field.offset..<field.offset + field.size].allSatisfy({ $0 }),
                let value = PageDecoder.read(field, from: page)
            else { continue }
            snapshot.values[field.id] = value
        }
        return (absent, unknown)
    }

    /// `cs desc` → `cs`; `gdtr` and `idtr` print base/limit under their own names.
    static func descriptor(_ name: String) -> String? {
        if name == "gdtr" || name == "idtr" { return name }
        guard name.hasSuffix(" desc") else { return nil }
        let segment = String(name.dropLast(5))
        return segmentNames.contains(segment) ? segment : nil
    }

    static func selector(_ name: String) -> String? { segmentNames.contains(name) ? name : nil }

    static let segmentNames: Set<String> = ["es", "cs", "ss", "ds", "fs", "gs", "ldtr", "tr"]

    /// Rows an Intel host prints, by the VMCS field each reads (bhyvectl's get_all_registers,
    /// get_misc_vmcs and main()).
    static let vmxFields: [String: String] = [
        "efer": "guest.ia32_efer", "cr0": "guest.cr0", "cr3": "guest.cr3", "cr4": "guest.cr4", "dr7": "guest.dr7",
        "rsp": "guest.rsp", "rip": "guest.rip", "rflags": "guest.rflags",
        "cr0_mask": "ctrl.cr0_guest_host_mask", "cr0_shadow": "ctrl.cr0_read_shadow", "cr4_mask": "ctrl.cr4_guest_host_mask",
        "cr4_shadow": "ctrl.cr4_read_shadow", "cr3_target_count": "ctrl.cr3_target_count", "cr3_target0": "ctrl.cr3_target_value0",
        "cr3_target1": "ctrl.cr3_target_value1", "cr3_target2": "ctrl.cr3_target_value2", "cr3_target3": "ctrl.cr3_target_value3",
        "pinbased_ctls": "ctrl.pin_based", "procbased_ctls": "ctrl.proc_based", "procbased_ctls2": "ctrl.proc_based2",
        "gla": "exit.guest_linear_address", "gpa": "exit.guest_physical_address", "entry_interruption_info": "ctrl.entry_intr_info",
        "tpr_threshold": "ctrl.tpr_threshold", "instruction_error": "exit.instruction_error", "exit_ctls": "ctrl.exit",
        "entry_ctls": "ctrl.entry", "host_pat": "host.ia32_pat", "host_cr0": "host.cr0", "host_cr3": "host.cr3", "host_cr4": "host.cr4",
        "host_rip": "host.rip", "host_rsp": "host.rsp", "vmcs_pointer": "guest.vmcs_link_pointer",
        "vmcs_exit_interruption_info": "exit.intr_info", "vmcs_exit_interruption_error": "exit.intr_error_code",
        "vmcs_guest_interruptibility": "guest.interruptibility", "vmcs_exit_inst_length": "exit.instruction_len",
        "vmcs_exit_qualification": "exit.qualification", "vmcs_exit_reason": "exit.reason", "eptp": "ctrl.ept_pointer",
        "exception_bitmap": "ctrl.exception_bitmap", "io_bitmap_a": "ctrl.io_bitmap_a", "io_bitmap_b": "ctrl.io_bitmap_b",
        "tsc_offset": "ctrl.tsc_offset", "msr_bitmap": "ctrl.msr_bitmap", "vpid": "ctrl.vpid", "guest_pat": "guest.ia32_pat",
        "guest_sysenter_cs": "guest.sysenter_cs", "guest_sysenter_sp": "guest.sysenter_esp", "guest_sysenter_ip": "guest.sysenter_eip",
        "exit_reason": "exit.reason",
    ]

    /// Rows an AMD host prints: the VMCB read starts at this field and spans `size` bytes (nil:
    /// the field's own size; bhyve's VMCB_OFF_* reads of 4 or 8 bytes can cover several fields).
    static let svmFields: [String: (field: String, size: Int?)] = [
        "efer": ("save.efer", nil), "cr4": ("save.cr4", nil), "cr3": ("save.cr3", nil), "cr0": ("save.cr0", nil),
        "dr7": ("save.dr7", nil), "dr6": ("save.dr6", nil), "rflags": ("save.rflags", nil), "rip": ("save.rip", nil),
        "rsp": ("save.rsp", nil), "rax": ("save.rax", nil), "cr2": ("save.cr2", nil),
        "cr_intercept": ("control.cr_read", 4), "dr_intercept": ("control.dr_read", 4), "exc_intercept": ("control.exceptions", nil),
        "inst1_intercept": ("control.intercept_word3", nil), "inst2_intercept": ("control.intercept_word4", nil),
        "io_bitmap": ("control.iopm_base_pa", nil), "msr_bitmap": ("control.msrpm_base_pa", nil), "tsc_offset": ("control.tsc_offset", nil),
        "asid": ("control.asid", nil), "TLB ctrl": ("control.tlb_ctl", 4), "v_irq/tpr": ("control.int_ctl", 8),
        "exit_reason": ("control.exit_code", nil), "exitinfo1": ("control.exit_info_1", nil), "exitinfo2": ("control.exit_info_2", nil),
        "exitintinfo": ("control.exit_int_info", 8), "AVIC apic_bar": ("control.avic_vapic_bar", nil),
        "rvi/npt": ("control.nested_cr3", nil),
        "AVIC backing page": ("control.avic_backing_page", nil), "AVIC logical table": ("control.avic_logical_id", nil),
        "AVIC physical table": ("control.avic_physical_id", nil), "exception_bitmap": ("control.exceptions", nil),
        "guest_sysenter_cs": ("save.sysenter_cs", nil), "guest_sysenter_sp": ("save.sysenter_esp", nil),
        "guest_sysenter_ip": ("save.sysenter_eip", nil), "guest_pat": ("save.g_pat", nil),
    ]

    /// Rows bhyvectl prints only on one vendor's hosts (get_misc_vmcs, get_misc_vmcb, and the
    /// vendor-named rows of main()).
    static let vmxOnly: Set<String> = Set(vmxFields.keys).subtracting(svmFields.keys).subtracting(commonRows)
    static let svmOnly: Set<String> = Set(svmFields.keys).subtracting(vmxFields.keys).subtracting(commonRows)

    /// Registers bhyve keeps in its own vCPU context, not in the VMCS or VMCB.
    static let generalRegisters: Set<String> = [
        "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    ]
    static let outsideVMCS: Set<String> = generalRegisters.union(["cr2", "dr0", "dr1", "dr2", "dr3", "dr6"])
    static let outsideVMCB: Set<String> = generalRegisters.subtracting(["rax"]).union(["dr0", "dr1", "dr2", "dr3"])
    static let commonRows: Set<String> = outsideVMCS.union(segmentNames).union(["gdtr", "idtr", "x2apic_state"])
    /// Rows that are not structure fields at all.
    static let ignoredRows: Set<String> = ["x2apic_state"]
}
