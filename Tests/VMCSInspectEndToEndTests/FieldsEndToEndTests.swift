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
}
