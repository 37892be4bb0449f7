import Foundation
import Testing

/// Input text echoed back never reaches the terminal raw: a pasted line holding `ESC ]0;title
/// BEL` (retitle the terminal), `ESC [2J` (clear it) or the one-byte C1 CSI shows as `\x1b`,
/// `\x07`, `\x9b` in text, and as `\u001b` … in JSON, in every place that echoes input: file
/// names in headers and messages, metadata, recorded failures, warnings, trace events, the
/// shell's replies and errors, and the argument parser's errors.
@Suite struct EscapeEndToEndTests {
    static let hostile = "\u{1B}]0;title\u{07}\u{1B}[2J\u{9B}2J"
    static let shown = "\\x1b]0;title\\x07\\x1b[2J\\x9b2J"

    /// A folder of inputs holding the hostile text: a Xen log (in its failure line, which is
    /// recorded, and in the host RIP symbol, which is metadata) under a hostile file name; a
    /// field log whose first line cannot be placed (a warning quotes it); a trace whose task
    /// name holds it; and a crash dump under a hostile name.
    final class Inputs {
        let folder: URL
        let xen: String
        let fields: String
        let trace: String
        let dump: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("vmcs-inspect-escape-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            func sample(_ name: String) throws -> [String] {
                try String(contentsOf: Binary.root.appendingPathComponent("samples/\(name)"), encoding: .utf8)
                    .components(separatedBy: "\n")
            }
            var xenLines = try sample("vmcs-msr-load-failure.xen.log")
            xenLines[0] += " " + EscapeEndToEndTests.hostile
            xenLines = xenLines.map {
                $0.replacingOccurrences(of: "(vmx_asm_vmexit_handler)", with: "(vmx_asm\(EscapeEndToEndTests.hostile))")
            }
            xen = folder.appendingPathComponent("xen\(EscapeEndToEndTests.hostile).log").path
            try xenLines.joined(separator: "\n").write(toFile: xen, atomically: true, encoding: .utf8)
            var fieldLines = try sample("vmcs-hobby.fields.log")
            fieldLines[0] = fieldLines[0].replacingOccurrences(of: "exit 48", with: "exit 48 \(EscapeEndToEndTests.hostile)")
            fields = folder.appendingPathComponent("hobby.log").path
            try fieldLines.joined(separator: "\n").write(toFile: fields, atomically: true, encoding: .utf8)
            let traceLines = try sample("vmx-exits.ftrace.txt").map {
                $0.replacingOccurrences(of: "CPU 0/KVM-4187", with: "CPU\(EscapeEndToEndTests.hostile)-4187")
            }
            trace = folder.appendingPathComponent("trace.txt").path
            try traceLines.joined(separator: "\n").write(toFile: trace, atomically: true, encoding: .utf8)
            dump = folder.appendingPathComponent("core\(EscapeEndToEndTests.hostile).flat").path
            try FileManager.default.copyItem(atPath: Binary.root.appendingPathComponent("samples/cores/core.flat").path, toPath: dump)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    /// No terminal control byte in either stream: ESC, BEL, or the C1 CSI (U+009B).
    static func expectClean(_ result: Binary.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, stream) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            let raw = stream.unicodeScalars.filter { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" }
            #expect(raw.isEmpty, "\(what): \(name) holds \(raw.count) control characters", sourceLocation: sourceLocation)
        }
    }

    @Test func textOutputEscapesEveryEcho() throws {
        let inputs = try Inputs()
        let show = try Binary.run(["show", inputs.xen, inputs.fields])
        Self.expectClean(show, "show")
        #expect(show.status == 0)
        #expect(show.stdout.contains("VMCS \(inputs.folder.path)/xen\(Self.shown).log@0 (Xen VMCS dump at line 1)"))
        #expect(show.stdout.contains("host_rip_symbol=vmx_asm\(Self.shown)"))
        #expect(show.stdout.contains("  failure: d3v0 vmentry failure (reason 0x80000022): MSR loading (entry 1) \(Self.shown) (line 1)"))
        // The log-line cleaner drops the ESC of what it takes for colour codes; what is left of
        // the line is quoted escaped.
        #expect(show.stderr.contains("hobby.log:1: cannot place this line: 'myhv: vcpu0: exit 48 ]0;title\\x07\\x9b2J, dumping VMCS'"))
        for arguments in [
            ["check", inputs.xen, inputs.fields], ["check", "--unknown", inputs.xen], ["explain", inputs.xen, inputs.fields],
            ["diff", inputs.xen, inputs.fields], ["show", "--all", "--bits", "all", inputs.xen], ["show", inputs.trace],
            ["explain", "\(inputs.trace)@0"], ["scan", inputs.dump], ["show", inputs.dump],
        ] {
            let result = try Binary.run(arguments)
            Self.expectClean(result, arguments.joined(separator: " "))
            #expect(!result.stdout.isEmpty, "\(arguments)")
        }
        #expect(try Binary.run(["check", inputs.xen]).stdout.contains("\(inputs.folder.path)/xen\(Self.shown).log:1: "))
        #expect(try Binary.run(["show", inputs.trace]).stdout.contains("CPU\(Self.shown)-4187"))
        #expect(try Binary.run(["scan", inputs.dump]).stdout.hasPrefix("\(inputs.folder.path)/core\(Self.shown).flat: "))
    }

