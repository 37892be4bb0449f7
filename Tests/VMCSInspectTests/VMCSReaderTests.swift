import Testing

@testable import VMCSInspect

@Suite struct VMCSDumpReaderTests {
    @Test func pairsKeepTheirLinePrefix() {
        let cr0 = VMCSDump.scan("CR0: actual=0x0000000080050033, shadow=0x0000000080050033, gh_mask=fffffffffffffff7").pairs
        #expect(cr0.map(\.label) == ["cr0:actual", "cr0:shadow", "cr0:ghmask"])
        #expect(cr0.map(\.value) == ["0x0000000080050033", "0x0000000080050033", "fffffffffffffff7"])
        let segment = VMCSDump.scan("CS:   sel=0x0010, attr=0x0a09b, limit=0xffffffff, base=0x0000000000000000").pairs
        #expect(segment.map(\.label) == ["cs:sel", "cs:attr", "cs:limit", "cs:base"])
        let sysenter = VMCSDump.scan("Sysenter RSP=fffffe0000003000 CS:RIP=0010:ffffffff820016f0").pairs
        #expect(sysenter.map(\.label) == ["sysenterrsp", "cs:rip"])
        #expect(sysenter.last?.value == "0010:ffffffff820016f0")
        let exit = VMCSDump.scan("VMExit: intr_info=00000000 errcode=00000000 ilen=00000003").pairs
        #expect(exit.map(\.label) == ["vmexit:intrinfo", "vmexit:errcode", "vmexit:ilen"])
        let xen = VMCSDump.scan("RSP = 0xffffc90000013e48 (0xffffc90000013e48)  RIP = 0xffffffff8107a3b5 (0xffffffff8107a3b5)").pairs
        #expect(xen.map(\.label) == ["rsp", "rip"])
        #expect(xen.map(\.qualifier) == ["0xffffc90000013e48", "0xffffffff8107a3b5"])
        let efer = VMCSDump.scan("EFER= 0x0000000000000d01 (effective)").pairs
        #expect(efer.first?.qualifier == "effective")
    }

