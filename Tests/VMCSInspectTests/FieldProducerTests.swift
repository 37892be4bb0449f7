import Foundation
import Testing

@testable import VMCSInspect

/// Reads a text through detection, as the tool does; the format must be `fields`.
func readDetected(_ text: String, name: String = "t") throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
    let reader = try SnapshotReader(bytes: Array(text.utf8), name: name)
    let snapshots = try reader.readAll()
    #expect(reader.format == .fields, "\(name): detected as \(reader.format)")
    return (snapshots, reader.warnings)
}

/// Intel HAXM's dump (core/vmx.c `vmread_dump()`: `"%04x %s: %llx\n"` through `hax_log()`), its
/// prefixes per platform and version, and its messages around a dump. Values worked by hand
/// from the format strings: `%llx` is hex without `0x` or padding.
@Suite struct HAXMFieldLogTests {
    @Test func everyPrefixAndBareHex() throws {
        let text = """
            [   12.000001] haxm_warning: 4000 VMX_PIN_CONTROLS: 3f
            haxm_warning:4002 VMX_PRIMARY_PROCESSOR_CONTROLS: b6a1edfa
            00000043\t12.84652947\thaxm_warning:401e VMX_SECONDARY_PROCESSOR_CONTROLS: a2
            haxm_warning: haxm_warning: 4014 VMX_ENTRY_MSR_LOAD_COUNT: e
            4402 VM_EXIT_INFO_REASON: 80000021
            haxm_warning: 681e GUEST_RIP: fff0
            haxm_warning: 4826 : 0
            """
        let (snapshots, warnings) = try readDetected(text)
        #expect(warnings.isEmpty, "\(warnings)")
        let snapshot = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        #expect(snapshot.architecture == .vmx)
        #expect(snapshot.producer == "HAXM dump_vmcs")
        #expect(snapshot.integer("ctrl.pin_based") == 0x3f)
        #expect(snapshot.integer("ctrl.proc_based") == 0xb6a1_edfa)
        #expect(snapshot.integer("ctrl.proc_based2") == 0xa2)
        // A lone hex letter: 14 entries, not a word.
        #expect(snapshot.integer("ctrl.entry_msr_load_count") == 14)
        #expect(snapshot.integer("exit.reason") == 0x8000_0021)
        #expect(snapshot.integer("guest.rip") == 0xfff0)
        // `%04x : %llx` when HAXM has no name: read by the encoding.
        #expect(snapshot.integer("guest.activity_state") == 0)
    }

    @Test func messagesBeforeTheDumpAreItsMetadata() throws {
        let text = """
            haxm_error: vcpu_vmexit_handler(): The first vmexit reason is 48.
            haxm_error: exit_invalid_guest_state(): the vmexit counter is 5.
            haxm_panic: vcpu->tr:8b
            haxm_warning: 4000 VMX_PIN_CONTROLS: 3f
            haxm_warning: 4822 GUEST_TR_AR: 8b
            """
        let snapshot = try #require(try readDetected(text).snapshots.first)
        // 48 and 5 are "%d"; the TR access rights "%x".
        #expect(snapshot.metadata.map(\.key) == ["first_vmexit_reason", "vmexit_counter", "vcpu->tr"])
        #expect(snapshot.metadata.map(\.value) == ["48", "5", "0x8b"])
        #expect(snapshot.integer("guest.tr.ar") == 0x8b)
        #expect(snapshot.location == .line("t", 4))
    }

    /// A debug build's "....exit_reason.raw %x, cpu %d %d" after each exit (intel/haxm#193):
    /// the last one before the dump, a VM-entry failure's, is the dump's recorded failure.
    /// Ordinary exits' lines (bit 31 clear) are no failure; a later exit of the same CPUs
    /// drops it (the dump is that exit's), another CPU's does not.
    @Test func theRawExitReasonOfADebugBuildIsTheDumpsFailure() throws {
        let dump = ["haxm_warning:4000 VMX_PIN_CONTROLS: 1f", "haxm_warning:4002 VMX_PRIMARY_PROCESSOR_CONTROLS: 969861fa"]
        let cases: [(raw: [String], failures: [RecordedFailure.Kind])] = [
            (["1e, cpu 0 0", "80000021, cpu 0 0"], [.vmxExitReason(0x8000_0021)]),
            (["1e, cpu 0 0"], []),
            (["80000022, cpu 0 0", "2, cpu 0 0"], []),
            (["80000021, cpu 0 0", "1e, cpu 1 1"], [.vmxExitReason(0x8000_0021)]),
        ]
        for (raw, failures) in cases {
            let text = (raw.map { "haxm_debug:....exit_reason.raw " + $0 } + dump).joined(separator: "\n")
            let snapshot = try #require(try readDetected(text).snapshots.first)
            #expect(snapshot.failures.map(\.kind) == failures, "\(raw)")
            #expect(snapshot.integer("ctrl.pin_based") == 0x1f)
        }
        let snapshot = try #require(try readDetected("haxm_debug:....exit_reason.raw 1e, cpu 0 0\nhaxm_debug:....exit_reason.raw 80000021, cpu 0 0\n" + dump.joined(separator: "\n")).snapshots.first)
        #expect(snapshot.failures.first?.location == .line("t", 2))
    }

