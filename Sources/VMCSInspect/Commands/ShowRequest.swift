/// What `vmcs-inspect show` is asked to do.
public struct ShowRequest: Sendable, NamedInputs {
    /// The inputs as named on the command line (`FILE`, `FILE@N`, `FILE@0xADDR`, `-`).
    public var inputs: [String]
    /// Names to print for the inputs instead of their paths (tests), by position.
    public var displayNames: [String?]
    /// Format, page offset, VMCS layout, radix, physical address.
    public var settings: InputSettings
    /// Only the dump at this index of each log (`--index N`).
    public var index: Int?
    /// Group names or ids as the user typed them.
    public var groups: [String]
    /// Field names (`FIELD` or `FIELD.BIT`) in any spelling.
    public var fields: [String]
    /// Show zero-valued fields too.
    public var showAll: Bool
    /// Which bits to list beneath each field.
    public var bits: BitDetail
    /// Decode snapshots on the other cores while the input is read (the output is the same;
    /// false does everything on the calling thread).
    public var concurrent = true
    /// Snapshots per batch (tests make it small).
    var batchSize = OrderedBatches.batchSize

    /// A request for `inputs`.
    public init(
        inputs: [String], displayNames: [String?] = [], settings: InputSettings = InputSettings(), index: Int? = nil, groups: [String] = [],
        fields: [String] = [], showAll: Bool = false, bits: BitDetail = .none
    ) {
        self.inputs = inputs
        self.displayNames = displayNames
        self.settings = settings
        self.index = index
        self.groups = groups
        self.fields = fields
        self.showAll = showAll
        self.bits = bits
    }

    /// A request for one input.
    public init(
        path: String, displayName: String? = nil, settings: InputSettings = InputSettings(), index: Int? = nil, groups: [String] = [],
        fields: [String] = [], showAll: Bool = false, bits: BitDetail = .none
    ) {
        self.init(
            inputs: [path], displayNames: [displayName], settings: settings, index: index, groups: groups, fields: fields, showAll: showAll,
            bits: bits)
    }
}

/// Library entry point of `show`: every snapshot of every input, decoded, rendered as it
/// completes (one snapshot's document at a time, so a 1 GB log streams in bounded memory).
public enum ShowCommand {
    /// Reads the inputs in turn and hands each snapshot to `renderer` as it completes.
    public static func run(_ request: ShowRequest, to renderer: any DocumentRenderer) throws -> CommandOutcome {
        try InputReference.checkOpenable(request.inputs, displayName: request.displayName)
        renderer.begin(.show)
        var relay = WarningRelay()
        // The selection is resolved once per catalog, on the first snapshot of its architecture.
        var selections: [Architecture: FieldSelection] = [:]
        for (position, text) in request.inputs.enumerated() {
            let reference = try InputReference.parse(text, index: request.index)
            let displayName = request.displayName(position)
            if let scan = try scanInstead(reference, settings: request.settings, displayName: displayName) {
                renderer.render(.scan(ScanNode(result: scan, showsHint: true)))
                continue
            }
            var selection = try SnapshotSelection(reference, settings: request.settings, displayName: displayName)
            if try traceListing(request, &selection, to: renderer, relay: &relay) { continue }
            let reader = selection.reader
            // Snapshots are decoded and their nodes built in batches on the other cores, and
            // rendered in reading order, each followed by the warnings met up to it.
            try OrderedBatches.run(
                concurrent: request.concurrent, batchSize: request.batchSize,
                next: { () -> (Snapshot, FieldSelection, Int)? in
                    guard let snapshot = try selection.next() else { return nil }
                    let fields: FieldSelection
                    if let known = selections[snapshot.architecture] {
                        fields = known
                    } else {
                        fields = try FieldSelection.resolve(
                            groups: request.groups, fields: request.fields, in: Catalog.forArchitecture(snapshot.architecture),
                            showAll: request.showAll, detail: request.bits)
                        selections[snapshot.architecture] = fields
                    }
                    return (snapshot, fields, reader.warnings.count)
                },
                work: { snapshot, fields, warnings in (SnapshotNode(Decoder.decode(snapshot), selection: fields), warnings) },
                emit: { node, warnings in
                    renderer.render(.snapshot(node))
                    relay.relay(reader, upTo: warnings, to: renderer)
                })
            relay.relay(selection.reader, to: renderer)
        }
        renderer.end()
        var outcome = CommandOutcome()
        outcome.warnings = relay.warnings
        return outcome
    }

    /// A crash dump or memory image named without an address: what `scan` finds in it, so the
    /// listing says how to name a page. Nil for every other input.
    static func scanInstead(_ reference: InputReference, settings: InputSettings, displayName: String?) throws -> ScanResult? {
        guard reference.physicalAddress == nil, settings.physicalAddress == nil, settings.offset == nil, settings.format == nil,
            MemoryImage.recognise(path: reference.path) != nil
        else { return nil }
        let layout = try settings.layout.map { try VMCSLayout.resolve($0) }
        return try ScanCommand.scan(ScanRequest(path: reference.path, displayName: displayName, options: ScanOptions(layout: layout)))
    }

    /// A whole KVM trace (no `@N`, `--group` or `--field`) is listed one row per event with the
    /// counts at the end, rows written as they are read; a trace holds hundreds of thousands of
    /// events, and `show FILE@N` decodes one exit in full. False when the input is not a trace
    /// or the request asks for decoded fields.
    static func traceListing(
        _ request: ShowRequest, _ selection: inout SnapshotSelection, to renderer: any DocumentRenderer, relay: inout WarningRelay
    ) throws -> Bool {
        guard selection.reference.index == nil, request.groups.isEmpty, request.fields.isEmpty,
            let trace = selection.reader.textReader as? KVMTraceReader
        else { return false }
        trace.collectsEvents = true
        // The heading waits for the first event: input that turns out to hold none is an
        // error, with nothing on standard output.
        var started = false
        func start() {
            guard !started else { return }
            started = true
            renderer.render(.traceHeading(TraceHeadingNode(source: selection.reader.name)))
        }
        var tally = TraceTally()
        func flush() {
            if !trace.events.isEmpty {
                start()
                renderer.render(.traceEvents(trace.events))
            }
            trace.events.removeAll(keepingCapacity: true)
            relay.relay(selection.reader, to: renderer)
        }
        while let snapshot = try selection.next() {
            tally.add(snapshot)
            flush()
        }
        flush()
        start()
        tally.finish(trace)
        renderer.render(.traceTally(tally))
        return true
    }
}
