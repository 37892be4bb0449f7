import Foundation
import Testing

@testable import VMCSInspect

/// What a sample is, stated by hand from what samples/README.md says of it and from the sample
/// itself: the format detection must choose, the structure, and how many snapshots of which
/// producer it reads to (trace samples: one per `kvm_exit`, `kvm_nested_vmexit` and
/// `kvm_nested_vmexit_inject` line, counted with grep, named with the printer whose line layout
/// the sample has).
struct SampleKind: CustomTestStringConvertible, Sendable {
    let file: String
    let format: String
    let architecture: Architecture
    /// Producer words of the snapshots, in order, each with how many consecutive snapshots carry it.
    let producers: [(String, Int)]
    /// `--layout` the sample needs (a page that carries no revision identifier of its own).
    var layout: String?
    var testDescription: String { file }

    var count: Int { producers.reduce(0) { $0 + $1.1 } }
}

/// Detection on every sample, and refusal of every other kind of text people have at hand.
@Suite struct DetectionTests {
    /// One row per file in samples/ (not malformed/ or cores/): a new sample must be added here.
    static let samples: [SampleKind] = [
        SampleKind(file: "cpu-reset.qemu-info-registers.txt", format: "qemu", architecture: .cpu, producers: [("QEMU info registers", 1)]),
        SampleKind(file: "cpu-triple-fault.vbox.log", format: "vbox", architecture: .cpu, producers: [("VirtualBox Guru Meditation", 1)]),
        SampleKind(file: "cpu.dune.log", format: "fields", architecture: .vmx, producers: [("Dune vmx_dump_cpu", 1)]),
        SampleKind(
            file: "evmcs-ept-violation.bin", format: "raw", architecture: .vmx, producers: [("raw page", 1)], layout: "hyperv-evmcs"),
        SampleKind(
            file: "svm-exits.trace-cmd.txt", format: "trace", architecture: .svm,
            producers: [
                ("kvm_exit trace event, trace-cmd report", 5), ("kvm_nested_vmexit trace event, trace-cmd report", 1),
                ("kvm_nested_vmexit_inject trace event, trace-cmd report", 1), ("kvm_exit trace event, trace-cmd report", 3),
            ]),
        SampleKind(file: "vmcb-ioio.bin", format: "raw", architecture: .svm, producers: [("raw page", 1)]),
        SampleKind(file: "vmcb-ioio.hexdump", format: "hexdump", architecture: .svm, producers: [("hexdump -C dump", 1)]),
        SampleKind(file: "vmcb-ioio.kvm.log", format: "kvm", architecture: .svm, producers: [("KVM dump_vmcb", 1)]),
        SampleKind(file: "vmcb-ioio.od-x8", format: "od", architecture: .svm, producers: [("od dump", 1)]),
        SampleKind(file: "vmcb-ioio.xxd", format: "xxd", architecture: .svm, producers: [("xxd dump", 1)]),
        SampleKind(file: "vmcb-mail-paste.kvm.log", format: "kvm", architecture: .svm, producers: [("KVM dump_vmcb", 3)]),
        SampleKind(file: "vmcb-npf.bhyvectl.txt", format: "bhyvectl", architecture: .svm, producers: [("bhyvectl output", 1)]),
        SampleKind(file: "vmcb-npf.bin", format: "raw", architecture: .svm, producers: [("raw page", 1)]),
        SampleKind(file: "vmcb-npf.hexdump", format: "hexdump", architecture: .svm, producers: [("hexdump -C dump", 1)]),
        SampleKind(file: "vmcb-npf.kvm-4.x.log", format: "kvm", architecture: .svm, producers: [("KVM dump_vmcb", 1)]),
        SampleKind(file: "vmcb-npf.kvm.log", format: "kvm", architecture: .svm, producers: [("KVM dump_vmcb", 1)]),
        SampleKind(file: "vmcb-npf.od-x1", format: "od", architecture: .svm, producers: [("od dump", 1)]),
        SampleKind(file: "vmcb-npf.xen-svm.log", format: "xen", architecture: .svm, producers: [("Xen VMCB dump", 1)]),
        SampleKind(file: "vmcb-npf.xxd", format: "xxd", architecture: .svm, producers: [("xxd dump", 1)]),
        SampleKind(file: "vmcb-vmrun-failure.kvm.log", format: "kvm", architecture: .svm, producers: [("KVM dump_vmcb", 1)]),
        SampleKind(file: "vmcb-vmrun-failure.qemu.log", format: "qemu", architecture: .svm, producers: [("QEMU register dump", 1)]),
        SampleKind(file: "vmcs-entry-failure.kvm-5.x.log", format: "kvm", architecture: .vmx, producers: [("KVM dump_vmcs", 1)]),
        SampleKind(file: "vmcs-entry-failure.qemu.log", format: "qemu", architecture: .vmx, producers: [("QEMU register dump", 1)]),
        SampleKind(
            file: "vmcs-entry-failure.vbox.log", format: "vbox", architecture: .vmx, producers: [("VirtualBox Guru Meditation", 1)]),
        SampleKind(file: "vmcs-entry-failure.xen.qp.txt", format: "xen", architecture: .vmx, producers: [("Xen VMCS dump", 1)]),
        SampleKind(file: "vmcs-ept-violation.bhyvectl.txt", format: "bhyvectl", architecture: .vmx, producers: [("bhyvectl output", 1)]),
        SampleKind(file: "vmcs-ept-violation.haxm.log", format: "fields", architecture: .vmx, producers: [("HAXM dump_vmcs", 1)]),
        SampleKind(file: "vmcs-ept-violation.kvm-6.12.log", format: "kvm", architecture: .vmx, producers: [("KVM dump_vmcs", 1)]),
        SampleKind(file: "vmcs-hobby.fields.log", format: "fields", architecture: .vmx, producers: [("field log", 1)]),
        SampleKind(file: "vmcs-io.fields.log", format: "fields", architecture: .vmx, producers: [("field log", 1)]),
        SampleKind(file: "vmcs-mail-wrapped.kvm-6.12.log", format: "kvm", architecture: .vmx, producers: [("KVM dump_vmcs", 1)]),
        SampleKind(file: "vmcs-msr-load-failure.xen.log", format: "xen", architecture: .vmx, producers: [("Xen VMCS dump", 1)]),
        SampleKind(file: "vmcs-pf.xen.log", format: "xen", architecture: .vmx, producers: [("Xen VMCS dump", 1)]),
        SampleKind(file: "vmcs-several.kvm-4.x.log", format: "kvm", architecture: .vmx, producers: [("KVM dump_vmcs", 3)]),
        SampleKind(file: "vmcs-vmread.fields.log", format: "fields", architecture: .vmx, producers: [("field log", 1)]),
        SampleKind(file: "vmcs12-ept-violation.bin", format: "raw", architecture: .vmx, producers: [("raw page", 1)]),
        SampleKind(file: "vmcs12-ept-violation.xxd", format: "xxd", architecture: .vmx, producers: [("xxd dump", 1)]),
        SampleKind(file: "vmx-exits.ftrace.txt", format: "trace", architecture: .vmx, producers: [("kvm_exit trace event, ftrace", 7)]),
        SampleKind(file: "vmx-exits.kvm-4.x.trace", format: "trace", architecture: .vmx, producers: [("kvm_exit trace event, ftrace", 7)]),
    ]

