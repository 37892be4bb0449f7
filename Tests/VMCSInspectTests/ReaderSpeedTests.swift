import Testing

@testable import VMCSInspect

/// What the readers' shortcuts must not change: a trace read for one exit (`FILE@N`) gives that
/// exit and every warning exactly as a full read does; payload shapes matched from where an
/// earlier shape got to choose what matching each shape in order chooses; a log of many printk
/// callers that each leave a dump open is read whole, in order; the byte tests agree with their
/// definitions.
@Suite struct ReaderSpeedTests {
    // MARK: FILE@N on traces

    /// Every sample trace, and a trace with cut, wrapped, unknown and wide events, read for
    /// each of its exits alone: the same snapshot and the same warnings as when read whole.
    @Test(arguments: ["vmx-exits.ftrace.txt", "vmx-exits.kvm-4.x.trace", "svm-exits.trace-cmd.txt", "<awkward>"])
    func selectedExitIsTheFullReadsExit(_ name: String) throws {
        let bytes: [UInt8]
        if name == "<awkward>" {
            bytes = Array(Self.awkwardTrace.utf8)
        } else {
            bytes = try FileSource(path: Package.path("samples/\(name)"), name: name).readAll(limit: 1 << 20)
        }
        let full = try SnapshotReader(bytes: bytes, name: "t")
        let all = try full.readAll()
        #expect(all.count >= 3)
        if name == "<awkward>" { #expect(full.warnings.count >= 3) }
        for wanted in all.indices {
            let reader = try SnapshotReader(bytes: bytes, name: "t")
            reader.select(index: wanted)
            var found: Snapshot?
            while let snapshot = try reader.next() {
                #expect(snapshot.index == reader.count - 1)
                if snapshot.index == wanted { found = snapshot }
            }
            let one = try #require(found)
            let expected = all[wanted]
            #expect(one.architecture == expected.architecture)
            #expect(one.values == expected.values)
            #expect(one.metadata.map { "\($0.key)=\($0.value)" } == expected.metadata.map { "\($0.key)=\($0.value)" })
            #expect(one.pageNotes == expected.pageNotes)
            #expect(one.notes == expected.notes)
            #expect(one.failures == expected.failures)
            #expect(one.producer == expected.producer)
            #expect(reader.warnings.map(\.description) == full.warnings.map(\.description))
            #expect(reader.count == full.count)
        }
    }

    /// Exits with warnings of their own (a value wider than its field, a reason that names no
    /// vendor before the trace names one, a cut event, trailing text), events KVM attaches,
    /// and a wrapped event.
    static let awkwardTrace = """
        kvm_exit: reason 0x1234 rip 0xffffffff8107a3b5 info 181 0
        qemu-system-x86-2911  [003] d...  1409.118201: kvm_entry: vcpu 0
        qemu-system-x86-2911  [003] d...  1409.118206: kvm_exit: vcpu 0 reason EPT_VIOLATION rip 0xffffffff8107a3b5 info1 0x0000000000000181 info2 0x0000000180000b0e intr_info 0x80000b0e error_code 0x00000002
        qemu-system-x86-2911  [003] ....  1409.118208: kvm_page_fault: vcpu 0 rip 0xffffffff8107a3b5 address 0x00000000febf1000 error_code 0x181
        qemu-system-x86-2911  [003] ....  1409.118209: kvm_inj_exception: #PF (0x2) [reinjected]
        qemu-system-x86-2911  [003] d...  1409.118253: kvm_entry: vcpu 0, rip 0xffffffff8107a3b5
        qemu-system-x86-2912  [005] d...  1409.118302: kvm_exit: vcpu 1 reason EXTERNAL_INTERRUPT rip 0xffffffff81c01a40 info1 0x0000000000000000 info2 0x0000000000000000 intr_info 0x800000ec error_code 0x00000000 as I saw it
        qemu-system-x86-2912  [005] d...  1409.118310: kvm_entry: vcpu 1, rip 0xffffffff81c01a40
        qemu-system-x86-2912  [005] d...  1409.118402: kvm_exit: vcpu 1 reason HLT rip 0xffffffff81c01a42 info1 0x0000000000000000
          info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000
        qemu-system-x86-2912  [005] d...  1409.118410: kvm_entry: vcpu 1, rip 0xffffffff81c01a43
        qemu-system-x86-2913  [001] d...  1409.118502: kvm_exit: vcpu 2 reason MSR_WRITE rip 0xffffffff8107b000 info1 0x0000000000000000 info2
        qemu-system-x86-2913  [001] d...  1409.118510: kvm_frobnicate: vcpu 2 thing 0x12
        qemu-system-x86-2913  [001] d...  1409.118511: kvm_entry: vcpu 2, rip 0xffffffff8107b002

        """

    // MARK: Shapes matched from where an earlier one got to

    /// The order-by-order match (each shape from the payload's start), as the reader chose
    /// before shapes shared their work: the first complete match; else the first with text
    /// after it (partial when some shape was cut); else the cut one that read most fields.
    static func naive(_ payload: ArraySlice<UInt8>, _ formats: [KVMTraceFormat]) -> (format: String?, fields: [String], how: String) {
        var trailing: (KVMTraceFormat, [(String, KVMTraceFormat.Value)])?
        var partial: (KVMTraceFormat, [(String, KVMTraceFormat.Value)])?
        for format in formats {
            switch format.match(payload) {
            case .complete(let fields): return (format.template, (fields + format.constants).map(Self.text), "complete")
            case .incomplete(let fields):
                if partial == nil || fields.count > partial?.1.count ?? 0 { partial = (format, fields) }
            case .trailing(let fields, _):
                if trailing == nil { trailing = (format, fields + format.constants) }
            case .mismatch: continue
            }
        }
        if let (format, fields) = trailing {
            return (format.template, fields.map(Self.text), partial != nil ? "trailing+partial" : "trailing")
        }
        if let (format, fields) = partial { return (format.template, fields.map(Self.text), "partial") }
        return (nil, [], "none")
    }

    static func text(_ field: (String, KVMTraceFormat.Value)) -> String {
        switch field.1 {
        case .number(let value): return "\(field.0)=\(value)"
        case .text(let text): return "\(field.0)='\(text)'"
        }
    }

    /// Every payload of the samples, cut at every length and with text appended, against
    /// every event's shapes: the shared match chooses what the naive one chooses.
    @Test func sharedMatchChoosesWhatEachShapeInOrderChooses() throws {
        var payloads: [[UInt8]] = []
        for name in ["vmx-exits.ftrace.txt", "vmx-exits.kvm-4.x.trace", "svm-exits.trace-cmd.txt"] {
            let text = String(
                decoding: try FileSource(path: Package.path("samples/\(name)"), name: name).readAll(limit: 1 << 20), as: UTF8.self)
            for line in text.split(separator: "\n") {
                guard let colon = line.range(of: ": kvm_") else { continue }
                let rest = line[colon.upperBound...]
                guard let end = rest.range(of: ": ") else { continue }
                payloads.append(Array(rest[end.upperBound...].drop(while: { $0 == " " }).utf8))
            }
        }
        payloads += [
            "#PF (0x2) [reinjected]", "0:ffffffff8107a3b5: 89 90 FAIL", "vcpu 0<CANT FIND FIELD rip>vcpu 0", "irq 236",
            "IRQ 0xec [reinjected]",
        ].map { Array($0.utf8) }
        #expect(payloads.count > 40)
        let scratch = KVMTraceFormats.Scratch(
            slots: KVMTraceFormats.scratchSize.slots, ops: KVMTraceFormats.scratchSize.ops, fields: KVMTraceFormats.scratchSize.fields)
        var compared = 0
        for (_, list) in KVMTraceReader.formatListsByEvent {
            for payload in payloads {
                var variants = (0...payload.count).map { Array(payload.prefix($0)) }
                variants.append(payload + Array(" and more".utf8))
                for variant in variants {
                    let slice = variant[...]
                    let expected = Self.naive(slice, list.formats)
                    let got = KVMTraceFormats.match(slice, list, scratch: scratch)
                    var how =
                        got.complete
                        ? "complete"
                        : got.trailing != nil ? (got.partial ? "trailing+partial" : "trailing") : got.partial ? "partial" : "none"
                    if got.format == nil { how = "none" }
                    #expect(how == expected.how, "\(String(decoding: variant, as: UTF8.self))")
                    #expect(got.format?.template == expected.format)
                    #expect(got.fields.map(Self.text) == expected.fields, "\(String(decoding: variant, as: UTF8.self))")
                    compared += 1
                }
            }
        }
        #expect(compared > 10000)
    }

    /// More event names than the table's first size: each counted under its own name.
    @Test func manyEventNamesAreCountedApart() throws {
        var text = ""
        for k in 0..<300 { text += "   qemu-1  [001] d...  1.\(100000 + k): kvm_made_up_\(k): x 0x\(k)\n" }
        text += "   qemu-1  [001] d...  2.000000: kvm_exit: reason HLT rip 0x10 info 0 0\n"
        for k in 0..<300 { text += "   qemu-1  [001] d...  3.\(100000 + k): kvm_made_up_\(k): x 0x\(k)\n" }
        let contents = try #require(try TraceSummary.read(text, name: "t"))
        #expect(contents.tally.eventTotal == 601)
        #expect(contents.tally.others.count == 300)
        #expect(contents.tally.others.allSatisfy { $0.count == 2 && $0.name.hasPrefix("kvm_made_up_") })
        #expect(Set(contents.tally.others.map(\.name)).count == 300)
    }

    // MARK: Many printk callers

    /// 300 printk callers, each printing the first rows of a VMCB dump (cr_read 0x0011,
    /// cr_write 0x0111, dr_read 0x00ff) and never more, then one whole dump: every dump is read,
    /// in the order they start, each with its three values, although no more than
    /// `LogReader.heldLimit` are held at once.
    @Test func manyCallersEachLeavingADumpOpen() throws {
        #expect(LogReader.heldLimit < 300)
        var lines: [String] = []
        for k in 0..<300 {
            let caller = "[T\(1000 + k)]"
            lines.append("[    1.\(100000 + k)] \(caller) kvm_amd: VMCB 000000008f1e4d2b, last attempted VMRUN on CPU 3")
            lines.append("[    1.\(100000 + k)] \(caller) kvm_amd: VMCB Control Area:")
            lines.append("[    1.\(100000 + k)] \(caller) kvm_amd: cr_read:            0011")
            lines.append("[    1.\(100000 + k)] \(caller) kvm_amd: cr_write:           0111")
            lines.append("[    1.\(100000 + k)] \(caller) kvm_amd: dr_read:            00ff")
            lines.append("[    1.\(100000 + k)] e1000e 0000:00:19.0 eno1: NIC Link is Up")
        }
        let read = try SnapshotReader.read(lines.joined(separator: "\n") + "\n", name: "callers.log")
        #expect(read.snapshots.count == 300)
        #expect(read.snapshots.map(\.index) == Array(0..<300))
        #expect(read.snapshots.map(\.location) == (0..<300).map { SourceLocation.line("callers.log", 1 + 6 * $0) })
        for snapshot in read.snapshots {
            #expect(snapshot.integer("control.cr_read") == 0x11)
            #expect(snapshot.integer("control.cr_write") == 0x111)
            #expect(snapshot.integer("control.dr_read") == 0xff)
        }
    }

    // MARK: Names

    /// The byte path of the name rule gives what the rule says: case, spaces, underscores,
    /// hyphens, dots and tabs ignored; non-ASCII names take the Unicode path.
    @Test(arguments: [
        ("EXITINFO1", "exitinfo1"), ("exit_info_1", "exitinfo1"), ("exit-info1", "exitinfo1"), ("Guest RIP", "guestrip"),
        ("VMCS_64BIT_CONTROL_IO_BITMAP_A_HI", "vmcs64bitcontroliobitmapahi"), ("save.cs.attrib", "savecsattrib"), ("\tcr0 ", "cr0"),
        ("cr0\u{00A0}", "cr0"), ("ÉXIT_Code", "éxitcode"), ("", ""), ("0x070", "0x070"),
    ])
    func namesNormalize(_ name: String, _ expected: String) {
        #expect(FieldName.normalize(name) == expected)
        #expect(FieldName.normalize(Substring(name)) == expected)
    }

    /// A catalog answers lookups by name from any thread, its indexes made once.
    @Test func catalogLookupsFromManyThreads() async {
        await withTaskGroup(of: [String?].self) { group in
            for _ in 0..<8 {
                group.addTask { ["exit_code", "EXITINFO1", "save.cs.attrib", "nope"].map { Catalog.vmcb.lookup($0)?.id } }
            }
            for await ids in group { #expect(ids == ["control.exit_code", "control.exit_info_1", "save.cs.attrib", nil]) }
        }
    }

    // MARK: Byte tests

    /// The marker search finds a marker exactly where a plain search of every marker at every
    /// offset does: one-byte and two-byte markers, markers sharing their first one or two
    /// bytes, markers at the line's start and end, cut short by the end, and every log kind's
    /// own markers. Random lines come from a seeded generator, so a failure replays.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func markerSearchAgreesWithAPlainSearch(seed: UInt64) {
        let sets = [
            ["VMCB", "VMCS", "VCPU ", "x", "ab", "abc", "abd", "ac", "KVM: entry failed", "!!!!", "K"],
            ["ab", "b", "zz"],
            LogDumpKinds.all.flatMap(\.markers),
        ]
        var generator = RobustnessTests.SplitMix(state: seed)
        for markers in sets {
            let set = MarkerSet(markers)
            let patterns = markers.map { Array($0.utf8) }
            let alphabet = Array("VMCBSabcdxz!KP :-U".utf8) + patterns.flatMap { $0 }
            var lines: [[UInt8]] = [[]]
            for pattern in patterns {
                lines += [pattern, Array(pattern.dropLast()), Array(pattern.dropFirst()), [0x20] + pattern, pattern + [0x20], [0x20, 0x20] + Array(pattern.dropLast())]
            }
            for _ in 0..<3000 {
                let length = Int.random(in: 0..<40, using: &generator)
                lines.append((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0x20 })
            }
            for line in lines {
                let expected = patterns.contains { pattern in
                    line.count >= pattern.count && (0...(line.count - pattern.count)).contains { Array(line[$0..<($0 + pattern.count)]) == pattern }
                }
                #expect(line.withUnsafeBufferPointer { set.matches($0) } == expected, "seed \(seed): \(String(decoding: line, as: UTF8.self))")
            }
        }
    }

    @Test func printableASCIIAgreesWithItsDefinition() {
        for length in 0..<20 {
            for position in 0..<max(length, 1) {
                for byte in [0x00, 0x09, 0x1f, 0x20, 0x41, 0x7e, 0x7f, 0x80, 0xc2, 0xff] as [UInt8] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    if length > 0 { bytes[position] = byte }
                    let expected = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7f }
                    #expect(bytes.withUnsafeBufferPointer { LineBytes.isPrintableASCII($0) } == expected)
                }
            }
        }
    }
}
