import Testing

@testable import VMCSInspect

/// Random input never traps: every reader either decodes or throws an InspectError.
@Suite struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed from its seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomPagesDecodeAndRender(seed: UInt64) throws {
        var random = SplitMix(state: seed)
        let page = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }
        let loaded = try SnapshotReader(bytes: page, name: "random-\(seed)", settings: InputSettings(format: .raw)).readAll()
        let decoded = try #require(loaded.first.map { Decoder.decode($0) })
        var selection = FieldSelection()
        selection.showAll = true
        selection.detail = .all
        let document = Document(.show, [.snapshot(SnapshotNode(decoded, selection: selection))])
        let text = document.text
        let json = JSONRenderer.string(document)
        #expect(text.contains("exit_code"), "seed \(seed)")
        #expect(json.hasPrefix("{"), "seed \(seed)")
        // Every field of a full page is present: a raw page holds them all (bar SEV-ES ones).
        #expect(decoded.fields.count >= Catalog.vmcb.fields.filter { $0.condition == nil }.count, "seed \(seed)")
        // With every field there, every VMRUN check runs, and none names what the catalog lacks.
        let report = Checker.run(decoded)
        #expect(report.skipped.isEmpty, "seed \(seed): \(report.skipped.map(\.check))")
        #expect(!report.findings.contains { $0.message.hasPrefix("internal:") }, "seed \(seed)")
        #expect(Document(.check, [.check(CheckNode(report))]).text.hasSuffix("VMCB checks\n"), "seed \(seed)")
    }

    /// Random values in every VMCS field: the checks run on whatever tables the values select,
    /// and skip only where a value's table lacks a bit (an unusable segment has no type).
    @Test(arguments: [21, 22, 23, 24, 25, 26, 27, 28] as [UInt64])
    func randomVMCSStatesCheckWithoutTrapping(seed: UInt64) throws {
        var random = SplitMix(state: seed)
        var snapshot = Snapshot(architecture: .vmx, source: "random-\(seed)", format: .fields, location: SourceLocation(file: "random"))
        for field in Catalog.vmcs.fields where field.size <= 8 {
            let width = UInt64(field.size * 8)
            let value = UInt64.random(in: 0...UInt64.max, using: &random)
            snapshot.values[field.id] = .integer(width >= 64 ? value : value & ((1 << width) - 1))
        }
        let report = Checker.run(try #require(Decoder.decode(snapshot)))
        #expect(report.skipped.allSatisfy { $0.missing.bit != nil }, "seed \(seed): \(report.skipped.map { "\($0.check) \($0.missing)" })")
        #expect(!report.findings.contains { $0.message.hasPrefix("internal:") }, "seed \(seed)")
        #expect(report.errors > 0, "seed \(seed): random state passed every rule")
    }

    /// Whether an outcome is one a user can act on: snapshots from the input whose values fit
    /// their fields (or are named in a warning) and whose warnings name lines of it, or one error located in it that reads
    /// as the house style says (lowercase, no final period).
    static func expectWellFormed(
        _ outcome: Result<(snapshots: [Snapshot], warnings: [InputWarning]), any Error>, name: String, lines: Int, _ comment: Comment
    ) {
        switch outcome {
        case .success(let read):
            for snapshot in read.snapshots {
                #expect(snapshot.source == name, comment)
                let catalog = Catalog.forArchitecture(snapshot.architecture)
                for (id, value) in snapshot.values {
                    guard case .integer(let number) = value, let field = catalog.field(id: id), field.size < 8 else { continue }
                    // Wider than its field only where a warning says so (a trace keeps what it printed).
                    let named = read.warnings.contains { ByteSearch.contains($0.message, " \(field.name) ") }
                    #expect(
                        number >> UInt64(field.size * 8) == 0 || named, "\(comment): \(id) = \(number) does not fit \(field.size) bytes")
                }
            }
            for warning in read.warnings {
                #expect(warning.location.file == name, comment)
                if case .line(let line) = warning.location.position { #expect((1...lines).contains(line), "\(comment): \(warning)") }
            }
        case .failure(let error):
            guard let error = error as? InspectError else {
                Issue.record("\(comment): \(error) is not an InspectError")
                return
            }
            #expect(error.location?.file == name, "\(comment): \(error)")
            if case .line(let line) = error.location?.position { #expect((1...lines).contains(line), "\(comment): \(error)") }
            #expect(error.message.first?.isUppercase == false, "\(comment): \(error)")
            #expect(!error.message.hasSuffix("."), "\(comment): \(error)")
        }
    }

    static func read(_ text: String, name: String, format: InputFormat?) -> Result<
        (snapshots: [Snapshot], warnings: [InputWarning]), any Error
    > {
        Result { try SnapshotReader.read(text, name: name, settings: InputSettings(format: format)) }
    }

    /// Random text in every format: read or refused with a located error, never a value that
    /// does not fit its field; as a raw page it is refused for its size, as JSON for its first
    /// byte.
    @Test(arguments: [11, 12, 13, 14, 15, 16] as [UInt64])
    func randomTextIsReadOrRefusedWithALocatedError(seed: UInt64) {
        var random = SplitMix(state: seed)
        let alphabet = Array("0123456789abcdefxX:|<>*[] -.\n\r\tkvm_amd:VMCB Control Area:cr_read:exit_code:es: s: a:")
        let text = String((0..<6000).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
        let lines = text.utf8.count { $0 == 0x0a } + 1
        for format in InputFormat.all {
            Self.expectWellFormed(
                Self.read(text, name: "noise", format: format), name: "noise", lines: lines, "seed \(seed), format \(format)")
        }
        #expect(
            throws: InspectError(
                .byte("noise", 0x1000), "expected a 4096-byte page, found more (use --offset to pick a page out of a larger input)")
        ) { try Self.read(text, name: "noise", format: .raw).get() }
        let json = #expect(throws: InspectError.self) { try Self.read(text, name: "noise", format: .json).get() }
        #expect(json?.message.hasPrefix("invalid JSON: expected") == true, "seed \(seed): \(String(describing: json))")
    }

    /// A dump line cut at every point, at the end of the input: whatever is read is a value the
    /// line printed or the digits of one before the cut, never another number; or the dump is
    /// refused at its first line for holding no value.
    @Test func everyKVMSampleLineTruncatedAtEveryPointReads() throws {
        let lines = [
            "[  602.118424] [ T2291] kvm_amd: intercepts:         bdcc8027 00006e7f",
            "kvm_amd: es:   s: 0000 a: 0000 l: ffffffff b: 0000000000000000",
            "kvm_amd: vmpl: 0   cpl:  0               efer:          0000000000001d01",
        ]
        for line in lines {
            // Every number the line prints, and every number its leading digits make.
            var printed = Set<UInt64>()
            for token in line.split(separator: " ") where token.allSatisfy(\.isHexDigit) {
                for count in 1...token.count { if let value = UInt64(token.prefix(count), radix: 16) { printed.insert(value) } }
            }
            for cut in 0...line.count {
                let text = "VMCB Control Area:\n" + String(line.prefix(cut))
                let outcome = Self.read(text, name: "cut", format: .kvm)
                Self.expectWellFormed(outcome, name: "cut", lines: 2, "cut at \(cut) of '\(line)'")
                switch outcome {
                case .success(let read):
                    #expect(read.snapshots.count == 1)
                    for (id, value) in read.snapshots.first?.values ?? [:] {
                        #expect(value.integer.map(printed.contains) == true, "cut at \(cut) of '\(line)': \(id) = \(value)")
                    }
                case .failure(let error):
                    let error = error as? InspectError
                    #expect(error?.location == .line("cut", 1), "cut at \(cut) of '\(line)'")
                    #expect(
                        error?.message.hasPrefix("this KVM dump_vmcb holds no value that could be read") == true,
                        "\(String(describing: error))")
                }
            }
        }
        // The whole lines, read by hand: the selector, attributes, limit and base of ES; VMPL,
        // CPL and EFER. The first line is another printk caller's (T2291), so not the dump's:
        // it opens a dump of its own that lost its header, with intercept words 3 and 4.
        let es = try SnapshotReader.read("VMCB Control Area:\n" + lines[1], name: "cut", settings: InputSettings(format: .kvm)).snapshots
        #expect(
            es.first?.values == [
                "save.es.selector": .integer(0), "save.es.attrib": .integer(0), "save.es.limit": .integer(0xffff_ffff),
                "save.es.base": .integer(0),
            ])
        let efer = try SnapshotReader.read("VMCB Control Area:\n" + lines[2], name: "cut", settings: InputSettings(format: .kvm)).snapshots
        #expect(efer.first?.values == ["save.vmpl": .integer(0), "save.cpl": .integer(0), "save.efer": .integer(0x1d01)])
        let headless = try SnapshotReader.read("VMCB Control Area:\n" + lines[0], name: "cut", settings: InputSettings(format: .kvm))
        #expect(
            headless.snapshots.first?.values == [
                "control.intercept_word3": .integer(0xbdcc_8027), "control.intercept_word4": .integer(0x6e7f),
            ])
        #expect(headless.snapshots.first?.location == .line("cut", 2))
    }
}

