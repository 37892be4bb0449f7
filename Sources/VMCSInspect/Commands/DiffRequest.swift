/// What `vmcs-inspect diff` is asked to do.
public struct DiffRequest: Sendable {
    /// One input (its consecutive dumps are compared) or two.
    public var inputs: [InputReference]
    public var settings: InputSettings
    /// Display names for the inputs, when they differ from the paths (tests).
    public var displayNames: [String?]
    /// Field names in any spelling to leave out of the comparison.
    public var ignore: [String]
    public var groups: [String]
    public var json: Bool
    public var options: RenderOptions

    public init(
        inputs: [InputReference], settings: InputSettings = InputSettings(), displayNames: [String?] = [], ignore: [String] = [],
        groups: [String] = [], json: Bool = false, options: RenderOptions = RenderOptions()
    ) {
        self.inputs = inputs
        self.settings = settings
        self.displayNames = displayNames
        self.ignore = ignore
        self.groups = groups
        self.json = json
        self.options = options
    }
}

/// The comparison's text and whether anything differed (for the exit status, as diff(1)).
public struct DiffResult: Sendable {
    public let output: String
    public let differences: Bool
    public let warnings: [InputWarning]
}

/// Library entry point of `diff`.
public enum Diff {
    public static func run(_ request: DiffRequest) throws -> DiffResult {
        var pairs: [(Snapshot, Snapshot)] = []
        var warnings: [InputWarning] = []
        func name(_ index: Int) -> String? { request.displayNames.indices.contains(index) ? request.displayNames[index] : nil }
        switch request.inputs.count {
        case 1:
            guard let reference = request.inputs.first else { throw InspectError.usage("diff needs one or two inputs") }
            // Consecutive dumps of one input: only two are held at a time.
            let reader = try reference.open(request.settings, displayName: name(0))
            var previous = try reader.next()
            while let next = try reader.next() {
                if let old = previous { pairs.append((old, next)) }
                previous = next
            }
            warnings += reader.warnings
            guard !pairs.isEmpty else {
                throw InspectError.usage(
                    "\(reference.displayName) holds \(reader.count) dump\(reader.count == 1 ? "" : "s"): give a second input to compare with"
                )
            }
        case 2:
            var a = try SnapshotSelection(request.inputs[0], settings: request.settings, displayName: name(0))
            var b = try SnapshotSelection(request.inputs[1], settings: request.settings, displayName: name(1))
            pairs.append((try a.only(), try b.only()))
            warnings += a.reader.warnings + b.reader.warnings
        default:
            throw InspectError.usage("diff takes one or two inputs, not \(request.inputs.count)")
        }
        var diffs: [SnapshotDiff] = []
        var options = request.options
        for (a, b) in pairs {
            let old = Decoder.decode(a)
            let new = Decoder.decode(b)
            let catalog = old.catalog
            let ignored = try Set(
                request.ignore.map { spelling -> String in
                    guard let field = catalog.lookup(spelling) else {
                        throw InspectError.usage("unknown \(catalog.architecture.structureName) field '\(spelling)' in --ignore")
                    }
                    return field.id
                })
            options.groups = try request.groups.map { spelling in
                guard let group = catalog.group(id: spelling) else {
                    throw InspectError.usage("unknown group '\(spelling)' (groups: \(catalog.groups.map(\.id).joined(separator: ", ")))")
                }
                return group.id
            }
            diffs.append(try SnapshotDiff.compare(old, new, ignoring: ignored))
        }
        let output: String
        if request.json {
            output = DiffJSONRenderer(options: options).render(diffs)
        } else {
            let renderer = DiffTextRenderer(options: options)
            output = diffs.map { renderer.render($0) }.joined(separator: "\n")
        }
        return DiffResult(output: output, differences: diffs.contains { $0.hasDifferences }, warnings: warnings)
    }
}
