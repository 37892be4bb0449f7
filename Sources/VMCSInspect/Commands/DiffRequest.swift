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
        var pairs: [(Snapshot, Snapshot, Int, Int)] = []
        var warnings: [InputWarning] = []
        func name(_ index: Int) -> String? { request.displayNames.indices.contains(index) ? request.displayNames[index] : nil }
        switch request.inputs.count {
        case 1:
            guard let reference = request.inputs.first else { throw InspectError.usage("diff needs one or two inputs") }
            let loaded = try request.settings.load(reference, displayName: name(0))
            warnings += loaded.warnings
            guard loaded.snapshots.count >= 2 else {
                throw InspectError.usage(
                    "\(reference.displayName) holds \(loaded.snapshots.count) dump\(loaded.snapshots.count == 1 ? "" : "s"): give a second input to compare with"
                )
            }
            for (a, b) in zip(loaded.snapshots, loaded.snapshots.dropFirst()) {
                pairs.append((a, b, loaded.snapshots.count, loaded.snapshots.count))
            }
        case 2:
            let a = try request.settings.snapshot(request.inputs[0], displayName: name(0))
            let b = try request.settings.snapshot(request.inputs[1], displayName: name(1))
            warnings += a.warnings + b.warnings
            pairs.append((a.snapshot, b.snapshot, a.total, b.total))
        default:
            throw InspectError.usage("diff takes one or two inputs, not \(request.inputs.count)")
        }
        var diffs: [SnapshotDiff] = []
        var totals: [(Int, Int)] = []
        var options = request.options
        for (a, b, aTotal, bTotal) in pairs {
            guard let old = Decoder.decode(a), let new = Decoder.decode(b) else { continue }
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
            totals.append((aTotal, bTotal))
        }
        let output: String
        if request.json {
            output = DiffJSONRenderer(options: options).render(diffs)
        } else {
            let renderer = DiffTextRenderer(options: options)
            output = zip(diffs, totals).map { renderer.render($0, oldTotal: $1.0, newTotal: $1.1) }.joined(separator: "\n")
        }
        return DiffResult(output: output, differences: diffs.contains { $0.hasDifferences }, warnings: warnings)
    }
}
