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

    /// Nesting is bounded (the decoder recurses); the check itself does not recurse.
    @Test func nestingIsBounded() {
        let depth = JSONSyntax.maximumDepth
        #expect(Self.problem(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)) == nil)
        #expect(
            Self.problem(String(repeating: "[", count: 100_000))
                == JSONSyntax.Problem(line: 1, message: "expected at most \(depth) nested lists and objects, found more"))
    }
}