    /// Samples that are not inputs: refused with words of the message, naming what to do.
    static let notInputs: [(file: String, message: String)] = [
        ("vmcs12-exit.layout", "this is a VMCS layout file, not a dump: give it with --layout")
    ]

    static func sampleFiles() throws -> [String] {
        let directory = Package.path("samples")
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
                && name != "README.md" && !name.hasPrefix(".")
        }.sorted()
    }

    @Test func everySampleHasARow() throws {
        let listed = Set(Self.samples.map(\.file) + Self.notInputs.map(\.file))
        let files = try Self.sampleFiles()
        for file in files { #expect(listed.contains(file), "samples/\(file) has no row in DetectionTests.samples") }
        for file in listed { #expect(files.contains(file), "DetectionTests lists \(file), which samples/ lacks") }
    }

    @Test(arguments: samples)
    func sampleIsDetectedAsItsOwnFormatAndProducer(_ sample: SampleKind) throws {
        let path = Package.path("samples/\(sample.file)")
        let reader = try SnapshotReader(path: path, displayName: sample.file, settings: InputSettings(layout: sample.layout))
        #expect(reader.format.rawValue == sample.format)
        let snapshots = try reader.readAll()
        #expect(snapshots.count == sample.count)
        #expect(snapshots.allSatisfy { $0.architecture == sample.architecture })
        var runs: [(String, Int)] = []
        for snapshot in snapshots {
            if let last = runs.last, last.0 == snapshot.producer {
                runs[runs.count - 1].1 += 1
            } else {
                runs.append((snapshot.producer, 1))
            }
        }
        #expect(runs.map { "\($0.0) x\($0.1)" } == sample.producers.map { "\($0.0) x\($0.1)" })
        // Text is detected from its head alone, as standard input is.
        if sample.format != "raw" {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(try SnapshotReader.detect(bytes, name: "-").rawValue == sample.format)
        }
    }

    @Test(arguments: notInputs.map(\.file))
    func aSampleThatIsNoInputIsRefused(_ file: String) throws {
        let words = Self.notInputs.first { $0.file == file }?.message ?? ""
        let error = try #require(throws: InspectError.self) {
            try SnapshotReader(path: Package.path("samples/\(file)"), displayName: file).readAll()
        }
        #expect(error.message.contains(words), "\(error.message)")
    }
}

