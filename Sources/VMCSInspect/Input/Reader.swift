/// An input format: what `--format` names, and what headers and messages call it. The set is
/// open: each reader's file declares its formats and registers them in `InputFormat.all`.
public struct InputFormat: Hashable, Sendable, CustomStringConvertible {
    /// The `--format` value (`xxd`, `kvm`).
    public let rawValue: String
    /// What the format is, for help and messages (`xxd output`, `KVM dump_vmcs or dump_vmcb`).
    public let title: String
    /// An example line, for the README and man page tables.
    public let example: String
    /// True for formats that print chosen fields (logs): fields they lack are "not in the
    /// input"; false for whole pages and their hex dumps.
    public let isLog: Bool

    public init(_ rawValue: String, title: String, example: String, isLog: Bool) {
        self.rawValue = rawValue
        self.title = title
        self.example = example
        self.isLog = isLog
    }

    public var description: String { rawValue }

    public static func == (a: InputFormat, b: InputFormat) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// Every format, in the order help lists them.
    public static var all: [InputFormat] { TextReaders.all.flatMap(\.formats).filter { $0 != .layoutFile } + [.raw] }

    /// The format `--format` names.
    public static func named(_ name: String) -> InputFormat? {
        let wanted = name.lowercased()
        return all.first { $0.rawValue == wanted }
    }
}

/// How sure a reader is that a text is its format, with the evidence, from its head.
public struct Score: Sendable, Comparable {
    /// 0: not this format; 50 or more: this format; 100: its own unmistakable marks.
    public let value: Int
    /// What was seen, for messages (`'*** Guest State ***' on line 3`).
    public let evidence: String

    public init(_ value: Int, _ evidence: String) {
        self.value = max(0, min(100, value))
        self.evidence = evidence
    }

    public static let none = Score(0, "")
    /// Enough to be chosen.
    public static let threshold = 50

    public static func < (a: Score, b: Score) -> Bool { a.value < b.value }
}

/// The first bytes of a text input, split into lines once for every reader to score.
public struct HeadSample: Sendable {
    /// The bytes looked at (the first 64 KiB).
    public let bytes: [UInt8]
    /// The lines of the sample, raw and cleaned; the last one may be cut by the sample's end.
    public let raw: [String]
    public let lines: [LogLine]
    /// True when the sample is the whole input.
    public let isWhole: Bool
    /// What more than one reader works out from the sample, worked out once.
    let memo = HeadMemo()

    public static let size = 1 << 16

    public init(bytes: [UInt8], isWhole: Bool) {
        self.bytes = bytes
        self.isWhole = isWhole
        var raw: [String] = []
        var lines: [LogLine] = []
        let scanner = LineScanner(MemorySource(bytes, name: ""))
        try? scanner.run { line in
            raw.append(line.string)
            lines.append(LogLine(line))
            return .next
        }
        if !isWhole, raw.count > 1 {
            // The last line is most likely cut by the sample's end.
            raw.removeLast()
            lines.removeLast()
        }
        self.raw = raw
        self.lines = lines
    }

    /// The cleaned lines with content.
    public var nonEmpty: [LogLine] { lines.filter { !$0.content.isEmpty } }
}

/// What detection and then the chosen reader both work out from a head sample: the field-log
/// survey (`FieldLogReader.survey`), scored by detection and read again by the reader.
final class HeadMemo: @unchecked Sendable {
    private let lock = Mutex()
    private var survey: FieldLogReader.Survey?

    func fieldSurvey(_ make: () -> FieldLogReader.Survey) -> FieldLogReader.Survey {
        if let known = lock.locked({ survey }) { return known }
        let made = make()
        lock.locked { survey = made }
        return made
    }
}

/// What every reader needs besides the lines.
public struct ReaderContext: Sendable {
    /// The input's display name.
    public let name: String
    public let settings: InputSettings
    /// The format detection chose, or `--format` named.
    public let format: InputFormat
    /// The head sample detection looked at (readers may decide conventions from it).
    public let head: HeadSample
    /// The page layout `--layout` named, resolved.
    public let layout: PageLayout?

    public init(name: String, settings: InputSettings, format: InputFormat, head: HeadSample, layout: PageLayout? = nil) {
        self.name = name
        self.settings = settings
        self.format = format
        self.head = head
        self.layout = layout
    }

    public func location(_ line: Int) -> SourceLocation { .line(name, line) }
}

/// What a reader hands back as it reads: snapshots as they complete, warnings as they arise.
public struct ReaderOutput {
    public var snapshots: [Snapshot] = []
    public var warnings: [InputWarning] = []
    /// Lines of the input read so far, those skipped between dumps included (set for
    /// `finish`, whose messages count the input's lines).
    public var linesRead = 0

    public init() {}

    public mutating func warn(_ location: SourceLocation, _ message: String) {
        warnings.append(InputWarning(location, message))
    }
}

/// A reader of one kind of text input. It is given every line in order (or, when it asks
/// through `step`, only the lines holding its markers) and hands out each snapshot as soon as
/// it is complete; it never holds the whole text.
public protocol TextReader: AnyObject {
    /// What the scanner should hand over next: every line, or only lines with a marker (when
    /// no dump is open, so lines between dumps cost a table lookup per byte).
    var step: LineScanner.Step { get }
    /// Reads one line. Throws for input that cannot be decoded (a hex dump line that is not).
    func consume(_ line: TextLine, into output: inout ReaderOutput) throws
    /// The input ended: hands out what is left; throws when the input held nothing readable.
    func finish(into output: inout ReaderOutput) throws
    /// The longest line the reader is handed whole (longer ones come cut, marked truncated).
    var maximumLineLength: Int { get }
    /// Only the snapshot with this index will be used (`FILE@N`): the reader may hand out the
    /// others without their values, as long as their indexes and warnings are those it would
    /// give in full.
    func select(_ index: Int)
}

extension TextReader {
    public var maximumLineLength: Int { LineScanner.maximumLineLength }
    public func select(_ index: Int) {}
}

/// A reader of a format that is read whole rather than line by line (a JSON document, whose
/// lines may be of any length): it is given every byte of the input at once, up to `limit`.
public protocol WholeTextReader: TextReader {
    /// The most bytes the format is read up to; a larger input is an error.
    static var limit: Int { get }
    /// Reads the whole input: hands out its snapshots, or throws when it cannot be decoded.
    func read(_ bytes: [UInt8], into output: inout ReaderOutput) throws
}

/// A family of text formats read by one reader, registered in `TextReaders.all`.
public struct TextReaderEntry: Sendable {
    /// The formats the reader reads.
    public let formats: [InputFormat]
    /// How sure the reader is of a head sample, and for which of its formats.
    public let score: @Sendable (HeadSample) -> (InputFormat, Score)?
    /// A reader for the whole input. `formats` are those enabled: one when `--format` named
    /// it, all of the family's when detected.
    public let make: @Sendable (ReaderContext, [InputFormat]) throws -> any TextReader

    public init(
        formats: [InputFormat], score: @escaping @Sendable (HeadSample) -> (InputFormat, Score)?,
        make: @escaping @Sendable (ReaderContext, [InputFormat]) throws -> any TextReader
    ) {
        self.formats = formats
        self.score = score
        self.make = make
    }
}