    /// macOS builds print `haxm_warn: ` (platforms/darwin), and `log show --style syslog` puts
    /// the sender `(intelhaxm)` before it (intel/haxm#152, a macOS capture, lines as posted).
    /// vcpu_vmexit_handler()'s "Unhandled vmx vmexit reason:%d" (decimal, the basic reason)
    /// before the dump is that dump's exit: 9, TASK_SWITCH.
    @Test func macOSUnifiedLogLinesAndTheUnhandledExit() throws {
        let text = """
            Timestamp                       (process)[PID]
            2019-01-11 13:26:08.124255+0800  localhost kernel[0]: (intelhaxm) cvcpu <private> vmid 0 vcpu_id 0
            2019-01-11 13:29:19.100928+0800  localhost kernel[0]: (intelhaxm) haxm_panic: Unhandled vmx vmexit reason:9
            2019-01-11 13:29:19.100933+0800  localhost kernel[0]: (intelhaxm) haxm_warn: 4000 VMX_PIN_CONTROLS: 1f
            2019-01-11 13:29:19.100937+0800  localhost kernel[0]: (intelhaxm) haxm_warn: 4002 VMX_PRIMARY_PROCESSOR_CONTROLS: 960061fa
            2019-01-11 13:29:19.100940+0800  localhost kernel[0]: (intelhaxm) haxm_warn: 401e VMX_SECONDARY_PROCESSOR_CONTROLS: aa
            2019-01-11 13:29:19.100943+0800  localhost kernel[0]: (intelhaxm) haxm_warn: 4004 VMX_EXCEPTION_BITMAP: 40000
            """
        let (snapshots, warnings) = try readDetected(text)
        // The one line without a level (a message HAXM prints bare) looks like name-value pairs.
        #expect(warnings.map(\.description) == ["t:2: cannot place this line: '(intelhaxm) cvcpu <private> vmid 0 vcpu_id 0'"])
        let snapshot = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        #expect(snapshot.producer == "HAXM dump_vmcs")
        #expect(snapshot.integer("ctrl.pin_based") == 0x1f)
        #expect(snapshot.integer("ctrl.proc_based") == 0x9600_61fa)
        #expect(snapshot.integer("ctrl.proc_based2") == 0xaa)
        #expect(snapshot.integer("ctrl.exception_bitmap") == 0x4_0000)
        #expect(snapshot.failures.map(\.kind) == [.vmxExitReason(9)])
        #expect(snapshot.failures.first?.location == .line("t", 3))
        let sentences = Explainer.explain(Decoder.decode(snapshot)).map(\.description)
        #expect(sentences.contains { $0.contains("basic reason 9 (TASK_SWITCH)") }, "\(sentences)")
        // dump_vmcs() follows the panic at once: with another message between them, the
        // reason is no later dump's.
        let stale = try readDetected(
            "haxm_panic: Unhandled vmx vmexit reason:9\nhaxm_error: vcpu_vmexit_handler(): The first vmexit reason is 48.\nhaxm_warning: 4000 VMX_PIN_CONTROLS: 3f\nhaxm_warning: 4002 VMX_PRIMARY_PROCESSOR_CONTROLS: 969861fa")
        #expect(stale.snapshots.first?.failures.isEmpty == true, "\(stale.snapshots.first?.failures ?? [])")
    }

    @Test func aFailedVMEntryWithoutADump() throws {
        // cpu_vmentry_failed(): "VM entry failed: RIP=%08lx", then
        // "VMfailValid. Prev exit: %llx. Error code: %llu (%s)": the error is decimal.
        let text = """
            haxm_error: VM entry failed: RIP=0000fff0
            haxm_error: VMfailValid. Prev exit: 1e. Error code: 12 (VMX_ERROR_VMREAD_VMWRITE_INVALID_COMPONENT)
            """
        let (snapshots, _) = try SnapshotReader.read(text, name: "t", settings: InputSettings(format: .fields))
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.producer == "HAXM cpu_vmentry_failed")
        #expect(snapshot.integer("guest.rip") == 0xfff0)
        #expect(snapshot.integer("exit.reason") == 0x1e)
        #expect(snapshot.integer("exit.instruction_error") == 12)
        #expect(snapshot.failures.map(\.kind) == [.vmInstructionError(12)])
        #expect(snapshot.metadata.contains { $0.key == "vm_instruction_error" && $0.value == "VMX_ERROR_VMREAD_VMWRITE_INVALID_COMPONENT" })
    }

    @Test func consecutiveDumpsAreTwoSnapshotsInterleavedOnesAreRefused() throws {
        let two = """
            haxm_warning: 4000 VMX_PIN_CONTROLS: 3f
            haxm_warning: 0000 VMX_VPID: 1
            haxm_warning: 4000 VMX_PIN_CONTROLS: 7f
            haxm_warning: 0000 VMX_VPID: 2
            """
        let snapshots = try readDetected(two).snapshots
        #expect(snapshots.map { $0.integer("ctrl.vpid") } == [1, 2])
        #expect(snapshots.map { $0.integer("ctrl.pin_based") } == [0x3f, 0x7f])
        let interleaved = """
            haxm_warning: 4000 VMX_PIN_CONTROLS: 3f
            haxm_warning: 4000 VMX_PIN_CONTROLS: 3f
            haxm_warning: 0000 VMX_VPID: 1
            haxm_warning: 0000 VMX_VPID: 2
            """
        #expect(
            performing: { try readDetected(interleaved) },
            throws: { error in
                (error as? InspectError)?.description
                    == "t:4: HAXM dumps of several vCPUs are interleaved here: VMX_VPID comes again inside the dump that began on line 2 with VMX_PIN_CONTROLS, and HAXM prints no vCPU number on its dump lines, so whose value is whose cannot be told; refused rather than merged (give one vCPU's dump alone)"
            })
    }

    @Test func printkCallerIDsTellVCPUsApart() throws {
        // With CONFIG_PRINTK_CALLER each vCPU thread's lines carry its id: two dumps, not a
        // refusal.
        let text = """
            [   12.000001][ T4242] haxm_warning: 4000 VMX_PIN_CONTROLS: 3f
            [   12.000001][ T4243] haxm_warning: 4000 VMX_PIN_CONTROLS: 7f
            [   12.000002][ T4243] haxm_warning: 0000 VMX_VPID: 2
            [   12.000002][ T4242] haxm_warning: 0000 VMX_VPID: 1
            """
        let snapshots = try readDetected(text).snapshots
        #expect(snapshots.map { $0.integer("ctrl.vpid") } == [1, 2])
        #expect(snapshots.map { $0.integer("ctrl.pin_based") } == [0x3f, 0x7f])
    }

    @Test func theEncodingWinsOverAMismatchedName() throws {
        let text = "haxm_warning: 4000 VMX_PRIMARY_PROCESSOR_CONTROLS: 3f\nhaxm_warning: 0000 VMX_VPID: 1\n"
        let (snapshots, warnings) = try SnapshotReader.read(text, name: "t", settings: InputSettings(format: .fields))
        #expect(snapshots.first?.integer("ctrl.pin_based") == 0x3f)
        #expect(snapshots.first?.integer("ctrl.proc_based") == nil)
        #expect(
            warnings.map(\.description) == [
                "t:1: HAXM names 0x4000 'VMX_PRIMARY_PROCESSOR_CONTROLS', which is CPU_BASED_VM_EXEC_CONTROL; read as PIN_BASED_VM_EXEC_CONTROL, by its encoding"
            ])
    }

    @Test func anEncodingTheCatalogLacksIsWarnedAbout() throws {
        // 0x4040 is no field of the catalog (yet): the line is named, not dropped in silence.
        let text = "haxm_warning: 4000 VMX_PIN_CONTROLS: 3f\nhaxm_warning: 4040 : 5\nhaxm_warning: 0000 VMX_VPID: 1\n"
        let (snapshots, warnings) = try readDetected(text)
        #expect(snapshots.first?.values.count == 2)
        #expect(warnings.map(\.description) == ["t:2: HAXM's 0x4040 is not a VMCS field this tool knows; ignored"])
    }

    @Test func otherHAXMMessagesAreNotFieldLines() throws {
        let text = """
            haxm_warning: Ignored guest CR8 write, val=0xf
            haxm_panic: Triple fault
            haxm_warning: 4000 VMX_PIN_CONTROLS: 1f
            haxm_warning: 0000 VMX_VPID: 1
            """
        let (snapshots, warnings) = try readDetected(text)
        #expect(warnings.isEmpty)
        #expect(snapshots.first?.metadata.map(\.value) == ["Triple fault"])
    }
}

