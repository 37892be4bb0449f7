import ArgumentParser
import VMCSInspect

#if canImport(Glibc)
    import Glibc
#endif

/// How inputs are read, for commands that take several.
struct SettingsOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Input format (default: detected from the content).", valueName: "FORMAT"),
        completion: .formatNames)
    var format: FormatArgument?

    @Option(name: .long, help: ArgumentHelp("Byte offset of the 4 KiB page in a larger file (decimal or 0x hex).", valueName: "N"))
    var offset: OffsetArgument?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How a raw page is laid out: kvm-vmcs12, hyperv-evmcs, a layout file (see the man page), or vmsa.",
            valueName: "LAYOUT"),
        completion: .layoutNamesOrFiles)
    var layout: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The radix of bare numbers in a field log: hex or dec (default: the rule the man page gives, with a warning when it guesses).",
            valueName: "RADIX"))
    var radix: Radix?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read the page at this guest-physical address of a crash dump or memory image (FILE@0xADDR names one per input).",
            valueName: "ADDR"))
    var phys: NumberArgument?

    var value: InputSettings {
        InputSettings(format: format?.value, offset: offset?.value, layout: layout, radix: radix, physicalAddress: phys?.value)
    }
}

/// The inputs named on the command line. Values that start with `-` are inputs too when they
/// name standard input (`-`, `-@N`, `-@0xADDR`) or follow `--`; anything else that starts with
/// `-` is an option the command does not have.
struct InputList: ParsableArguments {
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "Inputs: a file, FILE@N for its Nth dump, FILE@0xADDR for a crash dump's page, - for standard input.", valueName: "FILE"),
        completion: .file())
    var arguments: [String] = []

    /// The inputs, in order, without the `--` that may end the options.
    var files: [String] {
        guard let end = arguments.firstIndex(of: "--") else { return arguments }
        return Array(arguments[..<end]) + arguments[(end + 1)...]
    }

    func validate() throws {
        let beforeEnd = arguments.prefix { $0 != "--" }
        for file in beforeEnd where !Self.isInput(file) {
            throw ValidationError("unknown option '\(PrintableText.escaped(file))'")
        }
        try Self.validate(files: files)
    }

    /// True when an argument before `--` names an input: it does not start with `-`, or it
    /// names standard input (`-`, `-@N`, `-@0xADDR`).
    static func isInput(_ argument: String) -> Bool {
        !argument.hasPrefix("-") || argument == "-" || argument.hasPrefix("-@")
    }

    /// The rule every list of inputs obeys: standard input is named at most once.
    static func validate(files: [String]) throws {
        if files.filter({ $0 == "-" || $0.hasPrefix("-@") }).count > 1 {
            throw ValidationError("standard input can be read once: give it as one input")
        }
    }
}

struct FormatArgument: ExpressibleByArgument {
    let value: InputFormat

    init?(argument: String) {
        guard let format = InputFormat.named(argument) else { return nil }
        value = format
    }

    static var allValueStrings: [String] { InputFormat.all.map(\.rawValue) }
}

struct OffsetArgument: ExpressibleByArgument {
    let value: Int

    init?(argument: String) {
        let text = argument.lowercased()
        if text.hasPrefix("0x"), let digits = NumberText.hexDigits(text.dropFirst(2)), let parsed = Int(exactly: digits) {
            value = parsed
        } else if let parsed = Int(text), parsed >= 0 {
            value = parsed
        } else {
            return nil
        }
    }
}

struct BitDetailArgument: ExpressibleByArgument {
    let value: BitDetail
    static let none = BitDetailArgument(value: .none)

    init(value: BitDetail) { self.value = value }

    init?(argument: String) {
        guard let detail = BitDetail(rawValue: argument.lowercased()) else { return nil }
        value = detail
    }

    static var allValueStrings: [String] { BitDetail.allCases.map(\.rawValue) }
    var defaultValueDescription: String { value.rawValue }
}

/// A number as users paste them: decimal, `0x` hex, or negative decimal (SVM's -1).
struct NumberArgument: ExpressibleByArgument {
    let value: UInt64

    init?(argument: String) {
        guard let parsed = NumberText.argument(argument) else { return nil }
        value = parsed
    }
}

/// `vmx` or `svm` (and the structures' and vendors' names for them).
struct ArchitectureArgument: ExpressibleByArgument {
    let value: Architecture

    init?(argument: String) {
        guard let architecture = Architecture.named(argument) else { return nil }
        value = architecture
    }

    static var allValueStrings: [String] { ["vmx", "svm"] }
}

extension Radix: ExpressibleByArgument {}
