// swift-format-ignore-file
// (catalog rows stay one per line)
// VM-exit instruction information. Source: Intel SDM Vol. 3 (order no. 325384-084, 2024), section
// 28.2.5: the tables of the field for each instruction class, and the key that picks one by basic
// exit reason.

extension IntelVMCSValues {
    // MARK: VM-exit instruction information

    // SDM Vol. 3 (325384-084) section 28.2.5, the tables of the VM-exit instruction-information
    // field for each instruction class. Bits a table leaves undefined have no row and show as
    // unnamed; so do the address parts the table calls undefined (an index register marked
    // invalid, the memory operand of a register form).
    static let instructionInfoReference = "SDM Vol. 3 (325384-084) section 28.2.5 (instruction information)"
    static let scalings = ValueNames([(0, "none"), (1, "x2"), (2, "x4"), (3, "x8")])
    /// Address and operand sizes, as the instruction-information tables encode both.
    static let sizes = ValueNames([(0, "16-bit"), (1, "32-bit"), (2, "64-bit")])
    static let memoryForm = BitCondition(BitRange(10), equals: 0)
    static let registerForm = BitCondition(BitRange(10), equals: 1)

    /// Scaling, address size, segment, index and base of a memory operand; `conditions` says when
    /// the operand is in memory at all.
    static func memoryOperandRows(_ conditions: [BitCondition] = []) -> [BitDefinition] {
        let indexValid = conditions + [BitCondition(BitRange(22), equals: 0)]
        let baseValid = conditions + [BitCondition(BitRange(27), equals: 0)]
        let gpr = BitKind.enumerated(Registers.generalPurposeRegisters)
        return [
            BitDefinition("scaling", "SCALING", BitRange(1, 0), .enumerated(scalings), "scale applied to the index register", conditions: indexValid),
            BitDefinition("address_size", "ADDRESS_SIZE", BitRange(9, 7), .enumerated(sizes), "address size of the memory operand", conditions: conditions),
            BitDefinition("segment", "SEGMENT", BitRange(17, 15), .enumerated(Registers.segmentRegisters), "segment register of the memory operand", conditions: conditions),
            BitDefinition("index", "INDEX", BitRange(21, 18), gpr, "index register", conditions: indexValid),
            BitDefinition("index_invalid", "NO_INDEX", BitRange(22), .flag, "the operand has no index register", conditions: conditions),
            BitDefinition("base", "BASE", BitRange(26, 23), gpr, "base register", conditions: baseValid),
            BitDefinition("base_invalid", "NO_BASE", BitRange(27), .flag, "the operand has no base register", conditions: conditions),
        ]
    }

    /// A table built from shared rows, in bit order as the manual draws it.
    static func instructionInfoLayout(_ name: String, _ rows: [BitDefinition]) -> BitLayout {
        BitLayout("vmx.instruction_info.\(name)", reference: instructionInfoReference, rows.sorted { $0.range.lsb < $1.range.lsb })
    }

    /// VMCLEAR, VMPTRLD, VMPTRST, VMXON, XSAVES, XRSTORS: one memory operand.
    public static let memoryInstructionInfo = instructionInfoLayout("memory", memoryOperandRows())

    /// INVEPT, INVVPID, INVPCID: the descriptor in memory, the type in a register.
    public static let invalidationInstructionInfo = instructionInfoLayout(
        "invalidation",
        memoryOperandRows() + [
            BitDefinition("reg2", "REG2", BitRange(31, 28), .enumerated(Registers.generalPurposeRegisters), "register operand (the invalidation type)"),
        ])

    /// LGDT, LIDT, SGDT, SIDT.
    public static let descriptorTableInstructionInfo = instructionInfoLayout(
        "descriptor_table",
        memoryOperandRows() + [
            BitDefinition("operand_size", "OPERAND_SIZE", BitRange(11), .enumerated(ValueNames([(0, "16-bit"), (1, "32-bit")])), "operand size (undefined for exits from 64-bit mode)"),
            BitDefinition("instruction", "INSTRUCTION", BitRange(29, 28), .enumerated(ValueNames([(0, "SGDT"), (1, "SIDT"), (2, "LGDT"), (3, "LIDT")])), "which instruction"),
        ])

