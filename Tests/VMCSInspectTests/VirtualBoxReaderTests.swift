import Testing

@testable import VMCSInspect

/// VirtualBox's Guru Meditation in VBox.log. Expected values are worked from VirtualBox's format
/// strings (HM.cpp, VMMGuruMeditation.cpp, CPUM.cpp) and the samples' text, never from the
/// tool's output.
@Suite struct VirtualBoxReaderTests {
    func read(_ lines: [String], format: InputFormat? = .vbox) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        try SnapshotReader.read(lines.joined(separator: "\n"), name: "VBox.log", settings: InputSettings(format: format))
    }

    func sample(_ name: String) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        let reader = try SnapshotReader(path: Package.path("samples/\(name)"), displayName: name)
        return (try reader.readAll(), reader.warnings)
    }

    // MARK: The catalog of VirtualBox's numbers

    @Test func hmError570IsTheGSLimitRuleOfVirtual8086Mode() throws {
        // hm_vmx.h: #define VMX_IGS_V86_GS_LIMIT_INVALID 570; VBox.log prints it as 0x23a (570).
        let row = try #require(VirtualBoxDiagnostics.invalidGuestState(0x23a))
        #expect(row.number == 570)
        #expect(row.name == "VMX_IGS_V86_GS_LIMIT_INVALID")
        #expect(row.words == "GS limit invalid in virtual-8086 mode")
        #expect(row.section == "27.3.1.2")
        #expect(row.reference == "SDM Vol. 3 (325384-084) section 27.3.1.2")
        #expect(VirtualBoxDiagnostics.hmError(570, status: "VERR_VMX_INVALID_GUEST_STATE") == row)
        #expect(VirtualBoxDiagnostics.hmError(570) == row)
    }

    @Test func invalidGuestStateRowsCoverHmVmxH() {
        let rows = VirtualBoxDiagnostics.invalidGuestState
        // 500 to 625, of which 622 has no define.
        #expect(rows.count == 125)
        #expect(Set(rows.map(\.number)).count == rows.count)
        #expect(Set(rows.map(\.name)).count == rows.count)
        #expect(rows.map(\.number) == Array(500...621) + [623, 624, 625])
        #expect(rows.allSatisfy { $0.name.hasPrefix("VMX_IGS_") && !$0.words.isEmpty })
        #expect(VirtualBoxDiagnostics.invalidGuestState(622) == nil)
        // Every row but the checker's own two names a rule of SDM section 27.3.1.
        #expect(rows.filter { $0.section == nil }.map(\.number) == [500, 501])
        #expect(rows.compactMap(\.section).allSatisfy { $0.hasPrefix("27.3.1.") })
    }

    @Test(
        arguments: [
            // (number, hex as hm_vmx.h's neighbours give it, name, SDM section) from the header and the SDM.
            (502, 0x1f6, "VMX_IGS_CR0_FIXED1", "27.3.1.1"), (515, 0x203, "VMX_IGS_EFER_LMA_LME_MISMATCH", "27.3.1.1"),
            (519, 0x207, "VMX_IGS_CS_ATTR_UNUSABLE", "27.3.1.2"), (535, 0x217, "VMX_IGS_DS_ATTR_TYPE_INVALID", "27.3.1.2"),
            (569, 0x239, "VMX_IGS_V86_GS_BASE_INVALID", "27.3.1.2"), (571, 0x23b, "VMX_IGS_V86_GS_ATTR_INVALID", "27.3.1.2"),
            (577, 0x241, "VMX_IGS_SYSENTER_EIP_NOT_CANONICAL", "27.3.1.1"), (583, 0x247, "VMX_IGS_IDTR_LIMIT_INVALID", "27.3.1.3"),
            (586, 0x24a, "VMX_IGS_RFLAGS_RESERVED1", "27.3.1.4"),
            (594, 0x252, "VMX_IGS_INTERRUPTIBILITY_STATE_STI_MOVSS_INVALID", "27.3.1.5"),
            (606, 0x25e, "VMX_IGS_VMCS_LINK_PTR_RESERVED", "27.3.1.5"), (613, 0x265, "VMX_IGS_TR_ATTR_UNUSABLE", "27.3.1.2"),
            (621, 0x26d, "VMX_IGS_CS_ATTR_DPL_INVALID", "27.3.1.2"), (623, 0x26f, "VMX_IGS_PAE_PDPTE_RESERVED", "27.3.1.6"),
            (625, 0x271, "VMX_IGS_VMCS_LINK_PTR_SHADOW_VMCS_ID_INVALID", "27.3.1.5"),
        ] as [(UInt32, UInt32, String, String)])
    func invalidGuestStateRow(number: UInt32, hex: UInt32, name: String, section: String) throws {
        #expect(number == hex)
        let row = try #require(VirtualBoxDiagnostics.invalidGuestState(number))
        #expect(row.name == name)
        #expect(row.section == section)
    }

    @Test func hmErrorMeansWhatItsStatusSays() {
        // VMX_UFC_EPT_MEM_TYPE_NOT_WB is 12; VMX_VCI_CTRL_XCPT_BITMAP is 305.
        #expect(VirtualBoxDiagnostics.hmError(12, status: "VERR_HM_UNSUPPORTED_CPU_FEATURE_COMBO")?.name == "VMX_UFC_EPT_MEM_TYPE_NOT_WB")
        #expect(VirtualBoxDiagnostics.hmError(305, status: "VERR_VMX_VMCS_FIELD_CACHE_INVALID")?.name == "VMX_VCI_CTRL_XCPT_BITMAP")
        #expect(VirtualBoxDiagnostics.hmError(570, status: "VERR_HM_UNSUPPORTED_CPU_FEATURE_COMBO") == nil)
        #expect(VirtualBoxDiagnostics.hmError(0) == nil)
    }

    @Test func statusCodesAndTheirFamilies() throws {
        // err.h: -4014 is VERR_VMX_INVALID_GUEST_STATE (-4021 is VERR_VMX_VMPTRLD_FAILED).
        #expect(VirtualBoxDiagnostics.status(named: "VERR_VMX_INVALID_GUEST_STATE")?.code == -4014)
        #expect(VirtualBoxDiagnostics.status(code: -4021)?.name == "VERR_VMX_VMPTRLD_FAILED")
        #expect(VirtualBoxDiagnostics.status(code: -4059)?.name == "VERR_SVM_INVALID_GUEST_STATE")
        #expect(VirtualBoxDiagnostics.status(code: -4112)?.name == "VERR_HM_UNSUPPORTED_CPU_FEATURE_COMBO")
        #expect(VirtualBoxDiagnostics.status(code: 1155)?.name == "VINF_EM_TRIPLE_FAULT")
        #expect(VirtualBoxStatus.family(ofName: "VERR_VMX_UNABLE_TO_START_VM") == .vmx)
        #expect(VirtualBoxStatus.family(ofName: "VINF_SVM_VMEXIT") == .svm)
        #expect(VirtualBoxStatus.family(ofName: "VERR_HM_WRONG_CPU") == .hm)
        #expect(VirtualBoxStatus.family(ofName: "VINF_EM_TRIPLE_FAULT") == .other)
        let statuses = VirtualBoxDiagnostics.statuses
        #expect(Set(statuses.map(\.code)).count == statuses.count)
        #expect(Set(statuses.map(\.name)).count == statuses.count)
        // The VT-x, AMD-V and HM ranges of err.h.
        #expect(statuses.filter { $0.family == .vmx }.allSatisfy { (4000...4042).contains(abs($0.code)) })
        #expect(statuses.filter { $0.family == .svm }.allSatisfy { (4050...4075).contains(abs($0.code)) })
        #expect(statuses.filter { $0.family == .hm }.allSatisfy { (4100...4118).contains(abs($0.code)) })
    }

    // MARK: Lines

    @Test(
        arguments: [
            (
                "00:00:05.485406 !!         VCPU0: Guru Meditation -4014 (VERR_VMX_INVALID_GUEST_STATE)",
                "!!         VCPU0: Guru Meditation -4014 (VERR_VMX_INVALID_GUEST_STATE)", "00:00:05.485406"
            ),
            ("00:00:02.946446 Guest CPUM (VCPU 0) state: ", "Guest CPUM (VCPU 0) state:", "00:00:02.946446"),
            ("00:00:05.485406   HM error           = 0x23a (570)", "HM error           = 0x23a (570)", "00:00:05.485406"),
            ("08:11:28.275 Guest CPUM state:", "Guest CPUM state:", "08:11:28.275"),
            ("112:03:59.000001 eax=00000000", "eax=00000000", "112:03:59.000001"),
            ("00:00:05.48 eax=00000000", "00:00:05.48 eax=00000000", nil),
            ("00:00:05.485406x eax=00000000", "00:00:05.485406x eax=00000000", nil),
            ("12:34 eax=00000000", "12:34 eax=00000000", nil),
        ] as [(String, String, String?)])
    func releaseLogTimestampsComeOff(raw: String, content: String, timestamp: String?) {
        let line = LogLine(number: 1, raw: raw)
        #expect(line.content == content)
        #expect(line.timestamp == timestamp)
    }

    @Test func registerLinesOfBothLayouts() throws {
        guard case .registers(let regs) = VirtualBoxLine.classify("r14=0000fffffffff000 r15=00000000001013e0") else {
            Issue.record("not a register line")
            return
        }
        #expect(regs.map(\.name) == ["r14", "r15"])
        // cpumR3InfoOne: "%srsi=%016RX64 %srdi=%016RX64 %sr8 =%016RX64 %sr9 =%016RX64".
        guard
            case .registers(let padded) = VirtualBoxLine.classify(
                "rsi=00000000001017ed rdi=000000000010195d r8 =0000000000000000 r9 =0000000000000001")
        else {
            Issue.record("not a register line")
            return
        }
        #expect(padded.map(\.name) == ["rsi", "rdi", "r8", "r9"])
        // Everything after iopl= is flag words (7.x prints iopl= twice).
        guard
            case .registers(let flags) = VirtualBoxLine.classify(
                "eip=001010f4 esp=00007c00 ebp=36d76289 iopl=0  iopl=0 nv up di pl nz na po nc")
        else {
            Issue.record("not a register line")
            return
        }
        #expect(flags.map(\.name) == ["eip", "esp", "ebp"])
        #expect(
            VirtualBoxLine.classify("xcr=0000000000000001 xcr1=0000000000000000 xss=0000000000000000 (fXStateMask=0000000000000000)")
                .isExtra)
        #expect(VirtualBoxLine.classify("FPUIP=00000000 CS=0000 Rsrvd1=0000  FPUDP=00000000 DS=0000 Rsvrd2=0000").isExtra)
        #expect(VirtualBoxLine.classify("MTRR_PHYSBASE[ 0] =0000000000000006 First=0000000000000000      0 MB [WB]").isExtra)
        #expect(VirtualBoxLine.classify("Display::i_handleDisplayResize: uScreenId=0 pvVRAM=00007fbe5ab99000").isUnrelated)
    }

    // MARK: Samples

    /// `check` cites VirtualBox's own verdict: the sample's status VERR_VMX_INVALID_GUEST_STATE
    /// (line 2) with `HM error = 0x23a (570)` (line 3) is VMX_IGS_V86_GS_LIMIT_INVALID, SDM
    /// 27.3.1.2, and the state breaks the rule of that section: GS limit 0x1ffff in
    /// virtual-8086 mode. The rules of that section rank first; exit reason 33 beside it makes
    /// one failure, not two; the status alone still records the failure; under another status
    /// the number means something else, and no guest-state failure is recorded.
    @Test func checkCitesVirtualBoxsGuestStateVerdict() throws {
        let snapshot = try #require(try sample("vmcs-entry-failure.vbox.log").snapshots.first)
        func causes(_ snapshot: Snapshot) -> [RecordedCause] {
            Checker.run(Decoder.decode(snapshot)).causes.filter { $0.description.contains("VirtualBox") }
        }
        let cited = causes(snapshot)
        #expect(cited.count == 1)
        let cause = try #require(cited.first)
        #expect(
            cause.description
                == "VM entry failed on guest state (VirtualBox VERR_VMX_INVALID_GUEST_STATE, HM error 570 VMX_IGS_V86_GS_LIMIT_INVALID: GS limit invalid in virtual-8086 mode)")
        #expect(cause.source == "vmcs-entry-failure.vbox.log:2")
        #expect(cause.broken == ["guest-v86-limits"])
        #expect(!cause.mayBeStale)

        // CR4 0x86d9 (the sample's 0x6d9 with reserved bit 15 set) also breaks a rule of
        // 27.3.1.1, which the manual's order puts first; the HM error's 27.3.1.2 ranks first.
        var two = snapshot
        two.values["guest.cr4"] = .integer(0x86d9)
        #expect(causes(two).first?.broken == ["guest-v86-limits", "guest-cr4-reserved"])
        var unranked = two
        unranked.metadata = unranked.metadata.filter { $0.key != "hm_error" }
        #expect(causes(unranked).first?.broken == ["guest-cr4-reserved", "guest-v86-limits"])

        // Exit reason 33 in the paste too: one failure with both records.
        var reason = snapshot
        reason.values["exit.reason"] = .integer(0x8000_0021)
        let merged = Checker.run(Decoder.decode(reason)).causes
        #expect(merged.count == 1)
        #expect(merged.first?.description.hasPrefix("VM entry failed on guest state (exit reason 0x80000021") == true)
        #expect(merged.first?.description.contains("; VirtualBox VERR_VMX_INVALID_GUEST_STATE, HM error 570") == true)
        #expect(merged.first?.broken == ["guest-v86-limits"])

        var statusOnly = snapshot
        statusOnly.metadata = statusOnly.metadata.filter { $0.key != "hm_error" }
        #expect(causes(statusOnly).map(\.description) == ["VM entry failed on guest state (VirtualBox VERR_VMX_INVALID_GUEST_STATE)"])

        var unnamed = snapshot
        unnamed.metadata = unnamed.metadata.map { $0.key == "hm_error" ? ("hm_error", "0x3e7") : $0 }
        #expect(causes(unnamed).first?.description.contains("HM error 999, a number its tables do not name") == true)

        var other = snapshot
        other.metadata = other.metadata.map { $0.key == "status" ? ("status", "VERR_HM_UNSUPPORTED_CPU_FEATURE_COMBO") : $0 }
        #expect(causes(other).isEmpty)
    }

    @Test func invalidGuestStateSampleIsAVMCSWithTheBrokenGSLimit() throws {
        let (snapshots, warnings) = try sample("vmcs-entry-failure.vbox.log")
        #expect(warnings.isEmpty, "\(warnings)")
        let snapshot = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        #expect(snapshot.format == .vbox)
        // VERR_VMX_INVALID_GUEST_STATE and the VT-x info block say VT-x ran the guest.
        #expect(snapshot.architecture == .vmx)
        // gs={0040 base=0000000000000400 limit=0001ffff flags=000000f3}: selector 0x40, base 0x400 (= 0x40 << 4),
        // limit 0x1ffff where virtual-8086 mode needs 0xffff, access rights 0xf3.
        #expect(snapshot.integer("guest.gs.selector") == 0x40)
        #expect(snapshot.integer("guest.gs.base") == 0x400)
        #expect(snapshot.integer("guest.gs.limit") == 0x1_ffff)
        #expect(snapshot.integer("guest.gs.ar") == 0xf3)
        // `eip=00001d3c esp=0000fffe`: the 32-bit layout gives bits 31:0 of RIP and RSP only.
        #expect(snapshot.absentBits["guest.rip"] == 0xffff_ffff_0000_0000)
        #expect(snapshot.absentBits["guest.rsp"] == 0xffff_ffff_0000_0000)
        let report = Checker.run(Decoder.decode(snapshot))
        #expect(report.results.first { $0.check.id == "guest-rip-upper" }?.isDecided == false)
        #expect(snapshot.integer("guest.cs.selector") == 0x1a2b)
        #expect(snapshot.integer("guest.cs.base") == 0x1_a2b0)
        #expect(snapshot.integer("guest.ldtr.ar") == 0x1_0000)
        #expect(snapshot.integer("guest.tr.ar") == 0x8b)
        #expect(snapshot.integer("guest.tr.limit") == 0x20ab)
        // eflags=00020246: VM (17), IF, ZF, PF and the reserved bit 1.
        #expect(snapshot.integer("guest.rflags") == 0x2_0246)
        #expect(snapshot.integer("guest.rip") == 0x1d3c)
        #expect(snapshot.integer("guest.rsp") == 0xfffe)
        #expect(snapshot.integer("guest.cr0") == 0x8005_0031)
        #expect(snapshot.integer("guest.cr3") == 0x18_5000)
        #expect(snapshot.integer("guest.cr4") == 0x6d9)
        #expect(snapshot.integer("guest.gdtr.base") == 0x8003_6000)
        #expect(snapshot.integer("guest.gdtr.limit") == 0x3ff)
        #expect(snapshot.integer("guest.idtr.limit") == 0x7ff)
        #expect(snapshot.integer("guest.dr7") == 0x400)
        #expect(snapshot.integer("guest.sysenter_eip") == 0x8053_e5c0)
        #expect(snapshot.integer("guest.ia32_efer") == 0)
        #expect(snapshot.integer("guest.ia32_pat") == 0x0007_0406_0007_0406)
        // HM: CPU[0] Guest-intr. state = 0x0: the VMCS's interruptibility field.
        #expect(snapshot.integer("guest.interruptibility") == 0)
        // What no VMCS field holds stays out, and is named.
        #expect(snapshot.values["cpu.rax"] == nil)
        #expect(snapshot.pageNotes.contains { $0.contains("RAX") && $0.contains("CR2") })
        let metadata = Dictionary(snapshot.metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(metadata["status"] == "VERR_VMX_INVALID_GUEST_STATE")
        #expect(metadata["status_code"] == "-4014")
        #expect(metadata["hm_error"] == "0x23a")
        #expect(metadata["guru_vcpu"] == "0")
        #expect(metadata["vcpu"] == "0")
        #expect(metadata["real_on_v86"] == "false")
        #expect(snapshot.metadata.filter { $0.key == "hm_error" }.count == 1)
        let number = try #require(metadata["hm_error"].flatMap { NumberText.hex($0) })
        #expect(VirtualBoxDiagnostics.hmError(UInt32(number), status: metadata["status"])?.name == "VMX_IGS_V86_GS_LIMIT_INVALID")
        // VirtualBox prints no exit reason for this status: nothing is made up.
        #expect(snapshot.failures.isEmpty)
        // The HM error's sentence names the status; it is not said a second time on its own.
        let sentences = Explainer.explain(Decoder.decode(snapshot)).map(\.description)
        #expect(sentences.filter { $0.contains("VERR_VMX_INVALID_GUEST_STATE") }.count == 1, "\(sentences)")
    }

    @Test func tripleFaultWithoutAVendorStaysCPUState() throws {
        let (snapshots, warnings) = try sample("cpu-triple-fault.vbox.log")
        #expect(warnings.isEmpty, "\(warnings)")
        let snapshot = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        #expect(snapshot.architecture == .cpu)
        #expect(snapshot.integer("cpu.rax") == 0xffff_c900_0000_0000)
        #expect(snapshot.integer("cpu.r8") == 0)
        #expect(snapshot.integer("cpu.rip") == 0xffff_ffff_8010_231e)
        #expect(snapshot.integer("cpu.cr2") == 0xffff_c900_0000_0000)
        #expect(snapshot.integer("cpu.idtr.base") == 0xffff_ffff_8011_1000)
        #expect(snapshot.integer("cpu.idtr.limit") == 0)
        #expect(snapshot.integer("cpu.cs.ar") == 0xa09b)
        #expect(snapshot.integer("cpu.rflags") == 0x1_0086)
        #expect(snapshot.integer("cpu.efer") == 0x500)
        #expect(snapshot.integer("cpu.kernel_gs_base") == 0)
        #expect(snapshot.values["cpu.dr4"] == nil)
        // 64-bit layout: no 32-bit note.
        #expect(snapshot.pageNotes.isEmpty)
        let metadata = Dictionary(snapshot.metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(metadata["status"] == "VINF_EM_TRIPLE_FAULT")
        #expect(metadata["status_code"] == "1155")
        #expect(metadata["hm"] == "not enabled")
        // The Guru Meditation's status is the only word on why the guest stopped; explain says
        // it, with what a triple fault is (SDM Vol. 3, Interrupt 8, #DF: an exception while the
        // double fault is delivered shuts the processor down).
        let sentences = Explainer.explain(Decoder.decode(snapshot)).map(\.description)
        #expect(sentences.count == 1, "\(sentences)")
        #expect(sentences.first?.hasPrefix("VirtualBox reports status VINF_EM_TRIPLE_FAULT: the guest triple-faulted (an exception arose while a double fault, #DF, was being delivered") == true, "\(sentences)")
        #expect(sentences.first?.hasSuffix("[SDM Vol. 3 (325384-084), Interrupt 8—Double Fault Exception (#DF); VirtualBox include/VBox/err.h]") == true)
    }

    @Test(arguments: ["vmcs-entry-failure.vbox.log", "cpu-triple-fault.vbox.log"])
    func samplesAreDetectedAsVirtualBox(_ name: String) throws {
        let reader = try SnapshotReader(path: Package.path("samples/\(name)"), displayName: name)
        #expect(reader.format == .vbox)
    }

    @Test(arguments: [
        "I got a Guru Meditation in VirtualBox yesterday and the VM died.\nAny idea?\n",
        "[    0.000000] Linux version 6.12.0 (gcc 14)\n[    0.000000] Command line: ro quiet\n",
        "00:00:00.000000 VirtualBox VM 7.2.12 r174389 linux.amd64 release log\n00:00:00.000010 Log opened 2026-07-07T18:51:03Z\n",
    ])
    func otherTextIsNotVirtualBox(_ text: String) {
        let format = try? SnapshotReader.detect(Array(text.utf8), name: "t")
        #expect(format != .vbox)
    }

    // MARK: Evidence, failures, vCPUs

    static let segments64 = [
        "rip=ffffffff81000000 rsp=ffffc90000013e48 rbp=0000000000000000 iopl=0         nv up ei pl zr na pe nc",
        "cs={0010 base=0000000000000000 limit=ffffffff flags=0000a09b}",
        "ss={0018 base=0000000000000000 limit=ffffffff flags=0000c093}",
        "cr0=0000000080050033 cr2=00007f4b3c8e1000 cr3=000000010a6b2000 cr4=00000000003506f0",
        "gdtr=fffffe0000001000:007f  idtr=fffffe0000000000:0fff  eflags=00000246",
    ]

    @Test func amdVInfoMakesAVMCBWithPackedAttributes() throws {
        let lines =
            [
                "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "!!",
                "!!         VCPU0: Guru Meditation -4060 (VERR_SVM_UNKNOWN_EXIT)", "!!", "!! {cpumguest, verbose}", "!!",
                "Guest CPUM (VCPU 0) state:",
            ] + Self.segments64
            + [
                "!!", "!! {hm}", "!!", "CPU[0]: AMD-V info:", "  HM error           = 0x0 (0)",
                "  rcLastExitToR3     = VERR_SVM_UNKNOWN_EXIT",
            ]
        let (snapshots, _) = try read(lines.map { "00:00:09.000001 " + $0 })
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.architecture == .svm)
        // flags=0000a09b in the SDM's layout; the VMCB packs bits 15:12 into 11:8: 0xa9b.
        #expect(snapshot.integer("save.cs.attrib") == 0xa9b)
        #expect(snapshot.integer("save.ss.attrib") == 0xc93)
        #expect(snapshot.integer("save.cr2") == 0x7f4b_3c8e_1000)
        #expect(snapshot.integer("save.rflags") == 0x246)
    }

    @Test func unableToStartVMRecordsTheInstructionErrorAndControls() throws {
        // HMR3CheckError for VERR_VMX_UNABLE_TO_START_VM with error 7 (6.x spelling of the controls).
        let lines =
            [
                "HM: VERR_VMX_UNABLE_TO_START_VM:", "HM: CPU[0] Instruction error    0x7", "HM: CPU[0] Exit reason          0x1e",
                "HM: CPU[0] PinCtls          0x3f", "HM:   VMX_PIN_CTLS_EXT_INT_EXIT", "HM: CPU[0] ProcCtls         0xb5a06dfa",
                "HM: CPU[0] EntryCtls        0xd3ff", "HM: CPU[0] cEntryMsrLoad        3",
                "HM: VERR_VMX_UNABLE_TO_START_VM: VM-entry allowed-1  0xd3ff",
                "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "!!",
                "!!         VCPU0: Guru Meditation -4005 (VERR_VMX_UNABLE_TO_START_VM)", "!!", "!! {cpumguest, verbose}", "!!",
                "Guest CPUM (VCPU 0) state:",
            ] + Self.segments64
        let (snapshots, _) = try read(lines.map { "00:00:09.000001 " + $0 })
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.architecture == .vmx)
        #expect(snapshot.integer("exit.instruction_error") == 7)
        // Exit reason 0x1e has no bit 31: a stale field, not a failed entry.
        #expect(snapshot.integer("exit.reason") == 0x1e)
        #expect(snapshot.integer("ctrl.pin_based") == 0x3f)
        #expect(snapshot.integer("ctrl.proc_based") == 0xb5a0_6dfa)
        #expect(snapshot.integer("ctrl.entry") == 0xd3ff)
        // %u: decimal.
        #expect(snapshot.integer("ctrl.entry_msr_load_count") == 3)
        #expect(snapshot.failures.map(\.kind) == [.vmInstructionError(7)])
        #expect(snapshot.failures.first?.location == .line("VBox.log", 2))
        #expect(snapshot.metadata.contains { $0.key == "vm_entry_allowed_1" && $0.value == "0xd3ff" })
    }

    @Test func eachVCPUIsASnapshotWithItsOwnHMLines() throws {
        let lines =
            [
                "HM: VERR_VMX_INVALID_GUEST_STATE:", "HM: CPU[0] HM error = 0x23a (570)", "HM: CPU[0] Guest-intr. state = 0x0",
                "HM: VERR_VMX_INVALID_GUEST_STATE:", "HM: CPU[1] HM error = 0x0 (0)", "HM: CPU[1] Guest-intr. state = 0x8",
                "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "!!",
                "!!         VCPU0: Guru Meditation -4014 (VERR_VMX_INVALID_GUEST_STATE)", "!!", "!! {cpumguest, verbose}", "!!",
                "Guest CPUM (VCPU 0) state:",
            ] + Self.segments64 + ["Guest CPUM (VCPU 1) state:"] + Self.segments64
            + ["Host CPUM state:", "cs={e008 base=0000000000000000 limit=ffffffff flags=0000a09b}"]
        let (snapshots, _) = try read(lines.map { "00:00:09.000001 " + $0 })
        #expect(snapshots.count == 2)
        let first = try #require(snapshots.first)
        let second = try #require(snapshots.last)
        #expect(first.architecture == .vmx && second.architecture == .vmx)
        #expect(first.metadata.first { $0.key == "hm_error" }?.value == "0x23a")
        #expect(second.metadata.first { $0.key == "hm_error" }?.value == "0x0")
        #expect(first.integer("guest.interruptibility") == 0)
        #expect(second.integer("guest.interruptibility") == 8)
        #expect(second.metadata.first { $0.key == "vcpu" }?.value == "1")
        #expect(second.metadata.first { $0.key == "status" }?.value == "VERR_VMX_INVALID_GUEST_STATE")
        #expect(second.metadata.first { $0.key == "guru_vcpu" }?.value == "0")
        // The status is the Guru Meditation's, of vCPU 0: vCPU 1 (HM error 0) is not said to
        // have failed with it; vCPU 0's HM error sentence names it.
        let said = { (snapshot: Snapshot) in Explainer.explain(Decoder.decode(snapshot), checkingState: false).map(\.description) }
        #expect(!said(second).contains { $0.contains("VERR_VMX_INVALID_GUEST_STATE") }, "\(said(second))")
        #expect(said(first).filter { $0.contains("VERR_VMX_INVALID_GUEST_STATE") }.count == 1, "\(said(first))")
        // The host's registers are not the guest's.
        #expect(second.integer("guest.cs.selector") == 0x10)
        // The carried header lines stay inside the reader.
        #expect(!second.metadata.contains { $0.key.hasPrefix("\u{1}") })
    }

    /// Older VirtualBox versions (a 2.1.4 log of 2009; 4.x logs too) printed the banner without
    /// `VCPU0: `: the status is still read (it was lost).
    @Test func aBannerWithoutAVCPUStillGivesTheStatus() throws {
        let lines = [
            "08:11:28.212 !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "08:11:28.212 !!",
            "08:11:28.212 !!                 Guru Meditation -2304 (VERR_REM_TOO_MANY_TRAPS)", "08:11:28.234 !!",
            "08:11:28.234 !! TRAP=0e ERRCD=0000000000000010 CR2=00000000a082bf60 EIP=a082bf60 Type=0 cbInstr=ff",
        ]
        let (snapshots, _) = try read(lines, format: nil)
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.format == .vbox)
        let metadata = Dictionary(snapshot.metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(metadata["status"] == "VERR_REM_TOO_MANY_TRAPS")
        #expect(metadata["status_code"] == "-2304")
        #expect(metadata["guru_vcpu"] == nil)
    }

    @Test func aConsolePrefixAndARawModeTrapLine() throws {
        let lines = [
            "machine# !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "machine# !!",
            "machine# !!         VCPU0: Guru Meditation -2403 (VERR_TRPM_DONT_PANIC)", "machine# !!",
            "machine# !! TRAP=0e ERRCD=0000000000000010 CR2=00000000a082bf60 EIP=a082bf60 Type=0 cbInstr=ff", "machine# !!",
            "which is then followed by tons of hex values.",
        ]
        let (snapshots, warnings) = try read(lines, format: nil)
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.format == .vbox)
        #expect(snapshot.architecture == .cpu)
        let metadata = Dictionary(snapshot.metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(metadata["trap"] == "0e")
        #expect(metadata["trap_cr2"] == "00000000a082bf60")
        #expect(metadata["trap_instruction_length"] == "ff")
        // The prose after the console's lines ends the dump quietly; the missing state is said.
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("no guest register state") == true)
    }

    @Test func anExcerptPastedOutOfOrderIsTwoDumps() throws {
        // The clock goes back: the register line was printed before the VT-x block above it.
        let lines = [
            "00:00:05.485406 CPU[0]: VT-x info:", "00:00:05.485406   HM error           = 0x23a (570)",
            "00:00:05.485410     Real-on-v86 active = true", "00:00:05.485411       Attr GS = 0xc0f3", "}}}", "",
            "00:00:05.481475 gs={0000 base=0000000000000000 limit=ffffffff flags=0000c0f3} cr0=00000010 cr2=00000000",
        ]
        let (snapshots, _) = try read(lines)
        #expect(snapshots.count == 2)
        #expect(snapshots.first?.architecture == .vmx)
        #expect(snapshots.first?.metadata.contains { $0.key == "real_mode_gs_attr" && $0.value == "0xc0f3" } == true)
        #expect(snapshots.last?.architecture == .cpu)
        #expect(snapshots.last?.integer("cpu.gs.limit") == 0xffff_ffff)
        #expect(snapshots.last?.integer("cpu.cr2") == 0)
    }

    @Test func badValuesAreWarnedAboutNotTrapped() throws {
        let lines = [
            "Guest CPUM (VCPU 0) state:", "eax=1ffffffffffffffffff ebx=zz ecx=00000000 edx=00000000 esi=00000000 edi=00000000",
            "cs={10000 base=0000000000000000 limit=1ffffffff flags=0000a09b}", "SysEnter={cs=0000 eip=00000000}",
        ]
        let (snapshots, warnings) = try read(lines.map { "00:00:01.000000 " + $0 })
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.values["cpu.rax"] == nil)
        #expect(snapshot.values["cpu.rbx"] == nil)
        #expect(snapshot.integer("cpu.rcx") == 0)
        #expect(snapshot.values["cpu.cs.selector"] == nil)
        #expect(snapshot.values["cpu.cs.limit"] == nil)
        #expect(snapshot.integer("cpu.cs.ar") == 0xa09b)
        #expect(warnings.contains { $0.message.contains("'eax'") && $0.location == .line("VBox.log", 2) })
        #expect(warnings.contains { $0.message.contains("'ebx'") })
        #expect(warnings.contains { $0.message.contains("cs selector") && $0.location == .line("VBox.log", 3) })
        #expect(warnings.contains { $0.location == .line("VBox.log", 4) })
    }
}

extension VirtualBoxLine {
    var isExtra: Bool {
        if case .registerExtras = self { return true }
        return false
    }

    var isUnrelated: Bool {
        if case .unrelated = self { return true }
        return false
    }
}
