import Foundation
import Testing

/// Runs the built `vmcs-inspect` as a user would and checks stdout, stderr and exit status.
enum Binary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable beside the test bundle, in the same build folder.
    static var url: URL? {
        var candidates: [URL] = []
        if let argument = CommandLine.arguments.first {
            var folder = URL(fileURLWithPath: argument).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("vmcs-inspect"))
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(root.appendingPathComponent(".build/debug/vmcs-inspect"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the tool, or with `shell` set, `/bin/sh` with `arguments` (for README pipelines).
    static func run(_ arguments: [String], stdin: Data? = nil, shell: Bool = false, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = shell ? URL(fileURLWithPath: "/bin/sh") : try #require(url, "vmcs-inspect was not built")
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

@Suite struct EndToEndTests {
    @Test func helpAndVersion() throws {
        let help = try Binary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("show"))
        #expect(help.stdout.contains("EXIT STATUS"))
        let showHelp = try Binary.run(["show", "--help"])
        #expect(showHelp.status == 0)
        for option in ["--format", "--offset", "--index", "--json", "--group", "--field", "--all", "--bits", "--color", "EXAMPLES"] {
            #expect(showHelp.stdout.contains(option), "\(option)")
        }
        let version = try Binary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.contains("GNU readline"))
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
        #expect(lines == ["vmcs-inspect: warning: samples/vmcb-mail-paste.kvm.log:171: this VMCB dump ends early after this line: 79 fields read, the rest are absent"])
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

/// The hand-written man page keeps up with --help.
@Suite struct ManPageTests {
    static func longOptions(in help: String) -> Set<String> {
        var options = Set<String>()
        for token in help.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
        where token.hasPrefix("--") && token.count > 2 {
            options.insert(String(token.dropFirst(2)))
        }
        return options
    }

    @Test func everySubcommandAndOptionInHelpIsInTheManPage() throws {
        let page = try String(contentsOf: Binary.root.appendingPathComponent("man/vmcs-inspect.1"), encoding: .utf8)
        let root = try Binary.run(["--help"])
        // Subcommand lines are indented by two spaces; wrapped abstracts by more.
        let subcommands =
            root.stdout.components(separatedBy: "SUBCOMMANDS:").last?
            .split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { !$0.isEmpty && $0 != "See" } ?? []
        #expect(subcommands == ["show", "diff", "explain", "check", "fields", "shell", "scan"])
        var options = Self.longOptions(in: root.stdout)
        for subcommand in subcommands {
            #expect(page.contains(".Ss \(subcommand)") || page.contains(".Cm \(subcommand)"), "subcommand \(subcommand)")
            options.formUnion(Self.longOptions(in: try Binary.run([subcommand, "--help"]).stdout))
        }
        #expect(options.contains("format"))
        for option in options {
            #expect(page.contains("Fl -\(option)"), "--\(option) is in --help but not in man/vmcs-inspect.1")
        }
    }
}

@Suite struct DiffExplainFieldsEndToEndTests {
    @Test func diffExitStatusFollowsDiff1() throws {
        let same = try Binary.run(["diff", "samples/vmcb-npf.bin", "samples/vmcb-npf.hexdump"])
        #expect(same.status == 0)
        #expect(
            same.stdout.hasSuffix(
                "0 fields differ, 0 only in samples/vmcb-npf.bin, 0 only in samples/vmcb-npf.hexdump, 121 unchanged (--all shows them)\n"))
        let differ = try Binary.run(["diff", "samples/vmcs-ept-violation.kvm-6.12.log", "samples/vmcs-entry-failure.kvm-5.x.log"])
        #expect(differ.status == 1)
        #expect(differ.stdout.contains("4822  GUEST_TR_AR_BYTES         0x0000008b → 0x0001008b +UNUSABLE"))
        let trouble = try Binary.run(["diff", "samples/vmcb-npf.bin", "samples/malformed/truncated.bin"])
        #expect(trouble.status == 2)
        #expect(trouble.stdout == "")
        let mixed = try Binary.run(["diff", "samples/vmcb-npf.bin", "samples/vmcs12-ept-violation.bin"])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.hasPrefix("vmcs-inspect: error: cannot compare a VMCB"))
    }

    @Test func diffPicksDumpsByIndex() throws {
        let consecutive = try Binary.run(["diff", "samples/vmcs-several.kvm-4.x.log"])
        #expect(consecutive.status == 1)
        #expect(consecutive.stdout.components(separatedBy: "--- samples/vmcs-several.kvm-4.x.log").count == 3)
        let picked = try Binary.run([
            "diff", "--group", "exit_info", "samples/vmcs-several.kvm-4.x.log@0", "samples/vmcs-several.kvm-4.x.log@2",
        ])
        #expect(picked.status == 1)
        #expect(picked.stdout.contains("BASIC IO_INSTRUCTION→EPT_VIOLATION"))
        let ambiguous = try Binary.run(["diff", "samples/vmcs-several.kvm-4.x.log", "samples/vmcs-pf.xen.log"])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("holds 3 dumps: name one as samples/vmcs-several.kvm-4.x.log@N"))
        let ignored = try Binary.run([
            "diff", "--ignore", "exit_code", "exit_info_1", "exit_info_2", "efer", "--", "samples/vmcb-ioio.kvm.log",
            "samples/vmcb-vmrun-failure.kvm.log",
        ])
        #expect(ignored.status == 0)
    }

    @Test func diffJSON() throws {
        let result = try Binary.run(["diff", "--json", "samples/vmcb-ioio.kvm.log", "samples/vmcb-vmrun-failure.kvm.log"])
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "vmcs-inspect/diff/1")
    }

    @Test func explainFromNumbersAndFiles() throws {
        let failure = try Binary.run(["explain", "vmx", "--reason", "0x80000021"])
        #expect(failure.status == 0)
        #expect(failure.stdout.contains("VM entry failed with invalid guest state"))
        let invalid = try Binary.run(["explain", "svm", "--exit-code=-1"])
        #expect(invalid.stdout.contains("EXITCODE -1 (VMEXIT_INVALID)"))
        let file = try Binary.run(["explain", "samples/vmcs-several.kvm-4.x.log@1"])
        #expect(file.stdout.contains("that event was not delivered and must be injected again"))
        let mixed = try Binary.run(["explain", "vmx", "--exit-code", "0x400"])
        #expect(mixed.status == 64)
        let none = try Binary.run(["explain", "svm"])
        #expect(none.status == 64)
        let missing = try Binary.run(["explain", "samples/nope.log"])
        #expect(missing.status == 2)
    }

    @Test func fieldsListing() throws {
        let cr4 = try Binary.run(["fields", "--arch", "vmx", "cr4"])
        #expect(cr4.status == 0)
        #expect(cr4.stdout.contains("6804  GUEST_CR4"))
        #expect(!cr4.stdout.contains("AMD VMCB"))
        let both = try Binary.run(["fields", "exitinfo"])
        #expect(both.stdout.contains("078  8     exit_info_1"))
        let none = try Binary.run(["fields", "no-such-thing"])
        #expect(none.status == 1)
        let json = try Binary.run(["fields", "--json", "0x681e"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["fields"] as? [[String: Any]])?.first?["name"] as? String == "GUEST_RIP")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) throws {
        let result = try Binary.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.stdout.contains("vmcs-inspect"))
        #expect(result.stdout.contains("explain"))
    }
}

