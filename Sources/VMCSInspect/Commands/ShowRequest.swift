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

/// What `show` met on the way: the warnings of its input.
public struct ShowResult: Sendable {
    public let warnings: [InputWarning]
}

/// Library entry point of `show`.
public enum Show {
    /// Reads the input and hands the output to `write` a snapshot at a time, as each completes.
    public static func run(_ request: ShowRequest, write: (String) -> Void) throws -> ShowResult {
        let reference = try InputReference.parse(request.path, index: request.index)
        if reference.physicalAddress == nil, request.settings.physicalAddress == nil, request.settings.offset == nil,
            request.settings.format == nil, MemoryImage.recognise(path: reference.path) != nil
        {
            // A crash dump without an address: what scan finds in it, and how to name a page.
            let layout = try request.settings.layout.map { try VMCSLayout.resolve($0) }
            let scan = try Scan.run(ScanRequest(path: reference.path, displayName: request.displayName, options: ScanOptions(layout: layout)))
            write(Scan.listing(scan.result))
            return ShowResult(warnings: [])
        }
        var selection = try SnapshotSelection(reference, settings: request.settings, displayName: request.displayName)
        // A whole KVM trace: one row per event and counts, not a field listing per exit.
        if let summary = try TraceSummary.show(request, &selection, write: write) { return summary }
        var first = true
        var jsonOpen = false
        var lastOptions = request.options
        while let snapshot = try selection.next() {
            let decoded = Decoder.decode(snapshot)
            let options = try resolve(request, for: decoded.catalog)
            lastOptions = options
            if request.json {
                let renderer = JSONRenderer(options: options)
                write((jsonOpen ? ",\n" : renderer.opening()) + renderer.snapshot(decoded, indent: "    "))
                jsonOpen = true
            } else {
                let text = TextRenderer(options: options).render(decoded, numbered: snapshot.format.isLog)
                write((first ? "" : "\n") + text)
            }
            first = false
        }
        if request.json { write(jsonOpen ? JSONRenderer(options: lastOptions).closing() : JSONRenderer(options: lastOptions).render([])) }
        return ShowResult(warnings: selection.reader.warnings)
    }

    /// The render options with the request's groups and fields resolved in the catalog.
    static func resolve(_ request: ShowRequest, for catalog: Catalog) throws -> RenderOptions {
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
        return options
    }
}