/// Hobby hypervisors' `# NAME = 0x…` dumps and their `vmread(0x…) failed` lines.
@Suite struct HobbyFieldLogTests {
    @Test func failedReadsAreAbsentFieldsNamedInAWarning() throws {
        let text = """
            [ 9021.315014]  # VPID = 0x1
            [ 9021.315016]    # vmread(0x2) failed
            [ 9021.315017]    # RFLAGS: 0x242
            [ 9021.315018]  # POSTED_INTERRUPT_NOTIFICATION_VECTOR   INVALID_VALUE
            [ 9021.315022]  # GUEST_ES_SEL = 0x10
            [ 9021.315047]  # IO_BITMAP_A_FULL = 0x1000
            [ 9021.315049]  # IO_BITMAP_A_HIGH = 0x2
            """
        let (snapshots, warnings) = try readDetected(text)
        let snapshot = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        #expect(snapshot.integer("ctrl.vpid") == 1)
        #expect(snapshot.values["ctrl.posted_intr_nv"] == nil)
        // The VMCS holds RFLAGS for the guest only.
        #expect(snapshot.integer("guest.rflags") == 0x242)
        #expect(snapshot.notes["guest.rflags"] == ["named 'RFLAGS' in the input: the VMCS holds this register for the guest only"])
        #expect(snapshot.integer("guest.es.selector") == 0x10)
        #expect(snapshot.integer("ctrl.io_bitmap_a") == 0x2_0000_1000)
        #expect(
            warnings.map(\.description) == [
                "t:2: the producer could not read 0x0002 (POSTED_INTR_NV): the field is absent, not 0",
                "t:4: cannot read the value of 'POSTED_INTERRUPT_NOTIFICATION_VECTOR': 'INVALID_VALUE'",
            ])
    }

    @Test func aRegisterBothHaveIsNamedNotGuessed() throws {
        let (snapshots, warnings) = try SnapshotReader.read(name: "t", fields: "GUEST_CR0 = 0x80050033\nRIP = 0x1000\n")
        #expect(snapshots.first?.values["guest.rip"] == nil)
        #expect(snapshots.first?.values["host.rip"] == nil)
        #expect(
            warnings.map(\.description) == [
                "t:2: 'RIP' is a register the VMCS holds for both guest and host; ignored (name the field, such as GUEST_RIP or HOST_RIP)"
            ])
    }
}

/// Dune's `vmx_dump_cpu()` (kern/vmx.c): `"vmx: RIP 0x%016llx RFLAGS 0x%08lx\n"` and the rest,
/// and the messages before it.
@Suite struct DuneFieldLogTests {
    static let dump = """
        [  811.204417] unhandled exit: reason -2147483615, exit qualification 0
        [  811.204420] vmx: --- Begin VCPU Dump ---
        [  811.204423] vmx: CPU 3 VPID 7
        [  811.204426] vmx: RIP 0x00000000004005d0 RFLAGS 0x00000202
        [  811.204429] vmx: RAX 0x0000000000000000 RCX 0x00007ffc2b8e0e98
        [  811.204432] vmx: R8  0x0000000000400c90 R9  0x00007f6d3c3f8d00
        [  811.204435] vmx: RSP 0x00007ffc2b8e0da0 RBP 0x00007ffc2b8e0e90
        [  811.204438] vmx: FS.base 0x00007f6d3c1e3740 GS.base 0x0000000000000000
        [  811.204441] vmx: Dumping Stack Contents...
        [  811.204444] vmx: RSP+0  0x0000000000400b2e
        [  811.204447] vmx: RSP+8  ?
        [  811.204450] vmx: --- End VCPU Dump ---
        [  811.204453] vmx: stopping VCPU (VPID 7)
        """

