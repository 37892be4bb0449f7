/// Renders check reports as compiler-style lines, or as JSON (schema `vmcs-inspect/check/1`):
///
/// ```
/// { "schema": "vmcs-inspect/check/1",
///   "snapshots": [ { "source": "...", "index": 0, "location": "file:1", "architecture": "vmx",
///       "errors": 1, "warnings": 0, "ran": ["guest-tr", ...],
///       "skipped": [ { "check": "guest-pat-memory-types", "missing": "guest.ia32_pat" } ],
///       (a skipped entry has "bit" too when the field is there but its table lacks that row)
///       "findings": [ { "severity": "error", "check": "guest-tr", "field": "guest.tr.ar",
///           "message": "...", "reference": "SDM Vol. 3 ..." } ] } ] }
/// ```
public struct CheckRenderer: Sendable {
    public let options: RenderOptions
    public static let schema = "vmcs-inspect/check/1"

    public init(options: RenderOptions) {
        self.options = options
    }

    /// One line per finding with its manual reference beneath, notes for the checks the input
    /// could not feed, and a count.
    public func text(_ report: CheckReport) -> String {
        let place = Self.place(report.decoded.snapshot.location)
        let catalog = report.decoded.catalog
        var out = ""
        for finding in report.findings.sorted(by: { $0.severity < $1.severity }) {
            let label = finding.severity == .error ? options.paint("error:", "1;31") : options.paint("warning:", "1;33")
            out += "\(place): \(label) [\(finding.check)] \(finding.message)\n"
            out += "  note: \(finding.reference)\n"
        }
        for skipped in report.skipped {
            let name = catalog.field(id: skipped.missing.field)?.name ?? skipped.missing.field
            let why = skipped.missing.bit.map { "\(name) as given has no '\($0)' bits" } ?? "the input lacks \(name)"
            out += "\(place): note: [\(skipped.check)] not run: \(why)\n"
        }
        let errors = report.errors
        let warnings = report.warnings
        out += "\(place): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") "
        out += "from \(report.ran.count) \(report.decoded.snapshot.architecture.structureName) check\(report.ran.count == 1 ? "" : "s")"
        if !report.skipped.isEmpty { out += " (\(report.skipped.count) not run)" }
        return out + "\n"
    }

    /// `file:line` for a dump in a log, the file alone for a page at its start, and the byte
    /// offset in parentheses for a page further in.
    static func place(_ location: SourceLocation) -> String {
        switch location.position {
        case .line(let line): return "\(location.file):\(line)"
        case .byte(let offset) where offset > 0: return "\(location.file) (byte 0x\(String(offset, radix: 16)))"
        default: return location.file
        }
    }

    public func json(_ reports: [CheckReport]) -> String {
        let items = reports.map { report -> String in
            let snapshot = report.decoded.snapshot
            let inner = "      "
            let findings = report.findings.map { finding in
                JSONRenderer.object(
                    [
                        "\"severity\": \(JSONRenderer.string(finding.severity.rawValue))",
                        "\"check\": \(JSONRenderer.string(finding.check))",
                        "\"field\": \(JSONRenderer.string(finding.field))",
                        "\"message\": \(JSONRenderer.string(finding.message))",
                        "\"reference\": \(JSONRenderer.string(finding.reference))",
                    ], indent: inner + "  ")
            }
            let skipped = report.skipped.map {
                "{\"check\": \(JSONRenderer.string($0.check)), \"missing\": \(JSONRenderer.string($0.missing.field))"
                    + ($0.missing.bit.map { ", \"bit\": \(JSONRenderer.string($0))" } ?? "") + "}"
            }
            return JSONRenderer.object(
                [
                    "\"source\": \(JSONRenderer.string(snapshot.source))",
                    "\"index\": \(snapshot.index)",
                    "\"location\": \(JSONRenderer.string(snapshot.location.description))",
                    "\"architecture\": \(JSONRenderer.string(snapshot.architecture.rawValue))",
                    "\"errors\": \(report.errors)",
                    "\"warnings\": \(report.warnings)",
                    "\"ran\": [" + report.ran.map(JSONRenderer.string).joined(separator: ", ") + "]",
                    "\"skipped\": [" + skipped.joined(separator: ", ") + "]",
                    "\"findings\": " + JSONRenderer.array(findings, closingIndent: inner),
                ], indent: "    ")
        }
        return "{\n  \"schema\": \(JSONRenderer.string(Self.schema)),\n  \"snapshots\": " + JSONRenderer.array(items, closingIndent: "  ")
            + "\n}\n"
    }
}