    func read(_ lines: [String]) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        try SnapshotReader.read(lines.joined(separator: "\n"), name: "v.log", settings: InputSettings(format: .kvm))
    }

    @Test func textAfterTheLastValueIsReported() throws {
        // A value cut mid-digits by a hard wrap: 0x…10 read as 0x…1 must not pass in silence.
        #expect(VMCSDump.scan("TertiaryExec=0x000000000000001 0").leftover == "0")
        #expect(VMCSDump.scan("PLE Gap=00000080 Window=00001000").leftover == nil)
        let (snapshots, warnings) = try read([
            "*** Guest State ***", "CR3 = 0x000000010a6b2000", "*** Control State ***",
            "CPUBased=0xb6a265fa SecondaryExec=0x034207eb TertiaryExec=0x000000000000001 0",
        ])
        // The part before the cut is not the value: the field is left out, never read as 0x1.
        #expect(snapshots.first?.integer("ctrl.proc_based3") == nil)
        #expect(snapshots.first?.integer("ctrl.proc_based2") == 0x0342_07eb)
        #expect(
            warnings.first?.message
                == "the value of 'tertiaryexec' is cut in two by a wrap ('0x000000000000001', then '0'); tertiaryexec is left out")
        // Text after a value that is not more digits is named, and the value kept.
        let prose = try read(["*** Guest State ***", "CR3 = 0x000000010a6b2000 see below"])
        #expect(prose.snapshots.first?.integer("guest.cr3") == 0x1_0a6b_2000)
        #expect(prose.warnings.first?.message == "cannot place 'see below' after the value of 'cr3' (a value cut by wrapping?)")
    }

    @Test func sectionsDecideGuestOrHost() throws {
        let result = try read([
            "*** Guest State ***", "RSP = 0x0000000000000001  RIP = 0x0000000000000002",
            "*** Host State ***", "RIP = 0x0000000000000003  RSP = 0x0000000000000004",
            "CR0=0000000080050033 CR3=0000000000001000 CR4=00000000000026e0",
            "*** Control State ***", "        reason=00000030 qualification=0000000000000181", "TSC Offset = 0x0000000000000000",
        ])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.integer("guest.rsp") == 1)
        #expect(snapshot.integer("guest.rip") == 2)
        #expect(snapshot.integer("host.rip") == 3)
        #expect(snapshot.integer("host.rsp") == 4)
        #expect(snapshot.integer("host.cr3") == 0x1000)
        #expect(snapshot.integer("exit.reason") == 0x30)
        #expect(snapshot.values["guest.cr0"] == nil)
        #expect(result.warnings.isEmpty)
    }

    @Test func compoundValues() throws {
        let result = try read([
            "*** Guest State ***", "Sysenter RSP=fffffe0000003000 CS:RIP=0010:ffffffff820016f0",
            "*** Control State ***", "SVI|RVI = 31|ec TPR Threshold = 0x02", "TSC Offset = 0x0000000000000000",
        ])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.integer("guest.sysenter_cs") == 0x10)
        #expect(snapshot.integer("guest.sysenter_eip") == 0xffff_ffff_8200_16f0)
        #expect(snapshot.integer("guest.intr_status") == 0x31ec)
        #expect(snapshot.integer("ctrl.tpr_threshold") == 2)
    }

    @Test func effectiveEFERIsMarked() throws {
        let result = try read(["*** Guest State ***", "EFER= 0x0000000000000d01 (effective)", "*** Control State ***", "TSC Offset = 0x0"])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.integer("guest.ia32_efer") == 0xd01)
        #expect(snapshot.notes["guest.ia32_efer"]?.first?.contains("not read from this VMCS field") == true)
    }

    @Test func cutOffAndUnknownLinesWarn() throws {
        let result = try read([
            "*** Guest State ***", "CR3 = 0x000000010a6b2000", "FRED_CONFIG = 0x0000000000000000",
            "RSP = 0x0000000000000001  RIP = 0x0000000000000002",
        ])
        #expect(result.snapshots.count == 1)
        #expect(
            result.warnings.map(\.description) == [
                "v.log:3: 'fredconfig' is not a VMCS field this tool knows; ignored",
                "v.log:4: this VMCS dump ends early after this line: 3 fields read, the rest are absent",
            ])
    }

    /// A row the tool does not know among the control rows after `TSC Offset` (a patched
    /// kernel's `__va::EPT pointer = 0x…`) is warned about, and the rows after it are still read
    /// (they were lost in silence: the dump ended at the unknown row).
    @Test func anUnknownRowAfterTheTSCOffsetWarnsAndTheDumpGoesOn() throws {
        let result = try read([
            "*** Guest State ***", "CR3 = 0x000000010a6b2000", "*** Control State ***", "TSC Offset = 0x0000000000000000",
            "[    2.793700] __va::EPT pointer = 0x0000000093b59c89", "[    2.793970] Virtual processor ID = 0x0001",
            "[    2.794000] kvm_tdp_mmu_map ret = 4", "[    2.794100] Virtual processor ID = 0x0002",
        ])
        #expect(result.snapshots.count == 1)
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.integer("ctrl.vpid") == 1)
        #expect(snapshot.values["ctrl.ept_pointer"] == nil)
        // A line of pairs whose value is no 0x number, after an unknown row, is not the dump's:
        // the dump ended there, and the later row is nobody's.
        #expect(
            result.warnings.map(\.description) == [
                "v.log:5: 'va::eptpointer' is not a VMCS field this tool knows; ignored"
            ])
    }

    /// A whole 64-bit value followed by more hex words (an author's binary annotation) was
    /// not cut by a wrap: no 64-bit value has more than 16 digits. The value is read, and the
    /// text after it named.
    @Test func aWholeValueFollowedByHexWordsIsNoWrap() throws {
        let result = try read([
            "*** Guest State ***", "CR3 = 0x0000000000001000", "*** Host State ***",
            "CR0=0000000080050033 1000 0000 0000 0101 0000 0000 0011 0011",
            "*** Control State ***", "TSC Offset = 0x0000000000000000",
        ])
        #expect(result.snapshots.first?.integer("host.cr0") == 0x8005_0033)
        #expect(
            result.warnings.map(\.description) == [
                "v.log:4: cannot place '1000 0000 0000 0101 0000 0000 0011 0011' after the value of 'cr0'"
            ])
        // Fewer digits than a whole value: still a cut.
        let cut = try read(["*** Guest State ***", "*** Host State ***", "CR0=00000000800500 33", "*** Control State ***", "TSC Offset = 0x0"])
        #expect(cut.snapshots.first?.values["host.cr0"] == nil)
    }

    /// A header timed after the rows that follow it (a paste spliced from two runs) is split
    /// off them by the clock running back. It holds no value, so it is left out, and that is
    /// said: its VMCS address is not silently lost. With no other dump, the input is refused
    /// as before, and the refusal is not said twice.
    @Test func aHeaderSplitOffByTheClockIsSaidToBeLeftOut() throws {
        let result = try read([
            "[   33.881551] VMCS 000000008e180ab4, last attempted VM-entry on CPU 0", "[    2.779110] *** Guest State ***",
            "[    2.780234] CR3 = 0x0000000000001000", "[    2.781464] RFLAGS=0x00010002         DR7 = 0x0000000000000400",
        ])
        let snapshot = try #require(result.snapshots.first)
        #expect(result.snapshots.count == 1)
        #expect(snapshot.location.position == .line(2))
        #expect(snapshot.metadata.first { $0.key == "vmcs" } == nil)
        #expect(snapshot.integer("guest.cr3") == 0x1000)
        #expect(
            result.warnings.map(\.description).first == "v.log:1: this KVM dump_vmcs holds no value that could be read and is left out: the clock runs back at line 2, from 33.881551 to 2.779110, so the lines from there are another dump's"
        )
        #expect(throws: InspectError(.line("v.log", 1), "this KVM dump_vmcs holds no value that could be read")) {
            try read(["[   33.881551] VMCS 000000008e180ab4, last attempted VM-entry on CPU 0", "[    2.779110] CR3 = 0x0000000000001000"])
        }
    }

    /// A header printed 558 ms before the dump's first row (the same notes' other paste: the
    /// header of one run, the guest rows of another) is warned about once, at the first line
    /// after the pause; the lines are all kept. Pauses of milliseconds are a dump's own.
    @Test func aLongPauseInsideADumpIsWarnedAboutOnce() throws {
        let result = try read([
            "[   33.881551] VMCS 000000008e180ab4, last attempted VM-entry on CPU 0", "[   34.439920] *** Guest State ***",
            "[   34.442096] CR3 = 0x0000000000001000", "[   35.000000] RSP = 0x0000000000200000  RIP = 0x0000000000000000",
            "[   35.000900] RFLAGS=0x00010002         DR7 = 0x0000000000000400",
        ])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.metadata.first { $0.key == "vmcs" }?.value == "000000008e180ab4")
        #expect(snapshot.integer("guest.cr3") == 0x1000)
        #expect(snapshot.integer("guest.rip") == 0)
        #expect(
            result.warnings.map(\.description).filter { $0.contains("timed") } == [
                "v.log:2: this line is timed 558 ms after the dump's line 1 (34.439920 after 33.881551); a dump prints within milliseconds, so its lines before and after this one may come from different runs (or a slow console held them up)"
            ])
        let steady = try read([
            "[   33.881551] VMCS 000000008e180ab4, last attempted VM-entry on CPU 0", "[   33.881800] *** Guest State ***",
            "[   33.882000] CR3 = 0x0000000000001000",
        ])
        #expect(steady.warnings.filter { $0.description.contains("timed") }.isEmpty)
    }

    /// A mail client wraps the CR0/CR4 rows of a dump without timestamps after `shadow=0x…,`
    /// (a kvm@ reply, 2023; a syzbot report, 2017): no dump row ends in a comma, so the
    /// `gh_mask=` line is the row's tail, and both masks are read (they were lost, with a
    /// warning that `ghmask` is no field). Quoted alike, the same.
    @Test func aRowWrappedAfterItsCommaIsJoinedWithoutTimestamps() throws {
        for quote in ["", "> "] {
            let result = try read(
                [
                    "*** Guest State ***", "CR0: actual=0x0000000080000031, shadow=0x00000000e0000011,", "gh_mask=fffffffffffffff7",
                    "CR4: actual=0x0000000000002060, shadow=0x0000000000000020, ", "gh_mask=fffffffffffef871",
                    "CR3 = 0x0000000010000000",
                ].map { quote + $0 })
            let snapshot = try #require(result.snapshots.first)
            #expect(snapshot.integer("ctrl.cr0_guest_host_mask") == 0xffff_ffff_ffff_fff7)
            #expect(snapshot.integer("ctrl.cr4_guest_host_mask") == 0xffff_ffff_fffe_f871)
            #expect(snapshot.integer("ctrl.cr4_read_shadow") == 0x20)
            #expect(snapshot.integer("guest.cr3") == 0x1000_0000)
            #expect(!result.warnings.contains { $0.message.contains("ghmask") })
        }
    }

    /// A reply quoting only a dump's last control rows (a syzbot report, 2018), with no section
    /// line: detection takes it for dump_vmcs, not a field log, and the dump starts at its
    /// first row, so `errcode` and `ilen` are read (VM_EXIT_INSTRUCTION_LEN 3 was lost).
    @Test func aFragmentOfControlRowsIsADumpStartingAtItsFirstRow() throws {
        let text = [
            "Reported-by: syzbot+06283a66a648cd073885@syzkaller.appspotmail.com", "",
            "VMExit: intr_info=00000000 errcode=00000000 ilen=00000003",
            "         reason=80000021 qualification=0000000000000003", "IDTVectoring: info=00000000 errcode=00000000",
            "TSC Offset = 0xfffffe6382838c64", "EPT pointer = 0x00000001c4f5101e",
            "INFO: task syz-executor4:791 blocked for more than 140 seconds.",
        ].joined(separator: "\n")
        let result = try SnapshotReader.read(text, name: "v.log", settings: InputSettings())
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.producer == "KVM dump_vmcs")
        #expect(snapshot.location.position == .line(3))
        #expect(snapshot.integer("exit.instruction_len") == 3)
        #expect(snapshot.integer("exit.intr_error_code") == 0)
        #expect(snapshot.integer("exit.idt_vectoring_error_code") == 0)
        #expect(snapshot.integer("exit.reason") == 0x8000_0021)
        #expect(snapshot.integer("exit.qualification") == 3)
        #expect(snapshot.integer("ctrl.ept_pointer") == 0x1_c4f5_101e)
        #expect(
            result.warnings.map(\.description) == [
                "v.log:3: dump starts at this row ('VMExit: intr_info=00000000 errcode=00000'); the lines before it are absent"
            ])
        // The fragment alone, or quoted, is still the dump's (a field log names its fields
        // too, and scored higher on a head of nothing else).
        for quote in ["", "> "] {
            let bare = try SnapshotReader.read(
                text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).prefix(5).map { quote + $0 }.joined(separator: "\n"), name: "v.log",
                settings: InputSettings())
            #expect(bare.snapshots.first?.producer == "KVM dump_vmcs")
            #expect(bare.snapshots.first?.integer("exit.instruction_len") == 3)
        }
    }

    /// An author's note ending in a comma is not a row's head: the row after it is read as it
    /// stands (RFLAGS and DR7 were lost to `note:rflags`).
    @Test func aNoteEndingInACommaDoesNotTakeTheNextRow() throws {
        let result = try read([
            "*** Guest State ***", "CR3 = 0x0000000010000000", "Note: CR0.PG=1 with EFER.LMA=0,",
            "RFLAGS=0x00010002         DR7 = 0x0000000000000400",
        ])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.integer("guest.rflags") == 0x10002)
        #expect(snapshot.integer("guest.dr7") == 0x400)
    }

    /// The first row of a dump whose header was not pasted, broken after its comma, with or
    /// without timestamps: joined, so the shadow and the mask are the CR0 row's.
    @Test func aHeadlessDumpsFirstRowBrokenAfterItsCommaIsJoined() throws {
        for (first, second) in [
            ("CR0: actual=0x0000000080000031, shadow=0x00000000e0000011,", "gh_mask=fffffffffffffff7"),
            ("> [ 1409.118358] kvm_intel: CR0: actual=0x0000000080000031,", "> shadow=0x00000000e0000011, gh_mask=fffffffffffffff7"),
        ] {
            let snapshot = try #require(try read(["Here it is:", first, second, "CR3 = 0x0000000010000000"]).snapshots.first)
            #expect(snapshot.integer("guest.cr0") == 0x8000_0031)
            #expect(snapshot.integer("ctrl.cr0_read_shadow") == 0xe000_0011)
            #expect(snapshot.integer("ctrl.cr0_guest_host_mask") == 0xffff_ffff_ffff_fff7)
            #expect(snapshot.values["ctrl.spec_ctrl_shadow"] == nil)
        }
    }

    /// A reply that quotes rows of a dump read whole starts no dump of its own (it was refused
    /// as two interleaved dumps, or read as a second one); two fragments pasted without any
    /// header are two dumps, and a field of the second never overwrites the first's.
    @Test func rowsQuotedAgainAfterADumpAreNoDumpFragmentsAreEach() throws {
        let whole = try read([
            "[ 1.000000] *** Guest State ***", "[ 1.000001] CR3 = 0x0000000010000000", "[ 1.000002] *** Control State ***",
            "[ 1.000003] VMExit: intr_info=00000000 errcode=00000000 ilen=00000003",
            "[ 1.000004]         reason=00000030 qualification=0000000000000181", "[ 1.000005] TSC Offset = 0x0000000000000010",
            "", "Note the exit:", "", "VMExit: intr_info=00000000 errcode=00000000 ilen=00000004",
            "        reason=0000001e qualification=0000000000000181",
        ])
        #expect(whole.snapshots.count == 1)
        #expect(whole.snapshots.first?.integer("exit.instruction_len") == 3)
        #expect(whole.snapshots.first?.integer("exit.reason") == 0x30)
        let fragments = try read([
            "VMExit: intr_info=00000000 errcode=00000000 ilen=00000003", "         reason=80000021 qualification=0000000000000003",
            "TSC Offset = 0xfffffe6382838c64", "", "VMExit: intr_info=800000b0 errcode=00000000 ilen=00000001",
            "         reason=0000001e qualification=0000000000000000",
        ])
        #expect(fragments.snapshots.map { $0.integer("exit.reason") } == [0x8000_0021, 0x1e])
        #expect(fragments.snapshots.map { $0.integer("ctrl.tsc_offset") } == [0xffff_fe63_8283_8c64, nil])
    }

    /// Review cases: a fragment after another kind's whole dump (QEMU's) is still a dump; rows
    /// after a whole dump_vmcs that no dump can take are said once; a field log of its own
    /// names with two dump_vmcs rows in it stays a field log.
    @Test func fragmentsAfterOtherDumpsStrayRowsAndFieldLogs() throws {
        let fragment = [
            "VMExit: intr_info=00000000 errcode=00000000 ilen=00000003", "         reason=80000021 qualification=0000000000000003",
            "IDTVectoring: info=00000000 errcode=00000000", "TSC Offset = 0xfffffe6382838c64",
        ]
        let qemu = try String(contentsOfFile: Package.path("samples/vmcs-entry-failure.qemu.log"), encoding: .utf8)
        let afterQEMU = try SnapshotReader.read(qemu + "\nand dmesg said:\n" + fragment.joined(separator: "\n"), name: "v.log", settings: InputSettings())
        #expect(afterQEMU.snapshots.last?.producer == "KVM dump_vmcs")
        #expect(afterQEMU.snapshots.last?.integer("exit.instruction_len") == 3)
        let whole = [
            "[ 1.000000] *** Guest State ***", "[ 1.000001] CR3 = 0x0000000010000000", "[ 1.000002] *** Control State ***",
            "[ 1.000003] VMExit: intr_info=00000000 errcode=00000000 ilen=00000003", "[ 1.000005] TSC Offset = 0x0000000000000010",
        ]
        let stray = try read(whole + ["", "Why?", ""] + fragment)
        #expect(stray.snapshots.count == 1)
        #expect(stray.snapshots.first?.integer("exit.instruction_len") == 3)
        #expect(
            stray.warnings.map(\.description).filter { $0.contains("outside") } == [
                "v.log:9: this KVM dump_vmcs row is outside the dumps read (rows quoted again, or a dump whose first lines are not in the input): it is not read, nor are such rows after it"
            ])
        let names = ["guest_cr0", "guest_cr3", "guest_cr4", "guest_rip", "guest_rsp", "guest_rflags", "guest_dr7", "guest_es_selector"]
        let fieldLog = names.map { "\($0): 0x0000000000000400" } + Array(fragment.prefix(3))
        let detected = try SnapshotReader.read(fieldLog.joined(separator: "\n"), name: "v.log", settings: InputSettings())
        #expect(detected.snapshots.first?.producer == "field log")
        #expect(detected.snapshots.first?.integer("guest.cr3") == 0x400)
    }

    /// A pasted header that lost the `[` of its timestamp is still the dump's header.
    @Test func aHeaderWhoseTimestampLostItsBracketIsRead() throws {
        let result = try read([
            "   1.000000] VMCS 00000000deadbeef, last attempted VM-entry on CPU 5", "[    1.000001] *** Guest State ***",
            "[    1.000002] RSP = 0x0000000000200000  RIP = 0x0000000000000000",
        ])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.metadata.first { $0.key == "vmcs" }?.value == "00000000deadbeef")
        #expect(snapshot.metadata.first { $0.key == "last_vmentry_cpu" }?.value == "5")
        #expect(snapshot.location.position == .line(1))
        #expect(snapshot.integer("guest.rsp") == 0x20_0000)
    }

    @Test func msrListsAndNewerRows() throws {
        let result = try read([
            "VMCS 00000000b6f1d2a3, last attempted VM-entry on CPU 5", "*** Guest State ***", "PKRS = 0x0000000055555554",
            "MSR guest autoload:", "   0: msr=0xc0000080 value=0x0000000000000d01",
            "*** Host State ***", "PKRS = 0x0000000000000000", "*** Control State ***", "TSC Offset = 0x0",
        ])
        let snapshot = try #require(result.snapshots.first)
        #expect(snapshot.integer("guest.ia32_pkrs") == 0x5555_5554)
        #expect(snapshot.integer("host.ia32_pkrs") == 0)
        #expect(
            snapshot.metadata.filter { $0.key == "msr" }.map(\.value) == [
                "MSR guest autoload:", "0: msr=0xc0000080 value=0x0000000000000d01",
            ])
        #expect(snapshot.metadata.first { $0.key == "last_vmentry_cpu" }?.value == "5")
        #expect(result.warnings.isEmpty)
    }

    @Test func noDumpIsAnError() {
        #expect(throws: InspectError.self) { try read(["[ 1.0] kvm_intel: something else"]) }
    }
}

