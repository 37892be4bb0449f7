import Foundation
import Testing

/// Crash dumps through the built binary: scan, --phys and FILE@0xADDR in every command, errors.
@Suite struct DumpEndToEndTests {
    static let cores = [
        "samples/cores/core.elf.gz", "samples/cores/core.flat", "samples/cores/core.kdump", "samples/cores/core.kdump.gz",
        "samples/cores/core.lime.gz", "samples/cores/core.raw.gz",
    ]

    @Test(arguments: cores)
    func showDiffCheckAndExplainReadAPageByAddress(_ core: String) throws {
        let show = try Binary.run(["show", "--field", "exit_code", "\(core)@0x100000"])
        #expect(show.status == 0)
        // The header names the page as it is named again, and the dump's format.
        #expect(show.stdout.hasPrefix("VMCB \(core)@0x100000 ("))
        #expect(show.stdout.split(separator: "\n").first?.hasSuffix(")") == true)
        #expect(show.stdout.contains("070  exit_code              0x0000000000000400 NPF"))
        let phys = try Binary.run(["show", "--phys", "0x345000", "--field", "VM_EXIT_REASON", core])
        #expect(phys.status == 0)
        #expect(phys.stdout.contains("4402  VM_EXIT_REASON         0x00000030         BASIC=EPT_VIOLATION"))
        let check = try Binary.run(["check", "\(core)@0x100000"])
        #expect(check.status == 0)
        let explain = try Binary.run(["explain", "\(core)@0x234000"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("I/O"))
        let same = try Binary.run(["diff", "\(core)@0x100000", "samples/vmcb-npf.bin"])
        #expect(same.status == 0, "\(same.stdout)")
    }

    @Test func diffTakesAnAddressOnEachSide() throws {
        let result = try Binary.run(["diff", "samples/cores/core.elf.gz@0x100000", "samples/cores/core.kdump@0x234000"])
        #expect(result.status == 1)
        #expect(
            result.stdout.hasPrefix(
                "--- samples/cores/core.elf.gz@0x100000 (gzip-compressed ELF core)\n+++ samples/cores/core.kdump@0x234000 (kdump-compressed (zlib))\n"
            ))
        #expect(result.stdout.contains("0x0000000000000400 → 0x000000000000007b NPF→IOIO"))
    }

    @Test func showWithoutAnAddressListsTheCandidates() throws {
        let result = try Binary.run(["show", "samples/cores/core.kdump"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("samples/cores/core.kdump: kdump-compressed (zlib), 4160 pages scanned, 9 candidates\n"))
        #expect(
            result.stdout.hasSuffix(
                "Name a page with --phys ADDR or FILE@0xADDR, for example:\n  vmcs-inspect show samples/cores/core.kdump@0x100000\n"))
        let check = try Binary.run(["check", "samples/cores/core.kdump"])
        #expect(check.status == 64)
        #expect(check.stderr.contains("is a crash dump (kdump-compressed): name a page with --phys ADDR"))
    }

