import Foundation
import Testing

@testable import VMCSInspect

/// The KVM trace reader, against values worked by hand from each printer's format string
/// (Linux arch/x86/kvm/trace.h across versions, libtraceevent's plugin_kvm.c, the line layouts
/// of ftrace, trace-cmd and perf) and from the manuals' field layouts.
@Suite struct KVMTraceReaderTests {
    /// A trace read whole, with its warnings as text.
    struct Read {
        let contents: TraceSummary.Contents
        var snapshots: [Snapshot] { contents.snapshots }
        var events: [TraceEvent] { contents.events }
        var warnings: [String] { contents.warnings.map(\.description) }

        func metadata(_ key: String, _ index: Int = 0) -> String? {
            snapshots[index].metadata.first { $0.key == key }?.value
        }
    }

    func read(_ text: String, format: InputFormat? = nil) throws -> Read {
        let contents = try #require(try TraceSummary.read(text, name: "t", settings: InputSettings(format: format)))
        return Read(contents: contents)
    }

    // MARK: kvm_exit, each kernel's format

    /// 6.14 and later: "vcpu %u reason %s%s%s rip 0x%lx info1 0x%016llx info2 0x%016llx
    /// intr_info 0x%08x error_code 0x%08x requests 0x%016llx", here in trace_pipe with the
    /// record-tgid column.
    @Test func linux6_14WithRequestsAndTGID() throws {
        let t = try read(
            "       CPU 0/KVM-4187    (   4170) [003] d....  3011.100402: kvm_exit: vcpu 0 reason EXTERNAL_INTERRUPT rip 0xffffffff81e0f1ab info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x800000ec error_code 0x00000000 requests 0x0000000000004000\n"
        )
        let s = try #require(t.snapshots.first)
        #expect(s.architecture == .vmx)
        #expect(s.format == .trace)
        #expect(s.integer("exit.reason") == 1)
        #expect(s.integer("guest.rip") == 0xffff_ffff_81e0_f1ab)
        #expect(s.integer("exit.qualification") == 0)
        #expect(s.integer("exit.idt_vectoring_info") == 0)
        #expect(s.integer("exit.intr_info") == 0x8000_00ec)
        // An external interrupt has no error code: KVM prints 0 without reading the field.
        #expect(s.values["exit.intr_error_code"] == nil)
        #expect(t.metadata("requests") == "0x4000")
        #expect(t.metadata("task") == "CPU 0/KVM")
        #expect(t.metadata("pid") == "4187")
        #expect(t.metadata("tgid") == "4170")
        #expect(t.metadata("cpu") == "3")
        #expect(t.metadata("time") == "3011.100402")
        #expect(t.metadata("vcpu") == "0")
        #expect(t.metadata("reason") == "EXTERNAL_INTERRUPT")
        #expect(t.warnings.isEmpty)
    }

    /// 5.10 to 6.13: error_code is the VM-exit interruption error code only when intr_info is
    /// a valid hardware exception with its error-code bit (0x80000b0e: #PF, bit 11).
    @Test func errorCodeOnlyWhenTheInterruptionHasOne() throws {
        let t = try read(
            """
            qemu-system-x86-18971   [015] d.... 95922.997039: kvm_exit: vcpu 0 reason EXCEPTION_NMI rip 0xfd0bd info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x80000b0e error_code 0x00000006
            qemu-system-x86-18971   [015] d.... 95922.997040: kvm_entry: vcpu 0, rip 0xfd0bd
            qemu-system-x86-18971   [015] d.... 95922.997041: kvm_exit: vcpu 0 reason EXCEPTION_NMI rip 0xfd0bd info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x80000306 error_code 0x00000000

            """)
        #expect(t.snapshots.count == 2)
        #expect(t.snapshots[0].integer("exit.intr_info") == 0x8000_0b0e)
        #expect(t.snapshots[0].integer("exit.intr_error_code") == 6)
        #expect(t.snapshots[1].integer("exit.intr_info") == 0x8000_0306)
        #expect(t.snapshots[1].values["exit.intr_error_code"] == nil)
        #expect(t.metadata("task") == "qemu-system-x86")
        #expect(t.metadata("cpu") == "15")
    }

    /// kvm_print_exit_reason(): the basic reason's name, then the flag names; a failed entry
    /// prints 0 for info2, intr_info and error_code (vmx_get_exit_info() since 5.10).
    @Test func failedEntryAndFlags() throws {
        let t = try read(
            """
            CPU 0/KVM-4187 [003] d.... 812.006001: kvm_exit: vcpu 0 reason INVALID_STATE FAILED_VMENTRY rip 0xfff0 info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000
            CPU 0/KVM-4187 [003] d.... 812.006101: kvm_exit: vcpu 0 reason EPT_VIOLATION 0x8000000 rip 0xfff0 info1 0x0000000000000181 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000

            """)
        let failed = t.snapshots[0]
        #expect(failed.integer("exit.reason") == 0x8000_0021)
        #expect(failed.values["exit.intr_info"] == nil)
        #expect(failed.values["exit.idt_vectoring_info"] == nil)
        #expect(failed.values["exit.intr_error_code"] == nil)
        #expect(failed.failures.map(\.kind) == [.vmxExitReason(0x8000_0021)])
        #expect(failed.pageNotes.contains { $0.hasPrefix("KVM prints info2, intr_info and error_code as 0") })
        // Bit 27 (enclave mode) printed as the hex rest of the flags.
        #expect(t.snapshots[1].integer("exit.reason") == 0x0800_0030)
    }