    /// LLDT, LTR, SLDT, STR: a register or a memory operand.
    public static let segmentTableInstructionInfo = instructionInfoLayout(
        "ldtr_tr",
        [
            BitDefinition("reg1", "REG1", BitRange(6, 3), .enumerated(Registers.generalPurposeRegisters), "register operand", when: registerForm),
            BitDefinition("register_form", "MEM_REG", BitRange(10), .enumerated(ValueNames([(0, "memory"), (1, "register")])), "operand in memory or in a register"),
        ] + memoryOperandRows([memoryForm]) + [
            BitDefinition("instruction", "INSTRUCTION", BitRange(29, 28), .enumerated(ValueNames([(0, "SLDT"), (1, "STR"), (2, "LLDT"), (3, "LTR")])), "which instruction"),
        ])

    /// VMREAD, VMWRITE: REG2 holds the field encoding; the other operand is REG1 or memory.
    public static let vmreadInstructionInfo = instructionInfoLayout(
        "vmread_vmwrite",
        [
            BitDefinition("reg1", "REG1", BitRange(6, 3), .enumerated(Registers.generalPurposeRegisters), "register operand (VMREAD destination, VMWRITE source)", when: registerForm),
            BitDefinition("register_form", "MEM_REG", BitRange(10), .enumerated(ValueNames([(0, "memory"), (1, "register")])), "operand in memory or in a register"),
        ] + memoryOperandRows([memoryForm]) + [
            BitDefinition("reg2", "REG2", BitRange(31, 28), .enumerated(Registers.generalPurposeRegisters), "register holding the VMCS field encoding"),
        ])

    /// RDRAND, RDSEED, TPAUSE, UMWAIT: one register operand.
    public static let registerInstructionInfo = instructionInfoLayout(
        "register",
        [
            BitDefinition("operand", "OPERAND", BitRange(6, 3), .enumerated(Registers.generalPurposeRegisters), "register operand (RDRAND/RDSEED destination, TPAUSE/UMWAIT source)"),
            BitDefinition("operand_size", "OPERAND_SIZE", BitRange(12, 11), .enumerated(sizes), "operand size"),
        ])

    /// OUTS: address size and the source segment (only on processors that report INS/OUTS
    /// instruction information in IA32_VMX_BASIC bit 54).
    public static let outsInstructionInfo = instructionInfoLayout(
        "outs",
        [
            BitDefinition("address_size", "ADDRESS_SIZE", BitRange(9, 7), .enumerated(sizes), "address size of the string operand"),
            BitDefinition("segment", "SEGMENT", BitRange(17, 15), .enumerated(Registers.segmentRegisters), "segment register of the source operand"),
        ])

    /// INS: the address size only (the destination is always ES).
    public static let insInstructionInfo = instructionInfoLayout(
        "ins",
        [BitDefinition("address_size", "ADDRESS_SIZE", BitRange(9, 7), .enumerated(sizes), "address size of the string operand")])

    /// Instruction-information key: the basic exit reason in bits 23:8 and, for I/O exits, the
    /// qualification's string (4) and direction (3) bits, which tell OUTS and INS from other I/O.
    public static let instructionInfoKey = [
        SelectorKey("exit.reason", mask: 0xffff, shift: 8),
        SelectorKey("exit.qualification", mask: 0x18, shift: 0, refinesOnly: true),
    ]

    /// Which table describes the instruction information, by basic exit reason.
    public static let instructionInfoCases: [LayoutCase] = [
        reason(19, memoryInstructionInfo),  // VMCLEAR
        reason(21, memoryInstructionInfo),  // VMPTRLD
        reason(22, memoryInstructionInfo),  // VMPTRST
        reason(23, vmreadInstructionInfo),  // VMREAD
        reason(25, vmreadInstructionInfo),  // VMWRITE
        reason(27, memoryInstructionInfo),  // VMXON
        LayoutCase(30 << 8 | 0x10, outsInstructionInfo),  // I/O exit: string, out
        LayoutCase(30 << 8 | 0x18, insInstructionInfo),  // I/O exit: string, in
        reason(46, descriptorTableInstructionInfo),  // GDTR/IDTR access
        reason(47, segmentTableInstructionInfo),  // LDTR/TR access
        reason(50, invalidationInstructionInfo),  // INVEPT
        reason(53, invalidationInstructionInfo),  // INVVPID
        reason(57, registerInstructionInfo),  // RDRAND
        reason(58, invalidationInstructionInfo),  // INVPCID
        reason(61, registerInstructionInfo),  // RDSEED
        reason(63, memoryInstructionInfo),  // XSAVES
        reason(64, memoryInstructionInfo),  // XRSTORS
        reason(67, registerInstructionInfo),  // UMWAIT
        reason(68, registerInstructionInfo),  // TPAUSE
    ]
}