    @Test func jsonEscapesAsUnicodeEscapes() throws {
        let inputs = try Inputs()
        for arguments in [
            ["show", "--json", inputs.xen, inputs.fields], ["show", "--jsonl", inputs.xen, inputs.fields], ["check", "--json", inputs.xen],
            ["check", "--jsonl", inputs.xen], ["explain", "--json", inputs.xen], ["explain", "--jsonl", inputs.xen],
            ["diff", "--json", inputs.xen, inputs.fields], ["scan", "--json", inputs.dump], ["scan", "--jsonl", inputs.dump],
            ["show", "--jsonl", inputs.trace],
        ] {
            let result = try Binary.run(arguments)
            Self.expectClean(result, arguments.joined(separator: " "))
            let documents = arguments.contains("--jsonl") ? result.stdout.split(separator: "\n").map(String.init) : [result.stdout]
            for document in documents {
                #expect((try? JSONSerialization.jsonObject(with: Data(document.utf8))) != nil, "\(arguments): \(document.prefix(200))")
            }
            #expect(result.stdout.contains("\\u001b]0;title\\u0007\\u001b[2J\\u009b2J"), "\(arguments)")
        }
        // The decoded JSON holds the input's own characters.
        let json = try Binary.run(["show", "--json", inputs.xen])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let snapshot = try #require((object["snapshots"] as? [[String: Any]])?.first)
        #expect((snapshot["source"] as? String)?.hasSuffix("xen\(Self.hostile).log") == true)
    }

    @Test func messagesEscapeWhatTheyQuote() throws {
        let inputs = try Inputs()
        for arguments in [
            ["show", inputs.folder.appendingPathComponent("missing\(Self.hostile)").path],
            ["show", "--field", "rip\(Self.hostile)", inputs.xen],
            ["show", "--group", Self.hostile, inputs.xen], ["show", "--\(Self.hostile)", inputs.xen], ["fields", Self.hostile],
            ["explain", "vmx", "--reason", Self.hostile], ["diff", "--ignore", Self.hostile, inputs.xen, inputs.xen],
        ] {
            let result = try Binary.run(arguments)
            Self.expectClean(result, arguments.joined(separator: " "))
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(Self.shown), "\(arguments): \(result.stderr)")
        }
    }

    @Test func theShellEscapesWhatItEchoes() throws {
        let inputs = try Inputs()
        let script = """
            load \(inputs.xen.replacingOccurrences(of: " ", with: "\\ "))
            snapshots
            show exit_info
            frobnicate\(Self.hostile)
            get GUEST_RIP\(Self.hostile)
            use \(Self.hostile)
            explain
            check
            find \(Self.hostile)
            """
        let result = try Binary.run(["shell", inputs.fields], stdin: Data(script.utf8))
        Self.expectClean(result, "shell")
        #expect(
            result.stdout.contains(
                "loaded b@0: VMCS \(inputs.folder.path)/xen\(Self.shown).log@0, exit MSR_LOAD_FAIL (VM-entry failure) (0x80000022)"))
        #expect(result.stderr.contains("vmcs-inspect: error: <stdin>:4: unknown command 'frobnicate\(Self.shown)' (help lists them)"))
        #expect(result.stderr.contains("<stdin>:5: unknown VMCS field 'GUEST_RIP\(Self.shown)'"))
        #expect(result.stdout.contains("nothing matches '\(Self.shown)'"))
    }
}
