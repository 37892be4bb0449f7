import Foundation

/// What reading one input produced.
public struct LoadedInput: Sendable {
    public var snapshots: [Snapshot]
    public var warnings: [InputWarning]
    public var format: InputFormat

    /// Every snapshot, or with `--index N` only the Nth; a usage error when there is none.
    public func snapshots(at index: Int?) throws -> [Snapshot] {
        guard let index else { return snapshots }
        guard snapshots.indices.contains(index) else {
            throw InspectError.usage(
                "there is no dump \(index) (--index or @N): the input holds \(snapshots.count) dump\(snapshots.count == 1 ? "" : "s") (0 to \(snapshots.count - 1))"
            )
        }
        return [snapshots[index]]
    }
}

/// Reads an input (a file or standard input), detects its format and turns it into snapshots.
public enum InputLoader {
    /// Largest input read whole; raw pages inside larger images are read by `--offset` alone.
    public static let maximumInputSize = 256 << 20

    /// Loads `path` (`-` for standard input); `displayName` names it in messages. `layout` says
    /// how a raw VMCS page is laid out; without it a page is a VMCB unless it carries vmcs12's
    /// revision identifier.
    public static func load(
        path: String, displayName: String? = nil, format: InputFormat? = nil, offset: Int? = nil, layout: VMCSLayout? = nil
    ) throws -> LoadedInput {
        let name = displayName ?? (path == "-" ? "<stdin>" : path)
        if path != "-", format == .raw || format == nil, let offset {
            // A page inside a memory image: read just that window.
            if let window = try readWindow(path: path, name: name, offset: offset) {
                return try decode(bytes: window, name: name, format: .raw, offset: nil, layout: layout, pageOffset: offset)
            }
        }
        let bytes = try readAll(path: path, name: name)
        return try decode(bytes: bytes, name: name, format: format, offset: offset, layout: layout)
    }

