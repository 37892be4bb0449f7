import Testing

@testable import VMCSInspect

/// Bits have stable global ids, `field.bit` (`guest.cr4.vmxe`), taken from the catalog rows'
/// ids: usable wherever a field is (`--field`, `diff --ignore`, the shell) and written in JSON.
@Suite struct BitIDTests {
    static let catalogs = [Catalog.vmcs, .vmcb, .cpu]

    /// Every row of every table a field can use, with its global id.
    static func rows() -> [(catalog: Catalog, field: FieldDefinition, layout: BitLayout, bit: BitDefinition)] {
        catalogs.flatMap { catalog in
            catalog.fields.flatMap { field in
                catalog.layouts(of: field).flatMap { layout in layout.bits.map { (catalog, field, layout, $0) } }
            }
        }
    }

    @Test func idsAreLowercaseSnakeCase() {
        let rows = Self.rows()
        #expect(rows.count > 1000)
        for row in rows {
            #expect(row.bit.id.range(of: "^[a-z0-9]+(_[a-z0-9]+)*$", options: .regularExpression) != nil, "\(row.field.id) \(row.bit.id)")
        }
    }

    /// Within a table an id names one range: it repeats only on rows that cannot apply to the
    /// same value (the vector of an exception and of an interrupt) and cover the same bits.
    @Test func anIdNamesOneRangeOfItsTable() {
        for row in Self.rows() {
            for other in row.layout.bits where other.id == row.bit.id && other.range != row.bit.range {
                Issue.record("\(row.field.id) [\(row.layout.name)]: \(row.bit.id) covers \(row.bit.range) and \(other.range)")
            }
            for other in row.layout.bits where other.id == row.bit.id && other.range == row.bit.range && other.title != row.bit.title {
                #expect(row.bit.excludes(other), "\(row.field.id) [\(row.layout.name)]: two rows \(row.bit.id) can apply at once")
            }
        }
    }

    /// `field.bit` resolves to the row, as does the field's name with the bit's short name
    /// (unless several rows of the table share that name, as reserved rows do); no bit id is
    /// also a field's spelling.
    @Test func everyIdResolves() throws {
        for row in Self.rows() {
            let id = row.field.bitID(row.bit)
            let target = try #require(row.catalog.target(id), "\(id)")
            #expect(target.field.id == row.field.id, "\(id)")
            #expect(target.bit == row.bit.id, "\(id)")
            #expect(
                row.catalog.bits(named: row.bit.id, of: row.field).contains { $0.id == row.bit.id && $0.range == row.bit.range }, "\(id)")
            #expect(row.catalog.lookup(id) == nil, "\(id) is also a field's spelling")
            if row.layout.bits.filter({ $0.name == row.bit.name }).count == 1 {
                let byName = try #require(row.catalog.target("\(row.field.name).\(row.bit.name)"), "\(row.field.name).\(row.bit.name)")
                #expect(row.catalog.bits(named: byName.bit ?? "", of: byName.field).contains { $0.id == row.bit.id }, "\(id)")
            }
            #expect(row.catalog.bitIDs(of: row.field).contains(id))
        }
    }

    /// The ids the issue names, worked out from the manuals' tables: CR4.VMXE is bit 13 (SDM
    /// Vol. 3 section 2.5), EXITINFO1 bit 1 of a nested page fault is RW (APM Vol. 2 section
    /// 15.25.6), NMI exiting is pin-based control bit 3 (SDM Vol. 3 Table 25-5).
    @Test func theIdsTheIssueNames() throws {
        let cases: [(Catalog, String, Int)] = [
            (.vmcs, "guest.cr4.vmxe", 13), (.vmcb, "control.exit_info_1.rw", 1), (.vmcs, "ctrl.pin_based.nmi_exiting", 3),
            (.vmcb, "save.efer.svme", 12),
        ]
        for (catalog, id, bit) in cases {
            let target = try #require(catalog.target(id), "\(id)")
            let rows = catalog.bits(named: try #require(target.bit), of: target.field)
            #expect(rows.map(\.range) == [BitRange(bit)], "\(id)")
        }
        #expect(Catalog.vmcs.target("GUEST_CR4.VMXE")?.field.id == "guest.cr4")
        #expect(Catalog.vmcs.target("guest.cs.ar.unusable")?.field.id == "guest.cs.ar")
        #expect(Catalog.vmcb.target("cs.attrib.p")?.field.id == "save.cs.attrib")
        #expect(Catalog.vmcs.target("guest.cr4")?.bit == nil)
        #expect(Catalog.vmcs.target("no_such_field.bit") == nil)
        // A name of 16,000 dots is none (each leading part was joined and looked up in turn).
        #expect(Catalog.vmcs.target(String(repeating: "a.", count: 8000) + "x") == nil)
        #expect(Catalog.vmcs.target("guest.cr4." + String(repeating: "x", count: 300)) == nil)
        // An offset or encoding is hex digits after 0x, with no sign.
        #expect(Catalog.vmcb.target("0x070")?.field.id == Catalog.vmcb.target("exit_code")?.field.id)
        #expect(Catalog.vmcb.target("0x+070") == nil)
    }

    /// A bit named with `--field` lists that bit alone under its field, in text and JSON.
    @Test func aBitInFieldShowsThatBit() throws {
        let request = ShowRequest(
            path: Package.path("samples/vmcs-ept-violation.kvm-6.12.log"), displayName: "ept.log", fields: ["guest.cr4.vmxe"])
        let text = try Rendered.text { try ShowCommand.run(request, to: $0) }.output
        #expect(text.contains("  6804  GUEST_CR4              0x00000000003726f0 "))
        #expect(text.contains("         13     VMXE           1            VMX enable (Intel)\n"))
        #expect(!text.contains("PAE            1"))
        let json = try JSONText.parse(try Rendered.json { try ShowCommand.run(request, to: $0) }.output)
        let field = try #require(json["snapshots"]?.array?.first?["fields"]?.array?.first)
        #expect(field["bits"]?.array?.compactMap { $0["id"]?.string } == ["guest.cr4.vmxe"])
        #expect(
            throws: InspectError.usage(
                "GUEST_CR4 has no bit 'nope' (its bits: guest.cr4.vme, guest.cr4.pvi, guest.cr4.tsd, guest.cr4.de, guest.cr4.pse, guest.cr4.pae, guest.cr4.mce, guest.cr4.pge, … (32 in all))"
            )
        ) {
            _ = try FieldSelection.resolve(groups: [], fields: ["guest.cr4.nope"], in: .vmcs)
        }
    }

    /// Completion offers a field's bit ids after its id and a dot.
    @Test func completionOffersBitIds() {
        #expect(CompletionCandidates.fieldNames(prefix: "guest.cr4.vm") == ["guest.cr4.vme", "guest.cr4.vmxe"])
        #expect(CompletionCandidates.fieldNames(prefix: "exit_code,save.efer.sv") == ["exit_code,save.efer.svme"])
    }
}
