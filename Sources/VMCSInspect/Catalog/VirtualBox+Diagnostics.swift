// swift-format-ignore-file
// (catalog rows stay one per line)
// VirtualBox's own words for a failed VM entry, as its release log (VBox.log) prints them.
//
// Status codes: include/VBox/err.h (VirtualBox 7.1/7.2 trunk; the VT-x, AMD-V and HM ranges
// -4000 to -4118 and their VINF twins). `%Rrc` prints the define's name, which is what a log
// shows and what the reader trusts; numbers moved in early versions (2.x had -4010 for
// VERR_VMX_VMXON_FAILED), so a number alone names a status only for the versions this table
// comes from.
//
// HM errors: include/VBox/vmm/hm_vmx.h (VirtualBox 7.0/7.1). What `HM error = 0x23a (570)` means
// depends on the status beside it: VMX_IGS_* for VERR_VMX_INVALID_GUEST_STATE (the rule
// VirtualBox's ring-0 guest-state checker found broken), VMX_UFC_* for
// VERR_HM_UNSUPPORTED_CPU_FEATURE_COMBO, VMX_VCI_* for VERR_VMX_VMCS_FIELD_CACHE_INVALID.
// The words and the rule of each VMX_IGS_* row are this tool's, written from the SDM section
// the row names: Intel SDM Vol. 3 (325384-084), chapter 27 "VM Entries", section 27.3.1
// "Checks on the Guest State Area" (27.3.1.1 control registers, debug registers and MSRs;
// 27.3.1.2 segment registers; 27.3.1.3 descriptor-table registers; 27.3.1.4 RIP, RFLAGS and
// SSP; 27.3.1.5 non-register state; 27.3.1.6 PDPTEs). Older SDM editions number the same
// section 26.3.1.

/// One of VirtualBox's diagnostic numbers (`HM error = 0x23a (570)` in VBox.log), with the
/// rule it names.
public struct VirtualBoxDiagnostic: Sendable, Equatable {
    /// The number VirtualBox stores in `u32HMError` and prints in decimal in parentheses.
    public let number: UInt32
    /// VirtualBox's name for it (`VMX_IGS_V86_GS_LIMIT_INVALID`).
    public let name: String
    /// What is wrong, in words (`GS limit invalid in virtual-8086 mode`).
    public let words: String
    /// The manual's rule that is broken, when one is (`the GS limit must be 0xffff`).
    public let rule: String?
    /// The SDM section of the rule (`27.3.1.2`), revision 325384-084 numbering.
    public let section: String?

    init(_ number: UInt32, _ name: String, _ words: String, _ rule: String? = nil, _ section: String? = nil) {
        self.number = number
        self.name = name
        self.words = words
        self.rule = rule
        self.section = section
    }

    /// The manual reference, or nil when the number names no manual rule.
    public var reference: String? { section.map { "SDM Vol. 3 (325384-084) section \($0)" } }
}

/// Which processor extension a VirtualBox status belongs to.
public enum VirtualBoxStatusFamily: String, Sendable {
    /// VERR_VMX_* and VINF_VMX_*: VT-x ran the guest.
    case vmx
    /// VERR_SVM_* and VINF_SVM_*: AMD-V ran the guest.
    case svm
    /// VERR_HM_* and VINF_HM_*: hardware-assisted execution, either vendor.
    case hm
    /// Any other status (VINF_EM_TRIPLE_FAULT, VERR_TRPM_DONT_PANIC …): says nothing of the vendor.
    case other
}

/// A VirtualBox status code, as `%Rrc` prints it beside its number.
public struct VirtualBoxStatus: Sendable, Equatable {
    public let code: Int32
    public let name: String
    /// What the status says about the guest, in words, where it names a processor event.
    public let meaning: String?
    /// Where `meaning` comes from.
    public let reference: String?

    init(_ code: Int32, _ name: String, meaning: String? = nil, reference: String? = nil) {
        self.code = code
        self.name = name
        self.meaning = meaning
        self.reference = reference
    }

    /// The family a status name belongs to, by its prefix (the name is what VBox.log prints).
    public static func family(ofName name: String) -> VirtualBoxStatusFamily {
        if name.hasPrefix("VERR_VMX_") || name.hasPrefix("VINF_VMX_") { return .vmx }
        if name.hasPrefix("VERR_SVM_") || name.hasPrefix("VINF_SVM_") { return .svm }
        if name.hasPrefix("VERR_HM_") || name.hasPrefix("VINF_HM_") { return .hm }
        return .other
    }

    public var family: VirtualBoxStatusFamily { Self.family(ofName: name) }
}

/// VirtualBox's status codes and HM error numbers: lookups for readers and `explain`.
public enum VirtualBoxDiagnostics {
    /// The status whose HM error is a VMX_IGS_* number (VirtualBox 7 numbers it -4014).
    public static let invalidGuestStateStatus = "VERR_VMX_INVALID_GUEST_STATE"

    /// The rule a VMX_IGS_* number names (`570` → GS limit invalid in virtual-8086 mode).
    public static func invalidGuestState(_ number: UInt32) -> VirtualBoxDiagnostic? {
        invalidGuestStateByNumber[number]
    }

    /// What an `HM error` number means beside a status: a VMX_IGS_* rule for
    /// VERR_VMX_INVALID_GUEST_STATE, a VMX_UFC_* reason for VERR_HM_UNSUPPORTED_CPU_FEATURE_COMBO,
    /// a VMX_VCI_* cache for VERR_VMX_VMCS_FIELD_CACHE_INVALID. Without a status, a number in
    /// one table's range only is looked up there (the ranges do not overlap: 1–17, 300–307,
    /// 500–625); nil for 0 and numbers no table has.
    public static func hmError(_ number: UInt32, status: String? = nil) -> VirtualBoxDiagnostic? {
        switch status {
        case invalidGuestStateStatus: return invalidGuestStateByNumber[number]
        case "VERR_HM_UNSUPPORTED_CPU_FEATURE_COMBO": return unsupportedFeatureByNumber[number]
        case "VERR_VMX_VMCS_FIELD_CACHE_INVALID": return fieldCacheByNumber[number]
        default: return invalidGuestStateByNumber[number] ?? unsupportedFeatureByNumber[number] ?? fieldCacheByNumber[number]
        }
    }

