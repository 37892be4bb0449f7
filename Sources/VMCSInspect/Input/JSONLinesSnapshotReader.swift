#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads back what `show --jsonl` writes: one record per line, each with the schema and its
/// type. Snapshot records become snapshots as their line is read, so a large stream is read in
/// memory bounded by one record; warning records are given again as the warnings they were
/// (their location names the input they were about). Other records (a trace's events) are not
/// snapshots and are refused by their type.
final class JSONLinesSnapshotReader: TextReader {
    /// The longest record line read: a VMCS snapshot with every field and bit is about 130 KB.
    static let recordLimit = 4 << 20

    let context: ReaderContext
    private var count = 0

    init(context: ReaderContext) {
        self.context = context
    }

    var step: LineScanner.Step { .next }
    var maximumLineLength: Int { Self.recordLimit }

    /// True when the input starts with a record of `show --jsonl`: an object whose first
    /// members are `schema` (a vmcs-inspect/show schema) and `type`, as the renderer writes
    /// them; a whole `show --json` document has `snapshots` there instead.
    static func holdsRecords(_ head: HeadSample) -> Bool {
        var compact: [UInt8] = []
        for byte in head.bytes.prefix(256) where !JSONSyntax.isBlank(byte) {
            compact.append(byte)
        }
        let start = Array("{\"schema\":\"vmcs-inspect/show/".utf8)
        guard compact.starts(with: start) else { return false }
        guard let close = compact[start.count...].firstIndex(of: UInt8(ascii: "\"")) else { return false }
        return compact[(close + 1)...].starts(with: Array(",\"type\":".utf8))
    }

    struct Record: Decodable {
        let schema: String
        let type: String
    }

    struct WarningRecord: Decodable {
        struct Location: Decodable {
            let file: String
            let line: Int?
        }
        let location: Location
        let message: String
    }

    func consume(_ line: TextLine, into output: inout ReaderOutput) throws {
        let location = context.location(line.number)
        guard line.bytes.contains(where: { !JSONSyntax.isBlank($0) }) else { return }
        guard !line.truncated else {
            throw InspectError(location, "this JSON Lines record is longer than \(ByteCount.text(Self.recordLimit))")
        }
        let bytes = Array(line.bytes)
        if let problem = JSONSyntax.check(bytes) {
            throw InspectError(location, "invalid JSON: \(problem.message)")
        }
        let data = Data(bytes)
        do {
            let record = try JSONDecoder().decode(Record.self, from: data)
            guard record.schema.hasPrefix("vmcs-inspect/show/") else {
                throw InspectError(location, "expected a vmcs-inspect/show record, found one of schema '\(record.schema.prefix(40))'")
            }
            switch record.type {
            case "snapshot":
                let item = try JSONDecoder().decode(JSONSnapshotReader.Item.self, from: data)
                output.snapshots.append(
                    try JSONSnapshotReader.snapshot(item, index: count, place: "snapshot", location: location, name: context.name))
                count += 1
            case "warning":
                let warning = try JSONDecoder().decode(WarningRecord.self, from: data)
                let file = warning.location.file
                output.warn(warning.location.line.map { .line(file, $0) } ?? SourceLocation(file: file), warning.message)
            default:
                throw InspectError(
                    location, "a record of type '\(record.type.prefix(20))': only snapshot records are read back (and warnings, given again)")
            }
        } catch let error as InspectError {
            throw error
        } catch {
            throw InspectError(location, JSONSnapshotReader.describe(error))
        }
    }

    func finish(into output: inout ReaderOutput) throws {
        guard count > 0 else { throw InspectError(SourceLocation(file: context.name), "the JSON Lines input holds no snapshot records") }
    }
}
