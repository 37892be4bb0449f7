#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension InputFormat {
    /// What `show --json` and the shell's `export --json` write.
    public static let json = InputFormat(
        "json", title: "vmcs-inspect JSON", example: "{\"schema\": \"vmcs-inspect/show/1\", …}", isLog: true)
}

/// Reads back what `show --json` (and the shell's `export --json`) writes. Only ids and values
/// are read; everything else is derived again. The document is read whole, up to 256 MiB.
final class JSONSnapshotReader: TextReader {
    static let entry = TextReaderEntry(
        formats: [.json],
        score: { head in
            let text = String(decoding: head.bytes.prefix(400), as: UTF8.self)
            let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
            guard trimmed.first == "{", ByteSearch.contains(trimmed, "\"vmcs-inspect/show/") else { return nil }
            return (.json, Score(100, "a vmcs-inspect/show document"))
        },
        make: { context, _ in JSONSnapshotReader(context: context) })

    static let limit = 256 << 20

    let context: ReaderContext
    private var bytes: [UInt8] = []

    init(context: ReaderContext) {
        self.context = context
    }

    var step: LineScanner.Step { .next }

    func consume(_ line: TextLine, into output: inout ReaderOutput) throws {
        guard bytes.count + line.bytes.count < Self.limit, !line.truncated else {
            throw InspectError(context.location(line.number), "JSON document larger than \(ByteCount.text(Self.limit)) (or a line over \(ByteCount.text(LineScanner.maximumLineLength)))")
        }
        bytes.append(contentsOf: line.bytes)
        bytes.append(0x0a)
    }

    struct Document: Decodable {
        let schema: String
        let snapshots: [Item]
    }

    struct Item: Decodable {
        let architecture: String
        let fields: [Field]
        let metadata: [(key: String, value: String)]

        struct Field: Decodable {
            let id: String
            let value: String
        }

        struct Pair: Decodable {
            let key: String
            let value: String
        }

        enum Keys: String, CodingKey { case architecture, fields, metadata }

        init(from decoder: any Swift.Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            architecture = try container.decode(String.self, forKey: .architecture)
            fields = try container.decode([Field].self, forKey: .fields)
            // Schema 1 wrote metadata as an object, later ones as a list of pairs.
            if let pairs = try? container.decodeIfPresent([Pair].self, forKey: .metadata) {
                metadata = pairs.map { ($0.key, $0.value) }
            } else if let object = try? container.decodeIfPresent([String: String].self, forKey: .metadata) {
                metadata = object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            } else {
                metadata = []
            }
        }
    }

    func finish(into output: inout ReaderOutput) throws {
        let name = context.name
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(bytes))
        } catch {
            throw InspectError(SourceLocation(file: name), "expected a vmcs-inspect/show document: \(Self.describe(error))")
        }
        guard document.schema.hasPrefix("vmcs-inspect/show/") else {
            throw InspectError(SourceLocation(file: name), "expected a vmcs-inspect/show document, found schema '\(document.schema.prefix(40))'")
        }
        for (index, item) in document.snapshots.enumerated() {
            guard let architecture = Architecture(rawValue: item.architecture) else {
                throw InspectError(SourceLocation(file: name), "snapshot \(index) has an unknown architecture '\(item.architecture.prefix(20))'")
            }
            let catalog = Catalog.forArchitecture(architecture)
            var snapshot = Snapshot(
                architecture: architecture, source: name, format: .json, index: index, location: SourceLocation(file: name),
                metadata: item.metadata)
            for field in item.fields {
                guard let definition = catalog.field(id: field.id) else {
                    throw InspectError(SourceLocation(file: name), "snapshot \(index): unknown field id '\(field.id.prefix(40))'")
                }
                if definition.isByteString {
                    let bytes = field.value.split(separator: " ").compactMap { UInt8($0, radix: 16) }
                    snapshot.values[field.id] = .bytes(bytes)
                } else if let value = NumberText.hex(field.value) {
                    snapshot.values[field.id] = .integer(value)
                } else {
                    throw InspectError(
                        SourceLocation(file: name), "snapshot \(index): cannot read the value of \(field.id): '\(field.value.prefix(40))'")
                }
            }
            output.snapshots.append(snapshot)
        }
        guard !document.snapshots.isEmpty else { throw InspectError(SourceLocation(file: name), "the document holds no snapshots") }
    }

    /// A decoding error in a few words.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return "not valid JSON (\(context.debugDescription.lowercased()))"
        case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "not valid JSON"
        }
    }
}
