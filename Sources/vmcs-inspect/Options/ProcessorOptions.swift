import ArgumentParser
import VMCSInspect

/// What is known about the processor, for the rules that need its capabilities (`check`, and
/// `explain` for the rules a recorded failure points to).
struct ProcessorOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("A processor profile: one NAME = VALUE per line (see the man page).", valueName: "FILE"),
        completion: .file())
    var cpu: String?

    @Option(name: .long, help: ArgumentHelp("The processor's physical-address width, 32 to 52.", valueName: "BITS"))
    var maxphyaddr: Int?

    func validate() throws {
        if let maxphyaddr, !(32...52).contains(maxphyaddr) { throw ValidationError("--maxphyaddr must be 32 to 52") }
    }

    /// The profile the options describe (the library reads the file).
    func profile() throws -> CapabilityProfile {
        try CheckCommand.profile(file: cpu, maxPhysicalAddress: maxphyaddr)
    }
}
