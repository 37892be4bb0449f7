/// What `vmcs-inspect check` is asked to do.
public struct CheckRequest: Sendable, NamedInputs {
    /// The inputs as named on the command line (`FILE`, `FILE@N`, `-`).
    public var inputs: [String]
    /// Names to print for the inputs instead of their paths (tests), by position.
    public var displayNames: [String?]
    /// How the inputs are read.
    public var settings: InputSettings
    /// Only the dump at this index of each log.
    public var index: Int?
    /// List the undecided rules and what each needs (text; JSON always lists them).
    public var unknown: Bool
    /// What is known about the processor: `--cpu FILE` and `--maxphyaddr BITS`.
    public var profile: CapabilityProfile
    /// Check snapshots on the other cores while the input is read (the output is the same;
    /// false does everything on the calling thread).
    public var concurrent = true
    /// Snapshots per batch (tests make it small).
    var batchSize = OrderedBatches.batchSize

    /// A request checking `inputs`.
    public init(
        inputs: [String], displayNames: [String?] = [], settings: InputSettings = InputSettings(), index: Int? = nil, unknown: Bool = false,
        profile: CapabilityProfile = .empty
    ) {
        self.inputs = inputs
        self.displayNames = displayNames
        self.settings = settings
        self.index = index
        self.unknown = unknown
        self.profile = profile
    }

    /// A request checking one input.
    public init(
        path: String, displayName: String? = nil, settings: InputSettings = InputSettings(), index: Int? = nil, unknown: Bool = false,
        profile: CapabilityProfile = .empty
    ) {
        self.init(inputs: [path], displayNames: [displayName], settings: settings, index: index, unknown: unknown, profile: profile)
    }
}

/// Library entry point of `check`.
public enum CheckCommand {
    /// Runs the rules on every snapshot of every input, rendering each report as it completes;
    /// the answer is "no" when a rule the manual makes a VM-entry or VMRUN failure is broken.
    public static func run(_ request: CheckRequest, to renderer: any DocumentRenderer) throws -> CommandOutcome {
        var outcome = CommandOutcome()
        var relay = WarningRelay()
        try InputReference.checkOpenable(request.inputs, displayName: request.displayName)
        renderer.begin(.check)
        let headings = request.inputs.count > 1
        for (position, text) in request.inputs.enumerated() {
            let reference = try InputReference.parse(text, index: request.index)
            let displayName = request.displayName(position)
            var selection = try SnapshotSelection(reference, settings: request.settings, displayName: displayName)
            let reader = selection.reader
            let profile = request.profile
            let unknown = request.unknown
            // Snapshots are checked in batches on the other cores and rendered in reading
            // order, each followed by the warnings met up to it.
            try OrderedBatches.run(
                concurrent: request.concurrent, batchSize: request.batchSize,
                next: { () -> (Snapshot, Int)? in
                    guard let snapshot = try selection.next() else { return nil }
                    return (snapshot, reader.warnings.count)
                },
                work: { snapshot, warnings in
                    let report = Checker.run(Decoder.decode(snapshot), profile: profile)
                    return (CheckNode(report, listsUndecided: unknown, heading: headings), report.errors > 0, warnings)
                },
                emit: { node, broken, warnings in
                    if broken { outcome.answerIsNo = true }
                    renderer.render(.check(node))
                    relay.relay(reader, upTo: warnings, to: renderer)
                })
            relay.relay(selection.reader, to: renderer)
        }
        renderer.end()
        outcome.warnings = relay.warnings
        return outcome
    }

    /// Renders every rule: architecture, id, section, what it needs, and its text.
    public static func list(to renderer: any DocumentRenderer) {
        renderer.begin(.checkList)
        renderer.render(.ruleList(RuleListNode(rules: Checker.all)))
        renderer.end()
    }

    /// The processor profile `--cpu FILE` and `--maxphyaddr BITS` describe (the flag wins over
    /// the file's MAXPHYADDR line).
    public static func profile(file: String?, maxPhysicalAddress: Int?) throws -> CapabilityProfile {
        var profile = try file.map { try CapabilityProfile.load(path: $0) } ?? CapabilityProfile()
        if let maxPhysicalAddress {
            guard (32...52).contains(maxPhysicalAddress) else {
                throw InspectError.usage("--maxphyaddr must be 32 to 52, found \(maxPhysicalAddress)")
            }
            profile.explicitMaxPhysicalAddress = maxPhysicalAddress
        }
        return profile
    }
}
