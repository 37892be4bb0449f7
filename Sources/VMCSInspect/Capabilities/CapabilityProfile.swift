/// A register of a CPUID leaf: `CPUID.(EAX=07H,ECX=0):EBX` is leaf 7, subleaf 0, EBX.
public struct CPUIDRegister: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Register: String, Sendable, CaseIterable, Comparable {
        case eax = "EAX", ebx = "EBX", ecx = "ECX", edx = "EDX"

        public static func < (a: Register, b: Register) -> Bool {
            allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
        }
    }

    public let leaf: UInt32
    /// The ECX input for leaves that take one; nil for those that do not.
    public let subleaf: UInt32?
    public let register: Register

    public init(leaf: UInt32, subleaf: UInt32? = nil, _ register: Register) {
        self.leaf = leaf
        self.subleaf = subleaf
        self.register = register
    }

    /// The SDM's notation: `CPUID.80000008H:EAX`, `CPUID.(EAX=07H,ECX=0):EBX`.
    public var description: String {
        let leafText = String(leaf, radix: 16, uppercase: true)
        let padded = leafText.count < 2 ? "0" + leafText : leafText
        guard let subleaf else { return "CPUID.\(padded)H:\(register.rawValue)" }
        return "CPUID.(EAX=\(padded)H,ECX=\(subleaf)):\(register.rawValue)"
    }

    public static func < (a: CPUIDRegister, b: CPUIDRegister) -> Bool {
        (a.leaf, a.subleaf ?? 0, a.register) < (b.leaf, b.subleaf ?? 0, b.register)
    }
}

/// Something a rule needs beyond the snapshot's fields: a capability of the processor the state
/// was entered on, a fact about how VM entry was executed, or memory the dump does not hold.
public enum Capability: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A model-specific register, by index (the VMX capability MSRs, SDM Vol. 3 Appendix A).
    case msr(UInt32)
    /// A CPUID leaf's register.
    case cpuid(CPUIDRegister)
    /// The physical-address width, MAXPHYADDR (CPUID.80000008H:EAX[7:0]).
    case maxPhysicalAddress
    /// The linear-address width (CPUID.80000008H:EAX[15:8]): 48 or 57.
    case linearAddressWidth
    /// Whether the VMM executed VMLAUNCH or VMRESUME in SMM (the dual-monitor treatment).
    case entryFromSMM
    /// Whether the VMM was in IA-32e mode (its own IA32_EFER.LMA) when it executed VM entry.
    case entryFromIA32eMode
    /// Memory the state refers to, which no dump holds (a page or table named in words).
    case memory(String)
    /// Model-specific behaviour of the processor no profile describes (whether WRMSR of a value
    /// to an MSR faults), named in words.
    case processor(String)

    /// The name a profile line uses, and `check --unknown` prints.
    public var description: String {
        switch self {
        case .msr(let index):
            let number = "0x" + String(index, radix: 16)
            return CapabilityProfile.msrNames[index].map { "\($0) (\(number))" } ?? "MSR \(number)"
        case .cpuid(let register): return register.description
        case .maxPhysicalAddress: return "MAXPHYADDR"
        case .linearAddressWidth: return "LINEAR_ADDRESS_WIDTH"
        case .entryFromSMM: return "ENTRY_FROM_SMM"
        case .entryFromIA32eMode: return "ENTRY_FROM_IA32E_MODE"
        case .memory(let what): return "memory: \(what)"
        case .processor(let what): return "processor: \(what)"
        }
    }

    /// True for what a profile can give; memory and model-specific behaviour never come from one.
    public var isProfileValue: Bool {
        switch self {
        case .memory, .processor: return false
        default: return true
        }
    }

    var order: Int {
        switch self {
        case .maxPhysicalAddress: return 0
        case .linearAddressWidth: return 1
        case .msr: return 2
        case .cpuid: return 3
        case .entryFromSMM: return 4
        case .entryFromIA32eMode: return 5
        case .memory: return 6
        case .processor: return 7
        }
    }

    public static func < (a: Capability, b: Capability) -> Bool {
        if a.order != b.order { return a.order < b.order }
        switch (a, b) {
        case (.msr(let x), .msr(let y)): return x < y
        case (.cpuid(let x), .cpuid(let y)): return x < y
        case (.memory(let x), .memory(let y)): return x < y
        case (.processor(let x), .processor(let y)): return x < y
        default: return false
        }
    }
}

