#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension InputFormat {
    /// What `show --json` and the shell's `export --json` write.
    public static let json = InputFormat(
        "json", title: "vmcs-inspect JSON", example: "{\"schema\": \"vmcs-inspect/show/2\", …}", isLog: true)
}

/// Reads back what `show --json` (and the shell's `export --json`) writes. Only ids and values
/// are read; everything else is derived again. The document is read whole, up to 256 MiB, so
/// its lines may be of any length (`jq -c` writes it on one). What `show --jsonl` writes, one
/// record per line, is read a line at a time (`JSONLinesSnapshotReader`), in bounded memory.
final class JSONSnapshotReader: WholeTextReader {
    static let entry = TextReaderEntry(
        formats: [.json],
        score: { head in
            let text = String(decoding: head.bytes.prefix(400), as: UTF8.self)
            let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
            guard trimmed.first == "{" else { return nil }
            if ByteSearch.contains(trimmed, "\"vmcs-inspect/show/") { return (.json, Score(100, "a vmcs-inspect/show document")) }
            // Another command's JSON is recognised, to be refused by its name.
            guard ByteSearch.contains(trimmed, "\"vmcs-inspect/") else { return nil }
            return (.json, Score(90, "a vmcs-inspect JSON document"))
        },
        make: { context, _ in
            if JSONLinesSnapshotReader.holdsRecords(context.head) { return JSONLinesSnapshotReader(context: context) }
            return JSONSnapshotReader(context: context)
        })

    static let limit = 256 << 20

    let context: ReaderContext
    private var bytes: [UInt8] = []

    init(context: ReaderContext) {
        self.context = context
    }

    var step: LineScanner.Step { .next }

    func consume(_ line: TextLine, into output: inout ReaderOutput) throws {
        guard bytes.count + line.bytes.count < Self.limit, !line.truncated else {
            throw InspectError(context.location(line.number), "the JSON document is larger than \(ByteCount.text(Self.limit))")
        }
        bytes.append(contentsOf: line.bytes)
        bytes.append(0x0a)
    }

    func read(_ bytes: [UInt8], into output: inout ReaderOutput) throws {
        self.bytes = bytes
        try finish(into: &output)
    }

    struct Document: Decodable {
        let schema: String
        let snapshots: [Item]
    }

    struct Item: Decodable {
        let architecture: String
        let fields: [Field]
        let metadata: [(key: String, value: String)]
        let failures: [Failure]

        struct Field: Decodable {
            let id: String
            let value: String
            let absentBits: String?
            let guestViewBits: String?

            enum CodingKeys: String, CodingKey {
                case id, value
                case absentBits = "absent_bits"
                case guestViewBits = "guest_view_bits"
            }
        }

        /// A failure the producer recorded, as the header's `failures` lists it.
        struct Failure: Decodable {
            let kind: String
            let value: String
            let msr: String?
            let msrValue: String?
            let text: String

            enum CodingKeys: String, CodingKey {
                case kind, value, msr, text
                case msrValue = "msr_value"
            }
        }

        struct Pair: Decodable {
            let key: String
            let value: String
        }

