import Foundation
import Testing
import VMCSInspect

@Suite struct ShellEndToEndTests {
    static let script = """
        # a scripted session: comments and blank lines are skipped

        snapshots
        get EXIT_QUALIFICATION
        use a@0
        get exit_qualification
        set GUEST_CR4.VMXE 0
        snapshots
        diff @2
        reset
        set NO_SUCH_FIELD 1
        bits GUEST_TR_AR_BYTES
        explain
        use @1
        explain
        help quit
        quit
        get GUEST_RIP
        """

    @Test func scriptedSessionGolden() throws {
        let result = try Binary.run(["shell", "samples/vmcs-several.kvm-4.x.log"], stdin: Data(Self.script.utf8))
        #expect(result.status == 1)  // one command failed
        // The error names the script's line.
        #expect(
            result.stderr
                == "vmcs-inspect: error: <stdin>:11: unknown VMCS field 'NO_SUCH_FIELD' (give a Linux name, an SDM name or an encoding such as 0x681e; a bit as FIELD.BIT)\n"
        )
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

    /// `help COMMAND` describes each argument, not only its name; `fields` takes a bit id as
    /// `fields` on the command line does (guest.cr4.vmxe is in GUEST_CR4, encoding 0x6804).
    @Test func helpDescribesArguments() throws {
        let result = try Binary.run(["shell", "samples/vmcs-several.kvm-4.x.log"], stdin: Data("help set\nhelp diff\nfields guest.cr4.vmxe\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("USAGE:  set <FIELD[.BIT]> [<VALUE> ...]"), "\(result.stdout)")
        #expect(result.stdout.contains("The field to change (any spelling), or one bit of it as FIELD.BIT."), "\(result.stdout)")
        #expect(result.stdout.contains("The new value: a number (0x hex or decimal), or a value name where the"), "\(result.stdout)")
        #expect(result.stdout.contains("One snapshot (B) to compare with the current one"), "\(result.stdout)")
        #expect(result.stdout.contains("6804  GUEST_CR4"), "\(result.stdout)")
    }

    /// Drives the shell on a real pseudo-terminal through script(1): TAB completion, history,
    /// Ctrl-C, Ctrl-D, the history file.
    @Test func realTerminal() throws {
        guard PseudoTerminal.available else { return }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let terminal = try PseudoTerminal(
            ["shell", "samples/vmcs-ept-violation.kvm-6.12.log"], environment: ["XDG_STATE_HOME": state.path])
        // Every failure carries the transcript: this test runs where nobody can watch the screen.
        #expect(terminal.transcript.wait(for: "vmcs:a@0> ", occurrences: 1, seconds: 20), terminal.screen())
        terminal.type("get EXIT_QUAL\t", thenWaitFor: "get EXIT_QUALIFICATION")  // TAB completes the field name
        terminal.type("\r", thenWaitFor: "READ GLA_VALID GLA_TRANSLATED")
        terminal.type("get VM_EXIT_RE\t\r", thenWaitFor: "VM_EXIT_REASON 0x00000030", occurrences: 1)
        terminal.type("\u{1B}[A\r", thenWaitFor: "VM_EXIT_REASON 0x00000030", occurrences: 2)  // up arrow: the last command again
        terminal.type("show GUEST_R", thenWaitFor: "show GUEST_R")
        terminal.type("\u{03}", thenWaitFor: "^C")  // Ctrl-C abandons the line readline holds
        terminal.type("snapshots\r", thenWaitFor: "* a@0: VMCS")
        let status = terminal.finish()  // Ctrl-D leaves
        let text = terminal.transcript.text
        #expect(status == 0, terminal.screen())
        #expect(text.contains("vmcs:a@0> "))
        #expect(text.contains("EXIT_QUALIFICATION 0x0000000000000181 READ GLA_VALID GLA_TRANSLATED"), terminal.screen())
        #expect(text.components(separatedBy: "VM_EXIT_REASON 0x00000030").count == 3, terminal.screen())  // typed once, recalled once
        // Ctrl-C dropped the half-typed line (no error for "show GUEST_Rsnapshots") and the
        // session went on to run the next command.
        #expect(!text.contains("error:"), terminal.screen())
        #expect(text.contains("* a@0: VMCS samples/vmcs-ept-violation.kvm-6.12.log@0"), terminal.screen())
        let history = try String(contentsOf: state.appendingPathComponent("vmcs-inspect/history"), encoding: .utf8)
        // History holds each command once, without the space completion appended, and not the
        // abandoned line.
        #expect(history == "get EXIT_QUALIFICATION\nget VM_EXIT_REASON\nsnapshots\n", "history file:\n\(history)")
    }

    /// A history folder that cannot be made gets one warning, and the shell works on.
    @Test func unwritableHistoryWarnsOnce() throws {
        guard PseudoTerminal.available else { return }
        let terminal = try PseudoTerminal(["shell", "samples/vmcb-npf.bin"], environment: ["XDG_STATE_HOME": "/dev/null/state"])
        #expect(terminal.transcript.wait(for: "vmcb:a> ", occurrences: 1, seconds: 20), terminal.screen())
        terminal.type("get exit_code\r", thenWaitFor: "exit_code 0x0000000000000400 NPF")
        #expect(terminal.finish() == 0, terminal.screen())
        let warnings = terminal.transcript.text.components(
            separatedBy: "vmcs-inspect: warning: /dev/null/state/vmcs-inspect: cannot keep the shell's history here")
        #expect(warnings.count == 2, terminal.screen())
    }

    /// Ctrl-C stops a load that would not end (an endless log through a FIFO) and the prompt
    /// comes back.
    @Test func controlCStopsALongLoad() throws {
        guard PseudoTerminal.available else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("endless.log").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // yes(1) writes kernel-log lines with no dump in them for ever.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "exec yes '[ 1.000000] usb 1-1: new high-speed USB device number 5 using ehci-pci' > '\(fifo)'"]
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        // SIGKILL: the test process may hand its children SIGTERM blocked.
        defer { kill(writer.processIdentifier, SIGKILL) }
        let terminal = try PseudoTerminal(["shell", "--format", "kvm"], environment: ["XDG_STATE_HOME": folder.path])
        #expect(terminal.transcript.wait(for: "vmcs-inspect> ", occurrences: 1, seconds: 20), terminal.screen())
        terminal.type("load \(fifo)\r", thenWaitFor: "load \(fifo)")
        Thread.sleep(forTimeInterval: 0.5)
        terminal.type("\u{03}", thenWaitFor: "vmcs-inspect: error: interrupted")
        terminal.type("snapshots\r", thenWaitFor: "no snapshots loaded")
        #expect(terminal.finish() == 0, terminal.screen())
    }

    /// -x FILE and -c CMD run first, in the order given, as in gdb; an error names the script
    /// and line, or the command.
    @Test func scriptsAndCommandsFromTheCommandLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-x-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("queries.txt").path
        // CR LF ends a line as LF does (CR LF is one Swift character).
        try "use @0\r\n# a comment\nget VM_EXIT_REASON\r\nget NO_SUCH\n".write(toFile: script, atomically: true, encoding: .utf8)
        let result = try Binary.run(
            ["shell", "-c", "use @2", "-c", "get VM_EXIT_REASON", "-x", script, "-c", "frobnicate", "samples/vmcs-several.kvm-4.x.log"],
            stdin: Data("get VM_EXIT_REASON\n".utf8))
        #expect(result.status == 1)
        let reasons = result.stdout.split(separator: "\n").filter { $0.contains("4402  VM_EXIT_REASON") }.map {
            $0.split(separator: " ")[2]
        }
        // -c use @2 (EPT violation), the script's use @0 (I/O), then the last line from stdin.
        #expect(reasons == ["0x00000030", "0x0000001e", "0x0000001e"])
        #expect(
            result.stderr
                == "vmcs-inspect: error: \(script):4: unknown VMCS field 'NO_SUCH' (give a Linux name, an SDM name or an encoding such as 0x681e; a bit as FIELD.BIT)\n"
                + "vmcs-inspect: error: -c 'frobnicate': unknown command 'frobnicate' (help lists them)\n")
        let quits = try Binary.run(["shell", "-c", "quit", "samples/vmcb-npf.bin"], stdin: Data("get nope\n".utf8))
        #expect(quits.status == 0)
        #expect(quits.stderr == "")
    }

