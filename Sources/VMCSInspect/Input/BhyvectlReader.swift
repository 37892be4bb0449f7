/// Reads what FreeBSD's `bhyvectl --get-all --vm=NAME --cpu=N` prints (usr.sbin/bhyvectl/
/// bhyvectl.c): one `name[vcpu]<tabs>value` row per register, `base/limit/access` for segment
/// descriptors, `base/limit` for GDTR and IDTR. On an Intel host the rows are VMCS fields; on
/// an AMD host VMCB reads of a given offset and width, which are laid into the page byte by
/// byte so each catalog field is known exactly when all its bytes were printed. Rows the
/// structure does not hold (bhyve keeps the other general registers, CR2 and DR0–DR6 on Intel
/// outside it) are named in one warning.
public struct BhyvectlReader: Sendable {
    public let name: String

    public init(name: String) {
        self.name = name
    }

    /// One `name[vcpu]  value` row.
    struct Row {
        let name: String
        let vcpu: Int
        let values: [UInt64]
        let line: Int
    }

    /// Splits a row; nil when the line is not `name[digits]` then blanks then a value.
    static func row(_ content: String, line: Int) -> Row? {
        guard let open = content.firstIndex(of: "["), let close = content[open...].firstIndex(of: "]") else { return nil }
        let digits = content[content.index(after: open)..<close]
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber), let vcpu = Int(digits) else { return nil }
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

    /// True when the text holds at least three such rows naming registers bhyvectl prints.
    public static func looksLikeBhyvectl(_ lines: [LogLine]) -> Bool {
        var count = 0
        for line in lines.prefix(2000) {
            guard let row = row(line.content, line: line.number) else { continue }
            if vmxFields[row.name] != nil || svmFields[row.name] != nil || commonRows.contains(row.name) || descriptor(row.name) != nil {
                count += 1
            }
            if count >= 3 { return true }
        }
        return false
    }

