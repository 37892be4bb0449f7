import Foundation
import Testing

/// `show FILE…` and `check FILE…` with only inputs are run without the argument parser (start-up
/// time). The same command line with an option at its default value (`--color auto`) goes
/// through the argument parser; both must print the same, byte for byte, and exit alike.
@Suite struct PlainInvocationEndToEndTests {
    /// Every sample, the crash-dump samples, and inputs that are refused.
    static let inputLists: [[String]] = {
        let samples = (try? FileManager.default.contentsOfDirectory(atPath: Binary.root.appendingPathComponent("samples").path)) ?? []
        var lists = samples.sorted().filter { $0 != "README.md" && !["cores", "malformed", "tools"].contains($0) }.map { ["samples/" + $0] }
        lists += [
            ["samples/cores"],  // a directory
            ["samples/cores/core.kdump"], ["samples/cores/core.elf.gz"],  // crash dumps: what a scan finds
            ["samples/no-such-file"],
            ["samples/vmcs-several.kvm-4.x.log@1"],
            ["samples/vmcs-several.kvm-4.x.log@9"],  // past the last dump
            ["samples/vmcb-npf.bin", "samples/vmcs-pf.xen.log", "samples/vmcb-ioio.xxd"],
            ["samples/malformed/" + "interleaved-vcpus.vmcs.kvm.log"],
            ["-"], ["-@0"], ["-", "-"],  // standard input, once and twice
            ["-", "-@h"],  // the parser reads -@h as -@ and -h: help
            ["help"],
        ]
        return lists
    }()

    @Test(arguments: ["show", "check"], inputLists)
    func sameAsThroughTheArgumentParser(_ command: String, _ inputs: [String]) throws {
        // Standard input is given only to the runs that read it: writing it to a process that
        // has already exited would end the test process with SIGPIPE.
        let reads = inputs.count == 1 && (inputs[0] == "-" || inputs[0].hasPrefix("-@"))
        let stdin = reads ? try Data(contentsOf: Binary.root.appendingPathComponent("samples/vmcs-several.kvm-4.x.log")) : nil
        let plain = try Binary.run([command] + inputs, stdin: stdin)
        let parsed = try Binary.run([command, "--color", "auto"] + inputs, stdin: stdin)
        #expect(plain.status == parsed.status)
        #expect(plain.stdout == parsed.stdout)
        #expect(plain.stderr == parsed.stderr)
        #expect(!plain.stdout.isEmpty || !plain.stderr.isEmpty)
    }

    /// On a terminal both paths colour alike (NO_COLOR empty allows colour).
    @Test(arguments: [("show", "samples/vmcb-npf.bin"), ("check", "samples/vmcs-entry-failure.kvm-5.x.log")])
    func sameColourOnATerminal(_ command: String, _ file: String) throws {
        var screens: [String] = []
        for arguments in [[command, file], [command, "--color", "auto", file]] {
            let terminal = try PseudoTerminal(arguments, environment: ["NO_COLOR": ""])
            terminal.process.waitUntilExit()
            Thread.sleep(forTimeInterval: 0.2)  // the last output the reader has not taken yet
            screens.append(terminal.transcript.text)
        }
        #expect(screens[0].contains("\u{1b}["), "no colour: \(screens[0].debugDescription)")
        #expect(screens[0] == screens[1])
    }

    /// The plain path still refuses what the argument parser refuses, with its message.
    @Test func standardInputTwiceIsAUsageError() throws {
        let result = try Binary.run(["show", "-", "-@1"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "vmcs-inspect: error: standard input can be read once: give it as one input (see 'vmcs-inspect show --help')\n")
    }
}
