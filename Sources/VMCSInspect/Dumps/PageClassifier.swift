/// What a page found by `scan` looks like.
public enum CandidateKind: String, Sendable, CaseIterable {
    /// An AMD VMCB: control area at 0, state save area at 0x400 (APM Vol. 2 Appendix B).
    case vmcb
    /// A host-save area (MSR VM_HSAVE_PA): the host's state in the save-area layout, no control area.
    case vmcbHostSave = "vmcb-host-save"
    /// An SEV-ES save area (VMSA): the save area at offset 0 (APM Vol. 2 Table B-4).
    case vmsa
    /// KVM's nested `struct vmcs12`, by its revision identifier.
    case vmcs12
    /// A Hyper-V enlightened VMCS (version 1).
    case evmcs
    /// A hardware VMCS region: a processor's revision identifier and abort indicator, the rest in
    /// a format only a layout file describes (SDM Vol. 3 section 25.2).
    case vmcsRegion = "vmcs-region"
}

/// One page `scan` takes for a virtualization structure.
public struct ScanCandidate: Sendable, Equatable {
    public var address: UInt64
    public var kind: CandidateKind
    /// 0 to 100: how sure the scoring is, from the reasons' weights.
    public var confidence: Int
    /// Each thing the score rests on, for and against, in words.
    public var reasons: [String]
    /// Exit code or reason, RIP, CR3, ASID or VPID, in one line.
    public var summary: String
    /// The VMCS revision identifier (bit 31, the shadow-VMCS indicator, included).
    public var revision: UInt32?
    /// The exit code (SVM) or full exit reason (VMX), when the page holds one.
    public var exit: UInt64?
    public var rip: UInt64?
    public var cr3: UInt64?
    /// The ASID (SVM) or VPID (VMX).
    public var tag: UInt64?
    /// The VMCS layout the page was read with, when one was.
    public var layout: String?
}

/// Scores one 4 KiB page against every kind of structure `scan` finds. Each kind has gates (a
/// page that fails one is not that kind at all) and weighted reasons that add up to at most 100.
/// Offsets and field ids come from the catalog; nothing here repeats a VMCB offset.
public enum PageClassifier {
    // Catalog offsets of the fields the quick tests read (found by id; a test checks them).
    static func offset(_ id: String) -> Int { Catalog.vmcb.field(id: id)?.offset ?? -1 }
    static let interceptWord4 = offset("control.intercept_word4")
    static let exitCodeOffset = offset("control.exit_code")
    static let eferOffset = offset("save.efer")
    static let saveAreaStart = 0x400
    static let eferInSaveArea = eferOffset - saveAreaStart

    /// EFER bits the APM reserves (MBZ): all but SCE, LME, LMA, NXE, SVME, LMSLE, FFXSR, TCE and
    /// the bits above (APM Vol. 2 rev 3.42 section 3.1.7).
    static let eferReserved: UInt64 = ~UInt64(0x0000_0000_0000_fd01)
    static let eferSVME: UInt64 = 1 << 12

    /// Reserved bytes of the control area below the software-reserved tail at 0x3e0 (Hyper-V's
    /// enlightenments live there): every byte no catalog field covers.
    static let reservedControl: [Range<Int>] = gaps(in: 0..<0x3e0, of: Catalog.vmcb.fields.filter { $0.offset < 0x400 })

    static func gaps(in area: Range<Int>, of fields: [FieldDefinition]) -> [Range<Int>] {
        var covered = [Bool](repeating: false, count: area.upperBound)
        for field in fields {
            for byte in field.offset..<(field.offset + field.size) where area.contains(byte) { covered[byte] = true }
        }
        var ranges: [Range<Int>] = []
        var start: Int?
        for byte in area {
            if !covered[byte] {
                if start == nil { start = byte }
            } else if let begin = start {
                ranges.append(begin..<byte)
                start = nil
            }
        }
        if let begin = start { ranges.append(begin..<area.upperBound) }
        return ranges
    }

    // MARK: Reading the page

