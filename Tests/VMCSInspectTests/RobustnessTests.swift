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

    @Test(arguments: [11, 12, 13, 14, 15, 16] as [UInt64])
    func randomTextNeverTraps(seed: UInt64) {
        var random = SplitMix(state: seed)
        let alphabet = Array("0123456789abcdefxX:|<>*[] -.\n\r\tkvm_amd:VMCB Control Area:cr_read:exit_code:es: s: a:")
        let text = String((0..<6000).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
        for format in InputFormat.all {
            do {
                _ = try SnapshotReader(bytes: Array(text.utf8), name: "noise", settings: InputSettings(format: format)).readAll()
            } catch is InspectError {
                continue
            } catch {
                Issue.record("seed \(seed), format \(format): unexpected error \(error)")
            }
        }
    }

    @Test func everyKVMSampleLineTruncatedAtEveryPointReads() throws {
        let lines = [
            "[  602.118424] [ T2291] kvm_amd: intercepts:         bdcc8027 00006e7f",
            "kvm_amd: es:   s: 0000 a: 0000 l: ffffffff b: 0000000000000000",
            "kvm_amd: vmpl: 0   cpl:  0               efer:          0000000000001d01",
        ]
        for line in lines {
            for cut in 0...line.count {
                let text = "VMCB Control Area:\n" + String(line.prefix(cut))
                _ = try? SnapshotReader.read(text, name: "cut", settings: InputSettings(format: .kvm))
            }
        }
    }
}

/// Extreme numbers in every place a reader takes one: no overflow traps.
@Suite struct ExtremeValueTests {
    static let huge = ["ffffffffffffffff", "0xffffffffffffffff", "18446744073709551615", "-9223372036854775808", "99999999999999999999999"]

    @Test(arguments: huge)
    func readersTakeExtremeNumbers(value: String) throws {
        let texts = [
            "VMCB Control Area:\nexit_code: \(value)\nasid: \(value)\nes: s: \(value) a: \(value) l: \(value) b: \(value)\n",
            "*** Guest State ***\nRSP = \(value)  RIP = \(value)\nCS:   sel=\(value), attr=\(value)\n*** Control State ***\nSVI|RVI = \(value)|\(value)\n",
            "GUEST_RIP = \(value)\nEPT_POINTER_HIGH = \(value)\n\(value) = 1\nVM_EXIT_REASON = \(value)\n",
        ]
        for text in texts {
            for format in [InputFormat.kvm, .fields] {
                _ = try? SnapshotReader.read(text, name: "x", settings: InputSettings(format: format))
            }
        }
        _ = try? LayoutFileReader.parse("GUEST_RIP \(value)\nrevision \(value)\n\(value) 0x10\n", name: "l")
        _ = Catalog.vmcs.resolve(value)
        _ = Catalog.vmcb.resolve(value)
        _ = InputReference.parse("file@\(value)")
    }

    @Test func offsetsAtTheEdges() {
        let page = [UInt8](repeating: 0, count: 4096)
        for offset in [Int.max, Int.max - 4095, -1, Int.min, 4096, 1] {
            #expect(throws: InspectError.self) {
                try SnapshotReader(bytes: page, name: "p", settings: InputSettings(format: .raw, offset: offset)).readAll()
            }
        }
    }
}
