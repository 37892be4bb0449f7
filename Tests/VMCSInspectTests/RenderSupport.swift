@testable import VMCSInspect

/// Runs library commands into the renderers, for tests: the text or JSON a command writes.
enum Rendered {
    /// What a command writes as text (no colour, 100 columns), and its outcome.
    static func text(_ run: (any DocumentRenderer) throws -> CommandOutcome) rethrows -> (output: String, outcome: CommandOutcome) {
        var out = ""
        let outcome = try run(TextRenderer(options: RenderOptions(color: false, width: 100)) { out += $0 })
        return (out, outcome)
    }

    /// What a command writes as JSON (or JSON Lines), and its outcome.
    static func json(lines: Bool = false, _ run: (any DocumentRenderer) throws -> CommandOutcome) rethrows -> (
        output: String, outcome: CommandOutcome
    ) {
        var out = ""
        let outcome = try run(JSONRenderer(lines: lines) { out += $0 })
        return (out, outcome)
    }

    /// The document a command builds.
    static func document(_ run: (any DocumentRenderer) throws -> CommandOutcome) rethrows -> Document {
        let collector = DocumentCollector()
        _ = try run(collector)
        return collector.document
    }
}

extension Document {
    /// The document as plain text.
    var text: String { TextRenderer.string(self) }
}