/// What is known about the processor a state was entered on: the VMX capability MSRs, CPUID
/// leaves, the physical- and linear-address widths, and how VM entry was executed. Empty by
/// default: no value is ever assumed, and rules that need one are unknown without it.
///
/// The text form (`--cpu FILE`) has one `NAME = VALUE` per line; `#` starts a comment:
///
/// ```
/// IA32_VMX_BASIC = 0xd810000000002b      # the SDM's MSR name (or 0x480 = ...)
/// MAXPHYADDR = 40
/// CPUID.80000008H:EAX = 0x3028
/// CPUID.(EAX=07H,ECX=0):EBX = ...
/// ENTRY_FROM_SMM = 0
/// ```
public struct CapabilityProfile: Sendable, Equatable {
    public var msrs: [UInt32: UInt64] = [:]
    public var cpuid: [CPUIDRegister: UInt32] = [:]
    /// Given as `MAXPHYADDR`; else read from CPUID.80000008H:EAX[7:0].
    public var explicitMaxPhysicalAddress: Int?
    /// Given as `LINEAR_ADDRESS_WIDTH` (or `MAXLINADDR`); else CPUID.80000008H:EAX[15:8].
    public var explicitLinearAddressWidth: Int?
    public var entryFromSMM: Bool?
    public var entryFromIA32eMode: Bool?

    public init() {}

    public static let empty = CapabilityProfile()

    /// The VMX capability MSRs by index, with the SDM's names (Vol. 3 Appendix A; Vol. 4).
    public static let msrNames: [UInt32: String] = [
        0x480: "IA32_VMX_BASIC", 0x481: "IA32_VMX_PINBASED_CTLS", 0x482: "IA32_VMX_PROCBASED_CTLS",
        0x483: "IA32_VMX_EXIT_CTLS", 0x484: "IA32_VMX_ENTRY_CTLS", 0x485: "IA32_VMX_MISC",
        0x486: "IA32_VMX_CR0_FIXED0", 0x487: "IA32_VMX_CR0_FIXED1", 0x488: "IA32_VMX_CR4_FIXED0",
        0x489: "IA32_VMX_CR4_FIXED1", 0x48a: "IA32_VMX_VMCS_ENUM", 0x48b: "IA32_VMX_PROCBASED_CTLS2",
        0x48c: "IA32_VMX_EPT_VPID_CAP", 0x48d: "IA32_VMX_TRUE_PINBASED_CTLS", 0x48e: "IA32_VMX_TRUE_PROCBASED_CTLS",
        0x48f: "IA32_VMX_TRUE_EXIT_CTLS", 0x490: "IA32_VMX_TRUE_ENTRY_CTLS", 0x491: "IA32_VMX_VMFUNC",
        0x492: "IA32_VMX_PROCBASED_CTLS3", 0x493: "IA32_VMX_EXIT_CTLS2",
    ]

    static let msrByName: [String: UInt32] = {
        var table: [String: UInt32] = [:]
        for (index, name) in msrNames {
            table[FieldName.normalize(name)] = index
            // Linux spells them MSR_IA32_VMX_…; VMX_BASIC, VMX_TRUE_ENTRY_CTLS without the prefix.
            table[FieldName.normalize("MSR_" + name)] = index
            table[FieldName.normalize(name.dropFirst("IA32_".count))] = index
        }
        return table
    }()

    // MARK: Values

    public func msr(_ index: UInt32) -> UInt64? { msrs[index] }

    public func cpuid(_ register: CPUIDRegister) -> UInt32? { cpuid[register] }

    /// MAXPHYADDR: as given, or CPUID.80000008H:EAX[7:0].
    public var maxPhysicalAddress: Int? {
        if let explicitMaxPhysicalAddress { return explicitMaxPhysicalAddress }
        guard let eax = cpuid[CPUIDRegister(leaf: 0x8000_0008, .eax)], eax & 0xff != 0 else { return nil }
        return Int(eax & 0xff)
    }

    /// The linear-address width: as given, or CPUID.80000008H:EAX[15:8].
    public var linearAddressWidth: Int? {
        if let explicitLinearAddressWidth { return explicitLinearAddressWidth }
        guard let eax = cpuid[CPUIDRegister(leaf: 0x8000_0008, .eax)], (eax >> 8) & 0xff != 0 else { return nil }
        return Int((eax >> 8) & 0xff)
    }