        enum Keys: String, CodingKey { case architecture, fields, metadata, failures }

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
            failures = try container.decodeIfPresent([Failure].self, forKey: .failures) ?? []
        }
    }

    struct Schema: Decodable {
        let schema: String
    }

    func finish(into output: inout ReaderOutput) throws {
        let name = context.name
        if let problem = JSONSyntax.check(bytes) {
            throw InspectError(.line(name, problem.line), "invalid JSON: \(problem.message)")
        }
        // A document of the expected shape is decoded a snapshot at a time from its bytes: the
        // decoder's copy of a whole document cost about 27 times its size in memory. Any other
        // shape is decoded whole, for the decoder's account of what is wrong with it.
        if let parts = JSONSyntax.showDocument(bytes) {
            try decodeByItem(parts, into: &output)
            return
        }
        let data = Data(bytes)
        let document: Document
        do {
            try Self.requireShowSchema(try JSONDecoder().decode(Schema.self, from: data).schema, name: name)
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as InspectError {
            throw error
        } catch {
            throw InspectError(SourceLocation(file: name), Self.describe(error))
        }
        for (index, item) in document.snapshots.enumerated() {
            output.snapshots.append(
                try Self.snapshot(item, index: index, place: "snapshots[\(index)]", location: SourceLocation(file: name), name: name))
        }
        guard !document.snapshots.isEmpty else { throw InspectError(SourceLocation(file: name), "the document holds no snapshots") }
    }

    /// The snapshots of a document whose top-level object has one `schema` string and one
    /// `snapshots` list: each item decoded from its own bytes, in order.
    private func decodeByItem(_ parts: JSONSyntax.ShowDocument, into output: inout ReaderOutput) throws {
        let name = context.name
        let schema: String
        do {
            schema = try JSONDecoder().decode(Schema.self, from: Data(#"{"schema":"#.utf8 + bytes[parts.schema] + [UInt8(ascii: "}")])).schema
        } catch {
            throw InspectError(SourceLocation(file: name), Self.describe(error))
        }
        try Self.requireShowSchema(schema, name: name)
        for (index, range) in parts.snapshots.enumerated() {
            let place = "snapshots[\(index)]"
            let item: Item
            do {
                item = try JSONDecoder().decode(Item.self, from: Data(bytes[range]))
            } catch {
                throw InspectError(SourceLocation(file: name), Self.describe(error, under: place))
            }
            output.snapshots.append(try Self.snapshot(item, index: index, place: place, location: SourceLocation(file: name), name: name))
        }
        guard !parts.snapshots.isEmpty else { throw InspectError(SourceLocation(file: name), "the document holds no snapshots") }
    }

    /// Refuses a schema other than `vmcs-inspect/show/…`, naming the command that writes it.
    static func requireShowSchema(_ schema: String, name: String) throws {
        guard !schema.hasPrefix("vmcs-inspect/show/") else { return }
        var found = "a document of schema '\(schema.prefix(40))'"
        let parts = schema.split(separator: "/")
        if parts.count == 3, parts[0] == "vmcs-inspect" { found += " (what \(parts[1].prefix(20)) --json writes)" }
        throw InspectError(SourceLocation(file: name), "expected a vmcs-inspect/show document, found \(found)")
    }

    /// The snapshot a decoded item describes; `place` names the item in messages
    /// (`snapshots[2]`), `location` where it is in the input.
    static func snapshot(_ item: Item, index: Int, place: String, location: SourceLocation, name: String) throws -> Snapshot {
        guard let architecture = Architecture(rawValue: item.architecture) else {
            throw InspectError(location, "\(place).architecture: expected 'vmx' or 'svm', found '\(item.architecture.prefix(20))'")
        }
        let catalog = Catalog.forArchitecture(architecture)
        var snapshot = Snapshot(
            architecture: architecture, source: name, format: .json, index: index, location: location, metadata: item.metadata)
        for (position, field) in item.fields.enumerated() {
            let fieldPlace = "\(place).fields[\(position)]"
            guard let definition = catalog.field(id: field.id) else {
                throw InspectError(
                    location, "\(fieldPlace).id: expected a \(architecture.structureName) field id, found '\(field.id.prefix(40))'")
            }
            if definition.isByteString {
                // Every byte of the field, as `show --json` writes it: a shorter or longer
                // string would leave bytes unknown or invent some.
                let tokens = field.value.split(separator: " ")
                let bytes = tokens.compactMap { $0.count == 2 ? UInt8($0, radix: 16) : nil }
                guard bytes.count == tokens.count, bytes.count == definition.size else {
                    throw InspectError(
                        location,
                        "\(fieldPlace).value: expected the \(definition.size) bytes of \(field.id) in hex with spaces between ('0f 1f 44 ...'); "
                            + "found '\(field.value.prefix(60))'" + (bytes.count == tokens.count ? " (\(bytes.count) bytes)" : ""))
                }
                snapshot.values[field.id] = .bytes(bytes)
            } else if let value = NumberText.hex(field.value) {
                snapshot.values[field.id] = .integer(value)
                for (key, text, kind) in [("absent_bits", field.absentBits, 0), ("guest_view_bits", field.guestViewBits, 1)] {
                    guard let text else { continue }
                    guard let bits = NumberText.hex(text) else {
                        throw InspectError(
                            location, "\(fieldPlace).\(key): expected a hex number of at most 64 bits for \(field.id), found '\(text.prefix(40))'")
                    }
                    if kind == 0 { snapshot.absentBits[field.id] = bits } else { snapshot.guestViewBits[field.id] = bits }
                }
            } else {
                throw InspectError(
                    location,
                    "\(fieldPlace).value: expected a hex number of at most 64 bits for \(field.id), found '\(field.value.prefix(40))'")
            }
        }
        for (position, failure) in item.failures.enumerated() {
            snapshot.failures.append(try Self.failure(failure, place: "\(place).failures[\(position)]", location: location))
        }
        return snapshot
    }

    /// A recorded failure read back; located where its snapshot is (the copy's own place).
    static func failure(_ failure: Item.Failure, place: String, location: SourceLocation) throws -> RecordedFailure {
        guard let value = NumberText.hex(failure.value) else {
            throw InspectError(location, "\(place).value: expected a hex number, found '\(failure.value.prefix(40))'")
        }
        let kind: RecordedFailure.Kind
        switch failure.kind {
        case "vmx_exit_reason", "vm_instruction_error":
            guard let word = UInt32(exactly: value) else {
                throw InspectError(location, "\(place).value: expected a 32-bit number for \(failure.kind), found '\(failure.value.prefix(40))'")
            }
            kind = failure.kind == "vmx_exit_reason" ? .vmxExitReason(word) : .vmInstructionError(word)
        case "svm_exit_code":
            kind = .svmExitCode(value)
        default:
            throw InspectError(
                location,
                "\(place).kind: expected 'vmx_exit_reason', 'vm_instruction_error' or 'svm_exit_code', found '\(failure.kind.prefix(40))'")
        }
        var msrIndex: UInt32?
        if let text = failure.msr {
            guard let index = NumberText.hex(text).flatMap({ UInt32(exactly: $0) }) else {
                throw InspectError(location, "\(place).msr: expected a 32-bit MSR index, found '\(text.prefix(40))'")
            }
            msrIndex = index
        }
        var msrValue: UInt64?
        if let text = failure.msrValue {
            guard let parsed = NumberText.hex(text) else {
                throw InspectError(location, "\(place).msr_value: expected a hex number of at most 64 bits, found '\(text.prefix(40))'")
            }
            msrValue = parsed
        }
        return RecordedFailure(kind: kind, msrIndex: msrIndex, msrValue: msrValue, text: failure.text, location: location)
    }

    /// A decoding error in a few words: where in the document, what was expected, what found.
    /// `under` names the part of the document that was decoded (`snapshots[2]`), if not all.
    static func describe(_ error: any Error, under: String = "") -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var text = under
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "the document" : text
        }
        func kind(_ type: Any.Type) -> String {
            switch type {
            case is String.Type: return "a string"
            case is [Any].Type: return "a list"
            case is [String: Any].Type: return "an object"
            default: return "\(type)"
            }
        }
        /// What the decoder found, from its description (`… but found number instead.`).
        func found(_ description: String) -> String {
            let text = Substring(description)
            guard let start = ByteSearch.find("but found ", in: text), let end = ByteSearch.find(" instead", in: text[start.upperBound...])
            else { return "something else" }
            let what = text[start.upperBound..<end.lowerBound]
            return what.hasPrefix("a ") || what.hasPrefix("an ") ? String(what) : "a \(what)"
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\(path(context.codingPath)): expected the key '\(key.stringValue)', found none"
        case DecodingError.typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(kind(type)), found \(found(context.debugDescription))"
        case DecodingError.valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(kind(type)), found null"
        case DecodingError.dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription.prefix(80))"
        default: return "expected a vmcs-inspect/show document"
        }
    }
}

