import Foundation
import Testing

@testable import VMCSInspect

/// Golden cases for diff and explain, and the hand-written expectations they rest on.
@Suite struct DiffGoldenTests {
    static let cases: [(String, [String], Bool)] = [
        ("vmcs-ept-violation--entry-failure", ["vmcs-ept-violation.kvm-6.12.log", "vmcs-entry-failure.kvm-5.x.log"], false),
        ("vmcs-ept-violation--entry-failure", ["vmcs-ept-violation.kvm-6.12.log", "vmcs-entry-failure.kvm-5.x.log"], true),
        ("vmcb-ioio--vmrun-failure", ["vmcb-ioio.kvm.log", "vmcb-vmrun-failure.kvm.log"], false),
        ("vmcb-ioio--vmrun-failure", ["vmcb-ioio.kvm.log", "vmcb-vmrun-failure.kvm.log"], true),
        ("vmcs-several", ["vmcs-several.kvm-4.x.log"], false),
        ("vmcb-npf-page--log", ["vmcb-npf.bin", "vmcb-npf.kvm.log"], false),
    ]

    @Test(arguments: cases.indices)
    func golden(_ index: Int) throws {
        let (name, samples, json) = Self.cases[index]
        let request = DiffRequest(
            inputs: samples.map { InputReference(path: Package.path("samples/\($0)")) }, displayNames: samples.map { "samples/\($0)" })
        let result =
            json ? try Rendered.json { try DiffCommand.run(request, to: $0) } : try Rendered.text { try DiffCommand.run(request, to: $0) }
        #expect(result.outcome.answerIsNo)
        try GoldenFile.check(result.output, "diff/\(name).\(json ? "json" : "txt")")
    }

    @Test func identicalInputsHaveNoDifferences() throws {
        let request = DiffRequest(inputs: [
            InputReference(path: Package.path("samples/vmcb-npf.bin")), InputReference(path: Package.path("samples/vmcb-npf.xxd")),
        ])
        #expect(try Rendered.text { try DiffCommand.run(request, to: $0) }.outcome.answerIsNo == false)
    }

    @Test func bitLevelChangesInWords() throws {
        // CR4 0x3506f0 → 0x3526f0 sets VMXE (bit 13); CS access rights lose L (13) and gain D/B (14).
        var a = Snapshot(architecture: .vmx, source: "a", format: .fields, location: SourceLocation(file: "a"))
        a.values = ["guest.cr4": .integer(0x35_06f0), "guest.cs.ar": .integer(0xa09b), "guest.rip": .integer(1)]
        var b = a
        b.values["guest.cr4"] = .integer(0x35_26f0)
        b.values["guest.cs.ar"] = .integer(0xc09b)
        b.values["guest.rip"] = nil
        b.values["guest.rsp"] = .integer(2)
        let diff = try SnapshotDiff.compare(Decoder.decode(a, catalog: .vmcs), Decoder.decode(b, catalog: .vmcs))
        let cr4 = try #require(diff.fields.first { $0.definition.id == "guest.cr4" })
        #expect(cr4.bits.map(\.text) == ["+VMXE"])
        let cs = try #require(diff.fields.first { $0.definition.id == "guest.cs.ar" })
        #expect(cs.bits.map(\.text) == ["-L", "+D/B"])
        #expect(diff.onlyOld.map(\.definition.id) == ["guest.rip"])
        #expect(diff.onlyNew.map(\.definition.id) == ["guest.rsp"])
        #expect(diff.unchanged.isEmpty)
    }

    /// A side whose row its input cannot decide is not named in a change. CS access rights
    /// 0xa09b (S set: TYPE 0xb is code, execute/read, accessed) against 0x83 from an input
    /// without bit 4 (S): read with S = 0, TYPE 3 would be a busy 16-bit TSS, with S = 1 data,
    /// read/write, accessed (SDM Vol. 3 Tables 3-1 and 3-2). L and G (bits 13 and 15) are given
    /// and clear; S, absent on one side, is not compared.
    @Test func changesOfRowsTheInputCannotDecideAreNotNamed() throws {
        var a = Snapshot(architecture: .vmx, source: "a", format: .fields, location: SourceLocation(file: "a"))
        a.values = ["guest.cs.ar": .integer(0xa09b)]
        var b = a
        b.values["guest.cs.ar"] = .integer(0x83)
        b.absentBits["guest.cs.ar"] = 1 << 4
        let diff = try SnapshotDiff.compare(Decoder.decode(a, catalog: .vmcs), Decoder.decode(b, catalog: .vmcs))
        let cs = try #require(diff.fields.first { $0.definition.id == "guest.cs.ar" })
        #expect(cs.bits.map(\.text) == ["TYPE code XR accessed→0x3 (bit 4 not in the input)", "-L", "-G"])
    }

