import Foundation
import Testing

/// `show` as a user runs it: goldens, standard input, warnings, colour, malformed inputs, exit statuses.
@Suite struct ShowEndToEndTests {
    /// Several inputs in one run, each snapshot under its own header, as llvm-readobj a b c.
    @Test func severalInputsEachWithAHeader() throws {
        let result = try Binary.run(["show", "--group", "exit", "samples/vmcb-npf.bin", "samples/vmcb-ioio.kvm.log"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("VMCB samples/vmcb-npf.bin (raw page)\n"))
        #expect(result.stdout.contains("\n\nVMCB samples/vmcb-ioio.kvm.log@0 (KVM dump_vmcb at line 1)\n"))
        let empty = try Binary.run(["show"])
        #expect(empty.status == 64)
        #expect(empty.stderr.hasPrefix("vmcs-inspect: error: "))
    }

    /// `-` with `@N` reads standard input and picks a dump; it is an input, not an option.
    @Test func standardInputWithADumpIndex() throws {
        let log = try Data(contentsOf: Binary.root.appendingPathComponent("samples/vmcs-several.kvm-4.x.log"))
        let result = try Binary.run(["show", "--field", "VM_EXIT_REASON", "-@1"], stdin: log)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("VMCS <stdin>@1 (KVM dump_vmcs at line 46)\n"))
        #expect(result.stdout.contains("4402  VM_EXIT_REASON         0x00000001         BASIC=EXTERNAL_INTERRUPT\n"))
        // After `--`, as before it.
        let ended = try Binary.run(["show", "--field", "VM_EXIT_REASON", "--", "-@1"], stdin: log)
        #expect(ended.stdout == result.stdout)
        let two = try Binary.run(["diff", "-@0", "-@1"], stdin: log)
        #expect(two.status == 64)
    }