    /// Headers mark a snapshot the shell has edited.
    @Test func headersMarkAnEditedSnapshot() throws {
        let result = try Binary.run(["shell", "samples/vmcb-npf.bin"], stdin: Data("set efer.svme 0\nshow exit\nexplain\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("\na: VMCB samples/vmcb-npf.bin (raw page) [modified]\n"))
        #expect(result.stdout.contains("\na: VMCB samples/vmcb-npf.bin [modified]:\n"))
    }

    /// The commands help lists, completion offers and the parser takes are one list
    /// (`ShellSession.commands`): every one parses, and help lists exactly those.
    @Test func oneListOfCommands() throws {
        let names = ShellSession.commands.map(\.name)
        let help = try Binary.run(["shell"], stdin: Data(("help\n" + names.map { "help \($0)\n" }.joined()).utf8))
        #expect(help.status == 0, "\(help.stderr)")
        let listed = help.stdout.split(separator: "\n").drop { !$0.hasPrefix("Commands") }.dropFirst().prefix { $0.hasPrefix("  ") }.map {
            String($0.split(separator: " ")[0]).trimmingCharacters(in: CharacterSet(charactersIn: ","))
        }
        #expect(listed == names)
        #expect(ShellSession(settings: InputSettings()).completions(words: [], partial: "") == names.sorted())
    }
}