    /// The fuzzers' kdump-compressed file whose page descriptors point past its end
    /// (Tests/FuzzCorpus/dump): it died of SIGBUS in libkdumpfile, which mapped the file.
    @Test(arguments: [["scan"], ["show"], ["show", "--json"]])
    func kdumpWithPagesPastItsEndIsRefused(_ command: [String]) throws {
        let path = "Tests/FuzzCorpus/dump/kdump-page-past-end"
        let result = try Binary.run(command + [path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == "vmcs-inspect: error: \(path): physical 0x8f9000: cannot read physical 0x8f9000: Wrong page size: 0\n")
    }

    @Test func scanPrintsJSONWithHexStrings() throws {
        let result = try Binary.run(["scan", "--json", "--kind", "vmcb", "samples/cores/core.flat"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "vmcs-inspect/scan/2")
        let dumps = try #require(object["dumps"] as? [[String: Any]])
        let candidates = try #require(dumps.first?["candidates"] as? [[String: Any]])
        #expect(candidates.map { $0["address"] as? String } == ["0x0000000000100000", "0x0000000000234000"])
        #expect(candidates.first?["kind"] as? String == "vmcb")
        #expect(candidates.first?["exit_code"] as? String == "0x0000000000000400")
        #expect(candidates.first?["rip"] as? String == "0xffffffff8107a3b5")
        #expect((candidates.first?["confidence"] as? Int ?? 0) >= 90)
        #expect((candidates.first?["reasons"] as? [String])?.isEmpty == false)
    }

    @Test func scanReadsStandardInputAndIsQuietOffATerminal() throws {
        let binary = try #require(Binary.url).path
        // Through a pipe, so that the dump is a stream; cat, not this process, meets any SIGPIPE.
        let result = try Binary.run(["-c", "cat samples/cores/core.elf.gz | '\(binary)' scan --kind vmcs12 -"], shell: true)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("<stdin>: gzip-compressed ELF core, 4160 pages scanned, 1 candidate\n"))
    }

    @Test func theShellLoadsAPageByAddress() throws {
        let script = "load samples/cores/core.kdump@0x100000\nload --phys 0x345000 samples/cores/core.elf.gz\nsnapshots\n"
        let result = try Binary.run(["shell"], stdin: Data(script.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("a: VMCB samples/cores/core.kdump@0x100000, exit NPF (0x400)"))
        #expect(result.stdout.contains("b: VMCS samples/cores/core.elf.gz@0x345000, exit EPT_VIOLATION"))
    }

    @Test func badDumpsGiveOneLocatedErrorAndExit2() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let flat = try Data(contentsOf: Binary.root.appendingPathComponent("samples/cores/core.flat"))
        let truncated = folder.appendingPathComponent("truncated.flat")
        try flat.prefix(200_000).write(to: truncated)
        var garbage = Data("KDUMP   ".utf8)
        garbage.append(Data(repeating: 0x41, count: 9000))
        let wrong = folder.appendingPathComponent("wrong.kdump")
        try garbage.write(to: wrong)
        let cases: [([String], String)] = [
            (["scan", truncated.path], "\(truncated.path): byte 0x30d40: truncated: flattened record"),
            (["show", "--phys", "0x1000", wrong.path], "\(wrong.path): byte 0x8: kdump-compressed header version"),
            (
                ["show", "samples/cores/core-filtered.kdump.gz@0x101000"],
                "samples/cores/core-filtered.kdump.gz: physical 0x101000: not in the dump"
            ),
            (
                ["check", "--phys", "0x40000000", "samples/cores/core.elf.gz"],
                "samples/cores/core.elf.gz: physical 0x40000000: not in the dump"
            ),
            (
                ["diff", "samples/cores/core.raw.gz@0x100000", "samples/cores/core.raw.gz@0x1000000"],
                "samples/cores/core.raw.gz: physical 0x1000000: the image ends"
            ),
            // A page that shows no kind is refused, as a raw page is, and so is an address
            // inside a page (a VMCS or VMCB is 4 KiB-aligned).
            (["show", "samples/cores/core.kdump@0x0"], "samples/cores/core.kdump: physical 0x0: the page is all zero bytes: name what it is"),
            (
                ["check", "samples/cores/core.kdump@0x789000"],
                "samples/cores/core.kdump: physical 0x789000: the page has neither a VMCB's marks"
            ),
            (
                ["show", "samples/cores/core.flat@0x100001"],
                "samples/cores/core.flat: physical 0x100001: not on a 4 KiB page boundary"
            ),
            (["scan", "samples/malformed/empty.bin"], "samples/malformed/empty.bin: holds no whole 4 KiB page"),
            // A path that cannot be opened fails before the inputs before it are printed: no
            // unfinished JSON document.
            (["show", "--json", "samples/vmcb-npf.bin", "samples/no-such-file"], "samples/no-such-file: no such file"),
            (["check", "samples/vmcb-npf.bin", "samples"], "samples: is a directory"),
            (["explain", "--json", "samples/vmcb-npf.bin", "samples/no-such-file"], "samples/no-such-file: no such file"),
        ]
        for (arguments, prefix) in cases {
            let result = try Binary.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout == "")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("vmcs-inspect: error: " + prefix), "\(result.stderr)")
        }
    }
}
