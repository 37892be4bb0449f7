import Testing

@testable import VMCSInspect

@Suite struct KernelLogReaderTests {
    @Test func pairsFromEveryRowShape() {
        let (segment, _) = KVMVMCBDump.pairs(in: "cs:   s: 0010 a: 029b l: ffffffff b: 0000000000000000")
        #expect(segment.map(\.label) == ["cs.s", "cs.a", "cs.l", "cs.b"])
        #expect(segment.map(\.values) == [["0010"], ["029b"], ["ffffffff"], ["0000000000000000"]])
        let (glued, _) = KVMVMCBDump.pairs(in: "allowed_sev_features:8000000000000001")
        #expect(glued.map(\.label) == ["allowed_sev_features"])
        #expect(glued.first?.values == ["8000000000000001"])
        let (spaced, _) = KVMVMCBDump.pairs(in: "pause filter threshold:128")
        #expect(spaced.map(\.label) == ["pause filter threshold"])
        let (two, _) = KVMVMCBDump.pairs(in: "vmpl: 0   cpl:  3               efer:          0000000000001d01")
        #expect(two.map(\.label) == ["vmpl", "cpl", "efer"])
    }

    /// The labels of the rows `classify` finds in a line, or nil when the line is no row.
    static func rowLabels(_ line: String, insideDump: Bool) -> [String]? {
        if case .fields(let pairs) = KVMVMCBDump.classify(line, insideDump: insideDump) { return pairs.map(\.label) }
        return nil
    }

    /// A line whose text before the first colon is no dump_vmcb label (upper case, `=`) is no
    /// row, in a dump or not; an empty one inside a dump is a row prefix, as it always was.
    @Test func rowsNeedALowerCaseLabelBeforeTheColon() {
        for line in ["CR0: actual=0x0000000080050033, shadow=0x0000000080050033", "RIP = 0xffff: 0000", "Exit_code: 00000400"] {
            #expect(Self.rowLabels(line, insideDump: false) == nil, "\(line)")
            #expect(Self.rowLabels(line, insideDump: true) == nil, "\(line)")
        }
        #expect(Self.rowLabels("exit_code:          00000400", insideDump: false) == ["exit_code"])
        #expect(Self.rowLabels(": rip: 000000000000fff0", insideDump: true) == [".rip"])
        #expect(Self.rowLabels(": rip: 000000000000fff0", insideDump: false) == nil)
    }

