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
    /// Who printed it, in words, for headers (`KVM dump_vmcb`, `hexdump -C dump`).
    public var producer: String
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
    /// Bits of fields that the input gives as the guest sees them rather than as the structure
    /// holds them, by field id: QEMU's and VirtualBox's CR0 and CR4 (the bits VMX operation
    /// fixes to 1 are hidden by the read shadows), the EFER a QEMU dump prints on an AMD host
    /// (KVM sets SVME in the VMCB's own copy). A consistency rule that needs such a bit is
    /// undecided, never decided on the guest's view.
    public var guestViewBits: [String: UInt64] = [:]
    /// Bits of fields that the input does not give, by field id: QEMU prints CR0, CR4 and
    /// RFLAGS, and in its 32-bit layout RIP, RSP and the bases, as 32 bits (`%08x`). The value
    /// holds 0 there only because it must hold something; a rule that needs such a bit is
    /// undecided, and the field carries a note saying which bits are not in the input.
    public var absentBits: [String: UInt64] = [:]

    /// The bits of a field a rule cannot read as the structure holds them: those the input
    /// gives as the guest sees them, and those it does not give.
    func uncertainBits(_ id: String) -> (guestView: UInt64, absent: UInt64) {
        (guestViewBits[id] ?? 0, absentBits[id] ?? 0)
    }
    /// The page's bytes, for inputs that are whole pages (raw pages, hex dumps, crash dumps).
    public var page: [UInt8]?
    /// The crash dump or memory image format the page was read from (`ELF core`,
    /// `kdump-compressed (zlib)`); nil for every other input.
    public var container: String?

    public init(
        architecture: Architecture, values: [String: FieldValue] = [:], source: String, format: InputFormat,
        producer: String? = nil, index: Int = 0, location: SourceLocation, metadata: [(key: String, value: String)] = [],
        notes: [String: [String]] = [:]
    ) {
        self.architecture = architecture
        self.values = values
        self.source = source
        self.format = format
        self.producer = producer ?? format.title
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