    @inline(__always) static func u16(_ page: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(UInt16(littleEndian: page.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
    }

    @inline(__always) static func u32(_ page: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(UInt32(littleEndian: page.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    @inline(__always) static func u64(_ page: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: page.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The quick test every page gets: true when the page could be any kind, so that zero pages
    /// and most other pages cost a handful of loads.
    @inline(__always) static func mayBeCandidate(_ page: UnsafeRawBufferPointer) -> Bool {
        let first = u32(page, 0)
        if first != 0, u32(page, 4) == 0, first & 0x7fff_ffff <= 0xffff || first == UInt64(VMCSLayout.vmcs12.revision ?? 0) { return true }
        if first == UInt64(VMCSLayout.vmcs12.revision ?? 0) { return true }
        let efer = u64(page, eferOffset)
        if efer & eferReserved == 0, efer != 0 { return true }
        let vmsaEFER = u64(page, eferInSaveArea)
        return vmsaEFER & eferReserved == 0 && vmsaEFER & eferSVME != 0
    }

    /// Every kind the page passes the gates of, best first. `layout` decodes hardware VMCS regions
    /// whose revision it names.
    public static func classify(_ page: UnsafeRawBufferPointer, address: UInt64, layout: VMCSLayout? = nil) -> [ScanCandidate] {
        guard page.count >= dumpPageSize, mayBeCandidate(page) else { return [] }
        var found: [ScanCandidate] = []
        if let candidate = vmcb(page, address: address) { found.append(candidate) }
        if let candidate = hostSave(page, address: address) { found.append(candidate) }
        if let candidate = vmsa(page, address: address) { found.append(candidate) }
        if let candidate = vmcs12(page, address: address) { found.append(candidate) }
        if let candidate = evmcs(page, address: address) { found.append(candidate) }
        if found.isEmpty, let candidate = vmcsRegion(page, address: address, layout: layout) { found.append(candidate) }
        return found.sorted { $0.confidence > $1.confidence }
    }

    /// The best kind for a page, or nil.
    public static func best(_ page: [UInt8], address: UInt64, layout: VMCSLayout? = nil) -> ScanCandidate? {
        page.withUnsafeBytes { classify($0, address: address, layout: layout).first }
    }

    // MARK: Shared tests

    struct Score {
        var points = 0
        var reasons: [String] = []

        mutating func add(_ weight: Int, _ reason: String) {
            points += weight
            reasons.append(weight > 0 ? reason : weight < 0 ? "against: " + reason : reason)
        }

        var confidence: Int { max(0, min(100, points)) }
    }

    /// Canonical with 48-bit addresses and in the upper (kernel) half.
    static func isKernelAddress(_ value: UInt64) -> Bool { value >> 47 == 0x1ffff }
    static func isCanonical(_ value: UInt64) -> Bool { value >> 47 == 0 || value >> 47 == 0x1ffff }

    /// VMCB segment attributes (12 bits: type 3:0, S 4, DPL 6:5, P 7, AVL 8, L 9, D/B 10, G 11):
    /// a present code segment.
    static func isCodeSegment(_ attributes: UInt64) -> Bool {
        attributes >> 12 == 0 && attributes & 0x80 != 0 && attributes & 0x10 != 0 && attributes & 0x8 != 0
    }

    /// Not present (an unusable selector), or a present data or code segment.
    static func isPlainSegment(_ attributes: UInt64) -> Bool {
        attributes >> 12 == 0 && (attributes & 0x80 == 0 || attributes & 0x10 != 0)
    }

    /// A busy TSS (type 3 or 11, S clear, present), or not present.
    static func isTaskSegment(_ attributes: UInt64) -> Bool {
        attributes >> 12 == 0 && (attributes & 0x80 == 0 || (attributes & 0x10 == 0 && attributes & 0x7 == 3))
    }

    /// Scores the save-area fields shared by a VMCB, a host-save area and a VMSA; `base` is where
    /// the save area starts in the page (0x400, or 0 for a VMSA). Nil when a gate fails.
    static func saveArea(_ page: UnsafeRawBufferPointer, base: Int, requireSVME: Bool, score: inout Score) -> Bool {
        func at(_ id: String) -> Int { offset(id) - saveAreaStart + base }
        let efer = u64(page, at("save.efer"))
        guard efer & eferReserved == 0 else { return false }
        if efer & eferSVME != 0 {
            score.add(20, "EFER.SVME set (\(hexText(efer)))")
        } else {
            guard !requireSVME else { return false }
            score.add(5, "EFER.SVME clear (\(hexText(efer))), which VMRUN refuses")
        }
        let cs = u16(page, at("save.cs.attrib"))
        guard isCodeSegment(cs) else { return false }
        score.add(10, "CS attributes \(hexText(cs)): a present code segment")
        let others = ["ss", "ds", "es", "fs", "gs"].map { u16(page, at("save.\($0).attrib")) }
        let tr = u16(page, at("save.tr.attrib"))
        if others.allSatisfy(isPlainSegment), isTaskSegment(tr) {
            score.add(10, "SS, DS, ES, FS, GS and TR attributes plausible")
        } else {
            score.add(-15, "segment attributes that no segment has")
        }
        let cr0 = u64(page, at("save.cr0"))
        guard cr0 >> 32 == 0, cr0 & 0x8000_0000 == 0 || cr0 & 1 != 0 else { return false }
        score.add(5, "CR0 \(hexText(cr0)) consistent")
        return true
    }

    static func summary(exit: String?, rip: UInt64?, cr3: UInt64?, tag: (String, UInt64)?) -> String {
        var parts: [String] = []
        if let exit { parts.append(exit) }
        if let rip { parts.append("rip \(hexText(rip))") }
        if let cr3 { parts.append("cr3 \(hexText(cr3))") }
        if let tag { parts.append("\(tag.0) \(tag.1)") }
        return parts.joined(separator: ", ")
    }

    static func svmExitText(_ code: UInt64) -> String {
        let name = AMDVMCBValues.exitCodes[code] ?? "unknown"
        return code == UInt64.max ? "VMRUN failed (exit \(name))" : "exit \(name) (\(hexText(code)))"
    }

    // MARK: AMD

    static func vmcb(_ page: UnsafeRawBufferPointer, address: UInt64) -> ScanCandidate? {
        let vmrunIntercepted = u32(page, interceptWord4) & 1 != 0
        let exitCode = u64(page, exitCodeOffset)
        let failed = exitCode == UInt64.max
        guard vmrunIntercepted || failed else { return nil }
        var score = Score()
        if vmrunIntercepted {
            score.add(20, "VMRUN intercept set")
        } else {
            score.add(10, "EXITCODE -1 (a failed VMRUN) with the VMRUN intercept clear, which VMRUN refuses")
        }
        let nonzeroReserved = reservedControl.reduce(0) { sum, range in sum + range.filter { page[$0] != 0 }.count }
        guard nonzeroReserved <= 8 else { return nil }
        if nonzeroReserved == 0 {
            score.add(10, "reserved control-area bytes are zero")
        } else {
            score.add(-10, "\(nonzeroReserved) reserved control-area bytes are not zero")
        }
        guard saveArea(page, base: saveAreaStart, requireSVME: !failed, score: &score) else { return nil }
        let asid = u32(page, offset("control.asid"))
        if asid != 0 { score.add(5, "ASID \(asid)") } else { score.add(0, "ASID 0, which VMRUN refuses") }
        let iopm = u64(page, offset("control.iopm_base_pa"))
        let msrpm = u64(page, offset("control.msrpm_base_pa"))
        if iopm & 0xfff == 0, msrpm & 0xfff == 0, iopm != 0, msrpm != 0, iopm >> 52 == 0, msrpm >> 52 == 0 {
            score.add(10, "IOPM and MSRPM bases page-aligned")
        } else {
            score.add(-10, "IOPM or MSRPM base not a page address")
        }
        if AMDVMCBValues.exitCodes[exitCode] != nil {
            score.add(5, "exit code \(AMDVMCBValues.exitCodes[exitCode] ?? "")")
        } else {
            score.add(-15, "exit code \(hexText(exitCode)) is not one the APM lists")
        }
        let snapshot = PageDecoder.snapshot(
            page: Array(page.prefix(dumpPageSize)), catalog: .vmcb, source: "", format: .raw, location: SourceLocation(file: ""))
        do {
            let decoded = Decoder.decode(snapshot)
            let errors = Checker.run(decoded).errors
            if errors == 0 {
                score.add(10, "passes the VMRUN consistency checks")
            } else if failed {
                score.add(10, "breaks \(errors) VMRUN consistency rule\(errors == 1 ? "" : "s"), as a failed VMRUN's VMCB does")
            } else {
                score.add(-10, "breaks \(errors) VMRUN consistency rule\(errors == 1 ? "" : "s") though it ran")
            }
        }
        let rip = u64(page, offset("save.rip"))
        let cr3 = u64(page, offset("save.cr3"))
        return ScanCandidate(
            address: address, kind: .vmcb, confidence: score.confidence, reasons: score.reasons,
            summary: summary(exit: svmExitText(exitCode), rip: rip, cr3: cr3, tag: ("asid", asid)),
            exit: exitCode, rip: rip, cr3: cr3, tag: asid)
    }

    static func hostSave(_ page: UnsafeRawBufferPointer, address: UInt64) -> ScanCandidate? {
        // The control area stays as allocated: zero (the processor writes only the save area).
        for word in stride(from: 0, to: 0x3e0, by: 8) where u64(page, word) != 0 { return nil }
        var score = Score()
        score.add(20, "control area zero")
        guard saveArea(page, base: saveAreaStart, requireSVME: true, score: &score) else { return nil }
        let cr0 = u64(page, offset("save.cr0"))
        guard cr0 & 0x8000_0001 == 0x8000_0001 else { return nil }
        let rip = u64(page, offset("save.rip"))
        let rsp = u64(page, offset("save.rsp"))
        guard isCanonical(rip), rip != 0 else { return nil }
        score.add(10, "CR0.PG and PE set")
        if isKernelAddress(rip) { score.add(10, "RIP \(hexText(rip)) in the kernel half") }
        if isCanonical(rsp), rsp != 0 { score.add(10, "RSP \(hexText(rsp)) canonical") }
        let cr4 = u64(page, offset("save.cr4"))
        if cr4 >> 32 == 0, cr4 & 0x20 != 0 { score.add(5, "CR4.PAE set") }
        let cr3 = u64(page, offset("save.cr3"))
        return ScanCandidate(
            address: address, kind: .vmcbHostSave, confidence: score.confidence, reasons: score.reasons,
            summary: "host state: " + summary(exit: nil, rip: rip, cr3: cr3, tag: nil), rip: rip, cr3: cr3)
    }

    static func vmsa(_ page: UnsafeRawBufferPointer, address: UInt64) -> ScanCandidate? {
        func at(_ id: String) -> Int { offset(id) - saveAreaStart }
        let xcr0 = u64(page, at("save.xcr0"))
        // XCR0.x87 must be 1; no bits past those the SDM defines (19).
        guard xcr0 & 1 != 0, xcr0 >> 20 == 0 else { return nil }
        var score = Score()
        score.add(15, "XCR0 \(hexText(xcr0)) (x87 set)")
        guard saveArea(page, base: 0, requireSVME: true, score: &score) else { return nil }
        let rip = u64(page, at("save.rip"))
        let rsp = u64(page, at("save.rsp"))
        guard isCanonical(rip), isCanonical(rsp) else { return nil }
        score.add(10, "RIP and RSP canonical")
        let features = u64(page, at("save.sev_features"))
        if features >> 32 == 0 { score.add(5, "SEV_FEATURES \(hexText(features))") }
        let exitCode = u64(page, at("save.guest_exit_code"))
        var exitText: String?
        if let name = AMDVMCBValues.exitCodes[exitCode] {
            score.add(5, "guest exit code \(name)")
            exitText = "last exit \(name) (\(hexText(exitCode)))"
        }
        let cr3 = u64(page, at("save.cr3"))
        return ScanCandidate(
            address: address, kind: .vmsa, confidence: score.confidence, reasons: score.reasons,
            summary: "SEV-ES guest: " + summary(exit: exitText, rip: rip, cr3: cr3, tag: nil),
            exit: exitText == nil ? nil : exitCode, rip: rip, cr3: cr3)
    }

    // MARK: Intel

    /// The fields a VMCS page holds through `layout`, as a snapshot.
    static func vmxSnapshot(_ page: UnsafeRawBufferPointer, layout: VMCSLayout) -> Snapshot {
        PageDecoder.snapshot(
            page: Array(page.prefix(dumpPageSize)), layout: layout, source: "", format: .raw, location: SourceLocation(file: ""))
    }

    /// Scores the fields a VMCS of any layout holds; false when a gate fails.
    static func vmxFields(_ snapshot: Snapshot, score: inout Score, gates: Bool) -> Bool {
        let link = snapshot.integer("guest.vmcs_link_pointer")
        if link == UInt64.max {
            score.add(15, "VMCS link pointer all ones")
        } else if gates {
            return false
        }
        if let cr4 = snapshot.integer("host.cr4") {
            if cr4 & (1 << 13) != 0, cr4 >> 32 == 0 {
                score.add(15, "host CR4.VMXE set (\(hexText(cr4)))")
            } else if gates {
                return false
            } else {
                score.add(-15, "host CR4.VMXE clear (\(hexText(cr4)))")
            }
        }
        if let cr0 = snapshot.integer("host.cr0"), cr0 & 0x8000_0021 == 0x8000_0021, cr0 >> 32 == 0 {
            score.add(5, "host CR0 PG, NE and PE set")
        }
        if let rip = snapshot.integer("host.rip"), isKernelAddress(rip) { score.add(5, "host RIP \(hexText(rip)) in the kernel half") }
        if let reason = snapshot.integer("exit.reason") {
            if let name = IntelVMCSValues.basicExitReasons[reason & 0xffff], reason & 0x7ff0_0000 == 0 {
                score.add(10, "exit reason \(name)")
            } else {
                score.add(-10, "exit reason \(hexText(reason)) is not one the SDM lists")
            }
        }
        return true
    }

    static func vmxCandidate(_ snapshot: Snapshot, kind: CandidateKind, address: UInt64, revision: UInt32, layout: String, score: Score)
        -> ScanCandidate
    {
        let reason = snapshot.integer("exit.reason")
        var exitText: String?
        if let reason {
            let name = IntelVMCSValues.basicExitReasons[reason & 0xffff] ?? "unknown"
            exitText = "exit \(name) (\(reason & 0xffff))" + (reason >> 31 & 1 == 1 ? ", VM-entry failure" : "")
        }
        let rip = snapshot.integer("guest.rip")
        let cr3 = snapshot.integer("guest.cr3")
        let vpid = snapshot.integer("ctrl.vpid")
        return ScanCandidate(
            address: address, kind: kind, confidence: score.confidence, reasons: score.reasons,
            summary: summary(exit: exitText, rip: rip, cr3: cr3, tag: vpid.map { ("vpid", $0) }), revision: revision, exit: reason,
            rip: rip, cr3: cr3, tag: vpid, layout: layout)
    }

    static func vmcs12(_ page: UnsafeRawBufferPointer, address: UInt64) -> ScanCandidate? {
        let revision = UInt32(truncatingIfNeeded: u32(page, 0))
        guard revision == VMCSLayout.vmcs12.revision else { return nil }
        var score = Score()
        score.add(45, "revision identifier \(hexText(UInt64(revision))) (KVM's vmcs12)")
        let abort = u32(page, 4)
        if abort == 0 { score.add(5, "abort indicator 0") } else { score.add(-10, "abort indicator \(abort)") }
        let snapshot = vmxSnapshot(page, layout: .vmcs12)
        _ = vmxFields(snapshot, score: &score, gates: false)
        return vmxCandidate(snapshot, kind: .vmcs12, address: address, revision: revision, layout: VMCSLayout.vmcs12.name, score: score)
    }

    static func evmcs(_ page: UnsafeRawBufferPointer, address: UInt64) -> ScanCandidate? {
        // Version 1 and abort 0 are too common to go on: the link pointer and host CR4.VMXE are gates.
        guard u32(page, 0) == 1, u32(page, 4) == 0 else { return nil }
        var score = Score()
        score.add(30, "enlightened VMCS version 1, abort indicator 0")
        let snapshot = vmxSnapshot(page, layout: .enlightenedVMCS)
        guard snapshot.integer("host.cr4") != nil, vmxFields(snapshot, score: &score, gates: true) else { return nil }
        if let cr3 = snapshot.integer("host.cr3"), cr3 & 0xfff == 0, cr3 != 0 { score.add(5, "host CR3 a page address") }
        return vmxCandidate(snapshot, kind: .evmcs, address: address, revision: 1, layout: VMCSLayout.enlightenedVMCS.name, score: score)
    }

    /// A hardware VMCS region: the revision identifier (bits 30:0, small on every processor so far)
    /// and abort indicator 0, and somewhere in the page the values a VMCS cannot be without: the
    /// link pointer's all-ones, a host CR4 with VMXE, a CR0 with PG, NE and PE, a kernel address.
    /// Scored low here; `scan` raises the score of revisions many pages share.
    static func vmcsRegion(_ page: UnsafeRawBufferPointer, address: UInt64, layout: VMCSLayout?) -> ScanCandidate? {
        let revision = UInt32(truncatingIfNeeded: u32(page, 0))
        guard revision & 0x7fff_ffff != 0, revision & 0x7fff_ffff <= 0xffff, u32(page, 4) == 0 else { return nil }
        if let layout, layout.revision == revision & 0x7fff_ffff || layout.revision == revision {
            var score = Score()
            score.add(30, "revision identifier \(hexText(UInt64(revision))), which layout \(layout.name) names")
            let snapshot = vmxSnapshot(page, layout: layout)
            guard vmxFields(snapshot, score: &score, gates: false), score.points >= 45 else { return nil }
            return vmxCandidate(snapshot, kind: .vmcsRegion, address: address, revision: revision, layout: layout.name, score: score)
        }
        // An array of small structures repeats its first word; a VMCS region holds it once.
        for stride in [16, 32, 64, 128, 256, 512] {
            let slots = dumpPageSize / stride
            let repeats = (1..<slots).filter { u32(page, $0 * stride) == UInt64(revision) }.count
            if repeats * 2 >= slots { return nil }
        }
        var allOnes = false
        var cr4 = false
        var cr0 = false
        var kernel = false
        for offset in stride(from: 8, to: dumpPageSize, by: 8) {
            let word = u64(page, offset)
            if word == UInt64.max {
                allOnes = true
            } else if word >> 32 == 0 {
                if word & 0x26a0 == 0x26a0, word >> 25 == 0 { cr4 = true }  // VMXE, OSXMMEXCPT, OSFXSR, PGE, PAE
                if word & 0x8000_0021 == 0x8000_0021 { cr0 = true }
            } else if isKernelAddress(word) {
                kernel = true
            }
        }
        guard allOnes, cr4, cr0, kernel else { return nil }
        var score = Score()
        score.add(
            40,
            "revision identifier \(hexText(UInt64(revision & 0x7fff_ffff)))\(revision >> 31 == 1 ? " (shadow VMCS)" : ""), abort indicator 0, and a link pointer, host CR4 with VMXE, CR0 and a kernel address among its words"
        )
        return ScanCandidate(
            address: address, kind: .vmcsRegion, confidence: score.confidence, reasons: score.reasons,
            summary: "VMCS region, revision \(hexText(UInt64(revision & 0x7fff_ffff))), layout unknown", revision: revision)
    }
}
