import Foundation
import Testing

@testable import VMCSInspect

/// Where the package's files are, from this source file's place in it.
enum Package {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// One golden case: a sample, the request, and the file holding the expected output.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    let sample: String
    let golden: String
    let json: Bool
    let showAll: Bool
    let bits: BitDetail
    let layout: String?
    var testDescription: String { golden }

    init(_ sample: String, _ golden: String, json: Bool = false, showAll: Bool = false, bits: BitDetail = .none, layout: String? = nil) {
        self.sample = sample
        self.golden = golden
        self.json = json
        self.showAll = showAll
        self.bits = bits
        self.layout = layout
    }
}

/// Golden files compare whole outputs. `VMCS_INSPECT_RECORD=1 swift test` rewrites them and
/// fails, so a recording run never passes; review the diff like code.
@Suite struct GoldenTests {
    static let samples = [
        "vmcb-npf.bin", "vmcb-npf.xxd", "vmcb-npf.hexdump", "vmcb-npf.od-x1", "vmcb-npf.kvm.log", "vmcb-npf.kvm-4.x.log",
        "vmcb-ioio.bin", "vmcb-ioio.xxd", "vmcb-ioio.hexdump", "vmcb-ioio.od-x8", "vmcb-ioio.kvm.log",
        "vmcb-mail-paste.kvm.log",
        "vmcs-ept-violation.kvm-6.12.log", "vmcs-mail-wrapped.kvm-6.12.log", "vmcs-entry-failure.kvm-5.x.log", "vmcs-several.kvm-4.x.log",
        "vmcs-pf.xen.log", "vmcs-io.fields.log", "vmcs-vmread.fields.log", "vmcs12-ept-violation.bin", "vmcs12-ept-violation.xxd",
        "vmcb-vmrun-failure.kvm.log", "vmcs-entry-failure.xen.qp.txt", "vmcs-ept-violation.bhyvectl.txt", "vmcb-npf.bhyvectl.txt",
        "vmcs-entry-failure.qemu.log", "vmcb-vmrun-failure.qemu.log", "cpu-reset.qemu-info-registers.txt",
        "vmcs-entry-failure.vbox.log", "cpu-triple-fault.vbox.log", "vmcb-npf.xen-svm.log", "vmcs-msr-load-failure.xen.log",
        "vmcs-ept-violation.haxm.log", "vmcs-hobby.fields.log", "cpu.dune.log",
        "vmx-exits.ftrace.txt", "vmx-exits.kvm-4.x.trace", "svm-exits.trace-cmd.txt",
    ]

    static let cases: [GoldenCase] =
        samples.flatMap { sample in
            [GoldenCase(sample, "\(sample).decode.txt"), GoldenCase(sample, "\(sample).decode.json", json: true)]
        } + [
            GoldenCase("vmcb-npf.bin", "vmcb-npf.bin.all-bits.txt", showAll: true, bits: .set),
            GoldenCase("vmcb-ioio.kvm.log", "vmcb-ioio.kvm.log.all.txt", showAll: true, bits: .all),
            GoldenCase("evmcs-ept-violation.bin", "evmcs-ept-violation.bin.decode.txt", layout: "hyperv-evmcs"),
            GoldenCase(
                "vmcs12-ept-violation.bin", "vmcs12-ept-violation.bin.exit-layout.txt", layout: Package.path("samples/vmcs12-exit.layout")),
        ]

    @Test(arguments: cases)
    func golden(_ golden: GoldenCase) throws {
        let displayName = "samples/\(golden.sample)"
        let request = ShowRequest(
            path: Package.path(displayName), displayName: displayName, settings: InputSettings(layout: golden.layout),
            showAll: golden.showAll,
            bits: golden.bits)
        let output =
            golden.json
            ? try Rendered.json { try ShowCommand.run(request, to: $0) }.output
            : try Rendered.text { try ShowCommand.run(request, to: $0) }.output
        try GoldenFile.check(output, golden.golden)
    }

    @Test func jsonGoldensParse() throws {
        for sample in Self.samples {
            let data = try Data(contentsOf: URL(fileURLWithPath: Package.path("Tests/VMCSInspectTests/Golden/\(sample).decode.json")))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(object?["schema"] as? String == DocumentKind.show.schema, "\(sample)")
        }
    }
}

/// A short line diff for golden mismatches.
enum LineDiff {
    static func describe(expected: String, actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : nil
            let right = index < b.count ? String(b[index]) : nil
            if left != right {
                if let left { out.append("-\(index + 1): \(left)") }
                if let right { out.append("+\(index + 1): \(right)") }
            }
            if out.count > 40 { break }
        }
        return out.joined(separator: "\n")
    }
}

