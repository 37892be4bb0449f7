import Testing

@testable import VMCSInspect

/// The corrections issue 11 asks of `explain`, each against words and numbers worked from the
/// manuals: 32-bit exit codes sign-extended, no "inject again" for events a failed entry or a
/// refused VMRUN never started to deliver, the instruction length only where the SDM defines
/// it, Intel's #PF error-code bits, the SDM's words for qualification 3, DR6's active-low bits.
@Suite struct ExplainCorrectionTests {
    typealias H = RuleHarness

    static func explain(_ architecture: Architecture, _ values: [String: UInt64]) -> [String] {
        Explainer.explain(Decoder.decode(H.snapshot(architecture, values)), checkingState: false).map(\.description)
    }

    // MARK: SVM exit codes

    /// APM Table C-1: VMEXIT_INVALID is -1, a 64-bit EXITCODE. A producer printing 32 bits
    /// writes 0xffffffff; bit 31 set means the sign extends, so it is -1 as well.
    @Test func svmExitCodesAreSignExtended() {
        #expect(SVMExitCode.normalized(0xffff_ffff) == 0xffff_ffff_ffff_ffff)
        #expect(SVMExitCode.normalized(0xffff_fffe) == 0xffff_ffff_ffff_fffe)  // -2, VMEXIT_BUSY
        #expect(SVMExitCode.normalized(0xf000_0000) == 0xffff_ffff_f000_0000)  // bit 31 set
        #expect(SVMExitCode.normalized(0x7fff_ffff) == 0x7fff_ffff)  // bit 31 clear: positive
        #expect(SVMExitCode.normalized(0x400) == 0x400)  // VMEXIT_NPF
        #expect(SVMExitCode.normalized(0x1_0000_0000) == 0x1_0000_0000)  // already wider than 32 bits
        #expect(SVMExitCode.isInvalid(0x0000_0000_ffff_ffff))
        #expect(SVMExitCode.isInvalid(0xffff_ffff_ffff_ffff))
        #expect(!SVMExitCode.isInvalid(0xffff_fffe))
    }

    @Test func thirtyTwoBitInvalidIsARefusedVMRUN() {
        let narrow = Self.explain(.svm, ["control.exit_code": 0xffff_ffff])
        let lead = narrow.first ?? ""
        #expect(lead.hasPrefix("VMRUN failed with"), "\(narrow)")
        #expect(lead.contains("EXITCODE -1 (VMEXIT_INVALID; 0xffffffff sign-extended)"), "\(lead)")
        let wide = Self.explain(.svm, ["control.exit_code": 0xffff_ffff_ffff_ffff])
        #expect(wide.first?.contains("EXITCODE -1 (VMEXIT_INVALID)") == true, "\(wide)")
        #expect(wide.first?.contains("sign-extended") == false)
    }

    /// 0xf0000000 sign-extends to 0xfffffffff0000000, which Table C-1 does not list: it is not
    /// read as a positive code either.
    @Test func unlistedNegativeCodeIsNotPositive() {
        let lines = Self.explain(.svm, ["control.exit_code": 0xf000_0000])
        #expect(lines.first?.contains("is not one the APM lists") == true, "\(lines)")
        #expect(!lines.joined().contains("The #VMEXIT was caused by"))
    }

    /// APM 15.20: a refused VMRUN delivered nothing; EXITINTINFO then holds the EVENTINJ it
    /// refused. 0x8000_0b0e: valid (31), error code valid (11), type 3 (exception), vector 14.
    @Test func refusedVMRUNHasNothingToInjectAgain() {
        let refused = Self.explain(
            .svm, ["control.exit_code": 0xffff_ffff, "control.exit_int_info": 0x8000_0b0e, "control.exit_int_info_err": 2])
        let text = refused.joined(separator: "\n")
        #expect(text.contains("a copy of the EVENTINJ that VMRUN refused"), "\(text)")
        #expect(!text.contains("injected again"))
        // An NPF (400H) while delivering the same event: that one must be injected again.
        let exit = Self.explain(.svm, ["control.exit_code": 0x400, "control.exit_int_info": 0x8000_0b0e, "control.exit_int_info_err": 2])
        #expect(exit.joined().contains("must be injected again"), "\(exit)")
    }

    // MARK: VMX

