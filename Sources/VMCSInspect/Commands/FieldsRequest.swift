/// What `vmcs-inspect fields` is asked to do.
public struct FieldsRequest: Sendable {
    /// Keep the fields whose names contain this; nil or empty for every field.
    public var pattern: String?
    /// The catalogs to list, in order.
    public var architectures: [Architecture]

    /// A request listing the fields of `architectures` matching `pattern`.
    public init(pattern: String? = nil, architectures: [Architecture] = [.vmx, .svm]) {
        self.pattern = pattern
        self.architectures = architectures
    }
}

/// Library entry point of `fields`: the catalog, filtered by a pattern.
public enum FieldsCommand {
    /// Fields whose id, names, title or place contain the pattern (case-insensitive; spaces,
    /// underscores, hyphens and dots ignored), and the 64-bit VMCS field whose upper half the
    /// pattern names exactly (`IO_BITMAP_A_HIGH`, `0x2001`: SDM Vol. 3 section 25.11.2).
    public static func matching(_ pattern: String?, in catalog: Catalog) -> [FieldDefinition] {
        guard let pattern, !pattern.isEmpty else { return catalog.fields }
        let wanted = FieldName.normalize(pattern)
        let high = catalog.resolve(pattern).flatMap { $0.isHighHalf ? $0.field.id : nil }
        return catalog.fields.filter { field in
            field.id == high || (field.spellings + [field.title, field.place]).contains { FieldName.normalize($0).contains(wanted) }
        }
    }

    /// Renders one table per catalog with a match; the answer is "no" when nothing matches.
    public static func run(_ request: FieldsRequest, to renderer: any DocumentRenderer) -> CommandOutcome {
        var outcome = CommandOutcome()
        renderer.begin(.fields)
        var found = 0
        for architecture in request.architectures {
            let catalog = Catalog.forArchitecture(architecture)
            let fields = matching(request.pattern, in: catalog)
            guard !fields.isEmpty else { continue }
            found += fields.count
            renderer.render(.fieldTable(FieldTableNode(catalog, fields: fields)))
        }
        renderer.end()
        outcome.answerIsNo = found == 0
        return outcome
    }
}
