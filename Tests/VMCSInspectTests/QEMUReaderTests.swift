import Testing

@testable import VMCSInspect

/// QEMU's CPU state dump, against values worked by hand from QEMU's format strings
/// (target/i386/cpu-dump.c), KVM's getters and the manuals.
@Suite struct QEMUReaderTests {
    func read(_ lines: [String], format: InputFormat? = .qemu) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        try SnapshotReader.read(lines.joined(separator: "\n"), name: "q.log", settings: InputSettings(format: format))
    }

    /// QEMU 6.2 after `0x80000021` on a VMX host, 64-bit layout with decoded flags: TR busy
    /// TSS marked unusable (AR 0x1008b prints `00000b00`), null data segments (AR 0x1c000
    /// prints `00c00000`).
    static let entryFailure64 = [
        "KVM: entry failed, hardware error 0x80000021",
        "",
        "If you're running a guest on an Intel machine without unrestricted mode",
        "support, the failure can be most likely due to the guest entering an invalid",
        "state for Intel VT. For example, the guest maybe running in big real mode",
        "which is not supported on less recent Intel processors.",
        "",
        "RAX=ffffffff81000000 RBX=0000000000000000 RCX=0000000000000001 RDX=0000000000000000",
        "RSI=0000000000000000 RDI=0000000000000000 RBP=0000000000000000 RSP=ffffc90000013e48",
        "R8 =0000000000000000 R9 =0000000000000000 R10=0000000000000000 R11=0000000000000000",
        "R12=0000000000000000 R13=0000000000000000 R14=0000000000000000 R15=00000000000000ff",
        "RIP=ffffffff81000000 RFL=00000246 [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=0",
        "ES =0000 0000000000000000 ffffffff 00c00000",
        "CS =0010 0000000000000000 ffffffff 00a09b00 DPL=0 CS64 [-RA]",
        "SS =0018 0000000000000000 ffffffff 00c09300 DPL=0 DS   [-WA]",
        "DS =0000 0000000000000000 ffffffff 00c00000",
        "FS =0000 00007f0012345000 ffffffff 00c00000",
        "GS =0000 ffff888237c00000 ffffffff 00c00000",
        "LDT=0000 0000000000000000 00000000 00000000",
        "TR =0040 fffffe0000003000 00004087 00000b00",
        "GDT=     fffffe0000001000 0000007f",
        "IDT=     fffffe0000000000 00000fff",
        "CR0=80050033 CR2=0000000000000000 CR3=000000010a6b2000 CR4=003706f0",
        "DR0=0000000000000000 DR1=0000000000000000 DR2=0000000000000000 DR3=0000000000000000 ",
        "DR6=00000000ffff0ff0 DR7=0000000000000400",
        "EFER=0000000000000d01",
        "Code=cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc <48> 8d 25 51 3f 60 01 48 8d 3d f2 ff ff ff b9 01 00 00 00 e8 11 04 00 00 56 e8 0a 00 00 00",
    ]

    /// The reset state after `hardware error 0x7` (32-bit layout, real mode: no suffixes; an
    /// x86_64 binary prints 16-digit debug registers).
    static let reset32 = [
        "EAX=00000000 EBX=00000000 ECX=00000000 EDX=00060fb1",
        "ESI=00000000 EDI=00000000 EBP=00000000 ESP=00000000",
        "EIP=0000fff0 EFL=00000002 [-------] CPL=0 II=0 A20=1 SMM=0 HLT=0",
        "ES =0000 00000000 0000ffff 00009300",
        "CS =f000 ffff0000 0000ffff 00009b00",
        "SS =0000 00000000 0000ffff 00009300",
        "DS =0000 00000000 0000ffff 00009300",
        "FS =0000 00000000 0000ffff 00009300",
        "GS =0000 00000000 0000ffff 00009300",
        "LDT=0000 00000000 0000ffff 00008200",
        "TR =0000 00000000 0000ffff 00008b00",
        "GDT=     00000000 0000ffff",
        "IDT=     00000000 0000ffff",
        "CR0=60000010 CR2=00000000 CR3=00000000 CR4=00000000",
        "DR0=0000000000000000 DR1=0000000000000000 DR2=0000000000000000 DR3=0000000000000000 ",
        "DR6=00000000ffff0ff0 DR7=0000000000000400",
        "EFER=0000000000000000",
    ]

    @Test func flagsWordsBecomeAccessRights() {
        // Flags: type 11:8, S 12, DPL 14:13, P 15, AVL 20, L 21, D/B 22, G 23; access rights:
        // type 3:0, S 4, DPL 6:5, P 7, AVL 12, L 13, D/B 14, G 15, unusable 16.
        let cases: [(UInt64, UInt64)] = [
            (0x00a0_9b00, 0xa09b), (0x00c0_9300, 0xc093), (0x0000_8b00, 0x008b), (0x0000_8200, 0x0082),
            (0x00c0_f300, 0xc0f3), (0x00d0_f300, 0xd0f3), (0x0080_9300, 0x8093),
            // P clear: unusable, the other bits as printed.
            (0x00c0_0000, 0x1_c000), (0x0000_0b00, 0x1_000b), (0x0000_0000, 0x1_0000), (0x0080_0000, 0x1_8000),
        ]
        for (flags, rights) in cases {
            #expect(QEMUCPUDump.accessRights(flags: flags) == rights, "\(String(flags, radix: 16))")
            #expect(QEMUCPUDump.flags(accessRights: rights) == flags, "\(String(rights, radix: 16))")
        }
    }

    @Test func hardwareErrorNumbersNameTheirKind() {
        #expect(QEMUCPUDump.failure(number: 0x8000_0021) == .vmxExitReason(0x8000_0021))
        #expect(QEMUCPUDump.failure(number: 0x8000_0022) == .vmxExitReason(0x8000_0022))
        #expect(QEMUCPUDump.failure(number: 0x8000_0029) == .vmxExitReason(0x8000_0029))
        #expect(QEMUCPUDump.failure(number: 7) == .vmInstructionError(7))
        #expect(QEMUCPUDump.failure(number: 5) == .vmInstructionError(5))
        #expect(QEMUCPUDump.failure(number: 0) == .vmInstructionError(0))
        // VMEXIT_INVALID: 32 bits before Linux 6.19, 64 since; the APM's value is 64-bit -1.
        #expect(QEMUCPUDump.failure(number: 0xffff_ffff) == .svmExitCode(.max))
        #expect(QEMUCPUDump.failure(number: .max) == .svmExitCode(.max))
        #expect(QEMUCPUDump.failure(number: 0x1_0000_0021) == nil)
    }

    @Test func hardwareError7IsNeverExitReason7() throws {
        let result = try read(["KVM: entry failed, hardware error 0x7"] + Self.reset32)
        let snapshot = try #require(result.snapshots.first)
        #expect(result.warnings.isEmpty)
        #expect(snapshot.failures.map(\.kind) == [.vmInstructionError(7)])
        #expect(!snapshot.failures.contains { if case .vmxExitReason = $0.kind { return true } else { return false } })
        #expect(snapshot.architecture == .vmx)
        #expect(snapshot.values["exit.reason"] == nil)
        #expect(snapshot.values["exit.instruction_error"] == nil)
        #expect(snapshot.metadata.contains { $0.key == "hardware_error" && $0.value == "0x7" })
        // The reset state as VMCS guest state.
        #expect(snapshot.integer("guest.rip") == 0xfff0)
        #expect(snapshot.integer("guest.cs.selector") == 0xf000)
        #expect(snapshot.integer("guest.cs.base") == 0xffff_0000)
        #expect(snapshot.integer("guest.cs.ar") == 0x9b)
        #expect(snapshot.integer("guest.tr.ar") == 0x8b)
        #expect(snapshot.integer("guest.ldtr.ar") == 0x82)
        #expect(snapshot.integer("guest.gdtr.limit") == 0xffff)
        #expect(snapshot.integer("guest.cr0") == 0x6000_0010)
        #expect(snapshot.integer("guest.dr7") == 0x400)
        #expect(snapshot.integer("guest.rflags") == 2)
        // Registers the VMCS has no field for stay as metadata.
        #expect(snapshot.metadata.contains { $0.key == "rdx" && $0.value == "0x0000000000060fb1" })
        #expect(snapshot.metadata.contains { $0.key == "dr6" && $0.value == "0x00000000ffff0ff0" })
    }

    @Test func entryFailureIn64BitLayoutIsVMXGuestState() throws {
        let result = try read(Self.entryFailure64)
        #expect(result.warnings.isEmpty)
        let snapshot = try #require(result.snapshots.first)
        #expect(result.snapshots.count == 1)
        #expect(snapshot.architecture == .vmx)
        #expect(snapshot.format == .qemu)
        #expect(snapshot.failures.map(\.kind) == [.vmxExitReason(0x8000_0021)])
        #expect(snapshot.failures.first?.location == .line("q.log", 1))
        #expect(snapshot.integer("guest.rip") == 0xffff_ffff_8100_0000)
        #expect(snapshot.integer("guest.rsp") == 0xffff_c900_0001_3e48)
        #expect(snapshot.integer("guest.rflags") == 0x246)
        #expect(snapshot.integer("guest.cs.ar") == 0xa09b)
        #expect(snapshot.integer("guest.ss.ar") == 0xc093)
        #expect(snapshot.integer("guest.es.ar") == 0x1_c000)
        #expect(snapshot.integer("guest.tr.ar") == 0x1_000b)
        #expect(snapshot.integer("guest.ldtr.ar") == 0x1_0000)
        #expect(snapshot.integer("guest.tr.limit") == 0x4087)
        #expect(snapshot.integer("guest.fs.base") == 0x7f00_1234_5000)
        #expect(snapshot.integer("guest.gdtr.base") == 0xffff_fe00_0000_1000)
        #expect(snapshot.integer("guest.idtr.limit") == 0xfff)
        #expect(snapshot.integer("guest.cr3") == 0x1_0a6b_2000)
        #expect(snapshot.integer("guest.cr4") == 0x3706f0)
        #expect(snapshot.integer("guest.ia32_efer") == 0xd01)
        #expect(snapshot.integer("guest.activity_state") == 0)
        #expect(snapshot.notes["guest.tr.ar"]?.first?.contains("P clear") == true)
        #expect(snapshot.notes["guest.cr4"]?.isEmpty == false)
        #expect(snapshot.pageNotes.first?.contains("QEMU's view of the guest") == true)
        #expect(snapshot.metadata.contains { $0.key == "r15" && $0.value == "0x00000000000000ff" })
        #expect(snapshot.metadata.contains { $0.key == "ii" && $0.value == "0" })
        #expect(snapshot.metadata.contains { $0.key == "a20" && $0.value == "1" })
        #expect(snapshot.metadata.first { $0.key == "code" }?.value.hasPrefix("cc cc") == true)
    }

    /// QEMU prints CR0, CR4 and RFLAGS with `%08x` of the low half in every layout, and RIP,
    /// RSP, the segment bases and (without LMA) the descriptor-table bases and CR3 with `%08x`
    /// in the 32-bit layout: bits 63:32 of those fields are not in the input. CR4.FRED is bit 32,
    /// so the FRED rules, and the reserved-bit rules of CR0, CR4 and RFLAGS, stay undecided.
    @Test func thirtyTwoBitColumnsLeaveBits63To32Unknown() throws {
        let high: UInt64 = 0xffff_ffff_0000_0000
        let wide = try #require(try read(Self.entryFailure64).snapshots.first)
        #expect(wide.absentBits == ["guest.cr0": high, "guest.cr4": high, "guest.rflags": high])
        #expect(wide.notes["guest.cr4"]?.first == "QEMU printed it as 32 bits (%08x): bits 63:32 are not in the input")
        let report = Checker.run(Decoder.decode(wide))
        for id in ["guest-cr0-reserved", "guest-cr4-reserved", "guest-rflags-reserved", "guest-fred-requires-ia32e"] {
            let result = try #require(report.results.first { $0.check.id == id })
            #expect(!result.isDecided, "\(id)")
        }
        // CR4.FRED is bit 32; its reserved bits, 63:33, are the ones the rule cannot read.
        #expect(report.results.first { $0.check.id == "guest-cr4-reserved" }?.missing == [.bitsNotInInput(field: "guest.cr4", bits: 0xffff_fffe_0000_0000)])

        let narrow = try #require(try read(["KVM: entry failed, hardware error 0x80000021"] + Self.reset32).snapshots.first)
        let expected = Set(
            ["guest.cr0", "guest.cr3", "guest.cr4", "guest.rflags", "guest.rip", "guest.rsp", "guest.gdtr.base", "guest.idtr.base"]
                + ["es", "cs", "ss", "ds", "fs", "gs", "ldtr", "tr"].map { "guest.\($0).base" })
        #expect(Set(narrow.absentBits.keys) == expected)
        #expect(narrow.absentBits.values.allSatisfy { $0 == high })
        // The debug registers and EFER are printed with 16 digits in either layout.
        #expect(narrow.absentBits["guest.dr7"] == nil && narrow.absentBits["guest.ia32_efer"] == nil)
        let narrowReport = Checker.run(Decoder.decode(narrow))
        for id in ["guest-rip-upper", "guest-cs-base-upper", "guest-gdtr-idtr-base-canonical"] {
            let result = try #require(narrowReport.results.first { $0.check.id == id })
            #expect(!result.isDecided, "\(id)")
        }
    }

    /// A reserved row that reaches into the bits QEMU does not print still breaks on those it
    /// does: RFLAGS bit 22 (`RFL=00400246`) is in row 63:22, reserved as 0 (SDM 27.3.1.4), so
    /// guest-rflags-reserved is broken, not undecided. A diff against `RFL=00000246` names bit
    /// 22's row although the row reaches into the unknown bits 63:32.
    @Test func reservedBitsQEMUPrintsStillBreakTheirRow() throws {
        var lines = Self.entryFailure64
        lines[11] = "RIP=ffffffff81000000 RFL=00400246 [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=0"
        let snapshot = try #require(try read(lines).snapshots.first)
        let report = Checker.run(Decoder.decode(snapshot))
        #expect(report.results.first { $0.check.id == "guest-rflags-reserved" }?.verdict.isBroken == true)
        let original = try #require(try read(Self.entryFailure64).snapshots.first)
        let diff = try SnapshotDiff.compare(Decoder.decode(original), Decoder.decode(snapshot))
        let rflags = try #require(diff.fields.first { $0.definition.id == "guest.rflags" })
        #expect(rflags.status == .changed)
        #expect(!rflags.bits.isEmpty)
    }

    @Test func svmExitCodeMakesVMCBState() throws {
        var lines = ["KVM: entry failed, hardware error 0xffffffff"] + Self.reset32
        lines[5] = "CS =9a00 0009a000 0000ffff 00009a00"  // after SIPI 0x9a: accessed clear
        let result = try read(lines)
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.architecture == .svm)
        #expect(snapshot.failures.map(\.kind) == [.svmExitCode(.max)])
        #expect(snapshot.integer("save.cs.selector") == 0x9a00)
        #expect(snapshot.integer("save.cs.base") == 0x9_a000)
        // Access rights 0x9a as VMCB attributes: bits 7:0 as they are.
        #expect(snapshot.integer("save.cs.attrib") == 0x9a)
        #expect(result.snapshots.count == 1)
        #expect(result.warnings.isEmpty)
        #expect(snapshot.integer("save.rip") == 0xfff0)
        #expect(snapshot.integer("save.cpl") == 0)
        #expect(snapshot.integer("save.rax") == 0)
        #expect(snapshot.notes["save.efer"]?.first?.contains("SVME") == true)
    }

    @Test func internalErrorsStayVendorNeutral() throws {
        // QEMU 6.1 and later print the extra data with 0x and 16 digits, 6.0 and before bare.
        let lines =
            [
                "KVM internal error. Suberror: 3", "extra data[0]: 80000b0e", "extra data[1]: 0x0000000000000031",
            ] + Self.entryFailure64.dropFirst(7)
        let result = try read(lines)
        #expect(result.warnings.isEmpty)
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.architecture == .cpu)
        #expect(snapshot.failures.isEmpty)
        #expect(snapshot.metadata.contains { $0.key == "suberror" && $0.value == "3" })
        #expect(snapshot.metadata.contains { $0.key == "extra_data[0]" && $0.value == "0x80000b0e" })
        #expect(snapshot.metadata.contains { $0.key == "extra_data[1]" && $0.value == "0x0000000000000031" })
        #expect(snapshot.integer("cpu.rip") == 0xffff_ffff_8100_0000)
        #expect(snapshot.integer("cpu.tr.ar") == 0x1_000b)
        #expect(snapshot.integer("cpu.cpl") == 0)
        #expect(snapshot.integer("cpu.smm") == 0)
        #expect(snapshot.integer("cpu.r15") == 0xff)
        #expect(snapshot.pageNotes.contains { $0.contains("vendor-neutral") })

        let emulation = try read(["KVM internal error. Suberror: 1", "emulation failure"] + Self.reset32)
        #expect(emulation.snapshots.first?.metadata.contains { $0.key == "event" && $0.value == "emulation failure" } == true)
        #expect(emulation.snapshots.first?.architecture == .cpu)
    }

    /// kvm_cpu_synchronize_post_init's error_report() "Failed to put registers after init: %s"
    /// (maxdev1/ghost#46, lines as posted): the registers after it are what QEMU was loading,
    /// not what KVM gave back; their note says so, the message is the dump's first line, and
    /// the header is kept. `info registers` alone names no accelerator (xqemu#112 ran WHPX).
    @Test func registersKVMRefusedAreSaidToBeQEMUs() throws {
        let lines = [
            "qemu: Failed to put registers after init: Invalid argument",
            "EAX=00000000 EBX=00010000 ECX=000000f0 EDX=f4b9e080",
            "ESI=00000000 EDI=00000000 EBP=c001cf34 ESP=c001cf34",
            "EIP=c00083c6 EFL=00000082 [--S----] CPL=0 II=0 A20=1 SMM=0 HLT=0",
            "TR =0028 c002b8ea 00000068 00008b00 DPL=0 TSS32-busy",
            "CR0=80000013 CR2=00000000 CR3=04cc9000 CR4=00000680",
        ]
        let result = try read(lines)
        let snapshot = try #require(result.snapshots.first)
        #expect(result.snapshots.count == 1)
        #expect(snapshot.location == .line("q.log", 1))
        #expect(snapshot.metadata.contains { $0.key == "put_registers_failed" && $0.value == "after init: Invalid argument" })
        #expect(snapshot.pageNotes.first?.hasPrefix("the registers are the values QEMU was loading into its accelerator (KVM, MSHV) when that failed") == true)
        #expect(snapshot.integer("cpu.rip") == 0xc000_83c6)
        #expect(snapshot.integer("cpu.tr.base") == 0xc002_b8ea)
        #expect(snapshot.integer("cpu.cr0") == 0x8000_0013)
        let program = try read(["qemu-system-x86_64: Failed to put registers after reset: Invalid argument"] + lines.dropFirst())
        #expect(program.snapshots.first?.metadata.contains { $0.key == "put_registers_failed" && $0.value == "after reset: Invalid argument" } == true)
        // Proxmox's binary is `kvm`. Another architecture's QEMU prints no x86 registers: its
        // line is no dump of this reader's.
        for header in ["kvm: Failed to put registers after init: Invalid argument"] {
            let other = try read([header] + lines.dropFirst())
            #expect(other.snapshots.count == 1, "\(header)")
            #expect(other.snapshots.first?.metadata.contains { $0.key == "put_registers_failed" } == true, "\(header)")
        }
        let arm = try read(["qemu-system-aarch64: Failed to put registers after init: Invalid argument"] + lines.dropFirst())
        #expect(arm.snapshots.allSatisfy { !$0.metadata.contains { $0.key == "put_registers_failed" } })
        let monitor = try read(["(qemu) info registers"] + lines.dropFirst())
        #expect(monitor.snapshots.first?.pageNotes.first?.hasPrefix("the registers are QEMU's view of the guest, as its accelerator (KVM, TCG, WHPX, HVF) gave them") == true)
    }

    @Test func monitorInfoRegistersWithPromptHeaderAndCRLF() throws {
        let lines =
            ["(qemu) info registers", "", "CPU#1"] + Self.entryFailure64.dropFirst(7).dropLast() + [
                "FCW=037f FSW=0000 [ST=0] FTW=00 MXCSR=00001f80",
                "FPR0=0000000000000000 0000 FPR1=0000000000000000 0000",
                "FPR2=0000000000000000 0000 FPR3=0000000000000000 0000",
                "XMM00=00000000000000ff 0000000000000000 XMM01=0a0a0a0a0a0a0a0a 0a0a0a0a0a0a0a0a",
                "YMM02=0000000000000000 0000000000000000 0000000000000000 0000000000000000",
                "XMM03=0000000000000000000000000000ffff XMM04=00000000000000000000000000000000",
                "(qemu) ",
            ]
        let result = try SnapshotReader.read(lines.joined(separator: "\r\n"), name: "m.txt")
        #expect(result.warnings.isEmpty)
        let snapshot = try #require(result.snapshots.first)
        #expect(result.snapshots.count == 1)
        #expect(snapshot.format == .qemu)
        #expect(snapshot.architecture == .cpu)
        #expect(snapshot.producer == "QEMU info registers")
        #expect(snapshot.metadata.contains { $0.key == "cpu_index" && $0.value == "1" })
        #expect(snapshot.metadata.contains { $0.key == "monitor_command" && $0.value == "info registers" })
        #expect(snapshot.integer("cpu.efer") == 0xd01)
        #expect(snapshot.location == .line("m.txt", 1))
    }

    @Test func prefixesOfTheJournalLibvirtAndThePrompt() throws {
        let journal = Self.entryFailure64.map { "May 14 09:12:35 host1 qemu-system-x86_64[4242]: \($0)" }
        let fromJournal = try SnapshotReader.read(journal.joined(separator: "\n"), name: "j.log")
        #expect(fromJournal.warnings.isEmpty)
        #expect(fromJournal.snapshots.first?.integer("guest.cs.ar") == 0xa09b)
        #expect(fromJournal.snapshots.first?.metadata.first?.value == "May 14 09:12:35")

        let libvirt =
            [
                "2024-05-14 09:12:33.123+0000: starting up libvirt version: 10.0.0, qemu version: 8.2.2, hostname: host1",
                "LC_ALL=C \\", "/usr/bin/qemu-system-x86_64 \\", "-msg timestamp=on",
                "2024-05-14T09:12:33.456789Z qemu-system-x86_64: warning: host doesn't support requested feature: CPUID.07H:EBX.hle [bit 4]",
            ] + Self.entryFailure64
        let fromLibvirt = try SnapshotReader.read(libvirt.joined(separator: "\n"), name: "vm1.log")
        #expect(fromLibvirt.warnings.isEmpty)
        #expect(fromLibvirt.snapshots.count == 1)
        #expect(fromLibvirt.snapshots.first?.location == .line("vm1.log", 6))

        // The vCPU thread printed while the monitor's prompt was on screen.
        var prompted = Self.entryFailure64
        prompted[0] = "(qemu) KVM: entry failed, hardware error 0x80000021"
        let fromMonitor = try SnapshotReader.read(prompted.joined(separator: "\n"), name: "p.log")
        #expect(fromMonitor.snapshots.first?.failures.map(\.kind) == [.vmxExitReason(0x8000_0021)])
    }

    @Test func wrappedRowsAndCodeAreReadWhole() throws {
        // A mail client wrapped the 64-bit rows 3+1, the DR row and the Code= line.
        var lines = ["KVM internal error. Suberror: 1"]
        for line in Self.entryFailure64.dropFirst(7) {
            if line.hasPrefix("RAX") || line.hasPrefix("RSI") || line.hasPrefix("R8 ") || line.hasPrefix("R12") || line.hasPrefix("DR0") {
                let cut = line.index(line.startIndex, offsetBy: 63)
                lines += [String(line[..<cut]).trimmingSpaces(), String(line[cut...]).trimmingSpaces()]
            } else if line.hasPrefix("Code=") {
                let cut = line.index(line.startIndex, offsetBy: 70)
                lines += [String(line[..<cut]).trimmingSpaces(), String(line[cut...]).trimmingSpaces()]
            } else {
                lines.append(line)
            }
        }
        let result = try read(lines)
        #expect(result.warnings.isEmpty)
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.integer("cpu.rdx") == 0)
        #expect(snapshot.integer("cpu.rsp") == 0xffff_c900_0001_3e48)
        #expect(snapshot.integer("cpu.r15") == 0xff)
        #expect(snapshot.integer("cpu.dr3") == 0)
        let code = try #require(snapshot.metadata.first { $0.key == "code" }?.value)
        #expect(code.split(separator: " ").count == 50)

        // A journal line wrapped onto an undecorated one is joined back.
        let journal =
            ["Jun 24 17:25:51 host qemu[1]: KVM: entry failed, hardware error 0x80000021"]
            + Self.reset32.map { "Jun 24 17:25:51 host qemu[1]: \($0)" }
        var wrapped = journal
        wrapped[1] = "Jun 24 17:25:51 host qemu[1]: EAX=00000000 EBX=00000000 ECX=00000000"
        wrapped.insert("EDX=00060fb1", at: 2)
        let joined = try read(wrapped, format: nil)
        #expect(joined.warnings.isEmpty)
        #expect(joined.snapshots.first?.metadata.contains { $0.key == "rdx" && $0.value == "0x0000000000060fb1" } == true)
    }

    @Test func oddLinesAreWarnedAboutByLine() throws {
        var lines = ["KVM: entry failed, hardware error 0x80000021"] + Self.reset32
        lines[3] = "EIP=0000fff0 EFL=00000002 [---Z---] CPL=0 II=0 A20=1 SMM=0 HLT=0"
        lines[5] = "CS =f000 ffff0000 0000ffff 00009b00 DPL=3 CS16 [-RA]"
        lines.append("Code=kvm: ../hw/core/cpu-sysemu.c:77: cpu_asidx_from_attrs: Assertion failed.")
        let result = try read(lines)
        let messages = result.warnings.map(\.description)
        #expect(messages.contains { $0.hasPrefix("q.log:4: the flag letters [---Z---] do not match EFL=00000002") })
        #expect(messages.contains { $0.hasPrefix("q.log:6: DPL=3 does not match the flags of CS") })
        #expect(messages.contains { $0.hasPrefix("q.log:19: cannot read 'kvm: ../hw/core/") })
        #expect(result.snapshots.count == 1)

        let unknown = try read(["KVM: entry failed, hardware error 0x123456789"] + Self.reset32)
        #expect(unknown.warnings.map(\.description).contains { $0.hasPrefix("q.log:1: hardware error 0x123456789 is neither") })
        #expect(unknown.snapshots.first?.architecture == .cpu)

        // 4 + 4 + 5 (RIP, RFLAGS, CPL, SMM, HLT) + 7 segments of 4 fields.
        let cut = try read(["KVM: entry failed, hardware error 0x80000021"] + Self.reset32.prefix(10))
        #expect(
            cut.warnings.map(\.description) == [
                "q.log:11: this QEMU register dump ends early after this line: 41 fields read, the rest are absent"
            ])
        let none = try read(["KVM: entry failed, hardware error 0x80000021"])
        #expect(none.warnings.map(\.description) == ["q.log:1: no register dump follows this message"])
        #expect(none.snapshots.first?.failures.count == 1)
    }

    @Test func blocksWithoutMessagesAreDumpsOfTheirOwn() throws {
        let result = try read(Self.reset32 + ["", "----", ""] + Self.reset32)
        #expect(result.snapshots.count == 2)
        #expect(result.snapshots.map(\.architecture) == [.cpu, .cpu])
        // A dump that lost its first lines says so.
        let headless = try read(Array(Self.reset32.dropFirst(3)))
        #expect(headless.snapshots.count == 1)
        #expect(
            headless.warnings.map(\.description) == [
                "q.log:1: the QEMU register dump starts at this line; the lines before it (from RAX= or EAX=) are absent"
            ])
    }

    @Test func compatibilityModeSaysItsBasesAre32Bits() throws {
        var lines = Self.reset32
        lines[11] = "GDT=     fffffe0000001000 0000007f"
        lines[12] = "IDT=     fffffe0000000000 00000fff"
        lines[13] = "CR0=80050033 CR2=00000000f7f0a000 CR3=000000010a6b2000 CR4=003706f0"
        lines[16] = "EFER=0000000000000d01"
        let snapshot = try #require(try read(lines).snapshots.first)
        #expect(snapshot.pageNotes.contains { $0.contains("compatibility mode") })
        #expect(snapshot.integer("cpu.gdtr.base") == 0xffff_fe00_0000_1000)
    }

    @Test func tcgLinesAndOldQemuKvmMessages() throws {
        var lines = ["CPU Reset (CPU 0)"] + Self.reset32
        lines.insert("CCS=00000000 CCD=00000000 CCO=EFLAGS", at: 17)
        let tcg = try read(lines)
        #expect(tcg.warnings.isEmpty)
        #expect(tcg.snapshots.first?.metadata.contains { $0.key == "cco" && $0.value == "EFLAGS" } == true)
        #expect(tcg.snapshots.first?.metadata.contains { $0.key == "cpu_index" && $0.value == "0" } == true)

        // qemu-kvm 0.12: the number in hex without 0x, and no registers after it.
        let old = try read(["kvm: unhandled exit 80000021", "kvm_run returned -22", "", "Getting closer"], format: nil)
        #expect(old.warnings.isEmpty)
        let snapshot = try #require(old.snapshots.first)
        #expect(snapshot.failures.map(\.kind) == [.vmxExitReason(0x8000_0021)])
        #expect(snapshot.metadata.contains { $0.key == "kvm_run_return" && $0.value == "-22" })
        #expect(snapshot.values.isEmpty)
    }

    @Test func kernelAndQEMUDumpsOfOnePasteAreTwoSnapshotsInOrder() throws {
        // The kernel's dump_vmcs (journal stream `kernel`), then QEMU's (stream `QEMU[2997]`).
        let loaded = try Loaded(Package.path("Tests/Corpus/kvm-vmcs-5.15-proxmox-smm-sti-shadow-journal.txt"), displayName: "paste")
        #expect(loaded.snapshots.count == 2)
        #expect(loaded.format == .kvm)
        let (kernel, qemu) = (loaded.snapshots[0], loaded.snapshots[1])
        #expect(kernel.format == .kvm && kernel.producer == "KVM dump_vmcs")
        #expect(kernel.integer("exit.reason") == 0x8000_0021)
        #expect(qemu.format == .qemu && qemu.architecture == .vmx)
        #expect(qemu.failures.map(\.kind) == [.vmxExitReason(0x8000_0021)])
        #expect(qemu.integer("guest.rip") == 0x8000)
        #expect(qemu.integer("guest.cs.base") == 0x7ffc_2000)
        #expect(qemu.integer("guest.cs.ar") == 0x8093)
        #expect(qemu.metadata.contains { $0.key == "smm" && $0.value == "1" })
        // Both read the guest's SMM CS and TR alike.
        #expect(kernel.integer("guest.cs.selector") == qemu.integer("guest.cs.selector"))
        #expect(kernel.integer("guest.tr.ar") == qemu.integer("guest.tr.ar"))
        #expect(
            loaded.warnings.map(\.description) == [
                "paste:74: cannot read 'kvm: ../hw/core/cpu-sysemu.c:77: cpu_asidx_from_attrs: Asser' on the Code= line as code bytes"
            ])
        // QEMU's dump before the kernel's, in a quoted-printable mail.
        let mail = try Loaded(Package.path("Tests/Corpus/kvm-vmcs-5.7-next-error0-caller-id-qp.txt"))
        #expect(mail.snapshots.map(\.format) == [.qemu, .kvm])
        #expect(mail.snapshots.first?.failures.map(\.kind) == [.vmInstructionError(0)])
    }

    // MARK: Detection

    @Test(arguments: ["vmcs-entry-failure.qemu.log", "vmcb-vmrun-failure.qemu.log", "cpu-reset.qemu-info-registers.txt"])
    func samplesAreDetectedAsQEMU(sample: String) throws {
        let loaded = try Loaded(Package.path("samples/\(sample)"))
        #expect(loaded.format == .qemu)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.snapshots.count == 1)
    }

    @Test func otherTextIsNotQEMUs() {
        let texts = [
            // A plain dmesg.
            "[    0.000000] Linux version 6.8.0-45-generic (buildd@lcy02-amd64-075)\n[    0.512331] kvm_intel: VMX supported\n[    1.000001] EXT4-fs (sda1): mounted filesystem",
            // A kernel oops.
            "RIP: 0010:__schedule+0x2a5/0x8a0\nRSP: 0018:ffffc90000013e48 EFLAGS: 00010246\nRAX: 0000000000000000 RBX: ffff888100a6c000 RCX: 0000000000000001\nCR2: 0000000000000000 CR3: 000000010a6b2000 CR4: 00000000003706f0",
            // QEMU's command line.
            "qemu-system-x86_64 -enable-kvm -m 4096 -cpu host -smp 2 -drive file=disk.img,if=virtio -monitor stdio",
            // The host rows of KVM's dump_vmcs.
            "CS=0010 SS=0018 DS=0000 ES=0000 FS=0000 GS=0000 TR=0040\nCR0=0000000080050033 CR3=00000001226c8004 CR4=00000000001726e0\nFSBase=00007f1bf7fff700 GSBase=ffff97df5ed80000 TRBase=fffffe00002c7000",
            // VirtualBox's lower-case register dump.
            "eax=00000000 ebx=00000000 ecx=00000000 edx=00000000 esi=00000000 edi=00000000\neip=0000fff0 esp=00000000 ebp=00000000 iopl=0 nv up di pl zr na po nc",
            // Prose quoting the message.
            "I keep getting KVM: entry failed, hardware error 0x80000021 when I boot Windows.",
        ]
        for text in texts {
            let head = HeadSample(bytes: Array(text.utf8), isWhole: true)
            #expect(QEMUCPUDump().score(head).value == 0, "\(text.prefix(30))")
        }
    }

    // MARK: Agreement with the other samples of the same states

    func expectAgreement(_ a: Snapshot, _ b: Snapshot, only prefix: String, except: Set<String>, minimum: Int) {
        var common = 0
        for (id, value) in a.values where id.hasPrefix(prefix) && !except.contains(id) {
            guard let other = b.values[id] else { continue }
            common += 1
            #expect(value == other, "\(id)")
        }
        #expect(common >= minimum)
    }

    @Test func vmxSampleAgreesWithKVMsDumpOfTheSameState() throws {
        let kvm = try #require(try Loaded(Package.path("samples/vmcs-entry-failure.kvm-5.x.log")).snapshots.first)
        let qemu = try #require(try Loaded(Package.path("samples/vmcs-entry-failure.qemu.log")).snapshots.first)
        #expect(qemu.architecture == .vmx)
        #expect(qemu.failures.map(\.kind) == [.vmxExitReason(try #require(kvm.integer("exit.reason")).truncatingToUInt32)])
        // Every guest register both print agrees, but for what QEMU's view of them changes:
        // P of an unusable segment (cleared by KVM_GET_SREGS) and CR4 (the guest-visible value).
        expectAgreement(kvm, qemu, only: "guest.", except: ["guest.tr.ar", "guest.ldtr.ar", "guest.cr4"], minimum: 35)
        for segment in ["tr", "ldtr"] {
            let rights = try #require(kvm.integer("guest.\(segment).ar"))
            #expect(rights & 0x1_0000 != 0)
            #expect(qemu.integer("guest.\(segment).ar") == rights & ~0x80)
        }
        // kvm_read_cr0/cr4: the read shadow for the bits KVM owns, the VMCS field for the rest.
        for register in ["cr0", "cr4"] {
            let mask = try #require(kvm.integer("ctrl.\(register)_guest_host_mask"))
            let actual = try #require(kvm.integer("guest.\(register)"))
            let shadow = try #require(kvm.integer("ctrl.\(register)_read_shadow"))
            #expect(qemu.integer("guest.\(register)") == actual & ~mask | shadow & mask, "\(register)")
        }
    }

    @Test func svmSampleAgreesWithKVMsDumpOfTheSameState() throws {
        let kvm = try #require(try Loaded(Package.path("samples/vmcb-vmrun-failure.kvm.log")).snapshots.first)
        let qemu = try #require(try Loaded(Package.path("samples/vmcb-vmrun-failure.qemu.log")).snapshots.first)
        #expect(qemu.architecture == .svm)
        #expect(qemu.failures.map(\.kind) == [.svmExitCode(try #require(kvm.integer("control.exit_code")))])
        // svm_get_segment() derives G from the limit (CS, and the null data segments with a
        // 4 GiB limit) and QEMU prints P clear alike; every other register agrees.
        let attributes: Set<String> = ["save.cs.attrib", "save.es.attrib", "save.ds.attrib", "save.fs.attrib", "save.gs.attrib"]
        expectAgreement(kvm, qemu, only: "save.", except: attributes, minimum: 35)
        #expect(qemu.integer("save.cs.attrib") == kvm.integer("save.cs.attrib").map { $0 | 0x800 })
        for segment in ["es", "ds", "fs", "gs"] {
            #expect(qemu.integer("save.\(segment).attrib") == 0x800)
            #expect(kvm.integer("save.\(segment).attrib") == 0)
        }
    }
}

extension UInt64 {
    fileprivate var truncatingToUInt32: UInt32 { UInt32(truncatingIfNeeded: self) }
}
