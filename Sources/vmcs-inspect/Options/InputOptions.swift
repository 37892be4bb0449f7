import ArgumentParser
#if canImport(Glibc)
    import Glibc
#endif
import VMCSInspect

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

/// The input file and how to read it.
struct InputOptions: ParsableArguments {
    @OptionGroup var settings: SettingsOptions

    @Argument(help: ArgumentHelp("The input file, or - for standard input.", valueName: "FILE"), completion: .file())
    var file: String
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
        if text.hasPrefix("0x"), let parsed = Int(text.dropFirst(2), radix: 16) {
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
        let text = String(argument.lowercased().filter { $0 != "_" })
        if text.hasPrefix("0x"), let parsed = UInt64(text.dropFirst(2), radix: 16) {
            value = parsed
        } else if let parsed = UInt64(text) {
            value = parsed
        } else if let parsed = Int64(text) {
            value = UInt64(bitPattern: parsed)
        } else {
            return nil
        }
    }
}

struct ArchitectureArgument: ExpressibleByArgument {
    let value: Architecture

    init?(argument: String) {
        switch argument.lowercased() {
        case "vmx", "vmcs", "intel": value = .vmx
        case "svm", "vmcb", "amd": value = .svm
        default: return nil
        }
    }

    static var allValueStrings: [String] { ["vmx", "svm"] }
}

extension Radix: ExpressibleByArgument {}
