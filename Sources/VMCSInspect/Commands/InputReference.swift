#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A command request whose inputs may carry names to print instead of their paths (tests give
/// fixed names), by position on the command line.
protocol NamedInputs {
    var displayNames: [String?] { get }
}

extension NamedInputs {
    /// The display name given for input `position`, if any.
    func displayName(_ position: Int) -> String? {
        displayNames.indices.contains(position) ? displayNames[position] : nil
    }
}

/// An input as named on the command line: a path, optionally `@N` to pick the Nth dump (from 0)
/// of a log holding several, or `@0xADDR` to pick the page at guest-physical address ADDR of a
/// crash dump or memory image (only hex with `0x` is an address, so the two cannot clash). A
/// file whose name really ends in `@N` is taken as it is.
public struct InputReference: Sendable, Equatable {
    /// The file, `-` for standard input.
    public let path: String
    /// The dump of a log it names (`FILE@N`), from 0.
    public let index: Int?
    /// The guest-physical address of a page in a crash dump (`FILE@0xADDR`).
    public let physicalAddress: UInt64?

    /// A reference to `path`, its dump `index` or its page at `physicalAddress`.
    public init(path: String, index: Int? = nil, physicalAddress: UInt64? = nil) {
        self.path = path
        self.index = index
        self.physicalAddress = physicalAddress
    }

    /// The reference `text` names: `FILE`, `FILE@N`, `FILE@0xADDR` (a file that exists under the
    /// whole name is taken as it is).
    public static func parse(_ text: String) -> InputReference {
        guard let at = text.lastIndex(of: "@"), at != text.startIndex, access(text, F_OK) != 0 else {
            return InputReference(path: text)
        }
        let digits = text[text.index(after: at)...]
        let path = String(text[text.startIndex..<at])
        if digits.hasPrefix("0x") || digits.hasPrefix("0X"), let address = NumberText.hexDigits(digits.dropFirst(2)) {
            return InputReference(path: path, physicalAddress: address)
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let index = Int(digits) else { return InputReference(path: text) }
        return InputReference(path: path, index: index)
    }

    /// `FILE@N` for commands that also take `--index N`: the reference, with the index either
    /// names; naming it both ways differently is a usage error.
    public static func parse(_ text: String, index: Int?) throws -> InputReference {
        let reference = parse(text)
        if let index, let other = reference.index, index != other {
            throw InspectError.usage("'\(text)' and --index \(index) name different dumps; give one of them")
        }
        return InputReference(path: reference.path, index: reference.index ?? index, physicalAddress: reference.physicalAddress)
    }

    /// Fails as the first of `texts` that cannot be opened would, before a command prints
    /// anything: with several inputs, a mistyped path after the first leaves standard output
    /// empty (and a `--json` document is not left unfinished). `displayName` names position
    /// N's input in messages, as the commands do.
    public static func checkOpenable(_ texts: [String], displayName: (Int) -> String?) throws {
        guard texts.count > 1 else { return }
        for (position, text) in texts.enumerated() {
            let reference = parse(text)
            try FileSource.checkOpenable(path: reference.path, name: displayName(position) ?? reference.displayName)
        }
    }

    /// How the input is shown in output and messages: the path, or `<stdin>`.
    public var displayName: String { path == "-" ? "<stdin>" : path }

    /// The input opened for reading. A crash dump or memory image is read by page: the one
    /// `@0xADDR` or `--phys` names; without an address it is a usage error that says how to
    /// name one.
    public func open(_ settings: InputSettings, displayName: String? = nil, interrupt: InterruptCheck? = nil) throws -> SnapshotReader {
        let name = displayName ?? self.displayName
        if let address = physicalAddress ?? settings.physicalAddress {
            guard settings.offset == nil else { throw InspectError.usage("--offset and a physical address both name a page: give one") }
            // No x86 physical address is wider than 52 bits (SDM Vol. 3 section 4.1.4:
            // MAXPHYADDR is at most 52). Refused before a stream (/dev/zero) is read that far.
            guard address < 1 << 52 else {
                throw InspectError(
                    SourceLocation(file: name),
                    "physical address 0x\(String(address, radix: 16)) is wider than the 52 bits an x86 physical address has at most")
            }
            // VMPTRLD takes a 4 KiB-aligned VMCS pointer (SDM Vol. 3 section 25.1) and VMRUN a
            // 4 KiB-aligned VMCB (APM Vol. 2 section 15.5.1): a page elsewhere would be read shifted.
            guard address % UInt64(PageDecoder.pageSize) == 0 else {
                throw InspectError(
                    SourceLocation(file: name, .physical(address)),
                    "not on a 4 KiB page boundary: a VMCS or VMCB starts on one, so name a page by its first address (here 0x\(String(address & ~0xfff, radix: 16)))"
                )
            }
            let layout = try settings.layout.map { try PageLayout.resolve($0) }
            var snapshot = try MemoryImage.load(
                path: path, name: name, address: address, layout: layout, asVMCB: settings.format == .raw, interrupt: interrupt)
            // The header names the page as it is named again: `vmcore@0x7f3000`.
            snapshot.source = name + "@0x" + String(address, radix: 16)
            return SnapshotReader(snapshot: snapshot, name: snapshot.source, format: .raw)
        }
        if settings.offset == nil, settings.format == nil, let dump = MemoryImage.recognise(path: path) {
            throw InspectError.usage(
                "\(name) is a crash dump (\(dump)): name a page with --phys ADDR or \(name)@0xADDR (vmcs-inspect scan \(name) lists the candidates)"
            )
        }
        guard let interrupt else { return try SnapshotReader(path: path, displayName: name, settings: settings) }
        let source = InterruptibleSource(try FileSource(path: path, name: name), interrupt: interrupt)
        return try SnapshotReader(source: source, settings: settings)
    }
}

/// The snapshots an input reference names, read one at a time: the one at its `@N` (reading
/// stops there), or every one.
public struct SnapshotSelection {
    /// The opened input.
    public let reader: SnapshotReader
    /// What it was asked for.
    public let reference: InputReference
    private var done = false

