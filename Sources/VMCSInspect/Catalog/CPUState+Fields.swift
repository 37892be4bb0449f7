// swift-format-ignore-file
// (catalog rows stay one per line)
// The vendor-neutral register state of a guest, as emulators and hypervisors print it beside a
// failure (QEMU's `x86_cpu_dump_state`, VirtualBox's CPUM state): the architectural registers,
// no VMCS or VMCB. Bit tables are the manuals' register layouts (Registers.swift); segment
// attributes use the SDM's access-rights layout (Vol. 3 (325384-084) section 25.4.1, Table 25-2),
// whose bit 16 says "unusable". Each row names the VMCS field and the VMCB field that hold the
// same register, so that when the producer names the vendor (QEMU's hardware error number, a
// VirtualBox VERR_VMX_* status) the state becomes a VMCS or a VMCB snapshot.

/// The CPU-state catalog: a guest's registers with no vendor.
public enum CPUState {
    static let reference = "SDM Vol. 3 (325384-084) and APM Vol. 2 (24593 rev 3.42): architectural registers"

    public static let groups: [FieldGroup] = [
        FieldGroup("registers", "General registers", area: "CPU state"),
        FieldGroup("segments", "Segments and descriptor tables", area: "CPU state"),
        FieldGroup("control_registers", "Control registers and MSRs", area: "CPU state"),
        FieldGroup("debug", "Debug registers", area: "CPU state"),
        FieldGroup("execution", "Execution state", area: "CPU state"),
    ]

    /// Where a CPU-state field lives in each structure.
    public struct Mapping: Sendable {
        public let id: String
        /// The VMCS field holding it (guest state), if the VMCS has one.
        public let vmcs: String?
        /// The VMCB field holding it (state save area), if the VMCB has one.
        public let vmcb: String?
        /// How the value is written there.
        public let conversion: Conversion

        /// The field holding it in `architecture`'s structure, if that structure has one.
        public func field(in architecture: Architecture) -> String? {
            switch architecture {
            case .vmx: return vmcs
            case .svm: return vmcb
            case .cpu: return id
            }
        }
    }

    /// Value conversions between the neutral form and a structure's.
    public enum Conversion: Sendable {
        case same
        /// SDM access rights (type, S, DPL, P at 7:0; AVL, L, D/B, G at 15:12; unusable at 16)
        /// to the VMCB's packed attributes (7:0 as they are, 15:12 moved to 11:8).
        case accessRightsToVMCBAttributes
    }

    static func field(_ id: String, _ name: String, _ title: String, _ size: Int, _ group: String, _ layout: LayoutRule? = nil, aliases: [String] = []) -> FieldDefinition {
        FieldDefinition(id: "cpu.\(id)", name: name, manualName: name, title: title, architecture: .cpu, offset: -1, size: size, group: group, layout: layout, aliases: aliases, reference: reference)
    }

    static let segmentNames = ["es", "cs", "ss", "ds", "fs", "gs", "ldtr", "tr"]

    /// KVM's `struct kvm_sregs` names LDTR `ldt` (Kontain's dump prints `LDT base: …`).
    static let kvmNames = ["ldtr": "LDT", "gdtr": "GDT", "idtr": "IDT"]

    static func segment(_ name: String) -> [FieldDefinition] {
        let upper = name.uppercased()
        let also = { (part: String) in kvmNames[name].map { ["\($0).\(part)"] } ?? [] }
        return [
            field("\(name).selector", "\(upper).selector", "\(upper) selector", 2, "segments", .fixed(IntelVMCSValues.selector), aliases: also("selector")),
            field("\(name).base", "\(upper).base", "\(upper) base", 8, "segments", aliases: also("base")),
            field("\(name).limit", "\(upper).limit", "\(upper) limit", 4, "segments", aliases: also("limit")),
            field("\(name).ar", "\(upper).ar", "\(upper) access rights", 4, "segments", .fixed(IntelVMCSValues.accessRights), aliases: also("ar")),
        ]
    }

