import ArgumentParser

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// How output looks.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("Colour: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never.", valueName: "WHEN"))
    var color: ColorChoice = .auto

    func useColor() -> Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto: return Terminal.colorByDefault()
        }
    }
}