    /// Opens the input `reference` names.
    public init(_ reference: InputReference, settings: InputSettings, displayName: String? = nil, interrupt: InterruptCheck? = nil) throws {
        self.reference = reference
        reader = try reference.open(settings, displayName: displayName, interrupt: interrupt)
        if let index = reference.index { reader.select(index: index) }
    }

    /// The next snapshot selected, or nil. For `@N` beyond the input's dumps, a usage error
    /// saying how many it holds.
    public mutating func next() throws -> Snapshot? {
        guard !done else { return nil }
        guard let index = reference.index else { return try reader.next() }
        while let snapshot = try reader.next() {
            if snapshot.index == index {
                done = true
                return snapshot
            }
        }
        done = true
        let count = reader.count
        throw InspectError.usage(
            "\(reference.displayName)@\(index): the input holds \(count) dump\(count == 1 ? "" : "s")\(count > 0 ? " (0 to \(count - 1))" : "")"
        )
    }

    /// True when the input holds (or, for `@N`, may hold) more than one dump, so headers
    /// number them.
    public var numbered: Bool { reference.index != nil || reader.count > 1 || reader.format.isLog }

    /// The one snapshot the reference names: its `@N`, or the input's only dump.
    public mutating func only() throws -> Snapshot {
        guard let first = try next() else {
            throw InspectError(SourceLocation(file: reader.name), "the input holds no dump")
        }
        if reference.index == nil, try reader.next() != nil {
            while try reader.next() != nil {}
            throw InspectError.usage(
                "\(reference.displayName) holds \(reader.count) dumps: name one as \(reference.path == "-" ? "-" : reference.displayName)@N (from 0)")
        }
        return first
    }
}