    /// Every CPU-state field.
    public static let fields: [FieldDefinition] = [
        field("rax", "RAX", "RAX", 8, "registers"), field("rbx", "RBX", "RBX", 8, "registers"),
        field("rcx", "RCX", "RCX", 8, "registers"), field("rdx", "RDX", "RDX", 8, "registers"),
        field("rsi", "RSI", "RSI", 8, "registers"), field("rdi", "RDI", "RDI", 8, "registers"),
        field("rbp", "RBP", "RBP", 8, "registers"), field("rsp", "RSP", "RSP", 8, "registers"),
        field("r8", "R8", "R8", 8, "registers"), field("r9", "R9", "R9", 8, "registers"),
        field("r10", "R10", "R10", 8, "registers"), field("r11", "R11", "R11", 8, "registers"),
        field("r12", "R12", "R12", 8, "registers"), field("r13", "R13", "R13", 8, "registers"),
        field("r14", "R14", "R14", 8, "registers"), field("r15", "R15", "R15", 8, "registers"),
        field("rip", "RIP", "RIP", 8, "registers"),
        field("rflags", "RFLAGS", "RFLAGS", 8, "registers", .fixed(Registers.rflags)),
    ] + segmentNames.flatMap(segment) + [
        field("gdtr.base", "GDTR.base", "GDTR base", 8, "segments", aliases: ["GDT.base"]), field("gdtr.limit", "GDTR.limit", "GDTR limit", 4, "segments", aliases: ["GDT.limit"]),
        field("idtr.base", "IDTR.base", "IDTR base", 8, "segments", aliases: ["IDT.base"]), field("idtr.limit", "IDTR.limit", "IDTR limit", 4, "segments", aliases: ["IDT.limit"]),
        field("cr0", "CR0", "CR0", 8, "control_registers", .fixed(Registers.cr0)),
        field("cr2", "CR2", "CR2", 8, "control_registers"),
        field("cr3", "CR3", "CR3", 8, "control_registers", Registers.cr3(pcideFrom: "cpu.cr4")),
        field("cr4", "CR4", "CR4", 8, "control_registers", .fixed(Registers.cr4)),
        field("cr8", "CR8", "CR8 (task priority)", 8, "control_registers"),
        field("efer", "EFER", "IA32_EFER", 8, "control_registers", .fixed(Registers.efer)),
        field("pat", "PAT", "IA32_PAT", 8, "control_registers", .fixed(Registers.pat)),
        field("sysenter_cs", "SYSENTER_CS", "IA32_SYSENTER_CS", 8, "control_registers"),
        field("sysenter_esp", "SYSENTER_ESP", "IA32_SYSENTER_ESP", 8, "control_registers"),
        field("sysenter_eip", "SYSENTER_EIP", "IA32_SYSENTER_EIP", 8, "control_registers"),
        field("star", "STAR", "STAR", 8, "control_registers"), field("lstar", "LSTAR", "LSTAR", 8, "control_registers"),
        field("cstar", "CSTAR", "CSTAR", 8, "control_registers"), field("sfmask", "SFMASK", "SFMASK", 8, "control_registers"),
        field("kernel_gs_base", "KERNEL_GS_BASE", "IA32_KERNEL_GS_BASE", 8, "control_registers"),
        field("dr0", "DR0", "DR0", 8, "debug"), field("dr1", "DR1", "DR1", 8, "debug"),
        field("dr2", "DR2", "DR2", 8, "debug"), field("dr3", "DR3", "DR3", 8, "debug"),
        field("dr6", "DR6", "DR6", 8, "debug", .fixed(Registers.dr6)),
        field("dr7", "DR7", "DR7", 8, "debug", .fixed(Registers.dr7)),
        field("cpl", "CPL", "current privilege level", 1, "execution", .fixed(Registers.count(bits: 8))),
        field("activity", "ACTIVITY", "activity state (0 active, 1 HLT, as the VMCS encodes it)", 4, "execution", .fixed(IntelVMCSValues.activityState)),
        field("smm", "SMM", "in system-management mode", 1, "execution", .fixed(Registers.count(bits: 8))),
    ]

