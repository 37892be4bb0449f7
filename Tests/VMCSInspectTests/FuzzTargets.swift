// The fuzz targets' paths through the tool, shared by the libFuzzer harness (Fuzz/main.swift,
// built by Fuzz/build.sh) and by FuzzRegressionTests, which replays Tests/FuzzCorpus through
// them. Each target takes raw bytes and runs what a user's command would: load (a forced format,
// or detection) → decode → check → render text and JSON, through the library's command-level
// entry points only (`ShowCommand.run`, `CheckCommand.run`, `ScanCommand.run`), rendered by
// the text and JSON renderers the executable uses. Only the public API is used: the file
// compiles against the library as a separate module in both builds.
//
// Cost. Decoding, checking and rendering a dump costs milliseconds (the JSON of one dump is
// over 100 KB); reading it costs far less. A text target therefore reads the input once in
// memory first, and runs the commands only when that produced a snapshot the session has not
// yet taken through them: those stages are pure functions of the snapshot, so running them again
// on an equal one cannot behave differently. The fingerprint leaves out where the snapshot was
// found (its line, its index), which the output only prints.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import VMCSInspect

/// What one run of a target came to: how many pieces of output the commands wrote, or the
/// error the input was refused with (the first, when several commands refused it).
public struct FuzzOutcome {
    public var written = 0
    public var error: InspectError?
    /// The commands ran (the input's reading alone did not decide the run).
    public var ranCommands = false
}

/// One fuzz target: a name (`Fuzz/run.sh NAME`, `Tests/FuzzCorpus/NAME/`) and its path.
public struct FuzzTarget: Sendable {
    public let name: String
    /// What the target's input is, for `Fuzz/run.sh --list`.
    public let summary: String
    let body: @Sendable (_ bytes: [UInt8], _ session: FuzzSession) throws -> FuzzOutcome

    /// Runs the input through the target. Errors other than `InspectError` are rethrown: the
    /// tool reports every refusal as an `InspectError`, so anything else is a bug.
    public func run(_ bytes: [UInt8], session: FuzzSession) throws -> FuzzOutcome {
        try body(bytes, session)
    }
}

/// A fuzzing session: a scratch directory (the commands take paths, so each input is written to
/// a file there, on tmpfs when /dev/shm exists), and the fingerprints of the snapshots already
/// taken through decode, check and render.
public final class FuzzSession {
    public let directory: String
    public let input: String
    /// A fixed page for the layout target to read with the layout under test.
    public let page: String
    /// Fingerprints of snapshots the commands have run on; nil: run them on every input.
    var seen: Set<Int>?
    /// Inputs run, and how many of them went on to the commands.
    public private(set) var runs = 0
    public private(set) var commandRuns = 0

