import Foundation
import Testing

@Suite struct CheckEndToEndTests {
    @Test func exitStatusSaysWhetherARuleIsBroken() throws {
        let broken = try Binary.run(["check", "samples/vmcs-entry-failure.kvm-5.x.log"])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("samples/vmcs-entry-failure.kvm-5.x.log:1: error: [guest-tr-usable] GUEST_TR_AR_BYTES = 0x0001008b"))
        #expect(broken.stderr == "")
        let clean = try Binary.run(["check", "samples/vmcb-npf.bin"])
        #expect(clean.status == 0)
        #expect(clean.stdout.hasPrefix("samples/vmcb-npf.bin: 0 errors, 0 warnings"))
        // A profile is read, and one with a bad line is an input error naming the line.
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-e2e-\(getpid()).profile")
        try "MAXPHYADDR = 48\nIA32_VMX_BOGUS = 1\n".write(to: profile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: profile) }
        let bad = try Binary.run(["check", "--cpu", profile.path, "samples/vmcb-npf.bin"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(profile.path):2: unknown name 'IA32_VMX_BOGUS'"))
        let listed = try Binary.run(["check", "--list", "--json"])
        #expect(listed.status == 0)
        #expect(
            (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["schema"] as? String
                == "vmcs-inspect/check-list/2")
        let piped = try Binary.run(
            ["check", "--index", "0", "-"],
            stdin: try Data(contentsOf: Binary.root.appendingPathComponent("samples/vmcb-vmrun-failure.kvm.log")))
        #expect(piped.status == 1)
        #expect(piped.stdout.contains("<stdin>:1: error: [svm-efer-svme]"))
    }

    @Test func troubleAndUsage() throws {
        let truncated = try Binary.run(["check", "samples/malformed/truncated.bin"])
        #expect(truncated.status == 2)
        #expect(truncated.stdout == "")
        #expect(truncated.stderr.split(separator: "\n").count == 1)
        let noFile = try Binary.run(["check"])
        #expect(noFile.status == 64)
        let outOfRange = try Binary.run(["check", "--index", "5", "samples/vmcb-npf.bin"])
        #expect(outOfRange.status == 64)
        let list = try Binary.run(["check", "--list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("svm  svm-efer-svme"))
    }

    /// Several inputs, each snapshot under a header; JSON Lines with a report per snapshot.
    @Test func severalInputsAndJSONLines() throws {
        let result = try Binary.run(["check", "samples/vmcb-npf.bin", "samples/vmcb-vmrun-failure.kvm.log"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("VMCB samples/vmcb-npf.bin (raw page)\nsamples/vmcb-npf.bin: 0 errors, 0 warnings"))
        #expect(result.stdout.contains("\n\nVMCB samples/vmcb-vmrun-failure.kvm.log@0 (KVM dump_vmcb at line 1)\n"))
        let lines = try Binary.run(["check", "--jsonl", "samples/vmcs-several.kvm-4.x.log"])
        let objects = try lines.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["reference"] as? String } == (0...2).map { "samples/vmcs-several.kvm-4.x.log@\($0)" })
        #expect(objects.allSatisfy { $0["type"] as? String == "check" })
    }
}