    func read(_ lines: [String]) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        try SnapshotReader.read(lines.joined(separator: "\n"), name: "test.log", settings: InputSettings(format: .kvm))
    }

    @Test func interceptsInBothEras() throws {
        let new = try read(["VMCB Control Area:", "intercepts:         bdcc8027 00006e7f", "excp_from: 0 excp_to: 0"])
        #expect(new.snapshots.first?.integer("control.intercept_word3") == 0xbdcc_8027)
        #expect(new.snapshots.first?.integer("control.intercept_word4") == 0x6e7f)
        // Before Linux 5.11: one u64 holding words 3 (low) and 4 (high).
        let old = try read(["VMCB Control Area:", "intercepts:         00006e7fbdcc8027", "excp_from: 0 excp_to: 0"])
        #expect(old.snapshots.first?.integer("control.intercept_word3") == 0xbdcc_8027)
        #expect(old.snapshots.first?.integer("control.intercept_word4") == 0x6e7f)
    }

    @Test func decimalRowsAreDecimal() throws {
        let result = try read([
            "VMCB Control Area:", "pause filter count: 3000", "asid:               16", "nested_ctl:         -1",
            "lbr_ctl:            1", "vmpl: 0   cpl:  3   efer: 0000000000001d01",
        ])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.integer("control.pause_filter_count") == 3000)
        #expect(snapshot.integer("control.asid") == 16)
        #expect(snapshot.integer("control.nested_ctl") == .max)
        #expect(snapshot.integer("control.virt_ext") == 1)
        #expect(snapshot.integer("save.cpl") == 3)
        #expect(snapshot.integer("save.efer") == 0x1d01)
    }

    @Test func narrowExitCodeIsExtendedAndSaysSo() throws {
        let invalid = try read(["VMCB Control Area:", "exit_code:          ffffffff"])
        #expect(invalid.snapshots.first?.integer("control.exit_code") == .max)
        #expect(invalid.snapshots.first?.notes["control.exit_code"]?.isEmpty == false)
        let npf = try read(["VMCB Control Area:", "exit_code:          00000400"])
        #expect(npf.snapshots.first?.integer("control.exit_code") == 0x400)
        #expect(npf.snapshots.first?.notes["control.exit_code"] == nil)
        let wide = try read(["VMCB Control Area:", "exit_code:          00000000ffffffff"])
        #expect(wide.snapshots.first?.integer("control.exit_code") == 0xffff_ffff)
    }

    @Test func absentFieldsStayAbsent() throws {
        let result = try read(["VMCB Control Area:", "exit_code:          0000007b"])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.values.count == 1)
        #expect(snapshot.values["control.exit_info_1"] == nil)
    }

    @Test func wrappedValueIsJoined() throws {
        let result = try read(["VMCB Control Area:", "[  1.0] kvm_amd: iopm_base_pa:", "000000010b4ee000", "excp_from: 0 excp_to: 0"])
        #expect(result.snapshots.first?.integer("control.iopm_base_pa") == 0x1_0b4e_e000)
        #expect(result.warnings.isEmpty)
    }

    @Test func severalDumpsAndHeaders() throws {
        let result = try read([
            "[ 1.0] kvm_amd: SEV-ES vCPU2 VMCB 00000000deadbeef, last attempted VMRUN on CPU 7",
            "[ 1.0] kvm_amd: VMCB Control Area:", "[ 1.0] kvm_amd: exit_code: 0000000000000403",
            "[ 1.0] kvm_amd: excp_from: 0 excp_to: 0",
            "[ 2.0] unrelated: something else",
            "[ 3.0] kvm_amd: VMCB 00000000deadbeef, last attempted VMRUN on CPU 7",
            "[ 3.0] kvm_amd: VMCB Control Area:", "[ 3.0] kvm_amd: exit_code: 00000400",
            "[ 3.0] kvm_amd: excp_from: 0 excp_to: 0",
        ])
        #expect(result.snapshots.count == 2)
        #expect(result.snapshots.map(\.index) == [0, 1])
        let first = try #require(result.snapshots.first)
        #expect(first.metadata.map(\.key) == ["vcpu", "vm_type", "vmcb", "last_vmrun_cpu", "log_time"])
        #expect(first.metadata.map(\.value) == ["2", "SEV-ES", "00000000deadbeef", "7", "1.0"])
        #expect(result.snapshots.last?.integer("control.exit_code") == 0x400)
        #expect(result.warnings.isEmpty)
    }

    @Test func cutOffDumpAndUnplacedLinesWarnWithLineNumbers() throws {
        let result = try read([
            "VMCB Control Area:", "cr_read:            0011", "exit_int_data:      0000000000000000",
            "this line belongs to nothing", "exit_code: 00000400",
        ])
        #expect(result.snapshots.count == 1)
        let messages = result.warnings.map(\.description)
        #expect(messages.count == 3)
        #expect(messages[0].hasPrefix("test.log:3: 'exit_int_data'"))
        #expect(messages[1].hasPrefix("test.log:4: cannot place"))
        #expect(messages[2].hasPrefix("test.log:5: this VMCB dump ends early after this line"))
    }

    @Test func sevESRegistersAreRead() throws {
        let result = try read([
            "VMCB Control Area:", "nested_ctl: 7", "rcx:            0000000000000001 rdx:          0000000000000002",
            "xcr0:           0000000000000007 xss:          0000000000001800", "excp_from: 0 excp_to: 0",
        ])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.integer("save.rcx") == 1)
        #expect(snapshot.integer("save.xcr0") == 7)
        #expect(snapshot.integer("save.xss") == 0x1800)
    }

    /// The newest format (Linux 6.19): the VM type and vCPU in the header, a 64-bit exit code,
    /// misc_ctl/misc_ctl2 and erap_ctl, the SEV features, glued 20-column labels.
    @Test func newestKernelFormat() throws {
        let result = try read([
            "[  435.587700] kvm_amd: SEV-SNP vCPU0 VMCB 00000000a1b2c3d4, last attempted VMRUN on CPU 12",
            "[  435.587701] kvm_amd: VMCB Control Area:", "[  435.587702] kvm_amd: erap_ctl:           0",
            "[  435.587703] kvm_amd: exit_code:          ffffffffffffffff",
            "[  435.587704] kvm_amd: misc_ctl:           7", "[  435.587705] kvm_amd: misc_ctl2:          3",
            "[  435.587706] kvm_amd: allowed_sev_features:8000000000000001",
            "[  435.587707] kvm_amd: guest_sev_features: 0000000000000081",
            "[  435.587708] kvm_amd: excp_from:      0000000000000000 excp_to:        0000000000000000",
        ])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.metadata.first { $0.key == "vm_type" }?.value == "SEV-SNP")
        #expect(snapshot.integer("control.exit_code") == .max)
        #expect(snapshot.notes["control.exit_code"] == nil)
        #expect(snapshot.integer("control.nested_ctl") == 7)
        #expect(snapshot.integer("control.virt_ext") == 3)
        #expect(snapshot.integer("control.erap_ctl") == 0)
        #expect(snapshot.integer("control.allowed_sev_features") == 0x8000_0000_0000_0001)
        #expect(snapshot.integer("control.guest_sev_features") == 0x81)
        #expect(result.warnings.isEmpty)
    }

    /// Linux 4.x prints `KVM: FAILED VMRUN WITH VMCB:` before dump_vmcb() only when EXITCODE
    /// is -1 (handle_exit() in arch/x86/kvm/svm.c): the banner records VMEXIT_INVALID, also when
    /// the paste keeps none of the dump's exit rows; a dump without it records nothing.
    @Test func theFailedVMRUNBannerRecordsTheFailure() throws {
        let banner = try read(["KVM: FAILED VMRUN WITH VMCB:", "[...]", "cpl: 0 efer: 0000000000001000", "cr0: 0000000080010010 cr2: 0"])
        let snapshot = try #require(banner.snapshots.first)
        #expect(snapshot.failures.map(\.kind) == [.svmExitCode(UInt64.max)])
        #expect(snapshot.failures.first?.location == .line("test.log", 1))
        #expect(snapshot.integer("save.cr0") == 0x8001_0010)
        let plain = try read(["VMCB Control Area:", "exit_code:          00000400", "excp_from: 0 excp_to: 0"])
        #expect(plain.snapshots.first?.failures.isEmpty == true)
    }

    /// A dump whose header was not pasted starts at its first row: that row is read too, and
    /// the warning about the missing header names its line.
    @Test func theRowThatOpensAHeadlessDumpIsRead() throws {
        let result = try read(["a note", "exit_code:          00000400", "exit_info1:         0000000100000006"])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.integer("control.exit_code") == 0x400)
        #expect(snapshot.integer("control.exit_info_1") == 0x1_0000_0006)
        #expect(result.warnings.first?.description == "test.log:2: dump starts without its 'VMCB Control Area:' line")
    }

    @Test func aLogWithoutADumpIsAnError() {
        #expect(throws: InspectError.self) { try read(["[ 1.0] usb 1-1: new device", "[ 2.0] eth0: link up"]) }
    }
}
