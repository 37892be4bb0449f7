/// What `vmcs-inspect show` is asked to do.
public struct ShowRequest: Sendable {
    public var path: String
    public var displayName: String?
    /// Format, page offset and VMCS layout.
    public var settings: InputSettings
    /// Only the dump at this index of a multi-dump log.
    public var index: Int?
    public var json: Bool
    /// Group names or ids as the user typed them.
    public var groups: [String]
    /// Field names in any spelling.
    public var fields: [String]
    public var options: RenderOptions

    public init(
        path: String, displayName: String? = nil, settings: InputSettings = InputSettings(), index: Int? = nil, json: Bool = false,
        groups: [String] = [], fields: [String] = [], options: RenderOptions = RenderOptions()
    ) {
        self.path = path
        self.displayName = displayName
        self.settings = settings
        self.index = index
        self.json = json
        self.groups = groups
        self.fields = fields
        self.options = options
    }
}

/// The text `show` prints and the warnings met on the way.
public struct ShowResult: Sendable {
    public let output: String
    public let warnings: [InputWarning]
}

/// Library entry point of `show`.
public enum Show {
    public static func run(_ request: ShowRequest) throws -> ShowResult {
        var request = request
        let (path, index) = try InputReference.parse(request.path, index: request.index)
        request.index = index
        let address = InputReference.parse(request.path).physicalAddress
        if address == nil, request.settings.physicalAddress == nil, request.settings.offset == nil, request.settings.format == nil,
            MemoryImage.recognise(path: path) != nil
        {
            // A crash dump without an address: what scan finds in it, and how to name a page.
            let scan = try Scan.run(ScanRequest(path: path, displayName: request.displayName, options: ScanOptions(layout: try request.settings.layout.map { try InputLoader.layout(named: $0) })))
            return ShowResult(output: Scan.listing(scan.result), warnings: [])
        }
        let loaded = try request.settings.load(
            InputReference(path: path, physicalAddress: address), displayName: request.displayName)
        return try render(loaded, request)
    }

    /// Renders loaded snapshots as the request asks.
    public static func render(_ loaded: LoadedInput, _ request: ShowRequest) throws -> ShowResult {
        let snapshots = try loaded.snapshots(at: request.index)
        let decoded = snapshots.compactMap { Decoder.decode($0) }
        guard let catalog = decoded.first?.catalog else { return ShowResult(output: "", warnings: loaded.warnings) }
        var options = request.options
        options.groups = try request.groups.map { name in
            guard let group = catalog.group(id: name) else {
                let known = catalog.groups.map(\.id).joined(separator: ", ")
                throw InspectError.usage("unknown group '\(name)' (groups: \(known))")
            }
            return group.id
        }
        options.fields = try request.fields.map { name in
            guard let field = catalog.lookup(name) else {
                throw InspectError.usage(
                    "unknown \(catalog.architecture.structureName) field '\(name)' (give a Linux name, "
                        + (catalog.architecture == .svm
                            ? "an APM name or an offset such as 0x070)" : "an SDM name or an encoding such as 0x681e)")
                )
            }
            return field.id
        }
        let output: String
        if request.json {
            output = JSONRenderer(options: options).render(decoded)
        } else {
            let renderer = TextRenderer(options: options)
            output = decoded.map { renderer.render($0, total: loaded.snapshots.count) }.joined(separator: "\n")
        }
        return ShowResult(output: output, warnings: loaded.warnings)
    }
}