    /// Bits outside every row, set on one side, are listed only where both inputs give them: the
    /// tertiary controls (64 bits, named in bits 8:0) with the high half not in the old input
    /// and bit 32 set in the new say nothing of bit 32; with both halves given, they do.
    @Test func unnamedBitsTheInputLacksAreNotCompared() throws {
        var a = Snapshot(architecture: .vmx, source: "a", format: .fields, location: SourceLocation(file: "a"))
        a.values = ["ctrl.proc_based3": .integer(0x10)]
        a.absentBits["ctrl.proc_based3"] = 0xffff_ffff_0000_0000
        var b = a
        b.values["ctrl.proc_based3"] = .integer(0x1_0000_0090)
        b.absentBits = [:]
        func compared(_ a: Snapshot) throws -> FieldComparison {
            let diff = try SnapshotDiff.compare(Decoder.decode(a, catalog: .vmcs), Decoder.decode(b, catalog: .vmcs))
            return try #require(diff.fields.first { $0.definition.id == "ctrl.proc_based3" })
        }
        let unsure = try compared(a)
        // 0x10 to 0x90: bit 7 (VIRT_SPEC_CTRL) set.
        #expect(unsure.bits.map(\.text) == ["+VIRT_SPEC_CTRL"])
        #expect(unsure.unnamedSet == 0 && unsure.unnamedCleared == 0)
        a.absentBits = [:]
        let sure = try compared(a)
        #expect(sure.bits.map(\.text) == ["+VIRT_SPEC_CTRL"])
        #expect(sure.unnamedSet == 1 << 32 && sure.unnamedCleared == 0)
    }

    @Test func architecturesMustMatch() throws {
        let request = DiffRequest(inputs: [
            InputReference(path: Package.path("samples/vmcb-npf.bin")),
            InputReference(path: Package.path("samples/vmcs12-ept-violation.bin")),
        ])
        #expect(throws: InspectError.self) { try Rendered.text { try DiffCommand.run(request, to: $0) } }
    }

    @Test func inputReferences() {
        #expect(InputReference.parse("kvm.log@2") == InputReference(path: "kvm.log", index: 2))
        #expect(InputReference.parse("kvm.log") == InputReference(path: "kvm.log"))
        #expect(InputReference.parse("user@host.log") == InputReference(path: "user@host.log"))
        #expect(InputReference.parse("@3") == InputReference(path: "@3"))
        #expect(InputReference.parse("core.elf@0x1000") == InputReference(path: "core.elf", physicalAddress: 0x1000))
        // A sign after 0x makes no address: the whole text is a file name.
        #expect(InputReference.parse("core.elf@0x+1000") == InputReference(path: "core.elf@0x+1000"))
    }
}

