/// What `vmcs-inspect scan` is asked to do.
public struct ScanRequest: Sendable {
    /// The crash dump or memory image (`-` for standard input).
    public var path: String
    /// The name to print for it instead of its path (tests).
    public var displayName: String?
    /// What to look for, and where.
    public var options: ScanOptions

    /// A request scanning `path`.
    public init(path: String, displayName: String? = nil, options: ScanOptions = ScanOptions()) {
        self.path = path
        self.displayName = displayName
        self.options = options
    }
}

/// Library entry point of `scan`, and what `show DUMP` lists without an address.
public enum ScanCommand {
    /// Opens the dump (any file that is no known format is a raw memory image) and scans it;
    /// `progress` is called now and then with the bytes scanned so far.
    public static func scan(_ request: ScanRequest, progress: ((UInt64) -> Void)? = nil) throws -> ScanResult {
        let name = request.displayName ?? (request.path == "-" ? "<stdin>" : request.path)
        guard let memory = try MemoryImage.open(path: request.path, name: name, rawFallback: true) else {
            throw InspectError(SourceLocation(file: name), "not a crash dump or memory image")
        }
        let result = try Scanner.scan(memory, options: request.options, progress: progress)
        // A file of no dump format is a raw image; one too short to hold a page from its start
        // is empty or a small file of something else, and scanning "0 pages" would hide that.
        if memory is RawImage, result.pagesScanned == 0, request.options.lowest < UInt64(PageDecoder.pageSize) {
            throw InspectError(
                SourceLocation(file: name),
                "holds no whole 4 KiB page: scan reads crash dumps and memory images (show reads a log, a hex dump or a page)")
        }
        return result
    }

    /// Scans each dump and renders what it found.
    public static func run(_ requests: [ScanRequest], to renderer: any DocumentRenderer, progress: ((UInt64) -> Void)? = nil) throws
        -> CommandOutcome
    {
        // Every dump is scanned before anything is written: a dump that cannot be read leaves
        // standard output empty.
        let results = try requests.map { try scan($0, progress: progress) }
        renderer.begin(.scan)
        for result in results { renderer.render(.scan(ScanNode(result: result, showsHint: false))) }
        renderer.end()
        return CommandOutcome()
    }
}