    /// 5.4 to 5.9: "vcpu %u reason %s rip 0x%lx info %llx %llx", info2 the VM-exit
    /// interruption information; a real line whose pid overflows its 5 columns and whose comm
    /// holds a space.
    @Test func linux5_4InfoPair() throws {
        let t = try read("fc_vcpu 0-2779478 [077] .... 1820822.383989: kvm_exit: vcpu 0 reason EPT_VIOLATION rip 0x5a1b20 info 384 0\n")
        let s = try #require(t.snapshots.first)
        #expect(s.integer("exit.reason") == 48)
        #expect(s.integer("exit.qualification") == 0x384)
        #expect(s.integer("exit.intr_info") == 0)
        #expect(s.values["exit.idt_vectoring_info"] == nil)
        #expect(t.metadata("task") == "fc_vcpu 0")
        #expect(t.metadata("pid") == "2779478")
        #expect(t.metadata("cpu") == "77")
    }

    /// Up to 5.3 the reason was printed whole: a failed entry is `0x80000021`, which names no
    /// vendor; the trace's VMX names do.
    @Test func linux4HexReasonTakesTheTracesVendor() throws {
        let alone = try read(" qemu-system-x86-2911  [002] .... 15321.442106: kvm_exit: reason 0x80000021 rip 0xfff0 info 0 0\n")
        #expect(alone.snapshots[0].architecture == .cpu)
        #expect(alone.snapshots[0].integer("cpu.rip") == 0xfff0)
        #expect(
            alone.warnings == [
                "t:1: the exit reason '0x80000021' names no vendor, and no line of the trace does: the event is kept without VMCS or VMCB fields"
            ])
        let t = try read(
            """
             qemu-system-x86-2911  [002] .... 15321.442106: kvm_exit: reason HLT rip 0xffffffff81e0f0de info 0 0
             qemu-system-x86-2911  [002] d... 15321.442110: kvm_entry: vcpu 0
             qemu-system-x86-2911  [002] .... 15321.442206: kvm_exit: reason 0x80000021 rip 0xfff0 info 0 0

            """)
        let s = t.snapshots[1]
        #expect(s.architecture == .vmx)
        #expect(s.integer("exit.reason") == 0x8000_0021)
        #expect(s.pageNotes.first?.hasPrefix("the reason '0x80000021' names no vendor; the trace is VMX's (line 1") == true)
        // The vCPU comes from the task's kvm_entry: 4.x kvm_exit has none.
        #expect(t.metadata("vcpu", 1) == "0 (from the kvm_entry at line 2)")
        // ftrace prints the kernel's own text: this form is a kernel's before 5.4, info2 the
        // interruption information.
        #expect(s.integer("exit.intr_info") == 0)
        #expect(t.warnings.isEmpty)
    }

    // MARK: libtraceevent's plugin

    /// The plugin prints "reason %s rip 0x%lx info %llx %llx" on every kernel and "UNKNOWN
    /// (%llu)" in decimal for a number its table lacks, the VMX flags included.
    @Test func pluginUnknownReasonIsDecimal() throws {
        let t = try read(
            """
            cpus=2
                   CPU 0/KVM-1001  [000]   700.000001: kvm_entry:            vcpu 0, rip 0xfff0
                   CPU 0/KVM-1001  [000]   700.000002: kvm_exit:             reason EPT_VIOLATION rip 0xfff0 info 181 0
                   CPU 0/KVM-1001  [000]   700.000003: kvm_entry:            vcpu 0, rip 0xfff0
                   CPU 0/KVM-1001  [000]   700.000004: kvm_exit:             reason UNKNOWN (2147483681) rip 0xfff0 info 0 0

            """)
        #expect(t.snapshots[1].architecture == .vmx)
        #expect(t.snapshots[1].integer("exit.reason") == 0x8000_0021)
        // kvm_entry's ", rip" says 5.9 or later: the plugin's info2 is IDT-vectoring information.
        #expect(t.snapshots[0].integer("exit.idt_vectoring_info") == 0)
        #expect(t.snapshots[0].values["exit.intr_info"] == nil)
        #expect(t.snapshots[0].producer == "kvm_exit trace event, trace-cmd report")
        // A failed entry from 5.10: the printed 0 is KVM's, not the VMCS's.
        #expect(t.snapshots[1].values["exit.idt_vectoring_info"] == nil)
    }

    /// With nothing that dates the kernel, the plugin's info2 is left unplaced, said once.
    @Test func pluginInfo2WithoutEvidenceIsNotPlaced() throws {
        let line = "       CPU 0/KVM-1001  [000]   700.000002: kvm_exit:             reason EXTERNAL_INTERRUPT rip 0x1000 info 0 800000ec\n"
        let t = try read(line + line)
        #expect(t.snapshots.count == 2)
        for s in t.snapshots {
            #expect(s.values["exit.intr_info"] == nil)
            #expect(s.values["exit.idt_vectoring_info"] == nil)
            #expect(s.metadata.contains { $0.key == "info2" && $0.value == "0x800000ec" })
        }
        #expect(t.warnings.count == 1)
        #expect(t.warnings.first?.hasPrefix("t:1: kvm_exit's info2 is not placed") == true)
        // A 4.x kvm_entry ("vcpu %u") dates it: VM_EXIT_INTR_INFO.
        let old = try read("       CPU 0/KVM-1001  [000]   700.000001: kvm_entry:            vcpu 0\n" + line)
        #expect(old.snapshots[0].integer("exit.intr_info") == 0x8000_00ec)
    }

    /// SVM: kernel names are lower case (`npf`, `PF excp`), the plugin's `EXIT_…`; the error
    /// code is EXITINTINFO's when VALID and VALID_ERR (bits 31 and 11) are set.
    @Test func svmNamesAndExitIntInfo() throws {
        let t = try read(
            """
                   CPU 0/KVM-5120  [001] d....  7120.000110: kvm_exit: vcpu 0 reason PF excp rip 0xffffffff8103c2a1 info1 0x0000000000000002 info2 0x00007f4b3c8e1000 intr_info 0x80000b0e error_code 0x00000004
                   CPU 0/KVM-5120  [001] d....  7120.000120: kvm_exit: vcpu 0 reason npf rip 0xffffffff8103c2a1 info1 0x0000000100000006 info2 0x00000000fee000b0 intr_info 0x00000000 error_code 0x00000000
                   CPU 0/KVM-5120  [001] d....  7120.000130: kvm_exit: vcpu 0 reason 0xffffffff rip 0xffffffff8103c2a1 info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000

            """)
        let pf = t.snapshots[0]
        #expect(pf.architecture == .svm)
        #expect(pf.integer("control.exit_code") == 0x4e)
        #expect(pf.integer("control.exit_info_1") == 2)
        #expect(pf.integer("control.exit_info_2") == 0x7f4b_3c8e_1000)
        #expect(pf.integer("save.rip") == 0xffff_ffff_8103_c2a1)
        #expect(pf.integer("control.exit_int_info") == 0x8000_0b0e)
        #expect(pf.integer("control.exit_int_info_err") == 4)
        #expect(t.snapshots[1].integer("control.exit_code") == 0x400)
        #expect(t.snapshots[1].values["control.exit_int_info_err"] == nil)
        // -1 does not match the kernel's 32-bit table: 0xffffffff, VMEXIT_INVALID.
        let invalid = t.snapshots[2]
        #expect(invalid.architecture == .svm)
        #expect(invalid.integer("control.exit_code") == UInt64.max)
        #expect(invalid.failures.map(\.kind) == [.svmExitCode(UInt64.max)])
        #expect(invalid.notes["control.exit_code"]?.first?.contains("-1") == true)
    }

    @Test func pluginSVMNames() throws {
        let t = try read(
            """
                   CPU 0/KVM-5120  [001]  5012.345610: kvm_exit:             reason EXIT_IOIO rip 0xffffffff81744a1f info 3f80211 ffffffff81744a20
                   CPU 0/KVM-5120  [001]  5012.345611: kvm_exit:             reason EXIT_ERR rip 0xffffffff81744a1f info 0 0

            """)
        #expect(t.snapshots[0].architecture == .svm)
        #expect(t.snapshots[0].integer("control.exit_code") == 0x7b)
        #expect(t.snapshots[0].integer("control.exit_info_1") == 0x3f8_0211)
        #expect(t.snapshots[0].integer("control.exit_info_2") == 0xffff_ffff_8174_4a20)
        #expect(t.snapshots[1].integer("control.exit_code") == UInt64.max)
    }

    // MARK: Nested events

    /// kvm_nested_vmexit before 5.10: "rip: 0x%016llx reason: %s ext_inf1: … ext_inf2: …
    /// ext_int: 0x%08x ext_int_err: 0x%08x" with, on VMX, the IDT-vectoring information in
    /// ext_inf2 and the interruption error code read from the VMCS as it is.
    @Test func nestedVMExitBefore5_10() throws {
        let t = try read(
            " kvm_nested_vmexit:    rip: 0xfffff8022f3d8350 reason: EXCEPTION_NMI ext_inf1: 0x0000000000000000 ext_inf2: 0x0000000080000b0e ext_int: 0x80000b0d ext_int_err: 0x00000010\n"
        )
        let s = try #require(t.snapshots.first)
        #expect(s.architecture == .vmx)
        #expect(s.integer("guest.rip") == 0xffff_f802_2f3d_8350)
        #expect(s.integer("exit.idt_vectoring_info") == 0x8000_0b0e)
        #expect(s.integer("exit.intr_info") == 0x8000_0b0d)
        #expect(s.integer("exit.intr_error_code") == 0x10)
        #expect(t.metadata("event") == "kvm_nested_vmexit")
    }

    /// kvm_nested_vmexit_inject: vmcs12's values as L1 reads them (no RIP); the plugin prints
    /// them in hex without 0x.
    @Test func nestedVMExitInject() throws {
        let t = try read(
            """
             kvm_nested_vmexit_inject: reason: EXTERNAL_INTERRUPT ext_inf1: 0x0000000000000000 ext_inf2: 0x0000000000000000 ext_int: 0x80000060 ext_int_err: 0x00000000
             kvm_nested_vmexit_inject: reason EXIT_NPF info1 200000006 info2 1ab000 int_info 0 int_info_err 0

            """)
        let vmx = t.snapshots[0]
        #expect(vmx.architecture == .vmx)
        #expect(vmx.integer("exit.reason") == 1)
        #expect(vmx.integer("exit.intr_info") == 0x8000_0060)
        #expect(vmx.integer("exit.idt_vectoring_info") == 0)
        #expect(vmx.integer("exit.intr_error_code") == 0)
        #expect(vmx.values["guest.rip"] == nil)
        #expect(vmx.pageNotes.contains("the exit KVM reflects to L1: the vmcs12 values L1 reads, not the hardware exit"))
        let svm = t.snapshots[1]
        #expect(svm.architecture == .svm)
        #expect(svm.integer("control.exit_code") == 0x400)
        #expect(svm.integer("control.exit_info_1") == 0x2_0000_0006)
        #expect(svm.integer("control.exit_info_2") == 0x1a_b000)
        #expect(svm.integer("control.exit_int_info_err") == 0)
    }

    /// libtraceevent's plugin fails on 5.10's kvm_nested_vmexit and prints the kernel's text
    /// after its error, in two spellings by version.
    @Test(arguments: ["<CANT FIND FIELD rip>", "CAN'T FIND FIELD \"rip\"<CANT FIND FIELD exit_code>"])
    func pluginErrorPrefix(prefix: String) throws {
        let t = try read(
            "       CPU 1/KVM-5121  [003]  5012.350121: kvm_nested_vmexit:    \(prefix)vcpu 1 reason npf rip 0x401005 info1 0x0000000100000006 info2 0x0000000007fff000 intr_info 0x00000000 error_code 0x00000000\n"
        )
        let s = try #require(t.snapshots.first)
        #expect(s.architecture == .svm)
        #expect(s.integer("control.exit_info_2") == 0x7ff_f000)
        #expect(s.integer("save.rip") == 0x40_1005)
        #expect(t.metadata("vcpu") == "1")
    }

    /// Nested SVM events name the vendor of an exit that does not.
    @Test func nestedEventsNameTheVendor() throws {
        let t = try read(
            """
                   CPU 1/KVM-5121  [003]  5012.350104: kvm_nested_vmrun:     rip: 0xffffffffc0b3e2f1 vmcb: 0x0000000104a3c000 nrip: 0x0000000000401000 int_ctl: 0x01000000 event_inj: 0x00000000 npt: on
                   CPU 1/KVM-5121  [003]  5012.350120: kvm_exit:             reason UNKNOWN (153) rip 0x401005 info 0 0

            """)
        #expect(t.snapshots[0].architecture == .svm)
        #expect(t.snapshots[0].integer("control.exit_code") == 0x99)
    }

    // MARK: Events around an exit

    /// kvm_page_fault after an EPT violation gives its GPA (handle_ept_violation() traces
    /// GUEST_PHYSICAL_ADDRESS); the re-injected exception gives the IDT-vectoring error code.
    @Test func handlerEventsFillTheExit() throws {
        let t = try read(
            """
                   CPU 0/KVM-4187    [003] d....  2345.678905: kvm_exit: vcpu 0 reason EPT_VIOLATION rip 0xffffffff8104e5c6 info1 0x0000000000000181 info2 0x0000000080000b0e intr_info 0x00000000 error_code 0x00000000
                   CPU 1/KVM-4188    [005] d....  2345.678906: kvm_exit: vcpu 1 reason HLT rip 0xffffffff81e0f0de info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000
                   CPU 0/KVM-4187    [003] .....  2345.678907: kvm_page_fault: vcpu 0 rip 0xffffffff8104e5c6 address 0x000000011f2a35e8 error_code 0x181
                   CPU 0/KVM-4187    [003] .....  2345.678908: kvm_inj_exception: #PF (0x3) [reinjected]
                   CPU 0/KVM-4187    [003] d....  2345.678914: kvm_entry: vcpu 0, rip 0xffffffff8104e5c6

            """)
        let s = t.snapshots[0]
        #expect(s.integer("exit.guest_physical_address") == 0x1_1f2a_35e8)
        #expect(s.notes["exit.guest_physical_address"] == ["from the kvm_page_fault event at line 3"])
        #expect(s.integer("exit.idt_vectoring_error_code") == 3)
        #expect(s.metadata.map(\.key).suffix(3) == ["kvm_page_fault", "kvm_inj_exception", "kvm_entry"])
        // The other vCPU's exit, between them, takes none of them.
        #expect(!t.snapshots[1].metadata.contains { $0.key == "kvm_page_fault" })
        #expect(t.snapshots[1].values["exit.guest_physical_address"] == nil)
        // Snapshots in input order, one per exit.
        #expect(t.snapshots.map(\.index) == [0, 1])
        #expect(t.events.compactMap(\.exitIndex) == [0, 1])
    }

    /// `%d` fields are kept as 64-bit two's complement: -2^63 is 0x8000000000000000 (negating it
    /// as an Int64 trapped); below that no signed format prints, so the line matches none.
    @Test func signedFieldsAtTheirLimit() throws {
        let t = try read(
            """
             qemu-1234 [001] 10.000002: kvm_set_irq: gsi 1 level -9223372036854775808 source 0
             qemu-1234 [001] 10.000003: kvm_set_irq: gsi 1 level -1 source 0
             qemu-1234 [001] 10.000004: kvm_set_irq: gsi 1 level -9223372036854775809 source 0

            """, format: .trace)
        #expect(t.events[0].field("level") == .number(0x8000_0000_0000_0000))
        #expect(t.events[1].field("level") == .number(UInt64.max))
        #expect(t.events[2].field("level") == nil)
        #expect(t.warnings.count == 1)
        #expect(t.warnings.first?.contains("t:3: kvm_set_irq payload in no format this reader knows") == true)
    }

    /// A kvm_page_fault for another RIP is not this exit's fault.
    @Test func pageFaultOfAnotherRIPIsNotTheGPA() throws {
        let t = try read(
            """
                   CPU 0/KVM-4187    [003] d....  2345.678905: kvm_exit: vcpu 0 reason EPT_VIOLATION rip 0xffffffff8104e5c6 info1 0x0000000000000181 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000
                   CPU 0/KVM-4187    [003] .....  2345.678907: kvm_page_fault: vcpu 0 rip 0xffffffff81000000 address 0x000000011f2a35e8 error_code 0x181

            """)
        #expect(t.snapshots[0].values["exit.guest_physical_address"] == nil)
    }

    /// The raw fields libtraceevent prints for 6.1's kvm_inj_exception are decimal.
    @Test func failedToParseInjException() throws {
        let t = try read(
            """
                   CPU 1/KVM-5121  [003] d....  7120.004120: kvm_exit:             reason EXCEPTION_NMI rip 0x401005 info 0 0
                   CPU 1/KVM-5121  [003] .....  7120.004124: kvm_inj_exception:    [FAILED TO PARSE] exception=14 has_error=1 error_code=6 reinjected=0

            """)
        let event = t.events[1]
        #expect(event.field("vector") == .number(14))
        #expect(event.field("error_code") == .number(6))
        #expect(event.field("reinjected") == .number(0))
    }

    // MARK: Layouts

    @Test func traceCmdLatencyLayout() throws {
        let t = try read(
            "CPU 0/KV-20660   0.....   642.109573: kvm_exit:             reason EPT_VIOLATION rip 0xffffffff8104e5c6 info 181 0\n")
        #expect(t.metadata("task") == "CPU 0/KV")
        #expect(t.metadata("pid") == "20660")
        #expect(t.metadata("cpu") == "0")
        #expect(t.events[0].layout == "trace-cmd report -l")
    }

    @Test func perfScriptLayouts() throws {
        let t = try read(
            """
                   CPU 0/KVM  4187 [003]  2345.678905:           kvm:kvm_exit: vcpu 0 reason EPT_VIOLATION rip 0xffffffff8104e5c6 info1 0x0000000000000181 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000
                   CPU 0/KVM 23262/23262 [001]   725.258912:   kvm:kvm_emulate_insn: 0:1000:ba f8 03 (real)
            preempt_test  20677.199579:      kvm:kvm_exit: reason PREEMPTION_TIMER rip 0x40274d info 0 0 intr 0

            """)
        #expect(t.snapshots.count == 2)
        #expect(t.metadata("task") == "CPU 0/KVM")
        #expect(t.metadata("pid") == "4187")
        #expect(t.metadata("cpu") == "3")
        #expect(t.events[1].pid == 23262)
        #expect(t.events[1].field("rip") == .number(0x1000))
        #expect(t.metadata("task", 1) == "preempt_test")
        #expect(t.metadata("pid", 1) == nil)
        #expect(t.snapshots[1].integer("exit.reason") == 52)
        #expect(t.snapshots[1].integer("exit.intr_info") == 0)
        #expect(t.events.allSatisfy { $0.layout == "perf script" })
    }

    /// perf trace's default field mode: record fields in decimal, zero fields left out, the
    /// vendor in `isa`.
    @Test func perfTraceFieldMode() throws {
        let t = try read(
            """
                 0.004 CPU 0/KVM/4187 kvm:kvm_exit(exit_reason: 48, guest_rip: 18446744071579166150, isa: 1, info1: 385)
                 0.201 CPU 0/KVM/4187 kvm:kvm_exit(exit_reason: 1, guest_rip: 18446744071593587115, isa: 1, intr_info: 2147483884)
                 0.304 CPU 0/KVM/4187 kvm:kvm_exit(vcpu 0 reason EPT_VIOLATION rip 0xffffffff8104e5c6 info1 0x0000000000000181 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000)

            """)
        #expect(t.snapshots.count == 3)
        #expect(t.snapshots[0].architecture == .vmx)
        #expect(t.snapshots[0].integer("exit.reason") == 48)
        #expect(t.snapshots[0].integer("guest.rip") == 0xffff_ffff_8104_e5c6)
        #expect(t.snapshots[0].integer("exit.qualification") == 0x181)
        #expect(t.snapshots[1].integer("exit.intr_info") == 0x8000_00ec)
        // The intr_info field exists from 5.10: info2 (left out, so 0) is IDT-vectoring information.
        #expect(t.snapshots[1].integer("exit.idt_vectoring_info") == 0)
        #expect(t.snapshots[2].integer("exit.qualification") == 0x181)
        #expect(t.metadata("task") == "CPU 0/KVM")
        #expect(t.metadata("time") == "0.004")
    }

    /// perf trace without its task column (`--no-comm`): the event follows the time. The fuzzer
    /// found this line killing the reader with a reversed range.
    @Test func perfTraceWithoutTask() throws {
        let t = try read(
            """
            0.004 kvm:kvm_exit(exit_reason: 48, guest_rip: 18446744071579166150, isa: 1, info1: 385)
            0.201   kvm:kvm_exit(exit_reason: 12, isa: 1)

            """)
        #expect(t.snapshots.count == 2)
        #expect(t.snapshots[0].integer("exit.reason") == 48)
        #expect(t.snapshots[0].integer("exit.qualification") == 0x181)
        #expect(t.snapshots[1].integer("exit.reason") == 12)
        #expect(t.metadata("task") == nil)
        #expect(t.metadata("time", 1) == "0.201")
    }

    @Test func counterClockAndTimeDifference() throws {
        let t = try read(
            """
                           g-20054   [000] d..1.            5: kvm_exit: vcpu 0 reason HLT rip 0x1000 info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000
                   CPU 0/KVM-5120  [001]  5012.345610: (+12)    kvm_exit:             reason EXIT_HLT rip 0x1000 info 0 0

            """)
        #expect(t.snapshots.count == 2)
        #expect(t.metadata("time") == "5")
        #expect(t.metadata("time", 1) == "5012.345610")
    }

    // MARK: Pastes

    /// A mail client wrapped the lines at 72 columns and the reply quoted them: continuation
    /// lines are joined back while the event's format is not complete.
    @Test func wrappedAndQuotedLinesJoin() throws {
        let t = try read(
            """
            On Mon, someone wrote:
            > CPU 0/KVM-4187 [003] d.... 2345.678905: kvm_exit: vcpu 0 reason
            > EPT_VIOLATION rip 0xffffffff8104e5c6 info1 0x0000000000000181 info2
            > 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000
            > CPU 0/KVM-4187 [003] ..... 2345.678907: kvm_page_fault: vcpu 0 rip
            > 0xffffffff8104e5c6 address 0x000000011f2a35e8 error_code 0x181
            > CPU 0/KVM-4187 [003] d.... 2345.678914: kvm_entry: vcpu 0, rip 0xffffffff8104e5c6

            Thanks.

            """)
        #expect(t.warnings.isEmpty)
        #expect(t.events.count == 3)
        let s = try #require(t.snapshots.first)
        #expect(s.integer("exit.qualification") == 0x181)
        #expect(s.integer("exit.intr_info") == 0)
        #expect(s.integer("exit.guest_physical_address") == 0x1_1f2a_35e8)
        #expect(t.events[1].line == 5)
    }

    /// The indented continuation lines of a commit message (the real nSVM paste's shape).
    @Test func indentedContinuationLines() throws {
        let t = try read(
            """
              kvm_nested_vmrun:     rip: 0x000000007ffbb280 vmcb: 0x0000000008224000
                nrip: 0xffffffffffbbe119 int_ctl: 0x01020000 event_inj: 0x00000000
                npt: on
              kvm_exit:             reason EXIT_NPF rip 0xffffffffffbbe119 info
                200000006 1ab000

            """)
        #expect(t.warnings.isEmpty)
        #expect(t.events.count == 2)
        #expect(t.events[0].field("nrip") == .number(0xffff_ffff_ffbb_e119))
        #expect(t.events[0].field("npt") == .text("on"))
        #expect(t.snapshots[0].integer("control.exit_info_2") == 0x1a_b000)
    }

    @Test func cutAndUnknownPayloadsAreWarned() throws {
        let t = try read(
            """
                   CPU 0/KVM-4187    [003] d....  2345.690500: kvm_exit: vcpu 0 reason HLT rip 0xffffffff81e0f0de info1 0x00000
                   CPU 0/KVM-4187    [003] d....  2345.690600: kvm_exit: something else entirely
                   CPU 0/KVM-4187    [003] d....  2345.690
            CPU:2 [LOST 20 EVENTS]
                   CPU 0/KVM-4187    [003] .....  2345.690700: kvm_page_fault: address 7fc036f000 error_code 582              <-------- [1]

            """)
        #expect(
            t.warnings == [
                "t:1: the kvm_exit event ends before its format does ('vcpu 0 reason HLT rip 0xffffffff81e0f0de info1 0x00000'); read as far as it goes",
                "t:2: kvm_exit payload in no format this reader knows: 'something else entirely'",
                "t:3: cannot read this trace line: 'CPU 0/KVM-4187    [003] d....  2345.690'",
                "t:4: the trace says events were lost here ('CPU:2 [LOST 20 EVENTS]'): exits around it may lack their events",
                "t:5: text after the kvm_page_fault event is not read: '<-------- [1]'",
            ])
        #expect(t.snapshots.count == 1)
        #expect(t.snapshots[0].integer("exit.reason") == 12)
        #expect(t.snapshots[0].integer("guest.rip") == 0xffff_ffff_81e0_f0de)
        #expect(t.snapshots[0].values["exit.qualification"] == nil)
        #expect(t.events[2].field("address") == .number(0x7f_c036_f000))
    }

    @Test func vendorConflictIsWarned() throws {
        let t = try read(
            """
             kvm_exit:             reason HLT rip 0x1000 info 0 0
             kvm_exit:             reason EXIT_HLT rip 0x1000 info 0 0

            """)
        #expect(t.snapshots.map(\.architecture) == [.vmx, .svm])
        #expect(t.warnings.contains { $0.hasPrefix("t:2: the exit reason 'EXIT_HLT' is SVM's, but line 1 had the exit reason 'HLT'") })
    }

    /// Text from the input reaches the terminal only with its control characters escaped (an
    /// escape sequence is taken off as a terminal consumes it; a C1 CSI and BEL stay, escaped).
    @Test func controlCharactersAreEscaped() throws {
        // Enough ordinary lines that the input is text, not binary.
        let quiet = String(repeating: "       CPU 0/KVM-4187    [003] d....  2345.678900: kvm_fpu: load\n", count: 4)
        let t = try read(
            quiet
                + "       \u{1b}[1mevil\u{1b}]0;x\u{07}\u{9b}2J\u{07}-4187    [003] d....  2345.678905: kvm_exit: vcpu 0 reason HLT rip 0x1000 info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000\n"
        )
        #expect(t.metadata("task") == "evil\\x9b2J\\x07")
        #expect(TextRenderer.traceRow(t.events[4]).contains("evil\\x9b2J\\x07-4187"))
        #expect(!TextRenderer.traceRow(t.events[4]).contains("\u{1b}"))
    }

    /// Events before the first exit, other subsystems' events, headers: read, counted, never
    /// warned about; `@N` counts exits only.
    @Test func otherEventsAreCountedNotWarned() throws {
        let t = try read(
            """
            # tracer: nop
            #
                   CPU 0/KVM-4187    [003] d....  2345.678901: kvm_fpu: load
                   CPU 0/KVM-4187    [003] d....  2345.678902: sched_switch: prev_comm=CPU 0/KVM prev_pid=4187 prev_prio=120 prev_state=S ==> next_comm=swapper/3 next_pid=0 next_prio=120
                   CPU 0/KVM-4187    [003] d....  2345.678905: kvm_exit: vcpu 0 reason HLT rip 0x1000 info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000

            """)
        #expect(t.warnings.isEmpty)
        #expect(t.events.map(\.name) == ["kvm_fpu", "sched_switch", "kvm_exit"])
        #expect(t.events.map(\.exitIndex) == [nil, nil, 0])
        #expect(t.snapshots.count == 1)
    }

    /// `trace-cmd report -R` prints raw fields whose bare numbers take each format's base:
    /// listed, said once, only `0x` values read.
    @Test func rawFieldsAreListedNotRead() throws {
        let t = try read(
            """
            cpus=2
                   CPU 0/KVM-23030 [000]   720.229754: kvm_pio:               rw=1 port=0x3f8 size=1 count=1 val=0x41
                   CPU 0/KVM-23030 [000]   720.229757: kvm_userspace_exit:    reason=2 errno=0
                   CPU 0/KVM-23030 [000]   720.229760: kvm_exit:              reason EPT_VIOLATION rip 0xfff0 info 181 0

            """)
        #expect(
            t.warnings.filter { $0.contains("raw fields") } == [
                "t:2: events printed as raw fields (trace-cmd report -R) are listed, but their values are not read: a bare number's base is its format's, which the line does not show"
            ])
        #expect(t.events[0].field("port") == .number(0x3f8))
        #expect(t.events[1].field("reason") == nil)
    }

    /// The counts `show` ends with, by vendor and value, with the spellings printed.
    @Test func tallyOfTheSVMSample() throws {
        let contents = try #require(try TraceSummary.read(path: Package.path("samples/svm-exits.trace-cmd.txt")))
        let tally = contents.tally
        #expect(tally.exitTotal == 10)
        #expect(tally.eventTotal == 30)
        #expect(tally.architectures == [.svm])
        let first = try #require(tally.exits.first)
        #expect(first.reason.value == 0x400)
        #expect(first.count == 4)
        #expect(first.printed == ["EXIT_NPF", "npf"])
        #expect(TraceTally.name(first.reason) == "SVM 0x400 NPF")
        #expect(tally.exits.last.map { TraceTally.name($0.reason) } == "SVM -1 INVALID")
        #expect(tally.others.first?.name == "kvm_entry")
        #expect(tally.others.first?.count == 9)
        #expect(tally.layouts == ["trace-cmd report"])
    }

    // MARK: Streaming

    /// `FILE@N` stops once exit N is complete: at its task's next entry.
    @Test func selectionStopsAtTheExit() throws {
        var selection = try SnapshotSelection(
            InputReference(path: Package.path("samples/vmx-exits.ftrace.txt"), index: 0), settings: InputSettings())
        let first = try #require(try selection.next())
        #expect(first.integer("exit.reason") == 48)
        #expect(selection.reader.linesRead < 25)
    }

    /// Exits of tasks that never enter again are closed after a window of lines, so what is
    /// held stays bounded and the snapshots keep coming in order.
    @Test func manyTasksThatNeverReturn() throws {
        var text = ""
        for task in 0..<6000 {
            text +=
                "   t-\(10000 + task) [001] d.... \(task).000001: kvm_exit: vcpu 0 reason HLT rip 0x\(String(0x1000 + task, radix: 16)) info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000\n"
        }
        let reader = try SnapshotReader(bytes: Array(text.utf8), name: "t")
        var seen = 0
        var firstAt = 0
        while let snapshot = try reader.next() {
            #expect(snapshot.index == seen)
            #expect(snapshot.integer("guest.rip") == UInt64(0x1000 + seen))
            if seen == 0 { firstAt = reader.linesRead }
            seen += 1
        }
        #expect(seen == 6000)
        #expect(firstAt <= KVMTraceReader.attachWindow + 2)
    }

    /// Sample lines cut, spliced and sprinkled with bytes at random: read with warnings or
    /// refused, never a crash (seeded, so a failure repeats).
    @Test func mangledTracesNeverCrash() throws {
        var lines: [String] = []
        for sample in ["vmx-exits.ftrace.txt", "vmx-exits.kvm-4.x.trace", "svm-exits.trace-cmd.txt"] {
            let text = try String(contentsOfFile: Package.path("samples/\(sample)"), encoding: .utf8)
            lines += text.split(separator: "\n").map(String.init)
        }
        var seed: UInt64 = 0x5eed_7ace
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(max(bound, 1)))
        }
        let noise: [UInt8] = Array(" :[]()-0x=<>#\"'\t\u{1b}>|".utf8) + [0xc2, 0xa0, 0xff]
        for round in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<(5 + next(40)) {
                var line = Array(lines[next(lines.count)].utf8)
                switch next(5) {
                case 0: line = Array(line.prefix(next(line.count + 1)))
                case 1: line = Array(line.suffix(next(line.count + 1)))
                case 2:
                    for _ in 0..<(1 + next(6)) where !line.isEmpty { line[next(line.count)] = noise[next(noise.count)] }
                case 3: line = Array(line.prefix(next(line.count + 1))) + Array(lines[next(lines.count)].utf8.dropFirst(next(60)))
                default: break
                }
                bytes += line + [0x0a]
            }
            let text = String(decoding: bytes, as: UTF8.self)
            // Read, or refused with a located error; never a value wider than its field.
            let outcome = Result {
                let contents = try #require(try TraceSummary.read(text, name: "round \(round)", settings: InputSettings(format: .trace)))
                #expect(contents.snapshots.count == contents.events.count { $0.exitIndex != nil }, "round \(round)")
                return (snapshots: contents.snapshots, warnings: contents.warnings)
            }
            RobustnessTests.expectWellFormed(
                outcome, name: "round \(round)", lines: bytes.count { $0 == 0x0a }, "round \(round)")
        }
    }

    // MARK: Detection

    @Test(arguments: ["vmx-exits.ftrace.txt", "vmx-exits.kvm-4.x.trace", "svm-exits.trace-cmd.txt"])
    func samplesAreDetectedAsTraces(sample: String) throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Package.path("samples/\(sample)"))))
        #expect(try SnapshotReader.detect(bytes, name: sample) == .trace)
    }

    @Test(arguments: [
        "vmcb-npf.kvm.log", "vmcs-ept-violation.kvm-6.12.log", "vmcs-several.kvm-4.x.log", "vmcs-io.fields.log", "vmcs-pf.xen.log",
    ])
    func otherSamplesAreNotTraces(sample: String) throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Package.path("samples/\(sample)"))))
        #expect(try SnapshotReader.detect(bytes, name: sample) != .trace)
        #expect(KVMTraceReader.score(HeadSample(bytes: bytes, isWhole: true)) == nil)
    }

    @Test(arguments: [
        "[    0.000000] Linux version 6.12.0 (gcc version 14.2.0)\n[    1.234567] kvm_amd: TSC scaling supported\n[    1.234600] kvm_amd: Nested Virtualization enabled\n",
        "The kvm_exit: tracepoint shows the reason, e.g. EPT_VIOLATION, and the RIP.\nSee kvm_entry too.\n",
        "BUG: unable to handle page fault for address: ffffc90000a31000\nRIP: 0010:kvm_arch_vcpu_ioctl_run+0x1f/0x2a0 [kvm]\nCall Trace:\n kvm_vcpu_ioctl+0x2a8/0x6a0 [kvm]\n",
        "kvm_intel: VMCS 00000000b6f1d2a3, last attempted VM-entry on CPU 5\nkvm_intel: *** Guest State ***\n",
    ])
    func otherTextIsNotClaimed(text: String) {
        #expect(KVMTraceReader.score(HeadSample(bytes: Array(text.utf8), isWhole: true)) == nil)
    }
}