    /// `remember`: skip the commands for inputs whose snapshots were all seen (fuzzing); false
    /// runs every input's whole path (regression replay).
    public init(remember: Bool) {
        seen = remember ? [] : nil
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp")
        var template = Array((base + "/vmcs-inspect-fuzz-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
            fatalError("fuzz: cannot make a scratch directory in \(base): errno \(errno)")
        }
        directory = String(cString: made)
        input = directory + "/input"
        page = directory + "/page.bin"
        // A page with every byte set, so a layout's fields read distinct non-zero values.
        var bytes = [UInt8](repeating: 0, count: 4096)
        var state: UInt32 = 0x1234_5678
        for index in bytes.indices {
            state = state &* 1_664_525 &+ 1_013_904_223
            bytes[index] = UInt8(truncatingIfNeeded: state >> 24)
        }
        write(bytes, to: page)
    }

    deinit {
        unlink(input)
        unlink(page)
        rmdir(directory)
    }

    /// Writes `bytes` as the input file, replacing what was there.
    public func write(_ bytes: [UInt8]) -> String {
        write(bytes, to: input)
        return input
    }

    private func write(_ bytes: [UInt8], to path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { fatalError("fuzz: cannot write \(path): errno \(errno)") }
        defer { close(descriptor) }
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress.map { $0 + done }, $0.count - done) }
            guard count > 0 else { fatalError("fuzz: cannot write \(path): errno \(errno)") }
            done += count
        }
    }

    /// True for one input in sixteen, by a fixed hash of its bytes (FNV-1a), so the same input
    /// is always sampled the same way, in any process. The hash's top bits decide: its low
    /// bits depend only on the low bits of each byte.
    static func sampled(_ bytes: [UInt8]) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash >> 60 == 0
    }

    func counted(commands: Bool) {
        runs += 1
        if commands { commandRuns += 1 }
    }

    /// Kinds of snapshot (architecture, format, producer) the commands have run on.
    var kinds: Set<Int> = []

    /// True when the commands should run for these snapshots. Decoding, checking and rendering
    /// cost milliseconds and reading microseconds: the commands run on the first snapshot of each
    /// kind (architecture, format, producer), so an input run alone (a replay, a reproduction)
    /// always takes the whole path, and on one in sixteen of the other snapshots not seen
    /// before (by their fingerprint), so the readers get most of the executions. The set is
    /// emptied when it grows past a million, so memory stays bounded.
    func isNew(_ snapshots: [Snapshot]) -> Bool {
        // Taken out of `seen` while it grows: a copy left there would make the first insert copy
        // the whole set, for every input (raw fell from 1,000 to 450 runs a second in half a
        // million runs).
        guard var known = seen.take() else { return true }
        if known.count > 1 << 20 { known = [] }
        var new = false
        for snapshot in snapshots {
            let fingerprint = Self.fingerprint(snapshot)
            if kinds.insert(Self.kind(snapshot)).inserted { new = true }
            if known.insert(fingerprint).inserted, fingerprint & 15 == 0 { new = true }
        }
        seen = known
        return new
    }

    /// A hash of a snapshot's kind: architecture, format and producer.
    static func kind(_ snapshot: Snapshot) -> Int {
        var hasher = Hasher()
        hasher.combine(snapshot.architecture)
        hasher.combine(snapshot.format.rawValue)
        hasher.combine(snapshot.producer)
        return hasher.finalize()
    }

    /// A hash of everything the commands read of a snapshot except where it was found.
    static func fingerprint(_ snapshot: Snapshot) -> Int {
        var hasher = Hasher()
        hasher.combine(snapshot.architecture)
        hasher.combine(snapshot.format.rawValue)
        hasher.combine(snapshot.producer)
        // Dictionaries in any order: the entries' own hashes, summed.
        var values = 0
        for (id, value) in snapshot.values {
            var entry = Hasher()
            entry.combine(id)
            switch value {
            case .integer(let integer): entry.combine(integer)
            case .bytes(let bytes): entry.combine(bytes)
            }
            values &+= entry.finalize()
        }
        hasher.combine(values)
        var notes = 0
        for (id, texts) in snapshot.notes { notes &+= Hasher.hash(id, texts) }
        hasher.combine(notes)
        var guestView = 0
        for (id, bits) in snapshot.guestViewBits { guestView &+= Hasher.hash(id, bits) }
        hasher.combine(guestView)
        for (key, value) in snapshot.metadata {
            hasher.combine(key)
            hasher.combine(value)
        }
        hasher.combine(snapshot.pageNotes)
        for failure in snapshot.failures {
            switch failure.kind {
            case .vmxExitReason(let reason): hasher.combine(1 as UInt8); hasher.combine(reason)
            case .vmInstructionError(let error): hasher.combine(2 as UInt8); hasher.combine(error)
            case .svmExitCode(let code): hasher.combine(3 as UInt8); hasher.combine(code)
            }
            hasher.combine(failure.msrIndex)
            hasher.combine(failure.msrValue)
            hasher.combine(failure.text)
        }
        hasher.combine(snapshot.page)
        hasher.combine(snapshot.container)
        return hasher.finalize()
    }
}

extension Hasher {
    fileprivate static func hash<A: Hashable, B: Hashable>(_ a: A, _ b: B) -> Int {
        var hasher = Hasher()
        hasher.combine(a)
        hasher.combine(b)
        return hasher.finalize()
    }
}

public enum FuzzTargets {
    /// The name inputs are shown under in output and messages.
    static let displayName = "fuzz-input"

    /// Text readers by the format `--format` forces (the names of `InputFormat.all`).
    static func forced(_ name: String, _ summary: String, format: String, sampled: Bool = false) -> FuzzTarget {
        FuzzTarget(name: name, summary: summary) { bytes, session in
            try commands(
                session.write(bytes), session, settings: InputSettings(format: InputFormat.named(format)),
                sampled: sampled && (session.seen == nil || FuzzSession.sampled(bytes)))
        }
    }

    /// Targets whose first input byte picks a variant (a format, a layout, a radix) and whose
    /// other bytes are the input.
    static func selected(_ name: String, _ summary: String, _ variants: [InputSettings], pad: Int? = nil) -> FuzzTarget {
        FuzzTarget(name: name, summary: summary) { bytes, session in
            guard let selector = bytes.first else { return FuzzOutcome() }
            var input = Array(bytes.dropFirst())
            if let pad {
                // A raw page is exactly one page: shorter inputs are padded, longer ones cut.
                input = Array(input.prefix(pad)) + [UInt8](repeating: 0, count: max(0, pad - input.count))
            }
            return try commands(session.write(input), session, settings: variants[Int(selector) % variants.count])
        }
    }