    @Test func theDumpIsGuestStateOfAVMCS() throws {
        let (snapshots, warnings) = try readDetected(Self.dump)
        #expect(warnings.isEmpty, "\(warnings)")
        let snapshot = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        #expect(snapshot.architecture == .vmx)
        #expect(snapshot.producer == "Dune vmx_dump_cpu")
        #expect(snapshot.integer("guest.rip") == 0x4005d0)
        #expect(snapshot.integer("guest.rflags") == 0x202)
        #expect(snapshot.integer("guest.rsp") == 0x7ffc_2b8e_0da0)
        #expect(snapshot.integer("guest.fs.base") == 0x7f6d_3c1e_3740)
        #expect(snapshot.integer("guest.gs.base") == 0)
        #expect(snapshot.integer("ctrl.vpid") == 7)
        // "reason %d" of 0x80000021 as an int: -2147483615.
        #expect(snapshot.integer("exit.reason") == 0x8000_0021)
        #expect(snapshot.integer("exit.qualification") == 0)
        #expect(snapshot.failures.map(\.kind) == [.vmxExitReason(0x8000_0021)])
        let metadata = Dictionary(snapshot.metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(metadata["cpu"] == "3")
        #expect(metadata["RCX"] == "0x00007ffc2b8e0e98")
        #expect(metadata["R9"] == "0x00007f6d3c3f8d00")
        #expect(metadata["RSP+0"] == "0x0000000000400b2e")
        #expect(metadata["RSP+8"] == "?")
        #expect(snapshot.pageNotes == ["the VMCS has no field for RAX, RCX, RBP, R8, R9: kept as metadata"])
    }

    @Test func withoutEvidenceTheRegistersStayVendorNeutral() throws {
        // Only the register lines, as a paste that lost the rest: nothing names the vendor.
        let text = """
            vmx: --- Begin VCPU Dump ---
            vmx: RIP 0x00000000004005d0 RFLAGS 0x00000202
            vmx: RAX 0x0000000000000001 RCX 0x0000000000000002
            vmx: --- End VCPU Dump ---
            """
        let snapshot = try #require(try readDetected(text).snapshots.first)
        #expect(snapshot.architecture == .cpu)
        #expect(snapshot.integer("cpu.rip") == 0x4005d0)
        #expect(snapshot.integer("cpu.rax") == 1)
    }

    @Test func aVMfailIsAnInstructionErrorNotAnExitReason() throws {
        // vmx_run_vcpu(): "vmx: failure detected (err %x)", then it returns Linux's
        // VMX_EXIT_REASONS_FAILED_VMENTRY alone, which vmx_launch() prints with %d.
        let text = """
            vmx: failure detected (err 7)
            unhandled exit: reason -2147483648, exit qualification 0
            vmx: --- Begin VCPU Dump ---
            vmx: CPU 0 VPID 1
            vmx: RIP 0x0000000000401000 RFLAGS 0x00000002
            vmx: --- End VCPU Dump ---
            """
        let snapshot = try #require(try readDetected(text).snapshots.first)
        #expect(snapshot.integer("exit.instruction_error") == 7)
        #expect(snapshot.values["exit.reason"] == nil)
        #expect(snapshot.failures.map(\.kind) == [.vmInstructionError(7)])
    }
}

/// HyperPlatform's `VmmpDumpGuestState()` (vmm.cpp): `"Guest EsSelector   = %016Ix"` after its
/// log prefix, whose `#cpu` tells the processors apart; vm.cpp's `"VM_INSTRUCTION_ERROR = %Iu"`.
@Suite struct HyperPlatformFieldLogTests {
    static func line(_ cpu: Int, _ message: String, level: String = "DBG", function: String = "VmmpDumpGuestState") -> String {
        "13:45:02.117\t\(level)\t#\(cpu)\t    4\t  12\(cpu)\tSystem         \t\(function.padding(toLength: 40, withPad: " ", startingAt: 0))\t\(message)"
    }