    /// True when the profile holds a value for the capability.
    public func has(_ capability: Capability) -> Bool {
        switch capability {
        case .msr(let index): return msrs[index] != nil
        case .cpuid(let register): return cpuid[register] != nil
        case .maxPhysicalAddress: return maxPhysicalAddress != nil
        case .linearAddressWidth: return linearAddressWidth != nil
        case .entryFromSMM: return entryFromSMM != nil
        case .entryFromIA32eMode: return entryFromIA32eMode != nil
        case .memory, .processor: return false
        }
    }

    // MARK: Text form

    /// Reads a profile, one `NAME = VALUE` per line; errors name the file and line.
    public static func parse(_ text: String, name: String) throws -> CapabilityProfile {
        var profile = CapabilityProfile()
        var seen: [String: Int] = [:]
        let lines = LogLine.split(text)
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = trim(line)
            guard !trimmed.isEmpty else { continue }
            let location = SourceLocation.line(name, lineNumber)
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw InspectError(location, "expected NAME = VALUE, found '\(trimmed)'")
            }
            // CPUID.(EAX=07H,ECX=0):EBX has '=' inside the name: split at the last '='.
            let split = trimmed.lastIndex(of: "=") ?? equals
            let key = trim(trimmed[..<split])
            let valueText = trim(trimmed[trimmed.index(after: split)...])
            guard !key.isEmpty else { throw InspectError(location, "expected a name before '='") }
            guard let value = number(valueText) else {
                throw InspectError(location, "expected a number (decimal or 0x hex) for \(key), found '\(valueText)'")
            }
            let capability = try self.capability(named: key, at: location)
            let canonical = capability.description
            if let first = seen[canonical] {
                throw InspectError(location, "\(key) is given twice (first at line \(first))")
            }
            seen[canonical] = lineNumber
            try profile.set(capability, to: value, at: location)
        }
        return profile
    }

    /// Reads a profile file.
    public static func load(path: String) throws -> CapabilityProfile {
        let bytes = try FileSource(path: path, name: path).readAll(limit: 1 << 20, what: "processor profile")
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InspectError(SourceLocation(file: path), "the processor profile is not UTF-8 text")
        }
        return try parse(text, name: path)
    }

    /// The capability a profile name stands for.
    static func capability(named key: String, at location: SourceLocation) throws -> Capability {
        let upper = key.uppercased()
        if upper.hasPrefix("CPUID") {
            guard let register = cpuidRegister(upper) else {
                throw InspectError(
                    location, "expected a CPUID leaf as CPUID.80000008H:EAX or CPUID.(EAX=07H,ECX=0):EBX, found '\(key)'")
            }
            return .cpuid(register)
        }
        let normalized = FieldName.normalize(key)
        switch normalized {
        case "maxphyaddr": return .maxPhysicalAddress
        case "linearaddresswidth", "maxlinaddr": return .linearAddressWidth
        case "entryfromsmm": return .entryFromSMM
        case "entryfromia32emode": return .entryFromIA32eMode
        default: break
        }
        if let index = msrByName[normalized] { return .msr(index) }
        if let index = number(key), index <= UInt64(UInt32.max) { return .msr(UInt32(index)) }
        throw InspectError(
            location,
            "unknown name '\(key)': expected an MSR's SDM name or number (IA32_VMX_BASIC, 0x480), MAXPHYADDR, LINEAR_ADDRESS_WIDTH, CPUID.leafH:REG, ENTRY_FROM_SMM or ENTRY_FROM_IA32E_MODE"
        )
    }

    mutating func set(_ capability: Capability, to value: UInt64, at location: SourceLocation) throws {
        switch capability {
        case .msr(let index):
            msrs[index] = value
        case .cpuid(let register):
            guard value <= UInt64(UInt32.max) else { throw InspectError(location, "\(register) is a 32-bit register, found \(hex(value))") }
            cpuid[register] = UInt32(value)
        case .maxPhysicalAddress:
            guard (32...52).contains(value) else { throw InspectError(location, "MAXPHYADDR must be 32 to 52, found \(value)") }
            explicitMaxPhysicalAddress = Int(value)
        case .linearAddressWidth:
            guard value == 48 || value == 57 else { throw InspectError(location, "LINEAR_ADDRESS_WIDTH must be 48 or 57, found \(value)") }
            explicitLinearAddressWidth = Int(value)
        case .entryFromSMM, .entryFromIA32eMode:
            guard value <= 1 else { throw InspectError(location, "\(capability) must be 0 or 1, found \(value)") }
            if capability == .entryFromSMM { entryFromSMM = value == 1 } else { entryFromIA32eMode = value == 1 }
        case .memory, .processor:
            throw InspectError(location, "\(capability) cannot be given in a profile")
        }
    }

    /// `CPUID.80000008H:EAX`, `CPUID.7H.0:EBX`, `CPUID.(EAX=07H,ECX=0):EBX`, `CPUID.07H.00H:EBX`.
    static func cpuidRegister(_ text: String) -> CPUIDRegister? {
        guard let colon = text.lastIndex(of: ":"),
            let register = CPUIDRegister.Register(rawValue: trim(text[text.index(after: colon)...]))
        else { return nil }
        var body = trim(text[..<colon])
        guard body.hasPrefix("CPUID") else { return nil }
        body.removeFirst(5)
        if body.hasPrefix(".") { body.removeFirst() }
        var leafText: Substring
        var subleafText: Substring?
        if body.hasPrefix("(") && body.hasSuffix(")") {
            let inner = body.dropFirst().dropLast()
            var leaf: Substring?
            for part in inner.split(separator: ",") {
                let pair = part.split(separator: "=", maxSplits: 1).map { trim($0) }
                guard pair.count == 2 else { return nil }
                switch pair[0] {
                case "EAX": leaf = Substring(pair[1])
                case "ECX": subleafText = Substring(pair[1])
                default: return nil
                }
            }
            guard let leaf else { return nil }
            leafText = leaf
        } else {
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 1 || parts.count == 2, let first = parts.first else { return nil }
            leafText = first
            if parts.count == 2 { subleafText = parts[1] }
        }
        guard let leaf = cpuidNumber(leafText), leaf <= UInt64(UInt32.max) else { return nil }
        var subleaf: UInt32?
        if let subleafText {
            guard let value = cpuidNumber(subleafText), value <= UInt64(UInt32.max) else { return nil }
            subleaf = UInt32(value)
        }
        return CPUIDRegister(leaf: UInt32(leaf), subleaf: subleaf, register)
    }

    /// CPUID leaf numbers are hex: `80000008H`, `07H`, `0x7`, `7`.
    static func cpuidNumber(_ text: Substring) -> UInt64? {
        var body = trim(text).uppercased()
        if body.hasPrefix("0X") { return UInt64(body.dropFirst(2), radix: 16) }
        if body.hasSuffix("H") { body.removeLast() }
        return UInt64(body, radix: 16)
    }

    /// The text without leading and trailing white space.
    static func trim(_ text: some StringProtocol) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }), let last = text.lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(text[first...last])
    }

    /// A value: decimal, or hex with 0x, `_` allowed as a separator.
    static func number(_ text: String) -> UInt64? {
        let cleaned = text.filter { $0 != "_" }.lowercased()
        guard !cleaned.isEmpty else { return nil }
        if cleaned.hasPrefix("0x") { return NumberText.hexDigits(cleaned.dropFirst(2)) }
        return UInt64(cleaned)
    }

    func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    /// The profile as text, in the form `parse` reads.
    public var text: String {
        var lines: [String] = []
        if let explicitMaxPhysicalAddress { lines.append("MAXPHYADDR = \(explicitMaxPhysicalAddress)") }
        if let explicitLinearAddressWidth { lines.append("LINEAR_ADDRESS_WIDTH = \(explicitLinearAddressWidth)") }
        for index in msrs.keys.sorted() {
            guard let value = msrs[index] else { continue }
            lines.append("\(CapabilityProfile.msrNames[index] ?? hex(UInt64(index))) = \(hex(value))")
        }
        for register in cpuid.keys.sorted() {
            guard let value = cpuid[register] else { continue }
            lines.append("\(register) = \(hex(UInt64(value)))")
        }
        if let entryFromSMM { lines.append("ENTRY_FROM_SMM = \(entryFromSMM ? 1 : 0)") }
        if let entryFromIA32eMode { lines.append("ENTRY_FROM_IA32E_MODE = \(entryFromIA32eMode ? 1 : 0)") }
        return lines.map { $0 + "\n" }.joined()
    }
}
