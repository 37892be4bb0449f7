import Testing

@testable import VMCSInspect

/// What shell completion offers for option values: only names the options accept, and every
/// field and group the catalogs hold.
@Suite struct CompletionCandidatesTests {
    @Test func fieldNamesByPrefix() {
        // SDM Vol. 3 Appendix B: the guest CR0, CR3 and CR4 fields; no other Linux name starts
        // GUEST_CR (the guest CS fields are GUEST_CS_*).
        #expect(CompletionCandidates.fieldNames(prefix: "GUEST_CR") == ["GUEST_CR0", "GUEST_CR3", "GUEST_CR4"])
        #expect(CompletionCandidates.fieldNames(prefix: "guest_cr") == ["GUEST_CR0", "GUEST_CR3", "GUEST_CR4"])
        // APM Vol. 2 Table B-1: EXITCODE, EXITINFO1, EXITINFO2, EXITINTINFO by id.
        #expect(
            CompletionCandidates.fieldNames(prefix: "control.exit_")
                == [
                    "control.exit_code", "control.exit_info_1", "control.exit_info_2", "control.exit_int_info", "control.exit_int_info_err",
                ])
        #expect(CompletionCandidates.fieldNames(prefix: "guest.cr4") == ["guest.cr4"])
        #expect(CompletionCandidates.fieldNames(prefix: "no_such_field").isEmpty)
        #expect(
            CompletionCandidates.fieldNames(prefix: "TSC_OFFSET,GUEST_CR") == [
                "TSC_OFFSET,GUEST_CR0", "TSC_OFFSET,GUEST_CR3", "TSC_OFFSET,GUEST_CR4",
            ])
    }

    @Test func everyOfferedFieldNameIsAccepted() {
        let offered = CompletionCandidates.fieldNames(prefix: "")
        #expect(offered.count == Set(offered).count)
        for name in offered {
            let known = Architecture.allCases.contains { Catalog.forArchitecture($0).lookup(name) != nil }
            #expect(known, "offered '\(name)', which no catalog knows")
            #expect(!name.contains(" "))
        }
    }

    @Test func everyFieldIsOfferedByIDAndName() {
        let offered = Set(CompletionCandidates.fieldNames(prefix: ""))
        for architecture in Architecture.allCases {
            for field in Catalog.forArchitecture(architecture).fields {
                #expect(offered.contains(field.id), "\(field.id)")
                #expect(offered.contains(field.name), "\(field.name)")
            }
        }
    }

    @Test func groupsFormatsLayoutsAndKinds() {
        let groups = Set(Architecture.allCases.flatMap { Catalog.forArchitecture($0).groups.map(\.id) })
        #expect(Set(CompletionCandidates.groupNames(prefix: "")) == groups)
        #expect(CompletionCandidates.groupNames(prefix: "exit") == ["exit", "exit_controls", "exit_info"])
        #expect(CompletionCandidates.formatNames(prefix: "") == InputFormat.all.map(\.rawValue).sorted())
        #expect(CompletionCandidates.formatNames(prefix: "he") == ["hex", "hexdump"])
        for name in CompletionCandidates.formatNames(prefix: "") { #expect(InputFormat.named(name) != nil, "\(name)") }
        #expect(CompletionCandidates.layoutNames(prefix: "") == ["hyperv-evmcs", "kvm-vmcs12", "vmsa"])
        for name in CompletionCandidates.layoutNames(prefix: "") { #expect((try? PageLayout.resolve(name)) != nil, "\(name)") }
        #expect(CompletionCandidates.scanKindNames(prefix: "vmcb") == ["vmcb", "vmcb-host-save"])
    }
}
