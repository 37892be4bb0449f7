/// What `vmcs-inspect scan` is asked to do.
public struct ScanRequest: Sendable {
    public var path: String
    public var displayName: String?
    public var options: ScanOptions
    public var json: Bool

    public init(path: String, displayName: String? = nil, options: ScanOptions = ScanOptions(), json: Bool = false) {
        self.path = path
        self.displayName = displayName
        self.options = options
        self.json = json
    }
}

/// Library entry point of `scan`, and the listing `show DUMP` prints without an address.
public enum Scan {
    /// Opens the dump (any file that is no known format is a raw memory image) and scans it.
    public static func run(_ request: ScanRequest, progress: ((UInt64) -> Void)? = nil) throws -> (output: String, result: ScanResult) {
        let name = request.displayName ?? (request.path == "-" ? "<stdin>" : request.path)
        guard let memory = try MemoryImage.open(path: request.path, name: name, rawFallback: true) else {
            throw InspectError(SourceLocation(file: name), "not a crash dump or memory image")
        }
        let result = try Scanner.scan(memory, options: request.options, progress: progress)
        return (request.json ? json(result) : text(result), result)
    }

    /// The candidates as text: one line each (address, kind, confidence, summary), the reasons beneath.
    public static func text(_ result: ScanResult) -> String {
        var out = "\(result.name): \(result.formatName), \(result.pagesScanned) page\(result.pagesScanned == 1 ? "" : "s") scanned, "
        out += "\(result.candidates.count) candidate\(result.candidates.count == 1 ? "" : "s")\n"
        guard !result.candidates.isEmpty else { return out }
        let kindWidth = max(4, result.candidates.map(\.kind.rawValue.count).max() ?? 0)
        out += "\n  " + "ADDRESS".padded(to: 20)
        out += "KIND".padded(to: kindWidth + 2) + "CONF  SUMMARY\n"
        for candidate in result.candidates {
            out += "  " + ValueText.hex(candidate.address, digits: 16) + "  "
            out += candidate.kind.rawValue.padded(to: kindWidth + 2)
            let confidence = String(candidate.confidence)
            out += String(repeating: " ", count: max(0, 4 - confidence.count)) + confidence + "  " + candidate.summary + "\n"
            out += "        " + candidate.reasons.joined(separator: "; ") + "\n"
        }
        return out
    }

    /// The listing `show DUMP` prints: the candidates and how to name one.
    public static func listing(_ result: ScanResult) -> String {
        var out = text(result)
        if let first = result.candidates.first {
            out += "\nName a page with --phys ADDR or FILE@0xADDR, for example:\n"
            out += "  vmcs-inspect show \(result.name)@\(hexText(first.address))\n"
            if first.kind == .vmcsRegion, first.layout == nil {
                out += "  (a VMCS region is decoded with --layout naming its revision)\n"
            }
        } else {
            out += "\nNo VMCB or VMCS was found; name a page with --phys ADDR or FILE@0xADDR.\n"
        }
        return out
    }

    /// JSON, schema `vmcs-inspect/scan/1`: 64-bit values as fixed-width hex strings.
    public static func json(_ result: ScanResult) -> String {
        func hex64(_ value: UInt64) -> String { JSONRenderer.string(ValueText.hex(value, digits: 16)) }
        let items = result.candidates.map { candidate -> String in
            var members = [
                "\"address\": \(hex64(candidate.address))", "\"kind\": \(JSONRenderer.string(candidate.kind.rawValue))",
                "\"confidence\": \(candidate.confidence)",
                "\"reasons\": [" + candidate.reasons.map(JSONRenderer.string).joined(separator: ", ") + "]",
                "\"summary\": \(JSONRenderer.string(candidate.summary))",
            ]
            if let revision = candidate.revision { members.append("\"revision\": \(JSONRenderer.string(hexText(UInt64(revision))))") }
            if let layout = candidate.layout { members.append("\"layout\": \(JSONRenderer.string(layout))") }
            if let exit = candidate.exit {
                members.append("\"\(candidate.kind == .vmcb || candidate.kind == .vmsa ? "exit_code" : "exit_reason")\": \(hex64(exit))")
            }
            if let rip = candidate.rip { members.append("\"rip\": \(hex64(rip))") }
            if let cr3 = candidate.cr3 { members.append("\"cr3\": \(hex64(cr3))") }
            if let tag = candidate.tag {
                members.append("\"\(candidate.revision == nil ? "asid" : "vpid")\": \(tag)")
            }
            return "    {" + members.joined(separator: ", ") + "}"
        }
        return "{\n  \"schema\": \"vmcs-inspect/scan/1\",\n  \"dump\": \(JSONRenderer.string(result.name)),\n"
            + "  \"format\": \(JSONRenderer.string(result.formatName)),\n  \"pages_scanned\": \(result.pagesScanned),\n"
            + "  \"candidates\": " + JSONRenderer.array(items, closingIndent: "  ") + "\n}\n"
    }
}
