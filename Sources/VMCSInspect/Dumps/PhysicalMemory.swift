#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A crash dump or memory image seen as guest-physical memory: 4 KiB pages by address.
///
/// Pages a dump does not hold (holes between segments, pages makedumpfile filtered out) are
/// absent: reading one is an error naming the address, never a page of zeros.
public protocol PhysicalMemory: AnyObject {
    /// The dump's display name, for messages.
    var name: String { get }
    /// What the file is, in words: `ELF core`, `kdump-compressed (zlib)`, `gzip-compressed raw memory image`.
    var formatName: String { get }
    /// The 4096 bytes at guest-physical `address`; an `InspectError` located at the address when
    /// any of them is not in the dump.
    func page(at address: UInt64) throws -> [UInt8]
    /// Calls `visit` with runs of whole present pages at 4 KiB-aligned addresses between `lowest`
    /// and `highest` (inclusive), each run's bytes a multiple of 4096, in the order the file holds
    /// them; each address at most once. Memory use does not depend on the dump's size.
    func walk(from lowest: UInt64, through highest: UInt64, _ visit: (UInt64, UnsafeRawBufferPointer) throws -> Void) throws
}

/// The page size of every dump this package reads (x86).
let dumpPageSize = 4096

/// How big a run `walk` hands out at most.
let walkChunkSize = 4 << 20

/// Opening crash dumps and memory images, and turning their pages into snapshots.
public enum MemoryImage {
    /// Opens `path` (`-` for standard input) when it is a dump or image this package recognises:
    /// an ELF core, a kdump-compressed or flattened file, a LiME capture, or a gzip copy of any
    /// of them; nil when its first bytes say none of these. With `rawFallback`, a file that is
    /// none of them is taken as a raw physical-memory image (pmemsave, a memory-backend file)
    /// whose byte N is address N. `interrupt` is asked before each read of data that is read
    /// forward (gzip, standard input), which may be long: Ctrl-C in the shell.
    public static func open(
        path: String, name: String? = nil, rawFallback: Bool = false, interrupt: InterruptCheck? = nil
    ) throws -> (any PhysicalMemory)? {
        let display = name ?? (path == "-" ? "<stdin>" : path)
        let file = try FileSource(path: path, name: display)
        func forward(_ source: any ByteSource) -> any ByteSource {
            interrupt.map { InterruptibleSource(source, interrupt: $0) } ?? source
        }
        if file.size != nil {
            let bytes = DumpBytes(file: file)
            var head = [UInt8](repeating: 0, count: 64)
            let got = try head.withUnsafeMutableBytes { try bytes.read(at: 0, into: $0) }
            head = Array(head.prefix(got))
            if head.starts(with: [0x1f, 0x8b]) {
                let reopen = { () throws -> any ByteSource in
                    try GzipSource(forward(FileSource(path: path, name: display)))
                }
                return try openStream(try reopen(), reopen: reopen, name: display, gzip: true, rawFallback: rawFallback)
            }
            if KdumpCore.recognises(head) {
                return try KdumpCore(file: try OwnedFile(path: path, name: display), name: display, formatPrefix: "")
            }
            return try open(bytes, head: head, name: display, gzip: false, rawFallback: rawFallback)
        }
        // Standard input or a pipe: one pass, forward only.
        let peekable = PeekableSource(forward(file))
        let head = try peekable.peek(2)
        if head == [0x1f, 0x8b] {
            return try openStream(try GzipSource(peekable), reopen: nil, name: display, gzip: true, rawFallback: rawFallback)
        }
        return try openStream(peekable, reopen: nil, name: display, gzip: false, rawFallback: rawFallback)
    }

    /// The dump format a file's first bytes name (`ELF core`, `gzip-compressed kdump-compressed`),
    /// or nil when they name none; reads at most a few kilobytes. Standard input is never looked at.
    public static func recognise(path: String) -> String? {
        // Only regular files are looked at, and stat(2) says which without opening: opening a
        // FIFO waits for its writer, and closing it again leaves the writer without a reader,
        // so the input that was to be read would be lost.
        var status = stat()
        guard path != "-", stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        guard let file = try? FileSource(path: path, name: path), file.size != nil else { return nil }
        var head = [UInt8](repeating: 0, count: 64)
        guard let got = try? head.withUnsafeMutableBytes({ try file.read(at: 0, into: $0) }) else { return nil }
        head = Array(head.prefix(got))
        var prefix = ""
        if head.starts(with: [0x1f, 0x8b]) {
            guard let inner = try? GzipSource(FileSource(path: path, name: path)) else { return nil }
            var unpacked = [UInt8](repeating: 0, count: 64)
            guard let count = try? unpacked.withUnsafeMutableBytes({ try inner.read(into: $0) }) else { return nil }
            head = Array(unpacked.prefix(count))
            prefix = "gzip-compressed "
        }
        if ELFCore.recognises(head) { return prefix + "ELF core" }
        if LiMEImage.recognises(head) { return prefix + "LiME capture" }
        if KdumpCore.recognises(head) { return prefix + "kdump-compressed" }
        if FlattenedDump.recognises(head) { return prefix + "flattened kdump-compressed" }
        return nil
    }