/// The exit-reason names of the catalog, as traces print them and as users type them.
@Suite struct KVMTraceExitNameTests {
    @Test func vmxNames() {
        #expect(IntelVMCSValues.exitReason(named: "EPT_VIOLATION") == 48)
        #expect(IntelVMCSValues.exitReason(named: "ept_violation") == 48)
        #expect(IntelVMCSValues.exitReason(named: "EXIT_REASON_EPT_VIOLATION") == 48)
        #expect(IntelVMCSValues.exitReason(named: "PENDING_INTERRUPT") == 7)
        #expect(IntelVMCSValues.exitReason(named: "INTERRUPT_WINDOW") == 7)
        #expect(IntelVMCSValues.exitReason(named: "VMOFF") == 26)
        #expect(IntelVMCSValues.exitReason(named: "VMXOFF") == 26)
        #expect(IntelVMCSValues.exitReason(named: "INVALID_GUEST_STATE") == 33)
        #expect(IntelVMCSValues.exitReason(named: "INVALID_STATE FAILED_VMENTRY") == 0x8000_0021)
        #expect(IntelVMCSValues.exitReason(named: "RSM") == 17)
        #expect(IntelVMCSValues.exitReason(named: "npf") == nil)
        #expect(IntelVMCSValues.exitReason(named: "48") == nil)
        #expect(IntelVMCSValues.exitReason(named: "") == nil)
        #expect(IntelVMCSValues.exitReason(named: "HLT FAILED") == nil)
    }