/// Text that holds no dump is refused with one line saying what it looked like, never read as
/// a dump; a page that shows no structure's marks is read only when an option says what it is.
/// (Plain dmesg, an oops, prose, a QEMU command line and a short lspci listing are
/// `FieldLogDetectionTests.others`; the radix of bare numbers is `FieldLogReaderTests.theRadixRule`.)
@Suite struct RefusalTests {
    static let more: [(String, String)] = [
        (
            "lspci -vvv",
            """
            00:1f.3 Audio device: Intel Corporation Cannon Lake PCH cAVS (rev 10) (prog-if 80)
            \tSubsystem: Dell Device 085a
            \tControl: I/O- Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx+
            \tStatus: Cap+ 66MHz- UDF- FastB2B- ParErr- DEVSEL=fast >TAbort- <TAbort- <MAbort- >SERR- <PERR- INTx-
            \tLatency: 32, Cache Line Size: 64 bytes
            \tInterrupt: pin A routed to IRQ 145
            \tRegion 0: Memory at 6013110000 (64-bit, non-prefetchable) [size=16K]
            \tCapabilities: [50] Power Management version 3
            \t\tFlags: PMEClk- DSI- D1- D2- AuxCurrent=55mA PME(D0-,D1-,D2-,D3hot+,D3cold+)
            \t\tStatus: D0 NoSoftRst+ PME-Enable+ DSel=0 DScale=0 PME-
            \tCapabilities: [60] MSI: Enable+ Count=1/1 Maskable- 64bit+
            \t\tAddress: 00000000fee00238  Data: 0000
            \tKernel driver in use: snd_hda_intel
            \tKernel modules: snd_hda_intel, snd_sof_pci_intel_cnl

            """
        ),
        (
            "/proc/cpuinfo",
            """
            processor\t: 0
            vendor_id\t: GenuineIntel
            cpu family\t: 6
            model\t\t: 158
            model name\t: Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz
            microcode\t: 0xf8
            cpu MHz\t\t: 3200.000
            cache size\t: 12288 KB
            apicid\t\t: 0
            cpuid level\t: 22
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat vmx smx est ept vpid ept_ad
            vmx flags\t: vnmi preemption_timer invvpid ept_x_only ept_ad ept_1gb flexpriority tsc_offset vtpr mtf vapic ept vpid unrestricted_guest
            bugs\t\t: cpu_meltdown spectre_v1 spectre_v2 spec_store_bypass l1tf mds swapgs
            bogomips\t: 6399.96
            address sizes\t: 39 bits physical, 48 bits virtual

            """
        ),
        (
            "gdb backtrace",
            """
            (gdb) bt
            #0  0x00007ffff7a42e2b in __GI_raise (sig=sig@entry=6) at ../sysdeps/unix/sysv/linux/raise.c:50
            #1  0x00007ffff7a24859 in __GI_abort () at abort.c:79
            #2  0x0000555555a1c3f2 in kvm_cpu_exec (cpu=cpu@entry=0x555556c1e400) at ../accel/kvm/kvm-all.c:2960
            #3  0x0000555555a1d7c5 in kvm_vcpu_thread_fn (arg=arg@entry=0x555556c1e400) at ../accel/kvm/kvm-accel-ops.c:51
            (gdb) info registers rip
            rip            0x7ffff7a42e2b      0x7ffff7a42e2b <__GI_raise+203>

            """
        ),
        (
            "Makefile",
            """
            obj-m += myhv.o
            myhv-objs := main.o vmx.o vmcs.o ept.o
            KDIR ?= /lib/modules/$(shell uname -r)/build
            VMCS_FIELDS = GUEST_RIP GUEST_RSP GUEST_CR0
            EXIT_REASON = 48

            all:
            \t$(MAKE) -C $(KDIR) M=$(PWD) modules

            .PHONY: all

            """
        ),
        (
            "package.json",
            """
            {
              "name": "vmcs-tools",
              "version": "1.2.0",
              "config": { "GUEST_RIP": "0xffffffff81000000", "exit_reason": 48 }
            }

            """
        ),
        ("check --json", "{\"schema\": \"vmcs-inspect/check/2\", \"reports\": []}\n"),
    ]

