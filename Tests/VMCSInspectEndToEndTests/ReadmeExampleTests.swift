import Foundation
import Testing

/// Every `$ vmcs-inspect …` example in README.md is run through the shell and its printed output
/// compared with the block (standard output, then standard error), so the README cannot drift from what the tool prints. A line `…`
/// ends the comparison for its example (the README shows only the start of the output).
@Suite struct ReadmeExampleTests {
    struct Example: CustomStringConvertible {
        let command: String
        let expected: [String]
        let truncated: Bool
        var description: String { command }
    }

    static func examples() -> [Example] {
        let url = Binary.root.appendingPathComponent("README.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var examples: [Example] = []
        var inBlock = false
        var command: String?
        var lines: [String] = []
        var truncated = false
        func finish() {
            if let command { examples.append(Example(command: command, expected: lines, truncated: truncated)) }
            command = nil
            lines = []
            truncated = false
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if inBlock { finish() }
                inBlock.toggle()
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("$ ") {
                finish()
                command = String(line.dropFirst(2))
            } else if command != nil {
                if line == "…" { truncated = true } else if !truncated { lines.append(line) }
            }
        }
        return examples
    }

    @Test func readmeHasExamples() {
        #expect(Self.examples().count >= 8)
    }

    @Test(arguments: examples())
    func exampleOutputMatches(_ example: Example) throws {
        let binary = try #require(Binary.url, "vmcs-inspect was not built")
        let path = binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try Binary.run(["-c", example.command], shell: true, environment: ["PATH": path])
        // The README shows what a terminal shows: standard output, then any warnings.
        var actual: [String] = []
        for stream in [result.stdout, result.stderr] {
            var lines = stream.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            actual += lines
        }
        if example.truncated { actual = Array(actual.prefix(example.expected.count)) }
        #expect(actual == example.expected, "README example differs: \(example.command)")
    }
}