    @Test func svmNames() {
        #expect(AMDVMCBValues.exitCode(named: "npf") == 0x400)
        #expect(AMDVMCBValues.exitCode(named: "NPF") == 0x400)
        #expect(AMDVMCBValues.exitCode(named: "EXIT_NPF") == 0x400)
        #expect(AMDVMCBValues.exitCode(named: "VMEXIT_NPF") == 0x400)
        #expect(AMDVMCBValues.exitCode(named: "SVM_EXIT_NPF") == 0x400)
        #expect(AMDVMCBValues.exitCode(named: "hypercall") == 0x81)
        #expect(AMDVMCBValues.exitCode(named: "VMMCALL") == 0x81)
        #expect(AMDVMCBValues.exitCode(named: "interrupt") == 0x60)
        #expect(AMDVMCBValues.exitCode(named: "io") == 0x7b)
        #expect(AMDVMCBValues.exitCode(named: "IOIO") == 0x7b)
        #expect(AMDVMCBValues.exitCode(named: "PF excp") == 0x4e)
        #expect(AMDVMCBValues.exitCode(named: "EXIT_EXCP_GP") == 0x4d)
        #expect(AMDVMCBValues.exitCode(named: "EXIT_RSM") == 0x73)
        #expect(AMDVMCBValues.exitCode(named: "read_rt") == 0x69)
        #expect(AMDVMCBValues.exitCode(named: "idle-halt") == 0xa6)
        #expect(AMDVMCBValues.exitCode(named: "EXIT_ERR") == UInt64.max)
        #expect(AMDVMCBValues.exitCode(named: "VMEXIT_INVALID") == UInt64.max)
        #expect(AMDVMCBValues.exitCode(named: "EPT_VIOLATION") == nil)
        #expect(AMDVMCBValues.exitCode(named: "0x400") == nil)
    }

    /// Every row names a code the manual tables know, and no printed name means two things.
    @Test func rowsAgreeWithTheManualTables() {
        // MSR_READ_IMM and MSR_WRITE_IMM (84, 85) are in Linux 6.17's table, not in the SDM
        // revision the catalog follows.
        for row in KVMTraceExitNames.vmx where row.value < 84 {
            #expect(IntelVMCSValues.basicExitReasons[row.value] != nil, "\(row.name)")
            #expect(row.architecture == .vmx)
        }
        for row in KVMTraceExitNames.svm where row.value >> 31 & 1 == 0 || row.value == UInt64.max {
            #expect(AMDVMCBValues.exitCodes[row.value] != nil, "\(row.name)")
            #expect(row.architecture == .svm)
        }
        var seen: [String: UInt64] = [:]
        for row in KVMTraceExitNames.vmx + KVMTraceExitNames.svm {
            #expect(seen[row.name] == nil, "\(row.name) twice")
            seen[row.name] = row.value
        }
        #expect(KVMTraceExitNames.row(printed: "HLT")?.architecture == .vmx)
        #expect(KVMTraceExitNames.row(printed: "hlt")?.architecture == .svm)
    }
}