    @Test func eachProcessorIsASnapshotOfItsOwn() throws {
        let text = [
            Self.line(2, "Guest EsSelector   = 000000000000002b"), Self.line(1, "Guest EsSelector   = 0000000000000000"),
            Self.line(2, "Guest CsArBytes    = 000000000000209b"), Self.line(1, "Guest CsArBytes    = 000000000000a09b"),
            Self.line(2, "Guest Ia32Debugctl = 0000000000000000"),
            Self.line(2, "VM_INSTRUCTION_ERROR = 12", level: "ERR", function: "VmpInitializeVm"),
        ].joined(separator: "\n")
        let (snapshots, warnings) = try readDetected(text)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(snapshots.count == 2)
        let cpu2 = try #require(snapshots.first)
        #expect(cpu2.producer == "HyperPlatform VmmpDumpGuestState")
        #expect(cpu2.integer("guest.es.selector") == 0x2b)
        #expect(cpu2.integer("guest.cs.ar") == 0x209b)
        #expect(cpu2.integer("guest.ia32_debugctl") == 0)
        // %Iu: twelve, not 0x12.
        #expect(cpu2.integer("exit.instruction_error") == 12)
        #expect(cpu2.failures.map(\.kind) == [.vmInstructionError(12)])
        #expect(snapshots.last?.integer("guest.es.selector") == 0)
        #expect(snapshots.last?.integer("guest.cs.ar") == 0xa09b)
    }
}

/// NoirVisor's `nvc_vt_dump_vmcs_guest_state()` (src/vt_core/vt_exit.c, HEAD 08dd5ec) and the
/// launch messages of vt_main.c.
@Suite struct NoirVisorFieldLogTests {
    @Test func everyLineOfTheDump() throws {
        let text = """
            [NoirVisor] Error while launching the Guest! VMX Status: 1
            [NoirVisor] Failed at VM-Entry, Code=7\t Reason: VM-Entry failed due to invalid control fields!
            [NoirVisor] Dumping VMCS Guest State Area...
            [NoirVisor] Guest CS Segment - Selector: 0x10\t Access-Rights: 0x209B\t Limit: 0x0\t Base: 0x0000000000000000
            [NoirVisor] Guest Task Register - Selector: 0x40\t Access-Rights: 0x8B\t Limit: 0x67\t Base: 0xFFFF94001CC50000
            [NoirVisor] Guest LDT Register - Selector: 0x0\t Access-Rights: 0x10000\t Limit: 0x0\t Base: 0x0000000000000000
            [NoirVisor] Guest GDTR Limit: 0x57\t Base: 0xFFFF94001CC51FB0\t Guest IDTR Limit: 0xFFF\t Base: 0xFFFF94001CC4F000
            [NoirVisor] Guest Control & Debug Registers - CR0: 0x80050033\t CR3: 0x00000001AD000002\t CR4: 0x3726F0\t DR7: 0x400
            [NoirVisor] Guest Special GPRs: Rsp: 0xFFFF800012345678\t Rip: 0xFFFFF80000001000\t RFlags:0x246\t Ssp: 0x0000000000000000
            [NoirVisor] Guest Activity State: 10\t Interruptibility State: 0x8\t Pending Debug Exceptions: 0x0
            [NoirVisor] Guest EFER: 0xD01\t PAT: 0x7040600070406\t Debug Control: 0x0
            [NoirVisor] Guest VMCS Link Pointer: 0xFFFFFFFFFFFFFFFF
            [NoirVisor] Guest PDPTE0: 0x0\t PDPTE1: 0x1\t PDPTE2: 0x2\t PDPTE3: 0x3
            [NoirVisor] Pin-Based Controls: 0x3F\t Primary Controls: 0xB6A1EDFA\t Secondary Controls: 0x22EB\t Exception Bitmap: 0x60042
            [NoirVisor] VM-Exit Controls: 0x2FEFFF\t VM-Entry Controls: 0xD3FF
            [NoirVisor] EPT Pointer: 0x11C3E905E
            [NoirVisor] Event Injection: 0x0
            """
        let (snapshots, warnings) = try readDetected(text)
        #expect(warnings.isEmpty, "\(warnings)")
        let snapshot = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        #expect(snapshot.producer == "NoirVisor guest-state dump")
        let expected: [String: UInt64] = [
            "exit.instruction_error": 7, "guest.cs.selector": 0x10, "guest.cs.ar": 0x209b, "guest.cs.limit": 0, "guest.cs.base": 0,
            "guest.tr.selector": 0x40, "guest.tr.ar": 0x8b, "guest.tr.limit": 0x67, "guest.tr.base": 0xffff_9400_1cc5_0000,
            "guest.ldtr.selector": 0, "guest.ldtr.ar": 0x10000, "guest.ldtr.limit": 0, "guest.ldtr.base": 0, "guest.gdtr.limit": 0x57,
            "guest.gdtr.base": 0xffff_9400_1cc5_1fb0, "guest.idtr.limit": 0xfff,
            "guest.idtr.base": 0xffff_9400_1cc4_f000, "guest.cr0": 0x8005_0033, "guest.cr3": 0x1_ad00_0002, "guest.cr4": 0x37_26f0,
            "guest.dr7": 0x400, "guest.rsp": 0xffff_8000_1234_5678, "guest.rip": 0xffff_f800_0000_1000, "guest.rflags": 0x246,
            "guest.ssp": 0,
            // "%u": ten, not 0x10.
            "guest.activity_state": 10, "guest.interruptibility": 8, "guest.pending_dbg_exceptions": 0,
            "guest.ia32_efer": 0xd01, "guest.ia32_pat": 0x7_0406_0007_0406, "guest.ia32_debugctl": 0,
            "guest.vmcs_link_pointer": .max, "guest.pdptr0": 0, "guest.pdptr1": 1, "guest.pdptr2": 2, "guest.pdptr3": 3,
            "ctrl.pin_based": 0x3f, "ctrl.proc_based": 0xb6a1_edfa, "ctrl.proc_based2": 0x22eb, "ctrl.exception_bitmap": 0x60042,
            "ctrl.exit": 0x2f_efff, "ctrl.entry": 0xd3ff, "ctrl.ept_pointer": 0x1_1c3e_905e, "ctrl.entry_intr_info": 0,
        ]
        for (id, value) in expected { #expect(snapshot.integer(id) == value, "\(id)") }
        #expect(snapshot.values.count == expected.count)
        #expect(snapshot.failures.map(\.kind) == [.vmInstructionError(7)])
        #expect(snapshot.metadata.map(\.key) == ["vmx_status", "reason"])
    }
}

/// Bareflank v2.1's `vmcs::debug::dump()`: `bfdebug_nhex()` lines in ANSI colours, the CPU in
/// the bracket (bfsdk/include/bfdebug.h), `unsupported` for a field the processor lacks.
@Suite struct BareflankFieldLogTests {
    static func line(_ cpu: String, _ name: String?, _ value: String) -> String {
        let prefix = "\u{1b}[1;36m[\u{1b}[1;33m\(cpu)\u{1b}[1;36m] \u{1b}[0m\u{1b}[1;32mDEBUG\u{1b}[0m: "
        guard let name else { return prefix + value }
        return prefix + name.padding(toLength: 52 - cpu.count, withPad: " ", startingAt: 0) + value
    }

