/// Renders check reports as compiler-style lines, or as JSON (schema `vmcs-inspect/check/2`):
///
/// ```
/// { "schema": "vmcs-inspect/check/2",
///   "snapshots": [ { "source": "...", "index": 0, "location": "file:1", "architecture": "vmx",
///       "errors": 1, "warnings": 0,
///       "rules": { "total": 180, "hold": 120, "broken": 1, "unknown": 59 },
///       "findings": [ { "severity": "error", "check": "guest-tr-usable", "field": "guest.tr.ar",
///           "message": "...", "reference": "SDM Vol. 3 ..." } ],
///       "unknown": [ { "check": "guest-cr0-fixed", "missing": ["IA32_VMX_CR0_FIXED0 (0x486)"] } ],
///       "recorded_failures": [ { "failure": "...", "source": "VM_EXIT_REASON",
///           "may_be_stale": false, "broken": ["guest-tr-usable"], "undecided": ["..."] } ] } ] }
/// ```
public struct CheckRenderer: Sendable {
    public let options: RenderOptions
    public static let schema = "vmcs-inspect/check/2"
    public static let listSchema = "vmcs-inspect/check-list/1"

    public init(options: RenderOptions) {
        self.options = options
    }

    /// One line per finding with its manual reference beneath, the recorded failures with the
    /// rules that could cause them, with `unknown` the undecided rules and what each needs, and
    /// a count.
    public func text(_ report: CheckReport, unknown: Bool = false) -> String {
        let place = Self.place(report.decoded.snapshot.location)
        var out = ""
        for finding in report.findings.sorted(by: { $0.severity < $1.severity }) {
            let label = finding.severity == .error ? options.paint("error:", "1;31") : options.paint("warning:", "1;33")
            out += "\(place): \(label) [\(finding.check)] \(finding.message)\n"
            out += "  note: \(finding.reference)\n"
        }
        for cause in report.causes {
            out += "\(place): \(options.paint("failure:", "1")) \(cause.description), recorded in \(cause.source)"
            out += cause.mayBeStale ? " (which may be stale)\n" : "\n"
            if !cause.broken.isEmpty {
                out += "  broken rules that cause it: " + cause.broken.joined(separator: ", ") + "\n"
            } else {
                out += "  no rule that causes it is broken\n"
            }
            if !cause.undecided.isEmpty {
                out += "  \(cause.undecided.count) more could, undecided: " + Self.shortList(cause.undecided) + "\n"
            }
        }
        if unknown {
            out += unknownText(report, place: place)
        }
        let architecture = report.decoded.snapshot.architecture
        let total = report.results.count
        let errors = report.errors
        let warnings = report.warnings
        let unknownCount = report.unknown.count
        out += "\(place): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if unknownCount > 0 {
            out += ", \(unknownCount) undecided" + (unknown ? "" : " (check --unknown)")
        }
        out += " from \(total) \(architecture.structureName) check\(total == 1 ? "" : "s")"
        return out + "\n"
    }

    /// Each undecided rule with what it lacked, then what to capture to decide them all.
    func unknownText(_ report: CheckReport, place: String) -> String {
        var out = ""
        var fields: [String] = []
        var rows: [(field: String, bits: [String])] = []
        var capabilities: [Capability] = []
        var guestViews: [String] = []
        let catalog = report.decoded.catalog
        for result in report.unknown {
            out += "\(place): undecided: [\(result.check.id)] needs " + result.missing.map(\.description).joined(separator: ", ") + "\n"
            for item in result.missing {
                switch item {
                case .field(let field):
                    let name = catalog.field(id: field)?.name ?? field
                    if !fields.contains(name) { fields.append(name) }
                case .bit(let field, let bit):
                    let name = catalog.field(id: field)?.name ?? field
                    if let index = rows.firstIndex(where: { $0.field == name }) {
                        if !rows[index].bits.contains(bit) { rows[index].bits.append(bit) }
                    } else {
                        rows.append((name, [bit]))
                    }
                case .capability(let capability):
                    if !capabilities.contains(capability) { capabilities.append(capability) }
                case .structureValue(let field, let bits):
                    let name = catalog.field(id: field)?.name ?? field
                    let text = "\(name) bits \(bitList(bits)) as the structure held them (the input shows the guest's view)"
                    if !guestViews.contains(text) { guestViews.append(text) }
                }
            }
        }
        guard !report.unknown.isEmpty else { return out }
        out += "  to decide them, capture:\n"
        if !fields.isEmpty { out += "    fields: " + fields.joined(separator: ", ") + "\n" }
        if !guestViews.isEmpty { out += "    from the structure itself (a page or the hypervisor's dump): " + guestViews.joined(separator: "; ") + "\n" }
        for row in rows {
            out += "    \(row.field): its value leaves " + row.bits.joined(separator: ", ") + " undefined, so the rules reading them stay undecided\n"
        }
        let profileValues = capabilities.filter(\.isProfileValue).sorted()
        if !profileValues.isEmpty {
            out += "    in a --cpu profile: " + profileValues.map(\.description).joined(separator: ", ") + "\n"
        }
        let memory = capabilities.filter { !$0.isProfileValue }.sorted()  // memory and model-specific behaviour
        if !memory.isEmpty {
            out += "    beyond any dump: " + memory.map(\.description).joined(separator: "; ") + "\n"
        }
        return out
    }

    static func shortList(_ ids: [String], limit: Int = 6) -> String {
        ids.prefix(limit).joined(separator: ", ") + (ids.count > limit ? ", and \(ids.count - limit) more" : "")
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
            let unknown = report.unknown.map { result in
                "{\"check\": \(JSONRenderer.string(result.check.id)), \"missing\": ["
                    + result.missing.map { JSONRenderer.string($0.description) }.joined(separator: ", ") + "]}"
            }
            let causes = report.causes.map { cause in
                JSONRenderer.object(
                    [
                        "\"failure\": \(JSONRenderer.string(cause.description))",
                        "\"source\": \(JSONRenderer.string(cause.source))",
                        "\"may_be_stale\": \(cause.mayBeStale)",
                        "\"broken\": [" + cause.broken.map(JSONRenderer.string).joined(separator: ", ") + "]",
                        "\"undecided\": [" + cause.undecided.map(JSONRenderer.string).joined(separator: ", ") + "]",
                    ], indent: inner + "  ")
            }
            let hold = report.results.filter { if case .holds = $0.verdict { return true } else { return false } }.count
            let broken = report.results.filter(\.verdict.isBroken).count
            return JSONRenderer.object(
                [
                    "\"source\": \(JSONRenderer.string(snapshot.source))",
                    "\"index\": \(snapshot.index)",
                    "\"location\": \(JSONRenderer.string(snapshot.location.description))",
                    "\"architecture\": \(JSONRenderer.string(snapshot.architecture.rawValue))",
                    "\"errors\": \(report.errors)",
                    "\"warnings\": \(report.warnings)",
                    "\"rules\": {\"total\": \(report.results.count), \"hold\": \(hold), \"broken\": \(broken), \"unknown\": \(report.unknown.count)}",
                    "\"findings\": " + JSONRenderer.array(findings, closingIndent: inner),
                    "\"unknown\": " + JSONRenderer.array(unknown.map { inner + "  " + $0 }, closingIndent: inner),
                    "\"recorded_failures\": " + JSONRenderer.array(causes, closingIndent: inner),
                ], indent: "    ")
        }
        return "{\n  \"schema\": \(JSONRenderer.string(Self.schema)),\n  \"snapshots\": " + JSONRenderer.array(items, closingIndent: "  ")
            + "\n}\n"
    }

    /// Every rule: architecture, id, section and what it needs, then its text.
    public static func listText(_ checks: [Check]) -> String {
        let width = checks.map(\.id.count).max() ?? 0
        let sectionWidth = checks.map { $0.section.number.isEmpty ? $0.section.manual.rawValue.count : $0.section.number.count }.max() ?? 0
        return checks.map { check in
            let section = check.section.number.isEmpty ? check.section.manual.rawValue : check.section.number
            var line = "\(check.architecture.rawValue)  \(pad(check.id, width))  " + pad(section, sectionWidth)
            if check.severity == .warning { line += "  (warning)" }
            if !check.needs.isEmpty { line += "  needs " + check.needs.map(\.description).joined(separator: ", ") }
            return line + "\n" + String(repeating: " ", count: 5) + check.text + "\n" + String(repeating: " ", count: 5) + check.reference + "\n"
        }.joined()
    }

    /// The text followed by spaces up to `width` characters.
    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// Every rule as JSON (schema `vmcs-inspect/check-list/1`).
    public static func listJSON(_ checks: [Check]) -> String {
        let items = checks.map { check in
            JSONRenderer.object(
                [
                    "\"id\": \(JSONRenderer.string(check.id))",
                    "\"architecture\": \(JSONRenderer.string(check.architecture.rawValue))",
                    "\"manual\": \(JSONRenderer.string(check.section.manual.citation))",
                    "\"section\": \(JSONRenderer.string(check.section.number))",
                    "\"section_title\": \(JSONRenderer.string(check.section.title))",
                    "\"stage\": \(JSONRenderer.string(check.section.stage.rawValue))",
                    "\"severity\": \(JSONRenderer.string(check.severity.rawValue))",
                    "\"text\": \(JSONRenderer.string(check.text))",
                    "\"needs\": [" + check.needs.map { JSONRenderer.string($0.description) }.joined(separator: ", ") + "]",
                ], indent: "    ")
        }
        return "{\n  \"schema\": \(JSONRenderer.string(listSchema)),\n  \"rules\": " + JSONRenderer.array(items, closingIndent: "  ") + "\n}\n"
    }
}
