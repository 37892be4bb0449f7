import Testing

@testable import VMCSInspect

/// The JSON grammar check that locates a broken document's line before it is decoded.
@Suite struct JSONSyntaxTests {
    static func problem(_ text: String) -> JSONSyntax.Problem? { JSONSyntax.check(Array(text.utf8)) }

    @Test func validDocumentsPass() {
        #expect(Self.problem(#"{"a": [1, -2.5e3, 0, 1E+2, true, false, null, "x\"y\\"], "b": {}, "c": []}"#) == nil)
        #expect(Self.problem("\u{FEFF}{}\n") == nil)
        #expect(Self.problem("  [ ]  ") == nil)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, "expected a key in double quotes, found '}'"),
        ("[1 2]", 1, "expected ',' or ']', found '2'"),
        ("{\"a\"\n:\n", 3, "expected a value, found the end of the input"),
        ("{\"a\" 1}", 1, "expected ':' after a key, found '1'"),
        ("{}\n{}", 2, "expected the end of the input after the document, found '{'"),
        ("[\"abc", 1, "expected a string to close with '\"', found the end of the input"),
        ("[\"a\nb\"]", 1, "expected a string to close with '\"' on its line, found a control byte"),
        ("[-]", 1, "expected a number, found a malformed one"),
        ("[1.]", 1, "expected a number, found a malformed one"),
        ("[tru]", 1, "expected a value, found 't'"),
        ("[\u{01}]", 1, "expected a value, found the byte 0x01"),
        ("", 1, "expected a value, found the end of the input"),
        ("{\"a\": [1, 2}", 1, "expected ',' or ']', found '}'"),
    ])
    func brokenDocumentsAreLocated(_ text: String, _ line: Int, _ message: String) {
        #expect(Self.problem(text) == JSONSyntax.Problem(line: line, message: message))
    }

    /// A `show --json` document is decoded a snapshot at a time: its parts are found by their
    /// bytes. Any other shape (a key spelled with an escape, a key twice, a schema that is no
    /// string) is left to the whole-document decoder, and reads the same.
    @Test func showDocumentPartsAreFoundByTheirBytes() throws {
        let text = #"{"schema": "vmcs-inspect/show/2", "x": {"snapshots": [1]}, "snapshots": [ {"a": "]}"}, [2] ,{} ]}"#
        let bytes = Array(text.utf8)
        let parts = try #require(JSONSyntax.showDocument(bytes))
        #expect(String(decoding: bytes[parts.schema], as: UTF8.self) == #""vmcs-inspect/show/2""#)
        #expect(parts.snapshots.map { String(decoding: bytes[$0], as: UTF8.self) } == [#"{"a": "]}"}"#, "[2]", "{}"])
        #expect(JSONSyntax.showDocument(Array(#"{"schema": "s", "snapshots": []}"#.utf8))?.snapshots.isEmpty == true)
        for other in [
            #"{"schema": "s", "snapshots": [], "schema": "t"}"#, #"{"schema": 2, "snapshots": []}"#, #"{"sch\u0065ma": "s", "snapshots": []}"#,
            #"{"schema": "s", "snapshots": {}}"#, #"{"schema": "s"}"#, "[]",
        ] {
            #expect(JSONSyntax.showDocument(Array(other.utf8)) == nil, "\(other)")
        }
        // Both ways read the same snapshots, and say the same of a broken item.
        let item = #"{"type": "snapshot", "architecture": "svm", "fields": [{"id": "control.asid", "value": "0x00000001"}]}"#
        for document in [#"{"schema": "vmcs-inspect/show/2", "snapshots": [\#(item), \#(item)]}"#, #"{"snapshots": [\#(item), \#(item)], "sch\u0065ma": "vmcs-inspect/show/2"}"#] {
            let read = try SnapshotReader.read(document + "\n", name: "t.json")
            #expect(read.snapshots.map { $0.integer("control.asid") } == [1, 1])
            let broken = document.replacingOccurrences(of: #""control.asid", "value": "0x00000001"}]}]"#, with: #""control.asid", "value": 1}]}]"#)
            #expect(throws: InspectError.self) { try SnapshotReader.read(broken + "\n", name: "t.json") }
            let error = try #require(throws: InspectError.self) { try SnapshotReader.read(broken + "\n", name: "t.json") }
            #expect(error.description == "t.json: snapshots[1].fields[0].value: expected a string, found a number")
        }
    }

    /// Nesting is bounded (the decoder recurses); the check itself does not recurse.
    @Test func nestingIsBounded() {
        let depth = JSONSyntax.maximumDepth
        #expect(Self.problem(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)) == nil)
        #expect(
            Self.problem(String(repeating: "[", count: 100_000))
                == JSONSyntax.Problem(line: 1, message: "expected at most \(depth) nested lists and objects, found more"))
    }
}

/// What `show --jsonl` writes, read back a record at a time. The records here are written by
/// hand in the schema's shape, not by the tool.
@Suite struct JSONLinesInputTests {
    static let head = #"{"schema": "vmcs-inspect/show/2", "type": "#

    static func read(_ lines: [String]) throws -> (snapshots: [Snapshot], warnings: [InputWarning]) {
        try SnapshotReader.read(lines.joined(separator: "\n") + "\n", name: "t.jsonl")
    }

