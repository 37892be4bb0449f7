import Foundation
import Testing

/// `fields` as a user runs it.
@Suite struct FieldsEndToEndTests {
    @Test func fieldsListing() throws {
        let cr4 = try Binary.run(["fields", "--arch", "vmx", "cr4"])
        #expect(cr4.status == 0)
        #expect(cr4.stdout.contains("6804  GUEST_CR4"))
        #expect(!cr4.stdout.contains("AMD VMCB"))
        let both = try Binary.run(["fields", "exitinfo"])
        #expect(both.stdout.contains("078  8     exit_info_1"))
        let none = try Binary.run(["fields", "no-such-thing"])
        #expect(none.status == 1)
        let json = try Binary.run(["fields", "--json", "0x681e"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["fields"] as? [[String: Any]])?.first?["name"] as? String == "GUEST_RIP")
    }

    /// `fields --input`: the values the input holds, by hand from the sample's lines 3-5
    /// (`CR0: actual=0x0000000080050033`, `CR3 = 0x000000010a6b2000`,
    /// `CR4: actual=0x00000000003726f0`), and `absent`, not zero, for what KVM 6.12's dump_vmcs
    /// does not print (CET state: it prints no SSP).
    @Test func fieldsOfAnInput() throws {
        let crs = try Binary.run(["fields", "--input", "samples/vmcs-ept-violation.kvm-6.12.log", "guest_cr"])
        #expect(crs.status == 0)
        #expect(crs.stdout.hasPrefix("Intel VMCS (SDM Vol. 3 Appendix B): 3 fields, 3 held by samples/vmcs-ept-violation.kvm-6.12.log\n"))
        #expect(crs.stdout.contains("6800  GUEST_CR0   natural  guest      Guest CR0  0x0000000080050033\n"))
        #expect(crs.stdout.contains("6802  GUEST_CR3   natural  guest      Guest CR3  0x000000010a6b2000\n"))
        #expect(crs.stdout.contains("6804  GUEST_CR4   natural  guest      Guest CR4  0x00000000003726f0\n"))
        let ssp = try Binary.run(["fields", "--input", "samples/vmcs-ept-violation.kvm-6.12.log", "--json", "guest_ssp"])
        let object = try JSONSerialization.jsonObject(with: Data(ssp.stdout.utf8)) as? [String: Any]
        let field = (object?["fields"] as? [[String: Any]])?.first
        #expect(field?["id"] as? String == "guest.ssp")
        #expect(field?["held"] as? Bool == false)
        #expect(field?["value"] == nil)
        // A crash dump's page by its address: the VMCB planted at 0x100000 exited with
        // VMEXIT_NPF, 0x400 (APM Vol. 2 Appendix C); a VMCB page has no VMSA-only fields.
        let page = try Binary.run(["fields", "--input", "samples/cores/core.elf.gz", "--phys", "0x100000", "exit_code"])
        #expect(page.status == 0)
        #expect(page.stdout.contains("held by samples/cores/core.elf.gz@0x100000"))
        #expect(page.stdout.contains("070  8     exit_code        exit               EXITCODE        0x0000000000000400"))
        #expect(page.stdout.contains("guest_exit_code") && page.stdout.contains("absent"))
        // The input's options without an input, another structure than --arch names, and a
        // log with several dumps and no @N are errors, nothing on standard output.
        for arguments in [
            ["fields", "--phys", "0x1000", "cr0"], ["fields", "--arch", "vmx", "--input", "samples/vmcb-npf.bin"],
            ["fields", "--input", "samples/vmcs-several.kvm-4.x.log"],
        ] {
            let run = try Binary.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("vmcs-inspect: error: "))
        }
        let missing = try Binary.run(["fields", "--input", "/nonexistent/page.bin"])
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
    }
}
