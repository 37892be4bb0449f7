import Foundation

/// An input as named on the command line: a path, optionally `@N` to pick the Nth dump (from 0)
/// of a log holding several, or `@0xADDR` to pick the page at guest-physical address ADDR of a
/// crash dump or memory image (only hex with `0x` is an address, so the two cannot clash). A
/// file whose name really ends in `@N` is taken as it is.
public struct InputReference: Sendable, Equatable {
    public let path: String
    public let index: Int?
    /// The guest-physical address of a page in a crash dump (`FILE@0xADDR`).
    public let physicalAddress: UInt64?

    public init(path: String, index: Int? = nil, physicalAddress: UInt64? = nil) {
        self.path = path
        self.index = index
        self.physicalAddress = physicalAddress
    }

    public static func parse(_ text: String) -> InputReference {
        guard let at = text.lastIndex(of: "@"), at != text.startIndex, !FileManager.default.fileExists(atPath: text) else {
            return InputReference(path: text)
        }
        let digits = text[text.index(after: at)...]
        let path = String(text[text.startIndex..<at])
        if digits.lowercased().hasPrefix("0x"), let address = UInt64(digits.dropFirst(2), radix: 16) {
            return InputReference(path: path, physicalAddress: address)
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber), let index = Int(digits) else { return InputReference(path: text) }
        return InputReference(path: path, index: index)
    }

    /// `FILE@N` for commands that also take `--index N`: the path, and the index either names;
    /// naming it both ways is a usage error.
    public static func parse(_ text: String, index: Int?) throws -> (path: String, index: Int?) {
        let reference = parse(text)
        if let index, let other = reference.index, index != other {
            throw InspectError.usage("'\(text)' and --index \(index) name different dumps; give one of them")
        }
        return (reference.path, reference.index ?? index)
    }

    /// How the input is shown in output and messages.
    public var displayName: String {
        let name = path == "-" ? "<stdin>" : path
        return physicalAddress.map { name + "@0x" + String($0, radix: 16) } ?? name
    }
}

/// What every command needs to read its inputs.
public struct InputSettings: Sendable {
    public var format: InputFormat?
    public var offset: Int?
    /// A built-in layout name or a layout file, for raw VMCS pages.
    public var layout: String?
    /// `--phys`: the guest-physical address of the page to read from a crash dump or memory
    /// image, for every input that does not name its own with `FILE@0xADDR`.
    public var physicalAddress: UInt64?

    public init(format: InputFormat? = nil, offset: Int? = nil, layout: String? = nil, physicalAddress: UInt64? = nil) {
        self.format = format
        self.offset = offset
        self.layout = layout
        self.physicalAddress = physicalAddress
    }

    /// Loads an input with these settings.
    public func load(_ reference: InputReference, displayName: String? = nil) throws -> LoadedInput {
        let layout = try self.layout.map { try InputLoader.layout(named: $0) }
        // Crash dumps and memory images: a page by guest-physical address (Dumps/).
        if let address = reference.physicalAddress ?? physicalAddress {
            guard offset == nil else { throw InspectError.usage("--offset and a physical address both name a page: give one") }
            return try MemoryImage.load(
                path: reference.path, name: displayName ?? reference.displayName, address: address, layout: layout)
        }
        if offset == nil, format == nil, let dump = MemoryImage.recognise(path: reference.path) {
            throw InspectError.usage(
                "\(reference.displayName) is a crash dump (\(dump)): name a page with --phys ADDR or \(reference.displayName)@0xADDR (vmcs-inspect scan \(reference.displayName) lists the candidates)"
            )
        }
        return try InputLoader.load(
            path: reference.path, displayName: displayName ?? reference.displayName, format: format, offset: offset, layout: layout)
    }

    /// The snapshots a reference names: the one at its `@N`, or every dump of the input; `total`
    /// counts the input's dumps.
    public func selected(_ reference: InputReference, displayName: String? = nil) throws -> (
        snapshots: [Snapshot], total: Int, warnings: [InputWarning]
    ) {
        let loaded = try load(reference, displayName: displayName)
        let count = loaded.snapshots.count
        guard let index = reference.index else { return (loaded.snapshots, count, loaded.warnings) }
        guard loaded.snapshots.indices.contains(index) else {
            throw InspectError.usage(
                "\(reference.displayName)@\(index): the input holds \(count) dump\(count == 1 ? "" : "s") (0 to \(count - 1))")
        }
        return ([loaded.snapshots[index]], count, loaded.warnings)
    }

    /// The one snapshot a reference names: its `@N`, or the only dump of the input.
    public func snapshot(_ reference: InputReference, displayName: String? = nil) throws -> (
        snapshot: Snapshot, total: Int, warnings: [InputWarning]
    ) {
        let chosen = try selected(reference, displayName: displayName)
        guard chosen.snapshots.count == 1, let only = chosen.snapshots.first else {
            throw InspectError.usage(
                "\(reference.displayName) holds \(chosen.total) dumps: name one as \(reference.displayName)@N (from 0)")
        }
        return (only, chosen.total, chosen.warnings)
    }
}
