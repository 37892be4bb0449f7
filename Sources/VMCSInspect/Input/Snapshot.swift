/// The value of one field as read from an input.
public enum FieldValue: Sendable, Equatable {
    case integer(UInt64)
    case bytes([UInt8])

    public var integer: UInt64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}

/// One VMCS or VMCB state as read from an input: only the fields the input held.
public struct Snapshot: Sendable {
    public var architecture: Architecture
    /// Field values by catalog id; a field the input did not contain is absent.
    public var values: [String: FieldValue]
    /// The input's display name.
    public var source: String
    /// The input format the snapshot was read with.
    public var format: InputFormat
    /// Position of the snapshot among those of one input, from 0.
    public var index: Int
    /// Where the snapshot starts in its input.
    public var location: SourceLocation
    /// What the producer printed beyond fields (VMCB address, CPU of the last VMRUN), in order.
    public var metadata: [(key: String, value: String)]
    /// Remarks about individual fields (a value printed narrower than the field).
    public var notes: [String: [String]]
    /// Remarks about the snapshot as a whole (a revision identifier that does not match).
    public var pageNotes: [String] = []
    /// Failures the producer recorded beside the fields, in the order printed.
    public var failures: [RecordedFailure] = []
    /// The crash dump or memory image format the page was read from (`ELF core`,
    /// `kdump-compressed (zlib)`); nil for every other input.
    public var container: String?

    public init(
        architecture: Architecture, values: [String: FieldValue] = [:], source: String, format: InputFormat,
        index: Int = 0, location: SourceLocation, metadata: [(key: String, value: String)] = [],
        notes: [String: [String]] = [:]
    ) {
        self.architecture = architecture
        self.values = values
        self.source = source
        self.format = format
        self.index = index
        self.location = location
        self.metadata = metadata
        self.notes = notes
    }

    public func integer(_ id: String) -> UInt64? { values[id]?.integer }
}

/// A failure a producer printed beside a dump: QEMU's "KVM: entry failed, hardware error 0x7",
/// Xen's "VMLAUNCH error: 0x7" or "vmentry failure (reason 0x80000022)" with the MSR it names.
/// `check` and `explain` rank the rules that could have caused it.
public struct RecordedFailure: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A full VMX exit reason, bit 31 set for a failed VM entry (SDM Vol. 3 section 28.2.1).
        case vmxExitReason(UInt32)
        /// A VM-instruction error number from VMLAUNCH or VMRESUME (SDM Vol. 3 section 31.4).
        case vmInstructionError(UInt32)
        /// An SVM exit code; VMEXIT_INVALID is -1 (APM Vol. 2 Appendix C).
        case svmExitCode(UInt64)
    }

    public var kind: Kind
    /// The MSR a VM-entry MSR-load failure names (Xen's `msr … val …` line), when printed.
    public var msrIndex: UInt32?
    public var msrValue: UInt64?
    /// The line as the producer printed it, for messages.
    public var text: String
    /// Where it was printed.
    public var location: SourceLocation

    public init(kind: Kind, msrIndex: UInt32? = nil, msrValue: UInt64? = nil, text: String, location: SourceLocation) {
        self.kind = kind
        self.msrIndex = msrIndex
        self.msrValue = msrValue
        self.text = text
        self.location = location
    }
}

/// The input formats the readers understand.
public enum InputFormat: String, Sendable, CaseIterable {
    case raw
    case xxd
    case hexdump
    case od
    case gdb
    case crash
    case hex
    case kvm
    case xen
    case fields
    case json
    case bhyvectl

    /// True for formats that print chosen fields (logs), false for whole pages and their dumps.
    public var isLog: Bool {
        switch self {
        case .kvm, .xen, .fields, .json, .bhyvectl: return true
        default: return false
        }
    }

    /// What the format is, for help text.
    public var summary: String {
        switch self {
        case .raw: return "a binary 4 KiB page"
        case .xxd: return "xxd output (any -g grouping)"
        case .hexdump: return "hexdump -C or hexdump -x/-X output"
        case .od: return "od output with one-byte or word columns (-t x1, -t x2, -t x4, -t x8)"
        case .gdb: return "gdb x/NNgx, x/NNwx or x/NNbx output"
        case .crash: return "crash rd -8, -16, -32 or -64 output"
        case .hex: return "plain hex bytes, no addresses"
        case .kvm: return "Linux KVM dump_vmcb() or dump_vmcs() lines from dmesg or syslog"
        case .xen: return "Xen's VMCS dump (xl dmesg, '(XEN)' lines)"
        case .fields: return "one field per line: NAME = value, NAME: value, NAME value or 0xENCODING = value"
        case .json: return "what show --json writes (schema vmcs-inspect/show/1)"
        case .bhyvectl: return "FreeBSD bhyvectl --get-all output: name[vcpu] value rows"
        }
    }
}
