import Foundation

/// A JSON value as parsed by `JSONText`, objects keeping their key order.
indirect enum JSONValue: Equatable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    /// The number as written.
    case number(String)
    case bool(Bool)
    case null

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): return x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
        case (.array(let x), .array(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x), .number(let y)): return Double(x) == Double(y)
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}

/// A strict JSON parser (RFC 8259) for tests: no trailing commas, no duplicate keys, every
/// escape checked, and control characters in strings refused.
struct JSONText {
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let message: String
        var description: String { "byte \(offset): \(message)" }
    }

    private let bytes: [UInt8]
    private var position = 0

    static func parse(_ text: String) throws -> JSONValue {
        var parser = JSONText(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.position == parser.bytes.count else { throw Failure(offset: parser.position, message: "text after the value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x0a, 0x0d, 0x09].contains(bytes[position]) { position += 1 }
    }

    private func fail(_ message: String) -> Failure { Failure(offset: position, message: message) }

    private mutating func expect(_ literal: String) throws {
        for byte in literal.utf8 {
            guard position < bytes.count, bytes[position] == byte else { throw fail("expected '\(literal)'") }
            position += 1
        }
    }

    private mutating func value() throws -> JSONValue {
        guard position < bytes.count else { throw fail("unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipSpace()
                let key = try string()
                guard !members.contains(where: { $0.key == key }) else { throw fail("duplicate key '\(key)'") }
                skipSpace()
                try expect(":")
                skipSpace()
                members.append((key, try value()))
                skipSpace()
                guard position < bytes.count else { throw fail("unexpected end in an object") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else {
                    try expect("}")
                    return .object(members)
                }
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [JSONValue] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard position < bytes.count else { throw fail("unexpected end in an array") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else {
                    try expect("]")
                    return .array(items)
                }
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        default: return .number(try number())
        }
    }

    private mutating func number() throws -> String {
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        func digits() -> Int {
            let from = position
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            return position - from
        }
        let integer = position
        guard digits() > 0 else { throw fail("expected a value") }
        if bytes[integer] == UInt8(ascii: "0"), position - integer > 1 { throw fail("leading zero") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw fail("expected digits after '.'") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw fail("expected an exponent") }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func string() throws -> String {
        try expect("\"")
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        while true {
            guard position < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                guard position < bytes.count else { throw fail("unterminated escape") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{c}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count,
                        let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
                    else { throw fail("bad \\u escape") }
                    position += 4
                    guard let scalar = Unicode.Scalar(code) else { throw fail("\\u escape of a surrogate") }
                    scalars.append(scalar)
                default: throw fail("bad escape")
                }
            default:
                guard byte >= 0x20 else { throw fail("control character in a string") }
                raw.append(byte)
            }
        }
    }
}

/// Validates JSON against the part of JSON Schema draft 2020-12 the schemas in `Render/schemas/`
/// use: type, const, enum, properties, required, additionalProperties, items, pattern,
/// minimum, maximum, allOf, anyOf, oneOf, and `$ref` to `#/$defs/…`. A keyword it does not
/// know is a failure, so a schema cannot quietly use more than is checked.
struct JSONSchemaValidator {
    let root: JSONValue

    static let keywords: Set<String> = [
        "$schema", "$id", "$defs", "title", "description", "type", "const", "enum", "properties", "required", "additionalProperties",
        "items", "pattern", "minimum", "maximum", "allOf", "anyOf", "oneOf", "$ref",
    ]

    /// The problems of `value` against the schema at `pointer` (`#` or `#/$defs/line`), with
    /// the path to each.
    func validate(_ value: JSONValue, at pointer: String = "#") -> [String] {
        guard let schema = resolve(pointer) else { return ["no schema at \(pointer)"] }
        return validate(value, schema, path: "$")
    }

    func resolve(_ pointer: String) -> JSONValue? {
        guard pointer.hasPrefix("#") else { return nil }
        var node = root
        for part in pointer.dropFirst().split(separator: "/") {
            guard let next = node[String(part)] else { return nil }
            node = next
        }
        return node
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .object: return "object"
        case .array: return "array"
        case .string: return "string"
        case .number(let text): return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? "number" : "integer"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }

    func validate(_ value: JSONValue, _ schema: JSONValue, path: String) -> [String] {
        guard case .object(let keywords) = schema else { return ["\(path): the schema is not an object"] }
        var problems: [String] = []
        for (keyword, rule) in keywords {
            switch keyword {
            case "$schema", "$id", "$defs", "title", "description":
                continue
            case "$ref":
                guard let target = rule.string.flatMap(resolve) else {
                    problems.append("\(path): unresolved $ref")
                    continue
                }
                problems += validate(value, target, path: path)
            case "type":
                let allowed = rule.array?.compactMap(\.string) ?? [rule.string ?? ""]
                let actual = Self.typeName(value)
                if !allowed.contains(actual), !(actual == "integer" && allowed.contains("number")) {
                    problems.append("\(path): \(actual), expected \(allowed.joined(separator: " or "))")
                }
            case "const":
                if value != rule { problems.append("\(path): not the constant the schema gives") }
            case "enum":
                if !(rule.array ?? []).contains(value) { problems.append("\(path): not one of the values the schema lists") }
            case "properties":
                guard case .object(let members) = value, case .object(let properties) = rule else { continue }
                for (key, member) in members {
                    if let property = properties.first(where: { $0.key == key })?.value {
                        problems += validate(member, property, path: "\(path).\(key)")
                    }
                }
            case "required":
                guard case .object(let members) = value else { continue }
                for key in (rule.array ?? []).compactMap(\.string) where !members.contains(where: { $0.key == key }) {
                    problems.append("\(path): no '\(key)'")
                }
            case "additionalProperties":
                guard case .object(let members) = value else { continue }
                let known =
                    schema["properties"].flatMap { properties -> [String]? in
                        if case .object(let list) = properties { return list.map(\.key) }
                        return nil
                    } ?? []
                for (key, member) in members where !known.contains(key) {
                    if case .bool(false) = rule {
                        problems.append("\(path): '\(key)' is not in the schema")
                    } else if case .object = rule {
                        problems += validate(member, rule, path: "\(path).\(key)")
                    }
                }
            case "items":
                guard case .array(let items) = value else { continue }
                for (index, item) in items.enumerated() { problems += validate(item, rule, path: "\(path)[\(index)]") }
            case "pattern":
                guard case .string(let text) = value, let pattern = rule.string else { continue }
                if text.range(of: pattern, options: .regularExpression) == nil {
                    problems.append("\(path): '\(text.prefix(60))' does not match \(pattern)")
                }
            case "minimum", "maximum":
                guard case .number(let text) = value, let number = Double(text), case .number(let limit) = rule, let bound = Double(limit)
                else {
                    continue
                }
                if keyword == "minimum" ? number < bound : number > bound { problems.append("\(path): \(text) is out of range") }
            case "allOf":
                for part in rule.array ?? [] { problems += validate(value, part, path: path) }
            case "anyOf":
                if !(rule.array ?? []).contains(where: { validate(value, $0, path: path).isEmpty }) {
                    problems.append("\(path): matches none of anyOf")
                }
            case "oneOf":
                let matching = (rule.array ?? []).filter { validate(value, $0, path: path).isEmpty }.count
                if matching != 1 {
                    let closest = (rule.array ?? []).map { validate(value, $0, path: path) }.min { $0.count < $1.count } ?? []
                    problems.append("\(path): matches \(matching) of oneOf" + (matching == 0 ? " (closest: \(closest.prefix(3)))" : ""))
                }
            default:
                problems.append("\(path): the validator does not know the keyword '\(keyword)'")
            }
        }
        return problems
    }
}