/// The same state in every format decodes to the same fields.
@Suite struct FormatAgreementTests {
    func load(_ sample: String) throws -> Snapshot {
        try #require(try Loaded(Package.path("samples/\(sample)")).snapshots.first)
    }

    @Test(arguments: [
        ("vmcb-npf.bin", ["vmcb-npf.xxd", "vmcb-npf.hexdump", "vmcb-npf.od-x1"]),
        ("vmcb-ioio.bin", ["vmcb-ioio.xxd", "vmcb-ioio.hexdump", "vmcb-ioio.od-x8"]),
    ])
    func dumpsEqualThePage(page: String, dumps: [String]) throws {
        let reference = try load(page)
        for dump in dumps {
            #expect(try load(dump).values == reference.values, "\(dump)")
        }
    }

    @Test(arguments: [
        ("vmcb-npf.bin", "vmcb-npf.kvm.log"), ("vmcb-npf.bin", "vmcb-npf.kvm-4.x.log"), ("vmcb-ioio.bin", "vmcb-ioio.kvm.log"),
        ("vmcb-npf.bin", "vmcb-npf.xen-svm.log"),
    ])
    func logAgreesWithThePageOnEveryFieldItPrints(page: String, log: String) throws {
        let reference = try load(page)
        let logged = try load(log)
        #expect(logged.values.count >= 70)
        for (id, value) in logged.values {
            #expect(reference.values[id] == value, "\(log): \(id)")
        }
    }

    func all(_ sample: String) throws -> [Snapshot] {
        try Loaded(Package.path("samples/\(sample)")).snapshots
    }

    /// Every field both inputs hold has the same value, but for those listed as known to differ.
    func expectAgreement(_ a: Snapshot, _ b: Snapshot, except: Set<String> = [], only prefix: String = "", minimum: Int) {
        var common = 0
        for (id, value) in a.values where id.hasPrefix(prefix) && !except.contains(id) {
            guard let other = b.values[id] else { continue }
            common += 1
            #expect(value == other, "\(id)")
        }
        #expect(common >= minimum)
    }

    @Test func vmcsDumpsOfOneStateAgreeAcrossEras() throws {
        let ept = try load("vmcs-ept-violation.kvm-6.12.log")
        let several = try all("vmcs-several.kvm-4.x.log")
        #expect(several.count == 3)
        // The 4.x dump predates tertiary controls: its CPU-based word lacks bit 17.
        expectAgreement(ept, try #require(several.last), except: ["ctrl.proc_based"], minimum: 70)
        #expect(several.last?.integer("ctrl.proc_based") == 0xb6a0_65fa)
        let failure = try load("vmcs-entry-failure.kvm-5.x.log")
        expectAgreement(
            ept, failure, except: ["ctrl.proc_based", "guest.tr.ar", "exit.reason", "exit.qualification", "exit.instruction_len"],
            minimum: 70)
        #expect(failure.integer("exit.reason") == 0x8000_0021)
        #expect(failure.integer("guest.tr.ar") == 0x1_008b)
    }

    @Test func mailWrappedDumpReadsWhole() throws {
        // Every field of the dump, though 33 of its lines were wrapped by a mail client and quoted.
        let original = try load("vmcs-ept-violation.kvm-6.12.log")
        let wrapped = try Loaded(Package.path("samples/vmcs-mail-wrapped.kvm-6.12.log"), displayName: "wrapped")
        #expect(wrapped.warnings.isEmpty)
        let snapshot = try #require(wrapped.snapshots.first)
        #expect(snapshot.values.count == original.values.count)
        expectAgreement(original, snapshot, minimum: original.values.count)
        // Split across the wrap: `PDPTR1 =` / `0x0000000000000000`, `CR4: actual=…,` / `shadow=…`.
        #expect(snapshot.integer("guest.pdptr1") == 0)
        #expect(snapshot.integer("ctrl.cr4_read_shadow") == 0x3706f0)
    }

    @Test func xenFieldLogAndVMCS12AgreeWithKVM() throws {
        let ept = try load("vmcs-ept-violation.kvm-6.12.log")
        let xen = try load("vmcs-pf.xen.log")
        expectAgreement(ept, xen, only: "guest.", minimum: 40)
        #expect(xen.metadata.contains { $0.key == "domain" && $0.value == "3" })
        #expect(xen.integer("exit.intr_info") == 0x8000_0b0e)
        let io = try #require(try all("vmcs-several.kvm-4.x.log").first)
        expectAgreement(io, try load("vmcs-io.fields.log"), except: ["ctrl.proc_based"], minimum: 18)
        let page = try load("vmcs12-ept-violation.bin")
        #expect(page.architecture == .vmx)
        expectAgreement(ept, page, except: ["ctrl.proc_based"], minimum: 50)
        // The enlightened VMCS offsets were transcribed apart from the Swift table.
        let evmcs = try #require(
            try Loaded(Package.path("samples/evmcs-ept-violation.bin"), settings: InputSettings(layout: "hyperv-evmcs")).snapshots.first)
        expectAgreement(ept, evmcs, except: ["ctrl.proc_based"], minimum: 90)
    }

