/// What `vmcs-inspect diff` is asked to do.
public struct DiffRequest: Sendable, NamedInputs {
    /// One input (its consecutive dumps are compared) or two.
    public var inputs: [InputReference]
    /// How the inputs are read.
    public var settings: InputSettings
    /// Display names for the inputs, when they differ from the paths (tests).
    public var displayNames: [String?]
    /// Fields (`FIELD`) and bits (`FIELD.BIT`) in any spelling to leave out of the comparison.
    public var ignore: [String]
    /// Group names or ids: compare only these.
    public var groups: [String]
    /// Show unchanged fields too.
    public var showAll: Bool

    /// A request comparing `inputs`.
    public init(
        inputs: [InputReference], settings: InputSettings = InputSettings(), displayNames: [String?] = [], ignore: [String] = [],
        groups: [String] = [], showAll: Bool = false
    ) {
        self.inputs = inputs
        self.settings = settings
        self.displayNames = displayNames
        self.ignore = ignore
        self.groups = groups
        self.showAll = showAll
    }
}

/// Library entry point of `diff`.
public enum DiffCommand {
    /// Compares the inputs and renders each comparison; the answer is "no" when anything
    /// differs (as diff(1)).
    public static func run(_ request: DiffRequest, to renderer: any DocumentRenderer) throws -> CommandOutcome {
        var relay = WarningRelay()
        var outcome = CommandOutcome()
        renderer.begin(.diff)
        switch request.inputs.count {
        case 1:
            guard let reference = request.inputs.first else { throw InspectError.usage("diff needs one or two inputs") }
            // Consecutive dumps of one input, compared as they are read: two are held at a time.
            var selection = try SnapshotSelection(reference, settings: request.settings, displayName: request.displayName(0))
            var previous = try selection.next()
            var compared = 0
            while let next = try selection.next() {
                if let old = previous {
                    outcome.answerIsNo = try render(compare(old, next, request), request, to: renderer) || outcome.answerIsNo
                    compared += 1
                }
                previous = next
                relay.relay(selection.reader, to: renderer)
            }
            relay.relay(selection.reader, to: renderer)
            guard compared > 0 else {
                let count = selection.reader.count
                throw InspectError.usage(
                    "\(reference.displayName) holds \(count) dump\(count == 1 ? "" : "s"): give a second input to compare with")
            }
        case 2:
            if request.inputs[0].path == "-", request.inputs[1].path == "-" {
                throw InspectError.usage("standard input can be read once: give one of the two inputs as a file")
            }
            var a = try SnapshotSelection(request.inputs[0], settings: request.settings, displayName: request.displayName(0))
            var b = try SnapshotSelection(request.inputs[1], settings: request.settings, displayName: request.displayName(1))
            let old = try a.only()
            let new = try b.only()
            relay.relay(a.reader, to: renderer)
            relay.relay(b.reader, to: renderer)
            outcome.answerIsNo = try render(compare(old, new, request), request, to: renderer)
        default:
            throw InspectError.usage("diff takes one or two inputs, not \(request.inputs.count)")
        }
        renderer.end()
        outcome.warnings = relay.warnings
        return outcome
    }

    /// The two snapshots compared, leaving out what `--ignore` names.
    static func compare(_ a: Snapshot, _ b: Snapshot, _ request: DiffRequest) throws -> SnapshotDiff {
        let old = Decoder.decode(a)
        let new = Decoder.decode(b)
        var fields = Set<String>()
        var bits = Set<String>()
        for spelling in request.ignore.flatMap(Self.list) {
            let target = try FieldSelection.resolveTarget(spelling, in: old.catalog, what: "--ignore")
            if let bit = target.bit {
                for row in old.catalog.bits(named: bit, of: target.field) { bits.insert(target.field.bitID(row)) }
            } else {
                fields.insert(target.field.id)
            }
        }
        return try SnapshotDiff.compare(old, new, ignoring: fields, ignoringBits: bits)
    }

    /// Renders one comparison; true when it found a difference.
    static func render(_ diff: SnapshotDiff, _ request: DiffRequest, to renderer: any DocumentRenderer) throws -> Bool {
        let groups = try request.groups.map { try FieldSelection.resolveGroup($0, in: diff.old.catalog).id }
        renderer.render(.comparison(ComparisonNode(diff, groups: groups, showAll: request.showAll)))
        return diff.hasDifferences
    }

    /// `a,b,c` as three names (an option value may list several).
    static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }.filter { !$0.isEmpty }
    }
}
