// swift-format-ignore-file
// (catalog rows stay one per line)
// VMCS exit qualifications. Source: Intel SDM Vol. 3 (order no. 325384-084, 2024): section 28.2.1
// (the exit qualification of each exit reason) and 27.8 (of a failed VM entry), and the key that
// picks a table by basic exit reason (and, for exceptions, the vector).

extension IntelVMCSValues {
    // MARK: Exit qualification by exit reason (section 28.2.1)

    /// A debug exception's qualification (Table 28-1).
    public static let debugExceptionQualification = BitLayout(
        "vmx.qualification.debug_exception", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("b0", "B0", BitRange(0), .flag, "breakpoint 0 condition met"),
            BitDefinition("b1", "B1", BitRange(1), .flag, "breakpoint 1 condition met"),
            BitDefinition("b2", "B2", BitRange(2), .flag, "breakpoint 2 condition met"),
            BitDefinition("b3", "B3", BitRange(3), .flag, "breakpoint 3 condition met"),
            BitDefinition("bld", "BLD", BitRange(11), .flag, "bus lock detected"),
            BitDefinition("bd", "BD", BitRange(13), .flag, "debug-register access detected"),
            BitDefinition("bs", "BS", BitRange(14), .flag, "single step"),
            BitDefinition("rtm", "RTM", BitRange(16), .flag, "debug exception in an RTM region"),
        ])

    /// A linear address: INVLPG, INVPCID and the like (section 28.2.1).
    public static let linearAddressQualification = BitLayout(
        "vmx.qualification.linear_address", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("linear_address", "LINEAR_ADDRESS", BitRange(63, 0), .address, "linear address (faulting address or INVLPG operand)")
        ])

    /// The displacement of an instruction's memory operand (section 28.2.1).
    public static let displacementQualification = BitLayout(
        "vmx.qualification.displacement", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [BitDefinition("displacement", "DISPLACEMENT", BitRange(63, 0), .address, "displacement of the instruction's memory operand")])

    /// The SIPI vector (section 28.2.1).
    public static let sipiQualification = BitLayout(
        "vmx.qualification.sipi", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [BitDefinition("vector", "VECTOR", BitRange(7, 0), .number, "SIPI vector")])

    /// An I/O instruction's qualification (Table 28-5).
    public static let ioQualification = BitLayout(
        "vmx.qualification.io", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("size", "SIZE", BitRange(2, 0), .enumerated(ValueNames([(0, "1 byte"), (1, "2 bytes"), (3, "4 bytes")])), "size of access"),
            BitDefinition("direction", "DIRECTION", BitRange(3), .enumerated(ValueNames([(0, "OUT"), (1, "IN")])), "direction"),
            BitDefinition("string", "STRING", BitRange(4), .flag, "string instruction"),
            BitDefinition("rep", "REP", BitRange(5), .flag, "REP prefixed"),
            BitDefinition("operand", "OPERAND", BitRange(6), .enumerated(ValueNames([(0, "DX"), (1, "immediate")])), "port operand encoding"),
            BitDefinition("port", "PORT", BitRange(31, 16), .number, "port number"),
        ])

    /// A task switch's qualification (Table 28-2).
    public static let taskSwitchQualification = BitLayout(
        "vmx.qualification.task_switch", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("selector", "SELECTOR", BitRange(15, 0), .number, "selector of the task-state segment"),
            BitDefinition("source", "SOURCE", BitRange(31, 30), .enumerated(ValueNames([(0, "CALL"), (1, "IRET"), (2, "JMP"), (3, "IDT task gate")])), "source of the task switch"),
        ])

    /// A control-register access's qualification (Table 28-3).
    public static let crAccessQualification = BitLayout(
        "vmx.qualification.cr_access", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("cr", "CR", BitRange(3, 0), .number, "control register number"),
            BitDefinition("access_type", "ACCESS_TYPE", BitRange(5, 4), .enumerated(ValueNames([(0, "MOV to CR"), (1, "MOV from CR"), (2, "CLTS"), (3, "LMSW")])), "access type"),
            BitDefinition("lmsw_operand", "LMSW_OPERAND", BitRange(6), .enumerated(ValueNames([(0, "register"), (1, "memory")])), "LMSW operand type", when: BitCondition(BitRange(5, 4), equals: 3)),
            BitDefinition("gpr", "GPR", BitRange(11, 8), .enumerated(Registers.generalPurposeRegisters), "general-purpose register", when: BitCondition(BitRange(5, 4), in: [0, 1])),
            BitDefinition("lmsw_source", "LMSW_SOURCE", BitRange(31, 16), .number, "LMSW source data", when: BitCondition(BitRange(5, 4), equals: 3)),
        ])

    /// A MOV DR's qualification (Table 28-4).
    public static let movDRQualification = BitLayout(
        "vmx.qualification.mov_dr", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("dr", "DR", BitRange(2, 0), .number, "debug register number"),
            BitDefinition("direction", "DIRECTION", BitRange(4), .enumerated(ValueNames([(0, "MOV to DR"), (1, "MOV from DR")])), "direction of access"),
            BitDefinition("gpr", "GPR", BitRange(11, 8), .enumerated(Registers.generalPurposeRegisters), "general-purpose register"),
        ])

    /// An APIC access's qualification (Table 28-6).
    public static let apicAccessQualification = BitLayout(
        "vmx.qualification.apic_access", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("offset", "OFFSET", BitRange(11, 0), .address, "offset of the access within the APIC page"),
            BitDefinition("access_type", "ACCESS_TYPE", BitRange(15, 12), .enumerated(ValueNames([(0, "linear read"), (1, "linear write"), (2, "linear fetch"), (3, "linear during event delivery"), (10, "guest-physical during event delivery"), (15, "guest-physical fetch"), ])), "access type"),
            BitDefinition("asynchronous", "ASYNC", BitRange(16), .flag, "the access was asynchronous to instruction execution"),
        ])

    /// An EPT violation's qualification (Table 28-7).
    public static let eptViolationQualification = BitLayout(
        "vmx.qualification.ept_violation", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("read", "READ", BitRange(0), .flag, "the access was a data read"),
            BitDefinition("write", "WRITE", BitRange(1), .flag, "the access was a data write"),
            BitDefinition("fetch", "FETCH", BitRange(2), .flag, "the access was an instruction fetch"),
            BitDefinition("readable", "READABLE", BitRange(3), .flag, "the guest-physical address was readable"),
            BitDefinition("writable", "WRITABLE", BitRange(4), .flag, "the guest-physical address was writable"),
            BitDefinition("executable", "EXECUTABLE", BitRange(5), .flag, "the guest-physical address was executable (for supervisor mode, with mode-based execute control)"),
            BitDefinition("user_executable", "USER_EXECUTABLE", BitRange(6), .flag, "the guest-physical address was executable for user mode"),
            BitDefinition("gla_valid", "GLA_VALID", BitRange(7), .flag, "the guest-linear address field is valid"),
            BitDefinition("gla_translated", "GLA_TRANSLATED", BitRange(8), .flag, "the access was to the translation of the linear address (else to a paging-structure entry)", clear: "the access was to a guest paging-structure entry, in a page walk or to set its accessed or dirty flag", when: BitCondition(BitRange(7), equals: 1)),
            BitDefinition("user_mode", "USER_MODE", BitRange(9), .flag, "user-mode linear address (advanced VM-exit information)"),
            BitDefinition("rw_page", "RW_PAGE", BitRange(10), .flag, "the page was read/write in the guest paging structures"),
            BitDefinition("nx_page", "NX_PAGE", BitRange(11), .flag, "the page was execute-disable"),
            BitDefinition("nmi_unblocking", "NMI_UNBLOCKING", BitRange(12), .flag, "NMI unblocking due to IRET"),
            BitDefinition("shadow_stack", "SHADOW_STACK", BitRange(13), .flag, "the access was a shadow-stack access"),
            BitDefinition("supervisor_shadow_stack", "SSS", BitRange(14), .flag, "the page was a supervisor shadow-stack page"),
            BitDefinition("guest_paging_verification", "GUEST_PAGING_VERIFY", BitRange(15), .flag, "guest-paging verification failed"),
            BitDefinition("asynchronous", "ASYNC", BitRange(16), .flag, "the access was asynchronous to instruction execution"),
        ])

    /// Exits that report NMI unblocking due to IRET in bit 12 (section 28.2.1).
    public static let nmiUnblockingQualification = BitLayout(
        "vmx.qualification.nmi_unblocking", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [
            BitDefinition("vm_context_invalid", "VM_CONTEXT_INVALID", BitRange(0), .flag, "the VM context is invalid (instruction timeout)"),
            BitDefinition("nmi_unblocking", "NMI_UNBLOCKING", BitRange(12), .flag, "NMI unblocking due to IRET"),
        ])

    /// A virtualized EOI's vector (section 28.2.1).
    public static let eoiQualification = BitLayout(
        "vmx.qualification.eoi", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [BitDefinition("vector", "VECTOR", BitRange(7, 0), .number, "vector of the virtualized EOI")])

    /// An APIC write's page offset (section 28.2.1).
    public static let apicWriteQualification = BitLayout(
        "vmx.qualification.apic_write", reference: "SDM Vol. 3 (325384-084) section 28.2.1",
        [BitDefinition("offset", "OFFSET", BitRange(11, 0), .address, "offset of the APIC register written")])

    /// The exit qualification of a VM entry that failed on guest state, in the SDM's words
    /// (section 27.8; 1 is not used).
    public static let invalidGuestStateCauses = ValueNames([
        (0, "no further information (the default)"),
        (2, "failure was due to a problem loading the PDPTRs"),
        (3, "failure was due to an attempt to inject a non-maskable interrupt (NMI) into a guest that is blocking events through the STI blocking bit in the interruptibility-state field"),
        (4, "failure was due to an invalid VMCS link pointer"),
    ])

    /// A VM entry that failed on guest state: which check (section 27.8).
    public static let invalidGuestStateQualification = BitLayout(
        "vmx.qualification.invalid_guest_state", reference: "SDM Vol. 3 (325384-084) section 27.8",
        [
            BitDefinition("cause", "CAUSE", BitRange(63, 0), .enumerated(invalidGuestStateCauses), "what the check found")
        ])

    /// A VM entry that failed loading an MSR: which entry (section 27.8).
    public static let msrLoadQualification = BitLayout(
        "vmx.qualification.msr_load", reference: "SDM Vol. 3 (325384-084) section 27.8",
        [BitDefinition("entry", "ENTRY", BitRange(63, 0), .number, "which MSR-load entry failed, counting from 1")])

    /// Qualification key: the basic exit reason in bits 23:8 and, for exceptions, the vector in 7:0.
    /// Only exit reason 0 looks at the vector, so an input without the interruption information
    /// still decodes every other reason's qualification.
    public static let qualificationKey = [
        SelectorKey("exit.reason", mask: 0xffff, shift: 8),
        SelectorKey("exit.intr_info", mask: 0xff, shift: 0, refinesOnly: true),
    ]

    static func reason(_ basic: UInt64, _ layout: BitLayout) -> LayoutCase {
        LayoutCase((basic << 8)...(basic << 8 | 0xff), layout)
    }

    /// Which table describes the exit qualification, by qualification key.
    public static let qualificationCases: [LayoutCase] =
        [
            LayoutCase(1, debugExceptionQualification),  // exception or NMI, vector 1 (#DB)
            LayoutCase(14, linearAddressQualification),  // exception or NMI, vector 14 (#PF)
            reason(4, sipiQualification),
            reason(5, ioQualification),  // I/O SMI
            reason(9, taskSwitchQualification),
            reason(14, linearAddressQualification),  // INVLPG
        ] + (19...27).map { reason(UInt64($0), displacementQualification) } + [  // VMCLEAR ... VMXON
            reason(28, crAccessQualification),
            reason(29, movDRQualification),
            reason(30, ioQualification),
            reason(33, invalidGuestStateQualification),
            reason(34, msrLoadQualification),
            reason(44, apicAccessQualification),
            reason(45, eoiQualification),
            reason(46, displacementQualification),
            reason(47, displacementQualification),
            reason(48, eptViolationQualification),
            reason(50, displacementQualification),
            reason(53, displacementQualification),
            reason(56, apicWriteQualification),
            reason(58, displacementQualification),
            reason(62, nmiUnblockingQualification),
            reason(63, displacementQualification),
            reason(64, displacementQualification),
            reason(75, nmiUnblockingQualification),
        ]
}
