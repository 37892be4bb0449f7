/// Reads a user's VMCS layout file: where a given processor (or hypervisor) keeps each field.
///
/// The format, one entry per line, `#` starting a comment:
///
/// ```
/// name   my-cpu-family          # optional: what to call the layout
/// revision 0x12                 # optional: the revision identifier pages start with
/// 0x681e 0x0d8                  # a field by encoding, then its byte offset
/// GUEST_RSP 0x0e0               # or by any name the tool accepts
/// ```
///
/// Offsets are decimal or `0x` hex; each field's size comes from the catalog.
public enum LayoutFileReader {
    /// Layout files given as the input are not field logs: detection recognises them by their
    /// `name` and `revision` lines, or by lines of a field and a small offset, and refuses them.
    static let entry = TextReaderEntry(
        formats: [.layoutFile], score: { LayoutFileReader.score($0) },
        make: { context, _ in
            throw InspectError(
                SourceLocation(file: context.name),
                "this is a VMCS layout file, not a dump: give it with --layout \(context.name), and the page as the input")
        })

    static func score(_ head: HeadSample) -> (InputFormat, Score)? {
        var directives = 0
        var placements = 0
        // Every line with content must be a directive or a placement: the first that is not
        // settles it.
        for line in head.nonEmpty {
            let content =
                line.content.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map {
                    String($0).trimmingSpaces()
                } ?? ""
            if content.isEmpty { continue }
            let words = content.split(separator: " ")
            guard words.count >= 2, let last = words.last, !content.contains("="), !content.contains(":") else { return nil }
            let first = words.dropLast().joined(separator: " ").lowercased()
            if first == "name" || first == "revision" {
                directives += 1
            } else if let offset = parseNumber(String(last)), offset < UInt64(PageDecoder.pageSize), Catalog.vmcs.resolve(first) != nil {
                placements += 1
            } else {
                return nil
            }
        }
        guard placements > 0 else { return nil }
        return (
            .layoutFile,
            Score(directives > 0 ? 95 : 55, "\(placements) 'FIELD OFFSET' lines\(directives > 0 ? " and a name or revision line" : "")")
        )
    }

    public static func parse(_ text: String, name: String) throws -> VMCSLayout {
        var layoutName = name
        var revision: UInt32?
        var entries: [VMCSLayout.Entry] = []
        var seen: [UInt32: Int] = [:]
        /// The bytes each field placed so far takes, and its line: no two may share a byte.
        var placed: [(name: String, range: Range<Int>, line: Int)] = []
        for line in LogLine.lines(of: text) {
            let content =
                line.content.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map {
                    String($0).trimmingSpaces()
                } ?? ""
            if content.isEmpty { continue }
            let words = content.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            // The offset is the last word; the field's name may have spaces ("Guest RIP 0x10").
            guard words.count >= 2, let second = words.last else {
                throw InspectError(.line(name, line.number), "expected 'FIELD OFFSET', found '\(content.prefix(40))'")
            }
            let first = words.dropLast().joined(separator: " ")
            switch first.lowercased() {
            case "name":
                layoutName = second
                continue
            case "revision":
                guard let value = parseNumber(second), value <= UInt64(UInt32.max) else {
                    throw InspectError(.line(name, line.number), "expected a 32-bit revision identifier, found '\(second)'")
                }
                revision = UInt32(value)
                continue
            default: break
            }
            guard let reference = Catalog.vmcs.resolve(first), !reference.isHighHalf, let encoding = reference.field.encoding else {
                throw InspectError(.line(name, line.number), "unknown VMCS field '\(first)'")
            }
            let size = reference.field.size
            let last = PageDecoder.pageSize - size
            guard let offset = parseNumber(second), offset <= UInt64(last) else {
                throw InspectError(
                    .line(name, line.number),
                    "expected an offset from 0x0 to 0x\(String(last, radix: 16)) for \(reference.field.name) (\(size) bytes, inside the \(PageDecoder.pageSize)-byte page), found '\(second.prefix(24))'"
                )
            }
            if let previous = seen[encoding] {
                throw InspectError(.line(name, line.number), "\(reference.field.name) is placed twice (first on line \(previous))")
            }
            seen[encoding] = line.number
            let range = Int(offset)..<(Int(offset) + size)
            if let other = placed.first(where: { $0.range.overlaps(range) }) {
                func bytes(_ range: Range<Int>) -> String {
                    "0x\(String(range.lowerBound, radix: 16)) to 0x\(String(range.upperBound - 1, radix: 16))"
                }
                throw InspectError(
                    .line(name, line.number),
                    "\(reference.field.name) (\(bytes(range))) overlaps \(other.name) (\(bytes(other.range)), line \(other.line))")
            }
            placed.append((reference.field.name, range, line.number))
            entries.append(VMCSLayout.Entry(encoding, Int(offset)))
        }
        guard !entries.isEmpty else { throw InspectError(SourceLocation(file: name), "layout file places no fields") }
        return VMCSLayout(name: layoutName, title: "layout file \(name)", revision: revision, entries: entries, reference: name)
    }

    /// Reads a layout file (`--layout FILE`).
    public static func read(path: String) throws -> VMCSLayout {
        let source = try FileSource(path: path, name: path)
        let bytes = try source.readAll(limit: 1 << 20, what: "layout file")
        return try parse(String(decoding: bytes, as: UTF8.self), name: path)
    }

    static func parseNumber(_ text: String) -> UInt64? {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { return NumberText.hex(lower) }
        return UInt64(lower)
    }
}

extension InputFormat {
    /// A VMCS layout file: refused as an input, named so messages can say what it is.
    public static let layoutFile = InputFormat(
        "layout", title: "a VMCS layout file", example: "GUEST_RIP 0x220", isLog: false)
}

extension VMCSLayout {
    /// A built-in layout by name, or a layout file.
    public static func resolve(_ nameOrPath: String) throws -> VMCSLayout {
        if let builtIn = VMCSLayout.named(nameOrPath) { return builtIn }
        if nameOrPath == VMSALayout.name {
            throw InspectError.usage("--layout vmsa reads one page as an SEV-ES save area; here it must name a VMCS layout")
        }
        do {
            return try LayoutFileReader.read(path: nameOrPath)
        } catch let error as InspectError where error.message == "no such file" {
            let known = VMCSLayout.builtIn.map(\.name).joined(separator: ", ")
            throw InspectError.usage(
                "unknown layout '\(nameOrPath)': neither a built-in layout (\(known), \(VMSALayout.name)) nor a layout file")
        }
    }
}