    /// The words the refusal of each text holds: what the text looked like.
    static let what: [String: String] = [
        "dmesg": "no dump found in 8 lines", "oops": "no dump found in 19 lines", "prose": "cannot tell the input format",
        "qemu-command-line": "1 line of text that looks like a QEMU command line", "lspci": "lines of text that look like lspci output",
        "lspci -vvv": "lines of text that look like lspci output", "/proc/cpuinfo": "lines of text that look like /proc/cpuinfo",
        "gdb backtrace": "lines of text that look like gdb output", "Makefile": "lines of text that look like a makefile",
        "package.json": "lines of text that look like a JSON document but not show --json output",
        // Another command's JSON is recognised by its schema and named.
        "check --json":
            "expected a vmcs-inspect/show document, found a document of schema 'vmcs-inspect/check/2' (what check --json writes)",
    ]

    static var texts: [(String, String)] { FieldLogDetectionTests.others + more }

    @Test(arguments: texts)
    func textWithoutADumpIsRefusedInOneLine(name: String, text: String) throws {
        let error = try #require(throws: InspectError.self, "\(name)") {
            try SnapshotReader(bytes: Array(text.utf8), name: name).readAll()
        }
        #expect(!error.isUsage, "\(name)")  // exit status 2, not 64
        #expect(!error.message.contains("\n"), "\(name)")
        #expect(error.message.contains(Self.what[name] ?? "(no words listed)"), "\(name): \(error.message)")
    }

    /// `xxd` of a page, as xxd prints it: 16 bytes a line in groups of 2, then the characters.
    static func xxd(_ bytes: [UInt8]) -> String {
        var out = ""
        for start in stride(from: 0, to: bytes.count, by: 16) {
            let row = bytes[start..<min(start + 16, bytes.count)]
            var hex = ""
            for (index, byte) in row.enumerated() {
                hex += String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
                if index % 2 == 1 { hex += " " }
            }
            let text = String(decoding: row.map { $0 >= 0x20 && $0 < 0x7f ? $0 : UInt8(ascii: ".") }, as: UTF8.self)
            let address = String(start, radix: 16)
            out += String(repeating: "0", count: 8 - address.count) + address + ": " + hex + " " + text + "\n"
        }
        return out
    }

    /// A page of English text: at 0x010 'a' (0x61) happens to set bit 0, the VMRUN intercept,
    /// but EXITCODE at 0x070 holds the characters "holds a ", no exit code of the APM's, and
    /// the first four bytes ("this") are no VMCS revision identifier.
    static let textPage: [UInt8] = {
        let sentence = Array("this page holds a note, and no VMCB or VMCS state. ".utf8)
        return (0..<PageDecoder.pageSize).map { sentence[$0 % sentence.count] }
    }()

    @Test func aHexDumpOfAnotherPageIsRefusedUnlessItsFormatIsNamed() throws {
        #expect(PageDecoder.word(Self.textPage, at: 0x10, size: 1) & 1 == 1)
        let dump = Array(Self.xxd(Self.textPage).utf8)
        #expect(try SnapshotReader.detect(dump, name: "notes.xxd") == .xxd)
        let error = try #require(throws: InspectError.self) { try SnapshotReader(bytes: dump, name: "notes.xxd").readAll() }
        #expect(error.location == .line("notes.xxd", 1))
        #expect(error.message.hasPrefix("the page has neither a VMCB's marks (VMRUN intercept set, EXITCODE 0x"))
        #expect(error.message.contains("which the APM does not list) nor a known VMCS revision identifier"))
        #expect(error.message.hasSuffix("with --layout for a VMCS or --format xxd to read it as a VMCB anyway"))
        // Named, it is read as the raw page it is: a VMCB, the only structure a page is without a layout.
        let forced = try SnapshotReader(bytes: dump, name: "notes.xxd", settings: InputSettings(format: .xxd)).readAll()
        #expect(forced.count == 1)
        #expect(forced.first?.architecture == .svm)
        #expect(forced.first?.page == Self.textPage)
    }

    @Test func aRawPageOfZerosOrAnotherStructureIsRefusedUnlessNamed() throws {
        let zeros = [UInt8](repeating: 0, count: PageDecoder.pageSize)
        let error = try #require(throws: InspectError.self) { try SnapshotReader(bytes: zeros, name: "z.bin").readAll() }
        #expect(
            error.message
                == "the page is all zero bytes: name what it is, with --layout for a VMCS or --format raw to read it as a VMCB anyway")
        #expect(try SnapshotReader(bytes: zeros, name: "z.bin", settings: InputSettings(format: .raw)).readAll().count == 1)
        // The enlightened VMCS sample carries version 1, no revision identifier: it needs its layout,
        // and the refusal names it.
        let evmcs = Package.path("samples/evmcs-ept-violation.bin")
        let refused = try #require(throws: InspectError.self) { try SnapshotReader(path: evmcs, displayName: "e.bin").readAll() }
        #expect(refused.message.contains("looks like a Hyper-V enlightened VMCS: read it with --layout hyperv-evmcs"))
        // The VMSA made for the crash-dump fixtures: the save area at offset 0.
        let vmsa = Package.path("samples/cores/pages/vmsa.bin")
        let notVMCB = try #require(throws: InspectError.self) { try SnapshotReader(path: vmsa, displayName: "v.bin").readAll() }
        #expect(notVMCB.message.contains("looks like an SEV-ES save area (VMSA): --layout vmsa reads it as one"))
    }

    @Test func pagesWithMarksNeedNoOption() {
        var page = [UInt8](repeating: 0, count: PageDecoder.pageSize)
        // KVM's vmcs12 revision identifier 0x11e57ed0, little-endian.
        page[0..<4] = [0xd0, 0x7e, 0xe5, 0x11]
        #expect(PageDecoder.kindEvidence(page) == "revision identifier 0x11e57ed0")
        page[0..<4] = [0, 0, 0, 0]
        // VMRUN intercept (0x010 bit 0) with EXITCODE 0 (CR0_READ): a VMCB set up to run.
        page[0x10] = 1
        #expect(PageDecoder.kindEvidence(page) == "VMRUN intercept set")
        // Without the intercept, VMRUN fails and writes VMEXIT_INVALID: -1, or its low half.
        page[0x10] = 0
        #expect(PageDecoder.kindEvidence(page) == nil)
        for byte in 0x70..<0x74 { page[byte] = 0xff }
        #expect(PageDecoder.kindEvidence(page) == "EXITCODE VMEXIT_INVALID")
        for byte in 0x74..<0x78 { page[byte] = 0xff }
        #expect(PageDecoder.kindEvidence(page) == "EXITCODE VMEXIT_INVALID")
        // With the intercept, an exit code the APM does not list (0x7ff) is no VMCB's.
        page[0x10] = 1
        page[0x70..<0x78] = [0xff, 0x07, 0, 0, 0, 0, 0, 0]
        #expect(PageDecoder.kindEvidence(page) == nil)
    }

    @Test func rowsTwoProducersCouldHavePrintedAreRefusedNamingBoth() throws {
        // Three dump_vmcb rows amid prose: KVM's dump, cut, or a field log of VMCB names.
        // Neither reading is sure enough to pick; the refusal names both and how to choose.
        let text = """
            Here is what the host printed:
            exit_code:          00000400
            exit_info1:         0000000100000006
            exit_info2:         00000000fed00000
            after that the guest hung.
            Any idea?

            """
        let error = try #require(throws: InspectError.self) { try SnapshotReader(bytes: Array(text.utf8), name: "amb").readAll() }
        #expect(!error.isUsage)
        #expect(error.message.hasPrefix("cannot tell the input format for sure: it could be field log"))
        #expect(error.message.contains("or KVM dump_vmcb or dump_vmcs"))
        #expect(error.message.hasSuffix("name one with --format fields or --format kvm"))
        // Named, either reads the rows: EXITCODE 0x400 (NPF), EXITINFO1 and EXITINFO2.
        for format in [InputFormat.fields, .kvm] {
            let read = try SnapshotReader.read(text, name: "amb", settings: InputSettings(format: format))
            let snapshot = try #require(read.snapshots.first, "\(format)")
            #expect(snapshot.architecture == .svm)
            #expect(snapshot.integer("control.exit_code") == 0x400)
            #expect(snapshot.integer("control.exit_info_1") == 0x1_0000_0006)
            #expect(snapshot.integer("control.exit_info_2") == 0xfed0_0000)
        }
    }

    @Test func namesBothVendorsShareAreRefusedAndNamedAreVendorNeutral() throws {
        // A few rows of a KVM or Xen dump, or a field log: CR3, RSP, RIP, RFLAGS and DR7 say
        // nothing of the structure. Refused, naming the closest reader; read as a field log when
        // named, a CPU state, neither VMCS nor VMCB.
        let rows =
            "CR3 = 0x000000010a6b2000\nRSP = 0xffffc90000013e48  RIP = 0xffffffff8107a3b5\nRFLAGS=0x00000246         DR7 = 0x0000000000000400\n"
        let error = try #require(throws: InspectError.self) { try SnapshotReader(bytes: Array(rows.utf8), name: "rows").readAll() }
        #expect(error.message.contains("the closest is field log"))
        #expect(error.message.hasSuffix("if that is what it is, say so with --format fields"))
        let read = try SnapshotReader.read(rows, name: "rows", settings: InputSettings(format: .fields))
        #expect(read.snapshots.map(\.architecture) == [.cpu])
        #expect(read.snapshots.first?.integer("cpu.dr7") == 0x400)
    }
}

