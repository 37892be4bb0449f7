/// What `vmcs-inspect check` is asked to do.
public struct CheckRequest: Sendable {
    public var path: String
    /// The name to print for the input instead of its path.
    public var displayName: String?
    public var settings: InputSettings
    /// Only the dump at this index of a multi-dump log.
    public var index: Int?
    public var json: Bool
    public var options: RenderOptions

    public init(
        path: String, displayName: String? = nil, settings: InputSettings = InputSettings(), index: Int? = nil, json: Bool = false,
        options: RenderOptions = RenderOptions()
    ) {
        self.path = path
        self.displayName = displayName
        self.settings = settings
        self.index = index
        self.json = json
        self.options = options
    }
}

/// The text `check` prints, whether any error was found, and the input warnings.
public struct CheckResult: Sendable {
    public let output: String
    public let reports: [CheckReport]
    public let warnings: [InputWarning]

    /// True when a check found state the manual says VM entry or VMRUN rejects.
    public var hasErrors: Bool { reports.contains { $0.errors > 0 } }
}

/// Library entry point of `check`.
public enum CheckCommand {
    public static func run(_ request: CheckRequest) throws -> CheckResult {
        let (path, index) = try InputReference.parse(request.path, index: request.index)
        let address = InputReference.parse(request.path).physicalAddress
        let loaded = try request.settings.load(InputReference(path: path, physicalAddress: address), displayName: request.displayName)
        let snapshots = try loaded.snapshots(at: index)
        let reports = snapshots.compactMap { Decoder.decode($0) }.map { Checker.run($0) }
        let renderer = CheckRenderer(options: request.options)
        let output = request.json ? renderer.json(reports) : reports.map(renderer.text).joined()
        return CheckResult(output: output, reports: reports, warnings: loaded.warnings)
    }

    /// Every check: id, architecture, what it looks at, and where the rule is stated.
    public static func list() -> String {
        let width = Checker.all.map(\.id.count).max() ?? 0
        return Checker.all.map { check in
            "\(check.architecture.rawValue)  \(check.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(check.summary)\n"
                + String(repeating: " ", count: width + 7) + check.reference + "\n"
        }.joined()
    }
}