@Suite struct FieldLogReaderTests {
    @Test func writtenLogsReadBackWhole() throws {
        // Every field of a raw VMCB page, the 15 instruction bytes included, survives a trip
        // through the field log the shell's export writes.
        let page = try #require(SnapshotReader(path: Package.path("samples/vmcb-npf.bin")).readAll().first)
        let (back, warnings) = try SnapshotReader.read(name: "written", fields: FieldLogWriter.write(page))
        #expect(warnings.isEmpty)
        #expect(back.first?.values == page.values)
        #expect(
            back.first?.values["control.insn_bytes"]
                == .bytes([0x89, 0x90, 0xf0, 0, 0, 0, 0x48, 0x83, 0xc4, 0x08, 0x5d, 0xc3, 0xcc, 0xcc, 0xcc]))
        // Too few bytes is a warning naming the line, not a guess.
        let (_, short) = try SnapshotReader.read(name: "short", fields: "asid = 1\ninsn_bytes = 0f 01\n")
        #expect(short.map(\.description) == ["short:2: cannot read 'insn_bytes': expected 15 hex bytes, found '0f 01'"])
    }

    /// A field log cannot say that some bits are unknown or the guest's view: QEMU's CR4 (bits
    /// 63:32 not printed) and ES's access rights (P as the guest sees it) are left out, with a
    /// line saying so, and read back as absent; the other fields read back as they were.
    @Test func fieldsWithBitsTheInputLacksAreLeftOut() throws {
        let qemu = try #require(SnapshotReader(path: Package.path("samples/vmcs-entry-failure.qemu.log")).readAll().first)
        let text = FieldLogWriter.write(qemu)
        #expect(text.contains("# left out, bits 63:32 of GUEST_CR4 are not in the input\n"))
        #expect(text.contains("# left out, the input gives bit 7 of GUEST_ES_AR_BYTES as the guest sees it\n"))
        let (back, warnings) = try SnapshotReader.read(name: "written", fields: text)
        #expect(warnings.isEmpty, "\(warnings)")
        let copy = try #require(back.first)
        #expect(copy.values["guest.cr4"] == nil && copy.values["guest.es.ar"] == nil)
        let kept = qemu.values.filter { qemu.absentBits[$0.key] == nil && qemu.guestViewBits[$0.key] == nil }
        #expect(copy.values == kept)
    }

    @Test func everyLineShape() throws {
        let text = """
            GUEST_RIP = 0xffffffff81000000
            GUEST_RSP: ffffc90000013e48
            Guest RFLAGS 0x246
            0x4402 = 48
            EXIT_QUALIFICATION=0x181
            VM_EXIT_INSTRUCTION_LEN = 3
            GUEST_CR3 = 0010a6b2000
            """
        let (snapshots, warnings) = try SnapshotReader.read(name: "f", fields: text)
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.architecture == .vmx)
        #expect(snapshot.integer("guest.rip") == 0xffff_ffff_8100_0000)
        #expect(snapshot.integer("guest.rsp") == 0xffff_c900_0001_3e48)
        #expect(snapshot.integer("guest.rflags") == 0x246)
        // The file prints bare hex (`ffffc90000013e48`, zero-padded `0010a6b2000`), so every
        // bare number in it is hex, 48 included.
        #expect(snapshot.integer("exit.reason") == 0x48)
        #expect(snapshot.integer("exit.qualification") == 0x181)
        #expect(snapshot.integer("exit.instruction_len") == 3)
        #expect(snapshot.integer("guest.cr3") == 0x10a6b2000)
        #expect(warnings.isEmpty)
    }

    @Test func theRadixRule() throws {
        // `0x` marks hex in this file: bare numbers are decimal, no warning.
        let marked = try SnapshotReader.read(name: "f", fields: "GUEST_RIP = 0xffffffff81000000\nVM_EXIT_REASON = 48\n")
        #expect(marked.snapshots.first?.integer("exit.reason") == 48)
        #expect(marked.warnings.isEmpty)
        // Nothing tells: decimal, and a warning saying so and how to override it.
        let bare = try SnapshotReader.read(name: "f", fields: "VM_EXIT_REASON = 48\nVM_EXIT_INSTRUCTION_LEN = 3\n")
        #expect(bare.snapshots.first?.integer("exit.reason") == 48)
        #expect(
            bare.warnings.map(\.description) == [
                "f:1: bare numbers such as 'VM_EXIT_REASON = 48' are read as decimal: nothing in the file says its radix (--radix hex reads them as hex)"
            ])
        // Zero-padded to a width (`%08x`, `%016lx`), digits alone: hex, no warning.
        let padded = try SnapshotReader.read(name: "f", fields: "VM_EXIT_REASON = 00000030\nGUEST_RIP = 0000000000401000\n")
        #expect(padded.snapshots.first?.integer("exit.reason") == 0x30)
        #expect(padded.snapshots.first?.integer("guest.rip") == 0x40_1000)
        #expect(padded.warnings.isEmpty)
        let forced = try SnapshotReader.read(
            "VM_EXIT_REASON = 48\nVM_EXIT_INSTRUCTION_LEN = 3\n", name: "f", settings: InputSettings(format: .fields, radix: .hex))
        #expect(forced.snapshots.first?.integer("exit.reason") == 0x48)
        #expect(forced.warnings.isEmpty)
    }

    @Test func severalPairsOnALine() throws {
        let (snapshots, warnings) = try SnapshotReader.read(
            name: "f", fields: "VM_EXIT_REASON = 0x30, EXIT_QUALIFICATION = 0x181 GUEST_RIP=0xffffffff81000000\n")
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.integer("exit.reason") == 0x30)
        #expect(snapshot.integer("exit.qualification") == 0x181)
        #expect(snapshot.integer("guest.rip") == 0xffff_ffff_8100_0000)
        #expect(warnings.isEmpty)
    }

    @Test func sharedRegisterNamesAreNoEvidence() throws {
        // CR0, RIP and EFER are both vendors' registers: a log of nothing else is no VMCS and no
        // VMCB. Detection does not claim it; read as a field log, it is a vendor-neutral state.
        let text = "CR0 = 0x80050033\nRIP = 0xffffffff81000000\nEFER = 0xd01\n"
        #expect((try? SnapshotReader.detect(Array(text.utf8), name: "f")) != .fields)
        let (snapshots, warnings) = try SnapshotReader.read(name: "f", fields: text)
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.architecture == .cpu)
        #expect(snapshot.integer("cpu.cr0") == 0x8005_0033)
        #expect(snapshot.integer("cpu.rip") == 0xffff_ffff_8100_0000)
        #expect(snapshot.integer("cpu.efer") == 0xd01)
        #expect(warnings.isEmpty)
    }

    @Test func highHalvesMerge() throws {
        let (snapshots, _) = try SnapshotReader.read(name: "f", fields: "EPT_POINTER = 0x1c3e905e\nEPT_POINTER_HIGH = 0x1\n")
        #expect(snapshots.first?.integer("ctrl.ept_pointer") == 0x1_1c3e_905e)
        let (reversed, _) = try SnapshotReader.read(name: "f", fields: "0x201b = 0x1\n0x201a = 0x1c3e905e\n")
        #expect(reversed.first?.integer("ctrl.ept_pointer") == 0x1_1c3e_905e)
        #expect(reversed.count == 1)
    }

    /// A high half alone (GUEST_IA32_EFER_HIGH, encoding 0x2807) leaves bits 31:0 unknown, not
    /// 0: EFER.LMA (bit 10) is unknown, so the rule that holds it to the "IA-32e mode guest"
    /// control (SDM Vol. 3 27.3.1.1) is undecided, and a diff against a whole EFER names no
    /// cleared bit. The low half, coming after, makes the field whole.
    @Test func aHighHalfAloneLeavesTheLowHalfUnknown() throws {
        let text = "VM_ENTRY_CONTROLS = 0x000093ff\nGUEST_CR0 = 0x80050033\nGUEST_CR4 = 0x2020\nGUEST_IA32_EFER_HIGH = 0x0\n"
        let (snapshots, _) = try SnapshotReader.read(name: "f", fields: text)
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.absentBits == ["guest.ia32_efer": 0xffff_ffff])
        #expect(snapshot.notes["guest.ia32_efer"] == ["only GUEST_IA32_EFER_HIGH was in the input: bits 31:0 are not"])
        let report = Checker.run(Decoder.decode(snapshot))
        let lma = try #require(report.results.first { $0.check.id == "guest-efer-lma" })
        #expect(!lma.isDecided)
        #expect(lma.missing == [.bitsNotInInput(field: "guest.ia32_efer", bits: 1 << 10)])
        let (whole, _) = try SnapshotReader.read(name: "g", fields: "GUEST_IA32_EFER = 0xd01\n")
        let diff = try SnapshotDiff.compare(Decoder.decode(try #require(whole.first)), Decoder.decode(snapshot))
        #expect(diff.fields.first { $0.definition.id == "guest.ia32_efer" }?.status == .same)
        let (both, _) = try SnapshotReader.read(name: "f", fields: "GUEST_IA32_EFER_HIGH = 0x0\nGUEST_IA32_EFER = 0xd01\n")
        #expect(both.count == 1)
        #expect(both.first?.absentBits.isEmpty == true)
        #expect(both.first?.integer("guest.ia32_efer") == 0xd01)
    }

    /// GUEST_IA32_PAT_HIGH alone gives entries PA4 to PA7; PA0 to PA3 are unknown, not UC (0),
    /// so guest-pat (SDM 27.3.1.1) is undecided; a bad type among the known entries breaks it.
    @Test func aPATHalfDecidesOnlyItsEntries() throws {
        let (snapshots, _) = try SnapshotReader.read(name: "f", fields: "VM_ENTRY_CONTROLS = 0x4000\nGUEST_IA32_PAT_HIGH = 0x00070406\n")
        let report = Checker.run(Decoder.decode(try #require(snapshots.first)))
        #expect(report.results.first { $0.check.id == "guest-pat" }?.isDecided == false)
        let (bad, _) = try SnapshotReader.read(name: "f", fields: "VM_ENTRY_CONTROLS = 0x4000\nGUEST_IA32_PAT_HIGH = 0x00070402\n")
        let badReport = Checker.run(Decoder.decode(try #require(bad.first)))
        #expect(badReport.results.first { $0.check.id == "guest-pat" }?.verdict.isBroken == true)
    }

    /// Parts of a field (Kontain's `type:` and `present:` of `struct kvm_segment`, bits 3:0 and
    /// 7 of the access rights) leave the bits no part gave unknown, not 0: a paste cut before
    /// the line with `dpl:`, `s:`, `l:` and `g:` says nothing of S (bit 4), so type 0xb is not
    /// known to be a busy TSS rather than a code segment.
    @Test func partsOfAFieldLeaveTheOtherBitsUnknown() throws {
        let text = [
            "km: KVM_EXIT_FAIL_ENTRY", "== KVM_GET_SREGS ==",
            "CS  base: 0x0     limit:0xfffffff selector: 0x8 type: 0xb present: 0x1",
        ].joined(separator: "\n")
        let (snapshots, _) = try SnapshotReader.read(text, name: "k.log", settings: InputSettings(format: .fields))
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.integer("cpu.cs.ar") == 0x8b)
        #expect(snapshot.absentBits["cpu.cs.ar"] == 0xffff_ff70)
        #expect(snapshot.notes["cpu.cs.ar"] == ["bits 31:8, 6:4 of it are not in the input, which gave only some of its parts"])
    }

    /// Past 1000 warnings the rest are left out, and one more warning says so where the first
    /// left out was met, rather than none going missing silently.
    @Test func warningsPastTheLimitAreSaidToBeLeftOut() throws {
        let text = "GUEST_RIP = 0x1\n" + (0..<1005).map { "GUEST_RSP = zz\($0)\n" }.joined()
        let (_, warnings) = try SnapshotReader.read(text, name: "w.log", settings: InputSettings(format: .fields))
        #expect(warnings.count == SnapshotReader.warningLimit + 1)
        #expect(warnings.last?.description == "w.log:1002: more warnings from here on are not shown: only the first 1000 are")
    }

    @Test func repeatedFieldStartsTheNextSnapshot() throws {
        let (snapshots, _) = try SnapshotReader.read(
            name: "f",
            fields:
                "VM_EXIT_REASON = 30\nGUEST_RIP = 0x1\nVM_EXIT_REASON = 48\nGUEST_RIP = 0x2\n")
        #expect(snapshots.count == 2)
        #expect(snapshots.last?.integer("exit.reason") == 48)
    }

    @Test func vmcbNamesMakeAVMCB() throws {
        let (snapshots, warnings) = try SnapshotReader.read(
            name: "f",
            fields:
                "EXITCODE = 0x400\nEXITINFO1 = 0x100000006\nrip: 0xffffffff8107a3b5\n")
        #expect(snapshots.first?.architecture == .svm)
        #expect(snapshots.first?.integer("control.exit_code") == 0x400)
        #expect(warnings.isEmpty)
    }

    @Test func badLinesWarn() throws {
        let (_, warnings) = try SnapshotReader.read(
            name: "f",
            fields:
                "GUEST_RIP = 0x1\nNOT_A_FIELD = 3\nVM_EXIT_REASON = zz\nVM_EXIT_REASON = 0x100000000\n")
        #expect(
            warnings.map(\.description) == [
                "f:2: cannot place this line: 'NOT_A_FIELD = 3'",
                "f:3: cannot read the value of 'VM_EXIT_REASON': 'zz'",
                "f:4: value 0x100000000 does not fit the 32-bit field VM_EXIT_REASON",
            ])
    }
}

@Suite struct BhyvectlReaderTests {
    func read(_ text: String) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        try SnapshotReader.read(text, name: "b", settings: InputSettings(format: .bhyvectl))
    }

    @Test func everyRowShape() throws {
        // bhyvectl.c: "%s[%d]\t\t0x%016lx", "%s desc[%d]\t0x%016lx/0x%08x/0x%08x",
        // "gdtr[%d]\t\t0x%016lx/0x%08x", "cs[%d]\t\t0x%04lx", and %#lx, which prints zero as "0".
        let text = """
            cr0[2]\t\t0x0000000080050033
            cs desc[2]\t0x0000000000000000/0xffffffff/0x0000a09b
            gdtr[2]\t\t0xfffffe0000001000/0x0000007f
            cs[2]\t\t0x0010
            pinbased_ctls[2]\t0x000000000000007f
            exception_bitmap[2]\t0
            x2apic_state[2]\t1
            """
        let (snapshots, warnings) = try read(text)
        #expect(warnings.isEmpty)
        let s = try #require(snapshots.first)
        #expect(s.architecture == .vmx)
        #expect(s.metadata.contains { $0.key == "vcpu" && $0.value == "2" })
        #expect(s.integer("guest.cr0") == 0x8005_0033)
        #expect(s.integer("guest.cs.base") == 0 && s.integer("guest.cs.limit") == 0xffff_ffff && s.integer("guest.cs.ar") == 0xa09b)
        #expect(s.integer("guest.gdtr.base") == 0xffff_fe00_0000_1000 && s.integer("guest.gdtr.limit") == 0x7f)
        #expect(s.integer("guest.cs.selector") == 0x10)
        #expect(s.integer("ctrl.exception_bitmap") == 0)
    }

    @Test func amdRowsFillTheVMCBByOffset() throws {
        // cr_intercept reads 4 bytes at 0x000: CR reads in bits 15:0, CR writes in 31:16;
        // v_irq/tpr reads 8 bytes at 0x060: int_ctl, then int_vector. Segment access rights
        // 0xc093 (VT-x form) are VMCB attributes 0xc93; 0x10000 marks a null segment.
        let text = """
            efer[0]\t\t0x0000000000001d01
            cr_intercept[0]\t0x01110011
            v_irq/tpr[0]\t0x0000002001000000
            ss desc[0]\t0x0000000000000000/0xffffffff/0x0000c093
            ds desc[0]\t0x0000000000000000/0xffffffff/0x00010000
            rbx[0]\t\t0x0000000000000001
            """
        let (snapshots, warnings) = try read(text)
        let s = try #require(snapshots.first)
        #expect(s.architecture == .svm)
        #expect(s.integer("control.cr_read") == 0x0011 && s.integer("control.cr_write") == 0x0111)
        #expect(s.integer("control.int_ctl") == 0x0100_0000 && s.integer("control.int_vector") == 0x20)
        #expect(s.integer("save.ss.attrib") == 0xc93 && s.integer("save.ds.attrib") == 0)
        #expect(s.integer("save.rbx") == nil)  // a SEV-ES save-area field bhyvectl never reads
        #expect(warnings.map(\.message) == ["the VMCB does not hold rbx (bhyve keeps them outside it); not shown"])
    }

    @Test func vendorFromEFERWhenNoVendorRowsAndSeveralVCPUs() throws {
        let text = "efer[0]\t\t0x0000000000000d01\ncr0[0]\t\t0x0000000080050033\nefer[1]\t\t0x0000000000001d01\n"
        let (snapshots, warnings) = try read(text)
        #expect(snapshots.count == 2)
        #expect(snapshots.first?.architecture == .vmx)  // EFER.SVME (bit 12) clear: Intel
        #expect(warnings.first?.message.contains("EFER bit 12 (SVME) is 0") == true)
        let amd = try read("efer[0]\t\t0x0000000000001d01\n")
        #expect(amd.snapshots.first?.architecture == .svm)
    }

    @Test func troubleIsNamed() throws {
        #expect(throws: InspectError.self) { try read("eptp[0]\t\t0x1\nasid[0]\t\t0x0001\n") }  // Intel and AMD rows at once
        #expect(throws: InspectError.self) { try read("no rows here\n") }
        // No vendor's own rows and no EFER: no telling an Intel host from an AMD one.
        #expect(throws: InspectError.self) { try read("cr0[0]\t\t0x31\nrip[0]\t0x1\n") }
        let (_, warnings) = try read("efer[0]\t\t0xd01\nfrobnicate[0]\t0x1\n")
        #expect(
            warnings.map(\.description) == [
                "b: no VMCS-only or VMCB-only rows: EFER bit 12 (SVME) is 0, so read as an Intel VMCS",
                "b:2: cannot place bhyvectl row 'frobnicate'",
            ])
    }

    @Test func rowTablesNameCatalogFields() {
        for id in BhyvectlReader.vmxFields.values { #expect(Catalog.vmcs.field(id: id) != nil, "\(id)") }
        for read in BhyvectlReader.svmFields.values { #expect(Catalog.vmcb.field(id: read.field) != nil, "\(read.field)") }
        for segment in BhyvectlReader.segmentNames {
            for part in ["selector", "attrib", "limit", "base"] { #expect(Catalog.vmcb.field(id: "save.\(segment).\(part)") != nil) }
            for part in ["selector", "ar", "limit", "base"] { #expect(Catalog.vmcs.field(id: "guest.\(segment).\(part)") != nil) }
        }
    }

    @Test func detected() throws {
        let text = try String(contentsOfFile: Package.path("samples/vmcs-ept-violation.bhyvectl.txt"), encoding: .utf8)
        #expect(try SnapshotReader.detect(Array(text.utf8), name: "b") == .bhyvectl)
    }
}
