import Foundation
import Testing

@testable import VMCSInspect

/// The `--cpu` profile's text form: names and numbers, CPUID notations, widths, comments, and
/// errors located by line. Every value here is test data, not any real processor's.
@Suite struct ProfileTests {
    typealias H = RuleHarness

    @Test func msrsByNameNumberAndLinuxSpelling() throws {
        let text = """
            # test data
            IA32_VMX_BASIC = 0x0080_0000_0000_0001
            0x48d = 0x16                      # TRUE pin-based, by number
            MSR_IA32_VMX_EXIT_CTLS2 = 3       # Linux's spelling
            VMX_MISC = 5                      # without IA32_
            ia32_vmx_cr0_fixed0 = 0x80000021  # case does not matter
            0x492 = 1
            """
        let profile = try CapabilityProfile.parse(text, name: "cpu.txt")
        // IA32_VMX_BASIC is 480H, TRUE_PINBASED 48DH, EXIT_CTLS2 493H, MISC 485H, CR0_FIXED0 486H,
        // PROCBASED_CTLS3 492H (SDM Vol. 4 Table 2-2 / Vol. 3 Appendix A).
        #expect(
            profile.msrs == [
                0x480: 0x0080_0000_0000_0001, 0x48d: 0x16, 0x493: 3, 0x485: 5, 0x486: 0x8000_0021, 0x492: 1,
            ])
        #expect(profile.maxPhysicalAddress == nil)
        #expect(profile.linearAddressWidth == nil)
    }

    @Test func cpuidNotations() throws {
        let text = """
            CPUID.80000008H:EAX = 0x3028
            CPUID.(EAX=07H,ECX=0):EBX = 0x804
            CPUID.7H.1:EAX = 0x4000000
            CPUID.0x14.0:ECX = 1
            CPUID.0AH:EDX = 3
            """
        let profile = try CapabilityProfile.parse(text, name: "cpu.txt")
        #expect(profile.cpuid[CPUIDRegister(leaf: 0x8000_0008, .eax)] == 0x3028)
        #expect(profile.cpuid[CPUIDRegister(leaf: 7, subleaf: 0, .ebx)] == 0x804)
        #expect(profile.cpuid[CPUIDRegister(leaf: 7, subleaf: 1, .eax)] == 0x400_0000)
        #expect(profile.cpuid[CPUIDRegister(leaf: 0x14, subleaf: 0, .ecx)] == 1)
        #expect(profile.cpuid[CPUIDRegister(leaf: 0x0a, .edx)] == 3)
        // CPUID.80000008H:EAX = 0x3028: bits 7:0 are 0x28 = 40 physical, bits 15:8 are 0x30 = 48 linear.
        #expect(profile.maxPhysicalAddress == 40)
        #expect(profile.linearAddressWidth == 48)
        #expect(CPUIDRegister(leaf: 7, subleaf: 0, .ebx).description == "CPUID.(EAX=07H,ECX=0):EBX")
        #expect(CPUIDRegister(leaf: 0x8000_0008, .eax).description == "CPUID.80000008H:EAX")
    }

    @Test func explicitWidthsWinOverCPUID() throws {
        let profile = try CapabilityProfile.parse(
            "CPUID.80000008H:EAX = 0x3028\nMAXPHYADDR = 46\nLINEAR_ADDRESS_WIDTH = 57\nENTRY_FROM_SMM = 0\nENTRY_FROM_IA32E_MODE = 1\n",
            name: "cpu.txt")
        #expect(profile.maxPhysicalAddress == 46)
        #expect(profile.linearAddressWidth == 57)
        #expect(profile.entryFromSMM == false)
        #expect(profile.entryFromIA32eMode == true)
        // --maxphyaddr wins over the file's line.
        var flagged = profile
        flagged.explicitMaxPhysicalAddress = 36
        #expect(flagged.maxPhysicalAddress == 36)
    }

    @Test func textRoundTrips() throws {
        let profile = try CapabilityProfile.parse(
            "0x480 = 0x10\nCPUID.(EAX=07H,ECX=0):EBX = 0x804\nMAXPHYADDR = 39\nENTRY_FROM_SMM = 1\n0x10 = 7\n", name: "cpu.txt")
        #expect(try CapabilityProfile.parse(profile.text, name: "again") == profile)
        // An MSR without a VMX name keeps its number.
        #expect(profile.text.contains("0x10 = 0x7"))
        #expect(profile.text.contains("IA32_VMX_BASIC = 0x10"))
    }

    /// Each bad line is reported with the file and its line number.
    @Test(arguments: [
        ("IA32_VMX_BASIC = 1\n\nIA32_VMX_MISC\n", 3, "expected NAME = VALUE"),
        ("# c\nIA32_VMX_BASIC = zero\n", 2, "expected a number"),
        ("NO_SUCH_MSR = 1\n", 1, "unknown name 'NO_SUCH_MSR'"),
        ("MAXPHYADDR = 53\n", 1, "MAXPHYADDR must be 32 to 52, found 53"),
        ("MAXPHYADDR = 31\n", 1, "MAXPHYADDR must be 32 to 52, found 31"),
        ("LINEAR_ADDRESS_WIDTH = 52\n", 1, "LINEAR_ADDRESS_WIDTH must be 48 or 57"),
        ("CPUID.7H.0:EBX = 0x100000000\n", 1, "is a 32-bit register"),
        ("CPUID.7H:EQX = 1\n", 1, "expected a CPUID leaf"),
        ("ENTRY_FROM_SMM = 2\n", 1, "must be 0 or 1"),
        ("IA32_VMX_BASIC = 1\n0x480 = 1\n", 2, "is given twice (first at line 1)"),
        ("= 4\n", 1, "expected a name before '='"),
    ])
    func errorsAreLocated(_ text: String, _ line: Int, _ words: String) {
        do {
            _ = try CapabilityProfile.parse(text, name: "cpu.txt")
            Issue.record("\(text) was accepted")
        } catch let error as InspectError {
            #expect(error.description.hasPrefix("cpu.txt:\(line): "), "\(error)")
            #expect(error.message.contains(words), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func maxphyaddrFlagIsRangeChecked() throws {
        #expect(try CheckCommand.profile(file: nil, maxPhysicalAddress: 40).maxPhysicalAddress == 40)
        #expect(throws: InspectError.self) { try CheckCommand.profile(file: nil, maxPhysicalAddress: 60) }
        #expect(try CheckCommand.profile(file: nil, maxPhysicalAddress: nil) == CapabilityProfile.empty)
    }

    /// A width-dependent rule is unknown without a profile and decided with one: guest CR3
    /// 0x10_0000_0000 has bit 36 set; with MAXPHYADDR 36 bit 36 is beyond the width (broken),
    /// with MAXPHYADDR 40 it is inside it (holds). SDM 27.3.1.1: CR3 bits beyond the
    /// processor's physical-address width must be 0.
    @Test func aProfileDecidesWidthRules() throws {
        let state = VMXRuleTests.base.merging(["guest.cr3": 0x10_0000_0000]) { $1 }
        let without = H.report(.vmx, state)
        #expect(H.verdictName(H.result(without, "guest-cr3-width")?.verdict) == "unknown")
        #expect(H.result(without, "guest-cr3-width")?.missing.map(\.description) == ["MAXPHYADDR"])
        let narrow = H.report(.vmx, state, profile: try CheckCommand.profile(file: nil, maxPhysicalAddress: 36))
        #expect(H.verdictName(H.result(narrow, "guest-cr3-width")?.verdict) == "broken")
        let wide = H.report(.vmx, state, profile: try CapabilityProfile.parse("CPUID.80000008H:EAX = 0x3028", name: "cpu"))
        #expect(H.verdictName(H.result(wide, "guest-cr3-width")?.verdict) == "holds")
    }

    /// CR3 bit 52 is beyond every physical-address width (at most 52 bits, SDM 4.1.4), so it is
    /// broken without a profile; the catalog's reserved row for bits 60:52 reports it, once: the
    /// width rule looks only at bits 51:12, and the generic reserved-bits warning stays silent.
    @Test func beyondEveryWidthNeedsNoProfile() {
        let state = VMXRuleTests.base.merging(["guest.cr3": 0x10_0000_0000_0000]) { $1 }
        let report = H.report(.vmx, state)
        #expect(H.verdictName(H.result(report, "guest-cr3-reserved")?.verdict) == "broken")
        #expect(H.verdictName(H.result(report, "guest-cr3-width")?.verdict) == "holds")
        #expect(report.findings.filter { $0.field == "guest.cr3" }.count == 1, "\(report.findings.map(\.message))")
    }

    /// CPUID.80000008H:EAX = 0xffff claims 255-bit widths; rules judging with them must not trap.
    /// IOPM_BASE_PA 0x10_0000_0000 ends its map at 0x10_0000_2000, beyond 2^36, so it is judged
    /// against the profile's width, 2^255 - 1 taken as no bound: holds.
    @Test func absurdWidthsDoNotTrap() throws {
        let profile = try CapabilityProfile.parse("CPUID.80000008H:EAX = 0xffff", name: "cpu")
        #expect(profile.maxPhysicalAddress == 255)
        let vmx = H.report(.vmx, VMXRuleTests.base.merging(["guest.cr3": 0x10_0000_0000]) { $1 }, profile: profile)
        #expect(H.verdictName(H.result(vmx, "guest-cr3-width")?.verdict) == "holds")
        let svm = H.report(.svm, ["control.iopm_base_pa": 0x10_0000_0000], profile: profile)
        #expect(H.verdictName(H.result(svm, "svm-iopm-range")?.verdict) == "holds")
    }

    /// A profile written on Windows: CR LF ends a line as LF does, and lines are counted alike.
    @Test func crlfLinesAreLines() throws {
        let profile = try CapabilityProfile.parse("MAXPHYADDR = 40\r\nLINEAR_ADDRESS_WIDTH = 48\r\n", name: "crlf.txt")
        #expect(profile.maxPhysicalAddress == 40)
        #expect(profile.linearAddressWidth == 48)
        let error = try #require(throws: InspectError.self) { try CapabilityProfile.parse("MAXPHYADDR = 40\r\nNO_SUCH = 1\r\n", name: "crlf.txt") }
        #expect(error.location == .line("crlf.txt", 2))
        // A sign after 0x is no hex number.
        #expect(throws: InspectError.self) { try CapabilityProfile.parse("MAXPHYADDR = 0x+28\n", name: "sign.txt") }
    }

    @Test func profileFileIsRead() throws {
        let path = NSTemporaryDirectory() + "vmcs-inspect-profile-\(getpid()).txt"
        try "MAXPHYADDR = 39 # test data\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CheckCommand.profile(file: path, maxPhysicalAddress: nil).maxPhysicalAddress == 39)
        #expect(throws: InspectError.self) { try CapabilityProfile.load(path: path + ".absent") }
    }
}