    public func read(_ text: String) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        let rows = LogLine.lines(of: text).compactMap { Self.row($0.content, line: $0.number) }
        guard !rows.isEmpty else {
            throw InspectError(SourceLocation(file: name), "no bhyvectl rows found (expected lines such as 'cr0[0]\t\t0x0000000080050033')")
        }
        let vmx = rows.contains { Self.vmxOnly.contains($0.name) }
        let svm = rows.contains { Self.svmOnly.contains($0.name) }
        if vmx && svm {
            throw InspectError(
                SourceLocation(file: name), "bhyvectl output holds both VMCS-only and VMCB-only rows (an Intel and an AMD host?)")
        }
        var warnings: [InputWarning] = []
        var architecture: Architecture = svm ? .svm : .vmx
        if !vmx && !svm {
            // Without vendor rows, EFER tells: VMRUN needs EFER.SVME set, while on Intel bit 12
            // is reserved and VM entry refuses it.
            if let efer = rows.first(where: { $0.name == "efer" })?.values.first {
                architecture = efer >> 12 & 1 == 1 ? .svm : .vmx
                warnings.append(
                    InputWarning(
                        SourceLocation(file: name),
                        "no VMCS-only or VMCB-only rows: EFER bit 12 (SVME) is \(efer >> 12 & 1), so read as \(architecture == .svm ? "an AMD VMCB" : "an Intel VMCS")"
                    ))
            } else {
                warnings.append(
                    InputWarning(SourceLocation(file: name), "no VMCS-only or VMCB-only rows and no EFER: read as an Intel VMCS"))
            }
        }
        // One snapshot per vCPU: a new index, or a row seen again, starts the next one.
        var groups: [[Row]] = []
        for row in rows {
            if let last = groups.last, let first = last.first, first.vcpu == row.vcpu, !last.contains(where: { $0.name == row.name }) {
                groups[groups.count - 1].append(row)
            } else {
                groups.append([row])
            }
        }
        var snapshots: [Snapshot] = []
        for group in groups {
            var snapshot = Snapshot(
                architecture: architecture, source: name, format: .bhyvectl, location: .line(name, group.first?.line ?? 1),
                metadata: [("vcpu", String(group.first?.vcpu ?? 0))])
            snapshot.index = snapshots.count
            let (absent, unknown) = architecture == .vmx ? placeVMX(group, into: &snapshot) : placeSVM(group, into: &snapshot)
            for row in unknown { warnings.append(InputWarning(.line(name, row.line), "cannot place bhyvectl row '\(row.name)'")) }
            if !absent.isEmpty {
                warnings.append(
                    InputWarning(
                        .line(name, group.first?.line ?? 1),
                        "the \(architecture.structureName) does not hold \(absent.joined(separator: ", ")) (bhyve keeps them outside it); not shown"
                    ))
            }
            if !snapshot.values.isEmpty { snapshots.append(snapshot) }
        }
        guard !snapshots.isEmpty else {
            throw InspectError(SourceLocation(file: name), "no bhyvectl row names a \(architecture.structureName) field")
        }
        return (snapshots, warnings)
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
        var page = [UInt8?](repeating: nil, count: RawPageReader.pageSize)
        func put(_ value: UInt64, at offset: Int, size: Int) {
            for index in 0..<size where page.indices.contains(offset + index) {
                page[offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * index))
            }
        }
        var absent: [String] = []
        var unknown: [Row] = []
        for row in rows {
            if let segment = Self.descriptor(row.name), let offset = Self.svmSegmentOffsets[segment] {
                let values = row.values
                if values.indices.contains(0) { put(values[0], at: offset + 8, size: 8) }
                if values.indices.contains(1) { put(values[1], at: offset + 4, size: 4) }
                if values.indices.contains(2), segment != "gdtr", segment != "idtr" {
                    // bhyve shows the VMCB's packed attributes in VT-x form: bits 11:8 moved to
                    // 15:12, and bit 16 added when P is clear (vmcb_getdesc); undo that.
                    put((values[2] & 0xff) | (values[2] >> 4 & 0xf00), at: offset + 2, size: 2)
                }
            } else if let segment = Self.selector(row.name), let offset = Self.svmSegmentOffsets[segment], let value = row.values.first {
                put(value, at: offset, size: 2)
            } else if let (offset, size) = Self.svmFields[row.name], let value = row.values.first {
                put(value, at: offset, size: size)
            } else if Self.outsideVMCB.contains(row.name) {
                absent.append(row.name)
            } else if !Self.ignoredRows.contains(row.name) {
                unknown.append(row)
            }
        }
        for field in Catalog.vmcb.fields where field.condition == nil && field.size <= 8 {
            let bytes = (field.offset..<field.offset + field.size).map { page.indices.contains($0) ? page[$0] : nil }
            guard bytes.allSatisfy({ $0 != nil }) else { continue }
            let value = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element ?? 0) << UInt64(8 * $1.offset) }
            snapshot.values[field.id] = .integer(value)
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

    /// VMCB save-area segment offsets (APM Vol. 2 rev 3.42 Table B-2).
    static let svmSegmentOffsets: [String: Int] = [
        "es": 0x400, "cs": 0x410, "ss": 0x420, "ds": 0x430, "fs": 0x440, "gs": 0x450, "gdtr": 0x460, "ldtr": 0x470, "idtr": 0x480,
        "tr": 0x490,
    ]

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

    /// Rows an AMD host prints, by the VMCB offset and width each reads (bhyve's VMCB_OFF_*
    /// and the save-area offsets of APM Vol. 2 Table B-2).
    static let svmFields: [String: (offset: Int, size: Int)] = [
        "efer": (0x4d0, 8), "cr4": (0x548, 8), "cr3": (0x550, 8), "cr0": (0x558, 8), "dr7": (0x560, 8), "dr6": (0x568, 8),
        "rflags": (0x570, 8), "rip": (0x578, 8), "rsp": (0x5d8, 8), "rax": (0x5f8, 8), "cr2": (0x640, 8),
        "cr_intercept": (0x000, 4), "dr_intercept": (0x004, 4), "exc_intercept": (0x008, 4), "inst1_intercept": (0x00c, 4),
        "inst2_intercept": (0x010, 4), "io_bitmap": (0x040, 8), "msr_bitmap": (0x048, 8), "tsc_offset": (0x050, 8), "asid": (0x058, 4),
        "TLB ctrl": (0x05c, 4), "v_irq/tpr": (0x060, 8), "exit_reason": (0x070, 8), "exitinfo1": (0x078, 8), "exitinfo2": (0x080, 8),
        "exitintinfo": (0x088, 8), "AVIC apic_bar": (0x098, 8), "rvi/npt": (0x0b0, 8), "AVIC backing page": (0x0e0, 8),
        "AVIC logical table": (0x0f0, 8), "AVIC physical table": (0x0f8, 8), "exception_bitmap": (0x008, 4),
        "guest_sysenter_cs": (0x628, 8), "guest_sysenter_sp": (0x630, 8), "guest_sysenter_ip": (0x638, 8), "guest_pat": (0x668, 8),
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
