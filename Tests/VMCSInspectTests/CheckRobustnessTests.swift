import Testing

@testable import VMCSInspect

/// Every rule judged on extreme states (every field all ones, every field zero) against extreme
/// profiles (every capability all ones or zero, widths at their ends) must return a verdict
/// without trapping: input data never reaches trapping arithmetic.
@Suite struct CheckRobustnessTests {
    typealias H = RuleHarness

    static func extremeProfile(_ msr: UInt64, _ cpuid: UInt32, width: Int?, smm: Bool) -> CapabilityProfile {
        var profile = CapabilityProfile()
        for check in Checker.all {
            for need in check.needs {
                switch need {
                case .msr(let index): profile.msrs[index] = msr
                case .cpuid(let register): profile.cpuid[register] = cpuid
                default: break
                }
            }
        }
        profile.explicitMaxPhysicalAddress = width
        profile.explicitLinearAddressWidth = width.map { $0 > 48 ? 57 : 48 }
        profile.entryFromSMM = smm
        profile.entryFromIA32eMode = !smm
        return profile
    }

    static let profiles: [CapabilityProfile] = [
        .empty,
        extremeProfile(.max, .max, width: 52, smm: true),
        extremeProfile(0, 0, width: 32, smm: false),
        // Widths only from CPUID.80000008H:EAX, at its largest.
        extremeProfile(.max, .max, width: nil, smm: false),
    ]

    @Test(arguments: [Architecture.vmx, .svm], [UInt64.max, 0, 0x8000_0000_0000_0000])
    func extremeStatesDoNotTrap(_ architecture: Architecture, _ value: UInt64) {
        let catalog = architecture == .vmx ? Catalog.vmcs : Catalog.vmcb
        var values: [String: UInt64] = [:]
        for field in catalog.fields where !field.isByteString { values[field.id] = value }
        for profile in Self.profiles {
            for failure in [nil, H.msrLoadFailure(0xffff_ffff, value: value)] {
                let report = H.report(architecture, values, profile: profile, failure: failure)
                #expect(report.results.count == Checker.rules(for: architecture).count)
                let document = Document(.check, [.check(CheckNode(report, listsUndecided: true))])
                #expect(document.text.hasSuffix("checks\n"))
                #expect(JSONRenderer.string(document).hasSuffix("}\n"))
                _ = Explainer.explain(report.decoded, profile: profile)
            }
        }
    }
}