@Suite struct ShellEndToEndTests {
    static let script = """
        # a scripted session: comments and blank lines are skipped

        snapshots
        get EXIT_QUALIFICATION
        use a
        get exit_qualification
        set GUEST_CR4.VMXE 0
        snapshots
        diff c
        reset
        set NO_SUCH_FIELD 1
        bits GUEST_TR_AR_BYTES
        explain
        use b
        explain
        help quit
        quit
        get GUEST_RIP
        """

    @Test func scriptedSessionGolden() throws {
        let result = try Binary.run(["shell", "samples/vmcs-several.kvm-4.x.log"], stdin: Data(Self.script.utf8))
        #expect(result.status == 1)  // one command failed
        #expect(result.stderr == "error: unknown VMCS field 'NO_SUCH_FIELD'\n")
        let path = Binary.root.appendingPathComponent("Tests/VMCSInspectTests/Golden/shell/several.transcript.txt").path
        if ProcessInfo.processInfo.environment["VMCS_INSPECT_RECORD"] == "1" {
            try result.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("recorded \(path)")
            return
        }
        #expect(result.stdout == (try String(contentsOfFile: path, encoding: .utf8)))
        #expect(!result.stdout.contains("vmcs:"))  // no prompt when not on a terminal
    }

    @Test func cleanScriptExitsZero() throws {
        let result = try Binary.run(["shell", "samples/vmcb-npf.bin"], stdin: Data("get exit_code\nexplain\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("070  exit_code 0x0000000000000400 NPF"))
        let bad = try Binary.run(["shell", "samples/malformed/truncated.bin"], stdin: Data())
        #expect(bad.status == 2)
    }

    /// Drives the shell on a real pseudo-terminal through script(1): TAB completion, history,
    /// Ctrl-C, Ctrl-D, the history file.
    @Test func realTerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("script(1) is missing: install util-linux's bsdutils")
            return
        }
        let binary = try #require(Binary.url).path
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // script(1) runs the command through $SHELL. `exec` leaves the shell out of the terminal's
        // process group: a shell that stayed (dash does) would itself die of the Ctrl-C below,
        // and script would report 130 for it.
        process.arguments = ["-qfec", "exec '\(binary)' shell samples/vmcs-ept-violation.kvm-6.12.log", "/dev/null"]
        process.currentDirectoryURL = Binary.root
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = state.path
        environment["SHELL"] = "/bin/sh"  // CI may have none set, or one that is not a shell
        environment["TERM"] = "xterm"
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let transcript = Transcript()
        output.fileHandleForReading.readabilityHandler = { handle in transcript.append(handle.availableData) }
        try process.run()
        // Each step waits for what the terminal should show before typing on, so a slow machine
        // only makes the test slower, not wrong.
        // Every failure carries the transcript: this test runs where nobody can watch the screen.
        func screen() -> Comment { "terminal so far:\n\(transcript.text.debugDescription)" }
        func type(_ keys: String, thenWaitFor expected: String, occurrences: Int = 1) {
            input.fileHandleForWriting.write(Data(keys.utf8))
            #expect(transcript.wait(for: expected, occurrences: occurrences, seconds: 20), "waiting for \(expected); \(screen())")
        }
        #expect(transcript.wait(for: "vmcs:a> ", occurrences: 1, seconds: 20), screen())
        type("get EXIT_QUAL\t", thenWaitFor: "get EXIT_QUALIFICATION")  // TAB completes the field name
        type("\r", thenWaitFor: "READ GLA_VALID GLA_TRANSLATED")
        type("get VM_EXIT_RE\t\r", thenWaitFor: "VM_EXIT_REASON 0x00000030", occurrences: 1)
        type("\u{1B}[A\r", thenWaitFor: "VM_EXIT_REASON 0x00000030", occurrences: 2)  // up arrow: the last command again
        type("show GUEST_R", thenWaitFor: "show GUEST_R")
        type("\u{03}", thenWaitFor: "^C")  // Ctrl-C abandons the line readline holds
        type("snapshots\r", thenWaitFor: "* a: VMCS")
        input.fileHandleForWriting.write(Data("\u{04}".utf8))  // Ctrl-D leaves
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        try? input.fileHandleForWriting.close()
        let text = transcript.text
        #expect(process.terminationStatus == 0, screen())
        #expect(text.contains("vmcs:a> "))
        #expect(text.contains("EXIT_QUALIFICATION 0x0000000000000181 READ GLA_VALID GLA_TRANSLATED"), screen())
        #expect(text.components(separatedBy: "VM_EXIT_REASON 0x00000030").count == 3, screen())  // typed once, recalled once
        // Ctrl-C dropped the half-typed line (no error for "show GUEST_Rsnapshots") and the
        // session went on to run the next command.
        #expect(!text.contains("error:"), screen())
        #expect(text.contains("* a: VMCS samples/vmcs-ept-violation.kvm-6.12.log@0"), screen())
        let history = try String(contentsOf: state.appendingPathComponent("vmcs-inspect/history"), encoding: .utf8)
        // History holds each command once, without the space completion appended, and not the
        // abandoned line.
        #expect(history == "get EXIT_QUALIFICATION\nget VM_EXIT_REASON\nsnapshots\n", "history file:\n\(history)")
    }
}