    public static let all: [FuzzTarget] = [
        FuzzTarget(name: "detect", summary: "any bytes, read as detection decides (gzip, UTF-16, quoted-printable, every reader, crash dumps)") {
            bytes, session in try commands(session.write(bytes), session, settings: InputSettings())
        },
        selected(
            "raw", "byte 0 picks --layout (none, vmcs12, evmcs); the rest is a raw page, padded or cut to 4096 bytes",
            [InputSettings(format: .raw), InputSettings(format: .raw, layout: "vmcs12"), InputSettings(format: .raw, layout: "evmcs")],
            pad: 4096),
        selected(
            "hexdump", "byte 0 picks --format xxd, hexdump, od, gdb, crash or hex; the rest is the dump text",
            ["xxd", "hexdump", "od", "gdb", "crash", "hex"].map { InputSettings(format: InputFormat.named($0)) }),
        forced("kvm", "--format kvm: KVM's dump_vmcs and dump_vmcb in a kernel log", format: "kvm"),
        forced("xen", "--format xen: Xen's VMCS and VMCB dumps in a hypervisor log", format: "xen"),
        forced("qemu", "--format qemu: QEMU's CPU state dumps", format: "qemu"),
        forced("vbox", "--format vbox: VirtualBox's VBox.log Guru Meditation dumps", format: "vbox"),
        // `show` of a whole trace summarises its events, which are not all in the snapshots: one
        // input in sixteen (by its bytes) runs the commands whatever its snapshots are.
        forced("trace", "--format trace: KVM trace events (ftrace, trace-cmd, perf)", format: "trace", sampled: true),
        forced("bhyvectl", "--format bhyvectl: bhyvectl --get-all output", format: "bhyvectl"),
        selected(
            "fields", "byte 0 picks --radix (none, hex, dec); the rest is a field log",
            [InputSettings(format: .fields), InputSettings(format: .fields, radix: .hex), InputSettings(format: .fields, radix: .dec)]),
        forced("json", "--format json: the tool's own JSON snapshots", format: "json"),
        FuzzTarget(name: "layout", summary: "a VMCS layout file, given with --layout to read a fixed page") { bytes, session in
            let layout = session.write(bytes)
            return try commands(session.page, session, settings: InputSettings(format: .raw, layout: layout))
        },
        FuzzTarget(
            name: "qp", summary: "quoted-printable mail text: the bytes after a head that makes detection decode them"
        ) { bytes, session in
            // Three `=3D` escapes and a soft line break: QuotedPrintable.isEncoded says yes, and
            // they decode to a line `===` before the input's own first line.
            try commands(session.write(Array("=3D=3D=3D\n=\n".utf8) + bytes), session, settings: InputSettings())
        },
        FuzzTarget(name: "logline", summary: "log line cleaning and every reader's detection score, on the head sample") { bytes, session in
            let head = HeadSample(bytes: Array(bytes.prefix(HeadSample.size)), isWhole: bytes.count <= HeadSample.size)
            var outcome = FuzzOutcome()
            var previous: LogLine?
            for line in head.lines {
                if let previous { _ = previous.joined(with: line) }
                previous = line
                outcome.written += line.body.utf8.count > 0 ? 1 : 0
            }
            for entry in TextReaders.all { _ = entry.score(head) }
            session.counted(commands: false)
            return outcome
        },
        FuzzTarget(name: "dump", summary: "a crash dump or memory image (ELF core, kdump, flattened, LiME, gzip, raw): scan, then its candidates") {
            bytes, session in try dump(session.write(bytes), session)
        },
    ]

    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// Reads the input as `show` would (`path` may name a crash dump's page, `FILE@0xADDR`); when
    /// that yields a snapshot new to the session (or a crash dump's scan listing, or the input is
    /// `sampled`), runs `show` as text and as JSON, then `check` as text (with the undecided
    /// rules) and as JSON.
    ///
    /// `counted`: the run counts as one of the session's inputs (a crash dump's pages are
    /// counted together, by their input). `refused`: the commands run on an input whose reading
    /// was refused too (they refuse it as quickly, and their refusals are paths of their own).
    static func commands(
        _ path: String, _ session: FuzzSession, settings: InputSettings, sampled: Bool = false, counted: Bool = true,
        refused: Bool = false
    ) throws -> FuzzOutcome {
        var outcome = FuzzOutcome()
        var snapshots: [Snapshot] = []
        var read = false
        try attempt(&outcome) { _ in
            var selection = try SnapshotSelection(InputReference.parse(path), settings: settings, displayName: displayName)
            while let snapshot = try selection.next() { snapshots.append(snapshot) }
            read = true
        }
        // A crash dump given without an address is refused by the text reader; `show` lists
        // what a scan finds in it.
        let listing = outcome.error != nil && settings.format == nil && MemoryImage.recognise(path: path) != nil
        let isNew = !snapshots.isEmpty && session.isNew(snapshots)
        guard listing || isNew || read && sampled || refused && !read else {
            if counted { session.counted(commands: false) }
            return outcome
        }
        if counted { session.counted(commands: true) }
        outcome.ranCommands = true
        outcome.error = nil
        // While fuzzing, the commands take their dumps one by one: two fuzzers share the cores, and
        // threads for a few dumps cost more than they give. A replay takes them in batches, on
        // threads, as the executable does.
        let concurrent = session.seen == nil
        try attempt(&outcome) { try show(path, settings, json: false, concurrent: concurrent, &$0) }
        if outcome.written == 0, outcome.error != nil { return outcome }
        try attempt(&outcome) { try show(path, settings, json: true, concurrent: concurrent, &$0) }
        // `check` costs as much as `show`. While fuzzing, each input gets one of its renderings,
        // text or JSON as the snapshots' fingerprint says (so an input always gets the same one);
        // a replay gets both.
        let parity = session.seen != nil ? snapshots.first.map { FuzzSession.fingerprint($0) & 1 } : nil
        if parity != 1 { try attempt(&outcome) { try check(path, settings, json: false, concurrent: concurrent, &$0) } }
        if parity != 0 { try attempt(&outcome) { try check(path, settings, json: true, concurrent: concurrent, &$0) } }
        return outcome
    }