    /// Reads a layout file (`--layout FILE`) or names a built-in layout.
    public static func layout(named nameOrPath: String) throws -> VMCSLayout {
        if let builtIn = VMCSLayout.named(nameOrPath) { return builtIn }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            let known = VMCSLayout.builtIn.map(\.name).joined(separator: ", ")
            throw InspectError.usage("unknown layout '\(nameOrPath)': neither a built-in layout (\(known)) nor a layout file")
        }
        let bytes = try readAll(path: nameOrPath, name: nameOrPath)
        return try LayoutFileReader.parse(try decodeText(bytes, name: nameOrPath), name: nameOrPath)
    }

    /// Decodes bytes already in memory.
    public static func decode(
        bytes: [UInt8], name: String, format: InputFormat? = nil, offset: Int? = nil, layout: VMCSLayout? = nil,
        pageOffset: Int? = nil
    ) throws -> LoadedInput {
        guard !bytes.isEmpty else { throw InspectError(SourceLocation(file: name), "empty input") }
        if format != .raw, QuotedPrintable.isEncoded(bytes) {
            // A mail archive's copy of a post: decode the transfer encoding, then read the text.
            var loaded = try decode(
                bytes: QuotedPrintable.decode(bytes), name: name, format: format, offset: offset, layout: layout, pageOffset: pageOffset)
            let note = InputWarning(
                SourceLocation(file: name),
                "the input is quoted-printable mail text (=3D for '='); read it decoded, so line numbers count decoded lines")
            loaded.warnings.insert(note, at: 0)
            return loaded
        }
        let chosen = try format ?? detect(bytes, name: name)
        switch chosen {
        case .raw:
            let page = try RawPageReader.page(from: bytes, offset: offset, name: name)
            let location = SourceLocation.byte(name, pageOffset ?? offset ?? 0)
            let snapshot = pageSnapshot(page, layout: layout, name: name, format: .raw, location: location)
            return LoadedInput(snapshots: [snapshot], warnings: [], format: .raw)
        case .kvm, .xen:
            let text = try decodeText(bytes, name: name)
            if isVMCSDump(text) {
                let (snapshots, warnings) = try VMCSDumpReader(name: name, format: chosen).read(text)
                return LoadedInput(snapshots: snapshots, warnings: warnings, format: chosen)
            }
            let (snapshots, warnings) = try KernelLogReader(name: name).read(text)
            return LoadedInput(snapshots: snapshots, warnings: warnings, format: .kvm)
        case .fields:
            let (snapshots, warnings) = try FieldLogReader(name: name).read(try decodeText(bytes, name: name))
            return LoadedInput(snapshots: snapshots, warnings: warnings, format: .fields)
        case .bhyvectl:
            let (snapshots, warnings) = try BhyvectlReader(name: name).read(try decodeText(bytes, name: name))
            return LoadedInput(snapshots: snapshots, warnings: warnings, format: .bhyvectl)
        case .json:
            return LoadedInput(snapshots: try JSONSnapshotReader(name: name).read(bytes), warnings: [], format: .json)
        case .xxd, .hexdump, .od, .gdb, .crash, .hex:
            let text = try decodeText(bytes, name: name)
            let (dumped, warnings, lastLine) = try HexdumpReader(format: chosen, name: name).read(text)
            if offset == nil, dumped.count < RawPageReader.pageSize {
                throw InspectError(.line(name, lastLine), "dump ends after \(dumped.count) bytes; a page is \(RawPageReader.pageSize)")
            }
            let page = try RawPageReader.page(from: dumped, offset: offset, name: name)
            let snapshot = pageSnapshot(page, layout: layout, name: name, format: chosen, location: .line(name, 1))
            return LoadedInput(snapshots: [snapshot], warnings: warnings, format: chosen)
        }
    }

    /// A page is a VMCS when a layout is given or it starts with vmcs12's revision identifier;
    /// otherwise a VMCB.
    static func pageSnapshot(_ page: [UInt8], layout: VMCSLayout?, name: String, format: InputFormat, location: SourceLocation) -> Snapshot
    {
        let revision = page.prefix(4).enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(8 * $1.offset) }
        guard let chosen = layout ?? VMCSLayout.matching(revision: revision) else {
            return RawPageReader.snapshot(page: page, catalog: .vmcb, source: name, format: format, location: location)
        }
        var snapshot = RawPageReader.snapshot(page: page, layout: chosen, source: name, format: format, location: location)
        if let expected = chosen.revision, expected != revision {
            snapshot.pageNotes.append(
                "the page's revision identifier 0x\(String(revision, radix: 16)) is not layout \(chosen.name)'s 0x\(String(expected, radix: 16))"
            )
        }
        return snapshot
    }

    /// True when kernel-log text holds a VMCS dump rather than a VMCB one.
    static func isVMCSDump(_ text: String) -> Bool {
        if let guest = Text.find("*** Guest State ***", in: text) {
            guard let control = Text.find("VMCB Control Area", in: text) else { return true }
            return guest.lowerBound < control.lowerBound
        }
        // The marker may have been wrapped by a mail client: look again in unwrapped lines.
        guard Text.find("***", in: text) != nil else { return false }
        let lines = LogLine.unwrapped(LogLine.lines(of: text))
        guard let guest = lines.firstIndex(where: { $0.content.contains("*** Guest State ***") }) else { return false }
        guard let control = lines.firstIndex(where: { $0.content.contains("VMCB Control Area") }) else { return true }
        return guest < control
    }

    static func readAll(path: String, name: String) throws -> [UInt8] {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard data.count <= maximumInputSize else {
                throw InspectError(SourceLocation(file: name), "input is larger than \(maximumInputSize >> 20) MiB")
            }
            return [UInt8](data)
        }
        let size = try fileSize(path: path, name: name)
        guard size <= maximumInputSize else {
            throw InspectError(
                SourceLocation(file: name),
                "file is \(size) bytes, larger than the \(maximumInputSize >> 20) MiB read whole (use --offset for a page inside a memory image)"
            )
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InspectError(SourceLocation(file: name), "cannot open the file for reading")
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw InspectError(SourceLocation(file: name), "cannot read the file: \(error.localizedDescription)")
        }
    }

    static func fileSize(path: String, name: String) throws -> Int {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InspectError(SourceLocation(file: name), "no such file")
        }
        guard !isDirectory.boolValue else { throw InspectError(SourceLocation(file: name), "is a directory, not a file") }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func readWindow(path: String, name: String, offset: Int) throws -> [UInt8]? {
        let size = try fileSize(path: path, name: name)
        // Character devices and pipes report no size: read them whole instead.
        guard size > 0 else { return nil }
        guard offset >= 0, offset <= size, size - offset >= RawPageReader.pageSize else {
            throw InspectError(
                .byte(name, max(0, min(offset, size))),
                "a \(RawPageReader.pageSize)-byte page at offset 0x\(String(max(0, offset), radix: 16)) does not fit in \(size) bytes")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InspectError(SourceLocation(file: name), "cannot open the file for reading")
        }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(offset))
            let data = try handle.read(upToCount: RawPageReader.pageSize) ?? Data()
            guard data.count == RawPageReader.pageSize else {
                throw InspectError(
                    .byte(name, offset + data.count), "truncated page: expected \(RawPageReader.pageSize) bytes, found \(data.count)")
            }
            return [UInt8](data)
        } catch let error as InspectError {
            throw error
        } catch {
            throw InspectError(.byte(name, offset), "cannot read the file: \(error.localizedDescription)")
        }
    }

    static func decodeText(_ bytes: [UInt8], name: String) throws -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Logs sometimes carry stray Latin-1 bytes; keep going with replacement characters.
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Guesses the format from content: binary is a raw page; text is a kernel log when it
    /// holds dump_vmcb lines, else the hex dump style of its first data line.
    public static func detect(_ bytes: [UInt8], name: String) throws -> InputFormat {
        let sample = bytes.prefix(1 << 20)
        let controls = sample.filter { $0 < 0x20 && $0 != 0x0a && $0 != 0x0d && $0 != 0x09 && $0 != 0x0c }.count
        if sample.contains(0) || controls * 100 > sample.count
            || String(validating: Array(sample), as: UTF8.self) == nil && bytes.count == RawPageReader.pageSize
        {
            return .raw
        }
        let text = String(decoding: sample, as: UTF8.self)
        if JSONSnapshotReader.looksLikeOurs(Substring(text)) { return .json }
        // Mail clients wrap long log lines: detect on the lines with their tails joined back on.
        let lines = LogLine.unwrapped(LogLine.lines(of: text))
        let isVMCSDump = { (content: String) in
            content.contains("*** Guest State ***") || content.contains("last attempted VM-entry on CPU")
        }
        if isVMCSDump(text) || lines.contains(where: { isVMCSDump($0.content) }) {
            return text.contains("(XEN)") ? .xen : .kvm
        }
        let reader = KernelLogReader(name: name)
        var labelled = 0
        for line in lines where !line.content.isEmpty {
            if line.content.hasPrefix("VMCB Control Area") || line.content.contains("last attempted VMRUN on CPU") {
                return .kvm
            }
            if reader.isDumpRow(line.content) { labelled += 1 }
            if labelled >= 3 { return .kvm }
        }
        if BhyvectlReader.looksLikeBhyvectl(lines) { return .bhyvectl }
        let votes = FieldLogReader.votes(Array(lines.prefix(5000)))
        if votes.values.contains(where: { $0 >= 2 }) { return .fields }
        for line in lines.prefix(5000) {
            if let format = hexFormat(of: line.content) { return format }
        }
        if controls > 0 || String(validating: Array(sample), as: UTF8.self) == nil {
            return .raw
        }
        if lines.contains(where: { $0.timestamp != nil }) {
            // A kernel log with no dump in it: the log reader says so precisely.
            return .kvm
        }
        throw InspectError(
            SourceLocation(file: name), "cannot tell the input format: no VMCB dump lines and no hex dump lines (name one with --format)")
    }

    static func hexFormat(of content: String) -> InputFormat? {
        let tokens = content.split(separator: " ")
        guard let first = tokens.first else { return nil }
        if first.hasPrefix("0x"), content.contains(":") {
            let head = content.prefix { $0 != ":" && $0 != " " && $0 != "<" }
            return NumberText.hex(head) != nil ? .gdb : nil
        }
        if first.hasSuffix(":"), NumberText.hex(first.dropLast()) != nil, tokens.count > 1 {
            let afterColon = content.drop { $0 != ":" }.dropFirst()
            return afterColon.hasPrefix("  ") ? .crash : .xxd
        }
        if tokens.count == 1, first.count >= 32, first.count % 2 == 0, first.allSatisfy(\.isHexDigit) { return .hex }
        guard first.allSatisfy(\.isHexDigit), tokens.count > 1 else { return nil }
        if content.hasSuffix("|"), content.contains("|") { return .hexdump }
        let second = tokens[1]
        guard second.allSatisfy(\.isHexDigit) else { return nil }
        if first.count != second.count { return .od }
        return tokens.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isHexDigit) }) ? .hex : nil
    }
}
