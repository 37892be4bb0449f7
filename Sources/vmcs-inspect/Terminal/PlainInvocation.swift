import VMCSInspect

/// `show FILE…` and `check FILE…` with nothing but inputs on the command line, the commonest
/// invocations, run without the argument parser.
///
/// ArgumentParser learns a subcommand's options by reflecting over its properties, which perf put
/// at over a third of a `show PAGE` run (generic metadata built from mangled names, and
/// protocol-conformance lookups across the binary). With no option given, every option has its
/// default, so the request those defaults make is built here directly. An argument that starts
/// with `-` (an option, `--`, `--help`), other than the standard-input names, sends the command
/// line to the argument parser as before, and so does a list of inputs the parser would refuse
/// (standard input named twice), so that its refusal, help included, is the parser's own. The
/// end-to-end tests run each plain command line both ways (the other with an option at its
/// default value) and compare the whole output.
enum PlainInvocation {
    /// Runs `subcommand arguments` when it is plain; false when the argument parser must read it.
    static func run(_ subcommand: String, _ arguments: [String]) throws -> Bool {
        guard !arguments.isEmpty, arguments.allSatisfy(InputList.isInput), (try? InputList.validate(files: arguments)) != nil else {
            return false
        }
        switch subcommand {
        case "show":
            try ShowSubcommand.run(ShowRequest(inputs: arguments), to: OutputOptions.textRenderer(color: Terminal.colorByDefault()))
        case "check":
            let profile = try CheckCommand.profile(file: nil, maxPhysicalAddress: nil)
            try CheckSubcommand.run(
                CheckRequest(inputs: arguments, profile: profile), to: OutputOptions.textRenderer(color: Terminal.colorByDefault()))
        default:
            return false
        }
        return true
    }
}
