/// What `vmcs-inspect fields` is asked to do.
public struct FieldsRequest: Sendable {
    /// Keep the fields whose names contain this; nil or empty for every field.
    public var pattern: String?
    /// The catalogs to list, in order; nil for both structures' (or, with an input, its own).
    public var architectures: [Architecture]?
    /// An input (`FILE`, `FILE@N`, `FILE@0xADDR`, `-`) whose snapshot's values the listing
    /// shows, each field held or absent; its architecture picks the catalog.
    public var input: String?
    /// How the input is read: format, page offset, layout, radix, physical address.
    public var settings: InputSettings
    /// The dump of a log with several (`--index N`).
    public var index: Int?

    /// A request listing the fields of `architectures` matching `pattern`, with the values
    /// `input` holds when one is named.
    public init(
        pattern: String? = nil, architectures: [Architecture]? = nil, input: String? = nil, settings: InputSettings = InputSettings(),
        index: Int? = nil
    ) {
        self.pattern = pattern
        self.architectures = architectures
        self.input = input
        self.settings = settings
        self.index = index
    }
}

/// Library entry point of `fields`: the catalog, filtered by a pattern.
public enum FieldsCommand {
    /// Fields whose id, names, title or place contain the pattern (case-insensitive; spaces,
    /// underscores, hyphens and dots ignored), and the 64-bit VMCS field whose upper half the
    /// pattern names exactly (`IO_BITMAP_A_HIGH`, `0x2001`: SDM Vol. 3 section 25.11.2). A
    /// pattern that matches no field but names a bit as `FIELD.BIT` (`guest.cr4.vmxe`, the ids
    /// `--field` takes) keeps the field holding that bit.
    public static func matching(_ pattern: String?, in catalog: Catalog) -> [FieldDefinition] {
        guard let pattern, !pattern.isEmpty else { return catalog.fields }
        let wanted = FieldName.normalize(pattern)
        let high = catalog.resolve(pattern).flatMap { $0.isHighHalf ? $0.field.id : nil }
        let found = catalog.fields.filter { field in
            field.id == high || (field.spellings + [field.title, field.place]).contains { FieldName.normalize($0).contains(wanted) }
        }
        if found.isEmpty, let target = catalog.target(pattern), let bit = target.bit, !catalog.bits(named: bit, of: target.field).isEmpty {
            return [target.field]
        }
        return found
    }

    /// Renders one table per catalog with a match; the answer is "no" when nothing matches.
    /// With an input, one table: the catalog of its snapshot's architecture, each field with
    /// the value the input holds or `absent`.
    public static func run(_ request: FieldsRequest, to renderer: any DocumentRenderer) throws -> CommandOutcome {
        var outcome = CommandOutcome()
        var snapshot: Snapshot?
        if let input = request.input {
            var selection = try SnapshotSelection(InputReference.parse(input, index: request.index), settings: request.settings)
            let only = try selection.only()
            if let wanted = request.architectures, !wanted.contains(only.architecture) {
                throw InspectError.usage(
                    "\(only.source) holds a \(only.architecture.structureName), not what --arch names")
            }
            snapshot = only
        }
        renderer.begin(.fields)
        var found = 0
        for architecture in snapshot.map({ [$0.architecture] }) ?? request.architectures ?? [.vmx, .svm] {
            let catalog = Catalog.forArchitecture(architecture)
            let fields = matching(request.pattern, in: catalog)
            guard !fields.isEmpty else { continue }
            found += fields.count
            if let snapshot {
                renderer.render(.fieldTable(FieldTableNode(catalog, fields: fields, holding: snapshot)))
            } else {
                renderer.render(.fieldTable(FieldTableNode(catalog, fields: fields)))
            }
        }
        renderer.end()
        outcome.answerIsNo = found == 0
        return outcome
    }
}