    /// Each CPU's tag opens a snapshot; past 256 open at once, the one opened first is
    /// finished, so a log of many tags is not held whole. 300 CPUs give 300 snapshots, in the
    /// order they started, each with its own value.
    @Test func manyCPUsAreSnapshotsWithoutHoldingThemAll() throws {
        let text = (0..<300).map { Self.line(String($0), "guest_rip", "0x\(String(0x1000 + $0, radix: 16))") }.joined(separator: "\n")
        let (snapshots, warnings) = try readDetected(text)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(snapshots.count == 300)
        #expect(snapshots.map { $0.integer("guest.rip") } == (0..<300).map { UInt64(0x1000 + $0) })
        #expect(snapshots.map(\.index) == Array(0..<300))
    }

    @Test func coloursAreTakenOffAndEachCPUIsASnapshot() throws {
        let text = [
            Self.line("0x1", nil, "16bit guest state fields"), Self.line("0x1", "guest_es_selector", "0x0000000000000010"),
            Self.line("0x1", "guest_interrupt_status", "unsupported"),
            Self.line("0x1", "pin_based_vm_execution_controls", "0x000000000000003f"),
            Self.line("0x1", "  - external_interrupt_exiting", "enabled"),
            Self.line("0x0", "guest_es_selector", "0x0000000000000018"), Self.line("0x0", "execption_bitmap", "0x0000000000060042"),
        ].joined(separator: "\n")
        let (snapshots, warnings) = try readDetected(text)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(snapshots.count == 2)
        #expect(snapshots.first?.producer == "Bareflank VMCS dump")
        #expect(snapshots.first?.integer("guest.es.selector") == 0x10)
        #expect(snapshots.first?.integer("ctrl.pin_based") == 0x3f)
        #expect(snapshots.first?.values["guest.intr_status"] == nil)
        #expect(snapshots.first?.metadata.map(\.value) == ["guest_interrupt_status"])
        #expect(snapshots.last?.integer("guest.es.selector") == 0x18)
        #expect(snapshots.last?.integer("ctrl.exception_bitmap") == 0x60042)
    }
}

/// Kontain km's `dump_regs()` and `dump_sregs()` (km/km_vcpu_run.c): registers, and each segment
/// as KVM's `struct kvm_segment` members over two lines.
@Suite struct KontainFieldLogTests {
    @Test func segmentMembersBecomeAccessRights() throws {
        let text = """
            == KVM_GET_REGS ==
            RAX: 0x5affa890         RBX: 0x0                RCX: 0x0                RDX: 0xfbfe
            RIP: 0x7fffff5c5f40     RFLAGS: 0x46
            == KVM_GET_SREGS ==
            CS  base: 0x0                limit:0xffffffff selector: 0x10 type: 0xb present: 0x1
                dpl:0x0 db:0x0 s:0x1 l:0x1 g:0x1 avl:0x0 unusable:0x0
            DS  base: 0x0                limit:0x0 selector: 0x0 type: 0x0 present: 0x0
                dpl:0x0 db:0x0 s:0x0 l:0x0 g:0x0 avl:0x0 unusable:0x1
            LDT base: 0x0                limit:0xffff selector: 0x0 type: 0x2 present: 0x1
                dpl:0x0 db:0x0 s:0x0 l:0x0 g:0x0 avl:0x0 unusable:0x0
            GDT base: 0xfffffe0000001000 limit: 0x7f
            CR0: 0x80050033 CR2: 0x0 CR3: 0x10a6b2000 CR4: 0x3726f0 CR8: 0x0
            """
        let (snapshots, warnings) = try readDetected(text)
        #expect(warnings.isEmpty, "\(warnings)")
        let snapshot = try #require(snapshots.first)
        #expect(snapshots.count == 1)
        // KVM_EXIT_FAIL_ENTRY is both vendors': the state stays vendor-neutral.
        #expect(snapshot.architecture == .cpu)
        #expect(snapshot.producer == "Kontain km register dump")
        #expect(snapshot.integer("cpu.rax") == 0x5aff_a890)
        #expect(snapshot.integer("cpu.rflags") == 0x46)
        #expect(snapshot.integer("cpu.cs.limit") == 0xffff_ffff)
        // type 0xb, S, P, L, G: 0xb | 0x10 | 0x80 | 0x2000 | 0x8000.
        #expect(snapshot.integer("cpu.cs.ar") == 0xa09b)
        #expect(snapshot.integer("cpu.ds.ar") == 0x10000)
        // An LDT (type 2), present.
        #expect(snapshot.integer("cpu.ldtr.ar") == 0x82)
        #expect(snapshot.integer("cpu.ldtr.limit") == 0xffff)
        #expect(snapshot.integer("cpu.gdtr.base") == 0xffff_fe00_0000_1000)
        #expect(snapshot.integer("cpu.gdtr.limit") == 0x7f)
        #expect(snapshot.integer("cpu.cr3") == 0x1_0a6b_2000)
    }