    /// `scan` as text and JSON, then the first two candidates' pages (or the page at address 0
    /// when there is none) through the commands, as `commands` takes them: each page is read, and
    /// shown and checked when it is new to the session.
    static func dump(_ path: String, _ session: FuzzSession) throws -> FuzzOutcome {
        var outcome = FuzzOutcome()
        var addresses: [UInt64] = []
        try attempt(&outcome) { written in
            let result = try ScanCommand.scan(ScanRequest(path: path, displayName: displayName))
            for json in [false, true] {
                let sink = Sink()
                _ = try ScanCommand.run([ScanRequest(path: path, displayName: displayName)], to: sink.renderer(json: json))
                written += sink.pieces
            }
            addresses = result.candidates.isEmpty ? [0] : result.candidates.prefix(2).map(\.address)
        }
        for address in addresses {
            let page = try commands(
                path + "@0x" + String(address, radix: 16), session, settings: InputSettings(), counted: false, refused: true)
            outcome.written += page.written
            if outcome.error == nil { outcome.error = page.error }
            outcome.ranCommands = outcome.ranCommands || page.ranCommands
        }
        session.counted(commands: outcome.ranCommands)
        return outcome
    }

    /// `show`, as text with every field and bit or as JSON, counting the pieces it writes.
    static func show(_ path: String, _ settings: InputSettings, json: Bool, concurrent: Bool, _ written: inout Int) throws {
        let sink = Sink()
        defer { written += sink.pieces }
        var request = ShowRequest(path: path, displayName: displayName, settings: settings, showAll: !json, bits: json ? .none : .all)
        request.concurrent = concurrent
        sink.finish(try ShowCommand.run(request, to: sink.renderer(json: json)))
    }

    /// `check`, as text with the undecided rules or as JSON, counting the pieces it writes.
    static func check(_ path: String, _ settings: InputSettings, json: Bool, concurrent: Bool, _ written: inout Int) throws {
        let sink = Sink()
        defer { written += sink.pieces }
        var request = CheckRequest(path: path, displayName: displayName, settings: settings, unknown: !json)
        request.concurrent = concurrent
        sink.finish(try CheckCommand.run(request, to: sink.renderer(json: json)))
    }

    /// Where a command's renderer writes: every byte is read (so lazily built text is really
    /// built) and the pieces counted; the warnings the executable would print are read too.
    final class Sink {
        var pieces = 0

        func renderer(json: Bool) -> any DocumentRenderer {
            let write: (String) -> Void = { [self] text in
                pieces += 1
                touch(text)
            }
            return json ? JSONRenderer(write: write) : TextRenderer(options: RenderOptions(), write: write)
        }

        func finish(_ outcome: CommandOutcome) {
            for warning in outcome.warnings { touch(warning.description) }
        }
    }

    /// Runs one command, adding what it wrote (up to a refusal) to the outcome; its refusal is
    /// kept when it is the outcome's first. Any other error is thrown on: a bug.
    static func attempt(_ outcome: inout FuzzOutcome, _ body: (inout Int) throws -> Void) throws {
        var written = 0
        defer { outcome.written += written }
        do {
            try body(&written)
        } catch let error as InspectError {
            if outcome.error == nil { outcome.error = error }
        }
    }

    /// Counts the output's bytes, so the optimiser cannot drop the text that was built.
    static func touch(_ text: String) {
        blackHole &+= text.utf8.count
    }

    nonisolated(unsafe) static var blackHole = 0
}