    /// A status by the name `%Rrc` printed.
    public static func status(named name: String) -> VirtualBoxStatus? { statusByName[name] }

    /// A status by number (as VirtualBox 7 numbers them).
    public static func status(code: Int32) -> VirtualBoxStatus? { statusByCode[code] }

    static let invalidGuestStateByNumber = Dictionary(invalidGuestState.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
    static let unsupportedFeatureByNumber = Dictionary(unsupportedFeatureCombination.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
    static let fieldCacheByNumber = Dictionary(fieldCacheInvalid.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
    static let statusByName = Dictionary(statuses.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    static let statusByCode = Dictionary(statuses.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    static let s1 = "27.3.1.1"
    static let s2 = "27.3.1.2"
    static let s3 = "27.3.1.3"
    static let s4 = "27.3.1.4"
    static let s5 = "27.3.1.5"
    static let s6 = "27.3.1.6"

    /// VMX_IGS_* (hm_vmx.h, "VMX HM-error codes for VERR_VMX_INVALID_GUEST_STATE"), 500–625;
    /// 622 has no define.
    public static let invalidGuestState: [VirtualBoxDiagnostic] = [
        VirtualBoxDiagnostic(500, "VMX_IGS_ERROR", "the guest-state check itself failed (a VMREAD error)"),
        VirtualBoxDiagnostic(501, "VMX_IGS_REASON_NOT_FOUND", "VirtualBox's guest-state checks found no broken rule"),
        VirtualBoxDiagnostic(502, "VMX_IGS_CR0_FIXED1", "CR0 has a bit set that the processor fixes to 0", "bits clear in IA32_VMX_CR0_FIXED1 must be clear in CR0", s1),
        VirtualBoxDiagnostic(503, "VMX_IGS_CR0_FIXED0", "CR0 has a bit clear that the processor fixes to 1", "bits set in IA32_VMX_CR0_FIXED0 must be set in CR0 (PE and PG excepted with unrestricted guest)", s1),
        VirtualBoxDiagnostic(504, "VMX_IGS_CR0_PG_PE_COMBO", "CR0.PG set with CR0.PE clear", "if CR0.PG is 1, CR0.PE must be 1", s1),
        VirtualBoxDiagnostic(505, "VMX_IGS_CR4_FIXED1", "CR4 has a bit set that the processor fixes to 0", "bits clear in IA32_VMX_CR4_FIXED1 must be clear in CR4", s1),
        VirtualBoxDiagnostic(506, "VMX_IGS_CR4_FIXED0", "CR4 has a bit clear that the processor fixes to 1", "bits set in IA32_VMX_CR4_FIXED0 must be set in CR4", s1),
        VirtualBoxDiagnostic(507, "VMX_IGS_DEBUGCTL_MSR_RESERVED", "IA32_DEBUGCTL reserved bits set", "with load debug controls, the reserved bits of IA32_DEBUGCTL must be 0", s1),
        VirtualBoxDiagnostic(508, "VMX_IGS_CR0_PG_LONGMODE", "CR0.PG clear in an IA-32e mode guest", "with IA-32e mode guest, CR0.PG must be 1", s1),
        VirtualBoxDiagnostic(509, "VMX_IGS_CR4_PAE_LONGMODE", "CR4.PAE clear in an IA-32e mode guest", "with IA-32e mode guest, CR4.PAE must be 1", s1),
        VirtualBoxDiagnostic(510, "VMX_IGS_CR4_PCIDE", "CR4.PCIDE set outside IA-32e mode", "without IA-32e mode guest, CR4.PCIDE must be 0", s1),
        VirtualBoxDiagnostic(511, "VMX_IGS_DR7_RESERVED", "DR7 bits 63:32 set", "with load debug controls, DR7 bits 63:32 must be 0", s1),
        VirtualBoxDiagnostic(512, "VMX_IGS_PERF_GLOBAL_MSR_RESERVED", "IA32_PERF_GLOBAL_CTRL reserved bits set", "with load IA32_PERF_GLOBAL_CTRL, its reserved bits must be 0", s1),
        VirtualBoxDiagnostic(513, "VMX_IGS_EFER_MSR_RESERVED", "IA32_EFER reserved bits set", "with load IA32_EFER, its reserved bits must be 0", s1),
        VirtualBoxDiagnostic(514, "VMX_IGS_EFER_LMA_GUEST_MODE_MISMATCH", "EFER.LMA differs from the IA-32e mode guest control", "with load IA32_EFER, EFER.LMA must equal the IA-32e mode guest entry control", s1),
        VirtualBoxDiagnostic(515, "VMX_IGS_EFER_LMA_LME_MISMATCH", "EFER.LMA differs from EFER.LME with paging on", "with load IA32_EFER and CR0.PG set, EFER.LMA must equal EFER.LME", s1),
        VirtualBoxDiagnostic(516, "VMX_IGS_CS_ATTR_P_INVALID", "CS not present", "CS must be present (access rights bit 7)", s2),
        VirtualBoxDiagnostic(517, "VMX_IGS_CS_ATTR_RESERVED", "CS access rights reserved bits set", "CS access rights bits 11:8 and 31:17 must be 0", s2),
        VirtualBoxDiagnostic(518, "VMX_IGS_CS_ATTR_G_INVALID", "CS granularity does not fit its limit", "G must be 0 if any of limit bits 11:0 is 0, and 1 if any of limit bits 31:20 is 1", s2),
        VirtualBoxDiagnostic(519, "VMX_IGS_CS_ATTR_UNUSABLE", "CS unusable", "CS must be usable (access rights bit 16 clear)", s2),
        VirtualBoxDiagnostic(520, "VMX_IGS_CS_SS_ATTR_DPL_UNEQUAL", "CS DPL differs from SS DPL", "for a non-conforming code segment (type 9 or 11), CS DPL must equal SS DPL", s2),
        VirtualBoxDiagnostic(521, "VMX_IGS_CS_SS_ATTR_DPL_MISMATCH", "CS DPL above SS DPL", "for a conforming code segment (type 13 or 15), CS DPL must not exceed SS DPL", s2),
        VirtualBoxDiagnostic(522, "VMX_IGS_CS_ATTR_TYPE_INVALID", "CS type invalid", "CS type must be 9, 11, 13 or 15 (or 3 with unrestricted guest)", s2),
        VirtualBoxDiagnostic(523, "VMX_IGS_SS_CS_RPL_UNEQUAL", "SS RPL differs from CS RPL", "outside virtual-8086 mode and without unrestricted guest, SS RPL must equal CS RPL", s2),
        VirtualBoxDiagnostic(524, "VMX_IGS_SS_ATTR_DPL_RPL_UNEQUAL", "SS DPL differs from SS RPL", "SS DPL must equal SS RPL", s2),
        VirtualBoxDiagnostic(525, "VMX_IGS_SS_ATTR_DPL_INVALID", "SS DPL not 0 in real mode or with a CS of type 3", "if CS type is 3 or CR0.PE is 0, SS DPL must be 0", s2),
        VirtualBoxDiagnostic(526, "VMX_IGS_SS_ATTR_TYPE_INVALID", "SS type invalid", "a usable SS must be a read/write data segment (type 3 or 7)", s2),
        VirtualBoxDiagnostic(527, "VMX_IGS_SS_ATTR_P_INVALID", "SS not present", "a usable SS must be present", s2),
        VirtualBoxDiagnostic(528, "VMX_IGS_SS_ATTR_RESERVED", "SS access rights reserved bits set", "a usable SS's access rights bits 11:8 and 31:17 must be 0", s2),
        VirtualBoxDiagnostic(529, "VMX_IGS_SS_ATTR_G_INVALID", "SS granularity does not fit its limit", "G must be 0 if any of limit bits 11:0 is 0, and 1 if any of limit bits 31:20 is 1", s2),
        VirtualBoxDiagnostic(530, "VMX_IGS_DS_ATTR_A_INVALID", "DS not marked accessed", "a usable DS must have the accessed bit (type bit 0) set", s2),
        VirtualBoxDiagnostic(531, "VMX_IGS_DS_ATTR_P_INVALID", "DS not present", "a usable DS must be present", s2),
        VirtualBoxDiagnostic(532, "VMX_IGS_DS_ATTR_DPL_RPL_UNEQUAL", "DS DPL below its RPL", "a usable data or non-conforming code segment in DS must have DPL not below its RPL", s2),
        VirtualBoxDiagnostic(533, "VMX_IGS_DS_ATTR_RESERVED", "DS access rights reserved bits set", "a usable DS's access rights bits 11:8 and 31:17 must be 0", s2),
        VirtualBoxDiagnostic(534, "VMX_IGS_DS_ATTR_G_INVALID", "DS granularity does not fit its limit", "G must be 0 if any of limit bits 11:0 is 0, and 1 if any of limit bits 31:20 is 1", s2),
        VirtualBoxDiagnostic(535, "VMX_IGS_DS_ATTR_TYPE_INVALID", "DS type invalid", "a code segment in DS must be readable", s2),
        VirtualBoxDiagnostic(536, "VMX_IGS_ES_ATTR_A_INVALID", "ES not marked accessed", "a usable ES must have the accessed bit (type bit 0) set", s2),
        VirtualBoxDiagnostic(537, "VMX_IGS_ES_ATTR_P_INVALID", "ES not present", "a usable ES must be present", s2),
        VirtualBoxDiagnostic(538, "VMX_IGS_ES_ATTR_DPL_RPL_UNEQUAL", "ES DPL below its RPL", "a usable data or non-conforming code segment in ES must have DPL not below its RPL", s2),
        VirtualBoxDiagnostic(539, "VMX_IGS_ES_ATTR_RESERVED", "ES access rights reserved bits set", "a usable ES's access rights bits 11:8 and 31:17 must be 0", s2),
        VirtualBoxDiagnostic(540, "VMX_IGS_ES_ATTR_G_INVALID", "ES granularity does not fit its limit", "G must be 0 if any of limit bits 11:0 is 0, and 1 if any of limit bits 31:20 is 1", s2),
        VirtualBoxDiagnostic(541, "VMX_IGS_ES_ATTR_TYPE_INVALID", "ES type invalid", "a code segment in ES must be readable", s2),
        VirtualBoxDiagnostic(542, "VMX_IGS_FS_ATTR_A_INVALID", "FS not marked accessed", "a usable FS must have the accessed bit (type bit 0) set", s2),
        VirtualBoxDiagnostic(543, "VMX_IGS_FS_ATTR_P_INVALID", "FS not present", "a usable FS must be present", s2),
        VirtualBoxDiagnostic(544, "VMX_IGS_FS_ATTR_DPL_RPL_UNEQUAL", "FS DPL below its RPL", "a usable data or non-conforming code segment in FS must have DPL not below its RPL", s2),
        VirtualBoxDiagnostic(545, "VMX_IGS_FS_ATTR_RESERVED", "FS access rights reserved bits set", "a usable FS's access rights bits 11:8 and 31:17 must be 0", s2),
        VirtualBoxDiagnostic(546, "VMX_IGS_FS_ATTR_G_INVALID", "FS granularity does not fit its limit", "G must be 0 if any of limit bits 11:0 is 0, and 1 if any of limit bits 31:20 is 1", s2),
        VirtualBoxDiagnostic(547, "VMX_IGS_FS_ATTR_TYPE_INVALID", "FS type invalid", "a code segment in FS must be readable", s2),
        VirtualBoxDiagnostic(548, "VMX_IGS_GS_ATTR_A_INVALID", "GS not marked accessed", "a usable GS must have the accessed bit (type bit 0) set", s2),
        VirtualBoxDiagnostic(549, "VMX_IGS_GS_ATTR_P_INVALID", "GS not present", "a usable GS must be present", s2),
        VirtualBoxDiagnostic(550, "VMX_IGS_GS_ATTR_DPL_RPL_UNEQUAL", "GS DPL below its RPL", "a usable data or non-conforming code segment in GS must have DPL not below its RPL", s2),
        VirtualBoxDiagnostic(551, "VMX_IGS_GS_ATTR_RESERVED", "GS access rights reserved bits set", "a usable GS's access rights bits 11:8 and 31:17 must be 0", s2),
        VirtualBoxDiagnostic(552, "VMX_IGS_GS_ATTR_G_INVALID", "GS granularity does not fit its limit", "G must be 0 if any of limit bits 11:0 is 0, and 1 if any of limit bits 31:20 is 1", s2),
        VirtualBoxDiagnostic(553, "VMX_IGS_GS_ATTR_TYPE_INVALID", "GS type invalid", "a code segment in GS must be readable", s2),
        VirtualBoxDiagnostic(554, "VMX_IGS_V86_CS_BASE_INVALID", "CS base invalid in virtual-8086 mode", "in virtual-8086 mode the CS base must be the CS selector times 16", s2),
        VirtualBoxDiagnostic(555, "VMX_IGS_V86_CS_LIMIT_INVALID", "CS limit invalid in virtual-8086 mode", "in virtual-8086 mode the CS limit must be 0xffff", s2),
        VirtualBoxDiagnostic(556, "VMX_IGS_V86_CS_ATTR_INVALID", "CS access rights invalid in virtual-8086 mode", "in virtual-8086 mode the CS access rights must be 0xf3", s2),
        VirtualBoxDiagnostic(557, "VMX_IGS_V86_SS_BASE_INVALID", "SS base invalid in virtual-8086 mode", "in virtual-8086 mode the SS base must be the SS selector times 16", s2),
        VirtualBoxDiagnostic(558, "VMX_IGS_V86_SS_LIMIT_INVALID", "SS limit invalid in virtual-8086 mode", "in virtual-8086 mode the SS limit must be 0xffff", s2),
        VirtualBoxDiagnostic(559, "VMX_IGS_V86_SS_ATTR_INVALID", "SS access rights invalid in virtual-8086 mode", "in virtual-8086 mode the SS access rights must be 0xf3", s2),
        VirtualBoxDiagnostic(560, "VMX_IGS_V86_DS_BASE_INVALID", "DS base invalid in virtual-8086 mode", "in virtual-8086 mode the DS base must be the DS selector times 16", s2),
        VirtualBoxDiagnostic(561, "VMX_IGS_V86_DS_LIMIT_INVALID", "DS limit invalid in virtual-8086 mode", "in virtual-8086 mode the DS limit must be 0xffff", s2),
        VirtualBoxDiagnostic(562, "VMX_IGS_V86_DS_ATTR_INVALID", "DS access rights invalid in virtual-8086 mode", "in virtual-8086 mode the DS access rights must be 0xf3", s2),
        VirtualBoxDiagnostic(563, "VMX_IGS_V86_ES_BASE_INVALID", "ES base invalid in virtual-8086 mode", "in virtual-8086 mode the ES base must be the ES selector times 16", s2),
        VirtualBoxDiagnostic(564, "VMX_IGS_V86_ES_LIMIT_INVALID", "ES limit invalid in virtual-8086 mode", "in virtual-8086 mode the ES limit must be 0xffff", s2),
        VirtualBoxDiagnostic(565, "VMX_IGS_V86_ES_ATTR_INVALID", "ES access rights invalid in virtual-8086 mode", "in virtual-8086 mode the ES access rights must be 0xf3", s2),
        VirtualBoxDiagnostic(566, "VMX_IGS_V86_FS_BASE_INVALID", "FS base invalid in virtual-8086 mode", "in virtual-8086 mode the FS base must be the FS selector times 16", s2),
        VirtualBoxDiagnostic(567, "VMX_IGS_V86_FS_LIMIT_INVALID", "FS limit invalid in virtual-8086 mode", "in virtual-8086 mode the FS limit must be 0xffff", s2),
        VirtualBoxDiagnostic(568, "VMX_IGS_V86_FS_ATTR_INVALID", "FS access rights invalid in virtual-8086 mode", "in virtual-8086 mode the FS access rights must be 0xf3", s2),
        VirtualBoxDiagnostic(569, "VMX_IGS_V86_GS_BASE_INVALID", "GS base invalid in virtual-8086 mode", "in virtual-8086 mode the GS base must be the GS selector times 16", s2),
        VirtualBoxDiagnostic(570, "VMX_IGS_V86_GS_LIMIT_INVALID", "GS limit invalid in virtual-8086 mode", "in virtual-8086 mode the GS limit must be 0xffff", s2),
        VirtualBoxDiagnostic(571, "VMX_IGS_V86_GS_ATTR_INVALID", "GS access rights invalid in virtual-8086 mode", "in virtual-8086 mode the GS access rights must be 0xf3", s2),
        VirtualBoxDiagnostic(572, "VMX_IGS_LONGMODE_CS_BASE_INVALID", "CS base has bits 63:32 set", "on processors with Intel 64, CS base bits 63:32 must be 0", s2),
        VirtualBoxDiagnostic(573, "VMX_IGS_LONGMODE_SS_BASE_INVALID", "SS base has bits 63:32 set", "on processors with Intel 64, a usable SS's base bits 63:32 must be 0", s2),
        VirtualBoxDiagnostic(574, "VMX_IGS_LONGMODE_DS_BASE_INVALID", "DS base has bits 63:32 set", "on processors with Intel 64, a usable DS's base bits 63:32 must be 0", s2),
        VirtualBoxDiagnostic(575, "VMX_IGS_LONGMODE_ES_BASE_INVALID", "ES base has bits 63:32 set", "on processors with Intel 64, a usable ES's base bits 63:32 must be 0", s2),
        VirtualBoxDiagnostic(576, "VMX_IGS_SYSENTER_ESP_NOT_CANONICAL", "IA32_SYSENTER_ESP not canonical", "IA32_SYSENTER_ESP must hold a canonical address", s1),
        VirtualBoxDiagnostic(577, "VMX_IGS_SYSENTER_EIP_NOT_CANONICAL", "IA32_SYSENTER_EIP not canonical", "IA32_SYSENTER_EIP must hold a canonical address", s1),
        VirtualBoxDiagnostic(578, "VMX_IGS_PAT_MSR_INVALID", "IA32_PAT holds an invalid memory type", "with load IA32_PAT, each byte must be 0, 1, 4, 5, 6 or 7", s1),
        VirtualBoxDiagnostic(579, "VMX_IGS_PAT_MSR_RESERVED", "IA32_PAT reserved bits set", "with load IA32_PAT, bits 7:3 of each byte must be 0", s1),
        VirtualBoxDiagnostic(580, "VMX_IGS_GDTR_BASE_NOT_CANONICAL", "GDTR base not canonical", "the GDTR base must be canonical", s3),
        VirtualBoxDiagnostic(581, "VMX_IGS_IDTR_BASE_NOT_CANONICAL", "IDTR base not canonical", "the IDTR base must be canonical", s3),
        VirtualBoxDiagnostic(582, "VMX_IGS_GDTR_LIMIT_INVALID", "GDTR limit invalid", "GDTR limit bits 31:16 must be 0", s3),
        VirtualBoxDiagnostic(583, "VMX_IGS_IDTR_LIMIT_INVALID", "IDTR limit invalid", "IDTR limit bits 31:16 must be 0", s3),
        VirtualBoxDiagnostic(584, "VMX_IGS_LONGMODE_RIP_INVALID", "RIP invalid", "outside 64-bit mode RIP bits 63:32 must be 0; in it, RIP must be canonical for the linear-address width", s4),
        VirtualBoxDiagnostic(585, "VMX_IGS_RFLAGS_RESERVED", "RFLAGS reserved bits set", "RFLAGS bits 63:22, 15, 5 and 3 must be 0", s4),
        VirtualBoxDiagnostic(586, "VMX_IGS_RFLAGS_RESERVED1", "RFLAGS bit 1 clear", "RFLAGS bit 1 must be 1", s4),
        VirtualBoxDiagnostic(587, "VMX_IGS_RFLAGS_VM_INVALID", "RFLAGS.VM set in IA-32e mode or with CR0.PE clear", "with IA-32e mode guest or CR0.PE clear, RFLAGS.VM must be 0", s4),
        VirtualBoxDiagnostic(588, "VMX_IGS_RFLAGS_IF_INVALID", "RFLAGS.IF clear while injecting an external interrupt", "injecting an external interrupt, RFLAGS.IF must be 1", s4),
        VirtualBoxDiagnostic(589, "VMX_IGS_ACTIVITY_STATE_INVALID", "activity state invalid", "the activity state must be one the processor supports (0 to 3)", s5),
        VirtualBoxDiagnostic(590, "VMX_IGS_ACTIVITY_STATE_HLT_INVALID", "HLT activity state with SS DPL not 0", "the activity state must not be HLT if SS DPL is not 0", s5),
        VirtualBoxDiagnostic(591, "VMX_IGS_ACTIVITY_STATE_ACTIVE_INVALID", "activity state not active while blocking by STI or MOV SS", "with blocking by STI or by MOV SS, the activity state must be active", s5),
        VirtualBoxDiagnostic(592, "VMX_IGS_ACTIVITY_STATE_SIPI_WAIT_INVALID", "wait-for-SIPI activity state invalid", "the wait-for-SIPI state must be supported and must not come with an injected event", s5),
        VirtualBoxDiagnostic(593, "VMX_IGS_INTERRUPTIBILITY_STATE_RESERVED", "interruptibility state reserved bits set", "interruptibility state bits 31:5 must be 0", s5),
        VirtualBoxDiagnostic(594, "VMX_IGS_INTERRUPTIBILITY_STATE_STI_MOVSS_INVALID", "blocking by STI and by MOV SS both set", "bits 0 (STI) and 1 (MOV SS) of the interruptibility state must not both be 1", s5),
        VirtualBoxDiagnostic(595, "VMX_IGS_INTERRUPTIBILITY_STATE_STI_EFL_INVALID", "blocking by STI with RFLAGS.IF clear", "with RFLAGS.IF clear, blocking by STI must be 0", s5),
        VirtualBoxDiagnostic(596, "VMX_IGS_INTERRUPTIBILITY_STATE_EXT_INT_INVALID", "blocking by STI or MOV SS while injecting an external interrupt", "injecting an external interrupt, blocking by STI and by MOV SS must be 0", s5),
        VirtualBoxDiagnostic(597, "VMX_IGS_INTERRUPTIBILITY_STATE_MOVSS_INVALID", "blocking by MOV SS while injecting an NMI", "injecting an NMI, blocking by MOV SS must be 0", s5),
        VirtualBoxDiagnostic(598, "VMX_IGS_INTERRUPTIBILITY_STATE_SMI_INVALID", "blocking by SMI outside SMM", "outside SMM, blocking by SMI must be 0", s5),
        VirtualBoxDiagnostic(599, "VMX_IGS_INTERRUPTIBILITY_STATE_SMI_SMM_INVALID", "blocking by SMI clear on entry to SMM", "with entry to SMM, blocking by SMI must be 1", s5),
        VirtualBoxDiagnostic(600, "VMX_IGS_INTERRUPTIBILITY_STATE_STI_INVALID", "blocking by STI while injecting an NMI", "injecting an NMI, blocking by STI may have to be 0 (model-specific)", s5),
        VirtualBoxDiagnostic(601, "VMX_IGS_INTERRUPTIBILITY_STATE_NMI_INVALID", "blocking by NMI while injecting an NMI with virtual NMIs", "with virtual NMIs and an injected NMI, blocking by NMI must be 0", s5),
        VirtualBoxDiagnostic(602, "VMX_IGS_PENDING_DEBUG_RESERVED", "pending debug exceptions reserved bits set", "pending debug exceptions bits 11:4, 13, 15 and 63:17 must be 0", s5),
        VirtualBoxDiagnostic(603, "VMX_IGS_LONGMODE_PENDING_DEBUG_RESERVED", "pending debug exceptions reserved bits set (64-bit)", "pending debug exceptions bits 63:17 must be 0", s5),
        VirtualBoxDiagnostic(604, "VMX_IGS_PENDING_DEBUG_XCPT_BS_NOT_SET", "pending debug exceptions BS clear while single-stepping", "with blocking by STI or MOV SS, or HLT, and RFLAGS.TF set with DEBUGCTL.BTF clear, BS must be 1", s5),
        VirtualBoxDiagnostic(605, "VMX_IGS_PENDING_DEBUG_XCPT_BS_NOT_CLEAR", "pending debug exceptions BS set while not single-stepping", "with RFLAGS.TF clear or DEBUGCTL.BTF set, BS must be 0", s5),
        VirtualBoxDiagnostic(606, "VMX_IGS_VMCS_LINK_PTR_RESERVED", "VMCS link pointer invalid", "a VMCS link pointer other than all ones must be 4-KByte aligned and within the physical-address width", s5),
        VirtualBoxDiagnostic(607, "VMX_IGS_TR_TI_INVALID", "TR selector has TI set", "the TR selector's TI flag must be 0", s2),
        VirtualBoxDiagnostic(608, "VMX_IGS_LDTR_TI_INVALID", "LDTR selector has TI set", "a usable LDTR's selector TI flag must be 0", s2),
        VirtualBoxDiagnostic(609, "VMX_IGS_TR_BASE_NOT_CANONICAL", "TR base not canonical", "the TR base must be canonical", s2),
        VirtualBoxDiagnostic(610, "VMX_IGS_FS_BASE_NOT_CANONICAL", "FS base not canonical", "the FS base must be canonical", s2),
        VirtualBoxDiagnostic(611, "VMX_IGS_GS_BASE_NOT_CANONICAL", "GS base not canonical", "the GS base must be canonical", s2),
        VirtualBoxDiagnostic(612, "VMX_IGS_LDTR_BASE_NOT_CANONICAL", "LDTR base not canonical", "a usable LDTR's base must be canonical", s2),
        VirtualBoxDiagnostic(613, "VMX_IGS_TR_ATTR_UNUSABLE", "TR unusable", "TR must be usable", s2),
        VirtualBoxDiagnostic(614, "VMX_IGS_TR_ATTR_S_INVALID", "TR access rights S set", "TR must be a system segment (S = 0)", s2),
        VirtualBoxDiagnostic(615, "VMX_IGS_TR_ATTR_P_INVALID", "TR not present", "TR must be present", s2),
        VirtualBoxDiagnostic(616, "VMX_IGS_TR_ATTR_RESERVED", "TR access rights reserved bits set", "TR access rights bits 11:8 and 31:17 must be 0", s2),
        VirtualBoxDiagnostic(617, "VMX_IGS_TR_ATTR_G_INVALID", "TR granularity does not fit its limit", "G must be 0 if any of limit bits 11:0 is 0, and 1 if any of limit bits 31:20 is 1", s2),
        VirtualBoxDiagnostic(618, "VMX_IGS_LONGMODE_TR_ATTR_TYPE_INVALID", "TR type invalid in IA-32e mode", "with IA-32e mode guest, TR must be a busy 64-bit TSS (type 11)", s2),
        VirtualBoxDiagnostic(619, "VMX_IGS_TR_ATTR_TYPE_INVALID", "TR type invalid", "outside IA-32e mode, TR must be a busy TSS (type 3 or 11)", s2),
        VirtualBoxDiagnostic(620, "VMX_IGS_CS_ATTR_S_INVALID", "CS access rights S clear", "CS must be a code or data segment (S = 1)", s2),
        VirtualBoxDiagnostic(621, "VMX_IGS_CS_ATTR_DPL_INVALID", "CS DPL invalid", "with unrestricted guest and a CS of type 3, CS DPL must be 0", s2),
        VirtualBoxDiagnostic(623, "VMX_IGS_PAE_PDPTE_RESERVED", "PAE PDPTE reserved bits set", "with EPT and PAE paging, the PDPTE fields' reserved bits must be 0", s6),
        VirtualBoxDiagnostic(624, "VMX_IGS_VMCS_LINK_PTR_NOT_SHADOW", "VMCS link pointer is no shadow VMCS", "with VMCS shadowing, the linked VMCS must have its shadow-VMCS indicator set", s5),
        VirtualBoxDiagnostic(625, "VMX_IGS_VMCS_LINK_PTR_SHADOW_VMCS_ID_INVALID", "VMCS link pointer's revision identifier wrong", "with VMCS shadowing, the linked VMCS's revision identifier must be the processor's", s5),
    ]

    /// VMX_UFC_* (hm_vmx.h, "VMX HM-error codes for VERR_HM_UNSUPPORTED_CPU_FEATURE_COMBO"):
    /// VT-x features VirtualBox needs and the host lacks; no SDM rule is broken.
    public static let unsupportedFeatureCombination: [VirtualBoxDiagnostic] = [
        VirtualBoxDiagnostic(1, "VMX_UFC_CTRL_PIN_EXEC", "the pin-based controls VirtualBox needs are not supported"),
        VirtualBoxDiagnostic(2, "VMX_UFC_CTRL_PROC_EXEC", "the primary processor-based controls VirtualBox needs are not supported"),
        VirtualBoxDiagnostic(3, "VMX_UFC_CTRL_PROC_MOV_DRX_EXIT", "MOV-DR exiting is not supported"),
        VirtualBoxDiagnostic(4, "VMX_UFC_CTRL_ENTRY", "the VM-entry controls VirtualBox needs are not supported"),
        VirtualBoxDiagnostic(5, "VMX_UFC_CTRL_EXIT", "the VM-exit controls VirtualBox needs are not supported"),
        VirtualBoxDiagnostic(6, "VMX_UFC_INSUFFICIENT_HOST_MSR_STORAGE", "too few host MSR-load slots"),
        VirtualBoxDiagnostic(7, "VMX_UFC_INSUFFICIENT_GUEST_MSR_STORAGE", "too few guest MSR-load/store slots"),
        VirtualBoxDiagnostic(8, "VMX_UFC_INVALID_VMCS_SIZE", "the VMCS size the processor reports is invalid"),
        VirtualBoxDiagnostic(9, "VMX_UFC_CTRL_PROC_EXEC2", "the secondary processor-based controls VirtualBox needs are not supported"),
        VirtualBoxDiagnostic(10, "VMX_UFC_INVALID_UX_COMBO", "unrestricted guest is configured without EPT"),
        VirtualBoxDiagnostic(11, "VMX_UFC_EPT_FLUSH_TYPE_UNSUPPORTED", "no supported INVEPT flush type"),
        VirtualBoxDiagnostic(12, "VMX_UFC_EPT_MEM_TYPE_NOT_WB", "EPT paging structures cannot be write-back"),
        VirtualBoxDiagnostic(13, "VMX_UFC_EPT_INVEPT_UNAVAILABLE", "EPT without INVEPT"),
        VirtualBoxDiagnostic(14, "VMX_UFC_EPT_PAGE_WALK_LENGTH_UNSUPPORTED", "EPT without a 4-level page walk"),
        VirtualBoxDiagnostic(15, "VMX_UFC_GST_HOST_VMWRITE_ALL", "VMWRITE to read-only fields is not supported"),
        VirtualBoxDiagnostic(16, "VMX_UFC_LBR_STACK_SIZE_UNKNOWN", "the host's LBR stack size is unknown"),
        VirtualBoxDiagnostic(17, "VMX_UFC_LBR_STACK_SIZE_OVERFLOW", "the host's LBR stack is larger than VirtualBox holds"),
    ]

    /// VMX_VCI_* (hm_vmx.h, "VMX HM-error codes for VERR_VMX_VMCS_FIELD_CACHE_INVALID"): a
    /// VMCS field VirtualBox caches differs from the VMCS.
    public static let fieldCacheInvalid: [VirtualBoxDiagnostic] = [
        VirtualBoxDiagnostic(300, "VMX_VCI_CTRL_ENTRY", "VirtualBox's copy of the VM-entry controls differs from the VMCS"),
        VirtualBoxDiagnostic(301, "VMX_VCI_CTRL_EXIT", "VirtualBox's copy of the VM-exit controls differs from the VMCS"),
        VirtualBoxDiagnostic(302, "VMX_VCI_CTRL_PIN_EXEC", "VirtualBox's copy of the pin-based controls differs from the VMCS"),
        VirtualBoxDiagnostic(303, "VMX_VCI_CTRL_PROC_EXEC", "VirtualBox's copy of the primary processor-based controls differs from the VMCS"),
        VirtualBoxDiagnostic(304, "VMX_VCI_CTRL_PROC_EXEC2", "VirtualBox's copy of the secondary processor-based controls differs from the VMCS"),
        VirtualBoxDiagnostic(305, "VMX_VCI_CTRL_XCPT_BITMAP", "VirtualBox's copy of the exception bitmap differs from the VMCS"),
        VirtualBoxDiagnostic(306, "VMX_VCI_CTRL_TSC_OFFSET", "VirtualBox's copy of the TSC offset differs from the VMCS"),
        VirtualBoxDiagnostic(307, "VMX_VCI_CTRL_PROC_EXEC3", "VirtualBox's copy of the tertiary processor-based controls differs from the VMCS"),
    ]

    /// The VT-x (-4000…), AMD-V (-4050…) and HM (-4100…) statuses of err.h, and the other
    /// statuses Guru Meditations commonly print.
    public static let statuses: [VirtualBoxStatus] = [
        VirtualBoxStatus(-4000, "VERR_VMX_VMXON_FAILED"),
        VirtualBoxStatus(-4001, "VERR_VMX_INVALID_VMCS_PTR"),
        VirtualBoxStatus(-4002, "VERR_VMX_INVALID_VMCS_FIELD"),
        VirtualBoxStatus(-4003, "VERR_VMX_RESERVED"),
        VirtualBoxStatus(-4004, "VERR_VMX_INVALID_VMXON_PTR"),
        VirtualBoxStatus(-4005, "VERR_VMX_UNABLE_TO_START_VM"),
        VirtualBoxStatus(-4006, "VERR_VMX_INVALID_HOST_STATE"),
        VirtualBoxStatus(-4009, "VERR_VMX_NO_VMX"),
        VirtualBoxStatus(-4011, "VERR_VMX_IN_VMX_ROOT_MODE"),
        VirtualBoxStatus(-4012, "VERR_VMX_X86_CR4_VMXE_CLEARED"),
        VirtualBoxStatus(-4013, "VERR_VMX_MSR_LOCKING_FAILED"),
        VirtualBoxStatus(-4014, "VERR_VMX_INVALID_GUEST_STATE"),
        VirtualBoxStatus(-4015, "VERR_VMX_UNEXPECTED_EXIT"),
        VirtualBoxStatus(-4016, "VERR_VMX_UNEXPECTED_EXCEPTION"),
        VirtualBoxStatus(-4017, "VERR_VMX_UNEXPECTED_INTERRUPTION_EXIT_TYPE"),
        VirtualBoxStatus(-4018, "VERR_VMX_NOT_IN_VMX_ROOT_MODE"),
        VirtualBoxStatus(-4019, "VERR_VMX_UNDEFINED_EXIT_CODE"),
        VirtualBoxStatus(-4021, "VERR_VMX_VMPTRLD_FAILED"),
        VirtualBoxStatus(-4022, "VERR_VMX_INVALID_VMCS_PTR_TO_START_VM"),
        VirtualBoxStatus(-4023, "VERR_VMX_IPE_1"),
        VirtualBoxStatus(-4024, "VERR_VMX_IPE_2"),
        VirtualBoxStatus(-4025, "VERR_VMX_IPE_3"),
        VirtualBoxStatus(-4026, "VERR_VMX_IPE_4"),
        VirtualBoxStatus(-4027, "VERR_VMX_IPE_5"),
        VirtualBoxStatus(-4028, "VERR_VMX_MSR_ALL_VMX_DISABLED"),
        VirtualBoxStatus(-4029, "VERR_VMX_MSR_VMX_DISABLED"),
        VirtualBoxStatus(-4030, "VERR_VMX_VMCS_FIELD_CACHE_INVALID"),
        VirtualBoxStatus(-4031, "VERR_VMX_MSR_VMX_ENABLE_FAILED"),
        VirtualBoxStatus(-4032, "VERR_VMX_MSR_SMX_VMX_ENABLE_FAILED"),
        VirtualBoxStatus(-4033, "VERR_VMX_VMENTRY_FAILED"),
        VirtualBoxStatus(4033, "VINF_VMX_VMEXIT"),
        VirtualBoxStatus(-4034, "VERR_VMX_VMEXIT_FAILED"),
        VirtualBoxStatus(4035, "VINF_VMX_INTERCEPT_NOT_ACTIVE"),
        VirtualBoxStatus(4036, "VINF_VMX_MODIFIES_BEHAVIOR"),
        VirtualBoxStatus(4037, "VINF_VMX_VMLAUNCH_VMRESUME"),
        VirtualBoxStatus(-4038, "VERR_VMX_INVALID_VMCS_LAUNCH_STATE"),
        VirtualBoxStatus(-4039, "VERR_VMX_STARTVM_PRECOND_0"),
        VirtualBoxStatus(-4040, "VERR_VMX_STARTVM_PRECOND_1"),
        VirtualBoxStatus(-4041, "VERR_VMX_STARTVM_PRECOND_2"),
        VirtualBoxStatus(-4042, "VERR_VMX_STARTVM_PRECOND_3"),
        VirtualBoxStatus(-4050, "VERR_SVM_UNABLE_TO_START_VM"),
        VirtualBoxStatus(-4051, "VERR_SVM_ILLEGAL_EFER_MSR"),
        VirtualBoxStatus(-4052, "VERR_SVM_NO_SVM"),
        VirtualBoxStatus(-4053, "VERR_SVM_DISABLED"),
        VirtualBoxStatus(-4054, "VERR_SVM_IN_USE"),
        VirtualBoxStatus(-4055, "VERR_SVM_INVALID_PVMCB"),
        VirtualBoxStatus(-4056, "VERR_SVM_UNEXPECTED_EXIT"),
        VirtualBoxStatus(-4057, "VERR_SVM_UNEXPECTED_XCPT_EXIT"),
        VirtualBoxStatus(-4058, "VERR_SVM_UNEXPECTED_PATCH_TYPE"),
        VirtualBoxStatus(-4059, "VERR_SVM_INVALID_GUEST_STATE"),
        VirtualBoxStatus(-4060, "VERR_SVM_UNKNOWN_EXIT"),
        VirtualBoxStatus(-4061, "VERR_SVM_IPE_1"),
        VirtualBoxStatus(-4062, "VERR_SVM_IPE_2"),
        VirtualBoxStatus(-4063, "VERR_SVM_IPE_3"),
        VirtualBoxStatus(-4064, "VERR_SVM_IPE_4"),
        VirtualBoxStatus(-4065, "VERR_SVM_IPE_5"),
        VirtualBoxStatus(-4066, "VERR_SVM_VMEXIT_FAILED"),
        VirtualBoxStatus(4067, "VINF_SVM_VMEXIT"),
        VirtualBoxStatus(4068, "VINF_SVM_VMRUN"),
        VirtualBoxStatus(4069, "VINF_SVM_INTERCEPT_NOT_ACTIVE"),
        VirtualBoxStatus(-4070, "VERR_SVM_VMRUN_PRECOND_0"),
        VirtualBoxStatus(-4071, "VERR_SVM_VMRUN_PRECOND_1"),
        VirtualBoxStatus(-4072, "VERR_SVM_VMRUN_PRECOND_2"),
        VirtualBoxStatus(-4073, "VERR_SVM_VMRUN_PRECOND_3"),
        VirtualBoxStatus(-4074, "VERR_SVM_HOST_SVME_NOT_ENABLED"),
        VirtualBoxStatus(-4075, "VERR_SVM_HOST_VM_HSAVE_PA_INVALID"),
        VirtualBoxStatus(-4100, "VERR_HM_SUSPEND_PENDING"),
        VirtualBoxStatus(-4103, "VERR_HM_CONFIG_MISMATCH"),
        VirtualBoxStatus(-4104, "VERR_HM_ALREADY_ENABLED_IPE"),
        VirtualBoxStatus(-4105, "VERR_HM_UNEXPECTED_LD_ST_MSR"),
        VirtualBoxStatus(-4106, "VERR_HM_NO_32_TO_64_SWITCHER"),
        VirtualBoxStatus(-4107, "VERR_HM_WRONG_CPU"),
        VirtualBoxStatus(-4108, "VERR_HM_IPE_1"),
        VirtualBoxStatus(-4109, "VERR_HM_IPE_2"),
        VirtualBoxStatus(-4110, "VERR_HM_WRONG_SWITCHER"),
        VirtualBoxStatus(-4111, "VERR_HM_UNKNOWN_IO_INSTRUCTION"),
        VirtualBoxStatus(-4112, "VERR_HM_UNSUPPORTED_CPU_FEATURE_COMBO"),
        VirtualBoxStatus(-4113, "VERR_HM_IPE_3"),
        VirtualBoxStatus(-4114, "VERR_HM_IPE_4"),
        VirtualBoxStatus(-4115, "VERR_HM_IPE_5"),
        VirtualBoxStatus(-4116, "VERR_HM_INVALID_HM64ON32OP"),
        VirtualBoxStatus(4117, "VINF_HM_DOUBLE_FAULT"),
        VirtualBoxStatus(4118, "VINF_HM_PENDING_XCPT"),
        VirtualBoxStatus(1155, "VINF_EM_TRIPLE_FAULT", meaning: "the guest triple-faulted (an exception arose while a double fault, #DF, was being delivered, which puts a processor in shutdown) and VirtualBox stopped the VM", reference: "SDM Vol. 3 (325384-084), Interrupt 8—Double Fault Exception (#DF); VirtualBox include/VBox/err.h"),
        VirtualBoxStatus(-2403, "VERR_TRPM_DONT_PANIC"),
    ]
}