    /// A paste cut after a segment's first line gives `type: 0xb` without `s:`. With S = 1 that
    /// type is code, execute/read, accessed; with S = 0 a busy 32-bit TSS (SDM Vol. 3 Tables
    /// 3-1 and 3-2). Neither is named: the TYPE row says the S bit (and the unusable bit, which
    /// decides whether any row applies) is missing, the S and DPL rows show `?`, and P (given)
    /// reads as set, if the segment is usable.
    @Test func aSegmentTypeWithoutItsSBitIsNotNamed() throws {
        let text = """
            == KVM_GET_REGS ==
            RIP: 0x7fffff5c5f40     RFLAGS: 0x46
            == KVM_GET_SREGS ==
            CS  base: 0x7fffeed269c6     limit:0xfffffff selector: 0x8 type: 0xb present: 0x1
            """
        let snapshot = try #require(try readDetected(text).snapshots.first)
        #expect(snapshot.integer("cpu.cs.ar") == 0x8b)
        let field = try #require(Decoder.decode(snapshot).field("cpu.cs.ar"))
        #expect(ValueText.summary(field) == ["TYPE=0xb (bits 16, 4 not in the input)", "P (bit 16 not in the input)"])
        let type = try #require(field.bits.first { $0.definition.id == "type" })
        #expect(type.valueName == nil)
        #expect(type.choosingUnknownBits == 0x10010)
        #expect(type.uncertainty == "read as if bits 16, 4 were all 0: the input does not give them")
        let present = try #require(field.bits.first { $0.definition.id == "p" })
        #expect(present.unknownBits == 0 && present.choosingUnknownBits == 0x10000 && present.isSet)
        let dpl = try #require(field.bits.first { $0.definition.id == "dpl" })
        #expect(dpl.unknownBits == 0x60 && dpl.uncertainty == "not in the input; read as if bit 16 were 0: the input does not give it")
        let renderer = TextRenderer(options: RenderOptions(color: false, width: 100)) { _ in }
        #expect(
            renderer.bitLine(type)
                == "         3:0    TYPE           0xb          system segment type (read as if bits 16, 4 were all 0: the input does not give them)\n")
        #expect(renderer.bitLine(dpl) == "         6:5    DPL            ?            descriptor privilege level (not in the input; read as if bit 16 were 0: the input does not give it)\n")
        let explained = Explainer.describe(field)
        #expect(explained.contains("system segment type: 0xb, read without bits 16, 4, which the input does not give"))
        #expect(!explained.contains("TSS"))

        // In JSON the unnamed rows say why, in the 32-bit field's places: TYPE is chosen by S
        // (bit 4) and the unusable bit (16); DPL's own bits 6:5 are absent, and bit 16 chooses
        // it; P is given, chosen by bit 16.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-\(getpid())-kontain-cut.log").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let json = try Rendered.json { try ShowCommand.run(ShowRequest(path: path, fields: ["cpu.cs.ar"]), to: $0) }.output
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let written = try #require((document["snapshots"] as? [[String: Any]])?.first)
        let fields = try #require(written["fields"] as? [[String: Any]])
        let bits = try #require(fields.first { $0["id"] as? String == "cpu.cs.ar" }?["bits"] as? [[String: Any]])
        func row(_ id: String) throws -> [String: Any] { try #require(bits.first { $0["id"] as? String == "cpu.cs.ar.\(id)" }) }
        #expect(try row("type")["value"] as? String == "0xb")
        #expect(try row("type")["value_name"] is NSNull)
        #expect(try row("type")["undecided_by"] as? String == "0x00010010")
        #expect(try row("type")["absent_bits"] == nil)
        #expect(try row("dpl")["absent_bits"] as? String == "0x00000060")
        #expect(try row("dpl")["undecided_by"] as? String == "0x00010000")
        #expect(try row("p")["absent_bits"] == nil)
        #expect(try row("p")["undecided_by"] as? String == "0x00010000")
    }
}

/// Detection: every sample of the named-value producers is a field log, and text that is not
/// one is not claimed.
@Suite struct FieldLogDetectionTests {
    @Test(arguments: [
        ("vmcs-ept-violation.haxm.log", "HAXM dump_vmcs"), ("vmcs-hobby.fields.log", "field log"), ("cpu.dune.log", "Dune vmx_dump_cpu"),
        ("vmcs-io.fields.log", "field log"), ("vmcs-vmread.fields.log", "field log"),
    ])
    func samplesAreFieldLogsOfTheirProducer(sample: String, producer: String) throws {
        let loaded = try Loaded(Package.path("samples/\(sample)"))
        #expect(loaded.format == .fields)
        #expect(!loaded.snapshots.isEmpty)
        #expect(loaded.snapshots.allSatisfy { $0.producer == producer })
    }