    @Test func quotedPrintableXenPostReadsLikeTheKVMDumpOfTheSameState() throws {
        // The same refused guest state (TR unusable) as KVM 5.x prints it and as a list archive
        // shows Xen's dump of it: =3D for '=', soft breaks mid-label, =C2=A0 for the spaces.
        let loaded = try Loaded(Package.path("samples/vmcs-entry-failure.xen.qp.txt"), displayName: "post")
        #expect(loaded.warnings.first?.message.hasPrefix("the input is quoted-printable mail text") == true)
        let post = try #require(loaded.snapshots.first)
        expectAgreement(try load("vmcs-entry-failure.kvm-5.x.log"), post, only: "guest.", minimum: 40)
        #expect(post.metadata.contains { $0.key == "vmentry_failure_reason" && $0.value == "0x80000021" })
        #expect(post.integer("guest.tr.ar") == 0x1_008b)
    }

    @Test func bhyvectlOutputAgreesWithThePageAndTheKVMLog() throws {
        // bhyvectl on an Intel host prints VMCS fields by name; on an AMD host VMCB reads by
        // offset and width, and segment attributes in VT-x form, which read back to the page.
        expectAgreement(try load("vmcs-ept-violation.kvm-6.12.log"), try load("vmcs-ept-violation.bhyvectl.txt"), minimum: 70)
        let amd = try load("vmcb-npf.bhyvectl.txt")
        #expect(amd.architecture == .svm)
        expectAgreement(try load("vmcb-npf.bin"), amd, minimum: 70)
        #expect(amd.integer("save.cs.attrib") == 0x29b)
        #expect(amd.integer("control.tlb_ctl") != nil)
    }

    @Test func haxmAndHobbyDumpsAgreeWithKVMsOfTheSameState() throws {
        // HAXM's dump_vmcs() prints 127 fields of the EPT-violation state KVM 6.12 printed;
        // every field both print agrees, and HAXM's bare hex (`ff`, `24207eb`) reads as hex.
        let ept = try load("vmcs-ept-violation.kvm-6.12.log")
        let loaded = try Loaded(Package.path("samples/vmcs-ept-violation.haxm.log"), displayName: "haxm")
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        let haxm = try #require(loaded.snapshots.first)
        #expect(loaded.snapshots.count == 1)
        #expect(haxm.values.count == 127)
        expectAgreement(ept, haxm, minimum: 80)
        #expect(haxm.integer("ctrl.pin_based") == 0xff)
        #expect(haxm.integer("ctrl.proc_based2") == 0x0242_07eb)
        #expect(haxm.integer("guest.vmcs_link_pointer") == .max)
        // The hobby hypervisor's names (ia32-doc's without VMCS_, halves as _FULL and _HIGH).
        let hobby = try Loaded(Package.path("samples/vmcs-hobby.fields.log"), displayName: "hobby")
        let snapshot = try #require(hobby.snapshots.first)
        expectAgreement(ept, snapshot, minimum: 30)
        #expect(snapshot.integer("ctrl.ept_pointer") == 0x1_1c3e_905e)
        #expect(snapshot.integer("exit.guest_physical_address") == 0xfebf_1000)
        #expect(snapshot.values["guest.bndcfgs"] == nil)
        #expect(
            hobby.warnings.map(\.description) == [
                "hobby:1: cannot place this line: 'myhv: vcpu0: exit 48, dumping VMCS'",
                "hobby:35: the producer could not read 0x2812 (GUEST_BNDCFGS): the field is absent, not 0",
                "hobby:36: cannot read the value of 'GUEST_BNDCFGS': 'INVALID_VALUE'",
            ])
    }

    @Test func mailPasteHoldsThreeDumpsAndSaysWhatItCouldNotPlace() throws {
        let loaded = try Loaded(Package.path("samples/vmcb-mail-paste.kvm.log"), displayName: "paste")
        #expect(loaded.snapshots.count == 3)
        let ioio = try load("vmcb-ioio.bin")
        for (id, value) in try #require(loaded.snapshots.first).values {
            #expect(ioio.values[id] == value, "\(id)")
        }
        #expect(loaded.snapshots[1].integer("control.exit_code") == .max)
        #expect(loaded.snapshots[1].integer("control.event_inj") == 0x8000_0b0e)
        // The third dump was cut after its cr0/cr2 row.
        #expect(loaded.snapshots[2].integer("save.cr0") == 0x8005_0033)
        #expect(loaded.snapshots[2].values["save.cr3"] == nil)
        // journald's line (printk caller T1, not the dump's T2291) and the closing prose (no
        // timestamp) are other streams' lines: not the dump's, so not warned about.
        #expect(
            loaded.warnings.map(\.description) == [
                "paste:171: this VMCB dump ends early after this line: 79 fields read, the rest are absent"
            ])
    }
}

