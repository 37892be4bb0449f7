import Testing

@testable import VMCSInspect

/// Xen's SVM VMCB dump and the messages around a failed VMX entry. Expected values come from
/// Xen's format strings (svmdebug.c/vmcb.c, vmx.c, vmcs.c, 4.0 to 4.22) and the samples.
@Suite struct XenReaderTests {
    func read(_ lines: [String]) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        try SnapshotReader.read(lines.map { "(XEN) " + $0 }.joined(separator: "\n"), name: "xl.log", settings: InputSettings(format: .xen))
    }

    func load(_ sample: String) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        let reader = try SnapshotReader(path: Package.path("samples/\(sample)"), displayName: sample)
        return (try reader.readAll(), reader.warnings)
    }

    // MARK: svm_vmcb_dump

    @Test func debugKeySampleAgreesWithThePage() throws {
        let page = try #require(try load("vmcb-npf.bin").snapshots.first)
        let (snapshots, warnings) = try load("vmcb-npf.xen-svm.log")
        #expect(warnings.isEmpty, "\(warnings)")
        let logged = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        #expect(logged.architecture == .svm)
        #expect(logged.format == .xen)
        #expect(logged.producer == "Xen VMCB dump")
        // Every field the 4.19 dump prints: 26 of the control area (the CR and DR intercepts,
        // vintr, event_inj and exit_int_info each two fields), 21 of the save area and the 40
        // of the ten segment rows.
        #expect(logged.values.count == 87)
        for (id, value) in logged.values {
            #expect(page.values[id] == value, "\(id)")
        }
        let metadata = Dictionary(logged.metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(metadata["domain"] == "5")
        #expect(metadata["vcpu"] == "0")
        #expect(metadata["dumped_from"] == "key_handler")
        #expect(metadata["vmcb_paddr"] == "000000083a9f2000")
        #expect(logged.failures.isEmpty)
    }

    @Test func packedWordsAreSplit() throws {
        let (snapshots, _) = try read([
            "Dumping guest's current state at key_handler...",
            "cr_intercepts = 0xfef3fef3 dr_intercepts = 0xffffffff exception_intercepts = 0x60082",
            "tlb_control = 0 vintr = 0x3a010f0001 int_stat = 0", "event_inj 0000000e80000b0e, valid? 1, ec? 1, type 3, vector 0xe",
            "exitcode = 0x78 exit_int_info = 0x0000002a80000306",
        ])
        let snapshot = try #require(snapshots.first)
        // cr_intercepts is u32: reads in 15:0, writes in 31:16 (VMCB offsets 0 and 2).
        #expect(snapshot.integer("control.cr_read") == 0xfef3)
        #expect(snapshot.integer("control.cr_write") == 0xfef3)
        #expect(snapshot.integer("control.dr_read") == 0xffff)
        #expect(snapshot.integer("control.dr_write") == 0xffff)
        // vintr: V_INTR control in 31:0, the vector in 39:32.
        #expect(snapshot.integer("control.int_ctl") == 0x010f_0001)
        #expect(snapshot.integer("control.int_vector") == 0x3a)
        #expect(snapshot.integer("control.tlb_ctl") == 0)
        // event_inj: #PF (vector 14, type 3, error code valid) with error code 0xe.
        #expect(snapshot.integer("control.event_inj") == 0x8000_0b0e)
        #expect(snapshot.integer("control.event_inj_err") == 0xe)
        #expect(snapshot.integer("control.exit_int_info") == 0x8000_0306)
        #expect(snapshot.integer("control.exit_int_info_err") == 0x2a)
    }

    @Test func eventInjectionWordsThatDisagreeAreWarnedAbout() throws {
        let (_, warnings) = try read([
            "Dumping guest's current state at key_handler...", "event_inj 0000000000000000, valid? 1, ec? 0, type 0, vector 0",
        ])
        #expect(warnings.contains { $0.message.contains("'valid? 1'") && $0.location == .line("xl.log", 2) })
    }

    @Test func xen48LabelsAndRows() throws {
        // 4.8: interrupt_shadow, eventinj, exitintinfo, "np_enable = %Lx" (hex, no 0x), the
        // trailing spaces of exitinfo2 and PAT, and sel=/attr=/limit=/base= segment rows.
        let (snapshots, warnings) = try read([
            "Dumping guest's current state at svm_vmexit_handler...", "Size of VMCB = 4096, paddr = 0x83a9f2000, vaddr = ffff83083a9f2000",
            "tlb_control = 0 vintr = 0x1000000 interrupt_shadow = 0", "eventinj 0000000000000000, valid? 0, ec? 0, type 0, vector 0",
            "exitcode = 0xffffffffffffffff exitintinfo = 0", "exitinfo1 = 0 exitinfo2 = 0 ", "np_enable = 1 guest_asid = 0x3",
            "cpl = 0 efer = 0x500 star = 0x23001000000000 lstar = 0xffffffff81a00080",
            "KernGSBase = 0x0000000000000000 PAT = 0x0007040600070406 ",
            "CS: sel=0x0010, attr=0x029b, limit=0xffffffff, base=0x0000000000000000",
            "TR: sel=0x0040, attr=0x008b, limit=0x00004087, base=0xfffffe0000003000",
        ])
        #expect(warnings.isEmpty, "\(warnings)")
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.integer("control.int_state") == 0)
        #expect(snapshot.integer("control.nested_ctl") == 1)
        #expect(snapshot.integer("control.asid") == 3)
        #expect(snapshot.integer("control.exit_code") == .max)
        #expect(snapshot.integer("save.efer") == 0x500)
        #expect(snapshot.integer("save.g_pat") == 0x0007_0406_0007_0406)
        #expect(snapshot.integer("save.cs.attrib") == 0x29b)
        #expect(snapshot.integer("save.tr.base") == 0xffff_fe00_0000_3000)
        // Dumped from svm_vmexit_handler: VMRUN failed with VMEXIT_INVALID.
        #expect(snapshot.failures.map(\.kind) == [.svmExitCode(.max)])
        #expect(snapshot.failures.first?.location == .line("xl.log", 1))
    }

    @Test func debugBuildLineNamesTheVCPUAndTheFailure() throws {
        let (snapshots, _) = try read([
            "arch/x86/hvm/svm/svm.c:2619:d1v0 invalid VMCB state:", "Dumping guest's current state at svm_vmexit_handler...",
            "exitcode = 0xffffffffffffffff exit_int_info = 0", "asid = 0x3 np_ctrl = 0x1: NP",
            "  TR: 0040 008b 00004087 fffffe0000003000", "domain_crash called from arch/x86/hvm/svm/svm.c:2621",
            "Domain 1 (vcpu#0) crashed on cpu#3:",
        ])
        let snapshot = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        #expect(snapshot.metadata.contains { $0.key == "domain" && $0.value == "1" })
        #expect(snapshot.metadata.contains { $0.key == "vcpu" && $0.value == "0" })
        let failure = try #require(snapshot.failures.first)
        #expect(failure.kind == .svmExitCode(0xffff_ffff_ffff_ffff))
        #expect(failure.text == "arch/x86/hvm/svm/svm.c:2619:d1v0 invalid VMCB state:")
        #expect(snapshot.location == .line("xl.log", 1))
    }

    @Test func vmcbSampleIsDetectedAsXen() throws {
        #expect(try SnapshotReader(path: Package.path("samples/vmcb-npf.xen-svm.log")).format == .xen)
        #expect(try SnapshotReader(path: Package.path("samples/vmcs-msr-load-failure.xen.log")).format == .xen)
    }

    // MARK: Failed VMX entries

    @Test func msrLoadFailureCarriesItsMSR() throws {
        let (snapshots, warnings) = try load("vmcs-msr-load-failure.xen.log")
        #expect(warnings.isEmpty, "\(warnings)")
        let snapshot = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        let failure = try #require(snapshot.failures.first)
        #expect(snapshot.failures.count == 1)
        #expect(failure.kind == .vmxExitReason(0x8000_0022))
        // msr 00000681 val 1fffffff8107a3a0 (mbz 0)
        #expect(failure.msrIndex == 0x681)
        #expect(failure.msrValue == 0x1fff_ffff_8107_a3a0)
        #expect(failure.location == .line("vmcs-msr-load-failure.xen.log", 1))
        #expect(snapshot.integer("exit.reason") == 0x8000_0022)
        #expect(snapshot.integer("exit.qualification") == 2)
        #expect(snapshot.integer("guest.ia32_debugctl") == 1)
        #expect(!snapshot.metadata.contains { $0.key == "msr_load_mbz" })
    }

    @Test func msrLineParts() {
        #expect(
            XenVMXMessages.msrLoadEntry("msr 000001dd val 1ffff80676f52be5 (mbz 0)")
                == .init(index: 0x1dd, value: 0x1fff_f806_76f5_2be5, mbz: 0))
        #expect(XenVMXMessages.msrLoadEntry("msr 000001dd val 1ffff80676f52be5 (mbz 0x10)")?.mbz == 0x10)
        #expect(XenVMXMessages.msrLoadEntry("msr 000001dd val zz (mbz 0)") == nil)
        #expect(XenVMXMessages.msrLoadEntry("msr=000001dd value=1") == nil)
    }

    @Test(
        arguments: [
            // (line, failure, metadata): 4.7+ gprintk, 4.0-4.6 printk, 4.0-4.7 vmx_failed_vmentry.
            (
                "d2v0 VMLAUNCH error: 0x7", RecordedFailure.Kind.vmInstructionError(7),
                ["domain": "2", "vcpu": "0", "failed_instruction": "VMLAUNCH"]
            ),
            ("d12v3 VMRESUME error: 0x1c", .vmInstructionError(0x1c), ["domain": "12", "vcpu": "3", "failed_instruction": "VMRESUME"]),
            ("<vm_launch_fail> error code 7", .vmInstructionError(7), ["failed_instruction": "VMLAUNCH", "vm_instruction_error": "0x7"]),
            ("<vm_resume_fail> error code 1c", .vmInstructionError(0x1c), ["failed_instruction": "VMRESUME"]),
            (
                "Failed vm entry (exit reason 0x80000021) caused by invalid guest state (0).", .vmxExitReason(0x8000_0021),
                ["vmentry_failure_reason": "0x80000021"]
            ),
        ] as [(String, RecordedFailure.Kind, [String: String])])
    func failureLines(line: String, kind: RecordedFailure.Kind, metadata: [String: String]) throws {
        let (snapshots, _) = try read([line, "*** Guest State ***", "CR3 = 0x000000010a6b2000"])
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.failures.map(\.kind) == [kind])
        #expect(snapshot.failures.first?.text == line)
        #expect(snapshot.integer("guest.cr3") == 0x1_0a6b_2000)
        for (key, value) in metadata {
            #expect(snapshot.metadata.contains { $0.key == key && $0.value == value }, "\(key)")
        }
        if case .vmInstructionError(let error) = kind {
            // Xen read the VM-instruction error field to print the line.
            #expect(snapshot.integer("exit.instruction_error") == UInt64(error))
        }
    }

    @Test func aLaunchFailureWithoutADumpIsStillRead() throws {
        // Xen 4.0 to 4.6 crash the domain right after the line; no VMCS dump follows.
        let (snapshots, _) = try read(["<vm_launch_fail> error code 8"])
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.failures.map(\.kind) == [.vmInstructionError(8)])
        #expect(snapshot.integer("exit.instruction_error") == 8)
    }
}
