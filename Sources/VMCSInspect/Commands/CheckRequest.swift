/// What `vmcs-inspect check` is asked to do.
public struct CheckRequest: Sendable {
    public var path: String
    /// The name to print for the input instead of its path.
    public var displayName: String?
    public var settings: InputSettings
    /// Only the dump at this index of a multi-dump log.
    public var index: Int?
    public var json: Bool
    /// List the undecided rules and what each needs.
    public var unknown: Bool
    /// What is known about the processor: `--cpu FILE` and `--maxphyaddr BITS`.
    public var profile: CapabilityProfile
    public var options: RenderOptions

    public init(
        path: String, displayName: String? = nil, settings: InputSettings = InputSettings(), index: Int? = nil, json: Bool = false,
        unknown: Bool = false, profile: CapabilityProfile = .empty, options: RenderOptions = RenderOptions()
    ) {
        self.path = path
        self.displayName = displayName
        self.settings = settings
        self.index = index
        self.json = json
        self.unknown = unknown
        self.profile = profile
        self.options = options
    }
}

/// The text `check` prints, whether any error was found, and the input warnings.
public struct CheckResult: Sendable {
    public let output: String
    public let reports: [CheckReport]
    public let warnings: [InputWarning]

    /// True when a rule the manual makes a VM-entry or VMRUN failure is broken.
    public var hasErrors: Bool { reports.contains { $0.errors > 0 } }
}

/// Library entry point of `check`.
public enum CheckCommand {
    public static func run(_ request: CheckRequest) throws -> CheckResult {
        let reference = try InputReference.parse(request.path, index: request.index)
        var selection = try SnapshotSelection(reference, settings: request.settings, displayName: request.displayName)
        var reports: [CheckReport] = []
        while let snapshot = try selection.next() {
            reports.append(Checker.run(Decoder.decode(snapshot), profile: request.profile))
        }
        let renderer = CheckRenderer(options: request.options)
        let output = request.json ? renderer.json(reports) : reports.map { renderer.text($0, unknown: request.unknown) }.joined()
        return CheckResult(output: output, reports: reports, warnings: selection.reader.warnings)
    }

    /// Every rule: architecture, id, section, what it needs, and its text.
    public static func list(json: Bool = false) -> String {
        json ? CheckRenderer.listJSON(Checker.all) : CheckRenderer.listText(Checker.all)
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