/// Output of a process gathered as it arrives, for tests that wait on it.
final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    func wait(for expected: String, occurrences: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if text.components(separatedBy: expected).count - 1 >= occurrences { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}

@Suite struct CheckEndToEndTests {
    @Test func exitStatusSaysWhetherARuleIsBroken() throws {
        let broken = try Binary.run(["check", "samples/vmcs-entry-failure.kvm-5.x.log"])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("samples/vmcs-entry-failure.kvm-5.x.log:1: error: [guest-tr-usable] GUEST_TR_AR_BYTES = 0x0001008b"))
        #expect(broken.stderr == "")
        let clean = try Binary.run(["check", "samples/vmcb-npf.bin"])
        #expect(clean.status == 0)
        #expect(clean.stdout.hasPrefix("samples/vmcb-npf.bin: 0 errors, 0 warnings"))
        // A profile is read, and one with a bad line is an input error naming the line.
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-e2e-\(getpid()).profile")
        try "MAXPHYADDR = 48\nIA32_VMX_BOGUS = 1\n".write(to: profile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: profile) }
        let bad = try Binary.run(["check", "--cpu", profile.path, "samples/vmcb-npf.bin"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(profile.path):2: unknown name 'IA32_VMX_BOGUS'"))
        let listed = try Binary.run(["check", "--list", "--json"])
        #expect(listed.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["schema"] as? String == "vmcs-inspect/check-list/1")
        let piped = try Binary.run(
            ["check", "--index", "0", "-"],
            stdin: try Data(contentsOf: Binary.root.appendingPathComponent("samples/vmcb-vmrun-failure.kvm.log")))
        #expect(piped.status == 1)
        #expect(piped.stdout.contains("<stdin>:1: error: [svm-efer-svme]"))
    }

    @Test func troubleAndUsage() throws {
        let truncated = try Binary.run(["check", "samples/malformed/truncated.bin"])
        #expect(truncated.status == 2)
        #expect(truncated.stdout == "")
        #expect(truncated.stderr.split(separator: "\n").count == 1)
        let noFile = try Binary.run(["check"])
        #expect(noFile.status == 64)
        let outOfRange = try Binary.run(["check", "--index", "5", "samples/vmcb-npf.bin"])
        #expect(outOfRange.status == 64)
        let list = try Binary.run(["check", "--list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("svm  svm-efer-svme"))
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
