/// How bad a finding is.
public enum Severity: String, Sendable, Comparable {
    /// The manual says VM entry or VMRUN fails with this state.
    case error
    /// Suspicious, or wrong only on some processors.
    case warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// One problem a rule found in a snapshot.
public struct Finding: Sendable, Equatable {
    public let severity: Severity
    /// The rule's kebab-case id (`guest-cr0-pg-requires-pe`).
    public let check: String
    /// The catalog id of the field at fault.
    public let field: String
    /// Lowercase, no final period: the values and what is wrong with them.
    public let message: String
    /// Where the manual states the rule.
    public let reference: String
}

/// The manuals, with the revisions the rules follow.
public enum Manual: String, Sendable {
    /// Intel SDM Vol. 3, order number 325384-084.
    case sdm
    /// AMD APM Vol. 2, publication 24593 revision 3.42.
    case apm
    /// Intel's FRED specification, document 346446, for the FRED state in the VMCS.
    case fred

    public var citation: String {
        switch self {
        case .sdm: return "SDM Vol. 3 (325384-084)"
        case .apm: return "APM Vol. 2 (24593 rev 3.42)"
        case .fred: return "FRED specification (346446)"
        }
    }
}

/// Which step of VM entry or VMRUN performs a rule, and so which failure breaking it causes.
public enum CheckStage: String, Sendable {
    /// VM-execution, VM-exit and VM-entry controls: VMLAUNCH/VMRESUME fails with VM-instruction
    /// error 7 (SDM Vol. 3 section 27.2).
    case controls
    /// Host-state area: VM-instruction error 8 (section 27.2).
    case hostState
    /// Guest-state area: VM entry fails with exit reason 33 (section 27.3, 27.8).
    case guestState
    /// The VM-entry MSR-load area: exit reason 34 (section 27.4).
    case msrLoading
    /// VM entries that return from SMM: VM-instruction errors 16 to 18.
    case executiveVMCS
    /// AMD VMRUN: exit code VMEXIT_INVALID (APM section 15.5.1).
    case vmrun
    /// The generic reserved-bit warnings.
    case reserved
}

/// A section of a manual that states rules.
public struct ManualSection: Sendable, Hashable {
    public let manual: Manual
    /// `27.2.1.1`, `15.5.1`; empty for a section cited by its title alone.
    public let number: String
    public let title: String
    public let stage: CheckStage

    public init(_ manual: Manual, _ number: String, _ title: String, stage: CheckStage = .reserved) {
        self.manual = manual
        self.number = number
        self.title = title
        self.stage = stage
    }

    /// `SDM Vol. 3 (325384-084) section 27.2.1.1, checks on VM-execution control fields`.
    public var reference: String {
        number.isEmpty ? "\(manual.citation), \(title)" : "\(manual.citation) section \(number), \(title)"
    }
}

/// What a rule found: the state keeps the rule, breaks it (with the values at fault), or the
/// input and profile do not say.
public enum Verdict: Sendable {
    case holds
    case broken([Violation])
    case unknown

    public var isBroken: Bool {
        if case .broken = self { return true }
        return false
    }
}

/// One field at fault in a broken rule.
public struct Violation: Sendable {
    public let field: String
    public let message: String
    /// Reserved bits of `field` the message reports, so the generic reserved-bit warning does not
    /// report them again.
    public let bits: UInt64

    public init(field: String, message: String, bits: UInt64 = 0) {
        self.field = field
        self.message = message
        self.bits = bits
    }
}

/// What a rule lacked to be decided.
public enum Missing: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A field the input does not hold.
    case field(String)
    /// A bit row the field's table lacks for its value (TR's type when TR is unusable).
    case bit(field: String, bit: String)
    /// A capability, a fact about VM entry, or memory.
    case capability(Capability)
    /// Bits of a field the input gives only as the guest sees them (QEMU's CR4 without VMXE).
    case structureValue(field: String, bits: UInt64)
    /// Bits of a field the input does not give (QEMU's CR4 printed as 32 bits).
    case bitsNotInInput(field: String, bits: UInt64)

    /// What a rule lacks when it needs a table these bits choose.
    static func choosing(_ discriminator: DiscriminatorBits) -> [Missing] {
        if discriminator.fieldAbsent { return [.field(discriminator.field)] }
        return uncertain(discriminator.field, guestView: discriminator.guestView, absent: discriminator.bits, within: ~0)
    }

    /// What a rule lacks when it needs the bits of `mask` of a field whose input gives
    /// `guestView` only as the guest sees them and `absent` not at all.
    static func uncertain(_ field: String, guestView: UInt64, absent: UInt64, within mask: UInt64) -> [Missing] {
        var missing: [Missing] = []
        if guestView & mask != 0 { missing.append(.structureValue(field: field, bits: guestView & mask)) }
        if absent & mask != 0 { missing.append(.bitsNotInInput(field: field, bits: absent & mask)) }
        return missing
    }

