/// The dumps of one log as a reader collects them: the dump being read, the finished ones, and
/// the warnings about what could not be placed. Shared by the VMCB and VMCS log readers.
struct DumpCollector {
    let name: String
    /// `VMCB` or `VMCS`, for messages.
    let structure: String
    private(set) var snapshots: [Snapshot] = []
    var warnings: [InputWarning] = []
    /// The dump being read.
    var current: Snapshot?
    /// Whether the current dump's last line has been read.
    var complete = false
    /// The last line that gave the current dump a value.
    var lastLine = 0
    /// Lines in a row inside the dump that fit nowhere.
    private var strayRun = 0

    init(name: String, structure: String) {
        self.name = name
        self.structure = structure
    }

    /// Whether a dump is open and still expects lines.
    var reading: Bool { current != nil && !complete }

    /// Ends the current dump; one that stopped before its last line is kept with a warning.
    mutating func finish() {
        guard var snapshot = current else { return }
        current = nil
        if snapshot.values.isEmpty { return }
        if !complete {
            warn(
                lastLine,
                "dump \(snapshots.count + 1) ends early after this line: \(snapshot.values.count) fields read, the rest are absent")
        }
        snapshot.index = snapshots.count
        snapshots.append(snapshot)
    }

    /// Finishes the current dump and opens `snapshot`.
    mutating func begin(_ snapshot: Snapshot) {
        finish()
        current = snapshot
        complete = false
        strayRun = 0
    }

    /// A line the reader recognized (a section heading, say): the run of stray lines is over.
    mutating func recognized() {
        strayRun = 0
    }

    /// A line that gave the current dump a value.
    mutating func placed(_ line: Int) {
        lastLine = line
        strayRun = 0
    }

    /// A line inside a dump that fits nowhere: warned about; six in a row end the dump.
    mutating func stray(_ line: Int, _ content: String) {
        guard reading, !content.isEmpty else { return }
        strayRun += 1
        if strayRun > 5 {
            finish()
        } else {
            warn(line, "cannot place this line in the \(structure) dump: '\(content.prefix(60))'")
        }
    }

    mutating func warn(_ line: Int, _ message: String) {
        warnings.append(InputWarning(.line(name, line), message))
    }
}
