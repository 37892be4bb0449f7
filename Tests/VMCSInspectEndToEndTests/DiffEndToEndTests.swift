import Foundation
import Testing

/// `diff` as a user runs it.
@Suite struct DiffEndToEndTests {
    @Test func diffExitStatusFollowsDiff1() throws {
        let same = try Binary.run(["diff", "samples/vmcb-npf.bin", "samples/vmcb-npf.hexdump"])
        #expect(same.status == 0)
        #expect(
            same.stdout.hasSuffix(
                "0 fields differ, 0 only in samples/vmcb-npf.bin, 0 only in samples/vmcb-npf.hexdump, 121 unchanged (--all shows them)\n"))
        let differ = try Binary.run(["diff", "samples/vmcs-ept-violation.kvm-6.12.log", "samples/vmcs-entry-failure.kvm-5.x.log"])
        #expect(differ.status == 1)
        #expect(differ.stdout.contains("4822  GUEST_TR_AR_BYTES         0x0000008b → 0x0001008b +UNUSABLE"))
        let trouble = try Binary.run(["diff", "samples/vmcb-npf.bin", "samples/malformed/truncated.bin"])
        #expect(trouble.status == 2)
        #expect(trouble.stdout == "")
        let mixed = try Binary.run(["diff", "samples/vmcb-npf.bin", "samples/vmcs12-ept-violation.bin"])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.hasPrefix("vmcs-inspect: error: cannot compare a VMCB"))
    }
    @Test func diffPicksDumpsByIndex() throws {
        let consecutive = try Binary.run(["diff", "samples/vmcs-several.kvm-4.x.log"])
        #expect(consecutive.status == 1)
        #expect(consecutive.stdout.components(separatedBy: "--- samples/vmcs-several.kvm-4.x.log").count == 3)
        let picked = try Binary.run([
            "diff", "--group", "exit_info", "samples/vmcs-several.kvm-4.x.log@0", "samples/vmcs-several.kvm-4.x.log@2",
        ])
        #expect(picked.status == 1)
        #expect(picked.stdout.contains("BASIC IO_INSTRUCTION→EPT_VIOLATION"))
        let ambiguous = try Binary.run(["diff", "samples/vmcs-several.kvm-4.x.log", "samples/vmcs-pf.xen.log"])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("holds 3 dumps: name one as samples/vmcs-several.kvm-4.x.log@N"))
        // --ignore takes a comma list or one name per flag, and never the inputs after it.
        let ignored = try Binary.run([
            "diff", "--ignore", "exit_code,exit_info_1", "--ignore", "exit_info_2", "--ignore", "efer", "samples/vmcb-ioio.kvm.log",
            "samples/vmcb-vmrun-failure.kvm.log",
        ])
        #expect(ignored.status == 0)
        #expect(
            ignored.stdout.hasSuffix(
                "0 fields differ, 0 only in samples/vmcb-ioio.kvm.log@0, 0 only in samples/vmcb-vmrun-failure.kvm.log@0, 97 unchanged (--all shows them)\n"
            ))
        // A bit alone: EFER differs only in SVME (0x1d01 against 0xd01, bit 12).
        let bit = try Binary.run([
            "diff", "--ignore", "exit_code,exit_info_1,exit_info_2", "--ignore", "save.efer.svme", "samples/vmcb-ioio.kvm.log",
            "samples/vmcb-vmrun-failure.kvm.log",
        ])
        #expect(bit.status == 0, "\(bit.stdout)")
    }
    @Test func diffJSON() throws {
        let result = try Binary.run(["diff", "--json", "samples/vmcb-ioio.kvm.log", "samples/vmcb-vmrun-failure.kvm.log"])
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "vmcs-inspect/diff/2")
    }
}