/// Every exit kind the decoders know, explained from bare numbers.
@Suite struct ExplainTests {
    static let vmxCases: [(String, [String: UInt64])] = [
        ("entry failure, invalid guest state", ["exit.reason": 0x8000_0021]),
        ("entry failure, MSR loading", ["exit.reason": 0x8000_0022, "exit.qualification": 2]),
        ("VMWRITE from a register", ["exit.reason": 25, "exit.instruction_info": 0x2000_0430, "exit.instruction_len": 3]),
        ("LTR from memory", ["exit.reason": 47, "exit.qualification": 8, "exit.instruction_info": 0x3041_8100]),
        ("RDSEED", ["exit.reason": 61, "exit.instruction_info": 0x1008]),
        (
            "#PF exception",
            ["exit.reason": 0, "exit.intr_info": 0x8000_0b0e, "exit.intr_error_code": 2, "exit.qualification": 0x7f4b_3c8e_1000]
        ),
        ("#DB exception", ["exit.reason": 0, "exit.intr_info": 0x8000_0301, "exit.qualification": 0x4000]),
        ("#GP exception", ["exit.reason": 0, "exit.intr_info": 0x8000_0b0d, "exit.intr_error_code": 0x18]),
        ("NMI", ["exit.reason": 0, "exit.intr_info": 0x8000_0202]),
        (
            "external interrupt during #PF delivery",
            ["exit.reason": 1, "exit.intr_info": 0x8000_00ec, "exit.idt_vectoring_info": 0x8000_0b0e, "exit.idt_vectoring_error_code": 2]
        ),
        ("triple fault", ["exit.reason": 2]),
        ("SIPI", ["exit.reason": 4, "exit.qualification": 0x9a]),
        ("I/O SMI", ["exit.reason": 5, "exit.qualification": 0x00b2_0000]),
        ("task switch", ["exit.reason": 9, "exit.qualification": 0x4000_0028]),
        ("CPUID", ["exit.reason": 10, "guest.rip": 0xffff_ffff_8100_1000, "exit.instruction_len": 2]),
        ("HLT", ["exit.reason": 12, "exit.instruction_len": 1, "guest.rip": 0xffff_ffff_81c0_2e8e]),
        ("INVLPG", ["exit.reason": 14, "exit.qualification": 0xffff_8880_0000_0000]),
        ("VMCLEAR", ["exit.reason": 19, "exit.qualification": 0x18]),
        ("MOV to CR3", ["exit.reason": 28, "exit.qualification": 0x3]),
        ("LMSW", ["exit.reason": 28, "exit.qualification": 0x1_0070]),
        ("MOV DR", ["exit.reason": 29, "exit.qualification": 0x107]),
        ("I/O instruction", ["exit.reason": 30, "exit.qualification": 0x01f0_0039]),
        ("RDMSR", ["exit.reason": 31]),
        ("WRMSR", ["exit.reason": 32]),
        ("APIC access", ["exit.reason": 44, "exit.qualification": 0x1300]),
        ("virtualized EOI", ["exit.reason": 45, "exit.qualification": 0x30]),
        ("LIDT", ["exit.reason": 46, "exit.qualification": 0x10]),
        (
            "EPT violation",
            [
                "exit.reason": 48, "exit.qualification": 0x181, "exit.guest_physical_address": 0xfebf_1000,
                "exit.guest_linear_address": 0xffff_c900_00a3_1000,
            ]
        ),
        ("EPT misconfiguration", ["exit.reason": 49, "exit.guest_physical_address": 0xfee0_0000]),
        ("preemption timer", ["exit.reason": 52]),
        ("APIC write", ["exit.reason": 56, "exit.qualification": 0x300]),
        ("PML full", ["exit.reason": 62, "exit.qualification": 0x1000]),
        ("instruction timeout", ["exit.reason": 75, "exit.qualification": 0x1]),
        ("unknown reason", ["exit.reason": 35]),
        ("instruction error", ["exit.instruction_error": 7]),
        ("exit from enclave with pending MTF", ["exit.reason": 0x1800_0030, "exit.qualification": 0x182]),
    ]

    static let svmCases: [(String, [String: UInt64])] = [
        ("VMRUN failure", ["control.exit_code": .max, "control.event_inj": 0x8000_0b0e, "control.event_inj_err": 2]),
        ("CR0 write with decode assists", ["control.exit_code": 0x10, "control.exit_info_1": 0x8000_0000_0000_0003]),
        ("DR7 read", ["control.exit_code": 0x27, "control.exit_info_1": 0x1]),
        ("#PF intercept", ["control.exit_code": 0x4e, "control.exit_info_1": 0x3, "control.exit_info_2": 0x7f4b_3c8e_1000]),
        ("#GP intercept", ["control.exit_code": 0x4d, "control.exit_info_1": 0x81]),
        ("INTR", ["control.exit_code": 0x60]),
        ("SWINT", ["control.exit_code": 0x75, "control.exit_info_1": 0x80]),
        ("HLT", ["control.exit_code": 0x78, "save.rip": 0xffff_ffff_81c0_2e8e, "control.next_rip": 0xffff_ffff_81c0_2e8f]),
        ("INVLPG", ["control.exit_code": 0x79, "control.exit_info_1": 0xffff_8880_0000_0000]),
        ("IOIO", ["control.exit_code": 0x7b, "control.exit_info_1": 0x03f8_0210, "control.exit_info_2": 0xffff_ffff_81a4_c2d7]),
        ("MSR write", ["control.exit_code": 0x7c, "control.exit_info_1": 1]),
        ("task switch", ["control.exit_code": 0x7d, "control.exit_info_1": 0x28, "control.exit_info_2": 0x0000_1010_0000_0018]),
        ("shutdown", ["control.exit_code": 0x7f]),
        ("EFER write trap", ["control.exit_code": 0x8f, "control.exit_info_1": 0x1d01]),
        ("CR4 write trap", ["control.exit_code": 0x94, "control.exit_info_1": 0x35_26f0]),
        (
            "NPF during event delivery",
            [
                "control.exit_code": 0x400, "control.exit_info_1": 0x2_0000_0005, "control.exit_info_2": 0x1_0a6b_2ff8,
                "control.exit_int_info": 0x8000_00ec,
            ]
        ),
        (
            "AVIC incomplete IPI",
            ["control.exit_code": 0x401, "control.exit_info_1": 0x0200_0000_0000_00fd, "control.exit_info_2": 0x1_0000_0002]
        ),
        ("AVIC unaccelerated access", ["control.exit_code": 0x402, "control.exit_info_1": 0x1_0000_0300]),
        ("VMGEXIT", ["control.exit_code": 0x403]),
        ("unknown code", ["control.exit_code": 0x4ff]),
    ]

