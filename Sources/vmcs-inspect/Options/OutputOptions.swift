import ArgumentParser
import VMCSInspect

/// When to colour text output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// Colour, for commands that print only text (the shell).
struct ColorOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("Colour: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never.", valueName: "WHEN"))
    var color: ColorChoice = .auto

    /// Whether text output is coloured.
    func useColor() -> Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto: return Terminal.colorByDefault()
        }
    }
}

/// How output is written: text (with colour when allowed), one JSON document, or JSON Lines.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document (its schema is named in it and described in the man page) instead of text.")
    var json = false

    @Flag(name: .long, help: "Print JSON Lines: one object per snapshot, finding set or event, each written as soon as it is complete.")
    var jsonl = false

    @OptionGroup var colors: ColorOptions

    func validate() throws {
        if json && jsonl { throw ValidationError("give --json or --jsonl, not both") }
    }

    /// The renderer the options ask for, writing to standard output.
    func renderer() -> any DocumentRenderer {
        if json || jsonl { return JSONRenderer(lines: jsonl) { Terminal.write($0) } }
        return Self.textRenderer(color: colors.useColor())
    }

    /// Text on standard output, the default.
    static func textRenderer(color: Bool) -> any DocumentRenderer {
        TextRenderer(options: RenderOptions(color: color)) { Terminal.write($0) }
    }
}