/// Extreme numbers in every place a reader takes one: no overflow traps, no value wider than
/// its field, and what is read is what the number says.
@Suite struct ExtremeValueTests {
    static let huge = ["ffffffffffffffff", "0xffffffffffffffff", "18446744073709551615", "-9223372036854775808", "99999999999999999999999"]

    static func texts(_ value: String) -> [String] {
        [
            "VMCB Control Area:\nexit_code: \(value)\nasid: \(value)\nes: s: \(value) a: \(value) l: \(value) b: \(value)\n",
            "*** Guest State ***\nRSP = \(value)  RIP = \(value)\nCS:   sel=\(value), attr=\(value)\n*** Control State ***\nSVI|RVI = \(value)|\(value)\n",
            "GUEST_RIP = \(value)\nEPT_POINTER_HIGH = \(value)\n\(value) = 1\nVM_EXIT_REASON = \(value)\n",
        ]
    }

    @Test(arguments: huge)
    func readersTakeExtremeNumbers(value: String) throws {
        for text in Self.texts(value) {
            for format in [InputFormat.kvm, .fields] {
                let lines = text.utf8.count { $0 == 0x0a }
                RobustnessTests.expectWellFormed(
                    RobustnessTests.read(text, name: "x", format: format), name: "x", lines: lines, "\(format): \(text.debugDescription)")
            }
        }
        // A KVM VMCB dump prints bare hex: all ones fits the 64-bit EXITCODE and ES base, not
        // the 32-bit ASID or the 16-bit selector; anything else is no number KVM prints.
        let vmcb = RobustnessTests.read(Self.texts(value)[0], name: "x", format: .kvm)
        if value == "ffffffffffffffff" {
            let values = try vmcb.get().snapshots.first?.values
            #expect(values == ["control.exit_code": .integer(.max), "save.es.base": .integer(.max)])
        } else {
            let why =
                value.hasPrefix("0x")
                ? "cannot place this line in the VMCB dump: 'exit_code: \(value)'" : "cannot read the value of 'exit_code': '\(value)'"
            #expect(throws: InspectError(.line("x", 1), "this KVM dump_vmcb holds no value that could be read (line 2: \(why))")) {
                try vmcb.get()
            }
        }
        // A field log reads hex and 0x hex, and decimal when nothing says otherwise (with a
        // warning); a negative number as its two's complement; a number past 64 bits not at all.
        let fields = RobustnessTests.read(Self.texts(value)[2], name: "x", format: .fields)
        switch value {
        case "99999999999999999999999":
            #expect(
                throws: InspectError(
                    SourceLocation(file: "x"),
                    "no field line could be read (line 1: cannot read the value of 'GUEST_RIP': '99999999999999999999999')")
            ) { try fields.get() }
        case "-9223372036854775808":
            #expect(try fields.get().snapshots.first?.values == ["guest.rip": .integer(0x8000_0000_0000_0000)])
        default:
            #expect(try fields.get().snapshots.first?.values == ["guest.rip": .integer(.max)])
        }
        // A layout offset, a catalog name and an input's @N: refused or taken for what they are.
        #expect(
            throws: InspectError(
                .line("l", 1), "expected an offset from 0x0 to 0xff8 for GUEST_RIP (8 bytes, inside the 4096-byte page), found '\(value)'")
        ) { try LayoutFileReader.parse("GUEST_RIP \(value)\nrevision \(value)\n\(value) 0x10\n", name: "l") }
        #expect(Catalog.vmcs.resolve(value) == nil)
        #expect(Catalog.vmcb.resolve(value) == nil)
        let reference = InputReference.parse("file@\(value)")
        if value == "0xffffffffffffffff" {
            #expect(reference == InputReference(path: "file", physicalAddress: .max))
        } else {
            #expect(reference == InputReference(path: "file@\(value)"))
        }
    }

    @Test(arguments: [
        (Int.max, "a 4096-byte page at offset 0x7fffffffffffffff does not fit in 4096 bytes"),
        (Int.max - 4095, "a 4096-byte page at offset 0x7ffffffffffff000 does not fit in 4096 bytes"),
        (4096, "a 4096-byte page at offset 0x1000 does not fit in 4096 bytes"),
        (1, "a 4096-byte page at offset 0x1 does not fit in 4096 bytes"),
    ])
    func offsetsPastTheEnd(offset: Int, message: String) {
        let page = [UInt8](repeating: 0, count: 4096)
        #expect(throws: InspectError(.byte("p", 4096), message)) {
            try SnapshotReader(bytes: page, name: "p", settings: InputSettings(format: .raw, offset: offset)).readAll()
        }
    }

    @Test(arguments: [-1, Int.min])
    func negativeOffsetsAreUsageErrors(offset: Int) {
        let page = [UInt8](repeating: 0, count: 4096)
        #expect(throws: InspectError.usage("--offset must not be negative")) {
            try SnapshotReader(bytes: page, name: "p", settings: InputSettings(format: .raw, offset: offset)).readAll()
        }
    }
}
