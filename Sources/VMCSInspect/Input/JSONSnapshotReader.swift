import Foundation

/// Reads back what `show --json` (and the shell's `export --json`) writes: schema
/// `vmcs-inspect/show/1`. Only ids and values are read; everything else is derived again.
public struct JSONSnapshotReader: Sendable {
    public let name: String

    public init(name: String) {
        self.name = name
    }

    public static func looksLikeOurs(_ text: Substring) -> Bool {
        text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }.first == "{"
            && Text.contains(text.prefix(200), JSONRenderer.schema)
    }

    public func read(_ bytes: [UInt8]) throws -> [Snapshot] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw InspectError(SourceLocation(file: name), "not valid JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any], root["schema"] as? String == JSONRenderer.schema,
            let list = root["snapshots"] as? [[String: Any]]
        else {
            throw InspectError(SourceLocation(file: name), "expected a \(JSONRenderer.schema) document with a 'snapshots' array")
        }
        var snapshots: [Snapshot] = []
        for (index, item) in list.enumerated() {
            guard let architectureText = item["architecture"] as? String, let architecture = Architecture(rawValue: architectureText),
                let catalog = Catalog.forArchitecture(architecture), let fields = item["fields"] as? [[String: Any]]
            else {
                throw InspectError(SourceLocation(file: name), "snapshot \(index) has no known 'architecture' or no 'fields'")
            }
            var snapshot = Snapshot(
                architecture: architecture, source: name, format: .json, index: index, location: SourceLocation(file: name))
            for field in fields {
                guard let id = field["id"] as? String, let definition = catalog.field(id: id), let text = field["value"] as? String else {
                    throw InspectError(SourceLocation(file: name), "snapshot \(index): a field has an unknown 'id' or no 'value'")
                }
                if definition.isByteString {
                    let bytes = text.split(separator: " ").compactMap { UInt8($0, radix: 16) }
                    snapshot.values[id] = .bytes(bytes)
                } else if let value = NumberText.hex(text) {
                    snapshot.values[id] = .integer(value)
                } else {
                    throw InspectError(
                        SourceLocation(file: name), "snapshot \(index): cannot read the value of \(id): '\(text.prefix(40))'")
                }
            }
            if let metadata = item["metadata"] as? [String: String] {
                snapshot.metadata = metadata.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            }
            snapshots.append(snapshot)
        }
        guard !snapshots.isEmpty else { throw InspectError(SourceLocation(file: name), "the document holds no snapshots") }
        return snapshots
    }
}