    static let others: [(String, String)] = [
        (
            "dmesg",
            """
            [    0.000000] Linux version 6.12.0-1-amd64 (debian-kernel@lists.debian.org) (gcc-14 (Debian 14.2.0-8) 14.2.0) #1 SMP PREEMPT_DYNAMIC
            [    0.000000] Command line: BOOT_IMAGE=/boot/vmlinuz-6.12.0-1-amd64 root=UUID=0b2e5c8e-1d2f-4e1a-9a51-7c0e5f3e7d21 ro quiet
            [    0.004000] x86/fpu: Supporting XSAVE feature 0x001: 'x87 floating point registers'
            [    0.004000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
            [    0.512345] kvm_intel: VMX not supported by CPU 0
            [    1.234567] usb 1-1: new high-speed USB device number 2 using xhci_hcd
            [    2.000000] EXT4-fs (sda1): mounted filesystem with ordered data mode. Quota mode: none.
            [    3.141592] e1000e 0000:00:1f.6 eno1: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx
            """
        ),
        (
            "oops",
            """
            [  812.123456] BUG: kernel NULL pointer dereference, address: 0000000000000008
            [  812.123460] #PF: supervisor read access in kernel mode
            [  812.123462] Oops: 0000 [#1] PREEMPT SMP NOPTI
            [  812.123465] CPU: 3 PID: 4242 Comm: qemu-system-x86 Not tainted 6.12.0 #1
            [  812.123467] Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.3-debian-1.16.3-2 04/01/2014
            [  812.123470] RIP: 0010:kvm_arch_vcpu_ioctl_run+0x2a/0x90 [kvm]
            [  812.123475] Code: 48 89 e5 41 57 41 56 41 55 41 54 53 48 83 ec 08 <48> 8b 47 08
            [  812.123478] RSP: 0018:ffffc90000013e48 EFLAGS: 00010246
            [  812.123480] RAX: 0000000000000000 RBX: ffff888100000000 RCX: 0000000000000000
            [  812.123482] RDX: 0000000000000001 RSI: 0000000000000000 RDI: ffff888104a2c000
            [  812.123484] RBP: ffffc90000013e70 R08: 0000000000000000 R09: 0000000000000000
            [  812.123486] FS:  00007f4b3c9ff740(0000) GS:ffff88813bc00000(0000) knlGS:0000000000000000
            [  812.123488] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033
            [  812.123490] CR2: 0000000000000008 CR3: 000000010a6b2000 CR4: 00000000003726f0
            [  812.123492] DR0: 0000000000000000 DR1: 0000000000000000 DR2: 0000000000000000
            [  812.123494] DR3: 0000000000000000 DR6: 00000000fffe0ff0 DR7: 0000000000000400
            [  812.123496] Call Trace:
            [  812.123498]  <TASK>
            [  812.123500]  kvm_vcpu_ioctl+0x1b0/0x6b0 [kvm]
            """
        ),
        (
            "prose",
            """
            Hi all,

            since upgrading the host to 6.12 our guests fail to start with an invalid guest state error.
            The exit reason is 0x80000021 and the qualification is 0; CR0 = 0x80050033 and RIP is in the BIOS.
            Any idea what changed? I can send the full dump if that helps.

            Thanks, Dana
            """
        ),
        (
            "qemu-command-line",
            "qemu-system-x86_64 -machine q35,accel=kvm -cpu host,vmx=on -m 4096 -smp 4 -drive file=disk.qcow2,if=virtio -netdev user,id=n0 -device virtio-net-pci,netdev=n0 -nographic -serial mon:stdio\n"
        ),
        (
            "lspci",
            """
            00:00.0 Host bridge: Intel Corporation 8th Gen Core Processor Host Bridge/DRAM Registers (rev 07)
            00:02.0 VGA compatible controller: Intel Corporation CoffeeLake-S GT2 [UHD Graphics 630] (rev 02)
            \tSubsystem: Dell Device 085a
            \tKernel driver in use: i915
            00:14.0 USB controller: Intel Corporation Cannon Lake PCH USB 3.1 xHCI Host Controller (rev 10)
            00:1f.6 Ethernet controller: Intel Corporation Ethernet Connection (7) I219-LM (rev 10)
            \tLatency: 0, IRQ: 130, IOMMU group: 12
            """
        ),
    ]

    @Test(arguments: others)
    func otherTextIsNotClaimed(name: String, text: String) {
        let head = HeadSample(bytes: Array(text.utf8), isWhole: true)
        let score = FieldLogReader.score(head)?.1.value ?? 0
        #expect(score < Score.threshold, "\(name): \(FieldLogReader.score(head)?.1.evidence ?? "")")
        #expect((try? SnapshotReader.detect(Array(text.utf8), name: name)) != .fields, "\(name)")
    }
}

/// How a field log's line is cut into tokens, by hand, and the byte path for ASCII lines against
/// the character path on every line of every sample and real paste.
@Suite struct FieldLogTokenTests {
    @Test func linesAreCutAtSpacesEqualsAndColons() {
        let cases: [(String, [String])] = [
            ("GUEST_RIP = 0xfff0", ["GUEST_RIP", "=", "0xfff0"]),
            ("a=1,b==2", ["a", "=", "1,b", "=", "=", "2"]),
            ("Heading: Rsp: 0x10", ["Heading", ":", "Rsp", ":", "0x10"]),
            ("limit:0xfffff RFlags:0x246", ["limit", ":", "0xfffff", "RFlags", ":", "0x246"]),
            ("x:y 1:2 :", ["x:y", "1:2", ":"]),  // no digit after the colon, no letter before it
            ("  RIP   0x10  ", ["RIP", "0x10"]),
            ("=", ["="]),
            ("", []),
            ("caf\u{E9}: 1", ["caf\u{E9}", ":", "1"]),  // the character path
        ]
        for (line, tokens) in cases { #expect(FieldLogReader.tokens(Substring(line)).map(String.init) == tokens, "\(line)") }
    }

    @Test func asciiLinesTokenizeAlikeOnBytesAndCharacters() throws {
        var paths: [String] = []
        for folder in ["samples", "Tests/Corpus"] {
            let root = Cores.root.appendingPathComponent(folder)
            paths += try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasSuffix(".bin") }.map {
                root.appendingPathComponent($0).path
            }
        }
        var lines = 0
        for name in paths {
            guard let data = FileManager.default.contents(atPath: name),
                let text = String(data: data, encoding: .utf8)
            else { continue }
            for line in text.split(whereSeparator: \.isNewline) where line.utf8.allSatisfy({ $0 < 0x80 }) {
                lines += 1
                #expect(FieldLogReader.asciiTokens(line) == FieldLogReader.characterTokens(line), "\(name): \(line)")
            }
        }
        #expect(lines > 5000)
    }
}