    /// SDM 27.8: exit reason 33 with bit 31 (0x8000_0021), qualification 3 in the SDM's words.
    @Test func qualificationThreeInTheSDMsWords() {
        let lines = Self.explain(.vmx, ["exit.reason": 0x8000_0021, "exit.qualification": 3])
        let text = lines.joined(separator: "\n")
        #expect(
            text.contains(
                "an attempt to inject a non-maskable interrupt (NMI) into a guest that is blocking events through the STI blocking bit in the interruptibility-state field"
            ), "\(text)")
        #expect(text.contains("failure was due to a problem loading the PDPTRs") == false)
        let two = Self.explain(.vmx, ["exit.reason": 0x8000_0021, "exit.qualification": 2]).joined()
        #expect(two.contains("problem loading the PDPTRs"), "\(two)")
        let four = Self.explain(.vmx, ["exit.reason": 0x8000_0021, "exit.qualification": 4]).joined()
        #expect(four.contains("invalid VMCS link pointer"), "\(four)")
    }

    /// The qualification's layout follows the basic exit reason, and for exit reason 0 the
    /// vector in the VM-exit interruption information (SDM 28.2.1: #DB and #PF define one).
    /// Without them the layout is unknown, which is not "none"; with vector 1 (#DB) bit 14 is BS.
    @Test func qualificationWithoutItsKeySaysTheLayoutIsUnknown() {
        let none = Self.explain(.vmx, ["exit.qualification": 0x181]).joined(separator: "\n")
        #expect(none.contains("(its layout follows the exit reason, which is not in the input)"), "\(none)")
        let noVector = Self.explain(.vmx, ["exit.reason": 0, "exit.qualification": 0x4000]).joined(separator: "\n")
        #expect(noVector.contains("for exit reason 0 its layout follows the exception's vector"), "\(noVector)")
        #expect(!noVector.contains("defines no layout"), "\(noVector)")
        let debug = Self.explain(.vmx, ["exit.reason": 0, "exit.intr_info": 0x8000_0b01, "exit.qualification": 0x4000]).joined(separator: "\n")
        #expect(debug.contains("single step"), "\(debug)")
        let cpuid = Self.explain(.vmx, ["exit.reason": 10, "exit.qualification": 1]).joined(separator: "\n")
        #expect(cpuid.contains("(this exit reason defines no layout for it)"), "\(cpuid)")
    }

    /// A failed VM entry interrupted no delivery: IDT-vectoring information is not advice to
    /// inject again, and the instruction length is undefined (SDM 28.2.5 defines it only for
    /// exits caused by executing an instruction).
    @Test func failedEntryHasNoNextInstructionOrReinjection() {
        let lines = Self.explain(
            .vmx,
            ["exit.reason": 0x8000_0021, "exit.idt_vectoring_info": 0x8000_0b0e, "exit.instruction_len": 3, "guest.rip": 0x1000])
        let text = lines.joined(separator: "\n")
        #expect(!text.contains("injected again"), "\(text)")
        #expect(!text.contains("next one is at"), "\(text)")
        #expect(text.contains("Guest RIP 0x1000."), "\(text)")
    }

    /// Reason 10 (CPUID) is caused by an instruction: RIP 0x1000 + length 2 = 0x1002. Reason 48
    /// (EPT violation) is not, whatever the length field holds. The saved RIP is SDM 28.3.3's
    /// ("Saving RIP, RSP, RFLAGS, and SSP"); the length, where defined, 28.2.5's.
    @Test func instructionLengthOnlyWhereDefined() {
        let cpuid = Self.explain(.vmx, ["exit.reason": 10, "exit.instruction_len": 2, "guest.rip": 0x1000]).joined()
        #expect(cpuid.contains("the next one is at 0x1002. [SDM Vol. 3 sections 28.3.3, 28.2.5]"), "\(cpuid)")
        let ept = Self.explain(.vmx, ["exit.reason": 48, "exit.instruction_len": 3, "guest.rip": 0x1000]).joined()
        #expect(!ept.contains("next one is at"), "\(ept)")
        #expect(ept.contains("Guest RIP 0x1000. [SDM Vol. 3 section 28.3.3]"), "\(ept)")
        // Reason 0 with INT3: interruption information 0x8000_0603 is valid, type 6 (software
        // exception), vector 3: the length is defined. A #PF (type 3, 0x8000_0b0e) has none.
        let int3 = Self.explain(.vmx, ["exit.reason": 0, "exit.intr_info": 0x8000_0603, "exit.instruction_len": 1, "guest.rip": 0x1000])
            .joined()
        #expect(int3.contains("the next one is at 0x1001"), "\(int3)")
        let pf = Self.explain(
            .vmx,
            ["exit.reason": 0, "exit.intr_info": 0x8000_0b0e, "exit.intr_error_code": 2, "exit.instruction_len": 4, "guest.rip": 0x1000]
        ).joined()
        #expect(!pf.contains("next one is at"), "\(pf)")
    }

    /// SDM 4.7, Figure 4-12: #PF error-code bit 7 is HLAT, bit 15 SGX (Intel only). 0x8001 is P and
    /// SGX; 0x83 is P, W/R and HLAT.
    @Test func intelPageFaultErrorCodeBits() {
        let sgx = Self.explain(.vmx, ["exit.reason": 0, "exit.intr_info": 0x8000_0b0e, "exit.intr_error_code": 0x8001]).joined()
        #expect(sgx.contains("SGX access-control violation"), "\(sgx)")
        #expect(sgx.contains("protection violation (page present)"), "\(sgx)")
        let hlat = Self.explain(.vmx, ["exit.reason": 0, "exit.intr_info": 0x8000_0b0e, "exit.intr_error_code": 0x83]).joined()
        #expect(hlat.contains("fault during HLAT paging"), "\(hlat)")
        #expect(hlat.contains("write access"), "\(hlat)")
    }

    /// What a clear flag says, where it says something. SDM Figure 4-12: #PF error-code P = 0 is
    /// a not-present page, so 0x2 is a write to a page that was not present. SDM Table 28-7:
    /// EPT-violation qualification bit 8 clear with bit 7 set (0x81) is an access to a guest
    /// paging-structure entry; with bit 7 clear (0x1) bit 8 means nothing. APM 15.25.6: NPF
    /// EXITINFO1 is in #PF's format, P = 0 (0x4, a user access) a nested page that was not present.
    @Test func clearFlagsThatSaySomething() {
        let write = Self.explain(.vmx, ["exit.reason": 0, "exit.intr_info": 0x8000_0b0e, "exit.intr_error_code": 0x2]).joined()
        #expect(write.contains("with error code 0x2 (the page was not present; write access)"), "\(write)")
        let present = Self.explain(.vmx, ["exit.reason": 0, "exit.intr_info": 0x8000_0b0e, "exit.intr_error_code": 0x3]).joined()
        #expect(!present.contains("not present"), "\(present)")
        let walk = Self.explain(.vmx, ["exit.reason": 48, "exit.qualification": 0x81]).joined()
        #expect(
            walk.contains(
                "the guest-linear address field is valid; the access was to a guest paging-structure entry, in a page walk or to set its accessed or dirty flag."
            ), "\(walk)")
        let translated = Self.explain(.vmx, ["exit.reason": 48, "exit.qualification": 0x181]).joined()
        #expect(!translated.contains("paging-structure entry, in a page walk"), "\(translated)")
        let noAddress = Self.explain(.vmx, ["exit.reason": 48, "exit.qualification": 0x1]).joined()
        #expect(!noAddress.contains("paging-structure entry"), "\(noAddress)")
        let npf = Self.explain(.svm, ["control.exit_code": 0x400, "control.exit_info_1": 0x4]).joined()
        #expect(npf.contains("the nested page was not present"), "\(npf)")
    }

    // MARK: DR6

    /// SDM 18.2.3 / APM 13.1.1.4: DR6 bits 11 (BLD) and 16 (RTM) are active low. 0xffff0ff0 is
    /// the value DR6 holds with nothing detected: bits 31:16 and 11:4 read as ones, bits 3:0 clear.
    @Test func dr6ActiveLowBits() throws {
        let idle = try #require(Decoder.decode(H.snapshot(.svm, ["save.dr6": 0xffff_0ff0])).field("save.dr6"))
        #expect(Explainer.describe(idle) == "nothing set", "\(Explainer.describe(idle))")
        // 0xffff_07f0: bit 11 clear, so a bus lock was detected.
        let bld = try #require(Decoder.decode(H.snapshot(.svm, ["save.dr6": 0xffff_07f0])).field("save.dr6"))
        #expect(Explainer.describe(bld).contains("detected"), "\(Explainer.describe(bld))")
        // 0xfffe_4ff0: bit 16 clear (in an RTM region) and BS (bit 14).
        let rtm = try #require(Decoder.decode(H.snapshot(.svm, ["save.dr6": 0xfffe_4ff0])).field("save.dr6"))
        #expect(Explainer.describe(rtm).contains("in RTM region"), "\(Explainer.describe(rtm))")
        #expect(Explainer.describe(rtm).contains("single step"), "\(Explainer.describe(rtm))")
        #expect(!Explainer.describe(rtm).contains("bus lock"), "\(Explainer.describe(rtm))")
    }

    // MARK: Exit reasons no processor writes

    /// SDM Vol. 3 section 27.8: a failed VM entry reports basic reason 33, 34 or 41 with bit 31
    /// set. Bit 31 with another basic reason (0x8000001e, IO_INSTRUCTION) is said to be
    /// impossible, never explained as a failure "with an I/O instruction"; the possible ones
    /// keep their sentence.
    @Test func bit31WithABasicReasonNoFailureReportsIsImpossible() {
        let impossible = Self.explain(.vmx, ["exit.reason": 0x8000_001e])
        #expect(
            impossible.first
                == "Exit reason 0x8000001e sets bit 31 (VM-entry failure) with basic reason 30 (IO_INSTRUCTION), but a failed VM entry reports only basic reason 33, 34 or 41, so no processor writes this value: it was misread or mangled. [SDM Vol. 3 section 27.8]",
            "\(impossible)")
        for basic: UInt64 in [33, 34, 41] {
            let failed = Self.explain(.vmx, ["exit.reason": 0x8000_0000 | basic])
            #expect(failed.first?.hasPrefix("VM entry failed with ") == true, "\(failed)")
            #expect(failed.first?.contains("and the guest did not run.") == true, "\(failed)")
        }
    }

    /// Section 25.9.1: bit 16 is always 0, and bits 17 to 25 and 30 are not defined. A value
    /// setting them is said, not passed over.
    @Test func reservedAndUndefinedExitReasonBitsAreSaid() {
        let sixteen = Self.explain(.vmx, ["exit.reason": 0x1_0030])
        #expect(sixteen.contains { $0.hasPrefix("The exit reason also says: reserved bits 16 are 0x1, which the manual does not allow.") }, "\(sixteen)")
        let seventeen = Self.explain(.vmx, ["exit.reason": 0x2_0030])
        #expect(seventeen.contains { $0.hasPrefix("The exit reason also says: bits 0x20000 that no table names.") }, "\(seventeen)")
        let clean = Self.explain(.vmx, ["exit.reason": 0x30])
        #expect(!clean.contains { $0.hasPrefix("The exit reason also says") }, "\(clean)")
    }

    /// The exit reason and the other 32-bit fields hold no wider number; a negative number is
    /// the field's own two's complement. The SVM exit code is 64 bits: -1 stays VMEXIT_INVALID.
    @Test func numbersWiderThanTheirFieldAreRefused() throws {
        let wide = try #require(throws: InspectError.self) { try ExplainCommand.numbers(.vmx, [.reason: "0x100000030"]) }
        #expect(wide.isUsage)
        #expect(wide.message == "--reason 0x100000030: the field is 32 bits wide, and 0x100000030 does not fit")
        #expect(try ExplainCommand.numbers(.vmx, [.reason: "-1"]).integer("exit.reason") == 0xffff_ffff)
        #expect(try ExplainCommand.numbers(.vmx, [.qualification: "-1"]).integer("exit.qualification") == UInt64.max)
        #expect(try ExplainCommand.numbers(.svm, [.exitCode: "-1"]).integer("control.exit_code") == UInt64.max)
        let tooNegative = try #require(throws: InspectError.self) { try ExplainCommand.numbers(.vmx, [.intrInfo: "-4294967297"]) }
        #expect(tooNegative.message.hasPrefix("--intr-info -4294967297: the field is 32 bits wide"))
        // The 32-bit boundaries: -2^31 folds, -2^31-1 does not fit.
        #expect(try ExplainCommand.numbers(.vmx, [.reason: "-2147483648"]).integer("exit.reason") == 0x8000_0000)
        #expect(throws: InspectError.self) { try ExplainCommand.numbers(.vmx, [.reason: "-2147483649"]) }
        let whole = try #require(throws: InspectError.self) { try ExplainCommand.numbers(.svm, [.exitIntInfo: "0x0000000e80000b0e"]) }
        #expect(whole.message.hasSuffix("(bits 63:32, the error code, go in --exit-int-info-err)"))
    }
}