/// Where a JSON text breaks the grammar (RFC 8259), found before decoding so that the message
/// can name the line: the decoder says only that the data is not valid JSON. Iterative, so a
/// document nested without end cannot exhaust the stack.
enum JSONSyntax {
    /// JSON's whitespace: space, tab, line feed, carriage return.
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d }

    /// Deeper than any document the tool writes (about six levels), far below what would
    /// cost the decoder its stack.
    static let maximumDepth = 100

    struct Problem: Equatable {
        let line: Int
        let message: String
    }

    static func check(_ b: [UInt8]) -> Problem? {
        enum State {
            case value(first: Bool)
            case key(first: Bool)
            case colon
            case after
        }
        var state = State.value(first: false)
        var stack: [UInt8] = []
        var line = 1
        var i = 0
        let end = b.count
        func shown(_ byte: UInt8) -> String {
            byte >= 0x20 && byte < 0x7f
                ? "'\(Character(Unicode.Scalar(byte)))'" : "the byte 0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
        }
        func closer() -> String { stack.last == UInt8(ascii: "{") ? "'}'" : "']'" }
        if b.starts(with: [0xef, 0xbb, 0xbf]) { i = 3 }
        while true {
            while i < end, isBlank(b[i]) {
                if b[i] == 0x0a { line += 1 }
                i += 1
            }
            guard i < end else {
                if case .after = state, stack.isEmpty { return nil }
                let wanted: String
                switch state {
                case .value: wanted = "a value"
                case .key: wanted = "a key"
                case .colon: wanted = "':'"
                case .after: wanted = "',' or \(closer())"
                }
                return Problem(line: line, message: "expected \(wanted), found the end of the input")
            }
            let c = b[i]
            switch state {
            case .value(let first):
                switch c {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard stack.count < maximumDepth else {
                        return Problem(line: line, message: "expected at most \(maximumDepth) nested lists and objects, found more")
                    }
                    stack.append(c)
                    i += 1
                    state = c == UInt8(ascii: "{") ? .key(first: true) : .value(first: true)
                case UInt8(ascii: "]") where first:
                    stack.removeLast()
                    i += 1
                    state = .after
                case UInt8(ascii: "\""):
                    if let problem = string(b, &i, line: line) { return problem }
                    state = .after
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    guard number(b, &i) else { return Problem(line: line, message: "expected a number, found a malformed one") }
                    state = .after
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    let word = c == UInt8(ascii: "t") ? "true" : c == UInt8(ascii: "f") ? "false" : "null"
                    guard b[i...].starts(with: word.utf8) else {
                        return Problem(line: line, message: "expected a value, found \(shown(c))")
                    }
                    i += word.utf8.count
                    state = .after
                default:
                    return Problem(line: line, message: "expected a value, found \(shown(c))")
                }
            case .key(let first):
                if c == UInt8(ascii: "}"), first {
                    stack.removeLast()
                    i += 1
                    state = .after
                } else if c == UInt8(ascii: "\"") {
                    if let problem = string(b, &i, line: line) { return problem }
                    state = .colon
                } else {
                    return Problem(line: line, message: "expected a key in double quotes, found \(shown(c))")
                }
            case .colon:
                guard c == UInt8(ascii: ":") else { return Problem(line: line, message: "expected ':' after a key, found \(shown(c))") }
                i += 1
                state = .value(first: false)
            case .after:
                guard let open = stack.last else {
                    return Problem(line: line, message: "expected the end of the input after the document, found \(shown(c))")
                }
                if c == UInt8(ascii: ",") {
                    i += 1
                    state = open == UInt8(ascii: "{") ? .key(first: false) : .value(first: false)
                } else if c == UInt8(ascii: "}") && open == UInt8(ascii: "{") || c == UInt8(ascii: "]") && open == UInt8(ascii: "[") {
                    stack.removeLast()
                    i += 1
                } else {
                    return Problem(line: line, message: "expected ',' or \(closer()), found \(shown(c))")
                }
            }
        }
    }

    /// Where the parts `show --json` writes are in a document that passed `check`.
    struct ShowDocument {
        /// The `schema` member's value (a string, with its quotes).
        let schema: Range<Int>
        /// Each item of the `snapshots` list.
        let snapshots: [Range<Int>]
    }

    /// The parts of a document that passed `check` whose top-level object has exactly one
    /// `schema` member, a string, and one `snapshots` member, a list; nil for any other shape.
    static func showDocument(_ b: [UInt8]) -> ShowDocument? {
        var i = b.starts(with: [0xef, 0xbb, 0xbf]) ? 3 : 0
        func blanks() { while i < b.count, isBlank(b[i]) { i += 1 } }
        blanks()
        guard i < b.count, b[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var schema: Range<Int>?
        var snapshots: [Range<Int>]?
        var seen = (schema: 0, snapshots: 0)
        while true {
            blanks()
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: "}") { break }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                blanks()
            }
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
            let keyStart = i
            guard string(b, &i, line: 0) == nil else { return nil }
            let key = b[keyStart..<i]
            blanks()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            blanks()
            let valueStart = i
            if key.elementsEqual(#""snapshots""#.utf8) {
                seen.snapshots += 1
                guard i < b.count, b[i] == UInt8(ascii: "[") else { return nil }
                i += 1
                var items: [Range<Int>] = []
                while true {
                    blanks()
                    guard i < b.count else { return nil }
                    if b[i] == UInt8(ascii: "]") {
                        i += 1
                        break
                    }
                    if b[i] == UInt8(ascii: ",") {
                        i += 1
                        blanks()
                    }
                    let itemStart = i
                    guard skipValue(b, &i) else { return nil }
                    items.append(itemStart..<i)
                }
                snapshots = items
            } else {
                guard skipValue(b, &i) else { return nil }
                if key.elementsEqual(#""schema""#.utf8) {
                    seen.schema += 1
                    guard b[valueStart] == UInt8(ascii: "\"") else { return nil }
                    schema = valueStart..<i
                }
            }
        }
        guard let schema, let snapshots, seen == (1, 1) else { return nil }
        return ShowDocument(schema: schema, snapshots: snapshots)
    }

    /// Skips one value of a document that passed `check`, at `i`; false at its end.
    static func skipValue(_ b: [UInt8], _ i: inout Int) -> Bool {
        guard i < b.count else { return false }
        switch b[i] {
        case UInt8(ascii: "\""):
            return string(b, &i, line: 0) == nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while i < b.count {
                switch b[i] {
                case UInt8(ascii: "\""):
                    guard string(b, &i, line: 0) == nil else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        i += 1
                        return true
                    }
                default: break
                }
                i += 1
            }
            return false
        default:
            // A number, true, false or null: up to the next delimiter.
            let start = i
            while i < b.count, b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "}"), b[i] != UInt8(ascii: "]"), b[i] > 0x20 { i += 1 }
            return i > start
        }
    }

    /// Skips a string whose opening quote is at `i`; a problem when it does not close on its line.
    static func string(_ b: [UInt8], _ i: inout Int, line: Int) -> Problem? {
        i += 1
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\""):
                i += 1
                return nil
            case UInt8(ascii: "\\"):
                i += 2
            case 0..<0x20:
                return Problem(line: line, message: "expected a string to close with '\"' on its line, found a control byte")
            default:
                i += 1
            }
        }
        return Problem(line: line, message: "expected a string to close with '\"', found the end of the input")
    }

    /// Skips a number at `i` (RFC 8259 section 6); false when it is malformed.
    static func number(_ b: [UInt8], _ i: inout Int) -> Bool {
        func digits() -> Int {
            let start = i
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return true
    }
}
