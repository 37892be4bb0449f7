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
            let chosen = try settings.selected(reference, displayName: request.displayName)
            let texts = chosen.snapshots.compactMap { snapshot -> String? in
                guard let decoded = Decoder.decode(snapshot) else { return nil }
                var heading = "\(snapshot.architecture.structureName) \(snapshot.source)"
                if chosen.total > 1 { heading += " [\(snapshot.index)]" }
                return heading + ":\n" + body(decoded, profile: request.profile)
            }
            return (texts.joined(separator: "\n"), chosen.warnings)
        case .numbers(let architecture, let values):
            var snapshot = Snapshot(
                architecture: architecture, source: "numbers", format: .fields, location: SourceLocation(file: "numbers"))
            for (id, value) in values { snapshot.values[id] = .integer(value) }
            guard let decoded = Decoder.decode(snapshot) else { return ("", []) }
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