/// The README's "What it reads" table and the man page's INPUT FORMATS name every format the
/// readers accept and every producer the field-log reader knows by its marks.
@Suite struct InputFormatDocumentationTests {
    static let formats = Set(InputFormat.all.map(\.rawValue))

    static func text(_ path: String) throws -> String { try String(contentsOfFile: Package.path(path), encoding: .utf8) }

    /// The lines of a part of a text: from the line `start` to the next line that starts with `end`.
    static func section(_ text: String, from start: String, to end: String) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0 == start }) else { return [] }
        let rest = lines[lines.index(after: first)...]
        let last = rest.firstIndex { $0.hasPrefix(end) } ?? rest.endIndex
        return Array(rest[..<last])
    }

    @Test func manPageListsEveryFormatOnce() throws {
        let page = try Self.text("man/vmcs-inspect.1")
        let entries = Self.section(page, from: ".Sh INPUT FORMATS", to: ".Sh ").filter { $0.hasPrefix(".It Cm ") }.map {
            String($0.dropFirst(".It Cm ".count))
        }
        #expect(entries.count == Set(entries).count, "\(entries)")
        #expect(Set(entries) == Self.formats)
        // The --format option names them too.
        let lines = page.split(separator: "\n")
        let option = try #require(lines.firstIndex { $0 == ".It Fl -format Ar format" })
        let list = try #require(lines[option...].first { $0.hasPrefix(".Cm raw , ") })
        #expect(Set(list.dropFirst(".Cm ".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) == Self.formats)
    }

    @Test func readmeTableNamesEveryFormat() throws {
        let rows = Self.section(try Self.text("README.md"), from: "## What it reads", to: "## ").filter { $0.hasPrefix("| ") }.dropFirst(2)
        var named = Set<String>()
        for row in rows {
            let cells = row.split(separator: "|", omittingEmptySubsequences: false)
            let last = cells.dropLast().last.map(String.init) ?? ""
            for (index, part) in last.split(separator: "`", omittingEmptySubsequences: false).enumerated() where index % 2 == 1 {
                #expect(Self.formats.contains(String(part)) || part == "--layout", "README: '\(part)' is no format")
                named.insert(String(part))
            }
        }
        #expect(Self.formats.subtracting(named).isEmpty, "README lacks \(Self.formats.subtracting(named).sorted())")
    }

    @Test func bothNameEveryProducerTheFieldLogReaderKnows() throws {
        let readme = Self.section(try Self.text("README.md"), from: "## What it reads", to: "## ").joined(separator: "\n")
        let page = Self.section(try Self.text("man/vmcs-inspect.1"), from: ".Sh INPUT FORMATS", to: ".Sh ").joined(separator: "\n")
        for producer in FieldProducer.allCases {
            let name = String(producer.title.split(separator: " ").first ?? "")
            #expect(readme.contains(name), "README lacks \(name)")
            #expect(page.contains(name), "man page lacks \(name)")
        }
    }
}