/// What `show --json` writes reads back to the same snapshot.
@Suite struct JSONRoundTripTests {
    /// The values, and what makes rules undecided: the bits the input did not give (QEMU's
    /// CR0, CR4 and RFLAGS printed as 32 bits), the bits it gave as the guest sees them, and the
    /// failure it recorded (QEMU's "KVM: entry failed, hardware error 0x80000021"). Without
    /// them a copy decided rules the original could not (TR's P bit, printed clear by QEMU for
    /// an unusable TR, made guest-tr-present an error).
    @Test(arguments: [
        "vmcb-npf.bin", "vmcb-mail-paste.kvm.log", "vmcs-ept-violation.kvm-6.12.log", "vmcs-pf.xen.log", "vmcs-entry-failure.qemu.log",
        "vmcb-vmrun-failure.qemu.log", "vmcs-entry-failure.vbox.log",
    ])
    func roundTrip(sample: String) throws {
        let loaded = try Loaded(Package.path("samples/\(sample)"))
        let json = JSONRenderer.string(Document(.show, loaded.snapshots.map { .snapshot(SnapshotNode(Decoder.decode($0))) }))
        let back = try Loaded(bytes: Array(json.utf8), name: "json")
        #expect(back.format == .json)
        #expect(back.snapshots.map(\.values) == loaded.snapshots.map(\.values))
        #expect(back.snapshots.map(\.absentBits) == loaded.snapshots.map(\.absentBits))
        #expect(back.snapshots.map(\.guestViewBits) == loaded.snapshots.map(\.guestViewBits))
        #expect(back.snapshots.map { $0.failures.map(\.kind) } == loaded.snapshots.map { $0.failures.map(\.kind) })
        for (original, copy) in zip(loaded.snapshots, back.snapshots) {
            let verdicts = { (snapshot: Snapshot) in Checker.run(Decoder.decode(snapshot)).results.map { "\($0.check.id) \($0.isDecided)" } }
            #expect(verdicts(copy) == verdicts(original))
        }
    }

    @Test func badJSON() {
        #expect(throws: InspectError.self) {
            try Loaded(bytes: Array("{\"schema\": \"vmcs-inspect/show/1\", \"snapshots\": [{}]}".utf8), name: "j")
        }
        #expect(throws: InspectError.self) {
            try Loaded(bytes: Array("{\"schema\": \"vmcs-inspect/show/1\", \"snapshots\": [".utf8), name: "j")
        }
    }
}

extension SnapshotReader {
    /// A field log read as one (tests name the format rather than rely on detection).
    static func read(name: String, fields text: String) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        try read(text, name: name, settings: InputSettings(format: .fields))
    }
}

/// An input read whole, for tests: its snapshots, warnings and format.
struct Loaded {
    let snapshots: [Snapshot]
    let warnings: [InputWarning]
    let format: InputFormat

    init(_ path: String, displayName: String? = nil, settings: InputSettings = InputSettings()) throws {
        let reader = try SnapshotReader(path: path, displayName: displayName, settings: settings)
        snapshots = try reader.readAll()
        warnings = reader.warnings
        format = reader.format
    }

    init(bytes: [UInt8], name: String, settings: InputSettings = InputSettings()) throws {
        let reader = try SnapshotReader(bytes: bytes, name: name, settings: settings)
        snapshots = try reader.readAll()
        warnings = reader.warnings
        format = reader.format
    }
}
