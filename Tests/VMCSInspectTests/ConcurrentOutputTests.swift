import Foundation
import Testing

@testable import VMCSInspect

/// `show` and `check` decode and check snapshots on the other cores in batches; what they write
/// must be exactly what the one-at-a-time loop writes: the same nodes, in the same order, with
/// each warning after the same snapshot, and the same error after the same output.
@Suite struct ConcurrentOutputTests {
    /// Snapshots per batch here: small, so that a log of a few dozen dumps is several batches.
    static let batchSize = 8

    /// A log of dumps of both architectures (several batches), with ordinary lines between
    /// them and pastes that draw warnings.
    static let log: String = {
        let names = [
            "vmcs-ept-violation.kvm-6.12.log", "vmcb-npf.kvm.log", "vmcs-entry-failure.kvm-5.x.log", "vmcs-mail-wrapped.kvm-6.12.log",
            "vmcb-mail-paste.kvm.log", "vmcb-vmrun-failure.kvm.log",
        ]
        let texts = names.map { (try? String(contentsOfFile: Package.path("samples/\($0)"), encoding: .utf8)) ?? "" }
        var log = ""
        for round in 0..<7 {
            for text in texts {
                log += text
                log += "usb 1-1.2: new high-speed USB device number \(round) using ehci-pci\n"
            }
        }
        return log
    }()

    static func write(_ text: String, _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-\(getpid())-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// What a command writes (text, JSON, JSON Lines), its outcome's warnings and answer, or
    /// the error it ended with.
    static func outputs(_ run: (any DocumentRenderer) throws -> CommandOutcome) -> [String] {
        var results: [String] = []
        for kind in ["text", "json", "jsonl"] {
            var out = ""
            let renderer: any DocumentRenderer =
                kind == "text"
                ? TextRenderer(options: RenderOptions(color: false, width: 100)) { out += $0 } : JSONRenderer(lines: kind == "jsonl") { out += $0 }
            do {
                let outcome = try run(renderer)
                results.append(out + "\n-- warnings \(outcome.warnings.map(\.description)) no \(outcome.answerIsNo)")
            } catch {
                results.append(out + "\n-- error \(error)")
            }
        }
        return results
    }

    /// Compares the outputs line by line, naming the first line that differs (not the
    /// megabytes of both).
    static func expectSame(_ concurrent: [String], _ sequential: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(concurrent.count == sequential.count, sourceLocation: sourceLocation)
        for (kind, (a, b)) in zip(["text", "json", "jsonl"], zip(concurrent, sequential)) where a != b {
            let left = a.split(separator: "\n", omittingEmptySubsequences: false)
            let right = b.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(left, right).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(left.count, right.count)
            let shown = { (lines: [Substring]) in lines.indices.contains(line) ? String(lines[line]) : "(end)" }
            Issue.record("\(kind) differs at line \(line + 1): concurrent '\(shown(left))', sequential '\(shown(right))'", sourceLocation: sourceLocation)
        }
    }

    @Test func showWritesWhatTheSequentialLoopWrites() throws {
        let path = try Self.write(Self.log, "concurrent-show.log")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var request = ShowRequest(path: path, displayName: "many.log", bits: .all)
        request.concurrent = false
        request.batchSize = Self.batchSize
        let sequential = Self.outputs { try ShowCommand.run(request, to: $0) }
        request.concurrent = true
        let concurrent = Self.outputs { try ShowCommand.run(request, to: $0) }
        // Worth comparing: hundreds of snapshots and some warnings.
        #expect(sequential[0].components(separatedBy: "\nVMC").count > 3 * Self.batchSize)
        #expect(!sequential[0].contains("-- warnings []"))
        Self.expectSame(concurrent, sequential)
    }

    @Test func checkWritesWhatTheSequentialLoopWrites() throws {
        let path = try Self.write(Self.log, "concurrent-check.log")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var request = CheckRequest(path: path, displayName: "many.log", unknown: true)
        request.concurrent = false
        request.batchSize = Self.batchSize
        let sequential = Self.outputs { try CheckCommand.run(request, to: $0) }
        request.concurrent = true
        let concurrent = Self.outputs { try CheckCommand.run(request, to: $0) }
        #expect(sequential[0].contains("no true"))
        Self.expectSame(concurrent, sequential)
    }

    /// A field only the VMCS catalog has, in a log whose VMCB dump comes after more than two
    /// batches of VMCS dumps: the VMCS dumps are written, then the error, in both modes.
    @Test func anErrorComesAfterTheSameOutput() throws {
        let vmcs = try String(contentsOfFile: Package.path("samples/vmcs-ept-violation.kvm-6.12.log"), encoding: .utf8)
        let vmcb = try String(contentsOfFile: Package.path("samples/vmcb-npf.kvm.log"), encoding: .utf8)
        let path = try Self.write(String(repeating: vmcs, count: 2 * Self.batchSize + 3) + vmcb + vmcs, "concurrent-error.log")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var request = ShowRequest(path: path, displayName: "error.log", fields: ["EXIT_QUALIFICATION"])
        request.concurrent = false
        request.batchSize = Self.batchSize
        let sequential = Self.outputs { try ShowCommand.run(request, to: $0) }
        request.concurrent = true
        let concurrent = Self.outputs { try ShowCommand.run(request, to: $0) }
        #expect(sequential[0].contains("-- error"))
        #expect(sequential[0].components(separatedBy: "6400  EXIT_QUALIFICATION").count - 1 == 2 * Self.batchSize + 3)
        Self.expectSame(concurrent, sequential)
    }

    /// Batches of every small size, the input ending inside, at and after a batch.
    @Test(arguments: [2, 3, 7, 64])
    func batchesKeepTheOrder(batchSize: Int) throws {
        for count in [0, 1, batchSize - 1, batchSize, batchSize + 1, 3 * batchSize + 2] {
            var produced = 0
            var seen: [Int] = []
            try OrderedBatches.run(
                batchSize: batchSize,
                next: { () -> Int? in
                    guard produced < count else { return nil }
                    produced += 1
                    return produced
                },
                work: { $0 * $0 }, emit: { seen.append($0) })
            #expect(seen == (0..<count).map { ($0 + 1) * ($0 + 1) }, "batch \(batchSize), count \(count)")
        }
    }

    /// A read that fails: the results of the items before it, then the error.
    @Test(arguments: [2, 5, 64])
    func aFailedReadEmitsWhatCameBefore(batchSize: Int) {
        for failAt in [1, 2, batchSize, batchSize + 1, 2 * batchSize + 3] {
            var produced = 0
            var seen: [Int] = []
            #expect(throws: InspectError.self) {
                try OrderedBatches.run(
                    batchSize: batchSize,
                    next: { () -> Int? in
                        produced += 1
                        if produced == failAt { throw InspectError.usage("stop") }
                        return produced
                    },
                    work: { $0 + 100 }, emit: { seen.append($0) })
            }
            #expect(seen == (1..<failAt).map { $0 + 100 }, "batch \(batchSize), fail at \(failAt)")
        }
    }
}
