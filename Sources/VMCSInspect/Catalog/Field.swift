/// The two hardware virtualization control structures.
public enum Architecture: String, Sendable, Codable, CaseIterable {
    /// Intel VMX: the VMCS.
    case vmx
    /// AMD SVM: the VMCB.
    case svm
    /// A guest's registers with no vendor: an emulator's register dump that does not say
    /// whether VMX or SVM ran it.
    case cpu

    /// The architecture a name stands for: `vmx`, `vmcs` or `intel`; `svm`, `vmcb` or `amd`
    /// (any case); nil for anything else.
    public static func named(_ name: String) -> Architecture? {
        switch name.lowercased() {
        case "vmx", "vmcs", "intel": return .vmx
        case "svm", "vmcb", "amd": return .svm
        default: return nil
        }
    }

    /// The structure's conventional name.
    public var structureName: String {
        switch self {
        case .vmx: return "VMCS"
        case .svm: return "VMCB"
        case .cpu: return "CPU state"
        }
    }
}

/// A group of related fields, as the manuals group them; `show --group` takes its id.
public struct FieldGroup: Sendable, Hashable {
    /// Stable key (`intercepts`, `segments`).
    public let id: String
    /// Heading in text output.
    public let title: String
    /// The part of the structure the group belongs to ("Control area", "State save area").
    public let area: String

    /// A group `id` titled `title` in `area`.
    public init(_ id: String, _ title: String, area: String) {
        self.id = id
        self.title = title
        self.area = area
    }
}

/// A field exists only when another field's bits have a given value
/// (the SEV-ES part of the VMCB save area exists only when SEV-ES is enabled).
public struct FieldCondition: Sendable {
    /// The field whose bits decide.
    public let field: String
    /// The bits of `field` that decide.
    public let mask: UInt64
    /// The value the masked bits must have.
    public let equals: UInt64

    /// The field exists when `field & mask == equals`.
    public init(field: String, mask: UInt64, equals: UInt64) {
        self.field = field
        self.mask = mask
        self.equals = equals
    }
}

/// One row of the catalog: one field of a VMCS or VMCB.
public struct FieldDefinition: Sendable {
    /// Stable, dot-separated id (`control.exit_code`, `save.cs.attrib`); JSON key and diff key.
    public let id: String
    /// The name people grep for: Linux's struct member or enum name (`exit_code`).
    public let name: String
    /// The manual's own name (`EXITCODE`).
    public let manualName: String
    /// What the field holds, in words.
    public let title: String
    /// The structure the field belongs to.
    public let architecture: Architecture
    /// Byte offset in the page (VMCB); -1 for VMCS fields, whose place in memory depends on
    /// the layout (see `VMCSLayout`).
    public let offset: Int
    /// The VMCS field encoding (Intel SDM Vol. 3 Appendix B); nil for VMCB fields.
    public let encoding: UInt32?
    /// Size in bytes; fields over 8 bytes are byte strings.
    public let size: Int
    /// The group `show` lists it under (`FieldGroup.id`).
    public let group: String
    /// How the value splits into bits; nil for a plain number or address.
    public let layout: LayoutRule?
    /// When the field exists only if another field says so (the SEV-ES save area).
    public let condition: FieldCondition?
    /// Other spellings that users meet (older Linux names, Xen's names).
    public let aliases: [String]
    /// Manual, table and revision the row comes from.
    public let reference: String

    /// A catalog row.
    public init(
        id: String, name: String, manualName: String, title: String, architecture: Architecture,
        offset: Int, encoding: UInt32? = nil, size: Int, group: String, layout: LayoutRule? = nil,
        condition: FieldCondition? = nil, aliases: [String] = [], reference: String
    ) {
        self.id = id
        self.name = name
        self.manualName = manualName
        self.title = title
        self.architecture = architecture
        self.offset = offset
        self.encoding = encoding
        self.size = size
        self.group = group
        self.layout = layout
        self.condition = condition
        self.aliases = aliases
        self.reference = reference
    }

    /// True for a 64-bit VMCS field, whose upper half has an encoding of its own (+1).
    public var hasHighHalf: Bool {
        guard let encoding else { return false }
        return IntelVMCS.widthBits(ofEncoding: encoding) == 1
    }

    /// True when the field is a byte string rather than an integer.
    public var isByteString: Bool { size > 8 }

    /// Number of hex digits a value of this field prints with.
    public var hexDigits: Int { min(size, 8) * 2 }

    /// Where the field is, as people write it: `0x070` (VMCB offset) or `0x681e` (VMCS encoding).
    public var place: String {
        if architecture == .cpu { return "" }
        if let encoding {
            return "0x" + String(repeating: "0", count: max(0, 4 - String(encoding, radix: 16).count)) + String(encoding, radix: 16)
        }
        let text = String(offset, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 3 - text.count)) + text
    }

    /// The stable global id of one of the field's bit rows: `guest.cr4.vmxe`.
    public func bitID(_ bit: BitDefinition) -> String { "\(id).\(bit.id)" }

    /// Every spelling the field answers to.
    public var spellings: [String] {
        var all = [id, name, manualName] + aliases
        // VMCB ids start with the area ("control.", "save."), which names need not repeat; VMCS
        // ids start with guest/host, which they must (guest.cr0 and host.cr0 are both "cr0").
        if architecture == .svm, let dot = id.firstIndex(of: ".") {
            all.append(String(id[id.index(after: dot)...]))
        }
        return all
    }
}

/// Field-name normalisation: one rule for every place a field or bit is named.
public enum FieldName {
    /// Lowercased, with spaces, underscores, hyphens and dots removed, so `EXITINFO1`,
    /// `exit_info_1` and `exit-info1` are one name.
    public static func normalize(_ name: some StringProtocol) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case " ", "_", "-", ".", "\t", "\u{00A0}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.lowercased()
    }
}