    public var description: String {
        switch self {
        case .field(let id): return id
        case .bit(let field, let bit): return "\(field).\(bit)"
        case .capability(let capability): return capability.description
        case .structureValue(let field, let bits):
            return "\(field) \(bitList(bits)) as the structure holds \(bitPronoun(bits)) (the input shows the guest's view)"
        case .bitsNotInInput(let field, let bits):
            return "\(field) \(bitList(bits)) (not in the input)"
        }
    }

    var order: Int {
        switch self {
        case .field: return 0
        case .bit: return 1
        case .structureValue: return 2
        case .bitsNotInInput: return 3
        case .capability: return 4
        }
    }

    public static func < (a: Missing, b: Missing) -> Bool {
        if a.order != b.order { return a.order < b.order }
        switch (a, b) {
        case (.capability(let x), .capability(let y)): return x < y
        default: return a.description < b.description
        }
    }
}

/// One VM-entry or VMRUN consistency rule, as a manual states it: an id, the section, the
/// rule in words, and its evaluation. Rules read fields and bits by catalog id through a
/// `RuleContext`, so bit positions come from the catalog tables, and reserved bits from the
/// tables' reserved rows; a rule never repeats a mask.
public struct Check: Sendable {
    /// Kebab-case, frozen once released.
    public let id: String
    public let architecture: Architecture
    public let section: ManualSection
    /// The rule, in words.
    public let text: String
    /// `.error` for rules the manual makes a VM-entry or VMRUN failure; `.warning` for rules a
    /// processor may or may not enforce.
    public let severity: Severity
    /// The capabilities the rule may need; without them it may be unknown.
    public let needs: [Capability]
    /// Fields whose reserved rows this rule judges as a whole (the controls against their
    /// capability MSRs): when it is decided, the generic reserved-bit warning skips them.
    public let covers: [String]
    let evaluate: @Sendable (RuleContext) -> Verdict

    init(
        _ id: String, _ section: ManualSection, _ text: String, severity: Severity = .error, needs: [Capability] = [],
        covers: [String] = [], _ evaluate: @escaping @Sendable (RuleContext) -> Verdict
    ) {
        self.id = id
        self.architecture = section.manual == .apm ? .svm : .vmx
        self.section = section
        self.text = text
        self.severity = severity
        self.needs = needs
        self.covers = covers
        self.evaluate = evaluate
    }

    public var reference: String { section.reference }
    /// The rule in words (what `check --list` prints).
    public var summary: String { text }
}

// MARK: Three-valued logic

/// Kleene conjunction: false if any is false, unknown (nil) if any is unknown, else true.
func allOf(_ values: Bool?...) -> Bool? { allOf(values) }

func allOf(_ values: [Bool?]) -> Bool? {
    if values.contains(false) { return false }
    if values.contains(where: { $0 == nil }) { return nil }
    return true
}

/// Kleene disjunction: true if any is true, unknown if any is unknown, else false.
func anyOf(_ values: Bool?...) -> Bool? { anyOf(values) }

func anyOf(_ values: [Bool?]) -> Bool? {
    if values.contains(true) { return true }
    if values.contains(where: { $0 == nil }) { return nil }
    return false
}

func not(_ value: Bool?) -> Bool? { value.map { !$0 } }

/// `a` implies `b`, in three values.
func implies(_ a: Bool?, _ b: Bool?) -> Bool? { anyOf(not(a), b) }

/// Equality of two known values, unknown when either is.
func equal<T: Equatable>(_ a: T?, _ b: T?) -> Bool? {
    guard let a, let b else { return nil }
    return a == b
}

/// The positions of the set bits, highest first, for messages.
func bitPositions(_ value: UInt64) -> [Int] { (0..<64).reversed().filter { value >> UInt64($0) & 1 == 1 } }

/// `bit 5`, `bits 31, 5, 0` or `bits 63:32, 11:8`, for messages: runs of three or more bits
/// as the manuals write a range.
func bitList(_ value: UInt64) -> String {
    let positions = bitPositions(value)
    var parts: [String] = []
    var index = 0
    while index < positions.count {
        var end = index
        while end + 1 < positions.count, positions[end + 1] == positions[end] - 1 { end += 1 }
        if end - index >= 2 {
            parts.append("\(positions[index]):\(positions[end])")
        } else {
            parts.append(contentsOf: positions[index...end].map(String.init))
        }
        index = end + 1
    }
    return (positions.count == 1 ? "bit " : "bits ") + parts.joined(separator: ", ")
}

/// `it` for one bit, `them` for more, after `bitList`.
func bitPronoun(_ value: UInt64) -> String { value.nonzeroBitCount == 1 ? "it" : "them" }
