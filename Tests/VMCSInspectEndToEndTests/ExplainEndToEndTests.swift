import Foundation
import Testing

/// `explain` as a user runs it.
@Suite struct ExplainEndToEndTests {
    @Test func explainFromNumbersAndFiles() throws {
        let failure = try Binary.run(["explain", "vmx", "--reason", "0x80000021"])
        #expect(failure.status == 0)
        #expect(failure.stdout.contains("VM entry failed with invalid guest state"))
        let invalid = try Binary.run(["explain", "svm", "--exit-code=-1"])
        #expect(invalid.stdout.contains("EXITCODE -1 (VMEXIT_INVALID)"))
        let file = try Binary.run(["explain", "samples/vmcs-several.kvm-4.x.log@1"])
        #expect(file.stdout.contains("that event was not delivered and must be injected again"))
        let mixed = try Binary.run(["explain", "vmx", "--exit-code", "0x400"])
        #expect(mixed.status == 64)
        let none = try Binary.run(["explain", "svm"])
        #expect(none.status == 64)
        let missing = try Binary.run(["explain", "samples/nope.log"])
        #expect(missing.status == 2)
    }

    /// Mistakes a user makes with the numbers form: a processor profile (no rule is checked on
    /// bare numbers, so it would be ignored), a file after `vmx`, a value wider than its field.
    /// Each is one line and exit 64, never a silent pass.
    @Test func theNumbersFormRefusesWhatItWouldIgnore() throws {
        let cases: [([String], String)] = [
            (["explain", "svm", "--exit-code=-1", "--cpu", "nosuch"], "--cpu goes with a FILE: bare numbers are no input and no guest state"),
            (["explain", "vmx", "--reason", "48", "--maxphyaddr", "46", "--phys", "0x1000"], "--maxphyaddr, --phys go with a FILE"),
            (["explain", "vmx", "samples/vmcb-npf.bin", "--reason", "1"], "'vmx' takes numbers, not files"),
            (["explain", "vmx", "samples/vmcb-npf.bin"], "'vmx' takes numbers, not files"),
            (["explain", "vmx", "--reason=-4294967297"], "--reason -4294967297: the field is 32 bits wide"),
        ]
        for (arguments, text) in cases {
            let result = try Binary.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stdout == "")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(text), "\(result.stderr)")
        }
    }

    /// Exit reasons and codes by name, as the manuals, Linux and KVM's traces spell them, and the
    /// numbers as traces print them; negative numbers are values, not options.
    @Test func namesAndNumbersAsTracesPrintThem() throws {
        let byName = try Binary.run(["explain", "vmx", "--reason", "EPT_VIOLATION"])
        let byNumber = try Binary.run(["explain", "vmx", "--reason", "48"])
        #expect(byName.status == 0)
        #expect(byName.stdout == byNumber.stdout)
        #expect(byName.stdout.contains("basic exit reason 48 (EPT_VIOLATION)"))
        for code in ["npf", "VMEXIT_NPF", "0x400", "EXIT_NPF", "SVM_EXIT_NPF", "1024"] {
            let result = try Binary.run(["explain", "svm", "--exit-code", code])
            #expect(result.status == 0, "\(code)")
            #expect(result.stdout.contains("EXITCODE 0x400 (VMEXIT_NPF)"), "\(code)")
        }
        let minusOne = try Binary.run(["explain", "svm", "--exit-code", "-1"])
        #expect(minusOne.status == 0)
        #expect(minusOne.stdout.contains("EXITCODE -1 (VMEXIT_INVALID)"))
        let unknown = try Binary.run(["explain", "vmx", "--reason", "EPT_VIOLATIN"])
        #expect(unknown.status == 64)
        #expect(
            unknown.stderr
                == "vmcs-inspect: error: unknown exit reason 'EPT_VIOLATIN' (did you mean EPT_VIOLATION?): give a number (48, 0x30) or a name as the SDM, Linux or KVM's traces spell it; 'vmcs-inspect explain vmx --reason list' lists them\n"
        )
        let list = try Binary.run(["explain", "vmx", "--reason", "list"])
        #expect(list.stdout.contains("\n  48  EPT_VIOLATION\n"))
        let codes = try Binary.run(["explain", "svm", "--exit-code", "list"])
        #expect(codes.stdout.contains("\n  0x400  VMEXIT_NPF\n"))
        #expect(codes.stdout.contains("\n     -1  VMEXIT_INVALID\n"))
    }

    /// Several inputs, each explained under its header; JSON with the sentences' references.
    @Test func severalInputsAndJSON() throws {
        let result = try Binary.run(["explain", "samples/vmcb-npf.bin", "samples/vmcs-several.kvm-4.x.log@1"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("VMCB samples/vmcb-npf.bin:\n"))
        #expect(result.stdout.contains("\n\nVMCS samples/vmcs-several.kvm-4.x.log@1:\n"))
        let json = try Binary.run(["explain", "--json", "vmx", "--reason", "0x80000021"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "vmcs-inspect/explain/1")
        let explanation = try #require((object["explanations"] as? [[String: Any]])?.first)
        #expect(explanation["snapshot"] is NSNull)
        let sentence = try #require((explanation["sentences"] as? [[String: Any]])?.first)
        #expect(sentence["reference"] as? String == "SDM Vol. 3 sections 27.3.1 and 27.8")
    }
}