    func explain(_ architecture: Architecture, _ values: [String: UInt64]) throws -> String {
        var snapshot = Snapshot(architecture: architecture, source: "numbers", format: .fields, location: SourceLocation(file: "numbers"))
        for (id, value) in values { snapshot.values[id] = .integer(value) }
        let sentences = Explainer.explain(Decoder.decode(snapshot), checkingState: false)
        return Document(.explain, [.explanation(ExplanationNode(header: nil, sentences: sentences))]).text
    }

    @Test func everyExitKindGolden() throws {
        var out = ""
        for (name, values) in Self.vmxCases {
            out += "vmx: \(name)\n" + (try explain(.vmx, values)) + "\n"
        }
        for (name, values) in Self.svmCases {
            out += "svm: \(name)\n" + (try explain(.svm, values)) + "\n"
        }
        try GoldenFile.check(out, "explain/numbers.txt")
    }

    @Test(arguments: GoldenTests.samples)
    func sampleGolden(sample: String) throws {
        let settings = InputSettings()
        let request = ExplainRequest(source: .inputs([Package.path("samples/\(sample)")], settings), displayNames: ["samples/\(sample)"])
        let output = try Rendered.text { try ExplainCommand.run(request, to: $0) }.output
        try GoldenFile.check(output, "explain/\(sample).txt")
    }

    /// A snapshot refused with VM-instruction error 7 names the control rule it breaks: virtual
    /// NMIs (pin-based bit 5) without NMI exiting (bit 3) in 0x77.
    @Test func refusedControlsNameTheirRule() throws {
        var snapshot = Snapshot(architecture: .vmx, source: "t", format: .fields, location: SourceLocation(file: "t"))
        snapshot.values = [
            "exit.instruction_error": .integer(7), "ctrl.pin_based": .integer(0x77), "ctrl.proc_based": .integer(0x8400_6172),
        ]
        let sentences = Explainer.explain(Decoder.decode(snapshot))
        #expect(sentences.count == 2)
        #expect(
            sentences.last?.text.hasPrefix(
                "The state breaks rule ctrl-virtual-nmis-require-nmi-exiting: PIN_BASED_VM_EXEC_CONTROL = 0x00000077") == true)
        // The same error number with no broken rule adds nothing: the field may be stale.
        snapshot.values["ctrl.pin_based"] = .integer(0x7f)
        #expect(Explainer.explain(Decoder.decode(snapshot)).count == 1)
    }

    /// Sentences written by hand from the manuals, checked word for word.
    @Test func handWrittenExpectations() throws {
        #expect(
            try explain(.vmx, ["exit.reason": 0x8000_0021]) == """
                  VM entry failed with invalid guest state: the guest-state area failed the VM-entry checks; exit reason 0x80000021 is basic reason 33 (INVALID_GUEST_STATE) with bit 31 set, and the guest did not run. [SDM Vol. 3 sections 27.3.1 and 27.8]

                """)
        #expect(
            try explain(.vmx, ["exit.instruction_error": 8])
                == "  VM-instruction error 8: VM entry with invalid host-state field(s). [SDM Vol. 3 section 31.4]\n")
        let npf = try explain(.svm, ["control.exit_code": 0x400, "control.exit_info_1": 0x1_0000_0004, "control.exit_info_2": 0xfee0_0000])
        #expect(npf.contains("EXITCODE 0x400 (VMEXIT_NPF)"))
        #expect(
            npf.contains(
                "the access was a user access (always one for guest accesses); fault on the final guest physical address translation"))
        #expect(npf.contains("faulting guest physical address: 0xfee00000"))
        let pf = try explain(.vmx, ["exit.reason": 0, "exit.intr_info": 0x8000_0b0e, "exit.intr_error_code": 2])
        // Intel's #PF error code: bit 1 is W/R, "write access"; bit 0 (P) clear is a not-present
        // page (SDM Vol. 3 section 4.7, Figure 4-12).
        #expect(
            pf.contains("The exiting event: hardware exception #PF (vector 14) with error code 0x2 (the page was not present; write access)."))
    }
}

/// Golden files: compared whole; `VMCS_INSPECT_RECORD=1` rewrites and fails.
enum GoldenFile {
    static func check(_ output: String, _ name: String) throws {
        let path = Package.path("Tests/VMCSInspectTests/Golden/\(name)")
        if ProcessInfo.processInfo.environment["VMCS_INSPECT_RECORD"] == "1" {
            try FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
            try output.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); unset VMCS_INSPECT_RECORD and review the change")
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if output != expected {
            Issue.record("\(name) differs:\n\(LineDiff.describe(expected: expected, actual: output))")
        }
    }
}