    /// JSON Lines: one object per snapshot and per warning, each on a line, as they complete.
    @Test func jsonLinesStreamSnapshotsAndWarnings() throws {
        let result = try Binary.run(["show", "--jsonl", "--group", "exit", "samples/vmcb-mail-paste.kvm.log"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["type"] as? String } == ["snapshot", "snapshot", "snapshot", "warning"])
        #expect(objects.allSatisfy { $0["schema"] as? String == "vmcs-inspect/show/2" })
        #expect(
            objects.compactMap { $0["reference"] as? String }.map { $0.split(separator: "@").last.map(String.init) } == ["0", "1", "2"])
        let warning = try #require(objects.first { $0["type"] as? String == "warning" })
        #expect((warning["location"] as? [String: Any])?["line"] as? Int == 171)
        #expect(result.stderr.contains("samples/vmcb-mail-paste.kvm.log:171: this VMCB dump ends early"))
        let both = try Binary.run(["show", "--json", "--jsonl", "samples/vmcb-npf.bin"])
        #expect(both.status == 64)
        #expect(both.stderr == "vmcs-inspect: error: give --json or --jsonl, not both (see 'vmcs-inspect show --help')\n")
    }

    /// Colour takes no columns: the words wrap where they wrap without it (CR4's set flags in
    /// show, and the `+NAME` words of a CR4 that gained thirteen flags in diff).
    @Test func colourDoesNotChangeWhereLinesWrap() throws {
        func plain(_ text: String) -> String { text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) }
        let show = ["show", "--field", "cr4", "--field", "efer", "samples/vmcb-npf.kvm.log"]
        let colour = try Binary.run(show + ["--color", "always"])
        #expect(colour.stdout.contains("\u{1B}[1m"))
        #expect(plain(colour.stdout) == (try Binary.run(show)).stdout)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-wrap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 0x3726f0 sets PSE PAE MCE PGE OSFXSR OSXMMEXCPT VMXE FSGSBASE PCIDE OSXSAVE SMEP SMAP
        // (bits 4-7, 9, 10, 13, 16, 17, 18, 20, 21): twelve +NAME words, more than one line holds.
        try "GUEST_CR4 = 0x0\n".write(to: folder.appendingPathComponent("a.log"), atomically: true, encoding: .utf8)
        try "GUEST_CR4 = 0x3726f0\n".write(to: folder.appendingPathComponent("b.log"), atomically: true, encoding: .utf8)
        let diff = ["diff", "--format", "fields", folder.appendingPathComponent("a.log").path, folder.appendingPathComponent("b.log").path]
        let plainDiff = try Binary.run(diff)
        let colourDiff = try Binary.run(diff + ["--color", "always"])
        #expect(plainDiff.status == 1)
        // Wrapped at 100 columns under the first word, three lines, with colour or without.
        #expect(
            plainDiff.stdout.contains(
                "0x00000000003726f0 +PSE +PAE +MCE +PGE +OSFXSR\n" + String(repeating: " ", count: 71) + "+OSXMMEXCPT"))
        #expect(plainDiff.stdout.hasSuffix("\n1 field differs, 0 only in \(diff[3])@0, 0 only in \(diff[4])@0, 0 unchanged\n"))
        #expect(plain(colourDiff.stdout) == plainDiff.stdout)
        #expect(colourDiff.stdout.split(separator: "\n").count == plainDiff.stdout.split(separator: "\n").count)
    }

    @Test(arguments: ["vmcb-npf.bin", "vmcb-ioio.xxd", "vmcb-npf.kvm.log", "vmcb-npf.kvm-4.x.log"])
    func showMatchesTheGolden(sample: String) throws {
        let result = try Binary.run(["show", "samples/\(sample)"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let golden = try String(
            contentsOf: Binary.root.appendingPathComponent("Tests/VMCSInspectTests/Golden/\(sample).decode.txt"), encoding: .utf8)
        #expect(result.stdout == golden)
    }
    @Test func standardInputIsDash() throws {
        let data = try Data(contentsOf: Binary.root.appendingPathComponent("samples/vmcb-npf.hexdump"))
        let result = try Binary.run(["show", "--field", "EXITINFO2", "-"], stdin: data)
        #expect(result.status == 0)
        #expect(result.stdout.contains("VMCB <stdin> (hexdump -C dump)"))
        #expect(result.stdout.contains("exit_info_2            0x00000000fed00000 GPA=0xfed00000"))
    }
    @Test func warningsGoToStandardErrorOnce() throws {
        let result = try Binary.run(["show", "--group", "exit", "samples/vmcb-mail-paste.kvm.log"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("INVALID"))
        let lines = result.stderr.split(separator: "\n")
        #expect(
            lines == [
                "vmcs-inspect: warning: samples/vmcb-mail-paste.kvm.log:171: this VMCB dump ends early after this line: 79 fields read, the rest are absent"
            ])
        // Reading stops after the dump asked for: the third one's trouble is not met.
        let second = try Binary.run(["show", "--index", "1", "--group", "exit", "samples/vmcb-mail-paste.kvm.log"])
        #expect(second.stdout.contains("INVALID"))
        #expect(second.stderr.isEmpty)
    }
    @Test func colourOnlyWhenAsked() throws {
        let plain = try Binary.run(["show", "samples/vmcb-npf.bin"])
        #expect(!plain.stdout.contains("\u{1B}["))
        let forced = try Binary.run(["show", "--color", "always", "samples/vmcb-npf.bin"])
        #expect(forced.stdout.contains("\u{1B}[1m"))
        let never = try Binary.run(["show", "--color", "never", "samples/vmcb-npf.bin"], environment: ["NO_COLOR": "1"])
        #expect(!never.stdout.contains("\u{1B}["))
    }

    @Test func cutOffVMCSDumpDecodesWithAWarning() throws {
        let result = try Binary.run(["show", "--group", "guest", "samples/malformed/vmcs-cut.kvm.log"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("GUEST_RIP"))
        #expect(
            result.stderr
                == "vmcs-inspect: warning: samples/malformed/vmcs-cut.kvm.log:30: this VMCS dump ends early after this line: 75 fields read, the rest are absent\n"
        )
    }
    @Test func layouts() throws {
        let bad = try Binary.run(["show", "--layout", "samples/malformed/bad.layout", "samples/vmcs12-ept-violation.bin"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "vmcs-inspect: error: samples/malformed/bad.layout:4: unknown VMCS field 'GUEST_RSPP'\n")
        #expect(bad.stdout == "")
        let unknown = try Binary.run(["show", "--layout", "no-such-layout", "samples/vmcs12-ept-violation.bin"])
        #expect(unknown.status == 64)
        // A VMCB page read with the vmcs12 layout: decoded, with a note that its revision differs.
        let wrong = try Binary.run(["show", "--layout", "vmcs12", "--field", "GUEST_RIP", "samples/vmcb-npf.bin"])
        #expect(wrong.status == 0)
        #expect(wrong.stdout.contains("note: the page's revision identifier 0x1110011 is not layout kvm-vmcs12's 0x11e57ed0"))
        let page = try Binary.run(["show", "--field", "exit_qualification", "samples/vmcs12-ept-violation.xxd"])
        #expect(page.stdout.contains("EXIT_QUALIFICATION     0x0000000000000181 READ GLA_VALID GLA_TRANSLATED"))
    }
    @Test func missingFileDirectoryAndBadOffset() throws {
        let missing = try Binary.run(["show", "samples/no-such-file.bin"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "vmcs-inspect: error: samples/no-such-file.bin: no such file\n")
        let directory = try Binary.run(["show", "samples"])
        #expect(directory.status == 2)
        #expect(directory.stderr == "vmcs-inspect: error: samples: is a directory, not a file\n")
        let offset = try Binary.run(["show", "--offset", "0x2000", "samples/vmcb-npf.bin"])
        #expect(offset.status == 2)
        #expect(
            offset.stderr.hasPrefix(
                "vmcs-inspect: error: samples/vmcb-npf.bin: byte 0x1000: a 4096-byte page at offset 0x2000 does not fit"))
        #expect(offset.stdout == "")
    }
    @Test func pageInsideALargerImage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var image = Data(repeating: 0xcc, count: 0x3000)
        image.append(try Data(contentsOf: Binary.root.appendingPathComponent("samples/vmcb-ioio.bin")))
        image.append(Data(repeating: 0xcc, count: 0x1000))
        let path = folder.appendingPathComponent("memory.img").path
        try image.write(to: URL(fileURLWithPath: path))
        let result = try Binary.run(["show", "--offset", "0x3000", "--field", "exit_code", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("exit_code              0x000000000000007b IOIO"))
        let wrong = try Binary.run(["show", path])
        #expect(wrong.status == 2)
    }
    @Test func usageErrorsExit64() throws {
        let field = try Binary.run(["show", "--field", "nonsense", "samples/vmcb-npf.bin"])
        #expect(field.status == 64)
        #expect(field.stderr.hasPrefix("vmcs-inspect: error: unknown VMCB field 'nonsense'"))
        let index = try Binary.run(["show", "--index", "3", "samples/vmcb-npf.bin"])
        #expect(index.status == 64)
        let format = try Binary.run(["show", "--format", "pdf", "samples/vmcb-npf.bin"])
        #expect(format.status == 64)
        let none = try Binary.run(["show"])
        #expect(none.status == 64)
    }
    @Test func jsonIsValidAndStable() throws {
        let result = try Binary.run(["show", "--json", "samples/vmcb-npf.kvm.log"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let snapshots = object?["snapshots"] as? [[String: Any]]
        #expect(snapshots?.count == 1)
        let fields = snapshots?.first?["fields"] as? [[String: Any]]
        let exit = fields?.first { $0["id"] as? String == "control.exit_code" }
        #expect(exit?["value"] as? String == "0x0000000000000400")
        #expect(exit?["value_name"] as? String == "NPF")
    }
    @Test func pipingIntoHeadEndsQuietly() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let binary = try #require(Binary.url).path
        process.arguments = ["-c", "'\(binary)' show --bits all --all samples/vmcb-npf.bin | head -1 >/dev/null; echo ${PIPESTATUS:-done}"]
        process.currentDirectoryURL = Binary.root
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr == "")
    }
}

@Suite struct DumpSelectionEndToEndTests {
    /// `FILE@N` and `--index N` name the same dump for show and check; naming two is a usage error.
    @Test func atNAndIndexAgree() throws {
        let byIndex = try Binary.run(["show", "--index", "2", "samples/vmcs-several.kvm-4.x.log"])
        let byAt = try Binary.run(["show", "samples/vmcs-several.kvm-4.x.log@2"])
        #expect(byIndex.status == 0)
        #expect(byAt.stdout == byIndex.stdout)
        let check = try Binary.run(["check", "samples/vmcs-several.kvm-4.x.log@1"])
        #expect(check.stdout.hasPrefix("samples/vmcs-several.kvm-4.x.log:46: "))
        let both = try Binary.run(["check", "--index", "0", "samples/vmcs-several.kvm-4.x.log@1"])
        #expect(both.status == 64)
        #expect(both.stdout == "")
        let missing = try Binary.run(["show", "samples/vmcs-several.kvm-4.x.log@7"])
        #expect(missing.status == 64)
        #expect(missing.stderr == "vmcs-inspect: error: samples/vmcs-several.kvm-4.x.log@7: the input holds 3 dumps (0 to 2)\n")
    }
}