    @Test func snapshotRecordsAreSnapshotsAndWarningsComeAgain() throws {
        let read = try Self.read([
            Self.head
                + #""snapshot", "architecture": "vmx", "fields": [{"id": "guest.rip", "value": "0xffffffff8107a3b5"}, {"id": "exit.reason", "value": "0x00000030"}]}"#,
            Self.head + #""warning", "location": {"file": "dmesg.log", "line": 30}, "message": "this VMCS dump ends early"}"#,
            "",
            Self.head + #""snapshot", "architecture": "svm", "fields": [{"id": "control.exit_code", "value": "0x0000000000000400"}]}"#,
        ])
        #expect(read.snapshots.map(\.architecture) == [.vmx, .svm])
        #expect(read.snapshots.first?.integer("guest.rip") == 0xffff_ffff_8107_a3b5)
        #expect(read.snapshots.first?.integer("exit.reason") == 48)
        #expect(read.snapshots.last?.integer("control.exit_code") == 0x400)
        #expect(read.snapshots.map(\.index) == [0, 1])
        // Each snapshot is located by its record's line; the warning keeps its own place.
        #expect(read.snapshots.last?.location == .line("t.jsonl", 4))
        #expect(read.warnings.map(\.description) == ["dmesg.log:30: this VMCS dump ends early"])
    }

    /// A record longer than a log line may be (a VMCS with every bit is about 130 KB) is read
    /// whole; a whole `show --json` document on one line (`jq -c`) is still a document.
    @Test func longRecordsAndOneLineDocuments() throws {
        let long = String(repeating: "x", count: 200_000)
        let read = try Self.read([
            Self.head
                + #""snapshot", "architecture": "vmx", "metadata": [{"key": "note", "value": "\#(long)"}], "fields": [{"id": "guest.cr4", "value": "0x3726f0"}]}"#
        ])
        #expect(read.snapshots.first?.integer("guest.cr4") == 0x3726f0)
        #expect(read.snapshots.first?.metadata.first?.value.count == 200_000)
        let document = try Self.read([
            #"{"schema":"vmcs-inspect/show/2","snapshots":[{"type":"snapshot","architecture":"svm","fields":[{"id":"control.asid","value":"0x00000001"}]}]}"#
        ])
        #expect(document.snapshots.first?.integer("control.asid") == 1)
    }

    /// A byte string with every byte of its field is read back in memory order.
    @Test func wholeByteStringsAreRead() throws {
        let read = try Self.read([
            Self.head
                + #""snapshot", "architecture": "svm", "fields": [{"id": "control.insn_bytes", "value": "89 90 f0 00 00 00 48 83 c4 08 5d c3 cc cc cc"}]}"#
        ])
        #expect(read.snapshots.first?.values["control.insn_bytes"] == .bytes([0x89, 0x90, 0xf0, 0, 0, 0, 0x48, 0x83, 0xc4, 0x08, 0x5d, 0xc3, 0xcc, 0xcc, 0xcc]))
    }

    @Test(arguments: [
        ([head + #""event", "index": 0}"#], "t.jsonl:1: a record of type 'event': only snapshot records are read back (and warnings, given again)"),
        ([head + #""snapshot", "architecture": "vmx", "fields": [}"#], "t.jsonl:1: invalid JSON: expected a value, found '}'"),
        (
            [head + #""snapshot", "architecture": "vmx", "fields": []}"#, head + #""snapshot", "architecture": "arm", "fields": []}"#],
            "t.jsonl:2: snapshot.architecture: expected 'vmx' or 'svm', found 'arm'"
        ),
        ([head + #""warning", "location": {"file": "a"}, "message": "m"}"#], "t.jsonl: the JSON Lines input holds no snapshot records"),
        // The VMCB's instruction bytes are 15 (APM Vol. 2, Table B-1: 0D1h-0DFh); fewer would
        // leave bytes unknown that the snapshot would show, more would invent some.
        (
            [head + #""snapshot", "architecture": "vmx", "fields": [{"id": "guest.cr4", "value": "0x2020", "absent_bits": "0xffffffff0000000g"}]}"#],
            "t.jsonl:1: snapshot.fields[0].absent_bits: expected a hex number of at most 64 bits for guest.cr4, found '0xffffffff0000000g'"
        ),
        (
            [head + #""snapshot", "architecture": "vmx", "fields": [], "failures": [{"kind": "vmx_exit_reason", "value": "0x180000021", "msr": null, "msr_value": null, "text": "t"}]}"#],
            "t.jsonl:1: snapshot.failures[0].value: expected a 32-bit number for vmx_exit_reason, found '0x180000021'"
        ),
        (
            [head + #""snapshot", "architecture": "svm", "fields": [{"id": "control.insn_bytes", "value": "0f 01"}]}"#],
            "t.jsonl:1: snapshot.fields[0].value: expected the 15 bytes of control.insn_bytes in hex with spaces between ('0f 1f 44 ...'); found '0f 01' (2 bytes)"
        ),
        (
            [head + #""snapshot", "architecture": "svm", "fields": [{"id": "control.insn_bytes", "value": "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f"}]}"#],
            "t.jsonl:1: snapshot.fields[0].value: expected the 15 bytes of control.insn_bytes in hex with spaces between ('0f 1f 44 ...'); found '00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f' (16 bytes)"
        ),
        (
            [head + #""snapshot", "architecture": "svm", "fields": [{"id": "control.insn_bytes", "value": "0f 1"}]}"#],
            "t.jsonl:1: snapshot.fields[0].value: expected the 15 bytes of control.insn_bytes in hex with spaces between ('0f 1f 44 ...'); found '0f 1'"
        ),
    ])
    func badRecordsAreLocated(_ lines: [String], _ message: String) {
        #expect(throws: InspectError.self) { try Self.read(lines) }
        do {
            _ = try Self.read(lines)
        } catch {
            #expect((error as? InspectError)?.description == message)
        }
    }
}
