import VMCSInspect

/// `show FILE…` and `check FILE…` with nothing but inputs on the command line, the commonest
/// invocations, run without the argument parser.
///
/// ArgumentParser learns a subcommand's options by reflecting over its properties, which perf put
/// at over a third of a `show PAGE` run (generic metadata built from mangled names, and
/// protocol-conformance lookups across the binary). With no option given, every option has its
/// default, so the request those defaults make is built here directly. An argument that starts
/// with `-` (an option, `--`, `--help`), other than the standard-input names, sends the command
/// line to the argument parser as before. The end-to-end tests run each plain command line both
/// ways (the other with an option at its default value) and compare the whole output.
enum PlainInvocation {
    /// Runs `subcommand arguments` when it is plain; false when the argument parser must read it.
    static func run(_ subcommand: String, _ arguments: [String]) throws -> Bool {
        guard !arguments.isEmpty, arguments.allSatisfy(InputList.isInput) else { return false }
        switch subcommand {
        case "show":
            try InputList.validate(files: arguments)
            try ShowSubcommand.run(ShowRequest(inputs: arguments), to: OutputOptions.textRenderer(color: Terminal.colorByDefault()))
        case "check":
            try InputList.validate(files: arguments)
            let profile = try CheckCommand.profile(file: nil, maxPhysicalAddress: nil)
            try CheckSubcommand.run(
                CheckRequest(inputs: arguments, profile: profile), to: OutputOptions.textRenderer(color: Terminal.colorByDefault()))
        default:
            return false
        }
        return true
    }
}
