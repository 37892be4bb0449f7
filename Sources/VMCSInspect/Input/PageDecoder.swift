/// How `--layout` says a page is laid out: a VMCS layout (built in or from a file), or an SEV-ES
/// save area on a page of its own.
public enum PageLayout: Sendable {
    /// A VMCS page placed by this layout.
    case vmcs(VMCSLayout)
    /// A VMSA: the VMCB's save area starting at offset 0, no control area (APM Vol. 2 rev 3.42
    /// Table B-4).
    case vmsa

    /// The layout `--layout` names: `vmsa`, a built-in VMCS layout, or a layout file.
    public static func resolve(_ nameOrPath: String) throws -> PageLayout {
        if nameOrPath == VMSALayout.name { return .vmsa }
        return .vmcs(try VMCSLayout.resolve(nameOrPath))
    }

    /// The VMCS layout, when it is one.
    public var vmcs: VMCSLayout? {
        if case .vmcs(let layout) = self { return layout }
        return nil
    }
}

/// Turns the bytes of a 4 KiB page into a snapshot by the catalog's offsets or a VMCS layout.
public enum PageDecoder {
    public static let pageSize = 4096

    /// A page as a snapshot: as `layout` says; else a VMCS when the page starts with a built-in
    /// layout's revision identifier (KVM's vmcs12), otherwise a VMCB.
    public static func snapshot(
        _ page: [UInt8], layout: PageLayout?, source: String, format: InputFormat, producer: String, location: SourceLocation
    ) -> Snapshot {
        if case .vmsa = layout {
            var snapshot = Snapshot(architecture: .svm, source: source, format: format, location: location)
            snapshot.values = VMSALayout.values(page: page)
            snapshot.producer = producer
            snapshot.page = page
            snapshot.pageNotes.append(
                "an SEV-ES save area (VMSA): the save area starts at offset 0 and there is no control area; offsets are shown as in a VMCB (page offset + 0x400)"
            )
            return snapshot
        }
        let revision = page.prefix(4).enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(8 * $1.offset) }
        guard let chosen = layout?.vmcs ?? VMCSLayout.matching(revision: revision) else {
            var snapshot = PageDecoder.snapshot(page: page, catalog: .vmcb, source: source, format: format, location: location)
            snapshot.producer = producer
            snapshot.page = page
            return snapshot
        }
        var snapshot = PageDecoder.snapshot(page: page, layout: chosen, source: source, format: format, location: location)
        snapshot.producer = producer
        snapshot.page = page
        if let expected = chosen.revision, expected != revision {
            snapshot.pageNotes.append(
                "the page's revision identifier 0x\(String(revision, radix: 16)) is not layout \(chosen.name)'s 0x\(String(expected, radix: 16))"
            )
        }
        return snapshot
    }

    /// What a page whose kind no option named shows of it: KVM's vmcs12 revision identifier, or
    /// a VMCB's marks (the VMRUN intercept set, or EXITCODE VMEXIT_INVALID, with an exit code the
    /// APM lists: VMRUN refuses a VMCB without the intercept and then writes -1, and every VMRUN
    /// leaves a listed code). Nil when it shows neither: the page is then read only when
    /// `--format` or `--layout` says what it is, so that text, code or another structure's page
    /// is never decoded as a VMCB with confidence.
    public static func kindEvidence(_ page: [UInt8]) -> String? {
        guard page.count >= pageSize else { return nil }
        let revision = word(page, at: 0, size: 4)
        if VMCSLayout.matching(revision: UInt32(truncatingIfNeeded: revision)) != nil {
            return "revision identifier 0x\(String(revision, radix: 16))"
        }
        let intercepts = word(page, at: PageClassifier.interceptWord4, size: 4)
        let exitCode = word(page, at: PageClassifier.exitCodeOffset, size: 8)
        let invalid = exitCode == UInt64.max || exitCode == 0xffff_ffff
        guard intercepts & 1 != 0 || invalid, AMDVMCBValues.exitCodes[exitCode] != nil else { return nil }
        return intercepts & 1 != 0 ? "VMRUN intercept set" : "EXITCODE VMEXIT_INVALID"
    }

    /// The refusal of a page that shows no kind (`kindEvidence` is nil): what it holds where a
    /// VMCB's and a VMCS's marks would be, what it looks like if `PageClassifier` can tell, and
    /// the options that read it anyway.
    static func unknownKind(_ page: [UInt8], location: SourceLocation, format: InputFormat) -> InspectError {
        let revision = word(page, at: 0, size: 4)
        let exitCode = word(page, at: PageClassifier.exitCodeOffset, size: 8)
        var what: String
        if page.allSatisfy({ $0 == 0 }) {
            what = "the page is all zero bytes"
        } else {
            let intercept = word(page, at: PageClassifier.interceptWord4, size: 4) & 1 != 0 ? "set" : "clear"
            what =
                "the page has neither a VMCB's marks (VMRUN intercept \(intercept), EXITCODE 0x\(String(exitCode, radix: 16))"
                + (AMDVMCBValues.exitCodes[exitCode] == nil ? ", which the APM does not list" : "")
                + ") nor a known VMCS revision identifier (0x\(String(revision, radix: 16)))"
        }
        let forced = "--format \(format.rawValue)"
        switch PageClassifier.best(page, address: 0)?.kind {
        case .evmcs:
            what += ", and looks like a Hyper-V enlightened VMCS: read it with --layout hyperv-evmcs, or with \(forced) as a VMCB anyway"
        case .vmsa:
            what += ", and looks like an SEV-ES save area (VMSA): --layout vmsa reads it as one, \(forced) as a VMCB anyway"
        case .vmcsRegion:
            what +=
                ", and looks like a hardware VMCS region, whose layout is not architectural: read it with --layout and a layout file (see LAYOUT FILES), or with \(forced) as a VMCB anyway"
        default:
            what += ": name what it is, with --layout for a VMCS or \(forced) to read it as a VMCB anyway"
        }
        return InspectError(location, what)
    }

    static func word(_ page: [UInt8], at offset: Int, size: Int) -> UInt64 {
        read(at: offset, size: size, isByteString: false, from: page)?.integer ?? 0
    }

    /// Reads every field of the catalog out of a page, little-endian; fields whose existence
    /// condition does not hold are left absent.
    public static func snapshot(
        page: [UInt8], catalog: Catalog, source: String, format: InputFormat, location: SourceLocation
    ) -> Snapshot {
        var snapshot = Snapshot(architecture: catalog.architecture, source: source, format: format, location: location)
        for field in catalog.fields where field.condition == nil {
            if let value = read(field, from: page) { snapshot.values[field.id] = value }
        }
        for field in catalog.fields {
            guard let condition = field.condition else { continue }
            guard let gate = snapshot.integer(condition.field), gate & condition.mask == condition.equals else { continue }
            if let value = read(field, from: page) { snapshot.values[field.id] = value }
        }
        return snapshot
    }

    /// Reads the VMCS fields a layout places, little-endian, out of a page.
    public static func snapshot(
        page: [UInt8], layout: VMCSLayout, source: String, format: InputFormat, location: SourceLocation
    ) -> Snapshot {
        let catalog = Catalog.vmcs
        var snapshot = Snapshot(architecture: .vmx, source: source, format: format, location: location)
        snapshot.metadata.append(("layout", layout.name))
        if page.count >= 4 {
            let revision = page[0..<4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(8 * $1.offset) }
            snapshot.metadata.append(("revision_id", "0x" + String(revision, radix: 16)))
        }
        for entry in layout.entries {
            guard let field = catalog.resolve("0x" + String(entry.encoding, radix: 16))?.field else { continue }
            if let value = read(at: entry.offset, size: field.size, isByteString: field.isByteString, from: page) {
                snapshot.values[field.id] = value
            }
        }
        return snapshot
    }

    static func read(_ field: FieldDefinition, from page: [UInt8]) -> FieldValue? {
        read(at: field.offset, size: field.size, isByteString: field.isByteString, from: page)
    }

    static func read(at offset: Int, size: Int, isByteString: Bool, from page: [UInt8]) -> FieldValue? {
        guard offset >= 0, size > 0, offset <= page.count - size else { return nil }
        let bytes = page[offset..<(offset + size)]
        if isByteString { return .bytes(Array(bytes)) }
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            value |= UInt64(byte) << UInt64(8 * index)
        }
        return .integer(value)
    }

    /// The page a snapshot describes, for export and round trips: fields absent from the
    /// snapshot are zero.
    public static func page(from snapshot: Snapshot, catalog: Catalog) -> [UInt8] {
        var page = [UInt8](repeating: 0, count: pageSize)
        for field in catalog.fields {
            guard let value = snapshot.values[field.id], field.offset + field.size <= pageSize else { continue }
            switch value {
            case .integer(let word):
                for index in 0..<min(field.size, 8) {
                    page[field.offset + index] = UInt8(truncatingIfNeeded: word >> UInt64(8 * index))
                }
            case .bytes(let bytes):
                for (index, byte) in bytes.prefix(field.size).enumerated() { page[field.offset + index] = byte }
            }
        }
        return page
    }
}