    private static func openStream(
        _ source: any ByteSource, reopen: (() throws -> any ByteSource)?, name: String, gzip: Bool, rawFallback: Bool
    ) throws -> (any PhysicalMemory)? {
        let peekable = PeekableSource(source)
        let head = try peekable.peek(64)
        let bytes = DumpBytes(
            stream: peekable,
            reopen: reopen.map { reopen in { PeekableSource(try reopen()) } })
        return try open(bytes, head: head, name: name, gzip: gzip, rawFallback: rawFallback)
    }

    private static func open(_ bytes: DumpBytes, head: [UInt8], name: String, gzip: Bool, rawFallback: Bool) throws -> (any PhysicalMemory)?
    {
        let prefix = gzip ? "gzip-compressed " : ""
        if ELFCore.recognises(head) {
            return try ELFCore(bytes, formatName: prefix + "ELF core")
        }
        if LiMEImage.recognises(head) {
            return try LiMEImage(bytes, formatName: prefix + "LiME capture")
        }
        if KdumpCore.recognises(head) {
            // libkdumpfile needs a file it can seek in: a stream is copied to an unlinked scratch file.
            let copy = try OwnedFile.scratch(name: name)
            try FlattenedDump.copy(bytes, to: copy)
            return try KdumpCore(file: copy, name: name, formatPrefix: prefix)
        }
        if FlattenedDump.recognises(head) {
            let rearranged = try OwnedFile.scratch(name: name)
            let carried = try FlattenedDump.rearrange(bytes, into: rearranged)
            return try KdumpCore(file: rearranged, name: name, formatPrefix: prefix + "flattened ", carried: carried)
        }
        guard rawFallback else { return nil }
        // An ELF file that is no core is not memory either.
        if let error = ELFCore.notACore(head, name: name) { throw error }
        return RawImage(bytes, formatName: prefix + "raw memory image")
    }

    /// The snapshot of the page at `address`: a VMCB, an SEV-ES save area, KVM's vmcs12 or a
    /// Hyper-V enlightened VMCS as the page's contents say (see `PageClassifier`), or as
    /// `layout` says for a VMCS. Its location is the physical address, its container the dump's
    /// format. A page that shows no kind (no VMCB's marks, no built-in layout's revision
    /// identifier, nothing the classifier names) is refused, as a raw page is, unless
    /// `asVMCB` (`--format raw`) says to read it as a VMCB anyway.
    public static func snapshot(of memory: any PhysicalMemory, at address: UInt64, layout: PageLayout?, asVMCB: Bool = false) throws -> Snapshot {
        let page = try memory.page(at: address)
        let location = SourceLocation(file: memory.name, .physical(address))
        var snapshot: Snapshot
        let best = layout == nil ? PageClassifier.best(page, address: address) : nil
        if layout == nil, !asVMCB, best == nil || best?.kind == .vmcsRegion, PageDecoder.kindEvidence(page) == nil {
            throw PageDecoder.unknownKind(page, location: location, format: .raw)
        }
        let producer = memory.formatName
        switch best?.kind {
        case .vmsa:
            snapshot = PageDecoder.snapshot(page, layout: .vmsa, source: memory.name, format: .raw, producer: producer, location: location)
        case .evmcs:
            snapshot = PageDecoder.snapshot(
                page, layout: .vmcs(.enlightenedVMCS), source: memory.name, format: .raw, producer: producer, location: location)
        case .vmcbHostSave:
            snapshot = PageDecoder.snapshot(page, layout: nil, source: memory.name, format: .raw, producer: producer, location: location)
            snapshot.pageNotes.append("a host-save area (VM_HSAVE_PA): the host's state in the save-area layout, no control area")
        default:
            snapshot = PageDecoder.snapshot(page, layout: layout, source: memory.name, format: .raw, producer: producer, location: location)
        }
        snapshot.container = memory.formatName
        return snapshot
    }

    /// Loads the page at `address` of the dump at `path` as an input, for `--phys` and
    /// `FILE@0xADDR`: any file that is no known dump format is a raw memory image.
    public static func load(
        path: String, name: String, address: UInt64, layout: PageLayout?, asVMCB: Bool = false, interrupt: InterruptCheck? = nil
    ) throws -> Snapshot {
        guard let memory = try open(path: path, name: name, rawFallback: true, interrupt: interrupt) else {
            throw InspectError(SourceLocation(file: name), "not a crash dump or memory image")
        }
        return try snapshot(of: memory, at: address, layout: layout, asVMCB: asVMCB)
    }
}