    /// Where each field lives in the VMCS and the VMCB (SDM Vol. 3 Appendix B; APM Vol. 2
    /// Table B-2). A register neither structure holds (the general registers but RSP and RAX,
    /// CR8, DR0–DR3, SMM) has no mapping and stays in the CPU state only.
    public static let mappings: [Mapping] = {
        var rows: [Mapping] = [
            Mapping(id: "cpu.rax", vmcs: nil, vmcb: "save.rax", conversion: .same),
            Mapping(id: "cpu.rsp", vmcs: "guest.rsp", vmcb: "save.rsp", conversion: .same),
            Mapping(id: "cpu.rip", vmcs: "guest.rip", vmcb: "save.rip", conversion: .same),
            Mapping(id: "cpu.rflags", vmcs: "guest.rflags", vmcb: "save.rflags", conversion: .same),
            Mapping(id: "cpu.cr0", vmcs: "guest.cr0", vmcb: "save.cr0", conversion: .same),
            Mapping(id: "cpu.cr2", vmcs: nil, vmcb: "save.cr2", conversion: .same),
            Mapping(id: "cpu.cr3", vmcs: "guest.cr3", vmcb: "save.cr3", conversion: .same),
            Mapping(id: "cpu.cr4", vmcs: "guest.cr4", vmcb: "save.cr4", conversion: .same),
            Mapping(id: "cpu.efer", vmcs: "guest.ia32_efer", vmcb: "save.efer", conversion: .same),
            Mapping(id: "cpu.pat", vmcs: "guest.ia32_pat", vmcb: "save.g_pat", conversion: .same),
            Mapping(id: "cpu.sysenter_cs", vmcs: "guest.sysenter_cs", vmcb: "save.sysenter_cs", conversion: .same),
            Mapping(id: "cpu.sysenter_esp", vmcs: "guest.sysenter_esp", vmcb: "save.sysenter_esp", conversion: .same),
            Mapping(id: "cpu.sysenter_eip", vmcs: "guest.sysenter_eip", vmcb: "save.sysenter_eip", conversion: .same),
            Mapping(id: "cpu.star", vmcs: nil, vmcb: "save.star", conversion: .same),
            Mapping(id: "cpu.lstar", vmcs: nil, vmcb: "save.lstar", conversion: .same),
            Mapping(id: "cpu.cstar", vmcs: nil, vmcb: "save.cstar", conversion: .same),
            Mapping(id: "cpu.sfmask", vmcs: nil, vmcb: "save.sfmask", conversion: .same),
            Mapping(id: "cpu.kernel_gs_base", vmcs: nil, vmcb: "save.kernel_gs_base", conversion: .same),
            Mapping(id: "cpu.dr6", vmcs: nil, vmcb: "save.dr6", conversion: .same),
            Mapping(id: "cpu.dr7", vmcs: "guest.dr7", vmcb: "save.dr7", conversion: .same),
            Mapping(id: "cpu.cpl", vmcs: nil, vmcb: "save.cpl", conversion: .same),
            Mapping(id: "cpu.activity", vmcs: "guest.activity_state", vmcb: nil, conversion: .same),
            Mapping(id: "cpu.gdtr.base", vmcs: "guest.gdtr.base", vmcb: "save.gdtr.base", conversion: .same),
            Mapping(id: "cpu.gdtr.limit", vmcs: "guest.gdtr.limit", vmcb: "save.gdtr.limit", conversion: .same),
            Mapping(id: "cpu.idtr.base", vmcs: "guest.idtr.base", vmcb: "save.idtr.base", conversion: .same),
            Mapping(id: "cpu.idtr.limit", vmcs: "guest.idtr.limit", vmcb: "save.idtr.limit", conversion: .same),
        ]
        for segment in segmentNames {
            rows.append(Mapping(id: "cpu.\(segment).selector", vmcs: "guest.\(segment).selector", vmcb: "save.\(segment).selector", conversion: .same))
            rows.append(Mapping(id: "cpu.\(segment).base", vmcs: "guest.\(segment).base", vmcb: "save.\(segment).base", conversion: .same))
            rows.append(Mapping(id: "cpu.\(segment).limit", vmcs: "guest.\(segment).limit", vmcb: "save.\(segment).limit", conversion: .same))
            rows.append(Mapping(id: "cpu.\(segment).ar", vmcs: "guest.\(segment).ar", vmcb: "save.\(segment).attrib", conversion: .accessRightsToVMCBAttributes))
        }
        return rows
    }()
}
