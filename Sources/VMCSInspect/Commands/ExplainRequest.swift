/// What `vmcs-inspect explain` is asked to do: explain a snapshot, or a handful of numbers.
public struct ExplainRequest: Sendable {
    public enum Source: Sendable {
        /// A dump or page (`FILE` or `FILE@N`).
        case input(InputReference, InputSettings)
        /// Bare numbers, as field id → value, for one architecture.
        case numbers(Architecture, [String: UInt64])
    }

    public var source: Source
    public var displayName: String?
    /// What is known about the processor, for the rules a recorded failure points to.
    public var profile: CapabilityProfile

    public init(source: Source, displayName: String? = nil, profile: CapabilityProfile = .empty) {
        self.source = source
        self.displayName = displayName
        self.profile = profile
    }
}

/// Library entry point of `explain`.
public enum Explain {
    public static func run(_ request: ExplainRequest) throws -> (output: String, warnings: [InputWarning]) {
        switch request.source {
        case .input(let reference, let settings):
            var selection = try SnapshotSelection(reference, settings: settings, displayName: request.displayName)
            var texts: [String] = []
            while let snapshot = try selection.next() {
                var heading = "\(snapshot.architecture.structureName) \(snapshot.source)"
                if snapshot.format.isLog { heading += "@\(snapshot.index)" }
                texts.append(heading + ":\n" + body(Decoder.decode(snapshot), profile: request.profile))
            }
            return (texts.joined(separator: "\n"), selection.reader.warnings)
        case .numbers(let architecture, let values):
            var snapshot = Snapshot(
                architecture: architecture, source: "numbers", format: .fields, location: SourceLocation(file: "numbers"))
            for (id, value) in values { snapshot.values[id] = .integer(value) }
            let decoded = Decoder.decode(snapshot)
            // Bare numbers are not a guest state: no consistency rule applies to them.
            return (body(decoded, checkingState: false), [])
        }
    }

    static func body(_ decoded: DecodedSnapshot, checkingState: Bool = true, profile: CapabilityProfile = .empty) -> String {
        let sentences = Explainer.explain(decoded, checkingState: checkingState, profile: profile)
        if sentences.isEmpty { return "  The input holds no exit information to explain.\n" }
        return sentences.map { "  " + $0 + "\n" }.joined()
    }
}
