/// Where in an input something was found: a file (by display name) and a line or byte offset.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public enum Position: Sendable, Equatable {
        case none
        case line(Int)
        case byte(Int)
        /// A guest-physical address in a crash dump or memory image.
        case physical(UInt64)
    }

    /// The name to show for the input: its path as given, or `<stdin>`.
    public let file: String
    public let position: Position

    public init(file: String, _ position: Position = .none) {
        self.file = file
        self.position = position
    }

    public static func line(_ file: String, _ line: Int) -> SourceLocation { SourceLocation(file: file, .line(line)) }
    public static func byte(_ file: String, _ offset: Int) -> SourceLocation { SourceLocation(file: file, .byte(offset)) }

    public var description: String {
        switch position {
        case .none: return file
        case .line(let line): return "\(file):\(line)"
        case .byte(let offset): return "\(file): byte 0x\(String(offset, radix: 16))"
        case .physical(let address): return "\(file): physical 0x\(String(address, radix: 16))"
        }
    }
}

/// A fatal problem with an input or a request: the input cannot be read or decoded.
public struct InspectError: Error, Sendable, Equatable, CustomStringConvertible {
    public let location: SourceLocation?
    /// Lowercase, no final period; says what was expected and what was found.
    public let message: String
    /// True when the request rather than the input is wrong (an unknown field name): exit 64.
    public let isUsage: Bool

    public init(_ location: SourceLocation?, _ message: String, isUsage: Bool = false) {
        self.location = location
        self.message = message
        self.isUsage = isUsage
    }

    /// A problem with what was asked for rather than with an input.
    public static func usage(_ message: String) -> InspectError { InspectError(nil, message, isUsage: true) }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}

/// A problem that does not stop decoding (an unplaced line, a cut-off dump).
public struct InputWarning: Sendable, Equatable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
