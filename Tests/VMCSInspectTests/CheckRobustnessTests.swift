import Foundation
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

    /// Verdicts worked by hand for the extreme states, the same under every profile: they need
    /// no capability. All ones sets CR0 bits 63:32 (reserved on every processor, SDM 27.3.1.1)
    /// and EFER.SVME (APM 15.5.1: VMRUN needs it); zero and bit 63 alone leave SVME clear, and
    /// only bit 63 is a high CR0 bit. CR0.PG (bit 31) is set only in all ones, where PE is too.
    static func handWorked(_ architecture: Architecture, _ value: UInt64) -> [String: String] {
        switch (architecture, value) {
        case (.vmx, .max): return ["guest-cr0-reserved": "broken", "host-cr0-reserved": "broken", "guest-cr0-pg-requires-pe": "holds"]
        case (.vmx, 0): return ["guest-cr0-reserved": "holds", "host-cr0-reserved": "holds", "guest-cr0-pg-requires-pe": "holds"]
        case (.vmx, _): return ["guest-cr0-reserved": "broken", "host-cr0-reserved": "broken", "guest-cr0-pg-requires-pe": "holds"]
        case (.svm, .max): return ["svm-efer-svme": "holds"]
        case (.svm, _): return ["svm-efer-svme": "broken"]
        default: return [:]
        }
    }

    @Test(arguments: [Architecture.vmx, .svm], [UInt64.max, 0, 0x8000_0000_0000_0000])
    func extremeStatesGetAVerdictFromEveryRule(_ architecture: Architecture, _ value: UInt64) throws {
        let catalog = architecture == .vmx ? Catalog.vmcs : Catalog.vmcb
        var values: [String: UInt64] = [:]
        for field in catalog.fields where !field.isByteString { values[field.id] = value }
        for profile in Self.profiles {
            for failure in [nil, H.msrLoadFailure(0xffff_ffff, value: value)] {
                let report = H.report(architecture, values, profile: profile, failure: failure)
                #expect(report.results.count == Checker.rules(for: architecture).count)
                #expect(!report.findings.contains { $0.message.hasPrefix("internal:") })
                for (rule, verdict) in Self.handWorked(architecture, value) {
                    #expect(H.verdictName(H.result(report, rule)?.verdict) == verdict, "\(rule) with every field \(value)")
                }
                // The renderings say what the report holds: a line per finding and the count.
                let document = Document(.check, [.check(CheckNode(report, listsUndecided: true))])
                let text = document.text
                #expect(text.hasSuffix(" from \(report.results.count) \(architecture.structureName) checks\n"))
                #expect(text.contains("t: \(report.errors) error\(report.errors == 1 ? "" : "s"), \(report.warnings) warning"))
                #expect(text.components(separatedBy: ": error: [").count - 1 == report.errors)
                let json = try #require(
                    try JSONSerialization.jsonObject(with: Data(JSONRenderer.string(document).utf8)) as? [String: Any])
                #expect(json["schema"] as? String == DocumentKind.check.schema)
                let item = try #require((json["snapshots"] as? [[String: Any]])?.first)
                #expect((item["counts"] as? [String: Any])?["errors"] as? Int == report.errors)
                #expect((item["findings"] as? [Any])?.count == report.findings.count)
                #expect(!Explainer.explain(report.decoded, profile: profile).isEmpty)
            }
        }
    }
}
